"""The HTML page of each resource, of the SPARQL results, of errors and of the query page, from the templates.

A resource's page is chosen by what the store says it is: the plan, an area or objective, an activity, an actor;
any other resource gets the generic page of its statements. The server and the static site call the same function
with their own Links, so a page looks the same served or exported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox

from plan_graph.graph.names import MINTED_ROOT, PREFIXES, curie
from plan_graph.stores.base import Store
from plan_graph.stores.results import AskResult, SelectResult, Term, lexical
from plan_graph.web import views
from plan_graph.web.linked_data import Description, LinkedData
from plan_graph.web.monitoring import activity_timeline, actor_reports
from plan_graph.web.rendering import Links, render


@dataclass(frozen=True)
class Cell:
    """A term as a page shows it: its text, where it links, its language or datatype."""

    text: str
    href: str | None = None
    lang: str = ""
    datatype: str = ""
    iri: bool = False


@dataclass(frozen=True)
class GenericView:
    iri: str
    title: str
    title_en: str
    types: list[Cell]
    statements: list[tuple[Cell, Cell]]
    incoming: list[tuple[Cell, Cell]]
    more_incoming: bool
    printed: views.Printed | None


def resource_page(iri: str, store: Store, data: LinkedData, links: Links) -> str | None:
    """The page of a resource, or None when the store knows nothing about it."""
    if iri.rsplit("/", 1)[0].endswith("/activity") and (activity := views.activity_view(store, iri)):
        timeline = activity_timeline(store, iri.rsplit("/", 1)[1])
        return render("activity.html", links, activity=activity, timeline=timeline)
    if ("/area/" in iri or "/objective/" in iri) and (branch := views.branch_view(store, iri)):
        return render("branch.html", links, branch=branch)
    if "/actor/" in iri and (actor := views.actor_view(store, iri)):
        involved = {ref.notation: ref for refs in actor.activities.values() for ref in refs}
        return render("actor.html", links, actor=actor, reports=actor_reports(store, actor.ref.code, involved))
    if (plan := views.plan_view(store)) is not None and plan.ref.iri == iri:
        return render("home.html", links, plan=plan)
    if not data.exists(iri):
        return None
    return render("resource.html", links, view=generic_view(data.describe(iri), data, links))


def home_page(store: Store, links: Links) -> str | None:
    plan = views.plan_view(store)
    return render("home.html", links, plan=plan) if plan is not None else None


def actors_page(store: Store, links: Links) -> str:
    return render("actors.html", links, actors=views.actors(store))


def generic_view(description: Description, data: LinkedData, links: Links) -> GenericView:
    def cell(term: Term) -> Cell:
        if isinstance(term, ox.NamedNode):
            label = data.label(term.value) if term.value.startswith(MINTED_ROOT) else None
            return Cell(label or curie(term.value), links.href(term.value), iri=not label)
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value
            shown = "" if term.language or datatype.endswith("#string") else curie(datatype)
            return Cell(term.value, None, term.language or "", shown)
        return Cell(str(term) if not isinstance(term, ox.BlankNode) else "_:" + term.value, iri=True)

    labels = data.labels(description.iri)
    title = labels.get("ro") or labels.get("") or labels.get("en") or curie(description.iri)
    english = labels.get("en", "") if labels.get("en") != title else ""
    printed = views.Printed(*description.source_line) if description.source_line else None
    return GenericView(
        description.iri,
        title,
        english,
        [cell(ox.NamedNode(t)) for t in data.types(description.iri)],
        [(cell(s.predicate), cell(s.value)) for s in description.outgoing],
        [(cell(s), cell(p)) for s, p in description.incoming],
        description.more_incoming,
        printed,
    )


def results_page(result: SelectResult | AskResult, links: Links) -> str:
    """SELECT results as a table, an ASK answer as a sentence, for `?format=html` in a browser."""
    if isinstance(result, AskResult):
        return render("results.html", links, heading="SPARQL answer", answer=result.value, variables=[], rows=[])
    rows = [[_result_cell(row.get(name), links) for name in result.variables] for row in result.rows]
    return render(
        "results.html",
        links,
        heading=f"SPARQL results ({len(rows)})",
        answer=None,
        variables=result.variables,
        rows=rows,
    )


def _result_cell(term: Term | None, links: Links) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, ox.NamedNode):
        return Cell(term.value, links.href(term.value))
    return Cell(lexical(term))


def message_page(status: int, heading: str, message: str, links: Links) -> str:
    return render("message.html", links, status=status, heading=heading, message=message)


def search_page(text: str, found: SelectResult | None, links: Links) -> str:
    rows = found.rows if found is not None else []
    matches: dict[str, views.Ref] = {}  # one line per resource, in the text's order
    for row in rows:
        node = lexical(row["node"])
        matches.setdefault(node, views.Ref(node, lexical(row["text"]), lexical(row["notation"])))
    kinds = {lexical(row["node"]): lexical(row["field"]) for row in rows}
    listing = [
        {"iri": ref.iri, "label": ref.label, "notation": ref.notation, "notation_kind": kinds[ref.iri]}
        for ref in matches.values()
    ]
    return render("search.html", links, text=text, found=listing)


def query_page(examples: list[dict[str, str]], endpoint: str, links: Links, run: str | None) -> str:
    prologue = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if prefix in PAGE_PREFIXES)
    config = {"endpoint": endpoint, "examples": examples, "run": run, "prologue": prologue}
    return render("query.html", links, endpoint=endpoint, examples=examples, config=json.loads(json.dumps(config)))


PAGE_PREFIXES = ("pg", "skos", "dct", "prov", "org", "rdf", "rdfs", "xsd")  # the query editor's default prologue
