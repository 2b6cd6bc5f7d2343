"""The curated tables around the plan: documents, the figures they state and their recommendations to Romania.

- `documents.csv`: reports, communications and statistical tables, each with its title, publisher, date and
  the address where it (or the part of it used) can be read;
- `statistics.csv`: one row per figure: what it measures, for which year (or period of years, "2016-2019"), sex,
  age group and form of exploitation, its value and unit, the document that states it, the section and the
  sentence, verbatim; where the sentence gives the value in words or roughly ("three out of four", "nearly 42
  percent"), the words, as written (`as_written`), stand in the sentence instead of the number; and whose victims,
  by citizenship (`citizenship`: blank for all, `foreign`);
- `recommendations.csv`: recommendations a document addresses to Romania, verbatim, in the document's order;
- `recommendation-links.csv`: which activities of the plan answer a recommendation, and why;
- `series-notes.csv`: where a series is not alike from year to year or with the UN's: a category counted otherwise
  (a definition note) or a change of method (a break in series), with the sentence that says so and what it means
  for a comparison; each concerns the figures of a measure, year and document, of one form or of every form (`*`).

Every row names its source; a figure must appear, as written, in the sentence quoted for it. Nothing here is
computed: the tables are what the documents say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from plan_graph.resources import project_dir
from plan_graph.text.registry import RegistryError, read_rows

MEASURES = {  # the table's measure -> whether its value is a count (NUMBER) or a share (PERCENT)
    "identified-victims": "NUMBER",
    "identified-victims-share": "PERCENT",
    "assisted-victims": "NUMBER",
    "assisted-victims-share": "PERCENT",
    "assisted-repatriated-victims": "NUMBER",
}
SEXES = ("_T", "F", "M")  # the UN SDG sex codes
AGES = ("_T", "Y0T17", "Y_GE18")  # the UN SDG age codes: all ages, under 18, 18 and over
FORMS = ("all", "sexual-exploitation", "forced-labour", "other")  # ontology/forms-of-exploitation.ttl
CITIZENSHIPS = ("all", "foreign")  # ontology/citizenships.ttl; a blank cell is "all"
NOTE_KINDS = ("definition", "break")  # ontology/series-notes.ttl
DOCUMENT_KINDS = (
    "country-report",
    "progress-report",
    "strategy",
    "evaluation-report",
    "statistical-table",
    "press-release",
)
_ISSUED = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")  # a year, or a period of years: 2019, 2016-2019


@dataclass(frozen=True)
class Document:
    id: str
    iri: str  # its own IRI where it has one (EU documents: CELEX), else "" and one is minted
    kind: str
    title: str
    publisher: str
    publisher_iri: str  # the publisher's IRI in an authority table (EU corporate bodies), else ""
    issued: str  # "2020" or "2020-10-20"; "" when not known
    url: str
    identifier: str
    source: str


@dataclass(frozen=True)
class Figure:
    measure: str
    year: int  # the year, or the first year of the period
    sex: str
    age: str
    form: str
    value: int
    unit: str
    document: str
    section: str
    quotation: str
    line: int  # the row of statistics.csv
    last_year: int = 0  # the period's last year; 0 for a figure of one year
    as_written: str = ""  # the value as the sentence gives it, when not as a number ("three out of four")
    citizenship: str = "all"  # whose victims: all, or the foreign citizens

    @property
    def period(self) -> str:
        """The year ("2019") or the period of years ("2016-2019") the figure counts."""
        return f"{self.year}-{self.last_year}" if self.last_year else str(self.year)

    @property
    def key(self) -> tuple[str, str, str, str, str, str, str]:
        """What the figure is about, with its source: one figure per key (the Data Cube's dimensions)."""
        return (self.measure, self.period, self.sex, self.age, self.form, self.citizenship, self.document)


@dataclass(frozen=True)
class Recommendation:
    id: str
    document: str
    position: int
    text: str
    source: str


@dataclass(frozen=True)
class Answer:
    recommendation: str
    activity: str  # the notation of an activity of the plan
    reason: str


@dataclass(frozen=True)
class SeriesNote:
    id: str
    kind: str  # one of NOTE_KINDS
    measure: str
    year: int
    form: str  # a form, or "*": every form
    document: str
    section: str
    quotation: str
    meaning: str

    def concerns(self, figure: Figure) -> bool:
        return (figure.measure, figure.period, figure.document) == (self.measure, str(self.year), self.document) and (
            self.form in ("*", figure.form)
        )


@dataclass(frozen=True)
class Statistics:
    documents: dict[str, Document]
    figures: list[Figure]
    recommendations: list[Recommendation]
    answers: list[Answer]
    notes: list[SeriesNote]


def table_rows(path: Path, required: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """The rows with where each comes from ("file:line"); a RegistryError for a missing column or value."""
    rows = read_rows(path)
    found = []
    for number, row in enumerate(rows, start=2):
        where = f"{path}:{number}"
        for column in required:
            if not (row.get(column) or "").strip():
                raise RegistryError(f"{where}: the column {column!r} is empty")
        found.append((where, {key: (value or "").strip() for key, value in row.items() if key}))
    return found


def load_statistics(folder: Path | None = None) -> Statistics:
    folder = folder or project_dir("data")
    documents: dict[str, Document] = {}
    for where, row in table_rows(folder / "documents.csv", ("id", "kind", "title", "publisher", "url", "source")):
        if row["kind"] not in DOCUMENT_KINDS:
            raise RegistryError(f"{where}: unknown kind {row['kind']!r} (one of {', '.join(DOCUMENT_KINDS)})")
        if row["issued"] and not _ISSUED.match(row["issued"]):
            raise RegistryError(f"{where}: issued {row['issued']!r} is not YYYY or YYYY-MM-DD")
        if not row["url"].startswith(("https://", "http://")):
            raise RegistryError(f"{where}: the url {row['url']!r} is not a web address")
        if row["id"] in documents:
            raise RegistryError(f"{where}: duplicate document id {row['id']!r}")
        documents[row["id"]] = Document(
            *(
                row[c]
                for c in (
                    "id",
                    "iri",
                    "kind",
                    "title",
                    "publisher",
                    "publisher_iri",
                    "issued",
                    "url",
                    "identifier",
                    "source",
                )
            )
        )
    figures = [
        _figure(where, row, documents)
        for where, row in table_rows(
            folder / "statistics.csv",
            ("measure", "year", "sex", "age", "form", "value", "unit", "document", "section", "quotation"),
        )
    ]
    seen: dict[tuple[str, str, str, str, str, str, str], int] = {}
    for figure in figures:
        if figure.key in seen:
            raise RegistryError(
                f"{folder / 'statistics.csv'}:{figure.line}: the same figure as line "
                f"{seen[figure.key]} (measure, year, sex, age, form, citizenship and document)"
            )
        seen[figure.key] = figure.line
    recommendations = []
    for where, row in table_rows(folder / "recommendations.csv", ("id", "document", "position", "text", "source")):
        if row["document"] not in documents:
            raise RegistryError(f"{where}: no document {row['document']!r} in documents.csv")
        if not row["position"].isdigit():
            raise RegistryError(f"{where}: position {row['position']!r} is not a number")
        recommendations.append(
            Recommendation(row["id"], row["document"], int(row["position"]), row["text"], row["source"])
        )
    known = {recommendation.id for recommendation in recommendations}
    answers = []
    for where, row in table_rows(folder / "recommendation-links.csv", ("recommendation", "activity", "reason")):
        if row["recommendation"] not in known:
            raise RegistryError(f"{where}: no recommendation {row['recommendation']!r} in recommendations.csv")
        answers.append(Answer(row["recommendation"], row["activity"], row["reason"]))
    notes = _series_notes(folder / "series-notes.csv", documents, figures)
    return Statistics(documents, figures, recommendations, answers, notes)


def _series_notes(path: Path, documents: dict[str, Document], figures: list[Figure]) -> list[SeriesNote]:
    columns = ("id", "kind", "measure", "year", "form", "document", "section", "quotation", "meaning")
    notes: dict[str, SeriesNote] = {}
    for where, row in table_rows(path, columns):
        checks = [
            (re.fullmatch(r"[a-z0-9-]+", row["id"]) is not None, f"id {row['id']!r} is not lower-case-with-dashes"),
            (row["id"] not in notes, f"duplicate note id {row['id']!r}"),
            (row["kind"] in NOTE_KINDS, f"kind {row['kind']!r} is not one of {', '.join(NOTE_KINDS)}"),
            (row["measure"] in MEASURES, f"unknown measure {row['measure']!r} (one of {', '.join(MEASURES)})"),
            (row["year"].isdigit() and len(row["year"]) == 4, f"year {row['year']!r} is not YYYY"),
            (row["form"] in (*FORMS, "*"), f"form {row['form']!r} is not one of {', '.join(FORMS)} or *"),
            (row["document"] in documents, f"no document {row['document']!r} in documents.csv"),
        ]
        for ok, message in checks:
            if not ok:
                raise RegistryError(f"{where}: {message}")
        note = SeriesNote(
            row["id"],
            row["kind"],
            row["measure"],
            int(row["year"]),
            row["form"],
            row["document"],
            row["section"],
            row["quotation"],
            row["meaning"],
        )
        if not any(note.concerns(figure) for figure in figures):
            raise RegistryError(
                f"{where}: no figure of statistics.csv has this measure, year, form and document: the note would "
                "concern nothing"
            )
        notes[note.id] = note
    return list(notes.values())


def _figure(where: str, row: dict[str, str], documents: dict[str, Document]) -> Figure:
    found = _PERIOD.match(row["year"])
    citizenship = row.get("citizenship") or "all"
    period = (int(found.group(1)), int(found.group(2) or 0)) if found else None
    checks = [
        (row["measure"] in MEASURES, f"unknown measure {row['measure']!r} (one of {', '.join(MEASURES)})"),
        (period is not None, f"year {row['year']!r} is not YYYY or a period of years YYYY-YYYY"),
        (period is None or not period[1] or period[0] < period[1], f"the period {row['year']!r} does not run forward"),
        (row["sex"] in SEXES, f"sex {row['sex']!r} is not one of {', '.join(SEXES)}"),
        (row["age"] in AGES, f"age {row['age']!r} is not one of {', '.join(AGES)}"),
        (row["form"] in FORMS, f"form {row['form']!r} is not one of {', '.join(FORMS)}"),
        (citizenship in CITIZENSHIPS, f"citizenship {citizenship!r} is not one of {', '.join(CITIZENSHIPS)}"),
        (row["value"].isdigit(), f"value {row['value']!r} is not a whole number"),
        (row["unit"] == MEASURES.get(row["measure"], row["unit"]), f"unit {row['unit']!r} does not fit the measure"),
        (row["document"] in documents, f"no document {row['document']!r} in documents.csv"),
    ]
    for ok, message in checks:
        if not ok:
            raise RegistryError(f"{where}: {message}")
    as_written = row.get("as_written", "")
    if as_written and as_written not in row["quotation"]:
        raise RegistryError(f"{where}: {as_written!r} (as_written) is not in the quoted sentence")
    if not as_written and not _states(row["quotation"], row["value"]):
        raise RegistryError(f"{where}: the value {row['value']} is not in the quoted sentence")
    line = int(where.rsplit(":", 1)[1])
    assert period is not None  # checked above
    return Figure(
        row["measure"],
        period[0],
        row["sex"],
        row["age"],
        row["form"],
        int(row["value"]),
        row["unit"],
        row["document"],
        row["section"],
        row["quotation"],
        line,
        period[1],
        as_written,
        citizenship,
    )


def _states(sentence: str, value: str) -> bool:
    """Whether the sentence gives the value as a number of its own (not a part of a longer one), its thousands
    grouped or not: 2613, "2,613", "2 613"."""
    groups = f"{int(value):,}".split(",")
    written = r"[,\s\u00a0]?".join(re.escape(group) for group in groups)
    return re.search(rf"(?<![\d,.]){written}(?![\d,]|\.\d)", sentence) is not None
