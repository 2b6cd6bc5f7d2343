"""Publishing to and querying real triple stores: an Oxigraph server and Virtuoso, which the tests start
themselves (tests/support/triple_stores.py). Locally the Virtuoso tests skip when virtuoso-t is not installed."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from plan_graph.errors import StoreError
from plan_graph.graph.iris import (
    ACTORS_GRAPH,
    DATA_GRAPHS,
    EXTERNAL_ASSESSMENTS_GRAPH,
    INFERRED_GRAPH,
    PLAN_GRAPH,
    STATISTICS_GRAPH,
)
from plan_graph.graph.iris import ONTOLOGY as ONTOLOGY_GRAPH
from plan_graph.graph.rdflib_door import graph_of
from plan_graph.pipeline.build import build
from plan_graph.release.publish import Credentials, GraphUpload, PublishError, publish
from plan_graph.stores.queries import catalogue, example_parameters, run_saved_query, saved_query
from plan_graph.stores.remote import (
    RemoteStore,
    RetryPolicy,
)
from plan_graph.stores.results import GraphResult
from tests.support.publishing import count, credentials
from tests.support.saved_queries import EMPTY_TODAY
from tests.support.server_process import running_server, serving_in_thread

EXAMPLES = {"date": "2021-12-31", "actor": "MAI", "notation": "2"}  # beside queries.EXAMPLE_VALUES


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def published(request, uploads, store_settings):
    settings = store_settings(request.param)
    publish(uploads, settings["gsp"], settings["endpoint"], credentials(settings))
    return request.param, settings


def test_publish_replaces_six_graphs_and_checks_them(published, uploads):
    _, settings = published
    sizes = {upload.iri: upload.count for upload in uploads}
    assert set(sizes) == {
        PLAN_GRAPH,
        ACTORS_GRAPH,
        INFERRED_GRAPH,
        STATISTICS_GRAPH,
        EXTERNAL_ASSESSMENTS_GRAPH,
        ONTOLOGY_GRAPH,
    }
    for graph, size in sizes.items():
        assert count(settings["endpoint"], graph) == size
    built = build(check=False)
    assert sizes[PLAN_GRAPH] + sizes[ACTORS_GRAPH] == len(graph_of(built.stored))
    assert sizes[INFERRED_GRAPH] == built.entailments.count
    assert sizes[STATISTICS_GRAPH] == len(graph_of(built.made["statistics"].stored))
    assert sizes[EXTERNAL_ASSESSMENTS_GRAPH] == len(graph_of(built.made["monitoring"].stored))


def test_publishing_twice_leaves_one_copy(published, uploads):
    _, settings = published
    outcomes = publish(uploads, settings["gsp"], settings["endpoint"], credentials(settings))
    assert [o.state for o in outcomes] == ["replaced"] * 6
    for upload in uploads:  # counted here, not by publish: one copy of each graph
        assert count(settings["endpoint"], upload.iri) == upload.count


def test_append_adds_with_post(published, uploads):
    _, settings = published
    outcomes = publish(uploads[:1], settings["gsp"], settings["endpoint"], credentials(settings), append=True)
    assert outcomes[0].state == "added"
    assert count(settings["endpoint"], uploads[0].iri) == uploads[0].count  # the same triples: a set


def assert_same_answers(store, remote, name: str) -> None:
    """A saved query answers on `remote` as on the embedded store, row for row (a graph: triple for triple)."""
    params = example_parameters(saved_query(name), **EXAMPLES)
    here, there = run_saved_query(store, name, params), run_saved_query(remote, name, params)
    if isinstance(here, GraphResult):
        assert here.triples, name  # two empty answers would agree on nothing
        assert sorted((s.value, p.value, o.value) for s, p, o in here.triples) == sorted(
            (s.value, p.value, o.value) for s, p, o in there.triples
        )
        return
    assert here.variables == there.variables
    lexical = [[row[v].value if v in row else None for v in here.variables] for row in here.rows]
    assert lexical == [[row[v].value if v in row else None for v in there.variables] for row in there.rows]
    assert (not lexical) if name in EMPTY_TODAY else lexical, name  # the empty ones: the next test


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_saved_query_gives_the_same_answers_as_the_embedded_store(published, store, name):
    _, settings = published
    assert_same_answers(store, RemoteStore(settings["endpoint"], default_graphs=DATA_GRAPHS), name)


def test_the_monitoring_queries_give_the_same_answers_with_a_round_on_every_store(published, plan_build):
    """A reporting round made by the test, published beside the plan: the monitoring queries answer on each
    store as on the embedded one with the same round (the bundled data has no self-reports)."""
    from plan_graph.pipeline.plan_store import built_plan_store
    from plan_graph.text.reports import SelfReport
    from tests.support.reporting_round import fixture_round, round_of

    _, settings = published
    round_2019 = fixture_round()
    round_2019 += round_of("2019", "ANITP", "2020-01-31", [SelfReport("2.3.1", "ANITP", "completed")])
    # MAI says 2.1.1 is completed the day ANITP says it is in progress (line 31: both responsible): they disagree
    round_2019 += round_of("2019", "MAI", "2020-01-31", [SelfReport("2.1.1", "MAI", "completed")])
    fixture = "urn:plan-graph:test:round-2019"
    publish(
        [GraphUpload("round", fixture, round_2019.serialize(format="nt", encoding="utf-8"))],
        settings["gsp"],
        settings["endpoint"],
        credentials(settings),
    )
    remote = RemoteStore(settings["endpoint"], default_graphs=(*DATA_GRAPHS, fixture))
    here = built_plan_store(plan_build)
    here.load_ntriples(round_2019.serialize(format="nt", encoding="utf-8"))
    asked = [
        ("status-at-date", {"date": "2020-12-31"}),
        ("overdue-at-date", {"date": "2020-12-31"}),
        ("unreported", {"period": "2019"}),
        ("unreported", {"period": "2020"}),
        ("indicator-values", {"activity": "1.1.2"}),
        ("progress-by-area", {"date": "2021-12-31"}),
        ("progress-by-area", {"date": "2020-03-01", "actor": "MAI"}),
        ("assessment-disagreements", {}),
        ("self-report-disagreements", {}),
        ("self-reports", {"period": "2019"}),
        ("activity-assessments", {"activity": "2.1.1"}),
        ("round-by-area", {"period": "2019"}),
        ("round-by-body", {"period": "2019"}),
        ("round-values", {"period": "2019"}),
    ]
    for name, params in asked:
        mine, theirs = run_saved_query(here, name, params), run_saved_query(remote, name, params)
        lexical = [[row[v].value if v in row else None for v in mine.variables] for row in mine.rows]
        assert lexical, name
        remote_rows = [[row[v].value if v in row else None for v in theirs.variables] for row in theirs.rows]
        assert lexical == remote_rows, (name, lexical, remote_rows)


def test_the_disagreements_query_finds_a_disagreement_on_every_store(published, tmp_path):
    from tests.support.statistics_disagreement import assert_the_disagreements, disagreeing_statistics

    _, settings = published
    fixture = "urn:plan-graph:test:disagreement"
    publish(
        [
            GraphUpload(
                "fixture", fixture, disagreeing_statistics(tmp_path / "data").serialize(format="nt", encoding="utf-8")
            )
        ],
        settings["gsp"],
        settings["endpoint"],
        credentials(settings),
    )
    remote = RemoteStore(settings["endpoint"], default_graphs=(fixture,))
    answer = [
        {k: v.value for k, v in row.items()} for row in run_saved_query(remote, "statistics-disagreements", {}).rows
    ]
    assert_the_disagreements(answer)


def test_query_command_with_endpoint(published):
    _, settings = published
    command = [sys.executable, "-m", "plan_graph", "query", "activities", "--format", "csv"]
    remote = subprocess.run([*command, "--endpoint", settings["endpoint"]], capture_output=True, text=True, timeout=120)
    local = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout


@pytest.fixture(scope="module")
def served():
    with running_server() as (base, _):
        yield base


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_saved_query_gives_the_same_answers_from_the_endpoint_of_plan_graph_serve(served, store, name):
    """#30: a consumer of `plan-graph serve` who asks as `query --endpoint` does (the graphs publish writes as the
    default graph) gets the embedded store's answer, row for row."""
    remote = RemoteStore(served + "sparql", default_graphs=DATA_GRAPHS)
    assert remote.check_default_graphs() == []
    assert_same_answers(store, remote, name)


def test_query_command_with_the_endpoint_of_plan_graph_serve(tmp_path):
    """#30: `query --endpoint` pointed at the project's own server reads the graphs publish writes, which the
    server holds too: the same answer as the embedded store, for every row."""
    command = [sys.executable, "-m", "plan_graph", "query", "mai-ngo", "--format", "csv"]
    local = subprocess.run(command, capture_output=True, text=True, timeout=120)
    with running_server() as (base, _):
        remote = subprocess.run([*command, "--endpoint", base + "sparql"], capture_output=True, text=True, timeout=120)
    assert (remote.returncode, remote.stderr) == (0, "")
    assert remote.stdout == local.stdout and len(local.stdout.splitlines()) > 1


def test_a_default_graph_the_store_does_not_hold_is_said(store_settings, uploads, capsys):
    """#30: the graphs a query reads as its default graph, checked before it runs: none held is an error naming
    those asked for and those held; one missing, or the entailments not read, a warning."""
    from plan_graph.cli import main

    settings = store_settings("oxigraph")
    moved = "urn:plan-graph:test:plan-elsewhere"
    by_name = {upload.name: upload for upload in uploads}
    elsewhere = GraphUpload("plan", moved, by_name["plan"].ntriples)
    publish([elsewhere, *(u for u in uploads if u.name != "plan")], settings["gsp"], settings["endpoint"])
    drop = httpx.post(
        settings["endpoint"].replace("/query", "/update"),
        content=f"DROP SILENT GRAPH <{PLAN_GRAPH}>",
        headers={"Content-Type": "application/sparql-update"},
        timeout=60,
    )
    assert drop.status_code < 300, drop.text
    try:

        def asked(*options: str) -> tuple[int, list[str], str]:
            capsys.readouterr()
            code = main(["query", "mai-ngo", "--format", "csv", "--endpoint", settings["endpoint"], *options])
            out, err = capsys.readouterr()
            return code, err.splitlines(), out

        capsys.readouterr()
        assert main(["query", "mai-ngo", "--format", "csv"]) == 0  # the embedded store's answer
        local = capsys.readouterr().out
        # the plan's graph is elsewhere: said, and the others still read
        code, err, out = asked()
        assert code == 0 and err == [
            f"plan-graph: warning: {settings['endpoint']} holds no data in <{PLAN_GRAPH}>, "
            "asked for as part of the default graph; the answers come from the other "
            "graphs"
        ]
        # named with --plan-graph: the same answer as the embedded store, without a word
        code, err, out = asked("--plan-graph", moved)
        assert (code, err, out) == (0, [], local)
        # --graph replaces them all: without the entailments' graph, said
        code, err, out = asked("--graph", moved, "--graph", ACTORS_GRAPH)
        assert code == 0 and err == [
            f"plan-graph: warning: the entailments' graph <{INFERRED_GRAPH}> is not read: "
            "queries that rely on them (pg:involves, ?x a pg:Actor, "
            "org:transitiveSubOrganizationOf …) miss what they add; add --graph for it, or "
            "use --plan-graph"
        ]
        # none of them held: an error that names what was asked for and what is there
        code, err, out = asked("--graph", "urn:plan-graph:test:nothing")
        assert code == 2 and out == "" and len(err) == 1
        assert err[0].startswith(
            f"plan-graph: {settings['endpoint']} holds no data in any of the graphs asked for "
            "as the default graph (<urn:plan-graph:test:nothing>); the graphs it holds: <"
        )
        assert (
            f"<{moved}>" in err[0]
            and f"<{ACTORS_GRAPH}>" in err[0]
            and err[0].endswith("Name the plan's with --plan-graph, or every graph to read with --graph")
        )
        code, err, _ = asked("--graph", moved, "--plan-graph", moved)
        assert code == 2 and "give one" in err[0]
    finally:
        publish(uploads, settings["gsp"], settings["endpoint"])  # the session's store as the other tests expect it
        httpx.post(
            settings["endpoint"].replace("/query", "/update"),
            content=f"DROP SILENT GRAPH <{moved}>",
            headers={"Content-Type": "application/sparql-update"},
            timeout=60,
        )


def test_serve_from_a_remote_store(published):
    _, settings = published
    with running_server("--endpoint", settings["endpoint"]) as (base, _):
        count_activities = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/plan-graph/ontology#Activity> }"
        response = httpx.get(base + "sparql", headers={"Accept": "text/csv"}, params={"query": count_activities})
        assert response.text.splitlines() == ["n", "60"]
        assert "etag" not in response.headers  # a remote store's data may change: no entity tag, nothing kept
        page = httpx.get(base + "ro/hg-861-2018/activity/2.1.2", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "line 32 of the published text" in page.text
        assert httpx.get(base + "ro/nothing", headers={"Accept": "text/turtle"}).status_code == 404
        assert httpx.post(base + "sparql", data={"update": "DROP ALL"}).status_code == 403
        # named-graph-uri cannot be passed on to the remote: refused, not dropped (which widened the dataset)
        named = httpx.get(base + "sparql", params={"query": count_activities, "named-graph-uri": PLAN_GRAPH})
        assert named.status_code == 400 and "named-graph-uri" in named.text


# ---- failures


def test_a_wrong_password_is_refused_and_leaves_the_graph_as_it_was(uploads, store_settings):
    settings = store_settings("virtuoso")
    before = count(settings["endpoint"], PLAN_GRAPH)
    wrong = Credentials(settings["user"], "not-the-password", "digest")
    with pytest.raises(PublishError) as caught:
        publish(uploads, settings["gsp"], settings["endpoint"], wrong)
    assert "401" in str(caught.value) and "not-the-password" not in str(caught.value)
    assert [o.state for o in caught.value.outcomes] == ["unchanged (refused)"] + ["unchanged (not sent)"] * 5
    assert count(settings["endpoint"], PLAN_GRAPH) == before


def test_the_password_never_appears_in_output(store_settings):
    settings = store_settings("virtuoso")
    secret = "Secret-Passw0rd-123"
    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "publish", "--gsp", settings["gsp"], "--auth", "digest", "--user", "dba"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PLAN_GRAPH_PASSWORD": secret},
    )
    assert result.returncode == 1 and "401" in result.stderr
    assert secret not in result.stdout + result.stderr
    assert repr(Credentials("dba", secret)).count(secret) == 0
    no_option = subprocess.run(
        [sys.executable, "-m", "plan_graph", "publish", "--gsp", settings["gsp"], "--password", secret],
        capture_output=True,
        text=True,
    )
    assert no_option.returncode == 2  # there is no such option: passwords never go on the command line


def test_an_unreachable_store_fails_after_bounded_retries(uploads):
    started = time.monotonic()
    with pytest.raises(PublishError) as caught:
        publish(uploads, "http://127.0.0.1:9/store", "http://127.0.0.1:9/query", retry=RetryPolicy(3, 0.2))
    assert "cannot reach" in str(caught.value) and "gave up after 3 attempts" in str(caught.value)
    assert time.monotonic() - started < 10
    assert caught.value.outcomes[0].state == "unchanged (not reached)"


def test_a_staged_publish_to_a_store_that_is_not_running_says_nothing_reached_it(uploads):
    with pytest.raises(PublishError) as caught:
        publish(
            uploads,
            "http://127.0.0.1:9/store",
            "http://127.0.0.1:9/query",
            retry=RetryPolicy(2, 0.05),
            update="http://127.0.0.1:9/update",
        )
    message = caught.value.args[0]  # its str() adds each graph's state
    assert message.startswith("nothing reached the store: cannot reach http://127.0.0.1:9/store")
    assert "may remain" not in message and "kept" not in message and "not swapped in" not in message
    assert [o.state for o in caught.value.outcomes] == ["unchanged (not reached)"] * 6
    command = subprocess.run(
        [sys.executable, "-m", "plan_graph", "publish", "--gsp", "http://127.0.0.1:9/store"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert command.returncode == 1 and "nothing reached the store" in command.stderr
    assert command.stderr.count("unchanged (not reached)") == 6 and "staging" not in command.stderr.split("\n", 1)[1]


class FailingStore(http.server.BaseHTTPRequestHandler):
    """A store that answers 503 to every request (for the retry rule), or accepts a PUT and then reports a
    smaller count (for the completeness check): failures real stores do not produce on demand."""

    mode: ClassVar[str] = "503"
    requests: ClassVar[list[str]] = []

    def do_PUT(self):
        self.requests.append("PUT")
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(503 if self.mode == "503" else 201)
        self.end_headers()

    def do_POST(self):
        self.requests.append("POST")
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"head":{"vars":["triples"]},"results":{"bindings":[{"triples":{"type":"literal","value":"7"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def failing_store():
    FailingStore.requests = []
    with serving_in_thread(FailingStore) as base:
        yield base


def test_server_errors_are_retried_a_bounded_number_of_times_with_backoff(uploads, failing_store):
    FailingStore.mode = "503"
    delays = []
    policy = RetryPolicy(attempts=3, first_delay=0.1)
    with pytest.raises(PublishError) as caught:
        publish(
            uploads,
            failing_store + "/store",
            failing_store + "/query",
            retry=RetryPolicy(policy.attempts, policy.first_delay),
        )
    assert FailingStore.requests == ["PUT", "PUT", "PUT"]  # no retry storm
    assert "503" in str(caught.value)
    with pytest.raises(StoreError):
        policy.run(lambda: (_ for _ in ()).throw(StoreError("x", transient=True)), sleep=delays.append)
    assert delays == [0.1, 0.2]  # exponential backoff


def test_a_graph_that_did_not_arrive_whole_is_reported(uploads, failing_store):
    FailingStore.mode = "incomplete"
    with pytest.raises(PublishError) as caught:
        publish(uploads, failing_store + "/store", failing_store + "/query")
    assert "did not arrive whole" in str(caught.value) and "but 7 in the store" in str(caught.value)
    assert [o.state for o in caught.value.outcomes][1:] == ["unchanged (not sent)"] * 5


def test_remote_query_failures_are_clear(store_settings):
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore("http://127.0.0.1:9/sparql", retry=RetryPolicy(2, 0.05)).query("ASK {}")
    settings = store_settings("oxigraph")
    with pytest.raises(StoreError, match="400"):
        RemoteStore(settings["endpoint"]).query("SELECT ?x WHERE { ?x ?p }")
    with pytest.raises(StoreError, match="404"):
        RemoteStore(settings["endpoint"].replace("/query", "/nowhere")).query("ASK {}")


@pytest.mark.slow
def test_the_script_for_long_running_stores_starts_and_stops_them(tmp_path):
    from bench.endpoint import free_port
    from tests.support.paths import REPO

    state = tmp_path / "state"
    ports = {
        "PLAN_GRAPH_OXIGRAPH_PORT": str(free_port()),
        "PLAN_GRAPH_VIRTUOSO_HTTP_PORT": str(free_port()),
        "PLAN_GRAPH_VIRTUOSO_SQL_PORT": str(free_port()),
        "OXIGRAPH": str(Path(sys.executable).with_name("oxigraph")),
    }
    script = REPO / "scripts" / "triple-stores"
    started = subprocess.run(
        [str(script), "start", str(state)], capture_output=True, text=True, timeout=180, env={**os.environ, **ports}
    )
    try:
        assert started.returncode == 0, started.stderr
        exported = dict(line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines())
        oxigraph = exported["PLAN_GRAPH_TEST_OXIGRAPH"]
        assert oxigraph.endswith(":" + ports["PLAN_GRAPH_OXIGRAPH_PORT"])
        assert httpx.get(oxigraph + "/query", params={"query": "ASK {}"}).status_code == 200
        if "PLAN_GRAPH_TEST_VIRTUOSO" in exported:
            assert httpx.get(exported["PLAN_GRAPH_TEST_VIRTUOSO"] + "/sparql", params={"query": "ASK {}"}).is_success
    finally:
        stopped = subprocess.run([str(script), "stop", str(state)], capture_output=True, text=True, timeout=120)
    assert stopped.returncode == 0 and not state.exists()
    with pytest.raises(httpx.ConnectError):
        httpx.get(oxigraph + "/query", params={"query": "ASK {}"})


def test_the_docs_say_how_many_graphs_publish_writes(uploads):
    from tests.support.paths import REPO

    words = {5: "five", 6: "six", 7: "seven"}
    count = words[len(uploads)]
    publishing = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    cli = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"stages {count} named graphs" in publishing and f"all {count} arrived whole" in publishing
    assert f"replaces {count} named graphs" in " ".join(cli.split())
