"""The SHACL engine on Oxigraph with shapes of a test's own: the kinds of target and of shape that the project's
shapes (tests/checks/test_shapes.py) do not use, each checked against pyshacl, the reference."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from plan_graph.checks.shacl_core import UnsupportedShapeError
from plan_graph.checks.shapes import read_shapes, sh
from plan_graph.checks.validation import validate
from plan_graph.graph.stored import StoredGraph

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
"""

DATA = (
    PREFIXES
    + """
ex:Dog rdfs:subClassOf ex:Animal .
ex:rex a ex:Dog ; ex:name "Rex" ; ex:owner ex:ana .
ex:tom a ex:Animal ; ex:owner ex:bob, ex:ana .
ex:ana ex:age 30 .
ex:bob ex:age "old" .
ex:named ex:label "one"@en, "two"@en .
"""
)

SHAPES = (
    PREFIXES
    + """
ex:OwnersHaveAnIntegerAge a sh:NodeShape ;   # every owner, found as the object of ex:owner
    sh:targetObjectsOf ex:owner ;
    sh:property [ sh:path ex:age ; sh:datatype xsd:integer ; sh:message "an owner's age is an integer" ] .
ex:AnimalsHaveOneNameAndOwner a sh:NodeShape ;  # ex:tom is an animal with no name and two owners; Rex is a Dog
    sh:targetClass ex:Animal ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "an animal has a name" ] ;
    sh:property [ sh:path ex:owner ; sh:maxCount 1 ; sh:message "an animal has one owner" ] .
ex:NamedNodes a sh:NodeShape ;              # nodes named by the shape, one of them absent from the data
    sh:targetNode ex:named, ex:absent ;
    sh:property [ sh:path ex:label ; sh:uniqueLang true ; sh:message "one label a language" ] ;
    sh:property [ sh:path ex:label ; sh:minCount 1 ; sh:message "a label" ] .
"""
)


def graph(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def keys(report) -> set[tuple[str, str, str | None, str | None, str]]:
    return {(r.severity, r.focus, r.path, r.value, r.message) for r in report.results}


def test_the_oxigraph_engine_agrees_with_pyshacl_on_every_kind_of_target():
    data, shapes = graph(DATA), graph(SHAPES)
    ours = validate(data, shapes=shapes, ontology=Graph())
    reference = validate(data, shapes=shapes, ontology=Graph(), engine="pyshacl")
    ex = "http://example.org/"
    assert (
        keys(ours)
        == keys(reference)
        == {
            ("Violation", f"{ex}bob", f"{ex}age", "old", "an owner's age is an integer"),
            ("Violation", f"{ex}tom", f"{ex}name", None, "an animal has a name"),
            ("Violation", f"{ex}tom", f"{ex}owner", None, "an animal has one owner"),
            ("Violation", f"{ex}named", f"{ex}label", None, "one label a language"),
            ("Violation", f"{ex}absent", f"{ex}label", None, "a label"),
        }
    )


@pytest.mark.parametrize(
    "shape, refused",
    [
        ("sh:property [ sh:path ex:p ; sh:hasValue ex:o ]", "hasValue"),  # a component it does not compile
        ("sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ]", "simple predicate paths"),
        ("sh:property [ sh:path ex:p ; sh:minCount 1.5 ]", "not an integer"),
        ("sh:property [ sh:path ex:p ; sh:nodeKind sh:BlankNodeOrIRI ]", "nodeKind"),
        ("sh:property [ sh:path ex:p ; sh:or ex:notAList ]", "notAList> is not a well-formed RDF list"),
    ],
)
def test_a_shape_the_engine_cannot_compile_is_refused_not_skipped(shape, refused):
    shapes = graph(PREFIXES + f"ex:S a sh:NodeShape ; sh:targetClass ex:Animal ; {shape} .")
    with pytest.raises(UnsupportedShapeError, match=refused):
        validate(graph(DATA), shapes=shapes, ontology=Graph())


def test_blank_nodes_of_different_shape_files_stay_apart(tmp_path):
    """Two files may use the same blank node label; each file's are its own, as in a merge of RDF graphs."""
    (tmp_path / "a.ttl").write_text(PREFIXES + "ex:A sh:property _:p . _:p sh:path ex:x .", encoding="utf-8")
    (tmp_path / "b.ttl").write_text(PREFIXES + "ex:B sh:property _:p . _:p sh:path ex:y .", encoding="utf-8")
    shapes = read_shapes(tmp_path)
    paths = {str(shapes.value(shapes.value(shape, sh.property), sh.path)) for shape in shapes.subjects(sh.property)}
    assert paths == {"<http://example.org/x>", "<http://example.org/y>"}


def test_a_store_that_holds_other_graphs_is_checked_in_the_data_s_graph_only():
    """A graph validated where it lies in a store beside others (an ontology, entailments): only its own triples are
    the data; a break in another graph of the store is not reported."""
    store = ox.Store()
    store.load(
        graph(DATA).serialize(format="nt", encoding="utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode("urn:test:data"),
    )
    store.load(
        b"<http://example.org/rex> <http://example.org/owner> <http://example.org/cat> .\n"
        b'<http://example.org/cat> <http://example.org/age> "nine" .\n',
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode("urn:test:elsewhere"),
    )
    stored = StoredGraph(b"", store, ox.NamedNode("urn:test:data"))
    report = validate(None, shapes=graph(SHAPES), ontology=Graph(), stored=stored)
    assert keys(report) == keys(validate(graph(DATA), shapes=graph(SHAPES), ontology=Graph()))
    assert "http://example.org/cat" not in {r.focus for r in report.results}
    assert {g.value for g in store.named_graphs()} == {"urn:test:data", "urn:test:elsewhere"}  # as it was
