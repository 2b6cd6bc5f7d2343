"""Where the mappings put their triples: a collection of them, or a writer that streams them as N-Triples.

The build writes the plan's graph and its companions as N-Triples as they are mapped (pipeline/outputs.py); tests
and other callers get the triples themselves from the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

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
