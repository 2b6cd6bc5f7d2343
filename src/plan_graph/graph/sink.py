"""Where the mappings put their triples: a collection of them, or a writer that streams them as N-Triples.

The build writes the plan's graph and its companions as N-Triples as they are mapped (NTriplesWriter); tests
and other callers get the triples themselves from the same code.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO, Protocol, cast

import pyoxigraph as ox

from plan_graph.graph.terms import Statement


class TripleSink(Protocol):
    """Anything a mapping can state a triple to."""

    def add(self, triple: Statement) -> object: ...


class Triples:
    """The triples stated to it, each once, in the order first stated (so that what is written of them is the same
    on every run)."""

    def __init__(self, triples: Iterable[ox.Triple] = ()) -> None:
        self._triples = dict.fromkeys(triples)

    def add(self, triple: Statement) -> None:
        self._triples[ox.Triple(*triple)] = None

    def update(self, triples: Iterable[ox.Triple]) -> None:
        self._triples.update(dict.fromkeys(triples))

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples


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
