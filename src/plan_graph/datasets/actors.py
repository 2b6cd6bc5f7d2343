"""The actor registry: the institutions, bodies and categories the plan names (data/actors.csv), with their kinds.
Made with the plan (its mapping states them), carved out of it into a graph of their own: in stores and when
published; in the plan's dumps."""

from __future__ import annotations

from plan_graph.datasets.declaration import Dataset
from plan_graph.graph.datasets import PLAN_DATASET
from plan_graph.graph.names import ACTORS_GRAPH, in_actor_registry

DATASET = Dataset(
    name="actors",
    graph=ACTORS_GRAPH,
    holds="the actor registry",
    release=PLAN_DATASET,
    carved_from="plan",
    belongs=in_actor_registry,
)
