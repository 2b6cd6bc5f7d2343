"""The plan as CSV tables, with W3C CSVW metadata (so a CSVW processor gives back the triples they came
from) and a Frictionless Data Package descriptor.

UTF-8 without a byte order mark (CSVW processors take a BOM as part of the first header), a header row,
CRLF line ends (RFC 4180). Multi-valued cells are separated by a space (they hold identifiers only).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from plan_graph.files import spreadsheet_safe
from plan_graph.graph.iris import Iris
from plan_graph.graph.names import PREFIXES
from plan_graph.graph.vocab import DCTERMS, FREQ, KIND, ORG, PG, PROV, SKOS
from plan_graph.text.links import Links, english_resource
from plan_graph.text.records import DeadlineKind, PlanRecords
from plan_graph.text.registry import Actor

INDICATOR_CLASSES = {"count": "CountIndicator", "deliverable": "DeliverableIndicator"}
FUNDING_CLASSES = {
    "budget": "BodyBudget",
    "responsible-budgets": "ResponsibleBodiesBudget",
    "external-grant": "ExternalGrant",
    "project-grant": "ProjectGrant",
    "not-applicable": "NoResourcesNeeded",
}
RDF_TYPE = "rdf:type"


@dataclass(frozen=True)
class Column:
    name: str
    title: str  # the header, and the column's description in datapackage.json
    property_url: str | None = None
    value_url: str | None = None
    datatype: str = "string"
    lang: str | None = None
    separator: str | None = None
    about_url: str | None = None
    suppress: bool = False
    virtual: bool = False

    def csvw(self) -> dict[str, str | bool]:
        column: dict[str, str | bool] = {"name": self.name}
        if self.virtual:
            column["virtual"] = True
        else:
            column["titles"] = self.name
            column["dc:description"] = self.title
            column["datatype"] = self.datatype
        for key, value in (
            ("propertyUrl", self.property_url),
            ("valueUrl", self.value_url),
            ("lang", self.lang),
            ("separator", self.separator),
            ("aboutUrl", self.about_url),
        ):
            if value is not None:
                column[key] = value
        if self.suppress:
            column["suppressOutput"] = True
        return column


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    about_url: str
    columns: tuple[Column, ...]
    rows: list[dict[str, str]]
    primary_key: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO()
        real = [c.name for c in self.columns if not c.virtual]
        writer = csv.DictWriter(buffer, fieldnames=real, lineterminator="\r\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({name: spreadsheet_safe(row.get(name, "")) for name in real})
        return buffer.getvalue().encode("utf-8")


def plan_tables(plan: PlanRecords, registry: dict[str, Actor], iris: Iris, links: Links) -> list[Table]:
    activity = iris.template("activity", notation="{activity}")  # CSVW URI templates, from the IRIs' own

    def actor_id(code: str) -> str:
        return registry[code].id

    def english(kind: str, key: str) -> str:
        return links.translations[(kind, key)].en

    activities = Table(
        "activities",
        "Activities of the plan",
        iris.template("activity", notation="{notation}"),
        (
            Column("notation", "notation of the activity, e.g. 1.1.3", SKOS.notation.value),
            Column(
                "objective",
                "notation of its specific objective",
                PG.forObjective.value,
                iris.template("objective", notation="{objective}"),
            ),
            Column("title", "title, as printed", DCTERMS.title.value, lang="ro"),
            Column("title_en", "title in English (unofficial translation)", DCTERMS.title.value, lang="en"),
            Column(
                "line",
                "line of the published text",
                PROV.wasDerivedFrom.value,
                iris.template("line", number="{line}"),
                "integer",
            ),
            Column("type", "", RDF_TYPE, PG.Activity.value, virtual=True),
        ),
        [
            {
                "notation": a.notation,
                "objective": a.objective,
                "title": a.title,
                "title_en": english("activity", a.notation),
                "line": str(a.line),
            }
            for a in plan.activities
        ],
        ("notation",),
    )
    involvements = Table(
        "involvements",
        "Actors involved in each activity, by role",
        activity,
        (
            Column("activity", "notation of the activity", suppress=True),
            Column("actor", "the actor's code as the plan writes it", suppress=True),
            Column(
                "actor_id",
                "the actor's identifier (last part of its IRI)",
                PREFIXES["pg"] + "{role}",
                iris.template("actor", id="{actor_id}"),
            ),
            Column("role", "responsible or partner", suppress=True),
        ),
        [
            {"activity": a.notation, "actor": code, "actor_id": actor_id(code), "role": role}
            for a in plan.activities
            for role, cell in (("responsible", a.responsible), ("partner", a.partners))
            for code in cell.codes
        ],
        ("activity", "actor_id", "role"),
    )
    indicator = iris.template("indicator", notation="{activity}", position="{position}")
    indicators = Table(
        "indicators",
        "Indicators of each activity",
        indicator,
        (
            Column("activity", "notation of the activity", PG.hasIndicator.value, indicator, about_url=activity),
            Column("position", "position in the activity, from 1", PG.position.value, datatype="integer"),
            Column("type", "count or deliverable", suppress=True),
            Column("class", "the indicator's class", RDF_TYPE, str(PG) + "{class}"),
            Column("text", "the indicator, as printed", SKOS.prefLabel.value, lang="ro"),
            Column("text_en", "the indicator in English (unofficial translation)", SKOS.prefLabel.value, lang="en"),
        ),
        [
            {
                "activity": a.notation,
                "position": str(p),
                "type": i.kind.value,
                "class": INDICATOR_CLASSES[i.kind.value],
                "text": i.text,
                "text_en": english("indicator", f"{a.notation}/{p}"),
            }
            for a in plan.activities
            for p, i in enumerate(a.indicators, start=1)
        ],
        ("activity", "position"),
    )
    deadline = iris.template("deadline", notation="{activity}", position="{position}")
    deadlines = Table(
        "deadlines",
        "Deadlines of each activity",
        deadline,
        (
            Column("activity", "notation of the activity", PG.hasDeadline.value, deadline, about_url=activity),
            Column("position", "position in the activity, from 1", PG.position.value, datatype="integer"),
            Column("as_written", "the deadline, as printed", PG.asWritten.value, lang="ro"),
            Column("class", "OneOffDeadline or RecurringDeadline", RDF_TYPE, str(PG) + "{class}"),
            Column("due_month", "the month of a one-off deadline", PG.dueMonth.value, datatype="gYearMonth"),
            Column(
                "frequency",
                "EU frequency code of a recurring deadline",
                DCTERMS.accrualPeriodicity.value,
                str(FREQ) + "{frequency}",
            ),
        ),
        [
            {
                "activity": a.notation,
                "position": str(p),
                "as_written": d.written,
                "class": "OneOffDeadline" if d.kind is DeadlineKind.ONE_OFF else "RecurringDeadline",
                "due_month": d.year_month or "",
                "frequency": d.frequency or "",
            }
            for a in plan.activities
            for p, d in enumerate(a.deadlines, start=1)
        ],
        ("activity", "position"),
    )
    resource = iris.template("resource", notation="{activity}", position="{position}")
    resources = Table(
        "resources",
        "Resources (funding sources) of each activity",
        resource,
        (
            Column("activity", "notation of the activity", PG.hasFundingSource.value, resource, about_url=activity),
            Column("position", "position in the activity, from 1", PG.position.value, datatype="integer"),
            Column("as_written", "the resource, as printed", PG.asWritten.value, lang="ro"),
            Column("text", "the resource, corrected", SKOS.prefLabel.value, lang="ro"),
            Column("text_en", "the resource in English", SKOS.prefLabel.value, lang="en"),
            Column("class", "the kind of funding source", RDF_TYPE, str(PG) + "{class}"),
            Column(
                "holders",
                "codes of the bodies whose budget it is, separated by spaces (see holders.csv)",
                suppress=True,
            ),
        ),
        [
            {
                "activity": a.notation,
                "position": str(p),
                "as_written": r.written,
                "text": r.text,
                "text_en": english_resource(r),
                "class": FUNDING_CLASSES[r.kind.value],
                "holders": " ".join(r.holders),
            }
            for a in plan.activities
            for p, r in enumerate(a.resources, start=1)
        ],
        ("activity", "position"),
    )
    # one row per holder: a CSVW value URL names one resource per cell, so lists need rows of their own
    holders = Table(
        "holders",
        "Bodies whose budget a resource is",
        resource,
        (
            Column("activity", "notation of the activity", suppress=True),
            Column("position", "position of the resource in the activity", suppress=True),
            Column("holder", "the body's code as the plan writes it", suppress=True),
            Column(
                "holder_id",
                "the body's identifier (last part of its IRI)",
                PG.holder.value,
                iris.template("actor", id="{holder_id}"),
            ),
        ),
        [
            {"activity": a.notation, "position": str(p), "holder": h, "holder_id": actor_id(h)}
            for a in plan.activities
            for p, r in enumerate(a.resources, start=1)
            for h in r.holders
        ],
        ("activity", "position", "holder_id"),
    )
    actors = Table(
        "actors",
        "Actors the plan names (curated registry)",
        iris.template("actor", id="{id}"),
        (
            Column("id", "identifier (last part of the IRI)", suppress=True),
            Column("code", "the abbreviation, or the name as the plan writes it", SKOS.notation.value),
            Column("name_ro", "Romanian name", SKOS.prefLabel.value, lang="ro"),
            Column("name_en", "English name", SKOS.prefLabel.value, lang="en"),
            Column("kind", "kind of actor", PG.kind.value, str(KIND) + "{kind}"),
            Column(
                "category", "yes for a category of organisations (NGOs in general, local authorities)", suppress=True
            ),
            Column(
                "parent_id",
                "identifier of the parent body",
                ORG.subOrganizationOf.value,
                iris.template("actor", id="{parent_id}"),
            ),
        ),
        [
            {
                "id": actor.id,
                "code": actor.code,
                "name_ro": actor.name_ro,
                "name_en": actor.name_en,
                "kind": actor.kind,
                "category": "yes" if actor.is_category else "no",
                "parent_id": registry[actor.parent].id if actor.parent else "",
            }
            for actor in registry.values()
        ],
        ("id",),
    )
    return [activities, involvements, indicators, deadlines, resources, holders, actors]


def csvw_metadata(tables: list[Table]) -> bytes:
    document = {
        "@context": "http://www.w3.org/ns/csvw",
        "dc:title": "Romania's national action plan 2018-2020 against trafficking in persons (HG 861/2018), as tables",
        "dialect": {"encoding": "utf-8", "lineTerminators": ["\r\n", "\n"], "header": True},
        "tables": [
            {
                "url": table.path,
                "dc:title": table.title,
                "tableSchema": {
                    "aboutUrl": table.about_url,
                    "primaryKey": list(table.primary_key),
                    "columns": [column.csvw() for column in table.columns],
                },
            }
            for table in tables
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def data_package(tables: list[Table], files: dict[str, bytes], name: str, title: str, licence: str) -> bytes:
    """A Frictionless Data Package (https://specs.frictionlessdata.io/data-package/) for the tables."""
    import hashlib

    types = {"string": "string", "integer": "integer", "gYearMonth": "yearmonth"}
    resources = []
    for table in tables:
        data = files[table.path]
        fields = [
            {"name": c.name, "type": types[c.datatype], "description": c.title} for c in table.columns if not c.virtual
        ]
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "title": table.title,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": {"fields": fields, "primaryKey": list(table.primary_key)},
            }
        )
    document = {
        "name": name,
        "title": title,
        "profile": "tabular-data-package",
        "licenses": [{"name": "CC-BY-4.0", "path": licence, "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
