"""Writing the graph to files: Turtle, N-Triples, JSON-LD and RDF/XML, all or nothing.

Every file is first written to a temporary file beside its target and moved into place only when
all of them were written, so a failed build leaves no half-written file and keeps the old ones.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .namespaces import PREFIXES


@dataclass(frozen=True)
class GraphFormat:
    name: str  # rdflib's serializer name
    suffix: str
    media_type: str


FORMATS = (
    GraphFormat("turtle", "ttl", "text/turtle"),
    GraphFormat("nt", "nt", "application/n-triples"),
    GraphFormat("json-ld", "jsonld", "application/ld+json"),
    GraphFormat("xml", "rdf", "application/rdf+xml"),
)


class OutputError(OSError):
    pass


def serialize(graph: Graph, graph_format: GraphFormat) -> bytes:
    if graph_format.name == "json-ld":
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
    return graph.serialize(format=graph_format.name, encoding="utf-8")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file, or none: temporary files first, then one rename each."""
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
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        where = error.filename or (staged[-1][1] if staged else next(iter(files), ""))
        raise OutputError(f"cannot write {where}: {error.strerror or error}") from error


def write_graph(graph: Graph, out_dir: Path, stem: str = "plan-graph") -> list[Path]:
    files = {out_dir / f"{stem}.{graph_format.suffix}": serialize(graph, graph_format) for graph_format in FORMATS}
    write_atomically(files)
    return list(files)
