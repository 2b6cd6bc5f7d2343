"""Records around the plan → RDF: the documents, their figures as a W3C RDF Data Cube, their recommendations.

A graph of its own (…/ro/statistics/graph), beside the plan's: the model is ontology/statistics.ttl, the codes
ontology/forms-of-exploitation.ttl and ontology/victim-series.ttl, the UN and Data Cube terms the cube reuses
data/cube-terms.ttl. All of those are carried in the graph, so that the published cube is complete on its own.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from plan_graph.graph.cube import add_structure
from plan_graph.graph.iris import Iris
from plan_graph.graph.sink import Triples, TripleSink
from plan_graph.graph.terms import carried
from plan_graph.graph.vocab import (
    CITIZENSHIP,
    DCTERMS,
    FOAF,
    FORM,
    NOTE,
    PG,
    PROV,
    QB,
    RDF,
    RDFS,
    SDGC,
    SDMX_DIMENSION,
    SERIES,
    SKOS,
    XSD,
)
from plan_graph.text.statistics import Answer, Document, Figure, Statistics

EN = "en"
COUNTRY_ROU = ox.NamedNode("http://publications.europa.eu/resource/authority/country/ROU")
ROMANIA = ox.NamedNode("http://metadata.un.org/sdg/codes/geoArea/642")
MEASURES = {  # the table's measure -> the cube's measure property (ontology/statistics.ttl)
    "identified-victims": PG.identifiedVictims,
    "identified-victims-share": PG.identifiedVictimsShare,
    "assisted-victims": PG.assistedVictims,
    "assisted-victims-share": PG.assistedVictimsShare,
    "assisted-repatriated-victims": PG.assistedRepatriatedVictims,
}
DIMENSIONS = [
    SDGC.geoArea,
    SDGC.year,
    SDGC.sex,
    SDGC.age,
    PG.formOfExploitation,
    PG.citizenship,
    QB.measureType,
    PG.statedIn,
]
# a figure of a period of years (GRETA's 2016-2019) is in a cube of its own, the same but for its time: the Data
# Cube's own reference period (https://www.w3.org/TR/vocab-data-cube/#dsd-example), an interval of years
PERIOD_DIMENSIONS = [DIMENSIONS[0], SDMX_DIMENSION.refPeriod, *DIMENSIONS[2:]]
INTERVALS = "http://reference.data.gov.uk/id/gregorian-interval/"  # the intervals the Data Cube's examples use
ATTRIBUTES = [SDGC.units, PG.quotation]
OPTIONAL_ATTRIBUTES = [PG.seriesNote, PG.asWritten]
NOTE_KINDS = {"definition": NOTE.definition, "break": NOTE["break"]}  # ontology/series-notes.ttl
SERIES_BY_FORM = {  # identified victims of both sexes and all ages, by form: a series (ontology/victim-series.ttl)
    "all": SERIES["identified-victims"],
    "sexual-exploitation": SERIES["identified-victims-sexual-exploitation"],
    "forced-labour": SERIES["identified-victims-forced-labour"],
    "other": SERIES["identified-victims-other"],
}
# the files whose statements the graph carries: the cube's own terms and codes, and those it reuses
CARRIED = (
    "ontology/statistics.ttl",
    "ontology/forms-of-exploitation.ttl",
    "ontology/victim-series.ttl",
    "ontology/series-notes.ttl",
    "ontology/citizenships.ttl",
    "data/cube-terms.ttl",
)


def statistics_graph(
    statistics: Statistics, iris: Iris | None = None, activities: set[str] | None = None
) -> tuple[Triples, list[Answer]]:
    """The graph, with the files it carries (CARRIED), and the answers left out because their activity is not
    among `activities` (the notations of the plan's graph: a copy of the text read with --keep-going may lack
    rows); all of them by default."""
    graph = Triples(carried(CARRIED))
    return graph, statistics_triples(graph, statistics, iris, activities)


def statistics_triples(
    graph: TripleSink, statistics: Statistics, iris: Iris | None = None, activities: set[str] | None = None
) -> list[Answer]:
    """The graph's own triples, into `graph` (a collection of triples, or a writer of N-Triples: the build's), without
    the files it carries; and the answers left out (statistics_graph)."""
    iris = iris or Iris()
    documents = {
        document.id: document_iri(document.iri, document.id, iris) for document in statistics.documents.values()
    }
    _add_documents(graph, statistics, documents, iris)
    _add_structure(graph, iris)
    if any(figure.last_year for figure in statistics.figures):
        _add_periods_structure(graph, iris)
    for figure in statistics.figures:
        _add_observation(graph, figure, documents[figure.document], iris)
    _add_notes(graph, statistics, documents, iris)
    left_out = [a for a in statistics.answers if activities is not None and a.activity not in activities]
    _add_recommendations(graph, statistics, documents, iris, left_out)
    return left_out


def issued_literal(issued: str) -> ox.Literal:
    """A document's date as documents.csv gives it: a day (xsd:date) or a year (xsd:gYear)."""
    return ox.Literal(issued, datatype=XSD.date if len(issued) == 10 else XSD.gYear)


def document_iri(own: str, document_id: str, iris: Iris) -> ox.NamedNode:
    """A document's own IRI (CELEX for EU documents), or the one minted for it."""
    return ox.NamedNode(own) if own else iris.document(document_id)


def publisher_iri(document: Document, iris: Iris) -> ox.NamedNode:
    """The publisher's IRI in an authority table (EU corporate bodies), or the one minted from its name."""
    return ox.NamedNode(document.publisher_iri) if document.publisher_iri else iris.publisher(_slug(document.publisher))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _add_documents(graph: TripleSink, statistics: Statistics, documents: dict[str, ox.NamedNode], iris: Iris) -> None:
    for document in statistics.documents.values():
        subject = documents[document.id]
        graph.add((subject, RDF.type, PG.Document))
        graph.add((subject, RDF.type, FOAF.Document))
        graph.add((subject, DCTERMS.title, ox.Literal(document.title, language=EN)))
        graph.add((subject, RDFS.label, ox.Literal(document.title, language=EN)))
        graph.add((subject, FOAF.page, ox.NamedNode(document.url)))
        graph.add((subject, DCTERMS.source, ox.Literal(document.source, language=EN)))
        graph.add((subject, DCTERMS.type, ox.Literal(document.kind)))
        if document.identifier:
            graph.add((subject, DCTERMS.identifier, ox.Literal(document.identifier)))
        if document.issued:
            graph.add((subject, DCTERMS.issued, issued_literal(document.issued)))
        publisher = publisher_iri(document, iris)
        graph.add((subject, DCTERMS.publisher, publisher))
        graph.add((publisher, RDF.type, FOAF.Organization))
        graph.add((publisher, FOAF.name, ox.Literal(document.publisher, language=EN)))


def _add_structure(graph: TripleSink, iris: Iris) -> None:
    _add_cube(graph, iris.statistics, iris.statistics_structure, DIMENSIONS, "")
    graph.add((ROMANIA, SKOS.exactMatch, COUNTRY_ROU))


def _add_periods_structure(graph: TripleSink, iris: Iris) -> None:
    periods = iris.statistics_of_periods
    _add_cube(graph, periods, iris.statistics_of_periods_structure, PERIOD_DIMENSIONS, " over periods of years")


def _add_cube(
    graph: TripleSink, dataset: ox.NamedNode, structure: ox.NamedNode, dimensions: list[ox.NamedNode], over: str
) -> None:
    """A cube of the statistics: its structure (the measures and attributes are the same in both), title, label."""
    measures = list(MEASURES.values())
    add_structure(graph, dataset, structure, dimensions, measures, ATTRIBUTES, OPTIONAL_ATTRIBUTES)
    title = f"Romania's anti-trafficking statistics{over}, as published reports state them"
    graph.add((dataset, DCTERMS.title, ox.Literal(title, language=EN)))
    graph.add((dataset, RDFS.label, ox.Literal(f"Romania's anti-trafficking statistics{over}", language=EN)))
    graph.add((dataset, DCTERMS.spatial, COUNTRY_ROU))


def observation_iri(figure: Figure, iris: Iris) -> ox.NamedNode:
    return iris.observation(
        figure.measure, figure.period, figure.sex, figure.age, figure.form, figure.document, figure.citizenship
    )


def period_iri(first: int, last: int) -> ox.NamedNode:
    """The interval of the years first to last, whole: …/gregorian-interval/2016-01-01T00:00:00/P4Y."""
    return ox.NamedNode(f"{INTERVALS}{first}-01-01T00:00:00/P{last - first + 1}Y")


def _add_observation(graph: TripleSink, figure: Figure, document: ox.NamedNode, iris: Iris) -> None:
    node = observation_iri(figure, iris)
    measure = MEASURES[figure.measure]
    graph.add((node, RDF.type, QB.Observation))
    graph.add((node, RDF.type, PG.Figure))
    graph.add((node, SDGC.geoArea, ROMANIA))
    if figure.last_year:
        period = period_iri(figure.year, figure.last_year)
        graph.add((node, QB.dataSet, iris.statistics_of_periods))
        graph.add((node, SDMX_DIMENSION.refPeriod, period))
        graph.add((period, RDFS.label, ox.Literal(figure.period, language=EN)))
    else:
        graph.add((node, QB.dataSet, iris.statistics))
        graph.add((node, SDGC.year, ox.Literal(str(figure.year), datatype=XSD.gYear)))
    graph.add((node, SDGC.sex, SDGC[f"sex/{figure.sex}"]))
    graph.add((node, SDGC.age, SDGC[f"age/{figure.age}"]))
    graph.add((node, PG.formOfExploitation, FORM[figure.form]))
    graph.add((node, PG.citizenship, CITIZENSHIP[figure.citizenship]))
    graph.add((node, QB.measureType, measure))
    graph.add(
        (node, measure, ox.Literal(str(figure.value), datatype=XSD.integer if figure.unit == "NUMBER" else XSD.decimal))
    )
    graph.add((node, PG.statedIn, document))
    graph.add((node, PROV.wasDerivedFrom, document))  # pg:statedIn's superproperty, stated: no reasoner needed
    graph.add((node, SDGC.units, SDGC[f"units/{figure.unit}"]))
    graph.add((node, PG.quotation, ox.Literal(f"{figure.section}: {figure.quotation}", language=EN)))
    if figure.as_written:
        graph.add((node, PG.asWritten, ox.Literal(figure.as_written, language=EN)))
    in_series = figure.sex == figure.age == "_T" and figure.citizenship == "all" and not figure.last_year
    if figure.measure == "identified-victims" and in_series:
        graph.add((node, PG.inSeries, SERIES_BY_FORM[figure.form]))  # the yearly series (and the UN's)


def _add_notes(graph: TripleSink, statistics: Statistics, documents: dict[str, ox.NamedNode], iris: Iris) -> None:
    for note in statistics.notes:
        subject = iris.series_note(note.id)
        graph.add((subject, RDF.type, PG.SeriesNote))
        graph.add((subject, PG.noteKind, NOTE_KINDS[note.kind]))
        graph.add((subject, SKOS.notation, ox.Literal(note.id)))
        graph.add((subject, PG.quotation, ox.Literal(f"{note.section}: {note.quotation}", language=EN)))
        graph.add((subject, PROV.wasDerivedFrom, documents[note.document]))
        graph.add((subject, RDFS.comment, ox.Literal(note.meaning, language=EN)))
        for figure in statistics.figures:
            if note.concerns(figure):
                graph.add((observation_iri(figure, iris), PG.seriesNote, subject))


def _add_recommendations(
    graph: TripleSink, statistics: Statistics, documents: dict[str, ox.NamedNode], iris: Iris, left_out: list[Answer]
) -> None:
    for recommendation in statistics.recommendations:
        subject = iris.recommendation(recommendation.id)
        graph.add((subject, RDF.type, PG.Recommendation))
        graph.add((subject, RDF.value, ox.Literal(recommendation.text, language=EN)))
        graph.add((subject, SKOS.notation, ox.Literal(recommendation.id)))
        graph.add((subject, PG.position, ox.Literal(recommendation.position)))
        graph.add((subject, PROV.wasDerivedFrom, documents[recommendation.document]))
        graph.add((subject, DCTERMS.source, ox.Literal(recommendation.source, language=EN)))
    for answer in statistics.answers:
        if answer in left_out:
            continue
        answered, activity = iris.recommendation(answer.recommendation), iris.activity(answer.activity)
        node = iris.answer(answer.recommendation, answer.activity)
        graph.add((answered, PG.answeredBy, activity))
        graph.add((answered, PG.qualifiedAnswer, node))
        graph.add((node, RDF.type, PG.Answer))
        graph.add((node, PG.answeringActivity, activity))
        graph.add((node, RDFS.comment, ox.Literal(answer.reason, language=EN)))
