"""The monitoring dashboard, the activity timeline and the actor's reports (#20), on a real `plan-graph serve`
with a reporting round the test imports (the repository ships none), and in the exported site; in Chromium too.

Facts: the external assessments of data/assessments.csv (TIP 2020, published 2020-06-25: 2.3.1 "limited"); ANITP
is responsible for 1.1.1 (line 10) and 2.3.1 (line 43, due "Iunie 2019")."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest
from server_process import running_server

from plan_graph.pipeline.monitor import import_forms
from plan_graph.text.forms import COLUMNS


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monitoring")
    form = folder.parent / "anitp.csv"
    buffer = io.StringIO()
    status = ["ANITP", "2019", "1.1.1", "", "", "", "", "", "realizată", "https://example.org/e", ""]
    value = ["ANITP", "2019", "1.1.1", "1", "", "", "14", "", "", "", ""]
    csv.writer(buffer).writerows([list(COLUMNS.values()), status, value])
    form.write_text(buffer.getvalue(), encoding="utf-8")
    import_forms([form], "2019", folder, "2020-01-31")
    return folder


@pytest.fixture(scope="module")
def server(rounds):
    with running_server("--rounds", str(rounds)) as (base, _):
        yield base


def test_the_dashboard_shows_statuses_overdue_and_unreported(server):
    page = httpx.get(server + "monitoring", params={"date": "2020-12-31", "period": "2019"}).text
    seen = text_of(page)
    assert "Area 1 (13)" in seen and "Area 1: 1 completed" in page  # 1.1.1, ANITP's self-report
    assert "Area 2: 3 in progress, limited" in page  # 2.2.1, 2.3.1 and 2.3.2, by TIP 2020 (data/assessments.csv)
    overdue = page[page.index('<table class="overdue">') :]
    assert ">2.3.1<" in overdue and "Iunie 2019" in overdue and ">1.1.1<" not in overdue
    unreported = page[page.index('<ul class="unreported">') :]
    assert "<strong>ANITP</strong>" in unreported and "1.1.2" in unreported
    assert not re.search(r"<strong>ANITP</strong>: 1\.1\.1,", unreported)  # reported
    assert "Reporting rounds held · Runde de raportare: 2019" in seen


def test_the_dashboard_filters_by_body_and_refuses_bad_filters(server):
    page = httpx.get(server + "monitoring", params={"date": "2020-12-31", "period": "2019", "actor": "DCCO"}).text
    unreported = page[page.index('<ul class="unreported">') :]
    assert "<strong>DCCO</strong>" in unreported and "<strong>ANITP</strong>" not in unreported
    overdue = page[page.index("Overdue") :]
    assert ">5.1.1<" in overdue and ">2.3.1<" not in overdue  # DCCO is responsible for 5.1.1 (line 93), not 2.3.1
    for params, message in (({"date": "2020-13-01"}, "not a date"), ({"period": "19"}, "not a year"),
                            ({"actor": "XYZ"}, "responsible for no activity")):  # fmt: skip
        response = httpx.get(server + "monitoring", params=params)
        assert response.status_code == 400 and message in response.text


def test_an_activity_page_shows_its_progress_over_time(server):
    page = httpx.get(server + "ro/hg-861-2018/activity/2.3.1", headers={"Accept": "text/html"}).text
    timeline = page[page.index('<ol class="timeline">') :]
    dates = re.findall(r'<time datetime="([\d-]+)">', timeline)
    assert dates == ["2020-06-25", "2021-07-01"]  # TIP 2020 and TIP 2021 on the referral mechanism
    assert "did not implement it for the third straight year" in timeline
    mine = httpx.get(server + "ro/hg-861-2018/activity/1.1.1", headers={"Accept": "text/html"}).text
    assert "completed</strong>, self-report by ANITP for 2019" in mine


def test_an_actor_page_lists_the_reports_it_submitted(server):
    page = httpx.get(server + "ro/actor/ANITP", headers={"Accept": "text/html"}).text
    reports = page[page.index('<table class="reports">') :]
    assert re.search(r"<td>2019</td><td><a [^>]*>1\.1\.1</a></td><td>completed</td><td>2020-01-31</td>", reports)
    other = httpx.get(server + "ro/actor/DCCO", headers={"Accept": "text/html"}).text
    assert 'class="reports"' not in other


def test_the_site_has_the_dashboard_as_of_its_release_day():
    from plan_graph.graph.iris import Iris
    from plan_graph.pipeline.build import build
    from plan_graph.release.site import site_files
    from plan_graph.stores.factory import built_plan_store

    files = site_files(built_plan_store(build(check=False)), Iris().base, "https://data.example.org/plan/",
                       "2020-12-31")  # fmt: skip
    page = files["monitoring.html"].decode()
    assert "Data · Date: 2020-12-31" in page and "<form" not in page
    assert ">2.3.1<" in page[page.index('<table class="overdue">') :]
    assert 'href="monitoring.html"' in files["index.html"].decode()


def test_the_dashboard_with_a_round_in_chromium(server):
    """In the browser: the chart is drawn (one rectangle per area and status), the page has no serious
    accessibility violation and no console error."""
    from test_browser_checks import browser, check_in_browser

    url = server + "monitoring?date=2020-12-31&period=2019"
    assert check_in_browser([url]) == {}
    playwright, chromium = browser()
    try:
        page = chromium.new_page()
        page.goto(url)
        drawn = page.locator("#areas rect").count()
        titles = page.locator("#areas rect title").all_text_contents()
        filters = page.locator("form.filters select[name=actor] option").count()
    finally:
        chromium.close()
        playwright.stop()
    assert drawn == len(titles) >= 5 and "Area 1: 1 completed" in titles
    assert filters > 20  # every responsible body, and "all"


def test_every_status_has_a_colour_on_the_chart():
    from plan_graph.text.assessments import STATUSES
    from plan_graph.web.monitoring import STATUS_COLOURS

    assert list(STATUS_COLOURS) != [] and set(STATUS_COLOURS) == set(STATUSES)
