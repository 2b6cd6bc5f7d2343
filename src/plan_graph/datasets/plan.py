"""The plan: its areas, objectives, activities, indicators, deadlines and actors, mapped from the text
(graph/mapping.py), with the resources of the ontology its values point to (kinds of actor, roles …). The actor
registry's statements are carved out of it into a graph of their own (actors.py)."""

from __future__ import annotations

import io

from plan_graph.datasets.declaration import Dataset, Inputs, Made
from plan_graph.graph.datasets import PLAN_DATASET
from plan_graph.graph.names import PLAN_GRAPH
from plan_graph.graph.stored import stored_lines


def make(inputs: Inputs) -> Made:
    # imported here, not above: a question to a cached graph reads the declarations but makes nothing
    from plan_graph.graph.mapping import to_graph
    from plan_graph.graph.ontology import values_of_the_ontology
    from plan_graph.graph.sink import NTriplesWriter
    from plan_graph.text.links import load_links
    from plan_graph.text.registry import load_registry

    written = NTriplesWriter(io.BytesIO())
    to_graph(inputs.plan, load_registry(), inputs.iris, load_links(), graph=written)
    return Made(stored_lines([*written.lines(), *values_of_the_ontology().splitlines(keepends=True)]))


DATASET = Dataset(
    name="plan",
    graph=PLAN_GRAPH,
    holds="the graph",
    release=PLAN_DATASET,
    make=make,
    dumps="plan-graph",
)
