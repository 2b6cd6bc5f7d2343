"""SHACL-SPARQL constraints (sh:sparql / sh:select) run on Oxigraph, one query per constraint.

pyshacl runs a SPARQL constraint once per focus node through rdflib's SPARQL engine, which was 90 %
of the validation time of the plan (3.4 s of 3.8 s). Here each constraint runs once, with `$this`
left unbound and joined with the shape's targets, so only the violations of focus nodes come back: the same
answers when, as in every shape of this project, `$this` is bound by a triple pattern of the query's top-level
group. The SHACL Core constraints are compiled to SPARQL too (shacl_core.py): Oxigraph is the only engine, and
pyshacl the tests' oracle (tests/support/shacl_oracle.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from plan_graph.checks.shacl_core import Dataset, target_pattern
from plan_graph.checks.shapes import Shapes, Subject, UnsupportedShapeError, Value, sh

_THIS = re.compile(r"\$this\b")


@dataclass(frozen=True)
class SparqlViolation:
    constraint: Subject  # the sh:sparql node, an IRI or a blank node
    shape: Subject
    severity: Value
    focus: Value
    value: Value | None
    path: Value | None


@dataclass(frozen=True)
class SparqlCheck:
    """A SPARQL constraint compiled: its query, joined with its shape's targets."""

    constraint: Subject
    shape: Subject
    severity: Value
    query: str


def compile_sparql(shapes: Shapes) -> list[SparqlCheck]:
    """The shapes' SPARQL constraints as queries; the data is not needed, so they can be compiled once."""
    checks = []
    for shape, constraint in shapes.subject_objects(sh.sparql):
        target = target_pattern(shapes, shape)
        if target is None or shapes.is_true(shape, sh.deactivated) or shapes.is_true(constraint, sh.deactivated):
            continue
        text = shapes.value(constraint, sh.select)
        if not isinstance(text, ox.Literal):
            raise UnsupportedShapeError(f"the SPARQL constraint {constraint} of {shape} has no sh:select text")
        # the constraint as a subquery, joined with the focus nodes; its own variables are its projection
        query = f"{_prefixes(constraint, shapes)}SELECT * WHERE {{ {target} {{ {_THIS.sub('?this', text.value)} }} }}"
        severity = shapes.value(shape, sh.severity) or sh.Violation
        checks.append(SparqlCheck(cast(Subject, constraint), shape, severity, query))  # sh:sparql names a node
    return checks


def check_sparql_constraints(data: Dataset, checks: list[SparqlCheck]) -> list[SparqlViolation]:
    """The SPARQL constraints compiled by compile_sparql, on a dataset whose graphs hold the data and the
    ontology.

    Each violation is reported once, even when a triple in two graphs makes the query find it twice."""
    found: list[SparqlViolation] = []
    for check in checks:
        solutions = data.select(check.query)
        names = {variable.value for variable in solutions.variables}
        found += [
            SparqlViolation(
                constraint=check.constraint,
                shape=check.shape,
                severity=check.severity,
                focus=solution["this"],
                value=solution["value"] if "value" in names else None,
                path=solution["path"] if "path" in names else None,
            )
            for solution in solutions
        ]
    return list(dict.fromkeys(found))


def _prefixes(constraint: Value, shapes: Shapes) -> str:
    lines = []
    for source in shapes.objects(constraint, sh.prefixes):
        for declaration in shapes.objects(source, sh.declare):
            prefix, namespace = shapes.value(declaration, sh.prefix), shapes.value(declaration, sh.namespace)
            if not isinstance(prefix, ox.Literal) or not isinstance(namespace, ox.Literal):
                raise UnsupportedShapeError(f"a prefix declaration of {constraint} lacks sh:prefix or sh:namespace")
            lines.append(f"PREFIX {prefix.value}: <{namespace.value}>")
    return "\n".join(lines) + "\n"
