"""What the secretariat reads (#29): a period's report by area and body by body (HTML and CSV), the rounds as CSV
in the open-data release, and every CSV the project writes made safe for spreadsheets (OWASP's "CSV injection":
a cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe; a number stays a number).

Facts from the plan (tests/support/plan_facts.py): IGPR alone is responsible for 3.1.1 (line 50: two count indicators,
"Număr de cursuri organizate", "Număr de polițiști formați/specializați"); 2.3.1's first indicator is a
deliverable, "Indicatori elaborați" (line 43; ANITP responsible).
"""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from plan_graph.cli import main
from tests.support.plan_facts import EXPECTED
from tests.support.reporting_round import form_line, write_form

HOSTILE = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    igpr = write_form(
        folder / "igpr.csv",
        [
            form_line(
                "IGPR",
                "2019",
                "3.1.1",
                status="realizată",
                reported_on="2020-01-20",
                evidence="Raport IGPR",
                notes="+ două cursuri regionale",
            ),
            form_line("IGPR", "2019", "3.1.1", "1", value="8"),
            form_line("IGPR", "2019", "3.1.1", "2", value="160", link="https://example.org/cursuri"),
        ],
    )
    anitp = write_form(
        folder / "anitp.csv",
        [
            form_line("ANITP", "2019", "2.3.1", status="în curs", reported_on="2020-01-31"),
            form_line("ANITP", "2019", "2.3.1", "1", value=HOSTILE, notes="@ANITP"),
        ],
    )
    assert main(["monitor", "import", str(igpr), str(anitp), "--period", "2019", "--rounds", str(folder / "m")]) == 0
    return folder / "m"


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_report_of_a_period_by_area_and_body_by_body(tmp_path, rounds, registry, capsys):
    out = tmp_path / "reports"
    assert main(["monitor", "report", "--period", "2019", "--rounds", str(rounds), "--out", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "assets/favicon.svg",
        "assets/style.css",
        "report-2019-by-area.csv",
        "report-2019-by-body.csv",
        "report-2019-values.csv",
        "report-2019.html",
    ]
    by_area = read_csv((out / "report-2019-by-area.csv").read_bytes())
    reported = {"3.1.1": "completed", "2.3.1": "in progress"}
    expected = Counter((n.split(".")[0], reported.get(n, "not reported")) for n in EXPECTED)
    assert {(r["area"], r["status"]): int(r["activities"]) for r in by_area} == dict(expected)
    by_body = read_csv((out / "report-2019-by-body.csv").read_bytes())
    # every reporting body's every activity, its responsible rows first, in the order of the text
    expected_rows = []
    for body in sorted(
        {c for r in EXPECTED.values() for c in (*r.responsible, *r.partners) if not registry[c].is_category}
    ):
        for role in ("responsible", "partner"):
            for notation, row in EXPECTED.items():
                if body in (row.responsible if role == "responsible" else row.partners):
                    expected_rows.append((body, role, notation))
    assert [(r["body"], r["role"], r["notation"]) for r in by_body] == expected_rows
    said = {
        (r["body"], r["notation"]): (r["status"], r["reportedOn"], r["evidence"], r["note"])
        for r in by_body
        if r["status"] != "not reported"
    }
    assert said == {
        ("IGPR", "3.1.1"): ("completed", "2020-01-20", "Raport IGPR", "'+ două cursuri regionale"),
        ("ANITP", "2.3.1"): ("in progress", "2020-01-31", "", ""),
    }
    values = read_csv((out / "report-2019-values.csv").read_bytes())
    assert [tuple(r.values()) for r in values] == [
        ("ANITP", "2.3.1", "1", "Indicatori elaborați", "'" + HOSTILE, "", "'@ANITP"),
        ("IGPR", "3.1.1", "1", "Număr de cursuri organizate", "8", "", ""),
        ("IGPR", "3.1.1", "2", "Număr de polițiști formați/specializați", "160", "https://example.org/cursuri", ""),
    ]
    page = (out / "report-2019.html").read_text(encoding="utf-8")
    assert "Raport de monitorizare 2019 · Monitoring report 2019" in page and "+ două cursuri regionale" in page
    assert 'href="assets/style.css"' in page and "=HYPERLINK(&#34;http://evil.example&#34;,&#34;click&#34;)" in page


def test_a_report_of_a_period_with_no_round_is_refused(tmp_path, rounds, capsys):
    capsys.readouterr()
    assert main(["monitor", "report", "--period", "2020", "--rounds", str(rounds), "--out", str(tmp_path / "r")]) == 2
    assert capsys.readouterr().err == f"plan-graph: {rounds}: no round for 2020 (periods held: 2019)\n"
    assert not (tmp_path / "r").exists()


def test_query_results_as_csv_and_tsv_are_safe_in_a_spreadsheet(rounds, capsys):
    def asked(fmt: str) -> str:
        capsys.readouterr()
        args = ["query", "indicator-values", "--param", "activity=2.3.1", "--rounds", str(rounds), "--format", fmt]
        assert main(args) == 0
        return capsys.readouterr().out

    rows = list(csv.reader(io.StringIO(asked("csv"))))
    assert rows == [
        ["position", "indicator", "period", "reporter", "value", "evidence"],
        ["1", "Indicatori elaborați", "2019", "ANITP", "'" + HOSTILE, ""],
    ]
    tsv = [line.split("\t") for line in asked("tsv").splitlines()]
    assert tsv[1][4] == '"\'=HYPERLINK(\\"http://evil.example\\",\\"click\\")"'  # a SPARQL TSV literal
    assert HOSTILE.replace('"', '\\"') in asked("json")  # JSON is for programs: as it was given


def test_the_release_offers_each_round_as_tables_too(rounds):
    from plan_graph.pipeline.build import build
    from plan_graph.release.export import export_files

    release = export_files(build(), "https://data.example.org/plan/", rounds)
    names = [f for f in release.files if f.startswith("monitoring-2019")]
    assert sorted(names) == [
        "monitoring-2019-by-area.csv",
        "monitoring-2019-by-body.csv",
        "monitoring-2019-values.csv",
        "monitoring-2019.nt",
    ]
    values = read_csv(release.files["monitoring-2019-values.csv"])
    assert values[0]["value"] == "'" + HOSTILE
    offered = {d.path: (d.media_type, d.title) for d in release.distributions if d.path.startswith("monitoring-2019")}
    assert offered == {
        "monitoring-2019.nt": ("application/n-triples", "the reporting round for 2019 in N-Triples"),
        "monitoring-2019-by-area.csv": (
            "text/csv",
            "the reporting round for 2019: activities by status, area by area (CSV)",
        ),
        "monitoring-2019-by-body.csv": ("text/csv", "the reporting round for 2019: what each body reported (CSV)"),
        "monitoring-2019-values.csv": ("text/csv", "the reporting round for 2019: the indicator values (CSV)"),
    }


def test_the_plans_tables_are_safe_in_a_spreadsheet():
    from plan_graph.release.tables import Column, Table

    table = Table(
        "t",
        "a table",
        "x",
        (Column("a", "a"), Column("b", "b")),
        [{"a": HOSTILE, "b": "-3"}, {"a": "+1 - 2", "b": "@SUM(A1)"}, {"a": "\tx", "b": "ANITP"}],
        ("a",),
    )
    assert read_csv(table.csv_bytes()) == [
        {"a": "'" + HOSTILE, "b": "-3"},
        {"a": "'+1 - 2", "b": "'@SUM(A1)"},
        {"a": "'\tx", "b": "ANITP"},
    ]
