"""A small lexer for SPARQL text: what kind of request it is, which SERVICEs it calls, where its groups are.

It skips comments, strings and IRIs, so that a keyword or a brace inside them never misleads it. It
does not validate: the store's parser does that and reports errors with their position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from plan_graph.errors import InvalidQueryError
from plan_graph.graph.names import PREFIXES

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
QUERY_KEYWORDS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}

_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_VARIABLE = re.compile(r"[?$][A-Za-z_0-9]+")
_IRI_FORBIDDEN_CHARS = r'\x00-\x20<>"{}|^`\\'  # what an IRI reference may not contain (grammar rule [139])
_IRI_FORBIDDEN = re.compile(f"[{_IRI_FORBIDDEN_CHARS}]")
# The prologue (grammar rule [4]): spaces, comments, `BASE <iri>` and `PREFIX name: <iri>`, in any number and case.
# The endpoint checks every query it has not seen: passing this at once spares it tokenising the PREFIX lines.
_IRI_REF = f"<[^{_IRI_FORBIDDEN_CHARS}]*>"
_PROLOGUE = re.compile(
    rf"(?:\s+|#[^\n]*|BASE\s*{_IRI_REF}|PREFIX\s+(?:[^\W\d_][\w.\-]*)?:\s*{_IRI_REF})*", re.IGNORECASE
)


class SparqlTextError(InvalidQueryError):
    pass


class Token(NamedTuple):  # a tuple: the endpoint scans every query it is sent, and a tuple is quick to make
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
    """The one pass over the text both functions above rely on; comments are tokens here.

    `<` opens an IRI or is the less-than operator, and the two readings see different text (an IRI can hide
    a `#`, a comment can hide a `>`): a query reading `FILTER(?a<?b)SERVICE#>` as one IRI would hide a
    SERVICE from the endpoint's checks. The grammar decides by position: less-than only follows an operand
    inside an expression, and expressions are the parenthesised groups after FILTER, BIND, a function name,
    a SELECT, GROUP BY, ORDER BY or HAVING; other parentheses (collections, VALUES rows) hold terms only."""
    i, n = 0, len(query)
    # the open brackets, "(" split into "expression" and "terms"; per `{` level, whether we are in a
    # SELECT clause or the solution modifiers after a group, where any "(" opens an expression
    stack: list[str] = []
    clause: list[bool] = [True]  # outside any brace: the query's own SELECT and modifiers
    previous: list[Token] = []  # the last four significant tokens

    def emit(token: Token) -> Token:
        previous.append(token)
        if len(previous) > 4:
            del previous[0]
        return token

    while i < n:
        char = query[i]
        if char.isspace():  # first, and a whole run at once: most characters of a query are spaces
            spaces = _SPACES.match(query, i)
            i = spaces.end() if spaces else i + 1
        elif char == "#":
            end = query.find("\n", i)
            end = n if end < 0 else end
            yield Token("comment", query[i:end], i)
            i = end
        elif char in "\"'":
            end = _string_end(query, i)
            yield emit(Token("string", query[i:end], i))
            i = end
        elif char == "<" and not _less_than(stack, previous) and _is_iri(query, i):
            end = query.index(">", i) + 1
            yield emit(Token("iri", query[i + 1 : end - 1], i))
            i = end
        elif char in "{[(":
            if char == "(":
                stack.append("expression" if _opens_expression(stack, previous, clause[-1]) else "terms")
            else:
                stack.append(char)
            if char == "{":
                clause.append(False)
            yield emit(Token(char, char, i))
            i += 1
        elif char in "}])":
            if stack and stack.pop() == "{" and len(clause) > 1:
                clause.pop()
            yield emit(Token(char, char, i))
            i += 1
        elif char in "?$" and (match := _VARIABLE.match(query, i)):
            yield emit(Token("variable", match.group(0), i))
            i = match.end()
        elif match := _WORD.match(query, i):
            word = match.group(0).upper()
            if word in _CLAUSE_STARTS:
                clause[-1] = True
            elif word in _CLAUSE_ENDS:
                clause[-1] = False
            yield emit(Token("word", match.group(0), i))
            i = match.end()
        elif match := _NUMBER.match(query, i):
            yield emit(Token("number", match.group(0), i))
            i = match.end()
        else:  # an operator or punctuation: it ends an operand, so what follows is not one
            yield emit(Token("other", char, i))
            i += 1


_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?|\.[0-9]+([eE][+-]?[0-9]+)?")
_OPERANDS = {"variable", "string", "number", "iri", "word", ")", "]"}
_CALLERS = {"FILTER", "HAVING", "BY", "ASC", "DESC"}  # a function call may follow these directly
_CLAUSE_STARTS = {"SELECT", "GROUP", "ORDER", "HAVING"}  # "(" opens an expression in these clauses
_CLAUSE_ENDS = {"WHERE", "LIMIT", "OFFSET", "VALUES"}


def _less_than(stack: list[str], previous: list[Token]) -> bool:
    """Whether a `<` here is the less-than operator: right after an operand, inside an expression."""
    return bool(stack) and stack[-1] == "expression" and bool(previous) and previous[-1].kind in _OPERANDS


def _opens_expression(stack: list[str], previous: list[Token], in_clause: bool) -> bool:
    if not stack or stack[-1] == "expression" or in_clause:
        return True
    if not previous:
        return False
    last = previous[-1]
    if last.kind == "word" and not _is_local_name(previous, len(previous) - 1):
        return last.text.upper() not in ("A", "VALUES")  # a keyword or a function name
    # an IRI or a prefixed name right after FILTER/HAVING/BY is a function called there; elsewhere it is a
    # predicate (or a subject), and a collection follows it
    start = len(previous) - 1
    if last.kind == "word":  # the local part of a prefixed name: go back to its prefix
        start -= 2 if start >= 2 and previous[start - 2].kind == "word" else 1
    elif last.kind != "iri":
        return False
    caller = previous[start - 1] if start >= 1 else None
    return caller is not None and caller.kind == "word" and caller.text.upper() in _CALLERS


def _is_local_name(previous: list[Token], index: int) -> bool:
    return index >= 1 and previous[index - 1].kind == "other" and previous[index - 1].text == ":"


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
    the process), so an endpoint checks this before any parser sees the text (see deeper_than)."""
    depth = deepest = 0
    for token in tokens(query):
        if token.kind in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif token.kind in ("}", ")", "]"):
            depth -= 1
    return deepest


def deeper_than(query: str, limit: int) -> int | None:
    """The query's nesting depth if it is over `limit`, else None: without a scan when the text holds no more than
    `limit` brackets in all (in comments, strings and IRIs too), which no real query comes near."""
    if sum(query.count(bracket) for bracket in "{([") <= limit:
        return None
    depth = nesting_depth(query)
    return depth if depth > limit else None


def operation(query: str) -> str:
    """The first query or update keyword (upper case): SELECT, CONSTRUCT, ASK, DESCRIBE, INSERT, LOAD, …

    Usually the word right after the prologue (its BASE and PREFIX declarations, spaces and comments), which one
    regular expression passes over; otherwise the text is scanned token by token up to the first such keyword."""
    prologue = _PROLOGUE.match(query)  # it matches the empty string at least
    if (first := _WORD.match(query, prologue.end() if prologue else 0)) is not None:
        word = first.group(0).upper()
        if word in QUERY_KEYWORDS or word in UPDATE_KEYWORDS:
            return word
    for token in _scan(query):
        if token.kind == "word":
            word = token.text.upper()
            if word in QUERY_KEYWORDS or word in UPDATE_KEYWORDS:
                return word
    return ""


def service_targets(query: str) -> list[str]:
    """The endpoints a query's SERVICE clauses call: IRIs, or "?var" for a variable endpoint."""
    if "SERVICE" not in query.upper():  # the word nowhere, not even in a comment: no scan needed
        return []
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


def subselect_groups(query: str) -> list[tuple[int, set[str]]]:
    """The `{` that opens each sub-select's WHERE group (a SELECT inside braces), with the variables named inside
    that group: where a parameter must be bound again, since a sub-select sees no variable from outside it."""
    found: list[tuple[int, set[str]]] = []
    open_groups: list[tuple[int, set[str]] | None] = []  # per open `{`: the sub-select group it opens, or None
    pending = 0  # SELECTs inside braces whose WHERE group has not opened yet
    depth = 0
    for token in tokens(query):
        if token.kind == "word" and token.text.upper() == "SELECT" and depth > 0:
            pending += 1
        elif token.kind == "{":
            depth += 1
            if pending:
                pending -= 1
                group: tuple[int, set[str]] = (token.position, set())
                found.append(group)
                open_groups.append(group)
            else:
                open_groups.append(None)
        elif token.kind == "}":
            depth -= 1
            if open_groups:
                open_groups.pop()
        elif token.kind == "variable":
            for enclosing in open_groups:
                if enclosing is not None:
                    enclosing[1].add(token.text[1:])
    return found


_PREFIX_NOT_FOUND = re.compile(r"error at (\d+):(\d+): .*Prefix not found", re.S)


def malformed(query: str, error: Exception) -> str:
    """The parser's refusal of a query, for a person: an undeclared prefix in one line that names it, with the
    PREFIX line that declares it when it is one of the project's (Oxigraph lists every character it could have
    read there instead); anything else as the parser says it."""
    found = _PREFIX_NOT_FOUND.search(str(error))
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        lines = query.splitlines() or [""]
        before = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", before)
        if name:
            prefix = name.group(1) or ""
            where = f"line {line}, column {column - len(name.group(0))}"
            if prefix in PREFIXES:
                return (
                    f"malformed query: the prefix '{prefix}:' is not declared ({where}); add "
                    f"PREFIX {prefix}: <{PREFIXES[prefix]}>"
                )
            return f"malformed query: the prefix '{prefix}:' is not declared ({where}); add a PREFIX line for it"
    return f"malformed query: {error}"
