"""HTML documentation of the ontology: every class, property and concept, in English and Romanian.

One self-contained page (no scripts, no external resources), generated from `ontology/*.ttl`.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from plan_graph.files import write_atomically
from plan_graph.graph import names
from plan_graph.graph.names import curie
from plan_graph.graph.namespaces import PREFIXES

ONTOLOGY = URIRef(names.ONTOLOGY)
OWN_NAMESPACES = (names.PREFIXES["pg"], names.PREFIXES["kind"])

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ccc; margin-top: 2.5rem; }
section.term { border-left: 4px solid #4a7ab5; padding: .2rem 1rem; margin: 1.2rem 0; background: #f7f9fc; }
section.term h3 { margin: .3rem 0; } .iri { font-family: monospace; font-size: .85rem; color: #555; }
.lang { display: inline-block; min-width: 2rem; font-size: .75rem; font-weight: bold; color: #fff;
        background: #4a7ab5; border-radius: 3px; text-align: center; margin-right: .4rem; }
.lang.ro { background: #b5834a; } dl { display: grid; grid-template-columns: 10rem 1fr; gap: .2rem 1rem; }
dt { font-weight: bold; color: #444; } dd { margin: 0; } nav ul { columns: 3; }
"""


def _local(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def _link(graph: Graph, term: object) -> str:
    if isinstance(term, BNode):
        return _expression(graph, term)
    text = str(term)
    if text.startswith(OWN_NAMESPACES):
        return f'<a href="#{escape(_local(term))}">{escape(curie(term))}</a>'
    return f'<a href="{escape(text)}">{escape(curie(term))}</a>'


def _expression(graph: Graph, node: BNode) -> str:
    """A class expression in words: unions, intersections and lists of classes."""
    for keyword, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        members = graph.value(node, keyword)
        if members is not None:
            return "(" + word.join(_link(graph, m) for m in Collection(graph, members)) + ")"
    return "(anonymous class)"


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    values = sorted(graph.objects(subject, predicate), key=lambda v: (getattr(v, "language", "") or "") != "en")
    paragraphs = []
    for value in values:
        language = escape(cast(Literal, value).language or "")  # titles, labels and comments are literals
        badge = f'<span class="lang {language}">{language or "–"}</span>'
        paragraphs.append(f"<p>{badge}{escape(str(value))}</p>")
    return paragraphs


def _row(name: str, values: Iterable[str]) -> str:
    values = list(values)
    return f"<dt>{escape(name)}</dt><dd>{', '.join(values)}</dd>" if values else ""


def _term(graph: Graph, term: URIRef, kind: str) -> str:
    labels = _texts(graph, term, RDFS.label) or _texts(graph, term, SKOS.prefLabel)
    comments = _texts(graph, term, RDFS.comment) or _texts(graph, term, SKOS.definition)
    facts = [
        _row("subclass of", (_link(graph, o) for o in graph.objects(term, RDFS.subClassOf))),
        _row("subclasses", (_link(graph, s) for s in graph.subjects(RDFS.subClassOf, term))),
        _row("disjoint with", (_link(graph, o) for o in graph.objects(term, OWL.disjointWith))),
        _row("subproperty of", (_link(graph, o) for o in graph.objects(term, RDFS.subPropertyOf))),
        _row("domain", (_link(graph, o) for o in graph.objects(term, RDFS.domain))),
        _row("range", (_link(graph, o) for o in graph.objects(term, RDFS.range))),
        _row("inverse of", (_link(graph, o) for o in graph.objects(term, OWL.inverseOf))),
        _row("inverse", (_link(graph, s) for s in graph.subjects(OWL.inverseOf, term))),
        _row(
            "characteristics",
            (escape(_local(t)) for t in graph.objects(term, RDF.type) if t in _CHARACTERISTICS),
        ),
        _row("notation", (escape(str(o)) for o in graph.objects(term, SKOS.notation))),
    ]
    return (
        f'<section class="term {kind}" id="{escape(_local(term))}">'
        f"<h3>{escape(curie(term))}</h3>"
        f'<div class="iri">{escape(str(term))}</div>'
        f"{''.join(labels)}{''.join(comments)}<dl>{''.join(facts)}</dl></section>"
    )


_CHARACTERISTICS = {OWL.FunctionalProperty, OWL.TransitiveProperty, OWL.SymmetricProperty,
                    OWL.InverseFunctionalProperty}  # fmt: skip


def _own(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(
        (s for s in set(graph.subjects(RDF.type, cls)) if isinstance(s, URIRef) and str(s).startswith(OWN_NAMESPACES)),
        key=str,
    )


def render_html(graph: Graph) -> str:
    sections = [
        ("classes", "Classes", "Clase", _own(graph, OWL.Class)),
        ("object-properties", "Object properties", "Proprietăți-obiect", _own(graph, OWL.ObjectProperty)),
        (
            "datatype-properties",
            "Datatype properties",
            "Proprietăți de date",
            _own(graph, OWL.DatatypeProperty),
        ),
        ("individuals", "Named individuals", "Indivizi", _own(graph, OWL.NamedIndividual)),
        ("actor-kinds", "Kinds of actor (SKOS)", "Tipuri de actori", _own(graph, SKOS.Concept)),
    ]
    external = sorted(
        {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and not str(s).startswith(OWN_NAMESPACES)}
        - {ONTOLOGY},
        key=str,
    )
    version = graph.value(ONTOLOGY, OWL.versionInfo)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(str(graph.value(ONTOLOGY, DCTERMS.title) or 'plan-graph ontology'))}</title>",
        f"<style>{STYLE}</style></head><body>",
        "<header><h1>plan-graph ontology</h1>",
        *_texts(graph, ONTOLOGY, DCTERMS.title),
        *_texts(graph, ONTOLOGY, DCTERMS.description),
        "<dl>",
        _row("IRI", [escape(str(ONTOLOGY))]),
        _row("version", [escape(str(version))] if version else []),
        _row("version IRI", [_link(graph, o) for o in graph.objects(ONTOLOGY, OWL.versionIRI)]),
        _row("licence", [_link(graph, o) for o in graph.objects(ONTOLOGY, DCTERMS.license)]),
        _row("prefix", [escape(f"pg: {PREFIXES['pg']}")]),
        "</dl></header>",
        "<nav><h2>Contents · Cuprins</h2><ul>",
        *(
            f'<li><a href="#{key}">{escape(en)} · {escape(ro)}</a> ({len(terms)})</li>'
            for key, en, ro, terms in sections
        ),
        '<li><a href="#external">Terms reused from other vocabularies</a></li></ul></nav>',
    ]
    for key, en, ro, terms in sections:
        parts.append(f'<h2 id="{key}">{escape(en)} · {escape(ro)}</h2>')
        kind = key.rstrip("s")
        parts.extend(_term(graph, term, kind) for term in terms)
    parts.append('<h2 id="external">Terms reused from other vocabularies · Termeni preluați</h2><ul>')
    parts.extend(f"<li>{_link(graph, term)}</li>" for term in external)
    parts.append("</ul></body></html>")
    return "\n".join(parts) + "\n"


def write_docs(ontology: Graph, out_dir: Path) -> Path:
    target = out_dir / "index.html"
    write_atomically({target: render_html(ontology).encode("utf-8")})
    return target
