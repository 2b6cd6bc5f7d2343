"""A body's submission to a reporting round (text/reports.py) as RDF.

A reporting round (one period) is made of submissions, one per reporting body: its self-reports and indicator
values, the day it reported them, the forms they were read from (name and SHA-256) and when they were imported.
When a body sends a correction, the new submission is the next revision of the old one (`prov:wasRevisionOf`)
and carries the metadata of every earlier revision, each with the time it was superseded
(`prov:invalidatedAtTime`), so that the round's graph says what was corrected, when, and from which files.
graph/submission_reader.py reads these graphs back.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from plan_graph.graph.iris import Iris
from plan_graph.graph.monitoring import add_assessment, monitoring_base, progress_iri
from plan_graph.graph.sink import Triples, TripleSink
from plan_graph.graph.vocab import DCTERMS, PG, PROV, QB, RDF, SKOS, XSD
from plan_graph.text.reports import Source, Submission


def submission_graph(submission: Submission, iris: Iris | None = None) -> Triples:
    """The submission's graph: the model it uses (monitoring_base), its round, the submission and its earlier
    revisions, its self-reports and its indicator values."""
    iris = iris or Iris()
    graph = monitoring_base(iris)
    period = ox.Literal(submission.period, datatype=XSD.gYear)
    round_node = iris.monitoring_round(submission.period)
    graph.add((round_node, RDF.type, PG.ReportingRound))
    graph.add((round_node, PG.reportingPeriod, period))
    reporter = iris.actor(submission.reporter)
    node = iris.submission(submission.period, submission.reporter, submission.revision)
    _add_revision(graph, node, submission.revision, submission.reported_on, submission.imported_at, submission.sources)
    graph.add((node, DCTERMS.isPartOf, round_node))
    graph.add((node, PROV.wasAttributedTo, reporter))
    graph.add((node, PG.reportingPeriod, period))
    newer = node
    for revision in reversed(submission.earlier):
        older = iris.submission(submission.period, submission.reporter, revision.number)
        _add_revision(graph, older, revision.number, revision.reported_on, revision.imported_at, revision.sources)
        graph.add((older, PROV.invalidatedAtTime, ox.Literal(revision.superseded_at, datatype=XSD.dateTime)))
        graph.add((older, DCTERMS.isPartOf, round_node))
        graph.add((older, PROV.wasAttributedTo, reporter))
        graph.add((older, PG.reportingPeriod, period))
        graph.add((newer, PROV.wasRevisionOf, older))
        newer = older
    for report in submission.reports:
        subject = iris.self_report(submission.period, report.activity, submission.reporter)
        add_assessment(graph, subject, PG.SelfReport, report.activity, report.status, submission.reported_on, iris)
        graph.add((subject, PROV.wasAttributedTo, reporter))
        graph.add((subject, PG.reportingPeriod, period))
        graph.add((subject, DCTERMS.isPartOf, node))
        if report.evidence:
            graph.add((subject, PG.evidence, ox.Literal(report.evidence)))
        if report.note:
            graph.add((subject, SKOS.note, ox.Literal(report.note)))  # as written: its language unknown
    progress = progress_iri(iris)
    for value in submission.values:
        subject = iris.progress_value(submission.period, value.activity, value.position, submission.reporter)
        graph.add((subject, RDF.type, QB.Observation))
        graph.add((subject, RDF.type, PG.ProgressValue))
        graph.add((subject, QB.dataSet, progress))
        graph.add((subject, PG.measuredIndicator, iris.indicator(value.activity, value.position)))
        graph.add((subject, PG.reportingPeriod, period))
        graph.add((subject, PG.reporter, reporter))
        graph.add((subject, DCTERMS.isPartOf, node))
        if value.count is not None:
            graph.add((subject, QB.measureType, PG.reportedCount))
            graph.add((subject, PG.reportedCount, ox.Literal(str(value.count), datatype=XSD.integer)))
        else:
            graph.add((subject, QB.measureType, PG.reportedDeliverable))
            graph.add((subject, PG.reportedDeliverable, ox.Literal(value.deliverable)))
        if value.link:
            graph.add((subject, PG.evidence, ox.Literal(value.link)))
        if value.note:
            graph.add((subject, SKOS.note, ox.Literal(value.note)))
    return graph


def _add_revision(
    graph: TripleSink, node: ox.NamedNode, number: int, reported_on: str, imported_at: str, sources: Iterable[Source]
) -> None:
    graph.add((node, RDF.type, PG.Submission))
    graph.add((node, PG.revision, ox.Literal(str(number), datatype=XSD.integer)))
    graph.add((node, DCTERMS.date, ox.Literal(reported_on, datatype=XSD.date)))
    if imported_at:
        graph.add((node, PROV.generatedAtTime, ox.Literal(imported_at, datatype=XSD.dateTime)))
    for source in sources:
        graph.add((node, DCTERMS.source, ox.Literal(str(source))))
