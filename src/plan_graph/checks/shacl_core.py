"""SHACL Core on Oxigraph: each constraint of a shape compiled to one SPARQL query that finds its violations.

pyshacl checks each focus node in Python over an rdflib graph, which grows with the graph beyond what a build
can wait for, and runs out of memory long before a thousand times the plan (bench/RESULTS.md). Here a constraint
is one query over the whole graph, with the shape's targets in it (`target_pattern`): a value constraint is a
FILTER, a count a GROUP BY with HAVING, a class a MINUS. Only the violations come back, so Python's work follows
what breaks a shape, not the size of the graph. Only the constraint components the shapes in `shapes/` use are
compiled; any other is refused loudly, never skipped. pyshacl stays the reference: the tests check both find
the same results. (One
difference: a value that fails several constraints of one property shape is one result here, one per
constraint component in pyshacl.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from plan_graph.checks.shapes import Shapes, Subject, UnsupportedShapeError, Value, sh
from plan_graph.graph.vocab import RDF, RDFS

COUNT_PARAMETERS = {sh.minCount, sh.maxCount, sh.qualifiedValueShape, sh.qualifiedMinCount, sh.qualifiedMaxCount}
OTHER_PARAMETERS = {sh.uniqueLang, sh.disjoint}
IGNORED = {
    sh.path,
    sh.message,
    sh.severity,
    sh.name,
    sh.description,
    sh.order,
    sh.group,
    sh.deactivated,
    sh.targetClass,
    sh.targetNode,
    sh.targetSubjectsOf,
    sh.targetObjectsOf,
    sh.property,
    sh.sparql,
    sh.declare,
    sh.prefixes,
    RDF.type,
    RDFS.label,
    RDFS.comment,
}
NODE_KIND_TESTS = {sh.IRI: "isIRI", sh.BlankNode: "isBlank", sh.Literal: "isLiteral"}
INSTANCE_OF = f"{RDF.type}/{RDFS.subClassOf}*"  # SHACL's instances: of the class and of its subclasses
TARGETS = (sh.targetClass, sh.targetSubjectsOf, sh.targetObjectsOf, sh.targetNode)


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
    shape: Subject  # an IRI, or the blank node of a property shape
    severity: Value
    focus: Value
    path: ox.NamedNode | None
    value: Value | None


@dataclass(frozen=True)
class ViolationQuery:
    """A SELECT whose solutions are violations: ?this, the focus node, and ?v, the offending value (`valued`)."""

    text: str
    valued: bool


def condition(shapes: Shapes, shape: Value, var: str = "?v", nested: bool = True) -> str:
    """A SPARQL expression that is true when the value conforms to the shape's value constraints.

    Top-level sh:class is left out (nested=False): Oxigraph evaluates an EXISTS anew for every row, so a
    property's classes are checked by a query of their own (MINUS, one pass over the instances)."""
    parts = []
    for parameter, value in shapes.predicate_objects(shape):
        if parameter in IGNORED or parameter == sh.flags or parameter in COUNT_PARAMETERS:
            continue
        if parameter == sh["class"]:
            if nested:
                parts.append(f"EXISTS {{ {var} {INSTANCE_OF} {value} }}")
        elif parameter == sh.datatype:
            parts.append(f"(isLiteral({var}) && DATATYPE({var}) = {value})")
        elif parameter == sh.pattern:
            flags = shapes.value(shape, sh.flags)
            flag_text = f", {ox.Literal(_text(flags))}" if flags is not None else ""
            parts.append(f"(!isBlank({var}) && REGEX(STR({var}), {ox.Literal(_text(value))}{flag_text}))")
        elif parameter == sh.languageIn:
            tags = ", ".join(str(ox.Literal(_text(tag))) for tag in shapes.members(value))
            parts.append(f"(isLiteral({var}) && LANG({var}) IN ({tags}))")
        elif parameter == sh.nodeKind:
            test = NODE_KIND_TESTS.get(cast(ox.NamedNode, value))
            if test is None:
                raise UnsupportedShapeError(f"sh:nodeKind {value} is not supported")
            parts.append(f"{test}({var})")
        elif parameter == sh.minInclusive:
            parts.append(f"({var} >= {value})")
        elif parameter == sh["not"]:
            parts.append(f"!({condition(shapes, value, var)})")
        elif parameter == sh["or"]:
            parts.append("(" + " || ".join(condition(shapes, member, var) for member in shapes.members(value)) + ")")
        elif parameter in OTHER_PARAMETERS:
            continue
        else:
            raise UnsupportedShapeError(f"{shape}: the constraint {parameter} is not supported by shacl_core")
    return " && ".join(parts) or "true"


def target_pattern(shapes: Shapes, shape: Value) -> str | None:
    """A group that binds ?this to each focus node of the shape once, for a query to join with; None when the
    shape declares no target."""
    parts = [f"{{ ?this {INSTANCE_OF} {cls} }}" for cls in shapes.objects(shape, sh.targetClass)]
    parts += [f"{{ ?this {p} ?object }}" for p in shapes.objects(shape, sh.targetSubjectsOf)]
    parts += [f"{{ ?subject {p} ?this }}" for p in shapes.objects(shape, sh.targetObjectsOf)]
    nodes = shapes.objects(shape, sh.targetNode)
    if any(isinstance(node, ox.BlankNode) for node in nodes):
        raise UnsupportedShapeError(f"{shape}: a blank node cannot be named as a target node")
    if nodes:
        parts.append(f"{{ VALUES ?this {{ {' '.join(map(str, nodes))} }} }}")
    if not parts:
        return None
    return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"


def node_shapes(shapes: Shapes) -> list[Subject]:
    """The shapes with targets, not deactivated, in a stable order."""
    found = {shape for parameter in TARGETS for shape in shapes.subjects(parameter)}
    return sorted((s for s in found if not shapes.is_true(s, sh.deactivated)), key=str)


@dataclass(frozen=True)
class CoreCheck:
    """A constraint of a shape compiled: the query that finds its violations, and what they are reported as."""

    shape: Subject  # an IRI, or the blank node of a property shape
    severity: Value
    path: ox.NamedNode | None  # None for a constraint on the focus node itself, whose value is the focus
    query: ViolationQuery

    def violation(self, solution: ox.QuerySolution) -> CoreViolation:
        focus = solution["this"]
        # the offending value: ?v; the focus node itself for a constraint on it; none for a count
        value = solution["v"] if self.query.valued else focus if self.path is None else None
        return CoreViolation(self.shape, self.severity, focus, self.path, value)


def compile_core(shapes: Shapes) -> list[CoreCheck]:
    """The shapes' core constraints as queries; the data is not needed, so they can be compiled once."""
    checks: list[CoreCheck] = []
    for node_shape in node_shapes(shapes):
        target = cast(str, target_pattern(shapes, node_shape))  # a node shape has targets
        severity = shapes.value(node_shape, sh.severity) or sh.Violation
        expression = condition(shapes, node_shape, "?this")
        if expression != "true":  # constraints on the focus node itself (sh:nodeKind, sh:pattern of an IRI)
            query = ViolationQuery(f"SELECT ?this WHERE {{ {target} FILTER (!({expression})) }}", valued=False)
            checks.append(CoreCheck(node_shape, severity, None, query))
        for property_shape in shapes.objects(node_shape, sh.property):
            if not shapes.is_true(property_shape, sh.deactivated):
                checks += _property(shapes, cast(Subject, property_shape), target)
    return checks


def check_core_constraints(data: Dataset, checks: list[CoreCheck]) -> list[CoreViolation]:
    """The violations of the core constraints compiled by compile_core by the data (all of the dataset's graphs).

    A triple found in two graphs (the data and the ontology) is one value, as SHACL's value nodes are a set:
    counts are DISTINCT and each violation is reported once."""
    found = [check.violation(solution) for check in checks for solution in data.select(check.query.text)]
    return list(dict.fromkeys(found))


def _property(shapes: Shapes, shape: Subject, target: str) -> list[CoreCheck]:
    path = shapes.value(shape, sh.path)
    if not isinstance(path, ox.NamedNode):
        raise UnsupportedShapeError(f"{shape}: only simple predicate paths are supported")
    severity = shapes.value(shape, sh.severity) or sh.Violation
    return [CoreCheck(shape, severity, path, query) for query in property_queries(shapes, shape, path, target)]


def property_queries(shapes: Shapes, shape: Subject, path: ox.NamedNode, target: str) -> list[ViolationQuery]:
    """The queries that find the violations of a property shape, one per kind of constraint it has."""

    def values_where(test: str) -> ViolationQuery:  # the values of the path that fail `test`
        return ViolationQuery(f"SELECT DISTINCT ?this ?v WHERE {{ {target} ?this {path} ?v {test} }}", valued=True)

    queries = []
    expression = condition(shapes, shape, nested=False)
    if expression != "true":
        queries.append(values_where(f"FILTER (!({expression}))"))
    queries += [values_where(f"MINUS {{ ?v {INSTANCE_OF} {cls} }}") for cls in shapes.objects(shape, sh["class"])]
    queries += [values_where(f". ?this {other} ?v") for other in shapes.objects(shape, sh.disjoint)]
    queries += _count_query(target, f"?this {path} ?v", shapes, shape, sh.minCount, sh.maxCount)
    qualified = shapes.value(shape, sh.qualifiedValueShape)
    if qualified is not None:
        conforming = f"?this {path} ?v FILTER ({condition(shapes, qualified)})"
        queries += _count_query(target, conforming, shapes, shape, sh.qualifiedMinCount, sh.qualifiedMaxCount)
    if shapes.is_true(shape, sh.uniqueLang):
        queries.append(
            ViolationQuery(
                f'SELECT DISTINCT ?this WHERE {{ {target} ?this {path} ?a FILTER (LANG(?a) != "") }} '
                "GROUP BY ?this (LANG(?a)) HAVING (COUNT(DISTINCT ?a) > 1)",
                valued=False,
            )
        )
    return queries


def _count_query(
    target: str, pattern: str, shapes: Shapes, shape: Subject, low: ox.NamedNode, high: ox.NamedNode
) -> list[ViolationQuery]:
    """The focus nodes with fewer values matching `pattern` than the shape's `low` bound, or more than `high`
    (none, when it has neither): the values are counted in the query, only the focus nodes out of bounds come
    back."""
    tests = [
        f"COUNT(DISTINCT ?v) {comparison} {_bound(shapes, shape, bound)}"
        for bound, comparison in ((low, "<"), (high, ">"))
        if shapes.value(shape, bound) is not None
    ]
    if not tests:
        return []
    return [
        ViolationQuery(
            f"SELECT ?this WHERE {{ {target} OPTIONAL {{ {pattern} }} }} GROUP BY ?this HAVING ({' || '.join(tests)})",
            valued=False,
        )
    ]


def _bound(shapes: Shapes, shape: Subject, parameter: ox.NamedNode) -> int:
    bound = shapes.value(shape, parameter)
    try:
        return int(_text(bound))
    except ValueError:
        raise UnsupportedShapeError(f"{shape}: {parameter} {bound} is not an integer") from None


def _text(term: Value | None) -> str:
    """A literal's lexical form (a pattern, a flag, a bound, a language tag)."""
    if not isinstance(term, ox.Literal):
        raise UnsupportedShapeError(f"{term} should be a literal")
    return term.value
