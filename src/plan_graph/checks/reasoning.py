"""OWL reasoning with HermiT (through owlready2): consistency, unsatisfiable classes, inferences.

owlready2 reads no Turtle, so the ontology and the data go in as N-Triples. HermiT accepts only the
datatypes of the OWL 2 datatype map; literals of other types (xsd:gYearMonth, xsd:date) say nothing
the OWL axioms use, so they are set aside before reasoning and counted in the report.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from plan_graph.errors import PlanGraphError
from plan_graph.graph.names import ONTOLOGY

if TYPE_CHECKING:
    import owlready2

# https://www.w3.org/TR/owl2-syntax/#Datatype_Maps
OWL2_DATATYPES = {
    str(RDF.PlainLiteral),
    str(RDF.XMLLiteral),
    str(RDFS.Literal),
    str(RDF.langString),
    str(OWL.real),
    str(OWL.rational),
    *(
        str(XSD[name])
        for name in (
            "decimal",
            "integer",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "positiveInteger",
            "negativeInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
            "double",
            "float",
            "string",
            "normalizedString",
            "token",
            "language",
            "Name",
            "NCName",
            "NMTOKEN",
            "boolean",
            "hexBinary",
            "base64Binary",
            "anyURI",
            "dateTime",
            "dateTimeStamp",
        )
    ),
}


class ReasonerError(PlanGraphError):
    """HermiT could not run (no Java, or it failed); the message says why."""


@dataclass(frozen=True)
class Clash:
    """A resource that is an instance of two classes the ontology declares disjoint."""

    resource: str
    classes: tuple[str, str]

    def __str__(self) -> str:
        return f"<{self.resource}> is both <{self.classes[0]}> and <{self.classes[1]}>, which are disjoint"


@dataclass
class ReasoningReport:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    inferred: Graph = field(default_factory=Graph)
    set_aside: int = 0
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def reasonable_part(graph: Graph) -> tuple[Graph, int]:
    """The triples HermiT can read, and how many were set aside."""
    kept = Graph()
    set_aside = 0
    for triple in graph:
        value = triple[2]
        if isinstance(value, Literal) and value.datatype is not None and str(value.datatype) not in OWL2_DATATYPES:
            set_aside += 1
            continue
        kept.add(triple)
    return kept, set_aside


def reason(data: Graph, ontology: Graph) -> ReasoningReport:
    import owlready2  # compiled and slow to import: only when reasoning

    combined, set_aside = reasonable_part(ontology + data)
    world = owlready2.World()
    stream = io.BytesIO(combined.serialize(format="nt", encoding="utf-8"))
    world.get_ontology(ONTOLOGY).load(fileobj=stream, format="ntriples")
    if shutil.which("java") is None:
        raise ReasonerError("the reasoner HermiT needs Java: install a Java runtime (e.g. default-jre-headless)")
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        clashes = disjointness_clashes(data, ontology)
        named = "; ".join(str(clash) for clash in clashes) or "no clash of disjoint classes found to name"
        return ReasoningReport(False, clashes=clashes, set_aside=set_aside, message=f"inconsistent: {named}")
    except owlready2.OwlReadyJavaError as error:
        raise ReasonerError(f"HermiT failed: {str(error).strip()[:2000]}") from error
    unsatisfiable = sorted(str(cls.iri) for cls in world.inconsistent_classes())
    inferred = _entailments(world, combined)
    message = "consistent" if not unsatisfiable else f"unsatisfiable classes: {', '.join(unsatisfiable)}"
    return ReasoningReport(True, unsatisfiable, [], inferred, set_aside, message)


def _entailments(world: owlready2.World, given: Graph) -> Graph:
    """The types and the links between resources that follow from what was given, without what was given:
    HermiT's classification, and the values of every object property through its subproperties, inverses and
    transitivity (owlready2's indirect values, which its own inferred triples leave out)."""
    import owlready2

    inferred = Graph()
    object_properties = list(world.object_properties())
    individuals = (world[str(s)] for s in set(given.subjects(RDF.type, None)) if isinstance(s, URIRef))
    for individual in individuals:
        if not isinstance(individual, owlready2.Thing):
            continue  # a class or a property, not an individual
        subject = URIRef(individual.iri)
        for cls in individual.INDIRECT_is_a:  # entailed types, through subclasses as well
            if isinstance(cls, owlready2.ThingClass) and cls is not owlready2.Thing:
                inferred.add((subject, RDF.type, URIRef(cls.iri)))
        for prop in object_properties:
            for value in prop._get_indirect_values_for_individual(individual):
                if isinstance(value, owlready2.Thing):
                    inferred.add((subject, URIRef(prop.iri), URIRef(value.iri)))
    # owlready2, repairing a property that is also an instance of a class (pg:statedIn, a qb:DimensionProperty: OWL 2
    # punning), writes the property's superproperty as its type; a property is never a class here
    properties = {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in given.subjects(RDF.type, kind)}
    for triple in world.as_rdflib_graph():  # links HermiT added that no typed resource above holds
        subject, predicate, value = triple
        if (
            isinstance(subject, URIRef)
            and isinstance(value, URIRef)
            and not (
                predicate == RDF.type
                and (value.startswith(str(OWL)) or value in properties)  # owl:Thing, owl:Ontology: bookkeeping
            )
        ):
            inferred.add(triple)
    inferred -= given
    return inferred


def disjointness_clashes(data: Graph, ontology: Graph) -> list[Clash]:
    """Name the resources behind an inconsistency: instances of two disjoint classes (with subclassing)."""
    pairs: set[tuple[Node, Node]] = set()
    for a, b in ontology.subject_objects(OWL.disjointWith):
        pairs.add((a, b))
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        head = ontology.value(node, OWL.members)
        members = list(Collection(ontology, head)) if head is not None else []  # no list: no members
        pairs.update(combinations(members, 2))
    schema = ontology + data
    # a property's named domain and range type its subjects and objects too (several domains intersect)
    domains: dict[Node, set[URIRef]] = {}
    ranges: dict[Node, set[URIRef]] = {}
    for prop, cls in ontology.subject_objects(RDFS.domain):
        if isinstance(cls, URIRef):
            domains.setdefault(prop, set()).add(cls)
    for prop, cls in ontology.subject_objects(RDFS.range):
        if isinstance(cls, URIRef):
            ranges.setdefault(prop, set()).add(cls)
    clashes: list[Clash] = []
    for resource in {s for s in data.subjects() if isinstance(s, URIRef)}:
        stated = set(data.objects(resource, RDF.type))
        for prop in set(data.predicates(resource, None)):
            stated |= domains.get(prop, set())
        for prop in set(data.predicates(None, resource)):
            stated |= ranges.get(prop, set())
        types: set[Node | None] = set()  # Optional in rdflib's signature (for a None start); none here
        for asserted in stated:
            types.update(schema.transitive_objects(asserted, RDFS.subClassOf))
        for a, b in pairs:
            if a in types and b in types:
                clashes.append(Clash(str(resource), (str(a), str(b))))
    return sorted(clashes, key=lambda clash: (clash.resource, clash.classes))
