"""A W3C RDF Data Cube's dataset and data structure definition, as the statistics and the progress cubes state
them: each component in order, attributes required (the Data Cube checks in shapes/data-cube.ttl read them)."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Literal, URIRef

from plan_graph.graph.namespaces import QB, RDF
from plan_graph.graph.sink import TripleSink


def add_structure(
    graph: TripleSink,
    dataset: URIRef,
    structure: URIRef,
    dimensions: Sequence[URIRef],
    measures: Sequence[URIRef],
    attributes: Sequence[URIRef] = (),
) -> None:
    graph.add((dataset, RDF.type, QB.DataSet))
    graph.add((dataset, QB.structure, structure))
    graph.add((structure, RDF.type, QB.DataStructureDefinition))
    components = [(QB.dimension, d) for d in dimensions] + [(QB.measure, m) for m in measures]
    components += [(QB.attribute, a) for a in attributes]
    for order, (kind, prop) in enumerate(components, start=1):
        component = URIRef(f"{structure}/{str(prop).rsplit('/', 1)[-1].rsplit('#', 1)[-1]}")
        graph.add((structure, QB.component, component))
        graph.add((component, RDF.type, QB.ComponentSpecification))
        graph.add((component, kind, prop))
        graph.add((component, QB.order, Literal(order)))
        if kind == QB.attribute:
            graph.add((component, QB.componentRequired, Literal(True)))
