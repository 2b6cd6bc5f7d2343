"""SPARQL results as plain data, and the standard formats they are printed in.

One representation for every store (embedded or remote): SELECT rows in the shape of SPARQL 1.1 Query
Results JSON, ASK as a boolean, CONSTRUCT/DESCRIBE as triples of the same terms.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Value:
    kind: str  # "uri", "literal", "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    def to_json(self) -> dict[str, str]:
        term = {"type": self.kind, "value": self.value}
        if self.lang:
            term["xml:lang"] = self.lang
        elif self.datatype and self.datatype != XSD_STRING:
            term["datatype"] = self.datatype
        return term

    def to_ntriples(self) -> str:
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        escaped = (
            self.value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if self.lang:
            return f'"{escaped}"@{self.lang}'
        if self.datatype and self.datatype != XSD_STRING:
            return f'"{escaped}"^^<{self.datatype}>'
        return f'"{escaped}"'


@dataclass(frozen=True)
class SelectResult:
    variables: list[str]
    rows: list[dict[str, Value]]

    def column(self, name: str) -> list[str | None]:
        return [row[name].value if name in row else None for row in self.rows]


@dataclass(frozen=True)
class AskResult:
    value: bool


@dataclass(frozen=True)
class GraphResult:
    triples: list[tuple[Value, Value, Value]]


QueryResult = SelectResult | AskResult | GraphResult

TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")  # SELECT and ASK
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "rdfxml")  # CONSTRUCT and DESCRIBE
FORMATS = TABLE_FORMATS + GRAPH_FORMATS
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "table": "text/plain",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


class FormatError(ValueError):
    """The result cannot be written in the format asked for (a graph as CSV, rows as Turtle)."""


def to_json(result: SelectResult) -> str:
    document: dict = {
        "head": {"vars": result.variables},
        "results": {"bindings": [{name: value.to_json() for name, value in row.items()} for row in result.rows]},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: SelectResult) -> str:
    # SPARQL 1.1 Query Results CSV: values only, CRLF line ends, as spreadsheets expect
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([row[name].value if name in row else "" for name in result.variables])
    return buffer.getvalue()


def to_tsv(result: SelectResult) -> str:
    # SPARQL 1.1 Query Results TSV: terms in N-Triples syntax, so types and languages survive
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        lines.append("\t".join(row[name].to_ntriples() if name in row else "" for name in result.variables))
    return "\n".join(lines) + "\n"


def to_table(result: SelectResult, width: int | None = None, max_cell: int = 60) -> str:
    """An aligned table for a terminal: long cells are wrapped onto several lines, never cut."""
    width = width or shutil.get_terminal_size((160, 24)).columns
    headers = result.variables
    cells = [[row[name].value if name in row else "" for name in headers] for row in result.rows]
    widths = [
        min(max_cell, max([len(h), *(len(line) for row in cells for line in row[i].splitlines() or [""])]))
        for i, h in enumerate(headers)
    ]
    # shrink the widest columns until the table fits the terminal; wrapped cells keep every word
    while sum(widths) + 3 * (len(widths) - 1) > width and max(widths, default=0) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    separator = "─┼─".join("─" * w for w in widths)

    def render(row: list[str]) -> list[str]:
        wrapped = [textwrap.wrap(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        height = max(len(lines) for lines in wrapped)
        return [
            " │ ".join(
                (lines[i] if i < len(lines) else "").ljust(w) for lines, w in zip(wrapped, widths, strict=True)
            ).rstrip()
            for i in range(height)
        ]

    out = [*render(headers), separator]
    for row in cells:
        out.extend(render(row))
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def to_xml(result: SelectResult) -> str:
    """SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("  <head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
    out.append("  <results>")
    for row in result.rows:
        bindings = []
        for name, value in row.items():
            if value.kind == "uri":
                term = f"<uri>{xml_escape(value.value)}</uri>"
            elif value.kind == "bnode":
                term = f"<bnode>{xml_escape(value.value)}</bnode>"
            elif value.lang:
                term = f"<literal xml:lang={quoteattr(value.lang)}>{xml_escape(value.value)}</literal>"
            elif value.datatype and value.datatype != XSD_STRING:
                term = f"<literal datatype={quoteattr(value.datatype)}>{xml_escape(value.value)}</literal>"
            else:
                term = f"<literal>{xml_escape(value.value)}</literal>"
            bindings.append(f"<binding name={quoteattr(name)}>{term}</binding>")
        out.append("    <result>" + "".join(bindings) + "</result>")
    out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _render_ask(result: AskResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": result.value}) + "\n"
    if fmt == "xml":
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if result.value else 'false'}</boolean></sparql>\n"
        )
    if fmt in GRAPH_FORMATS:
        raise FormatError(f"an ASK result is true or false; use one of {', '.join(TABLE_FORMATS)}")
    return ("true" if result.value else "false") + "\n"


def to_ntriples(result: GraphResult) -> str:
    return "".join(f"{s.to_ntriples()} {p.to_ntriples()} {o.to_ntriples()} .\n" for s, p, o in result.triples)


def _render_graph(result: GraphResult, fmt: str) -> str:
    if fmt not in GRAPH_FORMATS:
        raise FormatError(f"CONSTRUCT and DESCRIBE results are graphs; use one of {', '.join(GRAPH_FORMATS)}")
    if fmt == "nt":
        return to_ntriples(result)
    from rdflib import Graph  # only for Turtle and JSON-LD: rdflib is slow to import

    from .namespaces import PREFIXES

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=to_ntriples(result), format="nt")
    if fmt == "jsonld":
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, auto_compact=True)
    if fmt == "rdfxml":
        return graph.serialize(format="xml")
    return graph.serialize(format="turtle")


def from_json(document: dict) -> SelectResult | AskResult:
    """A SPARQL 1.1 Query Results JSON document (SELECT or ASK) as a result."""
    if "boolean" in document:
        return AskResult(bool(document["boolean"]))
    rows = []
    for binding in document["results"]["bindings"]:
        row = {}
        for name, term in binding.items():
            kind = "literal" if term["type"] in ("literal", "typed-literal") else term["type"]
            row[name] = Value(kind, term["value"], term.get("datatype"), term.get("xml:lang"))
        rows.append(row)
    return SelectResult(document["head"]["vars"], rows)


def render(result: QueryResult, fmt: str | None = None) -> str:
    """The result in a format; by default a table for rows and booleans, Turtle for a graph."""
    if isinstance(result, AskResult):
        return _render_ask(result, fmt or "table")
    if isinstance(result, GraphResult):
        return _render_graph(result, fmt or "turtle")
    fmt = fmt or "table"
    if fmt in GRAPH_FORMATS:
        raise FormatError(f"SELECT results are rows; use one of {', '.join(TABLE_FORMATS)}")
    writers = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
    return writers[fmt](result)
