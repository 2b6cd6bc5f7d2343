"""The SHACL engine on Oxigraph with shapes of a test's own: the kinds of target and of shape that the project's
shapes (tests/checks/test_shapes.py) do not use, and every constraint the engine compiles, each checked against
pyshacl, the oracle (tests/support/shacl_oracle.py)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from plan_graph.checks.shacl_core import UnsupportedShapeError
from plan_graph.checks.shapes import read_shapes, sh
from plan_graph.checks.validation import validate
from plan_graph.graph.rdflib_door import ox_triples, stored_graph
from plan_graph.graph.stored import StoredGraph
from tests.support.shacl_oracle import both

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
    ours = validate(stored_graph(data), shapes=ox_triples(shapes), ontology=())
    plan_graph, pyshacl = both(data, shapes, Graph())
    assert plan_graph == pyshacl
    ex = "http://example.org/"
    assert keys(ours) == {
        ("Violation", f"{ex}bob", f"{ex}age", "old", "an owner's age is an integer"),
        ("Violation", f"{ex}tom", f"{ex}name", None, "an animal has a name"),
        ("Violation", f"{ex}tom", f"{ex}owner", None, "an animal has one owner"),
        ("Violation", f"{ex}named", f"{ex}label", None, "one label a language"),
        ("Violation", f"{ex}absent", f"{ex}label", None, "a label"),
    }


@pytest.mark.parametrize(
    "shape, refused",
    [
        (
            "sh:property [ sh:path ex:p ; sh:equals ex:o ]",
            "example.org/S>'s sh:property on <http://example.org/p>: the constraint sh:equals is not supported",
        ),
        ("sh:closed true ; sh:ignoredProperties ( ex:p )", "example.org/S>: the constraint sh:closed is not supported"),
        ("sh:property [ sh:path [ ex:p ex:q ] ; sh:minCount 1 ]", "its sh:path _:.* is not a SHACL path"),
        ("sh:property [ sh:path ex:p ; sh:minCount 1.5 ]", "not an integer"),
        (
            "sh:property [ sh:path ex:p ; sh:nodeKind sh:Anything ]",
            "sh:nodeKind <.*#Anything> is not a SHACL node kind",
        ),
        ("sh:property [ sh:path ex:p ; sh:or ex:notAList ]", "notAList> is not a well-formed RDF list"),
        ("sh:node ex:S", "example.org/S>: a shape that refers to itself"),  # SHACL leaves recursive shapes undefined
        (
            "sh:property [ sh:path ex:p ; sh:sparql [ sh:select 'SELECT $this {}' ] ]",
            "example.org/S>'s sh:property on <http://example.org/p>: SPARQL constraints of a property shape",
        ),
    ],
)
def test_a_shape_the_engine_cannot_compile_is_refused_not_skipped(shape, refused):
    shapes = graph(PREFIXES + f"ex:S a sh:NodeShape ; sh:targetClass ex:Animal ; {shape} .")
    with pytest.raises(UnsupportedShapeError, match=refused):
        validate(stored_graph(graph(DATA)), shapes=ox_triples(shapes), ontology=())


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
    report = validate(stored, shapes=ox_triples(graph(SHAPES)), ontology=())
    assert keys(report) == keys(validate(stored_graph(graph(DATA)), shapes=ox_triples(graph(SHAPES)), ontology=()))
    assert "http://example.org/cat" not in {r.focus for r in report.results}
    assert {g.value for g in store.named_graphs()} == {"urn:test:data", "urn:test:elsewhere"}  # as it was


def test_a_blank_node_focus_is_named_as_the_caller_named_it():
    """Triples validated as given: a result about a blank node names it by the caller's label, so that the caller
    can tell which of its nodes it is about (validate-dcat --mqa finds the dataset a result falls in)."""
    ex = "http://example.org/"
    period = ox.BlankNode("period1")
    data = [
        ox.Triple(period, ox.NamedNode(ex + "start"), ox.Literal("2018")),
        ox.Triple(ox.NamedNode(ex + "plan"), ox.NamedNode(ex + "period"), period),
    ]
    shapes = graph(
        PREFIXES + "ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:start ; "
        "sh:property [ sh:path ex:end ; sh:minCount 1 ] ."
    )
    report = validate(data, shapes=ox_triples(shapes), ontology=())
    assert [(r.severity, r.focus, r.path) for r in report.results] == [("Violation", "period1", ex + "end")]


EVERY_DATA = (
    PREFIXES
    + """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:Dog rdfs:subClassOf ex:Animal .
ex:rex a ex:Dog .
ex:ana ex:name "Ana" ; ex:age 30 ; ex:owns ex:good .
ex:bob ex:age "old" .
ex:carl ex:name 42 .
_:b ex:name "b" .
ex:w1 a ex:Wheel . ex:w2 a ex:Wheel .
ex:mid ex:partOf ex:root .
ex:place skos:inScheme ex:otherScheme .
ex:good a ex:Item ;
    ex:status ex:active ; ex:colour ex:red ; ex:owner ex:ana ; ex:size 3 ; ex:code "AB" ; ex:contact ex:ana ;
    ex:weight 50 ; ex:year 2019 ; ex:label "abc"@en ; ex:pattern "ABc" ; ex:count 5 ;
    ex:amount "5"^^xsd:nonNegativeInteger ; ex:day "2020-02-28"^^xsd:date ; ex:link ex:ana ; ex:friend ex:rex ;
    ex:part ex:w1, ex:w2 ; ex:likes ex:x ;
    ex:partOf ex:mid ; ex:spatial ex:country .
ex:country skos:inScheme ex:countries .
ex:bad a ex:Item ;
    ex:status ex:inactive ; ex:colour ex:pink ; ex:tint ex:blue ; ex:owner ex:bob, _:b, ex:carl ; ex:size "XL" ;
    ex:tag ex:forbidden ; ex:code "ABCD" ; ex:contact "x"^^xsd:anyURI ; ex:weight 0, "heavy" ; ex:year 2021 ;
    ex:label "a"@en, "abcdefg"@fr, "xy"@en ; ex:pattern "XAB" ; ex:count "abc"^^xsd:integer ;
    ex:amount "7"^^xsd:integer, "-1"^^xsd:nonNegativeInteger ; ex:day "2020-02-30"^^xsd:date ; ex:link "text" ;
    ex:friend ex:stone ; ex:part ex:w1 ; ex:likes ex:x ; ex:dislikes ex:x ; ex:partOf ex:elsewhere ;
    ex:next ex:n1, ex:n2 ; ex:spatial ex:place .
ex:g1 a ex:Gadget .
"""
)

EVERY_SHAPE = (
    PREFIXES
    + """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:ItemShape a sh:NodeShape ; sh:targetClass ex:Item ;
    sh:property [ sh:path ex:status ; sh:hasValue ex:active ] ,
        [ sh:path ex:colour ; sh:in ( ex:red ex:green "blue" ) ; sh:message "a colour of the list"@en ] ,
        [ sh:path ex:owner ; sh:node ex:PersonShape ] ,
        [ sh:path ex:owner ; sh:property [ sh:path ex:age ; sh:datatype xsd:integer ] ] ,
        [ sh:path ex:size ; sh:or ( [ sh:datatype xsd:integer ] [ sh:in ( "S" "M" "L" ) ] ) ] ,
        [ sh:path ex:tag ; sh:not [ sh:hasValue ex:forbidden ] ] ,
        [ sh:path ex:code ; sh:and ( [ sh:pattern "^[A-Z]" ] [ sh:maxLength 3 ] ) ] ,
        [ sh:path ex:contact ; sh:xone ( [ sh:nodeKind sh:IRI ] [ sh:datatype xsd:string ] ) ] ,
        [ sh:path ex:weight ; sh:minExclusive 0 ; sh:maxInclusive 100 ] ,
        [ sh:path ex:year ; sh:minInclusive 2018 ; sh:maxExclusive 2021 ; sh:severity sh:Warning ] ,
        [ sh:path ex:label ; sh:minLength 2 ; sh:maxLength 5 ; sh:languageIn ( "en" "ro" ) ; sh:uniqueLang true ] ,
        [ sh:path ex:pattern ; sh:pattern "^ab" ; sh:flags "i" ; sh:severity sh:Info ] ,
        [ sh:path ex:count ; sh:datatype xsd:integer ] ,
        [ sh:path ex:amount ; sh:datatype xsd:nonNegativeInteger ] ,
        [ sh:path ex:day ; sh:datatype xsd:date ] ,
        [ sh:path ex:link ; sh:nodeKind sh:BlankNodeOrIRI ] ,
        [ sh:path ex:friend ; sh:class ex:Animal ] ,
        [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Wheel ] ; sh:qualifiedMinCount 2 ;
          sh:qualifiedMaxCount 4 ] ,
        [ sh:path ex:likes ; sh:disjoint ex:dislikes ] ,
        [ sh:path ex:spatial ; sh:node [ sh:or ( ex:InCountries ex:InPlaces ) ] ] .
ex:PersonShape a sh:NodeShape ; sh:nodeKind sh:IRI ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ] .
ex:InCountries a sh:NodeShape ; sh:property [ sh:path skos:inScheme ; sh:hasValue ex:countries ; sh:minCount 1 ] .
ex:InPlaces a sh:NodeShape ; sh:property [ sh:path skos:inScheme ; sh:hasValue ex:places ; sh:minCount 1 ] .
ex:PathShape a sh:NodeShape ; sh:targetNode ex:good, ex:bad ;
    sh:property [ sh:path [ sh:inversePath ex:owns ] ; sh:minCount 1 ] ,
        [ sh:path ( ex:owner ex:name ) ; sh:datatype xsd:string ] ,
        [ sh:path [ sh:alternativePath ( ex:colour ex:tint ) ] ; sh:maxCount 1 ] ,
        [ sh:path [ sh:oneOrMorePath ex:partOf ] ; sh:hasValue ex:root ] ,
        [ sh:path [ sh:zeroOrOnePath ex:next ] ; sh:maxCount 1 ] ,
        [ sh:path [ sh:zeroOrMorePath ex:next ] ; sh:maxCount 2 ] .
ex:Gadget a rdfs:Class, sh:NodeShape ; sh:property [ sh:path ex:serial ; sh:minCount 1 ] .
ex:Off a sh:NodeShape ; sh:targetClass ex:Item ; sh:deactivated true ; sh:property [ sh:path ex:none ; sh:minCount 1 ] .
"""
)


def test_every_constraint_the_engine_compiles_agrees_with_pyshacl():
    """Each constraint component, path and kind of target, kept once (ex:good) and broken once (ex:bad), with the
    messages pyshacl words for shapes that have none: plan-graph's answer is pyshacl's, result for result."""
    data, shapes = graph(EVERY_DATA), graph(EVERY_SHAPE)
    ours = validate(stored_graph(data), shapes=ox_triples(shapes), ontology=())
    plan_graph, pyshacl = both(data, shapes, Graph())
    assert plan_graph == pyshacl
    ex = "http://example.org/"

    def short(text: str | None) -> str | None:
        return text.replace(ex, "ex:") if text else text

    found = {(r.severity, short(r.focus), short(r.shape), short(r.path), short(r.value)) for r in ours.results}
    blank = next(r.value for r in ours.results if r.path == f"{ex}owner" and not r.value.startswith(ex))
    item, paths = "ex:ItemShape", "ex:PathShape"
    assert found == {
        ("Violation", "ex:bad", item, "ex:status", None),  # sh:hasValue of a property
        ("Violation", "ex:bad", item, "ex:colour", "ex:pink"),  # sh:in
        ("Violation", "ex:bad", item, "ex:owner", "ex:bob"),  # sh:node: no name
        ("Violation", "ex:bad", item, "ex:owner", "ex:carl"),  # sh:node: a name that is no string
        ("Violation", "ex:bad", item, "ex:owner", blank),  # sh:node: not an IRI
        ("Violation", "ex:bob", item, "ex:age", "old"),  # the property shape of a property shape's values
        ("Violation", "ex:bad", item, "ex:size", "XL"),  # sh:or
        ("Violation", "ex:bad", item, "ex:tag", "ex:forbidden"),  # sh:not
        ("Violation", "ex:bad", item, "ex:code", "ABCD"),  # sh:and
        ("Violation", "ex:bad", item, "ex:contact", "x"),  # sh:xone: neither
        ("Violation", "ex:bad", item, "ex:weight", "0"),  # sh:minExclusive
        ("Violation", "ex:bad", item, "ex:weight", "heavy"),  # no number: both bounds fail
        ("Warning", "ex:bad", item, "ex:year", "2021"),  # sh:maxExclusive, its shape's severity
        ("Violation", "ex:bad", item, "ex:label", "a"),  # sh:minLength
        ("Violation", "ex:bad", item, "ex:label", "abcdefg"),  # sh:maxLength, sh:languageIn
        ("Violation", "ex:bad", item, "ex:label", None),  # sh:uniqueLang: two in English
        ("Info", "ex:bad", item, "ex:pattern", "XAB"),  # sh:pattern with sh:flags "i"
        ("Violation", "ex:bad", item, "ex:count", "abc"),  # sh:datatype: ill-typed
        ("Violation", "ex:bad", item, "ex:amount", "7"),  # an xsd:integer where an xsd:nonNegativeInteger is asked
        ("Violation", "ex:bad", item, "ex:amount", "-1"),  # an ill-typed xsd:nonNegativeInteger
        ("Violation", "ex:bad", item, "ex:day", "2020-02-30"),  # an ill-typed xsd:date
        ("Violation", "ex:bad", item, "ex:link", "text"),  # sh:nodeKind sh:BlankNodeOrIRI
        ("Violation", "ex:bad", item, "ex:friend", "ex:stone"),  # sh:class
        ("Violation", "ex:bad", item, "ex:part", None),  # sh:qualifiedMinCount
        ("Violation", "ex:bad", item, "ex:likes", "ex:x"),  # sh:disjoint
        ("Violation", "ex:bad", item, "ex:spatial", "ex:place"),  # sh:node of an sh:or of shapes with sh:hasValue
        ("Violation", "ex:bad", paths, "^(<ex:owns>)", None),  # nobody owns it
        ("Violation", "ex:bad", paths, "(<ex:owner>/<ex:name>)", "42"),
        ("Violation", "ex:bad", paths, "(<ex:colour>|<ex:tint>)", None),  # two values
        ("Violation", "ex:bad", paths, "(<ex:partOf>)+", None),  # not part of ex:root
        ("Violation", "ex:bad", paths, "(<ex:next>)?", None),  # itself and two next
        ("Violation", "ex:bad", paths, "(<ex:next>)*", None),
        ("Violation", "ex:g1", "ex:Gadget", "ex:serial", None),  # a shape that is a class targets its instances
    }
