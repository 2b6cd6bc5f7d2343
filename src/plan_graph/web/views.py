"""What each page shows, read from a store by SPARQL: the plan, an area, an objective, an activity, an actor.

One view per kind of resource, rendered by one template each (templates/), for the server and for the static
site alike, so that a page looks the same served or exported. Everything is read from the store (embedded or
remote) with the page queries of queries/pages/, the resource bound as a typed parameter, never from the records
the build made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from plan_graph.stores.base import Store
from plan_graph.stores.queries import bundled_rows
from plan_graph.stores.results import Row, lexical
from plan_graph.text.forms import FREQUENCIES

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


def _rows(store: Store, name: str, resource: str | None = None) -> list[Row]:
    """The rows of a page's query (queries/pages/NAME.rq), about `resource` where it takes one."""
    return bundled_rows(store, f"pages/{name}", {"resource": resource} if resource is not None else {})


def _text(row: Row, name: str) -> str:
    return lexical(row[name]) if name in row else ""


# what the home page counts, by the words it shows: the columns of pages/plan-counts.rq
COUNTS = {
    "areas": "areas",
    "general objectives": "general",
    "specific objectives": "specific",
    "activities": "activities",
    "indicators": "indicators",
    "actors the plan names": "named",
    "of them involved in its activities": "involved",
}


def plan_view(store: Store) -> PlanView | None:
    found = _rows(store, "plan")
    if not found:
        return None
    row = found[0]
    counted = _rows(store, "plan-counts")[0]
    counts = {words: int(_text(counted, column)) for words, column in COUNTS.items()}
    return PlanView(
        Ref(_text(row, "plan"), _text(row, "title"), "", _text(row, "titleEn")),
        _text(row, "act"),
        _text(row, "publication"),
        tree(store),
        counts,
    )


def tree(store: Store) -> list[Node]:
    """The plan's areas, objectives and activities, in the order of the text: the structure, then the labels
    (two simple queries: one with both, and its optional labels, was planned as a cross product, 6 s)."""
    refs = _labels(_rows(store, "tree-labels"))
    nodes: dict[str, Node] = {}
    top: list[Node] = []
    for row in _rows(store, "tree"):
        parent: Node | None = None
        for level in ("area", "general", "specific", "activity"):
            iri = _text(row, level)
            if iri not in nodes:
                nodes[iri] = Node(refs.get(iri, Ref(iri, iri)))
                (parent.children if parent else top).append(nodes[iri])
            parent = nodes[iri]
    return top


def _labels(rows: list[Row]) -> dict[str, Ref]:
    """Refs from rows of ?node, its ?notation and its ?label in Romanian and in English."""
    refs: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        entry = refs[_text(row, "node")]
        entry["notation"] = _text(row, "notation")
        label = row["label"]
        language = label.language if isinstance(label, ox.Literal) else None
        entry.setdefault(language or "ro", lexical(label))
    return {iri: Ref(iri, e.get("ro", ""), e.get("notation", ""), e.get("en", "")) for iri, e in refs.items()}


def branch_view(store: Store, iri: str) -> BranchView | None:
    """An area's or an objective's page; None when the IRI is neither."""
    rows = _rows(store, "branch", iri)
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
    main = _rows(store, "activity", iri)
    if not main:
        return None
    row = main[0]
    ref = Ref(iri, _text(row, "title"), _text(row, "notation"), _text(row, "titleEn"))
    trail = []
    if objective := _text(row, "objective"):
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
            for c in _rows(store, "activity-corrections", iri)
        ]
    _parts(store, iri, view)
    _actors(store, iri, view)
    return view


def _parts(store: Store, iri: str, view: ActivityView) -> None:
    parts: dict[str, dict[str, Any]] = {}
    for row in _rows(store, "activity-parts", iri):
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
    seen: set[tuple[str, str]] = set()
    lists = {"responsible": view.responsible, "partner": view.partners, "member": view.group_members}
    for row in _rows(store, "activity-actors", iri):
        key = (_text(row, "role"), _text(row, "actor"))
        if key in seen:
            continue
        seen.add(key)
        parent = None
        if "parent" in row:
            parent = Ref(_text(row, "parent"), _text(row, "parentName"), _text(row, "parentCode"))
        lists[key[0]].append(ActorRef(key[1], _text(row, "code"), _text(row, "name"), _text(row, "nameEn"), parent))
    group = _rows(store, "activity-group", iri)
    if group:
        g = group[0]
        view.group = Ref(_text(g, "group"), _text(g, "name"), _text(g, "code"), _text(g, "nameEn"))
        members = {member.iri for member in view.group_members}
        view.responsible = [actor for actor in view.responsible if actor.iri not in members]


def actor_view(store: Store, iri: str) -> ActorView | None:
    rows = _rows(store, "actor", iri)
    if not rows:
        return None
    row = rows[0]
    ref = ActorRef(iri, _text(row, "code"), _text(row, "name"), _text(row, "nameEn"))
    ancestors = [_actor_ref(r, "a") for r in _rows(store, "actor-ancestors", iri)]
    bodies = [_actor_ref(r, "a") for r in _rows(store, "actor-bodies", iri)]
    members = [_actor_ref(r, "a") for r in _rows(store, "actor-members", iri)]
    activities: dict[str, list[Ref]] = {role: [] for role in ROLES}  # in this order on the page
    for r in _rows(store, "actor-roles", iri):
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
    return [_actor_ref(r, "a") for r in _rows(store, "actors")]
