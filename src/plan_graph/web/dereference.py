"""Linked data and the pages around it: every minted IRI answers with a page for people and RDF for machines (the
ontology and the shapes too); the home page, the query page, search, the actors, the statistics, the downloads,
the static files.

The request path is the IRI's path under the minted root (https://w3id.org/plan-graph/); the format is
negotiated (Accept, or ?format=). Over data that cannot change, a rendered response is kept and served again.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from plan_graph.errors import UsageError
from plan_graph.graph.formats import GRAPH_FORMATS, HTML, Format, format_named
from plan_graph.graph.names import ONTOLOGY
from plan_graph.stores.queries import bound_text, run_bundled, saved_query
from plan_graph.stores.results import GraphResult, SelectResult, serialize_triples
from plan_graph.web import pages
from plan_graph.web.caching import not_modified, validators
from plan_graph.web.network import network_svg
from plan_graph.web.rendering import render, static_file
from plan_graph.web.shapes import SHAPES_IRI, shapes_page, shapes_rdf
from plan_graph.web.sparql import RequestError, chosen_format, query_field
from plan_graph.web.state import ServerState
from plan_graph.web.statistics import statistics_page

RESOURCE_OFFERS = {"text/html": HTML, "application/xhtml+xml": HTML, **{fmt.media_type: fmt for fmt in GRAPH_FORMATS}}
HTML_TYPE = "text/html; charset=utf-8"
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", "": "text/plain"}


async def resource(request: Request, state: ServerState) -> Response:
    iri = state.links.iri_for_path(request.url.path)
    fmt = chosen_format(request, RESOURCE_OFFERS)
    return await _kept(request, state, (iri, fmt.name), lambda: render_resource(iri, fmt, state))


async def _kept(request: Request, state: ServerState, key: tuple[str, str], make) -> Response:  # type: ignore[no-untyped-def]
    """A response made once and kept, over data that cannot change while serving; with its ETag then (caching.py),
    so that a client or a proxy that has it gets 304."""
    headers = {"Vary": "Accept"}
    if state.data_tag:
        headers.update(validators(state.data_tag, key))
        if (unchanged := not_modified(request, headers)) is not None:
            return unchanged
    kept = state.rendered.get(key) if state.rendered is not None else None
    # off the event loop: over a remote store, a page is a dozen blocking HTTP look-ups
    status, body, media = kept if kept is not None else await run_in_threadpool(make)
    if kept is None and state.rendered is not None and status == 200:
        state.rendered.put(key, (status, body, media), len(body))
    return Response(body, status_code=status, media_type=media, headers=headers if status == 200 else None)


def render_resource(iri: str, fmt: Format, state: ServerState) -> tuple[int, bytes, str]:
    """(status, body, media type) of a resource in a format: a page, its RDF, or 404."""
    rdf = fmt.media_type + "; charset=utf-8"
    if iri == ONTOLOGY:
        if fmt is HTML:
            from plan_graph.graph.ontology import ontology_triples
            from plan_graph.web.docs import render_html

            return 200, render_html(ontology_triples(), state.links).encode(), HTML_TYPE
        return 200, _rdf(state.data.ontology_graph(), fmt), rdf
    if iri == SHAPES_IRI:
        return (200, shapes_page(state.links).encode(), HTML_TYPE) if fmt is HTML else (200, shapes_rdf(fmt), rdf)
    data = state.data.for_one_page()
    if fmt is HTML:
        page = pages.resource_page(iri, state.store, data, state.links)
        if page is not None:
            return 200, page.encode(), HTML_TYPE
    elif data.exists(iri):
        return 200, _rdf(data.graph(iri), fmt), rdf
    message = f"{iri} is not a resource of this graph"
    if fmt is HTML:
        return 404, pages.message_page(404, "Not found · Negăsit", message, state.links).encode(), HTML_TYPE
    return 404, (message + "\n").encode(), "text/plain; charset=utf-8"


def _rdf(graph: GraphResult, fmt: Format) -> bytes:
    return serialize_triples(dict.fromkeys(graph.triples), fmt)  # a triple may be in more than one graph


async def home(request: Request, state: ServerState) -> Response:
    def make() -> tuple[int, bytes, str]:
        page = pages.home_page(state.store, state.links)
        if page is None:
            return 404, pages.message_page(404, "No plan", "this store holds no plan", state.links).encode(), HTML_TYPE
        return 200, page.encode(), HTML_TYPE

    return await _kept(request, state, ("/", "html"), make)


async def actors(request: Request, state: ServerState) -> Response:
    return await _kept(
        request,
        state,
        ("/actors", "html"),
        lambda: (200, pages.actors_page(state.store, state.links).encode(), HTML_TYPE),
    )


async def statistics(request: Request, state: ServerState) -> Response:
    def make() -> tuple[int, bytes, str]:
        page = statistics_page(state.store, state.links)
        if page is None:
            message = "this store holds no statistics (publish writes them in their own named graph)"
            return 404, pages.message_page(404, "No statistics", message, state.links).encode(), HTML_TYPE
        return 200, page.encode(), HTML_TYPE

    return await _kept(request, state, ("/statistics", "html"), make)


async def monitoring(request: Request, state: ServerState) -> Response:
    """The dashboard at ?date=YYYY-MM-DD&period=YYYY&actor=CODE (default: today, the latest round, every body)."""
    from plan_graph.web.monitoring import filters_from, monitoring_page

    fields = (query_field(request, "date"), query_field(request, "period"), query_field(request, "actor"))
    try:
        filters = await run_in_threadpool(filters_from, *fields, state.store)
    except UsageError as error:  # a page for people: the message, and the way back to the dashboard
        message = f"{error}. Choose the filters again on the dashboard: {state.links.page('monitoring')}"
        page = pages.message_page(400, "Filtru greșit · Bad filter", message, state.links)
        return Response(page, status_code=400, media_type=HTML_TYPE)
    page = await run_in_threadpool(monitoring_page, state.store, state.links, filters, True)
    return Response(page, media_type=HTML_TYPE)


async def network(request: Request, state: ServerState) -> Response:
    page = render("network.html", state.links, svg=state.links.public_base + "network.svg")
    return Response(page, media_type=HTML_TYPE)


async def network_picture(request: Request, state: ServerState) -> Response:
    return await _kept(
        request,
        state,
        ("/network.svg", "svg"),
        lambda: (200, network_svg(state.store, state.links).encode(), "image/svg+xml; charset=utf-8"),
    )


async def search(request: Request, state: ServerState) -> Response:
    text = (query_field(request, "text") or "").strip()
    found = None
    if text:
        query = bound_text(saved_query("search"), {"text": text}, state.store)  # the text is bound, never pasted
        found = await run_in_threadpool(state.store.query, query)
    page = pages.search_page(text, found if isinstance(found, SelectResult) else None, state.links)
    return Response(page, media_type=HTML_TYPE)


async def download(request: Request, state: ServerState) -> Response:
    """The whole data graph as a file, in the format its suffix names (…/download/plan-graph.ttl)."""
    suffix = request.path_params["suffix"]
    fmt = next((f for f in GRAPH_FORMATS if f.suffix == suffix), None) or format_named(suffix)
    if fmt is None or fmt.rdf is None:
        raise RequestError(404, f"no download plan-graph.{suffix}; there are .ttl, .nt, .jsonld and .rdf")
    graph_format = fmt

    def make() -> tuple[int, bytes, str]:
        result = run_bundled(state.store, "dataset/default-graph")
        assert isinstance(result, GraphResult)
        return 200, serialize_triples(result.triples, graph_format), graph_format.media_type + "; charset=utf-8"

    return await _kept(request, state, ("/download", graph_format.name), make)


async def query_page(request: Request, state: ServerState) -> Response:
    run = query_field(request, "run")
    if run is not None and run not in {e["name"] for e in state.examples}:
        run = None
    page = pages.query_page(state.examples, state.links.endpoint, state.links, run)
    return Response(page, media_type=HTML_TYPE)


async def asset(request: Request, state: ServerState) -> Response:
    name = request.path_params["name"]
    content = static_file(name)
    if content is None:
        raise RequestError(404, "no such asset")
    media = STATIC_TYPES.get(name[name.rfind(".") :] if "." in name.rsplit("/", 1)[-1] else "", "text/plain")
    return Response(content, media_type=media + "; charset=utf-8", headers={"Cache-Control": "public, max-age=86400"})
