"""The monitoring dashboard and the monitoring parts of the activity and actor pages.

The dashboard answers with the saved queries a secretariat runs (queries/progress-by-area.rq,
overdue-at-date.rq, unreported.rq), so that the page and `plan-graph query` never disagree: statuses per area
as an SVG chart (templates/monitoring-chart.svg, inline), the overdue activities and the bodies that did not
report, filtered by date, reporting period and body. An activity's page shows its assessments in time; an
actor's page the reports it submitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from plan_graph.errors import UsageError
from plan_graph.stores.base import Store
from plan_graph.stores.binding import term
from plan_graph.stores.queries import run_saved_query
from plan_graph.stores.results import Row, SelectResult, lexical
from plan_graph.text.assessments import STATUS_LABELS
from plan_graph.text.dates import is_date
from plan_graph.web.charts import legend
from plan_graph.web.rendering import Links, render
from plan_graph.web.views import PROLOGUE, Ref

# the statuses (their notations) in the order the chart shows them, with their colours ("no information" last)
STATUS_COLOURS = {"completed": "#1a7f37", "substantial": "#4caf50", "in-progress": "#2f80ed", "limited": "#8fb8f0",
                  "not-started": "#e67e22", "postponed": "#c9a227", "dropped": "#b03030",
                  "no-information": "#c8c8c8"}  # fmt: skip
# the queries answer with a status's English label (ontology/progress-statuses.ttl)
LABELS = {code: STATUS_LABELS[code][1] for code in STATUS_COLOURS}
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


@dataclass
class MonitoringView:
    filters: Filters
    bars: list[AreaBar]
    legend: list[tuple[str, str, float]]  # status, colour, x
    height: int
    overdue: list[Row]
    unreported: dict[str, list[str]]  # body -> activities it did not report on
    periods: list[str]  # the periods of the rounds the store holds
    bodies: list[str] = field(default_factory=list)


def monitoring_view(store: Store, filters: Filters) -> MonitoringView:
    counts: dict[str, dict[str, int]] = {}
    for row in _saved(store, "progress-by-area", date=filters.date):
        area, status = lexical(row["area"]), lexical(row["status"])
        by_status = counts.setdefault(area, {})
        by_status[status] = by_status.get(status, 0) + int(lexical(row["activities"]))
    widest = max((sum(c.values()) for c in counts.values()), default=1)
    scale = (WIDTH - LEFT - 20) / widest
    bars = []
    for index, area in enumerate(sorted(counts, key=lambda a: int(a))):
        x, segments = float(LEFT), []
        for code, colour in STATUS_COLOURS.items():
            if count := counts[area].get(LABELS[code], 0):
                segments.append(Segment(LABELS[code], count, x, count * scale, colour))
                x += count * scale
        bars.append(AreaBar(area, sum(counts[area].values()), TOP + index * ROW, segments))
    key = legend([(LABELS[code], colour) for code, colour in STATUS_COLOURS.items()
                  if any(LABELS[code] in c for c in counts.values())], 10)  # fmt: skip
    overdue = _saved(store, "overdue-at-date", date=filters.date)
    unreported: dict[str, list[str]] = {}
    for row in _saved(store, "unreported", period=filters.period):
        unreported.setdefault(lexical(row["body"]), []).append(lexical(row["notation"]))
    if filters.actor:
        mine = set(_activities_of(store, filters.actor))
        overdue = [row for row in overdue if lexical(row["notation"]) in mine]
        unreported = {body: found for body, found in unreported.items() if body == filters.actor}
    periods = sorted({lexical(r["period"]) for r in store.select(PROLOGUE + """
        SELECT DISTINCT ?period WHERE { ?round a pg:ReportingRound ; pg:reportingPeriod ?p BIND (STR(?p) AS ?period) }
        """).rows})  # fmt: skip
    bodies = sorted({lexical(r["code"]) for r in store.select(PROLOGUE + """
        SELECT DISTINCT ?code WHERE { ?activity pg:responsible ?actor . ?actor skos:notation ?code }
        """).rows})  # fmt: skip
    return MonitoringView(filters, bars, key, TOP + len(bars) * ROW + 10, overdue, unreported, periods, bodies)


def _saved(store: Store, name: str, **params: str) -> list[Row]:
    result = run_saved_query(store, name, params)
    if not isinstance(result, SelectResult):
        raise TypeError(f"{name} is not a SELECT query")
    return result.rows


def _activities_of(store: Store, code: str) -> list[str]:
    return [lexical(r["notation"]) for r in store.select(PROLOGUE + f"""
        SELECT ?notation WHERE {{ ?activity pg:responsible ?actor ; skos:notation ?notation .
                                  ?actor skos:notation {term(ox.Literal(code))} }}""").rows]  # fmt: skip


def filters_from(day: str | None, period: str | None, actor: str | None, store: Store) -> Filters:
    """The dashboard's filters from a request, checked (a UsageError names the bad one): a date (default today),
    a reporting period (default the latest round the store holds, else last year), a body's code (default all)."""
    today = date.today()
    day = day or today.isoformat()
    if not is_date(day):
        raise UsageError(f"date {day!r} is not a date; write YYYY-MM-DD")
    if period is None or period == "":
        rounds = [lexical(r["period"]) for r in store.select(PROLOGUE + """
            SELECT (MAX(STR(?p)) AS ?period) WHERE { ?round a pg:ReportingRound ; pg:reportingPeriod ?p }""").rows
            if "period" in r]  # fmt: skip
        period = rounds[0] if rounds else str(today.year - 1)
    if not re.fullmatch(r"\d{4}", period):
        raise UsageError(f"period {period!r} is not a year; write YYYY")
    if actor and not _activities_of(store, actor):
        raise UsageError(f"actor {actor!r} is responsible for no activity of the plan")
    return Filters(day, period, actor or "")


def monitoring_page(store: Store, links: Links, filters: Filters, interactive: bool) -> str:
    """The dashboard; `interactive` where a form can ask for other filters (the server, not the static site)."""
    return render("monitoring.html", links, view=monitoring_view(store, filters), width=WIDTH,
                  interactive=interactive)  # fmt: skip


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


def activity_timeline(store: Store, iri: str) -> list[AssessmentEntry]:
    """The activity's assessments, oldest first."""
    return [_entry(row) for row in store.select(PROLOGUE + f"""
        SELECT DISTINCT ?date ?status ?kind ?by ?evidence ?quotation ?period WHERE {{
          ?a pg:assessedActivity {term(ox.NamedNode(iri))} ; pg:assessedOn ?on ;
             pg:progressStatus/skos:prefLabel ?label ; a ?class ; prov:wasAttributedTo ?author .
          FILTER (LANG(?label) = "en")
          VALUES (?class ?kind) {{ (pg:SelfReport "self-report") (pg:ExternalAssessment "external assessment") }}
          OPTIONAL {{ ?author skos:notation ?code }}
          OPTIONAL {{ ?author foaf:name ?name }}
          OPTIONAL {{ ?a pg:evidence ?evidence }}
          OPTIONAL {{ ?a pg:quotation ?quotation }}
          OPTIONAL {{ ?a pg:reportingPeriod ?p }}
          BIND (STR(?on) AS ?date) BIND (STR(?label) AS ?status) BIND (STR(COALESCE(?code, ?name)) AS ?by)
          BIND (STR(?p) AS ?period)
        }} ORDER BY ?date ?kind ?by""").rows]  # fmt: skip


def actor_reports(store: Store, iri: str) -> list[AssessmentEntry]:
    """The self-reports an actor submitted, by period and activity."""
    return [_entry(row) for row in store.select(PROLOGUE + f"""
        SELECT DISTINCT ?date ?status ?activity ?notation ?title ?evidence ?period WHERE {{
          ?a a pg:SelfReport ; prov:wasAttributedTo {term(ox.NamedNode(iri))} ; pg:assessedActivity ?activity ;
             pg:assessedOn ?on ; pg:reportingPeriod ?p ; pg:progressStatus/skos:prefLabel ?label .
          FILTER (LANG(?label) = "en")
          ?activity skos:notation ?notation ; dct:title ?title FILTER (LANG(?title) = "ro")
          OPTIONAL {{ ?a pg:evidence ?evidence }}
          BIND (STR(?on) AS ?date) BIND (STR(?label) AS ?status) BIND (STR(?p) AS ?period)
        }} ORDER BY ?period ?notation""").rows]  # fmt: skip


def _entry(row: Row) -> AssessmentEntry:
    def text(name: str) -> str:
        return lexical(row[name]) if name in row else ""

    activity = Ref(text("activity"), text("title"), text("notation")) if "activity" in row else None
    return AssessmentEntry(text("date"), text("status"), text("kind") or "self-report", text("by"), activity,
                           text("evidence"), text("quotation"), text("period"))  # fmt: skip
