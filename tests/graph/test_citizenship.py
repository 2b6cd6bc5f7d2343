"""The foreign victims identified, 2018-2020 (#33, item 5), by the cube's citizenship dimension.

As read in the 2021 TIP report (https://www.state.gov/reports/2021-trafficking-in-persons-report/romania/,
PROTECTION): "Authorities identified one foreign victim (zero in 2019 and 2018), but observers estimated there were
numerous cases, particularly among asylum-seekers."
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace

from plan_graph.checks.validation import validate
from plan_graph.graph.rdflib_door import graph_of, stored_graph
from tests.support.namespaces import CITIZENSHIP, PG, SDGC

S = Namespace("https://w3id.org/plan-graph/ro/statistics/romania/")
TIP_2021 = "us-tip-2021-romania"


def test_the_foreign_victims_each_year_and_the_totals_unmoved(plan_build):
    graph = graph_of(plan_build.made["statistics"].stored)
    foreign = {
        str(graph.value(o, SDGC.year)): graph.value(o, PG.identifiedVictims).toPython()
        for o in graph.subjects(PG.citizenship, CITIZENSHIP.foreign)
    }
    assert foreign == {"2018": 0, "2019": 0, "2020": 1}
    one = S[f"identified-victims/2020/_T/_T/all/foreign/{TIP_2021}"]
    assert (one, PG.asWritten, Literal("one foreign victim", lang="en")) in graph
    # the totals keep their IRIs, now with their citizenship stated
    total = S[f"identified-victims/2020/_T/_T/all/{TIP_2021}"]
    assert (total, PG.citizenship, CITIZENSHIP.all) in graph
    assert (total, PG.identifiedVictims, Literal(596)) in graph
    assert not list(graph.objects(one, PG.inSeries))  # the UN-matched series count all victims


def test_the_data_cube_shapes_want_a_citizenship_on_every_figure(plan_build):
    graph = Graph()
    for stored in plan_build.validated:
        graph += graph_of(stored)
    one = S[f"identified-victims/2020/_T/_T/all/foreign/{TIP_2021}"]
    graph.remove((one, PG.citizenship, None))
    found = {(r.shape.rsplit("#", 1)[-1], r.focus) for r in validate(stored_graph(graph)).violations}
    total = S[f"identified-victims/2020/_T/_T/all/{TIP_2021}"]
    # without it, the one foreign victim has the key of the 596 of all citizenships: both are named
    assert found == {
        ("IC11AllDimensionsRequired", str(one)),
        ("IC12NoDuplicateObservations", str(one)),
        ("IC12NoDuplicateObservations", str(total)),
    }
