"""Linked data: every minted IRI answers with a page for people and RDF for machines; the query page.

The request path is the IRI's path under the minted root (https://w3id.org/plan-graph/); the format is
negotiated (Accept, or ?format=). Over data that cannot change, a rendered response is kept and served again.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from plan_graph.graph.formats import GRAPH_FORMATS, HTML, Format
from plan_graph.graph.names import ONTOLOGY
from plan_graph.stores.results import GraphResult, serialize_triples
from plan_graph.web.pages import QUERY_PAGE_SCRIPT, message_page, query_page, resource_page
from plan_graph.web.sparql import chosen_format
from plan_graph.web.state import ServerState

RESOURCE_OFFERS = {"text/html": HTML, "application/xhtml+xml": HTML,
                   **{fmt.media_type: fmt for fmt in GRAPH_FORMATS}}  # fmt: skip


async def resource(request: Request, state: ServerState) -> Response:
    iri = state.addresses.iri_for_path(request.url.path)
    fmt = chosen_format(request, RESOURCE_OFFERS)
    kept = state.rendered.get((iri, fmt.name)) if state.rendered is not None else None
    # off the event loop: over a remote store, a page is a dozen blocking HTTP look-ups
    status, body, media = kept if kept is not None else await run_in_threadpool(render_resource, iri, fmt, state)
    if kept is None and state.rendered is not None and status == 200:
        state.rendered.put((iri, fmt.name), (status, body, media))
    return Response(body, status_code=status, media_type=media, headers={"Vary": "Accept"} if status == 200 else None)


def render_resource(iri: str, fmt: Format, state: ServerState) -> tuple[int, bytes, str]:
    """(status, body, media type) of a resource in a format: a page, its RDF, or 404."""
    html, rdf = "text/html; charset=utf-8", fmt.media_type + "; charset=utf-8"
    if iri == ONTOLOGY:
        if fmt is HTML:
            from plan_graph.checks.validation import ontology_graph
            from plan_graph.web.docs import render_html

            return 200, render_html(ontology_graph()).encode(), html
        return 200, _rdf(state.data.ontology_graph(), fmt), rdf
    data = state.data.for_one_page()
    if not data.exists(iri):
        message = f"{iri} is not a resource of this graph"
        if fmt is HTML:
            return 404, message_page(404, "Not found · Negăsit", message, state.addresses).encode(), html
        return 404, (message + "\n").encode(), "text/plain; charset=utf-8"
    if fmt is HTML:
        return 200, resource_page(data.describe(iri), data, state.addresses).encode(), html
    return 200, _rdf(data.graph(iri), fmt), rdf


def _rdf(graph: GraphResult, fmt: Format) -> bytes:
    return serialize_triples(dict.fromkeys(graph.triples), fmt)  # a triple may be in more than one graph


async def query_page_response(request: Request, state: ServerState) -> Response:
    run = request.query_params.get("run")
    if run is not None and run not in {e["name"] for e in state.examples}:
        run = None
    page = query_page(state.examples, state.addresses, yasgui=state.yasgui is not None, run=run)
    return Response(page, media_type="text/html; charset=utf-8")


async def script(request: Request) -> Response:
    return Response(QUERY_PAGE_SCRIPT, media_type="text/javascript; charset=utf-8")


async def asset(request: Request, state: ServerState) -> Response:
    name = request.path_params["name"]
    if state.yasgui is None or name not in ("yasgui.min.js", "yasgui.min.css"):
        return PlainTextResponse("no such asset\n", status_code=404)
    media = "text/javascript" if name.endswith(".js") else "text/css"
    return FileResponse(state.yasgui / name, media_type=media + "; charset=utf-8")
