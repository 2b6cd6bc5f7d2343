"""The vocabularies the graph uses, as rdflib namespaces, and the IRIs the project mints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from rdflib import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, BNode, Literal, Namespace, URIRef


class Vocabulary(Namespace):
    """An rdflib Namespace that makes each of its terms once.

    rdflib makes, and checks, a new URIRef at every `PG.lineNumber`; the mapping names the same few dozen
    terms thousands of times, which was a sixth of its time."""

    @cache  # noqa: B019 -- namespaces live as long as the program
    def term(self, name: str) -> URIRef:
        return super().term(name)


PG = Vocabulary("https://w3id.org/plan-graph/ontology#")
KIND = Vocabulary("https://w3id.org/plan-graph/ontology/kind/")
ORG = Vocabulary("http://www.w3.org/ns/org#")
CV = Vocabulary("http://data.europa.eu/m8g/")
ELI = Vocabulary("http://data.europa.eu/eli/ontology#")
FREQ = Vocabulary("http://publications.europa.eu/resource/authority/frequency/")
VANN = Vocabulary("http://purl.org/vocab/vann/")
LANG = Vocabulary("http://publications.europa.eu/resource/authority/language/")

DEFAULT_BASE = "https://w3id.org/plan-graph/ro/"
PLAN_SLUG = "hg-861-2018"

PREFIXES = {
    "pg": PG,
    "kind": KIND,
    "org": ORG,
    "cv": CV,
    "eli": ELI,
    "freq": FREQ,
    "skos": SKOS,
    "dct": DCTERMS,
    "prov": PROV,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "dcat": DCAT,
    "vann": VANN,
    "lang": LANG,
    "foaf": FOAF,
}


def nt_term(term: object) -> str:
    """An rdflib term in N-Triples syntax (rdflib's n3() writes multi-line literals in triple quotes)."""
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def curie(iri: object, extra: dict[str, str] | None = None) -> str:
    """An IRI as prefix:name with the project's prefixes (and `extra` ones), the longest namespace first;
    the IRI itself when none fits or it is a namespace itself."""
    text = str(iri)
    namespaces = {**{prefix: str(namespace) for prefix, namespace in PREFIXES.items()}, **(extra or {})}
    for prefix, namespace in sorted(namespaces.items(), key=lambda item: -len(item[1])):
        if text.startswith(namespace) and text != namespace:
            return f"{prefix}:{text[len(namespace) :]}"
    return text


__all__ = [
    "CV",
    "DCAT",
    "DCTERMS",
    "DEFAULT_BASE",
    "ELI",
    "FOAF",
    "FREQ",
    "KIND",
    "LANG",
    "ORG",
    "OWL",
    "PG",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "VANN",
    "XSD",
    "Iris",
    "curie",
    "nt_term",
]


class BaseIriError(ValueError):
    pass


@dataclass(frozen=True)
class Iris:
    """Every IRI the project mints, from one configurable base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        parts = urlsplit(self.base)
        if parts.scheme not in ("http", "https") or not parts.netloc or not self.base.endswith("/"):
            raise BaseIriError(f"base IRI must be an absolute http(s) IRI ending in '/': {self.base!r}")
        if any(c in self.base for c in ' <>"{}|\\^`'):
            raise BaseIriError(f"base IRI contains a character not allowed in an IRI: {self.base!r}")

    @property
    def plan_ns(self) -> Namespace:
        return Namespace(f"{self.base}{PLAN_SLUG}/")

    @property
    def plan(self) -> URIRef:
        return URIRef(f"{self.base}{PLAN_SLUG}")

    @property
    def act(self) -> URIRef:
        # Romanian acts have no official ELI yet: a local IRI shaped like one
        return URIRef(f"{self.base}eli/hg/2018/861")

    @property
    def source_text(self) -> URIRef:
        return self.plan_ns["source"]

    def line(self, number: int) -> URIRef:
        return self.plan_ns[f"source/line/{number}"]

    def area(self, number: int) -> URIRef:
        return self.plan_ns[f"area/{number}"]

    def objective(self, notation: str) -> URIRef:
        return self.plan_ns[f"objective/{notation}"]

    def activity(self, notation: str) -> URIRef:
        return self.plan_ns[f"activity/{notation}"]

    def indicator(self, notation: str, position: int) -> URIRef:
        return self.plan_ns[f"activity/{notation}/indicator/{position}"]

    def deadline(self, notation: str, position: int) -> URIRef:
        return self.plan_ns[f"activity/{notation}/deadline/{position}"]

    def resource(self, notation: str, position: int) -> URIRef:
        return self.plan_ns[f"activity/{notation}/resource/{position}"]

    def acting_through(self, notation: str, position: int) -> URIRef:
        return self.plan_ns[f"activity/{notation}/through/{position}"]

    def correction(self, position: int) -> URIRef:
        return self.plan_ns[f"correction/{position}"]

    def abbreviation(self, code: str) -> URIRef:
        return self.plan_ns[f"abbreviation/{code.replace(' ', '-')}"]

    def system(self, system_id: str) -> URIRef:
        return URIRef(f"{self.base}system/{system_id}")

    def actor(self, actor_id: str) -> URIRef:
        return URIRef(f"{self.base}actor/{actor_id}")
