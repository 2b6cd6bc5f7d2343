"""HTML documentation of the ontology: every class, property and concept, in English and Romanian.

One page (no scripts), generated from `ontology/*.ttl` with the site's layout (templates/ontology.html): served at
/ontology, written by `plan-graph docs` with its stylesheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from plan_graph.files import write_atomically
from plan_graph.graph import names
from plan_graph.graph.names import curie
from plan_graph.graph.vocab import DCTERMS, OWL, RDF, RDFS, SKOS
from plan_graph.web.rendering import Links, SiteLinks, render, static_files

ONTOLOGY = ox.NamedNode(names.ONTOLOGY)
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


Node = ox.NamedNode | ox.BlankNode | ox.Literal


class Ontology:
    """The ontology's triples looked up by pattern, each lookup in the order the files state them (the order of
    the documentation's lists)."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self._objects: dict[tuple[Node, ox.NamedNode], list[Node]] = {}
        self._subjects: dict[tuple[ox.NamedNode, Node], list[Node]] = {}
        for triple in triples:
            subject, predicate, value = cast(Node, triple.subject), triple.predicate, cast(Node, triple.object)
            values = self._objects.setdefault((subject, predicate), [])
            if value not in values:  # a triple stated in two files is one triple
                values.append(value)
                self._subjects.setdefault((predicate, value), []).append(subject)

    def objects(self, subject: Node, predicate: ox.NamedNode) -> list[Node]:
        return self._objects.get((subject, predicate), [])

    def subjects(self, predicate: ox.NamedNode, value: Node) -> list[Node]:
        return self._subjects.get((predicate, value), [])

    def typed(self) -> set[Node]:
        """Every subject with a type."""
        return {subject for (subject, predicate) in self._objects if predicate == RDF.type}

    def value(self, subject: Node, predicate: ox.NamedNode) -> Node | None:
        return next(iter(self.objects(subject, predicate)), None)

    def items(self, head: Node) -> list[Node]:
        """The members of an RDF list, from its head."""
        members: list[Node] = []
        node: Node | None = head
        while node is not None and node != RDF.nil and len(members) < 10_000:  # a cycle ends it
            members += self.objects(node, RDF.first)
            node = self.value(node, RDF.rest)
        return members


def _value(term: object) -> str:
    """A term's IRI, label or text."""
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal) else str(term)


def _local(iri: object) -> str:
    text = _value(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def _link(graph: Ontology, term: Node) -> TermLink:
    if isinstance(term, ox.BlankNode):
        return TermLink(_expression(graph, term), None)
    text = term.value
    if text.startswith(OWN_NAMESPACES):
        return TermLink(curie(text), "#" + _local(term))
    return TermLink(curie(text), text if text.startswith(("http://", "https://")) else None)


def _expression(graph: Ontology, node: ox.BlankNode) -> str:
    """A class expression in words: unions, intersections and lists of classes."""
    for keyword, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        members = graph.value(node, keyword)
        if members is not None:
            return "(" + word.join(_link(graph, m).text for m in graph.items(members)) + ")"
    return "(anonymous class)"


def _texts(graph: Ontology, subject: Node, predicate: ox.NamedNode) -> list[Text]:
    values = [cast(ox.Literal, value) for value in graph.objects(subject, predicate)]  # labels are literals
    return [Text(value.language or "", value.value) for value in sorted(values, key=lambda v: v.language != "en")]


_CHARACTERISTICS = {
    OWL.FunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.InverseFunctionalProperty,
}


def _term(graph: Ontology, term: ox.NamedNode, kind: str) -> Term:
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
        ("notation", [TermLink(_value(o), None) for o in graph.objects(term, SKOS.notation)]),
    ]
    return Term(
        _local(term),
        curie(term.value),
        term.value,
        kind,
        _texts(graph, term, RDFS.label) or _texts(graph, term, SKOS.prefLabel),
        _texts(graph, term, RDFS.comment) or _texts(graph, term, SKOS.definition),
        [(name, values) for name, values in facts if values],
    )


def _own(graph: Ontology, cls: ox.NamedNode) -> list[ox.NamedNode]:
    own = {
        s for s in graph.subjects(RDF.type, cls) if isinstance(s, ox.NamedNode) and s.value.startswith(OWN_NAMESPACES)
    }
    return sorted(own, key=lambda term: term.value)


KINDS = [
    ("classes", "Classes", "Clase", OWL.Class),
    ("object-properties", "Object properties", "Proprietăți-obiect", OWL.ObjectProperty),
    ("datatype-properties", "Datatype properties", "Proprietăți de date", OWL.DatatypeProperty),
    ("individuals", "Named individuals", "Indivizi", OWL.NamedIndividual),
    ("actor-kinds", "Kinds of actor (SKOS)", "Tipuri de actori", SKOS.Concept),
]


def _sections(graph: Ontology) -> list[Section]:
    return [
        Section(key, en, ro, [_term(graph, t, key.rstrip("s")) for t in _own(graph, cls)]) for key, en, ro, cls in KINDS
    ]


def render_markdown(ontology: Iterable[ox.Triple]) -> str:
    """Every term of the ontology in Markdown (docs/terms.md), each with its label and comment in English: the
    model's reference, made from the ontology so that it cannot leave a term out or say something else."""
    lines = [
        "# Every term of the ontology",
        "",
        "<!-- made by `python -m plan_graph.web.docs > docs/terms.md`; a test checks it -->",
        "",
        f"The ontology `{ONTOLOGY.value}` (prefix `pg:`), term by term, as `ontology/*.ttl` states it in English (the "
        "Romanian labels and comments are on the server's `/ontology` page and in `plan-graph docs`). "
        "[The data model](model.md) explains how the terms fit together.",
        "",
    ]
    for section in _sections(Ontology(ontology)):
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


def render_html(ontology: Iterable[ox.Triple], links: Links) -> str:
    """The ontology's documentation: one page, rendered with the site's layout."""
    graph = Ontology(ontology)
    sections = _sections(graph)
    external = sorted(
        {s for s in graph.typed() if isinstance(s, ox.NamedNode) and not s.value.startswith(OWN_NAMESPACES)}
        - {ONTOLOGY},
        key=lambda term: term.value,
    )
    header = [
        ("IRI", [TermLink(ONTOLOGY.value, None)]),
        ("version", [TermLink(_value(v), None) for v in graph.objects(ONTOLOGY, OWL.versionInfo)]),
        ("version IRI", [_link(graph, o) for o in graph.objects(ONTOLOGY, OWL.versionIRI)]),
        ("licence", [_link(graph, o) for o in graph.objects(ONTOLOGY, DCTERMS.license)]),
        ("prefix", [TermLink(f"pg: {names.PREFIXES['pg']}", None)]),
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


def write_docs(ontology: Iterable[ox.Triple], out_dir: Path) -> Path:
    """The documentation as a folder: index.html and the stylesheet beside it."""
    target = out_dir / "index.html"
    files = {target: render_html(ontology, SiteLinks(names.DEFAULT_BASE, names.MINTED_ROOT)).encode("utf-8")}
    files |= {
        out_dir / "assets" / name: content for name, content in static_files(("style.css", "favicon.svg")).items()
    }
    write_atomically(files)
    return target


if __name__ == "__main__":
    from plan_graph.graph.ontology import ontology_triples

    print(render_markdown(ontology_triples()), end="")
