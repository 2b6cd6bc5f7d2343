"""SPARQL SELECT results as plain data, and the formats they are printed in.

One representation for every store (embedded or remote): the shape of SPARQL 1.1 Query Results JSON.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from dataclasses import dataclass

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


FORMATS = ("table", "csv", "tsv", "json")


def to_json(result: SelectResult) -> str:
    document = {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [{name: value.to_json() for name, value in row.items()} for row in result.rows]
        },
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
                (lines[i] if i < len(lines) else "").ljust(w)
                for lines, w in zip(wrapped, widths, strict=True)
            ).rstrip()
            for i in range(height)
        ]

    out = [*render(headers), separator]
    for row in cells:
        out.extend(render(row))
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def render(result: SelectResult, fmt: str) -> str:
    return {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](result)
