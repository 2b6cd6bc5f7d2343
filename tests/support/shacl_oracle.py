"""pyshacl, the oracle of plan-graph's SHACL engine (checks/shacl_core.py): the same data and shapes checked by both,
their answers compared whole.

An answer is the verdict and the results, each as a user reads it (a ValidationResult, counted: a result given
twice is two): its severity, focus node, shape (a property shape that is a blank node by the named shape it
belongs to, a SPARQL-based result by its constraint, as the project names them), path, value (a node with a
notation by it, as the results write an actor: "MFP"), and message (the shape's own, English first, or the one
the validator words). pyshacl runs as plan-graph ran it when it was an engine of its own: the shapes and the data
copied into new rdflib graphs (whose prefixes its messages use), the ontology beside the data, no inference,
SHACL-SPARQL on. A blank node, which each names its own way, is "_:blank" in both answers.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH, SKOS
from rdflib.term import Node

from plan_graph.checks.shapes import shapes_triples
from plan_graph.checks.validation import ValidationReport, validate
from plan_graph.graph.rdflib_door import ontology_graph, ox_triples, rdflib_graph, stored_graph

Key = tuple[str, str, str, str | None, str | None, str]
Answer = tuple[bool, Counter[Key]]
BLANK = "_:blank"
PATHS = {SH.inversePath: "^({})", SH.zeroOrMorePath: "({})*", SH.oneOrMorePath: "({})+", SH.zeroOrOnePath: "({})?"}


def both(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> tuple[Answer, Answer]:
    """The answers of plan-graph and of pyshacl on the data, with the shapes and the ontology given (the project's,
    when none are)."""
    stored = stored_graph(data)  # plan-graph's engine reads Oxigraph's terms: the graphs cross rdflib's door
    report = validate(
        stored,
        shapes=ox_triples(shapes) if shapes is not None else None,
        ontology=ox_triples(ontology) if ontology is not None else None,
    )
    blanks = {term.value for t in stored.triples() for term in (t.subject, t.object) if isinstance(term, ox.BlankNode)}
    shapes = shapes if shapes is not None else shapes_graph()
    return answer(report, blanks), reference(data, shapes, ontology if ontology is not None else ontology_graph())


def shapes_graph() -> Graph:
    """The project's shapes (shapes/*.ttl) as an rdflib graph, for pyshacl."""
    return rdflib_graph(shapes_triples(), store="default")


def answer(report: ValidationReport, blanks: set[str]) -> Answer:
    """plan-graph's answer: its verdict and its results (`blanks`: the blank nodes of the data)."""

    def term(text: str | None) -> str | None:
        return BLANK if text in blanks else text

    results = Counter(
        (r.severity, cast(str, term(r.focus)), r.shape, r.path, term(r.value), _in_order(r.message))
        for r in report.results
    )
    return report.conforms, results


def reference(data: Graph, shapes: Graph, ontology: Graph) -> Answer:
    """pyshacl's answer, in the terms of `answer`."""
    from pyshacl import validate

    data_graph, shapes_graph = Graph(), Graph()
    data_graph += data
    shapes_graph += shapes
    conforms, report, _ = validate(
        data_graph, shacl_graph=shapes_graph, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True
    )
    results: Counter[Key] = Counter()
    for result in report.objects(None, SH.result):
        path, value = report.value(result, SH.resultPath), report.value(result, SH.value)
        if isinstance(value, URIRef) and data.value(value, SKOS.notation) is not None:
            value = data.value(value, SKOS.notation)
        messages = sorted(report.objects(result, SH.resultMessage), key=lambda m: {"en": 0, None: 1}.get(m.language, 2))
        key = (
            str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            _term(report.value(result, SH.focusNode)),
            _shape_name(shapes, report.value(result, SH.sourceShape), report.value(result, SH.sourceConstraint)),
            _path(shapes, path) if path is not None else None,
            _term(value) if value is not None else None,
            _in_order(str(messages[0])) if messages else "(no message)",
        )
        results[key] += 1
    return conforms, results


def _term(term: Node | None) -> str:
    return BLANK if isinstance(term, BNode) else str(term)


def _shape_name(shapes: Graph, shape: Node | None, constraint: Node | None) -> str:
    """The shape as the project names it: a SPARQL-based result by its named constraint, a property shape that is a
    blank node by the first (by name) of the shapes it belongs to."""
    if isinstance(constraint, URIRef) and (constraint, RDF.type, SH.SPARQLConstraint) in shapes:
        return str(constraint)
    while isinstance(shape, BNode) and (parents := sorted(shapes.subjects(SH.property, shape), key=str)):
        shape = parents[0]
    return str(shape)


def _path(shapes: Graph, path: Node) -> str:
    """A path as the results write it: an IRI, or a path of several steps in SPARQL's syntax."""
    if isinstance(path, URIRef):
        return str(path)
    if (path, RDF.first, None) in shapes:
        return "(" + "/".join(_step(shapes, step) for step in shapes.items(path)) + ")"
    if (alternatives := shapes.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(_step(shapes, step) for step in shapes.items(alternatives)) + ")"
    for predicate, template in PATHS.items():
        if (inner := shapes.value(path, predicate)) is not None:
            return template.format(_step(shapes, inner))
    raise AssertionError(f"{path} is not a SHACL path")


def _step(shapes: Graph, path: Node) -> str:
    return f"<{path}>" if isinstance(path, URIRef) else _path(shapes, path)


def _in_order(message: str) -> str:
    """A message with the list it quotes in order: pyshacl lists a parameter's values ("every Shape in ('a', 'b')")
    in rdflib's order, which changes from run to run."""
    return re.sub(r"\('([^()]*)'\)", lambda m: "('" + "', '".join(sorted(m.group(1).split("', '"))) + "')", message)
