"""Staged publishing: the graphs uploaded to staging graphs beside the published ones, checked there, and swapped in
by one update request (release/publish.py says when, and what a store that fails midway leaves).

Whatever fails before the graphs are swapped in (an upload, a count, a refused swap, an exception, an
interrupt), the staging graphs are dropped before the error is raised; if dropping fails too, the error names
those that may remain. A swap that got no answer is the one exception: the store may still apply it, and it
would then empty the published graphs if their staging graphs were gone, so those are kept and named.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from urllib.parse import quote

from plan_graph.errors import StoreError
from plan_graph.release.outcomes import (
    GraphOutcome,
    PublishError,
    Uploader,
    count,
    graph_url,
    one_line,
    verify,
    whole,
)
from plan_graph.stores.remote import RemoteStore

STAGING_PREFIX = "urn:plan-graph:staging:"  # + run id + ":" + graph name, percent-encoded (staging_graph)


def staging_graph(run: str, name: str) -> str:
    """The staging graph of an upload in a run. The name is percent-encoded: an upload's name may hold what an
    IRI cannot ("round 2019"), and a store refuses such a graph name; the encoding keeps distinct names distinct
    and leaves nothing an IRI (or SPARQL's <…>) forbids."""
    return f"{STAGING_PREFIX}{run}:{quote(name, safe='')}"


def staged(
    upload: Uploader,
    send_update: Callable[[str], None],
    checker: RemoteStore,
    outcomes: list[GraphOutcome],
    gsp: str,
    append: bool,
    progress: Callable[[str], None],
) -> None:
    run = uuid.uuid4().hex
    staging = {outcome.upload.iri: staging_graph(run, outcome.upload.name) for outcome in outcomes}
    _stage(upload, send_update, checker, outcomes, staging, gsp, progress)
    _swap(send_update, checker, outcomes, staging, append, progress)
    for outcome in outcomes:  # all swapped in together: each is replaced (or added to), then counted
        outcome.state = "added" if append else "replaced"
    for outcome in outcomes:
        verify(checker, outcome, append, outcomes)
        progress(f"<{outcome.upload.iri}> ({outcome.upload.name}): {outcome.found} triples published")


def _stage(
    upload: Uploader,
    send_update: Callable[[str], None],
    checker: RemoteStore,
    outcomes: list[GraphOutcome],
    staging: dict[str, str],
    gsp: str,
    progress: Callable[[str], None],
) -> None:
    """Each graph PUT to its staging graph and counted there. Whatever fails, the staging graphs a request may
    have reached are dropped before the error is raised: nothing published was touched, and nothing is left."""
    reached: list[str] = []  # the staging graphs a request may have reached: only those can be left behind
    current: GraphOutcome | None = None  # the graph being staged: what a failure names
    try:
        for outcome in outcomes:
            current, target = outcome, staging[outcome.upload.iri]
            reached.append(target)  # from its first byte on, the upload may be in the store
            try:
                upload(outcome.upload, "PUT", graph_url(gsp, target))
            except StoreError as error:
                if not error.delivered:  # certainly never reached the store (RetryPolicy counts every attempt)
                    reached.remove(target)
                raise
            arrived = count(checker, target)
            progress(
                f"<{outcome.upload.iri}> ({outcome.upload.name}): {outcome.sent} triples staged, {arrived} arrived"
            )
            if arrived != outcome.sent:
                raise StoreError(f"{outcome.sent} triples sent to <{target}> but {arrived} arrived")
    except BaseException as error:  # an interrupt, or a bug, must not leave staging graphs behind either
        left = _drop_staging(send_update, checker, reached) if reached else ""
        for outcome in outcomes:
            outcome.state = "unchanged (not swapped in)" if reached else "unchanged (not reached)"
        what = f"graph <{current.upload.iri}> ({current.upload.name}): " if current else ""
        _raise_after_cleanup(error, progress, left)
        if not reached:  # the store never got a byte: nothing to clean up, nothing changed, for no graph
            raise PublishError(f"nothing reached the store: {one_line(error)}", outcomes) from error
        message = f"staging failed, no published graph was touched: {what}{one_line(error)}{left}"
        raise PublishError(message, outcomes) from error


def _swap(
    send_update: Callable[[str], None],
    checker: RemoteStore,
    outcomes: list[GraphOutcome],
    staging: dict[str, str],
    append: bool,
    progress: Callable[[str], None],
) -> None:
    """One update request moving every staging graph into its published graph. When it fails, the store is
    asked what it now holds; the staging graphs not swapped in are dropped before the error is raised."""
    operations = []
    for outcome in outcomes:
        iri, target = outcome.upload.iri, staging[outcome.upload.iri]
        if not append:
            operations.append(f"DROP SILENT GRAPH <{iri}>")
        operations += [f"ADD SILENT GRAPH <{target}> TO GRAPH <{iri}>", f"DROP SILENT GRAPH <{target}>"]
    try:
        # never retried: after a lost answer, a second swap would empty the graphs (their staging is gone)
        send_update(" ;\n".join(operations))
    except BaseException as error:  # also an interrupt or a bug: the swap may have been applied, or not
        _settle(checker, outcomes, staging, append)
        waiting = [staging[o.upload.iri] for o in outcomes if not o.state.startswith(("replaced", "added"))]
        if not waiting and isinstance(error, Exception):
            progress(f"the swap got no answer ({one_line(error)}), but the store holds the new graphs")
            return
        if isinstance(error, StoreError) and error.status is not None:
            # the store answered: it applied the swap or none of it, so the staging graphs can go
            left = _drop_staging(send_update, checker, waiting) if waiting else ""
        else:
            # no answer (or an interrupt while it was sent): the store may still apply the swap, which drops each
            # published graph before it adds its staging graph; dropping the staging graphs now could leave the
            # published graphs empty, so they are kept, and named
            left = f"; the store may still apply the swap, so the staging graphs are kept: {', '.join(waiting)}"
            left += " (DROP them once the store is idle, or publish again)"
        _raise_after_cleanup(error, progress, left)
        raise PublishError(f"the swap failed: {one_line(error)}{left}", outcomes) from error


def _raise_after_cleanup(error: BaseException, progress: Callable[[str], None], left: str) -> None:
    """An interrupt (Ctrl-C, SIGTERM) is raised again as it was, after the clean-up: the command line reports it
    as one; what the clean-up could not remove goes to the progress lines, the interrupt having no message."""
    if isinstance(error, Exception):
        return
    if left:
        progress(f"interrupted{left}")
    raise error


def _settle(checker: RemoteStore, outcomes: list[GraphOutcome], staging: dict[str, str], append: bool) -> None:
    """After a swap without a clear answer: each graph's state, from what the store holds now."""
    for outcome in outcomes:
        iri, target = outcome.upload.iri, staging[outcome.upload.iri]
        try:
            waiting, live = count(checker, target), count(checker, iri)
        except StoreError as error:
            outcome.state = f"unknown (the store could not be asked: {one_line(error)})"
            continue
        outcome.found = live
        if waiting == 0 and whole(live, outcome.sent, append):
            outcome.state = "added" if append else "replaced"
        elif waiting == outcome.sent:
            outcome.state = "unchanged (not swapped in)"
        else:
            outcome.state = f"unknown (<{target}> holds {waiting} triples, the graph {live})"


def _drop_staging(send_update: Callable[[str], None], checker: RemoteStore, graphs: list[str]) -> str:
    """Removes the staging graphs; "" when none is left, else a note naming those that may remain."""
    try:
        send_update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs))
        return ""
    except Exception as error:  # the clean-up's own failure must not hide the one being reported
        failure = error
    try:
        left = [graph for graph in graphs if count(checker, graph) > 0]
    except Exception:
        left = graphs  # cannot tell: name them all
    if not left:
        return ""
    return f"; dropping the staging graphs failed ({one_line(failure)}), these may remain: {', '.join(left)}"
