"""docs/querying.md: every query of the guide runs, on the embedded store and on the published graphs of an Oxigraph
server, and answers what the plan says (tests/plan_facts.py, read by eye)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from plan_facts import EXPECTED

from plan_graph.graph.names import DATA_GRAPHS
from plan_graph.stores.remote import RemoteStore

GUIDE = (REPO / "docs" / "querying.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sparql\n(.*?)```", GUIDE, re.S)
PREFIXES, QUERIES = BLOCKS[0], BLOCKS[1:]
TITLES = re.findall(r"^## (\d+)\. (.+)$", GUIDE, re.M)


def answer(store, number: int) -> list[dict[str, str]]:
    result = store.select(PREFIXES + QUERIES[number - 1])
    return [{name: term.value for name, term in row.items()} for row in result.rows]


def test_the_guide_has_ten_numbered_patterns_each_with_one_query():
    assert [int(number) for number, _ in TITLES] == list(range(1, 11))
    assert len(QUERIES) == 10


@pytest.fixture(scope="module", params=["embedded", "oxigraph"])
def any_store(request, store, uploads, store_settings):
    if request.param == "embedded":
        return store
    from plan_graph.release.publish import publish

    settings = store_settings("oxigraph")
    publish(uploads, settings["gsp"], settings["endpoint"])
    return RemoteStore(settings["endpoint"], default_graphs=DATA_GRAPHS)


def test_1_every_actor(any_store):
    codes = [row["code"] for row in answer(any_store, 1)]
    assert {"ANITP", "MAI", "ONG", "Grup de lucru"} <= set(codes) and len(codes) == len(set(codes))


def test_2_labels_in_one_language(any_store):
    titles = {row["notation"]: row["title"] for row in answer(any_store, 2)}
    assert len(titles) == len(EXPECTED) == 60
    assert titles["2.1.4"] != EXPECTED["2.1.4"].title  # the English title, where there is one


def test_3_activities_of_an_actor_and_its_bodies_by_role(any_store):
    found = {(row["notation"], row["body"], row["role"]) for row in answer(any_store, 3)}
    assert ("2.1.1", "MAI", "responsible") in found  # "MAI - IGI, IGPR", line 31
    assert ("5.1.2", "MAI", "partner") in found  # "MAI - ANITP, IGPR", line 94
    assert ("4.2.1", "UCAI", "responsible") in found  # "IGPR - DCCO, UCAI": UCAI → IGPR → MAI
    assert ("2.2.3", "CR ANITP", "responsible") in found  # CR ANITP → ANITP → MAI


def test_4_who_is_involved(any_store):
    counts = {row["code"]: int(row["activities"]) for row in answer(any_store, 4)}
    assert counts["ANITP"] == sum("ANITP" in set(r.responsible) | set(r.partners) for r in EXPECTED.values())
    assert counts["ONG"] == 33


def test_5_rows_that_name_an_actor(any_store):
    rows = answer(any_store, 5)
    # lines 31-35 and 94: the six rows that name MAI, as printed
    assert [row["notation"] for row in rows] == ["2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "5.1.2"]
    assert rows[0]["asWritten"] == "MAI - IGI, IGPR" and rows[-1]["role"] == "partner"
    assert rows[1]["asWritten"].startswith("Grup de lucru constituit:MAI - IGI, IGPR")


def test_6_the_working_group(any_store):
    listed = {row["notation"]: int(row["membersListed"]) for row in answer(any_store, 6)}
    # members each row lists after "Grup de lucru constituit:" (all its responsible actors but ANITP)
    assert listed == {n: len(EXPECTED[n].responsible) - 1 for n in ("2.1.2", "2.1.3", "2.1.4")}
    assert listed["2.1.3"] == listed["2.1.2"] - 1  # line 33 leaves MJ out


def test_7_deadlines_in_a_period(any_store):
    found = [(row["notation"], row["asWritten"]) for row in answer(any_store, 7)]
    first_half = ("Ianuarie 2019", "Februarie 2019", "Martie 2019", "Aprilie 2019", "Mai 2019", "Iunie 2019")
    expected = [(n, d) for n, row in EXPECTED.items() for d in row.deadlines if d in first_half]
    assert sorted(found) == sorted(expected) and len(found) == 6


def test_8_provenance_to_the_printed_line(any_store):
    [row] = answer(any_store, 8)
    assert int(row["line"]) == EXPECTED["2.1.3"].line == 33
    assert "Grup de lucru constituit:MAI - IGI, IGPRMMJS" in row["printed"]


def test_9_funding_by_kind(any_store):
    found = [row["notation"] for row in answer(any_store, 9)]
    assert len(found) == sum("finanțare externă" in r.lower() for row in EXPECTED.values() for r in row.resources)
    assert "3.2.1" in found  # "Proiect - finanțare externă nerambursabilă"


def test_10_what_was_entailed(store):
    # on the embedded store, which holds the named graphs (a remote default-graph-uri leaves none to name)
    stated = {row["type"] for row in answer(store, 10)}
    assert stated >= {
        "https://w3id.org/plan-graph/ontology#PublicOrganisation",
        "http://www.w3.org/ns/org#Organization",
    }
    assert "https://w3id.org/plan-graph/ontology#Actor" not in stated  # entailed, not stated
