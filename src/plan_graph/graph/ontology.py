"""The ontology's files (ontology/*.ttl) read once per process, by Oxigraph.

A build puts the ontology in three places: the store the entailment rules run in, the store the shapes are
checked in (for the class hierarchy the targets follow), and, for the resources the data points to as values,
the plan's own graph. Parsing the Turtle once and handing out N-Triples spares two of the three parses.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from plan_graph.graph.names import PREFIXES
from plan_graph.graph.terms import bundled_turtle
from plan_graph.resources import project_dir

# the files whose every statement the plan's graph carries: the kinds of actor, and the EU frequencies the
# recurring deadlines use, with their labels
CARRIED_FILES = ("actor-kinds.ttl", "frequencies.ttl")
NAMED_INDIVIDUAL = ox.NamedNode(PREFIXES["owl"] + "NamedIndividual")
TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


@cache
def ontology_files(folder: Path | None = None) -> dict[str, tuple[ox.Triple, ...]]:
    """Each file's triples by its name, each file's blank nodes its own."""
    folder = folder or project_dir("ontology")
    return {path.name: tuple(bundled_turtle(path)) for path in sorted(folder.glob("*.ttl"))}


def ontology_triples(folder: Path | None = None) -> list[ox.Triple]:
    """The whole ontology's triples, file by file (by name), each in the order its file states them."""
    return [triple for triples in ontology_files(folder).values() for triple in triples]


@cache
def ontology_ntriples(folder: Path | None = None) -> bytes:
    """The whole ontology as N-Triples, to load into a store."""
    return _ntriples(triple for triples in ontology_files(folder).values() for triple in triples)


@cache
def values_of_the_ontology(folder: Path | None = None) -> bytes:
    """The resources of the ontology that the data points to as values, with their labels, as N-Triples: the kinds
    of actor (pg:kind, the whole of actor-kinds.ttl), the frequencies of recurring deadlines (frequencies.ttl), the
    roles and constructions of actor items and the sources of a parent link (its named individuals). The published
    graph carries them, so that a consumer without the ontology can still label what a value means."""
    files = ontology_files(folder)
    every = [triple for triples in files.values() for triple in triples]
    individuals = {t.subject for t in every if t.predicate == TYPE and t.object == NAMED_INDIVIDUAL}
    carried = (t for name in CARRIED_FILES for t in files.get(name, ()))
    values = [*carried, *(t for t in every if t.subject in individuals)]
    return _ntriples(dict.fromkeys(values))  # a kind that is also a named individual: its triples once


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))  # no output given: the bytes
