"""`plan-graph serve` against real clients: SPARQLWrapper, rdflib's SPARQLStore, httpx, headless Chromium. (What
needs no socket is tested in process: tests/web/test_endpoint.py.)"""

from __future__ import annotations

import signal
import subprocess
import time

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from tests.support.browsers import ARTIFACTS, chromium
from tests.support.paths import require_tool
from tests.support.plan_facts import EXPECTED
from tests.support.server_process import (
    ACTIVITY,
    COUNT_ACTIVITIES,
    output,
    port_is_free,
    port_of,
    probe_count,
    running_server,
    while_running,
)

EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def server():
    with running_server("--timeout", "3", "--max-rows", "1000", "--max-request", "20000") as (base, _process):
        yield base


def sparql(base: str, query: str, **kwargs) -> httpx.Response:
    return httpx.get(base + "sparql", params={"query": query}, timeout=30, **kwargs)


# ---- SPARQL 1.1 Protocol with real clients


def test_sparqlwrapper_select_as_json_xml_and_csv(server):
    from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

    client = SPARQLWrapper(server + "sparql")
    client.setQuery(COUNT_ACTIVITIES)
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "60"
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert document.getElementsByTagName("literal")[0].firstChild.data == "60"
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines() == ["n", "60"]


def test_sparqlwrapper_post_and_construct_as_turtle(server):
    from SPARQLWrapper import POST, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server + "sparql")
    client.setMethod(POST)
    client.setQuery(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "CONSTRUCT { ?a skos:notation ?n } "
        "WHERE { ?a a <https://w3id.org/plan-graph/ontology#Activity> ; skos:notation ?n }"
    )
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert sorted(str(o) for o in graph.objects()) == sorted(EXPECTED)


def test_rdflib_sparqlstore(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server + "sparql"))
    rows = list(graph.query(COUNT_ACTIVITIES))
    assert int(rows[0][0]) == 60


def test_post_as_application_sparql_query(server):
    response = httpx.post(
        server + "sparql",
        content=COUNT_ACTIVITIES,
        timeout=30,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.status_code == 200 and response.text.splitlines() == ["n", "60"]
    assert response.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_results_by_content_negotiation(server, accept, media):
    response = sparql(server, COUNT_ACTIVITIES, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "60" in response.text


@pytest.mark.parametrize(
    ("accept", "media", "parser"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_results_by_content_negotiation(server, accept, media, parser):
    query = f"DESCRIBE <https://w3id.org/plan-graph/{ACTIVITY}>"
    response = sparql(server, query, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == media
    graph = Graph().parse(data=response.text, format=parser)
    assert (URIRef(f"https://w3id.org/plan-graph/{ACTIVITY}"), None, Literal("1.1.3")) in graph


def test_format_override_for_browsers(server):
    response = httpx.get(
        server + "sparql",
        params={"query": COUNT_ACTIVITIES, "format": "csv"},
        headers={"Accept": "text/html"},
        timeout=30,
    )
    assert response.headers["content-type"].startswith("text/csv")
    html = httpx.get(server + "sparql", params={"query": COUNT_ACTIVITIES}, headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "<td>60</td>" in html.text
    bad = httpx.get(server + "sparql", params={"query": COUNT_ACTIVITIES, "format": "png"})
    assert bad.status_code == 406


def test_an_unsupported_accept_gets_406(server):
    assert sparql(server, COUNT_ACTIVITIES, headers={"Accept": "image/png"}).status_code == 406


def test_default_and_named_graph_uris(server):
    ontology = "https://w3id.org/plan-graph/ontology"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://www.w3.org/2002/07/owl#Class> }"
    # the default graph is the data: the plan's classes are in the ontology's graph (the statistics carry only
    # the definitions of the cube's own components and codes, which a Data Cube publishes with its data)
    activity = "ASK { <https://w3id.org/plan-graph/ontology#Activity> a <http://www.w3.org/2002/07/owl#Class> }"
    in_default = httpx.get(
        server + "sparql", params={"query": activity}, headers={"Accept": "application/sparql-results+json"}
    )
    assert in_default.json()["boolean"] is False
    in_ontology = httpx.get(
        server + "sparql", params={"query": count, "default-graph-uri": ontology}, headers={"Accept": "text/csv"}
    )
    assert int(in_ontology.text.splitlines()[1]) > 25
    named = httpx.get(
        server + "sparql",
        headers={"Accept": "text/csv"},
        params={
            "query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            "named-graph-uri": ontology,
        },
    )
    assert [line.split(",")[0] for line in named.text.splitlines()[1:]] == [ontology]  # that graph only


def test_service_description_and_void(server):
    description = httpx.get(server + "sparql", headers={"Accept": "text/turtle"})
    assert description.status_code == 200
    graph = Graph().parse(data=description.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(server + "sparql"), URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    void = httpx.get(server + ".well-known/void", headers={"Accept": "text/turtle"})
    assert void.status_code == 200
    described = Graph().parse(data=void.text, format="turtle")
    counts = {int(o) for o in described.objects(None, URIRef("http://rdfs.org/ns/void#triples"))}
    assert max(counts) > 4000  # the whole plan graph, as in the service description
    assert (None, URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), URIRef(server + "sparql")) in described
    # a browser goes to the query page, unless it names a format (it was redirected all the same)
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    assert httpx.get(server + "sparql", headers=browser).status_code == 303
    named = httpx.get(server + "sparql", headers=browser, params={"format": "turtle"})
    assert named.status_code == 200 and named.headers["content-type"].startswith("text/turtle")
    assert httpx.get(server + ".well-known/void", params={"format": "html"}).status_code == 406


def test_the_service_description_lists_every_named_graph_with_its_size(server, plan_build):
    """#30: every graph the endpoint holds, named as publish names them, each with its number of triples (counted
    here from the build's own parts, each triple once)."""
    from plan_graph.graph.names import (
        ACTORS_GRAPH,
        EXTERNAL_ASSESSMENTS_GRAPH,
        INFERRED_GRAPH,
        ONTOLOGY,
        PLAN_GRAPH,
        PREFIXES,
        STATISTICS_GRAPH,
    )

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    graph = Graph().parse(data=httpx.get(server + "sparql", headers={"Accept": "text/turtle"}).text, format="turtle")
    listed = {}
    for named in graph.objects(None, sd.namedGraph):
        described = graph.value(named, sd.graph)
        listed[str(graph.value(named, sd.name))] = int(
            graph.value(described, URIRef("http://rdfs.org/ns/void#triples"))
        )
    # the actor registry: the statements about actors and kinds of actor (their IRIs' own paths)
    registry = (b"<https://w3id.org/plan-graph/ro/actor/", b"<" + PREFIXES["kind"].encode())
    lines = plan_build.stored.ntriples.splitlines(keepends=True)
    actors = b"".join(line for line in lines if line.startswith(registry))
    plan = b"".join(line for line in lines if not line.startswith(registry))
    from plan_graph.graph.rdflib_door import ontology_graph

    assert listed == {
        PLAN_GRAPH: plan.count(b"\n"),
        ACTORS_GRAPH: actors.count(b"\n"),
        INFERRED_GRAPH: plan_build.entailments.inferred.ntriples.count(b"\n"),
        STATISTICS_GRAPH: plan_build.made["statistics"].stored.ntriples.count(b"\n"),
        EXTERNAL_ASSESSMENTS_GRAPH: plan_build.made["monitoring"].stored.ntriples.count(b"\n"),
        ONTOLOGY: len(ontology_graph()),
    }


def test_cors_headers(server):
    response = sparql(server, "ASK {}", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(
        server + "sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200 and "POST" in preflight.headers["access-control-allow-methods"]


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("GET", {"params": {"query": "SELECT ?s { ?s a ?c } LIMIT 2"}, "headers": {"Accept": "text/csv"}}, 200),
        ("POST", {"content": "ASK { ?s ?p ?o }", "headers": {"Content-Type": "application/sparql-query"}}, 200),
        ("GET", {"params": {"query": "SELECT ?s { ?s a ?c } LIMIT 2"}, "headers": {"Accept": "image/png"}}, 406),
        ("GET", {"params": {"query": "DROP ALL"}}, 403),
        ("GET", {"params": {"query": "SELECT ?s {"}}, 400),
        ("POST", {"content": "<x/>", "headers": {"Content-Type": "application/xml"}}, 415),
    ],
)
def test_a_program_and_a_browser_page_get_the_same_answer(server, method, kwargs, status):
    """The endpoint's short way past Starlette's router keeps the application's answers: its status and errors,
    and CORS's headers for a page (with Origin), with a program's answer (without) differing in nothing else and
    both saying they vary by Origin."""
    program = httpx.request(method, server + "sparql", timeout=30, **kwargs)
    page_headers = {**kwargs.get("headers", {}), "Origin": "https://example.org"}
    page = httpx.request(method, server + "sparql", timeout=30, **{**kwargs, "headers": page_headers})
    assert program.status_code == page.status_code == status, program.text
    assert program.content == page.content
    if status >= 400:
        assert program.headers["content-type"].startswith("text/plain") and program.text.strip()
    cors = {"access-control-allow-origin", "access-control-expose-headers", "access-control-allow-credentials"}
    names = {*program.headers, *page.headers}
    differing = {name for name in names if program.headers.get(name) != page.headers.get(name)}
    assert differing <= cors | {"date", "server-timing"}, differing
    assert "access-control-allow-origin" not in program.headers and page.headers["access-control-allow-origin"] == "*"
    assert "Origin" in program.headers["vary"].split(", ")


# ---- safe by default


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"update": "DROP ALL"}},
        {"content": "CLEAR DEFAULT", "headers": {"Content-Type": "application/sparql-update"}},
        {"data": {"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
        {"data": {"query": "LOAD <http://example.org/data.ttl>"}},
        {"data": {"query": "# a comment\nDELETE WHERE { ?s ?p ?o }"}},
    ],
)
def test_updates_are_refused(server, request_kwargs):
    response = httpx.post(server + "sparql", timeout=30, **request_kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    assert sparql(server, COUNT_ACTIVITIES, headers={"Accept": "text/csv"}).text.splitlines()[1] == "60"


def test_service_to_other_hosts_is_refused(server):
    for query in (
        "SELECT * WHERE { SERVICE <http://169.254.169.254/latest> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://localhost:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://x> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    ):
        response = sparql(server, query)
        assert response.status_code == 403 and "not allowed" in response.text


def test_a_malformed_query_gets_400_with_the_position(server):
    response = sparql(server, "SELECT ?x WHERE { ?x ?p }")
    assert response.status_code == 400 and "malformed query" in response.text and "1:" in response.text


def test_request_size_limits(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30000
    assert httpx.post(server + "sparql", data={"query": big}, timeout=30).status_code == 413
    assert httpx.get(server + "sparql", params={"query": big}, timeout=30).status_code == 414


def test_rows_are_capped(server):
    response = sparql(server, "SELECT * WHERE { ?s ?p ?o }", headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert len(response.text.splitlines()) == 1001 and "1000" in response.headers["x-result-truncated"]


def test_an_explosive_query_is_stopped_at_the_limit_while_others_are_served(server):
    def explode() -> tuple[httpx.Response, float]:
        started = time.monotonic()
        return httpx.post(server + "sparql", data={"query": EXPLOSIVE}, timeout=60), time.monotonic() - started

    (response, seconds), latencies = while_running(explode, lambda: probe_count(server, 60))
    assert response.status_code == 503 and "time limit of 3 s" in response.text
    assert 2.5 < seconds < 20
    # other clients were answered all the while (probed until it ended), and after it: the worker was replaced
    assert len(latencies) > 3 and max(latencies) < 2.5


# ---- linked data


def test_an_activity_page_in_html(server):
    response = httpx.get(server + ACTIVITY, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert EXPECTED["1.1.3"].title in page
    assert "line 12 of the published text" in page  # the printed line follows
    assert "Responsabili:MTMMACAANITPParteneri:MMJS prin ANOFMONGBuget MTBuget MMACA" in page
    assert f'href="{server}ro/hg-861-2018/objective/1.1"' in page  # links to this server
    assert f'href="{server}{ACTIVITY}?format=turtle"' in page


@pytest.mark.parametrize(
    ("accept", "parser"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_an_activity_as_rdf(server, accept, parser):
    response = httpx.get(server + ACTIVITY, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == accept
    assert response.headers["vary"].startswith("Accept")
    graph = Graph().parse(data=response.text, format=parser)
    subject = URIRef(f"https://w3id.org/plan-graph/{ACTIVITY}")
    assert (subject, URIRef("http://www.w3.org/2004/02/skos/core#notation"), Literal("1.1.3")) in graph


def test_q_values_and_format_override(server):
    weighted = httpx.get(server + ACTIVITY, headers={"Accept": "text/html;q=0.5, text/turtle;q=0.9"})
    assert weighted.headers["content-type"].startswith("text/turtle")
    browser = httpx.get(
        server + ACTIVITY, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    )
    assert browser.headers["content-type"].startswith("text/html")
    override = httpx.get(server + ACTIVITY + "?format=jsonld", headers={"Accept": "text/html"})
    assert override.headers["content-type"].startswith("application/ld+json")


def test_every_kind_of_minted_iri_dereferences(server):
    paths = [
        "ro/hg-861-2018",
        "ro/hg-861-2018/area/2",
        "ro/hg-861-2018/objective/3",
        "ro/hg-861-2018/objective/3.6",
        "ro/hg-861-2018/activity/3.6.2/indicator/1",
        "ro/hg-861-2018/activity/2.3.1/deadline/2",
        "ro/actor/CR-ANITP",
        "ro/actor/institutia-prefectului",
        "ro/hg-861-2018/source/line/94",
        "ontology",
        "ontology/kind/ministry",
        "ro/eli/hg/2018/861",
    ]
    for path in paths:
        for accept in ("text/html", "text/turtle"):
            response = httpx.get(server + path, headers={"Accept": accept})
            assert response.status_code == 200, (path, accept, response.text[:200])
    ontology = Graph().parse(
        data=httpx.get(server + "ontology", headers={"Accept": "text/turtle"}).text, format="turtle"
    )
    assert (URIRef("https://w3id.org/plan-graph/ontology#Activity"), None, None) in ontology
    assert 'id="Activity"' in httpx.get(server + "ontology", headers={"Accept": "text/html"}).text


def test_unknown_resources_get_404_and_unsupported_types_406(server):
    missing = httpx.get(server + "ro/hg-861-2018/activity/9.9.9", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "<html" in missing.text
    assert httpx.get(server + "ro/nothing", headers={"Accept": "text/turtle"}).status_code == 404
    assert httpx.get(server + ACTIVITY, headers={"Accept": "image/png"}).status_code == 406


def test_pages_escape_what_comes_from_requests(server):
    response = httpx.get(server + "ro/<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)" in response.text
    page = httpx.get(server + "query", params={"run": '"><script>alert(1)</script>'})
    assert "<script>alert(1)" not in page.text


# ---- the query page, in a real browser


def test_the_query_page_runs_a_saved_query_in_a_browser(server):
    require_tool("chromium")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    url = server + "query?run=activities"
    dom = chromium("--virtual-time-budget=10000", "--dump-dom", url).stdout
    assert "dataTable" in dom, dom[-3000:]
    assert "60 results" in dom
    assert "1.1.3" in dom and "Organizarea și desfășurarea unor evenimente" in dom
    screenshot = ARTIFACTS / "query-page.png"
    screenshot.unlink(missing_ok=True)  # not last run's
    assert chromium("--virtual-time-budget=10000", f"--screenshot={screenshot}", url).returncode == 0
    assert screenshot.stat().st_size > 10_000


def test_an_activity_page_in_a_browser(server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dom = chromium("--dump-dom", server + "ro/hg-861-2018/activity/2.1.2").stdout
    assert "line 32 of the published text" in dom and "Grup de lucru constituit:MAI - IGI, IGPRMMJS" in dom
    screenshot = ARTIFACTS / "activity-page.png"
    screenshot.unlink(missing_ok=True)  # not last run's
    assert chromium(f"--screenshot={screenshot}", server + "ro/hg-861-2018/activity/2.1.2").returncode == 0
    assert screenshot.stat().st_size > 10_000


# ---- stopping


def test_sigterm_stops_the_server_gracefully_and_frees_the_port():
    with running_server() as (base, process):
        port = port_of(base)
        process.send_signal(signal.SIGTERM)
        # uvicorn shuts down, then re-raises the signal, so the exit status is SIGTERM's (-15), not a crash
        assert process.wait(timeout=30) in (0, -signal.SIGTERM)
        assert "plan-graph: stopped" in output(process)
    assert port_is_free(port)


def test_a_port_in_use_is_said_at_once_and_nothing_starts():
    import socket
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "plan_graph", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert (
        result.stderr == f"plan-graph: port {port} on 127.0.0.1 is already in use (another server?): stop it, or "
        "choose another with --port\n"
    )


def test_bad_serve_options_are_usage_errors():
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "serve", "--port", "0"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "--port" in result.stderr


# ---- HTTP caching of answers over data that cannot change (the embedded store)


def test_an_answer_carries_an_etag_and_a_repeated_request_gets_304(server):
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    first = httpx.get(server + "sparql", params=query, headers={"Accept": "text/csv"})
    again = httpx.get(server + "sparql", params=query, headers={"Accept": "text/csv"})
    assert first.status_code == again.status_code == 200 and first.text == again.text
    tag = first.headers["etag"]
    assert tag.startswith('"') and again.headers["etag"] == tag and "max-age" in first.headers["cache-control"]
    unchanged = httpx.get(server + "sparql", params=query, headers={"Accept": "text/csv", "If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == tag
    other_format = httpx.get(server + "sparql", params=query, headers={"Accept": "application/sparql-results+json"})
    other_query = httpx.get(
        server + "sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, headers={"Accept": "text/csv"}
    )
    assert len({tag, other_format.headers["etag"], other_query.headers["etag"]}) == 3
    stale = httpx.get(server + "sparql", params=query, headers={"Accept": "text/csv", "If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.text == first.text


def test_errors_are_not_tagged(server):
    bad = httpx.get(server + "sparql", params={"query": "SELECT WHERE {"}, headers={"Accept": "text/csv"})
    assert bad.status_code == 400 and "etag" not in bad.headers


def test_an_answer_says_where_its_time_went(server):
    """Server-Timing: the check, the store's round trip, the worker's own run; a kept answer says so."""
    import re

    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # timing"}
    fresh = httpx.get(server + "sparql", params=query, headers={"Accept": "text/csv", "Origin": "https://example.org"})
    timings = dict(re.findall(r"(\w+);dur=([0-9.]+)", fresh.headers["server-timing"]))
    assert set(timings) == {"check", "store", "query"}
    assert 0 < float(timings["query"]) <= float(timings["store"])  # the worker's run is within the round trip
    assert "server-timing" in fresh.headers["access-control-expose-headers"].lower()  # readable by a page's script
    kept = httpx.get(server + "sparql", params=query, headers={"Accept": "text/csv"})
    assert 'cache;desc="kept answer"' in kept.headers["server-timing"] and "store" not in kept.headers["server-timing"]


def test_an_undeclared_prefix_on_the_endpoint_says_which_in_one_line(server):
    response = sparql(server, "SELECT * WHERE { ?a a pg:Activity } LIMIT 1")
    assert response.status_code == 400
    assert response.text.strip() == (
        "malformed query: the prefix 'pg:' is not declared (line 1, column 23); add "
        "PREFIX pg: <https://w3id.org/plan-graph/ontology#>"
    )
