"""The build in one place: text → records → graph → checks. Everything that needs the graph starts here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from plan_graph.checks.validation import ValidationReport, validate, values_of_the_ontology
from plan_graph.graph.entailment import Entailments, entail
from plan_graph.graph.iris import Iris
from plan_graph.graph.mapping import to_graph
from plan_graph.graph.statistics import statistics_graph
from plan_graph.graph.stored import StoredGraph, stored_graph
from plan_graph.resources import bundled_plan
from plan_graph.text.links import load_links
from plan_graph.text.reader import parse_plan
from plan_graph.text.records import ParseIssue, PlanRecords, PlanTextError
from plan_graph.text.registry import load_corrections, load_registry
from plan_graph.text.source import PlanText, read_plan_text
from plan_graph.text.statistics import Answer, load_statistics


@dataclass
class BuildResult:
    source: Path
    text: PlanText  # how the source was read: its encoding and what was normalised
    plan: PlanRecords
    graph: Graph
    stored: StoredGraph  # the same triples in Oxigraph: validated there and written from there
    entailments: Entailments  # what the ontology's rules add to them (rules/), kept apart
    statistics: Graph  # the documents around the plan, their figures and recommendations (a graph of its own)
    stored_statistics: StoredGraph
    report: ValidationReport | None  # of the plan and the statistics together (answers link the two)
    skipped: list[ParseIssue]
    answers_left_out: list[Answer]  # links to activities this plan's graph lacks (a row left out)


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
) -> BuildResult:
    source, text, plan = read_plan(source, keep_going, encoding)
    iris = Iris(base) if base else Iris()
    graph = to_graph(plan, load_registry(), iris, load_links())
    graph += values_of_the_ontology()  # kinds of actor, roles, constructions: what the data's values mean
    stored = stored_graph(graph)
    entailments = entail(stored)
    statistics, left_out = statistics_graph(load_statistics(), iris, {a.notation for a in plan.activities})
    stored_statistics = stored_graph(statistics)
    report = None
    if check:
        both = Graph(store="SimpleMemory")
        both += graph
        both += statistics
        report = validate(both, stored=stored_graph(both))
    return BuildResult(source, text, plan, graph, stored, entailments, statistics, stored_statistics, report,
                       plan.errors, left_out)  # fmt: skip
