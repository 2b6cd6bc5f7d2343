"""Reading filled monitoring forms (text/forms.py), XLSX or CSV, as people and their spreadsheets write them.

This module only reads: every non-empty row with where it is, or the reasons a file cannot be read as a form.
Nothing a body filled in is passed over without a word: a filled cell outside the form's columns, a formula
whose value was never saved (openpyxl cannot compute one), a CSV row of the wrong width, or a quote left open,
is a problem naming its cell, row or line; a filled sheet the form does not have is a warning.

CSV files are read as Excel writes them in Romania too: `,` or `;` between cells (told by the header row), and
UTF-8 (with or without a byte order mark) or Windows-1250 (recognised by its Romanian letters, as the plan's
text is). An XLSX file named `.csv` is read as the XLSX it is, with a warning.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from plan_graph.errors import InputError
from plan_graph.files import unspreadsheet_safe
from plan_graph.text.forms import ABOUT_SHEET, COLUMNS, LAYOUTS, LETTERS, LISTS_SHEET, SHEET, FormRow
from plan_graph.text.normalise import romanian_letters
from plan_graph.text.source import SourceError, recognise_encoding

SEPARATORS = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
ZIP_SIGNATURE = b"PK\x03\x04"  # an XLSX workbook is a ZIP archive
LINKED = ("link", "evidence")  # the columns whose cells may hold a hyperlink


class FormFileError(InputError):
    """A file that cannot be read as a form: not XLSX or CSV, no such sheet, not the form's header."""


@dataclass
class FormFile:
    """A filled form as read: its rows, and what is wrong with it (problems) or worth saying (warnings)."""

    path: Path
    shown: str  # the file as messages name it
    rows: list[FormRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_form(path: Path, shown: str | None = None) -> FormFile:
    """A filled form's non-empty rows; FormFileError when the file is not a form at all."""
    shown = shown or str(path)
    if not path.is_file():
        raise FormFileError(f"{shown}: no such file")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise FormFileError(f"{shown}: not a form: give the .xlsx or .csv file `plan-graph monitor template` wrote")
    data = path.read_bytes()
    if data.startswith(ZIP_SIGNATURE):
        form = _xlsx(path, shown, data)
        if suffix == ".csv":
            form.warnings.insert(0, f"{shown}: an XLSX workbook named .csv; read as XLSX")
        return form
    if suffix == ".xlsx":
        raise FormFileError(f"{shown}: not an XLSX workbook (no ZIP archive inside); save it as .xlsx again")
    return _csv(path, shown, data)


def _xlsx(path: Path, shown: str, data: bytes) -> FormFile:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # twice: as written (formulas and hyperlinks), and with the values a spreadsheet saved for the formulas
        # from the bytes: openpyxl refuses a path whose name does not end in .xlsx
        written = load_workbook(io.BytesIO(data), data_only=False)
        saved = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError, TypeError) as error:
        raise FormFileError(f"{shown}: not a readable XLSX workbook ({error})") from None
    if SHEET not in written.sheetnames:
        raise FormFileError(f"{shown}: no sheet {SHEET!r} (sheets: {', '.join(written.sheetnames)})")
    form = FormFile(path, shown)
    for name in written.sheetnames:
        if name not in (SHEET, LISTS_SHEET, ABOUT_SHEET):
            filled = [c.coordinate for row in written[name].iter_rows() for c in row if _filled(c.value)]
            if filled:
                form.warnings.append(
                    f"{shown}: sheet {name!r} is not read ({len(filled)} filled cell(s), from "
                    f"{filled[0]}); the form is sheet {SHEET!r}"
                )
    table: list[list[str]] = []
    targets: list[dict[int, str]] = []
    sheet, values = written[SHEET], saved[SHEET]
    for row in sheet.iter_rows():
        texts, links = [], {}
        for cell in row:
            value = cell.value
            if cell.data_type == "f":
                value = values[cell.coordinate].value
                if value is None:
                    form.problems.append(
                        f"{shown}, sheet {SHEET}, cell {cell.coordinate}: a formula "
                        f"({_formula(cell.value)}) whose value was never saved; type the value "
                        "itself, or open the form in a spreadsheet program and save it"
                    )
            texts.append("" if value is None else _text(value))
            if cell.hyperlink is not None and cell.hyperlink.target:
                links[len(texts) - 1] = str(cell.hyperlink.target)
        table.append(texts)
        targets.append(links)
    _read_table(form, SHEET, table, targets)
    return form


def _csv(path: Path, shown: str, data: bytes) -> FormFile:
    try:
        text, encoding, _ = recognise_encoding(data, shown, hint="save the form as CSV UTF-8 and import it again")
    except SourceError as error:
        raise FormFileError(str(error)) from None
    form = FormFile(path, shown)
    if encoding not in ("UTF-8",):
        form.warnings.append(f"{shown}: read as {encoding} text (not UTF-8)")
    text = text.removeprefix("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    separator = _separator(first)
    if separator is None:
        counts = {sep: first.count(sep) for sep in SEPARATORS}
        found = max(counts, key=lambda sep: counts[sep])
        cells = next(csv.reader([first], delimiter=found)) if first else []
        raise FormFileError(
            f"{shown}, line 1: not the form's header; read with {SEPARATORS[found]} between cells "
            f"it has {len(cells)} cell(s): {' | '.join(cells) or 'nothing'}; "
            f"{_header_difference(cells)}"
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    table: list[list[str]] = []
    lines: list[tuple[int, int]] = []  # each row's first and last line
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            form.problems.append(
                f'{shown}, line {start}: {error}: a quote (") opened in this row is never closed '
                'or is followed by text; quote a cell whole ("like, this") and double a quote '
                'inside it ("")'
            )
            break
        table.append([unspreadsheet_safe(cell) for cell in cells])  # as the project wrote it, if it did
        lines.append((start, reader.line_num))
    width = len(table[0]) if table else 0
    for number, (cells, (first_line, last_line)) in enumerate(zip(table, lines, strict=True), start=1):
        if number > 1 and len(cells) != width and any(c.strip() for c in cells):
            span = f"line {first_line}" if first_line == last_line else f"lines {first_line}-{last_line}"
            form.problems.append(
                f"{shown}, row {number} ({span}): {len(cells)} cells, the header has {width}; "
                "nothing of this row is read (a separator too many or too few, or a quote left "
                "open?)"
            )
            table[number - 1] = []
    _read_table(form, "", table, [{} for _ in table])
    return form


def _separator(header_line: str) -> str | None:
    """The separator with which the header line is one of the form's headers."""
    for separator in SEPARATORS:
        cells = [c.strip() for c in next(csv.reader([header_line], delimiter=separator))] if header_line else []
        if _layout(cells) is not None:
            return separator
    return None


def _layout(header: list[str]) -> tuple[str, ...] | None:
    while header and not header[-1]:
        header = header[:-1]
    for layout in LAYOUTS:
        if header == [COLUMNS[key] for key in layout]:
            return layout
    return None


def _header_difference(header: list[str]) -> str:
    """What a header lacks and has too many of, against the form's columns."""
    header = [cell.strip() for cell in header if cell.strip()]
    expected = list(COLUMNS.values())
    missing = [column for column in expected if column not in header]
    extra = [column for column in header if column not in expected]
    said = []
    if missing:
        said.append(f"missing: {', '.join(missing)}")
    if extra:
        said.append(f"not the form's: {', '.join(extra)}")
    if not said:
        said.append("the columns are out of order")
    return f"{'; '.join(said)} (expected: {' | '.join(expected)})"


def _read_table(form: FormFile, sheet: str, table: list[list[str]], targets: list[dict[int, str]]) -> None:
    where = f"{form.shown}, sheet {sheet}" if sheet else form.shown
    header = [cell.strip() for cell in table[0]] if table else []
    layout = _layout(list(header))
    if layout is None:
        raise FormFileError(f"{where}, row 1: not the form's header; {_header_difference(header)}")
    for number, (cells, links) in enumerate(zip(table[1:], targets[1:], strict=True), start=2):
        for index in range(len(layout), len(cells)):
            if cells[index].strip():
                form.problems.append(
                    f"{where}, cell {_letter(index)}{number}: {cells[index].strip()!r} is outside "
                    "the form's columns and is not read; move it into its column"
                )
        values = {key: (romanian_letters(cells[i]).strip() if i < len(cells) else "") for i, key in enumerate(layout)}
        if not any(values.values()):
            continue
        hyperlinks = {layout[i]: target for i, target in links.items() if i < len(layout) and layout[i] in LINKED}
        form.rows.append(
            FormRow(form.shown, sheet, number, {**dict.fromkeys(COLUMNS, ""), **values}, layout, hyperlinks)
        )


def _letter(index: int) -> str:
    return LETTERS[index] if index < len(LETTERS) else f"column {index + 1}"


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _formula(value: object) -> str:
    text = str(getattr(value, "text", value))  # an array formula keeps its text apart
    return text if len(text) <= 60 else text[:57] + "..."


def _text(value: object) -> str:
    """A cell's value as text: whole numbers without ".0" (a spreadsheet stores 12 as 12.0), dates as YYYY-MM-DD."""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)
