"""The vocabularies the graph uses, as rdflib namespaces, for the tests that check with rdflib (the package names them
as Oxigraph's terms, graph/vocab.py)."""

from __future__ import annotations

from functools import cache

from rdflib import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef

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
NOTE = Vocabulary(NAMES["note"])
CITIZENSHIP = Vocabulary(NAMES["citizenship"])
QB = Vocabulary(NAMES["qb"])
SDMX_DIMENSION = Vocabulary(NAMES["sdmx-dimension"])
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
    "note": NOTE,
    "citizenship": CITIZENSHIP,
    "qb": QB,
    "sdmx-dimension": SDMX_DIMENSION,
    "sdg": SDG,
    "sdgc": SDGC,
}
PREFIXES = {prefix: _OURS.get(prefix) or _RDFLIB[prefix] for prefix in NAMES}
assert all(str(PREFIXES[prefix]) == iri for prefix, iri in NAMES.items()), "rdflib's namespaces are names.py's"


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
]
