"""Where the mappings put their triples: an rdflib Graph, or a writer that streams them as N-Triples.

The build writes the plan's graph and its companions as N-Triples as they are mapped (NTriplesWriter); tests
and other callers get rdflib graphs from the same code.
"""

from __future__ import annotations

import io
from typing import IO, Protocol, cast

from rdflib.term import Node

from plan_graph.graph.namespaces import nt_term


class TripleSink(Protocol):
    """Anything with rdflib's Graph.add and Graph.bind."""

    def add(self, triple: tuple[Node, Node, Node]) -> object: ...
    def bind(self, prefix: str, namespace: object) -> None: ...


class NTriplesWriter:
    """A triple sink for the mapping that writes N-Triples to a binary stream: the build's (in memory), or a file,
    keeping nothing in memory, for plans too large to hold (bench/ measures where that starts). Oxigraph, or
    stored_lines, drops the duplicate triples the mapping states more than once.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        subject, predicate, value = triple
        self.stream.write(f"{nt_term(subject)} {nt_term(predicate)} {nt_term(value)} .\n".encode())
        self.count += 1

    def bind(self, prefix: str, namespace: object) -> None:
        pass

    def lines(self) -> list[bytes]:
        """What was written, a line a triple (for an in-memory stream)."""
        return cast(io.BytesIO, self.stream).getvalue().splitlines(keepends=True)
