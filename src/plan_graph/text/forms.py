"""The monitoring form: its columns, the rows a body's form has, and a row as read from a filled one.

A form is one table with a header row. Each of the body's activities has a status row (the indicator cell
empty) and one row per indicator. The first columns say which row it is (reporter, period, activity,
indicator) and what the plan says of it (its text, the indicator's kind, the body's role, the deadline): the
template fills them, and they are locked in the XLSX. The body fills the rest: the day it reports on, and on a
status row the status, evidence and notes, on an indicator row the value, a link and notes.

Forms written before the reporting date, role and deadline columns existed (LEGACY_COLUMNS) are read too.
Reading the files is text/form_files.py; what the rows mean, checks/forms.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plan_graph.text.records import Activity, DeadlineKind, IndicatorKind
from plan_graph.text.registry import Actor

# the form's columns: key -> header (Romanian · English), in order
COLUMNS = {
    "reporter": "Raportor · Reporter",
    "period": "Perioada · Period",
    "reported_on": "Data raportării · Reported on",
    "activity": "Activitatea · Activity",
    "indicator": "Indicatorul · Indicator",
    "text": "Din plan · From the plan",
    "kind": "Tip · Kind",
    "role": "Rol · Role",
    "deadline": "Termen · Deadline",
    "value": "Valoare · Value",
    "link": "Link",
    "status": "Stadiu · Status",
    "evidence": "Dovezi · Evidence",
    "notes": "Note · Notes",
}
# the columns of the forms written before the reporting date, role and deadline were added (still read)
LEGACY_COLUMNS = (
    "reporter",
    "period",
    "activity",
    "indicator",
    "text",
    "kind",
    "value",
    "link",
    "status",
    "evidence",
    "notes",
)
LAYOUTS = (tuple(COLUMNS), LEGACY_COLUMNS)
IDENTITY = ("reporter", "period", "activity", "indicator")  # which row it is
FROM_THE_PLAN = ("text", "kind", "role", "deadline")  # what the plan says: written by the template, not read
ON_STATUS_ROWS = ("status", "evidence")  # read on an activity's status row only
ON_INDICATOR_ROWS = ("value", "link")  # read on an indicator's row only
FILLED_IN = ("reported_on", "value", "link", "status", "evidence", "notes")  # what the body fills in
SHEET = "Raport"  # the sheet of an XLSX form that holds the table
LISTS_SHEET = "Liste"  # a hidden sheet: the statuses the drop-down list offers
ABOUT_SHEET = "Despre · About"  # what the form is and how to fill it in
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

KINDS = {
    "activity": "activitate · activity",
    IndicatorKind.COUNT: "numeric · count",
    IndicatorKind.DELIVERABLE: "rezultat · deliverable",
}
ROLES = {"responsible": "responsabil · responsible", "partner": "partener · partner"}
# the EU frequency table's codes the plan's recurring deadlines use, in words (the forms' and the pages')
FREQUENCIES = {"ANNUAL": "every year", "ANNUAL_2": "twice a year", "QUARTERLY": "every quarter", "CONT": "continuously"}


@dataclass(frozen=True)
class FormRow:
    """A non-empty row of a filled form, with where it is: what messages name."""

    file: str  # the file, as messages name it
    sheet: str  # the XLSX sheet, or "" for a CSV file
    row: int  # as a spreadsheet numbers it: the header is row 1
    values: dict[str, str]  # column key -> the cell's text, stripped ("" when empty or not in the layout)
    layout: tuple[str, ...] = tuple(COLUMNS)  # the file's columns, in order
    hyperlinks: dict[str, str] = field(default_factory=dict)  # column key -> a cell's hyperlink target (XLSX)

    def cell(self, key: str) -> str:
        """Where a column's cell is, for messages: "form.xlsx, sheet Raport, cell J5 (Valoare · Value)"."""
        return f"{self.place()}cell {cell_name(self.layout, key, self.row)} ({COLUMNS[key]})"

    def place(self) -> str:
        return f"{self.file}, sheet {self.sheet}, " if self.sheet else f"{self.file}, "


def cell_name(layout: tuple[str, ...], key: str, row: int) -> str:
    return f"{LETTERS[layout.index(key)]}{row}"


def role_of(body: Actor, activity: Activity) -> str | None:
    """The body's role in the activity ("responsible" first), or None when the plan does not involve it."""
    if body.code in activity.responsible.codes:
        return "responsible"
    if body.code in activity.partners.codes:
        return "partner"
    return None


def deadline_text(activity: Activity) -> str:
    """The activity's deadlines as written, each recurring one with how often: "Iunie 2019; Anual · every year"."""
    parts = []
    for deadline in activity.deadlines:
        if deadline.kind is DeadlineKind.ONE_OFF or deadline.frequency is None:
            parts.append(deadline.written)
        else:
            parts.append(f"{deadline.written} · {FREQUENCIES[deadline.frequency]}")
    return "; ".join(parts)


def form_rows(body: Actor, period: str, activities: list[Activity]) -> list[dict[str, str]]:
    """The rows of a body's form: for each activity it is involved in, in the order of the text, a status row and a
    row per indicator, with what the plan says of it."""
    rows: list[dict[str, str]] = []
    for activity in activities:
        role = role_of(body, activity)
        if role is None:
            continue
        base = {
            "reporter": body.code,
            "period": period,
            "activity": activity.notation,
            "role": ROLES[role],
            "deadline": deadline_text(activity),
        }
        rows.append({**base, "indicator": "", "text": activity.title, "kind": KINDS["activity"]})
        for position, indicator in enumerate(activity.indicators, start=1):
            rows.append({**base, "indicator": str(position), "text": indicator.text, "kind": KINDS[indicator.kind]})
    return rows
