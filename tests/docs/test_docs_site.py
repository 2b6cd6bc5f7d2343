"""The documentation as made: the README short with links that lead somewhere, docs/cli.md made from the parser,
docs/terms.md from the ontology, and the mkdocs site built with --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO


def test_the_readme_is_short_and_its_links_lead_somewhere():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 8 * 1024
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        assert (REPO / target).exists(), target
    assert readme.count("```sh") >= 3  # the two commands, and the examples


def test_the_cli_reference_is_made_from_the_parser():
    from plan_graph.arguments import reference

    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: python -m plan_graph.arguments > docs/cli.md"
    )
    for command in ("build", "validate", "query", "sparql", "publish", "serve", "export", "validate-dcat", "docs"):
        assert f"## plan-graph {command}\n" in reference(), command


def test_every_term_of_the_ontology_is_in_the_docs():
    """docs/terms.md is made from the ontology (python -m plan_graph.web.docs); every class and property of the
    pg: namespace, read here from ontology/*.ttl, has its row, with a comment saying what it is."""
    from rdflib import OWL, RDF, Graph

    from plan_graph.graph.ontology import ontology_triples
    from plan_graph.web.docs import render_markdown

    written = (REPO / "docs" / "terms.md").read_text(encoding="utf-8")
    assert written == render_markdown(ontology_triples()), "docs/terms.md is stale: python -m plan_graph.web.docs"
    ontology = Graph()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        ontology.parse(path)
    pg = "https://w3id.org/plan-graph/ontology#"
    terms = {
        str(s)[len(pg) :]
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(pg)
    }
    rows = dict(re.findall(r"^\| `pg:(\w+)` \| [^|]* \| ([^|]*) \|", written, re.M))
    assert terms <= set(rows) and len(terms) > 100
    assert not [term for term in terms if not rows[term].strip()], "a term without a comment"
    assert "model.md" in written and "[every term of the ontology](terms.md)" in (REPO / "docs" / "model.md").read_text(
        encoding="utf-8"
    )


def test_the_documentation_site_builds_strictly(tmp_path):
    mkdocs = Path(sys.executable).with_name("mkdocs")
    built = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "cli" / "index.html").is_file() and (tmp_path / "server" / "index.html").is_file()
