"""`plan-graph build`, `validate`, `query`, `queries` as a user runs them: real processes, real files."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.support.cli import run
from tests.support.paths import REPO, require_tool
from tests.support.plan_facts import EXPECTED

SOURCE = REPO / "data" / "hg-861-2018-plan-2018-2020.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("dist")
    return out, run("build", "--out", str(out))


def test_build_writes_five_dumps_in_four_formats_and_a_summary(built):
    out, result = built
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "monitoring.jsonld",
        "monitoring.nt",
        "monitoring.rdf",
        "monitoring.ttl",
        "plan-graph-all.jsonld",
        "plan-graph-all.nt",
        "plan-graph-all.rdf",
        "plan-graph-all.ttl",
        "plan-graph-inferred.jsonld",
        "plan-graph-inferred.nt",
        "plan-graph-inferred.rdf",
        "plan-graph-inferred.ttl",
        "plan-graph.jsonld",
        "plan-graph.nt",
        "plan-graph.rdf",
        "plan-graph.ttl",
        "statistics.jsonld",
        "statistics.nt",
        "statistics.rdf",
        "statistics.ttl",
    ]
    inferred = len((out / "plan-graph-inferred.nt").read_bytes().splitlines())
    assert f"and {inferred} entailed by the ontology" in result.stderr
    assert "5 areas, 5 general and 19 specific objectives, 60 activities" in result.stderr
    assert "'ANDPCA' -> 'ANPDCA'" in result.stderr
    assert "triples" in result.stderr and "SHACL: conforms" in result.stderr
    # counted from the curated tables themselves
    rows = {
        name: list(csv.DictReader((REPO / "data" / name).open(encoding="utf-8")))
        for name in ("statistics.csv", "documents.csv", "recommendations.csv", "assessments.csv")
    }
    figures, documents, advised = (len(rows[n]) for n in ("statistics.csv", "documents.csv", "recommendations.csv"))
    assert f"around the plan: {figures} figures from {documents} documents, {advised} recommendations" in result.stderr
    assessed = {row["activity"] for row in rows["assessments.csv"]}
    assert f"{len(rows['assessments.csv'])} external assessments of {len(assessed)} activities" in result.stderr
    # the plan's one warning, said once on its line (the code it names is not repeated on a line of its own)
    warning = "plan-graph: line 58: warning: IGJR is used but not defined in the plan's abbreviation list"
    assert result.stderr.splitlines()[0].startswith(warning) and "'IGJR'" not in result.stderr


@pytest.mark.parametrize("suffix", ["nt", "ttl"])
def test_the_whole_dump_alone_answers_every_saved_query_as_the_endpoint(built, store, suffix):
    """#30: plan-graph-all, loaded alone into a bare store, gives every saved query the endpoint's answer, row for
    row (the dump of the plan alone lacks the actors' types, the entailments and the statistics)."""
    import pyoxigraph as ox

    from plan_graph.stores.embedded import EmbeddedStore
    from plan_graph.stores.queries import bound_text, catalogue, example_parameters

    out, _ = built
    bare = EmbeddedStore()
    bare.store.load(path=out / f"plan-graph-all.{suffix}", format=ox.RdfFormat.from_extension(suffix))
    for name, query in catalogue().items():
        text = bound_text(query, example_parameters(query, date="2021-12-31"), store)
        assert answer(bare.query(text)) == answer(store.query(text)), name


def answer(result) -> object:
    """A result as comparable values: a SELECT's variables and rows, a graph's triples as a set."""
    from plan_graph.stores.results import GraphResult

    if isinstance(result, GraphResult):
        return set(result.triples)
    return result.variables, [[row.get(v) for v in result.variables] for row in result.rows]


def parsed(out: Path, stem: str) -> dict[str, Graph]:
    """The four files of one dump, each parsed back."""
    formats = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
    return {suffix: Graph().parse(out / f"{stem}.{suffix}", format=fmt) for suffix, fmt in formats.items()}


def test_every_file_parses_back_to_the_same_graph(built):
    out, _ = built
    graphs = parsed(out, "plan-graph")
    reference = graphs.pop("nt")
    assert len(reference) > 4000
    for name, graph in graphs.items():
        assert isomorphic(graph, reference), name
    inferred = parsed(out, "plan-graph-inferred")
    entailments = inferred.pop("nt")
    assert len(entailments) > 1000 and not set(entailments) & set(reference)  # nothing stated twice
    for name, graph in inferred.items():
        assert isomorphic(graph, entailments), name
    statistics = parsed(out, "statistics")
    cube = statistics.pop("nt")
    assert not set(cube) & set(reference)
    for name, graph in statistics.items():
        assert isomorphic(graph, cube), name


def test_every_n_triples_dump_is_sorted_one_line_a_triple(built):
    """Sorted, each triple once: two builds of a changed plan differ by the lines that changed (a readable diff)."""
    out, _ = built
    for stem in ("plan-graph", "plan-graph-inferred", "statistics", "monitoring"):
        lines = (out / f"{stem}.nt").read_bytes().splitlines()
        assert lines == sorted(set(lines)) and len(lines) == len(Graph().parse(out / f"{stem}.nt", format="nt")), stem


@pytest.mark.parametrize(("name", "syntax"), [("plan-graph.ttl", "turtle"), ("plan-graph.rdf", "rdfxml")])
def test_an_independent_parser_accepts_turtle_and_rdf_xml(built, name, syntax):
    rapper = require_tool("rapper")
    out, _ = built
    result = subprocess.run([rapper, "-i", syntax, "-c", str(out / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    triples = len(Graph().parse(out / "plan-graph.nt", format="nt"))
    assert f"returned {triples} triples" in result.stderr


def test_two_builds_write_the_same_bytes_whatever_the_hash_seed(tmp_path):
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        assert run("build", "--out", str(tmp_path / seed), env=env).returncode == 0
    for path in (tmp_path / "1").iterdir():
        assert path.read_bytes() == (tmp_path / "2" / path.name).read_bytes(), path.name


def test_build_with_another_base(tmp_path):
    result = run("build", "--out", str(tmp_path), "--base", "http://example.org/x/")
    assert result.returncode == 0, result.stderr
    graph = (tmp_path / "plan-graph.nt").read_text()
    # the plan's IRIs under BASE ro/, the vocabulary's under BASE ontology#: every IRI minted moves together
    typed = "<http://example.org/x/ro/hg-861-2018/activity/1.1.3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    assert typed + "<http://example.org/x/ontology#Activity> ." in graph
    assert "w3id.org" not in graph


def test_a_bad_base_is_a_usage_error(tmp_path):
    result = run("build", "--out", str(tmp_path / "o"), "--base", "example")
    assert result.returncode == 2 and "base IRI" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_missing_source_fails_clearly_and_writes_nothing(tmp_path):
    result = run("build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "nope.txt: no such file" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_source_in_an_unrecognised_encoding_fails_naming_the_place(tmp_path):
    # Windows-1250 and ISO-8859-16 are recognised (text/test_reader_forms.py); DOS's Central European code page is not
    source = tmp_path / "cp852.txt"
    cedilla = str.maketrans("șțȘȚ", "şţŞŢ")  # the legacy code pages have only the older cedilla forms
    source.write_bytes(SOURCE.read_text(encoding="utf-8").translate(cedilla).encode("cp852", errors="replace"))
    result = run("build", str(source), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "not UTF-8" in result.stderr and "line 1," in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_utf8_bom_and_crlf_line_ends_are_read_the_same(tmp_path):
    source = tmp_path / "bom.txt"
    source.write_bytes(b"\xef\xbb\xbf" + SOURCE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    result = run("build", str(source), "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert "60 activities" in result.stderr


def broken_source(tmp_path: Path) -> Path:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    lines[11] = lines[11].replace("Responsabili:", "Responsabilii ")  # line 12: activity 1.1.3
    path = tmp_path / "broken.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_unreadable_row_fails_the_build_with_its_line_and_text_and_keeps_old_outputs(tmp_path):
    out = tmp_path / "o"
    assert run("build", "--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = run("build", str(broken_source(tmp_path)), "--out", str(out))
    assert result.returncode == 1
    assert "line 12" in result.stderr and "activity 1.1.3" in result.stderr
    assert "Implementarea de campanii" in result.stderr  # the row's text
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # untouched, no stray temporary files


def test_keep_going_builds_the_rest_and_lists_what_it_skipped(tmp_path):
    out = tmp_path / "o"
    result = run("build", str(broken_source(tmp_path)), "--out", str(out), "--keep-going")
    assert result.returncode == 0, result.stderr
    assert "skipped 1 unreadable line" in result.stderr and "line 12" in result.stderr
    assert "59 activities" in result.stderr
    text = (out / "plan-graph.nt").read_text()
    assert "/activity/1.1.3>" not in text and "/activity/1.1.4>" in text


def test_an_output_path_that_is_a_file_fails_clearly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("build", "--out", str(blocker / "sub"))
    assert result.returncode == 3 and "cannot write" in result.stderr and "Traceback" not in result.stderr


# ---- query and queries


def test_query_activities_gives_all_60_rows_field_for_field_as_the_document_says():
    result = run("query", "activities", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == [
        "notation",
        "objective",
        "title",
        "indicators",
        "deadlines",
        "responsible",
        "partners",
        "resources",
    ]
    rows = document["results"]["bindings"]
    assert len(rows) == 60
    assert [row["notation"]["value"] for row in rows] == list(EXPECTED)  # the order of the text
    for row in rows:
        expected = EXPECTED[row["notation"]["value"]]
        cell = {name: term["value"] for name, term in row.items()}
        assert cell["objective"] == row["notation"]["value"].rsplit(".", 1)[0]
        assert cell["title"] == expected.title
        assert cell["indicators"] == " | ".join(expected.indicators)
        assert cell["deadlines"] == " | ".join(expected.deadlines)
        assert set(cell["responsible"].split(" | ")) == set(expected.responsible)
        assert set(filter(None, cell["partners"].split(" | "))) == set(expected.partners)
        assert cell["resources"] == " | ".join(expected.resources)


def test_query_json_is_sparql_results_json_with_typed_terms():
    rows = json.loads(run("query", "activities", "--format", "json").stdout)["results"]["bindings"]
    assert rows[0]["title"] == {"type": "literal", "value": EXPECTED["1.1.1"].title, "xml:lang": "ro"}


def test_query_csv_and_tsv():
    csv_out = run("query", "activities", "--format", "csv", text=False).stdout.decode("utf-8")
    assert csv_out.startswith("notation,objective,title,indicators,deadlines,responsible,partners,resources\r\n")
    assert csv_out.count("\r\n") == 61
    tsv_lines = run("query", "activities", "--format", "tsv").stdout.splitlines()
    assert tsv_lines[0].split("\t")[:2] == ["?notation", "?objective"]
    assert len(tsv_lines) == 61 and '"Iunie 2019 | Anual"' in "\n".join(tsv_lines)


def test_query_table_is_readable_and_keeps_diacritics():
    result = run("query", "activities", env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0
    assert "notation" in result.stdout.splitlines()[0] and "(60 rows)" in result.stdout
    assert "Organizarea și desfășurarea" in result.stdout


def test_an_unknown_query_is_a_usage_error_listing_the_saved_ones():
    result = run("query", "nope")
    assert result.returncode == 2 and "activities" in result.stderr


def test_an_unknown_parameter_is_a_usage_error():
    result = run("query", "activities", "--param", "actor=ANITP")
    assert result.returncode == 2 and "no parameter actor" in result.stderr
    assert run("query", "activities", "--param", "garbage").returncode == 2


def test_queries_lists_titles():
    result = run("queries")
    assert result.returncode == 0 and "activities: Activities" in result.stdout


def test_validate_the_built_files(built):
    out, _ = built
    result = run("validate", str(out / "plan-graph.ttl"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_validate_a_file_that_is_not_rdf(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <")
    result = run("validate", str(bad))
    assert result.returncode == 1 and "bad.ttl: cannot parse" in result.stderr


def test_the_two_counts_of_actors_are_said_alike_everywhere(built, registry, store):
    """#30: the actors the plan names (the registry, data/actors.csv) and those involved in its activities (as
    responsible or partner: tests/support/plan_facts.py): the same words and numbers in the build's summary, on the home
    page, in the README and in the model's docs."""
    from plan_graph.web.pages import home_page
    from plan_graph.web.rendering import SiteLinks
    from tests.support.plan_facts import EXPECTED

    named = len(registry)
    involved = len({code for row in EXPECTED.values() for code in (*row.responsible, *row.partners)})
    assert (named, involved) == (60, 51)
    _, result = built
    assert f"{named} actors the plan names ({involved} of them involved in its activities)" in result.stderr
    page = re.sub(r"<[^>]+>", " ", home_page(store, SiteLinks("https://w3id.org/plan-graph/ro/", "https://x.org/")))
    assert f" {named}  actors the plan names " in page and f" {involved}  of them involved in its activities " in page
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert f"all {named} actors the plan names ({involved} of them involved in its activities)" in readme
    model = " ".join((REPO / "docs" / "model.md").read_text(encoding="utf-8").split())
    assert f"the {named} actors the plan names" in model and f"{involved} of them involved in its activities" in model
    for text in (readme, model):  # no other count of actors
        assert set(re.findall(r"\b(\d+) actors\b", text)) <= {str(named)}
