"""Checking a graph against SHACL shapes (the project's `shapes/`, or others': DCAT-AP's), with the ontology for
subclassing, on Oxigraph: the shapes' SHACL Core constraints compiled to SPARQL (shacl_core.py), their SPARQL
constraints run as written (sparql_constraints.py). Oxigraph's terms throughout, from the callers' data to the
results: a caller that holds an rdflib graph converts it at rdflib's door (graph/rdflib_door.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import cast

import pyoxigraph as ox

from plan_graph.checks.datatypes import FAMILIES, WRITTEN_AS_GRAPH, written_as, written_with_derived_datatypes
from plan_graph.checks.shacl_core import CoreCheck, CoreViolation, Dataset, check_core_constraints, compile_core
from plan_graph.checks.shacl_expressions import sparql_path
from plan_graph.checks.shacl_messages import generated_message
from plan_graph.checks.shapes import Shapes, Value, read_shapes, sh, shapes_of
from plan_graph.checks.sparql_constraints import check_sparql_constraints, compile_sparql
from plan_graph.graph.names import SHAPES, curie
from plan_graph.graph.ontology import ontology_ntriples
from plan_graph.graph.stored import StoredGraph, stored_triples
from plan_graph.graph.vocab import PG, PROV, SKOS

SKOS_NOTATION, DERIVED_FROM, LINE_NUMBER = SKOS.notation, PROV.wasDerivedFrom, PG.lineNumber

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


ONTOLOGY_GRAPH = ox.NamedNode("urn:plan-graph:validation:ontology")
BESIDE_GRAPH = "urn:plan-graph:validation:beside:"  # and a number: the graphs validated with the data


def _add_ontology(store: ox.Store, ontology: Iterable[ox.Triple] | None) -> ox.NamedNode:
    """The ontology (the class hierarchy the targets follow) in a graph of its own beside the data, for the run:
    the project's, or `ontology`'s triples."""
    if ontology is None:
        store.load(ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES, to_graph=ONTOLOGY_GRAPH)
    else:
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in ontology)
    return ONTOLOGY_GRAPH


class CompiledShapes:
    """Shapes and the queries they compile to: they do not depend on the data. Their core constraints have a
    second form for data whose literals' datatypes Oxigraph's store replaces (datatypes.py), compiled when
    such data comes (only when the shapes ask for a datatype of those families)."""

    def __init__(self, shapes: Shapes) -> None:
        self.shapes = shapes
        self.core = compile_core(shapes)
        self.sparql = compile_sparql(shapes)
        self.datatype_sensitive = any(d.value in FAMILIES for _, d in shapes.subject_objects(sh.datatype))
        self._core_written: list[CoreCheck] | None = None

    def core_for(self, written: bool) -> list[CoreCheck]:
        if not written:
            return self.core
        if self._core_written is None:
            self._core_written = compile_core(self.shapes, written=True)
        return self._core_written


def compiled(shapes: Shapes) -> CompiledShapes:
    return CompiledShapes(shapes)


@cache
def project_shapes() -> CompiledShapes:
    """The project's shapes (shapes/), read and compiled once per process; a build asks for them while its plan is
    still being loaded."""
    return compiled(read_shapes())


def validate(
    data: StoredGraph | Iterable[ox.Triple],
    shapes: Shapes | Iterable[ox.Triple] | None = None,
    ontology: Iterable[ox.Triple] | None = None,
    beside: Sequence[StoredGraph] = (),
) -> ValidationReport:
    """SHACL validation of `data` (a graph already in Oxigraph, or triples) against the project's shapes, or
    `shapes` (shapes already read, or their triples), with the project's ontology or `ontology`'s triples (none:
    no ontology): SHACL Core compiled to SPARQL on Oxigraph (shacl_core.py), SPARQL constraints as written
    (sparql_constraints.py). A shape with a construct the engine does not compile is refused
    (UnsupportedShapeError, naming the shape and the construct): nothing is skipped.

    A StoredGraph is the graph already in Oxigraph (a build has it); the ontology, and the graphs `beside` it that
    are validated with it, are added in graphs of their own for the run and removed after it, so the store keeps
    only what it held. The queries read the data's graphs and the ontology's, nothing else the store holds (a
    store's own other graphs). What the results name (a notation, a line) is looked up in the data's graphs."""
    if shapes is None:
        checks = project_shapes()
    else:
        checks = compiled(shapes if isinstance(shapes, Shapes) else shapes_of(shapes))
    stored = data if isinstance(data, StoredGraph) else stored_triples(data)
    store = stored.store
    alone = next(store.named_graphs(), None) is None and isinstance(stored.graph, ox.DefaultGraph)  # the data only
    ontology_graph_name = _add_ontology(store, ontology)
    added = [ontology_graph_name]
    data_graphs: list[ox.NamedNode | ox.DefaultGraph] = [stored.graph]
    for i, part in enumerate(beside):
        added.append(ox.NamedNode(f"{BESIDE_GRAPH}{i}"))
        store.load(part.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=added[-1])
        data_graphs.append(added[-1])
    texts = [stored.ntriples, *(part.ntriples for part in beside)]
    written = checks.datatype_sensitive and any(written_with_derived_datatypes(text) for text in texts)
    if written:  # what the literals were written as, beside the data (not one of the graphs queried as data)
        store.extend(written_as(texts))
        added.append(WRITTEN_AS_GRAPH)
    dataset = Dataset(store, None if alone and not written else (*data_graphs, ontology_graph_name))
    try:
        lookups = StoreLookups(store, data_graphs)
        found = [
            _core_result(lookups, checks.shapes, v) for v in check_core_constraints(dataset, checks.core_for(written))
        ]
        found += [
            _result(lookups, checks.shapes, v.constraint, v.severity, v.focus, v.path, v.value)
            for v in check_sparql_constraints(dataset, checks.sparql)
        ]
    finally:
        for name in added:
            store.remove_graph(name)
    return ValidationReport(tuple(sorted(found, key=lambda r: (r.severity, r.focus, r.shape, r.value or ""))))


def validate_triples(data: Iterable[ox.Triple], shapes: Iterable[ox.Triple]) -> ValidationReport:
    """Data against shapes of others (DCAT-AP's), both as Oxigraph's triples, with no ontology."""
    return validate(data, shapes=shapes_of(shapes), ontology=())


def validate_together(parts: Sequence[StoredGraph]) -> ValidationReport:
    """Graphs that link to each other (the plan and the graphs about it) validated as one: the first one's store
    holds the others for the run, each already in Oxigraph (no graph is serialized again), and the results name
    their focus nodes from what the store holds."""
    return validate(parts[0], beside=parts[1:])


class StoreLookups:
    """What a result's message needs from the data, looked up in the store being validated: the data's graphs
    (the plan's and those beside it), not the ontology's."""

    def __init__(self, store: ox.Store, graphs: Sequence[ox.NamedNode | ox.DefaultGraph]) -> None:
        self.store = store
        self.graphs = set(graphs)

    def _quads(self, subject: Value | None, predicate: ox.NamedNode | None, value: Value | None) -> Iterator[ox.Quad]:
        if isinstance(subject, ox.Literal):
            return  # no triple has a literal subject
        found = self.store.quads_for_pattern(subject, predicate, value)
        yield from (quad for quad in found if quad.graph_name in self.graphs)

    def value(self, subject: Value | None, predicate: ox.NamedNode) -> Value | None:
        return next((cast(Value, q.object) for q in self._quads(subject, predicate, None)), None)

    def subjects(self, value: Value | None) -> Iterator[Value]:
        return (cast(Value, q.subject) for q in self._quads(None, None, value))

    def describe(self, node: ox.BlankNode) -> list[tuple[ox.NamedNode, Value]]:
        """A blank node's predicates and objects (for a message)."""
        return [(q.predicate, cast(Value, q.object)) for q in self._quads(node, None, None)]


def _core_result(data: StoreLookups, shapes: Shapes, v: CoreViolation) -> ValidationResult:
    """A result of a core constraint: with the shape's message, else the one SHACL validators give
    (shacl_messages.py)."""
    if shapes.value(v.shape, sh.message) is not None:
        return _result(data, shapes, v.shape, v.severity, v.focus, v.path, v.value)
    generated = generated_message(v.shape, v.component, v.parameters, v.focus, v.path, v.value, shapes, data.describe)
    return _result(data, shapes, v.shape, v.severity, v.focus, v.path, v.value, (ox.Literal(generated),))


def _result(
    data: StoreLookups,
    shapes: Shapes,
    shape: Value,
    severity: Value,
    focus: Value,
    path: Value | None,
    value: Value | None,
    generated: Sequence[ox.Literal] = (),
) -> ValidationResult:
    # the shape's own messages, English first; the validator's generic one when the shape has none
    messages = [m for m in shapes.objects(shape, sh.message) if isinstance(m, ox.Literal)] or list(generated)
    messages.sort(key=lambda message: {"en": 0, None: 1}.get(message.language, 2))
    owner = _owner(data, focus)
    return ValidationResult(
        severity=_text(severity).rsplit("#", 1)[-1],
        focus=_text(focus),
        path=_path(shapes, shape, path),
        message=messages[0].value if messages else "(no message)",
        shape=_shape_name(shapes, shape),
        notation=_optional_text(data.value(owner, SKOS_NOTATION)),
        line=_line(data, owner),
        value=_value(data, value),
    )


def _path(shapes: Shapes, shape: Value, path: Value | None) -> str | None:
    """A result's path: an IRI, or a path of several steps in SPARQL's syntax ("^<…inSeries>")."""
    if path is None or isinstance(path, ox.NamedNode):
        return _optional_text(path)
    return sparql_path(shapes, shape, path)


def _shape_name(shapes: Shapes, shape: Value) -> str:
    """The named shape behind a result: a property shape that is a blank node by the shape it is in (the first by
    name, through the property shapes of property shapes)."""
    seen = {shape}
    while not isinstance(shape, ox.NamedNode) and (parents := shapes.subjects(sh.property, shape)):
        if parents[0] in seen:
            break
        shape = parents[0]
        seen.add(shape)
    return _text(shape)


def _owner(data: StoreLookups, focus: Value) -> Value:
    """What a reader knows the focus by: itself, or the activity its indicator, deadline … belongs to."""
    if data.value(focus, SKOS_NOTATION) is not None or data.value(focus, DERIVED_FROM) is not None:
        return focus
    for owner in data.subjects(focus):
        if data.value(owner, DERIVED_FROM) is not None:
            return owner
    return focus


def _value(data: StoreLookups, value: Value | None) -> str | None:
    """The offending value, by its code or notation when it has one (an actor: "MFP")."""
    if value is None:
        return None
    notation = data.value(value, SKOS_NOTATION) if isinstance(value, ox.NamedNode) else None
    return _text(notation if notation is not None else value)


def _text(term: Value) -> str:
    """A term as the results write it: an IRI without its brackets, a literal's lexical form."""
    return term.value


def _optional_text(term: Value | None) -> str | None:
    return _text(term) if term is not None else None


def _line(data: StoreLookups, focus: Value) -> int | None:
    source = data.value(focus, DERIVED_FROM)
    number = data.value(source, LINE_NUMBER) if source is not None else None
    return int(number.value) if isinstance(number, ox.Literal) and number.value.isdigit() else None
