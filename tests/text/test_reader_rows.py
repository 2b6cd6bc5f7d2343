"""Every one of the 60 activity rows, field by field, against an independent by-eye reading (plan_facts)."""

from __future__ import annotations

import pytest

from tests.support.plan_facts import EXPECTED

NOTATIONS = sorted(EXPECTED, key=lambda n: tuple(int(part) for part in n.split(".")))


def test_the_plan_has_5_areas_5_general_19_specific_objectives_60_activities_48_abbreviations(plan):
    assert len(plan.areas) == 5
    assert [g.notation for g in plan.general_objectives] == ["1", "2", "3", "4", "5"]
    assert len(plan.specific_objectives) == 19
    assert len(plan.activities) == 60
    assert len(plan.abbreviations) == 48


def test_no_line_is_an_error(plan):
    assert plan.errors == []


def test_the_activities_are_exactly_the_expected_ones(activities):
    assert sorted(activities) == sorted(EXPECTED)


@pytest.mark.parametrize("notation", NOTATIONS)
def test_row(activities, notation):
    expected, activity = EXPECTED[notation], activities[notation]
    assert activity.line == expected.line
    assert activity.title == expected.title
    assert tuple(indicator.text for indicator in activity.indicators) == expected.indicators
    assert tuple(deadline.written for deadline in activity.deadlines) == expected.deadlines
    assert activity.responsible.codes == expected.responsible
    assert activity.partners.codes == expected.partners
    assert tuple(resource.written for resource in activity.resources) == expected.resources


def test_every_line_between_the_headings_is_an_activity_or_a_heading(plan):
    """Nothing is dropped: lines 6-113 are headings, column headers or the 60 activity rows."""
    headings = {area.line for area in plan.areas}
    headings |= {objective.line for objective in plan.general_objectives}
    headings |= {objective.line for objective in plan.specific_objectives}
    rows = {activity.line for activity in plan.activities}
    column_headers = {n for n, text in plan.source_lines.items() if text.strip().startswith("ActivitateIndicatori")}
    assert headings | rows | column_headers == set(range(6, 114))
    assert not headings & rows


def test_specific_objectives_sit_under_their_general_objective(plan):
    for objective in plan.specific_objectives:
        assert objective.notation.split(".")[0] == objective.general
    assert [o.notation for o in plan.specific_objectives] == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
        "3.6",
        "4.1",
        "4.2",
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5",
    ]


def test_areas_are_the_five_all_capitals_headings(plan):
    assert [area.title for area in plan.areas] == [
        "PREVENIREA TRAFICULUI DE PERSOANE",
        "PROTECȚIA, ASISTENȚA ȘI REINTEGRAREA SOCIALĂ A VICTIMELOR TRAFICULUI DE PERSOANE",
        "COMBATEREA TRAFICULUI DE PERSOANE",
        "MONITORIZAREA ȘI EVALUAREA TRAFICULUI DE PERSOANE ȘI A IMPLEMENTĂRII POLITICILOR",
        "COOPERARE INTERINSTITUȚIONALĂ ȘI INTERNAȚIONALĂ",
    ]


def test_the_document_header(plan):
    document = plan.document
    assert document.act == "Hotărârea Guvernului nr. 861 din 31 octombrie 2018"
    assert (document.act_number, document.act_year, document.gazette_number) == (861, 2018, 949)
    assert document.adopted_date == "2018-10-31"
    assert document.issuer == "GUVERNUL ROMÂNIEI"
    assert document.title.startswith("Plan național de acțiune 2018-2020 pentru implementarea Strategiei")
    assert "2018de acțiune" in document.title_as_written  # the glued original is kept


def test_the_abbreviation_list(plan):
    entries = {a.code: a.name for a in plan.abbreviations}
    assert entries["ANITP"] == "Agenția Națională împotriva Traficului de Persoane"
    assert entries["CR ANITP"] == "Centrul Regional ANITP"
    assert entries["MDRAP"] == "Ministerul Dezvoltării Regionale și Administrației Publice"  # "MDRAP Min…"
    assert entries["UE"] == "Uniunea Europeană"
    assert entries["UNBR"] == "Uniunea Națională a Barourilor din România"
    assert "IGJR" not in entries
    assert [a.line for a in plan.abbreviations] == list(range(115, 163))


def test_indicator_kinds(activities):
    counts = [i.text for a in activities.values() for i in a.indicators if i.kind == "count"]
    deliverables = [i.text for a in activities.values() for i in a.indicators if i.kind == "deliverable"]
    assert all(text.startswith("Număr") for text in counts)
    assert not any(text.startswith("Număr") for text in deliverables)
    assert "Grup de lucru constituit" in deliverables


def test_deadline_values(activities):
    one_off = sorted({(d.written, d.year_month) for a in activities.values() for d in a.deadlines if d.year_month})
    assert ("Iunie 2019", "2019-06") in one_off
    assert ("Februarie 2019", "2019-02") in one_off
    assert ("Octombrie 2019", "2019-10") in one_off
    assert all("2019-01" <= month <= "2020-06" for _, month in one_off)
    frequencies = {d.written: d.frequency for a in activities.values() for d in a.deadlines if d.frequency}
    assert frequencies == {
        "Anual": "ANNUAL",
        "Semestrial": "ANNUAL_2",
        "Trimestrial": "QUARTERLY",
        "Permanent": "CONT",
    }
