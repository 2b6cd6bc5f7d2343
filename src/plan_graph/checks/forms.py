"""Checking filled monitoring forms against the plan, before anything is written.

Every row of every form (text/form_files.py) is checked; every problem is reported with its file, sheet, row and
cell, and one problem in any form stops the whole import (FormError). What passes becomes each reporting body's
part of the import: its self-reports and indicator values, and the day it reported them (BodyReport).

Read as people type: a status by its notation or its label in Romanian or English, without regard to case,
diacritics or letter form (ş or ș); a link cell by its hyperlink's target; a date as YYYY-MM-DD or DD.MM.YYYY.
Refused: whatever cannot be read one way only, and any filled cell the form does not read (a status on an
indicator's row, a value on an activity's row, notes or evidence with no status or value to go with them).
Warnings: a body reporting on an activity the plan does not involve it in, a date outside the period's reporting
window, a changed cell of the plan's own columns (not read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from plan_graph.checks.form_cells import (
    default_day,
    read_count,
    read_day,
    reporting_window,
    status_choice,
    status_code,
    with_target,
)
from plan_graph.errors import InputError
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.form_files import FormFile
from plan_graph.text.forms import (
    COLUMNS,
    FROM_THE_PLAN,
    ON_INDICATOR_ROWS,
    ON_STATUS_ROWS,
    FormRow,
    cell_name,
    form_rows,
)
from plan_graph.text.records import Activity, IndicatorKind
from plan_graph.text.registry import Actor
from plan_graph.text.reports import IndicatorValue, SelfReport

MAX_SHOWN = 50  # problems listed in one message; the count says how many there are


class FormError(InputError):
    """Filled forms that cannot be imported; the message lists each problem with its cell."""

    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(f"  {problem}" for problem in problems[:MAX_SHOWN])
        more = f"\n  … and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        super().__init__(f"{len(problems)} problem(s) in the forms; nothing was imported:\n{shown}{more}")
        self.problems = problems


@dataclass
class BodyReport:
    """What one reporting body reports in an import: its submission's content and the day it speaks for."""

    body: Actor
    files: list[str] = field(default_factory=list)  # the forms its rows came from, as messages name them
    reports: list[SelfReport] = field(default_factory=list)
    values: list[IndicatorValue] = field(default_factory=list)
    reported_on: str = ""
    dated_by: str = ""  # where the day comes from: a cell, --reported-on, or the default


@dataclass
class CheckedForms:
    bodies: list[BodyReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def reports(self) -> list[SelfReport]:
        return [report for body in self.bodies for report in body.reports]

    @property
    def values(self) -> list[IndicatorValue]:
        return [value for body in self.bodies for value in body.values]


def check_forms(
    forms: list[FormFile],
    period: str,
    activities: list[Activity],
    bodies: list[Actor],
    registry: dict[str, Actor],
    reported_on: str | None = None,
    today: date | None = None,
) -> CheckedForms:
    """The forms' rows as each body's reports; FormError listing every problem. `bodies` are those that report
    (text/registry.reporting_bodies); `reported_on` dates the bodies whose forms give no day."""
    check = _Check(period, activities, bodies, registry)
    for form in forms:
        check.problems += form.problems
        check.checked.warnings += form.warnings
        for row in form.rows:
            check.row(row)
        check.periods_given()
        if not any(row.values[key] for row in form.rows for key in (*ON_STATUS_ROWS, *ON_INDICATOR_ROWS, "notes")):
            check.problems.append(
                f"{form.shown}: nothing is filled in (no status, no value); nothing to import from it"
            )
    check.date_each(reported_on, today or date.today())
    if check.problems:
        raise FormError(check.problems)
    return check.checked


class _Check:
    def __init__(
        self, period: str, activities: list[Activity], bodies: list[Actor], registry: dict[str, Actor]
    ) -> None:
        self.period = period
        self.activities = {activity.notation: activity for activity in activities}
        self.all_activities = activities
        self.registry = registry
        self.bodies = {body.code: body for body in bodies}
        self.by_name = {name.casefold(): body for body in bodies for name in (body.code, body.id, *body.aliases)}
        self.problems: list[str] = []
        self.checked = CheckedForms()
        self.parts: dict[str, BodyReport] = {}
        self.seen: dict[tuple[str, ...], str] = {}  # what a row reports -> where it was first reported
        self.wrong_periods: dict[tuple[str, str], list[FormRow]] = {}  # (file, period written) -> rows
        self.days: dict[str, dict[str, list[str]]] = {}  # body -> day -> cells that give it
        self.expected: dict[str, dict[tuple[str, str], dict[str, str]]] = {}  # body -> its form's rows

    def row(self, row: FormRow) -> None:
        values = row.values
        body = self._reporter(row)
        activity = self._activity(row)
        if values["period"] != self.period:
            self.wrong_periods.setdefault((row.place(), values["period"]), []).append(row)
            return
        if body is None or activity is None:
            return
        part = self.parts.get(body.code)
        if part is None:
            part = self.parts[body.code] = BodyReport(body)
            self.checked.bodies.append(part)
        if row.file not in part.files:
            part.files.append(row.file)
        if values["reported_on"]:
            if (day := read_day(values["reported_on"])) is None:
                self.problems.append(
                    f"{row.cell('reported_on')}: {values['reported_on']!r} is not a date; write "
                    "YYYY-MM-DD or DD.MM.YYYY"
                )
            else:
                self.days.setdefault(body.code, {}).setdefault(day, []).append(row.cell("reported_on"))
        self._plan_columns(row, body, activity)
        if values["indicator"]:
            self._indicator_row(row, body, activity, part)
        else:
            self._status_row(row, body, activity, part)

    def _reporter(self, row: FormRow) -> Actor | None:
        written = row.values["reporter"]
        if not written:
            self.problems.append(
                f"{row.cell('reporter')}: empty; write the code of the body that reports (the "
                "form `plan-graph monitor template` writes has it)"
            )
            return None
        body = self.by_name.get(written.casefold())
        if body is not None:
            return body
        known = self.registry.get(written)
        if known is not None and known.is_category:
            self.problems.append(
                f"{row.cell('reporter')}: {written!r} is a category of organisations, not one body, "
                "and cannot report; each body of it reports on its own form"
            )
        elif known is not None:
            self.problems.append(
                f"{row.cell('reporter')}: {written!r} is involved in no activity of the plan and gets no form"
            )
        else:
            self.problems.append(
                f"{row.cell('reporter')}: unknown body {written!r}; write its code as the plan does (ANITP, IGPR, …)"
            )
        return None

    def _activity(self, row: FormRow) -> Activity | None:
        written = row.values["activity"]
        activity = self.activities.get(written)
        if activity is None:
            said = "empty" if not written else f"unknown activity {written!r}"
            self.problems.append(f"{row.cell('activity')}: {said}; the plan's activities are numbered like 2.3.1")
        return activity

    def _plan_columns(self, row: FormRow, body: Actor, activity: Activity) -> None:
        """The plan's own columns are written by the template and not read: a changed one is a warning."""
        if body.code not in self.expected:
            rows = form_rows(body, self.period, self.all_activities)
            self.expected[body.code] = {(r["activity"], r["indicator"]): r for r in rows}
        expected = self.expected[body.code].get((activity.notation, row.values["indicator"]))
        if expected is None:
            return
        for key in FROM_THE_PLAN:
            if key in row.layout and row.values[key] and row.values[key] != expected[key]:
                self.checked.warnings.append(
                    f"{row.cell(key)}: differs from what the plan says ({expected[key]!r}); not read"
                )

    def _misplaced(self, row: FormRow, keys: Iterable[str], where: str) -> bool:
        found = False
        for key in keys:
            if row.values[key]:
                found = True
                self.problems.append(
                    f"{row.cell(key)}: {row.values[key]!r} is not read on {where}; {_where_it_goes(key)}"
                )
        return found

    def _alone(self, row: FormRow, keys: tuple[str, ...], main: str) -> None:
        """Cells that go with a status or a value (`main`) on a row that has none: each named, for none is read."""
        for key in keys:
            if row.values[key]:
                self.problems.append(
                    f"{row.cell(key)}: {row.values[key]!r} goes with a {main}, and the {main} ({row.cell(main)}) is "
                    f"empty; give the {main} too"
                )

    def _status_row(self, row: FormRow, body: Actor, activity: Activity, part: BodyReport) -> None:
        values = row.values
        if self._misplaced(row, ON_INDICATOR_ROWS, "an activity's status row"):
            return
        if not values["status"]:
            self._alone(row, ("evidence", "notes"), "status")
            return
        code = status_code(values["status"])
        if code is None:
            choices = "; ".join(status_choice(c) for c in STATUS_LABELS)
            self.problems.append(f"{row.cell('status')}: unknown status {values['status']!r}; one of: {choices}")
            return
        if not self._first(("status", activity.notation, body.code), row.cell("status")):
            return
        evidence = with_target(values["evidence"], row.hyperlinks.get("evidence", ""))
        part.reports.append(SelfReport(activity.notation, body.id, code, evidence, values["notes"]))
        if body.code not in (*activity.responsible.codes, *activity.partners.codes):
            self.checked.warnings.append(
                f"{row.cell('reporter')}: {body.code} is neither responsible for activity "
                f"{activity.notation} nor a partner in it"
            )

    def _indicator_row(self, row: FormRow, body: Actor, activity: Activity, part: BodyReport) -> None:
        values = row.values
        written = values["indicator"]
        if not written.isdigit() or not 1 <= int(written) <= len(activity.indicators):
            self.problems.append(
                f"{row.cell('indicator')}: unknown indicator {written!r} of activity "
                f"{activity.notation} (it has {len(activity.indicators)}, numbered from 1)"
            )
            return
        if self._misplaced(row, ON_STATUS_ROWS, "an indicator's row"):
            return
        link = self._link(row)
        if not values["value"]:
            self._alone(row, ("link", "notes"), "value")
            return
        if link is None:
            return
        position = int(written)
        if not self._first(("value", activity.notation, written, body.code), row.cell("value")):
            return
        if activity.indicators[position - 1].kind is IndicatorKind.COUNT:
            count = read_count(values["value"])
            if isinstance(count, str):
                self.problems.append(
                    f"{row.cell('value')}: indicator {position} of activity {activity.notation} "
                    f"counts something; {count}"
                )
                return
            part.values.append(
                IndicatorValue(activity.notation, position, body.id, count=count, link=link, note=values["notes"])
            )
        else:
            part.values.append(
                IndicatorValue(
                    activity.notation, position, body.id, deliverable=values["value"], link=link, note=values["notes"]
                )
            )

    def _link(self, row: FormRow) -> str | None:
        """The link cell's web address (its hyperlink's target when it has one); None after a problem."""
        written, target = row.values["link"], row.hyperlinks.get("link", "")
        address = target or written
        if not address:
            return ""
        if target and written and written != target:
            self.checked.warnings.append(
                f"{row.cell('link')}: read the hyperlink's target {target}; the text it shows, {written!r}, is not kept"
            )
        if len(re.findall(r"https?://", address)) > 1 or re.search(r"\s", address):
            self.problems.append(
                f"{row.cell('link')}: {address!r} holds more than one address; give one web "
                "address (others can go in Notes)"
            )
            return None
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self.problems.append(f"{row.cell('link')}: {address!r} is not a web address (https://host/…)")
            return None
        return address

    def _first(self, key: tuple[str, ...], cell: str) -> bool:
        """Whether this is the first row reporting `key`; a problem naming both places if not."""
        if key in self.seen:
            what = "a value for this indicator" if key[0] == "value" else "a status for this activity"
            self.problems.append(f"{cell}: {what}, period and reporter was already given at {self.seen[key]}")
            return False
        self.seen[key] = cell
        return True

    def periods_given(self) -> None:
        """One line for each wrong period a file gives, however many rows give it (called after each file)."""
        for (place, written), rows in self.wrong_periods.items():
            said = f"the period is {written!r}" if written else "the period is empty"
            if len(rows) == 1:
                self.problems.append(f"{rows[0].cell('period')}: {said}, but this import is for {self.period}")
            else:
                first, last = (cell_name(row.layout, "period", row.row) for row in (rows[0], rows[-1]))
                self.problems.append(
                    f"{place}cells {first}-{last} ({COLUMNS['period']}): in {len(rows)} rows {said}, but this import "
                    f"is for {self.period}"
                )
        self.wrong_periods.clear()

    def date_each(self, reported_on: str | None, today: date) -> None:
        """Each body's day: the one its rows give (one only), else --reported-on, else the period's last day."""
        first, last = reporting_window(self.period)
        for part in self.checked.bodies:
            days = self.days.get(part.body.code, {})
            if len(days) > 1:
                listing = "; ".join(f"{day} ({', '.join(cells)})" for day, cells in sorted(days.items()))
                self.problems.append(f"{part.body.code} gives {len(days)} reporting dates: {listing}; give one")
                continue
            if days:
                part.reported_on, cells = next(iter(days.items()))
                part.dated_by = cells[0]
            elif reported_on:
                part.reported_on, part.dated_by = reported_on, "--reported-on"
            else:
                part.reported_on = default_day(self.period)
                part.dated_by = "the default: the period's last day"
                self.checked.warnings.append(
                    f"{part.body.code} ({', '.join(part.files)}): no reporting date in "
                    f"the form; dated {part.reported_on}, the period's last day (fill in "
                    f"{COLUMNS['reported_on']!r}, or give --reported-on)"
                )
            if not first <= part.reported_on <= last:
                self.checked.warnings.append(
                    f"{part.body.code}: reported on {part.reported_on} ({part.dated_by}), "
                    f"outside the reporting window of {self.period} ({first} to {last})"
                )
            elif part.reported_on > today.isoformat():
                self.checked.warnings.append(
                    f"{part.body.code}: reported on {part.reported_on} ({part.dated_by}), a day still to come"
                )


def _where_it_goes(key: str) -> str:
    if key in ON_INDICATOR_ROWS:
        return "a value or a link goes on the indicator's row (the indicator cell numbered)"
    return "a status and its evidence go on the activity's status row (the indicator cell empty)"
