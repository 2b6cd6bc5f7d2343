"""A W3C RDF Data Cube's dataset and data structure definition, as the statistics and the progress cubes state
them: each component in order, attributes required (the Data Cube checks in shapes/data-cube.ttl read them)."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from plan_graph.graph.sink import TripleSink
from plan_graph.graph.vocab import QB, RDF


def add_structure(
    graph: TripleSink,
    dataset: ox.NamedNode,
    structure: ox.NamedNode,
    dimensions: Sequence[ox.NamedNode],
    measures: Sequence[ox.NamedNode],
    attributes: Sequence[ox.NamedNode] = (),
    optional_attributes: Sequence[ox.NamedNode] = (),
) -> None:
    """The dataset and its structure: `attributes` required of every observation, `optional_attributes` not."""
    graph.add((dataset, RDF.type, QB.DataSet))
    graph.add((dataset, QB.structure, structure))
    graph.add((structure, RDF.type, QB.DataStructureDefinition))
    components = [(QB.dimension, d) for d in dimensions] + [(QB.measure, m) for m in measures]
    components += [(QB.attribute, a) for a in (*attributes, *optional_attributes)]
    for order, (kind, prop) in enumerate(components, start=1):
        component = ox.NamedNode(f"{structure.value}/{prop.value.rsplit('/', 1)[-1].rsplit('#', 1)[-1]}")
        graph.add((structure, QB.component, component))
        graph.add((component, RDF.type, QB.ComponentSpecification))
        graph.add((component, kind, prop))
        graph.add((component, QB.order, ox.Literal(order)))
        if kind == QB.attribute:
            graph.add((component, QB.componentRequired, ox.Literal(prop not in optional_attributes)))
