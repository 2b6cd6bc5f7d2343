"""Monitoring → RDF: assessments of activities (self-reports and external assessments) and indicator values as
observations of the "progress" Data Cube (ontology/monitoring.ttl).

The external assessments (data/assessments.csv) make the graph …/hg-861-2018/monitoring/external; each
reporting round (the bodies' submissions for one period: graph/submissions.py) makes
…/hg-861-2018/monitoring/PERIOD. Each
graph carries the model and the status scheme, and the progress cube's structure, so that it is complete on
its own, like the statistics graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from plan_graph.graph.cube import add_structure
from plan_graph.graph.iris import Iris
from plan_graph.graph.sink import Triples, TripleSink
from plan_graph.graph.statistics import document_iri, issued_literal, publisher_iri
from plan_graph.graph.terms import carried
from plan_graph.graph.vocab import DCTERMS, PG, PROV, QB, RDF, RDFS, STATUS, XSD
from plan_graph.text.assessments import ExternalAssessment
from plan_graph.text.statistics import Document

EN = "en"
CARRIED = ("ontology/monitoring.ttl", "ontology/progress-statuses.ttl")
DIMENSIONS = [PG.measuredIndicator, PG.reportingPeriod, PG.reporter, QB.measureType]
MEASURES = [PG.reportedCount, PG.reportedDeliverable]


def monitoring_base(iris: Iris) -> Triples:
    """What every monitoring graph carries: the model, the statuses (CARRIED), the progress cube's structure."""
    graph = Triples(carried(CARRIED))
    _add_progress(graph, iris)
    return graph


def progress_iri(iris: Iris) -> ox.NamedNode:
    """The progress Data Cube: the indicator values reported in the rounds."""
    return ox.NamedNode(iris.template("progress"))


def _add_progress(graph: TripleSink, iris: Iris) -> None:
    progress = progress_iri(iris)
    add_structure(graph, progress, ox.NamedNode(iris.template("progress-structure")), DIMENSIONS, MEASURES)
    graph.add(
        (
            progress,
            DCTERMS.title,
            ox.Literal("Progress of the plan's activities: indicator values as reported", language=EN),
        )
    )
    graph.add((progress, RDFS.label, ox.Literal("progress", language=EN)))


def external_assessments_graph(
    assessments: Iterable[ExternalAssessment],
    documents: dict[str, Document],
    iris: Iris | None = None,
    activities: set[str] | None = None,
) -> tuple[Triples, list[ExternalAssessment]]:
    """The graph, with the files it carries (CARRIED), and the assessments left out because their activity is not
    among `activities` (the plan's graph may lack a row read with --keep-going); all of them by default."""
    graph = Triples(carried(CARRIED))
    return graph, external_assessment_triples(graph, assessments, documents, iris, activities)


def external_assessment_triples(
    graph: TripleSink,
    assessments: Iterable[ExternalAssessment],
    documents: dict[str, Document],
    iris: Iris | None = None,
    activities: set[str] | None = None,
) -> list[ExternalAssessment]:
    """The graph's own triples, into `graph` (a collection of triples, or the build's writer of N-Triples), without the
    files it carries; and the assessments left out (external_assessments_graph)."""
    iris = iris or Iris()
    _add_progress(graph, iris)
    left_out = []
    for assessment in assessments:
        if activities is not None and assessment.activity not in activities:
            left_out.append(assessment)
            continue
        document = documents[assessment.document]
        node = iris.external_assessment(assessment.id)
        source = document_iri(document.iri, document.id, iris)
        add_assessment(
            graph, node, PG.ExternalAssessment, assessment.activity, assessment.status, assessment.assessed_on, iris
        )
        graph.add((node, PROV.wasAttributedTo, publisher_iri(document, iris)))  # who says so: the publisher
        graph.add((node, PROV.wasDerivedFrom, source))
        graph.add((node, PG.evidence, ox.Literal(assessment.page)))
        graph.add((node, PG.quotation, ox.Literal(f"{assessment.section}: {assessment.quotation}", language=EN)))
        graph.add((node, PG.assessmentReason, ox.Literal(assessment.reason, language=EN)))
        graph.add(
            (node, DCTERMS.source, ox.Literal(f"published on {assessment.assessed_on}: {assessment.date_source}"))
        )
        _add_appearances(graph, node, assessment, documents, iris)
    return left_out


def _add_appearances(
    graph: TripleSink, node: ox.NamedNode, assessment: ExternalAssessment, documents: dict[str, Document], iris: Iris
) -> None:
    """Where else the assessment's sentence stands word for word, and the first report it stands in."""
    for appearance in assessment.appearances:
        document = documents[appearance.document]
        found = iris.sentence_appearance(assessment.id, appearance.document)
        graph.add((node, PG.sentenceAppearance, found))
        graph.add((found, RDF.type, PG.SentenceAppearance))
        graph.add((found, PROV.wasDerivedFrom, document_iri(document.iri, document.id, iris)))
        graph.add((found, PG.evidence, ox.Literal(appearance.page)))
        graph.add((found, DCTERMS.source, ox.Literal(f"{appearance.section}, as read at {appearance.page}")))
    stated_in = [documents[assessment.document], *(documents[a.document] for a in assessment.appearances)]
    first = min(stated_in, key=lambda document: document.issued or "9999")  # a document of unknown date: last
    graph.add((node, PG.firstStatedIn, document_iri(first.iri, first.id, iris)))
    if first.issued:
        graph.add((node, PG.firstStatedOn, issued_literal(first.issued)))


def add_assessment(
    graph: TripleSink, node: ox.NamedNode, kind: ox.NamedNode, activity: str, status: str, day: str, iris: Iris
) -> None:
    graph.add((node, RDF.type, kind))
    graph.add((node, RDF.type, PG.Assessment))  # the superclass, stated: no reasoner needed
    graph.add((node, PG.assessedActivity, iris.activity(activity)))
    graph.add((node, PG.progressStatus, STATUS[status]))
    graph.add((node, PG.assessedOn, ox.Literal(day, datatype=XSD.date)))
