"""Query results in one model for every store (pyoxigraph's terms), written and read by pyoxigraph.

SELECT gives rows (a dict of variable name to term, unbound variables left out), ASK a boolean, CONSTRUCT and
DESCRIBE triples. pyoxigraph writes them in the SPARQL 1.1 results formats (JSON, XML, CSV, TSV) and the RDF
formats, and reads them back (a remote store's answers). The project writes only what it adds: the table for a
terminal. Rows are handed to pyoxigraph's writer as SPARQL TSV, whose terms are N-Triples terms, which is what
str() of a pyoxigraph term gives.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, TypeVar, cast

import pyoxigraph as ox

from plan_graph.errors import UsageError
from plan_graph.files import spreadsheet_safe
from plan_graph.graph.formats import GRAPH_FORMATS, JSON, RESULTS_FORMATS, TABLE, TURTLE, Format
from plan_graph.graph.names import PREFIXES, curie

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = dict[str, Term]
Outcome = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples  # what Store.query() gives
_T = TypeVar("_T")


@dataclass(frozen=True)
class SelectResult:
    variables: list[str]
    rows: list[Row]
    truncated: bool = False  # cut at a row cap

    def column(self, name: str) -> list[str | None]:
        """The lexical values of one variable, None where it is unbound."""
        return [lexical(row[name]) if name in row else None for row in self.rows]


@dataclass(frozen=True)
class AskResult:
    value: bool


@dataclass(frozen=True)
class GraphResult:
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False


QueryResult = SelectResult | AskResult | GraphResult


class FormatError(UsageError):
    """The result cannot be written in the format asked for (a graph as CSV, rows as Turtle)."""

    default_http_status = 406  # Not Acceptable


def lexical(term: Term) -> str:
    """A term's value (an IRI, a blank node's id, a literal's lexical form); a quoted triple in N-Triples."""
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(term)


def materialised(outcome: object, max_rows: int | None = None) -> QueryResult:
    """An Oxigraph query's outcome (an iterator) as a result held in memory, cut at `max_rows`."""
    if isinstance(outcome, ox.QueryBoolean):
        return AskResult(bool(outcome))
    if isinstance(outcome, ox.QueryTriples):
        triples, truncated = _capped(outcome, max_rows)
        return GraphResult(triples, truncated)
    if not isinstance(outcome, ox.QuerySolutions):
        raise TypeError(f"not a query outcome: {outcome!r}")
    names = [variable.value for variable in outcome.variables]
    solutions, truncated = _capped(outcome, max_rows)
    rows = [{name: term for name in names if (term := solution[name]) is not None} for solution in solutions]
    return SelectResult(names, rows, truncated)


def _capped(items: Iterable[_T], max_rows: int | None) -> tuple[list[_T], bool]:
    if max_rows is None:
        return list(items), False
    taken = list(islice(items, max_rows + 1))
    return taken[:max_rows], len(taken) > max_rows


def default_format(result: QueryResult) -> Format:
    """A table for rows and booleans, Turtle for a graph."""
    return TURTLE if isinstance(result, GraphResult) else TABLE


def serialize(result: QueryResult, fmt: Format, for_spreadsheets: bool = False) -> bytes:
    """The result in a format, by pyoxigraph (the terminal table by the project); FormatError if it does not fit.
    `for_spreadsheets` (the command line's CSV and TSV, read by people in spreadsheets): a text a spreadsheet would
    run as a formula gets a leading apostrophe (files.spreadsheet_safe)."""
    if isinstance(result, GraphResult):
        if fmt.rdf is None:
            raise FormatError(f"CONSTRUCT and DESCRIBE results are graphs; use one of {_names(GRAPH_FORMATS)}")
        return serialize_triples(result.triples, fmt)
    if fmt is TABLE:
        text = to_table(result) if isinstance(result, SelectResult) else ("true" if result.value else "false") + "\n"
        return text.encode()
    if fmt.results is None:
        kind = "SELECT results are rows" if isinstance(result, SelectResult) else "an ASK result is true or false"
        table_formats = ", ".join(["table", *(f.name for f in RESULTS_FORMATS)])
        raise FormatError(f"{kind}; use one of {table_formats}")
    if isinstance(result, AskResult):
        if fmt.results in (ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV):  # no boolean in these formats
            return b"true\n" if result.value else b"false\n"
        answer = b'{"head":{},"boolean":%s}' % (b"true" if result.value else b"false")
        answered = ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON).serialize(format=fmt.results)
        return cast(bytes, answered)  # no output given: pyoxigraph returns the bytes
    rows = ([row.get(name) for name in result.variables] for row in result.rows)
    if for_spreadsheets and fmt.results in (ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV):
        rows = ([_safe(term) for term in row] for row in rows)
    return _solutions(result.variables, rows, fmt)


def _safe(term: Term | None) -> Term | None:
    """A literal as spreadsheet_safe writes its text; anything else as it is (an IRI cannot start with "=")."""
    if not isinstance(term, ox.Literal) or (safe := spreadsheet_safe(term.value)) == term.value:
        return term
    if term.language:
        return ox.Literal(safe, language=term.language)
    return ox.Literal(safe, datatype=term.datatype)


def serialize_triples(triples: Iterable[ox.Triple], fmt: Format) -> bytes:
    prefixes = PREFIXES if fmt.rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return cast(bytes, ox.serialize(triples, format=fmt.rdf, prefixes=prefixes))  # no output given: the bytes


def serialize_outcome(outcome: Outcome, fmt: Format, max_rows: int) -> tuple[bytes, bool]:
    """An Oxigraph query's outcome straight into a format, cut at `max_rows`: (bytes, whether it was cut).

    For the query workers: rows are written by pyoxigraph as they are found, as SPARQL TSV (one line a row, so
    the cap is a count of lines), and the TSV turned into the format asked for by pyoxigraph too: no row becomes
    a Python object, and the query stops once the row after the cap is found. Graphs are written triple by
    triple, cut at `max_rows` triples."""
    if isinstance(outcome, ox.QueryTriples):
        if fmt.rdf is None:
            raise FormatError(f"CONSTRUCT and DESCRIBE results are graphs; use one of {_names(GRAPH_FORMATS)}")
        triples: _Counted[ox.Triple] = _Counted(outcome, max_rows)
        return serialize_triples(triples, fmt), triples.truncated
    if isinstance(outcome, ox.QueryBoolean) or fmt.results is None:
        result = materialised(outcome, max_rows)
        return serialize(result, fmt), False
    lines = _Lines(max_rows + 1)  # the header, then a line a row
    with contextlib.suppress(_Lines.FullError):  # raised through pyoxigraph's writer: the query stops there
        outcome.serialize(cast(IO[bytes], lines), format=ox.QueryResultsFormat.TSV)  # write() is what it calls
    tsv, truncated = lines.text()
    if fmt.results is ox.QueryResultsFormat.TSV:
        return tsv, truncated
    written = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=fmt.results)
    return cast(bytes, written), truncated  # no output given: pyoxigraph returns the bytes


class _Lines:
    """A binary writer (what pyoxigraph writes to) that keeps the first `limit` lines and refuses more."""

    class FullError(Exception):  # control flow inside the worker, never seen by a user
        """More than `limit` lines were written."""

    def __init__(self, limit: int) -> None:
        self.limit, self.count, self.chunks = limit, 0, list[bytes]()

    def write(self, data: bytes) -> int:
        if self.count > self.limit:  # pyoxigraph writes its buffer again when dropping it: keep it once
            raise _Lines.FullError
        chunk = bytes(data)  # pyoxigraph may hand a view of its buffer
        self.chunks.append(chunk)
        self.count += chunk.count(b"\n")
        if self.count > self.limit:
            raise _Lines.FullError
        return len(chunk)

    def text(self) -> tuple[bytes, bool]:
        """The lines kept, and whether more were written."""
        if self.count <= self.limit:
            return b"".join(self.chunks), False
        last = self.chunks.pop()
        wanted = self.limit - (self.count - last.count(b"\n"))  # lines of the last chunk within the limit
        end = 0
        for _ in range(wanted):
            end = last.index(b"\n", end) + 1
        return b"".join(self.chunks) + last[:end], True

    def flush(self) -> None:
        pass


class _Counted(Iterator[_T]):
    """The first `limit` items of an iterator; `truncated` says, once it is spent, whether there were more."""

    def __init__(self, items: Iterator[_T], limit: int) -> None:
        self.items, self.left, self.truncated = items, limit, False

    def __next__(self) -> _T:
        item = next(self.items)
        if self.left == 0:
            self.truncated = True
            raise StopIteration
        self.left -= 1
        return item


def _solutions(names: Sequence[str], rows: Iterable[Sequence[Term | None]], fmt: Format) -> bytes:
    """Rows written by pyoxigraph in a results format, handed to it as SPARQL TSV."""
    lines = ["\t".join("?" + name for name in names)]
    lines.extend("\t".join("" if term is None else str(term) for term in row) for row in rows)
    tsv = ("\n".join(lines) + "\n").encode()
    if fmt.results is ox.QueryResultsFormat.TSV:
        return tsv
    written = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=fmt.results)
    return cast(bytes, written)  # no output given: pyoxigraph returns the bytes


def parse(data: bytes, fmt: Format) -> QueryResult:
    """A store's answer, read by pyoxigraph: results (JSON, XML, TSV) or a graph (any RDF format)."""
    if fmt.rdf is not None:
        return GraphResult([quad.triple for quad in ox.parse(data, format=fmt.rdf)])
    outcome = ox.parse_query_results(data, format=fmt.results or JSON.results)
    return materialised(outcome)


def _cell(term: Term | None) -> str:
    """A term as a table shows it: an IRI as prefix:name where one of the project's prefixes fits."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return curie(term.value)
    return lexical(term)


def _names(formats: Sequence[Format]) -> str:
    return ", ".join(f.name for f in formats)


def to_table(result: SelectResult, width: int | None = None, max_cell: int = 60) -> str:
    """An aligned table for a terminal: an IRI on one line, shortened with the project's prefixes (pg:Activity),
    never broken; text wrapped onto several lines at spaces only, never cut or broken inside a word."""
    width = width or shutil.get_terminal_size((160, 24)).columns
    headers = result.variables
    cells = [[_cell(row.get(name)) for name in headers] for row in result.rows]
    # a column is never narrower than its longest IRI or word: those are not broken
    unbreakable = [
        max([len(h), *(len(word) for row in cells for word in row[i].split())], default=0)
        for i, h in enumerate(headers)
    ]
    widths = [
        max(
            unbreakable[i],
            min(max_cell, max([len(h), *(len(line) for row in cells for line in row[i].splitlines() or [""])])),
        )
        for i, h in enumerate(headers)
    ]
    # shrink the widest columns until the table fits the terminal, down to what they cannot break
    while sum(widths) + 3 * (len(widths) - 1) > width:
        shrinkable = [i for i, w in enumerate(widths) if w > max(12, unbreakable[i])]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    separator = "─┼─".join("─" * w for w in widths)

    def render(row: list[str]) -> list[str]:
        wrapped = [
            textwrap.wrap(cell, w, break_long_words=False, break_on_hyphens=False) or [""]
            for cell, w in zip(row, widths, strict=True)
        ]
        height = max(len(lines) for lines in wrapped)
        return [
            " │ ".join(
                (lines[i] if i < len(lines) else "").ljust(w) for lines, w in zip(wrapped, widths, strict=True)
            ).rstrip()
            for i in range(height)
        ]

    out = io.StringIO()
    for line in render(headers):
        out.write(line + "\n")
    out.write(separator + "\n")
    for row in cells:
        for line in render(row):
            out.write(line + "\n")
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")
    return out.getvalue()
