"""nginx (Debian's `nginx`) in front of a test's `plan-graph serve`, configured as deployed:
deploy/nginx/plan-graph.conf as it ships, with only its site lines changed (where nginx listens, where the server
is, the release's folder, the cache's folder, and for a benchmark the clients the rate limit leaves alone), read
inside an http block as Debian's /etc/nginx/nginx.conf reads it, with every path nginx writes in a temporary
folder. Started in the foreground (`nginx -c FILE -p DIR`, `daemon off`) on a loopback port, stopped with SIGQUIT
(a graceful stop) by its process id.

Without nginx a test skips, naming the package; under CI=true it fails (tests/support/paths.py). The benchmark
(bench/proxy.py) runs nginx the same way.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEPLOYED = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "plan-graph.conf"

# Debian's /etc/nginx/nginx.conf (nginx 1.22.1-9) with its paths in the test's folder, in the foreground, without
# its TLS lines, its modules (none is needed) and /etc/nginx/mime.types (the site declares the types of its files)
MAIN = """{user}daemon off;
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{
    worker_connections 768;
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    default_type application/octet-stream;
    access_log {folder}/access.log;
    gzip on;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/sites-enabled/plan-graph.conf;
}}
"""


class NginxMissingError(Exception):
    """nginx is not installed: the message names the package that brings it."""


def nginx_command() -> str:
    """The nginx program (in /usr/sbin, which a user's PATH may lack); NginxMissingError without it."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise NginxMissingError("nginx is not installed (Debian package nginx; .ci/run installs it)")
    return found


def site_config(listen: int, upstream: int, root: Path, cache: Path, unlimited: tuple[str, ...] = ()) -> str:
    """deploy/nginx/plan-graph.conf with its site lines for this machine: nginx on 127.0.0.1:`listen`, the server
    on 127.0.0.1:`upstream`, the release in `root`, the cache in `cache`, and `unlimited` addresses left out of the
    rate limit. Every other line is the deployed one."""
    text = DEPLOYED.read_text(encoding="utf-8")
    for deployed, local in (
        ("    listen 80;", f"    listen 127.0.0.1:{listen};"),
        ("    server 127.0.0.1:8000;", f"    server 127.0.0.1:{upstream};"),
        ("    root /srv/plan-graph/release;", f"    root {root};"),
        ("proxy_cache_path /var/cache/nginx-plan-graph ", f"proxy_cache_path {cache} "),
        ("    default 1;\n", "    default 1;\n" + "".join(f"    {address} 0;\n" for address in unlimited)),
    ):
        assert text.count(deployed) == 1, f"{DEPLOYED} no longer has the site line {deployed!r} once"
        text = text.replace(deployed, local)
    return text


@contextmanager
def running_nginx(
    upstream: int, root: Path, *, port: int | None = None, unlimited: tuple[str, ...] = ()
) -> Iterator[tuple[str, subprocess.Popen]]:
    """nginx as deployed in front of the server on 127.0.0.1:`upstream`, the release in `root`; yields (its base URL,
    its master process). `port`: where it listens (default: a free port)."""
    command = nginx_command()
    with tempfile.TemporaryDirectory(prefix="nginx-") as name:
        folder = Path(name)
        if port is None:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
        (folder / "sites-enabled").mkdir()
        (folder / "sites-enabled" / "plan-graph.conf").write_text(
            site_config(port, upstream, root, folder / "cache", unlimited), encoding="utf-8"
        )
        # as root, the workers would run as nobody and could not read the tests' private folders
        user = "user root;\n" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(MAIN.format(user=user, folder=folder), encoding="utf-8")
        log = folder / "nginx.out"
        with log.open("w") as out:
            process = subprocess.Popen(
                [command, "-c", str(folder / "nginx.conf"), "-p", str(folder)], stdout=out, stderr=subprocess.STDOUT
            )
        try:
            _listening(port, process, log, folder / "error.log")
            yield f"http://127.0.0.1:{port}/", process
        finally:
            process.send_signal(signal.SIGQUIT)  # graceful: the workers finish their requests, then all exit
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _listening(port: int, process: subprocess.Popen, log: Path, errors: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = log.read_text(errors="replace") + (errors.read_text(errors="replace") if errors.exists() else "")
            raise RuntimeError(f"nginx exited: {said[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on port {port} within 30 s")
