"""The wheel as a user installs it: it carries the vendored YASGUI and the templates, and `plan-graph serve` from
that installation (not the checkout) gives the full query editor in Chromium."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO, require_tool
from tests.support.server_process import running_server


def test_the_wheel_carries_yasgui_and_serves_it_without_npm_or_a_checkout(tmp_path):
    wheel = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "w"), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert wheel.returncode == 0, wheel.stderr
    target = tmp_path / "installed"
    wheels = [str(path) for path in (tmp_path / "w").glob("*.whl")]
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), *wheels],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    package = target / "plan_graph"
    assert (package / "web" / "static" / "yasgui" / "yasgui.min.js").stat().st_size > 500_000
    assert (package / "web" / "templates" / "base.html").is_file()
    code = (
        "import sys, plan_graph; from plan_graph.web.rendering import static_file; "
        "print(plan_graph.__file__); print(len(static_file('yasgui/yasgui.min.js')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    where, size = shown.stdout.split()
    assert Path(where).is_relative_to(target) and int(size) > 500_000, shown.stderr  # from the wheel, not the checkout
    # and `plan-graph serve` from that installation gives the full editor in a browser: a saved query runs
    require_tool("chromium")
    from tests.support.browsers import browser

    # (PYTHONPATH puts the installed wheel before the checkout's editable install; the folder is not the checkout)
    with running_server(env={"PYTHONPATH": str(target)}, cwd=tmp_path) as (base, _process):
        playwright, chromium = browser()
        try:
            page = chromium.new_page()
            page.goto(base + "query?run=activities")
            page.wait_for_selector("text=60 results", timeout=30_000)  # YASGUI ran the saved query: 60 rows
        finally:
            chromium.close()
            playwright.stop()
