"""Publishing to the tests' real triple stores (support/triple_stores.py): a store's credentials, and what is in
its graphs afterwards (counts, names, triples, staging graphs), with small uploads of a test's own."""

from __future__ import annotations

import uuid

from rdflib import BNode, Graph, Literal, URIRef

from plan_graph.release.publish import STAGING_PREFIX, Credentials, GraphUpload
from plan_graph.stores.remote import RemoteStore


def credentials(settings: dict[str, str]) -> Credentials | None:
    return Credentials(settings["user"], settings["password"], settings["auth"]) if "user" in settings else None


def count(endpoint: str, graph: str) -> int:
    result = RemoteStore(endpoint).select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(result.rows[0]["n"].value)


def update_url(settings: dict[str, str]) -> str:
    return settings["gsp"].replace("/store", "/update").replace("/sparql-graph-crud-auth", "/sparql-auth")


def staging_graphs(endpoint: str) -> list[str]:
    result = RemoteStore(endpoint).select(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}'
    )
    return [row["g"].value for row in result.rows]


def graph_names(endpoint: str) -> set[str]:
    """Every named graph of the store that holds a triple."""
    result = RemoteStore(endpoint).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {row["g"].value for row in result.rows}


def triples(endpoint: str, graph: str) -> set[tuple[str, str, str]]:
    """A graph's triples, each term as its IRI or its literal's text."""
    result = RemoteStore(endpoint).select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {(row["s"].value, row["p"].value, row["o"].value) for row in result.rows}


def named_uploads(names: list[str], refused: str | None = None) -> list[GraphUpload]:
    """One small graph for each name, under IRIs of this call's own; the graph named `refused` holds a blank node
    label with spaces in it, which rdflib writes as it is and a store refuses (Oxigraph with 400; Virtuoso with
    500, having loaded what came before it, at times: the refused staging graph must be dropped too)."""
    run = uuid.uuid4().hex
    uploads = []
    for position, name in enumerate(names):
        graph = Graph()
        subject = URIRef(f"urn:plan-graph:test:{run}:thing-{position}")
        graph.add((subject, URIRef("urn:plan-graph:test:name"), Literal(name)))
        graph.add((subject, URIRef("urn:plan-graph:test:position"), Literal(str(position))))
        if name == refused:
            graph.add((subject, URIRef("urn:plan-graph:test:see"), BNode("not a label")))
        ntriples = graph.serialize(format="nt", encoding="utf-8")
        uploads.append(GraphUpload(name, f"urn:plan-graph:test:{run}:graph-{position}", ntriples))
    return uploads
