"""The reporting rounds: what the bodies reported for a period (`plan-graph monitor import`, pipeline/rounds.py),
one named graph a period. Not built with the plan: read from a folder of rounds by the stores, the export and
publish, which name each round's graph and files from here."""

from __future__ import annotations

from dataclasses import dataclass

from plan_graph.graph.datasets import MONITORING_DATASET, DatasetDescription
from plan_graph.graph.names import monitoring_graph


@dataclass(frozen=True)
class Rounds:
    release: DatasetDescription

    def graph(self, period: str) -> str:
        """The round's named graph (…/hg-861-2018/monitoring/PERIOD)."""
        return monitoring_graph(period)

    def name(self, period: str) -> str:
        """Publish's name for the round's graph."""
        return f"round {period}"

    def stem(self, period: str) -> str:
        """The stem of the round's files in the release (monitoring-2019.nt, monitoring-2019-by-area.csv …)."""
        return f"monitoring-{period}"

    def holds(self, period: str) -> str:
        return f"the reporting round for {period}"


ROUNDS = Rounds(MONITORING_DATASET)
