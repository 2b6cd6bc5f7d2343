"""The external assessments of the plan's activities: what published reports (data/assessments.csv) say about
where each stands, with the report's sentence and the reason it bears on the activity."""

from __future__ import annotations

import io

from plan_graph.datasets.declaration import Dataset, Inputs, Made
from plan_graph.graph.datasets import MONITORING_DATASET
from plan_graph.graph.names import EXTERNAL_ASSESSMENTS_GRAPH, PREFIXES
from plan_graph.graph.stored import stored_lines


def make(inputs: Inputs) -> Made:
    # imported here, not above: a question to a cached graph reads the declarations but makes nothing
    from plan_graph.graph.monitoring import CARRIED, external_assessment_triples
    from plan_graph.graph.sink import NTriplesWriter
    from plan_graph.graph.terms import carried_lines
    from plan_graph.text.assessments import load_assessments
    from plan_graph.text.statistics import load_statistics

    documents = load_statistics().documents
    written = NTriplesWriter(io.BytesIO())
    left_out = external_assessment_triples(
        written, load_assessments(documents), documents, inputs.iris, inputs.notations
    )
    return Made(
        stored_lines([*written.lines(), *carried_lines(CARRIED)]),
        tuple(
            f"data/assessments.csv: activity {assessment.activity} is not in this graph; the assessment "
            f"{assessment.id} is left out"
            for assessment in left_out
        ),
    )


def summary(made: Made) -> str:
    pg = PREFIXES["pg"]
    assessments = made.stored.instances(pg + "ExternalAssessment")
    activities = made.stored.values(pg + "assessedActivity")
    return f"{len(assessments)} external assessments of {len(activities)} activities ({made.count} triples)"


DATASET = Dataset(
    name="monitoring",
    graph=EXTERNAL_ASSESSMENTS_GRAPH,
    holds="the external assessments of the plan's activities, from published reports",
    release=MONITORING_DATASET,
    make=make,
    dumps="monitoring",
    summary=summary,
)
