"""A remote SPARQL 1.1 store (Oxigraph server, Virtuoso, Fuseki, GraphDB …), through SPARQLWrapper.

Failures get a clear message naming the endpoint, and the transient ones (connection refused, time-outs,
502/503/504, 429) are retried a bounded number of times with exponential backoff: no retry storm. Answers are
read by pyoxigraph (SPARQL results JSON, Turtle), so a remote store gives the same terms as the embedded one.
"""

from __future__ import annotations

import time
import urllib.error
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from plan_graph.errors import PlanGraphError, StoreError, StoreRefusedError, StoreUnreachableError, UsageError
from plan_graph.graph.formats import JSON, TURTLE
from plan_graph.stores.base import DEFAULT_TIMEOUT, QueryReply, QueryRequest, Store
from plan_graph.stores.binding import limited
from plan_graph.stores.results import AskResult, GraphResult, QueryResult, SelectResult, lexical, parse, serialize
from plan_graph.stores.sparql_text import operation, without_comments

T = TypeVar("T")
TRANSIENT_STATUS = {429, 502, 503, 504}


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
            except StoreError as error:
                delivered = delivered or error.delivered
                if not error.transient or attempt == self.attempts:
                    if error.transient or delivered != error.delivered:
                        message = f"{error} (gave up after {attempt} attempts)" if attempt > 1 else str(error)
                        raise type(error)(
                            message, transient=error.transient, status=error.status, delivered=delivered
                        ) from error
                    raise
                sleep(min(delay, self.max_delay))
                delay *= 2
        raise AssertionError("unreachable")


def refuse_password(url: str, option: str) -> None:
    """A password in a URL would be printed by every message that names it (and seen by anyone listing
    processes): refused, without echoing it; a URL that is not one is refused too."""
    try:
        password = urlsplit(url).password
    except ValueError as error:  # "http://[::1/sparql"
        raise UsageError(f"{option}: not a URL: {error}") from None
    if password is not None:
        raise UsageError(
            f"{option}: a URL with a password in it is not accepted; credentials go in --user and "
            "PLAN_GRAPH_PASSWORD (publish), never in a URL"
        )


def describe_http_failure(url: str, status: int, body: str = "") -> StoreRefusedError:
    detail = f": {body.strip()[:300]}" if body.strip() else ""
    if status in (401, 403):
        return StoreRefusedError(
            f"{url}: {status} {'unauthorised' if status == 401 else 'forbidden'}: check --user, --auth and the "
            f"password (environment variable PLAN_GRAPH_PASSWORD){detail}",
            status=status,
        )
    if status == 404:
        return StoreRefusedError(f"{url}: 404 not found: is this the right endpoint path?{detail}", status=status)
    if status in TRANSIENT_STATUS or status >= 500:
        return StoreRefusedError(
            f"{url}: the server failed with {status}{detail}", transient=status in TRANSIENT_STATUS, status=status
        )
    return StoreRefusedError(f"{url}: the server refused the request with {status}{detail}", status=status)


@dataclass
class RemoteStore(Store):
    """A SPARQL 1.1 query endpoint; `default_graphs` are what its queries read as their default graph."""

    endpoint: str
    default_graphs: tuple[str, ...] = ()
    timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    user: str | None = None
    password: str | None = None
    auth: str = "basic"

    def query(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        max_rows: int | None = None,
    ) -> QueryResult:
        if named_graphs:  # SPARQLWrapper cannot send them: refused, never silently dropped
            raise StoreRefusedError("named-graph-uri is not supported with a remote store", status=400)
        graphs = tuple(default_graphs) or self.default_graphs
        result = self.retry.run(lambda: self._query_once(query, graphs))
        return _capped(result, max_rows)

    def check_default_graphs(self) -> list[str]:
        """What a consumer must know about the graphs its queries will read as the default graph: an error when the
        endpoint holds data in none of them (the answers would all be empty), naming those asked for and those it
        holds; warnings for each that holds nothing, and when the entailments' graph is not among them."""
        from plan_graph.graph.names import INFERRED_GRAPH
        from plan_graph.stores.queries import bound_text, bundled_query, bundled_rows

        everywhere = replace(self, default_graphs=())  # asked of the endpoint's whole dataset
        empty = [
            graph
            for graph in self.default_graphs
            if not everywhere.ask(bound_text(bundled_query("dataset/graph-holds-data"), {"graph": graph}))
        ]
        if self.default_graphs and len(empty) == len(self.default_graphs):
            held = [lexical(row["graph"]) for row in bundled_rows(everywhere, "dataset/named-graphs")]
            raise UsageError(
                f"{self.endpoint} holds no data in any of the graphs asked for as the default graph "
                f"({', '.join(f'<{g}>' for g in self.default_graphs)}); the graphs it holds: "
                f"{', '.join(f'<{g}>' for g in held) or 'none'}. Name the plan's with --plan-graph, or every graph "
                "to read with --graph"
            )
        warnings = [
            f"{self.endpoint} holds no data in <{graph}>, asked for as part of the default graph; the "
            "answers come from the other graphs"
            for graph in empty
        ]
        if self.default_graphs and INFERRED_GRAPH not in self.default_graphs:
            warnings.append(
                f"the entailments' graph <{INFERRED_GRAPH}> is not read: queries that rely on them "
                "(pg:involves, ?x a pg:Actor, org:transitiveSubOrganizationOf …) miss what they add; "
                "add --graph for it, or use --plan-graph"
            )
        return warnings

    def ask(self, query: str) -> bool:
        result = self.query(query)
        if not isinstance(result, AskResult):
            raise TypeError("not an ASK query")
        return result.value

    def triples(
        self, subject: str | None = None, obj: str | None = None, graph: str | None = None, limit: int | None = None
    ) -> list[ox.Triple]:
        """The same look-ups as the embedded store's, as SPARQL over the endpoint's default and named graphs."""
        from plan_graph.stores.queries import bound_text, bundled_query

        given = {name: value for name, value in (("subject", subject), ("object", obj), ("graph", graph)) if value}
        text = bound_text(bundled_query("dataset/graph-statements" if graph else "dataset/statements"), given)
        result = replace(self, default_graphs=()).select(limited(text, limit))  # every graph of the endpoint
        found: dict[ox.Triple, None] = {}
        for row in result.rows:
            head, link, value = row["param_subject"], row["p"], row["param_object"]
            assert isinstance(head, (ox.NamedNode, ox.BlankNode)) and isinstance(link, ox.NamedNode), "a triple's"
            found[ox.Triple(head, link, value)] = None
        return list(found)

    async def answer(self, request: QueryRequest) -> QueryReply:
        # a user's query is sent once: retrying a time-out would run it again, past the time limit promised
        import asyncio

        once = replace(self, retry=RetryPolicy(attempts=1))
        try:
            result = await asyncio.get_running_loop().run_in_executor(
                None,
                lambda: once.query(
                    request.query,
                    default_graphs=request.default_graph_uris,
                    named_graphs=request.named_graph_uris,
                    max_rows=request.max_rows,
                ),
            )
            body = serialize(result, request.format)
        except PlanGraphError as error:
            return QueryReply(error.http_status, body=str(error).encode())
        truncated = getattr(result, "truncated", False)
        return QueryReply(200, request.format.media_type + "; charset=utf-8", body, truncated)

    def _client(self, graphs: tuple[str, ...]):  # type: ignore[no-untyped-def]
        from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper

        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)  # long queries and VALUES blocks do not fit in every URL
        client.setTimeout(int(max(1, self.timeout)))
        for graph in graphs:
            client.addDefaultGraph(graph)
        if self.user:
            client.setHTTPAuth(DIGEST if self.auth == "digest" else BASIC)
            client.setCredentials(self.user, self.password or "")
        return client

    def _query_once(self, query: str, graphs: tuple[str, ...]) -> QueryResult:
        from SPARQLWrapper import JSON as JSON_RESULTS
        from SPARQLWrapper import TURTLE as TURTLE_RESULTS
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        client = self._client(graphs)
        # SPARQLWrapper guesses the kind of request with a regular expression that reads comments too
        # ("… Load the table …" made it an update): send no comments, and say what kind it is
        client.setQuery(without_comments(query))
        form = operation(query)
        if form:
            client.queryType = form
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(TURTLE_RESULTS if graph_form else JSON_RESULTS)
        try:
            payload = client.query().response.read()
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace") if error.fp else ""
            raise describe_http_failure(self.endpoint, error.code, body) from error
        except SPARQLWrapperException as error:
            status = _status_of(error)
            if status:
                raise describe_http_failure(self.endpoint, status, str(error)) from error
            raise StoreRefusedError(f"{self.endpoint}: {error}") from error
        except (urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise StoreUnreachableError(f"cannot reach {self.endpoint}: {reason}", transient=True) from error
        except TimeoutError as error:
            raise StoreUnreachableError(
                f"{self.endpoint} did not answer within {self.timeout:g} s", transient=True
            ) from error
        try:
            return parse(payload, TURTLE if graph_form else JSON)
        except (SyntaxError, ValueError) as error:
            if graph_form or "bnode" not in str(error):
                raise StoreRefusedError(f"{self.endpoint}: an answer that is not SPARQL results: {error}") from error
        return parse(_with_blank_node_labels(payload), JSON)


def _with_blank_node_labels(payload: bytes) -> bytes:
    """SPARQL results JSON whose blank nodes are renamed to valid labels, the same name to the same label.

    Virtuoso names them nodeID://b10006, which is not a blank node label, and pyoxigraph refuses the answer."""
    import json

    document = json.loads(payload)
    labels: dict[str, str] = {}
    for binding in document.get("results", {}).get("bindings", []):
        for value in binding.values():
            if value.get("type") == "bnode":
                value["value"] = labels.setdefault(value["value"], f"b{len(labels)}")
    return json.dumps(document).encode()


def _capped(result: QueryResult, max_rows: int | None) -> QueryResult:
    if max_rows is None:
        return result
    if isinstance(result, SelectResult) and len(result.rows) > max_rows:
        return SelectResult(result.variables, result.rows[:max_rows], truncated=True)
    if isinstance(result, GraphResult) and len(result.triples) > max_rows:
        return GraphResult(result.triples[:max_rows], truncated=True)
    return result


def _status_of(error: Exception) -> int | None:
    names = {
        "QueryBadFormed": 400,
        "Unauthorized": 401,
        "EndPointNotFound": 404,
        "URITooLong": 414,
        "EndPointInternalError": 500,
    }
    return names.get(type(error).__name__)


__all__ = ["DEFAULT_TIMEOUT", "RemoteStore", "RetryPolicy", "describe_http_failure"]


def endpoints_for(gsp: str) -> tuple[str | None, str | None]:
    """The query and update endpoints beside a Graph Store Protocol URL, for the stores we know: Oxigraph
    server (/store: /query and /update) and Virtuoso (/sparql-graph-crud-auth: /sparql and /sparql-auth)."""
    parts = urlsplit(gsp)
    path = parts.path.rstrip("/")
    if path.endswith("/store"):
        root = path[: -len("store")]
        query, update = (urlunsplit((parts.scheme, parts.netloc, root + name, "", "")) for name in ("query", "update"))
        return query, update
    if "sparql-graph-crud" in path:
        update_path = "/sparql-auth" if path.endswith("-auth") else "/sparql"
        query, update = (urlunsplit((parts.scheme, parts.netloc, name, "", "")) for name in ("/sparql", update_path))
        return query, update
    return None, None
