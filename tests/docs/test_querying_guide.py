"""docs/querying.md: every query of the guide runs, on the embedded store and on the published graphs of an Oxigraph
server, and answers what the plan says (tests/support/plan_facts.py, read by eye)."""

from __future__ import annotations

import csv
import re

import pytest

from plan_graph.graph.names import DATA_GRAPHS
from plan_graph.stores.remote import RemoteStore
from tests.support.paths import REPO
from tests.support.plan_facts import EXPECTED

GUIDE = (REPO / "docs" / "querying.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sparql\n(.*?)```", GUIDE, re.S)
PREFIXES, QUERIES = BLOCKS[0], BLOCKS[1:]
TITLES = re.findall(r"^## (\d+)\. (.+)$", GUIDE, re.M)


def answer(store, number: int) -> list[dict[str, str]]:
    result = store.select(PREFIXES + QUERIES[number - 1])
    return [{name: term.value for name, term in row.items()} for row in result.rows]


NOT_PREFIXES = {"http", "https", "urn", "mailto", "input"}  # schemes, and Virtuoso's `input:inference` pragma


def test_every_prefix_the_queries_and_the_docs_use_is_in_the_guides_block():
    declared = dict(re.findall(r"^PREFIX (\w+):\s+<([^>]+)>$", PREFIXES, re.M))
    used: dict[str, set[str]] = {}
    for path in sorted((REPO / "queries").rglob("*.rq")):
        for prefix, iri in re.findall(r"^PREFIX (\w+):\s*<([^>]+)>", path.read_text(encoding="utf-8"), re.M):
            used.setdefault(prefix, set()).add(iri)
    for path in [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md"]:
        prose = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        for code in re.findall(r"`([^`\n]+)`", prose):
            for prefix in re.findall(r"(?<![\w/.:-])([a-z][a-z0-9]*):[A-Za-z_]", code):
                if prefix not in NOT_PREFIXES:
                    used.setdefault(prefix, set())
    assert set(used) <= set(declared), sorted(set(used) - set(declared))
    assert {prefix: iris for prefix, iris in used.items() if iris - {declared[prefix]}} == {}
    from plan_graph.graph.names import PREFIXES as PROJECT

    assert {p: iri for p, iri in declared.items() if p in PROJECT and PROJECT[p] != iri} == {}


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


def involvement() -> dict[str, set[tuple[str, str]]]:
    """Each actor's (activity, role) pairs, as the plan's rows say (tests/support/plan_facts.py)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for notation, row in EXPECTED.items():
        for role, codes in (("responsible", row.responsible), ("partner", row.partners)):
            for code in codes:
                found.setdefault(code, set()).add((notation, role))
    return found


def test_1_every_actor(any_store, registry):
    # every actor of the registry (data/actors.csv), by code, with its English name
    assert [(row["code"], row["name"]) for row in answer(any_store, 1)] == sorted(
        (actor.code, actor.name_en) for actor in registry.values()
    )


def test_2_labels_in_one_language(any_store):
    with (REPO / "data" / "translations.csv").open(encoding="utf-8", newline="") as handle:
        english = {row["key"]: row["en"] for row in csv.DictReader(handle) if row["kind"] == "activity"}
    expected = [(notation, english.get(notation, row.title)) for notation, row in sorted(EXPECTED.items())]
    assert [(row["notation"], row["title"]) for row in answer(any_store, 2)] == expected


def test_3_activities_of_an_actor_and_its_bodies_by_role(any_store, registry):
    def under_mai(code: str) -> bool:
        while code:
            if code == "MAI":
                return True
            code = registry[code].parent or ""
        return False

    expected = sorted(
        (notation, code, role) for code, pairs in involvement().items() if under_mai(code) for notation, role in pairs
    )
    found = [(row["notation"], row["body"], row["role"]) for row in answer(any_store, 3)]
    assert found == expected
    # "MAI - IGI, IGPR" (line 31), "IGPR - DCCO, UCAI" (line 88): UCAI → IGPR → MAI; CR ANITP → ANITP → MAI
    assert {
        ("2.1.1", "MAI", "responsible"),
        ("4.2.1", "UCAI", "responsible"),
        ("2.2.3", "CR ANITP", "responsible"),
    } <= set(found) and len({body for _, body, _ in found}) == 11


def test_4_who_is_involved(any_store):
    counts = {code: len({notation for notation, _ in pairs}) for code, pairs in involvement().items()}
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    assert [(row["code"], int(row["activities"])) for row in answer(any_store, 4)] == expected
    assert counts["ONG"] == 33 and len(counts) == 51


def test_5_rows_that_name_an_actor(any_store, plan_text):
    printed = plan_text.splitlines()
    # lines 31-35 and 94: the six rows that name MAI, each item as printed in its row
    expected = [
        ("2.1.1", "MAI - IGI, IGPR", "responsible", "X through its bodies A, B"),
        *(
            (n, item, "responsible", "working group with the members the row lists")
            for n, item in (
                ("2.1.2", "Grup de lucru constituit:MAI - IGI, IGPRMMJS, ANPDCA, ANES, ANPD, ANOFMMSMJMAEANR"),
                ("2.1.3", "Grup de lucru constituit:MAI - IGI, IGPRMMJS, ANPDCA, ANES, ANPD, ANOFMMSMAEANR"),
                ("2.1.4", "Grup de lucru constituit:MAI - IGI, IGPRMMJS, ANPDCA, ANES, ANPD, ANOFMMSMJMAEANR"),
            )
        ),
        ("2.1.5", "MAI - ANITP, IGI", "responsible", "X through its bodies A, B"),
        ("5.1.2", "MAI - ANITP, IGPR", "partner", "X through its bodies A, B"),
    ]
    for (notation, item, _, _), line in zip(expected, (31, 32, 33, 34, 35, 94), strict=True):
        assert item in printed[line - 1] and EXPECTED[notation].line == line  # the item as the line prints it
    found = [(row["notation"], row["asWritten"], row["role"], row["construction"]) for row in answer(any_store, 5)]
    assert found == expected


def test_6_the_working_group(any_store):
    listed = {row["notation"]: int(row["membersListed"]) for row in answer(any_store, 6)}
    # members each row lists after "Grup de lucru constituit:" (all its responsible actors but ANITP)
    assert listed == {n: len(EXPECTED[n].responsible) - 1 for n in ("2.1.2", "2.1.3", "2.1.4")}
    assert listed["2.1.3"] == listed["2.1.2"] - 1  # line 33 leaves MJ out


def test_7_deadlines_in_a_period(any_store):
    months = {"Ianuarie": "01", "Februarie": "02", "Martie": "03", "Aprilie": "04", "Mai": "05", "Iunie": "06"}
    expected = sorted(
        (f"{d.split()[1]}-{months[d.split()[0]]}", n, d)
        for n, row in EXPECTED.items()
        for d in row.deadlines
        if d.split()[0] in months and d.endswith("2019")
    )
    found = [(row["month"], row["notation"], row["asWritten"]) for row in answer(any_store, 7)]
    assert found == expected and len(found) == 6


def test_8_provenance_to_the_printed_line(any_store, plan_text):
    assert answer(any_store, 8) == [{"line": "33", "printed": plan_text.splitlines()[32]}]
    assert EXPECTED["2.1.3"].line == 33


def test_9_funding_by_kind(any_store):
    expected = sorted(
        (n, r)
        for n, row in EXPECTED.items()
        for r in row.resources
        if r in ("Finanțare externă nerambursabilă", "Proiect - finanțare externă nerambursabilă")
    )
    assert [(row["notation"], row["asWritten"]) for row in answer(any_store, 9)] == expected
    assert ("3.2.1", "Proiect - finanțare externă nerambursabilă") in expected and len(expected) == 20


def test_10_what_was_entailed(store):
    # on the embedded store, which holds the named graphs (a remote default-graph-uri leaves none to name): what
    # is stated of ANITP, an agency and a reporting body (data/actors.csv), and of its abbreviation
    found = {(row["type"], row["stated"]) for row in answer(store, 10)}
    assert found == {
        (iri, "1")
        for iri in (
            "http://data.europa.eu/m8g/PublicOrganisation",
            "http://www.w3.org/ns/org#Organization",
            "https://w3id.org/plan-graph/ontology#Abbreviation",
            "https://w3id.org/plan-graph/ontology#Organisation",
            "https://w3id.org/plan-graph/ontology#PublicOrganisation",
            "https://w3id.org/plan-graph/ontology#ReportingBody",
        )
    }
