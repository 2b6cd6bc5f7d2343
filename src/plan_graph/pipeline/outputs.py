"""Writing the built graph to files: Turtle, N-Triples, JSON-LD and RDF/XML, all or nothing (files.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from plan_graph.files import write_atomically
from plan_graph.graph.formats import GRAPH_FORMATS, N_TRIPLES, Format
from plan_graph.graph.names import PREFIXES
from plan_graph.graph.stored import StoredGraph, sorted_ntriples
from plan_graph.graph.terms import Statement


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


# what each dump holds -> file name stem; a companion graph (statistics, monitoring) goes by its own name
DUMP_STEMS = {"all": "plan-graph-all", "graph": "plan-graph", "inferred": "plan-graph-inferred"}
# the whole: the default graph a consumer queries (the plan, the actors, the entailments, the companions) in one
# file per format, for a store (or a reader) that loads one file


Dumps = dict[str, tuple[str, Format, bytes]]  # file name -> (what it holds, format, bytes)


def dump_files(stored: StoredGraph, inferred: StoredGraph, companions: dict[str, StoredGraph]) -> Dumps:
    """The whole (whole_dumps), then the graph and, in files of their own, its entailments and its companions (the
    statistics around it, the external assessments of its activities), in every format: {file name: (what,
    format, bytes)}."""
    graphs = {"graph": stored, "inferred": inferred, **companions}
    return whole_dumps(list(graphs.values())) | named_dumps(
        {what: serialize_all(graph) for what, graph in graphs.items()}
    )


def whole_dumps(parts: list[StoredGraph]) -> Dumps:
    """The parts together, each triple once, in one file per format: plan-graph-all.ttl, .nt, .jsonld, .rdf."""
    lines = sorted_ntriples(line for part in parts for line in part.ntriples.splitlines(keepends=True))
    store = ox.Store()
    store.load(lines, format=ox.RdfFormat.N_TRIPLES)
    whole = StoredGraph(lines, store)
    return named_dumps({"all": serialize_all(whole)})


def named_dumps(serialized: dict[str, dict[Format, bytes]]) -> Dumps:
    """Each graph's serializations under their file names: plan-graph.ttl, plan-graph-inferred.nt, statistics.rdf …"""
    return {
        f"{DUMP_STEMS.get(what, what)}.{graph_format.suffix}": (what, graph_format, content)
        for what, formats in serialized.items()
        for graph_format, content in formats.items()
    }


def write_graph(dumps: Dumps, out_dir: Path) -> list[Path]:
    files = {out_dir / name: content for name, (_, _, content) in dumps.items()}
    write_atomically(files)
    return list(files)


class NTriplesWriter:
    """A triple sink for the mapping that writes N-Triples to a binary stream: the build's (in memory), or a file,
    keeping nothing in memory, for plans too large to hold (bench/ measures where that starts). Oxigraph, or
    stored_lines, drops the duplicate triples the mapping states more than once.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0

    def add(self, triple: Statement) -> None:
        subject, predicate, value = triple
        self.stream.write(f"{subject} {predicate} {value} .\n".encode())  # Oxigraph's terms print as N-Triples
        self.count += 1

    def lines(self) -> list[bytes]:
        """What was written, a line a triple (for an in-memory stream)."""
        return cast(io.BytesIO, self.stream).getvalue().splitlines(keepends=True)
