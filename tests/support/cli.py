"""The command line as a user runs it: the installed `plan-graph` script (or `python -m plan_graph` without it),
as a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("plan-graph")


def run(*args: str, text: bool = True, **kwargs) -> subprocess.CompletedProcess:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "plan_graph"]
    return subprocess.run([*command, *args], capture_output=True, text=text, timeout=300, **kwargs)
