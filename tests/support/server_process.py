"""The server for the tests: a real `plan-graph serve` process on a free loopback port (for the protocol, the
worker processes and the abuse suite), or the same application in process behind Starlette's test client (for
what needs no socket: pages, links, options)."""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import httpx

from bench.endpoint import free_port


class LoopbackServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # a slow request of a test may outlive it
    request_queue_size = 64  # the standard library's 5 drops the connections a check opens at once past it


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    """The files of a folder (functools.partial(QuietFiles, directory=…)), without a log line a request."""

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving_in_thread(handler: Callable[..., http.server.BaseHTTPRequestHandler]):
    """A small HTTP server of the tests' own (a fake or a breaking proxy) on loopback; yields its base URL."""
    server = LoopbackServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serving_folder(folder: Path):
    """The files of `folder` on loopback, as a plain web server publishes them; yields its base URL, with a '/'."""
    with serving_in_thread(functools.partial(QuietFiles, directory=str(folder))) as base:
        yield base + "/"


def port_of(base: str) -> int:
    """The port of a server's base URL ("http://127.0.0.1:8123/")."""
    return int(base.rstrip("/").rsplit(":", 1)[1])


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def output(process: subprocess.Popen) -> str:
    """What the server has written so far (stdout and stderr)."""
    process.log.seek(0)  # type: ignore[attr-defined]
    return process.log.read()  # type: ignore[attr-defined]


@contextmanager
def in_process_server(store_dir: Path | None = None, **options):
    """A TestClient of the application `plan-graph serve` runs, with one query worker (Settings)."""
    from starlette.testclient import TestClient

    from plan_graph.pipeline.plan_store import open_plan_store
    from plan_graph.settings import Settings
    from plan_graph.web.server import create_app

    config = Settings(**{"workers": 1, **options})
    store = open_plan_store(replace(config, folder=store_dir))
    with TestClient(create_app(config, store), base_url=f"http://{config.host}:{config.port}") as client:
        yield client


@contextmanager
def running_server(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    entry: tuple[str, ...] = ("-m", "plan_graph"),
):
    """Yields (base URL, process); stops the server with SIGTERM afterwards. output(process): what it wrote.
    `entry`: how Python starts the command line (`-c CODE` runs code of the test's own first)."""
    port = free_port()
    command = [sys.executable, *entry, "serve", "--port", str(port), *args]
    # the server's output goes to a file: a pipe nobody reads fills up and then blocks the server's logging
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            command, env={**os.environ, **(env or {})}, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True
        )
        process.log = log  # type: ignore[attr-defined]
        try:
            yield _started(f"http://127.0.0.1:{port}/", process), process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _started(base: str, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {output(process)}")
        try:
            if httpx.get(base + "sparql?query=ASK%7B%7D", timeout=2).status_code == 200:
                return base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start within 90 s")
        time.sleep(0.2)


ACTIVITY = "ro/hg-861-2018/activity/1.1.3"  # an activity's path on the server
COUNT_ACTIVITIES = (
    "PREFIX pg: <https://w3id.org/plan-graph/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?a a pg:Activity }"
)


def probe_count(base: str, activities: int) -> float:
    """Asks a server for its number of activities, checks the answer; the seconds it took."""
    started = time.monotonic()
    response = httpx.get(
        base + "sparql", params={"query": COUNT_ACTIVITIES}, headers={"Accept": "text/csv"}, timeout=30
    )
    assert response.status_code == 200 and response.text.splitlines()[1] == str(activities), response.text
    return time.monotonic() - started


def while_running(work, probe) -> tuple[object, list[float]]:
    """Runs `work` in a thread and calls `probe` meanwhile (and once after): (work's outcome, probe latencies)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except Exception as error:  # the caller's test reports it
            outcome["result"] = error

    thread = threading.Thread(target=run)
    thread.start()
    latencies = []
    deadline = time.monotonic() + 30
    while thread.is_alive() and time.monotonic() < deadline:
        latencies.append(probe())
        time.sleep(0.1)
    thread.join(timeout=60)
    assert not thread.is_alive(), "the work did not finish within 90 s"
    latencies.append(probe())
    return outcome["result"], latencies
