"""What people see (#17): pages that read as the plan, one rendering for the server and the exported site.

Facts from the plan's text (tests/plan_facts.py, read by eye): line 32 is activity 2.1.2, under specific objective
2.1 of area 2; its row lists three indicators (a count and two deliverables), the deadline "Trimestrial", ANITP and
the working group set up by 2.1.1 (MAI - IGI, IGPR, MMJS, ANPDCA, ANES, ANPD, ANOFM, MS, MJ, MAE, ANR) as
responsible, ONG and OIM as partners, and "Buget ANITP". Activity 2.3.1 is due "Iunie 2019" and "Anual".
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from plan_graph.pipeline.build import build
from plan_graph.release.export import export_files
from plan_graph.stores.factory import built_plan_store
from plan_graph.web.linked_data import LinkedData
from plan_graph.web.pages import resource_page
from plan_graph.web.rendering import ServerLinks, SiteLinks
from tests.support.paths import REPO, require_tool
from tests.support.plan_facts import EXPECTED
from tests.support.server_process import in_process_server, running_server

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
    for notation in ("3.5", "3.6", "5.1", "5.4"):  # the objectives about "cooperării" (test_queries.py)
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


# ---- the documentation


def test_the_readme_is_short_and_its_links_lead_somewhere():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 8 * 1024
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        assert (REPO / target).exists(), target
    assert readme.count("```sh") >= 3  # the two commands, and the examples


def test_the_cli_reference_is_made_from_the_parser():
    from plan_graph.arguments import reference

    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: python -m plan_graph.arguments > docs/cli.md"
    )
    for command in ("build", "validate", "query", "sparql", "publish", "serve", "export", "validate-dcat", "docs"):
        assert f"## plan-graph {command}\n" in reference(), command


def test_every_term_of_the_ontology_is_in_the_docs():
    """docs/terms.md is made from the ontology (python -m plan_graph.web.docs); every class and property of the
    pg: namespace, read here from ontology/*.ttl, has its row, with a comment saying what it is."""
    from rdflib import OWL, RDF, Graph

    from plan_graph.checks.validation import ontology_graph
    from plan_graph.web.docs import render_markdown

    written = (REPO / "docs" / "terms.md").read_text(encoding="utf-8")
    assert written == render_markdown(ontology_graph()), "docs/terms.md is stale: python -m plan_graph.web.docs"
    ontology = Graph()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        ontology.parse(path)
    pg = "https://w3id.org/plan-graph/ontology#"
    terms = {
        str(s)[len(pg) :]
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(pg)
    }
    rows = dict(re.findall(r"^\| `pg:(\w+)` \| [^|]* \| ([^|]*) \|", written, re.M))
    assert terms <= set(rows) and len(terms) > 100
    assert not [term for term in terms if not rows[term].strip()], "a term without a comment"
    assert "model.md" in written and "[every term of the ontology](terms.md)" in (REPO / "docs" / "model.md").read_text(
        encoding="utf-8"
    )


def test_the_documentation_site_builds_strictly(tmp_path):
    mkdocs = Path(sys.executable).with_name("mkdocs")
    built = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "cli" / "index.html").is_file() and (tmp_path / "server" / "index.html").is_file()
