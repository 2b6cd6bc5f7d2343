"""`plan-graph query`, `queries` and `sparql` as a user runs them, as real processes: formats, query files, ad hoc
queries, usage errors, notes on empty columns, and the graph cache. What the saved queries answer:
tests/queries/test_saved_queries.py."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "plan_graph", *args], capture_output=True, text=True, input=stdin, timeout=300
    )


def test_queries_lists_every_query_with_its_parameters():
    result = run("queries")
    assert result.returncode == 0
    assert "mai-ngo: MAI bodies and NGOs together" in result.stdout
    assert "--param actor=…  (actor)" in result.stdout
    assert "--param frequency=…  (frequency, optional)" in result.stdout


def test_query_xml_format():
    import xml.etree.ElementTree as ET

    result = run("query", "dated-deadlines", "--format", "xml")
    root = ET.fromstring(result.stdout)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["notation", "deadline", "asWritten"]
    assert len(root.findall("r:results/r:result", ns)) == 15
    literal = root.find("r:results/r:result/r:binding[@name='deadline']/r:literal", ns)
    assert literal.get("datatype") == "http://www.w3.org/2001/XMLSchema#gYearMonth"


def test_construct_formats():
    turtle = run("query", "collaboration-network", "--format", "turtle")
    assert turtle.returncode == 0 and "pg:Collaboration" in turtle.stdout
    nt = run("query", "collaboration-network", "--format", "nt")
    assert nt.stdout.count(" .\n") > 100
    from rdflib import Graph
    from rdflib.compare import isomorphic

    triples = Graph().parse(data=nt.stdout, format="nt")
    for fmt, parser in (("turtle", "turtle"), ("jsonld", "json-ld"), ("rdfxml", "xml")):
        document = run("query", "collaboration-network", "--format", fmt).stdout
        assert isomorphic(Graph().parse(data=document, format=parser), triples), fmt  # the same graph in each
    wrong = run("query", "collaboration-network", "--format", "csv")
    assert wrong.returncode == 2 and "turtle, nt, jsonld, rdfxml" in wrong.stderr


def test_a_graph_prints_as_turtle_by_default_and_is_never_called_a_table():
    default = run("query", "collaboration-network")
    assert default.returncode == 0 and default.stdout.startswith("@prefix") and "pg:Collaboration" in default.stdout
    table = run("query", "collaboration-network", "--format", "table")
    assert table.returncode == 2 and table.stdout == ""
    assert "CONSTRUCT and DESCRIBE results are graphs; use one of turtle, nt, jsonld, rdfxml" in table.stderr
    ask = run("sparql", "ASK { ?s ?p ?o }")
    assert ask.returncode == 0 and ask.stdout == "true\n"


def test_query_file_and_sparql(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text(
        "# title: mine\n# param: code — an actor code [actor]\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?name WHERE { ?a skos:notation ?param_code ; skos:prefLabel ?name FILTER(LANG(?name) = 'en') }\n",
        encoding="utf-8",
    )
    result = run("query", "--file", str(path), "--param", "code=anitp", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "National Agency against Trafficking in Persons"
    count = run(
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/plan-graph/ontology#Activity> }",
        "--format",
        "csv",
    )
    assert count.stdout.splitlines()[1] == "60"
    ask = run("sparql", "-", "--format", "json", stdin="ASK { ?s ?p ?o }")
    assert json.loads(ask.stdout) == {"head": {}, "boolean": True}


def test_malformed_and_missing_queries_are_usage_errors(tmp_path):
    bad = run("sparql", "SELECT ?x WHERE { ?x ?p }")
    assert bad.returncode == 2 and "malformed query" in bad.stderr and "1:" in bad.stderr
    missing = run("query", "--file", str(tmp_path / "nope.rq"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    neither = run("query")
    assert neither.returncode == 2


def test_the_cache_is_used_and_keyed_by_what_the_graph_is_made_of(tmp_path, monkeypatch):
    from plan_graph.pipeline import cache

    monkeypatch.setenv("PLAN_GRAPH_CACHE", str(tmp_path))
    source = tmp_path / "plan.txt"
    source.write_text((cache.project_dir("data") / "hg-861-2018-plan-2018-2020.txt").read_text(encoding="utf-8"))
    first = cache.cache_key(source, None)
    assert cache.cache_key(source, "http://example.org/") != first
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.cache_key(source, None) != first
    from plan_graph.graph.names import MINTED_ROOT
    from plan_graph.resources import bundled_plan

    cached = cache.cached_ntriples(bundled_plan(), MINTED_ROOT)  # keyed by the IRI base the graph is built with
    assert not cached.exists()
    result = run("query", "no-resources", "--format", "csv")
    assert result.returncode == 0 and cached.is_file()  # the first query built the graph and kept it
    written = cached.stat().st_mtime_ns
    again = run("query", "no-resources", "--format", "csv")
    assert again.stdout == result.stdout
    # read, not rebuilt: the plan, the actors, their entailments, the statistics, the assessments and the ontology,
    # each once
    assert cached.stat().st_mtime_ns == written and len(list(tmp_path.rglob("*.nt"))) == 6


def test_a_bad_parameter_on_the_command_line_exits_2_listing_valid_values():
    result = run("query", "actor-activities", "--param", "actor=XYZ")
    assert result.returncode == 2
    assert "'XYZ' is not a known actor code; one of:" in result.stderr and "ANITP" in result.stderr
    missing = run("query", "deadlines-before")
    assert missing.returncode == 2 and "needs --param before" in missing.stderr
    # the query is named once, not once by the CLI and again by the message
    assert missing.stderr.count("deadlines-before") == 1, missing.stderr
    unknown = run("query", "activities", "--param", "actor=MAI")
    assert unknown.returncode == 2 and unknown.stderr.count("'activities'") == 1, unknown.stderr
    inline = run("sparql", "ASK {}", "--format", "nt")
    assert inline.returncode == 2 and inline.stderr.startswith("plan-graph: the query: an ASK result is true or false")


def test_a_column_filled_from_reference_data_says_why_it_is_empty_without_it():
    result = run("query", "eu-agencies", "--format", "csv")
    assert result.returncode == 0 and result.stdout.count(",,") == 4  # officialLabel empty in each row
    assert "note: officialLabel is empty: it comes from the EU corporate-body table" in result.stderr
    assert "--with-reference DIR" in result.stderr
    quiet = run("query", "activities", "--format", "csv")
    assert "note:" not in quiet.stderr
    listing = run("queries")
    assert "--with-reference DIR  fills officialLabel" in listing.stdout


def test_a_question_to_a_cached_graph_does_not_load_rdflib(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAN_GRAPH_CACHE", str(tmp_path))
    assert run("query", "no-resources").returncode == 0  # fills the cache
    code = (
        "import io, sys, contextlib; from plan_graph.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): code = main(['query', 'no-resources'])\n"
        "print(code, 'rdflib' in sys.modules)"
    )
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert answer.stdout.split() == ["0", "False"], answer.stderr
