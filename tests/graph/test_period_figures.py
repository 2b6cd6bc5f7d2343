"""The Council of Europe's own figure (#33, item 1): GRETA's third evaluation round on Romania counts the victims
identified over 2016-2019, a period, not a year; the figures are in a cube of their own whose time is the Data
Cube's reference period (an interval of years), checked by the same Data Cube shapes.

As read in the press release's English text (https://silkway.news/romania-urged-to-effectively-prosecute-27018;
the Council of Europe's French page says the same: "2 613 victimes au total ont été identifiées. Les trois quarts
d'entre elles étaient des femmes et la moitié des enfants"): "A total of 2,613 victims were identified in the period
covered by the report (2016-2019). Three out of four were women and half of them children, sexual exploitation
remaining the most common purpose of trafficking."
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef

from plan_graph.checks.validation import validate
from plan_graph.graph.rdflib_door import graph_of, stored_graph
from plan_graph.stores.queries import run_saved_query
from plan_graph.text.statistics import load_statistics
from tests.support.namespaces import PG, QB, RDF, RDFS, SDGC, SDMX_DIMENSION
from tests.support.paths import REPO

GRETA = "coe-2021-greta-romania-press-release"
S = Namespace("https://w3id.org/plan-graph/ro/statistics/romania/")
PERIOD = URIRef("http://reference.data.gov.uk/id/gregorian-interval/2016-01-01T00:00:00/P4Y")
EXPECTED = {  # (measure, sex, age) -> (value, the words of the sentence that give it)
    ("identified-victims", "_T", "_T"): (2613, "A total of 2,613 victims were identified"),
    ("identified-victims-share", "F", "_T"): (75, "Three out of four were women"),
    ("identified-victims-share", "_T", "Y0T17"): (50, "half of them children"),
}


def test_the_period_s_figures_each_in_its_sentence():
    figures = [figure for figure in load_statistics().figures if figure.document == GRETA]
    assert {(f.measure, f.sex, f.age): f.value for f in figures} == {key: v for key, (v, _) in EXPECTED.items()}
    for figure in figures:
        assert (figure.period, figure.form, figure.section) == ("2016-2019", "all", "Press release")
        assert EXPECTED[(figure.measure, figure.sex, figure.age)][1] in figure.quotation
    # the shares are in words: the words are kept beside the value read from them
    assert {f.as_written for f in figures} == {"", "Three out of four were women", "half of them children"}


def test_the_period_s_cube_and_its_time(plan_build):
    graph = graph_of(plan_build.made["statistics"].stored)
    total = S["identified-victims/2016-2019/_T/_T/all/" + GRETA]
    assert (total, QB.dataSet, S["periods"]) in graph
    assert (total, SDMX_DIMENSION.refPeriod, PERIOD) in graph
    assert (total, PG.identifiedVictims, Literal(2613)) in graph
    assert not list(graph.objects(total, SDGC.year)) and not list(graph.objects(total, PG.inSeries))
    assert (PERIOD, RDFS.label, Literal("2016-2019", lang="en")) in graph
    share = S["identified-victims-share/2016-2019/F/_T/all/" + GRETA]
    assert (share, PG.asWritten, Literal("Three out of four were women", lang="en")) in graph
    # the period's cube: its own structure, with the reference period among its dimensions
    structure = graph.value(S["periods"], QB.structure)
    dimensions = {graph.value(c, QB.dimension) for c in graph.objects(structure, QB.component)} - {None}
    assert SDMX_DIMENSION.refPeriod in dimensions and SDGC.year not in dimensions
    assert sorted(graph.subjects(QB.dataSet, S["periods"])) == sorted(
        S[f"{measure}/2016-2019/{sex}/{age}/all/{GRETA}"] for measure, sex, age in EXPECTED
    )


def test_the_data_cube_shapes_check_the_period_s_cube(plan_build):
    graph = Graph()
    for stored in plan_build.validated:
        graph += graph_of(stored)
    total = S["identified-victims/2016-2019/_T/_T/all/" + GRETA]
    graph.remove((total, SDMX_DIMENSION.refPeriod, None))  # a figure of the period without its time
    found = {(r.shape.rsplit("#", 1)[-1], r.focus) for r in validate(stored_graph(graph)).violations}
    assert found == {("IC11AllDimensionsRequired", str(total))}


def test_victims_by_year_gives_the_period_its_row(store):
    answer = {row["year"].value: row for row in run_saved_query(store, "victims-by-year", {}).rows}
    period = {key: value.value for key, value in answer["2016-2019"].items()}
    assert period == {
        "year": "2016-2019",
        "identifiedVictims": "2613",
        "documents": "Romania urged to effectively prosecute human traffickers and ensure access to compensation for "
        "their victims",
    }
    assert list(answer) == ["2014", "2015", "2016", "2016-2019", "2017", "2018", "2019", "2020"]


def test_the_type_of_the_period_s_figures(plan_build):
    graph = graph_of(plan_build.made["statistics"].stored)
    for measure, sex, age in EXPECTED:
        assert (S[f"{measure}/2016-2019/{sex}/{age}/all/{GRETA}"], RDF.type, PG.Figure) in graph


def test_the_docs_sum_of_the_yearly_counts_is_the_tables():
    """docs/statistics.md compares GRETA's 2,613 with the TIP reports' yearly counts for 2016-2019: their sum."""
    totals = ("identified-victims", "_T", "_T", "all", "all", 0)  # of a year, both sexes, all ages, forms, citizens
    yearly: dict[int, set[int]] = {}
    for f in load_statistics().figures:
        if (f.measure, f.sex, f.age, f.form, f.citizenship, f.last_year) == totals and 2016 <= f.year <= 2019:
            yearly.setdefault(f.year, set()).add(f.value)
    assert all(len(values) == 1 for values in yearly.values()) and sorted(yearly) == [2016, 2017, 2018, 2019]
    counts = [next(iter(yearly[year])) for year in sorted(yearly)]
    stated = f"add up to {sum(counts):,} ({' + '.join(map(str, counts))})"
    assert stated in " ".join((REPO / "docs" / "statistics.md").read_text(encoding="utf-8").split())
