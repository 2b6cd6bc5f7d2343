"""Checking filled monitoring forms against the plan, before anything is written.

Each row of each form (text/forms.py) is checked; every problem is reported with its file, sheet, row and cell,
and one problem in any form stops the whole import (FormError). What passes becomes the round's self-reports and
indicator values (graph/monitoring.py), which the shapes check next. A reporter that is neither responsible for
an activity nor a partner in it is a warning: a body may report on work it did without the plan naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plan_graph.errors import InputError
from plan_graph.graph.monitoring import IndicatorValue, SelfReport
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.forms import FormRow
from plan_graph.text.records import Activity, IndicatorKind
from plan_graph.text.registry import Actor

MAX_SHOWN = 50  # problems listed in one message; the count says how many there are


class FormError(InputError):
    """Filled forms that cannot be imported; the message lists each problem with its cell."""

    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(f"  {problem}" for problem in problems[:MAX_SHOWN])
        more = f"\n  … and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        super().__init__(f"{len(problems)} problem(s) in the forms; nothing was imported:\n{shown}{more}")
        self.problems = problems


@dataclass
class CheckedForms:
    reports: list[SelfReport] = field(default_factory=list)
    values: list[IndicatorValue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def status_code(written: str) -> str | None:
    """The status a cell names: its notation, its Romanian or English label, or "ro · en" as the list gives it."""
    wanted = written.strip().casefold()
    for code, (ro, en) in STATUS_LABELS.items():
        if wanted in (code, ro.casefold(), en.casefold(), status_choice(code).casefold()):
            return code
    return None


def status_choice(code: str) -> str:
    """How the form's drop-down list shows a status."""
    ro, en = STATUS_LABELS[code]
    return f"{ro} · {en}"


def check_forms(rows: list[FormRow], period: str, activities: list[Activity],
                actors: dict[str, Actor]) -> CheckedForms:  # fmt: skip
    by_notation = {activity.notation: activity for activity in activities}
    checked = CheckedForms()
    problems: list[str] = []
    seen: dict[tuple[str, ...], str] = {}  # what a row reports -> where it was first reported
    for row in rows:
        values = row.values
        reporter = actors.get(values["reporter"])
        activity = by_notation.get(values["activity"])
        if reporter is None:
            problems.append(f"{row.cell('reporter')}: unknown body {values['reporter']!r}; write its code as "
                            "the plan does (ANITP, IGPR, …)")  # fmt: skip
        if values["period"] != period:
            problems.append(f"{row.cell('period')}: the period is {values['period']!r}, but this import is for "
                            f"{period}")  # fmt: skip
        if activity is None:
            problems.append(f"{row.cell('activity')}: unknown activity {values['activity']!r}; the plan's are "
                            "numbered like 2.3.1")  # fmt: skip
        if reporter is None or activity is None or values["period"] != period:
            continue
        if values["indicator"]:
            value = _indicator_value(row, activity, reporter, problems)
            key = ("value", activity.notation, values["indicator"], reporter.id)
            if value is not None and _first(key, row, row.cell("value"), seen, problems):
                checked.values.append(value)
        elif values["status"]:
            code = status_code(values["status"])
            if code is None:
                choices = ", ".join(status_choice(c) for c in STATUS_LABELS)
                problems.append(f"{row.cell('status')}: unknown status {values['status']!r}; one of: {choices}")
                continue
            if not _first(("status", activity.notation, reporter.id), row, row.cell("status"), seen, problems):
                continue
            checked.reports.append(SelfReport(activity.notation, reporter.id, code, values["evidence"],
                                              values["notes"]))  # fmt: skip
            if reporter.code not in (*activity.responsible.codes, *activity.partners.codes):
                checked.warnings.append(f"{row.cell('reporter')}: {reporter.code} is neither responsible for "
                                        f"activity {activity.notation} nor a partner in it")  # fmt: skip
    if problems:
        raise FormError(problems)
    return checked


def _indicator_value(row: FormRow, activity: Activity, reporter: Actor, problems: list[str]) -> IndicatorValue | None:
    values = row.values
    written = values["indicator"]
    if not written.isdigit() or not 1 <= int(written) <= len(activity.indicators):
        problems.append(f"{row.cell('indicator')}: unknown indicator {written!r} of activity {activity.notation} "
                        f"(it has {len(activity.indicators)}, numbered from 1)")  # fmt: skip
        return None
    position = int(written)
    if values["link"] and not values["link"].startswith(("https://", "http://")):
        problems.append(f"{row.cell('link')}: {values['link']!r} is not a web address (https://…)")
        return None
    if not values["value"]:
        return None  # not reported
    if activity.indicators[position - 1].kind is IndicatorKind.COUNT:
        if not re.fullmatch(r"\d+", values["value"]):
            problems.append(f"{row.cell('value')}: indicator {position} of activity {activity.notation} counts "
                            f"something; {values['value']!r} is not a whole number")  # fmt: skip
            return None
        return IndicatorValue(activity.notation, position, reporter.id, count=int(values["value"]),
                              link=values["link"], note=values["notes"])  # fmt: skip
    return IndicatorValue(activity.notation, position, reporter.id, deliverable=values["value"], link=values["link"],
                          note=values["notes"])  # fmt: skip


def _first(key: tuple[str, ...], row: FormRow, cell: str, seen: dict[tuple[str, ...], str],
           problems: list[str]) -> bool:  # fmt: skip
    """Whether this is the first row reporting `key`; a problem naming both places if not."""
    if key in seen:
        what = "a value for this indicator" if key[0] == "value" else "a status for this activity"
        problems.append(f"{cell}: {what}, period and reporter was already given at {seen[key]}")
        return False
    seen[key] = cell
    return True
