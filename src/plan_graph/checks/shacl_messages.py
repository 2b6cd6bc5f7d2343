"""The message of a result whose shape gives none (DCAT-AP's shapes mostly do not), worded as pyshacl words it:
"Less than 1 values on <…/distribution/plan-graph.ttl>-><http://data.europa.eu/r5r/availability>".

The project's shapes all have their own messages (tests/test_shapes.py checks it); these are for the shapes of
others, and read as pyshacl's did when it checked them. Terms are written as rdflib writes them with the
prefixes a new rdflib graph knows (PREFIXES), a literal as pyshacl writes it ('Literal("3", datatype=xsd:integer)'),
and a blank node by what it says ("[ sh:class dcat:Catalog ]").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from plan_graph.checks.datatypes import DERIVED
from plan_graph.checks.shapes import Shapes, Value, rdf, sh

Describe = Callable[[ox.BlankNode], Sequence[tuple[ox.NamedNode, Value]]]  # a blank node's predicates and objects

PREFIXES = {  # the prefixes rdflib binds in a new graph
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/2001/XMLSchema#": "xsd",
    "http://www.w3.org/2002/07/owl#": "owl",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://www.w3.org/ns/shacl#": "sh",
    "https://brickschema.org/schema/Brick#": "brick",
    "http://www.w3.org/ns/csvw#": "csvw",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/dcam/": "dcam",
    "http://www.w3.org/ns/dcat#": "dcat",
    "http://purl.org/dc/dcmitype/": "dcmitype",
    "http://purl.org/dc/terms/": "dcterms",
    "http://usefulinc.com/ns/doap#": "doap",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://www.opengis.net/ont/geosparql#": "geo",
    "http://www.w3.org/ns/odrl/2/": "odrl",
    "http://www.w3.org/ns/org#": "org",
    "http://www.w3.org/ns/dx/prof/": "prof",
    "http://www.w3.org/ns/prov#": "prov",
    "http://purl.org/linked-data/cube#": "qb",
    "https://schema.org/": "schema",
    "http://www.w3.org/2004/02/skos/core#": "skos",
    "http://www.w3.org/ns/sosa/": "sosa",
    "http://www.w3.org/ns/ssn/": "ssn",
    "http://www.w3.org/2006/time#": "time",
    "http://purl.org/vocab/vann/": "vann",
    "http://rdfs.org/ns/void#": "void",
    "https://www.w3.org/2003/01/geo/wgs84_pos#": "wgs",
}
XSD = "http://www.w3.org/2001/XMLSchema#"
PLAIN = (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
INTEGERS = {XSD + "integer", *(XSD + name for name in DERIVED)}
NAME_CATEGORIES = {"Ll", "Lu", "Lo", "Lt", "Nl", "Nd"}
NAME_START_CATEGORIES = {"Ll", "Lu", "Lo", "Lt", "Nl"}
NAME_CHARACTERS = set("\u00b7\u0387-._%()")


def generated_message(
    source: Value,
    component: str,
    parameters: Sequence[Value],
    focus: Value,
    path: Value | None,
    value: Value | None,
    shapes: Shapes,
    describe: Describe,
) -> str:
    """pyshacl's message for a result of `component` of the shape `source` (its parameter's values in the shape, the
    path of a property shape), whose focus node and value are described from the data."""

    def of_shapes(term: Value) -> str:
        return _term(term, shapes.pairs, shapes)

    def of_data(term: Value | None) -> str:
        return _term(term, describe, shapes) if term is not None else "None"

    name = component.removesuffix("ConstraintComponent")
    on = f"{of_data(focus)}->{of_shapes(path)}" if path is not None else of_data(focus)
    listed = sorted(of_shapes(p) for p in parameters)  # pyshacl's order is rdflib's, which changes from run to run
    comparisons = {"MinInclusive": ">=", "MaxInclusive": "<=", "MinExclusive": ">", "MaxExclusive": "<"}
    if name in ("MinCount", "MaxCount"):
        return f"{'Less' if name == 'MinCount' else 'More'} than {_text(parameters[0])} values on {on}"
    if name == "Class":
        if len(listed) < 2:
            return f"Value does not have class {listed[0]}"
        return f"Value class is not in classes ({', '.join(listed)})"
    if name == "Datatype":
        return f"Value is not Literal with datatype {listed[0]}"
    if name == "NodeKind":
        return f"Value is not of Node Kind {listed[0]}"
    if name == "Node":
        if len(listed) < 2:
            return f"Value does not conform to Shape {listed[0]}. See details for more information."
        joined = "', '".join(listed)
        return f"Value must conform to every Shape in ('{joined}'). See details for more information."
    if name in comparisons:
        bounds = listed[0] if len(listed) < 2 else f"in ({', '.join(listed)})"
        return f"Value is not {comparisons[name]} {bounds}"
    if name in ("MinLength", "MaxLength"):
        return f"String length not {'>=' if name == 'MinLength' else '<='} {of_data(parameters[0])}"
    if name == "Pattern":
        patterns = [_text(p) for p in parameters]
        if len(patterns) < 2:
            return f"Value does not match pattern '{patterns[0]}'"
        return "Value does not match every pattern in ('" + "', '".join(patterns) + "')"
    if name == "LanguageIn":
        return f"String language is not in {listed[0]}"
    if name == "UniqueLang":
        return "More than one String shares the same Language"
    if name == "In":
        return f"Value {of_data(value)} not in list {[of_shapes(m) for m in shapes.members(parameters[0])]}"
    if name == "HasValue":
        if path is not None:
            return f"Node {on} does not contain a value in the set: {listed}"
        return f"Node {on} value is not a in the set of values: {listed}"
    if name == "Disjoint":
        return f"Value of {of_data(focus)}->{listed[0]} == {of_data(value)}"
    if name == "Not":
        if len(listed) == 1:
            return f"Node {of_data(value)} must not conform to shape {listed[0]}"
        return f"Node {of_data(value)} must not conform to any shapes in {' , '.join(listed)}"
    if name in ("And", "Or", "Xone"):
        lists = [" , ".join(of_shapes(m) for m in shapes.members(each)) for each in parameters]
        shapes_text = lists[0] if len(lists) < 2 else " and ".join(f"({each})" for each in lists)
        verb = {"And": "all shapes", "Or": "one or more shapes", "Xone": "exactly one shape"}[name]
        return f"Node {of_data(value)} must conform to {verb} in {shapes_text}"
    if name in ("QualifiedMinCount", "QualifiedMaxCount"):
        counts = "".join(
            f" {word} {_text(bound)}"
            for word, parameter in (("MinCount", "qualifiedMinCount"), ("MaxCount", "qualifiedMaxCount"))
            for bound in shapes.objects(source, sh[parameter])
        )
        return f"Focus node does not conform to shape{counts}: {','.join(of_shapes(p) for p in parameters)}"
    return "(no message)"


def _term(term: Value, describe: Describe, shapes: Shapes, depth: int = 0) -> str:
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.Literal):
        return _literal(term)
    if depth >= 12:
        return "<http://recursion.too.deep>"
    pairs = describe(term)
    if not pairs:
        return "[ ]"
    if any(predicate == rdf.first for predicate, _ in pairs):
        items = [_term(member, describe, shapes, depth + 1) for member in _members(term, describe)]
        return f"( {' '.join(items)} )"
    by_predicate: dict[str, list[str]] = {}
    for predicate, value in pairs:
        by_predicate.setdefault(_iri(predicate.value), []).append(_term(value, describe, shapes, depth + 1))
    described = sorted(f"{predicate} {', '.join(sorted(values))}" for predicate, values in by_predicate.items())
    return f"[ {' ; '.join(described)} ]"


def _members(node: Value, describe: Describe) -> list[Value]:
    members: list[Value] = []
    while isinstance(node, ox.BlankNode) and len(members) < 10_000:
        pairs = describe(node)
        first = next((v for p, v in pairs if p == rdf.first), None)
        rest = next((v for p, v in pairs if p == rdf.rest), None)
        if first is None or rest is None:
            break
        members.append(first)
        node = rest
    return members


def _iri(iri: str) -> str:
    """An IRI as rdflib writes it with PREFIXES: prefix:name when its namespace is one of them, else <iri>."""
    namespace, name = _split(iri)
    prefix = PREFIXES.get(namespace) if name else None
    return f"{prefix}:{name}" if prefix is not None else f"<{iri}>"


def _split(iri: str) -> tuple[str, str]:
    """rdflib's split of an IRI into a namespace and a name: the name is the longest tail of name characters,
    from its first letter or underscore."""
    for i in range(len(iri)):
        character = iri[-i - 1]
        if unicodedata.category(character) not in NAME_CATEGORIES and character not in NAME_CHARACTERS:
            for j in range(len(iri) - i, len(iri)):
                if unicodedata.category(iri[j]) in NAME_START_CATEGORIES or iri[j] == "_":
                    return (iri[:j], iri[j:]) if j > 0 else (iri, "")
            break
    return iri, ""


def _literal(literal: ox.Literal) -> str:
    """A literal as pyshacl writes it: 'Literal("1.50" = 1.5, datatype=xsd:decimal)'."""
    lexical, datatype = literal.value, literal.datatype.value
    value = _python_value(lexical, datatype)
    text = f'"{lexical}" = {value}' if value is not None and value != lexical else f'"{lexical}"'
    if literal.language:
        text += f", lang={literal.language}"
    if datatype not in PLAIN:
        text += f", datatype={_iri(datatype)}"
    return f"Literal({text})"


def _python_value(lexical: str, datatype: str) -> str | None:
    """The text of the Python value rdflib reads a literal as, for the datatypes whose text differs."""
    try:
        if datatype in INTEGERS:
            return str(int(lexical))
        if datatype == XSD + "decimal":
            return str(Decimal(lexical))
        if datatype in (XSD + "float", XSD + "double"):
            return str(float(lexical))
    except (ValueError, InvalidOperation):
        return None
    if datatype == XSD + "boolean":
        return {"true": "True", "1": "True", "false": "False", "0": "False"}.get(lexical)
    return None


def _text(term: Value) -> str:
    return term.value
