"""Links to European and UN data and English labels: curated tables in `data/`, each row with its source.

- `links-eu-bodies.csv`: actors to the EU corporate-body table (or, where no table has them, their websites);
- `links-directive.csv`: areas and objectives to the articles of Directive 2011/36/EU they implement;
- `links-sdg.csv`: the plan, areas and objectives to UN SDG targets and indicators;
- `information-systems.csv`: information systems the plan names;
- `translations.csv`: a reviewed, unofficial English translation of every title and indicator.

Mentions (an activity naming an organisation or a system in its title or indicators) are found, not
curated: every code and alias of the registry and every system code, as a whole word.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from plan_graph.resources import project_dir
from plan_graph.text.records import PlanRecords, Resource
from plan_graph.text.registry import Actor, RegistryError, read_rows

ELI_DIRECTIVE = "http://data.europa.eu/eli/dir/2011/36/oj"
SDG = "http://metadata.un.org/sdg/"
LETTERS = frozenset(string.ascii_letters + "ĂÂÎȘȚăâîșțŞŢşţ")  # what a name must not touch to be a whole word


def directive_article(article: str) -> str:
    """The ELI of an article of Directive 2011/36/EU, by the EU Publications Office's URI template."""
    if not article.isdigit():
        raise RegistryError(f"not an article number: {article!r}")
    return f"http://data.europa.eu/eli/dir/2011/36/art_{int(article)}/oj"


@dataclass(frozen=True)
class BodyLink:
    code: str
    property: str  # "skos:exactMatch" or "foaf:homepage"
    target: str
    source: str


@dataclass(frozen=True)
class ProvisionLink:
    notation: str  # an area ("1") or a specific objective ("2.3")
    article: str
    source: str

    @property
    def target(self) -> str:
        return directive_article(self.article)


@dataclass(frozen=True)
class SdgLink:
    notation: str  # "hg-861-2018" for the plan itself, else an area or objective notation
    target: str  # "5.2", "C160202"
    source: str

    @property
    def iri(self) -> str:
        return SDG + self.target


@dataclass(frozen=True)
class InformationSystem:
    code: str
    id: str
    name_ro: str
    name_en: str
    source: str


@dataclass(frozen=True)
class Translation:
    kind: str  # plan, area, general-objective, specific-objective, activity, indicator
    key: str  # "1.1.3", or "1.1.3/2" for the second indicator of 1.1.3
    ro: str
    en: str


@dataclass(frozen=True)
class Mention:
    notation: str  # the activity
    code: str  # the actor or system mentioned
    where: str  # "title" or "indicator"


@dataclass(frozen=True)
class Links:
    bodies: list[BodyLink]
    provisions: list[ProvisionLink]
    sdg: list[SdgLink]
    systems: list[InformationSystem]
    translations: dict[tuple[str, str], Translation]


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    rows = read_rows(path)
    for number, row in enumerate(rows, start=2):
        for column in required:
            if not (row.get(column) or "").strip():
                raise RegistryError(f"{path}:{number}: the column {column!r} is empty (every link needs a source)")
    return [{key: (value or "").strip() for key, value in row.items()} for row in rows]


def load_links(folder: Path | None = None) -> Links:
    folder = folder or project_dir("data")
    bodies = [
        BodyLink(r["code"], r["property"], r["target"], r["source"])
        for r in _rows(folder / "links-eu-bodies.csv", ("code", "property", "target", "source"))
    ]
    provisions = [
        ProvisionLink(r["notation"], r["article"], r["source"])
        for r in _rows(folder / "links-directive.csv", ("notation", "article", "source"))
    ]
    sdg = [
        SdgLink(r["notation"], r["target"], r["source"])
        for r in _rows(folder / "links-sdg.csv", ("notation", "target", "source"))
    ]
    system_columns = ("code", "id", "name_ro", "name_en", "source")
    systems = [
        InformationSystem(*(r[c] for c in system_columns))
        for r in _rows(folder / "information-systems.csv", system_columns)
    ]
    translations = {
        (r["kind"], r["key"]): Translation(r["kind"], r["key"], r["ro"], r["en"])
        for r in _rows(folder / "translations.csv", ("kind", "key", "ro", "en"))
    }
    for link in provisions:
        directive_article(link.article)
    return Links(bodies, provisions, sdg, systems, translations)


FUNDING_ENGLISH = {  # the resource column's fixed phrases; "Buget X" is the budget of the bodies named
    "Bugetele instituțiilor responsabile": "Budgets of the responsible institutions",
    "Finanțare externă nerambursabilă": "Non-reimbursable external funding",
    "Proiect - finanțare externă nerambursabilă": "Project - non-reimbursable external funding",
    "Nu este cazul.": "Not applicable.",
}


def english_resource(resource: Resource) -> str:
    """The English of a resources item: by rule, since the column has a handful of phrases and bodies' codes."""
    if resource.holders:
        return "Budget of " + ", ".join(resource.holders)
    return FUNDING_ENGLISH[resource.text]


def find_mentions(plan: PlanRecords, registry: dict[str, Actor], systems: list[InformationSystem]) -> list[Mention]:
    """Organisations and systems an activity names in its title or indicators, as whole words."""
    names: dict[str, str] = {}
    for actor in registry.values():
        if actor.code.isupper() and len(actor.code) > 1:
            names[actor.code] = actor.code
        for alias in actor.aliases:
            if alias[:1].isupper() and not alias.endswith(":"):
                names[alias] = actor.code
    for system in systems:
        names[system.code] = system.code
    texts = [
        (activity, [("title", activity.title)] + [("indicator", i.text) for i in activity.indicators])
        for activity in plan.activities
    ]
    found: dict[Mention, None] = {}
    for activity, pieces in texts:
        for where, text in pieces:
            for name, code in names.items():
                if _whole_word(text, name):
                    found[Mention(activity.notation, code, where)] = None
    return list(found)


def _whole_word(text: str, name: str) -> bool:
    """Whether `name` is in `text` with no letter right before or after it. Found by str.find, not by a regular
    expression a name, which would be compiled anew for every name in every build."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if (start == 0 or text[start - 1] not in LETTERS) and (end == len(text) or text[end] not in LETTERS):
            return True
        start = text.find(name, start + 1)
    return False
