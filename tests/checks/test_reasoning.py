"""OWL reasoning with HermiT: the plan is consistent, designed inferences appear, contradictions are named."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from plan_graph.checks.reasoning import reason, reasonable_part
from plan_graph.graph.rdflib_door import graph_of, ontology_graph
from plan_graph.pipeline.build import build
from tests.support.namespaces import ORG, PG, PROV
from tests.support.paths import require_tool

P = Namespace("https://w3id.org/plan-graph/ro/hg-861-2018/")
A = Namespace("https://w3id.org/plan-graph/ro/actor/")


@pytest.fixture(scope="module", autouse=True)
def java():
    require_tool("java")


@pytest.fixture(scope="module")
def ontology():
    return ontology_graph()


@pytest.fixture(scope="module")
def plan_graph():
    return graph_of(build(check=False).stored)


@pytest.fixture(scope="module")
def plan_reasoning(plan_graph, ontology):
    return reason(plan_graph, ontology)


def test_the_plan_is_consistent_with_no_unsatisfiable_class(plan_reasoning):
    assert plan_reasoning.consistent, plan_reasoning.message
    assert plan_reasoning.unsatisfiable == []


def test_typing_through_subclasses(plan_reasoning):
    inferred = plan_reasoning.inferred
    for code in ("ANITP", "MAI", "DCCO"):
        assert (A[code], RDF.type, PG.Actor) in inferred  # pg:Organisation ⊑ pg:Actor
        assert (A[code], RDF.type, PROV.Agent) in inferred  # pg:Actor ⊑ prov:Agent
    assert (A["ONG"], RDF.type, PG.Actor) in inferred  # pg:ActorCategory ⊑ pg:Actor
    assert (A["ONG"], RDF.type, ORG.Organization) not in inferred  # a category is no organisation
    assert (P["activity/1.1.1/indicator/1"], RDF.type, PG.Indicator) in inferred
    assert (P["activity/3.2.1/resource/1"], RDF.type, PG.ExternalGrant) in inferred  # a project grant


def test_sub_organisation_is_transitive_through_org(plan_reasoning):
    inferred = plan_reasoning.inferred
    # CR ANITP is under ANITP, which is under MAI; DCCO is under IGPR, which is under MAI
    assert (A["CR-ANITP"], ORG.transitiveSubOrganizationOf, A["MAI"]) in inferred
    assert (A["DCCO"], ORG.transitiveSubOrganizationOf, A["MAI"]) in inferred
    assert (A["UCAI"], ORG.transitiveSubOrganizationOf, A["MAI"]) in inferred


def test_inverse_links_and_types_through_domains_and_ranges_are_inferred(plan_graph, ontology):
    # one HermiT run (7-9 s each on the plan) for two independent removals: the downward links, and two types
    reduced = Graph()
    reduced += plan_graph
    reduced.remove((None, PG.hasActivity, None))
    reduced.remove((P["activity/2.1.1/indicator/1"], RDF.type, None))
    reduced.remove((P["activity/2.1.1"], RDF.type, None))
    result = reason(reduced, ontology)
    # pg:hasActivity, the inverse of pg:forObjective
    assert (P["objective/1.1"], PG.hasActivity, P["activity/1.1.3"]) in result.inferred
    assert len(list(result.inferred.triples((None, PG.hasActivity, None)))) == 60
    assert (
        P["activity/2.1.1/indicator/1"],
        RDF.type,
        PG.Indicator,
    ) in result.inferred  # range of pg:hasIndicator
    assert (P["activity/2.1.1"], RDF.type, PG.Activity) in result.inferred  # domain of pg:forObjective


def test_an_activity_typed_as_an_organisation_is_inconsistent_and_named(plan_graph, ontology):
    contradictory = Graph()
    contradictory += plan_graph
    contradictory.add((P["activity/1.1.1"], RDF.type, PG.Organisation))
    result = reason(contradictory, ontology)
    assert not result.consistent
    assert {clash.resource for clash in result.clashes} == {str(P["activity/1.1.1"])}
    assert (str(PG.Organisation), str(PG.Activity)) in {clash.classes for clash in result.clashes}
    assert str(P["activity/1.1.1"]) in result.message


def test_an_unsatisfiable_class_is_reported(plan_graph, ontology):
    broken = Graph()
    broken += ontology
    weird = URIRef("https://w3id.org/plan-graph/ontology#ActivityOrganisation")
    broken.add((weird, RDF.type, OWL.Class))
    broken.add((weird, RDFS.subClassOf, PG.Activity))
    broken.add((weird, RDFS.subClassOf, PG.Organisation))
    result = reason(plan_graph, broken)
    assert result.consistent and str(weird) in result.unsatisfiable and not result.ok


def test_literals_outside_the_owl2_datatype_map_are_set_aside(plan_graph):
    kept, set_aside = reasonable_part(plan_graph)
    months = [
        t for t in plan_graph if isinstance(t[2], Literal) and t[2].datatype and t[2].datatype.endswith("gYearMonth")
    ]
    assert set_aside == len(months) + 1  # the one-off deadlines, the plan's period, the act's xsd:date
    assert len(kept) == len(plan_graph) - set_aside


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "plan_graph", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.slow  # the plan's consistency is checked in process above; the command's path, on a contradiction below
def test_validate_reason_on_the_plan():
    result = run_cli("validate", "--reason")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reasoning (HermiT): consistent; unsatisfiable classes: none" in result.stdout


def test_validate_reason_names_the_contradiction(tmp_path, plan_graph):
    contradictory = Graph()
    contradictory += plan_graph
    contradictory.add((P["activity/4.2.1"], RDF.type, PG.Organisation))
    path = tmp_path / "contradictory.nt"
    contradictory.serialize(path, format="nt", encoding="utf-8")
    result = run_cli("validate", str(path), "--reason")
    assert result.returncode == 1
    assert "INCONSISTENT" in result.stdout and "activity/4.2.1" in result.stdout
