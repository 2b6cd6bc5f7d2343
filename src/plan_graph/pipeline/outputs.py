"""Writing the built graph to files: Turtle, N-Triples, JSON-LD and RDF/XML, all or nothing (files.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from plan_graph.datasets import Made, dumped
from plan_graph.files import write_atomically
from plan_graph.graph.formats import GRAPH_FORMATS, N_TRIPLES, Format
from plan_graph.graph.names import PREFIXES
from plan_graph.graph.stored import StoredGraph, sorted_ntriples


def serialize_all(stored: StoredGraph) -> dict[Format, bytes]:
    """The graph in every format, written by Oxigraph: 20x faster than rdflib's serializers (bench/)."""
    return {graph_format: serialize(stored, graph_format) for graph_format in GRAPH_FORMATS}


def serialize(stored: StoredGraph, graph_format: Format) -> bytes:
    """The graph in one format, written by Oxigraph; in N-Triples, the sorted lines it was stored from (the
    same lines Oxigraph writes, in sorted order: no second serialization).

    The same graph gives the same bytes on every run (reproducible builds, meaningful diffs): Oxigraph's
    order follows its input, which StoredGraph sorted.
    """
    if graph_format is N_TRIPLES:
        return stored.ntriples
    written = stored.store.dump(
        format=graph_format.rdf,
        from_graph=stored.graph,
        prefixes=PREFIXES if graph_format.rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None,
    )
    return cast(bytes, written)  # no output given: pyoxigraph returns the bytes


WHOLE = "all"  # what the whole's files hold: every dataset, each triple once
WHOLE_STEM = "plan-graph-all"
WHOLE_HOLDS = (
    "the whole graph in one file: the plan, the actor registry, their entailments, and the statistics and "
    "assessments around the plan (what the SPARQL endpoint answers from)"
)

Dumps = dict[str, tuple[str, Format, bytes]]  # file name -> (the dataset it holds, or WHOLE; format; bytes)


def dump_files(made: Mapping[str, Made]) -> Dumps:
    """The whole first (the default graph a consumer queries, in one file per format, for a store or a reader that
    loads one file), then each dataset that has dumps of its own (datasets/), in every format."""
    parts = dumped(made)
    lines = sorted_ntriples(line for _, part in parts for line in part.stored.ntriples.splitlines(keepends=True))
    store = ox.Store()
    store.load(lines, format=ox.RdfFormat.N_TRIPLES)
    files = _named(WHOLE, WHOLE_STEM, StoredGraph(lines, store))
    for dataset, part in parts:
        files |= _named(dataset.name, dataset.dumps or dataset.name, part.stored)
    return files


def _named(what: str, stem: str, stored: StoredGraph) -> Dumps:
    """A graph in every format under its file names: plan-graph.ttl, plan-graph-inferred.nt, statistics.rdf …"""
    return {
        f"{stem}.{graph_format.suffix}": (what, graph_format, content)
        for graph_format, content in serialize_all(stored).items()
    }


def write_graph(dumps: Dumps, out_dir: Path) -> list[Path]:
    files = {out_dir / name: content for name, (_, _, content) in dumps.items()}
    write_atomically(files)
    return list(files)
