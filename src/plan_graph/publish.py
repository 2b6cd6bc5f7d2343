"""Publishing the plan to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

Three named graphs, each replaced with PUT (or added to with POST for --append): the plan, the actor
registry (actors and their kinds) and the ontology. Each graph goes as one request whose body is streamed
from a temporary N-Triples file (so a large graph is never held twice in memory), then a SPARQL count on
the query endpoint checks that what arrived equals what was sent. Graphs go one after the other; if one
fails, the report says exactly which graphs were replaced and which were left as they were.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from rdflib import Graph, URIRef

from .namespaces import KIND
from .remote import (
    ACTORS_GRAPH,
    ONTOLOGY_GRAPH,
    PLAN_GRAPH,
    RemoteError,
    RemoteStore,
    RetryPolicy,
    describe_http_failure,
)

if TYPE_CHECKING:
    import httpx

PASSWORD_VARIABLE = "PLAN_GRAPH_PASSWORD"


@dataclass(frozen=True)
class GraphUpload:
    name: str  # "plan", "actors", "ontology"
    iri: str
    graph: Graph


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    scheme: str = "basic"  # or "digest"

    def __repr__(self) -> str:  # never print the password, even by accident
        return f"Credentials(user={self.user!r}, password='***', scheme={self.scheme!r})"


@dataclass
class GraphOutcome:
    upload: GraphUpload
    sent: int
    found: int | None = None
    state: str = "not sent"  # "replaced", "added", "unchanged (failed)", "unknown", "not sent"
    error: str | None = None


class PublishError(RuntimeError):
    def __init__(self, message: str, outcomes: list[GraphOutcome]) -> None:
        super().__init__(message)
        self.outcomes = outcomes


def split_for_publication(graph: Graph, actor_base: str, plan_graph: str = PLAN_GRAPH) -> list[GraphUpload]:
    """The built graph as two named graphs: the plan, and the actor registry (actors and their kinds)."""
    actors, plan = Graph(), Graph()
    for triple in graph:
        subject = str(triple[0])
        (actors if subject.startswith(actor_base) or subject.startswith(str(KIND)) else plan).add(triple)
    return [GraphUpload("plan", plan_graph, plan), GraphUpload("actors", ACTORS_GRAPH, actors)]


def with_ontology(uploads: list[GraphUpload], ontology: Graph) -> list[GraphUpload]:
    return [*uploads, GraphUpload("ontology", ONTOLOGY_GRAPH, ontology)]


def graph_url(gsp: str, graph: str) -> str:
    return gsp + ("&" if "?" in gsp else "?") + urlencode({"graph": graph})


def publish(
    uploads: list[GraphUpload],
    gsp: str,
    endpoint: str,
    credentials: Credentials | None = None,
    append: bool = False,
    timeout: float = 120.0,
    retry: RetryPolicy | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> list[GraphOutcome]:
    import httpx

    retry = retry or RetryPolicy()
    auth = None
    if credentials:
        auth = (httpx.DigestAuth if credentials.scheme == "digest" else httpx.BasicAuth)(
            credentials.user, credentials.password
        )
    checker = RemoteStore(endpoint, timeout=timeout, retry=retry)
    outcomes = [GraphOutcome(upload, len(upload.graph)) for upload in uploads]
    with httpx.Client(auth=auth, timeout=timeout) as client, tempfile.TemporaryDirectory() as folder:
        for outcome in outcomes:
            upload = outcome.upload
            path = Path(folder) / f"{upload.name}.nt"
            upload.graph.serialize(destination=str(path), format="nt", encoding="utf-8")
            method = "POST" if append else "PUT"
            try:
                retry.run(partial(_send, client, method, graph_url(gsp, upload.iri), path, append))
            except RemoteError as error:
                # a refusal (an HTTP error status) leaves the graph as it was, in stores that apply a request
                # as one transaction; no answer at all leaves its state unknown
                if error.status or not error.delivered:
                    outcome.state = "unchanged (refused)" if error.status else "unchanged (not reached)"
                else:
                    outcome.state = "unknown (no answer)"
                outcome.error = str(error)
                _skip_rest(outcomes)
                raise PublishError(f"graph <{upload.iri}> ({upload.name}): {error}", outcomes) from error
            outcome.state = "added" if append else "replaced"
            found = checker.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{URIRef(upload.iri)}> {{ ?s ?p ?o }} }}")
            outcome.found = int(found.rows[0]["n"].value)
            complete = outcome.found >= outcome.sent if append else outcome.found == outcome.sent
            progress(f"<{upload.iri}> ({upload.name}): {outcome.sent} triples sent, {outcome.found} in the store")
            if not complete:
                outcome.error = f"{outcome.sent} triples sent but {outcome.found} in the store"
                _skip_rest(outcomes)
                raise PublishError(f"graph <{upload.iri}> did not arrive whole: {outcome.error}", outcomes)
    return outcomes


def _skip_rest(outcomes: list[GraphOutcome]) -> None:
    for outcome in outcomes:
        if outcome.state == "not sent":
            outcome.state = "unchanged (not sent)"


def _send(client: httpx.Client, method: str, url: str, path: Path, append: bool) -> None:
    import httpx

    headers = {"Content-Type": "application/n-triples", "Content-Length": str(path.stat().st_size)}
    try:
        if isinstance(client.auth, httpx.DigestAuth):
            # digest auth sends the request twice (the first gets the challenge): the body must be replayable
            response = client.request(method, url, content=path.read_bytes(), headers=headers)
        else:
            with path.open("rb") as body:  # streamed from disk, with its length known
                response = client.request(method, url, content=body, headers=headers)
    except httpx.ConnectError as error:
        raise RemoteError(f"cannot reach {url}: {error}", transient=True, delivered=False) from error
    except httpx.TimeoutException as error:
        # a PUT that timed out may or may not have been applied; retrying it is safe, retrying a POST is not
        raise RemoteError(f"{url}: no answer in time", transient=not append) from error
    except httpx.TransportError as error:
        raise RemoteError(f"{url}: the connection failed: {error}", transient=not append) from error
    if response.status_code >= 300:
        raise describe_http_failure(url, response.status_code, response.text)


def password_from_environment_or_prompt(user: str | None) -> str | None:
    if not user:
        return None
    if (password := os.environ.get(PASSWORD_VARIABLE)) is not None:
        return password
    import getpass
    import sys

    if not sys.stdin.isatty():
        raise RemoteError(f"--user {user} needs a password: set {PASSWORD_VARIABLE} (no terminal to ask on)")
    return getpass.getpass(f"password for {user}: ")
