"""The monitoring dashboard and the monitoring parts of the activity and actor pages.

The dashboard answers with the saved queries a secretariat runs (queries/progress-by-area.rq, status-at-date.rq,
overdue-at-date.rq, unreported.rq), so that the page and `plan-graph query` never disagree: the activities of each
area by status as an SVG chart (templates/monitoring-chart.svg, inline), each activity counted once (where the
reports of its latest day disagree, under "reports disagree", listed with who said what), the overdue activities
and the bodies that did not report, filtered by date, reporting period and body (the body's filter applies to all
of it). An activity's page shows every assessment of it in time, with the evidence and notes; an actor's page the
reports it submitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plan_graph.errors import UsageError
from plan_graph.stores.base import Store
from plan_graph.stores.queries import bundled_rows, run_saved_query
from plan_graph.stores.results import Row, SelectResult, lexical
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.dates import is_date
from plan_graph.web.charts import legend
from plan_graph.web.rendering import Links, render
from plan_graph.web.views import Ref

DISAGREE = "reports disagree"
# the statuses in the order the chart shows them, with their colours ("no information" last); the queries answer
# with a status's English label (ontology/progress-statuses.ttl), or "reports disagree"
STATUS_COLOURS = {
    "completed": "#1a7f37",
    "substantial": "#4caf50",
    "in-progress": "#2f80ed",
    "limited": "#8fb8f0",
    "not-started": "#e67e22",
    "postponed": "#c9a227",
    "dropped": "#b03030",
    DISAGREE: "#7b3fa0",
    "no-information": "#c8c8c8",
}
LABELS = {code: STATUS_LABELS[code][1] if code in STATUS_LABELS else code for code in STATUS_COLOURS}
WIDTH, ROW, LEFT, TOP = 860, 34, 90, 40


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class AreaBar:
    area: str
    total: int
    y: float
    segments: list[Segment]


@dataclass(frozen=True)
class Filters:
    date: str  # YYYY-MM-DD
    period: str  # YYYY
    actor: str = ""  # a body's code, or "" for all

    def only_actor(self) -> dict[str, str]:
        return {"actor": self.actor} if self.actor else {}


@dataclass
class MonitoringView:
    filters: Filters
    bars: list[AreaBar]
    legend: list[tuple[str, str, float]]  # status, colour, x
    height: int
    overdue: list[Row]
    unreported: dict[str, dict[str, list[str]]]  # role -> body -> activities it did not report on
    disagreements: dict[str, list[str]]  # activity -> "BODY: status" of each report of its latest day
    periods: list[str]  # the periods of the rounds the store holds
    bodies: list[str] = field(default_factory=list)


def monitoring_view(store: Store, filters: Filters) -> MonitoringView:
    counts: dict[str, dict[str, int]] = {}
    for row in _saved(store, "progress-by-area", date=filters.date, **filters.only_actor()):
        counts.setdefault(lexical(row["area"]), {})[lexical(row["status"])] = int(lexical(row["activities"]))
    widest = max((sum(c.values()) for c in counts.values()), default=1)
    scale = (WIDTH - LEFT - 20) / widest
    bars = []
    for index, area in enumerate(sorted(counts, key=int)):
        x, segments = float(LEFT), []
        for code, colour in STATUS_COLOURS.items():
            if count := counts[area].get(LABELS[code], 0):
                segments.append(Segment(LABELS[code], count, x, count * scale, colour))
                x += count * scale
        bars.append(AreaBar(area, sum(counts[area].values()), TOP + index * ROW, segments))
    shown = [
        (LABELS[code], colour)
        for code, colour in STATUS_COLOURS.items()
        if any(LABELS[code] in c for c in counts.values())
    ]
    unreported: dict[str, dict[str, list[str]]] = {}
    for row in _saved(store, "unreported", period=filters.period, **filters.only_actor()):
        role = unreported.setdefault(lexical(row["role"]), {})
        role.setdefault(lexical(row["body"]), []).append(lexical(row["notation"]))
    disagreements: dict[str, list[str]] = {}
    for row in _saved(store, "status-at-date", date=filters.date, **filters.only_actor()):
        if lexical(row["state"]) == DISAGREE:
            said = f"{lexical(row['by'])}: {lexical(row['status'])}"
            disagreements.setdefault(lexical(row["notation"]), []).append(said)
    return MonitoringView(
        filters,
        bars,
        legend(shown, 10),
        TOP + len(bars) * ROW + 10,
        _saved(store, "overdue-at-date", date=filters.date, **filters.only_actor()),
        unreported,
        disagreements,
        _page(store, "reporting-periods", "period"),
        _page(store, "reporting-bodies", "code"),
    )


def _saved(store: Store, name: str, **params: str) -> list[Row]:
    result = run_saved_query(store, name, params)
    if not isinstance(result, SelectResult):
        raise TypeError(f"{name} is not a SELECT query")
    return result.rows


def _page(store: Store, name: str, column: str) -> list[str]:
    return [lexical(row[column]) for row in bundled_rows(store, f"pages/{name}") if column in row]


def filters_from(day: str | None, period: str | None, actor: str | None, store: Store) -> Filters:
    """The dashboard's filters from a request, checked (a UsageError names the bad one): a date (default today),
    a reporting period (default the latest round the store holds, else last year), a body's code (default all)."""
    today = date.today()
    day = day or today.isoformat()
    if not is_date(day):
        raise UsageError(f"date {day!r} is not a date; write YYYY-MM-DD")
    if not period:
        periods = _page(store, "reporting-periods", "period")
        period = periods[-1] if periods else str(today.year - 1)
    if not re.fullmatch(r"\d{4}", period):
        raise UsageError(f"period {period!r} is not a year; write YYYY")
    if actor and actor not in _page(store, "reporting-bodies", "code"):
        raise UsageError(f"actor {actor!r} is not a body that reports on an activity of the plan")
    return Filters(day, period, actor or "")


def monitoring_page(store: Store, links: Links, filters: Filters, interactive: bool) -> str:
    """The dashboard; `interactive` where a form can ask for other filters (the server, not the static site)."""
    return render("monitoring.html", links, view=monitoring_view(store, filters), width=WIDTH, interactive=interactive)


@dataclass(frozen=True)
class AssessmentEntry:
    """One assessment on an activity's timeline, or one report on an actor's page."""

    date: str
    status: str
    kind: str  # "self-report" or "external assessment"
    by: str
    activity: Ref | None
    evidence: str
    quotation: str
    period: str
    note: str = ""
    notation: str = ""


def activity_timeline(store: Store, notation: str) -> list[AssessmentEntry]:
    """Every assessment of the activity, oldest first (queries/activity-assessments.rq)."""
    return [_entry(row) for row in _saved(store, "activity-assessments", activity=notation)]


def actor_reports(store: Store, code: str, activities: dict[str, Ref]) -> list[AssessmentEntry]:
    """The self-reports a body submitted, by period and activity (queries/self-reports.rq); `activities` by
    notation, for their links."""
    return [_entry(row, activities) for row in _saved(store, "self-reports", actor=code)]


def _entry(row: Row, activities: dict[str, Ref] | None = None) -> AssessmentEntry:
    def text(name: str) -> str:
        return lexical(row[name]) if name in row else ""

    by = text("by") or text("reporter")
    activity = (activities or {}).get(text("notation"))
    return AssessmentEntry(
        text("date") or text("reportedOn"),
        text("status"),
        text("kind") or "self-report",
        by,
        activity,
        text("evidence"),
        text("quotation"),
        text("period"),
        text("note"),
        text("notation"),
    )
