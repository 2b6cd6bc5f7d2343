"""Dereferencing the IRIs the graph mints: what the store says about one resource, and where it points.

What a page shows of a resource it has no special view for (views.py): its statements, what refers to it, its
labels and the printed line it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from plan_graph.errors import UsageError
from plan_graph.graph.names import ONTOLOGY
from plan_graph.graph.vocab import DCTERMS, PG, PROV, RDF, RDFS, SKOS
from plan_graph.stores.base import Store
from plan_graph.stores.results import GraphResult, Term

LABELS = (SKOS.prefLabel.value, DCTERMS.title.value, RDFS.label.value)


@dataclass(frozen=True)
class Statement:
    predicate: ox.NamedNode
    value: Term


@dataclass(frozen=True)
class Description:
    iri: str
    outgoing: list[Statement]
    incoming: list[tuple[Term, ox.NamedNode]]  # (subject, predicate)
    more_incoming: bool  # more refer to it than `incoming` lists (only that: they are not counted)
    source_line: tuple[int, str] | None  # the printed line it was read from, if any

    def values(self, predicate: str) -> list[Term]:
        return [s.value for s in self.outgoing if s.predicate.value == predicate]


class _Remembered:
    """A store's look-ups, each made once. A page asks about the same resources many times (its labels, types
    and source line, each value's label), which over a remote store is one HTTP request each; made per page, so
    that nothing stale outlives it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._answers: dict[tuple[str | None, str | None, str | None, int | None], list[ox.Triple]] = {}

    def triples(
        self, subject: str | None = None, obj: str | None = None, graph: str | None = None, limit: int | None = None
    ) -> list[ox.Triple]:
        key = (subject, obj, graph, limit)
        if key not in self._answers:
            self._answers[key] = self.store.triples(subject=subject, obj=obj, graph=graph, limit=limit)
        return self._answers[key]


class LinkedData:
    """What a store says about one resource: its statements, what refers to it, its labels, its printed line."""

    def __init__(self, store: Store | _Remembered) -> None:
        self.source = store

    def for_one_page(self) -> LinkedData:
        """The same data, each look-up made once while one page is rendered."""
        store = self.source.store if isinstance(self.source, _Remembered) else self.source
        return LinkedData(_Remembered(store))

    def exists(self, iri: str) -> bool:
        try:
            return bool(self.source.triples(subject=iri, limit=1))
        except (ValueError, UsageError):  # not an IRI at all ("<", spaces …): certainly not one of ours
            return False

    def describe(self, iri: str, incoming_limit: int = 200) -> Description:
        outgoing = [Statement(p, o) for s, p, o in self.source.triples(subject=iri)]
        outgoing.sort(key=lambda s: (s.predicate.value, _language(s.value), _lexical(s.value)))
        referring = self.source.triples(obj=iri, limit=incoming_limit + 1)
        incoming = sorted(
            ((s, p) for s, p, _ in referring[:incoming_limit]), key=lambda pair: (pair[1].value, _lexical(pair[0]))
        )
        return Description(iri, outgoing, incoming, len(referring) > incoming_limit, self.source_line(iri))

    def graph(self, iri: str) -> GraphResult:
        """The concise bounded description: the resource's own statements, through blank nodes."""
        return GraphResult(self.source.triples(subject=iri))

    def ontology_graph(self) -> GraphResult:
        return GraphResult(self.source.triples(graph=ONTOLOGY))

    def labels(self, iri: str) -> dict[str, str]:
        """A resource's label per language ("ro", "en", "" for no language)."""
        found: dict[str, str] = {}
        statements = self.source.triples(subject=iri)
        for predicate in LABELS:
            for _, p, o in statements:
                if p.value == predicate and isinstance(o, ox.Literal):
                    found.setdefault(o.language or "", o.value)
        return found

    def label(self, iri: str) -> str | None:
        labels = self.labels(iri)
        if labels:
            return labels.get("ro") or labels.get("en") or next(iter(labels.values()))
        return self._one(iri, SKOS.notation.value)

    def source_line(self, iri: str) -> tuple[int, str] | None:
        """The printed line a resource was read from: its own, or its activity's (indicators, deadlines …)."""
        line = self._one(iri, PROV.wasDerivedFrom.value)
        if line is None:
            for subject, _, _ in self.source.triples(obj=iri, limit=50):
                if isinstance(subject, ox.NamedNode) and (line := self._one(subject.value, PROV.wasDerivedFrom.value)):
                    break
        if line is None:
            return None
        number = self._one(line, PG.lineNumber.value)
        text = self._one(line, PROV.value.value)
        return (int(number), text or "") if number and number.isdigit() else None

    def types(self, iri: str) -> list[str]:
        return [o.value for _, p, o in self.source.triples(subject=iri) if p.value == RDF.type.value]

    def _one(self, iri: str, predicate: str) -> str | None:
        for _, p, o in self.source.triples(subject=iri):
            if p.value == predicate:
                return _lexical(o)
        return None


def _lexical(term: Term) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(term)


def _language(term: Term) -> str:
    return (term.language or "") if isinstance(term, ox.Literal) else ""
