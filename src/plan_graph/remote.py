"""The remote implementation of the store interface: any SPARQL 1.1 endpoint, through SPARQLWrapper.

Failures get a clear message naming the endpoint, and the transient ones (connection refused, time-outs,
502/503/504, 429) are retried a bounded number of times with exponential backoff: no retry storm.
"""

from __future__ import annotations

import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from .results import GraphResult, QueryResult, SelectResult, Value, from_json
from .sparql_text import operation, without_comments
from .workers import QueryReply, QueryRequest

T = TypeVar("T")
TRANSIENT_STATUS = {429, 502, 503, 504}
# the named graphs `plan-graph publish` writes; remote queries read them as their default graph
PLAN_GRAPH = "https://w3id.org/plan-graph/ro/hg-861-2018/graph"
ACTORS_GRAPH = "https://w3id.org/plan-graph/ro/actor/graph"
ONTOLOGY_GRAPH = "https://w3id.org/plan-graph/ontology"
DATA_GRAPHS = (PLAN_GRAPH, ACTORS_GRAPH)


class RemoteError(RuntimeError):
    """The remote store failed or refused; the message says which and what to do."""

    def __init__(self, message: str, transient: bool = False, status: int | None = None,
                 delivered: bool = True) -> None:  # fmt: skip
        super().__init__(message)
        self.transient = transient
        self.status = status  # the HTTP status the server answered with, if it answered
        self.delivered = delivered  # False when the request certainly never reached the server


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    first_delay: float = 0.5  # seconds; doubled after each failure
    max_delay: float = 8.0

    def run(self, call: Callable[[], T], sleep: Callable[[float], None] = time.sleep) -> T:
        delay = self.first_delay
        delivered = False  # whether any attempt may have reached the server
        for attempt in range(1, self.attempts + 1):
            try:
                return call()
            except RemoteError as error:
                delivered = delivered or error.delivered
                if not error.transient or attempt == self.attempts:
                    if error.transient or delivered != error.delivered:
                        message = f"{error} (gave up after {attempt} attempts)" if attempt > 1 else str(error)
                        raise RemoteError(message, error.transient, error.status, delivered) from error
                    raise
                sleep(min(delay, self.max_delay))
                delay *= 2
        raise AssertionError("unreachable")


def describe_http_failure(url: str, status: int, body: str = "") -> RemoteError:
    detail = f": {body.strip()[:300]}" if body.strip() else ""
    if status in (401, 403):
        return RemoteError(
            f"{url}: {status} {'unauthorised' if status == 401 else 'forbidden'}: check --user, --auth and the "
            f"password (environment variable PLAN_GRAPH_PASSWORD){detail}",
            status=status,
        )
    if status == 404:
        return RemoteError(f"{url}: 404 not found: is this the right endpoint path?{detail}", status=status)
    if status in TRANSIENT_STATUS or status >= 500:
        return RemoteError(f"{url}: the server failed with {status}{detail}", status in TRANSIENT_STATUS, status)
    return RemoteError(f"{url}: the server refused the request with {status}{detail}", status=status)


@dataclass
class RemoteStore:
    """A SPARQL 1.1 query endpoint; `default_graphs` become default-graph-uri parameters."""

    endpoint: str
    default_graphs: tuple[str, ...] = ()
    timeout: float = 30.0
    retry: RetryPolicy = RetryPolicy()
    user: str | None = None
    password: str | None = None
    auth: str = "basic"

    def query(self, query: str) -> QueryResult:
        return self.retry.run(lambda: self._query_once(query))

    def select(self, query: str) -> SelectResult:
        result = self.query(query)
        if not isinstance(result, SelectResult):
            raise RemoteError("not a SELECT query")
        return result

    def _client(self):
        from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper

        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)  # long queries and VALUES blocks do not fit in every URL
        client.setTimeout(int(max(1, self.timeout)))
        for graph in self.default_graphs:
            client.addDefaultGraph(graph)
        if self.user:
            client.setHTTPAuth(DIGEST if self.auth == "digest" else BASIC)
            client.setCredentials(self.user, self.password or "")
        return client

    def _query_once(self, query: str) -> QueryResult:
        from SPARQLWrapper import JSON, TURTLE
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        client = self._client()
        # SPARQLWrapper guesses the kind of request with a regular expression that reads comments too
        # ("… Load the table …" made it an update): send no comments, and say what kind it is
        client.setQuery(without_comments(query))
        form = operation(query)
        if form:
            client.queryType = form
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(TURTLE if graph_form else JSON)
        try:
            response = client.query()
            payload = response.convert()
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace") if error.fp else ""
            raise describe_http_failure(self.endpoint, error.code, body) from error
        except SPARQLWrapperException as error:
            status = _status_of(error)
            if status:
                raise describe_http_failure(self.endpoint, status, str(error)) from error
            raise RemoteError(f"{self.endpoint}: {error}") from error
        except (urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise RemoteError(f"cannot reach {self.endpoint}: {reason}", transient=True) from error
        except TimeoutError as error:
            raise RemoteError(f"{self.endpoint} did not answer within {self.timeout:g} s", transient=True) from error
        if graph_form:
            return _graph_from_turtle(payload)
        return from_json(payload)


def _status_of(error: Exception) -> int | None:
    names = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
             "EndPointInternalError": 500}  # fmt: skip
    return names.get(type(error).__name__)


def _graph_from_turtle(payload: object) -> GraphResult:
    from rdflib import BNode, Graph, Literal, URIRef

    data = payload.decode("utf-8") if isinstance(payload, bytes) else str(payload)
    graph = Graph().parse(data=data, format="turtle")

    def value(term: object) -> Value:
        if isinstance(term, URIRef):
            return Value("uri", str(term))
        if isinstance(term, BNode):
            return Value("bnode", str(term))
        assert isinstance(term, Literal)
        return Value("literal", str(term), str(term.datatype) if term.datatype else None, term.language)

    return GraphResult([(value(s), value(p), value(o)) for s, p, o in graph])


class RemoteRunner:
    """Runs the server's /sparql requests on a remote endpoint (the other implementation of WorkerPool)."""

    def __init__(self, store: RemoteStore) -> None:
        # a user's query is sent once: retrying a time-out would run it again, past the --timeout promised
        self.store = replace(store, retry=RetryPolicy(attempts=1))

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def run(self, request: QueryRequest) -> QueryReply:
        import asyncio

        from .results import MEDIA_TYPES, FormatError, render

        if request.named_graph_uris:  # SPARQLWrapper cannot send them: refused, never silently dropped
            return QueryReply(400, body=b"named-graph-uri is not supported when serving from a remote endpoint")
        store = self.store
        if request.default_graph_uris:
            store = replace(store, default_graphs=request.default_graph_uris)
        try:
            result = await asyncio.get_running_loop().run_in_executor(None, store.query, request.query)
        except RemoteError as error:
            status = 400 if error.status == 400 else 504 if error.transient and not error.status else 502
            return QueryReply(status, body=str(error).encode())
        truncated = False
        if isinstance(result, SelectResult) and len(result.rows) > request.max_rows:
            result, truncated = SelectResult(result.variables, result.rows[: request.max_rows]), True
        elif isinstance(result, GraphResult) and len(result.triples) > request.max_rows:
            result, truncated = GraphResult(result.triples[: request.max_rows]), True
        try:
            body = render(result, request.format).encode("utf-8")
        except FormatError as error:
            return QueryReply(406, body=str(error).encode())
        return QueryReply(200, MEDIA_TYPES[request.format] + "; charset=utf-8", body, truncated)
