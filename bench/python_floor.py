"""The least a Python server does for a SPARQL query: section 4's floor for plan-graph serve.

An ASGI application that does nothing but the query: it takes `query` from the query string (GET), runs it on
pyoxigraph in its own process and answers SPARQL JSON (SELECT and ASK: what the bench asks). No time limit
(pyoxigraph cannot stop a query it runs in process: plan-graph serve runs each one in a worker process it can
kill), no checks, no kept answers, no other format or method. Run by uvicorn with one process a core, it is what
any Python server holding the data in pyoxigraph pays a request on this machine, whatever it adds. Its dataset:
the N-Quads file that the environment variable PLAN_GRAPH_FLOOR_DATASET names.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.types import Receive, Scope, Send  # the ASGI types only: nothing of Starlette runs here

DATASET = "PLAN_GRAPH_FLOOR_DATASET"

_store: ox.Store | None = None


def _loaded() -> ox.Store:
    global _store
    if _store is None:
        _store = ox.Store()
        _store.bulk_load(path=os.environ[DATASET], format=ox.RdfFormat.N_QUADS)
    return _store


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":  # the dataset is read before the first request, as the other servers do
        while (await receive())["type"] == "lifespan.startup":
            _loaded()
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    queries = parse_qs(scope["query_string"].decode("latin-1")).get("query")
    if not queries:
        status, media, body = 400, b"text/plain", b"no query\n"
    else:
        try:
            status, media = 200, b"application/sparql-results+json"
            body = _loaded().query(queries[0]).serialize(format=ox.QueryResultsFormat.JSON)
        except SyntaxError as error:
            status, media, body = 400, b"text/plain", f"{error}\n".encode()
    headers = [(b"content-type", media), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
