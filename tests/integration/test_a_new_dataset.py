"""#31: a dataset is one declaration. A toy one (tests/support/toy_dataset.py), declared beside the project's as a
new module in src/plan_graph/datasets/ and its line in DATASETS would be, is built, summarised, stored, exported,
published and served like them, with nothing else changed. It links each of the plan's 60 activities (counted by
eye: tests/support/plan_facts.py) to a page of a made-up register."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS

from plan_graph import datasets
from plan_graph.graph.datasets import STATISTICS_DATASET
from plan_graph.graph.iris import Iris
from plan_graph.pipeline.build import build
from plan_graph.pipeline.plan_store import built_plan_store
from plan_graph.pipeline.summary import BuildSummary
from plan_graph.release.export import export_files
from plan_graph.release.publish import PublishTarget, publish_plan
from tests.support import toy_dataset
from tests.support.paths import REPO
from tests.support.plan_facts import EXPECTED
from tests.support.publishing import count, credentials
from tests.support.server_process import output, running_server

TOY_LINKS = {
    (f"https://w3id.org/plan-graph/ro/hg-861-2018/activity/{n}", f"{toy_dataset.REGISTER}{n}") for n in EXPECTED
}
SUFFIXES = ("ttl", "nt", "jsonld", "rdf")  # the formats of every dump
LINKS_QUERY = f"SELECT ?activity ?page WHERE {{ ?activity <{toy_dataset.SEE_ALSO}> ?page }}"


@pytest.fixture
def with_toy(monkeypatch, tmp_path):
    monkeypatch.setattr(datasets, "DATASETS", (*datasets.DATASETS, toy_dataset.DATASET))
    monkeypatch.setenv("PLAN_GRAPH_CACHE", str(tmp_path / "cache"))  # the graph cache knows only the package's code


def links(rows) -> set[tuple[str, str]]:
    return {(row["activity"].value, row["page"].value) for row in rows}


def test_a_new_dataset_is_built_summarised_and_stored(with_toy):
    result = build(check=False)
    assert result.made["toy"].count == len(EXPECTED) == 60
    assert "; 60 toy links" in "\n".join(BuildSummary.of(result, []).lines())
    store = built_plan_store(result)
    assert links(store.select(LINKS_QUERY).rows) == TOY_LINKS  # the default graph, which queries read
    in_its_graph = store.query(LINKS_QUERY, default_graphs=[toy_dataset.GRAPH])
    assert links(in_its_graph.rows) == TOY_LINKS


def test_a_new_dataset_is_exported_in_every_format_and_catalogued(with_toy):
    release = export_files(build(check=False))
    assert {name for name in release.files if name.startswith("toy")} == {f"toy.{suffix}" for suffix in SUFFIXES}
    dumped = Graph().parse(data=release.files["toy.nt"].decode(), format="nt")
    assert {(str(s), str(o)) for s, _, o in dumped} == TOY_LINKS
    whole = Graph().parse(data=release.files["plan-graph-all.nt"].decode(), format="nt")
    in_the_whole = whole.triples((None, URIRef(toy_dataset.SEE_ALSO), None))
    assert {(str(s), str(o)) for s, _, o in in_the_whole if str(o).startswith(toy_dataset.REGISTER)} == TOY_LINKS
    catalogue = Graph().parse(data=release.files["dcat.ttl"].decode(), format="turtle")
    toy_files = {
        str(catalogue.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]
        for d in catalogue.subjects(DCAT.downloadURL, None)
        if str(catalogue.value(d, DCTERMS.title)).startswith(toy_dataset.DATASET.holds)
    }
    assert toy_files == {f"toy.{suffix}" for suffix in SUFFIXES}
    statistics = URIRef(Iris().dataset(STATISTICS_DATASET.kind).value)
    offered = {str(catalogue.value(d, DCAT.downloadURL)) for d in catalogue.objects(statistics, DCAT.distribution)}
    assert {url.rsplit("/", 1)[1] for url in offered} == {f"statistics.{suffix}" for suffix in SUFFIXES} | toy_files


def test_a_new_dataset_is_published_in_its_named_graph(with_toy, store_settings):
    settings = store_settings("oxigraph")
    try:
        outcomes = publish_plan(PublishTarget(settings["gsp"], settings["endpoint"], credentials=credentials(settings)))
        published = {outcome.upload.name: outcome.found for outcome in outcomes}
        assert set(published) == {"plan", "actors", "inferred", "statistics", "monitoring", "toy", "ontology"}
        assert published["toy"] == count(settings["endpoint"], toy_dataset.GRAPH) == 60
    finally:  # the session's store holds what the other tests published, and no toy
        httpx.delete(settings["gsp"], params={"graph": toy_dataset.GRAPH})


def test_a_new_dataset_is_served(tmp_path):
    declared_then_run = (
        "from tests.support.toy_dataset import declare; declare(); from plan_graph.console import main; main()"
    )
    env = {"PLAN_GRAPH_CACHE": str(tmp_path / "cache"), "PYTHONPATH": f"{REPO / 'src'}:{REPO}"}
    with running_server(env=env, cwd=REPO, entry=("-c", declared_then_run)) as (base, process):
        for graphs in ([], [toy_dataset.GRAPH]):  # the default graph; the toy's own
            answer = httpx.get(
                base + "sparql",
                params={"query": LINKS_QUERY, "default-graph-uri": graphs},
                headers={"Accept": "application/sparql-results+json"},
            )
            assert answer.status_code == 200, output(process)
            rows = answer.json()["results"]["bindings"]
            assert {(row["activity"]["value"], row["page"]["value"]) for row in rows} == TOY_LINKS
