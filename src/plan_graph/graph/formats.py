"""Every format plan-graph reads or writes, by one name each, with its media type and pyoxigraph's format.

RDF graphs (the build's files, CONSTRUCT and DESCRIBE results, linked-data responses), SPARQL query results
(SELECT and ASK), and the two that are only for people (a terminal table, an HTML page). Other spellings a
user or a client may give (`ttl`, `json-ld`, `ntriples`, `rdf` …) are aliases of these names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str  # the one spelling: turtle, nt, jsonld, rdfxml, json, xml, csv, tsv, table, html
    media_type: str
    rdf: ox.RdfFormat | None = None  # an RDF graph format
    results: ox.QueryResultsFormat | None = None  # a SPARQL query results format
    aliases: tuple[str, ...] = ()
    rdflib: str | None = None  # rdflib's name for it, to read a file back with rdflib
    suffix: str = ""  # of a file in this format
    iri: str = ""  # its IRI in the W3C's list of formats (http://www.w3.org/ns/formats/), for service descriptions

    @property
    def is_graph(self) -> bool:
        return self.rdf is not None

    def __reduce__(self) -> tuple[Callable[[str], Format | None], tuple[str]]:
        """Sent to a query worker by its name (pyoxigraph's formats cannot be pickled)."""
        return (format_named, (self.name,))


def _rdf(name: str, fmt: ox.RdfFormat, rdflib: str, *aliases: str) -> Format:
    return Format(name, fmt.media_type, rdf=fmt, aliases=aliases, rdflib=rdflib, suffix=fmt.file_extension, iri=fmt.iri)


def _results(name: str, fmt: ox.QueryResultsFormat, *aliases: str) -> Format:
    media_type = fmt.media_type.split(";")[0]  # the charset goes on the response, not in the name
    return Format(name, media_type, results=fmt, aliases=aliases, suffix=fmt.file_extension, iri=fmt.iri)


TURTLE = _rdf("turtle", ox.RdfFormat.TURTLE, "turtle", "ttl")
N_TRIPLES = _rdf("nt", ox.RdfFormat.N_TRIPLES, "nt", "ntriples", "n-triples")
# pyoxigraph gives JSON-LD a suffix and an IRI of its own; the W3C's list names it http://www.w3.org/ns/formats/JSON-LD
JSON_LD = Format(
    "jsonld",
    ox.RdfFormat.JSON_LD.media_type,
    rdf=ox.RdfFormat.JSON_LD,
    aliases=("json-ld",),
    rdflib="json-ld",
    suffix="jsonld",
    iri="http://www.w3.org/ns/formats/JSON-LD",
)
RDF_XML = _rdf("rdfxml", ox.RdfFormat.RDF_XML, "xml", "rdf", "rdf-xml")
JSON = _results("json", ox.QueryResultsFormat.JSON)
XML = _results("xml", ox.QueryResultsFormat.XML)
CSV = _results("csv", ox.QueryResultsFormat.CSV)
TSV = _results("tsv", ox.QueryResultsFormat.TSV)
TABLE = Format("table", "text/plain")  # for a terminal: aligned columns, wrapped cells
HTML = Format("html", "text/html")  # for a browser

GRAPH_FORMATS = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)  # CONSTRUCT, DESCRIBE, files, linked data
RESULTS_FORMATS = (JSON, XML, CSV, TSV)  # SELECT and ASK
FORMATS = {fmt.name: fmt for fmt in (*GRAPH_FORMATS, *RESULTS_FORMATS, TABLE, HTML)}
_NAMES = {alias: fmt for fmt in FORMATS.values() for alias in (fmt.name, *fmt.aliases)}


def format_named(name: str) -> Format | None:
    """The format a name or an alias stands for ("ttl" is turtle), or None."""
    return _NAMES.get(name.strip().lower())
