"""#10.5: a store failing in the middle of a publish, on real stores (the tests start them: tests/triple_stores.py).

Staged publication uploads the graphs beside the published ones and swaps them in with one SPARQL Update.
The failures are made by a proxy in front of the real store (Oxigraph server, Virtuoso) that forwards every
request except the one it is told to break: it hangs up in the middle of an upload, refuses the swap, or
applies the swap and loses its answer. After each, the published graphs must be what they were (or, for the
lost answer, what was sent), the report must say so graph by graph, and no staging graph may be left behind.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
from typing import ClassVar

import httpx
import pytest
from server_process import serving_in_thread
from test_triple_stores import count, credentials

from plan_graph.release.publish import STAGING_PREFIX, GraphUpload, PublishError, publish
from plan_graph.stores.remote import RemoteStore, RetryPolicy

OLD = '<urn:old> <urn:says> "the graph as it was before this publish" .'


def update_url(settings: dict[str, str]) -> str:
    return settings["gsp"].replace("/store", "/update").replace("/sparql-graph-crud-auth", "/sparql-auth")


def put_old_graphs(settings: dict[str, str], uploads: list[GraphUpload]) -> None:
    """Each published graph holds one known triple, so that "as it was" can be checked exactly."""
    creds = credentials(settings)
    auth = httpx.DigestAuth(creds.user, creds.password) if creds else None
    for upload in uploads:
        response = httpx.put(settings["gsp"], params={"graph": upload.iri}, content=OLD.encode(), auth=auth,
                             headers={"Content-Type": "application/n-triples"}, timeout=60)  # fmt: skip
        assert response.status_code < 300, response.text


def staging_graphs(endpoint: str) -> list[str]:
    result = RemoteStore(endpoint).select(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}'
    )
    return [row["g"].value for row in result.rows]


def as_they_were(endpoint: str, uploads: list[GraphUpload]) -> bool:
    return all(count(endpoint, upload.iri) == 1 for upload in uploads)


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_a_staged_publish_swaps_all_graphs_in_and_leaves_no_staging(name, uploads, store_settings):
    settings = store_settings(name)
    put_old_graphs(settings, uploads)
    lines: list[str] = []
    outcomes = publish(uploads, settings["gsp"], settings["endpoint"], credentials(settings),
                       update=update_url(settings), progress=lines.append)  # fmt: skip
    assert [o.state for o in outcomes] == ["replaced"] * 6
    for upload in uploads:
        assert count(settings["endpoint"], upload.iri) == len(upload.graph)
    assert staging_graphs(settings["endpoint"]) == []
    assert any("staged" in line for line in lines)


class BreakingProxy(http.server.BaseHTTPRequestHandler):
    """Forwards to the real store; breaks the request that `breaks` picks, the way `mode` says."""

    target: ClassVar[str] = ""
    mode: ClassVar[str] = ""  # "hang up mid-upload", "refuse", "lose the answer"
    breaks: ClassVar[object] = staticmethod(lambda method, path, body: False)
    seen: ClassVar[list[str]] = []

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        if self.mode == "hang up mid-upload":  # decided before the body is read: it never is, whole
            broken, body = self.breaks(self.command, self.path, b""), b""
            if broken:
                self.rfile.read(min(length, 1000))  # part of the body, then the store "dies"
                self.seen.append(f"{self.command} broken")
                self.close_connection = True
                self.connection.close()
                return
            body = self.rfile.read(length)
        else:
            body = self.rfile.read(length)
            broken = self.breaks(self.command, self.path, body)
        self.seen.append(f"{self.command}{' broken' if broken else ''}")
        if broken and self.mode == "refuse":
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept", "authorization")}
        answer = httpx.request(self.command, self.target + self.path, content=body, headers=headers, timeout=60)
        if broken and self.mode == "lose the answer" and answer.status_code < 300:  # applied; never heard of
            self.close_connection = True
            self.connection.close()
            return
        self.send_response(answer.status_code)
        for name in ("Content-Type", "WWW-Authenticate"):  # the second: digest auth's challenge
            if name in answer.headers:
                self.send_header(name, answer.headers[name])
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_POST = do_PUT = do_DELETE = _forward  # noqa: N815 -- the names http.server calls

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(params=["oxigraph", "virtuoso"])
def proxy(request, store_settings):
    settings = store_settings(request.param)
    root = settings["gsp"].rsplit("/", 1)[0]
    # every test arms the proxy itself: nothing carries over from the one before
    BreakingProxy.target, BreakingProxy.seen, BreakingProxy.mode = root, [], ""
    BreakingProxy.breaks = staticmethod(lambda method, path, body: False)
    with serving_in_thread(BreakingProxy) as base:
        urls = {"gsp": settings["gsp"], "endpoint": settings["endpoint"], "update": update_url(settings)}
        via = {name: base + url[len(root) :] for name, url in urls.items()}
        via["update path"] = update_url(settings)[len(root) :]
        yield settings, via


def the_swap(via: dict[str, str]):
    """Picks the swap: the update request that ADDs the staging graphs to the published ones."""
    return lambda method, path, body: path.startswith(via["update path"]) and b"ADD" in body


def test_the_store_dying_during_the_second_upload_leaves_the_published_graphs_as_they_were(proxy, uploads):
    settings, via = proxy
    put_old_graphs(settings, uploads)
    puts = []

    def second_put(method, path, body):
        if method == "PUT":
            puts.append(path)
        return method == "PUT" and len(puts) == 2

    BreakingProxy.mode, BreakingProxy.breaks = "hang up mid-upload", staticmethod(second_put)
    with pytest.raises(PublishError) as caught:
        publish(uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"],
                retry=RetryPolicy(1, 0.1))  # fmt: skip
    assert "PUT broken" in BreakingProxy.seen  # the store really hung up mid-upload
    assert "staging failed, no published graph was touched" in str(caught.value)
    assert [o.state for o in caught.value.outcomes] == ["unchanged (not swapped in)"] * 6
    assert as_they_were(settings["endpoint"], uploads)
    assert staging_graphs(settings["endpoint"]) == []  # the staged first graph was removed


def test_a_refused_swap_leaves_the_published_graphs_as_they_were(proxy, uploads):
    settings, via = proxy
    put_old_graphs(settings, uploads)
    BreakingProxy.mode = "refuse"
    BreakingProxy.breaks = staticmethod(the_swap(via))
    with pytest.raises(PublishError) as caught:
        publish(uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"])
    assert "POST broken" in BreakingProxy.seen  # the swap really was refused
    assert "the swap failed" in str(caught.value) and "500" in str(caught.value)
    assert [o.state for o in caught.value.outcomes] == ["unchanged (not swapped in)"] * 6
    assert as_they_were(settings["endpoint"], uploads)
    assert staging_graphs(settings["endpoint"]) == []


def test_a_swap_whose_answer_is_lost_is_found_applied_and_reported_so(proxy, uploads):
    settings, via = proxy
    put_old_graphs(settings, uploads)
    BreakingProxy.mode = "lose the answer"
    BreakingProxy.breaks = staticmethod(the_swap(via))
    lines: list[str] = []
    outcomes = publish(uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"],
                       progress=lines.append)  # fmt: skip
    assert "POST broken" in BreakingProxy.seen  # the answer really was lost
    assert [o.state for o in outcomes] == ["replaced"] * 6
    assert any("got no answer" in line and "holds the new graphs" in line for line in lines)
    for upload in uploads:
        assert count(settings["endpoint"], upload.iri) == len(upload.graph)
    assert staging_graphs(settings["endpoint"]) == []


@pytest.mark.parametrize(
    "command",
    [
        ["publish", "--gsp", "http://dba:Secret-Passw0rd-123@127.0.0.1:9/store"],
        ["publish", "--gsp", "http://127.0.0.1:9/store", "--update", "http://dba:Secret-Passw0rd-123@127.0.0.1:9/u"],
        ["query", "activities", "--endpoint", "https://u:Secret-Passw0rd-123@example.org/sparql"],
        ["serve", "--endpoint", "https://u:Secret-Passw0rd-123@example.org/sparql"],
    ],
)
def test_a_password_in_a_url_is_refused_without_being_printed(command):
    result = subprocess.run([sys.executable, "-m", "plan_graph", *command], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 2 and "password" in result.stderr
    assert "Secret-Passw0rd-123" not in result.stdout + result.stderr


def test_a_malformed_url_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "plan_graph", "query", "activities", "--endpoint",
                             "http://[::1/sparql"], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 2 and "--endpoint: not a URL" in result.stderr and "Traceback" not in result.stderr
