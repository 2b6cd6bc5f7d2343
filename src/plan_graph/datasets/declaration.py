"""What a dataset is declared with: its named graph, how its triples are made, its dumps, its place in the release.

Each dataset of the project (the plan, the actor registry, the entailments, the statistics around the plan, the
external assessments, the reporting rounds) is one module of this package that declares it once; the build, the
stores, the export, publish and the build's summary iterate over the declarations (`DATASETS` in __init__.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plan_graph.graph.datasets import DatasetDescription
from plan_graph.graph.stored import StoredGraph
from plan_graph.text.records import PlanRecords

if TYPE_CHECKING:
    from plan_graph.graph.iris import Iris


@dataclass(frozen=True)
class Made:
    """A dataset's triples, as a build made them, and what of its input it left out (a sentence each)."""

    stored: StoredGraph
    left_out: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return self.stored.ntriples.count(b"\n")  # a line a triple


@dataclass(frozen=True)
class Inputs:
    """What a dataset is made from: the plan as read, the IRIs to mint, the datasets made before it (by name)."""

    plan: PlanRecords
    iris: Iris
    made: Mapping[str, Made]

    @property
    def notations(self) -> set[str]:
        """The notations of the plan's activities: what other datasets may link to."""
        return {activity.notation for activity in self.plan.activities}


@dataclass(frozen=True)
class Dataset:
    """One dataset. Made by `make` in the build, in the order of DATASETS; or, with `carved_from`, the triples of
    another dataset whose subject `belongs` (in their dumps, in a named graph of its own in stores)."""

    name: str  # publish's name for its graph, the key of what a build made
    graph: str  # its named graph, in a store and when published
    holds: str  # what it holds, in a few words: the titles of its files in the release
    release: DatasetDescription  # the DCAT-AP dataset (and VoID) it is part of
    make: Callable[[Inputs], Made] | None = None
    dumps: str | None = None  # its dump files' name stem (plan-graph-inferred.ttl …); None: in another's dumps
    carved_from: str | None = None
    belongs: Callable[[str], bool] | None = None  # for a carved dataset: whether a subject's statements are its own
    validated: bool = True  # checked against the shapes with the others (entailments are not: they follow)
    summary: Callable[[Made], str] | None = None  # what the build's summary says of it, in a few words
