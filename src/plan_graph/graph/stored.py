"""The built graph as sorted N-Triples and in an Oxigraph store, made once per build."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

DEFAULT_GRAPH = ox.DefaultGraph()
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class StoredGraph:
    """A graph's triples as sorted N-Triples and in an Oxigraph store.

    Validation queries the store and the outputs are written from it, so the triples are written as N-Triples
    once, not once per use. The plan's and the companions' are written so by the mapping itself, other triples by
    Oxigraph's serializer. Sorted, because the same graph must give the same bytes on every run, whatever order its
    triples were stated in. The triples are `graph` of the store: its default graph, or in
    a build a named graph of the build's one store, beside the ontology and the entailments.
    """

    ntriples: bytes
    store: ox.Store
    graph: ox.NamedNode | ox.DefaultGraph = DEFAULT_GRAPH

    def triples(self) -> list[ox.Triple]:
        """The triples, as the store holds them (in its graph only, its blank nodes as the store names them), in
        the order of their N-Triples: the same order on every run."""
        found = (quad.triple for quad in self.store.quads_for_pattern(None, None, None, self.graph))
        return sorted(found, key=str)

    def instances(self, cls: str) -> set[ox.NamedNode | ox.BlankNode | ox.Triple]:
        """The resources the graph types as `cls` (an IRI)."""
        typed = self.store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(cls), self.graph)
        return {quad.subject for quad in typed}

    def values(self, predicate: str) -> set[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
        """The distinct values of a property (an IRI) in the graph."""
        return {quad.object for quad in self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, self.graph)}


def stored_triples(triples: Iterable[ox.Triple]) -> StoredGraph:
    """Triples (a mapping's, a file's) as a StoredGraph of their own, their blank nodes named as the caller named
    them (loading N-Triples would name them anew): what is said of one, a validation result, can be traced back."""
    given = list(triples)
    written = cast(bytes, ox.serialize(given, format=ox.RdfFormat.N_TRIPLES))  # no output given: the bytes
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, DEFAULT_GRAPH) for t in given)
    return StoredGraph(sorted_ntriples(written.splitlines(keepends=True)), store, DEFAULT_GRAPH)


def stored_lines(
    lines: Iterable[bytes], store: ox.Store | None = None, graph: ox.NamedNode | ox.DefaultGraph = DEFAULT_GRAPH
) -> StoredGraph:
    """N-Triples lines (a triple stated twice among them is kept once), sorted, and in a store: a new one, or
    `store`'s `graph`."""
    ntriples = sorted_ntriples(lines)
    store = store if store is not None else ox.Store()
    # load, not bulk_load: given bytes, pyoxigraph's bulk_load keeps the GIL and load lets other threads run
    # (the build loads on one thread while it maps on another); in memory, load is no slower
    store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return StoredGraph(ntriples, store, graph)


def sorted_ntriples(lines: Iterable[bytes]) -> bytes:
    """N-Triples lines sorted, each once: the same graph always gives the same bytes."""
    return b"".join(sorted(set(lines)))
