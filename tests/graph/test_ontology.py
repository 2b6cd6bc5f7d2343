"""The ontology on its own: complete labels and comments in two languages, metadata, declared terms, docs."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from plan_graph.graph.ontology import ontology_triples
from plan_graph.graph.rdflib_door import graph_of, ontology_graph
from plan_graph.pipeline.build import build
from plan_graph.web.docs import write_docs
from tests.support.browsers import HEADLESS
from tests.support.namespaces import PG, VANN
from tests.support.paths import require_tool

ONTOLOGY = URIRef("https://w3id.org/plan-graph/ontology")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)


@pytest.fixture(scope="module")
def ontology():
    return ontology_graph()


def own_terms(ontology):
    return sorted(
        {s for kind in KINDS for s in ontology.subjects(RDF.type, kind) if str(s).startswith(str(PG))},
        key=str,
    )


def test_the_ontology_metadata(ontology):
    for predicate in (OWL.versionIRI, OWL.versionInfo, DCTERMS.license, DCTERMS.created):
        assert ontology.value(ONTOLOGY, predicate) is not None, predicate
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {v.language for v in ontology.objects(ONTOLOGY, predicate)} == {"en", "ro"}, predicate
    assert ontology.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("pg")
    assert str(ontology.value(ONTOLOGY, VANN.preferredNamespaceUri)) == str(PG)


def test_every_class_and_property_has_label_and_comment_in_english_and_romanian(ontology):
    terms = own_terms(ontology)
    assert len(terms) > 50
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            languages = {value.language for value in ontology.objects(term, predicate)}
            assert languages == {"en", "ro"}, f"{term} {predicate}: {languages}"


def test_object_properties_have_a_domain_or_a_range(ontology):
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        if str(prop).startswith(str(PG)) and (prop, RDFS.subPropertyOf, None) not in ontology:
            assert (prop, RDFS.domain, None) in ontology or (prop, RDFS.range, None) in ontology, prop


def test_disjointness_where_it_is_true(ontology):
    assert (PG.GeneralObjective, OWL.disjointWith, PG.SpecificObjective) in ontology
    assert (PG.Organisation, OWL.disjointWith, PG.Activity) in ontology
    assert (PG.Organisation, OWL.disjointWith, PG.ActorCategory) in ontology
    assert (PG.CountIndicator, OWL.disjointWith, PG.DeliverableIndicator) in ontology


def test_alignment_to_the_standards_by_axioms(ontology):
    org = "http://www.w3.org/ns/org#"
    assert (PG.Organisation, RDFS.subClassOf, URIRef(org + "Organization")) in ontology
    assert (
        PG.PublicOrganisation,
        RDFS.subClassOf,
        URIRef("http://data.europa.eu/m8g/PublicOrganisation"),
    ) in ontology
    assert (PG.ActionPlan, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Plan")) in ontology
    assert (PG.responsible, RDFS.subPropertyOf, PG.involves) in ontology


def test_every_term_the_graph_uses_is_declared(ontology):
    graph = graph_of(build(check=False).stored)
    used = {p for _, p, _ in graph} | {o for _, p, o in graph if p == RDF.type}
    declared = {s for kind in (*KINDS, RDFS.Class) for s in ontology.subjects(RDF.type, kind)}
    builtin = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2004/02/skos/core#Concept")
    undeclared = {str(term) for term in used - declared if not str(term).startswith(builtin)}
    assert not undeclared


def test_docs_show_every_class_in_both_languages_in_a_real_browser(ontology):
    chromium = require_tool("chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = write_docs(ontology_triples(), Path(folder))
        profile = Path(folder) / "profile"
        result = subprocess.run(
            [
                chromium,
                *HEADLESS,
                f"--user-data-dir={profile}",
                "--virtual-time-budget=3000",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(PG))]
    assert len(classes) >= 25
    for cls in classes:
        local = str(cls).split("#")[1]
        assert f'id="{local}"' in dom, local
        for label in ontology.objects(cls, RDFS.label):
            assert str(label) in dom, (local, label.language)


def test_the_docs_command(tmp_path):
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "docs", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "pg:Activity" in (tmp_path / "index.html").read_text(encoding="utf-8")
