"""The vocabularies the graph uses, as Oxigraph's terms: `PG.Activity`, `SKOS.prefLabel`, `FREQ["ANNUAL"]`.

names.py has their IRIs (PREFIXES); the IRIs the project mints are in iris.py.
"""

from __future__ import annotations

import pyoxigraph as ox

from plan_graph.graph.names import PREFIXES


class Vocabulary:
    """A namespace's terms, each made once, on first use (`PG.lineNumber` is then a plain attribute): the mapping
    names the same few dozen terms thousands of times. `str(PG)` is the namespace's IRI."""

    def __init__(self, namespace: str) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):  # no term starts so; Python's own probes (__deepcopy__ …) and _namespace do
            raise AttributeError(name)
        term = ox.NamedNode(self._namespace + name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> ox.NamedNode:
        """A term whose name is not an attribute's: `VOID["class"]`, `SERIES["identified-victims"]`."""
        return ox.NamedNode(self._namespace + name)

    def __str__(self) -> str:
        return self._namespace

    def __repr__(self) -> str:
        return f"Vocabulary({self._namespace!r})"


PG = Vocabulary(PREFIXES["pg"])
KIND = Vocabulary(PREFIXES["kind"])
FORM = Vocabulary(PREFIXES["form"])
SERIES = Vocabulary(PREFIXES["series"])
STATUS = Vocabulary(PREFIXES["status"])
NOTE = Vocabulary(PREFIXES["note"])
CITIZENSHIP = Vocabulary(PREFIXES["citizenship"])
QB = Vocabulary(PREFIXES["qb"])
SDMX_DIMENSION = Vocabulary(PREFIXES["sdmx-dimension"])
SDG = Vocabulary(PREFIXES["sdg"])
SDGC = Vocabulary(PREFIXES["sdgc"])
ORG = Vocabulary(PREFIXES["org"])
CV = Vocabulary(PREFIXES["cv"])
ELI = Vocabulary(PREFIXES["eli"])
FREQ = Vocabulary(PREFIXES["freq"])
SKOS = Vocabulary(PREFIXES["skos"])
DCTERMS = Vocabulary(PREFIXES["dct"])
PROV = Vocabulary(PREFIXES["prov"])
OWL = Vocabulary(PREFIXES["owl"])
RDF = Vocabulary(PREFIXES["rdf"])
RDFS = Vocabulary(PREFIXES["rdfs"])
XSD = Vocabulary(PREFIXES["xsd"])
DCAT = Vocabulary(PREFIXES["dcat"])
VANN = Vocabulary(PREFIXES["vann"])
LANG = Vocabulary(PREFIXES["lang"])
FOAF = Vocabulary(PREFIXES["foaf"])
