"""The vocabularies the graph uses, as rdflib namespaces (the IRIs the project mints are in iris.py)."""

from __future__ import annotations

from functools import cache
from typing import cast

from rdflib import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, BNode, Literal, Namespace, URIRef

from plan_graph.graph.names import PREFIXES as NAMES


class Vocabulary(Namespace):
    """An rdflib Namespace that makes each of its terms once.

    rdflib makes, and checks, a new URIRef at every `PG.lineNumber`; the mapping names the same few dozen
    terms thousands of times, which was a sixth of its time."""

    @cache  # noqa: B019 -- namespaces live as long as the program
    def term(self, name: str) -> URIRef:
        return super().term(name)


PG = Vocabulary(NAMES["pg"])
KIND = Vocabulary(NAMES["kind"])
ORG = Vocabulary(NAMES["org"])
CV = Vocabulary(NAMES["cv"])
ELI = Vocabulary(NAMES["eli"])
FREQ = Vocabulary(NAMES["freq"])
VANN = Vocabulary(NAMES["vann"])
LANG = Vocabulary(NAMES["lang"])
FORM = Vocabulary(NAMES["form"])
SERIES = Vocabulary(NAMES["series"])
STATUS = Vocabulary(NAMES["status"])
QB = Vocabulary(NAMES["qb"])
SDG = Vocabulary(NAMES["sdg"])
SDGC = Vocabulary(NAMES["sdgc"])

_RDFLIB = {
    "skos": SKOS,
    "dct": DCTERMS,
    "prov": PROV,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "dcat": DCAT,
    "foaf": FOAF,
}
_OURS = {
    "pg": PG,
    "kind": KIND,
    "org": ORG,
    "cv": CV,
    "eli": ELI,
    "freq": FREQ,
    "vann": VANN,
    "lang": LANG,
    "form": FORM,
    "series": SERIES,
    "status": STATUS,
    "qb": QB,
    "sdg": SDG,
    "sdgc": SDGC,
}
PREFIXES = {prefix: _OURS.get(prefix) or _RDFLIB[prefix] for prefix in NAMES}
assert all(str(PREFIXES[prefix]) == iri for prefix, iri in NAMES.items()), "rdflib's namespaces are names.py's"


def nt_term(term: object) -> str:
    """An rdflib term in N-Triples syntax (rdflib's n3() writes multi-line literals in triple quotes)."""
    # the most common kinds by exact type first: rdflib's terms are ABCs, and isinstance on them is slow
    kind = type(term)
    if kind is URIRef:
        return f"<{term}>"
    if kind is Literal or isinstance(term, Literal):
        literal = cast(Literal, term)
        text = str(literal).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if literal.language:
            return f'"{text}"@{literal.language}'
        if literal.datatype:
            return f'"{text}"^^<{literal.datatype}>'
        return f'"{text}"'
    if kind is BNode or isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


__all__ = [
    "CV",
    "DCAT",
    "DCTERMS",
    "ELI",
    "FOAF",
    "FORM",
    "FREQ",
    "KIND",
    "LANG",
    "ORG",
    "OWL",
    "PG",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SDG",
    "SDGC",
    "SERIES",
    "SKOS",
    "VANN",
    "XSD",
    "nt_term",
]
