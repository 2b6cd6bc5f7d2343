"""Saved queries: each answer checked against what the document says (tests/support/plan_facts.py, read by eye),
the actor hierarchy that the registry (data/actors.csv, its parent column) and the plan state, and lists
established by reading the text."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from plan_graph.graph.formats import CSV, JSON, XML
from plan_graph.stores.binding import BindingError, top_level_braces, with_values
from plan_graph.stores.queries import (
    EXAMPLE_VALUES,
    TYPES,
    ParameterError,
    bound_text,
    catalogue,
    example_parameters,
    saved_query,
)
from plan_graph.stores.results import AskResult, GraphResult, SelectResult, serialize
from tests.support.plan_facts import EXPECTED
from tests.support.saved_queries import EMPTY_TODAY

# bodies of the Ministry of Internal Affairs, at any depth (data/actors.csv, its parent column; "IGPR - Oficiul …" in
# line 58)
MAI_BODIES = {
    "MAI",
    "ANITP",
    "IGPR",
    "IGPF",
    "IGI",
    "IGJR",
    "Instituția prefectului",
    "CR ANITP",
    "DCCO",
    "UCAI",
    "Oficiul Național pentru Protecția Martorului",
    "IPJ",
}


def responsible(notation: str) -> set[str]:
    """Responsible actors of a row, as plan_facts.py reads them: a working group counts by the members the row
    lists (2.1.3 leaves MJ out), and X of "X - A, B" and "X prin Y" is involved."""
    return set(EXPECTED[notation].responsible)


def rows(store, name, **params):
    result = store.query(bound_text(saved_query(name), params, store))
    assert isinstance(result, SelectResult)
    return [{key: value.value for key, value in row.items()} for row in result.rows]


def test_at_least_15_saved_queries_each_with_a_header():
    queries = catalogue()
    assert len(queries) >= 15
    for name in ("activities", "mai-ngo", "actor-activities", "actor-workload", "dated-deadlines"):
        assert name in queries
    for query in queries.values():
        assert query.title and query.description, query.name
        for parameter in query.parameters:
            assert parameter.meaning and parameter.type, (query.name, parameter.name)


def test_every_parameter_type_has_an_example_value():
    assert set(EXAMPLE_VALUES) == set(TYPES)


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_saved_query_runs(store, name):
    query = saved_query(name)
    params = example_parameters(query, date="2021-12-31", text="trafic")
    result = store.query(bound_text(query, params, store))
    assert isinstance(result, (SelectResult, GraphResult))
    found = result.rows if isinstance(result, SelectResult) else result.triples
    assert (not found) if name in EMPTY_TODAY else found, name


def test_mai_ngo(store):
    expected = {}
    for notation, row in EXPECTED.items():
        involved = responsible(notation) | set(row.partners)
        if "ONG" in involved and involved & MAI_BODIES:
            role = "responsible" if "ONG" in row.responsible else "partner"
            expected[notation] = (sorted(involved & MAI_BODIES), role)
    answer = rows(store, "mai-ngo")
    assert {r["notation"]: (r["maiBodies"].split(" | "), r["ngoRole"]) for r in answer} == expected
    assert len(answer) == 28
    assert [r["notation"] for r in answer] == [n for n in EXPECTED if n in expected]  # order of the text
    # read off the text: 2.2.3 is "CR ANITP/echipe …" with NGO partners; 4.2.1 "IGPR - DCCO, UCAI" + "ONG-uri"
    assert expected["2.2.3"] == (["CR ANITP"], "partner")
    assert expected["4.2.1"] == (["ANITP", "DCCO", "IGPR", "UCAI"], "partner")
    # lines 31-35: MAI is named in "MAI - IGI, IGPR" (2.1.1), in the working group's item (2.1.2-2.1.4) and in
    # "MAI - ANITP, IGI" (2.1.5); line 94: "MAI - ANITP, IGPR" (5.1.2, with NGOs as partners)
    assert {n for n in expected if "MAI" in expected[n][0]} >= {"2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "5.1.2"}


def test_actor_activities_follows_the_hierarchy_at_any_depth(store):
    expected = set()
    for notation, row in EXPECTED.items():
        for code in responsible(notation) & MAI_BODIES:
            expected.add((notation, code, "responsible"))
        for code in set(row.partners) & MAI_BODIES:
            expected.add((notation, code, "partner"))
    answer = rows(store, "actor-activities", actor="MAI")
    assert {(r["notation"], r["actor"], r["role"]) for r in answer} == expected
    assert ("2.2.3", "CR ANITP", "responsible") in expected  # CR ANITP → ANITP → MAI
    assert ("3.2.1", "Oficiul Național pentru Protecția Martorului", "partner") in expected  # → IGPR → MAI


def test_actor_activities_of_a_body_without_bodies(store):
    answer = rows(store, "actor-activities", actor="CR ANITP")
    assert [(r["notation"], r["role"]) for r in answer] == [("2.2.3", "responsible")]


def test_actor_activities_counts_group_members_where_the_row_lists_them(store):
    answer = {(r["notation"], r["role"]) for r in rows(store, "actor-activities", actor="MJ")}
    assert {("2.1.2", "responsible"), ("2.1.4", "responsible")} <= answer
    assert ("2.1.3", "responsible") not in answer  # MJ is a member of the group, but line 33 does not list it


def test_actor_workload(store):
    answer = {r["actor"]: (int(r["responsibleCount"]), int(r["partnerCount"])) for r in rows(store, "actor-workload")}
    for code in ("ANITP", "ONG", "DIICOT", "MJ", "IGJR", "CR ANITP"):
        expected_responsible = sum(code in responsible(n) for n in EXPECTED)
        expected_partner = sum(code in row.partners for row in EXPECTED.values())
        assert answer[code] == (expected_responsible, expected_partner), code
    assert answer["ANITP"] == (29, 10)
    assert answer["ONG"] == (0, 33)
    # MJ, counted by eye: responsible in 2.1.1, 2.1.2, 2.1.4 (not 2.1.3), 2.1.5, 3.4.1, 3.4.2, 5.3.1
    assert answer["MJ"][0] == 7


def test_dated_deadlines_sorted(store):
    answer = rows(store, "dated-deadlines")
    assert [(r["notation"], r["deadline"]) for r in answer] == [
        ("2.2.1", "2019-01"),
        ("3.5.1", "2019-01"),
        ("3.1.2", "2019-02"),
        ("2.1.1", "2019-06"),
        ("2.3.1", "2019-06"),
        ("3.2.1", "2019-06"),
        ("3.3.1", "2019-07"),
        ("2.1.3", "2019-09"),
        ("2.1.5", "2019-09"),
        ("3.5.2", "2019-09"),
        ("5.1.1", "2019-10"),
        ("3.4.1", "2019-12"),
        ("3.2.2", "2020-01"),
        ("3.1.6", "2020-06"),
        ("3.4.2", "2020-06"),
    ]
    result = store.query(saved_query("dated-deadlines").text)
    assert result.rows[0]["deadline"].datatype.value == "http://www.w3.org/2001/XMLSchema#gYearMonth"


def test_objective_tree(store):
    answer = rows(store, "objective-tree", notation="1.1")
    assert [(r["level"], r["notation"]) for r in answer] == [("specific objective", "1.1")] + [
        ("activity", f"1.1.{i}") for i in range(1, 8)
    ]
    assert (answer[0]["activities"], answer[0]["indicators"]) == ("7", "17")  # 2+3+2+3+2+2+3 indicators
    area = rows(store, "objective-tree", notation="1")
    assert [r["level"] for r in area[:5]] == ["area", "general objective", "specific objective", "activity", "activity"]
    assert area[0]["activities"] == "13" and len(area) == 1 + 1 + 3 + 13


def test_deadlines_before_and_in_a_year(store):
    before = [r["notation"] for r in rows(store, "deadlines-before", before="2019-07")]
    assert before == ["2.2.1", "3.5.1", "3.1.2", "2.1.1", "2.3.1", "3.2.1"]
    assert [r["notation"] for r in rows(store, "deadlines-in-year", year="2020")] == ["3.2.2", "3.1.6", "3.4.2"]


def test_recurring_activities(store):
    quarterly = rows(store, "recurring-activities", frequency="Trimestrial")
    assert [r["notation"] for r in quarterly] == ["2.1.2", "2.1.4", "2.2.3"]
    assert {r["frequency"] for r in quarterly} == {
        "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"
    }
    assert rows(store, "recurring-activities", frequency="ANNUAL_2")  # the EU code works too
    everything = rows(store, "recurring-activities")
    recurring = [n for n, row in EXPECTED.items() for d in row.deadlines if not d[-1].isdigit()]
    assert sorted(r["notation"] for r in everything) == sorted(recurring)


def test_external_funding_and_no_resources(store):
    external = [n for n, row in EXPECTED.items() if any("finanțare externă" in r.lower() for r in row.resources)]
    assert [r["notation"] for r in rows(store, "external-funding")] == external
    assert len(external) == 20
    none = [r["notation"] for r in rows(store, "no-resources")]
    assert none == [n for n, row in EXPECTED.items() if "Nu este cazul." in row.resources]
    assert none[:3] == ["2.1.1", "2.1.3", "2.1.4"]


def test_missing_budgets(store):
    answer = {(r["notation"], r["actor"]) for r in rows(store, "missing-budgets")}
    # read off the rows: 1.2.3 has no MFP budget; 2.1.2 only ANITP's; 2.2.3 covers CR ANITP through ANITP;
    # 3.4.3 only ANABI's; 4.1.1 only ANITP's; 5.1.4 the local councils' but DGASPC is the county's
    expected = {
        ("1.2.3", "MFP"),
        ("2.2.3", "echipe interinstituționale antitrafic județene"),
        ("3.4.3", "DIICOT"),
        ("3.4.3", "DCCO"),
        ("5.1.4", "DGASPC"),
    }
    # 2.1.2: only ANITP's budget, for the working group's members too (MAI is covered: ANITP is one of its bodies)
    expected |= {("2.1.2", code) for code in set(EXPECTED["2.1.2"].responsible) - {"ANITP", "MAI"}}
    expected |= {("4.1.1", code) for code in ("CSM", "DCCO", "IGI", "DIICOT")}
    assert answer == expected


def test_partners_never_responsible(store):
    partners = {code for row in EXPECTED.values() for code in row.partners}
    ever_responsible = {code for n in EXPECTED for code in responsible(n)}
    answer = {r["actor"]: int(r["partnerCount"]) for r in rows(store, "partners-never-responsible")}
    assert set(answer) == partners - ever_responsible
    assert answer["ONG"] == 33 and answer["IGJR"] == 2


def test_actors_by_kind(store):
    answer = {r["actor"]: r for r in rows(store, "actors-by-kind")}
    assert answer["ANITP"]["kind"] == "agency" and answer["ANITP"]["parent"] == "MAI"
    assert answer["ANITP"]["parentStatedBy"] == "plan" and answer["DIICOT"]["parentStatedBy"] == "curated"
    assert answer["ONG"]["category"] == "yes" and answer["MAI"]["category"] == "no"
    assert answer["MAI"]["nameEn"] == "Ministry of Internal Affairs"


def test_collaboration_pairs_and_network(store):
    answer = {(r["actorA"], r["actorB"]): int(r["sharedActivities"]) for r in rows(store, "collaboration-pairs")}
    both = [n for n, row in EXPECTED.items() if {"DIICOT", "DCCO"} <= responsible(n) | set(row.partners)]
    assert answer[("DCCO", "DIICOT")] == len(both) == 17
    graph = store.query(saved_query("collaboration-network").text)
    assert isinstance(graph, GraphResult)
    count = "https://w3id.org/plan-graph/ontology#sharedActivityCount"
    pair = "https://w3id.org/plan-graph/ro/actor/DCCO/collaboration/DIICOT"
    assert [o.value for s, p, o in graph.triples if s.value == pair and p.value == count] == ["17"]


def test_ministry_involvement_includes_every_body(store):
    answer = {(r["notation"], r["body"]) for r in rows(store, "ministry-involvement", ministry="MMJS")}
    assert {body for _, body in answer} == {"MMJS", "ANOFM", "ANPDCA", "ANES", "ANPD", "IM"}
    assert ("1.3.1", "IM") in answer and ("1.3.1", "MMJS") in answer  # "MMJS prin IM"


def test_indicators_by_type(store):
    total = sum(len(row.indicators) for row in EXPECTED.values())
    counts = sum(1 for row in EXPECTED.values() for i in row.indicators if i.startswith("Număr"))
    answer = {r["type"]: int(r["indicators"]) for r in rows(store, "indicators-by-type")}
    assert answer == {"count": counts, "deliverable": total - counts}
    deliverables = rows(store, "indicators", type="deliverable")
    assert deliverables[0]["indicator"] == "Grup de lucru constituit" and len(deliverables) == total - counts


def test_international_bodies(store):
    answer = {(r["notation"], r["body"], r["how"]) for r in rows(store, "international-bodies")}
    # read off the text: OIM is a partner of 2.1.1 and 2.1.2; 3.6.1 names Europol and Eurojust; 3.6.2 names
    # Europol, Interpol, SELEC and Eurojust; 5.3.1 ends "… instituții/organisme ale UE"
    assert answer == {
        ("2.1.1", "OIM", "partner"),
        ("2.1.2", "OIM", "partner"),
        ("3.6.1", "EUROPOL", "mentioned"),
        ("3.6.1", "EUROJUST", "mentioned"),
        ("3.6.2", "EUROPOL", "mentioned"),
        ("3.6.2", "EUROJUST", "mentioned"),
        ("3.6.2", "INTERPOL", "mentioned"),
        ("3.6.2", "SELEC", "mentioned"),
        ("5.3.1", "UE", "mentioned"),
    }


def test_search_ignores_case_and_diacritics(store):
    answer = rows(store, "search", text="cooperarii")
    assert [r["notation"] for r in answer] == ["3.5", "3.6", "5.1", "5.4"]  # the objectives about "cooperării"
    assert all("cooperării" in r["text"] for r in answer)
    upper = {r["notation"] for r in rows(store, "search", text="EUROJUST")}
    assert upper == {"3.6.1", "3.6.2"}
    cedilla = {r["notation"] for r in rows(store, "search", text="desfăşurate")}  # ş with a cedilla
    assert "1.1.1" in cedilla


# ---- parameters: checked, bound as terms, never pasted


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("actor-activities", {"actor": "XYZ"}, "not a known actor code; one of: ANABI"),
        ("actor-activities", {}, "needs --param actor"),
        ("deadlines-before", {"before": "June 2019"}, "not a month; write YYYY-MM"),
        ("deadlines-before", {"before": "2019-13"}, "not a month"),
        ("deadlines-in-year", {"year": "19"}, "not a year"),
        ("status-at-date", {"date": "2021-02-30"}, "not a date; write YYYY-MM-DD"),
        ("overdue-at-date", {"date": "31.12.2020"}, "not a date"),
        ("recurring-activities", {"frequency": "weekly"}, "Anual (ANNUAL)"),
        ("objective-tree", {"notation": "9.9"}, "not a known notation"),
        ("activities", {"actor": "ANITP"}, "has no parameter actor"),
    ],
)
def test_a_bad_parameter_says_what_is_valid(store, name, params, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        bound_text(saved_query(name), params, store)


def test_actor_codes_are_case_insensitive(store):
    assert rows(store, "actor-activities", actor="cr anitp") == rows(store, "actor-activities", actor="CR ANITP")


def test_a_hostile_value_stays_a_literal(store):
    hostile = '") } } SELECT * WHERE { ?s ?p ?o } #'
    assert rows(store, "search", text=hostile) == []
    text = with_values("SELECT * WHERE { ?s ?p ?param_x }", {"param_x": ox.Literal(hostile)})
    assert 'VALUES (?param_x) { ("\\") } } SELECT * WHERE { ?s ?p ?o } #") }' in text
    with pytest.raises(ValueError, match="Invalid IRI"):  # pyoxigraph makes no such IRI
        ox.NamedNode("http://x> } DROP ALL {")
    with pytest.raises(BindingError):
        with_values("SELECT * WHERE { }", {"param_x": ox.BlankNode("b")})


def test_values_go_into_the_where_group_not_a_template_or_a_string():
    construct = 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?param_x } # {'
    braces = top_level_braces(construct)
    assert [keyword for _, keyword in braces] == ["CONSTRUCT", "WHERE"]
    bound = with_values(construct, {"param_x": ox.Literal("a")})
    assert bound.startswith('CONSTRUCT { ?s ?p "{" } WHERE { VALUES (?param_x) { ("a") }')


def test_a_parameter_reaches_the_sub_selects_that_name_it_and_only_those():
    query = (
        "SELECT ?a WHERE { ?a ?b ?c . { SELECT ?a (MAX(?d) AS ?m) WHERE { ?a ?p ?d FILTER (?d < ?param_x) } "
        'GROUP BY ?a } { SELECT ?z WHERE { ?z ?y "{ ?param_x }" } } }'
    )
    five = ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    bound = with_values(query, {"param_x": five})
    block = f"VALUES (?param_x) {{ ({five}) }}"
    assert bound.count(block) == 2  # the query's WHERE group and the first sub-select's; not in a string
    assert bound.startswith("SELECT ?a WHERE { " + block)
    assert "GROUP BY ?a } { SELECT ?z WHERE { ?z" in bound
    store = ox.Store()
    for value in (3, 7):
        store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal(value)))
    only = with_values(
        "SELECT ?m WHERE { { SELECT (MAX(?d) AS ?m) WHERE { ?a ?p ?d FILTER (?d < ?param_x) } } }", {"param_x": five}
    )
    assert [row["m"].value for row in store.query(only)] == ["3"]  # the sub-select's filter saw the parameter


def test_ask_results_in_every_format():
    assert json.loads(serialize(AskResult(True), JSON)) == {"head": {}, "boolean": True}
    assert serialize(AskResult(False), CSV) == b"false\n"
    assert b"<boolean>true</boolean>" in serialize(AskResult(True), XML)


def test_rows_naming_lists_the_six_rows_that_name_mai_with_role_and_construction(store):
    answer = [
        (r["notation"], r["line"], r["asWritten"], r["role"], r["construction"], r["naming"])
        for r in rows(store, "rows-naming", actor="MAI")
    ]
    # read off lines 31-35 and 94
    group = "working group with the members the row lists"
    assert [(n, int(line)) for n, line, *_ in answer] == [
        ("2.1.1", 31),
        ("2.1.2", 32),
        ("2.1.3", 33),
        ("2.1.4", 34),
        ("2.1.5", 35),
        ("5.1.2", 94),
    ]
    assert answer[0][2:] == ("MAI - IGI, IGPR", "responsible", "X through its bodies A, B", "principal")
    assert answer[2][3:] == ("responsible", group, "member | principal")  # "Grup de lucru constituit:MAI - IGI, …"
    assert answer[4][2] == "MAI - ANITP, IGI" and answer[5][2:4] == ("MAI - ANITP, IGPR", "partner")


def test_rows_naming_an_agent_of_x_prin_y(store):
    answer = {(r["notation"], r["asWritten"], r["naming"]) for r in rows(store, "rows-naming", actor="ANOFM")}
    assert ("1.2.3", "MMJS prin ANOFM", "agent") in answer  # line 21: "Responsabili:MMJS prin ANOFMMFP"


def test_the_codes_the_actor_columns_use_that_the_list_lacks(store, plan_text):
    # IGJR, a partner in 3.2.1 and 3.2.2 (lines 57-58), is not among the 48 entries of "Lista abrevierilor"
    listed = plan_text.splitlines()[113:161]
    assert not [line for line in listed if line.strip().startswith("IGJR")]
    assert [n for n, row in EXPECTED.items() if "IGJR" in (*row.responsible, *row.partners)] == ["3.2.1", "3.2.2"]
    assert rows(store, "abbreviations-unlisted") == [{"code": "IGJR", "rows": "3.2.1 | 3.2.2"}]


def test_the_listed_abbreviations_no_row_uses(store, plan_text):
    # IPJ (line 139 of the list) is written on no row; every other entry is, by its code or, for Europol, Interpol
    # and Eurojust, by its name (line 78: "Europol, Interpol, SELEC, Eurojust")
    lines = plan_text.splitlines()
    rows_text = "\n".join(lines[9:112])
    assert "IPJ" not in rows_text and all(name in lines[77] for name in ("Europol", "Interpol", "Eurojust"))
    assert rows(store, "abbreviations-unused") == [{"code": "IPJ", "name": "Inspectoratul de poliție județean"}]


def test_a_table_keeps_an_iri_on_one_line_and_wraps_text_at_spaces_only():
    """#30: a narrow terminal: an IRI is never broken (shortened with a known prefix where one fits), text is
    wrapped between words, and a word longer than the column stays whole."""
    import pyoxigraph as ox

    from plan_graph.graph.names import PREFIXES
    from plan_graph.stores.results import SelectResult, to_table

    plan_iri = "https://w3id.org/plan-graph/ro/hg-861-2018/activity/3.1.1/indicator/2"
    text = "Număr de polițiști formați/specializați în identificarea victimelor traficului de persoane"
    word = "Grupdelucruconstituit:MAI-IGI,IGPRMMJS,ANPDCA,ANES,ANPD,ANOFMMSMJMAEANR"
    status = ox.NamedNode("https://w3id.org/plan-graph/ontology/status/completed")
    rows = [
        {
            "thing": ox.NamedNode(plan_iri),
            "kind": ox.NamedNode(PREFIXES["pg"] + "CountIndicator"),
            "text": ox.Literal(text),
        },
        {"thing": status, "text": ox.Literal(word)},
    ]
    table = to_table(SelectResult(["thing", "kind", "text"], rows), width=60)
    lines = table.splitlines()
    assert sum(plan_iri in line for line in lines) == 1 and sum(word in line for line in lines) == 1
    assert any("pg:CountIndicator" in line for line in lines) and any("status:completed" in line for line in lines)
    text_lines = [line.split(" │ ")[2].strip() for line in lines[2:-1] if line.count(" │ ") == 2]
    first = text_lines[: text_lines.index(word)]
    # the column is as wide as its longest word, and the text wraps within it, at spaces
    assert " ".join(first) == text and len(first) > 1 and all(len(line) <= len(word) for line in first)
    assert lines[-1] == "(2 rows)"
