"""Where the mappings put their triples: an rdflib Graph, or a writer that streams them as N-Triples.

The build writes the plan's graph and its companions as N-Triples as they are mapped (pipeline/outputs.py); tests
and other callers get rdflib graphs from the same code.
"""

from __future__ import annotations

from typing import Protocol

from rdflib.term import Node


class TripleSink(Protocol):
    """Anything with rdflib's Graph.add and Graph.bind."""

    def add(self, triple: tuple[Node, Node, Node]) -> object: ...
    def bind(self, prefix: str, namespace: object) -> None: ...
