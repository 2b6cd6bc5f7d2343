"""Checking a graph against the SHACL shapes in `shapes/` (pyshacl), with the ontology for subclassing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from plan_graph.checks.shacl_core import QueryCache, check_core_constraints
from plan_graph.checks.sparql_constraints import check_sparql_constraints, without_sparql
from plan_graph.graph.names import SHAPES, curie
from plan_graph.graph.namespaces import OWL, PG, PROV, SKOS
from plan_graph.graph.stored import StoredGraph, stored_graph
from plan_graph.graph.terms import rdflib_term, turtle_triples
from plan_graph.resources import project_dir

SHAPE_PREFIX = {"pgsh": SHAPES}  # for the shapes in messages


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    message: str
    shape: str
    notation: str | None  # of the focus node, when it has one
    line: int | None  # the source line of the focus node, when it has one
    value: str | None = None  # the offending value, when there is one

    def __str__(self) -> str:
        where = f"{self.notation} " if self.notation else ""
        line = f" (line {self.line})" if self.line else ""
        path = f" {curie(self.path, SHAPE_PREFIX)}" if self.path else ""
        value = f" = {curie(self.value, SHAPE_PREFIX)}" if self.value else ""
        shape = curie(self.shape, SHAPE_PREFIX)
        return f"{self.severity}: {where}<{self.focus}>{line}{path}{value}: {self.message} [{shape}]"


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[ValidationResult, ...]

    @property
    def conforms(self) -> bool:
        return not any(result.severity == "Violation" for result in self.results)

    @property
    def violations(self) -> list[ValidationResult]:
        return [result for result in self.results if result.severity == "Violation"]


ONTOLOGY_GRAPH = URIRef("urn:plan-graph:validation:ontology")
BESIDE_GRAPH = "urn:plan-graph:validation:beside:"  # and a number: the graphs validated with the data


def load_turtle_folder(folder: Path) -> Graph:
    """The Turtle files of a folder in one rdflib graph, parsed by Oxigraph (twice as fast as rdflib's parser)."""
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph += turtle_triples(path)
    return graph


def ontology_graph() -> Graph:
    return load_turtle_folder(project_dir("ontology"))


def values_of_the_ontology() -> Graph:
    """The resources of the ontology that the data points to as values, with their labels: the kinds of actor
    (pg:kind), the roles and constructions of actor items, the sources of a parent link. The published graph
    carries them, so that a consumer without the ontology can still label what a value means. Found by Oxigraph
    in the ontology's files, which are not read into rdflib whole."""
    folder, kinds = project_dir("ontology"), ox.NamedNode("urn:plan-graph:ontology:actor-kinds")
    store = ox.Store()
    for path in sorted(folder.glob("*.ttl")):
        store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    store.bulk_load(path=folder / "actor-kinds.ttl", format=ox.RdfFormat.TURTLE, to_graph=kinds)
    found = store.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ GRAPH <{kinds.value}> {{ ?s ?p ?o }} }} UNION {{ ?s a <{OWL.NamedIndividual}> ; ?p ?o }}
    }}""")
    graph = Graph()
    for triple in cast(ox.QueryTriples, found):
        graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
    return graph


def shapes_graph() -> Graph:
    return load_turtle_folder(project_dir("shapes"))


def _add_ontology(store: ox.Store, ontology: Graph | None) -> None:
    """The ontology (the class hierarchy the targets follow) in a graph of its own beside the data."""
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    if ontology is not None:
        store.bulk_load(ontology.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                        to_graph=graph)  # fmt: skip
        return
    for path in sorted(project_dir("ontology").glob("*.ttl")):
        store.bulk_load(path=path, format=ox.RdfFormat.TURTLE, to_graph=graph)


def validate(
    graph: Graph | None,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    engine: str = "oxigraph",
    stored: StoredGraph | None = None,
    beside: Sequence[StoredGraph] = (),
) -> ValidationReport:
    """SHACL validation. engine "oxigraph" compiles SHACL Core to SPARQL on Oxigraph (shacl_core.py), for
    the constraint components our shapes use; "pyshacl" runs pyshacl, for any shapes (DCAT-AP's).

    `stored` is the graph already in Oxigraph (a build has it); the ontology, and the graphs `beside` it that are
    validated with it, are added in graphs of their own for the run and removed after it, so the store's
    default graph stays the plan's triples only. Without an rdflib `graph` (engine "oxigraph" only), what the
    results name (a notation, a line) is looked up in the store."""
    shapes = shapes if shapes is not None else shapes_graph()
    if engine != "oxigraph" and (None, SH.sparql, None) not in shapes:
        assert graph is not None, "pyshacl reads an rdflib graph"
        return _validate(graph, graph, shapes, ontology, engine, None)  # pyshacl alone: no copy in Oxigraph needed
    if stored is None:
        assert graph is not None, "a graph, or the graph already stored"
        stored = stored_graph(graph)
    added = [ox.NamedNode(str(ONTOLOGY_GRAPH)), *(ox.NamedNode(f"{BESIDE_GRAPH}{i}") for i in range(len(beside)))]
    _add_ontology(stored.store, ontology)
    for name, part in zip(added[1:], beside, strict=True):
        stored.store.bulk_load(part.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=name)
    try:
        lookups = graph if graph is not None else StoreLookups(stored.store)
        return _validate(graph, lookups, shapes, ontology, engine, stored.store)
    finally:
        for name in added:
            stored.store.remove_graph(name)


def validate_together(parts: Sequence[StoredGraph]) -> ValidationReport:
    """Graphs that link to each other (the plan and the graphs about it) validated as one: the first one's store
    holds the others for the run, each already in Oxigraph (no graph is serialized again), and the results name
    their focus nodes from what the store holds."""
    return validate(None, stored=parts[0], beside=parts[1:])


class Lookups(Protocol):
    """What a result's message needs from the data: an rdflib Graph has it, and so does StoreLookups."""

    def value(self, subject: Node | None, predicate: Node) -> Node | None: ...

    def subjects(self, predicate: Node | None, object: Node | None) -> Iterator[Node]: ...


class StoreLookups:
    """Lookups in the store being validated: the data's graphs (the default one and those beside it), not the
    ontology added for the run."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))

    def _quads(self, subject: Node | None, predicate: Node | None, value: Node | None) -> Iterator[ox.Quad]:
        if isinstance(subject, Literal) or isinstance(predicate, (Literal, BNode)):
            return  # no triple has a literal subject, nor a predicate that is not an IRI
        found = self.store.quads_for_pattern(
            cast(ox.NamedNode | ox.BlankNode | None, _ox_term(subject)),
            cast(ox.NamedNode | None, _ox_term(predicate)),
            _ox_term(value),
        )  # fmt: skip
        yield from (quad for quad in found if quad.graph_name != self.ontology)

    def value(self, subject: Node | None, predicate: Node) -> Node | None:
        return next((rdflib_term(q.object) for q in self._quads(subject, predicate, None)), None)

    def subjects(self, predicate: Node | None, object: Node | None) -> Iterator[Node]:
        return (rdflib_term(q.subject) for q in self._quads(None, predicate, object))


def _ox_term(node: Node | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)) if node.datatype else None)
    return None


def _validate(graph: Graph | None, lookups: Lookups, shapes: Graph, ontology: Graph | None, engine: str,
              store: ox.Store | None) -> ValidationReport:  # fmt: skip
    cache: QueryCache = {}  # the class instances both kinds of constraint target, asked once
    if engine == "oxigraph":
        assert store is not None, "validate() puts the graph in Oxigraph for this engine"
        core = [
            _result(lookups, shapes, v.shape, v.severity, v.focus, v.path, v.value)
            for v in check_core_constraints(store, shapes, cache)  # it leaves sh:sparql to the step below
        ]
    else:
        from pyshacl import validate as shacl_validate  # pyshacl is slow to import: only when it is used

        assert graph is not None, "pyshacl reads an rdflib graph"
        _, report, _ = shacl_validate(
            graph,
            shacl_graph=without_sparql(shapes),
            ont_graph=ontology if ontology is not None else ontology_graph(),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        core = _core_results(report, lookups, shapes)
    sparql = [
        _result(lookups, shapes, v.constraint, v.severity, v.focus, v.path, v.value)
        for v in (check_sparql_constraints(store, shapes, cache) if store is not None else [])
    ]
    results = [*core, *sparql]
    return ValidationReport(tuple(sorted(results, key=lambda r: (r.severity, r.focus, r.shape, r.value or ""))))


def _result(
    data: Lookups,
    shapes: Graph,
    shape: Node | None,
    severity: Node | None,
    focus: Node | None,
    path: Node | None,
    value: Node | None,
    generated: list[Node] | None = None,
) -> ValidationResult:
    # the shape's own messages, English first; the validator's generic one when the shape has none
    # (SHACL's messages are literals)
    messages = cast(list[Literal], list(shapes.objects(shape, SH.message)) or list(generated or []))
    messages.sort(key=lambda message: {"en": 0, None: 1}.get(message.language, 2))
    owner = _owner(data, focus)
    return ValidationResult(
        severity=str(severity).rsplit("#", 1)[-1],
        focus=str(focus),
        path=str(path) if path is not None else None,
        message=str(messages[0]) if messages else "(no message)",
        shape=_shape_name(shapes, shape),
        notation=_text(data.value(owner, SKOS.notation)),
        line=_line(data, owner),
        value=_value(data, value),
    )


def _core_results(report: Graph, data: Lookups, shapes: Graph) -> list[ValidationResult]:
    return [
        _result(
            data,
            shapes,
            report.value(node, SH.sourceShape),
            report.value(node, SH.resultSeverity),
            report.value(node, SH.focusNode),
            report.value(node, SH.resultPath),
            report.value(node, SH.value),
            list(report.objects(node, SH.resultMessage)),
        )
        # the report's own results; nested ones (sh:detail of an sh:node failure) belong to them
        for node in report.objects(None, SH.result)
    ]


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """The named shape behind a result: property shapes are blank nodes inside a node shape."""
    if isinstance(shape, URIRef):
        return str(shape)
    parent = shapes.value(None, SH.property, shape)
    return str(parent) if parent is not None else str(shape)


def _owner(data: Lookups, focus: Node | None) -> Node | None:
    """What a reader knows the focus by: itself, or the activity its indicator, deadline … belongs to."""
    if data.value(focus, SKOS.notation) is not None or data.value(focus, PROV.wasDerivedFrom) is not None:
        return focus
    for owner in data.subjects(None, focus):
        if data.value(owner, PROV.wasDerivedFrom) is not None:
            return owner
    return focus


def _value(data: Lookups, value: Node | None) -> str | None:
    """The offending value, by its code or notation when it has one (an actor: "MFP")."""
    if value is None:
        return None
    notation = data.value(value, SKOS.notation) if isinstance(value, URIRef) else None
    return str(notation if notation is not None else value)


def _text(value: Node | None) -> str | None:
    return str(value) if value is not None else None


def _line(data: Lookups, focus: Node | None) -> int | None:
    source = data.value(focus, PROV.wasDerivedFrom)
    number = data.value(source, PG.lineNumber) if source is not None else None
    return int(str(number)) if number is not None and str(number).isdigit() else None
