"""The RDF graph: IRIs, notations, labels, deadlines, actors, funding and provenance, as the text says."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from plan_graph.graph.iris import BaseIriError, Iris
from plan_graph.graph.mapping import to_graph
from plan_graph.graph.rdflib_door import rdflib_graph
from tests.support.namespaces import CV, DCTERMS, FREQ, ORG, PG, PROV, RDF, SKOS, XSD
from tests.support.paths import REPO

BASE = "https://w3id.org/plan-graph/ro/"
PLAN = BASE + "hg-861-2018/"


def iri(path: str) -> URIRef:
    return URIRef(PLAN + path)


def actor(code: str) -> URIRef:
    return URIRef(BASE + "actor/" + code)


def test_activity_iri_notation_title_and_objective(graph):
    activity = iri("activity/1.1.3")
    assert (activity, RDF.type, PG.Activity) in graph
    assert graph.value(activity, SKOS.notation) == Literal("1.1.3")
    assert graph.value(activity, PG.forObjective) == iri("objective/1.1")
    assert graph.value(iri("objective/1.1"), PG.underGeneralObjective) == iri("objective/1")
    assert graph.value(iri("objective/1"), PG.inArea) == iri("area/1")
    title = graph.value(activity, DCTERMS.title)
    assert title.language == "ro" and title.startswith("Implementarea de campanii/proiecte/inițiative de prevenire")


def test_counts_by_class(graph):
    def count(cls):
        return len(set(graph.subjects(RDF.type, cls)))

    assert (count(PG.Area), count(PG.GeneralObjective), count(PG.SpecificObjective), count(PG.Activity)) == (
        5,
        5,
        19,
        60,
    )
    assert count(PG.Abbreviation) == 48


def test_one_off_deadline_is_a_gyearmonth_with_the_text_kept(graph):
    deadline = iri("activity/2.3.1/deadline/1")
    assert (deadline, RDF.type, PG.OneOffDeadline) in graph
    assert graph.value(deadline, PG.dueMonth) == Literal("2019-06", datatype=XSD.gYearMonth)
    assert graph.value(deadline, PG.asWritten) == Literal("Iunie 2019", lang="ro")


def test_recurring_deadlines_are_eu_frequencies(graph):
    second = iri("activity/2.3.1/deadline/2")
    assert graph.value(second, DCTERMS.accrualPeriodicity) == FREQ.ANNUAL
    assert graph.value(iri("activity/1.3.1/deadline/1"), DCTERMS.accrualPeriodicity) == FREQ.ANNUAL_2
    assert graph.value(iri("activity/2.1.2/deadline/1"), DCTERMS.accrualPeriodicity) == FREQ.QUARTERLY
    assert graph.value(iri("activity/1.1.7/deadline/1"), DCTERMS.accrualPeriodicity) == FREQ.CONT


def test_roles(graph):
    activity = iri("activity/1.1.2")  # Responsabili:ANITPMENMTS Parteneri:MAEMRPMMJS prin ANOFMIGPR…
    assert set(graph.objects(activity, PG.responsible)) == {actor("ANITP"), actor("MEN"), actor("MTS")}
    assert {actor("MMJS"), actor("ANOFM"), actor("ONG"), actor("DGASPC")} <= set(graph.objects(activity, PG.partner))
    assert (actor("ANOFM"), PROV.actedOnBehalfOf, actor("MMJS")) in graph


def items(graph, notation):
    """The row's actor items as (role, position, as written, construction, {(how, actor)}), in order."""
    found = []
    for node in graph.objects(iri(f"activity/{notation}"), PG.hasActorItem):
        named = {
            (str(p).rsplit("#", 1)[-1], str(a).rsplit("/", 1)[-1])
            for p, a in graph.predicate_objects(node)
            if str(p).startswith(str(PG) + "names")
        }
        found.append(
            (
                str(graph.value(node, PG.role)).rsplit("#", 1)[-1],
                graph.value(node, PG.position).toPython(),
                str(graph.value(node, PG.asWritten)),
                str(graph.value(node, PG.construction)).rsplit("#", 1)[-1],
                named,
            )
        )
    return sorted(found, key=lambda item: (item[0] != "ResponsibleRole", item[1]))


def test_actor_items_keep_the_cell_as_printed(graph):
    # line 21 (1.2.3): "Responsabili:MMJS prin ANOFMMFPParteneri:ONG", read by eye
    assert items(graph, "1.2.3") == [
        (
            "ResponsibleRole",
            1,
            "MMJS prin ANOFM",
            "ThroughConstruction",
            {("namesPrincipal", "MMJS"), ("namesAgent", "ANOFM")},
        ),
        ("ResponsibleRole", 2, "MFP", "DirectConstruction", {("namesDirectly", "MFP")}),
        ("PartnerRole", 1, "ONG", "DirectConstruction", {("namesDirectly", "ONG")}),
    ]
    node = iri("activity/1.2.3/responsible/1")
    assert (iri("activity/1.2.3"), PG.hasActorItem, node) in graph
    assert (node, PROV.wasDerivedFrom, iri("source/line/21")) in graph


def test_the_dash_item_names_the_parent_and_its_bodies(graph):
    activity = iri("activity/4.2.1")  # line 88: "Responsabili:ANITPIGPR - DCCO, UCAI"
    assert (activity, PG.responsible, actor("IGPR")) in graph
    bodies = [item for item in items(graph, "4.2.1") if item[3] == "BodiesConstruction"]
    assert bodies == [
        (
            "ResponsibleRole",
            2,
            "IGPR - DCCO, UCAI",
            "BodiesConstruction",
            {("namesPrincipal", "IGPR"), ("namesBody", "DCCO"), ("namesBody", "UCAI")},
        )
    ]


def test_working_group(graph):
    group = actor("grup-de-lucru-2.1.1")
    assert (iri("activity/2.1.1"), PG.establishes, group) in graph
    assert (iri("activity/2.1.2"), PG.responsibleGroup, group) in graph
    assert (group, ORG.hasMember, actor("IGI")) in graph
    assert (group, RDF.type, PG.CollectiveBody) in graph


def test_actors_and_hierarchy(graph):
    anitp = actor("ANITP")
    assert (anitp, RDF.type, PG.Organisation) in graph
    assert (anitp, RDF.type, CV.PublicOrganisation) in graph
    assert graph.value(anitp, ORG.subOrganizationOf) == actor("MAI")
    assert graph.value(anitp, PG.parentStatedBy) == PG.StatedByPlan
    assert graph.value(actor("CR-ANITP"), ORG.subOrganizationOf) == anitp
    assert graph.value(actor("DIICOT"), PG.parentStatedBy) == PG.CuratedKnowledge
    labels = {(label.language, str(label)) for label in graph.objects(anitp, SKOS.prefLabel)}
    assert ("ro", "Agenția Națională împotriva Traficului de Persoane") in labels
    assert ("en", "National Agency against Trafficking in Persons") in labels
    assert (actor("ONG"), RDF.type, PG.ActorCategory) in graph
    assert (actor("ONG"), RDF.type, PG.Organisation) not in graph


def test_funding_sources(graph):
    first = iri("activity/1.1.1/resource/1")
    assert (first, RDF.type, PG.BodyBudget) in graph
    assert graph.value(first, PG.holder) == actor("ANITP")
    assert (iri("activity/1.1.1/resource/5"), RDF.type, PG.ExternalGrant) in graph
    not_applicable = iri("activity/2.1.1/resource/1")
    assert (not_applicable, RDF.type, PG.NoResourcesNeeded) in graph
    assert graph.value(not_applicable, PG.asWritten) == Literal("Nu este cazul.", lang="ro")


def test_provenance_to_the_printed_line(graph, plan_text):
    line = graph.value(iri("activity/1.1.1"), PROV.wasDerivedFrom)
    assert graph.value(line, PG.lineNumber) == Literal(10)
    assert str(graph.value(line, PROV.value)) == plan_text.splitlines()[9]


def test_corrections_keep_the_original(graph):
    corrections = {
        (str(graph.value(c, PG.original)), str(graph.value(c, PG.corrected)))
        for c in graph.subjects(RDF.type, PG.Correction)
    }
    assert ("ANDPCA", "ANPDCA") in corrections
    assert ("ONG-uri", "ONG") in corrections
    assert ("BugetANPDCA", "Buget ANPDCA") in corrections
    assert (iri("activity/5.1.2"), PG.hasCorrection, None) in graph


def test_the_legal_act_has_a_local_iri_and_an_identifier(graph):
    act = URIRef(BASE + "eli/hg/2018/861")
    assert graph.value(act, DCTERMS.identifier) == Literal("HG 861/2018")
    assert graph.value(URIRef(BASE + "hg-861-2018"), DCTERMS.isPartOf) == act


def test_the_base_is_configurable(plan, registry):
    graph = rdflib_graph(to_graph(plan, registry, Iris("http://example.org/data/")))
    assert (URIRef("http://example.org/data/hg-861-2018/activity/1.1.3"), RDF.type, PG.Activity) in graph
    assert not any(str(s).startswith(BASE) for s in graph.subjects())


@pytest.mark.parametrize(
    "base", ["not an iri", "ftp://example.org/", "http://example.org/no-slash", "http://ex ample.org/"]
)
def test_a_bad_base_is_refused(base):
    with pytest.raises(BaseIriError):
        Iris(base)


# the shapes' IRI patterns (shapes/iris.ttl) and the IRI templates the project mints from (graph/iris.py)
SHAPE_KINDS = {
    "ActivityIriShape": ("activity",),
    "ObjectiveIriShape": ("objective",),
    "AreaIriShape": ("area",),
    "PartIriShape": ("indicator", "deadline", "resource", "actor-item"),
    "ActorIriShape": ("actor",),
    "SourceLineIriShape": ("line",),
}
EXAMPLE_VALUES = {
    "notation": "3.6.2",
    "position": 2,
    "number": 94,
    "id": "CR-ANITP",
    "code": "CR ANITP",
    "role": "partner",
    "measure": "identified-victims",
    "year": 2019,
    "sex": "_T",
    "age": "Y0T17",
    "form": "all",
    "citizenship": "foreign",
    "document": "us-tip-2020-romania",
    "round": "2019",
    "reporter": "ANITP",
    "revision": 2,
}


def test_the_shapes_iri_patterns_fit_the_templates_iris_are_minted_from():
    import re
    from string import Formatter

    from rdflib.namespace import SH

    from plan_graph.graph.iris import PATHS

    shapes = Graph().parse(REPO / "shapes" / "iris.ttl")
    pgsh = Namespace("https://w3id.org/plan-graph/shapes#")

    def minted(iris: Iris, kind: str) -> str:
        fields = {name for _, name, _, _ in Formatter().parse(PATHS[kind]) if name and name != "plan"}
        values = {**EXAMPLE_VALUES, "notation": "3.6" if kind == "objective" else "3.6.2"}  # what each numbers
        return iris.template(kind, **{name: values[name] for name in fields})

    for base in ("https://w3id.org/plan-graph/ro/", "https://example.org/other/"):
        for shape, kinds in SHAPE_KINDS.items():
            pattern = re.compile(str(shapes.value(pgsh[shape], SH.pattern)))
            for kind in PATHS:  # each pattern takes the IRIs of its kinds, and no other
                iri = minted(Iris(base), kind)
                assert bool(pattern.search(iri)) == (kind in kinds), (shape, kind, iri)
    objective = re.compile(str(shapes.value(pgsh["ObjectiveIriShape"], SH.pattern)))
    assert objective.search(Iris().template("objective", notation="3"))  # a general objective too


def test_every_recurring_deadline_says_how_often_in_words(store):
    """#30: the EU frequency of a recurring deadline has its labels in the data, English and Romanian, beside the
    deadline as the text writes it (tests/support/plan_facts.py)."""
    from tests.support.plan_facts import EXPECTED

    words = {
        "Anual": ("annual", "anual"),
        "Semestrial": ("semiannual", "semestrial"),
        "Trimestrial": ("quarterly", "trimestrial"),
        "Permanent": ("continuous", "continuu"),
    }
    expected = sorted((n, d, *words[d]) for n, row in EXPECTED.items() for d in row.deadlines if d in words)
    found = store.select("""
        PREFIX pg: <https://w3id.org/plan-graph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?notation ?written ?en ?ro WHERE {
          ?activity skos:notation ?notation ; pg:hasDeadline ?d .
          ?d a pg:RecurringDeadline ; pg:asWritten ?written ; dct:accrualPeriodicity ?f .
          ?f skos:prefLabel ?en , ?ro FILTER (LANG(?en) = "en" && LANG(?ro) = "ro")
        }""")
    assert sorted(tuple(row[v].value for v in ("notation", "written", "en", "ro")) for row in found.rows) == expected
    assert len(expected) > 40
