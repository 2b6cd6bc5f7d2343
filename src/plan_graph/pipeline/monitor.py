"""`plan-graph monitor`: reporting forms for the bodies of the plan, and their import as reporting rounds.

`template` writes, for each body responsible for an activity or a partner in it (or one body), a form listing
its activities: a status row per activity (status, evidence, notes) and a row per indicator (a typed value, a
link, notes), as XLSX (drop-down list of statuses, whole numbers only in count cells, headers in Romanian with
English) and as CSV. `import` reads filled forms, checks them (checks/forms.py, then the shapes), and writes the
period's round, `ROUNDS/PERIOD.nt`, the named graph …/hg-861-2018/monitoring/PERIOD: all or nothing, replacing
that period's round as a whole and keeping the others.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plan_graph.checks.forms import CheckedForms, check_forms, status_choice
from plan_graph.checks.validation import validate_together
from plan_graph.errors import UsageError, ValidationError
from plan_graph.files import write_atomically
from plan_graph.graph.iris import Iris
from plan_graph.graph.monitoring import round_graph
from plan_graph.graph.stored import stored_graph
from plan_graph.pipeline.build import build
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.dates import is_date
from plan_graph.text.forms import COLUMNS, SHEET, read_form
from plan_graph.text.records import Activity, IndicatorKind, PlanRecords
from plan_graph.text.registry import Actor, load_registry

KINDS = {"activity": "activitate · activity", IndicatorKind.COUNT: "numeric · count",
         IndicatorKind.DELIVERABLE: "rezultat · deliverable"}  # fmt: skip
ABOUT = (
    ("Formular de raportare · Reporting form", ""),
    ("Planul · Plan", "HG 861/2018, planul național de acțiune 2018-2020 · national action plan 2018-2020"),
    ("Cum se completează · How to fill it in",
     "Pe rândul fiecărei activități: stadiul (din listă), dovezile (o adresă sau referința unui document) și note. "
     "Pe rândul fiecărui indicator: valoarea (un număr întreg pentru indicatorii numerici; ce s-a realizat pentru "
     "cei de rezultat), un link și note. Celulele lăsate goale nu sunt raportate. · On each activity's row: its "
     "status (from the list), the evidence (an address or a document's reference) and notes. On each indicator's "
     "row: the value (a whole number for count indicators; what was delivered for deliverables), a link and "
     "notes. Empty cells are not reported."),
    ("Trimitere · Returning it", "plan-graph monitor import FILE --period PERIOD"),
)  # fmt: skip


@dataclass(frozen=True)
class ImportResult:
    written: Path
    checked: CheckedForms


def check_period(period: str) -> str:
    if not re.fullmatch(r"\d{4}", period):
        raise UsageError(f"--period {period!r}: a reporting period is a year, e.g. 2019")
    return period


def bodies_of(activities: list[Activity], registry: dict[str, Actor]) -> list[Actor]:
    """The bodies that report: every actor responsible for an activity or a partner in it, but categories of
    organisations ("ONG"), which are not one body."""
    codes = dict.fromkeys(code for a in activities for code in (*a.responsible.codes, *a.partners.codes))
    return [registry[code] for code in codes if code in registry and not registry[code].is_category]


def form_rows(body: Actor, period: str, activities: list[Activity]) -> list[dict[str, str]]:
    """The rows of a body's form: for each of its activities, a status row and a row per indicator."""
    rows: list[dict[str, str]] = []
    for activity in activities:
        if body.code not in (*activity.responsible.codes, *activity.partners.codes):
            continue
        base = {"reporter": body.code, "period": period, "activity": activity.notation}
        rows.append({**base, "indicator": "", "text": activity.title, "kind": KINDS["activity"]})
        for position, indicator in enumerate(activity.indicators, start=1):
            rows.append({**base, "indicator": str(position), "text": indicator.text, "kind": KINDS[indicator.kind]})
    return rows


def write_templates(plan: PlanRecords, period: str, out_dir: Path, actor: str | None = None,
                    formats: tuple[str, ...] = ("xlsx", "csv")) -> list[Path]:  # fmt: skip
    registry = load_registry()
    bodies = bodies_of(plan.activities, registry)
    if actor is not None:
        chosen = [body for body in bodies if body.code.casefold() == actor.casefold()]
        if not chosen:
            raise UsageError(f"--actor {actor!r} reports on no activity; the bodies that do: "
                             f"{', '.join(body.code for body in bodies)}")  # fmt: skip
        bodies = chosen
    files: dict[Path, bytes] = {}
    for body in bodies:
        rows = form_rows(body, period, plan.activities)
        stem = out_dir / f"{period}-{body.id}"
        if "xlsx" in formats:
            files[stem.with_suffix(".xlsx")] = _xlsx(body, period, rows)
        if "csv" in formats:
            files[stem.with_suffix(".csv")] = _csv(rows)
    write_atomically(files)
    return list(files)


def _csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS.values())
    for row in rows:
        writer.writerow(row.get(key, "") for key in COLUMNS)
    return buffer.getvalue().encode("utf-8")


def _xlsx(body: Actor, period: str, rows: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = SHEET
    sheet.append(list(COLUMNS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(key, "") for key in COLUMNS])
    sheet.freeze_panes = "A2"
    widths = {"reporter": 12, "period": 10, "activity": 12, "indicator": 12, "text": 60, "kind": 22, "value": 18,
              "link": 30, "status": 28, "evidence": 30, "notes": 30}  # fmt: skip
    letter = {key: get_column_letter(i) for i, key in enumerate(COLUMNS, start=1)}
    for key, width in widths.items():
        sheet.column_dimensions[letter[key]].width = width
    lists = workbook.create_sheet("Liste")
    for code in STATUS_LABELS:
        lists.append([status_choice(code)])
    lists.sheet_state = "hidden"
    statuses = DataValidation(type="list", formula1=f"=Liste!$A$1:$A${len(STATUS_LABELS)}", allow_blank=True,
                              showErrorMessage=True, errorTitle="Stadiu · Status",
                              error="Alegeți un stadiu din listă · Choose a status from the list")  # fmt: skip
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="Valoare · Value",
                            error="Un număr întreg, 0 sau mai mare · A whole number, 0 or more")  # fmt: skip
    shaded = PatternFill("solid", fgColor="EEF2F7")
    for number, row in enumerate(rows, start=2):
        if row["indicator"]:
            if row["kind"] == KINDS[IndicatorKind.COUNT]:
                counts.add(f"{letter['value']}{number}")
        else:
            statuses.add(f"{letter['status']}{number}")
            for cell in sheet[number]:
                cell.fill = shaded
        sheet[f"{letter['text']}{number}"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.add_data_validation(statuses)
    sheet.add_data_validation(counts)
    about = workbook.create_sheet("Despre · About")
    for label, text in (*ABOUT, ("Raportor · Reporter", f"{body.code}: {body.name_ro}"),
                        ("Perioada · Period", period)):  # fmt: skip
        about.append([label, text])
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_forms(files: list[Path], period: str, rounds_dir: Path,
                 reported_on: str | None = None) -> ImportResult:  # fmt: skip
    """The forms checked and written as the period's round, all or nothing."""
    period = check_period(period)
    day = reported_on or date.today().isoformat()
    if not is_date(day):
        raise UsageError(f"--reported-on {day!r}: a date, YYYY-MM-DD")
    if not files:
        raise UsageError("no forms given")
    rows = [row for path in files for row in read_form(path)]
    result = build(check=False)
    checked = check_forms(rows, period, result.plan.activities, load_registry())
    sources = [(path.name, hashlib.sha256(path.read_bytes()).hexdigest()) for path in files]
    graph = round_graph(period, checked.reports, checked.values, day, Iris(), sources)
    stored = stored_graph(graph)
    report = validate_together([result.stored, *(c.stored for c in result.companions), stored])
    if not report.conforms:
        listing = "\n".join(f"  {violation}" for violation in report.violations[:50])
        raise ValidationError(f"the round does not conform to the shapes; nothing was imported:\n{listing}")
    target = rounds_dir / f"{period}.nt"
    write_atomically({target: stored.ntriples})
    return ImportResult(target, checked)
