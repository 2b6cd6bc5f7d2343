"""Publishing the plan to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

Six named graphs: the plan, the actor registry (actors and their kinds), the entailments of both (rules/), the
statistics around the plan (documents, figures, recommendations), the external assessments of its activities
(monitoring) and the ontology; a store's queries read all but the ontology as their default graph
(datasets/). Each graph goes
as one request whose body is streamed from a temporary N-Triples file (so a large graph is never held twice
in memory), then a SPARQL count on the query endpoint checks that what arrived equals what was sent.

With the store's SPARQL Update endpoint (staged publication, the CLI's default where it knows the
endpoint) the graphs are first uploaded to staging graphs beside the live ones and checked there; one
update request then swaps all of them in. A store that applies an update request as one transaction
(Oxigraph, Virtuoso) so changes all the graphs or none: a store failing midway leaves the published graphs
as they were. When the swap gets no answer, the store is asked what it now holds, and the report says so; no
staging graph is left behind on a failure, but where the store may still apply the swap (release/staging.py).
Without an update endpoint, each graph is replaced in turn (PUT; POST for --append) and a failure reports
exactly which graphs were replaced and which were left as they were.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from plan_graph.datasets import ROUNDS, graph_contents
from plan_graph.errors import StoreError, StoreUnreachableError, UsageError, ValidationError
from plan_graph.graph.iris import ONTOLOGY, PLAN_GRAPH
from plan_graph.release.outcomes import (
    GraphOutcome,
    GraphUpload,
    PublishError,
    Uploader,
    graph_url,
    one_line,
    skip_rest,
    state_after,
    verify,
)
from plan_graph.release.staging import STAGING_PREFIX, staged, staging_graph
from plan_graph.settings import declaration, environment
from plan_graph.stores.remote import RemoteStore, RetryPolicy, describe_http_failure, endpoints_for

if TYPE_CHECKING:
    import httpx

    from plan_graph.pipeline.build import BuildResult

PASSWORD_VARIABLE = declaration("password")["env"]


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    scheme: str = "basic"  # or "digest"

    def __repr__(self) -> str:  # never print the password, even by accident
        return f"Credentials(user={self.user!r}, password='***', scheme={self.scheme!r})"


@dataclass(frozen=True)
class PublishTarget:
    """Where and how to publish: the store's Graph Store Protocol URL and what goes with it."""

    gsp: str
    endpoint: str | None = None  # SPARQL query URL for the checks (default: derived for Oxigraph and Virtuoso)
    update: str | None = None  # SPARQL Update URL for staging and the swap (default: derived likewise)
    staging: bool = True  # stage the graphs and swap them in at once, where the update endpoint is known
    plan_graph: str = PLAN_GRAPH
    credentials: Credentials | None = None
    append: bool = False
    timeout: float = 120.0  # seconds per request
    rounds: Path | None = None  # a folder of reporting rounds (`plan-graph monitor import`), each its named graph


def publish_plan(target: PublishTarget, progress: Callable[[str], None] = lambda line: None) -> list[GraphOutcome]:
    """The plan built, checked and published as six named graphs (plan, actors, inferred, statistics, monitoring,
    ontology)."""
    from plan_graph.pipeline.build import build

    known_query, known_update = endpoints_for(target.gsp)
    endpoint = target.endpoint or known_query
    if endpoint is None:
        raise UsageError(f"cannot tell the SPARQL query endpoint of {target.gsp}: give --endpoint")
    update = (target.update or known_update) if target.staging else None
    result = build()
    if result.report is None or not result.report.conforms:
        raise ValidationError(
            "the graph does not conform to the shapes; nothing was published (see plan-graph validate)"
        )
    uploads = plan_uploads(result, target.plan_graph)
    if target.rounds is not None:
        uploads += round_uploads(target.rounds)
    return publish(
        uploads,
        target.gsp,
        endpoint,
        target.credentials,
        append=target.append,
        timeout=target.timeout,
        progress=progress,
        update=update,
    )


def round_uploads(folder: Path) -> list[GraphUpload]:
    """The reporting rounds of a folder (their bodies' current submissions: pipeline/rounds.py), each as its named
    graph (…/hg-861-2018/monitoring/PERIOD)."""
    from plan_graph.pipeline.rounds import RoundsFolder

    rounds = RoundsFolder(folder).check_exists()
    return [
        GraphUpload(ROUNDS.name(period), ROUNDS.graph(period), rounds.round_ntriples(period))
        for period in rounds.periods()
    ]


def plan_uploads(result: BuildResult, plan_graph: str = PLAN_GRAPH) -> list[GraphUpload]:
    """What `publish` sends: each dataset (datasets/: the plan, the actor registry, the entailments of both, the
    statistics around the plan, the external assessments of its activities) in its named graph, the plan's in
    `plan_graph`, and the ontology."""
    from plan_graph.graph.ontology import ontology_ntriples

    return [
        *(
            GraphUpload(dataset.name, plan_graph if dataset.graph == PLAN_GRAPH else dataset.graph, data)
            for dataset, data in graph_contents(result.made)
        ),
        GraphUpload("ontology", ONTOLOGY, ontology_ntriples()),
    ]


def publish(
    uploads: list[GraphUpload],
    gsp: str,
    endpoint: str,
    credentials: Credentials | None = None,
    append: bool = False,
    timeout: float = 120.0,
    retry: RetryPolicy | None = None,
    progress: Callable[[str], None] = lambda line: None,
    update: str | None = None,
) -> list[GraphOutcome]:
    """The uploads published: staged and swapped in by one update when `update` (the SPARQL Update endpoint)
    is given, else one graph after the other. PublishError, with each graph's state, when it fails."""
    import httpx

    retry = retry or RetryPolicy()
    auth = None
    if credentials:
        auth = (httpx.DigestAuth if credentials.scheme == "digest" else httpx.BasicAuth)(
            credentials.user, credentials.password
        )
    checker = RemoteStore(endpoint, timeout=timeout, retry=retry)
    outcomes = [GraphOutcome(upload, upload.count) for upload in uploads]
    with httpx.Client(auth=auth, timeout=timeout) as client, tempfile.TemporaryDirectory() as folder:
        upload = partial(_upload, client, Path(folder), retry)
        if update is None:
            _one_by_one(upload, checker, outcomes, gsp, append, progress)
        else:
            staged(upload, partial(_send_update, client, update), checker, outcomes, gsp, append, progress)
    return outcomes


def _one_by_one(
    upload: Uploader,
    checker: RemoteStore,
    outcomes: list[GraphOutcome],
    gsp: str,
    append: bool,
    progress: Callable[[str], None],
) -> None:
    for outcome in outcomes:
        iri, name = outcome.upload.iri, outcome.upload.name
        try:
            upload(outcome.upload, "POST" if append else "PUT", graph_url(gsp, iri))
        except StoreError as error:
            # a refusal (an HTTP error status) leaves the graph as it was, in stores that apply a request
            # as one transaction; no answer at all leaves its state unknown
            outcome.state = state_after(error)
            outcome.error = one_line(error)
            skip_rest(outcomes)
            raise PublishError(f"graph <{iri}> ({name}): {outcome.error}", outcomes) from error
        outcome.state = "added" if append else "replaced"
        verify(checker, outcome, append, outcomes)
        progress(f"<{iri}> ({name}): {outcome.sent} triples sent, {outcome.found} in the store")


def _upload(client: httpx.Client, folder: Path, retry: RetryPolicy, upload: GraphUpload, method: str, url: str) -> None:
    # not named after the upload: its name may hold a "/" or anything else a file name cannot
    path = folder / f"{uuid.uuid4().hex}.nt"
    path.write_bytes(upload.ntriples)
    try:
        retry.run(partial(_send, client, method, url, path))
    finally:
        path.unlink()  # one graph at a time on disk


def _send(client: httpx.Client, method: str, url: str, path: Path) -> None:
    import httpx

    headers = {"Content-Type": "application/n-triples", "Content-Length": str(path.stat().st_size)}
    # a PUT that timed out may or may not have been applied; retrying it is safe, retrying a POST is not
    retryable = method == "PUT"
    if isinstance(client.auth, httpx.DigestAuth):
        # digest auth sends the request twice (the first gets the challenge): the body must be replayable
        _request(client, method, url, path.read_bytes(), headers, retryable=retryable)
    else:
        with path.open("rb") as body:  # streamed from disk, with its length known
            _request(client, method, url, body, headers, retryable=retryable)


def _send_update(client: httpx.Client, url: str, update: str) -> None:
    headers = {"Content-Type": "application/sparql-update"}
    _request(client, "POST", url, update.encode("utf-8"), headers, retryable=False)


def _request(
    client: httpx.Client,
    method: str,
    url: str,
    content: bytes | Iterable[bytes],
    headers: dict[str, str],
    retryable: bool,
) -> None:
    """One request to the store; its failure as a StoreError that says whether it may be retried and
    whether it can have reached the store."""
    import httpx

    try:
        response = client.request(method, url, content=content, headers=headers)
    except httpx.ConnectError as error:
        raise StoreUnreachableError(f"cannot reach {url}: {error}", transient=True, delivered=False) from error
    except httpx.TimeoutException as error:
        raise StoreUnreachableError(f"{url}: no answer in time", transient=retryable) from error
    except httpx.TransportError as error:
        raise StoreUnreachableError(f"{url}: the connection failed: {error}", transient=retryable) from error
    if response.status_code >= 300:
        raise describe_http_failure(url, response.status_code, response.text)


def password_from_environment_or_prompt(user: str | None) -> str | None:
    if not user:
        return None
    if (password := environment().password) is not None:
        return password
    import getpass
    import sys

    if not sys.stdin.isatty():
        raise UsageError(f"--user {user} needs a password: set {PASSWORD_VARIABLE} (no terminal to ask on)")
    return getpass.getpass(f"password for {user}: ")


__all__ = [  # what callers (and tests) import from here, defined beside it
    "STAGING_PREFIX",
    "GraphOutcome",
    "GraphUpload",
    "PublishError",
    "staging_graph",
]
