"""A cache of built plan graphs, so that asking a question does not rebuild the graph each time.

The key is a hash of everything the graph is made from: the source text, the curated tables, the
ontology files, the entailment rules and this package's code. Any change gives a new key; a stale graph is never served.
The cached graph is N-Triples, which Oxigraph loads without rdflib (querying needs no rdflib at all).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from plan_graph.files import write_atomically
from plan_graph.resources import project_dir
from plan_graph.settings import environment

_PACKAGE = Path(__file__).resolve().parents[1]  # plan_graph/: its code is part of the key


def cache_dir() -> Path:
    return environment().cache_dir


def cache_key(source: Path, base: str | None) -> str:
    digest = hashlib.sha256()
    digest.update((base or "").encode())
    inputs = [
        source,
        *sorted(project_dir("data").glob("*.csv")),
        *sorted(project_dir("data").glob("*.ttl")),
        *sorted(project_dir("ontology").glob("*.ttl")),
        *sorted(project_dir("rules").glob("*.rq")),
    ]
    inputs += sorted(_PACKAGE.rglob("*.py"))
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cached_ntriples(source: Path, base: str | None) -> Path:
    return cache_dir() / f"{cache_key(source, base)}.nt"


def cached_files(files: dict[Path, Callable[[], bytes]]) -> dict[Path, Path]:
    """Each file from the cache, made (and kept) when it is not there: {cache path: where it can be read}.

    A cache that cannot be written only costs time: what was made then goes to a temporary folder."""
    made = {path: make() for path, make in files.items() if not path.is_file()}
    for path, content in made.items():
        with contextlib.suppress(OSError):
            write_atomically({path: content})
    unwritten = {path: content for path, content in made.items() if not path.is_file()}
    if not unwritten:
        return {path: path for path in files}
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="plan-graph-"))
    for path, content in unwritten.items():
        (folder / path.name).write_bytes(content)
    return {path: folder / path.name if path in unwritten else path for path in files}
