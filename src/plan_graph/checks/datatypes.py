"""sh:datatype on Oxigraph: a literal's datatype as written, which Oxigraph's store does not always keep.

SHACL's sh:datatype asks for the datatype IRI a literal was written with, and for a well-formed lexical form
("abc"^^xsd:integer is ill-typed). Oxigraph keeps an ill-typed literal as written, so a well-formed one is told
by a cast to its datatype that succeeds. But its store turns every datatype derived from xsd:integer
(xsd:int, xsd:nonNegativeInteger …) into xsd:integer, and xsd:dateTimeStamp into xsd:dateTime, on load (its
issue 526): "5"^^xsd:nonNegativeInteger comes back as "5"^^xsd:integer. When the data is written with one of
those datatypes (a quick search of its N-Triples finds them), the validation loads what each literal of those
two families was written as beside the data, in a graph of its own (`written_as`), and sh:datatype reads it
there. A value written with two datatypes of a family in two triples ("5"^^xsd:integer and
"5"^^xsd:nonNegativeInteger) is one value to Oxigraph, which then has both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
WRITTEN_AS_GRAPH = ox.NamedNode("urn:plan-graph:validation:written-as")
VALUE, WRITTEN_AS = ox.NamedNode("urn:plan-graph:validation:value"), ox.NamedNode("urn:plan-graph:validation:as")

# the datatypes Oxigraph's store replaces, with the lowest and highest value each allows
DERIVED: dict[str, tuple[int | None, int | None]] = {
    "int": (-(2**31), 2**31 - 1),
    "long": (-(2**63), 2**63 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}
STAMP = XSD + "dateTimeStamp"
# what the store makes of them: a literal of one of these may have been written with another datatype
FAMILY_OF = {XSD + name: XSD + "integer" for name in DERIVED} | {STAMP: XSD + "dateTime"}
FAMILIES = {XSD + "integer", XSD + "dateTime", *FAMILY_OF}
# the datatypes Oxigraph can cast to: a literal is well-formed when the cast to its own datatype succeeds
CAST_NAMES: tuple[str, ...] = (
    "boolean",
    "integer",
    "decimal",
    "float",
    "double",
    "dateTime",
    "date",
    "time",
    "duration",
)
CAST_NAMES += ("dayTimeDuration", "yearMonthDuration", "gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay")
CASTS = {XSD + name for name in CAST_NAMES}
LEXICAL = {XSD + "hexBinary": "^([0-9a-fA-F]{2})*$"}  # and the datatypes it cannot cast to that SHACL users meet
_WRITTEN_DERIVED = re.compile(
    rb"XMLSchema#(?:" + b"|".join(name.encode() for name in [*DERIVED, "dateTimeStamp"]) + rb")>"
)


def written_with_derived_datatypes(ntriples: bytes) -> bool:
    """Whether N-Triples write a literal with a datatype that Oxigraph's store replaces."""
    return _WRITTEN_DERIVED.search(ntriples) is not None


def written_as(ntriples: Iterable[bytes]) -> Iterator[ox.Quad]:
    """What each literal of the two families was written as, for the graph WRITTEN_AS_GRAPH: one node per literal
    and datatype, its VALUE the literal (which the store normalizes as it does the data's), its WRITTEN_AS the
    datatype of the text."""
    seen: set[ox.Literal] = set()
    for text in ntriples:
        for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
            literal = quad.object
            if isinstance(literal, ox.Literal) and literal.datatype.value in FAMILIES and literal not in seen:
                seen.add(literal)
                node = ox.BlankNode()
                yield ox.Quad(node, VALUE, literal, WRITTEN_AS_GRAPH)
                yield ox.Quad(node, WRITTEN_AS, literal.datatype, WRITTEN_AS_GRAPH)


def datatype_test(datatype: ox.NamedNode, var: str, written: bool) -> str:
    """A SPARQL expression: the value is a well-formed literal of the datatype. `written`: the graph of what the
    literals were written as is loaded (the data has literals whose datatype the store replaces)."""
    iri = datatype.value
    if iri in FAMILY_OF and not written:
        return "false"  # no literal of the data is written with it
    stored_as = ox.NamedNode(FAMILY_OF.get(iri, iri))
    parts = [f"isLiteral({var})", f"DATATYPE({var}) = {stored_as}"]
    if stored_as.value in CASTS:
        parts.append(f"sameTerm({stored_as}({var}), {stored_as}({var}))")
    elif iri in LEXICAL:
        parts.append(f"REGEX(STR({var}), {ox.Literal(LEXICAL[iri])})")
    if written and iri in FAMILIES:
        parts.append(f"EXISTS {{ GRAPH {WRITTEN_AS_GRAPH} {{ ?written {VALUE} {var} ; {WRITTEN_AS} {datatype} }} }}")
    low, high = DERIVED.get(iri.removeprefix(XSD), (None, None)) if iri in FAMILY_OF else (None, None)
    parts += [f"{var} >= {low}"] if low is not None else []
    parts += [f"{var} <= {high}"] if high is not None else []
    parts += [f'TZ({var}) != ""'] if iri == STAMP else []
    return " && ".join(parts)
