"""The datasets, each declared once (a module each): the build makes them in this order, and the stores, the
export, publish and the build's summary take them from here. Adding one: a module declaring it (its make, its
graph, its place in the release), its data, a line below."""

from __future__ import annotations

from collections.abc import Mapping

from plan_graph.datasets import actors, assessments, entailments, figures, plan
from plan_graph.datasets.declaration import Dataset, Inputs, Made
from plan_graph.datasets.rounds import ROUNDS, Rounds
from plan_graph.graph.datasets import DatasetDescription

DATASETS: tuple[Dataset, ...] = (
    plan.DATASET,
    actors.DATASET,
    entailments.DATASET,
    figures.DATASET,
    assessments.DATASET,
)

__all__ = [
    "DATASETS",
    "ROUNDS",
    "Dataset",
    "Inputs",
    "Made",
    "Rounds",
    "data_graphs",
    "declared",
    "dumped",
    "graph_contents",
    "releases",
]


def declared() -> tuple[Dataset, ...]:
    """The datasets, in the order a build makes them: DATASETS as it is when asked, not when a module was
    imported (so that one more, declared beside them, is made, stored, exported and published like these)."""
    return DATASETS


def releases() -> tuple[DatasetDescription, ...]:
    """The DCAT-AP datasets of the release, in the order of the declarations, the rounds' last."""
    return tuple(dict.fromkeys([*(d.release for d in declared()), ROUNDS.release]))


def data_graphs() -> tuple[str, ...]:
    """The named graphs of the datasets: what a store's queries read as their default graph."""
    return tuple(dataset.graph for dataset in declared())


def graph_contents(made: Mapping[str, Made]) -> list[tuple[Dataset, bytes]]:
    """Each dataset's N-Triples as its named graph holds them: a carved dataset's lines taken out of the one it is
    carved from (by the subject each line starts with)."""
    datasets = declared()
    carved = {name: [d for d in datasets if d.carved_from == name] for name in made}
    contents: dict[str, list[bytes]] = {dataset.name: [] for dataset in datasets}
    for name, result in made.items():
        for line in result.stored.ntriples.splitlines(keepends=True):
            subject = line[1 : line.find(b">")].decode() if line.startswith(b"<") else ""
            owner = next((d.name for d in carved[name] if d.belongs is not None and d.belongs(subject)), name)
            contents[owner].append(line)
    return [(dataset, b"".join(contents[dataset.name])) for dataset in datasets]


def dumped(made: Mapping[str, Made]) -> list[tuple[Dataset, Made]]:
    """The datasets that have dumps of their own, with what they hold (a carved dataset is in its parent's)."""
    return [(dataset, made[dataset.name]) for dataset in declared() if dataset.dumps is not None]
