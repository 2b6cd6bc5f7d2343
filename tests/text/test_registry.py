"""The curated actor registry (data/actors.csv) against what the plan says."""

from __future__ import annotations

import pytest

from plan_graph.text.registry import KINDS, RegistryError, load_registry


def test_every_listed_abbreviation_that_is_an_actor_is_in_the_registry_with_the_plans_name(plan, registry):
    not_actors = {"MNIR"}  # a mechanism, not an actor
    for abbreviation in plan.abbreviations:
        if abbreviation.code in not_actors:
            assert abbreviation.code not in registry
            continue
        assert registry[abbreviation.code].name_ro == abbreviation.name, abbreviation.code


def test_every_actor_item_of_every_row_resolves_to_the_registry(activities, registry):
    used = {code for a in activities.values() for code in (*a.responsible.codes, *a.partners.codes)}
    used |= {code for a in activities.values() for r in a.resources for code in r.holders}
    assert used <= set(registry)
    assert {
        "IGJR",
        "Instituția prefectului",
        "Consiliile locale",
        "Societăți comerciale private",
        "Autorități publice locale",
        "Instituții guvernamentale",
        "Guvern",
    } <= used


def test_every_row_has_an_english_name_a_known_kind_and_a_source(registry):
    for actor in registry.values():
        assert actor.name_en and actor.source, actor.code
        assert actor.kind in KINDS
        assert actor.parent_source in (None, "plan", "curated")
        assert (actor.parent is None) == (actor.parent_source is None), actor.code


def test_the_hierarchy_of_design_md(registry):
    parents = {code: actor.parent for code, actor in registry.items()}
    for body in ("ANITP", "IGPR", "IGPF", "IGI", "IGJR", "Instituția prefectului"):
        assert parents[body] == "MAI", body
    assert parents["DCCO"] == parents["UCAI"] == "IGPR"
    assert parents["CR ANITP"] == "ANITP"
    for body in ("ANOFM", "ANPDCA", "ANES", "ANPD", "IM"):
        assert parents[body] == "MMJS", body
    assert parents["DIICOT"] == "MP"
    assert parents["INM"] == "CSM"
    assert parents["ANPS"] == "MS"


def test_what_the_text_states_agrees_with_the_registry(plan, registry):
    """ "MAI - IGI" and "MMJS prin ANOFM" state a parent; the registry marks those as stated by the plan."""
    for relation in plan.relations:
        if relation.kind in ("part-of", "through"):
            actor = registry[relation.subject]
            assert actor.parent == relation.object, relation
            assert actor.parent_source == "plan", relation


def test_categories_are_not_single_organisations(registry):
    categories = {code for code, actor in registry.items() if actor.is_category}
    assert {
        "ONG",
        "Autorități publice locale",
        "Consiliile locale",
        "Societăți comerciale private",
    } <= categories
    assert not {"ANITP", "MAI", "IGPR"} & categories


def test_no_cycles_in_the_hierarchy(registry):
    for code in registry:
        seen = set()
        while code:
            assert code not in seen, f"cycle through {code}"
            seen.add(code)
            code = registry[code].parent


def test_a_broken_registry_is_reported_with_its_line(tmp_path):
    path = tmp_path / "actors.csv"
    header = "code,id,name_ro,name_en,kind,category,parent,parent_source,source,aliases\n"
    path.write_text(header + "X,X,Ics,Ex,spaceship,no,,,somewhere,\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"actors\.csv:2: unknown kind 'spaceship'"):
        load_registry(path)
    path.write_text(header + "X,X,Ics,Ex,agency,no,NOPE,plan,somewhere,\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="parent 'NOPE'"):
        load_registry(path)
