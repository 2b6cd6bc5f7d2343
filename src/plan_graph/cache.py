"""A cache of built plan graphs, so that asking a question does not rebuild the graph each time.

The key is a hash of everything the graph is made from: the source text, the curated tables, the
ontology files and this package's code. Any change gives a new key; a stale graph is never served.
The cached graph is N-Triples, which Oxigraph loads without rdflib (querying needs no rdflib at all).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from .resources import project_dir
from .source import read_plan_text
from .store import EmbeddedStore

_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    if folder := os.environ.get("PLAN_GRAPH_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plan-graph"


def cache_key(source: Path, base: str | None) -> str:
    digest = hashlib.sha256()
    digest.update((base or "").encode())
    inputs = [source, *sorted(project_dir("data").glob("*.csv")), *sorted(project_dir("ontology").glob("*.ttl"))]
    inputs += sorted(_PACKAGE.glob("*.py"))
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cached_ntriples(source: Path, base: str | None) -> Path:
    return cache_dir() / f"{cache_key(source, base)}.nt"


def cached_store(source: Path, base: str | None) -> EmbeddedStore | None:
    """The plan graph from the cache, or None when it is not there or damaged (then it is built).

    The source is read first, for the same clear errors as a build. Nothing here imports rdflib, so a
    question asked of a cached graph starts without it."""
    read_plan_text(source)
    cached = cached_ntriples(source, base)
    if not cached.is_file():
        return None
    store = EmbeddedStore()
    try:
        store.load_ntriples(cached.read_bytes())
    except (OSError, SyntaxError):
        return None
    return store


def store_in_cache(path: Path, ntriples: bytes) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    from .outputs import write_atomically  # its module needs rdflib, which a cache hit does not

    with contextlib.suppress(OSError):
        write_atomically({path: ntriples})
