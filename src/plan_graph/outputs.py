"""Writing the graph to files: Turtle, N-Triples, JSON-LD and RDF/XML, all or nothing.

Every file is first written to a temporary file beside its target and moved into place only when
all of them were written, so a failed build leaves no half-written file and keeps the old ones.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .namespaces import PREFIXES, nt_term
from .store import StoredGraph


@dataclass(frozen=True)
class GraphFormat:
    name: str  # rdflib's parser name, for reading the file back
    suffix: str
    media_type: str
    oxigraph: str  # pyoxigraph's RdfFormat member


FORMATS = (
    GraphFormat("turtle", "ttl", "text/turtle", "TURTLE"),
    GraphFormat("nt", "nt", "application/n-triples", "N_TRIPLES"),
    GraphFormat("json-ld", "jsonld", "application/ld+json", "JSON_LD"),
    GraphFormat("xml", "rdf", "application/rdf+xml", "RDF_XML"),
)


class OutputError(OSError):
    pass


def serialize_all(stored: StoredGraph) -> dict[GraphFormat, bytes]:
    """The graph in every format, written by Oxigraph: 20x faster than rdflib's serializers (bench/).

    The same graph gives the same bytes on every run (reproducible builds, meaningful diffs): Oxigraph's
    order follows its input, which StoredGraph sorted.
    """
    import pyoxigraph as ox

    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    return {
        graph_format: stored.store.dump(
            format=getattr(ox.RdfFormat, graph_format.oxigraph),
            from_graph=ox.DefaultGraph(),
            prefixes=prefixes if graph_format.oxigraph in ("TURTLE", "RDF_XML") else None,
        )
        for graph_format in FORMATS
    }


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file, or none: temporary files first, then one rename each.

    Nothing is left behind on any failure, an interruption (Ctrl-C, SIGTERM) included, and the renames run
    with those signals held back, so a folder never holds half old and half new outputs.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(temporary), target))
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600 files; outputs are for sharing
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        with _signals_held():
            for temporary, target in staged:
                os.replace(temporary, target)
    except BaseException as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        where = error.filename or (staged[-1][1] if staged else next(iter(files), ""))
        raise OutputError(f"cannot write {where}: {error.strerror or error}") from error


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they arrive when the block ends); a no-op off the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_graph(stored: StoredGraph, out_dir: Path, stem: str = "plan-graph") -> list[Path]:
    files = {out_dir / f"{stem}.{fmt.suffix}": content for fmt, content in serialize_all(stored).items()}
    write_atomically(files)
    return list(files)


class NTriplesWriter:
    """A triple sink for the mapping that streams N-Triples to a binary file, keeping nothing in memory.

    For plans too large for an rdflib Graph (bench/ measures where that starts): a store such as Oxigraph
    bulk-loads the file and drops the duplicate triples the mapping states more than once.
    """

    def __init__(self, stream) -> None:
        self.stream = stream
        self.count = 0

    def add(self, triple: tuple) -> None:
        subject, predicate, value = triple
        self.stream.write(f"{nt_term(subject)} {nt_term(predicate)} {nt_term(value)} .\n".encode())
        self.count += 1

    def bind(self, prefix: str, namespace: object) -> None:
        pass
