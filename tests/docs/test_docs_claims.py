"""What the docs say of the graph, checked against it (#30): the claims a reader acts on, each read from the doc
that makes it and compared with the graph, the curated tables or the plan as read by eye
(tests/support/plan_facts.py)."""

from __future__ import annotations

import csv
import re

from tests.support.paths import REPO
from tests.support.plan_facts import EXPECTED

DOCS = REPO / "docs"
PG = "PREFIX pg: <https://w3id.org/plan-graph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def prose(name: str) -> str:
    return " ".join((DOCS / name).read_text(encoding="utf-8").split())


def involved(store, code: str) -> set[str]:
    rows = store.select(
        PG
        + f"""SELECT ?n WHERE {{ ?a pg:involves ?x ; skos:notation ?n . ?x skos:notation "{code}" .
                                   FILTER NOT EXISTS {{ ?x a pg:Abbreviation }} }}"""
    )
    return {row["n"].value for row in rows.rows}


def test_who_counts_in_the_working_groups_rows(store):
    # docs/server.md: MJ counts for 2.1.2 and 2.1.4, not for 2.1.3, whose row leaves it out
    claim = r"MJ counts for ([\d.]+) and ([\d.]+), not for ([\d.]+), whose row leaves it out"
    said = re.search(claim, prose("server.md"))
    assert said, "docs/server.md no longer says who counts"
    counted, left_out = set(said.groups()[:2]), said.group(3)
    in_rows = {n for n in ("2.1.2", "2.1.3", "2.1.4") if "MJ" in EXPECTED[n].responsible}
    assert counted == in_rows and left_out not in in_rows
    assert involved(store, "MJ") & {"2.1.2", "2.1.3", "2.1.4"} == counted


def test_which_resources_point_to_the_translation(store):
    """docs/links.md: every Romanian label has an English one; the plan, its areas, objectives, activities,
    indicators and resources, and the abbreviation MNIR point at the translation; nothing else does."""
    assert "Every resource with a Romanian label has an English one" in prose("links.md")
    assert "(the plan, its areas, objectives, activities, indicators and resources, and the abbreviation MNIR" in prose(
        "links.md"
    )
    lonely = store.select(
        PG
        + """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
        ?x skos:prefLabel|<http://purl.org/dc/terms/title> ?ro FILTER (LANG(?ro) = "ro")
        FILTER NOT EXISTS { ?x skos:prefLabel|<http://purl.org/dc/terms/title> ?en FILTER (LANG(?en) = "en") } }"""
    )
    assert lonely.rows[0]["n"].value == "0"
    pointing = {row["x"].value for row in store.select(PG + "SELECT ?x WHERE { ?x pg:unofficialTranslation ?t }").rows}
    base = "https://w3id.org/plan-graph/ro/hg-861-2018"
    areas = {f"{base}/area/{n}" for n in {k.split(".")[0] for k in EXPECTED}}
    objectives = {f"{base}/objective/{n}" for k in EXPECTED for n in (k.split(".")[0], k.rsplit(".", 1)[0])}
    activities = {f"{base}/activity/{n}" for n in EXPECTED}
    parts = [(n, "indicator", len(row.indicators)) for n, row in EXPECTED.items()]
    parts += [(n, "resource", len(row.resources)) for n, row in EXPECTED.items()]
    indicators_and_resources = {
        f"{base}/activity/{n}/{kind}/{i}" for n, kind, size in parts for i in range(1, size + 1)
    }
    assert pointing == {base, *areas, *objectives, *activities, *indicators_and_resources, f"{base}/abbreviation/MNIR"}


def test_what_the_reports_say_of_the_referral_mechanism_is_quoted_from_each():
    """docs/monitoring.md quotes the 2020 and the 2021 US TIP reports on 2.3.1: each phrase is in its report's
    sentence (data/assessments.csv), and in no other's."""
    with (REPO / "data" / "assessments.csv").open(encoding="utf-8", newline="") as handle:
        said = {row["id"]: row["quotation"] for row in csv.DictReader(handle) if row["activity"] == "2.3.1"}
    text = prose("monitoring.md")
    quoted = re.search(r'the 2020 report says .*? "([^"]+)", and the 2021 report that "([^"]+)"', text)
    assert quoted, "docs/monitoring.md no longer quotes the two reports"
    for phrase, year, other in ((quoted.group(1), "2020", "2021"), (quoted.group(2), "2021", "2020")):
        assert phrase in said[f"us-tip-{year}-referral-mechanism"]
        assert phrase not in said[f"us-tip-{other}-referral-mechanism"]
