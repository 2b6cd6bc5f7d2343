"""Reporting forms (`plan-graph monitor template`, #20 and #29): what a body's form lists, which of its cells can be
filled in, and how it is written (never over a filled form, pre-filled from an earlier period on request).

Facts from the plan as read by eye (tests/support/plan_facts.py): the activities each body is responsible for or a
partner in, their indicators and deadlines as written. ANITP is responsible for 1.1.1 (line 10: two count
indicators, due "Anual"); 2.3.1's first indicator is "Indicatori elaborați", a deliverable.
"""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from plan_graph.checks.form_cells import status_choice
from plan_graph.cli import main
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.forms import COLUMNS
from tests.support.plan_facts import EXPECTED
from tests.support.reporting_round import fill_xlsx, form_line, write_form

HEADER = list(COLUMNS.values())
KEYS = list(COLUMNS)
HOW_OFTEN = {
    "Anual": "every year",
    "Semestrial": "twice a year",
    "Trimestrial": "every quarter",
    "Permanent": "continuously",
}


def template(tmp_path, *args: str) -> int:
    return main(["monitor", "template", "--out", str(tmp_path / "forms"), *args])


def expected_rows(code: str, period: str) -> list[list[str]]:
    """The rows of `code`'s form, from the plan as read by eye: identity, text, role and deadline (kind apart)."""
    rows = []
    for notation, row in EXPECTED.items():
        if code not in (*row.responsible, *row.partners):
            continue
        role = "responsabil · responsible" if code in row.responsible else "partener · partner"
        deadline = "; ".join(f"{d} · {HOW_OFTEN[d]}" if d in HOW_OFTEN else d for d in row.deadlines)
        rows.append([code, period, notation, "", row.title, role, deadline])
        rows += [[code, period, notation, str(i), text, role, deadline] for i, text in enumerate(row.indicators, 1)]
    return rows


def listed(sheet) -> list[list[str]]:
    picked = [KEYS.index(k) for k in ("reporter", "period", "activity", "indicator", "text", "role", "deadline")]
    return [[str(row[i].value or "") for i in picked] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("code", ["ANITP", "IGPR", "MAI", "CR ANITP"])
def test_a_form_lists_every_activity_of_its_body_with_its_role_and_deadline(tmp_path, code):
    assert template(tmp_path, "--period", "2019", "--actor", code) == 0
    stem = code.replace(" ", "-")
    sheet = load_workbook(tmp_path / "forms" / f"2019-{stem}.xlsx")["Raport"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert listed(sheet) == expected_rows(code, "2019")
    with (tmp_path / "forms" / f"2019-{stem}.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == HEADER
    picked = [KEYS.index(k) for k in ("reporter", "period", "activity", "indicator", "text", "role", "deadline")]
    assert [[line[i] for i in picked] for line in table[1:]] == expected_rows(code, "2019")


def test_only_the_cells_the_import_reads_can_be_changed(tmp_path):
    assert template(tmp_path, "--period", "2019", "--actor", "ANITP", "--format", "xlsx") == 0
    workbook = load_workbook(tmp_path / "forms" / "2019-ANITP.xlsx")
    sheet = workbook["Raport"]
    assert sheet.protection.sheet
    open_cells = {}
    for row in sheet.iter_rows(min_row=2):
        kind = "indicator" if row[KEYS.index("indicator")].value else "status"
        open_cells.setdefault(kind, set()).add(frozenset(KEYS[c.column - 1] for c in row if not c.protection.locked))
    assert open_cells == {
        "status": {frozenset({"reported_on", "status", "evidence", "notes"})},
        "indicator": {frozenset({"reported_on", "value", "link", "notes"})},
    }
    assert all(c.protection.locked for c in sheet[1])
    validations = {v.type: v for v in sheet.data_validations.dataValidation}
    assert set(validations) == {"list", "whole", "date"}
    assert validations["list"].formula1 == "=Liste!$A$1:$A$8"
    assert [row[0].value for row in workbook["Liste"].iter_rows()] == [status_choice(c) for c in STATUS_LABELS]
    numbered = {
        (str(r[KEYS.index("activity")].value), str(r[KEYS.index("indicator")].value or "")): r[0].row
        for r in sheet.iter_rows(min_row=2)
    }
    status_rows = {n for (_, i), n in numbered.items() if not i}
    assert {int(str(c)[1:]) for c in str(validations["list"].sqref).split()} == status_rows
    # count indicators take whole numbers from 0: 1.1.1's two ("Număr de …"), not 2.3.1's first (a deliverable)
    whole = {int(str(c)[1:]) for c in str(validations["whole"].sqref).split()}
    assert {numbered[("1.1.1", "1")], numbered[("1.1.1", "2")]} <= whole and numbered[("2.3.1", "1")] not in whole
    assert {int(str(c)[1:]) for c in str(validations["date"].sqref).split()} == set(numbered.values())
    assert (validations["date"].formula1, validations["date"].formula2) == ("DATE(2019,01,01)", "DATE(2020,12,31)")


def test_the_form_says_how_to_fill_it_in_both_languages_and_not_how_to_import_it(tmp_path):
    assert template(tmp_path, "--period", "2019", "--actor", "ANITP", "--format", "xlsx") == 0
    workbook = load_workbook(tmp_path / "forms" / "2019-ANITP.xlsx")
    about = {row[0].value: row[1].value for row in workbook["Despre · About"].iter_rows()}
    assert (
        about["Raportor · Reporter"] == "ANITP: Agenția Națională împotriva Traficului de Persoane · National "
        "Agency against Trafficking in Persons"
    )
    assert about["Perioada · Period"] == "2019"
    assert "Numai celulele albe" in about["Ce se completează · What to fill in"]
    assert "Only the white cells" in about["Ce se completează · What to fill in"]
    every_cell = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert not [text for text in every_cell if "plan-graph" in text]


def test_a_filled_form_is_not_written_over_without_force(tmp_path, capsys):
    assert template(tmp_path, "--period", "2019", "--actor", "ANITP") == 0
    filled = fill_xlsx(
        tmp_path / "forms" / "2019-ANITP.xlsx",
        tmp_path / "forms" / "2019-ANITP.xlsx",
        {("1.1.1", ""): {"status": "realizată"}},
    )
    before = filled.read_bytes(), (tmp_path / "forms" / "2019-ANITP.csv").read_bytes()
    capsys.readouterr()
    assert template(tmp_path, "--period", "2019") == 3
    err = capsys.readouterr().err
    assert "2019-ANITP.xlsx" in err and "already there" in err and "--force" in err and "nothing was written" in err
    assert (filled.read_bytes(), (tmp_path / "forms" / "2019-ANITP.csv").read_bytes()) == before
    assert sorted(p.name for p in (tmp_path / "forms").iterdir()) == ["2019-ANITP.csv", "2019-ANITP.xlsx"]
    assert template(tmp_path, "--period", "2019", "--actor", "ANITP", "--force") == 0
    assert load_workbook(filled)["Raport"]["L2"].value is None


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--actor", "CR-ANITP"), 0, "wrote 2 form(s)"),  # the name the tool gives its file
        (("--actor", "cr anitp"), 0, "wrote 2 form(s)"),
        (("--actor", "ONG"), 2, "--actor 'ONG' is not a body that reports on an activity"),
        (("--actor", "Consiliile locale"), 2, "--actor 'Consiliile locale' is not a body that reports"),
    ],
)
def test_the_actor_is_named_by_its_code_or_its_file_name(tmp_path, capsys, args, code, message):
    assert template(tmp_path, "--period", "2019", *args) == code
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("period", ["2017", "2021", "19"])
def test_a_period_outside_the_plan_is_refused(tmp_path, capsys, period):
    assert template(tmp_path, "--period", period) == 2
    assert f"--period {period}" in capsys.readouterr().err and not (tmp_path / "forms").exists()


def test_every_reporting_body_gets_a_form_and_no_category_does(tmp_path, registry):
    assert template(tmp_path, "--period", "2020", "--format", "csv") == 0
    involved = {code for row in EXPECTED.values() for code in (*row.responsible, *row.partners)}
    categories = {
        "ONG",
        "Instituția prefectului",
        "Consiliile locale",
        "Consilii județene",
        "Autorități publice locale",
        "Instituții guvernamentale",
        "Societăți comerciale private",
        "echipe interinstituționale antitrafic județene",
        "Instituțiile responsabile cu implementarea MNIR",
        "Instituții locale",
    }
    expected = {f"2020-{registry[code].id}.csv" for code in involved - categories}  # files are named by IRI ids
    assert {p.name for p in (tmp_path / "forms").iterdir()} == expected


def test_the_next_periods_form_starts_from_the_last_submission(tmp_path, capsys):
    rounds = tmp_path / "monitoring"
    lines = [
        form_line("ANITP", "2019", "1.1.1", status="în curs", evidence="Ordinul 45/2019", notes="două evenimente"),
        form_line("ANITP", "2019", "1.1.1", "1", value="14", link="https://example.org/e", notes="în 6 județe"),
        form_line("ANITP", "2019", "2.3.1", "1", value='=HYPERLINK("http://evil","x")'),
    ]
    write_form(tmp_path / "anitp.csv", lines)
    assert main(["monitor", "import", str(tmp_path / "anitp.csv"), "--period", "2019", "--rounds", str(rounds)]) == 0
    assert (
        template(tmp_path, "--period", "2020", "--actor", "ANITP", "--from-period", "2019", "--rounds", str(rounds))
        == 0
    )
    with (tmp_path / "forms" / "2020-ANITP.csv").open(encoding="utf-8", newline="") as handle:
        table = [dict(zip(KEYS, line, strict=True)) for line in csv.reader(handle)][1:]
    filled = {
        (r["activity"], r["indicator"]): {
            k: r[k] for k in ("period", "reported_on", "value", "link", "status", "evidence", "notes") if r[k]
        }
        for r in table
    }
    assert {key: cells for key, cells in filled.items() if set(cells) != {"period"}} == {
        ("1.1.1", ""): {
            "period": "2020",
            "status": "în curs · in progress",
            "evidence": "Ordinul 45/2019",
            "notes": "două evenimente",
        },
        ("1.1.1", "1"): {"period": "2020", "value": "14", "link": "https://example.org/e", "notes": "în 6 județe"},
        # a spreadsheet would run it: the CSV writes it as text
        ("2.3.1", "1"): {"period": "2020", "value": '\'=HYPERLINK("http://evil","x")'},
    }
    sheet = load_workbook(tmp_path / "forms" / "2020-ANITP.xlsx")["Raport"]
    prefilled = [r for r in sheet.iter_rows(min_row=2) if r[KEYS.index("activity")].value == "1.1.1"]
    assert prefilled[0][KEYS.index("status")].value == "în curs · in progress"
    assert prefilled[1][KEYS.index("value")].value == "14"
    # the pre-filled form imported back for 2020 gives what was reported for 2019
    capsys.readouterr()
    csv_form = tmp_path / "forms" / "2020-ANITP.csv"
    assert main(["monitor", "import", str(csv_form), "--period", "2020", "--rounds", str(rounds)]) == 0
    assert "ANITP: 1 status(es) and 2 value(s) for 2020" in capsys.readouterr().err


def test_from_a_period_with_no_round_is_refused(tmp_path, capsys):
    (tmp_path / "monitoring").mkdir()
    code = template(tmp_path, "--period", "2020", "--from-period", "2019", "--rounds", str(tmp_path / "monitoring"))
    assert code == 2 and "no round for 2019" in capsys.readouterr().err
    assert not (tmp_path / "forms").exists()
