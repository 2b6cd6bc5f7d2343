"""The build in one place: the text read, then each dataset made in turn (datasets/), checked against the shapes
together, and written in every format when asked. Everything that needs the graph starts here."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from plan_graph.checks.validation import ValidationReport, validate_together
from plan_graph.datasets import Inputs, Made, declared
from plan_graph.graph.entailment import Entailments
from plan_graph.graph.iris import Iris
from plan_graph.graph.stored import StoredGraph
from plan_graph.pipeline.outputs import Dumps, dump_files
from plan_graph.resources import bundled_plan
from plan_graph.text.reader import parse_plan
from plan_graph.text.records import ParseIssue, PlanRecords, PlanTextError
from plan_graph.text.registry import load_corrections, load_registry
from plan_graph.text.source import PlanText, read_plan_text


@dataclass
class BuildResult:
    source: Path
    text: PlanText  # how the source was read: its encoding and what was normalised
    plan: PlanRecords
    made: dict[str, Made]  # each dataset a build makes (datasets/), by name
    report: ValidationReport | None  # of the datasets together (they link to each other)
    skipped: list[ParseIssue]
    stages: dict[str, float] = field(default_factory=dict)  # stage -> seconds it took
    dumps: Dumps | None = None  # every graph in every format, when the build was asked to write them

    @property
    def stored(self) -> StoredGraph:
        """The plan's triples (with its actors'), as N-Triples and in Oxigraph."""
        return self.made["plan"].stored

    @property
    def entailments(self) -> Entailments:
        inferred = self.made["inferred"]
        return Entailments(inferred.stored, inferred.count)

    @property
    def left_out(self) -> list[str]:
        """What each dataset left out of its input, and why (a sentence each)."""
        return [sentence for made in self.made.values() for sentence in made.left_out]

    @property
    def validated(self) -> list[StoredGraph]:
        """The datasets checked against the shapes, together (they link to each other): the plan first."""
        return validated(self.made)


def validated(made: dict[str, Made]) -> list[StoredGraph]:
    return [made[d.name].stored for d in declared() if d.make is not None and d.validated]


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
    keep_going: bool = False,
    check: bool = True,
    encoding: str | None = None,
    dumps: bool = False,
) -> BuildResult:
    """The plan read, each dataset made (datasets/), validated together (`check`); with `dumps`, every dataset
    also serialized in every format, and the whole in one file, for the files."""
    stages = Stages()
    source, text, plan = read_plan(source, keep_going, encoding)
    stages.done("read")
    iris = Iris()  # under this run's IRI base (settings.iri_base)
    made: dict[str, Made] = {}
    for dataset in declared():
        if dataset.make is not None:
            made[dataset.name] = dataset.make(Inputs(plan, iris, made))
            stages.done(f"make: {dataset.name}")
    report = None
    if check:
        report = validate_together(validated(made))
        stages.done("validate (SHACL)")
    made_dumps = None
    if dumps:
        made_dumps = dump_files(made)
        stages.done("serialize")
    return BuildResult(source, text, plan, made, report, plan.errors, stages.seconds, made_dumps)


class Stages:
    """How long each stage of a build took (seconds), for the benchmark's stage table."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = now - self._last
        self._last = now
