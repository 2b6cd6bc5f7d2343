"""A toy dataset, declared as a new one is (a module in src/plan_graph/datasets/, and its line in DATASETS): a
link from each of the plan's activities to its page in a made-up register. `declare()` is that line."""

from __future__ import annotations

from plan_graph import datasets
from plan_graph.datasets.declaration import Dataset, Inputs, Made
from plan_graph.graph.datasets import STATISTICS_DATASET
from plan_graph.graph.stored import stored_lines

GRAPH = "https://w3id.org/plan-graph/hg-861-2018/toy"
REGISTER = "https://register.example/activity/"
SEE_ALSO = "http://www.w3.org/2000/01/rdf-schema#seeAlso"


def make(inputs: Inputs) -> Made:
    return Made(
        stored_lines(
            f"{inputs.iris.activity(notation)} <{SEE_ALSO}> <{REGISTER}{notation}> .\n".encode()
            for notation in inputs.notations
        )
    )


def summary(made: Made) -> str:
    return f"{made.count} toy links"


DATASET = Dataset(
    name="toy",
    graph=GRAPH,
    holds="a toy register's pages of the plan's activities",
    release=STATISTICS_DATASET,
    make=make,
    dumps="toy",
    summary=summary,
)


def declare() -> None:
    datasets.DATASETS = (*datasets.DATASETS, DATASET)
