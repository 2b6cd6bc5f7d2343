"""`validate-dcat --mqa`: data.europa.eu's MQA scores of small records made by hand, each indicator met, half met or
not, with its exact points; the URLs answered by a real HTTP server of the test's own (the release itself, served:
tests/integration/test_mqa_release.py)."""

from __future__ import annotations

import functools
import socket
from fractions import Fraction

import pyoxigraph as ox
import pytest

from plan_graph.errors import InputError
from plan_graph.release.dcat import load_rdf_folder, read_record, validate_record_triples
from plan_graph.release.mqa import score_record, score_record_file
from plan_graph.release.mqa_indicators import INDICATORS, MAXIMUM, RATINGS, rating
from plan_graph.release.mqa_report import render_mqa
from tests.support.paths import reference
from tests.support.server_process import QuietFiles, serving_in_thread

EX = "https://example.org/"
LICENCES = "http://publications.europa.eu/resource/authority/licence"
ACCESS_RIGHTS = "http://publications.europa.eu/resource/authority/access-right"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type"

RECORD = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/> .
@prefix at: <http://publications.europa.eu/resource/authority/> .
@prefix iana: <https://www.iana.org/assignments/media-types/> .

ex:full a dcat:Dataset ; dct:title "Full"@en ; dct:description "Every indicator met."@en ;
  dcat:keyword "trafficking"@en ; dcat:theme at:data-theme\\/JUST ; dct:spatial at:country\\/ROU ;
  dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2018-01-01"^^xsd:date ] ;
  dct:accessRights at:access-right\\/PUBLIC ; dcat:contactPoint ex:contact ; dct:publisher ex:publisher ;
  dcat:distribution ex:d1 , ex:d2 .
ex:d1 a dcat:Distribution ; dcat:accessURL <{base}data.csv> ; dcat:downloadURL <{base}data.csv> ;
  dct:format at:file-type\\/CSV ; dcat:mediaType iana:text\\/csv ; dct:license at:licence\\/CC_BY_4_0 ;
  dct:rights ex:rights ; dcat:byteSize "4"^^xsd:nonNegativeInteger ;
  dct:issued "2024-01-01"^^xsd:date ; dct:modified "2024-01-02"^^xsd:date .
ex:d2 a dcat:Distribution ; dcat:accessURL <{base}get-only/data.csv> ; dcat:downloadURL <{base}get-only/data.csv> ;
  dct:format at:file-type\\/CSV ; dcat:mediaType iana:text\\/csv ; dct:license at:licence\\/CC_BY_4_0 ;
  dct:rights ex:rights ; dcat:byteSize "4"^^xsd:nonNegativeInteger ;
  dct:issued "2024-01-01"^^xsd:date ; dct:modified "2024-01-02"^^xsd:date .

ex:half a dcat:Dataset ; dct:title "Half"@en ; dct:description "Half of what distributions are scored on."@en ;
  dcat:distribution ex:d3 , ex:d4 .
ex:d3 a dcat:Distribution ; dcat:accessURL <{base}data.csv> ; dcat:downloadURL <{base}data.csv> ;
  dct:format at:file-type\\/CSV ; dcat:mediaType iana:text\\/csv ;
  dct:license <http://creativecommons.org/licenses/by/4.0/> ;
  dct:rights ex:rights ; dcat:byteSize "4"^^xsd:nonNegativeInteger ;
  dct:issued "2024-01-01"^^xsd:date ; dct:modified "2024-01-02"^^xsd:date .
ex:d4 a dcat:Distribution ; dcat:accessURL <{base}missing.csv> ; dcat:downloadURL <{closed}data.pdf> ;
  dct:format at:file-type\\/PDF ; dcat:mediaType <https://example.org/media-types/pdf> .

ex:bare a dcat:Dataset ; dct:title "Bare"@en ; dct:description "No distribution."@en ; dcat:keyword "bare"@en .

ex:contact a vcard:Kind ; vcard:fn "Contact" .
ex:publisher a foaf:Agent ; foaf:name "Publisher" .
ex:rights a dct:RightsStatement .
at:licence\\/CC_BY_4_0 a dct:LicenseDocument .
<http://creativecommons.org/licenses/by/4.0/> a dct:LicenseDocument .
at:access-right\\/PUBLIC a dct:RightsStatement .
at:country\\/ROU a dct:Location .
at:file-type\\/CSV a dct:MediaTypeOrExtent .
at:file-type\\/PDF a dct:MediaTypeOrExtent .
iana:text\\/csv a dct:MediaType .
<https://example.org/media-types/pdf> a dct:MediaType .
# the EU tables loaded beside the record, with the titles DCAT-AP's category-scheme shape wants
at:corporate-body dct:title "Corporate bodies"@en . at:country dct:title "Countries and territories"@en .
at:data-theme dct:title "Data themes"@en . at:file-type dct:title "File types"@en .
at:frequency dct:title "Frequencies"@en . at:language dct:title "Languages"@en .
"""


class Handler(QuietFiles):
    """Files, and a folder whose server refuses HEAD (as some do): the check must ask again with GET."""

    def do_HEAD(self) -> None:  # noqa: N802 (the standard library names the handler methods so)
        if self.path.startswith("/get-only/"):
            self.send_error(405)
        else:
            super().do_HEAD()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    (folder / "get-only").mkdir()
    for path in ("data.csv", "get-only/data.csv"):
        (folder / path).write_text("a,b\n", encoding="utf-8")
    with serving_in_thread(functools.partial(Handler, directory=str(folder))) as base:
        yield base + "/"


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def closed():
    return f"http://127.0.0.1:{closed_port()}/"


@pytest.fixture(scope="module")
def record_file(site, closed, tmp_path_factory):
    path = tmp_path_factory.mktemp("record") / "dcat.ttl"
    path.write_text(RECORD.format(base=site, closed=closed), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scores(record_file):
    report = score_record_file(record_file, reference("dcat-ap-3.0.1"), reference("eu-authority-tables"))
    return {score.dataset.removeprefix(EX): score for score in report.datasets}, report


def table(score):
    """Each indicator's points, and what is missing."""
    return {f.indicator.name: (f.points, f.met, f.of, f.missing) for f in score.findings}


def test_the_methodology_s_points_and_ratings():
    """405 points over five dimensions (100, 100, 110, 75, 20), as the methodology's page states them."""
    by_dimension: dict[str, int] = {}
    for indicator in INDICATORS:
        by_dimension[indicator.dimension] = by_dimension.get(indicator.dimension, 0) + indicator.points
    assert by_dimension == {
        "Findability": 100,
        "Accessibility": 100,
        "Interoperability": 110,
        "Reusability": 75,
        "Contextuality": 20,
    }
    assert MAXIMUM == 405 and len(INDICATORS) == 23
    assert RATINGS == (("Excellent", 351), ("Good", 221), ("Sufficient", 121), ("Bad", 0))
    bounds = [0, 120, 121, 220, 221, 350, 351, 405]
    assert [rating(total) for total in bounds] == ["Bad", "Bad", "Sufficient", "Sufficient", "Good", "Good"] + [
        "Excellent"
    ] * 2
    assert rating(Fraction(701, 2)) == "Good"  # 350.5: below Excellent's 351


def test_a_dataset_with_everything_scores_every_point(scores):
    full = scores[0]["full"]
    assert table(full) == {indicator.name: (indicator.points, *shares(indicator), ()) for indicator in INDICATORS}
    assert (full.total, full.rating, full.title) == (405, "Excellent", "Full")


def finding(score, name):
    return next(f for f in score.findings if f.indicator.name == name)


def shares(indicator):
    return (2, 2) if indicator.on == "distribution" else (1, 1)


def test_half_the_distributions_earn_half_the_points_and_what_is_missing_is_named(scores, site, closed):
    half = scores[0]["half"]
    d3, d4 = EX + "d3", EX + "d4"
    assert table(half) == {
        "Keyword usage": (0, 0, 1, ("no dcat:keyword",)),
        "Categories": (0, 0, 1, ("no dcat:theme",)),
        "Geo search": (0, 0, 1, ("no dct:spatial",)),
        "Time-based search": (0, 0, 1, ("no dct:temporal",)),
        "AccessURL accessibility": (25, 1, 2, (f"{d4}: {site}missing.csv: 404 File not found",)),
        "DownloadURL": (20, 2, 2, ()),
        "DownloadURL accessibility": (15, 1, 2, (f"{d4}: {closed}data.pdf: connection refused",)),
        "Format": (20, 2, 2, ()),
        "Media type": (10, 2, 2, ()),
        "Format / Media type from vocabulary": (
            5,
            1,
            2,
            (f"{d4}: no dct:format from the EU table {FILE_TYPES} with an IANA dcat:mediaType",),
        ),
        "Non-proprietary": (10, 1, 2, (f"{d4}: no non-proprietary dct:format or dcat:mediaType",)),
        "Machine readable": (10, 1, 2, (f"{d4}: no machine-readable dct:format or dcat:mediaType",)),
        "DCAT-AP compliance": (
            0,
            0,
            1,
            (
                f"<{d4}> http://www.w3.org/ns/dcat#mediaType: Value does not conform to Shape "
                "<http://data.europa.eu/r5r#IANARestrictionRegexURI>. See details for more information. "
                "[Distribution_ShapeCV]",
            ),
        ),
        "License information": (10, 1, 2, (f"{d4}: no dct:license",)),
        # d3's licence is Creative Commons' own page, not the EU table's concept
        "License vocabulary": (
            0,
            0,
            2,
            (
                f"{d3}: no dct:license from the EU table {LICENCES}",
                f"{d4}: no dct:license from the EU table {LICENCES}",
            ),
        ),
        "Access restrictions": (0, 0, 1, ("no dct:accessRights",)),
        "Access restrictions vocabulary": (0, 0, 1, (f"no dct:accessRights from the EU table {ACCESS_RIGHTS}",)),
        "Contact point": (0, 0, 1, ("no dcat:contactPoint",)),
        "Publisher": (0, 0, 1, ("no dct:publisher",)),
        "Rights": (Fraction(5, 2), 1, 2, (f"{d4}: no dct:rights",)),
        "File size": (Fraction(5, 2), 1, 2, (f"{d4}: no dcat:byteSize",)),
        "Date of issue": (Fraction(5, 2), 1, 2, (f"{d4}: no dct:issued",)),
        "Modification date": (Fraction(5, 2), 1, 2, (f"{d4}: no dct:modified",)),
    }
    assert (half.total, half.rating) == (135, "Sufficient")


def test_a_dataset_without_distributions_earns_nothing_they_are_scored_on(scores):
    bare = scores[0]["bare"]
    on_datasets = {"Keyword usage": 30, "DCAT-AP compliance": 30}  # it has keywords, and no Violation
    expected = {}
    for indicator in INDICATORS:
        if indicator.on == "distribution":
            expected[indicator.name] = (0, 0, 0, ("no dcat:distribution",))
        elif indicator.name in on_datasets:
            expected[indicator.name] = (on_datasets[indicator.name], 1, 1, ())
        else:
            expected[indicator.name] = (0, 0, 1, (f"no {indicator.wanted}",))
    assert table(bare) == expected
    assert (bare.total, bare.rating) == (60, "Bad")


def test_the_warnings_about_a_dataset_are_said_but_not_counted(scores):
    remarks = {name: finding(score, "DCAT-AP compliance").remarks for name, score in scores[0].items()}
    # full: its period's end (a blank node), the licence's and the publisher's type, Romania's centroid and bounding
    # box, its access right and publisher outside the tables loaded, each distribution's description and
    # availability; half: the six properties it lacks, the Creative Commons licence's type, each distribution's
    # description and availability, d4's licence; bare: the six properties it lacks
    assert remarks == {
        "full": ("11 Warnings about its metadata, not counted",),
        "half": ("12 Warnings about its metadata, not counted",),
        "bare": ("6 Warnings about its metadata, not counted",),
    }


def test_the_approximations_are_said(scores):
    assert scores[1].notes[-2:] == (
        f"License vocabulary: the EU table {LICENCES} is not among the reference tables (--vocabularies): a value "
        "counts as its concept by the table's namespace",
        f"Access restrictions vocabulary: the EU table {ACCESS_RIGHTS} is not among the reference tables "
        "(--vocabularies): a value counts as its concept by the table's namespace",
    )
    assert [note.split(":")[0] for note in scores[1].notes[:-2]] == [
        "AccessURL accessibility",
        "DownloadURL accessibility",
        "Format / Media type from vocabulary",
        "Non-proprietary",
        "Machine readable",
        "DCAT-AP compliance",
    ]


def test_a_table_among_the_reference_tables_decides_by_its_concepts_not_its_namespace(record_file):
    """With the access-right table loaded, PUBLIC is known; a made-up code under the table's address is not."""
    shapes, tables = reference("dcat-ap-3.0.1"), reference("eu-authority-tables")
    text = record_file.read_text(encoding="utf-8").replace(
        "ex:bare a dcat:Dataset ;", "ex:bare a dcat:Dataset ; dct:accessRights at:access-right\\/MADE_UP ;"
    )
    triples = [quad.triple for quad in ox.parse(text, format=ox.RdfFormat.TURTLE)]
    access_rights = ox.NamedNode(ACCESS_RIGHTS)
    in_scheme = ox.NamedNode("http://www.w3.org/2004/02/skos/core#inScheme")
    table_of_one = [ox.Triple(ox.NamedNode(ACCESS_RIGHTS + "/PUBLIC"), in_scheme, access_rights)]
    validation = validate_record_triples(triples, shapes, tables)
    report = score_record(triples, validation, [*load_rdf_folder(tables), *table_of_one])
    known = {
        score.dataset.removeprefix(EX): finding(score, "Access restrictions vocabulary") for score in report.datasets
    }
    assert {name: (f.points, f.missing) for name, f in known.items()} == {
        "full": (5, ()),
        "half": (0, (f"no dct:accessRights from the EU table {ACCESS_RIGHTS}",)),
        "bare": (0, (f"no dct:accessRights from the EU table {ACCESS_RIGHTS}",)),
    }
    assert not any("access-right" in note for note in report.notes)


def test_the_text_report_prints_each_indicator_its_points_and_what_is_missing(scores):
    text = render_mqa(scores[1])
    half = text[text.index("<https://example.org/half>") :].split("\n\n")[0].splitlines()
    assert half[:6] == [
        "<https://example.org/half> Half",
        "  Findability                                  0/100",
        "    Keyword usage                              0/30",
        "      missing: no dcat:keyword",
        "    Categories                                 0/30",
        "      missing: no dcat:theme",
    ]
    assert "    Rights                                   2.5/5  (1 of 2 distributions)" in half
    assert half[-1] == "  total 135/405: Sufficient"


def test_a_record_without_a_dataset_is_refused(tmp_path):
    path = tmp_path / "empty.ttl"
    path.write_text("<https://example.org/c> a <http://www.w3.org/ns/dcat#Catalog> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="no dcat:Dataset to score"):
        score_record_file(path, reference("dcat-ap-3.0.1"), reference("eu-authority-tables"))
    assert read_record(path)  # it reads: it is the scoring that has nothing to do
