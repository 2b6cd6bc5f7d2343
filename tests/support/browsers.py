"""Chromium for the tests (the Debian package's binary, no download): driven by Playwright, with axe-core's
accessibility checks, or run headless from the command line; screenshots go to dist/test-artifacts/."""

from __future__ import annotations

import subprocess

from tests.support.paths import REPO, require_tool

ARTIFACTS = REPO / "dist" / "test-artifacts"
# Chromium from the command line, headless and quiet: no sandbox (the tests may run as root), no GPU, no first-run
# pages, no network of its own
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def browser():
    """A headless Chromium driven by Playwright (the Debian package's binary: no download)."""
    from playwright.sync_api import sync_playwright

    chromium = require_tool("chromium")
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    playwright = sync_playwright().start()
    return playwright, playwright.chromium.launch(executable_path=chromium, args=flags)


def check_in_browser(urls: list[str]) -> dict[str, list[str]]:
    """Per page: its serious or critical axe-core violations and its console errors."""
    from axe_playwright_python.sync_playwright import Axe

    playwright, chromium = browser()
    problems: dict[str, list[str]] = {}
    try:
        page = chromium.new_page(viewport={"width": 1200, "height": 1400})
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        for url in urls:
            errors.clear()
            response = page.goto(url)
            page.wait_for_load_state("networkidle")
            found = Axe().run(page).response["violations"]
            serious = [
                f"{v['id']} ({v['impact']}): {v['help']}" for v in found if v["impact"] in ("serious", "critical")
            ]
            expected_404 = url.endswith("ro/nothing") and response is not None and response.status == 404
            console = [e for e in errors if not (expected_404 and "404" in e)]
            if serious or console:
                problems[url] = serious + [f"console: {e}" for e in console]
    finally:
        chromium.close()
        playwright.stop()
    return problems


def chromium(*args: str) -> subprocess.CompletedProcess:
    binary = require_tool("chromium")
    profile = ARTIFACTS / "chromium-profile"
    return subprocess.run(
        [
            binary,
            *HEADLESS,
            f"--user-data-dir={profile}",
            "--window-size=1200,1400",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
