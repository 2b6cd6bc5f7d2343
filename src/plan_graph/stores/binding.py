"""Binding parameter values into a SPARQL query as a VALUES block: RDF terms, never text.

Oxigraph's substitutions only bind projected variables, and a remote endpoint has no bindings API at
all, so one mechanism serves every store: the values, written as N-Triples terms (escaped), go in a
`VALUES` block at the start of the query's WHERE group, which SPARQL evaluates as a join with the
rest of the pattern, and at the start of every sub-select's WHERE group that names the parameter (a
sub-select is evaluated on its own: it would not see it). The groups are found by the lexer of
sparql_text.py, which skips comments, strings and IRIs, so no brace inside them can mislead it.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from plan_graph.errors import UsageError
from plan_graph.stores.sparql_text import SparqlTextError, subselect_groups, top_level_braces

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
Bindable = ox.NamedNode | ox.Literal


class BindingError(UsageError):
    pass


__all__ = ["BindingError", "SparqlTextError", "limited", "term", "top_level_braces", "with_values"]


def term(value: Bindable) -> str:
    """The value as a SPARQL/N-Triples term (pyoxigraph writes it, escaped); an IRI that could break out of its
    brackets is refused, and so is a blank node."""
    if isinstance(value, ox.NamedNode) and _IRI_FORBIDDEN.search(value.value):
        raise BindingError(f"not a valid IRI: {value.value!r}")
    if not isinstance(value, (ox.NamedNode, ox.Literal)):
        raise BindingError("only an IRI or a literal can be bound as a parameter")
    return str(value)


def with_values(query: str, bindings: dict[str, Bindable]) -> str:
    """The query with a VALUES block binding each variable, at the start of its WHERE group, and again at the start
    of each sub-select's WHERE group that names the variable (a sub-select sees nothing from outside it)."""
    if not bindings:
        return query
    try:
        groups = top_level_braces(query)
        inner = subselect_groups(query)
    except SparqlTextError as error:
        raise BindingError(str(error)) from error
    if not groups:
        raise BindingError("the query has no WHERE group to bind parameters in")
    position, keyword = groups[0]
    if keyword == "CONSTRUCT" and len(groups) > 1:  # "CONSTRUCT WHERE { … }" has one group only
        position = groups[1][0]  # the first group is the CONSTRUCT template, the second the pattern
    inserts = [(position, sorted(bindings))]
    inserts += [(start, sorted(set(bindings) & named)) for start, named in inner if set(bindings) & named]
    for start, names in sorted(inserts, reverse=True):  # from the end, so that earlier positions stay valid
        block = (
            f" VALUES ({' '.join('?' + name for name in names)}) "
            f"{{ ({' '.join(term(bindings[name]) for name in names)}) }} "
        )
        query = query[: start + 1] + block + query[start + 1 :]
    return query


def limited(query: str, limit: int | None) -> str:
    """The query with at most `limit` solutions (a LIMIT after its own modifiers; None: as it is). For queries of the
    program's own that end with their WHERE group or ORDER BY, as SPARQL allows one LIMIT only."""
    return query if limit is None else f"{query.rstrip()}\nLIMIT {int(limit)}\n"
