"""What a build did, as data: what it read, how, what it made of it, what it corrected, what it wrote."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plan_graph.datasets import declared
from plan_graph.pipeline.build import BuildResult
from plan_graph.text.records import Correction, ParseIssue
from plan_graph.text.registry import load_registry


@dataclass(frozen=True)
class BuildSummary:
    source: Path
    reading: list[str]  # the encoding and every normalisation, with counts
    areas: int
    general_objectives: int
    specific_objectives: int
    activities: int
    indicators: int
    actors_named: int  # the actors the plan names (the registry: actor cells, budgets, the list of abbreviations)
    actors: int  # the actors involved in its activities, as responsible or partner
    abbreviations: int
    triples: int
    inferred: int  # triples the entailment rules add (rules/)
    around: str  # the datasets around the plan, in a few words
    conforms: bool | None  # None: not checked
    corrections: list[Correction]
    warnings: list[ParseIssue]
    skipped: list[ParseIssue]  # rows left out with --keep-going
    written: list[Path]

    @classmethod
    def of(cls, result: BuildResult, written: list[Path]) -> BuildSummary:
        plan = result.plan
        return cls(
            source=result.source,
            reading=result.text.summary(),
            areas=len(plan.areas),
            general_objectives=len(plan.general_objectives),
            specific_objectives=len(plan.specific_objectives),
            activities=len(plan.activities),
            indicators=sum(len(a.indicators) for a in plan.activities),
            actors_named=len(load_registry()),
            actors=len({code for a in plan.activities for code in (*a.responsible.codes, *a.partners.codes)}),
            abbreviations=len(plan.abbreviations),
            triples=result.stored.ntriples.count(b"\n"),  # a line a triple; len(graph) counts them one by one
            inferred=result.entailments.count,
            around=_around(result),
            conforms=None if result.report is None else result.report.conforms,
            corrections=list(plan.corrections),
            warnings=plan.warnings,
            skipped=list(result.skipped),
            written=written,
        )

    def lines(self) -> list[str]:
        """The summary as the command line prints it."""
        shacl = "not checked" if self.conforms is None else "conforms" if self.conforms else "does not conform"
        return [
            f"read {self.source}",
            *(f"  {line}" for line in self.reading),
            f"  {self.areas} areas, {self.general_objectives} general and {self.specific_objectives} specific "
            f"objectives, {self.activities} activities",
            f"  {self.indicators} indicators, {self.actors_named} actors the plan names ({self.actors} of them "
            f"involved in its activities), {self.abbreviations} abbreviations",
            f"  {self.triples} triples, and {self.inferred} entailed by the ontology; SHACL: {shacl}",
            f"  around the plan: {self.around}",
            f"  {len(self.corrections)} corrections applied:",
            *(f"    line {c.line}: {c.written!r} -> {c.corrected!r} ({c.reason})" for c in self.corrections),
            "wrote " + ", ".join(str(path) for path in self.written),
        ]


def _around(result: BuildResult) -> str:
    """What the datasets around the plan hold, each in a few words (its declaration's summary)."""
    return "; ".join(d.summary(result.made[d.name]) for d in declared() if d.summary is not None)
