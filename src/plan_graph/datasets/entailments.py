"""The entailments of the plan and its actors: what the rules of rules/ add (subclasses, superproperties, inverses,
the transitive hierarchy, domains and ranges), so that a store with no reasoner answers as one with."""

from __future__ import annotations

from plan_graph.datasets.declaration import Dataset, Inputs, Made
from plan_graph.graph.datasets import PLAN_DATASET
from plan_graph.graph.names import INFERRED_GRAPH


def make(inputs: Inputs) -> Made:
    # imported here, not above: a question to a cached graph reads the declarations but makes nothing
    from plan_graph.graph.entailment import entail

    return Made(entail(inputs.made["plan"].stored).inferred)


DATASET = Dataset(
    name="inferred",
    graph=INFERRED_GRAPH,
    holds="the entailments of the graph (rules/: subclasses, superproperties, inverses, the transitive hierarchy, "
    "domains and ranges)",
    release=PLAN_DATASET,
    make=make,
    dumps="plan-graph-inferred",
    validated=False,
)
