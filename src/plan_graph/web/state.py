"""What the server is configured with and what it holds while it serves."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from plan_graph.settings import Settings
from plan_graph.stores.base import Store
from plan_graph.web.linked_data import LinkedData
from plan_graph.web.rendering import ServerLinks


class RenderedResources:
    """The last responses made (a resource's page or RDF by IRI and format; a SPARQL answer by query, dataset and
    format), for data that cannot change.

    A page is rendered from a dozen store lookups (2 ms; the ontology's page 14 ms); asked again, it is
    served from here. Bounded (least recently used go first) by count and by bytes, so that crawling every IRI,
    or asking many large queries, costs no more memory than `size` responses and `max_bytes` in all; a response
    larger than an eighth of `max_bytes` is not kept."""

    def __init__(self, size: int = 2048, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.size, self.max_bytes = size, max_bytes
        self._responses: OrderedDict[tuple[str, ...], tuple[Any, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key: tuple[str, ...]) -> Any:
        found = self._responses.get(key)
        if found is None:
            return None
        self._responses.move_to_end(key)
        return found[0]

    def put(self, key: tuple[str, ...], response: Any, weight: int = 0) -> None:
        """Keep a response that takes `weight` bytes (its body)."""
        if weight > self.max_bytes // 8:
            return
        if key in self._responses:
            self._bytes -= self._responses.pop(key)[1]
        self._responses[key] = (response, weight)
        self._bytes += weight
        while len(self._responses) > self.size or self._bytes > self.max_bytes:
            self._bytes -= self._responses.popitem(last=False)[1][1]

    def __len__(self) -> int:
        return len(self._responses)

    @property
    def bytes(self) -> int:
        return self._bytes


@dataclass
class ServerState:
    config: Settings
    links: ServerLinks  # where pages link, on this server
    store: Store
    data: LinkedData
    service: dict[str, bytes] = field(default_factory=dict)  # service description, per format name
    void: dict[str, bytes] = field(default_factory=dict)
    examples: list[dict[str, str]] = field(default_factory=list)
    rendered: RenderedResources | None = None  # only over data that cannot change while serving
    answers: RenderedResources | None = None  # SPARQL answers, likewise: repeated queries need no worker
    data_tag: str = ""  # what the data served is (a digest of it), for the answers' ETags; "" when it can change
    # the form (SELECT …) of the last queries that passed the endpoint's checks, which read only the text
    checked: RenderedResources = field(default_factory=lambda: RenderedResources(1024, 16 * 1024 * 1024))
