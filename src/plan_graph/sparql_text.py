"""A small lexer for SPARQL text: what kind of request it is, which SERVICEs it calls, where its groups are.

It skips comments, strings and IRIs, so that a keyword or a brace inside them never misleads it. It
does not validate: the store's parser does that and reports errors with their position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
QUERY_KEYWORDS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}

_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_VARIABLE = re.compile(r"[?$][A-Za-z_0-9]+")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class SparqlTextError(ValueError):
    pass


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "iri", "variable", "string", a bracket ("{", "}", "(", ")", "[", "]");
    # "comment" inside this module only
    text: str
    position: int


def tokens(query: str) -> list[Token]:
    """Words, IRIs, variables and braces, in order; strings as one token; comments dropped."""
    return [token for token in _scan(query) if token.kind != "comment"]


def without_comments(query: str) -> str:
    """The query with its comments removed (strings and IRIs that contain "#" are kept whole)."""
    kept, last = [], 0
    for token in _scan(query):
        if token.kind == "comment":
            kept.append(query[last : token.position])
            last = token.position + len(token.text)
    kept.append(query[last:])
    return "".join(kept)


def _scan(query: str) -> Iterator[Token]:
    """The one pass over the text both functions above rely on; comments are tokens here."""
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char == "#":
            end = query.find("\n", i)
            end = n if end < 0 else end
            yield Token("comment", query[i:end], i)
            i = end
        elif char in "\"'":
            end = _string_end(query, i)
            yield Token("string", query[i:end], i)
            i = end
        elif char == "<" and _is_iri(query, i):
            end = query.index(">", i) + 1
            yield Token("iri", query[i + 1 : end - 1], i)
            i = end
        elif char in "{}()[]":
            yield Token(char, char, i)
            i += 1
        elif char in "?$" and (match := _VARIABLE.match(query, i)):
            yield Token("variable", match.group(0), i)
            i = match.end()
        elif match := _WORD.match(query, i):
            yield Token("word", match.group(0), i)
            i = match.end()
        else:
            i += 1


def _string_end(query: str, start: int) -> int:
    quote = query[start]
    if query.startswith(quote * 3, start):
        end = query.find(quote * 3, start + 3)
        if end < 0:
            raise SparqlTextError(f"unterminated string at character {start}")
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
    raise SparqlTextError(f"unterminated string at character {start}")


def _is_iri(query: str, start: int) -> bool:
    """`<` opens an IRI unless it is the less-than operator (then a space or `=` follows before `>`)."""
    end = query.find(">", start)
    return end > start and not _IRI_FORBIDDEN.search(query[start + 1 : end])


def nesting_depth(query: str) -> int:
    """How deep groups, expressions and blank-node lists nest: `{ ( [` count alike.

    Parsers recurse on each level; a query nested thousands deep overflows their stack (Oxigraph's aborts
    the process), so an endpoint checks this before any parser sees the text."""
    depth = deepest = 0
    for token in tokens(query):
        if token.kind in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif token.kind in ("}", ")", "]"):
            depth -= 1
    return deepest


def operation(query: str) -> str:
    """The first query or update keyword (upper case): SELECT, CONSTRUCT, ASK, DESCRIBE, INSERT, LOAD, …"""
    for token in tokens(query):
        if token.kind == "word":
            word = token.text.upper()
            if word in QUERY_KEYWORDS or word in UPDATE_KEYWORDS:
                return word
    return ""


def is_update(query: str) -> bool:
    """Whether the text is (or contains) a SPARQL Update operation rather than a query."""
    words = [t.text.upper() for t in tokens(query) if t.kind == "word"]
    first = next((w for w in words if w in QUERY_KEYWORDS | UPDATE_KEYWORDS), "")
    # "DELETE" / "INSERT" / "LOAD" … as the operation; a query never starts with them
    return first in UPDATE_KEYWORDS


def service_targets(query: str) -> list[str]:
    """The endpoints a query's SERVICE clauses call: IRIs, or "?var" for a variable endpoint."""
    found = []
    sequence = tokens(query)
    for index, token in enumerate(sequence):
        if token.kind == "word" and token.text.upper() == "SERVICE":
            following = [t for t in sequence[index + 1 : index + 3]]
            if following and following[0].kind == "word" and following[0].text.upper() == "SILENT":
                following = following[1:]
            target = following[0] if following else None
            found.append(target.text if target and target.kind in ("iri", "variable") else "?")
    return found


def top_level_braces(query: str) -> list[tuple[int, str]]:
    """Positions of the `{` that open a top-level group, each with the keyword word before it."""
    found: list[tuple[int, str]] = []
    depth = 0
    last_word = ""
    for token in tokens(query):
        if token.kind == "word":
            last_word = token.text.upper()
        elif token.kind == "{":
            if depth == 0:
                found.append((token.position, last_word))
            depth += 1
        elif token.kind == "}":
            depth -= 1
    return found
