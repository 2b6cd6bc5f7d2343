"""Reporting forms (#20): templates written for a body, filled by the test as an institution would (XLSX in a
spreadsheet's way, CSV by hand), imported as a reporting round, queried; broken forms refused with their cell
named and nothing written. Facts from the plan: ANITP is responsible for 1.1.1 (line 10, two count indicators)
and 2.3.1 (line 43, first indicator "Indicatori elaborați", a deliverable); MAI is responsible for 2.1.5 (line 35,
due "Septembrie 2019")."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plan_graph.checks.forms import FormError, status_choice
from plan_graph.pipeline.build import read_plan
from plan_graph.pipeline.monitor import import_forms, write_templates
from plan_graph.stores.factory import StoreSettings, open_plan_store
from plan_graph.stores.queries import run_saved_query
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.forms import COLUMNS, FormFileError

HEADER = list(COLUMNS.values())


def rows(store, name, **params):
    return [{k: v.value for k, v in row.items()} for row in run_saved_query(store, name, params).rows]


@pytest.fixture(scope="module")
def plan():
    return read_plan()[2]


@pytest.fixture
def forms(tmp_path, plan) -> Path:
    out = tmp_path / "forms"
    write_templates(plan, "2019", out, "ANITP")
    write_templates(plan, "2019", out, "MAI")
    return out


def fill_xlsx(template: Path, target: Path, cells: dict[tuple[str, str], dict[int, object]]) -> Path:
    """Set cells of the rows (activity, indicator position or "") as a spreadsheet user would."""
    workbook = load_workbook(template)
    sheet = workbook["Raport"]
    for row in sheet.iter_rows(min_row=2):
        key = (str(row[2].value), str(row[3].value or ""))
        for column, value in cells.get(key, {}).items():
            row[column].value = value
    workbook.save(target)
    return target


def write_csv(path: Path, lines: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *lines])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


VALUE, LINK, STATUS, EVIDENCE, NOTES = 6, 7, 8, 9, 10  # the form's columns G, H, I, J, K


def test_a_template_lists_the_bodys_activities_with_typed_cells(forms, plan):
    workbook = load_workbook(forms / "2019-ANITP.xlsx")
    sheet = workbook["Raport"]
    assert [cell.value for cell in sheet[1]] == HEADER
    listed = [(row[2].value, row[3].value) for row in sheet.iter_rows(min_row=2)]
    anitp = [a for a in plan.activities if "ANITP" in (*a.responsible.codes, *a.partners.codes)]
    assert [n for n, i in listed if not i] == [a.notation for a in anitp]  # a status row per activity, in order
    assert ("1.1.1", "1") in listed and ("1.1.1", "2") in listed and ("1.1.1", "3") not in listed
    validations = sheet.data_validations.dataValidation
    kinds = {v.type: v for v in validations}
    assert kinds["list"].formula1 == "=Liste!$A$1:$A$8"
    assert [row[0].value for row in workbook["Liste"].iter_rows()] == [status_choice(c) for c in STATUS_LABELS]
    assert kinds["whole"].operator == "greaterThanOrEqual" and kinds["whole"].formula1 == "0"
    status_rows = {n + 2 for n, (_, i) in enumerate(listed) if not i}
    assert {int(str(c)[1:]) for c in str(kinds["list"].sqref).split()} == status_rows
    csv_rows = list(csv.reader((forms / "2019-ANITP.csv").read_text(encoding="utf-8").splitlines()))
    assert csv_rows[0] == HEADER and len(csv_rows) == len(listed) + 1


def test_round_trip_from_filled_forms_to_the_questions(forms, tmp_path):
    xlsx = fill_xlsx(forms / "2019-ANITP.xlsx", tmp_path / "anitp.xlsx", {
        ("1.1.1", ""): {STATUS: status_choice("completed"), EVIDENCE: "https://example.org/18-oct", NOTES: "ok"},
        ("1.1.1", "1"): {VALUE: 14},
        ("1.1.1", "2"): {VALUE: 1200},
        ("2.3.1", ""): {STATUS: "în curs"},
        ("2.3.1", "1"): {VALUE: "Set de indicatori MNIR", LINK: "https://example.org/mnir"},
    })  # fmt: skip
    mai = write_csv(tmp_path / "mai.csv", [["MAI", "2019", "2.1.5", "", "", "", "", "", "completed", "HG 88/2019", ""]])
    rounds = tmp_path / "monitoring"
    result = import_forms([xlsx, mai], "2019", rounds, "2020-02-01")
    assert result.written == rounds / "2019.nt" and len(result.checked.reports) == 3 and not result.checked.warnings
    store = open_plan_store(StoreSettings(rounds=rounds))
    status = {(r["notation"], r.get("kind", "")): (r["status"], r.get("by", ""))
              for r in rows(store, "status-at-date", date="2020-03-01")}  # fmt: skip
    assert status[("1.1.1", "self-report")] == ("completed", "ANITP")
    assert status[("2.3.1", "self-report")] == ("in progress", "ANITP")
    # 2.1.5 was due September 2019; MAI says completed: not overdue at the end of 2020, 2.3.1 still is
    overdue = {r["notation"] for r in rows(store, "overdue-at-date", date="2020-12-31")}
    assert "2.1.5" not in overdue and "2.3.1" in overdue
    unreported = {(r["body"], r["notation"]) for r in rows(store, "unreported", period="2019")}
    assert ("ANITP", "1.1.1") not in unreported and ("ANITP", "1.1.2") in unreported
    values = rows(store, "indicator-values", activity="1.1.1")
    assert [(v["position"], v["value"]) for v in values] == [("1", "14"), ("2", "1200")]
    # TIP 2020 and 2021 say 2.3.1's improved mechanism was not implemented; ANITP says "in progress": no disagreement
    assert rows(store, "assessment-disagreements") == []


def test_a_reimport_replaces_its_round_and_keeps_the_others(forms, tmp_path):
    rounds = tmp_path / "monitoring"
    first = write_csv(tmp_path / "a.csv", [["ANITP", "2019", "1.1.1", "", "", "", "", "", "completed", "", ""]])
    import_forms([first], "2019", rounds, "2020-02-01")
    later = write_csv(tmp_path / "b.csv", [["ANITP", "2020", "1.1.2", "", "", "", "", "", "în curs", "", ""]])
    import_forms([later], "2020", rounds, "2021-02-01")
    again = write_csv(tmp_path / "c.csv", [["ANITP", "2019", "1.1.3", "", "", "", "", "", "amânată", "", ""]])
    import_forms([again], "2019", rounds, "2020-03-01")
    assert sorted(p.name for p in rounds.iterdir()) == ["2019.nt", "2020.nt"]
    store = open_plan_store(StoreSettings(rounds=rounds))
    said = {(r["notation"], r.get("kind", "")): r["status"] for r in rows(store, "status-at-date", date="2021-12-31")}
    assert said[("1.1.3", "self-report")] == "postponed" and said[("1.1.2", "self-report")] == "in progress"
    assert ("1.1.1", "self-report") not in said  # the 2019 round was replaced as a whole


@pytest.mark.parametrize(("line", "message"), [
    (["ANITP", "2019", "1.1.1", "1", "", "", "paisprezece", "", "", "", ""],
     r"cell G2 \(Valoare · Value\): indicator 1 of activity 1.1.1 counts something; 'paisprezece' is not a whole"),
    (["ANITP", "2019", "9.9.9", "", "", "", "", "", "completed", "", ""],
     r"cell C2 \(Activitatea · Activity\): unknown activity '9.9.9'"),
    (["ANITP", "2019", "1.1.1", "3", "", "", "5", "", "", "", ""],
     r"cell D2 \(Indicatorul · Indicator\): unknown indicator '3' of activity 1.1.1 \(it has 2"),
    (["ANITP", "2019", "1.1.1", "", "", "", "", "", "gata", "", ""],
     r"cell I2 \(Stadiu · Status\): unknown status 'gata'; one of: realizată · completed"),
    (["XYZ", "2019", "1.1.1", "", "", "", "", "", "completed", "", ""],
     r"cell A2 \(Raportor · Reporter\): unknown body 'XYZ'"),
    (["ANITP", "2018", "1.1.1", "", "", "", "", "", "completed", "", ""],
     r"cell B2 \(Perioada · Period\): the period is '2018', but this import is for 2019"),
    (["ANITP", "2019", "2.3.1", "1", "", "", "x", "ftp://example.org", "", "", ""],
     r"cell H2 \(Link\): 'ftp://example.org' is not a web address"),
])  # fmt: skip
def test_a_broken_form_is_refused_naming_its_cell_and_nothing_is_written(tmp_path, line, message):
    rounds = tmp_path / "monitoring"
    form = write_csv(tmp_path / "form.csv", [line])
    with pytest.raises(FormError, match=r"form\.csv, " + message):
        import_forms([form], "2019", rounds, "2020-02-01")
    assert not rounds.exists()


def test_a_duplicate_across_files_is_refused_naming_both_places(forms, tmp_path):
    rounds = tmp_path / "monitoring"
    xlsx = fill_xlsx(forms / "2019-ANITP.xlsx", tmp_path / "anitp.xlsx", {("1.1.1", "1"): {VALUE: 14}})
    again = write_csv(tmp_path / "again.csv", [["ANITP", "2019", "1.1.1", "1", "", "", "15", "", "", "", ""]])
    with pytest.raises(FormError) as caught:
        import_forms([xlsx, again], "2019", rounds, "2020-02-01")
    assert "again.csv, cell G2 (Valoare · Value): a value for this indicator, period and reporter was already " \
           "given at anitp.xlsx, sheet Raport, cell G3" in str(caught.value)  # fmt: skip
    assert not rounds.exists()


def test_a_wrong_type_in_the_spreadsheet_is_refused_with_its_sheet_and_cell(forms, tmp_path):
    xlsx = fill_xlsx(forms / "2019-ANITP.xlsx", tmp_path / "anitp.xlsx", {("1.1.1", "2"): {VALUE: 12.5}})
    with pytest.raises(FormError, match=r"anitp\.xlsx, sheet Raport, cell G4 \(Valoare · Value\): .*'12.5' is not"):
        import_forms([xlsx], "2019", tmp_path / "monitoring", "2020-02-01")


def test_a_reporter_not_involved_is_a_warning_not_a_refusal(tmp_path):
    # DIICOT is neither responsible for 1.1.1 nor a partner in it
    form = write_csv(tmp_path / "f.csv", [["DIICOT", "2019", "1.1.1", "", "", "", "", "", "completed", "", ""]])
    result = import_forms([form], "2019", tmp_path / "monitoring", "2020-02-01")
    assert result.checked.warnings == ["f.csv, cell A2 (Raportor · Reporter): DIICOT is neither responsible for "
                                       "activity 1.1.1 nor a partner in it"]  # fmt: skip


def test_files_that_are_not_forms_are_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "latin.csv").write_bytes(",".join(HEADER).encode("utf-8") + b"\nANITP,2019,1.1.1,,,,,,\xe2\xe2\n")
    for name, message in (("notes.txt", "not a form"), ("other.csv", "row 1: not the form's header"),
                          ("latin.csv", "not UTF-8"), ("missing.xlsx", "no such file")):  # fmt: skip
        with pytest.raises(FormFileError, match=message):
            import_forms([tmp_path / name], "2019", tmp_path / "monitoring", "2020-02-01")


def test_the_command_line_round_trip(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "plan_graph", *args], capture_output=True, text=True,
                              timeout=300, cwd=tmp_path)  # fmt: skip

    made = run("monitor", "template", "--period", "2019", "--actor", "ANITP", "--format", "csv")
    assert made.returncode == 0 and (tmp_path / "forms" / "2019-ANITP.csv").is_file(), made.stderr
    lines = (tmp_path / "forms" / "2019-ANITP.csv").read_text(encoding="utf-8").splitlines()
    filled = [line.replace("activitate · activity,,,", "activitate · activity,,,neîncepută") if ",1.1.4,," in line
              else line for line in lines]  # fmt: skip
    (tmp_path / "filled.csv").write_text("\n".join(filled) + "\n", encoding="utf-8")
    imported = run("monitor", "import", "filled.csv", "--period", "2019", "--reported-on", "2020-01-15")
    assert imported.returncode == 0, imported.stderr
    assert "imported 1 status(es) and 0 value(s) for 2019" in imported.stderr
    asked = run("query", "status-at-date", "--param", "date=2020-01-31", "--rounds", "monitoring", "--format", "csv")
    assert "1.1.4,not started,2020-01-15,self-report,ANITP" in asked.stdout
    refused = run("monitor", "import", "filled.csv", "--period", "2020")
    assert refused.returncode == 1 and "nothing was imported" in refused.stderr and "cell B2" in refused.stderr
    assert run("monitor", "template", "--period", "19").returncode == 2


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_publish_writes_each_round_as_its_named_graph(tmp_path, store_settings, uploads, name):
    from test_triple_stores import credentials

    from plan_graph.graph.names import DATA_GRAPHS, monitoring_graph
    from plan_graph.release.publish import publish, round_uploads
    from plan_graph.stores.remote import RemoteStore

    rounds = tmp_path / "monitoring"
    form = write_csv(tmp_path / "f.csv", [["ANITP", "2019", "1.1.4", "", "", "", "", "", "neîncepută", "", ""]])
    import_forms([form], "2019", rounds, "2020-01-15")
    rounds_up = round_uploads(rounds)
    assert [(u.name, u.iri) for u in rounds_up] == [("round 2019", monitoring_graph("2019"))]
    settings = store_settings(name)
    outcomes = publish([*uploads, *rounds_up], settings["gsp"], settings["endpoint"], credentials(settings))
    assert outcomes[-1].upload.iri == monitoring_graph("2019") and outcomes[-1].state == "replaced"
    remote = RemoteStore(settings["endpoint"], default_graphs=(*DATA_GRAPHS, monitoring_graph("2019")))
    said = {(r["notation"], r.get("kind", "")): r["status"] for r in rows(remote, "status-at-date", date="2020-02-01")}
    assert said[("1.1.4", "self-report")] == "not started"


def test_export_with_rounds_offers_each_and_shows_them_on_the_dashboard(tmp_path):
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import DCAT, RDF

    from plan_graph.pipeline.build import build
    from plan_graph.release.export import export_files

    rounds = tmp_path / "monitoring"
    form = write_csv(tmp_path / "f.csv", [["ANITP", "2019", "1.1.4", "", "", "", "", "", "neîncepută", "", ""]])
    import_forms([form], "2019", rounds, "2020-01-15")
    public = "https://data.example.org/plan/"
    release = export_files(build(), public, rounds)
    assert release.files["monitoring-2019.nt"] == (rounds / "2019.nt").read_bytes()
    record = Graph().parse(data=release.files["dcat.ttl"].decode(), format="turtle")
    monitoring = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018/monitoring/dataset")
    offered = {str(record.value(d, DCAT.downloadURL)) for d in record.objects(monitoring, DCAT.distribution)}
    assert public + "monitoring-2019.nt" in offered and public + "monitoring.ttl" in offered
    void = Graph().parse(data=release.files["void.ttl"].decode(), format="turtle")
    triples = int(void.value(monitoring, Namespace("http://rdfs.org/ns/void#").triples))
    together = Graph().parse(data=release.files["monitoring.nt"].decode(), format="nt")
    together.parse(data=release.files["monitoring-2019.nt"].decode(), format="nt")
    assert triples == len(together)
    dashboard = release.files["site/monitoring.html"].decode()
    assert "Reporting rounds held · Runde de raportare: 2019" in dashboard
    assert (None, RDF.type, DCAT.Dataset) in record


def test_the_whole_round_trip(forms, tmp_path, store_settings, uploads):
    """Templates written, filled (XLSX and CSV), imported, queried, exported, published to the Oxigraph server and
    Virtuoso, and shown on the dashboard of a running server in Chromium: one test, end to end."""
    from server_process import running_server
    from test_browser_checks import browser
    from test_triple_stores import credentials

    from plan_graph.graph.names import DATA_GRAPHS, monitoring_graph
    from plan_graph.pipeline.build import build
    from plan_graph.release.export import export_files, write_export
    from plan_graph.release.publish import publish, round_uploads
    from plan_graph.stores.remote import RemoteStore

    xlsx = fill_xlsx(forms / "2019-ANITP.xlsx", tmp_path / "anitp.xlsx", {
        ("1.1.1", ""): {STATUS: status_choice("completed")}, ("1.1.1", "1"): {VALUE: 14},
    })  # fmt: skip
    lines = list(csv.reader((forms / "2019-MAI.csv").read_text(encoding="utf-8").splitlines()))
    for line in lines[1:]:
        if line[2] == "2.1.5" and not line[3]:
            line[8] = "realizată · completed"
    mai = write_csv(tmp_path / "mai.csv", lines[1:])
    rounds = tmp_path / "monitoring"
    import_forms([xlsx, mai], "2019", rounds, "2020-02-01")

    local = open_plan_store(StoreSettings(rounds=rounds))
    expected = {r["notation"] for r in rows(local, "overdue-at-date", date="2020-12-31")}
    assert "2.1.5" not in expected and "2.3.1" in expected
    assert ("ANITP", "1.1.1") not in {(r["body"], r["notation"]) for r in rows(local, "unreported", period="2019")}

    release = tmp_path / "release"
    write_export(export_files(build(), "https://data.example.org/plan/", rounds), release)
    assert (release / "monitoring-2019.nt").read_bytes() == (rounds / "2019.nt").read_bytes()

    for name in ("oxigraph", "virtuoso"):
        settings = store_settings(name)
        publish([*uploads, *round_uploads(rounds)], settings["gsp"], settings["endpoint"], credentials(settings))
        remote = RemoteStore(settings["endpoint"], default_graphs=(*DATA_GRAPHS, monitoring_graph("2019")))
        assert {r["notation"] for r in rows(remote, "overdue-at-date", date="2020-12-31")} == expected, name

    with running_server("--rounds", str(rounds)) as (base, _):
        playwright, chromium = browser()
        try:
            page = chromium.new_page()
            page.goto(base + "monitoring?date=2020-12-31&period=2019&actor=ANITP")
            titles = page.locator("#areas rect title").all_text_contents()
            overdue = page.locator("table.overdue td:first-child").all_text_contents()
        finally:
            chromium.close()
            playwright.stop()
    assert "Area 1: 1 completed" in titles and "2.3.1" in overdue and "2.1.5" not in overdue


def test_rounds_and_a_store_folder_do_not_go_together(tmp_path):
    from plan_graph.errors import UsageError

    with pytest.raises(UsageError, match="--rounds loads the rounds beside the plan in memory"):
        open_plan_store(StoreSettings(folder=tmp_path / "store", rounds=tmp_path))
    with pytest.raises(UsageError, match=r"--rounds .*: no such folder"):
        open_plan_store(StoreSettings(rounds=tmp_path / "missing"))
