"""The shapes at /shapes (https://w3id.org/plan-graph/shapes): the SHACL shapes the build checks with, as one page
with a section per shape and as RDF in every graph format; checked against shapes/*.ttl read by rdflib."""

from __future__ import annotations

import html
import re

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from tests.support.paths import REPO
from tests.support.server_process import in_process_server

PGSH = "https://w3id.org/plan-graph/shapes#"
FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@pytest.fixture(scope="module")
def client():
    with in_process_server() as test_client:
        yield test_client


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((REPO / "shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def named_shapes(shapes: rdflib.Graph) -> set[str]:
    kinds = (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
    return {str(s) for kind in kinds for s in shapes.subjects(rdflib.RDF.type, kind) if str(s).startswith(PGSH)}


@pytest.mark.parametrize("media_type", FORMATS)
def test_the_shapes_as_rdf_are_the_shapes_files(client, shapes, media_type):
    response = client.get("/shapes", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    served = rdflib.Graph().parse(data=response.content, format=FORMATS[media_type])
    assert isomorphic(served, shapes)


def test_the_shapes_page_has_a_section_per_shape_where_its_iri_lands(client, shapes):
    response = client.get("/shapes", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    anchors = set(re.findall(r'<section class="term" id="([^"]+)">', page))
    assert {PGSH + anchor for anchor in anchors} == named_shapes(shapes)
    assert len(anchors) == 170  # 47 node shapes, 99 property shapes, 24 SPARQL constraints
    section = page[page.index('id="ActivityIndicators"') :].split("</section>")[0]
    assert "An activity has at least one indicator." in section
    assert "O activitate are cel puțin un indicator." in html.unescape(section)
    assert "sh:path pg:hasIndicator" in section
    formats = re.findall(r'href="http://127\.0\.0\.1:8000/shapes\?format=(\w+)"', page)
    assert formats == ["turtle", "jsonld", "nt", "rdfxml"]
