"""What publishing sends and what came of it, graph by graph: shared by publishing graph by graph
(release/publish.py) and staged publishing (release/staging.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from plan_graph.errors import PlanGraphError, StoreError
from plan_graph.stores.queries import bundled_rows
from plan_graph.stores.remote import RemoteStore
from plan_graph.stores.results import lexical


@dataclass(frozen=True)
class GraphUpload:
    name: str  # "plan", "actors", "inferred", "statistics", "monitoring", "ontology"
    iri: str
    ntriples: bytes  # the graph as N-Triples, what is sent

    @property
    def count(self) -> int:
        """Its triples: N-Triples has a line a triple (a triple written twice is one)."""
        return len(set(self.ntriples.splitlines()))


Uploader = Callable[[GraphUpload, str, str], None]  # sends one graph: the upload, the HTTP method, the URL


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


def graph_url(gsp: str, graph: str) -> str:
    return gsp + ("&" if "?" in gsp else "?") + urlencode({"graph": graph})


def one_line(error: BaseException) -> str:
    """An error's message on one line (a store's answer, quoted in it, may span several); one of Python's own
    (an OSError, a bug) with its kind, which its message alone may not say."""
    message = " ".join(str(error).split())
    if isinstance(error, PlanGraphError):
        return message
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def whole(found: int, sent: int, append: bool) -> bool:
    """Whether a graph holds what was sent: exactly, or at least (appended to what was there)."""
    return found >= sent if append else found == sent


def verify(checker: RemoteStore, outcome: GraphOutcome, append: bool, outcomes: list[GraphOutcome]) -> None:
    """The graph counted in the store; PublishError, with every graph's state, when it did not arrive whole."""
    outcome.found = count(checker, outcome.upload.iri)
    if not whole(outcome.found, outcome.sent, append):
        outcome.error = f"{outcome.sent} triples sent but {outcome.found} in the store"
        skip_rest(outcomes)
        raise PublishError(f"graph <{outcome.upload.iri}> did not arrive whole: {outcome.error}", outcomes)


def state_after(error: StoreError) -> str:
    if error.status:
        return "unchanged (refused)"
    return "unchanged (not reached)" if not error.delivered else "unknown (no answer)"


def count(checker: RemoteStore, graph: str) -> int:
    return int(lexical(bundled_rows(checker, "dataset/graph-size", {"graph": graph})[0]["triples"]))


def skip_rest(outcomes: list[GraphOutcome]) -> None:
    for outcome in outcomes:
        if outcome.state == "not sent":
            outcome.state = "unchanged (not sent)"
