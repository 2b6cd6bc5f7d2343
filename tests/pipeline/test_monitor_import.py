"""Importing filled forms (`plan-graph monitor import`, #29): a round is made of submissions, one per body; a
correction replaces only its body's submission and keeps the one it replaces; nothing anybody filled in is passed
over without a word; bad input is refused naming its file, sheet, row and cell, with nothing written.

Each case of #29's "Found" list is a test here: the input, the exit code, the message, and what is on disk after.
Facts from the plan (tests/support/plan_facts.py): IGPR alone is responsible for 3.1.1 (line 50: two count indicators,
"Număr de cursuri organizate", "Număr de polițiști formați/specializați") and with IGPF for 3.1.2 (line 51: one
deliverable, due Februarie 2019); ANITP alone is responsible for 1.1.1 (line 10: two count indicators); 2.3.1's
first indicator is a deliverable, "Indicatori elaborați"; "Consiliile locale" is a category of organisations.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from plan_graph.cli import main
from plan_graph.graph.submission_reader import read_submission
from plan_graph.text.forms import COLUMNS
from plan_graph.text.reports import IndicatorValue, SelfReport
from tests.support.reporting_round import fill_xlsx, form_line, write_form

HEADER = list(COLUMNS.values())


def run(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().err


def import_forms(capsys, rounds: Path, *files: Path, period: str = "2019", extra: tuple[str, ...] = ()):
    return run(capsys, "monitor", "import", *map(str, files), "--period", period, "--rounds", str(rounds), *extra)


def rows_of(form: Path) -> dict[tuple[str, str], int]:
    """Where each row of a template is: (activity, indicator) -> its row number."""
    from openpyxl import load_workbook

    keys = list(COLUMNS)
    sheet = load_workbook(form)["Raport"]
    return {
        (str(row[keys.index("activity")].value), str(row[keys.index("indicator")].value or "")): row[0].row
        for row in sheet.iter_rows(min_row=2)
    }


def on_disk(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def current(rounds: Path, period: str, body: str):
    files = sorted((rounds / period / body).glob("*.nt"), key=lambda p: int(p.stem))
    return read_submission(files[-1].read_bytes(), str(files[-1]))


@pytest.fixture
def forms(tmp_path, capsys) -> Path:
    out = tmp_path / "forms"
    for body in ("ANITP", "IGPR"):
        assert run(capsys, "monitor", "template", "--period", "2019", "--actor", body, "--out", str(out))[0] == 0
    return out


@pytest.fixture
def rounds(tmp_path) -> Path:
    return tmp_path / "monitoring"


# ---- submissions: one body at a time, corrections, history


def test_forms_one_body_at_a_time_then_a_correction_then_a_damaged_file(tmp_path, capsys, forms, rounds):
    igpr = fill_xlsx(
        forms / "2019-IGPR.xlsx",
        tmp_path / "igpr.xlsx",
        {
            ("3.1.1", ""): {"reported_on": "2020-01-20", "status": "realizată · completed"},
            ("3.1.1", "1"): {"value": 8},
            ("3.1.1", "2"): {"value": 160},
            ("3.1.2", ""): {"status": "în curs"},
            ("3.1.2", "1"): {"value": "Curriculă 2019"},
        },
    )
    assert import_forms(capsys, rounds, igpr)[0] == 0
    anitp = fill_xlsx(
        forms / "2019-ANITP.xlsx",
        tmp_path / "anitp.xlsx",
        {
            ("1.1.1", ""): {"reported_on": "2020-01-31", "status": "realizată"},
            ("1.1.1", "1"): {"value": 12},
            ("2.3.1", ""): {"status": "neîncepută"},
        },
    )
    assert import_forms(capsys, rounds, anitp)[0] == 0
    igpr_first = on_disk(rounds / "2019" / "IGPR")
    corrected = fill_xlsx(
        forms / "2019-ANITP.xlsx",
        tmp_path / "corrected" / "anitp.xlsx",
        {
            ("1.1.1", ""): {"reported_on": "2020-02-10", "status": "în curs"},
            ("1.1.1", "1"): {"value": 11},
        },
    )
    code, err = import_forms(capsys, rounds, corrected)
    assert code == 0
    assert err.splitlines() == [
        f"plan-graph: imported ANITP: 1 status(es) and 1 value(s) for 2019, reported on 2020-02-10 ({corrected.name}, "
        f"sheet Raport, cell C2 (Data raportării · Reported on)): {rounds / '2019' / 'ANITP' / '2.nt'}; replaces "
        "revision 1 of 2020-01-31 (2 status(es), 1 value(s)), which is kept",
    ]
    # IGPR's submission is as it was, byte for byte; ANITP's first is kept; nothing else is there
    assert on_disk(rounds / "2019" / "IGPR") == igpr_first
    assert sorted(on_disk(rounds)) == ["2019/ANITP/1.nt", "2019/ANITP/2.nt", "2019/IGPR/1.nt"]
    assert current(rounds, "2019", "IGPR").reports == (
        SelfReport("3.1.1", "IGPR", "completed"),
        SelfReport("3.1.2", "IGPR", "in-progress"),
    )
    assert current(rounds, "2019", "IGPR").values == (
        IndicatorValue("3.1.1", 1, "IGPR", count=8),
        IndicatorValue("3.1.1", 2, "IGPR", count=160),
        IndicatorValue("3.1.2", 1, "IGPR", deliverable="Curriculă 2019"),
    )
    latest = current(rounds, "2019", "ANITP")
    assert (latest.revision, latest.reports, latest.values) == (
        2,
        (SelfReport("1.1.1", "ANITP", "in-progress"),),
        (IndicatorValue("1.1.1", 1, "ANITP", count=11),),
    )
    assert [(r.number, r.reported_on) for r in latest.earlier] == [(1, "2020-01-31")]
    assert latest.earlier[0].superseded_at == latest.imported_at
    # the history lists each body's submissions once, with the correction
    capsys.readouterr()
    assert main(["monitor", "history", "--period", "2019", "--rounds", str(rounds)]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [line[:3] + line[3:4] + line[5:6] for line in lines] == [
        [
            "ANITP",
            "revision 1",
            f"superseded {latest.imported_at}",
            "reported on 2020-01-31",
            "2 status(es), 1 value(s)",
        ],
        ["ANITP", "revision 2", "current", "reported on 2020-02-10", "1 status(es), 1 value(s)"],
        ["IGPR", "revision 1", "current", "reported on 2020-01-20", "2 status(es), 3 value(s)"],
    ]
    assert lines[1][6].startswith("anitp.xlsx (SHA-256 ") and lines[0][6].startswith("anitp.xlsx (SHA-256 ")
    assert lines[0][6] != lines[1][6]  # two different files of one name
    # the round: each body's current submission, once
    asked = ["query", "status-at-date", "--param", "date=2020-12-31", "--rounds", str(rounds), "--format", "csv"]
    capsys.readouterr()
    assert main(asked) == 0
    said = [line.split(",")[:5] for line in capsys.readouterr().out.splitlines() if ",self-report," in line]
    assert said == [
        ["1.1.1", "in progress", "2020-02-10", "self-report", "ANITP"],
        ["3.1.1", "completed", "2020-01-20", "self-report", "IGPR"],
        ["3.1.2", "in progress", "2020-01-20", "self-report", "IGPR"],
    ]
    # then a damaged file: one line naming it and its line, no traceback, nothing lost
    damaged = rounds / "2019" / "IGPR" / "1.nt"
    data = damaged.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    lines_before = data[: len(data) // 2].count(b"\n")
    code, err = run(capsys, *asked)
    assert code == 1
    assert err.splitlines() == [
        f"plan-graph: {damaged}, line {lines_before + 1}: damaged, not N-Triples ({err.split('(', 1)[1].split(')')[0]})"
    ]
    assert "Traceback" not in err


def test_an_import_with_nothing_in_it_is_refused_and_changes_nothing(tmp_path, capsys, forms, rounds):
    first = write_form(tmp_path / "first.csv", [form_line("IGPR", "2019", "3.1.1", status="realizată")])
    assert import_forms(capsys, rounds, first)[0] == 0
    before = on_disk(rounds)
    header_only = write_form(tmp_path / "empty.csv", [])
    for blank in (forms / "2019-IGPR.xlsx", forms / "2019-IGPR.csv", header_only):
        code, err = import_forms(capsys, rounds, blank)
        assert code == 1
        assert err.splitlines() == [
            "plan-graph: 1 problem(s) in the forms; nothing was imported:",
            f"  {blank.name}: nothing is filled in (no status, no value); nothing to import from it",
        ]
        assert on_disk(rounds) == before


def test_a_round_imported_before_submissions_is_read_then_split_on_the_next_import(tmp_path, capsys, rounds):
    """A round as `monitor import` wrote it before submissions existed: one graph for the period."""
    rounds.mkdir()
    (rounds / "2019.nt").write_text(WHOLE_ROUND, encoding="utf-8")
    asked = ["query", "status-at-date", "--param", "date=2020-12-31", "--rounds", str(rounds), "--format", "csv"]
    capsys.readouterr()
    assert main(asked) == 0
    said = [line.split(",")[:5] for line in capsys.readouterr().out.splitlines() if ",self-report," in line]
    assert said == [
        ["1.1.1", "completed", "2020-01-31", "self-report", "ANITP"],
        ["3.1.1", "in progress", "2020-01-31", "self-report", "IGPR"],
    ]
    code, err = run(capsys, "monitor", "history", "--period", "2019", "--rounds", str(rounds))
    assert code == 2 and "imported before submissions existed and has no history" in err
    form = write_form(
        tmp_path / "anitp.csv", [form_line("ANITP", "2019", "1.1.1", status="în curs", reported_on="2020-03-01")]
    )
    code, err = import_forms(capsys, rounds, form)
    assert code == 0 and f"{rounds / '2019.nt'}: a round imported before submissions existed, split" in err
    assert sorted(on_disk(rounds)) == ["2019/ANITP/1.nt", "2019/ANITP/2.nt", "2019/IGPR/1.nt", "2019/whole-round.nt"]
    assert on_disk(rounds)["2019/whole-round.nt"] == WHOLE_ROUND.encode()
    igpr = current(rounds, "2019", "IGPR")
    assert (igpr.revision, igpr.reported_on, igpr.reports, igpr.values) == (
        1,
        "2020-01-31",
        (SelfReport("3.1.1", "IGPR", "in-progress"),),
        (IndicatorValue("3.1.1", 1, "IGPR", count=4),),
    )
    assert [str(s) for s in igpr.sources] == ["forms.xlsx (SHA-256 " + "a" * 64 + ")"]
    anitp = current(rounds, "2019", "ANITP")
    assert (anitp.revision, [r.number for r in anitp.earlier], anitp.reports) == (
        2,
        [1],
        (SelfReport("1.1.1", "ANITP", "in-progress"),),
    )
    capsys.readouterr()
    assert main(asked) == 0
    said = [line.split(",")[:5] for line in capsys.readouterr().out.splitlines() if ",self-report," in line]
    assert said == [
        ["1.1.1", "in progress", "2020-03-01", "self-report", "ANITP"],
        ["3.1.1", "in progress", "2020-01-31", "self-report", "IGPR"],
    ]


BASE = "https://w3id.org/plan-graph/ro/"
R = BASE + "hg-861-2018/monitoring/2019"
PG = "https://w3id.org/plan-graph/ontology#"
WHOLE_ROUND = (
    f"""<{R}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PG}ReportingRound> .
<{R}> <{PG}reportingPeriod> "2019"^^<http://www.w3.org/2001/XMLSchema#gYear> .
<{R}> <http://purl.org/dc/terms/date> "2020-01-31"^^<http://www.w3.org/2001/XMLSchema#date> .
<{R}> <http://purl.org/dc/terms/source> "forms.xlsx (SHA-256 {"a" * 64})" .
"""
    + "".join(
        f"""<{R}/assessment/{n}/{b}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PG}SelfReport> .
<{R}/assessment/{n}/{b}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PG}Assessment> .
<{R}/assessment/{n}/{b}> <{PG}assessedActivity> <{BASE}hg-861-2018/activity/{n}> .
<{R}/assessment/{n}/{b}> <{PG}progressStatus> <https://w3id.org/plan-graph/ontology/status/{s}> .
<{R}/assessment/{n}/{b}> <{PG}assessedOn> "2020-01-31"^^<http://www.w3.org/2001/XMLSchema#date> .
<{R}/assessment/{n}/{b}> <http://www.w3.org/ns/prov#wasAttributedTo> <{BASE}actor/{b}> .
<{R}/assessment/{n}/{b}> <{PG}reportingPeriod> "2019"^^<http://www.w3.org/2001/XMLSchema#gYear> .
<{R}/assessment/{n}/{b}> <http://purl.org/dc/terms/isPartOf> <{R}> .
"""
        for n, b, s in (("1.1.1", "ANITP", "completed"), ("3.1.1", "IGPR", "in-progress"))
    )
    + f"""<{R}/value/3.1.1/1/IGPR> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PG}ProgressValue> .
<{R}/value/3.1.1/1/IGPR> <{PG}measuredIndicator> <{BASE}hg-861-2018/activity/3.1.1/indicator/1> .
<{R}/value/3.1.1/1/IGPR> <{PG}reporter> <{BASE}actor/IGPR> .
<{R}/value/3.1.1/1/IGPR> <{PG}reportedCount> "4"^^<http://www.w3.org/2001/XMLSchema#integer> .
<{R}/value/3.1.1/1/IGPR> <http://purl.org/dc/terms/isPartOf> <{R}> .
"""
)


# ---- nothing filled in is passed over


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {("3.1.1", "1"): {"status": "realizată"}},
            "cell L{first} (Stadiu · Status): 'realizată' is not read on an indicator's row; a status and its evidence go on the "
            "activity's status row (the indicator cell empty)",
        ),
        (
            {("3.1.1", ""): {"value": 5}},
            "cell J{status} (Valoare · Value): '5' is not read on an activity's status row; a value or a link goes on the "
            "indicator's row (the indicator cell numbered)",
        ),
        (
            {("3.1.1", ""): {"link": "https://example.org/a"}},
            "cell K{status} (Link): 'https://example.org/a' is not read on an activity's status row; a value or a link goes on "
            "the indicator's row (the indicator cell numbered)",
        ),
        (
            {("3.1.1", "2"): {"value": 3, "evidence": "Raport 2019"}},
            "cell M{second} (Dovezi · Evidence): 'Raport 2019' is not read on an indicator's row; a status and its evidence go on "
            "the activity's status row (the indicator cell empty)",
        ),
        (
            {("3.1.1", "2"): {"notes": "în curs de numărare"}},
            "cell N{second} (Note · Notes): 'în curs de numărare' goes with a value, and the value (igpr.xlsx, sheet Raport, cell "
            "J{second} (Valoare · Value)) is empty; give the value too",
        ),
        (
            {("3.1.1", ""): {"evidence": "Ordinul 45/2019"}},
            "cell M{status} (Dovezi · Evidence): 'Ordinul 45/2019' goes with a status, and the status (igpr.xlsx, sheet Raport, "
            "cell L{status} (Stadiu · Status)) is empty; give the status too",
        ),
        (
            {("3.1.1", "1"): {"value": "=5+7"}},
            "cell J{first}: a formula (=5+7) whose value was never saved; type the value itself, or open the form in a "
            "spreadsheet program and save it",
        ),
        (
            {("3.1.1", ""): {"status": "=Liste!A1"}},
            "cell L{status}: a formula (=Liste!A1) whose value was never saved; type the value itself, or open the form in a "
            "spreadsheet program and save it",
        ),
    ],
)
def test_a_filled_cell_the_form_does_not_read_is_refused_naming_it(tmp_path, capsys, forms, rounds, cells, message):
    form = fill_xlsx(
        forms / "2019-IGPR.xlsx", tmp_path / "igpr.xlsx", {("3.1.2", ""): {"status": "realizată"}, **cells}
    )
    code, err = import_forms(capsys, rounds, form)
    assert code == 1
    at = rows_of(forms / "2019-IGPR.xlsx")
    where = {"status": at[("3.1.1", "")], "first": at[("3.1.1", "1")], "second": at[("3.1.1", "2")]}
    assert err.splitlines() == [
        "plan-graph: 1 problem(s) in the forms; nothing was imported:",
        f"  igpr.xlsx, sheet Raport, {message.format(**where)}",
    ]
    assert not rounds.exists()


def test_a_value_typed_past_the_last_column_is_refused(tmp_path, capsys, forms, rounds):
    from openpyxl import load_workbook

    at = rows_of(forms / "2019-IGPR.xlsx")
    workbook = load_workbook(forms / "2019-IGPR.xlsx")
    workbook["Raport"][f"O{at[('3.1.1', '1')]}"] = 8  # one column right of Notes, on 3.1.1's first indicator
    workbook["Raport"][f"L{at[('3.1.1', '')]}"] = "realizată"
    workbook.save(tmp_path / "igpr.xlsx")
    code, err = import_forms(capsys, rounds, tmp_path / "igpr.xlsx")
    assert (code, err.splitlines()) == (
        1,
        [
            "plan-graph: 1 problem(s) in the forms; nothing was imported:",
            f"  igpr.xlsx, sheet Raport, cell O{at[('3.1.1', '1')]}: '8' is outside the form's columns and is not read; "
            "move it into its column",
        ],
    )
    assert not rounds.exists()


def test_another_sheet_with_something_in_it_is_named_as_not_read(tmp_path, capsys, forms, rounds):
    from openpyxl import load_workbook

    workbook = load_workbook(forms / "2019-IGPR.xlsx")
    workbook["Raport"][f"L{rows_of(forms / '2019-IGPR.xlsx')[('3.1.1', '')]}"] = "realizată"
    workbook.create_sheet("Sheet2")["B4"] = "note de lucru"
    workbook.save(tmp_path / "igpr.xlsx")
    code, err = import_forms(capsys, rounds, tmp_path / "igpr.xlsx")
    assert code == 0
    assert (
        "plan-graph: warning: igpr.xlsx: sheet 'Sheet2' is not read (1 filled cell(s), from B4); the form is "
        "sheet 'Raport'" in err.splitlines()
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # 15 cells where the header has 14: a comma too many
        (
            "IGPR,2019,,3.1.1,,,,,,,,realizată,,,x\r\n",
            "bad.csv, row 2 (line 2): 15 cells, the header has 14; nothing of this row is read (a separator too many or too "
            "few, or a quote left open?)",
        ),
        (
            "IGPR,2019,,3.1.1,,,,,,,,realizată,\r\n",
            "bad.csv, row 2 (line 2): 13 cells, the header has 14; nothing of this row is read (a separator too many or too "
            "few, or a quote left open?)",
        ),
        # a quote opened and never closed: the rest of the file would be one cell
        (
            'IGPR,2019,,3.1.1,,,,,,,,realizată,"Ordinul 45,\r\nIGPR,2019,,3.1.2,,,,,,,,în curs,,\r\n',
            'bad.csv, line 2: unexpected end of data: a quote (") opened in this row is never closed or is followed by '
            'text; quote a cell whole ("like, this") and double a quote inside it ("")',
        ),
    ],
)
def test_a_csv_row_of_the_wrong_width_or_an_open_quote_is_refused(tmp_path, capsys, rounds, text, message):
    form = tmp_path / "bad.csv"
    form.write_text(",".join(HEADER) + "\r\n" + text, encoding="utf-8")
    code, err = import_forms(capsys, rounds, form)
    assert code == 1 and f"  {message}" in err.splitlines()
    assert not rounds.exists()


# ---- who reports


@pytest.mark.parametrize(
    ("reporter", "message"),
    [
        (
            "Consiliile locale",
            "'Consiliile locale' is a category of organisations, not one body, and cannot report; "
            "each body of it reports on its own form",
        ),
        ("", "empty; write the code of the body that reports (the form `plan-graph monitor template` writes has it)"),
        ("XYZ", "unknown body 'XYZ'; write its code as the plan does (ANITP, IGPR, …)"),
    ],
)
def test_only_a_body_that_reports_can_report(tmp_path, capsys, rounds, reporter, message):
    form = write_form(tmp_path / "f.csv", [form_line(reporter, "2019", "1.2.4", status="realizată")])
    code, err = import_forms(capsys, rounds, form)
    assert code == 1
    assert err.splitlines()[1] == f"  f.csv, cell A2 (Raportor · Reporter): {message}"
    assert not rounds.exists()


def test_a_body_named_by_its_id_or_in_another_case_reports_under_its_code(tmp_path, capsys, rounds):
    form = write_form(tmp_path / "f.csv", [form_line("cr-anitp", "2019", "2.1.5", status="realizată")])
    code, _ = import_forms(capsys, rounds, form)
    assert code == 0 and sorted(on_disk(rounds)) == ["2019/CR-ANITP/1.nt"]


# ---- what people type


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("in curs", "in-progress"),
        ("realizata", "completed"),
        ("în curs, substanţial", "substantial"),  # cedilla ţ
        ("IN CURS, LIMITAT", "limited"),
        ("Not started", "not-started"),
        ("fără informații · no information", "no-information"),
        ("  amânată ", "postponed"),
    ],
)
def test_a_status_is_read_without_case_diacritics_or_letter_form(tmp_path, capsys, rounds, written, status):
    form = write_form(tmp_path / "f.csv", [form_line("IGPR", "2019", "3.1.1", status=written)])
    assert import_forms(capsys, rounds, form)[0] == 0
    assert current(rounds, "2019", "IGPR").reports == (SelfReport("3.1.1", "IGPR", status),)


def test_an_unknown_status_is_refused_with_the_choices(tmp_path, capsys, rounds):
    form = write_form(tmp_path / "f.csv", [form_line("IGPR", "2019", "3.1.1", status="gata")])
    code, err = import_forms(capsys, rounds, form)
    assert code == 1 and err.splitlines()[1] == (
        "  f.csv, cell L2 (Stadiu · Status): unknown status 'gata'; one of: realizată · completed; în curs · in "
        "progress; în curs, limitat · in progress, limited; în curs, substanțial · in progress, substantial; "
        "neîncepută · not started; amânată · postponed; abandonată · dropped; fără informații · no information"
    )


@pytest.mark.parametrize(
    ("delimiter", "encoding", "warning"),
    [
        (";", "utf-8", None),
        (";", "utf-8-sig", None),
        (",", "utf-8-sig", None),
        (";", "cp1250", "plan-graph: warning: f.csv: read as Windows-1250 text (not UTF-8)"),
    ],
)
def test_the_csv_a_romanian_spreadsheet_writes_is_read(tmp_path, capsys, rounds, delimiter, encoding, warning):
    # written with the cedilla letters, which Windows-1250 has (it lacks ș ț with the comma below)
    lines = [
        form_line("IGPR", "2019", "3.1.1", status="în curs, limitat", notes="împreună cu ANITP; în judeţe"),
        form_line("IGPR", "2019", "3.1.1", "1", value="6"),
    ]
    form = write_form(tmp_path / "f.csv", lines, delimiter=delimiter, encoding=encoding)
    code, err = import_forms(capsys, rounds, form)
    assert code == 0
    assert [line for line in err.splitlines() if "warning: f.csv" in line] == ([warning] if warning else [])
    imported = current(rounds, "2019", "IGPR")
    assert imported.reports == (SelfReport("3.1.1", "IGPR", "limited", note="împreună cu ANITP; în județe"),)  # ț
    assert imported.values == (IndicatorValue("3.1.1", 1, "IGPR", count=6),)


def test_an_xlsx_named_csv_is_read_as_the_workbook_it_is(tmp_path, capsys, forms, rounds):
    filled = fill_xlsx(forms / "2019-IGPR.xlsx", tmp_path / "igpr.xlsx", {("3.1.1", ""): {"status": "realizată"}})
    renamed = filled.rename(tmp_path / "igpr.csv")
    code, err = import_forms(capsys, rounds, renamed)
    assert code == 0 and "plan-graph: warning: igpr.csv: an XLSX workbook named .csv; read as XLSX" in err
    assert current(rounds, "2019", "IGPR").reports == (SelfReport("3.1.1", "IGPR", "completed"),)


def test_a_csv_with_an_unknown_separator_or_encoding_says_what_it_found(tmp_path, capsys, rounds):
    form = write_form(tmp_path / "tabs.csv", [form_line("IGPR", "2019", "3.1.1", status="x")], delimiter="|")
    code, err = import_forms(capsys, rounds, form)
    assert code == 1 and err.startswith("plan-graph: tabs.csv, line 1: not the form's header; read with a comma")
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(",".join(HEADER).encode("utf-16-le"))
    code, err = import_forms(capsys, rounds, utf16)
    assert (
        code == 1
        and err.startswith("plan-graph: utf16.csv: not UTF-8 text: byte 0x")
        and "save the form as CSV UTF-8" in err
    )
    assert not rounds.exists()


def test_an_extra_or_missing_column_is_named(tmp_path, capsys, rounds):
    form = write_form(tmp_path / "f.csv", [], header=[*HEADER[:-1], "Observații"])
    code, err = import_forms(capsys, rounds, form)
    assert code == 1 and "missing: Note · Notes; not the form's: Observații" in err


# ---- links and evidence


def test_a_link_cell_is_read_by_its_hyperlinks_target(tmp_path, capsys, forms, rounds):
    form = fill_xlsx(
        forms / "2019-IGPR.xlsx",
        tmp_path / "igpr.xlsx",
        {("3.1.2", "1"): {"value": "Curriculă"}, ("3.1.1", ""): {"status": "realizată"}},
        {
            ("3.1.2", "1", "link"): ("Ordinul 45/2019", "https://example.org/o45.pdf"),
            ("3.1.1", "", "evidence"): ("Raportul anual", "https://example.org/raport.pdf"),
        },
    )
    code, err = import_forms(capsys, rounds, form)
    assert code == 0
    link = rows_of(forms / "2019-IGPR.xlsx")[("3.1.2", "1")]
    assert (
        f"plan-graph: warning: igpr.xlsx, sheet Raport, cell K{link} (Link): read the hyperlink's target "
        "https://example.org/o45.pdf; the text it shows, 'Ordinul 45/2019', is not kept"
    ) in err.splitlines()
    imported = current(rounds, "2019", "IGPR")
    assert imported.values == (
        IndicatorValue("3.1.2", 1, "IGPR", deliverable="Curriculă", link="https://example.org/o45.pdf"),
    )
    assert imported.reports == (
        SelfReport("3.1.1", "IGPR", "completed", "Raportul anual (https://example.org/raport.pdf)"),
    )


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("http://", "'http://' is not a web address (https://host/…)"),
        ("ftp://example.org/a", "'ftp://example.org/a' is not a web address (https://host/…)"),
        (
            "https://a.org/1 https://b.org/2",
            "'https://a.org/1 https://b.org/2' holds more than one address; give one web "
            "address (others can go in Notes)",
        ),
        (
            "https://a.org/1,https://b.org/2",
            "'https://a.org/1,https://b.org/2' holds more than one address; give one web "
            "address (others can go in Notes)",
        ),
    ],
)
def test_a_link_is_one_web_address_with_a_host(tmp_path, capsys, rounds, link, message):
    form = write_form(tmp_path / "f.csv", [form_line("IGPR", "2019", "3.1.2", "1", value="Curriculă", link=link)])
    code, err = import_forms(capsys, rounds, form)
    assert code == 1 and err.splitlines()[1] == f"  f.csv, cell K2 (Link): {message}"


# ---- dates


def test_a_form_without_a_date_speaks_for_the_periods_last_day_and_says_so(tmp_path, capsys, rounds):
    form = write_form(tmp_path / "f.csv", [form_line("IGPR", "2019", "3.1.1", status="realizată")])
    code, err = import_forms(capsys, rounds, form)
    assert code == 0
    assert (
        "plan-graph: warning: IGPR (f.csv): no reporting date in the form; dated 2019-12-31, the period's last "
        "day (fill in 'Data raportării · Reported on', or give --reported-on)"
    ) in err.splitlines()
    assert current(rounds, "2019", "IGPR").reported_on == "2019-12-31"


@pytest.mark.parametrize(
    ("written", "day"), [("2020-01-15", "2020-01-15"), ("15.01.2020", "2020-01-15"), ("5/2/2020", "2020-02-05")]
)
def test_the_forms_own_date_is_the_submissions(tmp_path, capsys, rounds, written, day):
    lines = [
        form_line("IGPR", "2019", "3.1.1", status="realizată", reported_on=written),
        form_line("IGPR", "2019", "3.1.1", "1", value="3"),
    ]
    form = write_form(tmp_path / "f.csv", lines)
    assert import_forms(capsys, rounds, form, extra=("--reported-on", "2020-03-01"))[0] == 0
    assert current(rounds, "2019", "IGPR").reported_on == day


def test_two_dates_in_one_body_s_forms_are_refused(tmp_path, capsys, rounds):
    lines = [
        form_line("IGPR", "2019", "3.1.1", status="realizată", reported_on="2020-01-15"),
        form_line("IGPR", "2019", "3.1.2", status="realizată", reported_on="2020-01-16"),
    ]
    code, err = import_forms(capsys, rounds, write_form(tmp_path / "f.csv", lines))
    assert code == 1 and err.splitlines()[1] == (
        "  IGPR gives 2 reporting dates: 2020-01-15 (f.csv, cell C2 (Data raportării · Reported on)); 2020-01-16 "
        "(f.csv, cell C3 (Data raportării · Reported on)); give one"
    )


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2018-01-01", "outside the reporting window of 2019 (2019-01-01 to 2020-12-31)"),
        ("2030-01-01", "outside the reporting window of 2019 (2019-01-01 to 2020-12-31)"),
    ],
)
def test_a_date_outside_the_reporting_window_is_a_warning(tmp_path, capsys, rounds, day, said):
    form = write_form(tmp_path / "f.csv", [form_line("IGPR", "2019", "3.1.1", status="realizată")])
    code, err = import_forms(capsys, rounds, form, extra=("--reported-on", day))
    assert code == 0 and f"plan-graph: warning: IGPR: reported on {day} (--reported-on), {said}" in err.splitlines()


# ---- smaller things


def test_a_negative_count_says_so(tmp_path, capsys, rounds):
    form = write_form(tmp_path / "f.csv", [form_line("IGPR", "2019", "3.1.1", "1", value="-3")])
    code, err = import_forms(capsys, rounds, form)
    assert code == 1 and err.splitlines()[1] == (
        "  f.csv, cell J2 (Valoare · Value): indicator 1 of activity 3.1.1 "
        "counts something; '-3' is negative; a count is 0 or more"
    )


def test_one_wrong_period_on_every_row_is_one_line(tmp_path, capsys, forms, rounds):
    rows = [line for line in (forms / "2019-IGPR.csv").read_text(encoding="utf-8").splitlines()[1:]]
    edited = [line.replace(",2019,", ",2018,", 1) for line in rows]
    form = tmp_path / "old.csv"
    form.write_text("\n".join([",".join(HEADER), *edited]) + "\n", encoding="utf-8")
    code, err = import_forms(capsys, rounds, form)
    assert code == 1
    assert err.splitlines()[1:] == [
        f"  old.csv, cells B2-B{len(rows) + 1} (Perioada · Period): in {len(rows)} rows the period is '2018', but "
        "this import is for 2019",
        "  old.csv: nothing is filled in (no status, no value); nothing to import from it",
    ]


def test_a_duplicate_across_files_of_one_name_names_their_folders(tmp_path, capsys, rounds):
    line = [form_line("IGPR", "2019", "3.1.1", status="realizată")]
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, second = write_form(tmp_path / "a" / "f.csv", line), write_form(tmp_path / "b" / "f.csv", line)
    code, err = import_forms(capsys, rounds, first, second)
    assert code == 1 and err.splitlines()[1] == (
        f"  {second}, cell L2 (Stadiu · Status): a status for this activity, period and reporter was already given "
        f"at {first}, cell L2 (Stadiu · Status)"
    )


def test_a_reporter_not_involved_is_a_warning_not_a_refusal(tmp_path, capsys, rounds):
    # DIICOT is neither responsible for 1.1.1 nor a partner in it
    form = write_form(
        tmp_path / "f.csv", [form_line("DIICOT", "2019", "1.1.1", status="realizată", reported_on="2020-01-10")]
    )
    code, err = import_forms(capsys, rounds, form)
    assert code == 0 and err.splitlines()[0] == (
        "plan-graph: warning: f.csv, cell A2 (Raportor · Reporter): DIICOT "
        "is neither responsible for activity 1.1.1 nor a partner in it"
    )


def test_files_that_are_not_forms_are_refused(tmp_path, capsys, rounds):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    for name, message in (
        ("notes.txt", "notes.txt: not a form"),
        ("other.csv", "other.csv, line 1: not the form's"),
        ("missing.xlsx", "missing.xlsx: no such file"),
        ("broken.xlsx", "broken.xlsx: not a readable XLSX workbook"),
    ):
        code, err = import_forms(capsys, rounds, tmp_path / name)
        assert code == 1 and err.startswith(f"plan-graph: {message}"), err
    assert not rounds.exists()


def test_a_form_of_the_earlier_layout_is_still_read(tmp_path, capsys, rounds):
    legacy = [
        "Raportor · Reporter",
        "Perioada · Period",
        "Activitatea · Activity",
        "Indicatorul · Indicator",
        "Din plan · From the plan",
        "Tip · Kind",
        "Valoare · Value",
        "Link",
        "Stadiu · Status",
        "Dovezi · Evidence",
        "Note · Notes",
    ]
    form = write_form(
        tmp_path / "old.csv",
        [
            ["IGPR", "2019", "3.1.1", "", "", "", "", "", "realizată", "", ""],
            ["IGPR", "2019", "3.1.1", "2", "", "", "40", "", "", "", ""],
        ],
        header=legacy,
    )
    assert import_forms(capsys, rounds, form, extra=("--reported-on", "2020-01-05"))[0] == 0
    imported = current(rounds, "2019", "IGPR")
    assert (imported.reports, imported.values) == (
        (SelfReport("3.1.1", "IGPR", "completed"),),
        (IndicatorValue("3.1.1", 2, "IGPR", count=40),),
    )


def test_the_same_forms_imported_twice_make_a_second_revision_and_lose_nothing(tmp_path, capsys, rounds):
    form = write_form(tmp_path / "f.csv", [form_line("IGPR", "2019", "3.1.1", status="realizată")])
    assert import_forms(capsys, rounds, form)[0] == 0
    assert import_forms(capsys, rounds, form)[0] == 0
    assert sorted(on_disk(rounds)) == ["2019/IGPR/1.nt", "2019/IGPR/2.nt"]
    again = current(rounds, "2019", "IGPR")
    assert (again.revision, again.reports, again.sources, [r.sources for r in again.earlier]) == (
        2,
        (SelfReport("3.1.1", "IGPR", "completed"),),
        again.earlier[0].sources,
        [again.sources],
    )


def test_a_changed_cell_of_the_plans_own_columns_is_named_as_not_read(tmp_path, capsys, forms, rounds):
    from tests.support.plan_facts import EXPECTED

    changed = {"text": "Cursuri pentru polițiști", "role": "partener · partner"}
    form = fill_xlsx(
        forms / "2019-IGPR.xlsx", tmp_path / "igpr.xlsx", {("3.1.1", ""): {"status": "realizată", **changed}}
    )
    code, err = import_forms(capsys, rounds, form)
    row = rows_of(forms / "2019-IGPR.xlsx")[("3.1.1", "")]
    assert code == 0
    assert [line for line in err.splitlines() if "differs" in line] == [
        f"plan-graph: warning: igpr.xlsx, sheet Raport, cell F{row} (Din plan · From the plan): differs from what the plan says ({EXPECTED['3.1.1'].title!r}); not read",
        f"plan-graph: warning: igpr.xlsx, sheet Raport, cell H{row} (Rol · Role): differs from what the plan says ('responsabil · responsible'); not read",
    ]
    assert current(rounds, "2019", "IGPR").reports == (SelfReport("3.1.1", "IGPR", "completed"),)


def test_one_import_of_several_bodies_makes_a_submission_for_each(tmp_path, capsys, rounds):
    both = write_form(
        tmp_path / "both.csv",
        [
            form_line("IGPR", "2019", "3.1.1", status="realizată", reported_on="2020-01-10"),
            form_line("MAI", "2019", "2.1.5", status="în curs", reported_on="2020-01-12"),
        ],
    )
    code, _ = import_forms(capsys, rounds, both)
    assert code == 0 and sorted(on_disk(rounds)) == ["2019/IGPR/1.nt", "2019/MAI/1.nt"]
    assert [
        (s.reporter, s.reported_on, s.reports)
        for s in (current(rounds, "2019", "IGPR"), current(rounds, "2019", "MAI"))
    ] == [
        ("IGPR", "2020-01-10", (SelfReport("3.1.1", "IGPR", "completed"),)),
        ("MAI", "2020-01-12", (SelfReport("2.1.5", "MAI", "in-progress"),)),
    ]
    assert [str(s) for s in current(rounds, "2019", "MAI").sources] == [
        f"both.csv (SHA-256 {hashlib.sha256(both.read_bytes()).hexdigest()})"
    ]


def test_a_day_still_to_come_is_a_warning(tmp_path, plan_build, registry):
    """As the import checks it on the day it runs: here, a day in 2020 for a form of 2020 imported in 2020."""
    from datetime import date

    from plan_graph.checks.forms import check_forms
    from plan_graph.pipeline.monitor import bodies_that_report
    from plan_graph.text.form_files import read_form

    form = write_form(
        tmp_path / "f.csv", [form_line("IGPR", "2020", "3.1.1", status="în curs", reported_on="2020-09-01")]
    )
    activities = plan_build.plan.activities
    checked = check_forms(
        [read_form(form)],
        "2020",
        activities,
        bodies_that_report(activities, registry),
        registry,
        today=date(2020, 6, 30),
    )
    assert checked.warnings == [
        f"IGPR: reported on 2020-09-01 ({form}, cell C2 (Data raportării · Reported on)), a day still to come"
    ]
