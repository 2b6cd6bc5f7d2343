"""Choosing a store: the one place where settings become the embedded store or a remote one.

The command line, the server and the release all ask here. The embedded store holds the plan, its entailments and
the statistics around it (the default graph, which queries read), the entailments and the statistics once more in
their named graphs (…/hg-861-2018/inferred, …/statistics/graph), and the ontology in its own; from an Oxigraph
folder made on first use or from the graph cache. Building the graph (and importing rdflib) happens only when the
cache does not have it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from plan_graph.datasets import ROUNDS, data_graphs, declared, graph_contents
from plan_graph.errors import UsageError
from plan_graph.graph.names import MINTED_ROOT, ONTOLOGY, PLAN_GRAPH
from plan_graph.graph.ontology import ontology_ntriples
from plan_graph.pipeline.cache import cached_files, cached_ntriples
from plan_graph.pipeline.rounds import RoundsFolder
from plan_graph.resources import bundled_plan
from plan_graph.settings import DEFAULTS, Settings
from plan_graph.stores.base import Store
from plan_graph.stores.embedded import EmbeddedStore
from plan_graph.stores.remote import RemoteStore
from plan_graph.stores.workers import StoreSource, fill_store, open_store
from plan_graph.text.source import read_plan_text

if TYPE_CHECKING:
    from plan_graph.pipeline.build import BuildResult


def open_plan_store(settings: Settings = DEFAULTS) -> Store:
    """The store the settings name, holding the plan."""
    if settings.endpoint:
        if settings.reference:
            raise UsageError(
                "--with-reference loads files into the embedded store; load them into the remote one "
                "instead (plan-graph publish, or the store's own loader)"
            )
        embedded_only = {"--rounds": settings.rounds, "--store": settings.folder}
        if given := [option for option, value in embedded_only.items() if value is not None]:
            verb = "name" if len(given) > 1 else "names"
            raise UsageError(
                f"{' and '.join(given)} {verb} what the embedded store holds; with --endpoint the remote store "
                "answers (publish the rounds to it with plan-graph publish --rounds): leave them out"
            )
        if settings.graphs and settings.plan_graph:
            raise UsageError("--graph names every graph to read, --plan-graph the plan's beside the others: give one")
        graphs = settings.graphs or tuple(settings.plan_graph or g if g == PLAN_GRAPH else g for g in data_graphs())
        return RemoteStore(settings.endpoint, default_graphs=graphs, timeout=settings.timeout)
    if settings.folder is not None and settings.rounds is not None:
        raise UsageError(
            "--rounds loads the rounds beside the plan in memory; it cannot change an Oxigraph folder "
            "opened with --store (leave one of them out)"
        )
    store = embedded_plan_store(settings.folder, workers=settings.workers, timeout=settings.timeout)
    if settings.reference:
        store.load_folder(settings.reference)
    if settings.rounds:
        load_rounds(store, settings.rounds)
    return store


def load_rounds(store: EmbeddedStore, folder: Path) -> list[str]:
    """Each round (its bodies' current submissions: pipeline/rounds.py) into the default graph, which queries read,
    and into its own named graph; the periods."""
    rounds = RoundsFolder(folder).check_exists()
    periods = rounds.periods()
    for period in periods:
        data = rounds.round_ntriples(period)
        store.load_ntriples(data)
        store.load_ntriples(data, ROUNDS.graph(period))
    return periods


def embedded_plan_store(
    folder: Path | None = None, workers: int = DEFAULTS.workers, timeout: float = DEFAULTS.timeout
) -> EmbeddedStore:
    """The plan's dataset (plan_source) in an Oxigraph folder (made on first use, then opened read-only), or in
    memory from the graph cache (a file a dataset); the bundled plan text is read first, for the same clear errors
    as a build."""
    read_plan_text(bundled_plan())
    plan = cached_ntriples(bundled_plan(), MINTED_ROOT)
    parts: dict[Path, Callable[[], bytes]] = {
        plan if dataset is declared()[0] else plan.with_name(f"{plan.stem}-{dataset.name}.nt"): partial(
            _built_part, dataset.name
        )
        for dataset in declared()
    }
    parts[plan.with_name(plan.stem + "-ontology.nt")] = ontology_ntriples
    if folder is not None:
        if not folder.exists() or not any(folder.iterdir()):
            made = fill_store(ox.Store(str(folder)), _source_of([make() for make in parts.values()]))
            made.flush()
            del made
        source = StoreSource(folder=folder)
    else:
        found = cached_files(parts)
        source = _source_of([found[path] for path in parts])
    return EmbeddedStore(open_store(source), source, workers=workers, timeout=timeout)


def plan_source(graphs: Sequence[tuple[str, Path | bytes]], ontology: Path | bytes) -> StoreSource:
    """The dataset a consumer of the plan queries: every dataset (datasets/: (named graph, N-Triples)) in the
    default graph (a store that does no reasoning answers as one that does, the entailments being among them); each
    also in its named graph, as `plan-graph publish` writes them (so that a query naming those graphs,
    `plan-graph query --endpoint`'s default, answers here as on a store publish filled); the ontology in its own.
    N-Triples, files or bytes."""
    return StoreSource(
        default_graph=tuple(data for _, data in graphs),
        named_graphs=(*graphs, (ONTOLOGY, ontology)),
    )


def _source_of(parts: list[Path | bytes]) -> StoreSource:
    """plan_source of the parts in embedded_plan_store's order: the datasets, then the ontology."""
    return plan_source([(d.graph, data) for d, data in zip(declared(), parts[:-1], strict=True)], parts[-1])


def built_plan_store(result: BuildResult, workers: int = DEFAULTS.workers) -> EmbeddedStore:
    """The dataset of a build (plan_source) in an embedded store: the same dataset the endpoint serves."""
    source = plan_source([(d.graph, data) for d, data in graph_contents(result.made)], ontology_ntriples())
    return EmbeddedStore(open_store(source), source, workers=workers)


@cache
def _built() -> dict[str, bytes]:
    from plan_graph.pipeline.build import build  # only when the cache does not have it: rdflib is slow to import

    return {dataset.name: data for dataset, data in graph_contents(build(check=False).made)}


def _built_part(name: str) -> bytes:
    return _built()[name]
