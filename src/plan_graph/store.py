"""Where the graph lives for querying. One small interface; the embedded pyoxigraph store implements it.

A remote SPARQL 1.1 endpoint is the other implementation (see the issues on remote stores).
"""

from __future__ import annotations

from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph

from .results import SelectResult, Value


class QueryError(ValueError):
    """The store refused or could not run a query; the message is the store's own."""


class SparqlStore(Protocol):
    def select(self, query: str, bindings: dict[str, Value] | None = None) -> SelectResult: ...


def _to_oxigraph(value: Value) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if value.kind == "uri":
        return ox.NamedNode(value.value)
    if value.kind == "bnode":
        return ox.BlankNode(value.value)
    if value.lang:
        return ox.Literal(value.value, language=value.lang)
    if value.datatype:
        return ox.Literal(value.value, datatype=ox.NamedNode(value.datatype))
    return ox.Literal(value.value)


def _from_oxigraph(term: object) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Value("literal", term.value, term.datatype.value, term.language)
    raise QueryError(f"unsupported term in results: {term!r}")


class EmbeddedStore:
    """An in-process Oxigraph store (in memory, or on disk when given a folder)."""

    def __init__(self, path: str | None = None) -> None:
        self.store = ox.Store(path) if path else ox.Store()

    @classmethod
    def from_graph(cls, graph: Graph) -> EmbeddedStore:
        store = cls()
        store.load_graph(graph)
        return store

    def load_graph(self, graph: Graph) -> None:
        data = graph.serialize(format="nt", encoding="utf-8")
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return len(self.store)

    def select(self, query: str, bindings: dict[str, Value] | None = None) -> SelectResult:
        substitutions = {ox.Variable(name): _to_oxigraph(value) for name, value in (bindings or {}).items()}
        try:
            solutions = self.store.query(query, substitutions=substitutions or None)
        except SyntaxError as error:
            raise QueryError(f"malformed query: {error}") from error
        except OSError as error:
            raise QueryError(f"the store could not run the query: {error}") from error
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = [variable.value for variable in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in variables:
                term = solution[name]
                if term is not None:
                    row[name] = _from_oxigraph(term)
            rows.append(row)
        return SelectResult(variables, rows)
