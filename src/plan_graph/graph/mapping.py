"""Records → RDF: the triples of the plan, its actors and where every statement came from, as Oxigraph's terms.

Knows nothing of files, stores or HTTP. The model is the ontology in `ontology/`; the actors' part is in
actors.py, the links to European and UN data and the English labels in links.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast, overload

import pyoxigraph as ox

from plan_graph.graph.actors import add_actors
from plan_graph.graph.iris import Iris
from plan_graph.graph.links import add_links
from plan_graph.graph.sink import Triples, TripleSink
from plan_graph.graph.terms import Statement
from plan_graph.graph.vocab import DCTERMS, ELI, FREQ, LANG, PG, PROV, RDF, SKOS, XSD
from plan_graph.text.links import Links
from plan_graph.text.records import Activity, DeadlineKind, FundingKind, IndicatorKind, PlanRecords
from plan_graph.text.registry import Actor

RO = "ro"
EN = "en"

FUNDING_CLASSES = {
    FundingKind.BUDGET: PG.BodyBudget,
    FundingKind.RESPONSIBLE_BUDGETS: PG.ResponsibleBodiesBudget,
    FundingKind.EXTERNAL_GRANT: PG.ExternalGrant,
    FundingKind.PROJECT_GRANT: PG.ProjectGrant,
    FundingKind.NOT_APPLICABLE: PG.NoResourcesNeeded,
}
INDICATOR_CLASSES = {
    IndicatorKind.COUNT: PG.CountIndicator,
    IndicatorKind.DELIVERABLE: PG.DeliverableIndicator,
}
# the actor items of a row (records.ActorItem): which cell, how written, how each actor is named
ROLES = {"responsible": PG.ResponsibleRole, "partner": PG.PartnerRole}
CONSTRUCTIONS = {
    "direct": PG.DirectConstruction,
    "through": PG.ThroughConstruction,
    "bodies": PG.BodiesConstruction,
    "group": PG.GroupConstruction,
}
NAMING = {
    "named": PG.namesDirectly,
    "principal": PG.namesPrincipal,
    "through": PG.namesAgent,
    "body": PG.namesBody,
    "group": PG.namesGroup,
    "member": PG.namesMember,
}
_Sink = TypeVar("_Sink", bound=TripleSink)


@overload
def to_graph(
    plan: PlanRecords,
    registry: dict[str, Actor],
    iris: Iris | None = None,
    links: Links | None = None,
    graph: None = None,
) -> Triples: ...


@overload
def to_graph(
    plan: PlanRecords,
    registry: dict[str, Actor],
    iris: Iris | None = None,
    links: Links | None = None,
    *,
    graph: _Sink,
) -> _Sink: ...


def to_graph(
    plan: PlanRecords,
    registry: dict[str, Actor],
    iris: Iris | None = None,
    links: Links | None = None,
    graph: TripleSink | None = None,
) -> TripleSink:
    """The mapping into a new collection of triples, or into the sink given (which is returned)."""
    iris = iris or Iris()
    graph = graph if graph is not None else Triples()
    mapping = _Mapping(graph)
    _add_document(mapping, plan, iris, registry)
    _add_structure(mapping, plan, iris)
    for activity in plan.activities:
        _add_activity(mapping, activity, iris, registry, plan)
    add_actors(graph, plan, iris, registry)
    _add_abbreviations(mapping, plan, iris, registry)
    _add_corrections(mapping, plan, iris)
    if links is not None:
        add_links(graph, plan, registry, iris, links)
    return graph


class _Mapping:
    """Where the mapping writes (the sink's own add), and the source lines it has stated so far."""

    def __init__(self, sink: TripleSink) -> None:
        self.add: Callable[[Statement], object] = sink.add
        self.lines_stated: set[int] = set()


def _derived_from(graph: _Mapping, subject: ox.NamedNode, iris: Iris, plan: PlanRecords, line: int) -> None:
    """PROV link to the printed line, which carries its number and its text as printed (stated once a line)."""
    node = iris.line(line)
    graph.add((subject, PROV.wasDerivedFrom, node))
    if line in graph.lines_stated:
        return
    graph.lines_stated.add(line)
    graph.add((node, RDF.type, PG.SourceLine))
    graph.add((node, PG.lineNumber, ox.Literal(line)))
    graph.add((node, PROV.value, ox.Literal(plan.source_lines.get(line, ""))))
    graph.add((node, DCTERMS.isPartOf, iris.source_text))


def _add_document(graph: _Mapping, plan: PlanRecords, iris: Iris, registry: dict[str, Actor]) -> None:
    subject = iris.plan
    graph.add((subject, RDF.type, PG.ActionPlan))
    graph.add((subject, SKOS.notation, ox.Literal("HG 861/2018 anexa 2")))
    graph.add((iris.source_text, RDF.type, PG.SourceText))
    graph.add((iris.source_text, DCTERMS.title, ox.Literal("hg-861-2018-plan-2018-2020.txt")))
    graph.add((iris.source_text, DCTERMS.language, LANG.RON))
    document = plan.document
    if document is None:
        return
    graph.add((subject, DCTERMS.title, ox.Literal(document.title, language=RO)))
    graph.add((subject, SKOS.prefLabel, ox.Literal(document.title, language=RO)))
    graph.add((subject, PG.titleAsWritten, ox.Literal(document.title_as_written)))
    graph.add((subject, DCTERMS.isPartOf, iris.act))
    graph.add((subject, PG.periodStart, ox.Literal("2018-11", datatype=XSD.gYearMonth)))
    graph.add((subject, PG.periodEnd, ox.Literal("2020-12", datatype=XSD.gYearMonth)))
    if "Guvern" in registry:
        graph.add((subject, DCTERMS.publisher, iris.actor(registry["Guvern"].id)))
    _derived_from(graph, subject, iris, plan, 1)
    act = iris.act
    graph.add((act, RDF.type, ELI.LegalResource))
    graph.add((act, DCTERMS.identifier, ox.Literal(f"HG {document.act_number}/{document.act_year}")))
    graph.add((act, ELI.title, ox.Literal(document.act, language=RO)))
    graph.add((act, ELI.date_document, ox.Literal(document.adopted_date, datatype=XSD.date)))
    graph.add((act, ELI.published_in, ox.Literal(document.publication)))
    graph.add((act, PG.gazetteNumber, ox.Literal(document.gazette_number)))
    graph.add((act, PG.issuerAsWritten, ox.Literal(document.issuer)))


def _add_part(
    graph: _Mapping,
    plan: PlanRecords,
    iris: Iris,
    part: tuple[ox.NamedNode, ox.NamedNode, str, str, int],
    parent: tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode],
) -> None:
    """One numbered part of the plan, linked both ways to the part it sits in."""
    subject, cls, notation, title, line = part
    parent_iri, up, down = parent
    graph.add((subject, RDF.type, cls))
    graph.add((subject, SKOS.notation, ox.Literal(notation)))
    graph.add((subject, SKOS.prefLabel, ox.Literal(title, language=RO)))
    graph.add((subject, up, parent_iri))
    graph.add((parent_iri, down, subject))
    _derived_from(graph, subject, iris, plan, line)


def _add_structure(graph: _Mapping, plan: PlanRecords, iris: Iris) -> None:
    for area in plan.areas:
        _add_part(
            graph,
            plan,
            iris,
            (iris.area(area.number), PG.Area, str(area.number), area.title, area.line),
            (iris.plan, PG.inPlan, PG.hasArea),
        )
    for general in plan.general_objectives:
        _add_part(
            graph,
            plan,
            iris,
            (iris.objective(general.notation), PG.GeneralObjective, general.notation, general.title, general.line),
            (iris.area(general.area), PG.inArea, PG.hasGeneralObjective),
        )
    for specific in plan.specific_objectives:
        _add_part(
            graph,
            plan,
            iris,
            (iris.objective(specific.notation), PG.SpecificObjective, specific.notation, specific.title, specific.line),
            (iris.objective(specific.general), PG.underGeneralObjective, PG.hasSpecificObjective),
        )


def _add_activity(
    graph: _Mapping, activity: Activity, iris: Iris, registry: dict[str, Actor], plan: PlanRecords
) -> None:
    subject = iris.activity(activity.notation)
    objective = iris.objective(activity.objective)
    graph.add((subject, RDF.type, PG.Activity))
    graph.add((subject, SKOS.notation, ox.Literal(activity.notation)))
    graph.add((subject, DCTERMS.title, ox.Literal(activity.title, language=RO)))
    graph.add((subject, SKOS.prefLabel, ox.Literal(activity.title, language=RO)))
    graph.add((subject, PG.forObjective, objective))
    graph.add((objective, PG.hasActivity, subject))
    _derived_from(graph, subject, iris, plan, activity.line)

    for position, indicator in enumerate(activity.indicators, start=1):
        node = iris.indicator(activity.notation, position)
        graph.add((subject, PG.hasIndicator, node))
        graph.add((node, RDF.type, INDICATOR_CLASSES[indicator.kind]))
        graph.add((node, SKOS.prefLabel, ox.Literal(indicator.text, language=RO)))
        graph.add((node, PG.position, ox.Literal(position)))

    for position, deadline in enumerate(activity.deadlines, start=1):
        node = iris.deadline(activity.notation, position)
        graph.add((subject, PG.hasDeadline, node))
        graph.add((node, PG.asWritten, ox.Literal(deadline.written, language=RO)))
        graph.add((node, PG.position, ox.Literal(position)))
        if deadline.kind is DeadlineKind.ONE_OFF:
            graph.add((node, RDF.type, PG.OneOffDeadline))
            month = cast(str, deadline.year_month)  # the reader gives every one-off deadline one
            graph.add((node, PG.dueMonth, ox.Literal(month, datatype=XSD.gYearMonth)))
        else:
            graph.add((node, RDF.type, PG.RecurringDeadline))
            frequency = cast(str, deadline.frequency)  # the reader gives every recurring deadline one
            graph.add((node, DCTERMS.accrualPeriodicity, FREQ[frequency]))

    for code in activity.responsible.codes:
        graph.add((subject, PG.responsible, iris.actor(registry[code].id)))
    for code in activity.responsible.groups:
        graph.add((subject, PG.responsibleGroup, iris.actor(registry[code].id)))
    for code in activity.partners.codes:
        graph.add((subject, PG.partner, iris.actor(registry[code].id)))
    graph.add((subject, PG.responsibleAsWritten, ox.Literal(activity.responsible.written)))
    graph.add((subject, PG.partnersAsWritten, ox.Literal(activity.partners.written)))
    for role, cell in (("responsible", activity.responsible), ("partner", activity.partners)):
        for position, item in enumerate(cell.items, start=1):
            node = iris.actor_item(activity.notation, role, position)
            graph.add((subject, PG.hasActorItem, node))
            graph.add((node, RDF.type, PG.ActorItem))
            graph.add((node, PG.role, ROLES[role]))
            graph.add((node, PG.construction, CONSTRUCTIONS[item.construction]))
            graph.add((node, PG.position, ox.Literal(position)))
            graph.add((node, PG.asWritten, ox.Literal(item.written)))
            for code, how in item.named:
                graph.add((node, NAMING[how], iris.actor(registry[code].id)))
            _derived_from(graph, node, iris, plan, activity.line)
    if activity.establishes:
        graph.add((subject, PG.establishes, iris.actor(registry[activity.establishes].id)))

    for position, resource in enumerate(activity.resources, start=1):
        node = iris.resource(activity.notation, position)
        graph.add((subject, PG.hasFundingSource, node))
        graph.add((node, RDF.type, FUNDING_CLASSES[resource.kind]))
        graph.add((node, SKOS.prefLabel, ox.Literal(resource.text, language=RO)))
        graph.add((node, PG.asWritten, ox.Literal(resource.written, language=RO)))
        graph.add((node, PG.position, ox.Literal(position)))
        for code in resource.holders:
            graph.add((node, PG.holder, iris.actor(registry[code].id)))


def _add_abbreviations(graph: _Mapping, plan: PlanRecords, iris: Iris, registry: dict[str, Actor]) -> None:
    for abbreviation in plan.abbreviations:
        subject = iris.abbreviation(abbreviation.code)
        graph.add((subject, RDF.type, PG.Abbreviation))
        graph.add((subject, SKOS.notation, ox.Literal(abbreviation.code)))
        graph.add((subject, SKOS.prefLabel, ox.Literal(abbreviation.name, language=RO)))
        graph.add((iris.plan, PG.definesAbbreviation, subject))
        if abbreviation.code in registry:
            graph.add((subject, PG.denotes, iris.actor(registry[abbreviation.code].id)))
        _derived_from(graph, subject, iris, plan, abbreviation.line)


def _add_corrections(graph: _Mapping, plan: PlanRecords, iris: Iris) -> None:
    activities_by_line = {activity.line: iris.activity(activity.notation) for activity in plan.activities}
    for position, correction in enumerate(plan.corrections, start=1):
        subject = iris.correction(position)
        graph.add((subject, RDF.type, PG.Correction))
        graph.add((subject, PG.original, ox.Literal(correction.written)))
        graph.add((subject, PG.corrected, ox.Literal(correction.corrected)))
        graph.add((subject, DCTERMS.description, ox.Literal(correction.reason, language=EN)))
        graph.add((iris.plan, PG.hasCorrection, subject))
        _derived_from(graph, subject, iris, plan, correction.line)
        if correction.line in activities_by_line:
            graph.add((activities_by_line[correction.line], PG.hasCorrection, subject))
