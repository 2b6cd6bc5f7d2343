"""The materialised entailments (rules/, graph/entailment.py): each rule on fixtures of its own, HermiT's closure of
the plan, and the designed counts on the embedded store (on the other stores a consumer may use, the published
graphs on an Oxigraph server and on Virtuoso and the dumps in a bare Oxigraph server:
tests/integration/test_entailment_on_stores.py)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from plan_graph.errors import InputError
from plan_graph.graph.entailment import Rule, entail, rules
from plan_graph.graph.names import INFERRED_GRAPH, ONTOLOGY, PREFIXES
from plan_graph.graph.rdflib_door import graph_of
from plan_graph.graph.stored import StoredGraph
from tests.support.designed_counts import DESIGNED, PROLOGUE, counts, registry_rows
from tests.support.paths import REPO, require_tool


def test_the_designed_counts_are_what_the_text_gives():
    assert DESIGNED["?x a pg:Indicator"] == 108
    assert DESIGNED["?x a pg:ExternalGrant"] == 20
    assert DESIGNED["?x org:transitiveSubOrganizationOf ?y"] > len([r for r in registry_rows() if r["parent"]])


# ---- the rules, one by one, on fixtures of their own

FIXTURE_ONTOLOGY = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix : <urn:o:> .
:Agency rdfs:subClassOf :Organisation . :Organisation rdfs:subClassOf :Actor .
:responsible rdfs:subPropertyOf :involves . :involves rdfs:domain :Activity ; rdfs:range :Actor .
:hasPart owl:inverseOf :partOf .
:under a owl:TransitiveProperty .
:label rdfs:range :Text .
:about rdfs:domain [ owl:unionOf ( :Activity :Actor ) ] .
"""


def run_rules(data: str, *names: str) -> set[tuple[str, str, str]]:
    store = ox.Store()
    store.load(FIXTURE_ONTOLOGY.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY))
    triples = ox.Store()
    triples.load(("@prefix : <urn:o:> . " + data).encode(), format=ox.RdfFormat.TURTLE)
    ntriples = triples.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    chosen = [rule for rule in rules() if rule.name in names] if names else None
    result = entail(StoredGraph(ntriples, triples), chosen, store)
    return {(t.subject.value, t.predicate.value, t.object.value) for t in result.inferred.triples()}


def test_subclass_follows_every_level():
    found = run_rules(":anitp a :Agency .", "subclass")
    assert found == {
        ("urn:o:anitp", PREFIXES["rdf"] + "type", "urn:o:Organisation"),
        ("urn:o:anitp", PREFIXES["rdf"] + "type", "urn:o:Actor"),
    }


def test_subproperty_then_domain_and_range_need_a_second_round():
    found = run_rules(":a1 :responsible :anitp .")
    assert ("urn:o:a1", "urn:o:involves", "urn:o:anitp") in found
    assert ("urn:o:a1", PREFIXES["rdf"] + "type", "urn:o:Activity") in found  # domain of the superproperty
    assert ("urn:o:anitp", PREFIXES["rdf"] + "type", "urn:o:Actor") in found


def test_inverse_goes_both_ways():
    assert run_rules(":mai :hasPart :anitp .", "inverse") == {("urn:o:anitp", "urn:o:partOf", "urn:o:mai")}
    assert run_rules(":anitp :partOf :mai .", "inverse") == {("urn:o:mai", "urn:o:hasPart", "urn:o:anitp")}


def test_transitive_reaches_any_depth():
    found = run_rules(":a :under :b . :b :under :c . :c :under :d .", "transitive")
    assert found == {
        ("urn:o:a", "urn:o:under", "urn:o:c"),
        ("urn:o:b", "urn:o:under", "urn:o:d"),
        ("urn:o:a", "urn:o:under", "urn:o:d"),
    }


def test_range_types_resources_not_literals_and_a_union_domain_names_no_class():
    assert run_rules(':x :label "ANITP" .', "range") == set()
    assert run_rules(":x :about :y .", "domain") == set()


def test_nothing_stated_is_added_again():
    assert run_rules(":anitp a :Agency , :Organisation , :Actor .") == set()


def test_rules_that_never_settle_are_refused():
    growing = Rule(
        "growing",
        """CONSTRUCT { ?next <urn:o:p> ?x } WHERE {
        ?x <urn:o:p> ?y BIND (IRI(CONCAT(STR(?x), "x")) AS ?next) }""",
    )
    store = ox.Store()
    data = b"<urn:o:a> <urn:o:p> <urn:o:b> .\n"
    with pytest.raises(InputError, match="never settle"):
        entail(StoredGraph(data, store), [growing], ox.Store())


def test_every_rule_says_which_owl_2_rl_rule_it_is_and_the_readme_lists_it():
    readme = (REPO / "rules" / "README.md").read_text(encoding="utf-8")
    for rule in rules():
        header = rule.query.splitlines()[0]
        assert header.startswith(("# rule: ", "# rules: ")) and "(OWL 2 RL)" in header, rule.name
        assert f"`{rule.name}.rq`" in readme


# ---- the plan


def test_the_rules_reach_a_fixpoint_on_the_plan(plan_build):
    entailments = plan_build.entailments
    assert entailments.count == len(entailments.inferred.triples()) > 0
    # closed: the rules find nothing more in the plan and its entailments together
    both = StoredGraph(plan_build.stored.ntriples + entailments.inferred.ntriples, ox.Store())
    assert entail(both).count == 0


def test_the_entailments_are_hermits_closure_of_the_plan(plan_build):
    require_tool("java")
    from plan_graph.checks.reasoning import reason
    from plan_graph.graph.rdflib_door import ontology_graph

    hermit = reason(graph_of(plan_build.stored), ontology_graph())
    ours = Graph().parse(data=plan_build.entailments.inferred.ntriples, format="nt")
    # HermiT (through owlready2) reports types and links between resources; literal values are ours alone
    assert {t for t in ours if isinstance(t[2], URIRef)} == set(hermit.inferred)
    assert len(hermit.inferred) > 1000


def test_the_embedded_store_gives_the_designed_counts(store):
    assert counts(store) == DESIGNED
    # the entailments are in the default graph and, on their own, in their named graph
    in_graph = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}")
    assert int(in_graph.rows[0]["n"].value) > 0


def test_the_working_group_counts_by_the_rows_members(store):
    # line 33 (2.1.3) lists the group's members without MJ; the group has MJ as a member (lines 32, 34)
    ask = PROLOGUE + """ASK {{ ?row skos:notation "{row}" ; pg:involves ?mj . ?mj a pg:Actor ; skos:notation "MJ" }}"""
    assert store.query(ask.format(row="2.1.2")).value and not store.query(ask.format(row="2.1.3")).value


def test_a_rule_that_is_not_a_construct_is_refused_with_its_name():
    select = Rule("listing", "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match=r"rules/listing\.rq: a rule is a query CONSTRUCT"):
        entail(StoredGraph(b"<urn:o:a> <urn:o:p> <urn:o:b> .\n", ox.Store()), [select], ox.Store())


def test_the_entailments_come_back_apart_from_what_was_stated():
    data = b"<urn:o:a1> <urn:o:responsible> <urn:o:anitp> .\n"
    store = ox.Store()
    store.load(FIXTURE_ONTOLOGY.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY))
    result = entail(StoredGraph(data, ox.Store()), None, store)
    rdf_type = PREFIXES["rdf"] + "type"
    found = {(t.subject.value, t.predicate.value, t.object.value) for t in result.inferred.triples()}
    # subproperty, then the domain and range of the superproperty; the stated triple is not among them
    assert found == {
        ("urn:o:a1", "urn:o:involves", "urn:o:anitp"),
        ("urn:o:a1", rdf_type, "urn:o:Activity"),
        ("urn:o:anitp", rdf_type, "urn:o:Actor"),
    }
    assert result.count == 3


def test_a_template_with_braces_in_its_strings_and_comments_is_read_whole():
    labelled = Rule(
        "labelled",
        """# a rule whose template holds braces that close nothing: in a string, in a comment
CONSTRUCT { ?x <urn:o:label> "}{ set }" .  # } not the end
  ?x <urn:o:seen> true } WHERE { ?x <urn:o:p> ?y }""",
    )
    result = entail(StoredGraph(b"<urn:o:a> <urn:o:p> <urn:o:b> .\n", ox.Store()), [labelled], ox.Store())
    assert {(t.predicate.value, t.object.value) for t in result.inferred.triples()} == {
        ("urn:o:label", "}{ set }"),
        ("urn:o:seen", "true"),
    }
