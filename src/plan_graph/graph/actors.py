"""The actor registry → RDF: each actor the plan names, its kind, names, parents and relations, as the mapping
(mapping.py) states them beside the plan."""

from __future__ import annotations

import pyoxigraph as ox

from plan_graph.graph.iris import Iris
from plan_graph.graph.sink import TripleSink
from plan_graph.graph.vocab import CV, DCTERMS, KIND, ORG, PG, PROV, RDF, SKOS
from plan_graph.text.records import PlanRecords
from plan_graph.text.registry import PUBLIC_KINDS, Actor, reporting_bodies

RO = "ro"
EN = "en"


def add_actors(graph: TripleSink, plan: PlanRecords, iris: Iris, registry: dict[str, Actor]) -> None:
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
        graph.add((subject, SKOS.notation, ox.Literal(actor.code)))
        graph.add((subject, SKOS.prefLabel, ox.Literal(actor.name_ro, language=RO)))
        if actor.name_en:
            graph.add((subject, SKOS.prefLabel, ox.Literal(actor.name_en, language=EN)))
        for alias in actor.aliases:
            graph.add((subject, SKOS.altLabel, ox.Literal(alias, language=RO)))
        graph.add((subject, DCTERMS.source, ox.Literal(actor.source, language=EN)))
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
