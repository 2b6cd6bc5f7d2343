"""Two documents that disagree: the statistics graph from a copy of data/ with one figure more, and what the
statistics-disagreements query must answer on it (on the embedded store and on every real store)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from rdflib import Graph

from plan_graph.graph.rdflib_door import rdflib_graph
from plan_graph.graph.statistics import statistics_graph
from plan_graph.text.statistics import load_statistics
from tests.support.paths import REPO

DATA = REPO / "data"


def disagreeing_statistics(folder: Path) -> Graph:
    """The statistics graph from a copy of data/ with one more figure: 500 victims identified in 2018, which
    GRETA's report is made to state (a fixture), against the 497 of the TIP reports 2020 and 2021."""
    shutil.copytree(DATA, folder)
    with (folder / "statistics.csv").open(encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))  # the table's own columns: a row by name, whatever their order
    figure = {
        "measure": "identified-victims",
        "year": "2018",
        "sex": "_T",
        "age": "_T",
        "form": "all",
        "value": "500",
        "unit": "NUMBER",
        "document": "greta-2016-20",
        "section": "Test",
        "quotation": "A test fixture: 500 victims.",
    }
    with (folder / "statistics.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=columns, restval="", lineterminator="\n").writerow(figure)
    return rdflib_graph(statistics_graph(load_statistics(folder))[0])


def assert_the_disagreements(answer: list[dict[str, str]]) -> None:
    by_year = {row["year"]: [] for row in answer}
    for row in answer:
        by_year[row["year"]].append(row)
    assert len(by_year["2018"]) == 2  # 500 against the 497 of TIP 2020, and of TIP 2021
    assert all({row["value"], row["otherValue"]} == {"497", "500"} for row in by_year["2018"])
    assert {row["measure"] for row in by_year["2018"]} == {"identified victims"}
    # and the one the reports give: the share assisted in 2016, nearly 42 (TIP 2017) against 41 (TIP 2018)
    assert [({r["value"], r["otherValue"]}, r["measure"]) for r in by_year["2016"]] == [
        ({"41", "42"}, "share of victims who received assistance")
    ]
    assert set(by_year) == {"2016", "2018"}
