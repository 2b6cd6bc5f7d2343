"""Validation and reasoning reports as people and programs read them: text, Turtle (SHACL), JSON."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

import pyoxigraph as ox

from plan_graph.checks.reasoning import ReasoningReport
from plan_graph.checks.shapes import SH, sh
from plan_graph.checks.validation import ValidationReport
from plan_graph.graph.names import PREFIXES
from plan_graph.graph.terms import turtle
from plan_graph.graph.vocab import RDF

FORMATS = ("text", "turtle", "json")


def reasoning_summary(reasoning: ReasoningReport) -> str:
    if not reasoning.consistent:
        return "reasoning (HermiT): INCONSISTENT: " + reasoning.message
    kinds = Counter("types" if str(p) == RDF.type.value else "links" for _, p, _ in reasoning.inferred)
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
    root = ox.BlankNode()
    graph = [ox.Triple(root, RDF.type, sh.ValidationReport), ox.Triple(root, sh.conforms, ox.Literal(report.conforms))]
    for result in report.results:
        node = ox.BlankNode()
        graph += [
            ox.Triple(root, sh.result, node),
            ox.Triple(node, RDF.type, sh.ValidationResult),
            ox.Triple(node, sh.focusNode, _node(result.focus)),
            ox.Triple(node, sh.resultSeverity, sh[result.severity]),
            ox.Triple(node, sh.resultMessage, ox.Literal(result.message, language="en")),
            ox.Triple(node, sh.sourceShape, ox.NamedNode(result.shape)),
        ]
        if result.path:
            graph.append(ox.Triple(node, sh.resultPath, ox.NamedNode(result.path)))
    text = turtle(graph, {"sh": SH, "rdf": PREFIXES["rdf"], "xsd": PREFIXES["xsd"]}).decode("utf-8")
    if reasoning is not None:
        text += f"\n# {reasoning_summary(reasoning)}\n"
    return text


def _node(focus: str) -> ox.NamedNode | ox.BlankNode:
    """A focus node: an IRI, or a blank node by its label."""
    try:
        return ox.NamedNode(focus)
    except ValueError:
        return ox.BlankNode(focus)


def render(report: ValidationReport, fmt: str, reasoning: ReasoningReport | None = None) -> str:
    return {"text": render_text, "turtle": render_turtle, "json": render_json}[fmt](report, reasoning)
