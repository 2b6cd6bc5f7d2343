"""`plan-graph export`: everything an open-data portal harvests and a data user downloads, in one folder.

dumps (Turtle, N-Triples, JSON-LD, RDF/XML), the ontology, CSV tables with CSVW metadata and a Data
Package, VoID, the DCAT-AP record of all of it, and a static website. Written all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyoxigraph as ox

from plan_graph.datasets import ROUNDS, declared, releases
from plan_graph.errors import ValidationError
from plan_graph.files import write_atomically
from plan_graph.graph.datasets import PLAN_DATASET, STATISTICS_DATASET
from plan_graph.graph.iris import Iris
from plan_graph.graph.names import MINTED_ROOT
from plan_graph.graph.ontology import ontology_triples
from plan_graph.graph.stored import StoredGraph
from plan_graph.graph.terms import turtle
from plan_graph.graph.vocab import DCTERMS
from plan_graph.pipeline.build import BuildResult
from plan_graph.pipeline.outputs import WHOLE, WHOLE_HOLDS, dump_files
from plan_graph.pipeline.plan_store import built_plan_store, load_rounds
from plan_graph.pipeline.rounds import RoundsFolder
from plan_graph.release.dcat import (
    LICENCE_TEXT,
    RECORD_PREFIXES,
    DatasetRecord,
    DistributionFile,
    Publication,
    dcat_record,
)
from plan_graph.release.round_report import round_csv_files
from plan_graph.release.site import site_files
from plan_graph.release.tables import csvw_metadata, data_package, plan_tables
from plan_graph.settings import checked_base, environment
from plan_graph.stores.counts import dataset_statistics, linksets
from plan_graph.stores.embedded import EmbeddedStore
from plan_graph.stores.void import VOID_PREFIXES, void_graph
from plan_graph.text.links import load_links
from plan_graph.text.registry import load_registry

FILE_TYPES = {"turtle": "RDF_TURTLE", "nt": "RDF_N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}  # EU file types
FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "rdfxml": "RDF/XML"}


@dataclass(frozen=True)
class ExportResult:
    files: dict[str, bytes]  # relative path -> content, as written
    distributions: list[DistributionFile]


def release_date() -> date:
    """Today, or SOURCE_DATE_EPOCH's date for reproducible exports."""
    if (epoch := environment().source_date_epoch) is not None:
        return datetime.fromtimestamp(epoch, tz=UTC).date()
    return date.today()


def export_files(result: BuildResult, download_base: str | None = None, rounds: Path | None = None) -> ExportResult:
    """The release, its files said to be under `download_base` (default: the IRI base, where w3id.org's rules
    send them); with `rounds`, a folder of reporting rounds (`plan-graph monitor import`), those too: each a
    distribution of the monitoring dataset, in its counts and on the site's dashboard."""
    download_base = checked_download_base(download_base or MINTED_ROOT)
    iris = Iris()
    registry = load_registry()
    files: dict[str, bytes] = {}
    # what each dataset of the catalogue offers: its dumps, and for the plan its tables
    offered: dict[str, list[DistributionFile]] = {about.kind: [] for about in releases()}
    by_name = {dataset.name: dataset for dataset in declared()}
    for path, (what, graph_format, content) in dump_files(result.made).items():
        files[path] = content
        # the whole, listed first: in the plan's dataset, with all it is queried with
        holds, about = (WHOLE_HOLDS, PLAN_DATASET) if what == WHOLE else (by_name[what].holds, by_name[what].release)
        title = f"{holds} in {FORMAT_NAMES[graph_format.name]}"
        offered[about.kind].append(
            DistributionFile(path, content, graph_format.media_type, FILE_TYPES[graph_format.name], title)
        )
    round_data: dict[str, bytes] = {}
    held = RoundsFolder(rounds).check_exists().rounds() if rounds is not None else {}
    for period, data in held.items():
        name = f"{ROUNDS.stem(period)}.nt"
        files[name] = round_data[name] = data
        offered[ROUNDS.release.kind].append(
            DistributionFile(
                name, files[name], "application/n-triples", "RDF_N_TRIPLES", f"{ROUNDS.holds(period)} in N-Triples"
            )
        )
    files["ontology.ttl"] = turtle(ontology_triples())  # for people: with prefixes

    tables = plan_tables(result.plan, registry, iris, load_links())
    for table in tables:
        path = f"tables/{table.path}"
        files[path] = table.csv_bytes()
        offered[PLAN_DATASET.kind].append(
            DistributionFile(path, files[path], "text/csv", "CSV", f"{table.title} (CSV)")
        )
    files["tables/csv-metadata.json"] = csvw_metadata(tables)
    files["tables/datapackage.json"] = data_package(
        tables,
        {t.path: files[f"tables/{t.path}"] for t in tables},
        "hg-861-2018-plan",
        "Romania's national action plan 2018-2020 against trafficking in persons (HG 861/2018)",
        LICENCE_TEXT.value,
    )

    store = built_plan_store(result)  # the dataset the endpoint serves: the site shows what the endpoint shows
    if rounds is not None:
        load_rounds(store, rounds)
    for period in held:  # each round as tables too, for spreadsheets (the secretariat's report's tables)
        for path, holds, content in round_csv_files(store, period, ROUNDS.stem(period)):
            files[path] = content
            title = f"{ROUNDS.holds(period)}: {holds} (CSV)"
            offered[ROUNDS.release.kind].append(DistributionFile(path, content, "text/csv", "CSV", title))
    for path, content in site_files(store, iris.base, download_base, release_date().isoformat()).items():
        files[f"site/{path}"] = content

    endpoint = download_base + "sparql"
    records: list[DatasetRecord] = []
    void: list[ox.Triple] = []
    for about in releases():
        dataset = iris.dataset(about.kind)
        part = EmbeddedStore()  # this dataset alone, for its counts and links
        for declaration in declared():
            if declaration.release is about and declaration.make is not None:
                part.load_ntriples(result.made[declaration.name].stored.ntriples)
        if about is ROUNDS.release:
            for data in round_data.values():
                part.load_ntriples(data)
        downloads = tuple(download_base + d.path for d in offered[about.kind] if d.media_type != "text/csv")  # RDF
        void += void_graph(
            dataset_statistics(part),
            dataset,
            about.title,
            about.vocabularies,
            iris.base,
            endpoint,
            downloads,
            tuple(linksets(part)),
        )
        related = _statistical_tables(result.made["statistics"].stored) if about is STATISTICS_DATASET else ()
        records.append(DatasetRecord(dataset, about, offered[about.kind], related))
    files["void.ttl"] = turtle(void, VOID_PREFIXES)

    day = release_date()
    publication = Publication(
        download_base=download_base,
        endpoint=endpoint,
        catalog=ox.NamedNode(iris.base + "catalog"),
        service=ox.NamedNode(iris.base + "sparql-service"),
        act=iris.act,
        issued=day,
        modified=day,
    )
    files["dcat.ttl"] = turtle(dcat_record(publication, records), RECORD_PREFIXES)
    return ExportResult(files, [file for record in records for file in record.files])


def _statistical_tables(statistics: StoredGraph) -> tuple[ox.NamedNode, ...]:
    """The statistical tables the statistics cite (Eurostat's crim_thb tables): related datasets in DCAT."""
    found = statistics.store.quads_for_pattern(None, DCTERMS.type, ox.Literal("statistical-table"), statistics.graph)
    tables = (quad.subject for quad in found if isinstance(quad.subject, ox.NamedNode))
    return tuple(sorted(tables, key=lambda table: table.value))


def write_export(export: ExportResult, out_dir: Path) -> list[Path]:
    targets = {out_dir / path: content for path, content in export.files.items()}
    write_atomically(targets)
    return list(targets)


def checked_download_base(url: str) -> str:
    """The download base, ending in '/'; an error naming it when it is not an absolute http(s) URL."""
    return checked_base(url, "--download-base must be an absolute http(s) URL without a query or fragment")


def export(out_dir: Path, download_base: str | None = None, rounds: Path | None = None) -> ExportResult:
    """The plan built, checked, and its release written to `out_dir`, all or nothing."""
    from plan_graph.pipeline.build import build

    checked_download_base(download_base or MINTED_ROOT)  # before the build: a wrong URL costs nothing
    result = build()
    if result.report is None or not result.report.conforms:
        raise ValidationError("the graph does not conform to the shapes; nothing was exported")
    release = export_files(result, download_base, rounds)
    write_export(release, out_dir)
    return release
