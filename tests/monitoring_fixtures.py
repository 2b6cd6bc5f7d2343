"""A reporting round made by the tests (the repository ships no self-reports): ANITP's reports for 2019 on
activities it is responsible for (1.1.1-1.1.3, 1.1.7 and 2.1.1-2.1.5: lines 10-12, 16 and 31-35 of the plan),
and the values of the three count indicators of 1.1.2 and the deliverable of 2.3.1 ("Indicatori elaborați")."""

from __future__ import annotations

from plan_graph.graph.monitoring import IndicatorValue, SelfReport, round_graph

REPORTED_ON = "2020-01-31"
REPORTS = [
    SelfReport("1.1.1", "ANITP", "completed", "https://example.org/anitp/18-october-2019", "fixture"),
    SelfReport("1.1.2", "ANITP", "in-progress"),
    SelfReport("1.1.3", "ANITP", "completed"),
    SelfReport("1.1.7", "ANITP", "not-started"),
    *(SelfReport(notation, "ANITP", "in-progress") for notation in ("2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5")),
]
VALUES = [
    IndicatorValue("1.1.2", 1, "ANITP", count=12),
    IndicatorValue("1.1.2", 2, "ANITP", count=3400),
    IndicatorValue("1.1.2", 3, "ANITP", count=20000),
    IndicatorValue("2.3.1", 1, "ANITP", deliverable="Indicatori de monitorizare MNIR", link="https://example.org/mnir"),
]


def fixture_round(period: str = "2019"):
    return round_graph(period, REPORTS, VALUES, REPORTED_ON)
