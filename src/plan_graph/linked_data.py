"""Dereferencing the IRIs the graph mints: what the store says about one resource, and where it points.

The server answers for every IRI under the minted root (https://w3id.org/plan-graph/): a request path
is the IRI's path, `--public-base` says where the server is, and links in pages are mapped back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from .binding import BindingError, term
from .namespaces import DCTERMS, PG, PROV, RDF, RDFS, SKOS
from .remote import RemoteStore
from .results import GraphResult, Value
from .store import from_oxigraph

Triple = tuple[Value, Value, Value]

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
    more_incoming: bool  # more refer to it than `incoming` lists (only that: they are not counted)
    source_line: tuple[int, str] | None  # the printed line it was read from, if any

    def values(self, predicate: str) -> list[Value]:
        return [s.value for s in self.outgoing if s.predicate.value == predicate]


@dataclass(frozen=True)
class Addresses:
    """Canonical IRIs ↔ this server's URLs."""

    public_base: str  # e.g. http://127.0.0.1:8000/ (with a trailing slash)

    def iri_for_path(self, path: str) -> str:
        return MINTED_ROOT + path.lstrip("/")

    def href(self, iri: str) -> str | None:
        """Where a page links an IRI: minted ones here, other web IRIs as they are. None for any other scheme:
        data may hold <javascript:…> or <data:…> IRIs, which must never become links a reader clicks."""
        if iri.startswith(MINTED_ROOT):
            return self.public_base + iri[len(MINTED_ROOT) :]
        return iri if iri.lower().startswith(("http://", "https://")) else None

    @property
    def endpoint(self) -> str:
        return self.public_base + "sparql"


class TripleSource(Protocol):
    """Where descriptions come from: all graphs of a store, embedded or remote."""

    def triples(self, subject: str | None = None, obj: str | None = None, graph: str | None = None,
                limit: int | None = None) -> list[Triple]: ...  # fmt: skip


class EmbeddedTriples:
    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def triples(self, subject: str | None = None, obj: str | None = None, graph: str | None = None,
                limit: int | None = None) -> list[Triple]:  # fmt: skip
        quads = self.store.quads_for_pattern(
            ox.NamedNode(subject) if subject else None, None, ox.NamedNode(obj) if obj else None,
            ox.NamedNode(graph) if graph else None,
        )  # fmt: skip
        found: dict[Triple, None] = {}  # ordered and without the copies other graphs hold
        for quad in quads:
            found[(from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object))] = None
            if limit and len(found) >= limit:
                break
        return list(found)


class RemoteTriples:
    """The same look-ups as SPARQL queries on a remote endpoint, over its default and named graphs."""

    def __init__(self, store: RemoteStore) -> None:
        self.store = store

    def triples(self, subject: str | None = None, obj: str | None = None, graph: str | None = None,
                limit: int | None = None) -> list[Triple]:  # fmt: skip
        s = term(Value("uri", subject)) if subject else "?s"
        o = term(Value("uri", obj)) if obj else "?o"
        pattern = f"{s} ?p {o}"
        where = (f"GRAPH {term(Value('uri', graph))} {{ {pattern} }}" if graph
                 else f"{{ {pattern} }} UNION {{ GRAPH ?g {{ {pattern} }} }}")  # fmt: skip
        variables = " ".join(name for name, fixed in (("?s", subject), ("?p", None), ("?o", obj)) if not fixed)
        query = f"SELECT DISTINCT {variables} WHERE {{ {where} }}"
        if limit:
            query += f" LIMIT {int(limit)}"
        result = self.store.select(query)
        found: dict[Triple, None] = {}
        for row in result.rows:
            triple = (row.get("s") or Value("uri", subject or ""), row["p"], row.get("o") or Value("uri", obj or ""))
            found[triple] = None
        return list(found)


class RememberingTriples:
    """A TripleSource that asks its source each question once. A page asks about the same resources many
    times (its labels, types and source line, each value's label), which over a remote store is one HTTP
    request each; made per page, so that nothing stale outlives it."""

    def __init__(self, source: TripleSource) -> None:
        self.source = source
        self._answers: dict[tuple, list[Triple]] = {}

    def triples(self, subject: str | None = None, obj: str | None = None, graph: str | None = None,
                limit: int | None = None) -> list[Triple]:  # fmt: skip
        key = (subject, obj, graph, limit)
        if key not in self._answers:
            self._answers[key] = self.source.triples(subject=subject, obj=obj, graph=graph, limit=limit)
        return self._answers[key]


class LinkedData:
    def __init__(self, source: TripleSource) -> None:
        self.source = source

    def for_one_page(self) -> LinkedData:
        """The same data, each look-up made once while one page is rendered."""
        return LinkedData(RememberingTriples(self.source))

    def exists(self, iri: str) -> bool:
        try:
            return bool(self.source.triples(subject=iri, limit=1))
        except (ValueError, BindingError):  # not an IRI at all ("<", spaces …): certainly not one of ours
            return False

    def describe(self, iri: str, incoming_limit: int = 200) -> Description:
        outgoing = [Statement(p, o) for _, p, o in self.source.triples(subject=iri)]
        outgoing.sort(key=lambda s: (s.predicate.value, s.value.lang or "", s.value.value))
        referring = self.source.triples(obj=iri, limit=incoming_limit + 1)
        incoming = sorted(
            ((s, p) for s, p, _ in referring[:incoming_limit]), key=lambda pair: (pair[1].value, pair[0].value)
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
                if p.value == predicate and o.kind == "literal":
                    found.setdefault(o.lang or "", o.value)
        return found

    def label(self, iri: str) -> str | None:
        labels = self.labels(iri)
        if labels:
            return labels.get("ro") or labels.get("en") or next(iter(labels.values()))
        return self._one(iri, str(SKOS.notation))

    def source_line(self, iri: str) -> tuple[int, str] | None:
        """The printed line a resource was read from: its own, or its activity's (indicators, deadlines …)."""
        line = self._one(iri, str(PROV.wasDerivedFrom))
        if line is None:
            for subject, _, _ in self.source.triples(obj=iri, limit=50):
                if subject.kind == "uri" and (line := self._one(subject.value, str(PROV.wasDerivedFrom))):
                    break
        if line is None:
            return None
        number = self._one(line, str(PG.lineNumber))
        text = self._one(line, str(PROV.value))
        return (int(number), text or "") if number and number.isdigit() else None

    def types(self, iri: str) -> list[str]:
        return [o.value for _, p, o in self.source.triples(subject=iri) if p.value == str(RDF.type)]

    def _one(self, iri: str, predicate: str) -> str | None:
        for _, p, o in self.source.triples(subject=iri):
            if p.value == predicate:
                return o.value
        return None
