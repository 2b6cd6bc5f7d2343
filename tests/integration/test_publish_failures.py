"""#10.5: a store failing in the middle of a publish, on real stores (the tests start them:
tests/support/triple_stores.py).

Staged publication uploads the graphs beside the published ones and swaps them in with one SPARQL Update.
The failures are made by a proxy in front of the real store (Oxigraph server, Virtuoso) that forwards every
request except the one it is told to break: it hangs up in the middle of an upload, refuses the swap, or
applies the swap and loses its answer. After each, the published graphs must be what they were (or, for the
lost answer, what was sent), the report must say so graph by graph, and no staging graph may be left behind.
#29: the same after an upload the store refuses, a count that differs, an exception in the middle, and with
uploads named with what an IRI cannot hold; when the staging graphs cannot be dropped, the error names them.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
from typing import ClassVar

import httpx
import pytest

from plan_graph.release.publish import STAGING_PREFIX, GraphUpload, PublishError, publish, staging_graph
from plan_graph.stores.remote import RetryPolicy
from tests.support.publishing import count, credentials, graph_names, named_uploads, staging_graphs, triples, update_url
from tests.support.server_process import serving_in_thread

# failure injection against real stores, each way a publication can fail: slow, run by .ci/run (--full)
pytestmark = pytest.mark.slow


OLD = '<urn:old> <urn:says> "the graph as it was before this publish" .'
OLD_TRIPLES = {("urn:old", "urn:says", "the graph as it was before this publish")}


def put_old_graphs(settings: dict[str, str], uploads: list[GraphUpload]) -> None:
    """Each published graph holds one known triple, so that "as it was" can be checked exactly."""
    creds = credentials(settings)
    auth = httpx.DigestAuth(creds.user, creds.password) if creds else None
    for upload in uploads:
        response = httpx.put(
            settings["gsp"],
            params={"graph": upload.iri},
            content=OLD.encode(),
            auth=auth,
            headers={"Content-Type": "application/n-triples"},
            timeout=60,
        )
        assert response.status_code < 300, response.text


def as_they_were(endpoint: str, uploads: list[GraphUpload]) -> bool:
    return all(triples(endpoint, upload.iri) == OLD_TRIPLES for upload in uploads)


def drop_directly(settings: dict[str, str], graphs: list[str]) -> None:
    """What a test left in the store on purpose, removed past the proxy (the session's store is shared)."""
    if not graphs:
        return
    creds = credentials(settings)
    auth = httpx.DigestAuth(creds.user, creds.password) if creds else None
    update = " ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs)
    headers = {"Content-Type": "application/sparql-update"}
    response = httpx.post(update_url(settings), content=update.encode(), headers=headers, auth=auth, timeout=60)
    assert response.status_code < 300, response.text


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_a_staged_publish_swaps_all_graphs_in_and_leaves_no_staging(name, uploads, store_settings):
    settings = store_settings(name)
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])
    lines: list[str] = []
    outcomes = publish(
        uploads,
        settings["gsp"],
        settings["endpoint"],
        credentials(settings),
        update=update_url(settings),
        progress=lines.append,
    )
    assert [o.state for o in outcomes] == ["replaced"] * 6
    for upload in uploads:
        assert count(settings["endpoint"], upload.iri) == upload.count
    assert graph_names(settings["endpoint"]) == before  # the same graphs, and no staging graph beside them
    assert any("staged" in line for line in lines)


class BreakingProxy(http.server.BaseHTTPRequestHandler):
    """Forwards to the real store; breaks the request that `breaks` picks, the way `mode` says."""

    target: ClassVar[str] = ""
    mode: ClassVar[str] = ""  # "hang up mid-upload", "refuse", "lose the answer", "lose triples"
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
        if broken and self.mode == "lose triples":  # only the first line of the upload reaches the store
            body = body.split(b"\n", 1)[0] + b"\n"
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
    before = graph_names(settings["endpoint"])
    with pytest.raises(PublishError) as caught:
        publish(
            uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"], retry=RetryPolicy(1, 0.1)
        )
    assert "PUT broken" in BreakingProxy.seen  # the store really hung up mid-upload
    assert "staging failed, no published graph was touched" in str(caught.value)
    assert [o.state for o in caught.value.outcomes] == ["unchanged (not swapped in)"] * 6
    assert as_they_were(settings["endpoint"], uploads)
    assert graph_names(settings["endpoint"]) == before  # the staged first graph was removed


def test_a_refused_swap_leaves_the_published_graphs_as_they_were(proxy, uploads):
    settings, via = proxy
    put_old_graphs(settings, uploads)
    BreakingProxy.mode = "refuse"
    BreakingProxy.breaks = staticmethod(the_swap(via))
    before = graph_names(settings["endpoint"])
    with pytest.raises(PublishError) as caught:
        publish(uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"])
    assert "POST broken" in BreakingProxy.seen  # the swap really was refused
    assert "the swap failed" in str(caught.value) and "500" in str(caught.value)
    assert [o.state for o in caught.value.outcomes] == ["unchanged (not swapped in)"] * 6
    assert as_they_were(settings["endpoint"], uploads)
    assert graph_names(settings["endpoint"]) == before


def test_a_swap_whose_answer_is_lost_is_found_applied_and_reported_so(proxy, uploads):
    settings, via = proxy
    put_old_graphs(settings, uploads)
    BreakingProxy.mode = "lose the answer"
    BreakingProxy.breaks = staticmethod(the_swap(via))
    before = graph_names(settings["endpoint"])
    lines: list[str] = []
    outcomes = publish(
        uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"], progress=lines.append
    )
    assert "POST broken" in BreakingProxy.seen  # the answer really was lost
    assert [o.state for o in outcomes] == ["replaced"] * 6
    assert any("got no answer" in line and "holds the new graphs" in line for line in lines)
    for upload in uploads:
        assert count(settings["endpoint"], upload.iri) == upload.count
    assert graph_names(settings["endpoint"]) == before


def test_a_swap_that_gets_no_answer_keeps_its_staging_graphs_for_the_store_may_still_apply_it(proxy, uploads):
    """The store hangs up on the swap before it reaches it: the published graphs are as they were, and the staging
    graphs are kept and named, because a swap still to be applied would empty the published graphs without them."""
    settings, via = proxy
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])
    BreakingProxy.mode = "hang up mid-upload"
    BreakingProxy.breaks = staticmethod(
        lambda method, path, body: method == "POST" and path.startswith(via["update path"])
    )
    with pytest.raises(PublishError) as caught:
        publish(uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"])
    left = staging_graphs(settings["endpoint"])
    try:
        assert BreakingProxy.seen.count("POST broken") == 1  # the swap, and no clean-up after it
        message = caught.value.args[0]
        assert message.startswith("the swap failed: ") and "\n" not in message
        kept = message.split("; the store may still apply the swap, so the staging graphs are kept: ")[1]
        assert kept.endswith(" (DROP them once the store is idle, or publish again)")
        assert sorted(kept.split(" (DROP")[0].split(", ")) == sorted(left)
        assert len(left) == len(uploads) and graph_names(settings["endpoint"]) == before | set(left)
        assert as_they_were(settings["endpoint"], uploads)
    finally:
        drop_directly(settings, left)
    assert graph_names(settings["endpoint"]) == before


# #29: uploads named with what an IRI cannot hold, failing in each way staging can fail
AWKWARD = ["round 2019", "a/b#c", 'x <y> "z" {w} | ^ ` \\ ? & = % 20']


def one_line_and_clean(
    caught: pytest.ExceptionInfo[PublishError], settings: dict[str, str], uploads: list[GraphUpload], before: set[str]
) -> str:
    """The error's message, once checked to be one line, with the store as it was: the same graphs (no staging
    graph among them), each published graph holding what it held."""
    message = caught.value.args[0]  # its str() adds each graph's state, a line each
    assert "\n" not in message
    assert [o.state for o in caught.value.outcomes] == ["unchanged (not swapped in)"] * len(uploads)
    assert graph_names(settings["endpoint"]) == before
    assert as_they_were(settings["endpoint"], uploads)
    return message


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_an_upload_the_store_refuses_leaves_no_staging_graph(name, store_settings):
    settings = store_settings(name)
    uploads = named_uploads(AWKWARD, refused="a/b#c")
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])
    with pytest.raises(PublishError) as caught:
        publish(uploads, settings["gsp"], settings["endpoint"], credentials(settings), update=update_url(settings))
    message = one_line_and_clean(caught, settings, uploads, before)
    assert message.startswith(f"staging failed, no published graph was touched: graph <{uploads[1].iri}> (a/b#c): ")
    assert ("400" if name == "oxigraph" else "500") in message and "may remain" not in message


def test_a_staged_graph_whose_count_differs_is_dropped(proxy):
    settings, via = proxy
    uploads = named_uploads(AWKWARD)
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])
    BreakingProxy.mode = "lose triples"
    BreakingProxy.breaks = staticmethod(lambda method, path, body: method == "PUT" and b"thing-1>" in body)
    with pytest.raises(PublishError) as caught:
        publish(uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"])
    assert "PUT broken" in BreakingProxy.seen  # the upload really lost triples on the way
    message = one_line_and_clean(caught, settings, uploads, before)
    assert message.startswith(
        f"staging failed, no published graph was touched: graph <{uploads[1].iri}> (a/b#c): "
        "2 triples sent to <urn:plan-graph:staging:"
    )
    assert message.endswith(":a%2Fb%23c> but 1 arrived")


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_an_exception_in_the_middle_of_staging_leaves_no_staging_graph(name, store_settings):
    settings = store_settings(name)
    uploads = named_uploads(AWKWARD)
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])

    def failing_on_the_second(line: str) -> None:  # a failure that is no StoreError, after a graph was staged
        if "(a/b#c)" in line:
            raise RuntimeError("the progress display broke")

    with pytest.raises(PublishError) as caught:
        publish(
            uploads,
            settings["gsp"],
            settings["endpoint"],
            credentials(settings),
            update=update_url(settings),
            progress=failing_on_the_second,
        )
    message = one_line_and_clean(caught, settings, uploads, before)
    assert message == (
        f"staging failed, no published graph was touched: graph <{uploads[1].iri}> (a/b#c): "
        "RuntimeError: the progress display broke"
    )


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_an_interrupt_in_the_middle_of_staging_leaves_no_staging_graph(name, store_settings):
    settings = store_settings(name)
    uploads = named_uploads(AWKWARD)
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])

    def interrupted_on_the_second(line: str) -> None:  # Ctrl-C, as the command line raises it (interrupts.py)
        if "(a/b#c)" in line:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # still an interrupt, for the command line to report as one
        publish(
            uploads,
            settings["gsp"],
            settings["endpoint"],
            credentials(settings),
            update=update_url(settings),
            progress=interrupted_on_the_second,
        )
    assert graph_names(settings["endpoint"]) == before
    assert as_they_were(settings["endpoint"], uploads)


def test_a_refused_swap_of_awkwardly_named_uploads_leaves_no_staging_graph(proxy):
    settings, via = proxy
    uploads = named_uploads(AWKWARD)
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])
    BreakingProxy.mode = "refuse"
    BreakingProxy.breaks = staticmethod(the_swap(via))
    with pytest.raises(PublishError) as caught:
        publish(uploads, via["gsp"], via["endpoint"], credentials(settings), update=via["update"])
    assert "POST broken" in BreakingProxy.seen  # the swap really was refused
    message = one_line_and_clean(caught, settings, uploads, before)
    assert message.startswith("the swap failed: ") and "the server failed with 500" in message
    assert "may remain" not in message


def test_staging_graphs_that_cannot_be_dropped_are_named(proxy):
    settings, via = proxy
    uploads = named_uploads(AWKWARD)
    put_old_graphs(settings, uploads)
    before = graph_names(settings["endpoint"])
    BreakingProxy.mode = "refuse"  # the clean-up, and only it
    BreakingProxy.breaks = staticmethod(
        lambda method, path, body: path.startswith(via["update path"]) and body.startswith(b"DROP SILENT GRAPH")
    )

    def failing_on_the_second(line: str) -> None:  # once two graphs are staged whole
        if "(a/b#c)" in line:
            raise RuntimeError("the progress display broke")

    with pytest.raises(PublishError) as caught:
        publish(
            uploads,
            via["gsp"],
            via["endpoint"],
            credentials(settings),
            update=via["update"],
            progress=failing_on_the_second,
        )
    left = staging_graphs(settings["endpoint"])
    try:
        assert "POST broken" in BreakingProxy.seen  # the clean-up really was refused
        run = left[0][len(STAGING_PREFIX) :].split(":")[0] if left else ""
        staged = [staging_graph(run, "round 2019"), staging_graph(run, "a/b#c")]
        assert sorted(left) == sorted(staged)
        assert caught.value.args[0] == (
            f"staging failed, no published graph was touched: graph <{uploads[1].iri}> (a/b#c): RuntimeError: the "
            f"progress display broke; dropping the staging graphs failed ({via['update']}: the server failed with "
            f"500), these may remain: {staged[0]}, {staged[1]}"
        )
        assert graph_names(settings["endpoint"]) == before | set(staged)
        assert as_they_were(settings["endpoint"], uploads)
    finally:
        drop_directly(settings, left)  # the session's store is shared: other tests expect no staging graph
    assert graph_names(settings["endpoint"]) == before


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
    result = subprocess.run([sys.executable, "-m", "plan_graph", *command], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "password" in result.stderr
    assert "Secret-Passw0rd-123" not in result.stdout + result.stderr


def test_a_malformed_url_is_a_usage_error():
    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "query", "activities", "--endpoint", "http://[::1/sparql"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "--endpoint: not a URL" in result.stderr and "Traceback" not in result.stderr
