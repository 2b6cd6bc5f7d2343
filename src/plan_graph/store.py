"""Where the graph lives for querying. One small interface; the embedded pyoxigraph store implements it.

A remote SPARQL 1.1 endpoint is the other implementation (see the issues on remote stores).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import Graph

from .results import AskResult, GraphResult, QueryResult, SelectResult, Value


class QueryError(ValueError):
    """The store refused or could not run a query; the message is the store's own."""


class QuerySyntaxError(QueryError):
    """The query is not SPARQL 1.1; the message has the parser's position."""


class SparqlStore(Protocol):
    def query(self, query: str) -> QueryResult: ...


@dataclass(frozen=True)
class StoredGraph:
    """An rdflib graph's triples as sorted N-Triples and in an Oxigraph store, made once per build.

    Validation queries the store and the outputs are written from it, so the graph is serialized by
    rdflib once, not once per use (the slow step: 18 ms of the plan's 30 ms here). Sorted, because
    rdflib's order follows Python's hash seed and the same graph must give the same bytes on every run.
    The plan's triples are the store's default graph; other graphs may be added beside it.
    """

    ntriples: bytes
    store: ox.Store


def stored_graph(graph: Graph) -> StoredGraph:
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    ntriples = b"".join(sorted(lines))
    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return StoredGraph(ntriples, store)


def from_oxigraph(term: object) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Value("literal", term.value, term.datatype.value, term.language)
    raise QueryError(f"unsupported term in results: {term!r}")


def results_of(outcome: object, max_rows: int | None = None) -> tuple[QueryResult, bool]:
    """An Oxigraph query's outcome as a result, and whether it was cut at `max_rows` rows or triples."""
    if isinstance(outcome, ox.QueryBoolean):
        return AskResult(bool(outcome)), False
    items: list = []
    truncated = False
    if isinstance(outcome, ox.QueryTriples):
        for triple in outcome:
            if max_rows is not None and len(items) >= max_rows:
                truncated = True
                break
            items.append(tuple(from_oxigraph(term) for term in triple))
        return GraphResult(items), truncated
    variables = [variable.value for variable in outcome.variables]
    for solution in outcome:
        if max_rows is not None and len(items) >= max_rows:
            truncated = True
            break
        items.append({name: from_oxigraph(solution[name]) for name in variables if solution[name] is not None})
    return SelectResult(variables, items), truncated


class EmbeddedStore:
    """An in-process Oxigraph store (in memory, or on disk when given a folder)."""

    def __init__(self, path: str | None = None) -> None:
        self.store = ox.Store(path) if path else ox.Store()

    @classmethod
    def wrapping(cls, store: ox.Store) -> EmbeddedStore:
        """This interface over an existing pyoxigraph store (in memory, or opened read-only)."""
        wrapper = cls.__new__(cls)
        wrapper.store = store
        return wrapper

    @classmethod
    def from_graph(cls, graph: Graph) -> EmbeddedStore:
        store = cls()
        store.load_graph(graph)
        return store

    def load_graph(self, graph: Graph) -> None:
        self.load_ntriples(graph.serialize(format="nt", encoding="utf-8"))

    def load_folder(self, folder: Path) -> int:
        """Load every RDF file of a folder (.ttl, .nt, .rdf, .owl) into the default graph; the number of files."""
        formats = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML,
                   ".owl": ox.RdfFormat.RDF_XML}  # fmt: skip
        paths = sorted(p for p in folder.iterdir() if p.suffix in formats) if folder.is_dir() else []
        if not paths:
            raise FileNotFoundError(f"{folder}: no RDF files (.ttl, .nt, .rdf, .owl) there")
        for path in paths:
            try:
                self.store.bulk_load(path=str(path), format=formats[path.suffix])
            except SyntaxError as error:
                raise QueryError(f"{path}: not valid RDF: {error}") from error
        return len(paths)

    def load_ntriples(self, data: bytes) -> None:
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, query: str) -> QueryResult:
        try:
            return results_of(self.store.query(query))[0]
        except SyntaxError as error:
            raise QuerySyntaxError(f"malformed query: {error}") from error
        except OSError as error:
            raise QueryError(f"the store could not run the query: {error}") from error

    def select(self, query: str) -> SelectResult:
        result = self.query(query)
        if not isinstance(result, SelectResult):
            raise QueryError("not a SELECT query")
        return result
