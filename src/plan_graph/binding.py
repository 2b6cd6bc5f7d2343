"""Binding parameter values into a SPARQL query as a VALUES block: RDF terms, never text.

Oxigraph's substitutions only bind projected variables, and a remote endpoint has no bindings API at
all, so one mechanism serves every store: the values, written as N-Triples terms (escaped), go in a
`VALUES` block at the start of the query's WHERE group, which SPARQL evaluates as a join with the
rest of the pattern. The WHERE group is found by a small lexer that skips comments, strings and IRIs,
so no brace inside them can mislead it.
"""

from __future__ import annotations

import re

from .results import Value

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class BindingError(ValueError):
    pass


def term(value: Value) -> str:
    """The value as a SPARQL/N-Triples term; an IRI that could break out of its brackets is refused."""
    if value.kind == "uri" and _IRI_FORBIDDEN.search(value.value):
        raise BindingError(f"not a valid IRI: {value.value!r}")
    if value.kind == "bnode":
        raise BindingError("a blank node cannot be bound as a parameter")
    return value.to_ntriples()


def top_level_braces(query: str) -> list[tuple[int, str]]:
    """Positions of the `{` that open a top-level group, with the keyword word before each."""
    found: list[tuple[int, str]] = []
    depth = 0
    last_word = ""
    i = 0
    n = len(query)
    while i < n:
        char = query[i]
        if char == "#":  # a comment, to the end of the line
            end = query.find("\n", i)
            i = n if end < 0 else end
            continue
        if char in "\"'":
            i = _skip_string(query, i)
            continue
        if char == "<" and _looks_like_iri(query, i):
            i = query.index(">", i) + 1
            continue
        if char == "{":
            if depth == 0:
                found.append((i, last_word.upper()))
            depth += 1
        elif char == "}":
            depth -= 1
        elif char.isalpha():
            match = re.compile(r"[A-Za-z_]+").match(query, i)
            last_word = match.group(0)
            i = match.end()
            continue
        i += 1
    return found


def _skip_string(query: str, start: int) -> int:
    quote = query[start]
    if query.startswith(quote * 3, start):
        end = query.find(quote * 3, start + 3)
        if end < 0:
            raise BindingError("unterminated string in the query")
        return end + 3
    i = start + 1
    while i < len(query):
        if query[i] == "\\":
            i += 2
            continue
        if query[i] == quote:
            return i + 1
        if query[i] == "\n":
            break
        i += 1
    raise BindingError("unterminated string in the query")


def _looks_like_iri(query: str, start: int) -> bool:
    """`<` opens an IRI unless it is the less-than operator (followed by space, `=` or a term)."""
    end = query.find(">", start)
    return end > start and not _IRI_FORBIDDEN.search(query[start + 1 : end])


def with_values(query: str, bindings: dict[str, Value]) -> str:
    """The query with a VALUES block binding each variable, at the start of its WHERE group."""
    if not bindings:
        return query
    groups = top_level_braces(query)
    if not groups:
        raise BindingError("the query has no WHERE group to bind parameters in")
    position, keyword = groups[0]
    if keyword == "CONSTRUCT" and len(groups) > 1:
        position = groups[1][0]  # the first group is the CONSTRUCT template, the second the pattern
    names = sorted(bindings)
    block = (
        f" VALUES ({' '.join('?' + name for name in names)}) "
        f"{{ ({' '.join(term(bindings[name]) for name in names)}) }} "
    )
    return query[: position + 1] + block + query[position + 1 :]
