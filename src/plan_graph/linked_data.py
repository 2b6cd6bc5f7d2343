"""Dereferencing the IRIs the graph mints: what the store says about one resource, and where it points.

The server answers for every IRI under the minted root (https://w3id.org/plan-graph/): a request path
is the IRI's path, `--public-base` says where the server is, and links in pages are mapped back to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .namespaces import DCTERMS, PG, PROV, RDF, RDFS, SKOS
from .results import GraphResult, Value
from .store import from_oxigraph

MINTED_ROOT = "https://w3id.org/plan-graph/"
ONTOLOGY = "https://w3id.org/plan-graph/ontology"
LABELS = (str(SKOS.prefLabel), str(DCTERMS.title), str(RDFS.label))


@dataclass(frozen=True)
class Statement:
    predicate: Value
    value: Value


@dataclass(frozen=True)
class Description:
    iri: str
    outgoing: list[Statement]
    incoming: list[tuple[Value, Value]]  # (subject, predicate)
    incoming_total: int
    source_line: tuple[int, str] | None  # the printed line it was read from, if any

    def values(self, predicate: str) -> list[Value]:
        return [s.value for s in self.outgoing if s.predicate.value == predicate]


@dataclass(frozen=True)
class Addresses:
    """Canonical IRIs ↔ this server's URLs."""

    public_base: str  # e.g. http://127.0.0.1:8000/ (with a trailing slash)

    def iri_for_path(self, path: str) -> str:
        return MINTED_ROOT + path.lstrip("/")

    def href(self, iri: str) -> str:
        if iri.startswith(MINTED_ROOT):
            return self.public_base + iri[len(MINTED_ROOT) :]
        return iri

    @property
    def endpoint(self) -> str:
        return self.public_base + "sparql"


class LinkedData:
    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def exists(self, iri: str) -> bool:
        try:
            node = ox.NamedNode(iri)
        except ValueError:  # not an IRI at all ("<", spaces …): certainly not one of ours
            return False
        return any(True for _ in self.store.quads_for_pattern(node, None, None, None))

    def describe(self, iri: str, incoming_limit: int = 200) -> Description:
        node = ox.NamedNode(iri)
        outgoing = [
            Statement(from_oxigraph(quad.predicate), from_oxigraph(quad.object))
            for quad in self.store.quads_for_pattern(node, None, None, None)
        ]
        outgoing = sorted(set(outgoing), key=lambda s: (s.predicate.value, s.value.lang or "", s.value.value))
        incoming_quads = self.store.quads_for_pattern(None, None, node, None)
        incoming = []
        total = 0
        for quad in incoming_quads:
            total += 1
            if len(incoming) < incoming_limit:
                incoming.append((from_oxigraph(quad.subject), from_oxigraph(quad.predicate)))
        incoming = sorted(set(incoming), key=lambda pair: (pair[1].value, pair[0].value))
        return Description(iri, outgoing, incoming, total, self.source_line(iri))

    def graph(self, iri: str) -> GraphResult:
        """The concise bounded description: the resource's own statements, through blank nodes."""
        triples = []
        pending = [ox.NamedNode(iri)]
        seen = set()
        while pending:
            subject = pending.pop()
            if subject in seen:
                continue
            seen.add(subject)
            for quad in self.store.quads_for_pattern(subject, None, None, None):
                triples.append((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
                if isinstance(quad.object, ox.BlankNode):
                    pending.append(quad.object)
        return GraphResult(triples)

    def ontology_graph(self) -> GraphResult:
        quads = self.store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY))
        return GraphResult(
            [(from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)) for q in quads]
        )

    def labels(self, iri: str) -> dict[str, str]:
        """A resource's label per language ("ro", "en", "" for no language)."""
        found: dict[str, str] = {}
        node = ox.NamedNode(iri)
        for predicate in LABELS:
            for quad in self.store.quads_for_pattern(node, ox.NamedNode(predicate), None, None):
                if isinstance(quad.object, ox.Literal):
                    found.setdefault(quad.object.language or "", quad.object.value)
        return found

    def label(self, iri: str) -> str | None:
        labels = self.labels(iri)
        if labels:
            return labels.get("ro") or labels.get("en") or next(iter(labels.values()))
        notation = self._one(iri, str(SKOS.notation))
        return notation

    def source_line(self, iri: str) -> tuple[int, str] | None:
        """The printed line a resource was read from: its own, or its activity's (indicators, deadlines …)."""
        line = self._one_node(iri, str(PROV.wasDerivedFrom))
        if line is None:
            for quad in self.store.quads_for_pattern(None, None, ox.NamedNode(iri), None):
                if isinstance(quad.subject, ox.NamedNode):
                    line = self._one_node(quad.subject.value, str(PROV.wasDerivedFrom))
                    if line is not None:
                        break
        if line is None:
            return None
        number = self._one(line, str(PG.lineNumber))
        text = self._one(line, str(PROV.value))
        return (int(number), text or "") if number else None

    def _one(self, iri: str, predicate: str) -> str | None:
        for quad in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate), None, None):
            return quad.object.value
        return None

    def _one_node(self, iri: str, predicate: str) -> str | None:
        for quad in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate), None, None):
            if isinstance(quad.object, ox.NamedNode):
                return quad.object.value
        return None

    def types(self, iri: str) -> list[str]:
        return [
            q.object.value
            for q in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(str(RDF.type)), None, None)
        ]
