"""The one interface to a triple store, whether it lives in this process (Oxigraph) or behind an endpoint.

Everything above the store layer (the command line, the server, the saved queries, the release) reaches the
data through it: a query (with the dataset it reads and a row cap), the triples about a resource, statistics of
the default graph, and a query answered in a format within the store's limits, for the SPARQL endpoint.
Two implementations: EmbeddedStore (embedded.py) and RemoteStore (remote.py); pipeline/plan_store.py chooses
between them and fills the embedded one: this layer only stores and answers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from plan_graph.graph.formats import Format
from plan_graph.settings import DEFAULTS
from plan_graph.stores.results import QueryResult, SelectResult

DEFAULT_TIMEOUT = DEFAULTS.timeout  # seconds a query of the endpoint may run
DEFAULT_MAX_ROWS = DEFAULTS.max_rows  # results the endpoint sends at most


@dataclass(frozen=True)
class QueryRequest:
    """A query of the SPARQL endpoint: answered in `format`, on the dataset the protocol named, within limits."""

    query: str
    format: Format
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    max_rows: int = DEFAULT_MAX_ROWS


@dataclass(frozen=True)
class QueryReply:
    """The answer: 200 with the serialised results, or an error status with a message."""

    status: int
    media_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    truncated: bool = False
    seconds: float = 0.0  # what running the query and writing its answer took the store (the worker), if known


class Store(ABC):
    """A triple store plan-graph reads from. Its default graph is the plan (and what was loaded beside it)."""

    @abstractmethod
    def query(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        max_rows: int | None = None,
    ) -> QueryResult:
        """The results of a SPARQL query, held in memory; InvalidQueryError or a StoreError when it fails."""

    @abstractmethod
    def triples(
        self, subject: str | None = None, obj: str | None = None, graph: str | None = None, limit: int | None = None
    ) -> list[ox.Triple]:
        """The triples with this subject or object, in any graph (or in `graph`), each once, in a stable order."""

    @abstractmethod
    async def answer(self, request: QueryRequest) -> QueryReply:
        """A query of the SPARQL endpoint answered in its format, within the store's limits (time, rows)."""

    async def start(self) -> None:  # noqa: B027 -- most stores need nothing to start
        """Ready to answer (the embedded store starts its query workers)."""

    async def stop(self) -> None:  # noqa: B027 -- nor to stop
        """Done answering."""

    def content_digest(self) -> str | None:
        """A digest of everything the store holds, when that cannot change while it is open (answers and pages may
        then be kept, with entity tags derived from it); None for a store others may write to meanwhile."""
        return None

    def check_default_graphs(self) -> list[str]:
        """What a consumer must know of the graphs its queries read as the default graph: warnings, or an error when
        they hold nothing (a remote store asked for graphs it lacks); the embedded store holds its own."""
        return []

    def select(self, query: str) -> SelectResult:
        result = self.query(query)
        if not isinstance(result, SelectResult):
            raise TypeError("not a SELECT query")
        return result
