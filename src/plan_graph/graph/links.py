"""Links to European and UN data (the EU's tables, EUR-Lex, the SDGs) and the English labels of the plan's parts,
from the reviewed tables of data/ (text/links.py), as the mapping (mapping.py) states them."""

from __future__ import annotations

import pyoxigraph as ox

from plan_graph.graph.iris import Iris
from plan_graph.graph.names import PLAN_SLUG
from plan_graph.graph.sink import TripleSink
from plan_graph.graph.vocab import DCTERMS, ELI, FOAF, LANG, PG, RDF, RDFS, SKOS
from plan_graph.text.links import ELI_DIRECTIVE, Links, english_resource, find_mentions
from plan_graph.text.records import PlanRecords
from plan_graph.text.registry import Actor

RO = "ro"
EN = "en"
COUNTRY_ROU = ox.NamedNode("http://publications.europa.eu/resource/authority/country/ROU")


def add_links(graph: TripleSink, plan: PlanRecords, registry: dict[str, Actor], iris: Iris, links: Links) -> None:
    graph.add((iris.plan, DCTERMS.spatial, COUNTRY_ROU))
    graph.add((iris.plan, DCTERMS.language, LANG.RON))
    for body in links.bodies:
        predicate = SKOS.exactMatch if body.property == "skos:exactMatch" else FOAF.homepage
        graph.add((iris.actor(registry[body.code].id), predicate, ox.NamedNode(body.target)))
    directive = ox.NamedNode(ELI_DIRECTIVE)
    graph.add((directive, RDF.type, ELI.LegalResource))
    graph.add((directive, DCTERMS.identifier, ox.Literal("Directive 2011/36/EU")))
    for link in links.provisions:
        article = ox.NamedNode(link.target)
        graph.add((_numbered(iris, link.notation), PG.implementsProvision, article))
        graph.add((article, RDF.type, ELI.LegalResourceSubdivision))
        graph.add((article, ELI.is_part_of, directive))
        graph.add((article, ELI.number, ox.Literal(link.article)))
        graph.add((article, RDFS.label, ox.Literal(f"Directive 2011/36/EU, Article {link.article}", language=EN)))
    for sdg in links.sdg:
        subject = iris.plan if sdg.notation == PLAN_SLUG else _numbered(iris, sdg.notation)
        graph.add((subject, PG.contributesTo, ox.NamedNode(sdg.iri)))
    for system in links.systems:
        node = iris.system(system.id)
        graph.add((node, RDF.type, PG.InformationSystem))
        graph.add((node, SKOS.notation, ox.Literal(system.code)))
        graph.add((node, SKOS.prefLabel, ox.Literal(system.name_ro, language=RO)))
        graph.add((node, SKOS.prefLabel, ox.Literal(system.name_en, language=EN)))
        graph.add((node, DCTERMS.source, ox.Literal(system.source, language=EN)))
    systems = {system.code: iris.system(system.id) for system in links.systems}
    for mention in find_mentions(plan, registry, links.systems):
        target = systems.get(mention.code) or iris.actor(registry[mention.code].id)
        graph.add((iris.activity(mention.notation), PG.mentions, target))
    _add_english(graph, plan, registry, iris, links)


def _numbered(iris: Iris, notation: str) -> ox.NamedNode:
    """An area ("1") or an objective ("2.3"), as the link tables write them."""
    return iris.area(int(notation)) if notation.isdigit() else iris.objective(notation)


def _add_english(graph: TripleSink, plan: PlanRecords, registry: dict[str, Actor], iris: Iris, links: Links) -> None:
    """English labels from the reviewed translation table, each resource pointing at the translation."""
    translation = iris.in_plan("translation/en")
    graph.add((translation, RDF.type, PG.UnofficialTranslation))
    graph.add((translation, DCTERMS.language, LANG.ENG))
    graph.add((translation, DCTERMS.source, ox.Literal("data/translations.csv")))
    graph.add(
        (
            translation,
            RDFS.comment,
            ox.Literal(
                "Unofficial English translation, reviewed by the plan-graph project. The Romanian text, as published "
                "in Monitorul Oficial nr. 949 of 9 November 2018, is the authoritative one.",
                language=EN,
            ),
        )
    )

    def english(subject: ox.NamedNode, kind: str, key: str, ro: str, title: bool = False) -> None:
        entry = links.translations.get((kind, key))
        if entry is None or entry.ro != ro or not entry.en:
            raise ValueError(f"data/translations.csv has no reviewed English for {kind} {key} ({ro[:60]!r})")
        graph.add((subject, SKOS.prefLabel, ox.Literal(entry.en, language=EN)))
        if title:
            graph.add((subject, DCTERMS.title, ox.Literal(entry.en, language=EN)))
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
            graph.add((node, SKOS.prefLabel, ox.Literal(english_resource(resource), language=EN)))
            graph.add((node, PG.unofficialTranslation, translation))
    for abbreviation in plan.abbreviations:
        actor = registry.get(abbreviation.code)
        node = iris.abbreviation(abbreviation.code)
        if actor is not None:  # an actor's English name is in the registry
            graph.add((node, SKOS.prefLabel, ox.Literal(actor.name_en, language=EN)))
        else:
            english(node, "abbreviation", abbreviation.code, abbreviation.name)
