"""Where things are (the repository, ../shared beside it) and the tools the tests need: a test skips locally
without them, naming the Debian package that brings it, and fails in CI (CI=true), where everything is installed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


# the Debian package that brings each command-line tool the tests use
DEBIAN_PACKAGES = {
    "rapper": "raptor2-utils",
    "java": "default-jre-headless",
    "chromium": "chromium",
    "virtuoso-t": "virtuoso-opensource",
    "systemd-analyze": "systemd",
}


def unavailable(reason: str) -> NoReturn:
    """Skips the test locally with the reason; in CI (CI=true), where everything is installed, fails it."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """The path of a command-line tool; skipped (failed in CI) without it, naming the package that brings it."""
    path = shutil.which(name)
    if path:
        return path
    package = DEBIAN_PACKAGES.get(name)
    unavailable(f"{name} is not installed" + (f" (Debian package {package}; .ci/run installs it)" if package else ""))


def reference(name: str) -> Path:
    """A folder of ../shared/reference/ (the real EU and UN vocabularies, never copied into the repository);
    skipped (failed in CI) when the clone has no ../shared beside it."""
    folder = SHARED / "reference" / name
    if not folder.is_dir():
        unavailable(f"{folder} is absent: the EU and UN reference vocabularies are read from ../shared/reference/")
    return folder
