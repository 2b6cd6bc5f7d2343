"""`plan-graph monitor template`: a reporting form for each reporting body, or one, as XLSX and CSV.

A body's form lists, in the order of the text, each activity the plan involves it in: a status row and a row per
indicator (text/forms.py), with what the plan says (the text, the indicator's kind, the body's role, the
deadline and how often). In the XLSX, only the cells the import reads can be edited (the rest are locked and
shaded): on a status row the reporting date, the status (a drop-down list), evidence and notes; on an
indicator's row the reporting date, the value (whole numbers from 0 for a count), a link and notes. A second
sheet says how to fill it in, in Romanian and English. The CSV has the same columns, for those who fill forms by
program.

A form already in the folder is not written over (it may have been filled in) unless asked to (`force`). With
`previous` (the body's submissions of an earlier period), the form starts from what the body reported then.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from plan_graph.checks.form_cells import reporting_window, status_choice
from plan_graph.errors import OutputError, UsageError
from plan_graph.files import write_atomically
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.forms import (
    ABOUT_SHEET,
    COLUMNS,
    KINDS,
    LETTERS,
    LISTS_SHEET,
    ON_INDICATOR_ROWS,
    ON_STATUS_ROWS,
    SHEET,
    form_rows,
)
from plan_graph.text.records import Activity, IndicatorKind
from plan_graph.text.registry import Actor
from plan_graph.text.reports import Submission

WIDTHS = {
    "reporter": 12,
    "period": 10,
    "reported_on": 14,
    "activity": 12,
    "indicator": 12,
    "text": 60,
    "kind": 20,
    "role": 22,
    "deadline": 26,
    "value": 18,
    "link": 30,
    "status": 28,
    "evidence": 30,
    "notes": 30,
}
LOCKED_FILL, INPUT_FILL = "E4E7EB", "FFFFFF"
ABOUT = (
    ("Formular de raportare · Reporting form", ""),
    ("Planul · Plan", "HG 861/2018, planul național de acțiune 2018-2020 · national action plan 2018-2020"),
    (
        "Ce se completează · What to fill in",
        "Numai celulele albe; celelalte (gri) sunt ale planului și sunt blocate. Pe rândul fiecărei activități (fără "
        "număr de indicator): stadiul (din listă), dovezile (o adresă sau referința unui document) și note. Pe rândul "
        "fiecărui indicator: valoarea (un număr întreg, 0 sau mai mare, pentru indicatorii numerici; ce s-a realizat "
        "pentru cei de rezultat), un link (o singură adresă web) și note. Data raportării (AAAA-LL-ZZ) se scrie o "
        "dată, pe primul rând. Celulele lăsate goale nu sunt raportate. · Only the white cells; the others (grey) are "
        "the plan's and are locked. On each activity's row (no indicator number): its status (from the list), the "
        "evidence (an address or a document's reference) and notes. On each indicator's row: the value (a whole "
        "number, 0 or more, for count indicators; what was delivered for deliverables), a link (one web address) and "
        "notes. The reporting date (YYYY-MM-DD) is written once, on the first row. Empty cells are not reported.",
    ),
    (
        "Corecturi · Corrections",
        "Pentru a corecta un raport, trimiteți din nou formularul întreg: el înlocuiește raportul anterior al "
        "instituției pentru perioadă, care este păstrat. · To correct a report, send the whole form again: it replaces "
        "the body's earlier report for the period, which is kept.",
    ),
)


def choose_bodies(bodies: list[Actor], actor: str | None) -> list[Actor]:
    """The bodies to write forms for: all, or the one `actor` names (its code or its id, in any case)."""
    if actor is None:
        return bodies
    chosen = [body for body in bodies if actor.casefold() in (body.code.casefold(), body.id.casefold())]
    if not chosen:
        raise UsageError(
            f"--actor {actor!r} is not a body that reports on an activity; the bodies that do: "
            f"{', '.join(body.code for body in bodies)}"
        )
    return chosen


def write_templates(
    activities: list[Activity],
    bodies: list[Actor],
    period: str,
    out_dir: Path,
    formats: tuple[str, ...] = ("xlsx", "csv"),
    force: bool = False,
    previous: dict[str, Submission] | None = None,
) -> list[Path]:
    """The forms of `bodies` for the period, all or none; `previous` by body id pre-fills them."""
    files: dict[Path, bytes] = {}
    for body in bodies:
        rows = form_rows(body, period, activities)
        if previous and body.id in previous:
            prefill(rows, previous[body.id])
        kinds = {(r["activity"], r["indicator"]): _count_row(r) for r in rows}
        stem = out_dir / f"{period}-{body.id}"
        if "xlsx" in formats:
            files[stem.with_suffix(".xlsx")] = _xlsx(body, period, rows, kinds)
        if "csv" in formats:
            files[stem.with_suffix(".csv")] = _csv(rows)
    existing = [path for path in files if path.exists()]
    if existing and not force:
        listing = ", ".join(str(path) for path in existing)
        raise OutputError(
            f"{listing}: already there (a form may have been filled in it); nothing was written; give "
            "--force to write over it, or --out another folder"
        )
    write_atomically(files)
    return list(files)


def prefill(rows: list[dict[str, str]], submission: Submission) -> None:
    """What the body reported in an earlier period, in the cells it goes in (its period and day are not kept)."""
    reports = {report.activity: report for report in submission.reports}
    values = {(value.activity, str(value.position)): value for value in submission.values}
    for row in rows:
        if not row["indicator"] and (report := reports.get(row["activity"])):
            row.update(status=status_choice(report.status), evidence=report.evidence, notes=report.note)
        elif value := values.get((row["activity"], row["indicator"])):
            shown = str(value.count) if value.count is not None else value.deliverable
            row.update(value=shown, link=value.link, notes=value.note)


def _count_row(row: dict[str, str]) -> bool:
    return row["kind"] == KINDS[IndicatorKind.COUNT]


def _csv(rows: list[dict[str, str]]) -> bytes:
    from plan_graph.files import spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS.values())
    for row in rows:
        writer.writerow(spreadsheet_safe(row.get(key, "")) for key in COLUMNS)
    return buffer.getvalue().encode("utf-8")


def _xlsx(body: Actor, period: str, rows: list[dict[str, str]], counts: dict[tuple[str, str], bool]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = SHEET
    sheet.append(list(COLUMNS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    letter = {key: LETTERS[i] for i, key in enumerate(COLUMNS)}
    for key, width in WIDTHS.items():
        sheet.column_dimensions[letter[key]].width = width
    sheet.freeze_panes = "F2"
    lists = workbook.create_sheet(LISTS_SHEET)
    for code in STATUS_LABELS:
        lists.append([status_choice(code)])
    lists.sheet_state = "hidden"
    statuses = DataValidation(
        type="list",
        formula1=f"={LISTS_SHEET}!$A$1:$A${len(STATUS_LABELS)}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Stadiu · Status",
        error="Alegeți un stadiu din listă · Choose a status from the list",
    )
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Valoare · Value",
        error="Un număr întreg, 0 sau mai mare · A whole number, 0 or more",
    )
    first, last = reporting_window(period)
    days = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({first.replace('-', ',')})",
        formula2=f"DATE({last.replace('-', ',')})",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Data raportării · Reported on",
        error=f"O zi între {first} și {last} · A day from {first} to {last}",
    )
    locked, open_cell = PatternFill("solid", fgColor=LOCKED_FILL), PatternFill("solid", fgColor=INPUT_FILL)
    for number, row in enumerate(rows, start=2):
        sheet.append([row.get(key, "") for key in COLUMNS])
        on_indicator = bool(row["indicator"])
        editable = {"reported_on", "notes", *(ON_INDICATOR_ROWS if on_indicator else ON_STATUS_ROWS)}
        for key, cell in zip(COLUMNS, sheet[number], strict=True):
            cell.alignment = Alignment(wrap_text=key in ("text", "deadline", "evidence", "notes"), vertical="top")
            if key in editable:
                cell.protection = Protection(locked=False)
                cell.fill = open_cell
            else:
                cell.fill = locked
        days.add(f"{letter['reported_on']}{number}")
        if not on_indicator:
            statuses.add(f"{letter['status']}{number}")
            for key in ("activity", "text"):
                sheet[f"{letter[key]}{number}"].font = Font(bold=True)
        elif counts[(row["activity"], row["indicator"])]:
            whole.add(f"{letter['value']}{number}")
    for validation in (statuses, whole, days):
        sheet.add_data_validation(validation)
    # locked: only the white cells can be changed (no password: a body that must can lift it, the import still
    # reads only what it reads); columns can still be widened and rows filtered
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    about = workbook.create_sheet(ABOUT_SHEET)
    first_day, last_day = reporting_window(period)
    for label, text in (
        *ABOUT,
        ("Raportor · Reporter", f"{body.code}: {body.name_ro} · {body.name_en}"),
        ("Perioada · Period", period),
        ("Data raportării · Reported on", f"între {first_day} și {last_day} · from {first_day} to {last_day}"),
    ):
        about.append([label, text])
    for cell in about["A"]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for cell in about["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 32
    about.column_dimensions["B"].width = 110
    about.protection.sheet = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
