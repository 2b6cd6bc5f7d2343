"""Monitoring (#20): the status scheme, the external assessments from published reports (data/assessments.csv),
and the saved queries that answer a monitoring secretariat's questions, on the built graph and on a reporting
round the tests make (tests/support/reporting_round.py: the repository ships no self-reports)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from plan_graph.pipeline.plan_store import built_plan_store
from plan_graph.stores.queries import run_saved_query
from plan_graph.text.assessments import STATUS_LABELS, STATUSES, load_assessments
from plan_graph.text.registry import RegistryError
from plan_graph.text.reports import SelfReport
from plan_graph.text.statistics import load_statistics
from tests.support.paths import REPO
from tests.support.reporting_round import REPORTS, fixture_round, round_of

DATA = REPO / "data"
STATUS_SCHEME = URIRef("https://w3id.org/plan-graph/ontology/status")
LABELS = {code: english for code, (_, english) in STATUS_LABELS.items()}  # the scheme's, as the test below checks


def table() -> list[dict[str, str]]:
    with (DATA / "assessments.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rows(store, name, **params):
    return [{k: v.value for k, v in row.items()} for row in run_saved_query(store, name, params).rows]


@pytest.fixture(scope="module")
def with_round(plan_build):
    """The dataset the endpoint serves, with the test's round for 2019 loaded as `monitor import` loads one."""
    store = built_plan_store(plan_build)
    store.load_ntriples(fixture_round().serialize(format="nt", encoding="utf-8"))
    return store


# ---- the table and the scheme


def test_every_external_assessment_has_its_sources():
    documents = {row["id"]: row for row in csv.DictReader((DATA / "documents.csv").open(encoding="utf-8"))}
    for row in table():
        assert row["document"] in documents, row["id"]
        for column in ("page", "date_source"):
            assert row[column].startswith("https://"), (row["id"], column)
        assert row["quotation"] and row["reason"] and row["section"], row["id"]
        assert row["status"] in STATUSES, row["id"]
    assert len(table()) == len(load_assessments(load_statistics().documents))


def test_the_statuses_are_the_schemes_and_align_with_ogp():
    scheme = Graph().parse(REPO / "ontology" / "progress-statuses.ttl")
    notations = {str(scheme.value(c, SKOS.notation)) for c in scheme.subjects(SKOS.inScheme, STATUS_SCHEME)}
    assert notations == set(STATUSES)
    for concept in scheme.subjects(SKOS.inScheme, STATUS_SCHEME):
        labels = {label.language: str(label) for label in scheme.objects(concept, SKOS.prefLabel)}
        assert tuple(labels[lang] for lang in ("ro", "en")) == STATUS_LABELS[str(scheme.value(concept, SKOS.notation))]
    ogp = "https://w3id.org/plan-graph/ontology/ogp-completion/"
    # OGP's five levels (https://www.opengovpartnership.org/glossary/completion/) each have a match
    matched = {str(o) for p in (SKOS.closeMatch, SKOS.narrowMatch) for o in scheme.objects(None, p)}
    assert {ogp + level for level in ("no-evidence", "not-started", "limited", "substantial", "complete")} <= matched


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("status", "half-done", "unknown status 'half-done'"),
        ("document", "us-tip-2030-romania", "no document 'us-tip-2030-romania'"),
        ("assessed_on", "June 2020", "is not YYYY-MM-DD"),
        ("activity", "2.3", "is not a notation"),
        ("page", "ecoi.net", "page is not a web address"),
    ],
)
def test_a_bad_assessment_row_is_refused_naming_the_file_and_row(tmp_path, column, value, message):
    rows_ = table()
    rows_[3][column] = value
    with (tmp_path / "assessments.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows_[0]))
        writer.writeheader()
        writer.writerows(rows_)
    with pytest.raises(RegistryError, match=rf"assessments.csv:5: .*{message}"):
        load_assessments(load_statistics().documents, tmp_path)


# ---- the questions, on the published reports alone


def test_status_at_a_date_is_the_latest_assessment_or_no_information(store):
    def at(day: str) -> dict[str, tuple[str, str]]:
        return {r["notation"]: (r["status"], r.get("by", "")) for r in rows(store, "status-at-date", date=day)}

    before = at("2019-06-19")  # before the first report the table cites (TIP 2019, published 2019-06-20)
    assert set(before.values()) == {("no information", "")} and len(before) == 60
    # TIP 2019: judges still lacked specialised training (3.1.5); TIP 2020: the referral mechanism drafted, not
    # implemented (2.3.1); TIP 2021, the latest, on 2.2.1: agreements for a future shelter
    assert at("2019-12-31")["3.1.5"] == ("in progress, limited", "US Department of State")
    assert at("2019-12-31")["2.3.1"] == ("no information", "")
    assert at("2020-12-31")["2.3.1"] == ("in progress, limited", "US Department of State")
    assert at("2020-12-31")["2.2.1"][0] == "in progress, limited"
    assert at("2021-12-31")["2.2.1"][0] == "in progress"


def latest_by_activity(day: str) -> dict[str, str]:
    """The status data/assessments.csv gives each activity at a date, computed here from the table."""
    latest: dict[str, tuple[str, str]] = {}
    for row in table():
        if row["assessed_on"] <= day and row["assessed_on"] >= latest.get(row["activity"], ("", ""))[0]:
            latest[row["activity"]] = (row["assessed_on"], row["status"])
    return {activity: status for activity, (_, status) in latest.items()}


def test_progress_by_area_counts_the_latest_statuses(store):
    from tests.support.plan_facts import EXPECTED

    day = "2021-12-31"
    expected: Counter[tuple[str, str]] = Counter()
    latest = latest_by_activity(day)
    for notation in EXPECTED:
        expected[(notation.split(".")[0], LABELS.get(latest.get(notation, ""), "no information"))] += 1
    found = {(r["area"], r["status"]): int(r["activities"]) for r in rows(store, "progress-by-area", date=day)}
    assert found == dict(expected)


def test_overdue_activities_at_a_date(plan_build, store):
    overdue = {r["notation"]: r for r in rows(store, "overdue-at-date", date="2020-12-31")}
    # 2.3.1 was due "Iunie 2019" (line 43); the reports say the improved mechanism was not implemented
    assert overdue["2.3.1"]["deadline"] == "2019-06" and overdue["2.3.1"]["latestStatus"] == "in progress, limited"
    assert "5.1.1" in overdue and overdue["5.1.1"]["asWritten"] == "Octombrie 2019"
    assert not {n for n, r in overdue.items() if r["deadline"] >= "2020-12"}
    assert rows(store, "overdue-at-date", date="2019-01-31") == []  # nothing was due before February 2019
    # a self-report saying "completed" takes an activity off the list from its day on
    reported = built_plan_store(plan_build)
    done = round_of("2020", "DCCO", "2020-03-01", [SelfReport("5.1.1", "DCCO", "completed")])  # responsible (line 93)
    reported.load_ntriples(done.serialize(format="nt", encoding="utf-8"))
    assert "5.1.1" not in {r["notation"] for r in rows(reported, "overdue-at-date", date="2020-12-31")}
    assert "5.1.1" in {r["notation"] for r in rows(reported, "overdue-at-date", date="2020-02-29")}


# ---- the questions, with a reporting round


def test_status_at_a_date_shows_self_reports_beside_external_assessments(with_round):
    found = {
        (r["notation"], r.get("kind", "")): r["status"] for r in rows(with_round, "status-at-date", date="2020-03-31")
    }
    assert found[("1.1.1", "self-report")] == "completed"
    assert found[("2.1.1", "self-report")] == "in progress"
    assert found[("3.1.5", "external assessment")] == "in progress, limited"


def test_unreported_lists_the_activities_a_body_did_not_report_on(with_round, registry):
    reported = {report.activity for report in REPORTS}
    found = [(r["body"], r["role"], r["notation"]) for r in rows(with_round, "unreported", period="2019")]
    assert found == reporting_rows(registry, lambda body, notation: body == "ANITP" and notation in reported)
    found = [(r["body"], r["role"], r["notation"]) for r in rows(with_round, "unreported", period="2020")]
    assert found == reporting_rows(registry)  # nothing reported for 2020, nothing completed before it


def test_an_indicators_values_over_the_periods(with_round):
    values = rows(with_round, "indicator-values", activity="1.1.2")
    assert [(r["position"], r["period"], r["reporter"], r["value"]) for r in values] == [
        ("1", "2019", "ANITP", "12"),
        ("2", "2019", "ANITP", "3400"),
        ("3", "2019", "ANITP", "20000"),
    ]
    deliverable = rows(with_round, "indicator-values", activity="2.3.1")
    assert deliverable[0]["value"] == "Indicatori de monitorizare MNIR"
    assert deliverable[0]["evidence"] == "https://example.org/mnir"


def test_self_reports_that_disagree_with_the_reports(plan_build):
    store = built_plan_store(plan_build)
    claim = round_of(
        "2019",
        "ANITP",
        "2020-01-31",
        [SelfReport("2.3.1", "ANITP", "completed"), SelfReport("1.1.2", "ANITP", "limited")],
    )
    store.load_ntriples(claim.serialize(format="nt", encoding="utf-8"))
    found = [
        (r["notation"], r["selfStatus"], r["externalStatus"], r["publishedOn"])
        for r in rows(store, "assessment-disagreements")
    ]
    # "completed" against the TIP 2020 and 2021 reports' "limited"; 1.1.2's "limited" is "in progress" as TIP 2020
    assert found == [
        ("2.3.1", "completed", "in progress, limited", "2020-06-25"),
        ("2.3.1", "completed", "in progress, limited", "2021-07-01"),
    ]


def test_the_docs_count_the_assessments_and_the_bodies_as_they_are(plan):
    import re

    from plan_graph.pipeline.monitor import bodies_that_report
    from plan_graph.text.registry import load_registry

    docs = (REPO / "docs" / "monitoring.md").read_text(encoding="utf-8")
    stated = re.search(r"Today: (\d+) assessments of (\d+) activities", docs)
    assert stated and (int(stated.group(1)), int(stated.group(2))) == (
        len(table()),
        len({r["activity"] for r in table()}),
    )
    bodies = re.search(r"\((\d+) bodies;", docs)
    assert bodies and int(bodies.group(1)) == len(bodies_that_report(plan.activities, load_registry()))


@pytest.fixture(scope="module")
def plan(plan_build):
    return plan_build.plan


# ---- several bodies' submissions: each activity counted once, the queries agreeing with each other (#29)

MONTHS = {
    "Ianuarie": "01",
    "Februarie": "02",
    "Martie": "03",
    "Aprilie": "04",
    "Mai": "05",
    "Iunie": "06",
    "Iulie": "07",
    "August": "08",
    "Septembrie": "09",
    "Octombrie": "10",
    "Noiembrie": "11",
    "Decembrie": "12",
}
# the 2019 round the tests below make: four bodies, each its own submission. ANITP and MAI are both responsible for
# 2.1.1 and 2.1.2 (line 31-32) and disagree on 2.1.1; on 2.1.2 they differ only in how far it is. IGPR is
# responsible for 3.1.1 (line 50, "Anual"); DCCO for 5.1.1 (line 93, "Octombrie 2019").
SUBMISSIONS_2019 = {
    "ANITP": ("2020-01-31", [("2.1.1", "completed"), ("2.1.2", "in-progress"), ("2.3.1", "completed")]),
    "MAI": ("2020-01-31", [("2.1.1", "in-progress"), ("2.1.2", "substantial")]),
    "IGPR": ("2020-01-31", [("3.1.1", "completed")]),
    "DCCO": ("2020-01-20", [("5.1.1", "completed")]),
}


@pytest.fixture(scope="module")
def bodies_round(plan_build):
    store = built_plan_store(plan_build)
    for body, (day, said) in SUBMISSIONS_2019.items():
        graph = round_of("2019", body, day, [SelfReport(n, body, status) for n, status in said])
        store.load_ntriples(graph.serialize(format="nt", encoding="utf-8"))
    return store


def test_progress_by_area_counts_each_activity_once_where_reports_disagree(bodies_round):
    from tests.support.plan_facts import EXPECTED

    day = "2020-12-31"
    state = {n: LABELS[s] for n, s in latest_by_activity(day).items()}  # the published reports'
    # the round's, where its day is the latest: 2.3.1's completed is older than TIP 2020's "limited"
    state |= {"2.1.1": "reports disagree", "2.1.2": "in progress", "3.1.1": "completed", "5.1.1": "completed"}
    expected = Counter((n.split(".")[0], state.get(n, "no information")) for n in EXPECTED)
    found = {(r["area"], r["status"]): int(r["activities"]) for r in rows(bodies_round, "progress-by-area", date=day)}
    assert found == dict(expected)
    assert sum(found.values()) == len(EXPECTED) == 60  # each activity once
    only = {
        (r["area"], r["status"]): int(r["activities"])
        for r in rows(bodies_round, "progress-by-area", date=day, actor="MAI")
    }
    # MAI: responsible for 2.1.1-2.1.5, a partner in 5.1.2 (lines 31-35, 95)
    assert only == {
        ("2", "reports disagree"): 1,
        ("2", "in progress"): 1,
        ("2", "no information"): 3,
        ("5", "no information"): 1,
    }


def test_status_at_a_date_gives_each_report_and_the_activitys_state(bodies_round):
    found = [
        (r["notation"], r["status"], r.get("assessedOn", ""), r.get("kind", ""), r.get("by", ""), r["state"])
        for r in rows(bodies_round, "status-at-date", date="2020-03-01")
        if r["notation"] in ("2.1.1", "2.1.2", "2.3.1", "2.1.3")
    ]
    assert found == [
        ("2.1.1", "completed", "2020-01-31", "self-report", "ANITP", "reports disagree"),
        ("2.1.1", "in progress", "2020-01-31", "self-report", "MAI", "reports disagree"),
        ("2.1.2", "in progress", "2020-01-31", "self-report", "ANITP", "in progress"),
        ("2.1.2", "in progress, substantial", "2020-01-31", "self-report", "MAI", "in progress"),
        ("2.1.3", "no information", "", "", "", "no information"),
        ("2.3.1", "completed", "2020-01-31", "self-report", "ANITP", "completed"),
    ]


@pytest.mark.parametrize("day", ["2019-06-30", "2019-12-31", "2020-03-01", "2020-12-31", "2021-12-31"])
def test_overdue_and_status_at_a_date_agree_on_every_activity(bodies_round, day):
    """An activity is overdue at a date exactly when a one-off deadline's month is over and its state then (as
    status-at-date gives it) is not "completed"; the overdue list gives that state."""
    from tests.support.plan_facts import EXPECTED

    states = {r["notation"]: r["state"] for r in rows(bodies_round, "status-at-date", date=day)}
    expected = {}
    for notation, row in EXPECTED.items():
        for written in row.deadlines:
            if written.split()[0] in MONTHS:
                month = f"{written.split()[1]}-{MONTHS[written.split()[0]]}"
                if month < day[:7] and states[notation] != "completed":
                    expected[notation] = (month, written, states[notation])
    found = {
        r["notation"]: (r["deadline"], r["asWritten"], r["latestStatus"])
        for r in rows(bodies_round, "overdue-at-date", date=day)
    }
    assert found == expected
    if day == "2020-12-31":  # an old "completed" does not hide a later "limited" (TIP 2020 on 2.3.1)
        assert found["2.3.1"] == ("2019-06", "Iunie 2019", "in progress, limited") and "5.1.1" not in found


def reporting_rows(registry, skip=lambda body, notation: False):
    """(body, role, notation) for every reporting body's involvement, responsible rows first, by body and line."""
    from tests.support.plan_facts import EXPECTED

    found = []
    for order, role in enumerate(("responsible", "partner")):
        for notation, row in EXPECTED.items():
            for code in row.responsible if role == "responsible" else row.partners:
                if not registry[code].is_category and not skip(code, notation):
                    found.append((order, code, row.line, code, role, notation))
    return [entry[3:] for entry in sorted(found)]


def test_unreported_asks_every_reporting_body_responsible_first(bodies_round, registry):
    reported = {(body, n) for body, (_, said) in SUBMISSIONS_2019.items() for n, _ in said}
    found = [(r["body"], r["role"], r["notation"]) for r in rows(bodies_round, "unreported", period="2019")]
    assert found == reporting_rows(registry, lambda body, notation: (body, notation) in reported)
    assert not {body for body, _, _ in found} & {
        "ONG",
        "Consiliile locale",
        "Instituția prefectului",
        "echipe interinstituționale antitrafic județene",
        "Instituțiile responsabile cu implementarea MNIR",
    }
    mine = [(r["body"], r["role"], r["notation"]) for r in rows(bodies_round, "unreported", period="2019", actor="MAI")]
    assert mine == [("MAI", "responsible", n) for n in ("2.1.3", "2.1.4", "2.1.5")] + [("MAI", "partner", "5.1.2")]


def test_unreported_leaves_out_what_was_completed_before_unless_it_recurs(bodies_round, registry):
    # 2020: 5.1.1 (one-off, completed in 2019) is not asked for; 3.1.1 ("Anual") and 2.3.1 ("Iunie 2019" and
    # "Anual") completed in 2019 are asked for again
    found = [(r["body"], r["role"], r["notation"]) for r in rows(bodies_round, "unreported", period="2020")]
    assert found == reporting_rows(registry, lambda body, notation: notation == "5.1.1")


def test_self_reports_that_disagree_with_each_other(bodies_round):
    found = [tuple(r.values()) for r in rows(bodies_round, "self-report-disagreements")]
    assert found == [
        ("2019", "2.1.1", "ANITP", "completed", "2020-01-31"),
        ("2019", "2.1.1", "MAI", "in progress", "2020-01-31"),
    ]
    assert rows(bodies_round, "self-report-disagreements", period="2020") == []


def test_every_assessment_of_an_activity_with_its_evidence_and_notes(plan_build):
    store = built_plan_store(plan_build)
    said = SelfReport("2.3.1", "ANITP", "completed", "Ordinul 45/2019 (https://example.org/o45.pdf)", "set de 12")
    store.load_ntriples(round_of("2019", "ANITP", "2020-01-31", [said]).serialize(format="nt", encoding="utf-8"))
    found = [
        (
            r["date"],
            r["status"],
            r["kind"],
            r["by"],
            r.get("period", ""),
            r.get("evidence", ""),
            r.get("note", ""),
            r.get("quotation", "")[:40],
        )
        for r in rows(store, "activity-assessments", activity="2.3.1")
    ]
    assert found == [
        (
            "2020-01-31",
            "completed",
            "self-report",
            "ANITP",
            "2019",
            "Ordinul 45/2019 (https://example.org/o45.pdf)",
            "set de 12",
            "",
        ),
        # data/assessments.csv: the page each sentence was read at, and the section before the sentence
        (
            "2020-06-25",
            "in progress, limited",
            "external assessment",
            "US Department of State",
            "",
            "https://www.state.gov/reports/2020-trafficking-in-persons-report/romania/",
            "",
            "Protection: Authorities used the existin",
        ),
        (
            "2021-07-01",
            "in progress, limited",
            "external assessment",
            "US Department of State",
            "",
            "https://www.state.gov/reports/2021-trafficking-in-persons-report/romania/",
            "",
            "Protection: While ANITP drafted a new re",
        ),
    ]
    reports = [tuple(r.values()) for r in rows(store, "self-reports", period="2019")]
    assert reports == [
        (
            "2019",
            "ANITP",
            "2.3.1",
            "completed",
            "2020-01-31",
            "Ordinul 45/2019 (https://example.org/o45.pdf)",
            "set de 12",
        )
    ]
