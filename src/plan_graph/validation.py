"""Checking a graph against the SHACL shapes in `shapes/` (pyshacl), with the ontology for subclassing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from .namespaces import PG, PROV, SKOS
from .resources import project_dir


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    message: str
    shape: str
    notation: str | None  # of the focus node, when it has one
    line: int | None  # the source line of the focus node, when it has one

    def __str__(self) -> str:
        where = f"{self.notation} " if self.notation else ""
        line = f" (line {self.line})" if self.line else ""
        path = f" [{self.path}]" if self.path else ""
        return f"{self.severity}: {where}<{self.focus}>{line}{path}: {self.message} (shape {self.shape})"


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[ValidationResult, ...]

    @property
    def conforms(self) -> bool:
        return not any(result.severity == "Violation" for result in self.results)

    @property
    def violations(self) -> list[ValidationResult]:
        return [result for result in self.results if result.severity == "Violation"]


def load_turtle_folder(folder: Path) -> Graph:
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    return load_turtle_folder(project_dir("ontology"))


def shapes_graph() -> Graph:
    return load_turtle_folder(project_dir("shapes"))


def validate(graph: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> ValidationReport:
    from pyshacl import validate as shacl_validate  # pyshacl is slow to import: only when validating

    shapes = shapes if shapes is not None else shapes_graph()
    _, report, _ = shacl_validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology if ontology is not None else ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return ValidationReport(
        tuple(sorted(_results(report, graph, shapes), key=lambda r: (r.severity, r.focus)))
    )


def _results(report: Graph, data: Graph, shapes: Graph) -> list[ValidationResult]:
    results = []
    for node in report.subjects(SH.resultSeverity, None):
        focus = report.value(node, SH.focusNode)
        severity = str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
        messages = sorted(report.objects(node, SH.resultMessage), key=lambda m: m.language != "en")
        path = report.value(node, SH.resultPath)
        shape = report.value(node, SH.sourceShape)
        results.append(
            ValidationResult(
                severity=severity,
                focus=str(focus),
                path=str(path) if path is not None else None,
                message=str(messages[0]) if messages else "(no message)",
                shape=_shape_name(shapes, shape),
                notation=_text(data.value(focus, SKOS.notation)),
                line=_line(data, focus),
            )
        )
    return results


def _shape_name(shapes: Graph, shape: object) -> str:
    """The named shape behind a result: property shapes are blank nodes inside a node shape."""
    if isinstance(shape, URIRef):
        return str(shape)
    parent = shapes.value(None, SH.property, shape)
    return str(parent) if parent is not None else str(shape)


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _line(data: Graph, focus: object) -> int | None:
    source = data.value(focus, PROV.wasDerivedFrom)
    number = data.value(source, PG.lineNumber) if source is not None else None
    return int(number) if number is not None else None
