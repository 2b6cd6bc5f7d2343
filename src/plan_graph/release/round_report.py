"""`plan-graph monitor report`: what the bodies reported for a period, for the secretariat's annual report.

One HTML page (by area, then body by body with its indicator values) and the same answers as CSV, from the saved
queries round-by-area, round-by-body and round-values: the page, the files and `plan-graph query` never disagree.
The CSV files are written for spreadsheets (stores/results.py: a cell a spreadsheet would run is made text); the
release offers them for each round too (release/export.py).
"""

from __future__ import annotations

from pathlib import Path

from plan_graph.errors import UsageError
from plan_graph.files import write_atomically
from plan_graph.graph.formats import CSV
from plan_graph.graph.names import DEFAULT_BASE
from plan_graph.pipeline.plan_store import open_plan_store
from plan_graph.pipeline.rounds import RoundsFolder
from plan_graph.settings import Settings
from plan_graph.stores.base import Store
from plan_graph.stores.queries import run_saved_query
from plan_graph.stores.results import SelectResult, lexical, serialize
from plan_graph.web.rendering import SiteLinks, render, static_files

# the report's tables: name -> (the saved query that answers it, what it holds)
TABLES = {
    "by-area": ("round-by-area", "activities by status, area by area"),
    "by-body": ("round-by-body", "what each body reported"),
    "values": ("round-values", "the indicator values"),
}


def round_tables(store: Store, period: str) -> dict[str, SelectResult]:
    """The period's answers by the name of their table ("by-area", "by-body", "values")."""
    found = {}
    for name, (query, _) in TABLES.items():
        result = run_saved_query(store, query, {"period": period})
        assert isinstance(result, SelectResult), query
        found[name] = result
    return found


def round_csv_files(store: Store, period: str, prefix: str) -> list[tuple[str, str, bytes]]:
    """The period's tables as CSV files: (PREFIX-TABLE.csv, what it holds, its bytes)."""
    return [
        (f"{prefix}-{name}.csv", TABLES[name][1], serialize(result, CSV, for_spreadsheets=True))
        for name, result in round_tables(store, period).items()
    ]


def round_report(store: Store, period: str, base: str, public_base: str) -> dict[str, bytes]:
    """The report's files by path: report-PERIOD.html, its stylesheet, and report-PERIOD-TABLE.csv."""
    tables = round_tables(store, period)
    rows = {
        name: [{v: lexical(row[v]) if v in row else "" for v in result.variables} for row in result.rows]
        for name, result in tables.items()
    }
    by_body: dict[str, list[dict[str, str]]] = {}
    for row in rows["by-body"]:
        by_body.setdefault(row["body"], []).append(row)
    values: dict[str, list[dict[str, str]]] = {}
    for row in rows["values"]:
        values.setdefault(row["body"], []).append(row)
    links = SiteLinks(base, public_base, 0)
    page = render("round-report.html", links, period=period, by_area=rows["by-area"], by_body=by_body, values=values)
    files = {f"report-{period}.html": page.encode("utf-8")}
    files |= {f"assets/{name}": content for name, content in static_files(("style.css", "favicon.svg")).items()}
    return files | {path: content for path, _, content in round_csv_files(store, period, f"report-{period}")}


def write_round_report(rounds: Path, period: str, out_dir: Path) -> list[Path]:
    """The report of a period's round (its bodies' current submissions in `rounds`), written to `out_dir`."""
    held = RoundsFolder(rounds).check_exists().periods()
    if period not in held:
        raise UsageError(f"{rounds}: no round for {period} (periods held: {', '.join(held) or 'none'})")
    store = open_plan_store(Settings(rounds=rounds))
    files = {
        out_dir / path: content for path, content in round_report(store, period, DEFAULT_BASE, DEFAULT_BASE).items()
    }
    write_atomically(files)
    return list(files)
