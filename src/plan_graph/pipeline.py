"""The build pipeline in one place: text → records → graph → validation. The CLI and server call this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from .cache import cached_ntriples, cached_store, store_in_cache
from .links import load_links
from .mapping import to_graph
from .namespaces import Iris
from .reader import parse_plan
from .records import ParseIssue, PlanRecords, PlanTextError
from .registry import load_corrections, load_registry
from .resources import bundled_plan
from .source import PlanText, read_plan_text
from .store import EmbeddedStore, StoredGraph, stored_graph

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .workers import StoreSource
from .validation import ValidationReport, actor_kinds, validate


@dataclass
class BuildResult:
    source: Path
    text: PlanText  # how the source was read: its encoding and what was normalised
    plan: PlanRecords
    graph: Graph
    stored: StoredGraph  # the same triples in Oxigraph: validated there and written from there
    report: ValidationReport | None
    skipped: list[ParseIssue]


def read_plan(
    source: Path | None = None, keep_going: bool = False, encoding: str | None = None
) -> tuple[Path, PlanText, PlanRecords]:
    source = source or bundled_plan()
    text = read_plan_text(source, encoding)
    plan = parse_plan(text, load_registry(), load_corrections())
    if plan.errors and not keep_going:
        raise PlanTextError(source, plan.errors)
    return source, text, plan


def plan_store(source: Path | None = None, base: str | None = None) -> EmbeddedStore:
    """An embedded store with the plan graph, from the cache when nothing it is made from changed."""
    source = source or bundled_plan()
    if (store := cached_store(source, base)) is not None:
        return store
    stored = build(source, base, check=False).stored
    store_in_cache(cached_ntriples(source, base), stored.ntriples)
    return EmbeddedStore.wrapping(stored.store)


def serving_data(store_dir: Path | None = None) -> tuple[StoreSource, ox.Store]:
    """The plan graph (default graph) and the ontology (a named graph) for the server and its workers:
    in an Oxigraph folder (made on first use, then opened read-only), or as cached N-Triples files."""
    import pyoxigraph as ox

    from .validation import ontology_graph
    from .workers import StoreSource, open_store  # the server's: not imported by a build

    ontology_iri = "https://w3id.org/plan-graph/ontology"
    if store_dir is not None:
        if not store_dir.exists() or not any(store_dir.iterdir()):
            store = ox.Store(str(store_dir))
            store.bulk_load(build(check=False).stored.ntriples, format=ox.RdfFormat.N_TRIPLES)
            store.bulk_load(ontology_graph().serialize(format="nt", encoding="utf-8"),
                            format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ontology_iri))  # fmt: skip
            store.flush()
            del store
        return StoreSource(folder=store_dir), ox.Store.read_only(str(store_dir))
    plan_file = cached_ntriples(bundled_plan(), None)
    ontology_file = plan_file.with_name(plan_file.stem + "-ontology.nt")
    made = {
        path: make()
        for path, make in ((plan_file, lambda: build(check=False).stored.ntriples),
                           (ontology_file, lambda: ontology_graph().serialize(format="nt", encoding="utf-8")))
        if not path.is_file()
    }  # fmt: skip
    for path, ntriples in made.items():
        store_in_cache(path, ntriples)
    if any(not path.is_file() for path in made):  # no writable cache: temporary files, made once
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="plan-graph-"))
        for path, ntriples in made.items():
            (folder / path.name).write_bytes(ntriples)
        plan_file, ontology_file = (folder / p.name if p in made else p for p in (plan_file, ontology_file))
    source = StoreSource(default_graph=(plan_file,), named_graphs=((ontology_iri, ontology_file),))
    return source, open_store(source)


def build(
    source: Path | None = None,
    base: str | None = None,
    keep_going: bool = False,
    check: bool = True,
    encoding: str | None = None,
) -> BuildResult:
    source, text, plan = read_plan(source, keep_going, encoding)
    iris = Iris(base) if base else Iris()
    graph = to_graph(plan, load_registry(), iris, load_links())
    graph += actor_kinds()  # the published graph carries the concepts its actors' pg:kind points to
    stored = stored_graph(graph)
    report = validate(graph, stored=stored) if check else None
    return BuildResult(source, text, plan, graph, stored, report, plan.errors)
