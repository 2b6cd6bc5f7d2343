"""The monitoring dashboard, the activity timeline and the actor's reports (#20), on a real `plan-graph serve`
with a reporting round the test imports (the repository ships none), and in the exported site; in Chromium too.

Facts: the external assessments of data/assessments.csv (TIP 2020, published 2020-06-25: 2.3.1 "limited"); ANITP
is responsible for 1.1.1 (line 10) and 2.3.1 (line 43, due "Iunie 2019"); ANITP and MAI are both responsible for
2.1.1 (line 31). The page must show what the saved queries answer (tests/queries/test_monitoring_queries.py
checks those against the plan and the reports)."""

from __future__ import annotations

import html
import re

import httpx
import pytest

from plan_graph.pipeline.monitor import import_forms
from tests.support.reporting_round import form_line, write_form
from tests.support.server_process import running_server


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip())


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monitoring")
    status = form_line(
        "ANITP", "2019", "1.1.1", status="realizată", evidence="https://example.org/e", notes="două evenimente"
    )
    value = form_line("ANITP", "2019", "1.1.1", "1", value="14")
    disputed = form_line("ANITP", "2019", "2.1.1", status="realizată")
    anitp = write_form(folder.parent / "anitp.csv", [status, value, disputed])
    mai = write_form(folder.parent / "mai.csv", [form_line("MAI", "2019", "2.1.1", status="în curs")])
    import_forms([anitp, mai], "2019", folder, "2020-01-31")
    return folder


@pytest.fixture(scope="module")
def asked(rounds):
    """What the saved queries answer on the same data, as the page's filters ask them."""
    from plan_graph.pipeline.plan_store import open_plan_store
    from plan_graph.settings import Settings
    from plan_graph.stores.queries import run_saved_query

    store = open_plan_store(Settings(rounds=rounds))

    def answer(name, **params):
        return [{k: v.value for k, v in row.items()} for row in run_saved_query(store, name, params).rows]

    return answer


def chart_of(page: str) -> set[str]:
    return set(re.findall(r"<title>(Area \d: \d+ [^<]+)</title>", page))


@pytest.fixture(scope="module")
def server(rounds):
    with running_server("--rounds", str(rounds)) as (base, _):
        yield base


def unreported_of(page: str, role: str) -> dict[str, list[str]]:
    listed = page[page.index(f'<ul class="unreported {role}">') :].split("</ul>")[0]
    items = re.findall(r"<li><strong>([^<]+)</strong>: ([^<]+)</li>", listed)
    return {body: found.split(", ") for body, found in items}


def test_the_dashboard_shows_statuses_overdue_and_unreported(server, asked):
    page = httpx.get(server + "monitoring", params={"date": "2020-12-31", "period": "2019"}).text
    by_area = asked("progress-by-area", date="2020-12-31")
    assert chart_of(page) == {f"Area {r['area']}: {r['activities']} {r['status']}" for r in by_area}
    assert "Area 1: 1 completed" in chart_of(page) and "Area 2: 1 reports disagree" in chart_of(page)
    overdue = page[page.index('<table class="overdue">') :].split("</table>")[0]
    expected = [(r["notation"], r["asWritten"], r["latestStatus"]) for r in asked("overdue-at-date", date="2020-12-31")]
    assert re.findall(r"<tr><td>([\d.]+)</td><td>([^<]+)</td><td>([^<]+)</td>", overdue) == expected
    for role in ("responsible", "partner"):
        wanted: dict[str, list[str]] = {}
        for r in asked("unreported", period="2019"):
            if r["role"] == role:
                wanted.setdefault(r["body"], []).append(r["notation"])
        assert unreported_of(page, role) == wanted
    assert "1.1.1" not in unreported_of(page, "responsible")["ANITP"]
    disagreements = page[page.index('<ul class="disagreements">') :].split("</ul>")[0]
    assert text_of(disagreements) == "2.1.1 : ANITP: completed; MAI: in progress"
    assert "Reporting rounds held · Runde de raportare: 2019" in text_of(page)


def test_the_dashboard_filters_everything_by_body(server, asked):
    page = httpx.get(server + "monitoring", params={"date": "2020-12-31", "period": "2019", "actor": "DCCO"}).text
    assert chart_of(page) == {
        f"Area {r['area']}: {r['activities']} {r['status']}"
        for r in asked("progress-by-area", date="2020-12-31", actor="DCCO")
    }
    # DCCO is responsible for 16 activities and a partner in 3 (tests/support/plan_facts.py), all in areas 3-5
    assert sum(int(t.split(": ")[1].split()[0]) for t in chart_of(page)) == 19
    overdue = page[page.index('<table class="overdue">') :].split("</table>")[0]
    assert re.findall(r"<tr><td>([\d.]+)</td>", overdue) == [
        r["notation"] for r in asked("overdue-at-date", date="2020-12-31", actor="DCCO")
    ]
    assert set(unreported_of(page, "responsible")) == {"DCCO"} and set(unreported_of(page, "partner")) == {"DCCO"}
    assert 'class="disagreements"' not in page  # DCCO is in no disagreement


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date": "2020-13-01"}, "date '2020-13-01' is not a date; write YYYY-MM-DD"),
        ({"period": "19"}, "period '19' is not a year; write YYYY"),
        ({"actor": "XYZ"}, "actor 'XYZ' is not a body that reports on an activity of the plan"),
        ({"actor": "ONG"}, "actor 'ONG' is not a body that reports on an activity of the plan"),
    ],
)
def test_a_bad_filter_gets_a_page_that_says_which(server, params, message):
    response = httpx.get(server + "monitoring", params=params)
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert message in text_of(response.text) and 'href="' in response.text


def test_an_activity_page_shows_its_progress_over_time(server):
    page = httpx.get(server + "ro/hg-861-2018/activity/2.3.1", headers={"Accept": "text/html"}).text
    timeline = page[page.index('<ol class="timeline">') :]
    dates = re.findall(r'<time datetime="([\d-]+)">', timeline)
    assert dates == ["2020-06-25", "2021-07-01"]  # TIP 2020 and TIP 2021 on the referral mechanism
    assert "did not implement it for the third straight year" in timeline
    mine = httpx.get(server + "ro/hg-861-2018/activity/1.1.1", headers={"Accept": "text/html"}).text
    timeline = text_of(mine[mine.index('<ol class="timeline">') :].split("</ol>")[0])
    assert timeline == (
        "2020-01-31 : completed , self-report by ANITP for 2019 https://example.org/e Note · Notes: două evenimente"
    )


def test_an_actor_page_lists_the_reports_it_submitted(server):
    page = httpx.get(server + "ro/actor/ANITP", headers={"Accept": "text/html"}).text
    reports = page[page.index('<table class="reports">') :].split("</table>")[0]
    cells = r"<tr><td>(\d+)</td><td><a [^>]*>([\d.]+)</a></td>" + r"<td>([^<]*)</td>" * 4
    assert re.findall(cells, reports) == [
        ("2019", "1.1.1", "completed", "2020-01-31", "https://example.org/e", "două evenimente"),
        ("2019", "2.1.1", "completed", "2020-01-31", "", ""),
    ]
    other = httpx.get(server + "ro/actor/DCCO", headers={"Accept": "text/html"}).text
    assert 'class="reports"' not in other


def test_the_site_has_the_dashboard_as_of_its_release_day():
    from plan_graph.graph.iris import Iris
    from plan_graph.pipeline.build import build
    from plan_graph.pipeline.plan_store import built_plan_store
    from plan_graph.release.site import site_files

    files = site_files(
        built_plan_store(build(check=False)), Iris().base, "https://data.example.org/plan/", "2020-12-31"
    )
    page = files["monitoring.html"].decode()
    assert "Data · Date: 2020-12-31" in page and "<form" not in page
    assert ">2.3.1<" in page[page.index('<table class="overdue">') :]
    assert 'href="monitoring.html"' in files["index.html"].decode()


def test_the_dashboard_with_a_round_in_chromium(server):
    """In the browser: the chart is drawn (one rectangle per area and status), the page has no serious
    accessibility violation and no console error."""
    from tests.support.browsers import browser, check_in_browser

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

    assert set(STATUS_COLOURS) == {*STATUSES, "reports disagree"}
