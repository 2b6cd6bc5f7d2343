"""Links to European and UN data, and English labels: sourced, checked against the real vocabularies."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from plan_graph.text.links import load_links
from tests.support.namespaces import PG
from tests.support.paths import REPO, reference
from tests.support.plan_facts import EXPECTED

P = Namespace("https://w3id.org/plan-graph/ro/hg-861-2018/")
A = Namespace("https://w3id.org/plan-graph/ro/actor/")
SYSTEM = Namespace("https://w3id.org/plan-graph/ro/system/")
ELI_TEMPLATE = re.compile(r"^http://data\.europa\.eu/eli/(dir|reg|dec)/\d{4}/\d+(/art_\d+)?/oj$")


@pytest.fixture(scope="module")
def vocabularies() -> Graph:
    """The EU authority tables and the UN SDG vocabularies, as published."""
    graph = Graph()
    for path in sorted(reference("eu-authority-tables").glob("*.rdf")):
        graph.parse(path, format="xml")
    for path in sorted(reference("un-sdg").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_every_resource_with_a_romanian_label_has_an_english_one(graph):
    for predicate in (SKOS.prefLabel, DCTERMS.title):
        romanian = {s for s, o in graph.subject_objects(predicate) if getattr(o, "language", None) == "ro"}
        english = {s for s, o in graph.subject_objects(predicate) if getattr(o, "language", None) == "en"}
        assert romanian, predicate
        assert romanian <= english, sorted(romanian - english)[:5]


def test_english_labels_are_marked_as_an_unofficial_translation(graph):
    translation = P["translation/en"]
    assert (translation, RDF.type, PG.UnofficialTranslation) in graph
    assert "authoritative" in str(graph.value(translation, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")))
    for kind in (PG.Area, PG.GeneralObjective, PG.SpecificObjective, PG.Activity, PG.CountIndicator):
        for subject in graph.subjects(RDF.type, kind):
            assert (subject, PG.unofficialTranslation, translation) in graph, subject
    assert graph.value(P["activity/1.1.3"], DCTERMS.title, any=True) is not None
    english = {str(o) for o in graph.objects(P["activity/1.1.3/indicator/1"], SKOS.prefLabel) if o.language == "en"}
    assert english and next(iter(english)).startswith("Number of")


def test_the_translation_table_has_a_row_per_resource_with_both_languages():
    with (REPO / "data" / "translations.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kinds = [row["kind"] for row in rows]
    assert kinds.count("activity") == 60 and kinds.count("indicator") == 108
    assert (
        kinds.count("area") == 5 and kinds.count("general-objective") == 5 and kinds.count("specific-objective") == 19
    )
    assert all(row["ro"] and row["en"] for row in rows)
    titles = {row["key"]: row["ro"] for row in rows if row["kind"] == "activity"}
    assert titles == {notation: expected.title for notation, expected in EXPECTED.items()}


def test_every_eu_and_un_iri_exists_in_the_reference_copies(graph, vocabularies):
    known = set(vocabularies.subjects())
    checked = 0
    for term in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
        iri = str(term)
        if iri.startswith(("http://publications.europa.eu/resource/authority/", "http://metadata.un.org/sdg/")):
            assert term in known, iri
            checked += 1
        elif iri.startswith("http://data.europa.eu/eli/") and not iri.startswith("http://data.europa.eu/eli/ontology#"):
            assert ELI_TEMPLATE.match(iri), iri
            checked += 1
    assert checked >= 15  # frequencies, language, country, corporate bodies, SDG targets, ELIs


def test_every_row_of_every_link_table_has_a_source():
    for name in ("links-eu-bodies.csv", "links-directive.csv", "links-sdg.csv", "information-systems.csv"):
        with (REPO / "data" / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and all(row["source"].strip() for row in rows), name


def test_a_link_table_row_without_a_source_is_refused(tmp_path):
    from plan_graph.text.registry import RegistryError

    for path in (REPO / "data").glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "links-sdg.csv").write_text("notation,target,source\nhg-861-2018,5.2,\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"links-sdg\.csv:2: the column 'source' is empty"):
        load_links(tmp_path)
    # and a table that is not UTF-8 is named as such (it was a raw UnicodeDecodeError)
    (tmp_path / "links-sdg.csv").write_bytes("notation,target,source\nhg-861-2018,5.2,Ţară\n".encode("cp1250"))
    with pytest.raises(RegistryError, match=r"links-sdg\.csv: not UTF-8"):
        load_links(tmp_path)


def test_eu_bodies_and_international_bodies(graph):
    corporate = "http://publications.europa.eu/resource/authority/corporate-body/"
    assert (A["EUROPOL"], SKOS.exactMatch, URIRef(corporate + "EUROPOL")) in graph
    assert (A["EUROJUST"], SKOS.exactMatch, URIRef(corporate + "EUROJUST")) in graph
    assert (A["OIM"], URIRef("http://xmlns.com/foaf/0.1/homepage"), URIRef("https://www.iom.int/")) in graph


def test_areas_and_objectives_to_the_directive(graph):
    def article(n: int) -> URIRef:
        return URIRef(f"http://data.europa.eu/eli/dir/2011/36/art_{n}/oj")

    expected = {
        (P["area/1"], 18),
        (P["area/2"], 11),
        (P["area/3"], 9),
        (P["area/4"], 19),
        (P["objective/3.2"], 12),
        (P["objective/3.3"], 7),
        (P["objective/3.4"], 7),
        (P["objective/2.3"], 13),
        (P["objective/2.3"], 14),
    }
    for subject, number in expected:
        assert (subject, PG.implementsProvision, article(number)) in graph, (subject, number)
    assert (
        article(18),
        URIRef("http://data.europa.eu/eli/ontology#is_part_of"),
        URIRef("http://data.europa.eu/eli/dir/2011/36/oj"),
    ) in graph


def test_the_plan_to_the_sdg_targets_and_indicator(graph):
    plan = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018")
    sdg = "http://metadata.un.org/sdg/"
    assert {str(o) for o in graph.objects(plan, PG.contributesTo)} == {sdg + "5.2", sdg + "8.7", sdg + "16.2"}
    assert (P["objective/4.1"], PG.contributesTo, URIRef(sdg + "C160202")) in graph


def test_frequencies_country_and_language(graph):
    plan = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018")
    authority = "http://publications.europa.eu/resource/authority/"
    assert (plan, DCTERMS.spatial, URIRef(authority + "country/ROU")) in graph
    assert (plan, DCTERMS.language, URIRef(authority + "language/RON")) in graph
    frequencies = {str(o) for o in graph.objects(None, DCTERMS.accrualPeriodicity)}
    assert frequencies == {authority + "frequency/" + code for code in ("ANNUAL", "ANNUAL_2", "QUARTERLY", "CONT")}


def test_mentions_found_in_titles_and_indicators(graph):
    def mentioned(notation: str) -> set[str]:
        return {str(o).rsplit("/", 1)[-1] for o in graph.objects(P[f"activity/{notation}"], PG.mentions)}

    assert mentioned("3.6.1") == {"EUROPOL", "EUROJUST"}  # "Cooperarea cu Europol și Eurojust …"
    assert mentioned("3.6.2") == {"EUROPOL", "INTERPOL", "SELEC", "EUROJUST"}  # "(Europol, Interpol, SELEC, …)"
    assert mentioned("4.1.3") == {"SIMEV", "ECRIS", "SIMISC"}  # "(SIMEV, ECRIS, SIMISC etc.)"
    assert {"INM"} <= mentioned("3.1.3") and {"GIL"} <= mentioned("5.1.1") and {"UE"} <= mentioned("5.3.1")
    assert {"IGPR"} <= mentioned("1.3.1")  # "… sesizate IGPR"
    assert (SYSTEM["ECRIS"], RDF.type, PG.InformationSystem) in graph
    assert (
        SYSTEM["ECRIS"],
        SKOS.prefLabel,
        Literal("European Criminal Records Information System", lang="en"),
    ) in graph


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plan_graph", *args], capture_output=True, text=True, timeout=300)


def test_eu_agencies_joined_with_the_eu_table():
    result = run("query", "eu-agencies", "--with-reference", str(reference("eu-authority-tables")), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert {(r["notation"], r["agency"], r["officialLabel"]) for r in rows} == {
        ("3.6.1", "EUROPOL", "Europol"),
        ("3.6.1", "EUROJUST", "Eurojust"),
        ("3.6.2", "EUROPOL", "Europol"),
        ("3.6.2", "EUROJUST", "Eurojust"),
    }
    assert run("query", "eu-agencies", "--with-reference", str(REPO / "src")).returncode == 1


def test_activities_by_directive_article():
    rows = list(csv.DictReader(run("query", "directive-articles", "--format", "csv").stdout.splitlines()))
    per_article: dict[str, set[str]] = {}
    for row in rows:
        per_article.setdefault(row["article"], set()).add(row["notation"])
    assert per_article["Article 7"] == {"3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.4.1", "3.4.2", "3.4.3"}
    assert per_article["Article 18"] == {n for n in EXPECTED if n.startswith("1.")}
    assert per_article["Article 12"] == {"3.2.1", "3.2.2"}
    assert rows[0]["article"] == "Article 7"  # ordered by article number


def test_void_linksets_for_each_target(tmp_path):
    from plan_graph.pipeline.build import build
    from plan_graph.release.export import export_files

    void = Graph().parse(data=export_files(build()).files["void.ttl"].decode(), format="turtle")
    vd = Namespace("http://rdfs.org/ns/void#")
    targets = {str(void.value(s, vd.objectsTarget)) for s in void.subjects(RDF.type, vd.Linkset)}
    assert {
        "http://publications.europa.eu/resource/authority/frequency",
        "http://publications.europa.eu/resource/authority/corporate-body",
        "http://publications.europa.eu/resource/authority/country",
        "http://publications.europa.eu/resource/authority/language",
        "http://data.europa.eu/eli",
        "http://metadata.un.org/sdg",
    } <= targets


@pytest.mark.parametrize(
    ("text", "name", "whole"),
    [
        ("Cooperarea cu Europol și Eurojust", "Europol", True),
        ("(Europol, Interpol, SELEC)", "SELEC", True),
        ("SELECȚIA", "SELEC", False),  # a Romanian letter right after it: part of a longer word
        ("ȘANITP", "ANITP", False),  # and right before it
        ("ANITPx ANITP", "ANITP", True),  # the first place is not a whole word, the second is
        ("MAI-IGPR", "IGPR", True),  # a hyphen is no letter
        ("GIL", "GIL", True),
        ("", "GIL", False),
    ],
)
def test_a_name_is_mentioned_only_as_a_whole_word(text, name, whole):
    from plan_graph.text.links import _whole_word

    assert _whole_word(text, name) is whole
