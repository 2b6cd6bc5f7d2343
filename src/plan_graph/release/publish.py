"""Publishing the plan to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

Six named graphs: the plan, the actor registry (actors and their kinds), the entailments of both (rules/), the
statistics around the plan (documents, figures, recommendations), the external assessments of its activities
(monitoring) and the ontology; a store's queries read all but the ontology as their default graph
(names.DATA_GRAPHS). Each graph goes
as one request whose body is streamed from a temporary N-Triples file (so a large graph is never held twice
in memory), then a SPARQL count on the query endpoint checks that what arrived equals what was sent.

With the store's SPARQL Update endpoint (staged publication, the CLI's default where it knows the
endpoint) the graphs are first uploaded to staging graphs beside the live ones and checked there; one
update request then swaps all of them in. A store that applies an update request as one transaction
(Oxigraph, Virtuoso) so changes all the graphs or none: a store failing midway leaves the published graphs
as they were. When the swap gets no answer, the store is asked what it now holds, and the report says so.
Without an update endpoint, each graph is replaced in turn (PUT; POST for --append) and a failure reports
exactly which graphs were replaced and which were left as they were.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from rdflib import Graph, URIRef

from plan_graph.errors import StoreError, StoreUnreachableError, UsageError, ValidationError
from plan_graph.graph.iris import ACTORS_GRAPH, INFERRED_GRAPH, ONTOLOGY, PLAN_GRAPH, Iris
from plan_graph.graph.namespaces import KIND
from plan_graph.stores.factory import endpoints_for
from plan_graph.stores.remote import RemoteStore, RetryPolicy, describe_http_failure
from plan_graph.stores.results import lexical

if TYPE_CHECKING:
    import httpx

    from plan_graph.pipeline.build import BuildResult

PASSWORD_VARIABLE = "PLAN_GRAPH_PASSWORD"
STAGING_PREFIX = "urn:plan-graph:staging:"  # + run id + ":" + graph name


@dataclass(frozen=True)
class GraphUpload:
    name: str  # "plan", "actors", "inferred", "statistics", "monitoring", "ontology"
    iri: str
    graph: Graph


Uploader = Callable[[GraphUpload, str, str], None]  # sends one graph: the upload, the HTTP method, the URL


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


class PublishError(StoreError):
    """Publishing failed; `outcomes` says, graph by graph, what the store now holds."""

    def __init__(self, message: str, outcomes: list[GraphOutcome]) -> None:
        super().__init__(message)
        self.outcomes = outcomes

    def __str__(self) -> str:
        states = "".join(f"\n  <{o.upload.iri}> ({o.upload.name}): {o.state}" for o in self.outcomes)
        return f"publishing failed: {self.args[0]}{states}"


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
        raise ValidationError("the graph does not conform to the shapes; nothing was published (see plan-graph "
                              "validate)")  # fmt: skip
    uploads = plan_uploads(result, target.plan_graph)
    if target.rounds is not None:
        uploads += round_uploads(target.rounds)
    return publish(uploads, target.gsp, endpoint, target.credentials, append=target.append, timeout=target.timeout,
                   progress=progress, update=update)  # fmt: skip


def round_uploads(folder: Path) -> list[GraphUpload]:
    """The reporting rounds of a folder, each as its named graph (…/hg-861-2018/monitoring/PERIOD)."""
    from plan_graph.stores.factory import round_files

    uploads = []
    for period, path in round_files(folder).items():
        graph = Graph()
        graph.parse(path, format="nt")
        uploads.append(GraphUpload(f"round {period}", Iris().monitoring_graph(period), graph))
    return uploads


def plan_uploads(result: BuildResult, plan_graph: str = PLAN_GRAPH) -> list[GraphUpload]:
    """What `publish` sends: the plan, the actor registry, the entailments of both, the companions (the statistics
    around the plan, the external assessments of its activities) and the ontology."""
    from plan_graph.checks.validation import ontology_graph

    inferred = Graph()
    inferred.parse(data=result.entailments.inferred.ntriples, format="nt")
    return [
        *split_for_publication(result.graph, str(Iris().actor("")), plan_graph),
        GraphUpload("inferred", INFERRED_GRAPH, inferred),
        *(GraphUpload(companion.name, companion.iri, companion.graph) for companion in result.companions),
        GraphUpload("ontology", ONTOLOGY, ontology_graph()),
    ]


def split_for_publication(graph: Graph, actor_base: str, plan_graph: str = PLAN_GRAPH) -> list[GraphUpload]:
    """The built graph as two named graphs: the plan, and the actor registry (actors and their kinds)."""
    actors, plan = Graph(), Graph()
    for triple in graph:
        subject = str(triple[0])
        (actors if subject.startswith(actor_base) or subject.startswith(str(KIND)) else plan).add(triple)
    return [GraphUpload("plan", plan_graph, plan), GraphUpload("actors", ACTORS_GRAPH, actors)]


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
    outcomes = [GraphOutcome(upload, len(upload.graph)) for upload in uploads]
    with httpx.Client(auth=auth, timeout=timeout) as client, tempfile.TemporaryDirectory() as folder:
        upload = partial(_upload, client, Path(folder), retry)
        if update is None:
            _one_by_one(upload, checker, outcomes, gsp, append, progress)
        else:
            _staged(upload, partial(_send_update, client, update), checker, outcomes, gsp, append, progress)
    return outcomes


def _one_by_one(upload: Uploader, checker: RemoteStore, outcomes: list[GraphOutcome], gsp: str, append: bool,
                progress: Callable[[str], None]) -> None:  # fmt: skip
    for outcome in outcomes:
        iri, name = outcome.upload.iri, outcome.upload.name
        try:
            upload(outcome.upload, "POST" if append else "PUT", graph_url(gsp, iri))
        except StoreError as error:
            # a refusal (an HTTP error status) leaves the graph as it was, in stores that apply a request
            # as one transaction; no answer at all leaves its state unknown
            outcome.state = _state_after(error)
            outcome.error = str(error)
            _skip_rest(outcomes)
            raise PublishError(f"graph <{iri}> ({name}): {error}", outcomes) from error
        outcome.state = "added" if append else "replaced"
        _verify(checker, outcome, append, outcomes)
        progress(f"<{iri}> ({name}): {outcome.sent} triples sent, {outcome.found} in the store")


def _staged(upload: Uploader, send_update: Callable[[str], None], checker: RemoteStore,
            outcomes: list[GraphOutcome], gsp: str, append: bool, progress: Callable[[str], None]) -> None:  # fmt: skip
    run = uuid.uuid4().hex
    staging = {outcome.upload.iri: f"{STAGING_PREFIX}{run}:{outcome.upload.name}" for outcome in outcomes}
    reached: list[str] = []  # the staging graphs an upload may have reached: only those can be left behind
    try:
        for outcome in outcomes:
            target = staging[outcome.upload.iri]
            try:
                upload(outcome.upload, "PUT", graph_url(gsp, target))
            except StoreError as error:
                if error.delivered:
                    reached.append(target)
                raise
            reached.append(target)
            arrived = _count(checker, target)
            progress(f"<{outcome.upload.iri}> ({outcome.upload.name}): {outcome.sent} triples staged, {arrived} "
                     "arrived")  # fmt: skip
            if arrived != outcome.sent:
                raise StoreError(f"{outcome.sent} triples sent to <{target}> but {arrived} arrived")
    except StoreError as error:
        if not reached:  # the store never got a byte: there is nothing to clean up, and nothing changed
            for outcome in outcomes:
                outcome.state = "unchanged (not reached)"
            raise PublishError(f"nothing reached the store: {error}", outcomes) from error
        left = _drop_staging(send_update, checker, reached)
        for outcome in outcomes:
            outcome.state = "unchanged (not swapped in)"
        raise PublishError(f"staging failed, no published graph was touched: {error}{left}", outcomes) from error
    operations = []
    for outcome in outcomes:
        iri, target = outcome.upload.iri, staging[outcome.upload.iri]
        if not append:
            operations.append(f"DROP SILENT GRAPH <{iri}>")
        operations += [f"ADD SILENT GRAPH <{target}> TO GRAPH <{iri}>", f"DROP SILENT GRAPH <{target}>"]
    try:
        # never retried: after a lost answer, a second swap would empty the graphs (their staging is gone)
        send_update(" ;\n".join(operations))
    except StoreError as error:
        _settle(checker, outcomes, staging, append)
        if any(not outcome.state.startswith(("replaced", "added")) for outcome in outcomes):
            waiting = [staging[o.upload.iri] for o in outcomes if o.state.startswith("unchanged")]
            left = _drop_staging(send_update, checker, waiting) if waiting else ""
            unclear = [staging[o.upload.iri] for o in outcomes if o.state.startswith("unknown")]
            kept = f"; staging graphs kept for inspection: {', '.join(unclear)}" if unclear else ""
            raise PublishError(f"the swap failed: {error}{left}{kept}", outcomes) from error
        progress(f"the swap got no answer ({error}), but the store holds the new graphs")
    for outcome in outcomes:  # all swapped in together: each is replaced (or added to), then counted
        outcome.state = "added" if append else "replaced"
    for outcome in outcomes:
        _verify(checker, outcome, append, outcomes)
        progress(f"<{outcome.upload.iri}> ({outcome.upload.name}): {outcome.found} triples published")


def _whole(found: int, sent: int, append: bool) -> bool:
    """Whether a graph holds what was sent: exactly, or at least (appended to what was there)."""
    return found >= sent if append else found == sent


def _verify(checker: RemoteStore, outcome: GraphOutcome, append: bool, outcomes: list[GraphOutcome]) -> None:
    """The graph counted in the store; PublishError, with every graph's state, when it did not arrive whole."""
    outcome.found = _count(checker, outcome.upload.iri)
    if not _whole(outcome.found, outcome.sent, append):
        outcome.error = f"{outcome.sent} triples sent but {outcome.found} in the store"
        _skip_rest(outcomes)
        raise PublishError(f"graph <{outcome.upload.iri}> did not arrive whole: {outcome.error}", outcomes)


def _settle(checker: RemoteStore, outcomes: list[GraphOutcome], staging: dict[str, str], append: bool) -> None:
    """After a swap without a clear answer: each graph's state, from what the store holds now."""
    for outcome in outcomes:
        iri, target = outcome.upload.iri, staging[outcome.upload.iri]
        try:
            waiting, live = _count(checker, target), _count(checker, iri)
        except StoreError as error:
            outcome.state = f"unknown (the store could not be asked: {error})"
            continue
        outcome.found = live
        if waiting == 0 and _whole(live, outcome.sent, append):
            outcome.state = "added" if append else "replaced"
        elif waiting == outcome.sent:
            outcome.state = "unchanged (not swapped in)"
        else:
            outcome.state = f"unknown (<{target}> holds {waiting} triples, the graph {live})"


def _drop_staging(send_update: Callable[[str], None], checker: RemoteStore, graphs: list[str]) -> str:
    """Removes the staging graphs; "" when none is left, else a note naming those that still hold triples."""
    try:
        send_update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs))
        return ""
    except StoreError as error:
        failure = error
    try:
        left = [graph for graph in graphs if _count(checker, graph) > 0]
    except StoreError:
        left = graphs  # cannot tell: name them all
    return f"; staging graphs left in the store ({failure}): {', '.join(left)}" if left else ""


def _state_after(error: StoreError) -> str:
    if error.status:
        return "unchanged (refused)"
    return "unchanged (not reached)" if not error.delivered else "unknown (no answer)"


def _count(checker: RemoteStore, graph: str) -> int:
    found = checker.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{URIRef(graph)}> {{ ?s ?p ?o }} }}")
    return int(lexical(found.rows[0]["n"]))


def _upload(client: httpx.Client, folder: Path, retry: RetryPolicy, upload: GraphUpload, method: str,
            url: str) -> None:  # fmt: skip
    path = folder / f"{upload.name}.nt"
    upload.graph.serialize(destination=str(path), format="nt", encoding="utf-8")
    retry.run(partial(_send, client, method, url, path))


def _skip_rest(outcomes: list[GraphOutcome]) -> None:
    for outcome in outcomes:
        if outcome.state == "not sent":
            outcome.state = "unchanged (not sent)"


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


def _request(client: httpx.Client, method: str, url: str, content: bytes | Iterable[bytes], headers: dict[str, str],
             retryable: bool) -> None:  # fmt: skip
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
    if (password := os.environ.get(PASSWORD_VARIABLE)) is not None:
        return password
    import getpass
    import sys

    if not sys.stdin.isatty():
        raise UsageError(f"--user {user} needs a password: set {PASSWORD_VARIABLE} (no terminal to ask on)")
    return getpass.getpass(f"password for {user}: ")
