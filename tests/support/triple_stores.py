"""The real triple stores the tests publish to and query: started by the tests themselves, once a session.

- An Oxigraph server, from the `oxigraph` package the test extra installs: always available, so these tests run
  for everyone.
- Virtuoso, from Debian's `virtuoso-opensource`, when `virtuoso-t` is installed; without it the Virtuoso
  tests skip locally (saying which package brings it) and fail under CI=true.

Each runs on a free loopback port in a temporary folder and is stopped when the session ends. A store given
in the environment (PLAN_GRAPH_TEST_OXIGRAPH, PLAN_GRAPH_TEST_VIRTUOSO …, as `scripts/triple-stores start`
prints them) is used instead, for people who keep long-running servers.
"""

from __future__ import annotations

import os
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bench.endpoint import free_port
from tests.support.paths import REPO

VIRTUOSO_INI = REPO / "scripts" / "virtuoso.ini.in"
ASK = "?query=ASK%7B%7D"


def _wait(url: str, seconds: float, process: subprocess.Popen | None, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the store exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s: {log.read_text(errors='replace')[-2000:]}")


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


class TripleStores:
    """The session's stores, each started on first use; `settings(name)` gives the URLs a test needs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: dict[str, dict[str, str]] = {}
        self.failed: dict[str, BaseException] = {}  # a store that did not start is not tried again by every test
        self.pids: list[int] = []
        self.processes: list[subprocess.Popen] = []

    def settings(self, name: str) -> dict[str, str]:
        if name in self.failed:
            raise self.failed[name]
        if name not in self.started:
            try:
                self.started[name] = self._given(name) or self._start(name)
            except BaseException as error:  # pytest's skip and fail outcomes are BaseExceptions
                self.failed[name] = error
                raise
        return self.started[name]

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        for pid in self.pids:
            _stop(pid)

    def _given(self, name: str) -> dict[str, str] | None:
        url = os.environ.get(f"PLAN_GRAPH_TEST_{name.upper()}")
        if not url:
            return None
        if name == "oxigraph":
            return _oxigraph_urls(url)
        return _virtuoso_urls(
            url, os.environ["PLAN_GRAPH_TEST_VIRTUOSO_USER"], os.environ["PLAN_GRAPH_TEST_VIRTUOSO_PASSWORD"]
        )

    def _start(self, name: str) -> dict[str, str]:
        return self._start_oxigraph() if name == "oxigraph" else self._start_virtuoso()

    def _start_oxigraph(self) -> dict[str, str]:
        process, base = start_oxigraph(self.folder / "oxigraph")
        self.processes.append(process)
        return _oxigraph_urls(base)

    def _start_virtuoso(self) -> dict[str, str]:
        binary = shutil.which("virtuoso-t")
        if binary is None:
            _missing("virtuoso-t is not installed (Debian package virtuoso-opensource)")
        db = self.folder / "virtuoso"
        db.mkdir()
        http_port, sql_port = free_port(), free_port()
        ini = string.Template(VIRTUOSO_INI.read_text()).substitute(db=db, sql_port=sql_port, http_port=http_port)
        (db / "virtuoso.ini").write_text(ini)
        log = db / "start.log"
        with log.open("w") as out:  # +wait: returns once the server is ready, leaving it in the background
            subprocess.run(
                [binary, "+configfile", str(db / "virtuoso.ini"), "+wait"],
                cwd=db,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=120,
                check=False,
            )
        lock = db / "virtuoso.lck"
        pids = [line.split("=", 1)[1] for line in lock.read_text().splitlines() if line.startswith("VIRT_PID=")]
        if not pids:
            raise RuntimeError(f"Virtuoso did not start: {log.read_text(errors='replace')[-2000:]}")
        self.pids.append(int(pids[0]))
        base = f"http://127.0.0.1:{http_port}"
        _wait(base + "/sparql" + ASK, 60, None, db / "virtuoso.log")
        return _virtuoso_urls(base, "dba", "dba")  # a new database's own account: a throwaway store on loopback


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, str]:
    """A new Oxigraph server on a free loopback port, keeping its data in `location`: the process and its URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        _missing("the oxigraph command is not installed (pip install '.[test]' brings it)")
    log = location.with_suffix(".log")
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/query" + ASK, 30, process, log)
    return process, base


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _oxigraph_urls(base: str) -> dict[str, str]:
    return {"gsp": base + "/store", "endpoint": base + "/query"}


def _virtuoso_urls(base: str, user: str, password: str) -> dict[str, str]:
    return {
        "gsp": base + "/sparql-graph-crud-auth",
        "endpoint": base + "/sparql",
        "auth": "digest",
        "user": user,
        "password": password,
    }


def started_stores() -> tuple[TripleStores, Callable[[], None]]:
    """A TripleStores in a new temporary folder, and what stops it and removes the folder."""
    folder = Path(tempfile.mkdtemp(prefix="plan-graph-stores-"))
    stores = TripleStores(folder)

    def finish() -> None:
        stores.stop()
        shutil.rmtree(folder, ignore_errors=True)

    return stores, finish
