"""Oxigraph's terms as rdflib's: the one bridge between the build half (rdflib) and the stores (pyoxigraph)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from plan_graph.graph.names import PREFIXES
from plan_graph.resources import project_dir

XSD_STRING = PREFIXES["xsd"] + "string"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple  # a term as pyoxigraph gives it


def rdflib_term(term: OxTerm) -> Node:
    """An Oxigraph term as an rdflib one (for SHACL reports, which rdflib writes)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        # a plain literal is an xsd:string in RDF 1.1 and to Oxigraph; rdflib tells the two apart
        datatype = term.datatype.value
        plain = term.language is not None or datatype == XSD_STRING
        return Literal(term.value, lang=term.language, datatype=None if plain else URIRef(datatype))
    raise TypeError(f"no rdflib term for {term!r}")


def turtle_file(path: Path) -> list[ox.Triple]:
    """The triples of a Turtle file, parsed by Oxigraph (twice as fast as rdflib's parser), its blank nodes its own
    (files read together never share one by its label)."""
    return [quad.triple for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)]


def turtle_triples(path: Path) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of a Turtle file as rdflib terms."""
    for triple in turtle_file(path):
        yield rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)


def carrying(files: tuple[str, ...]) -> Graph:
    """A graph with the project's prefixes bound that carries the statements of project files ("ontology/x.ttl"):
    a companion graph carries the model and the codes it uses, so that it is complete on its own."""
    graph = Graph(store="SimpleMemory")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for relative in files:
        for triple in _project_file(relative):
            graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
    return graph


def carried_lines(files: tuple[str, ...]) -> list[bytes]:
    """The statements of project files ("ontology/x.ttl") as N-Triples lines, written by Oxigraph: what a companion
    graph made as N-Triples (the build's) carries."""
    triples = [triple for relative in files for triple in _project_file(relative)]
    return cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines(keepends=True)


@cache
def _project_file(relative: str) -> tuple[ox.Triple, ...]:
    """A project file's triples, parsed once per process: every reporting round carries the same model."""
    folder, name = relative.split("/")
    return tuple(turtle_file(project_dir(folder) / name))
