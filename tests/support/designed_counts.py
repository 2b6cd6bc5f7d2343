"""The counts the model is designed to give (actors, indicators, deadlines, the transitive hierarchy …), each from
what the plan as read by eye (support/plan_facts.py) or the curated actor registry (data/actors.csv) says, and
the query that counts them on any store."""

from __future__ import annotations

import csv

from plan_graph.graph.names import PREFIXES
from tests.support.paths import REPO
from tests.support.plan_facts import EXPECTED

PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def registry_rows() -> list[dict[str, str]]:
    with (REPO / "data" / "actors.csv").open(encoding="utf-8") as table:
        return list(csv.DictReader(table))


def ancestors(code: str) -> set[str]:
    """The actors above one, following the registry's parent column."""
    parents = {row["code"]: row["parent"] for row in registry_rows() if row["parent"]}
    seen, above = set(), parents.get(code)
    while above and above not in seen:
        seen.add(above)
        above = parents.get(above)
    return seen


def ancestor_pairs() -> int:
    """(actor, any actor above it) pairs."""
    return sum(len(ancestors(row["code"])) for row in registry_rows())


# The counts the model is designed to give, each from what the plan (tests/support/plan_facts.py, read by eye) or the
# curated actor registry (data/actors.csv) says, not from the program's output.
DESIGNED = {
    "?x a pg:Actor": len(registry_rows()),  # every actor of the registry, organisation, category or group
    "?x a pg:Indicator": sum(len(row.indicators) for row in EXPECTED.values()),  # 108
    "?x a pg:Deadline": sum(len(row.deadlines) for row in EXPECTED.values()),  # 61: 2.3.1 has two
    "?x a pg:FundingSource": sum(len(row.resources) for row in EXPECTED.values()),
    "?x a pg:Objective": 5 + 19,  # "Obiectiv general 1" … 5 and "Obiectiv specific 1.1" … 5.5
    "?x a pg:ExternalGrant": sum(
        "finanțare externă" in resource.lower() for row in EXPECTED.values() for resource in row.resources
    ),  # with the 4 "Proiect - finanțare externă nerambursabilă": a project grant is an external grant
    "?a pg:involves ?x": sum(len(set(row.responsible) | set(row.partners)) for row in EXPECTED.values()),
    "?x org:transitiveSubOrganizationOf ?y": ancestor_pairs(),
    "?x a prov:Agent": len(registry_rows()),
}


def count_query(pattern: str) -> str:
    # DISTINCT: a store doing its own inference (Virtuoso's input:inference) gives one solution per derivation
    return PROLOGUE + f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {{ {pattern} }} }}"


def counts(store) -> dict[str, int]:
    return {pattern: int(store.select(count_query(pattern)).rows[0]["n"].value) for pattern in DESIGNED}
