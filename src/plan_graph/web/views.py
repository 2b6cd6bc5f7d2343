"""What each page shows, read from a store by SPARQL: the plan, an area, an objective, an activity, an actor.

One view per kind of resource, rendered by one template each (templates/), for the server and for the static
site alike, so that a page looks the same served or exported. Everything is read from the store (embedded or
remote) with a few SELECT queries, never from the records the build made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from plan_graph.graph.names import PREFIXES
from plan_graph.stores.base import Store
from plan_graph.stores.binding import term
from plan_graph.stores.results import Row, lexical
from plan_graph.text.forms import FREQUENCIES

PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
MONTHS_RO = (
    "Ianuarie",
    "Februarie",
    "Martie",
    "Aprilie",
    "Mai",
    "Iunie",
    "Iulie",
    "August",
    "Septembrie",
    "Octombrie",
    "Noiembrie",
    "Decembrie",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ROLES = ("responsible", "responsible, as the working group", "partner")
PART_KINDS = {  # the classes of an activity's parts, in words (the most specific class a part has)
    "CountIndicator": "count",
    "DeliverableIndicator": "deliverable",
    "OneOffDeadline": "one-off",
    "RecurringDeadline": "recurring",
    "BodyBudget": "budget of the bodies named",
    "ResponsibleBodiesBudget": "budgets of the responsible bodies",
    "ExternalGrant": "external grant",
    "ProjectGrant": "project grant",
    "NoResourcesNeeded": "not applicable",
}


@dataclass(frozen=True)
class Ref:
    """A resource as a link shows it: its IRI, notation and label (Romanian, and English beside it)."""

    iri: str
    label: str
    notation: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class ActorRef:
    iri: str
    code: str
    name: str
    name_en: str = ""
    parent: Ref | None = None  # the body it belongs to ("IGPR, of MAI")


@dataclass(frozen=True)
class Part:
    """An indicator, a deadline or a resource of an activity, in the row's order."""

    iri: str
    position: int
    text: str  # Romanian, as printed (corrected where the text had a defect)
    text_en: str
    kind: str  # in words: count, deliverable, one-off, recurring, budget …
    detail: str = ""  # a deadline's value in words ("June 2019", "every quarter"); a resource's holders


@dataclass(frozen=True)
class Printed:
    line: int
    text: str


@dataclass
class ActivityView:
    ref: Ref
    trail: list[Ref]  # area › general objective › specific objective
    indicators: list[Part] = field(default_factory=list)
    deadlines: list[Part] = field(default_factory=list)
    resources: list[Part] = field(default_factory=list)
    responsible: list[ActorRef] = field(default_factory=list)
    partners: list[ActorRef] = field(default_factory=list)
    group: Ref | None = None  # the working group responsible in this row
    group_members: list[ActorRef] = field(default_factory=list)
    responsible_as_written: str = ""
    partners_as_written: str = ""
    printed: Printed | None = None
    corrections: list[Correction] = field(default_factory=list)  # made to the row's text, visibly


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    reason: str


@dataclass
class ActorView:
    ref: ActorRef
    kind: str
    ancestors: list[ActorRef]  # the bodies above it, nearest first
    parent_stated_by: str  # "the plan" or "curated" (data/actors.csv, with a source): who says it belongs there
    bodies: list[ActorRef]  # the bodies directly below it
    members: list[ActorRef]  # of a collective body
    activities: dict[str, list[Ref]]  # role ("responsible", "partner", "through the working group") -> activities
    source: str = ""  # where the registry has its facts from


@dataclass
class Node:
    """An area, an objective or an activity in the plan's tree, with what is under it."""

    ref: Ref
    children: list[Node] = field(default_factory=list)

    @property
    def activities(self) -> int:
        return sum(child.activities for child in self.children) if self.children else 1


@dataclass
class PlanView:
    ref: Ref
    act: str
    publication: str
    areas: list[Node]
    counts: dict[str, int]


@dataclass
class BranchView:
    """An area or an objective: its place in the plan, its printed line, what is under it."""

    ref: Ref
    level: str  # area, general objective, specific objective
    trail: list[Ref]
    node: Node
    printed: Printed | None


def _rows(store: Store, query: str) -> list[Row]:
    return store.select(PROLOGUE + query).rows


def _text(row: Row, name: str) -> str:
    return lexical(row[name]) if name in row else ""


def _iri(iri: str) -> str:
    return term(ox.NamedNode(iri))


def plan_view(store: Store) -> PlanView | None:
    found = _rows(
        store,
        """
        SELECT ?plan ?title ?titleEn ?act ?publication WHERE {
          ?plan a pg:ActionPlan ; dct:title ?title FILTER (LANG(?title) = "ro")
          OPTIONAL { ?plan dct:title ?titleEn FILTER (LANG(?titleEn) = "en") }
          OPTIONAL { ?plan dct:isPartOf ?legal . ?legal eli:title ?act
                     OPTIONAL { ?legal eli:published_in ?publication } }
        } LIMIT 1""",
    )
    if not found:
        return None
    row = found[0]
    counts = {name: int(_text(count, "n")) for name, query in COUNTS.items() for count in _rows(store, query)}
    return PlanView(
        Ref(_text(row, "plan"), _text(row, "title"), "", _text(row, "titleEn")),
        _text(row, "act"),
        _text(row, "publication"),
        tree(store),
        counts,
    )


COUNTS = {
    "areas": "SELECT (COUNT(*) AS ?n) WHERE { ?x a pg:Area }",
    "general objectives": "SELECT (COUNT(*) AS ?n) WHERE { ?x a pg:GeneralObjective }",
    "specific objectives": "SELECT (COUNT(*) AS ?n) WHERE { ?x a pg:SpecificObjective }",
    "activities": "SELECT (COUNT(*) AS ?n) WHERE { ?x a pg:Activity }",
    "indicators": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a pg:hasIndicator ?x }",
    "actors the plan names": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a pg:Actor }",
    "of them involved in its activities": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a pg:responsible|pg:partner ?x }",
}


def tree(store: Store) -> list[Node]:
    """The plan's areas, objectives and activities, in the order of the text: the structure, then the labels
    (two simple queries: one with both, and its optional labels, was planned as a cross product, 6 s)."""
    rows = _rows(
        store,
        """
        SELECT ?area ?general ?specific ?activity WHERE {
          ?area pg:hasGeneralObjective ?general . ?general pg:hasSpecificObjective ?specific .
          ?specific pg:hasActivity ?activity . ?activity prov:wasDerivedFrom/pg:lineNumber ?line
        } ORDER BY ?line""",
    )
    refs = labelled(
        store, "VALUES ?class { pg:Area pg:GeneralObjective pg:SpecificObjective pg:Activity } ?node a ?class"
    )
    nodes: dict[str, Node] = {}
    top: list[Node] = []
    for row in rows:
        parent: Node | None = None
        for level in ("area", "general", "specific", "activity"):
            iri = _text(row, level)
            if iri not in nodes:
                nodes[iri] = Node(refs.get(iri, Ref(iri, iri)))
                (parent.children if parent else top).append(nodes[iri])
            parent = nodes[iri]
    return top


def labelled(store: Store, pattern: str) -> dict[str, Ref]:
    """The notation and the Romanian and English labels (or titles) of the nodes a pattern binds to ?node."""
    refs: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _rows(
        store,
        f"""
        SELECT ?node ?notation ?label WHERE {{
          {pattern} .
          ?node skos:notation ?notation ; skos:prefLabel|dct:title ?label
        }}""",
    ):
        entry = refs[_text(row, "node")]
        entry["notation"] = _text(row, "notation")
        label = row["label"]
        language = label.language if isinstance(label, ox.Literal) else None
        entry.setdefault(language or "ro", lexical(label))
    return {iri: Ref(iri, e.get("ro", ""), e.get("notation", ""), e.get("en", "")) for iri, e in refs.items()}


def branch_view(store: Store, iri: str) -> BranchView | None:
    """An area's or an objective's page; None when the IRI is neither."""
    rows = _rows(
        store,
        f"""
        SELECT ?class ?line ?printed WHERE {{
          VALUES ?class {{ pg:Area pg:GeneralObjective pg:SpecificObjective }}
          {_iri(iri)} a ?class .
          OPTIONAL {{ {_iri(iri)} prov:wasDerivedFrom ?source . ?source pg:lineNumber ?line ; prov:value ?printed }}
        }}""",
    )
    if not rows:
        return None
    level = {"Area": "area", "GeneralObjective": "general objective", "SpecificObjective": "specific objective"}[
        _text(rows[0], "class").rsplit("#", 1)[-1]
    ]
    nodes = tree(store)
    found = _find(nodes, iri)
    if found is None:
        return None
    trail = _trail(nodes, iri)
    printed = Printed(int(_text(rows[0], "line")), _text(rows[0], "printed")) if "line" in rows[0] else None
    return BranchView(found.ref, level, trail, found, printed)


def _find(nodes: list[Node], iri: str) -> Node | None:
    for node in nodes:
        if node.ref.iri == iri:
            return node
        if (found := _find(node.children, iri)) is not None:
            return found
    return None


def _trail(nodes: list[Node], iri: str, above: list[Ref] | None = None) -> list[Ref]:
    """The refs above a node, from its area down."""
    above = above or []
    for node in nodes:
        if node.ref.iri == iri:
            return above
        if (found := _trail(node.children, iri, [*above, node.ref])) or _find(node.children, iri):
            return found
    return []


def activity_view(store: Store, iri: str) -> ActivityView | None:
    main = _rows(
        store,
        f"""
        SELECT ?notation ?title ?titleEn ?line ?printed ?responsibleAsWritten ?partnersAsWritten WHERE {{
          {_iri(iri)} a pg:Activity ; skos:notation ?notation ; dct:title ?title FILTER (LANG(?title) = "ro")
          OPTIONAL {{ {_iri(iri)} dct:title ?titleEn FILTER (LANG(?titleEn) = "en") }}
          OPTIONAL {{ {_iri(iri)} prov:wasDerivedFrom ?source . ?source pg:lineNumber ?line ; prov:value ?printed }}
          OPTIONAL {{ {_iri(iri)} pg:responsibleAsWritten ?responsibleAsWritten }}
          OPTIONAL {{ {_iri(iri)} pg:partnersAsWritten ?partnersAsWritten }}
        }} LIMIT 1""",
    )
    if not main:
        return None
    row = main[0]
    ref = Ref(iri, _text(row, "title"), _text(row, "notation"), _text(row, "titleEn"))
    specific = _rows(store, f"SELECT ?objective WHERE {{ {_iri(iri)} pg:forObjective ?objective }}")
    trail = []
    if specific:
        objective = _text(specific[0], "objective")
        nodes = tree(store)
        trail = [*_trail(nodes, objective), *([found.ref] if (found := _find(nodes, objective)) else [])]
    view = ActivityView(
        ref,
        trail,
        responsible_as_written=_text(row, "responsibleAsWritten"),
        partners_as_written=_text(row, "partnersAsWritten"),
    )
    if "line" in row:
        view.printed = Printed(int(_text(row, "line")), _text(row, "printed"))
        view.corrections = [
            Correction(_text(c, "original"), _text(c, "corrected"), _text(c, "reason"))
            for c in _rows(
                store,
                f"""
            SELECT ?original ?corrected ?reason WHERE {{
              {_iri(iri)} prov:wasDerivedFrom ?source . ?correction a pg:Correction ; prov:wasDerivedFrom ?source ;
                  pg:original ?original ; pg:corrected ?corrected ; dct:description ?reason
            }} ORDER BY ?correction""",
            )
        ]
    _parts(store, iri, view)
    _actors(store, iri, view)
    return view


def _parts(store: Store, iri: str, view: ActivityView) -> None:
    rows = _rows(
        store,
        f"""
        SELECT ?kind ?part ?position ?class ?text ?textEn ?written ?month ?frequency ?holder WHERE {{
          {{ {_iri(iri)} pg:hasIndicator ?part BIND ("indicator" AS ?kind) }}
          UNION {{ {_iri(iri)} pg:hasDeadline ?part BIND ("deadline" AS ?kind) }}
          UNION {{ {_iri(iri)} pg:hasFundingSource ?part BIND ("resource" AS ?kind) }}
          ?part pg:position ?position ; a ?class .
          OPTIONAL {{ ?part skos:prefLabel ?text FILTER (LANG(?text) = "ro") }}
          OPTIONAL {{ ?part skos:prefLabel ?textEn FILTER (LANG(?textEn) = "en") }}
          OPTIONAL {{ ?part pg:asWritten ?written }}
          OPTIONAL {{ ?part pg:dueMonth ?month }}
          OPTIONAL {{ ?part dct:accrualPeriodicity ?frequency }}
          OPTIONAL {{ ?part pg:holder/skos:notation ?holder }}
        }} ORDER BY ?kind ?position""",
    )
    parts: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = _text(row, "part")
        entry = parts.setdefault(key, {"row": row, "classes": set(), "holders": []})
        entry["classes"].add(_text(row, "class").rsplit("#", 1)[-1])
        if (holder := _text(row, "holder")) and holder not in entry["holders"]:
            entry["holders"].append(holder)
    lists = {"indicator": view.indicators, "deadline": view.deadlines, "resource": view.resources}
    for key, entry in parts.items():
        row = entry["row"]
        kind = next((PART_KINDS[c] for c in PART_KINDS if c in entry["classes"]), "")
        text = _text(row, "text") or _text(row, "written")
        detail = ""
        if month := _text(row, "month"):
            year, number = month.split("-")[:2]
            detail = f"{MONTHS_EN[int(number) - 1]} {year}"
        elif frequency := _text(row, "frequency"):
            detail = FREQUENCIES.get(frequency.rsplit("/", 1)[-1], frequency)
        elif entry["holders"]:
            detail = ", ".join(entry["holders"])
        lists[_text(row, "kind")].append(
            Part(key, int(_text(row, "position")), text, _text(row, "textEn"), kind, detail)
        )


def _actors(store: Store, iri: str, view: ActivityView) -> None:
    rows = _rows(
        store,
        f"""
        SELECT ?role ?actor ?code ?name ?nameEn ?parent ?parentCode ?parentName WHERE {{
          {{ {_iri(iri)} pg:responsible ?actor BIND ("responsible" AS ?role) }}
          UNION {{ {_iri(iri)} pg:partner ?actor BIND ("partner" AS ?role) }}
          UNION {{ {_iri(iri)} pg:hasActorItem/pg:namesMember ?actor BIND ("member" AS ?role) }}  # as listed here
          ?actor skos:notation ?code ; skos:prefLabel ?name FILTER (LANG(?name) = "ro")
          OPTIONAL {{ ?actor skos:prefLabel ?nameEn FILTER (LANG(?nameEn) = "en") }}
          OPTIONAL {{ ?actor org:subOrganizationOf ?parent . ?parent skos:notation ?parentCode ;
                      skos:prefLabel ?parentName FILTER (LANG(?parentName) = "ro") }}
        }} ORDER BY ?role ?code""",
    )
    seen: set[tuple[str, str]] = set()
    lists = {"responsible": view.responsible, "partner": view.partners, "member": view.group_members}
    for row in rows:
        key = (_text(row, "role"), _text(row, "actor"))
        if key in seen:
            continue
        seen.add(key)
        parent = None
        if "parent" in row:
            parent = Ref(_text(row, "parent"), _text(row, "parentName"), _text(row, "parentCode"))
        lists[key[0]].append(ActorRef(key[1], _text(row, "code"), _text(row, "name"), _text(row, "nameEn"), parent))
    group = _rows(
        store,
        f"""
        SELECT ?group ?name ?nameEn ?code WHERE {{
          {_iri(iri)} pg:responsibleGroup ?group . ?group skos:prefLabel ?name FILTER (LANG(?name) = "ro")
          OPTIONAL {{ ?group skos:prefLabel ?nameEn FILTER (LANG(?nameEn) = "en") }}
          OPTIONAL {{ ?group skos:notation ?code }}
        }} LIMIT 1""",
    )
    if group:
        g = group[0]
        view.group = Ref(_text(g, "group"), _text(g, "name"), _text(g, "code"), _text(g, "nameEn"))
        members = {member.iri for member in view.group_members}
        view.responsible = [actor for actor in view.responsible if actor.iri not in members]


def actor_view(store: Store, iri: str) -> ActorView | None:
    rows = _rows(
        store,
        f"""
        SELECT ?code ?name ?nameEn ?kind ?source ?stated WHERE {{
          {_iri(iri)} pg:kind ?kindConcept ; skos:notation ?code ; skos:prefLabel ?name FILTER (LANG(?name) = "ro")
          OPTIONAL {{ {_iri(iri)} skos:prefLabel ?nameEn FILTER (LANG(?nameEn) = "en") }}
          OPTIONAL {{ ?kindConcept skos:prefLabel ?kindLabel FILTER (LANG(?kindLabel) = "en") }}
          BIND (COALESCE(?kindLabel, STRAFTER(STR(?kindConcept), "/kind/")) AS ?kind)
          OPTIONAL {{ {_iri(iri)} dct:source ?source FILTER (LANG(?source) = "en") }}
          OPTIONAL {{ {_iri(iri)} pg:parentStatedBy ?stated }}
        }} LIMIT 1""",
    )
    if not rows:
        return None
    row = rows[0]
    ref = ActorRef(iri, _text(row, "code"), _text(row, "name"), _text(row, "nameEn"))
    ancestors = [
        _actor_ref(r, "a")
        for r in _rows(
            store,
            f"""
        SELECT ?a ?aCode ?aName (COUNT(?between) AS ?depth) WHERE {{
          {_iri(iri)} org:subOrganizationOf+ ?a . ?a skos:notation ?aCode ; skos:prefLabel ?aName
          FILTER (LANG(?aName) = "ro")
          OPTIONAL {{ {_iri(iri)} org:subOrganizationOf+ ?between . ?between org:subOrganizationOf+ ?a }}
        }} GROUP BY ?a ?aCode ?aName ORDER BY ?depth""",
        )
    ]
    bodies = [
        _actor_ref(r, "a")
        for r in _rows(
            store,
            f"""
        SELECT ?a ?aCode ?aName WHERE {{
          ?a org:subOrganizationOf {_iri(iri)} ; skos:notation ?aCode ; skos:prefLabel ?aName
          FILTER (LANG(?aName) = "ro")
        }} ORDER BY ?aCode""",
        )
    ]
    members = [
        _actor_ref(r, "a")
        for r in _rows(
            store,
            f"""
        SELECT ?a ?aCode ?aName WHERE {{
          {_iri(iri)} org:hasMember ?a . ?a skos:notation ?aCode ; skos:prefLabel ?aName FILTER (LANG(?aName) = "ro")
        }} ORDER BY ?aCode""",
        )
    ]
    activities: dict[str, list[Ref]] = {role: [] for role in ROLES}  # in this order on the page
    for r in _rows(
        store,
        f"""
        SELECT ?role ?activity ?notation ?title WHERE {{
          {{ ?activity pg:responsible {_iri(iri)} BIND ("responsible" AS ?role) }}
          UNION {{ ?activity pg:partner {_iri(iri)} BIND ("partner" AS ?role) }}
          UNION {{ ?activity pg:responsibleGroup {_iri(iri)} BIND ("responsible, as the working group" AS ?role) }}
          ?activity skos:notation ?notation ; dct:title ?title ; prov:wasDerivedFrom/pg:lineNumber ?line
          FILTER (LANG(?title) = "ro")
        }} ORDER BY ?role ?line""",
    ):
        activities[_text(r, "role")].append(Ref(_text(r, "activity"), _text(r, "title"), _text(r, "notation")))
    stated = "the plan" if _text(row, "stated").endswith("StatedByPlan") else "curated" if "stated" in row else ""
    return ActorView(
        ref,
        _text(row, "kind"),
        ancestors,
        stated,
        bodies,
        members,
        {role: refs for role, refs in activities.items() if refs},
        _text(row, "source"),
    )


def _actor_ref(row: Row, prefix: str) -> ActorRef:
    return ActorRef(_text(row, prefix), _text(row, prefix + "Code"), _text(row, prefix + "Name"))


def actors(store: Store) -> list[ActorRef]:
    """Every actor of the registry, by code."""
    return [
        _actor_ref(r, "a")
        for r in _rows(
            store,
            """
        SELECT ?a ?aCode ?aName WHERE {
          ?a a pg:Actor ; skos:notation ?aCode ; skos:prefLabel ?aName FILTER (LANG(?aName) = "ro")
        } ORDER BY ?aCode""",
        )
    ]
