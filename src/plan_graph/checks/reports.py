"""Validation and reasoning reports as people and programs read them: text, Turtle (SHACL), JSON."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from plan_graph.checks.reasoning import ReasoningReport
from plan_graph.checks.validation import ValidationReport

FORMATS = ("text", "turtle", "json")


def reasoning_summary(reasoning: ReasoningReport) -> str:
    if not reasoning.consistent:
        return "reasoning (HermiT): INCONSISTENT: " + reasoning.message
    kinds = Counter("types" if p == RDF.type else "links" for _, p, _ in reasoning.inferred)
    unsatisfiable = ", ".join(reasoning.unsatisfiable) or "none"
    return (
        f"reasoning (HermiT): consistent; unsatisfiable classes: {unsatisfiable}; "
        f"{len(reasoning.inferred)} statements inferred ({kinds['types']} types, {kinds['links']} links); "
        f"{reasoning.set_aside} literals set aside (datatypes outside the OWL 2 datatype map)"
    )


def render_text(report: ValidationReport, reasoning: ReasoningReport | None = None) -> str:
    lines = [str(result) for result in report.results]
    severities = Counter(result.severity for result in report.results)
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(
        f"SHACL: {verdict}: {severities['Violation']} violation(s), "
        f"{severities['Warning']} warning(s), {severities['Info']} info"
    )
    if reasoning is not None:
        lines.append(reasoning_summary(reasoning))
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport, reasoning: ReasoningReport | None = None) -> str:
    document: dict[str, object] = {
        "conforms": report.conforms,
        "results": [asdict(result) for result in report.results],
    }
    if reasoning is not None:
        document["reasoning"] = {
            "consistent": reasoning.consistent,
            "unsatisfiable": reasoning.unsatisfiable,
            "clashes": [{"resource": c.resource, "classes": list(c.classes)} for c in reasoning.clashes],
            "inferred": len(reasoning.inferred),
            "setAside": reasoning.set_aside,
            "message": reasoning.message,
        }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_turtle(report: ValidationReport, reasoning: ReasoningReport | None = None) -> str:
    """A SHACL validation report graph (sh:ValidationReport), as other SHACL tools write it."""
    graph = Graph()
    graph.bind("sh", SH)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(report.conforms)))
    for result in report.results:
        node = BNode()
        graph.add((root, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, URIRef(result.focus)))
        graph.add((node, SH.resultSeverity, SH[result.severity]))
        graph.add((node, SH.resultMessage, Literal(result.message, lang="en")))
        graph.add((node, SH.sourceShape, URIRef(result.shape)))
        if result.path:
            graph.add((node, SH.resultPath, URIRef(result.path)))
    text = graph.serialize(format="turtle")
    if reasoning is not None:
        text += f"\n# {reasoning_summary(reasoning)}\n"
    return text


def render(report: ValidationReport, fmt: str, reasoning: ReasoningReport | None = None) -> str:
    return {"text": render_text, "turtle": render_turtle, "json": render_json}[fmt](report, reasoning)
