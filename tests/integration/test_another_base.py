"""Where things are (#32, item 1): `--base` moves every IRI plan-graph mints (the vocabulary, the shapes, the plan, the
actors), `export --download-base` every download and access URL. A release exported with both names nothing of the
old base: no IRI, no URL, in no file. Real processes, as a publisher runs them."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.support.cli import run
from tests.support.paths import REPO
from tests.support.server_process import running_server

OLD_ROOT = "https://w3id.org/plan-graph/"
NEW_ROOT = "https://data.example.org/anti-trafficking/"
DOWNLOADS = "https://files.example.net/releases/2026/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> tuple[Path, Path]:
    """The release with the default bases, and the same exported with another IRI base and download base."""
    folder = tmp_path_factory.mktemp("releases")
    default, moved = folder / "default", folder / "moved"
    assert run("export", "--out", str(default)).returncode == 0
    result = run("export", "--base", NEW_ROOT, "--download-base", DOWNLOADS, "--out", str(moved))
    assert result.returncode == 0, result.stderr
    return default, moved


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_no_file_of_the_moved_release_names_the_old_base(releases):
    _, moved = releases
    files = files_of(moved)
    assert len(files) == 189  # every file the release writes (tests/release/test_export.py lists them)
    # the old base as an IRI or URL, and as links carry it (percent-encoded in a query string)
    old = re.compile(rb"w3id\.org|w3id%2Eorg", re.IGNORECASE)
    assert [path for path, content in files.items() if old.search(content)] == []


def iris_of(path: Path) -> set[str]:
    quads = ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)
    return {term.value for quad in quads for term in quad.triple if isinstance(term, ox.NamedNode)}


def test_every_minted_iri_moves_and_nothing_else_changes(releases):
    default, moved = releases
    for dump in ("plan-graph-all.nt", "ontology.ttl"):
        reader = iris_of if dump.endswith(".nt") else turtle_iris
        before, after = reader(default / dump), reader(moved / dump)
        assert {iri.replace(OLD_ROOT, NEW_ROOT) for iri in before} == after
        assert sum(iri.startswith(NEW_ROOT) for iri in after) == sum(iri.startswith(OLD_ROOT) for iri in before) > 100
    # the same graph, triple for triple, under the other base
    plan_before = (default / "plan-graph-all.nt").read_text(encoding="utf-8").replace(OLD_ROOT, NEW_ROOT)
    assert sorted(plan_before.splitlines()) == sorted((moved / "plan-graph-all.nt").read_text().splitlines())


def turtle_iris(path: Path) -> set[str]:
    quads = ox.parse(path=path, format=ox.RdfFormat.TURTLE)
    return {term.value for quad in quads for term in quad.triple if isinstance(term, ox.NamedNode)}


def test_every_download_and_access_url_is_under_the_download_base(releases):
    _, moved = releases
    files = set(files_of(moved))
    record = ox.Store()
    record.load(path=moved / "dcat.ttl", format=ox.RdfFormat.TURTLE)
    record.load(path=moved / "void.ttl", format=ox.RdfFormat.TURTLE)

    def objects(predicate: str) -> set[str]:
        return {quad.object.value for quad in record.quads_for_pattern(None, ox.NamedNode(predicate), None)}

    downloads = objects(DCAT + "downloadURL")
    assert len(downloads) == 27  # one a distribution
    assert {url.removeprefix(DOWNLOADS) for url in downloads} <= files
    assert all(url.startswith(DOWNLOADS) for url in downloads)
    assert objects(DCAT + "accessURL") == downloads  # a file's access URL is its download URL
    assert objects(DCAT + "endpointURL") == objects(VOID + "sparqlEndpoint") == {DOWNLOADS + "sparql"}
    dumps = objects(VOID + "dataDump")
    assert dumps and {url.removeprefix(DOWNLOADS) for url in dumps} <= files
    assert objects(VOID + "uriSpace") == {NEW_ROOT + "ro/"}


def test_the_site_links_what_it_has_no_page_for_under_the_download_base(releases):
    _, moved = releases
    pages = [path for path in sorted((moved / "site").rglob("*.html"))]
    links = {link for page in pages for link in re.findall(r'(?:href|src)="(https?://[^"]+)"', page.read_text())}
    ours = {link for link in links if link.startswith(DOWNLOADS)}
    # the rest are where the reports the pages cite are published: the documents of the figures, notes and
    # recommendations (data/documents.csv), and the pages the assessments' sentences were read at
    data = REPO / "data"
    address = {row["id"]: row["url"] for row in rows_of(data / "documents.csv")}
    cited = {row["document"] for name in CITING for row in rows_of(data / name)}
    read_at = {row["page"] for row in rows_of(data / "assessments.csv")}
    assert links - ours == {address[document] for document in cited} | read_at
    assert {DOWNLOADS + "query", DOWNLOADS + "ontology", DOWNLOADS + "sparql"} <= ours


CITING = ("statistics.csv", "series-notes.csv", "recommendations.csv")


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_server_names_and_answers_under_another_base():
    with running_server("--base", NEW_ROOT, "--workers", "1") as (server, _):
        page = httpx.get(server + "ro/hg-861-2018/activity/1.1.3", headers={"Accept": "text/turtle"}, timeout=30)
        assert page.status_code == 200, page.text
        graph = {t.subject.value for t in ox.parse(page.content, format=ox.RdfFormat.TURTLE, base_iri=server)}
        assert NEW_ROOT + "ro/hg-861-2018/activity/1.1.3" in graph
        assert "w3id.org" not in page.text
        query = (
            f"PREFIX pg: <{NEW_ROOT}ontology#> SELECT (COUNT(*) AS ?n) WHERE {{ ?a a pg:Activity }}"  # the plan's 60
        )
        answer = httpx.get(server + "sparql", params={"query": query}, headers={"Accept": "text/csv"}, timeout=30)
        assert answer.text.splitlines() == ["n", "60"]
        void = httpx.get(server + ".well-known/void", headers={"Accept": "application/n-triples"}, timeout=30)
        spaces = {
            quad.object.value
            for quad in ox.parse(void.content, format=ox.RdfFormat.N_TRIPLES)
            if quad.predicate.value == VOID + "uriSpace"
        }
        assert spaces == {NEW_ROOT + "ro/"} and "w3id.org" not in void.text


def test_the_environment_gives_the_base_as_the_option_does():
    # a query of the user's own is left as written: it finds the activities under the base the graph was minted with
    own = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <{NEW_ROOT}ontology#Activity> }}"
    environment = {**os.environ, "PLAN_GRAPH_BASE": NEW_ROOT}
    for command in (("query", "dated-deadlines"), ("sparql", own)):
        by_option = run(*command, "--format", "csv", "--base", NEW_ROOT)
        by_environment = run(*command, "--format", "csv", env=environment)
        default = run(*command, "--format", "csv")
        assert by_option.returncode == by_environment.returncode == default.returncode == 0
        assert by_option.stdout == by_environment.stdout
        if command[0] == "query":  # a saved query answers the same whatever the base
            assert by_option.stdout == default.stdout and len(default.stdout.splitlines()) > 1
        else:  # the graph minted under the other base, and only then
            assert by_option.stdout.split() == ["n", "60"] and default.stdout.split() == ["n", "0"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--base", "example.org/x/", "base IRI must be an absolute http(s) IRI ending in '/'"),
        ("--base", "https://example.org/x", "base IRI must be an absolute http(s) IRI ending in '/'"),
        ("--download-base", "ftp://example.org/", "--download-base must be an absolute http(s) URL"),
    ],
)
def test_a_bad_base_is_refused_before_anything_is_written(tmp_path, option, value, message):
    result = run("export", option, value, "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
