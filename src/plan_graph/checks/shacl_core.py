"""SHACL Core on Oxigraph: each property shape compiled to one or two SPARQL queries over the whole graph.

pyshacl checks each focus node in Python over an rdflib graph: 0.55 s for the plan, 7 s at ten times its
size, and out of memory long before a thousand (bench/RESULTS.md). Here a constraint is a FILTER, a
shape's values are read in one query, counts in another, so the cost is a few dozen queries whatever the
size. Only the constraint components the shapes in `shapes/` use are compiled; any other is refused
loudly, never skipped. pyshacl stays the reference: the tests check both find the same results. (One
difference: a value that fails several constraints of one property shape is one result here, one per
constraint component in pyshacl.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from plan_graph.errors import PlanGraphError
from plan_graph.graph.namespaces import nt_term
from plan_graph.graph.terms import OxTerm, rdflib_term

VALUE_PARAMETERS = {SH["class"], SH.datatype, SH.pattern, SH.flags, SH.languageIn, SH.nodeKind, SH.minInclusive,
                    SH["not"], SH["or"]}  # fmt: skip
COUNT_PARAMETERS = {SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
OTHER_PARAMETERS = {SH.uniqueLang, SH.disjoint}
IGNORED = {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.deactivated,
           SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.sparql,
           SH.declare, SH.prefixes, RDF.type}  # fmt: skip
LABELS = {RDFS.label, RDFS.comment}
NODE_KIND_TESTS: dict[Node, str] = {SH.IRI: "isIRI", SH.BlankNode: "isBlank", SH.Literal: "isLiteral"}

# Answers shared by the shapes of one run (and with the SPARQL constraints), keyed by what they answer:
# ("instances", class IRI) holds a set of terms, ("solutions", query) a list of solutions, ("counts",
# pattern) a dict of term to count. A plain dict, so that callers can pass their own.
QueryCache = dict[tuple[str, str], set[OxTerm] | list[ox.QuerySolution] | dict[OxTerm, int]]


class UnsupportedShapeError(PlanGraphError):
    """A shape the SPARQL compiler does not handle: pyshacl checks it instead."""


@dataclass(frozen=True)
class CoreViolation:
    shape: Node  # an IRI, or the blank node of a property shape
    severity: Node
    focus: Node
    path: URIRef | None
    value: Node | None


def condition(shapes: Graph, shape: Node, var: str = "?v", nested: bool = True) -> str:
    """A SPARQL expression that is true when the value conforms to the shape's value constraints.

    Top-level sh:class is left out (nested=False): Oxigraph evaluates an EXISTS anew for every row, so
    _property checks classes against the set of instances, read once."""
    parts = []
    for parameter, value in shapes.predicate_objects(shape):
        if parameter in IGNORED or parameter in LABELS or parameter == SH.flags:
            continue
        if parameter == SH["class"]:
            if not nested:
                continue
            parts.append(f"EXISTS {{ {var} <{RDF.type}>/<{RDFS.subClassOf}>* <{value}> }}")
        elif parameter == SH.datatype:
            parts.append(f"(isLiteral({var}) && DATATYPE({var}) = <{value}>)")
        elif parameter == SH.pattern:
            flags = shapes.value(shape, SH.flags)
            flag_text = f", {nt_term(Literal(str(flags)))}" if flags else ""
            parts.append(f"(!isBlank({var}) && REGEX(STR({var}), {nt_term(Literal(str(value)))}{flag_text}))")
        elif parameter == SH.languageIn:
            tags = ", ".join(nt_term(Literal(str(tag))) for tag in Collection(shapes, value))
            parts.append(f"(isLiteral({var}) && LANG({var}) IN ({tags}))")
        elif parameter == SH.nodeKind:
            test = NODE_KIND_TESTS.get(value)
            if test is None:
                raise UnsupportedShapeError(f"sh:nodeKind {value} is not supported")
            parts.append(f"{test}({var})")
        elif parameter == SH.minInclusive:
            parts.append(f"({var} >= {nt_term(value)})")
        elif parameter == SH["not"]:
            parts.append(f"!({condition(shapes, value, var)})")
        elif parameter == SH["or"]:
            parts.append(
                "(" + " || ".join(condition(shapes, member, var) for member in Collection(shapes, value)) + ")"
            )
        elif parameter in COUNT_PARAMETERS or parameter in OTHER_PARAMETERS:
            continue
        else:
            raise UnsupportedShapeError(f"{shape}: the constraint {parameter} is not supported by shacl_core")
    return " && ".join(parts) or "true"


def focus_nodes(store: ox.Store, shapes: Graph, shape: Node, cache: QueryCache | None = None) -> set[OxTerm]:
    found: set[OxTerm] = set()
    for cls in shapes.objects(shape, SH.targetClass):
        found |= _instances(store, cls, cache)
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        found.update(solution["t"] for solution in select(store, f"SELECT DISTINCT ?t WHERE {{ ?t <{prop}> ?o }}"))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        found.update(solution["t"] for solution in select(store, f"SELECT DISTINCT ?t WHERE {{ ?s <{prop}> ?t }}"))
    for node in shapes.objects(shape, SH.targetNode):
        found.add(ox.NamedNode(str(node)) if isinstance(node, URIRef) else ox.Literal(str(node)))
    return found


def check_core_constraints(store: ox.Store, shapes: Graph, cache: QueryCache | None = None) -> list[CoreViolation]:
    """The violations of the shapes' core constraints by the data in all of the store's graphs.

    A triple found in two graphs (the data and the ontology) is one value, as SHACL's value nodes are a set:
    counts are DISTINCT and each violation is reported once."""
    found: list[CoreViolation] = []
    # Many shapes ask the same thing (the instances of a class, the Romanian labels per subject): one query
    # each for the whole run, not one per shape. The caller may share the cache with the SPARQL constraints.
    cache = cache if cache is not None else {}
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape)}
    node_shapes |= {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
                    for s in shapes.subjects(p, None)}  # fmt: skip
    for node_shape in sorted(node_shapes, key=str):
        if (node_shape, SH.deactivated, Literal(True)) in shapes:
            continue
        targets = focus_nodes(store, shapes, node_shape, cache)
        if not targets:
            continue
        severity = shapes.value(node_shape, SH.severity) or SH.Violation
        found += _node_level(store, shapes, node_shape, targets, severity)
        for property_shape in shapes.objects(node_shape, SH.property):
            if (property_shape, SH.deactivated, Literal(True)) in shapes:
                continue
            found += _property(store, shapes, property_shape, targets, cache)
    return list(dict.fromkeys(found))


def _node_level(store: ox.Store, shapes: Graph, shape: Node, targets: set[OxTerm],
                severity: Node) -> list[CoreViolation]:  # fmt: skip
    """Constraints on the focus node itself (sh:nodeKind, sh:pattern of an IRI shape)."""
    expression = condition(shapes, shape, "?this")
    if expression == "true":
        return []
    values = " ".join(_term(t) for t in targets)
    query = f"SELECT ?this WHERE {{ VALUES ?this {{ {values} }} FILTER (!({expression})) }}"
    return [CoreViolation(shape, severity, rdflib_term(s["this"]), None, rdflib_term(s["this"]))
            for s in select(store, query)]  # fmt: skip


def _property(store: ox.Store, shapes: Graph, shape: Node, targets: set[OxTerm],
              cache: QueryCache) -> list[CoreViolation]:  # fmt: skip
    path = shapes.value(shape, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShapeError(f"{shape}: only simple predicate paths are supported")
    severity = shapes.value(shape, SH.severity) or SH.Violation
    found: list[CoreViolation] = []

    def violation(focus: OxTerm, value: OxTerm | None) -> CoreViolation:
        return CoreViolation(shape, severity, rdflib_term(focus), path,
                             rdflib_term(value) if value is not None else None)  # fmt: skip

    expression = condition(shapes, shape, nested=False)
    if expression != "true":
        for s in select(store, f"SELECT ?this ?v WHERE {{ ?this <{path}> ?v FILTER (!({expression})) }}"):
            if s["this"] in targets:
                found.append(violation(s["this"], s["v"]))
    for cls in shapes.objects(shape, SH["class"]):
        members = _instances(store, cls, cache)
        for s in select(store, f"SELECT ?this ?v WHERE {{ ?this <{path}> ?v }}"):
            if s["v"] not in members and s["this"] in targets:
                found.append(violation(s["this"], s["v"]))
    minimum, maximum = shapes.value(shape, SH.minCount), shapes.value(shape, SH.maxCount)
    if minimum is not None or maximum is not None:
        counts = _counts(store, f"?this <{path}> ?v", cache)
        for focus in targets:
            n = counts.get(focus, 0)  # the bounds are integer literals: str() is their lexical form
            if (minimum is not None and n < int(str(minimum))) or (maximum is not None and n > int(str(maximum))):
                found.append(violation(focus, None))
    qualified = shapes.value(shape, SH.qualifiedValueShape)
    if qualified is not None:
        conforming = _counts(store, f"?this <{path}> ?v FILTER ({condition(shapes, qualified)})", cache)
        low, high = shapes.value(shape, SH.qualifiedMinCount), shapes.value(shape, SH.qualifiedMaxCount)
        for focus in targets:
            n = conforming.get(focus, 0)
            if (low is not None and n < int(str(low))) or (high is not None and n > int(str(high))):
                found.append(violation(focus, None))
    if (shape, SH.uniqueLang, Literal(True)) in shapes:
        query = (f'SELECT DISTINCT ?this WHERE {{ ?this <{path}> ?a FILTER (LANG(?a) != "") }} '
                 "GROUP BY ?this (LANG(?a)) HAVING (COUNT(DISTINCT ?a) > 1)")  # fmt: skip
        found += [violation(s["this"], None) for s in _few(store, query, cache) if s["this"] in targets]
    for other in shapes.objects(shape, SH.disjoint):
        query = f"SELECT ?this ?v WHERE {{ ?this <{path}> ?v ; <{other}> ?v }}"
        found += [violation(s["this"], s["v"]) for s in _few(store, query, cache) if s["this"] in targets]
    return found


def select(store: ox.Store, query: str) -> ox.QuerySolutions:
    """A query over all the store's graphs: the data and, beside it, the ontology whose classes it uses."""
    # every query given here is a SELECT (the shapes' sh:select too), so its outcome is solutions
    return cast(ox.QuerySolutions, store.query(query, use_default_graph_as_union=True))


def _instances(store: ox.Store, cls: Node, cache: QueryCache | None = None) -> set[OxTerm]:
    """The instances of `cls` and of its subclasses, asked once per run when a cache is given."""
    key = ("instances", str(cls))
    if cache is None or key not in cache:
        query = f"SELECT DISTINCT ?i WHERE {{ ?i a/<{RDFS.subClassOf}>* <{cls}> }}"
        found: set[OxTerm] = {solution["i"] for solution in select(store, query)}
        if cache is None:
            return found
        cache[key] = found
    return cast(set[OxTerm], cache[key])  # an "instances" key holds a set of terms


def _few(store: ox.Store, query: str, cache: QueryCache) -> list[ox.QuerySolution]:
    """The solutions of a query that finds only violations (few, so kept), asked once per run."""
    key = ("solutions", query)
    if key not in cache:
        cache[key] = list(select(store, query))
    return cast(list[ox.QuerySolution], cache[key])  # a "solutions" key holds a list of solutions


def _counts(store: ox.Store, pattern: str, cache: QueryCache) -> dict[OxTerm, int]:
    """The number of solutions of `pattern` per ?this, asked once per run."""
    key = ("counts", pattern)
    if key not in cache:
        query = f"SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {pattern} }} GROUP BY ?this"
        cache[key] = {s["this"]: int(s["n"].value) for s in select(store, query)}
    return cast(dict[OxTerm, int], cache[key])  # a "counts" key holds a dict of term to count


def _term(term: OxTerm) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return str(term)
    raise UnsupportedShapeError("a blank node cannot be a focus node in a VALUES block")
