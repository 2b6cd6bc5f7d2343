"""What people see (#17): pages that read as the plan, one rendering for the server and the exported site.

Facts from the plan's text (tests/support/plan_facts.py, read by eye): line 32 is activity 2.1.2, under specific
objective 2.1 of area 2; its row lists three indicators (a count and two deliverables), the deadline "Trimestrial",
ANITP and the working group set up by 2.1.1 (MAI - IGI, IGPR, MMJS, ANPDCA, ANES, ANPD, ANOFM, MS, MJ, MAE, ANR) as
responsible, ONG and OIM as partners, and "Buget ANITP". Activity 2.3.1 is due "Iunie 2019" and "Anual".
"""

from __future__ import annotations

import re

import pytest

from plan_graph.pipeline.build import build
from plan_graph.pipeline.plan_store import built_plan_store
from plan_graph.release.export import export_files
from plan_graph.web.linked_data import LinkedData
from plan_graph.web.pages import resource_page
from plan_graph.web.rendering import ServerLinks, SiteLinks
from tests.support.paths import REPO
from tests.support.plan_facts import EXPECTED
from tests.support.server_process import in_process_server

ACTIVITY = "https://w3id.org/plan-graph/ro/hg-861-2018/activity/2.1.2"


def text_of(html: str) -> str:
    """What a reader sees: the page without its tags, its white space folded."""
    blocks = re.sub(
        r"</?(?:li|p|td|th|tr|h\d|div|br|ul|ol|dt|dd|section|nav|blockquote|caption|header|main)\b[^>]*>", " ", html
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", blocks)).strip()


@pytest.fixture(scope="module")
def client():
    with in_process_server() as test_client:
        yield test_client


def test_the_home_page_is_the_plan(client):
    page = client.get("/", headers={"Accept": "text/html"}).text
    seen = text_of(page)
    assert "Plan național de acțiune 2018-2020" in seen and "Hotărârea Guvernului nr. 861 din 31 octombrie 2018" in seen
    indicators = sum(len(row.indicators) for row in EXPECTED.values())
    for count in ("5 areas", "19 specific objectives", f"{len(EXPECTED)} activities", f"{indicators} indicators"):
        assert count in seen, count
    for notation in EXPECTED:  # every activity, linked, in the order of the text
        assert f'href="http://127.0.0.1:8000/ro/hg-861-2018/activity/{notation}"' in page, notation
    positions = [page.index(f'/activity/{n}"') for n in EXPECTED]
    assert positions == sorted(positions)
    assert 'action="http://127.0.0.1:8000/search"' in page and 'name="text"' in page
    for link in ("/query", "/ontology", "/.well-known/void", "/download/plan-graph.ttl"):
        assert f'href="http://127.0.0.1:8000{link}"' in page, link


def test_an_activity_page_reads_as_the_plans_row(client):
    page = client.get("/ro/hg-861-2018/activity/2.1.2", headers={"Accept": "text/html"}).text
    seen = text_of(page)
    row = EXPECTED["2.1.2"]
    assert row.title in seen
    # the breadcrumbs: area › general objective › specific objective › the activity
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S).group(0)
    assert [m for m in re.findall(r"/hg-861-2018/(area/\d|objective/[\d.]+)", trail)] == [
        "area/2",
        "objective/2",
        "objective/2.1",
    ]
    for indicator, kind in zip(row.indicators, ("count", "deliverable", "deliverable"), strict=True):
        assert re.search(re.escape(indicator) + r".{0,200}?" + kind, seen), indicator
    assert "Trimestrial every quarter recurring" in seen
    assert "ANITP Agenția Națională împotriva Traficului de Persoane, of MAI" in seen  # name and hierarchy
    assert "IGPR Inspectoratul General al Poliției Române, of MAI" in seen
    group = seen[seen.index("Grup de lucru pentru monitorizarea") : seen.index("Parteneri")]
    for member in ("IGI", "IGPR", "MMJS", "ANPDCA", "ANES", "ANPD", "ANOFM", "MS", "MJ", "MAE", "ANR"):
        assert f" {member} " in group, member
    partners = seen[seen.index("Parteneri · Partners") : seen.index("Resurse")]
    assert (
        "ONG Organizație neguvernamentală" in partners and "OIM Organizația Internațională pentru Migrație" in partners
    )
    assert "Buget ANITP Budget of ANITP" in seen
    assert "line 32 of the published text" in seen and row.title + "Număr întâlniri organizate" in seen
    assert 'href="http://127.0.0.1:8000/ro/hg-861-2018/activity/2.1.2?format=turtle"' in page


def test_the_working_group_shows_the_members_its_row_lists(client):
    seen = text_of(client.get("/ro/hg-861-2018/activity/2.1.3", headers={"Accept": "text/html"}).text)
    group = seen[seen.index("Grup de lucru pentru monitorizarea") : seen.index("Parteneri")]
    for member in ("MAI", "IGI", "IGPR", "MMJS", "ANPDCA", "ANES", "ANPD", "ANOFM", "MS", "MAE", "ANR"):
        assert f" {member} " in group, member
    assert " MJ " not in group  # line 33 leaves MJ out of the group's list


def test_deadlines_are_their_values_in_words(client):
    seen = text_of(client.get("/ro/hg-861-2018/activity/2.3.1", headers={"Accept": "text/html"}).text)
    assert "Iunie 2019 June 2019 one-off" in seen and "Anual every year recurring" in seen


def test_an_actor_page_lists_its_activities_by_role_and_the_bodies_above_and_below(client):
    seen = text_of(client.get("/ro/actor/IGPR", headers={"Accept": "text/html"}).text)
    assert "Part of · Face parte din: MAI (Ministerul Afacerilor Interne) (stated by the plan)" in seen
    below = seen[seen.index("Bodies under it") : seen.index("Activities · Activități")]
    assert all(f"{code} " in below for code in ("DCCO", "UCAI", "IPJ"))
    responsible = sum(1 for row in EXPECTED.values() if "IGPR" in row.responsible)
    partner = sum(1 for row in EXPECTED.values() if "IGPR" in row.partners)
    assert f"responsible ({responsible})" in seen and f"partner ({partner})" in seen
    assert seen.index(f"responsible ({responsible})") < seen.index(f"partner ({partner})")


def test_the_search_box_finds_what_the_saved_search_query_finds(client):
    seen = text_of(client.get("/search", params={"text": "cooperarii"}).text)
    for notation in ("3.5", "3.6", "5.1", "5.4"):  # the objectives about "cooperării" (test_saved_queries.py)
        assert f" {notation} " in seen, notation
    hostile = client.get("/search", params={"text": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in hostile and "&lt;script&gt;alert(1)" in hostile


def test_other_resources_get_the_generic_page_and_unknown_ones_404(client):
    indicator = client.get("/ro/hg-861-2018/activity/2.1.2/indicator/1", headers={"Accept": "text/html"})
    assert indicator.status_code == 200 and "Număr întâlniri organizate" in indicator.text
    assert "line 32 of the published text" in indicator.text  # its activity's printed line
    assert client.get("/ro/hg-861-2018/activity/9.9.9", headers={"Accept": "text/html"}).status_code == 404


def test_the_site_and_the_server_render_an_activity_with_the_same_template():
    built = build(check=False)
    store = built_plan_store(built)
    data = LinkedData(store)
    served = resource_page(ACTIVITY, store, data, ServerLinks("http://127.0.0.1:8000/"))
    exported = export_files(built, "https://data.example.org/plan/").files["site/activity/2.1.2.html"].decode()
    site = resource_page(
        ACTIVITY, store, data, SiteLinks("https://w3id.org/plan-graph/ro/", "https://data.example.org/plan/", 1)
    )
    assert exported == site  # the export writes exactly this rendering
    without_links = re.compile(r'(href|src|action)="[^"]*"')
    assert served is not None and without_links.sub("", served) == without_links.sub("", exported)
    assert 'href="../actor/IGPR.html"' in exported and 'href="../objective/2.1.html"' in exported


def test_one_layout_and_one_stylesheet_for_every_page():
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "src" / "plan_graph").rglob("*.py")]
    assert not [s for s in sources if "<html" in s or "STYLE =" in s]  # no HTML outside the templates
    templates = REPO / "src" / "plan_graph" / "web" / "templates"
    layouts = [p.name for p in templates.glob("*.html") if "<html" in p.read_text(encoding="utf-8")]
    assert layouts == ["base.html"]
    assert [p.name for p in (REPO / "src" / "plan_graph" / "web" / "static").glob("*.css")] == ["style.css"]


def test_the_vendored_yasgui_is_the_version_package_lock_pins():
    import json

    lock = json.loads((REPO / "package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/@zazuko/yasgui"]["version"]
    vendored = REPO / "src" / "plan_graph" / "web" / "static" / "yasgui"
    assert (vendored / "LICENSE").read_text().startswith(f"YASGUI {pinned} ")
    installed = REPO / "node_modules" / "@zazuko" / "yasgui" / "build"
    if installed.is_dir():  # after `npm ci` (.ci/run): the very same files
        for name in ("yasgui.min.js", "yasgui.min.css"):
            assert (vendored / name).read_bytes() == (installed / name).read_bytes(), name
