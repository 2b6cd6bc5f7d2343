"""How a query's text is read before it is run (plan_graph.stores.sparql_text): comments, the SERVICE calls it
makes, its nesting depth and its form, each checked against Oxigraph's parser, the reference."""

from __future__ import annotations

import pyoxigraph as ox
import pytest


def test_comments_are_removed_but_not_hashes_in_iris_or_strings():
    from plan_graph.stores.sparql_text import without_comments

    query = (
        '# Load the table\nPREFIX pg: <https://w3id.org/plan-graph/ontology#>\nSELECT * WHERE { ?s ?p "a # b" } # end'
    )
    stripped = without_comments(query)
    assert "Load" not in stripped and "end" not in stripped
    assert "<https://w3id.org/plan-graph/ontology#>" in stripped and '"a # b"' in stripped


EVIL = "<http://evil.example/sparql>"


XSD_BOOLEAN = "<http://www.w3.org/2001/XMLSchema#boolean>"


def oxigraph_runs(query: str) -> None:
    """Oxigraph's parser, the reference: it reads the query, and its SERVICE call stops at port 1."""
    try:
        list(ox.Store().query(query.replace("http://evil.example/sparql", "http://127.0.0.1:1/sparql")))
    except OSError as error:
        assert "port 1" in str(error)


@pytest.mark.parametrize(
    "query",
    [  # a less-than followed by text up to a ">" in a comment: read as one IRI, it hid the SERVICE
        "SELECT * { FILTER(?a<?b)SERVICE#>\n " + EVIL + " {} }",
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT * { FILTER xsd:boolean(?a<?b)SERVICE#>\n "
        + EVIL
        + " {} }",
        "SELECT * { FILTER " + XSD_BOOLEAN + "(?a<?b)SERVICE#>\n " + EVIL + " {} }",
    ],
)
def test_a_service_behind_a_less_than_is_found(query):
    from plan_graph.stores.sparql_text import service_targets

    with pytest.raises(OSError, match="port 1"):  # Oxigraph does call it
        list(ox.Store().query(query.replace("http://evil.example/sparql", "http://127.0.0.1:1/sparql")))
    assert service_targets(query) == ["http://evil.example/sparql"]


@pytest.mark.parametrize(
    "query",
    [  # real IRIs with a "#": read as less-than, they would turn the rest of the line into a comment
        "SELECT * { BIND(<http://x/#a> AS ?o) FILTER(?o = <http://x/#a>) SERVICE " + EVIL + " {} }",
        "SELECT * { ?s <http://p> (?a <http://b/#>) . SERVICE " + EVIL + " {} }",
        "PREFIX ex: <http://x/> SELECT * { ?s ex:p (?a <http://b/#>) . SERVICE " + EVIL + " {} }",
        "SELECT * { VALUES (?a ?b) { (<http://a/#> <http://b/#>) } SERVICE " + EVIL + " {} }",
        "SELECT * { BIND(1 AS ?a) FILTER(?a IN (<http://a/#>, <http://b/#>)) SERVICE " + EVIL + " {} }",
    ],
)
def test_iris_are_read_as_iris_where_the_grammar_has_terms(query):
    from plan_graph.stores.sparql_text import service_targets

    oxigraph_runs(query)
    assert service_targets(query) == ["http://evil.example/sparql"]


@pytest.mark.parametrize(
    ("query", "depth"),
    [
        ("SELECT * { FILTER(?o<" + "(" * 300 + "1" + ")" * 300 + ")#>\n }", 302),
        ("SELECT * { { SELECT ?x WHERE {} GROUP BY ?x (?o<((1)))#>\n } }", 5),
        ("SELECT ?x WHERE { ?x ?p ?o } ORDER BY (?o<((1)))#>\n", 3),
    ],
)
def test_nesting_behind_a_less_than_is_counted(query, depth):
    from plan_graph.stores.sparql_text import nesting_depth

    oxigraph_runs(query)
    assert nesting_depth(query) == depth


@pytest.mark.parametrize(
    ("query", "limit", "over"),
    [  # the endpoint's quick path counts brackets anywhere; past the limit, the scan decides
        ("SELECT * { " + "{ " * 9 + "}" * 9 + " }", 200, None),
        ("SELECT * { } # " + "(" * 300, 200, None),  # brackets in a comment: many, but no depth
        ("SELECT * { FILTER(?o<" + "(" * 300 + "1" + ")" * 300 + ")#>\n }", 200, 302),
        ("SELECT * { " + "{ " * 5 + "}" * 5 + " }", 3, 6),
    ],
)
def test_deeper_than_gives_the_depth_only_past_the_limit(query, limit, over):
    from plan_graph.stores.sparql_text import deeper_than

    assert deeper_than(query, limit) == over


@pytest.mark.parametrize(
    ("query", "form"),
    [  # the form is the first query or update keyword after the prologue (SPARQL 1.1 grammar rules [2]-[6], [29])
        ("SELECT * {}", "SELECT"),
        ("  \n\t construct { } where { }", "CONSTRUCT"),
        ("# ASK in a comment\nDESCRIBE <http://a>", "DESCRIBE"),
        ("BASE <http://b/> PREFIX pg: <https://w3id.org/plan-graph/ontology#>\nprefix : <http://x#> ask {}", "ASK"),
        ("BASE<http://b/>PREFIX pg:<http://p#>SELECT * {}", "SELECT"),  # no spaces needed around IRIs
        ("PREFIX insert: <http://p#> SELECT * {}", "SELECT"),  # a prefix may be named like a keyword
        ("PREFIX p.q-r: <http://p#> # why\n  DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("PREFIX p: <http://p#> ; DROP ALL", "DROP"),  # not a prologue after all: the scan finds the keyword
        ("PREFIX p: <http://p#>\nLOAD <http://example.org/data.ttl>", "LOAD"),
        # with a space it is no IRI: "#" opens a comment, and the keyword is on the next line
        ('PREFIX p: <http://p# SELECT>\nINSERT DATA { <http://a> <http://b> "c" }', "INSERT"),
        ("", ""),
        ("# nothing but a comment", ""),
    ],
)
def test_a_requests_form_is_its_first_keyword_after_the_prologue(query, form):
    from plan_graph.stores.sparql_text import operation

    assert operation(query) == form


@pytest.mark.parametrize("word", ["SERVICE", "service", "SeRvIcE"])
def test_a_service_is_found_whatever_the_case_of_its_keyword(word):
    from plan_graph.stores.sparql_text import service_targets

    assert service_targets(f"SELECT * {{ {word} {EVIL} {{}} }}") == ["http://evil.example/sparql"]
    assert service_targets(f"SELECT * {{ }} # {word} {EVIL}") == []  # in a comment: not a call
