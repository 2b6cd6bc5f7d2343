"""The monitoring round trip end to end (#20, #29): forms written, filled as a body would (XLSX and CSV), imported
one body at a time with a correction, queried, exported, published to the Oxigraph server and Virtuoso, served
and shown in Chromium; and the faults on the way (a damaged round file, a rounds folder with other files in it).

Facts from the plan (tests/support/plan_facts.py): ANITP is responsible for 1.1.1 (line 10: two count indicators, due
"Anual") and 1.1.4 as a partner (line 13); MAI, with others, for 2.1.5 (line 35, due "Septembrie 2019"); 2.3.1
(ANITP, line 43) was due "Iunie 2019", and the US TIP reports of 2020 and 2021 call it "in progress, limited".
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from plan_graph.cli import main
from plan_graph.graph.names import DATA_GRAPHS, monitoring_graph
from plan_graph.pipeline.plan_store import open_plan_store
from plan_graph.settings import Settings
from plan_graph.stores.queries import run_saved_query
from plan_graph.text.forms import COLUMNS
from tests.support.reporting_round import fill_xlsx, form_line, write_form


def rows(store, name, **params):
    return [{k: v.value for k, v in row.items()} for row in run_saved_query(store, name, params).rows]


def cli(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plan_graph", *args], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )


def test_the_command_line_round_trip(tmp_path):
    made = cli(tmp_path, "monitor", "template", "--period", "2019", "--actor", "ANITP", "--format", "csv")
    assert made.returncode == 0 and (tmp_path / "forms" / "2019-ANITP.csv").is_file(), made.stderr
    with (tmp_path / "forms" / "2019-ANITP.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    keys = list(COLUMNS)
    for line in table[1:]:
        if line[keys.index("activity")] == "1.1.4" and not line[keys.index("indicator")]:
            line[keys.index("status")] = "neîncepută"
    write_form(tmp_path / "filled.csv", table[1:])
    imported = cli(tmp_path, "monitor", "import", "filled.csv", "--period", "2019", "--reported-on", "2020-01-15")
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == (
        "plan-graph: imported ANITP: 1 status(es) and 0 value(s) for 2019, reported on 2020-01-15 (--reported-on): "
        "monitoring/2019/ANITP/1.nt\n"
    )
    asked = cli(
        tmp_path, "query", "status-at-date", "--param", "date=2020-01-31", "--rounds", "monitoring", "--format", "csv"
    )
    line = next(row for row in csv.reader(asked.stdout.splitlines()) if row[0] == "1.1.4")
    assert line[:6] == ["1.1.4", "not started", "2020-01-15", "self-report", "ANITP", "not started"]
    refused = cli(tmp_path, "monitor", "import", "filled.csv", "--period", "2020")
    assert refused.returncode == 1 and "nothing was imported" in refused.stderr
    assert (
        f"filled.csv, cells B2-B{len(table)} (Perioada · Period): in {len(table) - 1} rows the period is '2019', "
        "but this import is for 2020" in refused.stderr
    )
    assert sorted(p.name for p in (tmp_path / "monitoring").rglob("*.nt")) == ["1.nt"]


def test_the_whole_round_trip(tmp_path, capsys, store_settings, uploads):
    """One body at a time, then a correction; the same answers from the embedded store, the release, the Oxigraph
    server and Virtuoso after publish, and the served dashboard in Chromium."""
    from plan_graph.pipeline.build import build
    from plan_graph.release.export import export_files, write_export
    from plan_graph.release.publish import publish, round_uploads
    from plan_graph.stores.remote import RemoteStore
    from tests.support.browsers import browser
    from tests.support.publishing import credentials
    from tests.support.server_process import running_server

    forms, rounds = tmp_path / "forms", tmp_path / "monitoring"
    for body in ("ANITP", "MAI"):
        assert main(["monitor", "template", "--period", "2019", "--actor", body, "--out", str(forms)]) == 0
    anitp = fill_xlsx(
        forms / "2019-ANITP.xlsx",
        tmp_path / "anitp.xlsx",
        {
            ("1.1.1", ""): {"reported_on": "2020-02-01", "status": "realizată · completed"},
            ("1.1.1", "1"): {"value": 14},
        },
    )
    mai = write_form(
        tmp_path / "mai.csv", [form_line("MAI", "2019", "2.1.5", status="în curs", reported_on="2020-02-01")]
    )
    corrected = write_form(
        tmp_path / "mai-corrected.csv",
        [form_line("MAI", "2019", "2.1.5", status="realizată", reported_on="2020-02-03")],
    )
    for form in (anitp, mai, corrected):
        assert main(["monitor", "import", str(form), "--period", "2019", "--rounds", str(rounds)]) == 0
    assert sorted(p.relative_to(rounds).as_posix() for p in rounds.rglob("*.nt")) == [
        "2019/ANITP/1.nt",
        "2019/MAI/1.nt",
        "2019/MAI/2.nt",
    ]

    local = open_plan_store(Settings(rounds=rounds))
    expected = rows(local, "overdue-at-date", date="2020-12-31")
    assert "2.1.5" not in {r["notation"] for r in expected} and "2.3.1" in {r["notation"] for r in expected}
    said = [
        (r["notation"], r["status"], r.get("by", ""))
        for r in rows(local, "status-at-date", date="2020-12-31")
        if r.get("kind") == "self-report"
    ]
    assert said == [("1.1.1", "completed", "ANITP"), ("2.1.5", "completed", "MAI")]

    release = tmp_path / "release"
    write_export(export_files(build(), "https://data.example.org/plan/", rounds), release)
    published = (release / "monitoring-2019.nt").read_bytes()
    assert published == b"".join(
        sorted(
            set(((rounds / "2019/ANITP/1.nt").read_bytes() + (rounds / "2019/MAI/2.nt").read_bytes()).splitlines(True))
        )
    )
    assert (
        b"/submission/MAI/1>" in published
        and b"hg-861-2018/monitoring/2019/submission/MAI/2> <http://www.w3.org/ns/prov#wasRevisionOf>" in published
    )  # the correction says what it revised

    for name in ("oxigraph", "virtuoso"):
        settings = store_settings(name)
        publish([*uploads, *round_uploads(rounds)], settings["gsp"], settings["endpoint"], credentials(settings))
        remote = RemoteStore(settings["endpoint"], default_graphs=(*DATA_GRAPHS, monitoring_graph("2019")))
        assert rows(remote, "overdue-at-date", date="2020-12-31") == expected, name

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
    by_area = rows(local, "progress-by-area", date="2020-12-31", actor="ANITP")
    assert sorted(titles) == sorted(f"Area {r['area']}: {r['activities']} {r['status']}" for r in by_area)
    assert overdue == [r["notation"] for r in rows(local, "overdue-at-date", date="2020-12-31", actor="ANITP")]
    assert "Area 1: 1 completed" in titles and "2.3.1" in overdue


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_publish_writes_each_round_as_its_named_graph(tmp_path, store_settings, uploads, name):
    from plan_graph.release.publish import publish, round_uploads
    from plan_graph.stores.remote import RemoteStore
    from tests.support.publishing import credentials

    rounds = tmp_path / "monitoring"
    form = write_form(tmp_path / "f.csv", [form_line("ANITP", "2019", "1.1.4", status="neîncepută")])
    assert (
        main(
            ["monitor", "import", str(form), "--period", "2019", "--rounds", str(rounds), "--reported-on", "2020-01-15"]
        )
        == 0
    )
    rounds_up = round_uploads(rounds)
    assert [(u.name, u.iri) for u in rounds_up] == [("round 2019", monitoring_graph("2019"))]
    settings = store_settings(name)
    outcomes = publish([*uploads, *rounds_up], settings["gsp"], settings["endpoint"], credentials(settings))
    assert outcomes[-1].upload.iri == monitoring_graph("2019") and outcomes[-1].state == "replaced"
    remote = RemoteStore(settings["endpoint"], default_graphs=(*DATA_GRAPHS, monitoring_graph("2019")))
    said = [
        (r["notation"], r["status"], r["by"])
        for r in rows(remote, "status-at-date", date="2020-02-01")
        if r.get("kind") == "self-report"
    ]
    assert said == [("1.1.4", "not started", "ANITP")]


def test_export_with_rounds_offers_each_and_shows_them_on_the_dashboard(tmp_path):
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import DCAT, RDF

    from plan_graph.pipeline.build import build
    from plan_graph.release.export import export_files

    rounds = tmp_path / "monitoring"
    form = write_form(tmp_path / "f.csv", [form_line("ANITP", "2019", "1.1.4", status="neîncepută")])
    assert main(["monitor", "import", str(form), "--period", "2019", "--rounds", str(rounds)]) == 0
    public = "https://data.example.org/plan/"
    release = export_files(build(), public, rounds)
    assert release.files["monitoring-2019.nt"] == b"".join(
        sorted(set((rounds / "2019" / "ANITP" / "1.nt").read_bytes().splitlines(True)))
    )
    record = Graph().parse(data=release.files["dcat.ttl"].decode(), format="turtle")
    monitoring = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018/monitoring/dataset")
    offered = {str(record.value(d, DCAT.downloadURL)) for d in record.objects(monitoring, DCAT.distribution)}
    assert offered == {
        public + name
        for name in (
            "monitoring.ttl",
            "monitoring.nt",
            "monitoring.jsonld",
            "monitoring.rdf",
            "monitoring-2019.nt",
            "monitoring-2019-by-area.csv",
            "monitoring-2019-by-body.csv",
            "monitoring-2019-values.csv",
        )
    }
    void = Graph().parse(data=release.files["void.ttl"].decode(), format="turtle")
    triples = int(void.value(monitoring, Namespace("http://rdfs.org/ns/void#").triples))
    together = Graph().parse(data=release.files["monitoring.nt"].decode(), format="nt")
    together.parse(data=release.files["monitoring-2019.nt"].decode(), format="nt")
    assert triples == len(together)
    dumps = {str(o) for o in void.objects(monitoring, Namespace("http://rdfs.org/ns/void#").dataDump)}
    assert dumps == {
        public + name
        for name in ("monitoring.ttl", "monitoring.nt", "monitoring.jsonld", "monitoring.rdf", "monitoring-2019.nt")
    }
    dashboard = release.files["site/monitoring.html"].decode()
    assert "Reporting rounds held · Runde de raportare: 2019" in dashboard
    assert (None, RDF.type, DCAT.Dataset) in record


def test_a_damaged_round_file_is_one_line_naming_it_for_every_command(tmp_path, capsys):
    """A truncated submission: query, serve, export, publish, history and import each say which file and line."""
    rounds = tmp_path / "monitoring"
    form = write_form(tmp_path / "f.csv", [form_line("ANITP", "2019", "1.1.4", status="neîncepută")])
    assert main(["monitor", "import", str(form), "--period", "2019", "--rounds", str(rounds)]) == 0
    damaged = rounds / "2019" / "ANITP" / "1.nt"
    data = damaged.read_bytes()
    damaged.write_bytes(data[: data.index(b"\n", len(data) // 2) + 20])
    line = data[: len(damaged.read_bytes())].count(b"\n") + 1
    commands = {
        "query": ["query", "status-at-date", "--param", "date=2020-12-31", "--rounds", str(rounds)],
        "export": ["export", "--out", str(tmp_path / "release"), "--rounds", str(rounds)],
        "publish": ["publish", "--gsp", "http://127.0.0.1:9/store", "--rounds", str(rounds)],
        "history": ["monitor", "history", "--period", "2019", "--rounds", str(rounds)],
        "import": ["monitor", "import", str(form), "--period", "2019", "--rounds", str(rounds)],
    }
    for name, args in commands.items():
        capsys.readouterr()
        assert main(args) == 1, name
        err = capsys.readouterr().err
        assert (
            err.startswith(f"plan-graph: {damaged}, line {line}: damaged, not N-Triples (") and err.count("\n") == 1
        ), (name, err)
    from tests.support.server_process import free_port

    served = cli(tmp_path, "serve", "--port", str(free_port()), "--rounds", str(rounds))
    assert served.returncode == 1 and served.stderr.startswith(f"plan-graph: {damaged}, line {line}: damaged")
    assert "Traceback" not in served.stderr and not (tmp_path / "release").exists()
    assert sorted(p.name for p in rounds.rglob("*") if p.is_file()) == ["1.nt"]  # the import added nothing


def test_files_in_the_rounds_folder_that_are_not_rounds_are_named(tmp_path, capsys):
    rounds = tmp_path / "monitoring"
    form = write_form(tmp_path / "f.csv", [form_line("ANITP", "2019", "1.1.4", status="neîncepută")])
    assert main(["monitor", "import", str(form), "--period", "2019", "--rounds", str(rounds)]) == 0
    (rounds / "notes.txt").write_text("to do", encoding="utf-8")
    (rounds / "2019" / "ANITP" / "draft.nt").write_text("", encoding="utf-8")
    capsys.readouterr()
    assert main(["query", "unreported", "--param", "period=2019", "--rounds", str(rounds), "--format", "csv"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"plan-graph: warning: {rounds / '2019' / 'ANITP' / 'draft.nt'}: not a reporting round's file; not read",
        f"plan-graph: warning: {rounds / 'notes.txt'}: not a reporting round's file; not read",
    ]


def test_rounds_and_a_store_folder_do_not_go_together(tmp_path):
    from plan_graph.errors import UsageError

    with pytest.raises(UsageError, match="--rounds loads the rounds beside the plan in memory"):
        open_plan_store(Settings(folder=tmp_path / "store", rounds=tmp_path))
    with pytest.raises(UsageError, match=r"--rounds .*: no such folder"):
        open_plan_store(Settings(rounds=tmp_path / "missing"))
