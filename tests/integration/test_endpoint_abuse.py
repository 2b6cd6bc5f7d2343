"""#10.3: a real `plan-graph serve` on loopback against hostile clients, one bounded attack at a time.

Each attack gets its status; while it runs, another client's query must be answered within LATENCY_BUDGET;
after all of them the server's memory (its process and its query workers) has grown by less than
MEMORY_GROWTH. The graph served has labels and IRIs written to attack the pages (script, markup,
javascript: links), and a browser must not run any of them.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from bench.measure import descendants, tree_memory
from tests.support.browsers import chromium
from tests.support.server_process import COUNT_ACTIVITIES, output, port_of, probe_count, running_server, while_running

LATENCY_BUDGET = 1.5  # seconds for a small query while an attack runs (the pages answer in ~20 ms)
MEMORY_GROWTH = 300 * 1024 * 1024  # bytes the server and its workers may grow over the whole suite
QUERY_TIMEOUT = 2  # the server's --timeout
HOSTILE = "https://w3id.org/plan-graph/ro/hg-861-2018/activity/9.9.1"
HOSTILE_PATH = "ro/hg-861-2018/activity/9.9.1"
MARKER = "document.body.dataset.pwned = 'y' + 'es'"  # run, it leaves data-pwned="yes"; escaped, it does not
HOSTILE_TRIPLES = f"""
@prefix pg: <https://w3id.org/plan-graph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
<{HOSTILE}> a pg:Activity ;
    skos:prefLabel "</title><script>{MARKER}</script>"@ro ;
    skos:notation "\\"><img src=x onerror=\\"{MARKER}\\">" ;
    dct:description "<a href='javascript:{MARKER}'>click</a>" ;
    rdfs:seeAlso <javascript:document.body.dataset.pwned='yes'> .
"""
EXPLOSIVE_JOIN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
GROUP_CONCAT_BOMB = "SELECT (GROUP_CONCAT(?o) AS ?x) { ?a ?b ?o . ?c ?d ?e }"  # a string of gigabytes


def hostile_store(folder: Path) -> Path:
    """The served store (plan and ontology, made as `serve --store` makes it) with the hostile resource added."""
    from plan_graph.pipeline.plan_store import embedded_plan_store

    store = embedded_plan_store(folder)
    del store
    writable = ox.Store(str(folder))
    writable.load(HOSTILE_TRIPLES.encode(), format=ox.RdfFormat.TURTLE)
    writable.flush()
    del writable
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = hostile_store(tmp_path_factory.mktemp("hostile") / "store")
    options = (
        "--store",
        str(folder),
        "--timeout",
        str(QUERY_TIMEOUT),
        "--max-rows",
        "1000",
        "--max-request",
        "20000",
        "--read-timeout",
        "2",
        "--max-connections",
        "400",
    )
    with running_server(*options) as (base, process):
        httpx.get(base + "sparql", params={"query": COUNT_ACTIVITIES}, timeout=30)  # workers warm
        yield base, process, tree_memory(process.pid)


def probe(base: str) -> float:
    return probe_count(base, 61)  # the plan's 60 activities and the hostile one


def while_attacking(base: str, attack) -> tuple[object, list[float]]:
    return while_running(attack, lambda: probe(base))


def post_query(query: str) -> dict:
    return {"content": query.encode(), "headers": {"Content-Type": "application/sparql-query"}}


# name, request (method, path, httpx keyword arguments), the statuses that are right for it
REQUESTS = [
    ("SPARQL Update by GET", "GET", "sparql", {"params": {"update": "DROP ALL"}}, {403}),
    (
        "SPARQL Update as a body",
        "POST",
        "sparql",
        {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {403},
    ),
    (
        "LOAD from the cloud metadata address",
        "POST",
        "sparql",
        {"data": {"query": "LOAD <http://169.254.169.254/latest/meta-data/>"}},
        {403},
    ),
    (
        "LOAD hidden after a comment and a prefix",
        "POST",
        "sparql",
        post_query("# hi\nPREFIX x: <http://x/>\nload <file:///etc/passwd>"),
        {403},
    ),
    (
        "SERVICE to another host",
        "GET",
        "sparql",
        {"params": {"query": "SELECT * { SERVICE <http://127.0.0.1:22/> { ?s ?p ?o } }"}},
        {403},
    ),
    (  # found in review: the lexer read `<?b)SERVICE#>` as one IRI, so the SERVICE went unchecked
        "SERVICE hidden behind a less-than",
        "POST",
        "sparql",
        post_query("PREFIX ex: <http://127.0.0.1:22/> SELECT * { FILTER(?a<?b)SERVICE#>\n ex:sparql { ?s ?p ?o } }"),
        {403},
    ),
    (
        "nesting hidden behind a less-than",
        "POST",
        "sparql",
        post_query("SELECT * { FILTER(?o<" + "(" * 3000 + "1" + ")" * 3000 + ")#>\n }"),
        {400},
    ),
    ("groups nested 5000 deep", "POST", "sparql", post_query("SELECT * WHERE " + "{" * 5000 + "}" * 5000), {400}),
    (
        "expressions nested 5000 deep",
        "POST",
        "sparql",
        post_query("SELECT * { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }"),
        {400},
    ),
    (
        "blank-node lists nested 2000 deep",
        "POST",
        "sparql",
        post_query("PREFIX : <http://p/> SELECT * { ?s ?p " + "[:p " * 2000 + "1" + "]" * 2000 + " }"),
        {400},
    ),
    (
        "a query of 19 KB of UNIONs",
        "POST",
        "sparql",
        post_query("SELECT * {" + " UNION ".join(f"{{ ?s <http://p> {i} }}" for i in range(700)) + "}"),
        {200},
    ),
    (
        "catastrophic-backtracking regex on every literal",
        "GET",
        "sparql",
        {"params": {"query": 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER(REGEX(STR(?o), "^(a+)+$")) }'}},
        {200},
    ),
    (  # Rust's regex engine refuses it (the FILTER is then an error: no rows), or it runs out of time
        "a regex that compiles to a huge automaton",
        "GET",
        "sparql",
        {"params": {"query": 'SELECT * { ?s ?p ?o FILTER(REGEX(STR(?o), "a{1000}{1000}")) }'}},
        {200, 503},
    ),
    (
        "an explosive join",
        "GET",
        "sparql",
        {"params": {"query": EXPLOSIVE_JOIN}},
        {503},
    ),
    (
        "GROUP_CONCAT over a cross product (memory)",
        "GET",
        "sparql",
        {"params": {"query": GROUP_CONCAT_BOMB}},
        {500, 503},
    ),
    (
        "CONSTRUCT of a cross product",
        "GET",
        "sparql",
        {"params": {"query": "CONSTRUCT { ?a ?b ?f } { ?a ?b ?c . ?d ?e ?f }"}},
        {200, 503},
    ),
    (
        "a query that is not UTF-8",
        "POST",
        "sparql",
        {"content": b"SELECT * { ?s ?p \xff\xfe }", "headers": {"Content-Type": "application/sparql-query"}},
        {400},
    ),
    ("a NUL byte in the query", "GET", "sparql", {"params": {"query": "SELECT * { ?s ?p \x00 }"}}, {400}),
    ("a body larger than allowed, declared", "POST", "sparql", post_query("#" + "x" * 30_000), {413}),
    (
        "a body larger than allowed, chunked",
        "POST",
        "sparql",
        {
            "content": iter([b"SELECT * {}", b"#" + b"x" * 30_000]),
            "headers": {"Content-Type": "application/sparql-query"},
        },
        {413},
    ),
    ("a query string longer than allowed", "GET", "sparql", {"params": {"query": "ASK {}#" + "x" * 30_000}}, {414}),
    (
        "an unknown POST media type",
        "POST",
        "sparql",
        {"content": b"<x/>", "headers": {"Content-Type": "application/xml"}},
        {415},
    ),
    (
        "script in a malformed query, as HTML",
        "GET",
        "sparql",
        {"params": {"query": "SELECT <script>alert(1)</script>", "format": "html"}},
        {400},
    ),
]
ACCEPT_HEADERS = [
    "text/html;q=abc",
    ";;;,,,",
    "*/*;q=2",
    "text/turtle;q=-1",
    "x" * 6000,
    'text/html; charset="',
    "text/html;level=1;q=0.5;q=0.7",
    "*/*;q=nan",
    "text/*;q=0.5, */*;q=0",
    "a/b,,,",
]
TRAVERSALS = [
    "../../etc/passwd",
    "ro/../../../etc/passwd",
    "ro/%2e%2e/%2e%2e/etc/passwd",
    "assets/yasgui/..%2f..%2f..%2fetc%2fpasswd",
    "assets/yasgui/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "ro/hg-861-2018/activity/..%2F..%2F..%2Fpyproject.toml",
    "ro/%00",
    "ro/%C0%AE%C0%AE/etc/passwd",
    "ontology/..%5c..%5cpyproject.toml",
    "ro/" + "a" * 8000,
]


@pytest.mark.parametrize(("name", "method", "path", "kwargs", "statuses"), REQUESTS, ids=[r[0] for r in REQUESTS])
def test_a_hostile_request_gets_its_status_while_others_are_served(server, name, method, path, kwargs, statuses):
    base, _process, _memory = server
    response, latencies = while_attacking(base, lambda: httpx.request(method, base + path, timeout=60, **kwargs))
    assert isinstance(response, httpx.Response), response
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("text/plain"), "errors are text, never markup"
        assert response.text.strip(), "an error says what went wrong"
    assert max(latencies) < LATENCY_BUDGET, latencies


@pytest.mark.parametrize("accept", ACCEPT_HEADERS)
def test_a_malformed_accept_header_never_breaks_a_response(server, accept):
    base, _process, _memory = server
    for path, params in (
        ("sparql", {"query": COUNT_ACTIVITIES}),
        ("sparql", {"query": "ASK {}"}),
        (HOSTILE_PATH, None),
    ):
        response = httpx.get(base + path, params=params, headers={"Accept": accept}, timeout=30)
        assert response.status_code in (200, 406), (path, accept, response.status_code, response.text[:300])


def test_ask_answers_as_html(server):
    # found by the Accept cases above: an ASK query asked for as HTML was a 500 (the page expected a table)
    base, _process, _memory = server
    response = httpx.get(base + "sparql", params={"query": "ASK {}"}, headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 200 and "yes (true)" in response.text


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_never_reaches_a_file(server, path):
    base, _process, _memory = server
    with socket.create_connection(("127.0.0.1", port_of(base)), timeout=10) as raw:
        # sent as written: an HTTP library would normalise the dots away before they reach the server
        raw.sendall(f"GET /{path} HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 404), (path, answer[:300])
    assert b"root:" not in answer and b"[project]" not in answer


def test_labels_and_iris_from_the_data_cannot_inject_script(server):
    base, _process, _memory = server
    page = httpx.get(base + HOSTILE_PATH, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200
    assert "<script>document" not in page.text and "<img src=x" not in page.text
    assert "&lt;/title&gt;&lt;script&gt;" in page.text  # shown, as text
    assert 'href="javascript:' not in page.text.lower()
    results = httpx.get(
        base + "sparql", params={"query": f"SELECT ?p ?o {{ <{HOSTILE}> ?p ?o }}", "format": "html"}, timeout=30
    )
    assert results.status_code == 200 and "<script>document" not in results.text
    assert 'href="javascript:' not in results.text.lower()
    # and a browser runs none of it
    for url in (base + HOSTILE_PATH, results.url):
        dom = chromium("--virtual-time-budget=3000", "--dump-dom", str(url)).stdout
        assert "<body" in dom and 'data-pwned="yes"' not in dom, dom[-2000:]


def test_slow_clients_hold_no_one_up(server):
    base, _process, _memory = server
    port = port_of(base)
    trickling = []
    for _ in range(150):  # clients that send half their headers and wait
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        connection.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
        trickling.append(connection)
    stalled = socket.create_connection(("127.0.0.1", port), timeout=10)  # a body that never comes
    stalled.sendall(
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 1000\r\n\r\nSELECT"
    )
    deaf = socket.create_connection(("127.0.0.1", port), timeout=10)  # asks for a lot and never reads it
    deaf.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    for _ in range(10):
        deaf.sendall(
            b"GET /sparql?query=CONSTRUCT%7B%3Fs%3Fp%3Fo%7DWHERE%7B%3Fs%3Fp%3Fo%7D HTTP/1.1\r\nHost: x\r\n"
            b"Accept: application/n-triples\r\n\r\n"
        )
    try:
        latencies = [probe(base) for _ in range(10)]
        assert max(latencies) < LATENCY_BUDGET, latencies
        # the stalled body is answered 408 once the read timeout (2 s) has passed
        stalled.settimeout(10)
        answer = stalled.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    finally:
        for connection in (*trickling, stalled, deaf):
            connection.close()


def test_too_many_connections_get_503_and_the_server_recovers(server):
    base, _process, _memory = server
    port = port_of(base)
    held = []
    try:
        for _ in range(420):  # above --max-connections 400: each holds a connection open, headers unfinished
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            connection.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
            held.append(connection)
        time.sleep(0.5)
        response = httpx.get(base + "sparql", params={"query": "ASK {}"}, timeout=30)
        assert response.status_code == 503
    finally:
        for connection in held:
            connection.close()
    time.sleep(0.5)
    assert probe(base) < LATENCY_BUDGET


def test_a_worker_killed_mid_query_gets_500_at_once_and_is_replaced(server):
    import os
    import signal

    base, process, _memory = server
    workers = []
    for child in descendants(process.pid)[1:]:
        command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"multiprocessing.spawn" in command and b"resource_tracker" not in command:
            workers.append(child)
    assert workers, "the server has query workers"

    def kill_workers_soon() -> None:
        time.sleep(0.5)
        for pid in workers:
            os.kill(pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_workers_soon)
    killer.start()
    started = time.monotonic()
    response = httpx.get(base + "sparql", params={"query": EXPLOSIVE_JOIN}, timeout=60)
    killer.join()
    assert response.status_code == 500 and "worker failed" in response.text, response.text
    assert time.monotonic() - started < QUERY_TIMEOUT  # noticed when it died, not at the time limit
    # found by this test: the worker that was idle when killed was handed the next request, which failed
    # with 500; a dead idle worker is now replaced before use
    assert probe(base) < LATENCY_BUDGET


def test_an_idle_keep_alive_connection_outlives_the_clients_own_expiry(server):
    # httpx gives idle connections up after 5 s, uvicorn's default closed them after 5 s too: a request sent as
    # the server closed its side failed (one ReadError in 27,000 under load). The server now keeps them 15 s.
    base, _process, _memory = server
    port = port_of(base)
    request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        stream = connection.makefile("rb")
        for pause in (0, 6):
            time.sleep(pause)
            connection.sendall(request)
            status = stream.readline()
            assert status.startswith(b"HTTP/1.1 200"), (pause, status)
            headers = iter(stream.readline, b"\r\n")
            length = next(int(line.split(b":")[1]) for line in headers if line.lower().startswith(b"content-length"))
            list(headers)  # the rest of the headers
            assert stream.read(length) == b"true\n"  # the whole answer, so the next one starts clean


@pytest.mark.slow
def test_memory_stays_bounded_after_every_attack(server):
    # last in this file, and pytest keeps file order: every attack above has been made, the killing of
    # the workers too
    base, process, before = server
    for _ in range(3):  # and once more the heaviest ones
        for query in (EXPLOSIVE_JOIN, GROUP_CONCAT_BOMB):
            assert httpx.get(base + "sparql", params={"query": query}, timeout=60).status_code in (500, 503)
    after = tree_memory(process.pid)
    assert after - before < MEMORY_GROWTH, f"{before / 2**20:.0f} MB -> {after / 2**20:.0f} MB"
    probe(base)
    # and nothing went wrong inside: clients that hang up mid-request once logged a traceback each
    assert "Traceback" not in output(process), output(process)[-3000:]
