"""The SPARQL 1.1 Protocol: /sparql by GET and POST, safe by default, answered by the store within its limits.

Read-only (no SPARQL Update), no SERVICE calls but to allowed endpoints, bounded request sizes, nesting and
rows; a query is answered in the format negotiated (Accept, or ?format= for browsers) by the store itself.
Without a query, /sparql gives the service description (a browser is sent to the query page).
"""

from __future__ import annotations

import asyncio
import time
from typing import cast

from starlette.requests import ClientDisconnect, Request
from starlette.responses import RedirectResponse, Response
from yarl import URL

from plan_graph.errors import InvalidQueryError, PlanGraphError
from plan_graph.graph.formats import FORMATS, GRAPH_FORMATS, HTML, JSON, RESULTS_FORMATS, Format, format_named
from plan_graph.settings import Settings
from plan_graph.stores.base import QueryRequest
from plan_graph.stores.results import parse
from plan_graph.stores.sparql_text import UPDATE_KEYWORDS, SparqlTextError, deeper_than, operation, service_targets
from plan_graph.web.caching import not_modified, validators
from plan_graph.web.negotiation import negotiate
from plan_graph.web.pages import results_page
from plan_graph.web.state import ServerState

# Far deeper than any real query (the saved ones nest 9 deep at most), far below where a parser's recursion
# overflows its stack (Oxigraph's worker died at a few thousand levels)
MAX_NESTING = 200


def _offers(formats: tuple[Format, ...], *extra: tuple[str, Format]) -> dict[str, Format]:
    """Media type -> format, in our order of preference."""
    return {**{fmt.media_type: fmt for fmt in formats}, **dict(extra)}


TABLE_OFFERS = _offers(
    RESULTS_FORMATS, ("application/json", JSON), ("application/xml", FORMATS["xml"]), ("text/html", HTML)
)
GRAPH_OFFERS = _offers(
    GRAPH_FORMATS,
    ("application/turtle", FORMATS["turtle"]),
    ("application/x-turtle", FORMATS["turtle"]),
    ("text/html", FORMATS["turtle"]),
)
DESCRIPTION_OFFERS = _offers(GRAPH_FORMATS)


class RequestError(PlanGraphError):
    """A request the server refuses, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    @property
    def http_status(self) -> int:
        return self.status


async def sparql(request: Request, state: ServerState) -> Response:
    started = time.perf_counter()
    query, defaults, named = await _protocol_request(request, state.config)
    if query is None:
        return service_description(request, state)
    form = check_query(query, state.config)
    fmt = chosen_format(request, GRAPH_OFFERS if form in ("CONSTRUCT", "DESCRIBE") else TABLE_OFFERS)
    asked = JSON if fmt is HTML else fmt  # a page is made from the JSON results
    key = (query, "\x1f".join(defaults), "\x1f".join(named), fmt.name, str(state.config.max_rows))
    checked = time.perf_counter()
    headers = {"Vary": "Accept"}
    if state.data_tag:  # data that cannot change while serving: an answer can be validated and kept
        headers.update(validators(state.data_tag, key))
        if (unchanged := not_modified(request, headers)) is not None:
            return unchanged
    reply = state.answers.get(key) if state.answers is not None else None
    if reply is None:
        reply = await state.store.answer(
            QueryRequest(query, asked, tuple(defaults), tuple(named), state.config.max_rows)
        )
        if reply.status == 200 and state.answers is not None:
            state.answers.put(key, reply, len(reply.body))
        headers["Server-Timing"] = _timing(checked - started, time.perf_counter() - checked, reply.seconds)
    else:
        headers["Server-Timing"] = _timing(checked - started) + ', cache;desc="kept answer"'

    if reply.status != 200:
        return Response(reply.body + b"\n", status_code=reply.status, media_type=reply.media_type)
    if reply.truncated:
        headers["X-Result-Truncated"] = f"only the first {state.config.max_rows} results were sent"
    if fmt is HTML:
        result = parse(reply.body, JSON)
        page = results_page(result, state.links)  # type: ignore[arg-type]
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)
    return Response(reply.body, media_type=reply.media_type, headers=headers)


def _timing(check: float, store: float | None = None, query: float = 0.0) -> str:
    """Where a request's time went (W3C Server-Timing, in ms): reading and checking it; waiting for the store
    (for the embedded store: handing it to a worker, the worker's work, its answer back); the query's own run
    and writing, as the store reports it."""
    parts = [f"check;dur={check * 1000:.3f}"]
    if store is not None:
        parts.append(f"store;dur={store * 1000:.3f}")
    if query:
        parts.append(f"query;dur={query * 1000:.3f}")
    return ", ".join(parts)


_FIELDS = "plan_graph.query_fields"  # where a request's decoded query string is kept, in its ASGI scope


def form_fields(encoded: str) -> dict[str, list[str]]:
    """The fields of a query string or of an urlencoded form, decoded, each with its values in order.

    yarl decodes in C what urllib's parse_qsl (and Starlette's query_params) decode in Python, the same way: `+`
    is a space, a malformed escape is kept as written, bytes that are not UTF-8 become U+FFFD. Every request
    pays for it: on a query answered from what the server kept, the Python decoding was a large part of the time."""
    fields: dict[str, list[str]] = {}
    for name, value in URL.build(query_string=encoded, encoded=True).query.items():
        fields.setdefault(name, []).append(value)
    return fields


def query_fields(request: Request) -> dict[str, list[str]]:
    """The request's query string fields, decoded once per request."""
    fields = request.scope.get(_FIELDS)
    if fields is None:
        fields = request.scope[_FIELDS] = form_fields(request.scope["query_string"].decode("latin-1"))
    return cast(dict[str, list[str]], fields)


def query_field(request: Request, name: str) -> str | None:
    """One field of the query string: its last value when it is given more than once (as Starlette's)."""
    values = query_fields(request).get(name)
    return values[-1] if values else None


async def _protocol_request(request: Request, config: Settings) -> tuple[str | None, list[str], list[str]]:
    if len(request.scope["query_string"]) > config.max_request:
        raise RequestError(414, f"the query string is longer than {config.max_request} bytes")
    params = {name: list(values) for name, values in query_fields(request).items()}
    query: str | None = None
    if request.method == "POST":
        body = await _read_body(request, config.max_request, config.read_timeout)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            try:
                form = form_fields(body.decode("utf-8"))
            except UnicodeDecodeError as error:
                raise RequestError(400, "the form is not UTF-8") from error
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError as error:
                raise RequestError(400, "the query is not UTF-8") from error
        elif media == "application/sparql-update":
            raise RequestError(403, "this endpoint is read-only: SPARQL Update is not accepted")
        else:
            raise RequestError(415, "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
    if "update" in params:
        raise RequestError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if query is None and params.get("query"):
        if len(params["query"]) > 1:
            raise RequestError(400, "give one query parameter, not several")
        query = params["query"][0]
    if query is None and request.method == "POST":
        raise RequestError(400, "no query: send it as the form field 'query' or as application/sparql-query")
    return query, params.get("default-graph-uri", []), params.get("named-graph-uri", [])


async def _read_body(request: Request, limit: int, timeout: float) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise RequestError(413, f"the request body is larger than {limit} bytes")
    chunks = []
    size = 0

    async def read() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise RequestError(413, f"the request body is larger than {limit} bytes")
            chunks.append(chunk)

    try:
        # a client that stops sending mid-body would otherwise hold its connection for ever
        await asyncio.wait_for(read(), timeout)
    except TimeoutError as error:
        raise RequestError(408, f"the request body did not arrive within {timeout:g} s") from error
    except ClientDisconnect as error:  # gone before its body came: nothing to answer, nothing to log
        raise RequestError(400, "the client went away before sending its request body") from error
    return b"".join(chunks)


def check_query(query: str, config: Settings) -> str:
    """The query's form (SELECT, CONSTRUCT …) if this endpoint runs it; a PlanGraphError saying why not if not."""
    try:
        if (depth := deeper_than(query, MAX_NESTING)) is not None:
            raise InvalidQueryError(
                f"the query nests groups or expressions {depth} deep; this endpoint accepts at most {MAX_NESTING}"
            )
        form = operation(query)  # the first query or update keyword: DELETE, LOAD … make it an update
        if form in UPDATE_KEYWORDS:
            raise RequestError(
                403,
                "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, "
                "CREATE, ADD, MOVE, COPY) is not accepted",
            )
        for target in service_targets(query):
            if target not in config.allowed_services:
                allowed = ", ".join(config.allowed_services) or "none"
                raise RequestError(403, f"SERVICE {target} is not allowed on this endpoint (allowed: {allowed})")
        return form
    except SparqlTextError as error:
        raise InvalidQueryError(f"malformed query: {error}") from error


def chosen_format(request: Request, offers: dict[str, Format]) -> Format:
    """The format asked for with ?format= (for browsers), else by the Accept header; 406 if none fits."""
    allowed = {fmt.name: fmt for fmt in offers.values()}
    override = query_field(request, "format")
    if override:
        fmt = format_named(override)
        if fmt is not None and fmt.name not in allowed:  # "xml" is RDF/XML for a graph, "rdf" XML results for rows
            fmt = allowed.get({"xml": "rdfxml", "rdfxml": "xml"}.get(fmt.name, ""))
        if fmt is None or fmt.name not in allowed:
            raise RequestError(406, f"format {override!r} is not available here; one of: {', '.join(sorted(allowed))}")
        return fmt
    chosen = negotiate(request.headers.get("accept"), list(offers))
    if chosen is None:
        raise RequestError(406, f"none of the accepted media types can be served; available: {', '.join(offers)}")
    return offers[chosen]


def service_description(request: Request, state: ServerState) -> Response:
    accept = request.headers.get("accept", "")
    browser = negotiate(accept, ["text/html", "text/turtle"]) == "text/html" and "text/html" in accept
    if browser and "format" not in query_fields(request):  # a person: the query page
        return RedirectResponse(state.links.public_base + "query", status_code=303)
    return description(request, state.service)


async def void(request: Request, state: ServerState) -> Response:
    return description(request, state.void)


def description(request: Request, documents: dict[str, bytes]) -> Response:
    """One of the server's own RDF documents (service description, VoID), by ?format= or Accept."""
    fmt = chosen_format(request, DESCRIPTION_OFFERS)
    return Response(documents[fmt.name], media_type=fmt.media_type + "; charset=utf-8", headers={"Vary": "Accept"})
