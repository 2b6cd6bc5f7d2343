"""Reading the published plan text into records (plain Python, no RDF).

Each activity row glues five columns together: title, indicators, deadline(s), "Responsabili:" …
"Parteneri:" …, resources. The reader cuts them apart with the markers the text has ("Responsabili:",
"Parteneri:", the deadline words at the end of the head, the words a resource starts with) and with
capitalisation: in Romanian prose a capital never follows a small letter inside a word, so a capital
glued onto a small letter starts the next indicator.

Every line between the headings becomes exactly one activity or one reported error naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from plan_graph.errors import InputError
from plan_graph.text.actor_text import ActorTextError, Lexicon
from plan_graph.text.header import MONTHS, read_header
from plan_graph.text.records import (
    Abbreviation,
    Activity,
    ActorCell,
    Area,
    Correction,
    Deadline,
    DeadlineKind,
    FundingKind,
    GeneralObjective,
    Indicator,
    IndicatorKind,
    ParseIssue,
    PlanRecords,
    Relation,
    Resource,
    SpecificObjective,
)
from plan_graph.text.registry import Actor, TextCorrection, load_corrections, load_registry
from plan_graph.text.source import PlanText

# EU frequency table codes (http://publications.europa.eu/resource/authority/frequency/…)
FREQUENCIES = {"Anual": "ANNUAL", "Semestrial": "ANNUAL_2", "Trimestrial": "QUARTERLY", "Permanent": "CONT"}

_DEADLINE = rf"(?:(?:{'|'.join(MONTHS)})\s+\d{{4}}|{'|'.join(FREQUENCIES)})"
_DEADLINES_AT_END = re.compile(rf"(?:{_DEADLINE}\s*)+$")
_ONE_DEADLINE = re.compile(_DEADLINE)

# The first word of every kind of indicator the plan uses. Glued ones are found by capitalisation
# alone; these also start an indicator after a plain space or after a glued abbreviation ("UENumăr").
INDICATOR_HEADS = (
    "Număr",
    "Numărul",
    "Grup",
    "Regulament",
    "Listă",
    "Instrucțiuni",
    "Rapoarte",
    "Raport",
    "Soluții",
    "Analiză",
    "Curriculă",
    "Program",
    "Structuri",
    "Obstacole",
    "Domenii",
    "Mod",
    "Echipa",
    "Indicatori",
    "Măsuri",
    "Studii",
    "Modificarea",
    "Schimb",
    "Rezultate",
)
_HEAD_AFTER_SPACE_OR_CODE = re.compile(
    rf"(?<=[\sA-ZĂÂÎȘȚ])(?:{'|'.join(sorted(INDICATOR_HEADS, key=len, reverse=True))})(?![\wăâîșț])"
)
_GLUED_CAPITAL = re.compile(r"(?<=[a-zăâîșț).])(?=[A-ZĂÂÎȘȚ])")
_COUNT_INDICATOR = re.compile(r"^Număr(ul)?\b")

_RESOURCE_START = re.compile(r"Bugetele |Buget|Finanțare externă|Proiect - |Nu este cazul\.")
_RESPONSIBLE = "Responsabili:"
_PARTNERS = "Parteneri:"

_AREA = re.compile(r"^[A-ZĂÂÎȘȚ ,\-]{10,}$")
_GENERAL = re.compile(r"^Obiectiv general (\d+):\s*(.+)$")
_SPECIFIC = re.compile(r"^Obiectiv specific (\d+)\.(\d+)(:?)\s*(.+)$")
_COLUMN_HEADER = "ActivitateIndicatoriTermenResponsabili/ParteneriResurse"
_RULE = re.compile(r"^[-–—_=*]+$")  # a typographic rule, such as the one closing the text
_ABBREVIATIONS = re.compile(r"^\+?\s*Lista abrevierilor")
_ABBREVIATION = re.compile(r"^([A-ZĂÂÎȘȚ][A-ZĂÂÎȘȚ ]*?[A-ZĂÂÎȘȚ])\s*([A-ZĂÂÎȘȚ][a-zăâîșț].*)$")


class RowError(InputError):
    pass


def parse_plan(
    text: str | PlanText,
    registry: dict[str, Actor] | None = None,
    corrections: list[TextCorrection] | None = None,
) -> PlanRecords:
    """Records of everything the plan text says; problems are collected in `issues`, never raised.

    The text is read in its normalised form (normalise.py: any letter forms, spaces and line ends give the
    same records); the lines as printed are kept for provenance."""
    source = text if isinstance(text, PlanText) else PlanText.of(text)
    registry = registry if registry is not None else load_registry()
    corrections = corrections if corrections is not None else load_corrections()
    lines = source.text.splitlines()  # as many as printed: normalise() leaves only LF to end a line
    numbered = [(number, line.strip()) for number, line in enumerate(lines, start=1)]
    plan = PlanRecords(document=None, source_lines=dict(enumerate(source.printed, start=1)))

    list_start = next((n for n, line in numbered if _ABBREVIATIONS.match(line)), None)
    if list_start is None:
        # about the whole text, so it names the place where the list should have been: the last line
        plan.issues.append(ParseIssue(max(len(lines), 1), "", "no 'Lista abrevierilor' (abbreviation list) found"))
        body, tail = numbered, []
    else:
        body, tail = numbered[: list_start - 1], numbered[list_start:]
    plan.abbreviations = _read_abbreviations(tail, plan.issues)
    lexicon = Lexicon(registry, plan.abbreviations, corrections)

    first_heading = next((i for i, (_, line) in enumerate(body) if _AREA.match(line)), len(body))
    plan.document = read_header(body[:first_heading], plan.issues)
    _read_body(body[first_heading:], plan, lexicon)
    _note_undefined_codes(plan, registry)
    return plan


def _read_abbreviations(lines: Iterable[tuple[int, str]], issues: list[ParseIssue]) -> list[Abbreviation]:
    found = []
    for number, line in lines:
        if not line or _RULE.match(line):
            continue
        match = _ABBREVIATION.match(line)
        if match:
            found.append(Abbreviation(match.group(1), match.group(2).strip(), number))
        else:
            issues.append(ParseIssue(number, line, "not an abbreviation entry (CODE followed by its name)"))
    return found


def _read_body(lines: list[tuple[int, str]], plan: PlanRecords, lexicon: Lexicon) -> None:
    area: Area | None = None
    general: GeneralObjective | None = None
    specific: SpecificObjective | None = None
    position = 0
    group_founders: dict[str, str] = {}  # group code -> notation of the activity that sets it up
    for number, line in lines:
        if not line or line == _COLUMN_HEADER or _RULE.match(line):
            continue
        if _AREA.match(line):
            area = Area(len(plan.areas) + 1, line, number)
            plan.areas.append(area)
            continue
        if match := _GENERAL.match(line):
            if area is None:
                plan.issues.append(ParseIssue(number, line, "general objective before any area heading"))
                continue
            general = GeneralObjective(match.group(1), area.number, match.group(2).strip(), number)
            plan.general_objectives.append(general)
            continue
        if match := _SPECIFIC.match(line):
            notation = f"{match.group(1)}.{match.group(2)}"
            if general is None or match.group(1) != general.notation:
                plan.issues.append(
                    ParseIssue(
                        number,
                        line,
                        f"specific objective {notation} is not under general objective "
                        f"{general.notation if general else '(none)'}",
                    )
                )
                specific = None
                continue
            if not match.group(3):
                written = f"Obiectiv specific {notation}"
                plan.corrections.append(
                    Correction(number, written, written + ":", "heading without the colon the other headings have")
                )
            specific = SpecificObjective(notation, general.notation, match.group(4).strip(), number, line)
            plan.specific_objectives.append(specific)
            position = 0
            continue
        if specific is None:
            plan.issues.append(ParseIssue(number, line, "text outside any specific objective"))
            continue
        position += 1
        notation = f"{specific.notation}.{position}"
        try:
            activity, corrections = _read_activity(notation, specific.notation, number, line, lexicon, group_founders)
        except RowError as error:
            plan.issues.append(ParseIssue(number, line, f"activity {notation}: {error}"))
            continue
        plan.activities.append(activity)
        plan.corrections.extend(corrections)


def _read_activity(
    notation: str, objective: str, number: int, source_text: str, lexicon: Lexicon, group_founders: dict[str, str]
) -> tuple[Activity, list[Correction]]:
    row = source_text.strip()
    if row.count(_RESPONSIBLE) != 1:
        raise RowError(f"expected one {_RESPONSIBLE!r} column, found {row.count(_RESPONSIBLE)}")
    head, actors = row.split(_RESPONSIBLE)
    if actors.count(_PARTNERS) != 1:
        raise RowError(f"expected one {_PARTNERS!r} column after {_RESPONSIBLE!r}")
    responsible_text, rest = actors.split(_PARTNERS)

    head = head.rstrip()
    deadline_match = _DEADLINES_AT_END.search(head)
    if not deadline_match:
        raise RowError(f"no deadline (a month and year, or {', '.join(FREQUENCIES)}) before {_RESPONSIBLE!r}")
    deadlines = tuple(_deadline(m.group(0)) for m in _ONE_DEADLINE.finditer(deadline_match.group(0)))
    pieces = _split_indicators(head[: deadline_match.start()])
    if len(pieces) < 2:
        raise RowError("no indicator after the title")
    title, indicator_texts = pieces[0], pieces[1:]
    indicators = tuple(
        Indicator(text, IndicatorKind.COUNT if _COUNT_INDICATOR.match(text) else IndicatorKind.DELIVERABLE)
        for text in indicator_texts
    )

    resource_match = _RESOURCE_START.search(rest)
    if not resource_match:
        raise RowError("no resources column (Buget …, Finanțare …, Proiect …, Nu este cazul.)")
    partner_text, resource_text = rest[: resource_match.start()], rest[resource_match.start() :]

    corrections: list[Correction] = []
    relations: list[Relation] = []
    cells: list[ActorCell] = []
    for role_text in (responsible_text, partner_text):
        try:
            expression = lexicon.parse(role_text, number)
        except ActorTextError as error:
            raise RowError(str(error)) from error
        for group in expression.groups:
            if group not in group_founders:
                raise RowError(f"{group!r} is named before any activity sets it up")
        cells.append(ActorCell(role_text.strip(), expression.codes, expression.groups, expression.items))
        corrections.extend(expression.corrections)
        relations.extend(expression.relations)
    responsible, partners = cells
    if not responsible.codes:
        raise RowError(f"no actor under {_RESPONSIBLE!r}")

    resources: list[Resource] = []
    for written in _split_resources(resource_text):
        resource, fixes = _resource(written, number, lexicon)
        resources.append(resource)
        corrections.extend(fixes)

    establishes = _established_group(indicators, lexicon)
    if establishes:
        group_founders.setdefault(establishes, notation)
    activity = Activity(
        notation=notation,
        objective=objective,
        line=number,
        source_text=source_text,
        title=title,
        indicators=indicators,
        deadlines=deadlines,
        responsible=responsible,
        partners=partners,
        resources=tuple(resources),
        establishes=establishes,
        relations=tuple(relations),
    )
    return activity, corrections


def _split_indicators(text: str) -> list[str]:
    cuts = {m.start() for m in _GLUED_CAPITAL.finditer(text)}
    cuts |= {m.start() for m in _HEAD_AFTER_SPACE_OR_CODE.finditer(text)}
    bounds = [0, *sorted(cut for cut in cuts if cut > 0), len(text)]
    return [piece for a, b in pairwise(bounds) if (piece := text[a:b].strip())]


def _deadline(written: str) -> Deadline:
    if written in FREQUENCIES:
        return Deadline(written, DeadlineKind.RECURRING, frequency=FREQUENCIES[written])
    month, year = written.split()
    return Deadline(written, DeadlineKind.ONE_OFF, year_month=f"{year}-{MONTHS[month]:02d}")


def _split_resources(text: str) -> list[str]:
    starts = [m.start() for m in _RESOURCE_START.finditer(text)]
    bounds = [*starts, len(text)]
    return [piece for a, b in pairwise(bounds) if (piece := text[a:b].strip())]


def _resource(written: str, line: int, lexicon: Lexicon) -> tuple[Resource, list[Correction]]:
    fixes = []
    text = written
    if text.endswith(","):
        text = text.rstrip(",").rstrip()
        fixes.append(Correction(line, written, text, "trailing comma at the end of a resource"))
    if text.startswith("Nu este cazul."):
        return Resource(written, text, FundingKind.NOT_APPLICABLE), fixes
    if text.startswith("Proiect - "):
        return Resource(written, text, FundingKind.PROJECT_GRANT), fixes
    if text.startswith("Finanțare externă"):
        return Resource(written, text, FundingKind.EXTERNAL_GRANT), fixes
    if text.startswith("Bugetele "):
        return Resource(written, text, FundingKind.RESPONSIBLE_BUDGETS), fixes
    holder_text = text[len("Buget") :]
    if not holder_text.startswith(" "):
        before = text
        text = "Buget " + holder_text
        fixes.append(Correction(line, before, text, "missing space between 'Buget' and the body's code"))
    try:
        holders = lexicon.parse(holder_text, line).codes
    except ActorTextError as error:
        raise RowError(f"resource {written!r}: {error}") from error
    if not holders:
        raise RowError(f"resource {written!r} names no budget holder")
    return Resource(written, text, FundingKind.BUDGET, holders), fixes


def _established_group(indicators: tuple[Indicator, ...], lexicon: Lexicon) -> str | None:
    """The collective body an activity sets up: its indicator is the group's opener without the colon."""
    for term in lexicon.terms:
        if term.opens_group and any(indicator.text == term.text[:-1] for indicator in indicators):
            return term.code
    return None


def _note_undefined_codes(plan: PlanRecords, registry: dict[str, Actor]) -> None:
    """Codes the plan uses without defining them in its list: kept, and said so."""
    defined = {abbreviation.code for abbreviation in plan.abbreviations}
    seen: set[str] = set()
    for activity in plan.activities:
        for code in (*activity.responsible.codes, *activity.partners.codes):
            if code in seen or code in defined or not code.isupper():
                continue
            seen.add(code)
            name = registry[code].name_ro
            plan.issues.append(
                ParseIssue(
                    activity.line,
                    code,
                    f"{code} is used but not defined in the plan's abbreviation list; registry: {name}",
                    severity="warning",
                )
            )
