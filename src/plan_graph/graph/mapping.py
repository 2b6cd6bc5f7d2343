"""Records → RDF: one rdflib graph of the plan, its actors and where every statement came from.

Knows nothing of files, stores or HTTP. The model is the ontology in `ontology/`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TypeVar, cast, overload

from rdflib import Graph, Literal, URIRef

from plan_graph.graph.iris import Iris
from plan_graph.graph.names import PLAN_SLUG
from plan_graph.graph.namespaces import (
    CV,
    DCTERMS,
    ELI,
    FOAF,
    FREQ,
    KIND,
    LANG,
    ORG,
    PG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)
from plan_graph.graph.sink import TripleSink
from plan_graph.text.links import ELI_DIRECTIVE, Links, english_resource, find_mentions
from plan_graph.text.records import Activity, DeadlineKind, FundingKind, IndicatorKind, PlanRecords
from plan_graph.text.registry import Actor, reporting_bodies

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
# kinds of body that are part of the Romanian state (the EU Core Public Organisation Vocabulary's scope)
PUBLIC_KINDS = {
    "ministry",
    "agency",
    "police",
    "inspectorate",
    "prosecution",
    "judicial",
    "local-authority",
    "territorial-office",
    "government",
}


_Sink = TypeVar("_Sink", bound=TripleSink)


@overload
def to_graph(
    plan: PlanRecords,
    registry: dict[str, Actor],
    iris: Iris | None = None,
    links: Links | None = None,
    graph: None = None,
) -> Graph: ...


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
    """The mapping into a new rdflib Graph, or into the sink given (which is returned)."""
    iris = iris or Iris()
    # rdflib's SimpleMemory store: a plain triple store, without the context bookkeeping the default store
    # does on every add (the plan has one graph); 30 % faster to fill and to serialize (bench/RESULTS.md)
    graph = graph if graph is not None else Graph(store="SimpleMemory")
    mapping = _Mapping(graph)
    for prefix, namespace in PREFIXES.items():
        mapping.bind(prefix, namespace)
    _add_document(mapping, plan, iris, registry)
    _add_structure(mapping, plan, iris)
    for activity in plan.activities:
        _add_activity(mapping, activity, iris, registry, plan)
    _add_actors(mapping, plan, iris, registry)
    _add_abbreviations(mapping, plan, iris, registry)
    _add_corrections(mapping, plan, iris)
    if links is not None:
        _add_links(mapping, plan, registry, iris, links)
    return graph


# The same values come back (a line's number and text, a title that is also a label, positions), and rdflib checks
# and converts each new Literal: a bounded cache, typed so that True is not 1.
_literal = lru_cache(maxsize=4096, typed=True)(Literal)


class _Mapping:
    """Where the mapping writes (the sink's own add and bind), and the source lines it has stated so far."""

    def __init__(self, sink: TripleSink) -> None:
        self.add = sink.add
        self.bind = sink.bind
        self.lines_stated: set[int] = set()


def _derived_from(graph: _Mapping, subject: URIRef, iris: Iris, plan: PlanRecords, line: int) -> None:
    """PROV link to the printed line, which carries its number and its text as printed (stated once a line)."""
    node = iris.line(line)
    graph.add((subject, PROV.wasDerivedFrom, node))
    if line in graph.lines_stated:
        return
    graph.lines_stated.add(line)
    graph.add((node, RDF.type, PG.SourceLine))
    graph.add((node, PG.lineNumber, _literal(line)))
    graph.add((node, PROV.value, _literal(plan.source_lines.get(line, ""))))
    graph.add((node, DCTERMS.isPartOf, iris.source_text))


def _add_document(graph: _Mapping, plan: PlanRecords, iris: Iris, registry: dict[str, Actor]) -> None:
    subject = iris.plan
    graph.add((subject, RDF.type, PG.ActionPlan))
    graph.add((subject, SKOS.notation, _literal("HG 861/2018 anexa 2")))
    graph.add((iris.source_text, RDF.type, PG.SourceText))
    graph.add((iris.source_text, DCTERMS.title, _literal("hg-861-2018-plan-2018-2020.txt")))
    graph.add((iris.source_text, DCTERMS.language, LANG.RON))
    document = plan.document
    if document is None:
        return
    graph.add((subject, DCTERMS.title, _literal(document.title, lang=RO)))
    graph.add((subject, SKOS.prefLabel, _literal(document.title, lang=RO)))
    graph.add((subject, PG.titleAsWritten, _literal(document.title_as_written)))
    graph.add((subject, DCTERMS.isPartOf, iris.act))
    graph.add((subject, PG.periodStart, _literal("2018-11", datatype=XSD.gYearMonth)))
    graph.add((subject, PG.periodEnd, _literal("2020-12", datatype=XSD.gYearMonth)))
    if "Guvern" in registry:
        graph.add((subject, DCTERMS.publisher, iris.actor(registry["Guvern"].id)))
    _derived_from(graph, subject, iris, plan, 1)
    act = iris.act
    graph.add((act, RDF.type, ELI.LegalResource))
    graph.add((act, DCTERMS.identifier, _literal(f"HG {document.act_number}/{document.act_year}")))
    graph.add((act, ELI.title, _literal(document.act, lang=RO)))
    graph.add((act, ELI.date_document, _literal(document.adopted_date, datatype=XSD.date)))
    graph.add((act, ELI.published_in, _literal(document.publication)))
    graph.add((act, PG.gazetteNumber, _literal(document.gazette_number)))
    graph.add((act, PG.issuerAsWritten, _literal(document.issuer)))


def _add_part(
    graph: _Mapping,
    plan: PlanRecords,
    iris: Iris,
    part: tuple[URIRef, URIRef, str, str, int],
    parent: tuple[URIRef, URIRef, URIRef],
) -> None:
    """One numbered part of the plan, linked both ways to the part it sits in."""
    subject, cls, notation, title, line = part
    parent_iri, up, down = parent
    graph.add((subject, RDF.type, cls))
    graph.add((subject, SKOS.notation, _literal(notation)))
    graph.add((subject, SKOS.prefLabel, _literal(title, lang=RO)))
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
    graph.add((subject, SKOS.notation, _literal(activity.notation)))
    graph.add((subject, DCTERMS.title, _literal(activity.title, lang=RO)))
    graph.add((subject, SKOS.prefLabel, _literal(activity.title, lang=RO)))
    graph.add((subject, PG.forObjective, objective))
    graph.add((objective, PG.hasActivity, subject))
    _derived_from(graph, subject, iris, plan, activity.line)

    for position, indicator in enumerate(activity.indicators, start=1):
        node = iris.indicator(activity.notation, position)
        graph.add((subject, PG.hasIndicator, node))
        graph.add((node, RDF.type, INDICATOR_CLASSES[indicator.kind]))
        graph.add((node, SKOS.prefLabel, _literal(indicator.text, lang=RO)))
        graph.add((node, PG.position, _literal(position)))

    for position, deadline in enumerate(activity.deadlines, start=1):
        node = iris.deadline(activity.notation, position)
        graph.add((subject, PG.hasDeadline, node))
        graph.add((node, PG.asWritten, _literal(deadline.written, lang=RO)))
        graph.add((node, PG.position, _literal(position)))
        if deadline.kind is DeadlineKind.ONE_OFF:
            graph.add((node, RDF.type, PG.OneOffDeadline))
            graph.add((node, PG.dueMonth, _literal(deadline.year_month, datatype=XSD.gYearMonth)))
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
    graph.add((subject, PG.responsibleAsWritten, _literal(activity.responsible.written)))
    graph.add((subject, PG.partnersAsWritten, _literal(activity.partners.written)))
    for role, cell in (("responsible", activity.responsible), ("partner", activity.partners)):
        for position, item in enumerate(cell.items, start=1):
            node = iris.actor_item(activity.notation, role, position)
            graph.add((subject, PG.hasActorItem, node))
            graph.add((node, RDF.type, PG.ActorItem))
            graph.add((node, PG.role, ROLES[role]))
            graph.add((node, PG.construction, CONSTRUCTIONS[item.construction]))
            graph.add((node, PG.position, _literal(position)))
            graph.add((node, PG.asWritten, _literal(item.written)))
            for code, how in item.named:
                graph.add((node, NAMING[how], iris.actor(registry[code].id)))
            _derived_from(graph, node, iris, plan, activity.line)
    if activity.establishes:
        graph.add((subject, PG.establishes, iris.actor(registry[activity.establishes].id)))

    for position, resource in enumerate(activity.resources, start=1):
        node = iris.resource(activity.notation, position)
        graph.add((subject, PG.hasFundingSource, node))
        graph.add((node, RDF.type, FUNDING_CLASSES[resource.kind]))
        graph.add((node, SKOS.prefLabel, _literal(resource.text, lang=RO)))
        graph.add((node, PG.asWritten, _literal(resource.written, lang=RO)))
        graph.add((node, PG.position, _literal(position)))
        for code in resource.holders:
            graph.add((node, PG.holder, iris.actor(registry[code].id)))


def _add_actors(graph: TripleSink, plan: PlanRecords, iris: Iris, registry: dict[str, Actor]) -> None:
    involved = (code for a in plan.activities for code in (*a.responsible.codes, *a.partners.codes))
    reporting = {body.code for body in reporting_bodies(involved, registry)}
    for actor in registry.values():
        subject = iris.actor(actor.id)
        if actor.code in reporting:
            graph.add((subject, RDF.type, PG.ReportingBody))
        if actor.is_category:
            graph.add((subject, RDF.type, PG.ActorCategory))
        elif actor.kind == "collective-body":
            graph.add((subject, RDF.type, PG.CollectiveBody))
        else:
            # the standard types are stated too, for consumers that do no reasoning
            graph.add((subject, RDF.type, PG.Organisation))
            graph.add((subject, RDF.type, ORG.Organization))
            if actor.kind in PUBLIC_KINDS:
                graph.add((subject, RDF.type, PG.PublicOrganisation))
                graph.add((subject, RDF.type, CV.PublicOrganisation))
        graph.add((subject, PG.kind, KIND[actor.kind]))
        graph.add((subject, SKOS.notation, _literal(actor.code)))
        graph.add((subject, SKOS.prefLabel, _literal(actor.name_ro, lang=RO)))
        if actor.name_en:
            graph.add((subject, SKOS.prefLabel, _literal(actor.name_en, lang=EN)))
        for alias in actor.aliases:
            graph.add((subject, SKOS.altLabel, _literal(alias, lang=RO)))
        graph.add((subject, DCTERMS.source, _literal(actor.source, lang=EN)))
        if actor.parent:
            parent = iris.actor(registry[actor.parent].id)
            graph.add((subject, ORG.subOrganizationOf, parent))
            graph.add((parent, ORG.hasSubOrganization, subject))
            graph.add(
                (
                    subject,
                    PG.parentStatedBy,
                    PG.StatedByPlan if actor.parent_source == "plan" else PG.CuratedKnowledge,
                )
            )
    for relation in plan.relations:
        subject = iris.actor(registry[relation.subject].id)
        other = iris.actor(registry[relation.object].id)
        if relation.kind == "through":
            graph.add((subject, PROV.actedOnBehalfOf, other))
        elif relation.kind == "member-of":
            graph.add((other, ORG.hasMember, subject))
            graph.add((subject, ORG.memberOf, other))


def _add_abbreviations(graph: _Mapping, plan: PlanRecords, iris: Iris, registry: dict[str, Actor]) -> None:
    for abbreviation in plan.abbreviations:
        subject = iris.abbreviation(abbreviation.code)
        graph.add((subject, RDF.type, PG.Abbreviation))
        graph.add((subject, SKOS.notation, _literal(abbreviation.code)))
        graph.add((subject, SKOS.prefLabel, _literal(abbreviation.name, lang=RO)))
        graph.add((iris.plan, PG.definesAbbreviation, subject))
        if abbreviation.code in registry:
            graph.add((subject, PG.denotes, iris.actor(registry[abbreviation.code].id)))
        _derived_from(graph, subject, iris, plan, abbreviation.line)


def _add_corrections(graph: _Mapping, plan: PlanRecords, iris: Iris) -> None:
    activities_by_line = {activity.line: iris.activity(activity.notation) for activity in plan.activities}
    for position, correction in enumerate(plan.corrections, start=1):
        subject = iris.correction(position)
        graph.add((subject, RDF.type, PG.Correction))
        graph.add((subject, PG.original, _literal(correction.written)))
        graph.add((subject, PG.corrected, _literal(correction.corrected)))
        graph.add((subject, DCTERMS.description, _literal(correction.reason, lang=EN)))
        graph.add((iris.plan, PG.hasCorrection, subject))
        _derived_from(graph, subject, iris, plan, correction.line)
        if correction.line in activities_by_line:
            graph.add((activities_by_line[correction.line], PG.hasCorrection, subject))


# ---- links to European and UN data, and the English labels (links.py)

COUNTRY_ROU = URIRef("http://publications.europa.eu/resource/authority/country/ROU")


def _add_links(graph: TripleSink, plan: PlanRecords, registry: dict[str, Actor], iris: Iris, links: Links) -> None:
    graph.add((iris.plan, DCTERMS.spatial, COUNTRY_ROU))
    graph.add((iris.plan, DCTERMS.language, LANG.RON))
    for body in links.bodies:
        predicate = SKOS.exactMatch if body.property == "skos:exactMatch" else FOAF.homepage
        graph.add((iris.actor(registry[body.code].id), predicate, URIRef(body.target)))
    directive = URIRef(ELI_DIRECTIVE)
    graph.add((directive, RDF.type, ELI.LegalResource))
    graph.add((directive, DCTERMS.identifier, _literal("Directive 2011/36/EU")))
    for link in links.provisions:
        article = URIRef(link.target)
        graph.add((_numbered(iris, link.notation), PG.implementsProvision, article))
        graph.add((article, RDF.type, ELI.LegalResourceSubdivision))
        graph.add((article, ELI.is_part_of, directive))
        graph.add((article, ELI.number, _literal(link.article)))
        graph.add((article, RDFS.label, _literal(f"Directive 2011/36/EU, Article {link.article}", lang="en")))
    for sdg in links.sdg:
        subject = iris.plan if sdg.notation == PLAN_SLUG else _numbered(iris, sdg.notation)
        graph.add((subject, PG.contributesTo, URIRef(sdg.iri)))
    for system in links.systems:
        node = iris.system(system.id)
        graph.add((node, RDF.type, PG.InformationSystem))
        graph.add((node, SKOS.notation, _literal(system.code)))
        graph.add((node, SKOS.prefLabel, _literal(system.name_ro, lang=RO)))
        graph.add((node, SKOS.prefLabel, _literal(system.name_en, lang=EN)))
        graph.add((node, DCTERMS.source, _literal(system.source, lang=EN)))
    systems = {system.code: iris.system(system.id) for system in links.systems}
    for mention in find_mentions(plan, registry, links.systems):
        target = systems.get(mention.code) or iris.actor(registry[mention.code].id)
        graph.add((iris.activity(mention.notation), PG.mentions, target))
    _add_english(graph, plan, registry, iris, links)


def _numbered(iris: Iris, notation: str) -> URIRef:
    """An area ("1") or an objective ("2.3"), as the link tables write them."""
    return iris.area(int(notation)) if notation.isdigit() else iris.objective(notation)


def _add_english(graph: TripleSink, plan: PlanRecords, registry: dict[str, Actor], iris: Iris, links: Links) -> None:
    """English labels from the reviewed translation table, each resource pointing at the translation."""
    translation = iris.plan_ns["translation/en"]
    graph.add((translation, RDF.type, PG.UnofficialTranslation))
    graph.add((translation, DCTERMS.language, LANG.ENG))
    graph.add((translation, DCTERMS.source, _literal("data/translations.csv")))
    graph.add(
        (
            translation,
            RDFS.comment,
            _literal(
                "Unofficial English translation, reviewed by the plan-graph project. The Romanian text, as published "
                "in Monitorul Oficial nr. 949 of 9 November 2018, is the authoritative one.",
                lang=EN,
            ),
        )
    )

    def english(subject: URIRef, kind: str, key: str, ro: str, title: bool = False) -> None:
        entry = links.translations.get((kind, key))
        if entry is None or entry.ro != ro or not entry.en:
            raise ValueError(f"data/translations.csv has no reviewed English for {kind} {key} ({ro[:60]!r})")
        graph.add((subject, SKOS.prefLabel, _literal(entry.en, lang=EN)))
        if title:
            graph.add((subject, DCTERMS.title, _literal(entry.en, lang=EN)))
        graph.add((subject, PG.unofficialTranslation, translation))

    if plan.document:
        english(iris.plan, "plan", PLAN_SLUG, plan.document.title, title=True)
    for area in plan.areas:
        english(iris.area(area.number), "area", str(area.number), area.title)
    for general in plan.general_objectives:
        english(iris.objective(general.notation), "general-objective", general.notation, general.title)
    for specific in plan.specific_objectives:
        english(iris.objective(specific.notation), "specific-objective", specific.notation, specific.title)
    for activity in plan.activities:
        english(iris.activity(activity.notation), "activity", activity.notation, activity.title, title=True)
        for position, indicator in enumerate(activity.indicators, start=1):
            key = f"{activity.notation}/{position}"
            english(iris.indicator(activity.notation, position), "indicator", key, indicator.text)
        for position, resource in enumerate(activity.resources, start=1):
            node = iris.resource(activity.notation, position)
            graph.add((node, SKOS.prefLabel, _literal(english_resource(resource), lang=EN)))
            graph.add((node, PG.unofficialTranslation, translation))
    for abbreviation in plan.abbreviations:
        actor = registry.get(abbreviation.code)
        node = iris.abbreviation(abbreviation.code)
        if actor is not None:  # an actor's English name is in the registry
            graph.add((node, SKOS.prefLabel, _literal(actor.name_en, lang=EN)))
        else:
            english(node, "abbreviation", abbreviation.code, abbreviation.name)
