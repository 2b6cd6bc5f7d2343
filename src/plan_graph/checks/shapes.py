"""The SHACL shapes as the validator reads them: Oxigraph's terms in a small index, subject → predicate → values.

The shapes are a thousand triples read a few hundred times while they are compiled to queries. Parsed by
Oxigraph into this index they need no rdflib term at all, which were most of the cost of reading them (bench/
times the validation stage). shapes_triples() gives their triples, which rdflib's door (graph/rdflib_door.py)
turns into an rdflib graph for the tests' oracle (pyshacl).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from plan_graph.errors import PlanGraphError
from plan_graph.graph.terms import bundled_turtle
from plan_graph.graph.vocab import RDF, XSD, Vocabulary
from plan_graph.resources import project_dir

Subject = ox.NamedNode | ox.BlankNode
Value = ox.NamedNode | ox.BlankNode | ox.Literal


class UnsupportedShapeError(PlanGraphError):
    """A shape the engine on Oxigraph cannot read or compile: it is refused, naming the shape and the construct,
    never skipped."""


SH = "http://www.w3.org/ns/shacl#"
sh = Vocabulary(SH)  # `sh.minCount`, `sh["class"]`
rdf = RDF
TRUE = ox.Literal("true", datatype=XSD.boolean)


class Shapes:
    """Shapes graph triples, indexed by subject; the lookups SHACL needs (values, members of a list)."""

    def __init__(self, triples: Iterable[tuple[Subject, ox.NamedNode, Value]]) -> None:
        self._by_subject: dict[Subject, dict[ox.NamedNode, list[Value]]] = {}
        for subject, predicate, value in triples:
            values = self._by_subject.setdefault(subject, {}).setdefault(predicate, [])
            if value not in values:  # a triple stated in two files is one triple
                values.append(value)

    def objects(self, subject: Value, predicate: ox.NamedNode) -> list[Value]:
        return self._by_subject.get(subject, {}).get(predicate, []) if not isinstance(subject, ox.Literal) else []

    def value(self, subject: Value, predicate: ox.NamedNode) -> Value | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def holds(self, subject: Value, predicate: ox.NamedNode, value: Value) -> bool:
        return value in self.objects(subject, predicate)

    def is_true(self, subject: Value, predicate: ox.NamedNode) -> bool:
        """Whether the shapes say `subject predicate true` (sh:deactivated, sh:uniqueLang)."""
        return self.holds(subject, predicate, TRUE)

    def predicate_objects(self, subject: Value) -> Iterator[tuple[ox.NamedNode, Value]]:
        if isinstance(subject, ox.Literal):
            return
        for predicate, values in self._by_subject.get(subject, {}).items():
            for value in values:
                yield predicate, value

    def pairs(self, subject: Value) -> list[tuple[ox.NamedNode, Value]]:
        return list(self.predicate_objects(subject))

    def subjects(self, predicate: ox.NamedNode, value: Value | None = None) -> list[Subject]:
        """The subjects with `predicate` (and `value`, when given), in a stable order: by their text."""
        return sorted(
            (
                s
                for s, by_predicate in self._by_subject.items()
                if predicate in by_predicate and (value is None or value in by_predicate[predicate])
            ),
            key=str,
        )

    def subject_objects(self, predicate: ox.NamedNode) -> list[tuple[Subject, Value]]:
        return [(subject, value) for subject in self.subjects(predicate) for value in self.objects(subject, predicate)]

    def name(self, shape: Value, depth: int = 0) -> str:
        """A shape as an error names it: its IRI, or a blank node by the shape it is in and its path
        ("<…#S>'s sh:property on <…#p>")."""
        if not isinstance(shape, ox.BlankNode) or depth > 8:
            return str(shape)
        path = self.value(shape, sh.path)
        on = f" on {path}" if isinstance(path, ox.NamedNode) else ""
        node: Value = shape
        for _ in range(len(self._by_subject)):  # up an RDF list (sh:or, sh:in …) to what holds it
            found = self._referrer(node)
            if found is None:
                break
            subject, predicate = found
            if predicate not in (rdf.first, rdf.rest):
                label = predicate.value.replace(SH, "sh:")
                return f"{self.name(subject, depth + 1)}'s {label}{on}"
            node = subject
        return f"the shape {shape}{on}"

    def _referrer(self, node: Value) -> tuple[Subject, ox.NamedNode] | None:
        for subject, by_predicate in self._by_subject.items():
            for predicate, values in by_predicate.items():
                if node in values:
                    return subject, predicate
        return None

    def members(self, node: Value) -> list[Value]:
        """The members of an RDF list (sh:or, sh:languageIn), in order."""
        members: list[Value] = []
        while node != rdf.nil:
            first = self.value(node, rdf.first)
            rest = self.value(node, rdf.rest)
            if first is None or rest is None or len(members) > len(self._by_subject):
                raise UnsupportedShapeError(f"{node} is not a well-formed RDF list in the shapes")
            members.append(first)
            node = rest
        return members


def shapes_triples(folder: Path | None = None) -> list[ox.Triple]:
    """The triples of the Turtle files of `folder` (the project's shapes/), parsed by Oxigraph, file by file (by
    name), each file's blank nodes its own."""
    folder = folder or project_dir("shapes")
    return [triple for path in sorted(folder.glob("*.ttl")) for triple in bundled_turtle(path)]


def read_shapes(folder: Path | None = None) -> Shapes:
    """The shapes of `folder` (the project's shapes/), read into the index."""
    return Shapes(_triples(shapes_triples(folder)))


def shapes_of(triples: Iterable[ox.Triple]) -> Shapes:
    """Shapes given as triples (a caller's own)."""
    return Shapes(_triples(triples))


def _triples(triples: Iterable[ox.Triple]) -> Iterator[tuple[Subject, ox.NamedNode, Value]]:
    for triple in triples:
        if not isinstance(triple.subject, ox.Triple) and not isinstance(triple.object, ox.Triple):
            yield triple.subject, triple.predicate, triple.object
