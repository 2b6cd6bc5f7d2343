"""The saved SPARQL queries in `queries/`: their headers, their parameters, and running them safely.

Each `.rq` file starts with comment lines `# title:`, `# description:` and, per parameter,
`# param: NAME — meaning [type]` (type: actor, notation, activity, date, month, year, frequency, iri, text;
"optional" after a comma makes it optional). A query that reads reference data the plan does not hold (an EU
table) says so with `# reference: COLUMN — the data it comes from`, so that a caller can say why COLUMN is
empty without it.

A parameter's value is checked against its type (and, for actors and notations, against the graph), then
bound as an RDF term to the variable `?param_NAME` in a VALUES block (binding.py): never pasted into the
query text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from plan_graph.errors import UsageError
from plan_graph.graph.names import PREFIXES, rebased
from plan_graph.resources import project_dir
from plan_graph.stores.base import Store
from plan_graph.stores.binding import Bindable, with_values
from plan_graph.stores.results import QueryResult, Row, SelectResult, lexical
from plan_graph.text.dates import is_date

FREQUENCIES = {"anual": "ANNUAL", "semestrial": "ANNUAL_2", "trimestrial": "QUARTERLY", "permanent": "CONT"}
TYPES = ("actor", "notation", "activity", "date", "month", "year", "frequency", "iri", "text")
# a value of each type that the bundled plan answers: the query page's examples, the tests', the benchmark's
EXAMPLE_VALUES = {
    "actor": "ANITP",
    "notation": "1.1",
    "activity": "2.3.1",
    "date": "2020-12-31",
    "month": "2019-07",
    "year": "2019",
    "frequency": "Anual",
    "iri": PREFIXES["pg"] + "Activity",
    "text": "cooperarii",
}
MAX_TEXT = 200

_HEADER = re.compile(r"^#\s*(title|description|param|reference):\s*(.*)$")
_REFERENCE = re.compile(r"^(\w+)\s*(?:—|--)\s*(.+)$")
_PARAM = re.compile(r"^(\w+)\s*(?:—|--|-)\s*(.+?)\s*(?:\[(\w+)(,\s*optional)?\])?$")

# the query listing the values a parameter of each checked type takes (queries/dataset/)
_LOOKUPS = {"actor": "dataset/actor-codes", "notation": "dataset/notations", "activity": "dataset/activity-notations"}


class QueryNotFoundError(UsageError):
    pass


class ParameterError(UsageError):
    """A parameter is missing, unknown or malformed; the message says what is valid (the caller names the query)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    meaning: str
    type: str = "text"
    optional: bool = False

    @property
    def variable(self) -> str:
        return f"param_{self.name}"


@dataclass(frozen=True)
class Reference:
    """A column filled from reference data loaded beside the plan (`--with-reference`), empty without it."""

    column: str
    source: str  # what must be loaded, e.g. "the EU corporate-body table (po-corporatebodies-skos.rdf)"


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path
    references: tuple[Reference, ...] = ()


def parse_saved_query(path: Path, bundled: bool = False) -> SavedQuery:
    """A query file; `bundled` (the project's queries/): its IRIs under this run's base (names.rebased)."""
    try:
        text = path.read_text(encoding="utf-8")
        text = rebased(text) if bundled else text
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    title = description = ""
    parameters = []
    references = []
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
        elif key == "reference":
            if not (reference := _REFERENCE.match(value)):
                raise UsageError(f"{path}: '# reference:' takes COLUMN — the data it comes from, got {value!r}")
            references.append(Reference(reference.group(1), reference.group(2)))
        elif param := _PARAM.match(value):
            kind = param.group(3) or "text"
            if kind not in TYPES:
                raise UsageError(f"{path}: parameter {param.group(1)!r} has unknown type {kind!r}")
            parameters.append(Parameter(param.group(1), param.group(2), kind, bool(param.group(4))))
    return SavedQuery(path.stem, title, description, tuple(parameters), text, path, tuple(references))


def catalogue(folder: Path | None = None) -> dict[str, SavedQuery]:
    folder = folder or project_dir("queries")
    return {path.stem: parse_saved_query(path, bundled=True) for path in sorted(folder.glob("*.rq"))}


def saved_query(name: str, folder: Path | None = None) -> SavedQuery:
    queries = catalogue(folder)
    if name not in queries:
        raise QueryNotFoundError(f"no saved query {name!r}; saved queries: {', '.join(queries)}")
    return queries[name]


@functools.cache
def bundled_query(name: str) -> SavedQuery:
    """A query the program runs itself, by its path under queries/: "pages/plan" (what a page shows),
    "dataset/totals" (what the program counts and looks up). Written, typed and bound like the saved queries, not
    listed with them; read once per process, as part of the installed program."""
    folder, _, stem = name.rpartition("/")
    return saved_query(stem, project_dir("queries") / folder)


def example_parameters(query: SavedQuery, **values: str) -> dict[str, str]:
    """A value for each required parameter of the query, by its type: EXAMPLE_VALUES, or `values` (by type)."""
    chosen = {**EXAMPLE_VALUES, **values}
    return {parameter.name: chosen[parameter.type] for parameter in query.parameters if not parameter.optional}


def bind_parameters(query: SavedQuery, given: dict[str, str], store: Store | None = None) -> dict[str, Bindable]:
    """RDF terms for the given values, checked against each parameter's type and the graph."""
    known = {parameter.name: parameter for parameter in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise ParameterError(f"has no parameter {', '.join(unknown)} (parameters: {allowed})")
    missing = [p for p in query.parameters if p.name not in given and not p.optional]
    if missing:
        listing = "; ".join(f"--param {p.name}=… ({p.meaning})" for p in missing)
        raise ParameterError(f"needs {listing}")
    return {known[name].variable: _term(known[name], value, store) for name, value in given.items()}


def _term(parameter: Parameter, value: str, store: Store | None) -> Bindable:
    value = value.strip()
    name = parameter.name
    if parameter.type == "date":
        if not is_date(value):
            raise ParameterError(f"--param {name}: {value!r} is not a date; write YYYY-MM-DD, e.g. 2020-12-31")
        return ox.Literal(value, datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))
    if parameter.type == "month":
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ParameterError(f"--param {name}: {value!r} is not a month; write YYYY-MM, e.g. 2019-06")
        return ox.Literal(value, datatype=ox.NamedNode(PREFIXES["xsd"] + "gYearMonth"))
    if parameter.type == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ParameterError(f"--param {name}: {value!r} is not a year; write YYYY, e.g. 2019")
        return ox.Literal(value, datatype=ox.NamedNode(PREFIXES["xsd"] + "gYear"))
    if parameter.type == "frequency":
        code = FREQUENCIES.get(value.casefold(), value.upper())
        if code not in FREQUENCIES.values():
            choices = ", ".join(f"{written.capitalize()} ({code})" for written, code in FREQUENCIES.items())
            raise ParameterError(f"--param {name}: {value!r} is not a frequency of the plan; one of: {choices}")
        return ox.NamedNode(PREFIXES["freq"] + code)
    if parameter.type == "iri":
        if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]+", value):
            raise ParameterError(f"--param {name}: {value!r} is not an IRI (an absolute one, e.g. https://…)")
        return ox.NamedNode(value)
    if parameter.type in _LOOKUPS:
        return ox.Literal(_one_of(parameter, value, store))
    if not value or len(value) > MAX_TEXT:
        raise ParameterError(f"--param {name}: give 1 to {MAX_TEXT} characters")
    return ox.Literal(value)


def _one_of(parameter: Parameter, value: str, store: Store | None) -> str:
    """The graph's own spelling of an actor code or notation; case does not matter ("anitp" is ANITP)."""
    if store is None:
        return value
    valid = [lexical(row["value"]) for row in bundled_rows(store, _LOOKUPS[parameter.type]) if "value" in row]
    for candidate in valid:
        if candidate.casefold() == value.casefold():
            return candidate
    what = {"actor": "actor code", "activity": "notation of an activity"}.get(parameter.type, "notation")
    raise ParameterError(f"--param {parameter.name}: {value!r} is not a known {what}; one of: {', '.join(valid)}")


def bound_text(query: SavedQuery, given: dict[str, str], store: Store | None = None) -> str:
    """The query's text with the given parameter values bound (checked first)."""
    return with_values(query.text, bind_parameters(query, given, store))


def run_saved_query(store: Store, name: str, given: dict[str, str] | None = None) -> QueryResult:
    return store.query(bound_text(saved_query(name), given or {}, store))


def run_bundled(store: Store, name: str, given: dict[str, str] | None = None) -> QueryResult:
    """A query of the program's own (bundled_query), bound to the given parameters, run on the store."""
    return store.query(bound_text(bundled_query(name), given or {}, store))


def bundled_rows(store: Store, name: str, given: dict[str, str] | None = None) -> list[Row]:
    """The rows of a SELECT query of the program's own (bundled_query)."""
    result = run_bundled(store, name, given)
    assert isinstance(result, SelectResult), f"queries/{name}.rq is not a SELECT query"
    return result.rows


def adhoc_query(text: str, parameter_names: list[str]) -> SavedQuery:
    """A query given on the command line, with text parameters of the names given."""
    parameters = tuple(Parameter(name, "ad hoc parameter") for name in parameter_names)
    return SavedQuery("sparql", "ad hoc query", "", parameters, text, Path("-"))


def parameter_values(pairs: list[str]) -> dict[str, str]:
    """KEY=VALUE pairs as a dict; UsageError for anything else."""
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param takes KEY=VALUE, got {pair!r}")
        values[key.strip()] = value
    return values
