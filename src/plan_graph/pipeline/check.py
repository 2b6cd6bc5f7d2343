"""`plan-graph validate`: the SHACL report (and, on request, the reasoner's) for graph files or for the plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from plan_graph.checks.reasoning import ReasoningReport, reason
from plan_graph.checks.validation import ValidationReport, validate
from plan_graph.errors import InputError
from plan_graph.graph.rdflib_door import ontology_graph, rdflib_graph
from plan_graph.graph.stored import stored_triples
from plan_graph.pipeline.build import build


@dataclass(frozen=True)
class CheckOutcome:
    report: ValidationReport
    reasoning: ReasoningReport | None  # when the reasoner was asked for

    @property
    def ok(self) -> bool:
        return self.report.conforms and (self.reasoning is None or self.reasoning.ok)


def read_graph_files(paths: list[Path]) -> list[ox.Triple]:
    """RDF files (Turtle, N-Triples, JSON-LD, RDF/XML, by their suffix; Turtle when it names none) as one graph,
    each file's blank nodes its own; InputError naming the file that fails."""
    triples: list[ox.Triple] = []
    for path in paths:
        rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        try:
            triples += [quad.triple for quad in ox.parse(path=path, format=rdf_format, rename_blank_nodes=True)]
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except (SyntaxError, ValueError, OSError) as error:
            raise InputError(f"{path}: cannot parse as RDF: {error}") from error
    return triples


def check(paths: list[Path], with_reasoner: bool = False) -> CheckOutcome:
    """The files' graph (the built plan when none is given) against the shapes, and HermiT when asked."""
    stored = stored_triples(read_graph_files(paths)) if paths else build(check=False).stored
    report = validate(stored)
    # HermiT reads an rdflib graph (owlready2's door: checks/reasoning.py)
    reasoning = reason(rdflib_graph(stored.triples()), ontology_graph()) if with_reasoner else None
    return CheckOutcome(report, reasoning)
