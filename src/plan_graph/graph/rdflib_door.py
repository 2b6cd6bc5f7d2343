"""rdflib's door: Oxigraph's terms as rdflib's, and back, for what reads or writes only rdflib graphs (owlready2's
HermiT, pyshacl as the tests' oracle) and for tests that check with rdflib on their own. Besides this module, only
checks/reasoning.py (owlready2's door) imports rdflib: the rest of the package reads and writes Oxigraph's terms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from plan_graph.graph.names import PREFIXES
from plan_graph.graph.ontology import ontology_triples
from plan_graph.graph.stored import StoredGraph, stored_lines
from plan_graph.graph.terms import Subject, Term

XSD_STRING = PREFIXES["xsd"] + "string"


def rdflib_term(term: Term | ox.Triple) -> Node:
    """An Oxigraph term as an rdflib one."""
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


def rdflib_graph(triples: Iterable[ox.Triple], store: str = "SimpleMemory") -> Graph:
    """Oxigraph's triples as an rdflib graph, with the project's prefixes bound; in rdflib's simplest store, or
    `store` (pyshacl wants one that knows contexts: "default")."""
    graph = Graph(store=store)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
    return graph


def graph_of(stored: StoredGraph) -> Graph:
    """A stored graph's triples as an rdflib graph, in the order of its sorted N-Triples."""
    return rdflib_graph(stored.triples())


def ox_term(node: Node) -> Term:
    """An rdflib term as an Oxigraph one."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)) if node.datatype else None)
    raise TypeError(f"no Oxigraph term for {node!r}")


def ox_triples(graph: Graph) -> list[ox.Triple]:
    """An rdflib graph's triples as Oxigraph's."""
    return [ox.Triple(cast(Subject, ox_term(s)), cast(ox.NamedNode, ox_term(p)), ox_term(o)) for s, p, o in graph]


def stored_graph(graph: Graph) -> StoredGraph:
    """An rdflib graph's triples as N-Triples and in an Oxigraph store."""
    return stored_lines(graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True))


def ontology_graph() -> Graph:
    """The project's ontology (ontology/*.ttl, as graph/ontology.py reads it) as an rdflib graph in a store that
    knows contexts: HermiT's input (checks/reasoning.py), pyshacl's (the tests' oracle), the tests' own checks."""
    return rdflib_graph(ontology_triples(), store="default")
