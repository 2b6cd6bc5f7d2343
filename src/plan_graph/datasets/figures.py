"""The statistics around the plan: Romania's figures as an RDF Data Cube (data/statistics.csv), the reports that
state them (data/documents.csv), and the recommendations to Romania with the activities that answer them
(data/recommendations.csv, data/recommendation-links.csv)."""

from __future__ import annotations

import io

from plan_graph.datasets.declaration import Dataset, Inputs, Made
from plan_graph.graph.datasets import STATISTICS_DATASET
from plan_graph.graph.names import PREFIXES, STATISTICS_GRAPH
from plan_graph.graph.stored import stored_lines


def make(inputs: Inputs) -> Made:
    # imported here, not above: a question to a cached graph reads the declarations but makes nothing
    from plan_graph.graph.sink import NTriplesWriter
    from plan_graph.graph.statistics import CARRIED, statistics_triples
    from plan_graph.graph.terms import carried_lines
    from plan_graph.text.statistics import load_statistics

    written = NTriplesWriter(io.BytesIO())
    left_out = statistics_triples(written, load_statistics(), inputs.iris, inputs.notations)
    return Made(
        stored_lines([*written.lines(), *carried_lines(CARRIED)]),
        tuple(
            f"data/recommendation-links.csv: activity {answer.activity} is not in this graph; its answer to "
            f"{answer.recommendation} is left out"
            for answer in left_out
        ),
    )


def summary(made: Made) -> str:
    pg, qb = PREFIXES["pg"], PREFIXES["qb"]
    figures, documents, advised = (
        made.stored.instances(c) for c in (qb + "Observation", pg + "Document", pg + "Recommendation")
    )
    return (
        f"{len(figures)} figures from {len(documents)} documents, {len(advised)} recommendations ({made.count} triples)"
    )


DATASET = Dataset(
    name="statistics",
    graph=STATISTICS_GRAPH,
    holds="the statistics, reports and recommendations around the plan (an RDF Data Cube)",
    release=STATISTICS_DATASET,
    make=make,
    dumps="statistics",
    summary=summary,
)
