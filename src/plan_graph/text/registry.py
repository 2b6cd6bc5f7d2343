"""The actor registry: every actor the plan names, from the curated table `data/actors.csv`.

The plan's own abbreviation list gives codes and Romanian names; the table adds what the plan does
not say (English names, kinds, parent bodies) and names the source of every such fact.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plan_graph.errors import InputError
from plan_graph.resources import project_dir

# kinds of body that are part of the Romanian state (the EU Core Public Organisation Vocabulary's scope)
PUBLIC_KINDS = {
    "ministry",
    "agency",
    "police",
    "inspectorate",
    "prosecution",
    "judicial",
    "local-authority",
    "territorial-office",
    "government",
}
KINDS = PUBLIC_KINDS | {
    "ngo-category",
    "international-organisation",
    "collective-body",
    "category",
    "professional-body",
}


@dataclass(frozen=True)
class Actor:
    code: str  # the abbreviation, or the name as the plan writes it when it has none
    id: str  # the last segment of the actor's IRI
    name_ro: str
    name_en: str
    kind: str
    is_category: bool  # "ONG", "Autorități publice locale": many organisations, not one
    parent: str | None
    parent_source: str | None  # "plan" (stated in the text) or "curated"
    source: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class TextCorrection:
    written: str
    corrected: str
    reason: str


class RegistryError(InputError):
    pass


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a curated UTF-8 CSV table; a clear RegistryError when it cannot be read."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise RegistryError(f"{path}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise RegistryError(f"{path}: not UTF-8 (byte {error.start})") from error


def load_registry(path: Path | None = None) -> dict[str, Actor]:
    path = path or project_dir("data") / "actors.csv"
    actors: dict[str, Actor] = {}
    for number, row in enumerate(read_rows(path), start=2):
        where = f"{path}:{number}"
        try:
            code = row["code"].strip()
            kind = row["kind"].strip()
            if not code or not row["id"].strip() or not row["name_ro"].strip():
                raise RegistryError(f"{where}: code, id and name_ro are required")
            if kind not in KINDS:
                raise RegistryError(f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
            if code in actors:
                raise RegistryError(f"{where}: duplicate code {code!r}")
            actors[code] = Actor(
                code=code,
                id=row["id"].strip(),
                name_ro=row["name_ro"].strip(),
                name_en=row["name_en"].strip(),
                kind=kind,
                is_category=row["category"].strip() == "yes",
                parent=row["parent"].strip() or None,
                parent_source=row["parent_source"].strip() or None,
                source=row["source"].strip(),
                aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            )
        except KeyError as error:
            raise RegistryError(f"{where}: missing column {error}") from error
    for actor in actors.values():
        if actor.parent and actor.parent not in actors:
            raise RegistryError(f"{path}: parent {actor.parent!r} of {actor.code!r} is not in the registry")
    return actors


def reporting_bodies(involved: Iterable[str], registry: dict[str, Actor]) -> list[Actor]:
    """The rule for who reports: the actors among the codes `involved` (responsible for an activity or a partner in
    it, in the order of the text) that are one body each, not a category of organisations ("ONG", "Consiliile
    locale"), which is not one body and cannot fill a form. The templates, the import, the graph's
    pg:ReportingBody (and so the `unreported` query and the dashboard) all follow it."""
    codes = dict.fromkeys(involved)
    return [registry[code] for code in codes if code in registry and not registry[code].is_category]


def load_corrections(path: Path | None = None) -> list[TextCorrection]:
    path = path or project_dir("data") / "corrections.csv"
    return [
        TextCorrection(row["written"].strip(), row["corrected"].strip(), row["reason"].strip())
        for row in read_rows(path)
    ]
