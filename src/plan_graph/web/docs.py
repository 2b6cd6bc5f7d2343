"""HTML documentation of the ontology: every class, property and concept, in English and Romanian.

One page (no scripts), generated from `ontology/*.ttl` with the site's layout (templates/ontology.html): served at
/ontology, written by `plan-graph docs` with its stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from plan_graph.files import write_atomically
from plan_graph.graph import names
from plan_graph.graph.names import curie
from plan_graph.graph.namespaces import PREFIXES
from plan_graph.web.rendering import Links, SiteLinks, render, static_files

ONTOLOGY = URIRef(names.ONTOLOGY)
OWN_NAMESPACES = (names.PREFIXES["pg"], names.PREFIXES["kind"])


@dataclass(frozen=True)
class Text:
    lang: str
    text: str


@dataclass(frozen=True)
class TermLink:
    text: str
    href: str | None  # "#Activity" for the ontology's own terms


@dataclass(frozen=True)
class Term:
    anchor: str
    curie: str
    iri: str
    kind: str
    labels: list[Text]
    comments: list[Text]
    facts: list[tuple[str, list[TermLink]]]


@dataclass(frozen=True)
class Section:
    key: str
    en: str
    ro: str
    terms: list[Term]


def _local(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def _link(graph: Graph, term: object) -> TermLink:
    if isinstance(term, BNode):
        return TermLink(_expression(graph, term), None)
    text = str(term)
    if text.startswith(OWN_NAMESPACES):
        return TermLink(curie(term), "#" + _local(term))
    return TermLink(curie(term), text if text.startswith(("http://", "https://")) else None)


def _expression(graph: Graph, node: BNode) -> str:
    """A class expression in words: unions, intersections and lists of classes."""
    for keyword, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        members = graph.value(node, keyword)
        if members is not None:
            return "(" + word.join(_link(graph, m).text for m in Collection(graph, members)) + ")"
    return "(anonymous class)"


def _texts(graph: Graph, subject: Node, predicate: URIRef) -> list[Text]:
    values = sorted(graph.objects(subject, predicate), key=lambda v: (getattr(v, "language", "") or "") != "en")
    return [Text(cast(Literal, value).language or "", str(value)) for value in values]  # labels are literals


_CHARACTERISTICS = {
    OWL.FunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.InverseFunctionalProperty,
}


def _term(graph: Graph, term: URIRef, kind: str) -> Term:
    facts = [
        ("subclass of", [_link(graph, o) for o in graph.objects(term, RDFS.subClassOf)]),
        ("subclasses", [_link(graph, s) for s in graph.subjects(RDFS.subClassOf, term)]),
        ("disjoint with", [_link(graph, o) for o in graph.objects(term, OWL.disjointWith)]),
        ("subproperty of", [_link(graph, o) for o in graph.objects(term, RDFS.subPropertyOf)]),
        ("domain", [_link(graph, o) for o in graph.objects(term, RDFS.domain)]),
        ("range", [_link(graph, o) for o in graph.objects(term, RDFS.range)]),
        ("inverse of", [_link(graph, o) for o in graph.objects(term, OWL.inverseOf)]),
        ("inverse", [_link(graph, s) for s in graph.subjects(OWL.inverseOf, term)]),
        (
            "characteristics",
            [TermLink(_local(t), None) for t in graph.objects(term, RDF.type) if t in _CHARACTERISTICS],
        ),
        ("notation", [TermLink(str(o), None) for o in graph.objects(term, SKOS.notation)]),
    ]
    return Term(
        _local(term),
        curie(term),
        str(term),
        kind,
        _texts(graph, term, RDFS.label) or _texts(graph, term, SKOS.prefLabel),
        _texts(graph, term, RDFS.comment) or _texts(graph, term, SKOS.definition),
        [(name, values) for name, values in facts if values],
    )


def _own(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(
        (s for s in set(graph.subjects(RDF.type, cls)) if isinstance(s, URIRef) and str(s).startswith(OWN_NAMESPACES)),
        key=str,
    )


KINDS = [
    ("classes", "Classes", "Clase", OWL.Class),
    ("object-properties", "Object properties", "Proprietăți-obiect", OWL.ObjectProperty),
    ("datatype-properties", "Datatype properties", "Proprietăți de date", OWL.DatatypeProperty),
    ("individuals", "Named individuals", "Indivizi", OWL.NamedIndividual),
    ("actor-kinds", "Kinds of actor (SKOS)", "Tipuri de actori", SKOS.Concept),
]


def _sections(graph: Graph) -> list[Section]:
    return [
        Section(key, en, ro, [_term(graph, t, key.rstrip("s")) for t in _own(graph, cls)]) for key, en, ro, cls in KINDS
    ]


def render_markdown(graph: Graph) -> str:
    """Every term of the ontology in Markdown (docs/terms.md), each with its label and comment in English: the
    model's reference, made from the ontology so that it cannot leave a term out or say something else."""
    lines = [
        "# Every term of the ontology",
        "",
        "<!-- made by `python -m plan_graph.web.docs > docs/terms.md`; a test checks it -->",
        "",
        f"The ontology `{ONTOLOGY}` (prefix `pg:`), term by term, as `ontology/*.ttl` states it in English (the "
        "Romanian labels and comments are on the server's `/ontology` page and in `plan-graph docs`). "
        "[The data model](model.md) explains how the terms fit together.",
        "",
    ]
    for section in _sections(graph):
        lines += [f"## {section.en}", "", "| term | label | what it is | facts |", "|---|---|---|---|"]
        for term in section.terms:
            label = next((t.text for t in term.labels if t.lang in ("en", "")), "")
            comment = next((t.text for t in term.comments if t.lang in ("en", "")), "")
            facts = "; ".join(
                f"{name}: {', '.join(sorted(link.text for link in values))}" for name, values in term.facts
            )
            cells = (f"`{term.curie}`", label, comment, facts)
            lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_html(graph: Graph, links: Links) -> str:
    """The ontology's documentation: one page, rendered with the site's layout."""
    sections = _sections(graph)
    external = sorted(
        {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and not str(s).startswith(OWN_NAMESPACES)}
        - {ONTOLOGY},
        key=str,
    )
    header = [
        ("IRI", [TermLink(str(ONTOLOGY), None)]),
        ("version", [TermLink(str(v), None) for v in graph.objects(ONTOLOGY, OWL.versionInfo)]),
        ("version IRI", [_link(graph, o) for o in graph.objects(ONTOLOGY, OWL.versionIRI)]),
        ("licence", [_link(graph, o) for o in graph.objects(ONTOLOGY, DCTERMS.license)]),
        ("prefix", [TermLink(f"pg: {PREFIXES['pg']}", None)]),
    ]
    return render(
        "ontology.html",
        links,
        titles=_texts(graph, ONTOLOGY, DCTERMS.title),
        descriptions=_texts(graph, ONTOLOGY, DCTERMS.description),
        header=[(name, values) for name, values in header if values],
        sections=sections,
        external=[_link(graph, term) for term in external],
    )


def write_docs(ontology: Graph, out_dir: Path) -> Path:
    """The documentation as a folder: index.html and the stylesheet beside it."""
    target = out_dir / "index.html"
    files = {target: render_html(ontology, SiteLinks(names.DEFAULT_BASE, names.MINTED_ROOT)).encode("utf-8")}
    files |= {
        out_dir / "assets" / name: content for name, content in static_files(("style.css", "favicon.svg")).items()
    }
    write_atomically(files)
    return target


if __name__ == "__main__":
    from plan_graph.checks.validation import ontology_graph

    print(render_markdown(ontology_graph()), end="")
