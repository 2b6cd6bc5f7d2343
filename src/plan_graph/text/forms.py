"""Reading filled monitoring forms (`plan-graph monitor template` writes them): XLSX or CSV, the same columns.

A form is a table with a header row; each row is either an activity's status row (the indicator cell empty:
status, evidence, notes) or one of its indicator rows (value, link, notes). This module only reads: it gives
every non-empty row with where it is (file, sheet, row, and the cell of each column), and refuses a file it
cannot read as a form. What the rows mean is checked against the plan in checks/forms.py.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from plan_graph.errors import InputError

# the form's columns: key -> header (Romanian · English), in order
COLUMNS = {
    "reporter": "Raportor · Reporter",
    "period": "Perioada · Period",
    "activity": "Activitatea · Activity",
    "indicator": "Indicatorul · Indicator",
    "text": "Din plan · From the plan",
    "kind": "Tip · Kind",
    "value": "Valoare · Value",
    "link": "Link",
    "status": "Stadiu · Status",
    "evidence": "Dovezi · Evidence",
    "notes": "Note · Notes",
}
SHEET = "Raport"  # the sheet of an XLSX form that holds the table
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class FormFileError(InputError):
    """A file that cannot be read as a form: not XLSX or CSV, no such sheet, not the form's header."""


@dataclass(frozen=True)
class FormRow:
    file: str  # the file's name, as given
    sheet: str  # the XLSX sheet, or "" for a CSV file
    row: int  # as a spreadsheet numbers it: the header is row 1
    values: dict[str, str]  # column key -> the cell's text, stripped ("" when empty)

    def cell(self, key: str) -> str:
        """Where a column's cell is, for messages: "form.xlsx, sheet Raport, cell G5 (Valoare · Value)"."""
        letter = LETTERS[list(COLUMNS).index(key)]
        place = f"{self.file}, sheet {self.sheet}, " if self.sheet else f"{self.file}, "
        return f"{place}cell {letter}{self.row} ({COLUMNS[key]})"


def read_form(path: Path) -> list[FormRow]:
    """The non-empty rows of a filled form."""
    if not path.is_file():
        raise FormFileError(f"{path}: no such file")
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path)
    if path.suffix.lower() == ".csv":
        return _csv_rows(path)
    raise FormFileError(f"{path}: not a form: give the .xlsx or .csv file `plan-graph monitor template` wrote")


def _xlsx_rows(path: Path) -> list[FormRow]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise FormFileError(f"{path}: not a readable XLSX file ({error})") from None
    try:
        if SHEET not in workbook.sheetnames:
            raise FormFileError(f"{path}: no sheet {SHEET!r} (sheets: {', '.join(workbook.sheetnames)})")
        table = [["" if value is None else _text(value) for value in row]
                 for row in workbook[SHEET].iter_rows(values_only=True)]  # fmt: skip
    finally:
        workbook.close()
    return _rows(path, SHEET, table)


def _csv_rows(path: Path) -> list[FormRow]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormFileError(f"{path}: not UTF-8 text (byte {error.start}); save the CSV as UTF-8") from None
    return _rows(path, "", list(csv.reader(io.StringIO(text, newline=""))))


def _text(value: object) -> str:
    """A cell's value as text: whole numbers without ".0" (a spreadsheet stores 12 as 12.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def _rows(path: Path, sheet: str, table: list[list[str]]) -> list[FormRow]:
    where = f"{path}, sheet {sheet}" if sheet else str(path)
    if not table:
        raise FormFileError(f"{where}: empty; the first row is the form's header")
    header = [cell.strip() for cell in table[0]]
    while header and not header[-1]:
        header.pop()
    expected = list(COLUMNS.values())
    if header != expected:
        raise FormFileError(f"{where}, row 1: not the form's header; expected the columns "
                            f"{' | '.join(expected)}, found {' | '.join(header) or 'nothing'}")  # fmt: skip
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(COLUMNS)}
        if any(values.values()):
            rows.append(FormRow(path.name, sheet, number, values))
    return rows
