"""The build in one place: text → records → graph → checks. Everything that needs the graph starts here."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from plan_graph.checks.validation import ValidationReport, project_shapes, validate_together
from plan_graph.graph.entailment import Entailments, entail
from plan_graph.graph.formats import GRAPH_FORMATS, Format
from plan_graph.graph.iris import Iris
from plan_graph.graph.mapping import to_graph
from plan_graph.graph.monitoring import CARRIED as MONITORING_CARRIED
from plan_graph.graph.monitoring import external_assessment_triples
from plan_graph.graph.ontology import values_of_the_ontology
from plan_graph.graph.rdflib_door import rdflib_graph
from plan_graph.graph.statistics import CARRIED as STATISTICS_CARRIED
from plan_graph.graph.statistics import statistics_triples
from plan_graph.graph.stored import StoredGraph, stored_lines
from plan_graph.graph.terms import carried_lines
from plan_graph.pipeline.outputs import Dumps, NTriplesWriter, named_dumps, serialize, whole_dumps
from plan_graph.resources import bundled_plan
from plan_graph.text.assessments import ExternalAssessment, load_assessments
from plan_graph.text.links import load_links
from plan_graph.text.reader import parse_plan
from plan_graph.text.records import ParseIssue, PlanRecords, PlanTextError
from plan_graph.text.registry import load_corrections, load_registry
from plan_graph.text.source import PlanText, read_plan_text
from plan_graph.text.statistics import Answer, load_statistics


@dataclass(frozen=True)
class Companion:
    """A graph built beside the plan's, about it: its own named graph, dumps and dataset."""

    name: str  # "statistics", "monitoring": the stem of its dumps, publish's name for it
    iri: str  # its named graph
    stored: StoredGraph  # written as N-Triples as it was made, as the plan's graph is

    @cached_property
    def graph(self) -> Graph:
        """Its triples in rdflib, made when first asked for."""
        return rdflib_graph(self.stored.triples())


@dataclass
class BuildResult:
    source: Path
    text: PlanText  # how the source was read: its encoding and what was normalised
    plan: PlanRecords
    stored: StoredGraph  # the plan's triples, as N-Triples and in Oxigraph: validated there and written from there
    entailments: Entailments  # what the ontology's rules add to them (rules/), kept apart
    # the statistics around the plan (documents, figures, recommendations), the external assessments of its
    # activities (monitoring): graphs of their own
    companions: tuple[Companion, ...]
    report: ValidationReport | None  # of the plan and its companions together (they link to its activities)
    skipped: list[ParseIssue]
    answers_left_out: list[Answer]  # links to activities this plan's graph lacks (a row left out)
    assessments_left_out: list[ExternalAssessment]
    stages: dict[str, float] = field(default_factory=dict)  # stage -> seconds it took
    dumps: Dumps | None = None  # every graph in every format, when the build was asked to write them

    @cached_property
    def graph(self) -> Graph:
        """The plan's triples in rdflib, made when first asked for: the build itself writes them as N-Triples."""
        return rdflib_graph(self.stored.triples())

    def companion(self, name: str) -> Companion:
        return next(c for c in self.companions if c.name == name)

    @property
    def statistics(self) -> Graph:
        return self.companion("statistics").graph

    @property
    def monitoring(self) -> Graph:
        return self.companion("monitoring").graph


def read_plan(
    source: Path | None = None, keep_going: bool = False, encoding: str | None = None
) -> tuple[Path, PlanText, PlanRecords]:
    source = source or bundled_plan()
    text = read_plan_text(source, encoding)
    plan = parse_plan(text, load_registry(), load_corrections())
    if plan.errors and not keep_going:
        raise PlanTextError(source, plan.errors)
    return source, text, plan


def build(
    source: Path | None = None,
    base: str | None = None,
    keep_going: bool = False,
    check: bool = True,
    encoding: str | None = None,
    dumps: bool = False,
) -> BuildResult:
    """The plan read, mapped, entailed, with its companions, validated (`check`); with `dumps`, every graph also
    serialized in every format, for the files."""
    stages = Stages()
    source, text, plan = read_plan(source, keep_going, encoding)
    stages.done("read")
    iris = Iris(base) if base else Iris()
    # written as N-Triples as it is mapped, rather than made as an rdflib graph and then serialized (bench/ times it)
    written = NTriplesWriter(io.BytesIO())
    to_graph(plan, load_registry(), iris, load_links(), graph=written)
    stages.done("map")
    # The load, the rules and the serializations run in Oxigraph, which lets go of Python meanwhile: on a thread of
    # their own they overlap with the companions and the validation (each on a store nothing else writes to).
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plan-graph-build")
    try:
        background = Background(pool, dumps)
        # the plan's triples, and the ontology's resources its values point to: kinds of actor, roles, constructions
        background.load([*written.lines(), *values_of_the_ontology().splitlines(keepends=True)])
        around = _around_the_plan(plan, iris, background, check, stages)
        dumps_made = background.dumps()
        stages.done("serialize: what was left, by both threads")
        entailments = background.entailments()
        stages.done("entail (rules/): what was left to wait for")
    except BaseException:
        # interrupted (Ctrl-C, SIGTERM): not waiting for the second thread, which an interrupt landing inside a
        # future's lock can leave waiting for it forever; the command ends without it (console.py)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    if dumps_made is not None:  # the whole in one file, first: what a consumer who loads one file loads
        parts = [around.stored, entailments.inferred, *(companion.stored for companion in around.companions)]
        dumps_made = whole_dumps(parts) | dumps_made
        stages.done("serialize: the whole")
    return BuildResult(
        source,
        text,
        plan,
        around.stored,
        entailments,
        around.companions,
        around.report,
        plan.errors,
        around.answers_left_out,
        around.assessments_left_out,
        stages.seconds,
        dumps_made,
    )


@dataclass(frozen=True)
class Serialization:
    """A graph in one format, asked of the second thread; `graph` gives the graph (waiting for it to be made),
    `ready` says whether it is made."""

    what: str
    graph_format: Format
    graph: Callable[[], StoredGraph]
    ready: Callable[[], bool]
    made: Future[bytes]


class Background:
    """What the build's second thread does, in this order: the plan's triples loaded into Oxigraph, the
    entailments, then (when asked) each graph's serialization in each format. Those it has not started when the
    build's own thread waits for the plan's store, or is done with the validation, that thread does: two cores
    busy to the end.

    The rules run in a store of their own: the validation, on the other thread, queries the plan's store meanwhile,
    and two threads in one store slowed both (bench/)."""

    def __init__(self, pool: ThreadPoolExecutor, dumps: bool) -> None:
        self.pool, self.wanted = pool, dumps
        self.loading: Future[StoredGraph] | None = None
        self.entailing: Future[Entailments] | None = None
        self.serializations: list[Serialization] = []
        self.taken: dict[Serialization, bytes] = {}  # what this thread serialized itself

    def load(self, lines: list[bytes]) -> None:
        self.loading = loading = self.pool.submit(stored_lines, lines)
        self.entailing = entailing = self.pool.submit(lambda: entail(self.stored()))
        self.serialize("graph", self.stored, loading.done)
        self.serialize("inferred", lambda: self.entailments().inferred, entailing.done)

    def serialize(self, what: str, graph: Callable[[], StoredGraph], ready: Callable[[], bool]) -> None:
        if not self.wanted:
            return
        for graph_format in GRAPH_FORMATS:
            made = self.pool.submit(_serialized, graph, graph_format)
            self.serializations.append(Serialization(what, graph_format, graph, ready, made))

    def stored(self) -> StoredGraph:
        assert self.loading is not None, "load() first"
        return self.loading.result()

    def entailments(self) -> Entailments:
        assert self.entailing is not None, "load() first"
        return self.entailing.result()

    def stored_helping(self) -> StoredGraph:
        """The plan's store; while the second thread is still loading it, this one serializes what is ready."""
        assert self.loading is not None, "load() first"
        for task in reversed(self.serializations):
            if self.loading.done():
                break
            if task.ready():
                self._take(task)
        return self.loading.result()

    def dumps(self) -> Dumps | None:
        if not self.wanted:
            return None
        # what the second thread has not started, this one does: first those whose graph is made, the last asked
        # first (the furthest from being started); then those that must wait for their graph
        for task in sorted(reversed(self.serializations), key=lambda task: not task.ready()):
            self._take(task)
        by_graph: dict[str, dict[Format, bytes]] = {}
        for task in self.serializations:
            made = self.taken[task] if task in self.taken else task.made.result()
            by_graph.setdefault(task.what, {})[task.graph_format] = made
        return named_dumps(by_graph)

    def _take(self, task: Serialization) -> None:
        """The task done on this thread, unless the second thread has started it (a cancelled future never runs)."""
        if task not in self.taken and task.made.cancel():
            self.taken[task] = _serialized(task.graph, task.graph_format)


def _serialized(graph: Callable[[], StoredGraph], graph_format: Format) -> bytes:
    return serialize(graph(), graph_format)


@dataclass(frozen=True)
class Around:
    """What the build's own thread makes while the second one loads the plan and finds its entailments."""

    stored: StoredGraph  # the plan's, made by the second thread
    companions: tuple[Companion, ...]
    report: ValidationReport | None
    answers_left_out: list[Answer]
    assessments_left_out: list[ExternalAssessment]


def _around_the_plan(plan: PlanRecords, iris: Iris, background: Background, check: bool, stages: Stages) -> Around:
    """The rest of the build, while the plan is loaded and its entailments are found: the companions, the
    validation."""
    notations = {a.notation for a in plan.activities}
    around = load_statistics()
    statistics = NTriplesWriter(io.BytesIO())
    answers_left_out = statistics_triples(statistics, around, iris, notations)
    monitoring = NTriplesWriter(io.BytesIO())
    assessments_left_out = external_assessment_triples(
        monitoring, load_assessments(around.documents), around.documents, iris, notations
    )
    companions = (
        Companion("statistics", iris.statistics_graph, _companion(statistics, STATISTICS_CARRIED)),
        Companion("monitoring", iris.monitoring_graph("external"), _companion(monitoring, MONITORING_CARRIED)),
    )
    for companion in companions:
        background.serialize(companion.name, _made(companion.stored), lambda: True)
    if check:
        project_shapes()  # compiled while the plan may still be loading
    stages.done("statistics, assessments")
    stored = background.stored_helping()
    stages.done("load into Oxigraph: what was left to wait for, serializing meanwhile")
    report = None
    if check:
        report = validate_together([stored, *(c.stored for c in companions)])
        stages.done("validate (SHACL), the entailments found meanwhile")
    return Around(stored, companions, report, answers_left_out, assessments_left_out)


def _companion(written: NTriplesWriter, carried: tuple[str, ...]) -> StoredGraph:
    """A companion's own triples and those of the project files it carries (its model, its codes)."""
    return stored_lines([*written.lines(), *carried_lines(carried)])


def _made(stored: StoredGraph) -> Callable[[], StoredGraph]:
    """A graph already made, as Background takes graphs: a call, which for the plan's may wait for its load."""
    return lambda: stored


class Stages:
    """How long each stage of a build took (seconds), for the benchmark's stage table."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = now - self._last
        self._last = now
