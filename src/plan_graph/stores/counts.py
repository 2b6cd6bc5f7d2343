"""What a store holds, counted: the figures of VoID and of the service description (queries/dataset/)."""

from __future__ import annotations

from dataclasses import dataclass

from plan_graph.stores.base import Store
from plan_graph.stores.queries import bundled_rows
from plan_graph.stores.results import lexical

# datasets we link to, by the start of their IRIs
TARGETS = {
    "http://publications.europa.eu/resource/authority/frequency/": "http://publications.europa.eu/resource/authority/frequency",
    "http://publications.europa.eu/resource/authority/language/": "http://publications.europa.eu/resource/authority/language",
    "http://publications.europa.eu/resource/authority/country/": "http://publications.europa.eu/resource/authority/country",
    "http://publications.europa.eu/resource/authority/corporate-body/": "http://publications.europa.eu/resource/authority/corporate-body",
    "http://data.europa.eu/eli/": "http://data.europa.eu/eli",
    "http://metadata.un.org/sdg/": "http://metadata.un.org/sdg",
    "http://publications.europa.eu/resource/celex/": "http://publications.europa.eu/resource/celex",
}


@dataclass(frozen=True)
class DatasetStatistics:
    """Counts over a store's default graph, for VoID and the service description."""

    triples: int
    subjects: int
    objects: int
    entities: int
    classes: dict[str, int]  # class IRI -> number of instances
    properties: dict[str, int]  # property IRI -> number of triples
    examples: tuple[str, ...]
    named_graphs: dict[str, int]  # named graph IRI -> number of triples (the default graph's are the counts above)


def dataset_statistics(store: Store) -> DatasetStatistics:
    """Counts over the store's default graph (the plan), and the size of each of its named graphs."""

    def counted(name: str, key: str, value: str) -> dict[str, int]:
        return {lexical(row[key]): int(lexical(row[value])) for row in bundled_rows(store, f"dataset/{name}")}

    totals = {name: int(lexical(value)) for name, value in bundled_rows(store, "dataset/totals")[0].items()}
    return DatasetStatistics(
        triples=totals["triples"],
        subjects=totals["subjects"],
        objects=totals["objects"],
        entities=totals["entities"],
        classes=counted("classes", "class", "instances"),
        properties=counted("properties", "property", "triples"),
        examples=tuple(lexical(row["example"]) for row in bundled_rows(store, "dataset/examples")),
        named_graphs=counted("named-graphs", "graph", "triples"),
    )


@dataclass(frozen=True)
class Linkset:
    target: str  # the other dataset
    predicate: str
    triples: int


def linksets(store: Store) -> list[Linkset]:
    """Links from our resources to resources of the external datasets in TARGETS, per predicate."""
    counts: dict[tuple[str, str], int] = {}
    for row in bundled_rows(store, "dataset/links"):
        value = lexical(row["target"])
        for prefix, target in TARGETS.items():
            if value.startswith(prefix):
                key = (target, lexical(row["predicate"]))
                counts[key] = counts.get(key, 0) + int(lexical(row["triples"]))
    return [Linkset(target, predicate, n) for (target, predicate), n in sorted(counts.items())]
