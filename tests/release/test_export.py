"""`plan-graph export`: the DCAT-AP record, VoID, CSV tables with CSVW and Data Package, and the static site (the
commands as a user runs them: tests/integration/test_export_cli.py)."""

from __future__ import annotations

import hashlib
import re
import subprocess

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, RDF, RDFS, XSD

from plan_graph.graph.rdflib_door import graph_of
from plan_graph.pipeline.build import build
from plan_graph.release.dcat import validate_record_file
from plan_graph.release.export import export_files, write_export
from tests.support.browsers import ARTIFACTS, HEADLESS
from tests.support.paths import REPO, reference, require_tool
from tests.support.plan_facts import EXPECTED
from tests.support.server_process import serving_folder

VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
PUBLIC = "https://data.example.org/plan/"
# what DCAT-AP 3.0.1 warns about in our record, and why (README, "Open-data publication")
EXPECTED_WARNINGS = {
    "Catalog_ShapeCV",
    "Dataset_ShapeCV",
    "DataService_ShapeCV",  # the publisher is not an EU corporate body
    "Agent_Shape",  # the publisher has no ADMS publisher type
    "Location_Shape",  # Romania is named by its EU country IRI, without centroid or bounding box
    "LicenceDocument_Shape",  # CC BY 4.0 without an ADMS licence type
    "Distribution_Shape",  # no planned availability (its EU table is not among the reference tables)
}


@pytest.fixture(scope="module")
def built():
    return build()


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    export = export_files(built, PUBLIC)
    write_export(export, out)
    return out


@pytest.fixture(scope="module")
def record(exported):
    return Graph().parse(exported / "dcat.ttl", format="turtle")


@pytest.fixture(scope="module")
def dcat_report(exported):
    """The record checked against the official DCAT-AP 3.0.1 shapes, with the EU authority tables loaded."""
    return validate_record_file(exported / "dcat.ttl", reference("dcat-ap-3.0.1"), reference("eu-authority-tables"))


def test_the_dcat_record_passes_the_official_dcat_ap_shapes(dcat_report):
    report = dcat_report
    assert report.conforms, "\n".join(str(r) for r in report.violations)
    assert {r.shape.rsplit("#", 1)[-1] for r in report.results} == EXPECTED_WARNINGS


def test_the_docs_state_the_warnings_the_official_shapes_give(record, dcat_report):
    report = dcat_report
    readme = (REPO / "docs" / "release.md").read_text(encoding="utf-8")
    section = readme[readme.index("With the official DCAT-AP 3.0.1 shapes") :].split("\n\n", 2)
    total = int(re.search(r"no Violation and (\d+) Warnings", section[0]).group(1))
    figures = [int(n) for n in re.findall(r"\((\d+)[:,)]", section[1])]  # one per bullet's kind of warning
    assert total == len(report.results) == sum(figures), (total, len(report.results), figures)
    distributions = len(set(record.subjects(RDF.type, DCAT.Distribution)))
    planned = sum(1 for r in report.results if r.shape.endswith("#Distribution_Shape"))
    assert planned == distributions and f"({distributions}, one per distribution)" in section[1]


def test_the_licence_and_the_access_rights_are_the_eu_tables_concepts(record):
    """#32: what DCAT-AP portals register and the MQA looks for: the EU licence table's CC BY 4.0 on the catalogue,
    the service and every distribution; the access-right table's PUBLIC on every dataset."""
    dct = Namespace("http://purl.org/dc/terms/")
    authority = "http://publications.europa.eu/resource/authority/"
    licensed = {s for s in record.subjects(RDF.type, DCAT.Distribution)}
    licensed |= set(record.subjects(RDF.type, DCAT.Catalog)) | set(record.subjects(RDF.type, DCAT.DataService))
    assert {(s, o) for s, o in record.subject_objects(dct.license)} == {
        (s, URIRef(authority + "licence/CC_BY_4_0")) for s in licensed
    }
    datasets = set(record.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 3
    assert set(record.subject_objects(dct.accessRights)) == {
        (d, URIRef(authority + "access-right/PUBLIC")) for d in datasets
    }


def test_every_distribution_states_its_rights_and_dates(record):
    """What data.europa.eu's MQA looks for on every distribution (#32, item 4, contextuality): its rights, in words
    (the plan is an official text; the data is CC BY 4.0), and its dates of issue and modification, the dataset's."""
    dct = Namespace("http://purl.org/dc/terms/")
    rights = URIRef("https://w3id.org/plan-graph/ro/catalog#rights")
    distributions = set(record.subjects(RDF.type, DCAT.Distribution))
    assert set(record.subject_objects(dct.rights)) == {(d, rights) for d in distributions}
    assert set(record.objects(rights, RDF.type)) == {dct.RightsStatement}
    labels = {label.language: str(label) for label in record.objects(rights, RDFS.label)}
    assert set(labels) == {"ro", "en"} and "Law no. 8/1996, art. 9(b)" in labels["en"] and "CC BY 4.0" in labels["en"]
    dated = set()
    for dataset in record.subjects(RDF.type, DCAT.Dataset):
        for distribution in record.objects(dataset, DCAT.distribution):
            dated.add(distribution)
            for date in (dct.issued, dct.modified):
                assert list(record.objects(distribution, date)) == [record.value(dataset, date)]
    assert dated == distributions


def test_the_record_has_what_a_portal_shows(record):
    plan = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018/dataset")
    statistics = URIRef("https://w3id.org/plan-graph/ro/statistics/dataset")
    monitoring = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018/monitoring/dataset")
    assert set(record.subjects(RDF.type, DCAT.Dataset)) == {plan, statistics, monitoring}
    dct = Namespace("http://purl.org/dc/terms/")
    authority = "http://publications.europa.eu/resource/authority/"
    for dataset in (plan, statistics, monitoring):
        assert {t.language for t in record.objects(dataset, dct.title)} == {"ro", "en"}
        assert {d.language for d in record.objects(dataset, dct.description)} == {"ro", "en"}
        assert set(record.objects(dataset, DCAT.theme)) == {
            URIRef(authority + "data-theme/JUST"),
            URIRef(authority + "data-theme/SOCI"),
        }
        assert URIRef(authority + "country/ROU") in set(record.objects(dataset, dct.spatial))
        assert (dataset, URIRef("http://data.europa.eu/r5r/applicableLegislation"), None) in record
        assert record.value(dataset, dct.accrualPeriodicity) == URIRef(authority + "frequency/IRREG")
    periods = {d: str(record.value(record.value(d, dct.temporal), DCAT.startDate)) for d in (plan, statistics)}
    assert periods == {plan: "2018-11-01", statistics: "2014-01-01"}  # the plan's time; the earliest figure's year
    assert (plan, dct.conformsTo, URIRef("https://w3id.org/plan-graph/ontology")) in record
    assert (statistics, dct.conformsTo, URIRef("http://www.w3.org/TR/vocab-data-cube/")) in record
    # Eurostat's trafficking tables as related datasets (their pages in the graph give codes and addresses)
    related = set(record.objects(statistics, dct.relation))
    assert related == {
        URIRef("https://w3id.org/plan-graph/ro/document/eurostat-crim-thb-sex"),
        URIRef("https://w3id.org/plan-graph/ro/document/eurostat-crim-thb-vexp"),
    }
    services = list(record.subjects(RDF.type, DCAT.DataService))
    assert record.value(services[0], DCAT.endpointURL) == URIRef(PUBLIC + "sparql")
    assert set(record.objects(services[0], DCAT.servesDataset)) == {plan, statistics, monitoring}


def test_every_distribution_exists_with_its_size_and_checksum(record, exported):
    distributions = list(record.subjects(RDF.type, DCAT.Distribution))
    # 4 dumps of the whole, 4 of the graph, 4 of its entailments, 7 tables; 4 of the statistics; 4 of the assessments
    assert len(distributions) == 27
    statistics = URIRef("https://w3id.org/plan-graph/ro/statistics/dataset")
    offered = {
        str(record.value(d, DCAT.downloadURL))[len(PUBLIC) :] for d in record.objects(statistics, DCAT.distribution)
    }
    assert offered == {"statistics.ttl", "statistics.nt", "statistics.jsonld", "statistics.rdf"}
    for distribution in distributions:
        url = str(record.value(distribution, DCAT.downloadURL))
        assert url.startswith(PUBLIC)
        content = (exported / url[len(PUBLIC) :]).read_bytes()
        assert int(record.value(distribution, DCAT.byteSize)) == len(content)
        checksum = record.value(distribution, SPDX.checksum)
        assert str(record.value(checksum, SPDX.checksumValue)) == hashlib.sha256(content).hexdigest()
        assert record.value(distribution, URIRef("http://purl.org/dc/terms/format")) is not None
        assert str(record.value(distribution, DCAT.mediaType)).startswith(
            "https://www.iana.org/assignments/media-types/"
        )


def test_void(exported, built):
    void = Graph().parse(exported / "void.ttl", format="turtle")
    dataset = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018/dataset")
    # the plan's dataset, as its dumps hold it: the graph and its entailments
    served = Graph()
    served += graph_of(built.stored)
    served.parse(data=built.entailments.inferred.ntriples, format="nt")
    assert (
        int(void.value(dataset, VOID.triples)) == len(graph_of(built.stored)) + built.entailments.count == len(served)
    )
    assert int(void.value(dataset, VOID.distinctSubjects)) == len(set(served.subjects()))
    assert int(void.value(dataset, VOID.distinctObjects)) == len(set(served.objects()))
    classes = {void.value(p, VOID["class"]) for p in void.objects(dataset, VOID.classPartition)}
    assert URIRef("https://w3id.org/plan-graph/ontology#Activity") in classes
    assert len(list(void.objects(dataset, VOID.propertyPartition))) > 20
    assert URIRef("http://www.w3.org/ns/org#") in set(void.objects(dataset, VOID.vocabulary))
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(PUBLIC + "sparql")
    assert void.value(dataset, VOID.uriSpace) == Literal("https://w3id.org/plan-graph/ro/")
    assert void.value(dataset, VOID.exampleResource) is not None
    for dump in void.objects(dataset, VOID.dataDump):
        assert (exported / str(dump)[len(PUBLIC) :]).is_file()

    def targets(of: URIRef) -> dict[str, int]:
        linksets = (s for s in void.subjects(RDF.type, VOID.Linkset) if (s, VOID.subjectsTarget, of) in void)
        found: dict[str, int] = {}
        for linkset in linksets:
            target = str(void.value(linkset, VOID.objectsTarget))
            found[target] = found.get(target, 0) + int(void.value(linkset, VOID.triples))
        return found

    # 46 recurring deadlines (Anual, Semestrial, Trimestrial, Permanent) link to the EU frequency table
    assert targets(dataset)["http://publications.europa.eu/resource/authority/frequency"] == 46
    # the statistics: its own counts and links
    statistics = URIRef("https://w3id.org/plan-graph/ro/statistics/dataset")
    assert int(void.value(statistics, VOID.triples)) == len(graph_of(built.made["statistics"].stored))
    assert URIRef("http://purl.org/linked-data/cube#") in set(void.objects(statistics, VOID.vocabulary))
    assert {str(d)[len(PUBLIC) :] for d in void.objects(statistics, VOID.dataDump)} == {
        "statistics.ttl",
        "statistics.nt",
        "statistics.jsonld",
        "statistics.rdf",
    }
    assert "http://metadata.un.org/sdg" in targets(statistics)
    geo_area = URIRef("https://w3id.org/plan-graph/ro/statistics/dataset-links-sdg-geoArea")
    figures = (REPO / "data" / "statistics.csv").read_text(encoding="utf-8").count("\n") - 1
    assert int(void.value(geo_area, VOID.triples)) == figures  # every figure is about UN area 642, Romania


# ---- tables


def test_the_csv_files_open_as_utf8_tables(exported):
    import csv

    for name in ("activities", "involvements", "indicators", "deadlines", "resources", "holders", "actors"):
        raw = (exported / "tables" / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
        rows = list(csv.DictReader(raw.decode("utf-8").splitlines()))
        assert rows, name
    activities = list(csv.DictReader((exported / "tables" / "activities.csv").read_text(encoding="utf-8").splitlines()))
    assert [row["notation"] for row in activities] == list(EXPECTED)
    assert activities[0]["title"] == EXPECTED["1.1.1"].title
    involvements = (exported / "tables" / "involvements.csv").read_text(encoding="utf-8")
    assert "5.1.2,ANPDCA,ANPDCA,responsible" in involvements  # ANDPCA in the text, corrected


@pytest.fixture(scope="module")
def served(exported):
    with serving_folder(exported) as base:
        yield base


def normalised(graph: Graph) -> set:
    """Triples with xsd:string literals as plain ones (the same RDF 1.1 term)."""
    return {(s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o) for s, p, o in graph}


def test_a_csvw_processor_turns_the_tables_back_into_the_same_triples(served, built):
    import csvw_functions

    group = csvw_functions.create_annotated_table_group(served + "tables/csv-metadata.json")
    from_tables = normalised(Graph().parse(data=csvw_functions.create_rdf(group, mode="minimal"), format="nt"))
    from_graph = normalised(graph_of(built.stored))
    assert len(from_tables) > 2500
    assert from_tables <= from_graph, sorted(from_tables - from_graph)[:5]
    # and for what they cover, all of it: every value of a property the tables give a subject
    pairs = {(s, p) for s, p, _ in from_tables}
    covered = {(s, p, o) for s, p, o in from_graph if (s, p) in pairs}
    assert covered <= from_tables, sorted(covered - from_tables)[:5]


def test_the_data_package_is_valid(exported):
    import frictionless

    report = frictionless.validate(str(exported / "tables" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])


# ---- the static site


def test_a_page_for_every_activity_area_objective_and_actor(exported):
    site = exported / "site"
    assert sorted(p.stem for p in (site / "activity").glob("*.html")) == sorted(EXPECTED)
    assert len(list((site / "area").glob("*.html"))) == 5
    assert len(list((site / "objective").glob("*.html"))) == 5 + 19
    assert len(list((site / "actor").glob("*.html"))) == 60
    page = (site / "activity" / "5.1.2.html").read_text(encoding="utf-8")
    assert "Responsabili:ANDPCAParteneri:GuvernMMJSMSMENMAI - ANITP, IGPRONGBugetANPDCA" in page  # as printed
    assert "ANDPCA → ANPDCA" in page


def test_no_broken_internal_link(exported):
    broken = []
    for page in (exported / "site").rglob("*.html"):
        for link in re.findall(r'(?:href|src|data)="([^"#?]+)', page.read_text(encoding="utf-8")):
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            if not (page.parent / link).resolve().is_file():
                broken.append((str(page.relative_to(exported)), link))
    assert not broken, broken[:10]


def test_the_network_picture(exported):
    svg = (exported / "site" / "network.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.count("<circle") > 40 and svg.count("<line") > 300
    assert "DCCO – DIICOT: 17 shared" in svg  # the strongest pair after ANITP-ONG, counted from the rows
    Graph()  # the SVG is XML:
    import xml.etree.ElementTree as ET

    ET.fromstring(svg)


def test_the_site_in_a_browser(served):
    chromium = require_tool("chromium")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    flags = [
        chromium,
        *HEADLESS,
        f"--user-data-dir={ARTIFACTS / 'chromium-site'}",
        "--window-size=1100,1300",
    ]
    index = subprocess.run(
        [*flags, "--dump-dom", served + "site/index.html"], capture_output=True, text=True, timeout=120
    )
    assert "PREVENIREA TRAFICULUI DE PERSOANE" in index.stdout and 'href="objective/3.6.html"' in index.stdout
    activity = subprocess.run(
        [*flags, "--dump-dom", served + "site/activity/2.3.1.html"], capture_output=True, text=True, timeout=120
    )
    assert all(deadline in activity.stdout for deadline in ("Iunie 2019", "June 2019", "Anual", "every year"))
    for page, name in (("site/network.html", "site-network.png"), ("site/index.html", "site-index.png")):
        (ARTIFACTS / name).unlink(missing_ok=True)  # not last run's
        shot = subprocess.run(
            [*flags, f"--screenshot={ARTIFACTS / name}", served + page], capture_output=True, timeout=120
        )
        assert shot.returncode == 0 and (ARTIFACTS / name).stat().st_size > 10_000
