"""The store in this process: Oxigraph, in memory or in a folder. The default, and the fastest.

Questions from this program (the command line, pages, statistics) run here, in process. The SPARQL endpoint's
queries come from anyone, so they run in worker processes with their own read-only copy of the data
(workers.py): a query past its time limit is stopped by killing its worker, which Oxigraph's native code
would not allow in a thread.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from plan_graph.errors import InputError, InvalidQueryError, QueryTimeoutError, StoreRefusedError
from plan_graph.settings import DEFAULTS
from plan_graph.stores.base import DEFAULT_TIMEOUT, QueryReply, QueryRequest, Store
from plan_graph.stores.results import QueryResult, materialised
from plan_graph.stores.sparql_text import malformed
from plan_graph.stores.workers import DEFAULT_MEMORY, StoreSource, WorkerPool, dataset_options

RDF_FILES = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


class EmbeddedStore(Store):
    """An Oxigraph store in this process; `source` says where query workers find the same data."""

    def __init__(
        self,
        store: ox.Store | None = None,
        source: StoreSource | None = None,
        workers: int = DEFAULTS.workers,
        timeout: float = DEFAULT_TIMEOUT,
        memory: int = DEFAULT_MEMORY,
    ) -> None:
        self.store = store if store is not None else ox.Store()
        self.source = source
        self.workers, self.timeout, self.memory = workers, timeout, memory
        self._pool: WorkerPool | None = None
        self._dump: tempfile.TemporaryDirectory[str] | None = None

    def load_ntriples(self, data: bytes, graph: str | None = None) -> None:
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        self.source = None  # the workers' copy no longer matches

    def load_folder(self, folder: Path) -> int:
        """Load every RDF file of a folder (.ttl, .nt, .rdf, .owl) into the default graph; the number of files."""
        paths = sorted(p for p in folder.iterdir() if p.suffix in RDF_FILES) if folder.is_dir() else []
        if not paths:
            raise InputError(f"{folder}: no RDF files (.ttl, .nt, .rdf, .owl) there")
        for path in paths:
            try:
                self.store.bulk_load(path=str(path), format=RDF_FILES[path.suffix])
            except SyntaxError as error:
                raise InputError(f"{path}: not valid RDF: {error}") from error
        self.source = None  # the workers' copy no longer matches
        return len(paths)

    def content_digest(self) -> str:
        """A SHA-256 of everything the store holds, in a canonical order: what an answer's ETag is derived from
        (the same data gives the same digest on every start; other data, another)."""
        import hashlib

        quads = sorted(str(quad) for quad in self.store.quads_for_pattern(None, None, None, None))
        digest = hashlib.sha256()
        for line in quads:
            digest.update(line.encode())
            digest.update(b"\n")
        return digest.hexdigest()

    def __len__(self) -> int:
        return len(self.store)

    def query(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        max_rows: int | None = None,
    ) -> QueryResult:
        try:
            return materialised(self.store.query(query, **dataset_options(default_graphs, named_graphs)), max_rows)
        except SyntaxError as error:
            raise InvalidQueryError(malformed(query, error)) from error
        except OSError as error:
            raise StoreRefusedError(f"the store could not run the query: {error}") from error

    def triples(
        self, subject: str | None = None, obj: str | None = None, graph: str | None = None, limit: int | None = None
    ) -> list[ox.Triple]:
        quads = self.store.quads_for_pattern(
            ox.NamedNode(subject) if subject else None,
            None,
            ox.NamedNode(obj) if obj else None,
            ox.NamedNode(graph) if graph else None,
        )
        found: dict[ox.Triple, None] = {}  # ordered, and without the copies other graphs hold
        for quad in quads:
            found[quad.triple] = None
            if limit and len(found) >= limit:
                break
        return list(found)

    async def start(self) -> None:
        if self._pool is None:
            self._pool = WorkerPool(self._worker_source(), size=self.workers, timeout=self.timeout, memory=self.memory)
            await self._pool.start()

    async def stop(self) -> None:
        if self._pool is not None:
            await self._pool.stop()
            self._pool = None
        if self._dump is not None:
            self._dump.cleanup()
            self._dump = None

    async def answer(self, request: QueryRequest) -> QueryReply:
        if self._pool is None:
            await self.start()
        assert self._pool is not None
        try:
            return await self._pool.run(request)
        except QueryTimeoutError as error:
            return QueryReply(503, body=str(error).encode())

    def _worker_source(self) -> StoreSource:
        """Where the workers load the data from: the given source, or a dump of this store made now."""
        if self.source is not None:
            return self.source
        self._dump = tempfile.TemporaryDirectory(prefix="plan-graph-store-")
        path = Path(self._dump.name) / "dataset.nq"
        self.store.dump(str(path), format=ox.RdfFormat.N_QUADS)
        return StoreSource(quads=(path,))
