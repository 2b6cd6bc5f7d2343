"""Apache httpd for the tests (Debian's `apache2`), serving a folder as w3id.org serves its namespaces: each
namespace's `.htaccess` in the folder of that name under the document root, with mod_rewrite and mod_headers and
`AllowOverride All`. Started by the test from a configuration of its own on a free loopback port, stopped afterwards.

Without apache2 the test skips, saying which package brings it; with CI=true it fails.
"""

from __future__ import annotations

import os
import pwd
import shutil
import string
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bench.endpoint import free_port

MODULES = Path("/usr/lib/apache2/modules")  # where Debian's apache2 keeps its modules
CONFIG = string.Template("""\
ServerRoot "$folder"
DefaultRuntimeDir "$folder"
PidFile "$folder/httpd.pid"
Listen 127.0.0.1:$port
ServerName 127.0.0.1
$user
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule rewrite_module $modules/mod_rewrite.so
LoadModule headers_module $modules/mod_headers.so
ErrorLog "$folder/error.log"
LogLevel warn
DocumentRoot "$root"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "$root">
    AllowOverride All
    Require all granted
</Directory>
""")


def apache_binary() -> str:
    binary = shutil.which("apache2") or shutil.which("apache2", path="/usr/sbin")
    if binary is None or not (MODULES / "mod_rewrite.so").exists():
        reason = "apache2 is not installed (Debian package apache2)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


@contextmanager
def running_apache(namespaces: dict[str, str]) -> Iterator[str]:
    """Apache serving a document root with one folder per namespace, holding that `.htaccess` text; yields its base
    URL ("http://127.0.0.1:PORT/"), under which "NAME/…" is what w3id.org answers for https://w3id.org/NAME/…"""
    binary = apache_binary()
    # a folder of its own outside pytest's (which only its owner may enter): as root, Apache reads as nobody
    folder = Path(tempfile.mkdtemp(prefix="plan-graph-apache-"))
    try:
        root = folder / "www"
        for name, htaccess in namespaces.items():
            (root / name).mkdir(parents=True)
            (root / name / ".htaccess").write_text(htaccess, encoding="utf-8")
        for path in (folder, *root.rglob("*"), root):
            path.chmod(0o755 if path.is_dir() else 0o644)
        port = free_port()
        user = ""
        if os.geteuid() == 0:  # Apache will not serve as root; its children run as this user
            nobody = pwd.getpwnam("nobody")
            user = f"User #{nobody.pw_uid}\nGroup #{nobody.pw_gid}"
        config = CONFIG.substitute(folder=folder, port=port, user=user, modules=MODULES, root=root)
        (folder / "httpd.conf").write_text(config, encoding="utf-8")
        with (folder / "start.log").open("w") as log:
            process = subprocess.Popen(
                [binary, "-f", str(folder / "httpd.conf"), "-DFOREGROUND"], stdout=log, stderr=subprocess.STDOUT
            )
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait(base, process, folder)
            yield base
        finally:
            process.terminate()  # SIGTERM: Apache stops its children and exits
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _wait(base: str, process: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"apache2 exited: {_logs(folder)}")
        try:
            httpx.get(base, timeout=2)  # any answer: it is listening
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"apache2 did not answer within 30 s: {_logs(folder)}")


def _logs(folder: Path) -> str:
    return " | ".join(
        (folder / name).read_text(errors="replace")[-2000:]
        for name in ("start.log", "error.log")
        if (folder / name).exists()
    )
