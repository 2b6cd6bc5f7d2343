"""The statistics, documents and recommendations around the plan (#19): every figure with its source, the Data Cube
as the saved queries read it, the UN terms it reuses checked against the UN's own files, and the tables' errors."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from plan_graph.graph.iris import Iris
from plan_graph.graph.rdflib_door import graph_of, rdflib_graph
from plan_graph.graph.statistics import statistics_graph
from plan_graph.stores.embedded import EmbeddedStore
from plan_graph.stores.queries import run_saved_query
from plan_graph.text.registry import RegistryError
from plan_graph.text.statistics import load_statistics
from tests.support.namespaces import PG
from tests.support.paths import REPO, reference
from tests.support.statistics_disagreement import assert_the_disagreements, disagreeing_statistics

DATA = REPO / "data"
UN = "http://metadata.un.org/"


def table(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rows(store, name, **params):
    return [{key: value.value for key, value in row.items()} for row in run_saved_query(store, name, params).rows]


# ---- every figure has its source


def test_every_figure_names_a_document_with_an_address_and_is_in_the_quoted_sentence():
    documents = {row["id"]: row for row in table("documents.csv")}
    figures = table("statistics.csv")
    assert len(figures) >= 30
    for number, row in enumerate(figures, start=2):
        document = documents[row["document"]]
        assert document["url"].startswith(("https://", "http://")), number
        # the value as the sentence gives it: the number (its thousands grouped, or not), or the words given
        written = row["as_written"] or row["value"]
        assert row["quotation"] and (written in row["quotation"] or f"{int(written):,}" in row["quotation"]), number
    # the figures the issue started from, each in the report that states it (read in the reports by eye)
    said = {(r["measure"], r["year"], r["form"], r["age"], r["document"]): r["value"] for r in figures}
    assert said[("identified-victims", "2019", "all", "_T", "us-tip-2020-romania")] == "698"
    assert said[("identified-victims", "2019", "sexual-exploitation", "_T", "us-tip-2020-romania")] == "518"
    assert said[("identified-victims", "2020", "all", "Y0T17", "us-tip-2021-romania")] == "255"
    assert said[("assisted-victims", "2019", "all", "_T", "us-tip-2020-romania")] == "339"
    # the 2017 report on 2016: "Nearly 42 percent (314) of registered victims, including 47 repatriated victims,
    # benefited from rehabilitative assistance" (#33)
    assert said[("assisted-victims-share", "2016", "all", "_T", "us-tip-2017-romania")] == "42"
    assert said[("assisted-repatriated-victims", "2016", "all", "_T", "us-tip-2017-romania")] == "47"
    assert said[("assisted-victims", "2016", "all", "_T", "us-tip-2017-romania")] == "314"
    # the 2021 report: "Authorities identified one foreign victim (zero in 2019 and 2018)"
    foreign = {r["year"]: r["value"] for r in figures if r["citizenship"] == "foreign"}
    assert foreign == {"2018": "0", "2019": "0", "2020": "1"}
    # GRETA's third round, 2016-2019, as the Council of Europe's press release gives it (#33)
    greta = "coe-2021-greta-romania-press-release"
    assert said[("identified-victims", "2016-2019", "all", "_T", greta)] == "2613"  # "A total of 2,613 victims"
    assert said[("identified-victims-share", "2016-2019", "all", "_T", greta)] == "75"  # "Three out of four"
    assert said[("identified-victims-share", "2016-2019", "all", "Y0T17", greta)] == "50"  # "half of them children"


def test_every_recommendation_and_link_names_its_source():
    documents = {row["id"] for row in table("documents.csv")}
    # the 2017 and 2018 reports write their recommendations as one sentence, the items separated by semicolons: an
    # item is recorded as written, without the separator; the later reports' are sentences of their own
    in_one_sentence = {"us-tip-2017-romania", "us-tip-2018-romania"}
    for row in table("recommendations.csv"):
        assert row["document"] in documents and row["source"], row
        if row["document"] in in_one_sentence:
            assert "one sentence, its items separated by semicolons" in row["source"], row
            assert not row["text"].endswith((";", ",", ".")) and row["text"] == row["text"].strip(), row
        else:
            assert row["text"].endswith("."), row
    for row in table("recommendation-links.csv"):
        assert row["reason"], row


# ---- the saved queries on the dataset the endpoint serves


def test_victims_by_year_prints_the_table_the_reports_give(store):
    answer = {row["year"]: row for row in rows(store, "victims-by-year")}
    columns = (
        "identifiedVictims",
        "sexualExploitation",
        "forcedLabour",
        "otherOrAttempted",
        "minors",
        "assisted",
        "assistedPercent",
    )
    # the issue's table, from the US TIP reports 2020 and 2021 (2017 and 2018 also in 2018's)
    expected = {
        "2017": ("662", "", "", "", "", "307", "46"),
        "2018": ("497", "", "", "", "", "", "48"),
        "2019": ("698", "518", "138", "42", "327", "339", "49"),
        "2020": ("596", "429", "131", "36", "255", "", ""),
    }
    for year, values in expected.items():
        assert tuple(answer[year].get(column, "") for column in columns) == values, year
    assert "2021 Trafficking in Persons Report: Romania" in answer["2019"]["documents"]
    # 2016 as the 2017 and 2018 reports give it: both shares kept, and the repatriated among those assisted
    assert tuple(answer["2016"].get(column, "") for column in columns) == ("757", "", "", "", "", "314", "41 | 42")
    assert {year: row["assistedRepatriated"] for year, row in answer.items() if "assistedRepatriated" in row} == {
        "2016": "47"
    }
    foreign = {year: row["foreignVictims"] for year, row in answer.items() if "foreignVictims" in row}
    assert foreign == {"2018": "0", "2019": "0", "2020": "1"}


def test_one_disagreement_today_and_the_query_finds_another(tmp_path):
    # today: the share assisted in 2016, "Nearly 42 percent" in the 2017 report, "41 percent in 2016" in the 2018's
    for graph, found in (
        (rdflib_graph(statistics_graph(load_statistics(DATA))[0]), 1),
        (disagreeing_statistics(tmp_path / "data"), 3),
    ):
        store = ox.Store()
        store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        answer = rows(EmbeddedStore(store), "statistics-disagreements")
        assert len(answer) == found
    assert_the_disagreements(answer)


def test_recommendations_and_the_activities_that_answer_them(store):
    answers = rows(store, "recommendation-answers")
    linked = {(row["recommendation"], row.get("activity", "")) for row in answers}
    assert ("us-tip-2019-3", "1.3.1") in linked and ("us-tip-2020-2", "3.1.4") in linked
    assert ("us-tip-2019-2", "") in linked  # complicit officials: no activity of the plan answers it
    unanswered = rows(store, "unanswered-recommendations")
    assert [row["recommendation"] for row in unanswered] == ["us-tip-2019-2"]
    assert unanswered[0]["text"].startswith("Significantly increase efforts to investigate, prosecute, and convict")


def test_the_victims_series_are_close_matches_of_the_un_series(store):
    query = """SELECT ?series ?un WHERE { ?series <http://www.w3.org/2004/02/skos/core#closeMatch> ?un
               FILTER STRSTARTS(STR(?un), "http://metadata.un.org/sdg/VC_HTF") }"""
    found = {
        row["un"].rsplit("/", 1)[-1] for row in [{k: v.value for k, v in r.items()} for r in store.select(query).rows]
    }
    assert found == {"VC_HTF_DETV", "VC_HTF_DETVSX", "VC_HTF_DETVFL", "VC_HTF_DETVOP"}


# ---- the UN's terms: every one used exists in the UN's files, every statement about them is the UN's


@pytest.fixture(scope="module")
def un_reference() -> Graph:
    folder = reference("un-sdg")
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph += Graph().parse(path, format="turtle")
    return graph


def test_every_un_iri_the_graph_uses_is_in_the_un_files(plan_build, un_reference):
    used = set()
    for graph in (graph_of(plan_build.stored), graph_of(plan_build.made["statistics"].stored)):
        for triple in graph:
            used |= {term for term in triple if isinstance(term, URIRef) and str(term).startswith(UN)}
    known = set(un_reference.subjects())
    assert used and used <= known, sorted(used - known)


def test_what_the_cube_says_of_the_un_terms_the_un_says_too(un_reference):
    stated = Graph().parse(DATA / "cube-terms.ttl", format="turtle")
    about_un = [t for t in stated if str(t[0]).startswith(UN)]
    assert len(about_un) > 30
    assert [t for t in about_un if t not in un_reference] == []


# ---- the graph


def test_each_observation_comes_from_its_document(plan_build):
    graph = graph_of(plan_build.made["statistics"].stored)
    observation = URIRef(Iris().observation("identified-victims", 2019, "_T", "_T", "all", "us-tip-2020-romania").value)
    document = URIRef(Iris().document("us-tip-2020-romania").value)
    assert (observation, PG.statedIn, document) in graph
    assert (observation, PG.identifiedVictims, Literal(698)) in graph
    assert (
        document,
        URIRef("http://xmlns.com/foaf/0.1/page"),
        URIRef("https://www.state.gov/reports/2020-trafficking-in-persons-report/romania/"),
    ) in graph
    eu = URIRef("http://publications.europa.eu/resource/celex/52020DC0661")
    assert (eu, RDF.type, PG.Document) in graph  # an EU document by its CELEX IRI
    assert (
        URIRef("http://metadata.un.org/sdg/codes/geoArea/642"),
        SKOS.exactMatch,
        URIRef("http://publications.europa.eu/resource/authority/country/ROU"),
    ) in graph


# ---- bad tables: a clear error naming the file and the row


def broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "statistics.csv",
            "identified-victims,2014,_T,_T,all,,757",
            "identified-victims,2014,_T,_T,all,,758",
            "statistics.csv:2: the value 758 is not in the quoted sentence",
        ),
        ("statistics.csv", "identified-victims,2014,", "victims-everywhere,2014,", "statistics.csv:2: unknown measure"),
        (
            "statistics.csv",
            ",2014,_T,_T,all,,757,NUMBER,us-tip-2017-romania",
            ",2014,_T,_T,all,,757,NUMBER,us-tip-1999",
            "statistics.csv:2: no document 'us-tip-1999'",
        ),
        (
            "statistics.csv",
            "identified-victims,2014,_T,_T,all,,757,NUMBER",
            "identified-victims,2014,_T,_T,all,,757,PERCENT",
            "statistics.csv:2: unit 'PERCENT' does not fit the measure",
        ),
        (
            "statistics.csv",
            "identified-victims,2014,_T,_T,all,,757,NUMBER,us-tip-2017-romania",
            "identified-victims,2016,_T,_T,all,,757,NUMBER,us-tip-2017-romania",
            "the same figure as line 2",
        ),
        (
            "documents.csv",
            "https://www.state.gov/reports/2017-trafficking-in-persons-report/romania/",
            "state.gov",
            "documents.csv:2: the url 'state.gov' is not a web address",
        ),
        (
            "recommendations.csv",
            "us-tip-2019-1,us-tip-2019-romania",
            "us-tip-2019-1,us-tip-2009-romania",
            "recommendations.csv:9: no document 'us-tip-2009-romania'",
        ),
        (
            "recommendation-links.csv",
            "us-tip-2019-1,3.1.1",
            "us-tip-2099-1,3.1.1",
            "recommendation-links.csv:22: no recommendation 'us-tip-2099-1'",
        ),
    ],
)
def test_a_bad_row_is_refused_naming_the_file_and_row(tmp_path, name, old, new, message):
    with pytest.raises(RegistryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_statistics(broken(tmp_path, name, old, new))


def test_an_answer_to_an_activity_the_graph_lacks_is_left_out_and_said(tmp_path):
    statistics = load_statistics()
    triples, left_out = statistics_graph(statistics, activities={"3.1.1"})
    graph = rdflib_graph(triples)
    assert {answer.activity for answer in left_out} == {a.activity for a in statistics.answers} - {"3.1.1"}
    assert len(list(graph.subjects(RDF.type, PG.Answer))) == sum(a.activity == "3.1.1" for a in statistics.answers)


# ---- the statistics page: served and in the site, every figure linked to its source


@pytest.fixture(scope="module")
def statistics_html():
    from tests.support.server_process import in_process_server

    with in_process_server() as client:
        response = client.get("/statistics")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        return response.text


def bars(html: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The chart's bars: (year, form) -> (value, the link around the bar)."""
    import re

    found = {}
    for href, year, form, value in re.findall(
        r'<a href="([^"]+)"><g class="bar"><rect [^>]*><title>(\d{4}), ([^:]+): (\d+) ', html
    ):
        found[(year, form)] = (value, href)
    return found


def test_the_chart_draws_the_series_by_year_and_form_each_bar_linked_to_its_report(statistics_html):
    drawn = bars(statistics_html)
    tip_2020 = "https://www.state.gov/reports/2020-trafficking-in-persons-report/romania/"
    tip_2021 = "https://www.state.gov/reports/2021-trafficking-in-persons-report/romania/"
    # the table: 2019 from the 2020 report; 2018 and 2019 also in the 2021 report, which is the latest
    assert drawn[("2019", "sexual exploitation")] == ("518", tip_2020)
    assert drawn[("2019", "forced labour")] == ("138", tip_2020)
    assert drawn[("2019", "other forms and attempted trafficking")] == ("42", tip_2020)
    assert drawn[("2019", "all forms")] == ("698", tip_2021)
    assert drawn[("2018", "all forms")] == ("497", tip_2021)
    assert drawn[("2020", "all forms")] == ("596", tip_2021) and drawn[("2020", "sexual exploitation")][0] == "429"
    assert drawn[("2017", "all forms")][0] == "662"
    figures = {
        (r["year"], r["form"])
        for r in table("statistics.csv")
        if r["measure"] == "identified-victims" and r["sex"] == r["age"] == "_T" and r["year"].isdigit()
    }
    assert len(drawn) == len(figures)  # one bar per year and form the reports give


def test_every_figure_on_the_page_links_to_the_report_that_states_it(statistics_html):
    import re

    documents = {row["id"]: row for row in table("documents.csv")}
    body = statistics_html[statistics_html.index('<table class="figures">') :]
    written = r'(?:<br><span class="as-written" lang="en">[^<]*</span>)?'  # the words, where the sentence has no number
    cells = re.findall(rf'<td class="number">([\d.]+)( %)?{written}</td>\s*<td><a href="([^"]+)">', body)
    expected = sorted(
        (r["value"], " %" if r["unit"] == "PERCENT" else "", documents[r["document"]]["url"])
        for r in table("statistics.csv")
    )
    assert sorted(cells) == expected


def test_the_page_lists_each_recommendation_with_the_activities_that_answer_it(statistics_html):
    section = statistics_html[statistics_html.index('<ol class="recommendations">') :]
    items = section.split('<li id="')[1:]
    assert [item.split('"', 1)[0] for item in items] == [r["id"] for r in table("recommendations.csv")]
    complicit = next(item for item in items if item.startswith("us-tip-2019-2"))
    assert "No activity of the plan answers it" in complicit
    proactive = next(item for item in items if item.startswith("us-tip-2019-3"))
    assert "/activity/1.3.1" in proactive


def test_the_chart_shows_the_latest_report_and_marks_a_disagreement():
    from plan_graph.web.statistics import Figure, _chart
    from plan_graph.web.views import Ref

    def figure(value: str, document: str, issued: str) -> Figure:
        return Figure(
            "o",
            "identified victims",
            "2018",
            "Both sexes",
            "All",
            "all",
            "all forms",
            value,
            False,
            Ref(document, document),
            f"https://example.org/{document}",
            issued,
            "q",
            ("identifiedVictims", "_T", "_T"),
        )

    chart = _chart([figure("497", "later", "2021"), figure("500", "earlier", "2020")])
    [bar] = chart.bars
    assert (bar.value, bar.href, bar.others) == (497, "https://example.org/later", "500 (earlier)")


def test_the_site_has_the_statistics_page_and_every_page_links_to_it():
    from plan_graph.pipeline.build import build
    from plan_graph.pipeline.plan_store import built_plan_store
    from plan_graph.release.site import site_files

    files = site_files(
        built_plan_store(build(check=False)), Iris().base, "https://data.example.org/plan/", "2021-12-31"
    )
    page = files["statistics.html"].decode()
    assert bars(page)[("2019", "all forms")][0] == "698"
    assert 'href="statistics.html"' in files["index.html"].decode()
    assert 'href="../statistics.html"' in files["activity/2.1.2.html"].decode()


def test_the_docs_count_the_tables_as_they_are():
    """docs/statistics.md gives each curated table's rows: they are the tables' own counts."""
    import re

    docs = (REPO / "docs" / "statistics.md").read_text(encoding="utf-8")
    for name in (
        "documents.csv",
        "statistics.csv",
        "series-notes.csv",
        "recommendations.csv",
        "recommendation-links.csv",
    ):
        stated = re.search(rf"^\| `{re.escape(name)}` \|.*\| (\d+) \|$", docs, re.M)
        assert stated and int(stated.group(1)) == len(table(name)), name


@pytest.mark.parametrize("year", [None, "2019"])
def test_which_document_gives_which_figure(store, year):
    """#30: figure-sources gives every figure of data/statistics.csv with its document's title and address
    (data/documents.csv) and the sentence, row for row."""
    with (REPO / "data" / "documents.csv").open(encoding="utf-8", newline="") as handle:
        documents = {row["id"]: row for row in csv.DictReader(handle)}
    with (REPO / "data" / "statistics.csv").open(encoding="utf-8", newline="") as handle:
        figures = list(csv.DictReader(handle))
    camel = {
        "identified-victims": "identifiedVictims",
        "identified-victims-share": "identifiedVictimsShare",
        "assisted-victims": "assistedVictims",
        "assisted-victims-share": "assistedVictimsShare",
        "assisted-repatriated-victims": "assistedRepatriatedVictims",
    }
    expected = sorted(
        (
            f["year"],
            camel[f["measure"]],
            f["sex"],
            f["age"],
            f["form"],
            f["citizenship"] or "all",
            f["value"],
            documents[f["document"]]["title"],
            documents[f["document"]]["url"],
            f"{f['section']}: {f['quotation']}",
        )
        for f in figures
        if year is None or f["year"] == year
    )
    expected.sort(key=lambda row: (*row[:6], row[7]))  # the query's order: by year, …, citizenship, then document
    params = {"year": year} if year else {}
    found = [
        tuple(
            r.get(k, "")
            for k in ("year", "measure", "sex", "age", "form", "citizenship", "value", "document", "page", "quotation")
        )
        for r in rows(store, "figure-sources", **params)
    ]
    # 2019: the five of the 2020 report's sentence, the minors, the assisted and their share (8), and no foreign victim
    assert found == expected and len(found) == (len(figures) if year is None else 9)
