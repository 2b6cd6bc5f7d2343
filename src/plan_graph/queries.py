"""The saved SPARQL queries in `queries/`: their headers, their parameters, and running them safely.

Each `.rq` file starts with comment lines `# title:`, `# description:` and `# param: NAME — meaning`.
Parameter values are bound as RDF terms through the store's bindings, never pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .resources import project_dir
from .results import SelectResult, Value
from .store import SparqlStore

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*(?:—|--|-)\s*(.+)$")


class QueryNotFoundError(LookupError):
    pass


class ParameterError(ValueError):
    """A parameter is missing, unknown or malformed; the message says what is valid."""


@dataclass(frozen=True)
class Parameter:
    name: str
    meaning: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path


def parse_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    title = description = ""
    parameters = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        elif param := _PARAM.match(value):
            parameters.append(Parameter(param.group(1), param.group(2).strip()))
    return SavedQuery(path.stem, title, description, tuple(parameters), text, path)


def catalogue(folder: Path | None = None) -> dict[str, SavedQuery]:
    folder = folder or project_dir("queries")
    return {path.stem: parse_saved_query(path) for path in sorted(folder.glob("*.rq"))}


def saved_query(name: str, folder: Path | None = None) -> SavedQuery:
    queries = catalogue(folder)
    if name not in queries:
        raise QueryNotFoundError(f"no saved query {name!r}; saved queries: {', '.join(queries)}")
    return queries[name]


def bind_parameters(query: SavedQuery, given: dict[str, str]) -> dict[str, Value]:
    known = {parameter.name for parameter in query.parameters}
    unknown = sorted(set(given) - known)
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise ParameterError(
            f"query {query.name!r} has no parameter {', '.join(unknown)} (parameters: {allowed})"
        )
    missing = [p for p in query.parameters if p.name not in given]
    if missing:
        listing = "; ".join(f"{p.name}: {p.meaning}" for p in missing)
        raise ParameterError(f"query {query.name!r} needs --param for {listing}")
    return {name: Value("literal", value) for name, value in given.items()}


def run_saved_query(store: SparqlStore, name: str, given: dict[str, str] | None = None) -> SelectResult:
    query = saved_query(name)
    return store.select(query.text, bind_parameters(query, given or {}))
