"""One focused test per rule of docs/reading.md ("How the text is read"), on the real rows and on small made-up
rows."""

from __future__ import annotations

import pytest

from plan_graph.text.actor_text import ActorTextError, Lexicon
from plan_graph.text.reader import parse_plan
from plan_graph.text.registry import load_corrections


@pytest.fixture(scope="module")
def lexicon(plan, registry):
    return Lexicon(registry, plan.abbreviations, load_corrections())


def mini_plan(plan_text: str, *rows: str) -> str:
    """The real header and abbreviation list around made-up rows under objective 1.1."""
    lines = plan_text.splitlines()
    head = lines[:9]  # document header, area 1, general objective 1, objective 1.1, column header
    tail = lines[113:]  # "Lista abrevierilor" to the end
    return "\n".join([*head, *rows, *tail]) + "\n"


# ---- glued codes, split with the plan's own list as the lexicon


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("MAEMRPONG", ("MAE", "MRP", "ONG")),
        ("IGIMMJS", ("IGI", "MMJS")),  # not IGI + M + MJS, nor I + GIM…
        ("ANITPMENMTS", ("ANITP", "MEN", "MTS")),
        ("MTMMACAANITP", ("MT", "MMACA", "ANITP")),
        ("MPMMJSMENMDRAP", ("MP", "MMJS", "MEN", "MDRAP")),
        ("ANPDMFPMJ", ("ANPD", "MFP", "MJ")),  # ANPD, not the start of ANPDCA
        ("ANPDCAANES", ("ANPDCA", "ANES")),
        ("DIICOT DCCO", ("DIICOT", "DCCO")),
    ],
)
def test_glued_codes_split_with_the_lexicon(lexicon, text, codes):
    assert lexicon.parse(text, 1).codes == codes


def test_x_prin_y_involves_both_and_says_who_acts_through_whom(lexicon):
    expression = lexicon.parse("MMJS prin ANOFMIGPR", 11)
    assert expression.codes == ("MMJS", "ANOFM", "IGPR")
    assert [(r.kind, r.subject, r.object) for r in expression.relations] == [("through", "ANOFM", "MMJS")]


def test_prin_takes_the_whole_comma_list_and_stops_at_the_next_glued_code(lexicon):
    expression = lexicon.parse("ANITPIGIMMJS prin ANES, ANPD, ANOFMMSANR", 45)
    assert expression.codes == ("ANITP", "IGI", "MMJS", "ANES", "ANPD", "ANOFM", "MS", "ANR")
    assert {(r.subject, r.object) for r in expression.relations if r.kind == "through"} == {
        ("ANES", "MMJS"),
        ("ANPD", "MMJS"),
        ("ANOFM", "MMJS"),
    }


def test_dash_names_bodies_of_the_parent_and_the_parent_is_involved_first(lexicon):
    expression = lexicon.parse("ANITPMAI - IGI, IGPRMMJS", 31)
    assert expression.codes == ("ANITP", "MAI", "IGI", "IGPR", "MMJS")
    assert {(r.kind, r.subject, r.object) for r in expression.relations} == {
        ("part-of", "IGI", "MAI"),
        ("part-of", "IGPR", "MAI"),
    }


def test_the_cell_item_by_item_with_the_text_as_printed(lexicon):
    expression = lexicon.parse("ANITPMAI - IGI, IGPRMMJS", 31)
    assert [(i.written, i.construction, i.named) for i in expression.items] == [
        ("ANITP", "direct", (("ANITP", "named"),)),
        ("MAI - IGI, IGPR", "bodies", (("MAI", "principal"), ("IGI", "body"), ("IGPR", "body"))),
        ("MMJS", "direct", (("MMJS", "named"),)),
    ]


def test_through_follows_the_same_rule_as_the_dash(lexicon):
    expression = lexicon.parse("IGIMMJS prin ANOFMONG", 16)
    assert expression.codes == ("IGI", "MMJS", "ANOFM", "ONG")
    assert [(i.written, i.construction, i.named) for i in expression.items] == [
        ("IGI", "direct", (("IGI", "named"),)),
        ("MMJS prin ANOFM", "through", (("MMJS", "principal"), ("ANOFM", "through"))),
        ("ONG", "direct", (("ONG", "named"),)),
    ]


def test_the_working_group_is_one_item_with_the_members_this_row_lists(lexicon):
    # line 33 (2.1.3) leaves MJ out: the group's item in that row does not name MJ
    expression = lexicon.parse(
        "ANITPGrup de lucru constituit:MAI - IGI, IGPRMMJS, ANPDCA, ANES, ANPD, ANOFMMSMAEANR", 33
    )
    first, group = expression.items
    assert (first.written, first.construction) == ("ANITP", "direct")
    assert group.construction == "group"
    assert group.written.startswith("Grup de lucru constituit:MAI - IGI") and group.written.endswith("MAEANR")
    assert group.named[0] == ("Grup de lucru", "group")
    members = {code for code, how in group.named if how == "member"}
    assert members == {"MAI", "IGI", "IGPR", "MMJS", "ANPDCA", "ANES", "ANPD", "ANOFM", "MS", "MAE", "ANR"}
    assert "MJ" not in {code for code, _ in group.named}
    # the construction inside the group's item is kept too: MAI through its bodies IGI and IGPR
    assert {pair for pair in group.named if pair[1] in ("principal", "body")} == {
        ("MAI", "principal"),
        ("IGI", "body"),
        ("IGPR", "body"),
    }


def test_dash_with_a_plain_name_glued_to_the_next_code(lexicon):
    expression = lexicon.parse("DIICOTDCCOIGJRIGPR - Oficiul Național pentru Protecția MartoruluiMJIGIIGPF", 58)
    assert expression.codes == (
        "DIICOT",
        "DCCO",
        "IGJR",
        "IGPR",
        "Oficiul Național pentru Protecția Martorului",
        "MJ",
        "IGI",
        "IGPF",
    )


def test_comma_and_slash_lists(lexicon):
    assert lexicon.parse("MMJS, ANPDCA, ANES, ANPDDGASPCSPAS/DAS", 39).codes == (
        "MMJS",
        "ANPDCA",
        "ANES",
        "ANPD",
        "DGASPC",
        "SPAS",
        "DAS",
    )
    assert lexicon.parse("ANES,ANPD", 1).codes == ("ANES", "ANPD")


def test_a_slash_list_with_a_plain_name_and_a_code_with_a_space(lexicon):
    assert lexicon.parse("CR ANITP/echipe interinstituționale antitrafic județene ", 40).codes == (
        "CR ANITP",
        "echipe interinstituționale antitrafic județene",
    )


def test_a_body_written_out_in_full_is_its_abbreviation(lexicon):
    # "Serviciul public de asistență socială" is SPAS's name in the plan's list (capitalised there)
    assert lexicon.parse("DGASPCConsiliile locale/Serviciul public de asistență socială", 22).codes == (
        "DGASPC",
        "Consiliile locale",
        "SPAS",
    )


def test_plain_names_are_actors(lexicon):
    assert lexicon.parse("IGPRIGPFIGIMMJS prin ANOFMInstituția prefectuluiONG", 16).codes == (
        "IGPR",
        "IGPF",
        "IGI",
        "MMJS",
        "ANOFM",
        "Instituția prefectului",
        "ONG",
    )
    assert lexicon.parse(" Societăți comerciale private", 101).codes == ("Societăți comerciale private",)


def test_the_working_group_lists_its_members_as_responsible(activities):
    for notation in ("2.1.2", "2.1.3", "2.1.4"):
        cell = activities[notation].responsible
        assert cell.groups == ("Grup de lucru",)
        assert cell.codes[0] == "ANITP"
        assert {"IGI", "IGPR", "MMJS", "ANPDCA", "ANES", "ANPD", "ANOFM", "MS", "MAE", "ANR"} <= set(cell.codes)
    assert "MJ" not in activities["2.1.3"].responsible.codes  # the plan leaves MJ out of this row
    assert activities["2.1.1"].establishes == "Grup de lucru"
    assert activities["2.1.1"].responsible.groups == ()


def test_group_members_are_recorded(plan):
    members = {r.subject for r in plan.relations if r.kind == "member-of" and r.object == "Grup de lucru"}
    assert members == {"MAI", "IGI", "IGPR", "MMJS", "ANPDCA", "ANES", "ANPD", "ANOFM", "MS", "MJ", "MAE", "ANR"}


def test_partners_nu_este_cazul_means_no_partners_and_no_resources_needed(activities):
    for notation in ("2.3.1", "3.1.3", "3.5.1", "3.6.1", "3.6.2"):
        activity = activities[notation]
        assert activity.partners.codes == ()
        assert [(r.written, r.kind) for r in activity.resources] == [("Nu este cazul.", "not-applicable")]


def test_the_row_with_two_deadlines(activities):
    deadlines = activities["2.3.1"].deadlines
    assert [(d.written, d.kind, d.year_month, d.frequency) for d in deadlines] == [
        ("Iunie 2019", "one-off", "2019-06", None),
        ("Anual", "recurring", None, "ANNUAL"),
    ]


def test_a_title_ending_in_an_abbreviation_glued_to_the_first_indicator(activities):
    activity = activities["5.3.1"]  # "… instituții/organisme ale UENumăr de întâlniri"
    assert activity.title.endswith("organisme ale UE")
    assert [i.text for i in activity.indicators] == ["Număr de întâlniri"]


def test_an_indicator_ending_in_an_abbreviation_glued_to_the_deadline(activities):
    activity = activities["1.3.1"]  # "… sesizate IGPRSemestrial"
    assert activity.indicators[-1].text.endswith("sesizate IGPR")
    assert [d.written for d in activity.deadlines] == ["Semestrial"]


def test_indicators_separated_by_a_space_only(activities):
    assert [i.text for i in activities["3.5.1"].indicators] == [
        "Domenii conexe identificate",
        "Structuri identificate din domeniile conexe",
        "Mod de cooperare stabilit",
    ]


def test_an_indicator_with_capitalised_words_inside_stays_whole(activities):
    assert [i.text for i in activities["5.1.1"].indicators] == [
        "Modificarea Hotărârii Guvernului nr. 299/2003 pentru aprobarea Regulamentului de aplicare a "
        "dispozițiilor Legii nr. 678/2001 privind prevenirea și combaterea traficului de persoane"
    ]


# ---- the text's defects, corrected visibly with the original kept


def test_typo_andpca_is_read_as_anpdca_and_recorded(plan, activities):
    assert activities["5.1.2"].responsible.codes == ("ANPDCA",)
    assert activities["5.1.2"].responsible.written == "ANDPCA"
    assert any(c.line == 94 and c.written == "ANDPCA" and c.corrected == "ANPDCA" for c in plan.corrections)


def test_ong_uri_is_ong(plan, activities):
    assert activities["4.2.1"].partners.codes == ("ONG",)
    assert any(c.line == 88 and c.written == "ONG-uri" and c.corrected == "ONG" for c in plan.corrections)


def test_igjr_is_kept_and_reported_as_undefined(plan, activities):
    assert "IGJR" in activities["3.2.1"].partners.codes
    warnings = [w for w in plan.warnings if "IGJR" in w.message]
    assert len(warnings) == 1 and warnings[0].line == 58


def test_buget_glued_to_a_code(plan, activities):
    resource = activities["5.1.2"].resources[0]
    assert (resource.written, resource.text, resource.holders) == ("BugetANPDCA", "Buget ANPDCA", ("ANPDCA",))
    assert any(c.written == "BugetANPDCA" and c.corrected == "Buget ANPDCA" for c in plan.corrections)


def test_trailing_comma_in_a_resource(plan, activities):
    resource = activities["2.2.2"].resources[1]
    assert resource.written == "Buget MMJS, ANPDCA, ANES, ANPD,"
    assert resource.text == "Buget MMJS, ANPDCA, ANES, ANPD"
    assert resource.holders == ("MMJS", "ANPDCA", "ANES", "ANPD")
    assert any(c.line == 39 and c.corrected == "Buget MMJS, ANPDCA, ANES, ANPD" for c in plan.corrections)


def test_objective_3_6_without_its_colon(plan):
    objective = next(o for o in plan.specific_objectives if o.notation == "3.6")
    assert objective.title.startswith("Consolidarea cooperării judiciare internaționale")
    assert any(c.line == 75 and c.written == "Obiectiv specific 3.6" for c in plan.corrections)


def test_resource_kinds_and_holders(activities):
    kinds = {r.kind for a in activities.values() for r in a.resources}
    assert kinds == {"budget", "responsible-budgets", "external-grant", "project-grant", "not-applicable"}
    assert activities["1.1.7"].resources[0].text == "Bugetele instituțiilor responsabile"
    assert activities["3.2.1"].resources[0].kind == "project-grant"
    # "Buget IGPR - DCCO, UCAI": the budget of IGPR through its bodies, by the rule of the actor cells
    assert activities["4.2.1"].resources[1].holders == ("IGPR", "DCCO", "UCAI")
    assert activities["5.1.3"].resources[0].holders == ("Instituția prefectului",)  # "Buget instituția prefectului"


# ---- errors: named with their line, never a silent drop


def test_an_unknown_actor_code_is_an_error_naming_the_line(plan_text):
    row = "Un titlu de testNumăr de testeAnualResponsabili:ANITPXYZQParteneri:ONGBuget ANITP"
    plan = parse_plan(mini_plan(plan_text, row))
    assert plan.activities == []
    [error] = plan.errors
    assert error.line == 10 and "XYZQ" in error.message and "1.1.1" in error.message


def test_a_row_without_a_deadline_is_an_error(plan_text):
    plan = parse_plan(mini_plan(plan_text, "Un titluNumăr de testeResponsabili:ANITPParteneri:Buget ANITP"))
    assert [e.line for e in plan.errors] == [10] and "deadline" in plan.errors[0].message


def test_a_row_without_responsible_marker_is_an_error(plan_text):
    plan = parse_plan(mini_plan(plan_text, "Un titlu oarecare fără coloane"))
    assert [e.line for e in plan.errors] == [10] and "Responsabili" in plan.errors[0].message


def test_good_rows_around_a_bad_one_are_kept_and_numbered_in_order(plan_text):
    good = "Un titluNumăr de testeAnualResponsabili:ANITPParteneri:ONGBuget ANITP"
    plan = parse_plan(mini_plan(plan_text, good, "rând stricat", good))
    assert [(a.notation, a.line) for a in plan.activities] == [("1.1.1", 10), ("1.1.3", 12)]
    assert [e.line for e in plan.errors] == [11]


def test_the_lexicon_reports_where_it_got_stuck(lexicon):
    with pytest.raises(ActorTextError) as caught:
        lexicon.parse("ANITPMAEFOOBAR", 1)
    assert caught.value.column == 8 and "FOOBAR" in str(caught.value)


def test_a_name_does_not_run_on_into_small_letters(lexicon):
    with pytest.raises(ActorTextError):
        lexicon.parse("Guvernul", 1)
