"""The build in one place: text → records → graph → checks. Everything that needs the graph starts here."""

from __future__ import annotations

import io
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from plan_graph.checks.validation import ValidationReport, validate_together, values_of_the_ontology
from plan_graph.graph.entailment import Entailments, entail
from plan_graph.graph.formats import Format
from plan_graph.graph.iris import Iris
from plan_graph.graph.mapping import to_graph
from plan_graph.graph.monitoring import external_assessments_graph
from plan_graph.graph.statistics import statistics_graph
from plan_graph.graph.stored import StoredGraph, graph_of, stored_graph, stored_lines
from plan_graph.pipeline.outputs import Dumps, NTriplesWriter, named_dumps, serialize_all
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
    graph: Graph
    stored: StoredGraph


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
        return graph_of(self.stored)

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
    for triple in values_of_the_ontology():  # kinds of actor, roles, constructions: what the data's values mean
        written.add(triple)
    stages.done("map")
    stored = stored_lines(written.lines())
    stages.done("load into Oxigraph")
    # The rules and the serializations run in Oxigraph, which lets go of Python meanwhile: on a thread of their own
    # they overlap with the companions and the validation (each on a store nothing else writes to).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="plan-graph-build") as pool:
        background = Background(pool, dumps)
        background.entail(stored)
        result = _around_the_plan(source, text, plan, iris, stored, background, check, stages)
        return replace(result, dumps=background.dumps())


class Background:
    """What the build's second thread does: the entailments, then (when asked) each graph's serializations."""

    def __init__(self, pool: ThreadPoolExecutor, dumps: bool) -> None:
        self.pool, self.wanted = pool, dumps
        self.entailing: Future[Entailments] | None = None
        self.serializing: dict[str, Future[dict[Format, bytes]]] = {}

    def entail(self, stored: StoredGraph) -> None:
        self.serialize("graph", stored)
        self.entailing = self.pool.submit(entail, stored)
        if self.wanted:
            self.serializing["inferred"] = self.pool.submit(lambda: serialize_all(self.entailments().inferred))

    def serialize(self, what: str, stored: StoredGraph) -> None:
        if self.wanted:
            self.serializing[what] = self.pool.submit(serialize_all, stored)

    def entailments(self) -> Entailments:
        assert self.entailing is not None, "entail() first"
        return self.entailing.result()

    def dumps(self) -> Dumps | None:
        return named_dumps({what: done.result() for what, done in self.serializing.items()}) if self.wanted else None


def _around_the_plan(source: Path, text: PlanText, plan: PlanRecords, iris: Iris, stored: StoredGraph,
                     background: Background, check: bool, stages: Stages) -> BuildResult:  # fmt: skip
    """The rest of the build, while the entailments are found: the companions, the validation."""
    notations = {a.notation for a in plan.activities}
    around = load_statistics()
    statistics, answers_left_out = statistics_graph(around, iris, notations)
    monitoring, assessments_left_out = external_assessments_graph(load_assessments(around.documents),
                                                                  around.documents, iris, notations)  # fmt: skip
    companions = (
        Companion("statistics", iris.statistics_graph, statistics, stored_graph(statistics)),
        Companion("monitoring", iris.monitoring_graph("external"), monitoring, stored_graph(monitoring)),
    )
    for companion in companions:
        background.serialize(companion.name, companion.stored)
    stages.done("statistics, assessments")
    report = None
    if check:
        report = validate_together([stored, *(c.stored for c in companions)])
        stages.done("validate (SHACL), the entailments found meanwhile")
    entailments = background.entailments()
    stages.done("entail (rules/), serialize: what was left to wait for")
    return BuildResult(source, text, plan, stored, entailments, companions, report, plan.errors,
                       answers_left_out, assessments_left_out, stages.seconds)  # fmt: skip


class Stages:
    """How long each stage of a build took (seconds), for the benchmark's stage table."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = now - self._last
        self._last = now
