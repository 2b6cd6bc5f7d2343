"""SHACL Core on Oxigraph: the constraints of the shapes compiled to SPARQL queries that find their violations.

A shape's constraints run as a few queries over the whole graph, with the shape's targets in each
(`target_pattern`): its value constraints one FILTER over all the values of its path (shacl_expressions.py),
each class a MINUS, its counts a GROUP BY with HAVING. Only the violations come back, so Python's work follows
what breaks a shape, not the size of the graph (pyshacl checks each focus node in Python over an rdflib graph,
and runs out of memory long before a thousand times the plan: bench/RESULTS.md). Each violation is one SHACL
result: of one constraint component, on one focus node (and value), as SHACL reports it and pyshacl, the
reference of the tests, does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from plan_graph.checks.shacl_expressions import INSTANCE_OF, Constraint, Expressions
from plan_graph.checks.shapes import TRUE, Shapes, Subject, UnsupportedShapeError, Value, rdf, sh

TARGETS = (sh.targetClass, sh.targetSubjectsOf, sh.targetObjectsOf, sh.targetNode)
CLASSES = (
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#Class"),
    ox.NamedNode("http://www.w3.org/2002/07/owl#Class"),
)
SHAPE_TYPES = (sh.NodeShape, sh.PropertyShape)


@dataclass(frozen=True)
class Dataset:
    """Where shapes are checked: a store, and those of its graphs that make the default graph of every query (the
    data's and the ontology's); all of them when `graphs` is None, which Oxigraph answers faster than a list of
    graphs (bench/RESULTS.md; a store may hold others, that are not to be checked)."""

    store: ox.Store
    graphs: tuple[ox.NamedNode | ox.DefaultGraph, ...] | None = None

    def select(self, query: str) -> ox.QuerySolutions:
        # every query given here is a SELECT (the shapes' sh:select too), so its outcome is solutions
        if self.graphs is None:
            return cast(ox.QuerySolutions, self.store.query(query, use_default_graph_as_union=True))
        return cast(ox.QuerySolutions, self.store.query(query, default_graph=list(self.graphs)))


@dataclass(frozen=True)
class CoreViolation:
    """One SHACL result: a focus node (and value) that breaks a constraint of a shape."""

    shape: Subject  # the source shape: an IRI, or the blank node of a property shape
    severity: Value
    focus: Value
    path: Value | None  # the shape's sh:path: an IRI, or the blank node of a path of several steps
    value: Value | None
    component: str  # SHACL's name of the constraint component: "MinCountConstraintComponent"
    parameters: tuple[Value, ...]  # its parameter's values in the shape, for a message


@dataclass(frozen=True)
class Outcome:
    """What a solution of a check's query reports: a result of `component` when its variable `flag` is true (always,
    when None), with the value of the variable `value` (none, when None)."""

    component: str
    parameters: tuple[Value, ...]
    flag: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class CoreCheck:
    """A query that finds violations of a shape's constraints: each solution binds ?this, the focus node."""

    shape: Subject
    severity: Value
    path: Value | None  # None for the constraints on the focus node itself
    query: str
    outcomes: tuple[Outcome, ...]

    def violations(self, solution: ox.QuerySolution) -> Iterator[CoreViolation]:
        for outcome in self.outcomes:
            if outcome.flag is None or solution[outcome.flag] == TRUE:
                value = solution[outcome.value] if outcome.value is not None else None
                yield CoreViolation(
                    self.shape, self.severity, solution["this"], self.path, value, outcome.component, outcome.parameters
                )


def target_pattern(shapes: Shapes, shape: Value) -> str | None:
    """A group that binds ?this to each focus node of the shape once, for a query to join with; None when the
    shape declares no target."""
    classes = shapes.objects(shape, sh.targetClass)
    if any(shapes.holds(shape, rdf.type, cls) for cls in CLASSES) and any(
        shapes.holds(shape, rdf.type, kind) for kind in SHAPE_TYPES
    ):
        classes = [shape, *classes]  # a shape that is a class targets its instances (implicit class target)
    parts = [f"{{ ?this {INSTANCE_OF} {cls} }}" for cls in classes]
    parts += [f"{{ ?this {p} ?object }}" for p in shapes.objects(shape, sh.targetSubjectsOf)]
    parts += [f"{{ ?subject {p} ?this }}" for p in shapes.objects(shape, sh.targetObjectsOf)]
    nodes = shapes.objects(shape, sh.targetNode)
    if any(isinstance(node, ox.BlankNode) for node in nodes):
        raise UnsupportedShapeError(f"{shapes.name(shape)}: a blank node cannot be named as a target node")
    if nodes:
        parts.append(f"{{ VALUES ?this {{ {' '.join(map(str, nodes))} }} }}")
    if not parts:
        return None
    return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"


def targeted_shapes(shapes: Shapes) -> list[Subject]:
    """The shapes with targets, not deactivated, in a stable order."""
    found = {shape for parameter in TARGETS for shape in shapes.subjects(parameter)}
    found |= {
        shape
        for cls in CLASSES
        for shape in shapes.subjects(rdf.type, cls)
        if any(shapes.holds(shape, rdf.type, kind) for kind in SHAPE_TYPES)
    }
    return sorted((s for s in found if not shapes.is_true(s, sh.deactivated)), key=str)


def compile_core(shapes: Shapes, written: bool = False) -> list[CoreCheck]:
    """The shapes' core constraints as queries; the data is not needed, so they can be compiled once. `written`:
    for data that has literals whose datatype Oxigraph's store replaces (datatypes.py)."""
    expressions = Expressions(shapes, written)
    checks: list[CoreCheck] = []
    for shape in targeted_shapes(shapes):
        target = cast(str, target_pattern(shapes, shape))  # a targeted shape has targets
        if shapes.value(shape, sh.path) is not None:
            checks += _property_checks(expressions, shape, target)
            continue
        severity = shapes.value(shape, sh.severity) or sh.Violation
        constraints = expressions.value_constraints(shape, "?this")
        if constraints:  # constraints on the focus node itself (sh:nodeKind, sh:pattern of an IRI, sh:node)
            query, outcomes = _value_query(target, "", constraints, "this")
            checks.append(CoreCheck(shape, severity, None, query, outcomes))
        for property_shape in shapes.objects(shape, sh.property):
            if not shapes.is_true(property_shape, sh.deactivated):
                checks += _property_checks(expressions, cast(Subject, property_shape), target)
    return checks


def check_core_constraints(data: Dataset, checks: list[CoreCheck]) -> list[CoreViolation]:
    """The violations of the core constraints compiled by compile_core by the data (all of the dataset's graphs).

    A triple found in two graphs (the data and the ontology) is one value, as SHACL's value nodes are a set:
    counts are DISTINCT and each violation is reported once."""
    found = [v for check in checks for solution in data.select(check.query) for v in check.violations(solution)]
    return list(dict.fromkeys(found))


def _value_query(
    target: str, pattern: str, constraints: list[Constraint], value: str
) -> tuple[str, tuple[Outcome, ...]]:
    """The query of value constraints: the values (?v, or the focus node) that fail any, with a flag for each
    that it fails."""
    flags = " ".join(f"(!{c.test} AS ?f{i})" for i, c in enumerate(constraints))
    conforming = " && ".join(c.test for c in constraints)
    selected = "?this ?v" if value == "v" else "?this"
    query = f"SELECT DISTINCT {selected} {flags} WHERE {{ {target} {pattern} FILTER (!({conforming})) }}"
    outcomes = tuple(
        Outcome(c.component, c.parameters, f"f{i}", value if c.valued else None) for i, c in enumerate(constraints)
    )
    return query, outcomes


def _property_checks(expressions: Expressions, shape: Subject, target: str) -> list[CoreCheck]:
    """The queries that find the violations of a property shape by the focus nodes of `target`."""
    s = expressions.shapes
    if s.value(shape, sh.sparql) is not None:
        raise UnsupportedShapeError(f"{s.name(shape)}: SPARQL constraints of a property shape are not supported")
    path_node, path = s.value(shape, sh.path), expressions.path(shape)
    severity = s.value(shape, sh.severity) or sh.Violation
    queries: list[tuple[str, tuple[Outcome, ...]]] = []

    def focus_only(component: str, parameters: tuple[Value, ...], where: str) -> None:
        queries.append((f"SELECT ?this WHERE {{ {target} {where} }}", (Outcome(component, parameters),)))

    if constraints := expressions.value_constraints(shape, "?v", classes=False):
        queries.append(_value_query(target, f"?this {path} ?v", constraints, "v"))
    classes = tuple(s.objects(shape, sh["class"]))
    for cls in classes:
        where = f"{target} ?this {path} ?v MINUS {{ ?v {INSTANCE_OF} {cls} }}"
        queries.append(
            (
                f"SELECT DISTINCT ?this ?v WHERE {{ {where} }}",
                (Outcome("ClassConstraintComponent", classes, value="v"),),
            )
        )
    queries += _counts(expressions, shape, target, f"?this {path} ?v", "", (sh.minCount, sh.maxCount))
    for value in s.objects(shape, sh.hasValue):
        focus_only("HasValueConstraintComponent", (value,), f"FILTER NOT EXISTS {{ ?this {path} {value} }}")
    if s.is_true(shape, sh.uniqueLang):  # a result for each language that two values have
        where = f'{target} ?this {path} ?a FILTER (LANG(?a) != "")'
        having = "GROUP BY ?this (LCASE(LANG(?a))) HAVING (COUNT(DISTINCT ?a) > 1)"
        queries.append(
            (f"SELECT ?this WHERE {{ {where} }} {having}", (Outcome("UniqueLangConstraintComponent", (TRUE,)),))
        )
    for other in s.objects(shape, sh.disjoint):
        where = f"{target} ?this {path} ?v . ?this {other} ?v"
        queries.append(
            (
                f"SELECT DISTINCT ?this ?v WHERE {{ {where} }}",
                (Outcome("DisjointConstraintComponent", (other,), value="v"),),
            )
        )
    if (qualified := s.value(shape, sh.qualifiedValueShape)) is not None:
        bounds = (sh.qualifiedMinCount, sh.qualifiedMaxCount)
        queries += _counts(
            expressions, shape, target, f"?this {path} ?v", expressions.conforms(qualified, "?v"), bounds
        )
    checks = [CoreCheck(shape, severity, path_node, query, outcomes) for query, outcomes in queries]
    outer = f"{{ SELECT (?this AS ?outer) WHERE {{ {target} }} }}"
    values = f"{{ SELECT DISTINCT ?this WHERE {{ {outer} ?outer {path} ?this }} }}"
    for nested in s.objects(shape, sh.property):  # the property shapes of its values
        if not s.is_true(nested, sh.deactivated):
            checks += _property_checks(expressions, cast(Subject, nested), values)
    return checks


def _counts(
    expressions: Expressions, shape: Subject, target: str, pattern: str, test: str, bounds: tuple[ox.NamedNode, ...]
) -> list[tuple[str, tuple[Outcome, ...]]]:
    """The focus nodes with fewer values (that pass `test`) than the shape's lower bound, or more than its upper
    one (no query when it has neither): the values are counted in the query, only the focus nodes out of bounds
    come back, with a flag for each bound they break."""
    low, high = (expressions.bound(shape, bound) for bound in bounds)
    tests = []
    if low:
        tests.append((f"COUNT(DISTINCT ?v) < {low}", bounds[0]))
    if high is not None:
        tests.append((f"COUNT(DISTINCT ?v) > {high}", bounds[1]))
    if not tests:
        return []
    flags = " ".join(f"(({condition}) AS ?f{i})" for i, (condition, _) in enumerate(tests))
    having = " || ".join(condition for condition, _ in tests)
    values = f"OPTIONAL {{ {pattern} FILTER ({test}) }}" if test else f"OPTIONAL {{ {pattern} }}"
    query = f"SELECT ?this {flags} WHERE {{ {target} {values} }} GROUP BY ?this HAVING ({having})"
    names = {
        sh.minCount: "MinCount",
        sh.maxCount: "MaxCount",
        sh.qualifiedMinCount: "QualifiedMinCount",
        sh.qualifiedMaxCount: "QualifiedMaxCount",
    }
    outcomes = tuple(
        Outcome(f"{names[bound]}ConstraintComponent", _parameters(expressions.shapes, shape, bound), f"f{i}")
        for i, (_, bound) in enumerate(tests)
    )
    return [(query, outcomes)]


def _parameters(shapes: Shapes, shape: Subject, bound: ox.NamedNode) -> tuple[Value, ...]:
    """A count's values for a message: the bound, or the qualified shape."""
    if bound in (sh.qualifiedMinCount, sh.qualifiedMaxCount):
        return tuple(shapes.objects(shape, sh.qualifiedValueShape))
    return tuple(shapes.objects(shape, bound))
