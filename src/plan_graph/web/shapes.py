"""The SHACL shapes at /shapes (https://w3id.org/plan-graph/shapes): the rules the build checks the graph with
(shapes/*.ttl), as RDF in every graph format and as one page with a section per shape, so that a shape's IRI
(shapes#ActivityShape, which reaches the server as /shapes) lands on its own section.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import cast

import pyoxigraph as ox

from plan_graph.checks.shapes import SH, sh, shapes_triples
from plan_graph.graph.formats import Format
from plan_graph.graph.names import PREFIXES, SHAPES, curie
from plan_graph.graph.terms import serialized, turtle
from plan_graph.graph.vocab import RDF, RDFS
from plan_graph.web.rendering import Links, render

SHAPES_IRI = SHAPES.removesuffix("#")  # the shapes graph itself (an owl:Ontology); its shapes are SHAPES + name
SHAPE_PREFIXES = {**PREFIXES, "sh": SH, "pgsh": SHAPES}
KINDS = {sh.NodeShape: "node shape", sh.PropertyShape: "property shape", sh.SPARQLConstraint: "SPARQL constraint"}


@dataclass(frozen=True)
class Shape:
    anchor: str  # its name in the shapes namespace: the fragment of its IRI
    curie: str
    kind: str
    texts: list[tuple[str, str]]  # (language, text): its labels and messages, English first
    turtle: str  # its own statements, through blank nodes, in Turtle without the @prefix lines (listed once)


@cache
def _triples() -> tuple[ox.Triple, ...]:
    return tuple(shapes_triples())


def shapes_rdf(fmt: Format) -> bytes:
    """The whole shapes graph in a graph format."""
    return serialized(_triples(), cast(ox.RdfFormat, fmt.rdf), SHAPE_PREFIXES)


def shapes_page(links: Links) -> str:
    triples = _triples()
    header = [(o.language or "", o.value) for s, p, o in triples if s.value == SHAPES_IRI and _is_text(p, o)]
    prefixes = [f"@prefix {name}: <{namespace}> ." for name, namespace in sorted(SHAPE_PREFIXES.items())]
    shapes = shapes_of(triples)
    return render("shapes.html", links, iri=SHAPES_IRI, header=_english_first(header), prefixes=prefixes, shapes=shapes)


def shapes_of(triples: tuple[ox.Triple, ...]) -> list[Shape]:
    """Every named shape of the namespace, in the order the files state them."""
    by_subject: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]] = {}
    for triple in triples:
        if isinstance(triple.subject, ox.NamedNode | ox.BlankNode):
            by_subject.setdefault(triple.subject, []).append(triple)
    shapes = []
    for subject, own in by_subject.items():
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(SHAPES):
            continue
        kinds = [KINDS[o] for _, p, o in own if p == RDF.type and o in KINDS]
        texts = [(o.language or "", o.value) for _, p, o in own if _is_text(p, o)]
        lines = turtle(_bounded(subject, by_subject), SHAPE_PREFIXES).decode().splitlines()
        statements = "\n".join(line for line in lines if not line.startswith("@prefix")).strip()
        name, short = subject.value[len(SHAPES) :], curie(subject.value, SHAPE_PREFIXES)
        shapes.append(Shape(name, short, ", ".join(kinds), _english_first(texts), statements))
    return shapes


def _is_text(predicate: ox.NamedNode, value: object) -> bool:
    return predicate in (RDFS.label, RDFS.comment, sh.message) and isinstance(value, ox.Literal)


def _english_first(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(texts, key=lambda text: text[0] != "en")


def _bounded(subject: ox.NamedNode, by_subject: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]]) -> list[ox.Triple]:
    """A shape's concise bounded description: its statements, and those of the blank nodes they reach."""
    found: list[ox.Triple] = []
    pending: list[ox.NamedNode | ox.BlankNode] = [subject]
    seen: set[ox.NamedNode | ox.BlankNode] = {subject}
    while pending:
        for triple in by_subject.get(pending.pop(), []):
            found.append(triple)
            if isinstance(triple.object, ox.BlankNode) and triple.object not in seen:
                seen.add(triple.object)
                pending.append(triple.object)
    return found
