"""#29: staged publication of graphs whose upload names an IRI cannot hold ("round 2019", "a/b#c"), on real
stores (the tests start them: tests/support/triple_stores.py).

Each upload is staged in a graph named after it; the name is percent-encoded into that graph's IRI, so a
store accepts it whatever the name holds, and the graphs published hold exactly the triples sent.
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox
import pytest
from rdflib import Graph

from plan_graph.release.publish import STAGING_PREFIX, GraphUpload, publish, staging_graph
from tests.support.publishing import credentials, graph_names, named_uploads, staging_graphs, triples, update_url

# what an IRI (or SPARQL's <…>) cannot hold, and what would change an IRI's meaning if left as it is
AWKWARD_NAMES = ["round 2019", "a/b#c", 'x <y> "z" {w} | ^ ` \\ ? & = % 20', "tab\tand\nnewline", "ăîșțâ ŞŢ", ""]


def sent(upload: GraphUpload) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in Graph().parse(data=upload.ntriples, format="nt")}


def test_a_staging_graph_is_a_valid_iri_of_its_own_whatever_the_name():
    run = uuid.uuid4().hex
    names = [*AWKWARD_NAMES, "round%202019", "plan"]  # "round%202019" must not meet "round 2019"
    graphs = [staging_graph(run, name) for name in names]
    for graph in graphs:
        ox.NamedNode(graph)  # pyoxigraph checks the IRI as Oxigraph's server does: raises on an invalid one
        assert graph.startswith(f"{STAGING_PREFIX}{run}:")
        assert not set(graph) & set('<>"{}|^`\\ \t\n')  # nothing SPARQL's <…> forbids either
    assert len(set(graphs)) == len(names)
    assert staging_graph(run, "round 2019") == f"{STAGING_PREFIX}{run}:round%202019"
    assert staging_graph(run, "plan") == f"{STAGING_PREFIX}{run}:plan"  # a plain name stays readable


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_uploads_named_with_what_an_iri_cannot_hold_are_staged_and_published(name, store_settings):
    settings = store_settings(name)
    uploads = named_uploads(AWKWARD_NAMES)
    before = graph_names(settings["endpoint"])
    lines: list[str] = []
    outcomes = publish(
        uploads,
        settings["gsp"],
        settings["endpoint"],
        credentials(settings),
        update=update_url(settings),
        progress=lines.append,
    )
    assert [o.state for o in outcomes] == ["replaced"] * len(AWKWARD_NAMES)
    assert sum("triples staged, 2 arrived" in line for line in lines) == len(AWKWARD_NAMES)  # staged, not PUT
    assert graph_names(settings["endpoint"]) == before | {upload.iri for upload in uploads}
    assert staging_graphs(settings["endpoint"]) == []
    for upload in uploads:
        assert triples(settings["endpoint"], upload.iri) == sent(upload)
