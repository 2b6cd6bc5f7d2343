"""Starting and stopping a real `plan-graph serve` process on a free loopback port, for the tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.endpoint import free_port


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
def running_server(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """Yields (base URL, process); stops the server with SIGTERM afterwards. output(process): what it wrote."""
    port = free_port()
    command = [sys.executable, "-m", "plan_graph", "serve", "--port", str(port), *args]
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
