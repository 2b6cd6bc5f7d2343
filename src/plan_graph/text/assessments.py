"""The external assessments table (`data/assessments.csv`): what published reports say was or was not done on a
matter an activity of the plan covers.

One row per assessment: the activity, the status the report's words support (ontology/progress-statuses.ttl),
the document (documents.csv) and the day it was published, with the page that says so; the page the sentence
was read at, the report's section, the sentence verbatim, and why it bears on the activity. Nothing here is a
self-report: the repository ships none (tests make their own forms).

A report may repeat a sentence word for word from an earlier one: `data/sentence-appearances.csv` names the other
reports an assessment's sentence stands in, each with the page it was read at, so that a repeated finding is not
taken for new evidence and the assessment is dated by its first appearance as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from plan_graph.resources import project_dir
from plan_graph.text.dates import is_date
from plan_graph.text.registry import RegistryError
from plan_graph.text.statistics import Document, table_rows

# the statuses of ontology/progress-statuses.ttl: notation -> (Romanian, English) (a test keeps the two the same)
STATUS_LABELS = {
    "completed": ("realizată", "completed"),
    "in-progress": ("în curs", "in progress"),
    "limited": ("în curs, limitat", "in progress, limited"),
    "substantial": ("în curs, substanțial", "in progress, substantial"),
    "not-started": ("neîncepută", "not started"),
    "postponed": ("amânată", "postponed"),
    "dropped": ("abandonată", "dropped"),
    "no-information": ("fără informații", "no information"),
}
STATUSES = tuple(STATUS_LABELS)
_NOTATION = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Appearance:
    """The assessment's sentence, word for word, in another document."""

    document: str  # an id of documents.csv
    page: str  # where it was read there
    section: str


@dataclass(frozen=True)
class ExternalAssessment:
    id: str
    activity: str  # the notation of an activity of the plan
    status: str  # a notation of STATUSES
    document: str  # an id of documents.csv
    assessed_on: str  # YYYY-MM-DD: the day the document was published
    date_source: str  # where that day is stated
    page: str  # where the sentence was read
    section: str
    quotation: str
    reason: str
    appearances: tuple[Appearance, ...] = ()  # the other documents its sentence stands in


def load_assessments(documents: dict[str, Document], folder: Path | None = None) -> list[ExternalAssessment]:
    path = (folder or project_dir("data")) / "assessments.csv"
    columns = (
        "id",
        "activity",
        "status",
        "document",
        "assessed_on",
        "date_source",
        "page",
        "section",
        "quotation",
        "reason",
    )
    rows: dict[str, dict[str, str]] = {}  # checked, by id
    for where, row in table_rows(path, columns):
        checks = [
            (row["id"] not in rows, f"duplicate id {row['id']!r}"),
            (bool(_NOTATION.match(row["activity"])), f"activity {row['activity']!r} is not a notation like 2.3.1"),
            (row["status"] in STATUSES, f"unknown status {row['status']!r} (one of {', '.join(STATUSES)})"),
            (row["document"] in documents, f"no document {row['document']!r} in documents.csv"),
            (is_date(row["assessed_on"]), f"assessed_on {row['assessed_on']!r} is not YYYY-MM-DD"),
            (row["date_source"].startswith(("https://", "http://")), "date_source is not a web address"),
            (row["page"].startswith(("https://", "http://")), "page is not a web address"),
        ]
        for ok, message in checks:
            if not ok:
                raise RegistryError(f"{where}: {message}")
        rows[row["id"]] = row
    own = {assessment: row["document"] for assessment, row in rows.items()}
    appearances = _appearances(path.with_name("sentence-appearances.csv"), own, documents)
    return [
        ExternalAssessment(
            id=id_,
            activity=row["activity"],
            status=row["status"],
            document=row["document"],
            assessed_on=row["assessed_on"],
            date_source=row["date_source"],
            page=row["page"],
            section=row["section"],
            quotation=row["quotation"],
            reason=row["reason"],
            appearances=tuple(appearances.get(id_, ())),
        )
        for id_, row in rows.items()
    ]


def _appearances(path: Path, own: dict[str, str], documents: dict[str, Document]) -> dict[str, list[Appearance]]:
    """The other documents each assessment's sentence stands in; `own`: each assessment's own document, by id."""
    found: dict[str, list[Appearance]] = {}
    for where, row in table_rows(path, ("assessment", "document", "page", "section")):
        checks = [
            (row["assessment"] in own, f"no assessment {row['assessment']!r} in assessments.csv"),
            (row["document"] in documents, f"no document {row['document']!r} in documents.csv"),
            (row["document"] != own.get(row["assessment"]), "the assessment's own document"),
            (
                row["document"] not in {a.document for a in found.get(row["assessment"], [])},
                f"{row['document']!r} is named twice for {row['assessment']!r}",
            ),
            (row["page"].startswith(("https://", "http://")), "page is not a web address"),
        ]
        for ok, message in checks:
            if not ok:
                raise RegistryError(f"{where}: {message}")
        found.setdefault(row["assessment"], []).append(Appearance(row["document"], row["page"], row["section"]))
    return found
