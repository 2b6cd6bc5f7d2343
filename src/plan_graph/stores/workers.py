"""Running untrusted SPARQL queries in worker processes, each with its own read-only copy of the store.

A query that runs past its time limit is stopped for real: its worker process is killed and a fresh
one takes its place, while the other workers go on serving. (Oxigraph evaluates a query in native
code that a Python thread cannot interrupt.) Each worker also has a memory limit and a row cap, and answers
in the format asked for, serialised by pyoxigraph, as bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypedDict

import pyoxigraph as ox

from plan_graph.errors import InvalidQueryError, QueryTimeoutError
from plan_graph.settings import DEFAULTS
from plan_graph.stores.base import DEFAULT_TIMEOUT, QueryReply, QueryRequest
from plan_graph.stores.sparql_text import malformed

DEFAULT_MEMORY = 2 * 1024**3  # bytes of address space per worker


@dataclass(frozen=True)
class StoreSource:
    """Where a worker finds the data: an Oxigraph folder (opened read-only), or files to load."""

    folder: Path | None = None
    default_graph: tuple[Path | bytes, ...] = ()  # N-Triples (a file, or its bytes) loaded into the default graph
    named_graphs: tuple[tuple[str, Path | bytes], ...] = ()  # (graph IRI, N-Triples)
    quads: tuple[Path, ...] = ()  # N-Quads: a whole dataset


class WorkerPool:
    """A fixed number of worker processes; requests wait for a free one.

    The idle workers are a stack: a request goes to the worker that finished last, whose caches are still warm.
    Taken in turn, every request of a lone client woke the worker idle the longest, whose caches had gone cold."""

    def __init__(
        self,
        source: StoreSource,
        size: int = DEFAULTS.workers,
        timeout: float = DEFAULT_TIMEOUT,
        memory: int = DEFAULT_MEMORY,
    ) -> None:
        self.source = source
        self.size = size
        self.timeout = timeout
        self.memory = memory
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.LifoQueue[_Worker] | None = None
        self._workers: list[_Worker] = []
        self._refills: set[asyncio.Task[None]] = set()  # replacements being started

    async def start(self) -> None:
        self._idle = asyncio.LifoQueue()
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(None, self._spawn) for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(child, self.source, self.memory), daemon=True, name="plan-graph-query"
        )
        process.start()
        child.close()
        if not parent.poll(120) or parent.recv() != "ready":
            process.kill()
            raise RuntimeError("a query worker failed to start")
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    async def run(self, request: QueryRequest) -> QueryReply:
        assert self._idle is not None, "start() the pool first"
        worker = await self._idle.get()
        kept = True  # goes back to the idle workers when done, unless retired
        try:
            if not worker.process.is_alive():  # died while idle (killed, out of memory): replaced before use
                worker = await self._replace(worker)
            worker.connection.send(request)
            if not await _reply_arrives(worker.connection, self.timeout):
                self._retire(worker)
                kept = False
                raise QueryTimeoutError(f"the query ran past the time limit of {self.timeout:g} s and was stopped")
            # the worker has finished and is writing its whole reply: reading it here does not wait on a query
            reply: QueryReply = worker.connection.recv()  # what _worker_main sends back
            return reply
        except (EOFError, OSError):
            # the worker died during the query (out of memory, or killed): the failure is reported at once
            self._retire(worker)
            kept = False
            return QueryReply(
                500, body=b"the query worker failed (killed, or out of memory); the query was not completed"
            )
        finally:
            if kept:
                self._idle.put_nowait(worker)

    async def _replace(self, worker: _Worker) -> _Worker:
        """A fresh worker in place of one that died, started now (a request is waiting for it)."""
        self._forget(worker)
        return await asyncio.get_running_loop().run_in_executor(None, self._spawn)

    def _retire(self, worker: _Worker) -> None:
        """Kills a worker and starts its replacement in the background, so that its client is answered without
        waiting for a new interpreter to load the store."""
        self._forget(worker)
        refill = asyncio.get_running_loop().create_task(self._refill(worker))
        self._refills.add(refill)
        refill.add_done_callback(self._refills.discard)

    async def _refill(self, dead: _Worker) -> None:
        try:
            worker = await asyncio.get_running_loop().run_in_executor(None, self._spawn)
        except RuntimeError:  # none can start now: the dead one goes back, to be replaced when next used
            worker = dead
        assert self._idle is not None, "only run() retires workers, once the pool started"
        self._idle.put_nowait(worker)

    def _forget(self, worker: _Worker) -> None:
        worker.kill()
        with contextlib.suppress(ValueError):
            self._workers.remove(worker)

    async def stop(self) -> None:
        for refill in list(self._refills):
            with contextlib.suppress(Exception):
                await refill
        for worker in self._workers:
            with contextlib.suppress(Exception):
                worker.connection.send(None)
        for worker in self._workers:
            worker.process.join(timeout=2)
            worker.kill()
        self._workers.clear()


async def _reply_arrives(connection: Connection, timeout: float) -> bool:
    """Whether the worker's reply (or its death: end of file) arrives within `timeout` seconds."""
    return await asyncio.get_running_loop().run_in_executor(None, connection.poll, timeout)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        with contextlib.suppress(OSError):
            self.connection.close()


def open_store(source: StoreSource) -> ox.Store:
    if source.folder is not None:
        return ox.Store.read_only(str(source.folder))
    return fill_store(ox.Store(), source)


def fill_store(store: ox.Store, source: StoreSource) -> ox.Store:
    """The source's files loaded into the store (in memory, or a new Oxigraph folder)."""
    for data in source.default_graph:
        _load(store, data, ox.RdfFormat.N_TRIPLES)
    for graph, data in source.named_graphs:
        _load(store, data, ox.RdfFormat.N_TRIPLES, ox.NamedNode(graph))
    for path in source.quads:
        _load(store, path, ox.RdfFormat.N_QUADS)
    return store


def _load(store: ox.Store, data: Path | bytes, rdf_format: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
    if isinstance(data, Path):
        store.bulk_load(path=str(data), format=rdf_format, to_graph=graph)
    else:
        store.bulk_load(data, format=rdf_format, to_graph=graph)


def _worker_main(connection: Connection, source: StoreSource, memory: int) -> None:
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    store = open_store(source)
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = execute(store, request)
        except MemoryError:
            reply = QueryReply(500, body=b"the query needed more memory than a worker may use")
        connection.send(reply)


def execute(store: ox.Store, request: QueryRequest) -> QueryReply:
    """Run one query on a pyoxigraph store and serialise its results (in a worker process)."""
    from plan_graph.errors import PlanGraphError
    from plan_graph.stores.results import serialize_outcome

    started = time.perf_counter()
    try:
        outcome = store.query(request.query, **dataset_options(request.default_graph_uris, request.named_graph_uris))
        body, truncated = serialize_outcome(outcome, request.format, request.max_rows)
    except SyntaxError as error:
        return QueryReply(400, body=malformed(request.query, error).encode())
    except PlanGraphError as error:  # a format that does not fit the result (406); an IRI that is not one (400)
        return QueryReply(error.http_status, body=str(error).encode())
    except OSError as error:
        return QueryReply(500, body=f"the store could not run the query: {error}".encode())
    except ValueError as error:  # e.g. an invalid IRI in default-graph-uri
        return QueryReply(400, body=str(error).encode())
    return QueryReply(
        200, request.format.media_type + "; charset=utf-8", body, truncated, time.perf_counter() - started
    )


class DatasetOptions(TypedDict, total=False):
    """The keyword arguments of Store.query() that name a query's dataset."""

    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
    named_graphs: list[ox.NamedNode | ox.BlankNode]


def dataset_options(default_graphs: Sequence[str], named_graphs: Sequence[str]) -> DatasetOptions:
    """Oxigraph's query options for the dataset the SPARQL protocol names (default-graph-uri, named-graph-uri)."""
    try:
        options: DatasetOptions = {}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        return options
    except ValueError as error:
        raise InvalidQueryError(f"not an IRI in the dataset: {error}") from error
