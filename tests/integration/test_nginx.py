"""nginx in front of `plan-graph serve`, configured as deploy/nginx/plan-graph.conf ships (tests/support/nginx.py
changes only its site lines), over a release exported for it: the release's files served by nginx, compressed;
pages, content negotiation and the SPARQL protocol through it; the answers it keeps and revalidates, 304s; a client
over the rate limit gets 429; the server's own errors and limits unchanged (docs/deployment.md)."""

from __future__ import annotations

import concurrent.futures
import csv
import gzip
import io
import socket
import subprocess
import sys
import time
from collections import Counter
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from bench.endpoint import free_port
from tests.support.nginx import NginxMissingError, nginx_command, running_nginx
from tests.support.paths import REPO, require_tool, unavailable
from tests.support.plan_facts import EXPECTED
from tests.support.server_process import ACTIVITY, port_of, running_server

PG = "PREFIX pg: <https://w3id.org/plan-graph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
OBJECTIVE_2_1 = (
    PG + "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?notation ?title ?line WHERE { "
    "?a pg:forObjective <https://w3id.org/plan-graph/ro/hg-861-2018/objective/2.1> ; skos:notation ?notation ; "
    'skos:prefLabel ?title ; prov:wasDerivedFrom/pg:lineNumber ?line . FILTER(LANG(?title) = "ro") } ORDER BY ?notation'
)
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
MAX_ROWS = 100  # the server's --max-rows
TIMEOUT = 2  # its --timeout and --read-timeout, seconds
TEXT_TYPES = {  # the release's files by suffix: the Content-Type nginx gives them, the server's for the same format
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
    "rdf": "application/rdf+xml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "svg": "image/svg+xml; charset=utf-8",
    "css": "text/css; charset=utf-8",
}


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """(nginx's base URL, the server's own base URL, the release folder): the release exported with nginx's address
    as its download base, the server linking there (--public-base), nginx in front of both."""
    try:
        nginx_command()
    except NginxMissingError as missing:
        unavailable(str(missing))
    port = free_port()
    public = f"http://127.0.0.1:{port}/"
    release = tmp_path_factory.mktemp("release")
    subprocess.run(
        [sys.executable, "-m", "plan_graph", "export", "--download-base", public, "--out", str(release)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    options = ("--public-base", public, "--max-rows", str(MAX_ROWS), "--timeout", str(TIMEOUT))
    with (
        running_server(*options, "--read-timeout", str(TIMEOUT)) as (server, _process),
        running_nginx(port_of(server), release, port=port) as (base, _nginx),
    ):
        assert base == public
        yield base, server, release


def test_the_release_files_are_served_by_nginx_as_they_are(front):
    base, _server, release = front
    files = sorted(path for path in release.rglob("*") if path.is_file())
    assert {path.suffix.lstrip(".") for path in files} == set(TEXT_TYPES)
    with httpx.Client() as client:
        for path in files:
            response = client.get(base + path.relative_to(release).as_posix())
            assert response.status_code == 200, path
            assert response.content == path.read_bytes(), path
            assert response.headers["content-type"] == TEXT_TYPES[path.suffix.lstrip(".")], path
            # nginx's own answer (the server sends no Last-Modified) and not a proxied one
            modified = parsedate_to_datetime(response.headers["last-modified"]).timestamp()
            assert modified == int(path.stat().st_mtime) and "x-cache-status" not in response.headers, path
        index = client.get(base + "site/")
        assert index.content == (release / "site" / "index.html").read_bytes()


def test_text_is_compressed_when_the_client_asks(front):
    base, _server, release = front
    with httpx.Client() as client:
        for name in (
            "plan-graph-all.ttl",
            "plan-graph-all.nt",
            "plan-graph-all.jsonld",
            "plan-graph-all.rdf",
            "tables/activities.csv",
            "site/index.html",
        ):
            whole = (release / name).read_bytes()
            packed, sent = _as_sent(client, base + name, {"Accept-Encoding": "gzip"})
            assert packed.headers["content-encoding"] == "gzip" and gzip.decompress(sent) == whole, name
            assert len(sent) < len(whole) / 2 and "Accept-Encoding" in packed.headers["vary"], name
            plain, sent = _as_sent(client, base + name, {"Accept-Encoding": "identity"})
            assert "content-encoding" not in plain.headers and sent == whole, name
        # and the server's answers: SPARQL results in every format, a page, Turtle
        for accept in (
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        ):
            headers = {"Accept": accept, "Accept-Encoding": "gzip"}
            every = {"query": PG + "SELECT ?a ?title { ?a a pg:Activity ; skos:prefLabel ?title }"}
            packed = client.get(base + "sparql", params=every, headers=headers)
            direct = httpx.get(front[1] + "sparql", params=every, headers={"Accept": accept})
            assert int(direct.headers["content-length"]) > 1000  # nginx compresses from 1000 bytes on
            assert packed.headers["content-encoding"] == "gzip" and packed.content == direct.content, accept
        for accept in ("text/html", "text/turtle", "application/n-triples", "application/ld+json"):
            packed, sent = _as_sent(client, base + ACTIVITY, {"Accept": accept, "Accept-Encoding": "gzip"})
            direct = httpx.get(front[1] + ACTIVITY, headers={"Accept": accept})
            assert packed.headers["content-encoding"] == "gzip" and gzip.decompress(sent) == direct.content, accept


def _as_sent(client: httpx.Client, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """A response and its body as it came, not decoded by httpx."""
    with client.stream("GET", url, headers=headers) as response:
        return response, b"".join(response.iter_raw())


def test_pages_and_rdf_by_content_negotiation_through_the_proxy(front):
    base, server, _release = front
    with httpx.Client() as client:
        for accept, media in (
            ("text/html", "text/html"),
            ("text/turtle", "text/turtle"),
            ("application/ld+json", "application/ld+json"),
            ("application/n-triples", "application/n-triples"),
            ("application/rdf+xml", "application/rdf+xml"),
            ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ):
            through = client.get(base + ACTIVITY, headers={"Accept": accept})
            direct = httpx.get(server + ACTIVITY, headers={"Accept": accept})
            assert through.status_code == 200 and through.headers["content-type"] == media + "; charset=utf-8"
            assert through.content == direct.content, accept
        page = client.get(base + "ro/hg-861-2018/activity/2.1.2", headers={"Accept": "text/html"}).text
        # the server's links are the public address, nginx's (--public-base)
        assert f'href="{base}ro/hg-861-2018/objective/2.1"' in page and f'href="{server}' not in page
        turtle = client.get(base + "ro/hg-861-2018/activity/2.1.2", headers={"Accept": "text/turtle"}).text
        titles = Graph().parse(data=turtle, format="turtle").objects(predicate=SKOS.prefLabel)
        assert {str(t) for t in titles if t.language == "ro"} == {EXPECTED["2.1.2"].title}
        unknown = "ro/hg-861-2018/activity/9.9.9"
        missing = client.get(base + unknown, headers={"Accept": "text/turtle"})
        direct = httpx.get(server + unknown, headers={"Accept": "text/turtle"})
        assert (missing.status_code, missing.text) == (404, direct.text)
        assert client.get(base, headers={"Accept": "text/html"}).content == httpx.get(server).content


def test_the_sparql_protocol_through_the_proxy_with_sparqlwrapper(front):
    from SPARQLWrapper import CSV, JSON, POST, SPARQLWrapper

    base = front[0]
    expected = [
        {"notation": notation, "title": row.title, "line": str(row.line)}
        for notation, row in sorted(EXPECTED.items())
        if notation.startswith("2.1.")
    ]
    for method in ("GET", POST):
        client = SPARQLWrapper(base + "sparql")
        client.setMethod(method)
        client.setQuery(OBJECTIVE_2_1)
        client.setReturnFormat(JSON)
        rows = client.query().convert()["results"]["bindings"]
        assert [{name: cell["value"] for name, cell in row.items()} for row in rows] == expected, method
        client.setReturnFormat(CSV)
        table = list(csv.DictReader(io.StringIO(client.query().convert().decode())))
        assert table == expected, method
        client.setReturnFormat(JSON)
        client.setQuery(PG + "ASK { <https://w3id.org/plan-graph/ro/hg-861-2018/activity/2.1.2> a pg:Activity }")
        assert client.query().convert()["boolean"] is True, method
        client.setQuery(PG + "ASK { <https://w3id.org/plan-graph/ro/hg-861-2018/activity/9.9.9> a pg:Activity }")
        assert client.query().convert()["boolean"] is False, method


def test_a_repeated_query_is_answered_from_nginxs_cache(front):
    base = front[0]
    query = {"query": PG + "SELECT (COUNT(*) AS ?n) { ?a a pg:Activity } # cache test"}
    with httpx.Client() as client:
        answers = [client.get(base + "sparql", params=query, headers={"Accept": "text/csv"}) for _ in range(4)]
        # kept from the second request on (proxy_cache_min_uses 2: most queries are asked once)
        assert [a.headers["x-cache-status"] for a in answers] == ["MISS", "MISS", "HIT", "HIT"]
        assert {a.text for a in answers} == {f"n\r\n{len(EXPECTED)}\r\n"}
        assert len({a.headers["etag"] for a in answers}) == 1
        # by the Accept header too: another format is another answer
        other = client.get(base + "sparql", params=query, headers={"Accept": "application/sparql-results+json"})
        assert other.headers["x-cache-status"] == "MISS" and other.headers["etag"] != answers[0].headers["etag"]
        # pages and RDF too, each format apart
        statuses = [
            client.get(base + "ro/hg-861-2018/activity/4.1.1", headers={"Accept": accept}).headers["x-cache-status"]
            for accept in ("text/html", "text/turtle") * 3
        ]
        assert statuses == ["MISS", "MISS", "MISS", "MISS", "HIT", "HIT"]
        # only what the server marks cacheable: not an error, not the search page, not a POST
        for _ in range(2):
            bad = client.get(base + "sparql", params={"query": "SELECT WHERE {"})
            assert bad.status_code == 400 and bad.headers["x-cache-status"] == "MISS"
            search = client.get(base + "search", params={"text": "cooperarii"})
            assert search.status_code == 200 and search.headers["x-cache-status"] == "MISS"
            posted = client.post(base + "sparql", data=query, headers={"Accept": "text/csv"})
            assert posted.text == answers[0].text and "x-cache-status" not in posted.headers


def test_if_none_match_gets_304_from_the_cache_or_through_it(front):
    base, server, _release = front
    with httpx.Client() as client:
        for path, params, accept in (
            ("sparql", {"query": OBJECTIVE_2_1 + " # 304"}, "application/sparql-results+json"),
            ("ro/hg-861-2018/activity/5.1.1", {}, "text/html"),
        ):
            # the server's tag, asked of the server itself: nginx has never seen this request
            tag = httpx.get(server + path, params=params, headers={"Accept": accept}).headers["etag"]
            fresh = client.get(base + path, params=params, headers={"Accept": accept, "If-None-Match": tag})
            assert (fresh.status_code, fresh.content, fresh.headers["etag"]) == (304, b"", tag), path
            assert fresh.headers["x-cache-status"] == "MISS"
            again = client.get(base + path, params=params, headers={"Accept": accept, "If-None-Match": tag})
            assert (again.status_code, again.headers["x-cache-status"]) == (304, "MISS"), path  # now kept
            kept = client.get(base + path, params=params, headers={"Accept": accept, "If-None-Match": tag})
            assert (kept.status_code, kept.headers["x-cache-status"], kept.headers["etag"]) == (304, "HIT", tag), path
            # compressed, nginx weakens the tag; the weak form is answered 304 too
            packed = client.get(base + path, params=params, headers={"Accept": accept, "Accept-Encoding": "gzip"})
            assert packed.headers["etag"] == "W/" + tag
            weak = client.get(
                base + path,
                params=params,
                headers={"Accept": accept, "Accept-Encoding": "gzip", "If-None-Match": packed.headers["etag"]},
            )
            assert weak.status_code == 304, path
            stale = client.get(base + path, params=params, headers={"Accept": accept, "If-None-Match": '"other"'})
            assert stale.status_code == 200 and stale.content == packed.content, path
        # a release file: nginx's own tag
        dump = client.get(base + "dcat.ttl")
        unchanged = client.get(base + "dcat.ttl", headers={"If-None-Match": dump.headers["etag"]})
        assert unchanged.status_code == 304 and unchanged.content == b""


@pytest.mark.slow
def test_a_kept_answer_past_its_max_age_is_revalidated_with_the_server(front):
    base, _server, _release = front
    query = {"query": "ASK { ?s ?p ?o } # revalidated"}
    first, kept = (httpx.get(base + "sparql", params=query, headers={"Accept": "text/csv"}) for _ in range(2))
    assert first.headers["cache-control"] == "public, max-age=60, must-revalidate"
    assert kept.headers["x-cache-status"] == "MISS"  # kept now, on its second request
    time.sleep(61)
    later = httpx.get(base + "sparql", params=query, headers={"Accept": "text/csv"})
    # nginx asked the server with the kept answer's ETag; the server answered 304, and the kept answer was sent
    assert later.headers["x-cache-status"] == "REVALIDATED" and later.content == first.content
    assert later.headers["etag"] == first.headers["etag"]


def test_the_servers_own_errors_and_limits_are_unchanged_through_the_proxy(front):
    base, server, _release = front
    too_long = "ASK {} #" + "x" * 65530  # a body one byte over --max-request (65,536 bytes)
    at_limit = "ASK {} #" + "x" * 65528
    cases = [
        ("GET", "sparql", {"params": {"query": "SELECT WHERE {"}}),  # 400, the parser's message
        ("GET", "sparql", {"params": {"update": "DROP ALL"}}),  # 403
        ("GET", "sparql", {"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}),  # 406
        ("POST", "sparql", {"content": too_long.encode(), "headers": {"Content-Type": "application/sparql-query"}}),
        ("POST", "sparql", {"content": at_limit.encode(), "headers": {"Content-Type": "application/sparql-query"}}),
        ("POST", "sparql", {"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}),  # 415
        ("GET", "sparql", {"params": {"query": "ASK {} #" + "x" * 30000}}),  # beyond nginx's default buffers
    ]
    seen = []
    for method, path, kwargs in cases:
        through = httpx.request(method, base + path, timeout=30, **kwargs)
        direct = httpx.request(method, server + path, timeout=30, **kwargs)
        assert (through.status_code, through.text) == (direct.status_code, direct.text), (path, kwargs)
        assert through.headers["content-type"] == direct.headers["content-type"]
        seen.append(through.status_code)
    assert seen == [400, 403, 406, 413, 200, 415, 200]
    # the rows cut at --max-rows, and said
    rows = {"query": "SELECT ?s { ?s ?p ?o }"}
    cut = httpx.get(base + "sparql", params=rows, headers={"Accept": "text/csv"})
    assert len(cut.text.splitlines()) == MAX_ROWS + 1
    assert cut.headers["x-result-truncated"] == f"only the first {MAX_ROWS} results were sent"


@pytest.mark.slow
def test_a_query_past_the_servers_time_limit_gets_its_503(front):
    base, server, _release = front
    through = httpx.get(base + "sparql", params={"query": EXPLOSIVE}, timeout=30)
    direct = httpx.get(server + "sparql", params={"query": EXPLOSIVE}, timeout=30)
    assert (through.status_code, through.text) == (direct.status_code, direct.text)
    assert direct.status_code == 503
    assert direct.text == f"the query ran past the time limit of {TIMEOUT} s and was stopped\n"


@pytest.mark.slow
def test_a_request_body_that_stops_arriving_gets_the_servers_408(front):
    base, server, _release = front
    answers = []
    for target in (base, server):
        with socket.create_connection(("127.0.0.1", port_of(target)), timeout=TIMEOUT + 10) as connection:
            connection.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 100\r\n\r\nASK {"
            )
            started = time.monotonic()
            answers.append((*_response(connection), time.monotonic() - started))
    said = f"the request body did not arrive within {TIMEOUT} s\n"
    assert [(status, body) for status, body, _ in answers] == [("HTTP/1.1 408 Request Timeout", said)] * 2
    assert all(TIMEOUT - 0.5 < seconds < TIMEOUT + 5 for _, _, seconds in answers), answers


def _response(connection: socket.socket) -> tuple[str, str]:
    """The status line and the body of the response that comes on a connection."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += connection.recv(65536)
    head, body = received.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += connection.recv(65536)
    return head.split(b"\r\n", 1)[0].decode(), body.decode()


def test_a_client_over_the_rate_limit_gets_429_then_is_served_again(front):
    _base, server, release = front
    rate, burst = 100, 120  # deploy/nginx/plan-graph.conf
    with running_nginx(port_of(server), release) as (base, _nginx):  # a limit no other test has counted against
        query, dump = base + "sparql?query=ASK%7B%7D", base + "void.ttl"
        with httpx.Client(limits=httpx.Limits(max_connections=50)) as client:
            started = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(50) as pool:  # the release's files among the queries
                answers = list(pool.map(lambda url: (url, client.get(url)), [query] * 400 + [dump] * 50))
            seconds = time.monotonic() - started
            statuses = Counter((url, answer.status_code) for url, answer in answers)
            assert set(statuses) == {(query, 200), (query, 429), (dump, 200)}  # nginx's own files are not limited
            # the burst, and what the rate adds while the requests came (at most one more for the partial token)
            assert burst + 1 <= statuses[(query, 200)] <= burst + 1 + int(seconds * rate) + 1, (statuses, seconds)
            refused = next(answer for _, answer in answers if answer.status_code == 429)
            assert refused.text == "too many requests from this address: at most 100 a second; ask again in a second\n"
            assert refused.headers["retry-after"] == "1"
            assert refused.headers["content-type"] == "text/plain; charset=utf-8"
            time.sleep(burst / rate + 0.2)  # the bucket refilled
            assert client.get(query).status_code == 200


def test_the_deployed_configuration_is_what_the_tests_run():
    """The only lines tests/support/nginx.py changes are the ones the deployed file marks as the site's."""
    from tests.support.nginx import DEPLOYED, site_config

    deployed = DEPLOYED.read_text(encoding="utf-8").splitlines()
    local = site_config(1, 2, Path("/r"), Path("/c"), ("127.0.0.1",)).splitlines()
    changed = [line for line in deployed if line not in local]
    assert len(changed) == 4 and all("# site:" in line or line.startswith("proxy_cache_path") for line in changed)
    assert [line for line in local if line not in deployed] == [
        "    server 127.0.0.1:2;  # site: where `plan-graph serve` listens (its --host and --port)",
        "proxy_cache_path /c levels=1:2 keys_zone=plan_graph:10m max_size=1g inactive=10m",
        "    127.0.0.1 0;",
        "    listen 127.0.0.1:1;  # site: the address and port people reach (put TLS here, or in front)",
        "    root /r;  # site: the folder `plan-graph export --out` wrote",
    ]


def test_the_service_unit_runs_the_server_nginx_is_configured_for(tmp_path):
    """deploy/systemd/plan-graph.service is a unit systemd accepts (`systemd-analyze verify`, its program this
    installation's), and it starts `plan-graph serve` where nginx's upstream is, linking to nginx's address."""
    from plan_graph.arguments import parser
    from tests.support.nginx import DEPLOYED

    analyze = require_tool("systemd-analyze")
    unit = (REPO / "deploy" / "systemd" / "plan-graph.service").read_text(encoding="utf-8")
    start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    program, *arguments = start.removeprefix("ExecStart=").split()
    assert program == "/opt/plan-graph/bin/plan-graph"
    installed = tmp_path / "plan-graph.service"
    installed.write_text(unit.replace(program, str(Path(sys.executable).with_name("plan-graph"))), encoding="utf-8")
    checked = subprocess.run([analyze, "verify", str(installed)], capture_output=True, text=True, timeout=60)
    assert (checked.returncode, checked.stderr) == (0, ""), checked.stderr
    options = parser().parse_args(arguments)
    site = DEPLOYED.read_text(encoding="utf-8")
    assert (options.command, options.host, options.port) == ("serve", "127.0.0.1", 8000)
    assert f"    server {options.host}:{options.port};" in site
    assert options.public_base == "https://plan-graph.example.org/"
    assert "    server_name plan-graph.example.org;" in site
