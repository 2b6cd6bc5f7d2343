"""`plan-graph export`: everything an open-data portal harvests and a data user downloads, in one folder.

dumps (Turtle, N-Triples, JSON-LD, RDF/XML), the ontology, CSV tables with CSVW metadata and a Data
Package, VoID, the DCAT-AP record of all of it, and a static website. Written all or nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from rdflib import URIRef

from plan_graph.checks.validation import ontology_graph
from plan_graph.errors import ValidationError
from plan_graph.files import write_atomically
from plan_graph.graph.iris import Iris
from plan_graph.graph.names import MINTED_ROOT
from plan_graph.pipeline.build import BuildResult
from plan_graph.pipeline.outputs import dump_files
from plan_graph.release.dcat import LICENCE, DistributionFile, Publication, dcat_record
from plan_graph.release.site import site_files
from plan_graph.release.tables import csvw_metadata, data_package, plan_tables
from plan_graph.stores.factory import built_plan_store
from plan_graph.stores.void import linksets, void_graph
from plan_graph.text.links import load_links
from plan_graph.text.registry import load_registry

DEFAULT_PUBLIC_BASE = MINTED_ROOT
FILE_TYPES = {"turtle": "RDF_TURTLE", "nt": "RDF_N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}  # EU file types
FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "rdfxml": "RDF/XML"}
CONTENTS = {"graph": "the graph", "inferred": "the entailments of the graph (rules/: subclasses, superproperties, "
            "inverses, the transitive hierarchy, domains and ranges)"}  # fmt: skip


@dataclass(frozen=True)
class ExportResult:
    files: dict[str, bytes]  # relative path -> content, as written
    distributions: list[DistributionFile]


def release_date() -> date:
    """Today, or SOURCE_DATE_EPOCH's date for reproducible exports."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def export_files(result: BuildResult, public_base: str = DEFAULT_PUBLIC_BASE) -> ExportResult:
    if not public_base.endswith("/"):
        public_base += "/"
    iris = Iris()
    registry = load_registry()
    files: dict[str, bytes] = {}
    distributions: list[DistributionFile] = []
    for path, (what, graph_format, content) in dump_files(result.stored, result.entailments.inferred).items():
        files[path] = content
        title = f"{CONTENTS[what]} in {FORMAT_NAMES[graph_format.name]}"
        distributions.append(DistributionFile(path, content, graph_format.media_type, FILE_TYPES[graph_format.name],
                                              title))  # fmt: skip
    files["ontology.ttl"] = ontology_graph().serialize(format="turtle", encoding="utf-8")  # for people: prefixes

    tables = plan_tables(result.plan, registry, iris, load_links())
    for table in tables:
        path = f"tables/{table.path}"
        files[path] = table.csv_bytes()
        distributions.append(DistributionFile(path, files[path], "text/csv", "CSV", f"{table.title} (CSV)"))
    files["tables/csv-metadata.json"] = csvw_metadata(tables)
    files["tables/datapackage.json"] = data_package(
        tables, {t.path: files[f"tables/{t.path}"] for t in tables}, "hg-861-2018-plan",
        "Romania's national action plan 2018-2020 against trafficking in persons (HG 861/2018)", str(LICENCE),
    )  # fmt: skip

    store = built_plan_store(result)  # the dataset the endpoint serves: the site shows what the endpoint shows
    for path, content in site_files(store, iris.base, public_base).items():
        files[f"site/{path}"] = content

    endpoint = public_base + "sparql"
    dataset = URIRef(str(iris.plan_ns) + "dataset")
    dumps = tuple(public_base + d.path for d in distributions if not d.path.startswith("tables/"))
    void = void_graph(store.statistics(), dataset, iris.base, endpoint, dumps, tuple(linksets(store)))
    files["void.ttl"] = void.serialize(format="turtle", encoding="utf-8")

    day = release_date()
    publication = Publication(
        download_base=public_base, endpoint=endpoint, catalog=URIRef(iris.base + "catalog"), dataset=dataset,
        service=URIRef(iris.base + "sparql-service"), act=iris.act, issued=day, modified=day,
    )  # fmt: skip
    files["dcat.ttl"] = dcat_record(publication, distributions).serialize(format="turtle", encoding="utf-8")
    return ExportResult(files, distributions)


def write_export(export: ExportResult, out_dir: Path) -> list[Path]:
    targets = {out_dir / path: content for path, content in export.files.items()}
    write_atomically(targets)
    return list(targets)


def export(out_dir: Path, public_base: str = DEFAULT_PUBLIC_BASE) -> ExportResult:
    """The plan built, checked, and its release written to `out_dir`, all or nothing."""
    from plan_graph.pipeline.build import build

    result = build()
    if result.report is None or not result.report.conforms:
        raise ValidationError("the graph does not conform to the shapes; nothing was exported")
    release = export_files(result, public_base)
    write_export(release, out_dir)
    return release
