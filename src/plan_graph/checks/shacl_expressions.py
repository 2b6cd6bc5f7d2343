"""SHACL Core's constraints as SPARQL expressions, for the queries of shacl_core.py.

A constraint either tests one value node (sh:class, sh:datatype, sh:pattern, sh:node …: `value_constraints`) or
the set of a focus node's values on a path (sh:minCount, sh:hasValue, sh:uniqueLang …). At the top of a query
shacl_core.py runs each over all the focus nodes at once; inside another constraint (sh:node, sh:or, sh:not,
sh:qualifiedValueShape …), whether a node conforms to a shape is one expression of EXISTS and NOT EXISTS
(`conforms`). A test that raises a SPARQL error (a comparison of incomparable values) fails, as SHACL has it.

Constraints are grouped into results as pyshacl, the reference of the tests, groups them: one per class of
sh:class and per value of sh:hasValue, one for all the values of any other parameter of a shape (its sh:node
shapes, its sh:pattern patterns). Every SHACL parameter is compiled here or refused with the shape and the
parameter named (UnsupportedShapeError): nothing is skipped. Triples of other vocabularies, and terms SHACL
does not define, say nothing to a SHACL processor and are left aside.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Protocol, cast

import pyoxigraph as ox

from plan_graph.checks.datatypes import datatype_test
from plan_graph.checks.shapes import TRUE, Shapes, Subject, UnsupportedShapeError, Value, rdf, sh

INSTANCE_OF = f"{rdf.type}/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"  # of the class or a subclass
NODE_KINDS = {
    sh.IRI: "isIRI({0})",
    sh.BlankNode: "isBlank({0})",
    sh.Literal: "isLiteral({0})",
    sh.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))",
    sh.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
    sh.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))",
}
RANGES = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
# SHACL's parameters that are not compiled (sh:closed and sh:qualifiedValueShapesDisjoint only when true)
REFUSED = ("closed", "equals", "lessThan", "lessThanOrEquals", "qualifiedValueShapesDisjoint", "target", "rule")
PATHS = {"inversePath": "^({0})", "zeroOrMorePath": "({0})*", "oneOrMorePath": "({0})+", "zeroOrOnePath": "({0})?"}


class _Add(Protocol):  # value_constraints' way of adding a constraint
    def __call__(self, component: str, parameter: ox.NamedNode, test: str, valued: bool = True) -> None: ...


@dataclass(frozen=True)
class Constraint:
    """A constraint of a shape on a value node, as one SHACL result reports it."""

    component: str  # SHACL's name of its constraint component: "ClassConstraintComponent"
    parameters: tuple[Value, ...]  # its parameter's values in the shape (classes, shapes, patterns), for messages
    test: str  # a SPARQL expression, true when the value node conforms; never an error
    valued: bool = True  # whether its result names the value (sh:hasValue's does not)


class Expressions:
    """The expressions of one set of shapes. `written`: sh:datatype reads what literals were written as
    (datatypes.py), the data having literals whose datatype Oxigraph's store replaces."""

    def __init__(self, shapes: Shapes, written: bool = False) -> None:
        self.shapes = shapes
        self.written = written
        self._variables = 0
        self._within: list[Value] = []  # the shapes being compiled, outermost first (a shape within itself)

    def fresh(self) -> str:
        self._variables += 1
        return f"?sh{self._variables}"

    def value_constraints(
        self, shape: Value, var: str, classes: bool = True, properties: bool = False
    ) -> list[Constraint]:
        """The constraints of a shape on one value node held by `var`: the focus node itself for a node shape, each
        value of its path for a property shape. `classes`: with sh:class (a query may rather check classes with
        a MINUS); `properties`: with the property shapes of sh:property (a query rather checks them as shapes)."""
        self.refuse_unsupported(shape)
        s, found = self.shapes, []

        def add(component: str, parameter: ox.NamedNode, test: str, valued: bool = True) -> None:
            found.append(Constraint(component, tuple(s.objects(shape, parameter)), f"COALESCE({test}, false)", valued))

        if classes:
            for cls in s.objects(shape, sh["class"]):
                add("ClassConstraintComponent", sh["class"], f"EXISTS {{ {var} {INSTANCE_OF} {cls} }}")
        for datatype in s.objects(shape, sh.datatype):
            if not isinstance(datatype, ox.NamedNode):
                raise UnsupportedShapeError(f"{s.name(shape)}: its sh:datatype {datatype} is not an IRI")
            add("DatatypeConstraintComponent", sh.datatype, datatype_test(datatype, var, self.written))
        for kind in s.objects(shape, sh.nodeKind):
            if kind not in NODE_KINDS:
                raise UnsupportedShapeError(f"{s.name(shape)}: sh:nodeKind {kind} is not a SHACL node kind")
            add("NodeKindConstraintComponent", sh.nodeKind, NODE_KINDS[cast(ox.NamedNode, kind)].format(var))
        if patterns := s.objects(shape, sh.pattern):
            flags = s.value(shape, sh.flags)
            flag_text = f", {ox.Literal(_text(s, shape, flags))}" if flags is not None else ""
            tests = [f"REGEX(STR({var}), {ox.Literal(_text(s, shape, p))}{flag_text})" for p in patterns]
            add("PatternConstraintComponent", sh.pattern, f"!isBlank({var}) && {' && '.join(tests)}")
        for lists in s.objects(shape, sh.languageIn):
            tags = [f"langMatches(LANG({var}), {ox.Literal(_text(s, shape, tag))})" for tag in s.members(lists)]
            add("LanguageInConstraintComponent", sh.languageIn, f"isLiteral({var}) && ({' || '.join(tags) or 'false'})")
        for name, comparison in RANGES.items():
            if bounds := s.objects(shape, sh[name]):
                component = f"{name[0].upper()}{name[1:]}ConstraintComponent"
                add(component, sh[name], " && ".join(f"{var} {comparison} {bound}" for bound in bounds))
        for name, comparison in (("minLength", ">="), ("maxLength", "<=")):
            for bound in s.objects(shape, sh[name]):
                test = f"!isBlank({var}) && STRLEN(STR({var})) {comparison} {_integer(s, shape, sh[name], bound)}"
                add(f"{name[0].upper()}{name[1:]}ConstraintComponent", sh[name], test)
        for members in s.objects(shape, sh["in"]):
            tests = [f"sameTerm({var}, {member})" for member in s.members(members)]
            add("InConstraintComponent", sh["in"], " || ".join(tests) or "false")
        if s.value(shape, sh.path) is None:  # a property shape's sh:hasValue is about all the values of its path
            for value in s.objects(shape, sh.hasValue):
                found.append(Constraint("HasValueConstraintComponent", (value,), f"sameTerm({var}, {value})", False))
        self._shapes_constraints(shape, var, add, properties)
        return found

    def _shapes_constraints(self, shape: Value, var: str, add: _Add, properties: bool) -> None:
        """The constraints of a shape on its value node that other shapes make: sh:node, sh:not, sh:and, sh:or,
        sh:xone, and (`properties`) sh:property."""
        s = self.shapes
        if nodes := s.objects(shape, sh.node):
            add("NodeConstraintComponent", sh.node, " && ".join(self.conforms(node, var) for node in nodes))
        if nots := s.objects(shape, sh["not"]):
            add("NotConstraintComponent", sh["not"], " && ".join(f"!{self.conforms(n, var)}" for n in nots))
        for name, combine in (("and", " && "), ("or", " || ")):
            if lists := s.objects(shape, sh[name]):
                tests = [combine.join(self.conforms(m, var) for m in s.members(each)) or "true" for each in lists]
                add(f"{name.capitalize()}ConstraintComponent", sh[name], " && ".join(f"({t})" for t in tests))
        if lists := s.objects(shape, sh.xone):
            counts = [" + ".join(f"IF({self.conforms(m, var)}, 1, 0)" for m in s.members(each)) for each in lists]
            add("XoneConstraintComponent", sh.xone, " && ".join(f"({count or 0}) = 1" for count in counts))
        if properties and (nested := s.objects(shape, sh.property)):
            add("PropertyConstraintComponent", sh.property, " && ".join(self.conforms(p, var) for p in nested))

    def conforms(self, shape: Value, var: str) -> str:
        """A SPARQL expression: the node held by `var` conforms to the shape (its targets aside)."""
        if self.shapes.is_true(shape, sh.deactivated):
            return "true"
        if shape in self._within:
            through = self.shapes.name(self._within[0])
            raise UnsupportedShapeError(
                f"{self.shapes.name(shape)}: a shape that refers to itself (through {through}) is not supported"
            )
        if self.shapes.value(shape, sh.sparql) is not None:
            raise UnsupportedShapeError(
                f"{self.shapes.name(shape)}: SPARQL constraints of a shape that another refers to are not supported"
            )
        self._within.append(shape)
        try:
            if self.shapes.value(shape, sh.path) is None:
                tests = [c.test for c in self.value_constraints(shape, var, properties=True)]
            else:
                tests = self._path_tests(cast(Subject, shape), var)
        finally:
            self._within.pop()
        return f"({' && '.join(tests)})" if tests else "true"

    def _path_tests(self, shape: Subject, focus: str) -> list[str]:
        """A property shape's constraints on a focus node, as expressions."""
        s, path, value = self.shapes, self.path(shape), self.fresh()
        tests = []
        if values := [c.test for c in self.value_constraints(shape, value, properties=True)]:
            tests.append(f"NOT EXISTS {{ {focus} {path} {value} FILTER (!({' && '.join(values)})) }}")
        low, high = self.bound(shape, sh.minCount), self.bound(shape, sh.maxCount)
        tests += [self.at_least(focus, path, low)] if low else []
        tests += [f"!{self.at_least(focus, path, high + 1)}"] if high is not None else []
        tests += [f"EXISTS {{ {focus} {path} {value} }}" for value in s.objects(shape, sh.hasValue)]
        if s.is_true(shape, sh.uniqueLang):
            a, b = self.fresh(), self.fresh()
            same = f'!sameTerm({a}, {b}) && LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b}))'
            tests.append(f"NOT EXISTS {{ {focus} {path} {a} . {focus} {path} {b} FILTER ({same}) }}")
        for other in s.objects(shape, sh.disjoint):
            other_value = self.fresh()
            tests.append(f"NOT EXISTS {{ {focus} {path} {other_value} . {focus} {other} {other_value} }}")
        if (qualified := s.value(shape, sh.qualifiedValueShape)) is not None:
            low, high = self.bound(shape, sh.qualifiedMinCount), self.bound(shape, sh.qualifiedMaxCount)
            tests += [self.at_least(focus, path, low, qualified)] if low else []
            tests += [f"!{self.at_least(focus, path, high + 1, qualified)}"] if high is not None else []
        return tests

    def at_least(self, focus: str, path: str, count: int, shape: Value | None = None) -> str:
        """At least `count` distinct values of the path (that conform to `shape`, when given)."""
        values = [self.fresh() for _ in range(count)]
        tests = [f"!sameTerm({a}, {b})" for a, b in combinations(values, 2)]
        tests += [self.conforms(shape, value) for value in values] if shape is not None else []
        filter_text = f" FILTER ({' && '.join(tests)})" if tests else ""
        return f"EXISTS {{ {' . '.join(f'{focus} {path} {value}' for value in values)}{filter_text} }}"

    def path(self, shape: Value) -> str:
        """The shape's sh:path as a SPARQL property path."""
        return sparql_path(self.shapes, shape, self.shapes.value(shape, sh.path))

    def bound(self, shape: Value, parameter: ox.NamedNode) -> int | None:
        value = self.shapes.value(shape, parameter)
        return _integer(self.shapes, shape, parameter, value) if value is not None else None

    def refuse_unsupported(self, shape: Value) -> None:
        """UnsupportedShapeError when the shape has a SHACL parameter this engine does not compile."""
        for name in REFUSED:
            value = self.shapes.value(shape, sh[name])
            if value is not None and (name not in ("closed", "qualifiedValueShapesDisjoint") or value == TRUE):
                raise UnsupportedShapeError(
                    f"{self.shapes.name(shape)}: the constraint sh:{name} is not supported by the SHACL engine"
                )


def sparql_path(shapes: Shapes, shape: Value, path: Value | None) -> str:
    """A SHACL path as a SPARQL property path: an IRI, or the blank node of a path of several steps."""
    if isinstance(path, ox.NamedNode):
        return str(path)
    if isinstance(path, ox.BlankNode):
        if shapes.value(path, rdf.first) is not None:
            return f"({'/'.join(sparql_path(shapes, shape, step) for step in shapes.members(path))})"
        if (alternatives := shapes.value(path, sh.alternativePath)) is not None:
            return f"({'|'.join(sparql_path(shapes, shape, choice) for choice in shapes.members(alternatives))})"
        for name, template in PATHS.items():
            if (inner := shapes.value(path, sh[name])) is not None:
                return template.format(sparql_path(shapes, shape, inner))
    raise UnsupportedShapeError(f"{shapes.name(shape)}: its sh:path {path} is not a SHACL path")


def _integer(shapes: Shapes, shape: Value, parameter: ox.NamedNode, value: Value) -> int:
    try:
        return int(_text(shapes, shape, value))
    except ValueError:
        raise UnsupportedShapeError(f"{shapes.name(shape)}: {parameter} {value} is not an integer") from None


def _text(shapes: Shapes, shape: Value, term: Value | None) -> str:
    """A literal's lexical form (a pattern, a flag, a bound, a language tag)."""
    if not isinstance(term, ox.Literal):
        raise UnsupportedShapeError(f"{shapes.name(shape)}: {term} should be a literal")
    return term.value
