"""Section 4 of the benchmark: monitoring at scale.

Synthetic reporting rounds (made here; the repository ships no self-reports): for each period, every body
responsible for an activity reports its status and a value for each of its indicators, for 10 and 100 periods by
default (`--monitoring-periods`). Measured in a child process: how fast rounds are made and serialised
(what `monitor import` does after reading the forms), peak memory, and the latency of the status-at-date and
overdue-at-date saved queries on the embedded store (Oxigraph) against the same queries on rdflib's engine, the
baseline in the same run.
"""

from __future__ import annotations

from pathlib import Path

from .measure import fmt, run_python, summary

ROOT = Path(__file__).resolve().parents[1]

ROUNDS = """
import json, sys, time
sys.path.insert(0, {root!r})
periods, repeat, budget = {periods}, {repeat}, {budget}
from plan_graph.pipeline.build import build
from plan_graph.graph.submissions import submission_graph
from plan_graph.graph.terms import ntriples as written
from plan_graph.stores.queries import bound_text, saved_query
from plan_graph.text.assessments import STATUSES
from plan_graph.text.records import IndicatorKind
from plan_graph.text.registry import load_registry
from plan_graph.text.reports import IndicatorValue, SelfReport, Source, Submission
result = build(check=False)
registry = load_registry()
activities = result.plan.activities
started = time.perf_counter()
ntriples, reported = [], 0
for index in range(periods):
    period = str(2019 + index)
    reports, values = {{}}, {{}}  # body -> its reports, its values: one submission each
    for number, activity in enumerate(activities):
        for code in activity.responsible.codes:
            body = registry.get(code)
            if body is None or body.is_category:
                continue
            reports.setdefault(body.id, []).append(
                SelfReport(activity.notation, body.id, STATUSES[(number + index) % len(STATUSES)]))
            for position, indicator in enumerate(activity.indicators, start=1):
                if indicator.kind is IndicatorKind.COUNT:
                    values.setdefault(body.id, []).append(
                        IndicatorValue(activity.notation, position, body.id, count=number * 10 + index))
                else:
                    delivered = f"report {{period}}"
                    values.setdefault(body.id, []).append(
                        IndicatorValue(activity.notation, position, body.id, deliverable=delivered))
    for body in reports:
        reported += len(reports[body]) + len(values.get(body, []))
        submission = Submission(period, body, f"{{int(period) + 1}}-01-31", tuple(reports[body]),
                                tuple(values.get(body, [])), (Source(f"{{period}}-{{body}}.xlsx", "0" * 64),),
                                f"{{int(period) + 1}}-02-01T09:00:00Z")
        ntriples.append(written(submission_graph(submission)))
made = time.perf_counter() - started
data = b"".join([result.stored.ntriples, result.entailments.inferred.ntriples,
                 *(stored.ntriples for stored in result.validated[1:]), *ntriples])
import pyoxigraph as ox
store = ox.Store()
store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
from rdflib import Graph
graph = Graph()
graph.parse(data=data, format="nt")
queries = {{name: bound_text(saved_query(name), {{"date": "2024-12-31"}})
           for name in ("status-at-date", "overdue-at-date")}}
from bench.measure import within_budget
times = {{}}
for engine, run in (("oxigraph", lambda text: sum(1 for _ in store.query(text))),
                    ("rdflib", lambda text: len(list(graph.query(text))))):
    for name, text in queries.items():
        times[f"{{engine}} {{name}}"] = within_budget(run, text, repeat, budget)
print(json.dumps({{"periods": periods, "reported": reported, "triples": len(store), "made": made, "times": times}}))
"""


def section_monitoring(repeat: int, sizes: list[int], budget: int) -> None:
    print("\n### 4. Monitoring: synthetic reporting rounds (every responsible body, every indicator, per period)\n")
    print(
        "| periods | statuses and values | triples | rounds made and serialised | per second | peak memory "
        "| status-at-date: Oxigraph | rdflib | ratio | overdue-at-date: Oxigraph | rdflib | ratio |"
    )
    print("|" + "---|" * 12)
    for periods in sizes:
        sample = run_python(
            ROUNDS.format(root=str(ROOT), periods=periods, repeat=repeat, budget=budget), timeout=budget * 8 + 900
        )
        extra = sample.extra
        cells = [
            str(periods),
            str(extra["reported"]),
            str(extra["triples"]),
            f"{extra['made']:.2f} s",
            f"{extra['reported'] / extra['made']:,.0f}",
            f"{sample.peak_mb:.0f} MB",
        ]
        for name in ("status-at-date", "overdue-at-date"):
            ours, theirs = extra["times"][f"oxigraph {name}"], extra["times"][f"rdflib {name}"]
            if theirs is None:
                cells += [fmt(ours), f"> {budget} s (stopped)", f"> {budget / summary(ours)[0]:.0f}x"]
            else:
                cells += [fmt(ours), fmt(theirs), f"{summary(theirs)[0] / summary(ours)[0]:.0f}x"]
        print("| " + " | ".join(cells) + " |")
