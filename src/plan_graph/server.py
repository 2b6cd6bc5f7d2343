"""`plan-graph serve`: the SPARQL 1.1 Protocol endpoint, linked-data pages and the query page.

HTTP concerns live here; the work is elsewhere: queries run in worker processes (workers.py), pages
come from pages.py, descriptions from linked_data.py, VoID and the service description from void.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .linked_data import ONTOLOGY, Addresses, EmbeddedTriples, LinkedData, RemoteTriples, TripleSource
from .negotiation import negotiate
from .pages import QUERY_PAGE_SCRIPT, message_page, query_page, resource_page, results_page
from .remote import RemoteError
from .results import MEDIA_TYPES, GraphResult, from_json, render
from .sparql_text import UPDATE_KEYWORDS, SparqlTextError, nesting_depth, operation, service_targets
from .store import SparqlStore
from .workers import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    QueryReply,
    QueryRequest,
    QueryTimeoutError,
    StoreSource,
    WorkerPool,
)

TABLE_OFFERS = {  # media type -> results format, in our order of preference
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/html": "html",
}
GRAPH_OFFERS = {
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "text/html": "turtle",
}
RESOURCE_OFFERS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
}
# Far deeper than any real query (the saved ones nest 9 deep at most), far below where a parser's recursion
# overflows its stack (Oxigraph's worker died at a few thousand levels)
MAX_NESTING = 200
DESCRIPTION_OFFERS = {media: fmt for media, fmt in RESOURCE_OFFERS.items() if fmt != "html"}
FORMAT_ALIASES = {"ttl": "turtle", "json-ld": "jsonld", "ntriples": "nt", "xml": "rdfxml", "rdf": "rdfxml"}


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    public_base: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_request: int = 64 * 1024  # bytes of query string or request body
    read_timeout: float = 10.0  # seconds a client may take to send its request body
    max_connections: int = 500  # open connections at once; more get 503 (uvicorn's limit_concurrency)
    workers: int = 2
    allowed_services: tuple[str, ...] = ()
    assets: Path | None = None  # YASGUI's build folder; found in node_modules when not given

    @property
    def base(self) -> str:
        if self.public_base:
            return self.public_base if self.public_base.endswith("/") else self.public_base + "/"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


@dataclass
class ServerState:
    config: ServeConfig
    addresses: Addresses
    data: LinkedData
    pool: QueryRunner
    service: dict[str, bytes] = field(default_factory=dict)  # service description, per format
    void: dict[str, bytes] = field(default_factory=dict)
    examples: list[dict[str, str]] = field(default_factory=list)
    yasgui: Path | None = None
    rendered: RenderedResources | None = None  # only over immutable data


class RenderedResources:
    """The last resource responses rendered (page or RDF), by IRI and format, for data that cannot change.

    A page is rendered from a dozen store lookups (2 ms; the ontology's page 14 ms); asked again, it is
    served from here. Bounded (least recently used go first), so that crawling every IRI costs no more memory
    than `size` responses."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._responses: OrderedDict[tuple[str, str], tuple[int, bytes, str]] = OrderedDict()

    def get(self, key: tuple[str, str]) -> tuple[int, bytes, str] | None:
        found = self._responses.get(key)
        if found is not None:
            self._responses.move_to_end(key)
        return found

    def put(self, key: tuple[str, str], response: tuple[int, bytes, str]) -> None:
        self._responses[key] = response
        self._responses.move_to_end(key)
        while len(self._responses) > self.size:
            self._responses.popitem(last=False)


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class QueryRunner(Protocol):
    """Runs /sparql requests: WorkerPool on the embedded store, RemoteRunner on a remote endpoint."""

    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def run(self, request: QueryRequest) -> QueryReply: ...


@dataclass(frozen=True)
class Backend:
    """Everything the server reads from: where /sparql runs, where descriptions come from, and statistics."""

    runner: QueryRunner
    triples: TripleSource
    store: SparqlStore  # the data graphs as the default graph, for statistics
    immutable: bool = False  # the data cannot change while serving: rendered resources may be kept


def embedded_backend(config: ServeConfig, source: StoreSource, main_store: ox.Store) -> Backend:
    from .store import EmbeddedStore

    pool = WorkerPool(source, size=config.workers, timeout=config.timeout)
    # the embedded store is read-only (an Oxigraph folder opened so, or a private in-memory copy)
    return Backend(pool, EmbeddedTriples(main_store), EmbeddedStore.wrapping(main_store), immutable=True)


def remote_backend(config: ServeConfig, endpoint: str, graphs: tuple[str, ...]) -> Backend:
    from .remote import RemoteRunner, RemoteStore

    data = RemoteStore(endpoint, default_graphs=graphs, timeout=config.timeout)
    everything = RemoteStore(endpoint, timeout=config.timeout)
    return Backend(RemoteRunner(data), RemoteTriples(everything), data)


def create_app(config: ServeConfig, backend: Backend) -> Starlette:
    from .queries import bound_text, catalogue
    from .void import service_description, statistics, void_graph

    addresses = Addresses(config.base)
    state = ServerState(
        config=config,
        addresses=addresses,
        data=LinkedData(backend.triples),
        pool=backend.runner,
        yasgui=config.assets or _find_yasgui(),
        rendered=RenderedResources() if backend.immutable else None,
    )
    stats = statistics(backend.store)
    ontology_triples = len(backend.triples.triples(graph=ONTOLOGY))
    description = service_description(addresses.endpoint, stats, {ONTOLOGY: ontology_triples},
                                      federated=bool(config.allowed_services))  # fmt: skip
    dataset = ox.NamedNode(addresses.public_base + ".well-known/void#dataset").value
    from rdflib import URIRef

    voids = void_graph(stats, URIRef(dataset), "https://w3id.org/plan-graph/ro/", addresses.endpoint)
    for name, rdflib_format in (("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")):
        state.service[name] = description.serialize(format=rdflib_format, encoding="utf-8")
        state.void[name] = voids.serialize(format=rdflib_format, encoding="utf-8")
    examples = {"actor": "ANITP", "ministry": "MAI", "notation": "1.1", "month": "2019-07", "year": "2019",
                "frequency": "Anual", "text": "cooperarii"}  # fmt: skip
    for query in catalogue().values():
        given = {p.name: examples.get(p.type, "trafic") for p in query.parameters if not p.optional}
        state.examples.append({"name": query.name, "title": query.title, "query": bound_text(query, given)})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await state.pool.start()
        yield
        await state.pool.stop()
        print("plan-graph: stopped: requests finished, query workers ended", file=sys.stderr, flush=True)

    routes = [
        Route("/", partial(_query_page, state=state), methods=["GET"]),
        Route("/query", partial(_query_page, state=state), methods=["GET"]),
        Route("/sparql", partial(_sparql, state=state), methods=["GET", "POST"]),
        Route("/.well-known/void", partial(_void, state=state), methods=["GET"]),
        Route("/assets/query-page.js", _script, methods=["GET"]),
        Route("/assets/yasgui/{name}", partial(_asset, state=state), methods=["GET"]),
        Route("/{path:path}", partial(_resource, state=state), methods=["GET"]),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=["X-Result-Truncated"],
        ),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def _find_yasgui() -> Path | None:
    """YASGUI's build folder from `npm install` (or $PLAN_GRAPH_YASGUI; set it empty to use the plain form)."""
    import os

    from .resources import _PACKAGE_DIR

    if (configured := os.environ.get("PLAN_GRAPH_YASGUI")) is not None:
        folder = Path(configured)
        return folder if configured and (folder / "yasgui.min.js").is_file() else None
    for root in (Path.cwd(), _PACKAGE_DIR.parents[1], _PACKAGE_DIR.parent):
        candidate = root / "node_modules" / "@zazuko" / "yasgui" / "build"
        if (candidate / "yasgui.min.js").is_file():
            return candidate
    return None


def _text(status: int, message: str) -> PlainTextResponse:
    # after a request the server gave up reading (too slow, too large), the connection is not reused
    headers = {"Connection": "close"} if status in (408, 413) else None
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


# ---- the query page and its assets


async def _query_page(request: Request, state: ServerState) -> Response:
    run = request.query_params.get("run")
    if run is not None and run not in {e["name"] for e in state.examples}:
        run = None
    page = query_page(state.examples, state.addresses, yasgui=state.yasgui is not None, run=run)
    return Response(page, media_type="text/html; charset=utf-8")


async def _script(request: Request) -> Response:
    return Response(QUERY_PAGE_SCRIPT, media_type="text/javascript; charset=utf-8")


async def _asset(request: Request, state: ServerState) -> Response:
    name = request.path_params["name"]
    if state.yasgui is None or name not in ("yasgui.min.js", "yasgui.min.css"):
        return _text(404, "no such asset")
    media = "text/javascript" if name.endswith(".js") else "text/css"
    return FileResponse(state.yasgui / name, media_type=media + "; charset=utf-8")


# ---- the SPARQL 1.1 Protocol


async def _sparql(request: Request, state: ServerState) -> Response:
    try:
        query, defaults, named = await _protocol_request(request, state.config)
        if query is None:
            return _service_description(request, state)
        return await _run_query(request, state, query, defaults, named)
    except HttpError as error:
        return _text(error.status, error.message)


async def _protocol_request(request: Request, config: ServeConfig) -> tuple[str | None, list[str], list[str]]:
    if len(request.url.query.encode()) > config.max_request:
        raise HttpError(414, f"the query string is longer than {config.max_request} bytes")
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    query: str | None = None
    if request.method == "POST":
        body = await _read_body(request, config.max_request, config.read_timeout)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError as error:
                raise HttpError(400, "the form is not UTF-8") from error
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError as error:
                raise HttpError(400, "the query is not UTF-8") from error
        elif media == "application/sparql-update":
            raise HttpError(403, "this endpoint is read-only: SPARQL Update is not accepted")
        else:
            raise HttpError(415, "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
    if "update" in params:
        raise HttpError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if query is None and params.get("query"):
        if len(params["query"]) > 1:
            raise HttpError(400, "give one query parameter, not several")
        query = params["query"][0]
    if query is None and request.method == "POST":
        raise HttpError(400, "no query: send it as the form field 'query' or as application/sparql-query")
    return query, params.get("default-graph-uri", []), params.get("named-graph-uri", [])


async def _read_body(request: Request, limit: int, timeout: float) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HttpError(413, f"the request body is larger than {limit} bytes")
    chunks = []
    size = 0

    async def read() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise HttpError(413, f"the request body is larger than {limit} bytes")
            chunks.append(chunk)

    try:
        # a client that stops sending mid-body would otherwise hold its connection for ever
        await asyncio.wait_for(read(), timeout)
    except TimeoutError as error:
        raise HttpError(408, f"the request body did not arrive within {timeout:g} s") from error
    except ClientDisconnect as error:  # gone before its body came: nothing to answer, nothing to log
        raise HttpError(400, "the client went away before sending its request body") from error
    return b"".join(chunks)


def _check_query(query: str, config: ServeConfig) -> str:
    try:
        if (depth := nesting_depth(query)) > MAX_NESTING:
            raise HttpError(400, f"the query nests groups or expressions {depth} deep; this endpoint accepts at "
                                 f"most {MAX_NESTING}")  # fmt: skip
        form = operation(query)  # the first query or update keyword: DELETE, LOAD … make it an update
        if form in UPDATE_KEYWORDS:
            raise HttpError(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, "
                                 "CREATE, ADD, MOVE, COPY) is not accepted")  # fmt: skip
        for target in service_targets(query):
            if target not in config.allowed_services:
                allowed = ", ".join(config.allowed_services) or "none"
                raise HttpError(403, f"SERVICE {target} is not allowed on this endpoint (allowed: {allowed})")
        return form
    except SparqlTextError as error:
        raise HttpError(400, f"malformed query: {error}") from error


async def _run_query(
    request: Request, state: ServerState, query: str, defaults: list[str], named: list[str]
) -> Response:
    form = _check_query(query, state.config)
    offers = GRAPH_OFFERS if form in ("CONSTRUCT", "DESCRIBE") else TABLE_OFFERS
    fmt = _chosen_format(request, offers)
    wants_html = fmt == "html"
    worker_format = "json" if wants_html else fmt
    try:
        reply = await state.pool.run(
            QueryRequest(query, worker_format, tuple(defaults), tuple(named), state.config.max_rows)
        )
    except QueryTimeoutError as error:
        return _text(503, str(error))
    if reply.status != 200:
        return Response(reply.body + b"\n", status_code=reply.status, media_type=reply.media_type)
    headers = {"Vary": "Accept"}
    if reply.truncated:
        headers["X-Result-Truncated"] = f"only the first {state.config.max_rows} results were sent"
    if wants_html:
        page = results_page(from_json(json.loads(reply.body)), state.addresses)
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)
    return Response(reply.body, media_type=reply.media_type, headers=headers)


def _chosen_format(request: Request, offers: dict[str, str]) -> str:
    """The format asked for with ?format= (for browsers), else by the Accept header; HttpError 406 if none."""
    allowed = set(offers.values())
    override = request.query_params.get("format")
    if override:
        fmt = FORMAT_ALIASES.get(override.lower(), override.lower())
        if fmt == "rdfxml" and "rdfxml" not in allowed and "xml" in allowed:
            fmt = "xml"
        if fmt not in allowed:
            raise HttpError(406, f"format {override!r} is not available here; one of: {', '.join(sorted(allowed))}")
        return fmt
    chosen = negotiate(request.headers.get("accept"), list(offers))
    if chosen is None:
        raise HttpError(406, f"none of the accepted media types can be served; available: {', '.join(offers)}")
    return offers[chosen]


def _service_description(request: Request, state: ServerState) -> Response:
    accept = request.headers.get("accept", "")
    browser = negotiate(accept, ["text/html", "text/turtle"]) == "text/html" and "text/html" in accept
    if browser and "format" not in request.query_params:  # a person: the query page
        return RedirectResponse(state.addresses.public_base + "query", status_code=303)
    return _description(request, state.service)


async def _void(request: Request, state: ServerState) -> Response:
    return _description(request, state.void)


def _description(request: Request, documents: dict[str, bytes]) -> Response:
    """One of the server's own RDF documents (service description, VoID), by ?format= or Accept."""
    try:
        fmt = _chosen_format(request, DESCRIPTION_OFFERS)
    except HttpError as error:
        return _text(error.status, error.message)
    return Response(documents[fmt], media_type=MEDIA_TYPES[fmt] + "; charset=utf-8", headers={"Vary": "Accept"})


# ---- linked data


async def _resource(request: Request, state: ServerState) -> Response:
    iri = state.addresses.iri_for_path(request.url.path)
    try:
        fmt = _chosen_format(request, RESOURCE_OFFERS)
    except HttpError as error:
        return _text(error.status, error.message)
    kept = state.rendered.get((iri, fmt)) if state.rendered is not None else None
    try:
        # off the event loop: over a remote store, a page is a dozen blocking HTTP look-ups
        status, body, media = kept if kept is not None else await run_in_threadpool(_render_resource, iri, fmt, state)
    except RemoteError as error:
        return _text(504 if error.transient and not error.status else 502, f"the remote store failed: {error}")
    if kept is None and state.rendered is not None and status == 200:
        state.rendered.put((iri, fmt), (status, body, media))
    return Response(body, status_code=status, media_type=media, headers={"Vary": "Accept"} if status == 200 else None)


def _render_resource(iri: str, fmt: str, state: ServerState) -> tuple[int, bytes, str]:
    """(status, body, media type) of a resource in a format: a page, its RDF, or 404."""
    html, rdf = "text/html; charset=utf-8", MEDIA_TYPES.get(fmt, "") + "; charset=utf-8"
    if iri == ONTOLOGY:
        if fmt == "html":
            from .docs import render_html
            from .validation import ontology_graph

            return 200, render_html(ontology_graph()).encode(), html
        return 200, _rdf(state.data.ontology_graph(), fmt), rdf
    data = state.data.for_one_page()
    if not data.exists(iri):
        message = f"{iri} is not a resource of this graph"
        if fmt == "html":
            return 404, message_page(404, "Not found · Negăsit", message, state.addresses).encode(), html
        return 404, (message + "\n").encode(), "text/plain; charset=utf-8"
    if fmt == "html":
        return 200, resource_page(data.describe(iri), data, state.addresses).encode(), html
    return 200, _rdf(data.graph(iri), fmt), rdf


def _rdf(graph: GraphResult, fmt: str) -> bytes:
    unique = GraphResult(list(dict.fromkeys(graph.triples)))  # a term may be in more than one graph
    return render(unique, fmt).encode()
