"""Oxigraph's terms and triples, as the whole build uses them: read from the project's Turtle files, written as
sorted N-Triples and as Turtle with the project's prefixes, looked up by pattern."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from plan_graph.graph.names import PREFIXES, rebased
from plan_graph.graph.stored import sorted_ntriples
from plan_graph.resources import project_dir

Subject = ox.NamedNode | ox.BlankNode
Term = ox.NamedNode | ox.BlankNode | ox.Literal  # what a triple's object is here (no RDF-star)
Statement = tuple[Subject, ox.NamedNode, Term]  # a triple as the mappings state it


def bundled_turtle(path: Path) -> list[ox.Triple]:
    """The triples of one of the project's own Turtle files (ontology/, shapes/), its IRIs under this run's base,
    its blank nodes its own (files read together never share one by its label)."""
    text = rebased(path.read_text(encoding="utf-8"))
    return [quad.triple for quad in ox.parse(text, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)]


def carried(files: tuple[str, ...]) -> list[ox.Triple]:
    """The statements of project files ("ontology/x.ttl"): a companion graph carries the model and the codes it
    uses, so that it is complete on its own."""
    return [triple for relative in files for triple in _project_file(relative)]


def carried_lines(files: tuple[str, ...]) -> list[bytes]:
    """The statements of project files as N-Triples lines: what a companion graph made as N-Triples (the build's)
    carries."""
    return cast(bytes, ox.serialize(carried(files), format=ox.RdfFormat.N_TRIPLES)).splitlines(keepends=True)


@cache
def _project_file(relative: str) -> tuple[ox.Triple, ...]:
    """A project file's triples, parsed once per process: every reporting round carries the same model."""
    folder, name = relative.split("/")
    return tuple(bundled_turtle(project_dir(folder) / name))


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """The triples as N-Triples, each once, its lines sorted: the same graph always gives the same bytes."""
    written = cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    return sorted_ntriples(written.splitlines(keepends=True))


def serialized(triples: Iterable[ox.Triple], rdf_format: ox.RdfFormat, prefixes: dict[str, str] = PREFIXES) -> bytes:
    """The triples in a format, with `prefixes` where the format has them (Turtle, RDF/XML); the same bytes for the
    same graph on every run: its blank nodes named canonically (RDFC-1.0), its triples in the order of their
    N-Triples."""
    given = list(triples)
    if any(isinstance(term, ox.BlankNode) for triple in given for term in (triple.subject, triple.object)):
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in given)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        given = [quad.triple for quad in dataset]
    given.sort(key=str)
    with_prefixes = rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
    return cast(bytes, ox.serialize(given, format=rdf_format, prefixes=prefixes if with_prefixes else None))


def turtle(triples: Iterable[ox.Triple], prefixes: dict[str, str] = PREFIXES) -> bytes:
    """The triples as Turtle, for people: with `prefixes`, the same bytes on every run (serialized)."""
    return serialized(triples, ox.RdfFormat.TURTLE, prefixes)


class TripleIndex:
    """Triples looked up by pattern (an in-memory Oxigraph store's default graph): the ontology's documentation,
    the reasoner's report."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.store = ox.Store()
        self.store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)

    def _matching(self, subject: Subject | None, predicate: ox.NamedNode | None, value: Term | None) -> list[ox.Quad]:
        return list(self.store.quads_for_pattern(subject, predicate, value, ox.DefaultGraph()))

    def triples(self) -> list[ox.Triple]:
        return [quad.triple for quad in self._matching(None, None, None)]

    def objects(self, subject: Subject | None, predicate: ox.NamedNode | None) -> list[Term]:
        return [cast(Term, quad.object) for quad in self._matching(subject, predicate, None)]

    def subjects(self, predicate: ox.NamedNode | None, value: Term | None) -> list[Subject]:
        return [cast(Subject, quad.subject) for quad in self._matching(None, predicate, value)]

    def predicates(self, subject: Subject | None, value: Term | None) -> list[ox.NamedNode]:
        return [quad.predicate for quad in self._matching(subject, None, value)]

    def value(self, subject: Subject, predicate: ox.NamedNode) -> Term | None:
        return next(iter(self.objects(subject, predicate)), None)

    def items(self, head: Term) -> list[Term]:
        """The members of an RDF list (rdf:first, rdf:rest), from its head."""
        first, rest, nil = (ox.NamedNode(PREFIXES["rdf"] + name) for name in ("first", "rest", "nil"))
        members: list[Term] = []
        seen: set[Term] = set()
        node: Term | None = head
        while isinstance(node, ox.NamedNode | ox.BlankNode) and node != nil and node not in seen:  # a cycle ends it
            seen.add(node)
            members.extend(self.objects(node, first))
            node = self.value(node, rest)
        return members
