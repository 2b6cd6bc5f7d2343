"""`plan-graph validate`: the SHACL report (and, on request, the reasoner's) for graph files or for the plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from plan_graph.checks.reasoning import ReasoningReport, reason
from plan_graph.checks.validation import ValidationReport, ontology_graph, validate
from plan_graph.errors import InputError
from plan_graph.pipeline.build import build


@dataclass(frozen=True)
class CheckOutcome:
    report: ValidationReport
    reasoning: ReasoningReport | None  # when the reasoner was asked for

    @property
    def ok(self) -> bool:
        return self.report.conforms and (self.reasoning is None or self.reasoning.ok)


def read_graph_files(paths: list[Path]) -> Graph:
    """RDF files (Turtle, N-Triples, JSON-LD, RDF/XML) as one graph; InputError naming the file that fails."""
    graph = Graph()
    for path in paths:
        try:
            graph.parse(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except Exception as error:  # rdflib raises many parser-specific errors
            raise InputError(f"{path}: cannot parse as RDF: {error}") from error
    return graph


def check(paths: list[Path], with_reasoner: bool = False) -> CheckOutcome:
    """The files' graph (the built plan when none is given) against the shapes, and HermiT when asked."""
    if paths:
        graph, stored = read_graph_files(paths), None
    else:
        built = build(check=False)
        graph, stored = built.graph, built.stored
    report = validate(graph, stored=stored)
    return CheckOutcome(report, reason(graph, ontology_graph()) if with_reasoner else None)
