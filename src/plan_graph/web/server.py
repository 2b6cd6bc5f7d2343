"""`plan-graph serve`: the application, assembled from its parts, over any Store.

The SPARQL 1.1 Protocol endpoint (sparql.py), linked-data pages and RDF for every minted IRI and the query page
(dereference.py), VoID and the service description. Errors are PlanGraphErrors, answered in one place here
with the HTTP status their kind says (errors.py).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import AsyncIterator
from functools import partial
from typing import cast

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from plan_graph.errors import PlanGraphError
from plan_graph.graph.datasets import ENDPOINT_TITLE, ENDPOINT_VOCABULARIES
from plan_graph.graph.formats import GRAPH_FORMATS
from plan_graph.graph.names import DEFAULT_BASE
from plan_graph.graph.terms import serialized
from plan_graph.settings import Settings
from plan_graph.stores.base import Store
from plan_graph.stores.counts import dataset_statistics
from plan_graph.stores.queries import bound_text, catalogue, example_parameters
from plan_graph.stores.void import SERVICE_PREFIXES, VOID_PREFIXES, service_description, void_graph
from plan_graph.web import dereference, sparql
from plan_graph.web.linked_data import LinkedData
from plan_graph.web.rendering import ServerLinks
from plan_graph.web.state import RenderedResources, ServerState

ANSWERS_KEPT = 1024  # SPARQL answers kept for repeated queries (the largest is bounded by --max-rows)


def create_app(config: Settings, store: Store) -> SparqlFirst:
    links = ServerLinks(config.base)
    data_tag = store.content_digest()
    state = ServerState(
        config=config,
        links=links,
        store=store,
        data=LinkedData(store),
        # data that cannot change while serving (the embedded store: a folder opened read-only, or a private copy):
        # pages and answers may be kept
        rendered=RenderedResources() if data_tag else None,
        answers=RenderedResources(ANSWERS_KEPT) if data_tag else None,
        data_tag=data_tag or "",
    )
    _describe(state)
    for query in catalogue().values():
        given = example_parameters(query)
        state.examples.append({"name": query.name, "title": query.title, "query": bound_text(query, given)})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await store.start()
        yield
        await store.stop()
        print("plan-graph: stopped: requests finished, query workers ended", file=sys.stderr, flush=True)

    routes = [  # tried in order: the endpoint first, as the route asked most often
        Route("/sparql", partial(sparql.sparql, state=state), methods=["GET", "POST"]),
        Route("/", partial(dereference.home, state=state), methods=["GET"]),
        Route("/query", partial(dereference.query_page, state=state), methods=["GET"]),
        Route("/search", partial(dereference.search, state=state), methods=["GET"]),
        Route("/actors", partial(dereference.actors, state=state), methods=["GET"]),
        Route("/network", partial(dereference.network, state=state), methods=["GET"]),
        Route("/statistics", partial(dereference.statistics, state=state), methods=["GET"]),
        Route("/monitoring", partial(dereference.monitoring, state=state), methods=["GET"]),
        Route("/network.svg", partial(dereference.network_picture, state=state), methods=["GET"]),
        Route("/download/plan-graph.{suffix}", partial(dereference.download, state=state), methods=["GET"]),
        Route("/.well-known/void", partial(sparql.void, state=state), methods=["GET"]),
        Route("/assets/{name:path}", partial(dereference.asset, state=state), methods=["GET"]),
        Route("/{path:path}", partial(dereference.resource, state=state), methods=["GET"]),
    ]
    application = Starlette(
        routes=routes,
        middleware=[Middleware(with_cors)],
        lifespan=lifespan,
        exception_handlers={PlanGraphError: _error_response},
    )
    return SparqlFirst(application, state)


def with_cors(app: ASGIApp) -> CORSMiddleware:
    """The application inside CORS: any page may query it and read what it says about an answer."""
    return CORSMiddleware(
        app,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-Result-Truncated", "Server-Timing"],
    )


class SparqlFirst:
    """The application, with the queries of /sparql taken straight to their handler, inside the CORS middleware.

    A GET or POST of /sparql skips Starlette's outer middleware and its router (their share of a request is
    measured in bench/RESULTS.md). Its CORS headers are the middleware's own (with_cors, as for the whole
    application), its errors the application's (_error_response, and a plain 500 for anything else). Everything
    else, the CORS preflights of /sparql included, goes through the whole application."""

    def __init__(self, application: Starlette, state: ServerState) -> None:
        self.application, self.state = application, state
        self.endpoint = with_cors(self._answer)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/sparql" and scope["method"] in ("GET", "POST"):
            await self.endpoint(scope, receive, send)
        else:
            await self.application(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await sparql.sparql(request, self.state)
        except PlanGraphError as error:
            response = await _error_response(request, error)
        except Exception:  # as Starlette's outermost middleware does: a plain 500, then the error for the log
            await PlainTextResponse("Internal Server Error", status_code=500)(scope, receive, send)
            raise
        await response(scope, receive, send)


def _describe(state: ServerState) -> None:
    """The service description and VoID, in every RDF format, made once from the store's statistics."""
    stats = dataset_statistics(state.store)
    description = service_description(
        state.links.endpoint, stats, stats.named_graphs, federated=bool(state.config.allowed_services)
    )
    dataset = ox.NamedNode(state.links.public_base + ".well-known/void#dataset")
    voids = void_graph(stats, dataset, ENDPOINT_TITLE, ENDPOINT_VOCABULARIES, DEFAULT_BASE, state.links.endpoint)
    for fmt in GRAPH_FORMATS:
        rdf_format = cast(ox.RdfFormat, fmt.rdf)  # a graph format
        state.service[fmt.name] = serialized(description, rdf_format, SERVICE_PREFIXES)
        state.void[fmt.name] = serialized(voids, rdf_format, VOID_PREFIXES)


async def _error_response(request: Request, error: Exception) -> Response:
    """Every PlanGraphError as plain text with the status its kind says."""
    status = error.http_status if isinstance(error, PlanGraphError) else 500
    # after a request the server gave up reading (too slow, too large), the connection is not reused
    headers = {"Connection": "close"} if status in (408, 413) else None
    return PlainTextResponse(f"{error}\n", status_code=status, headers=headers)
