"""The entailments the ontology is designed for, materialised: the rules of `rules/` run to a fixpoint on Oxigraph.

Stores that do no reasoning (Oxigraph, Virtuoso by default, a dump loaded anywhere) then answer `?x a pg:Actor`
as a reasoner would. The rules are SPARQL CONSTRUCT queries (rules/README.md names each after its OWL 2 RL
rule) rather than a general engine such as owlrl: the ontology needs six rules, which Oxigraph runs on the plan
in 0.09 s, where owlrl takes 2.1 s (RDFS) or 3.4 s (OWL 2 RL) and adds the axiomatic triples of RDF, RDFS and
OWL, which a consumer has no use for (`python -m bench --sections entailments`, bench/RESULTS.md 1b).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from plan_graph.errors import InputError
from plan_graph.graph.names import ONTOLOGY
from plan_graph.graph.ontology import ontology_ntriples
from plan_graph.graph.stored import StoredGraph
from plan_graph.resources import project_dir

MAX_ROUNDS = 50  # the plan settles in a few; a rule set that never settles is a bug, not a reason to hang


@dataclass(frozen=True)
class Rule:
    name: str  # the file's stem: "subclass"
    query: str


@dataclass(frozen=True)
class Entailments:
    """The triples the rules add to a graph, and how they were found."""

    inferred: StoredGraph
    count: int
    rounds: int  # rounds of all the rules, the last one adding nothing


def rules(folder: Path | None = None) -> list[Rule]:
    folder = folder or project_dir("rules")
    return [Rule(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.rq"))]


def ontology_store() -> ox.Store:
    """A store holding the ontology in its named graph, ready for the data in the default graph."""
    store = ox.Store()
    store.load(ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ONTOLOGY))
    return store


DATA_GRAPH = ox.NamedNode("urn:plan-graph:entailment:data")  # the data, while the rules run
INFERRED_GRAPH = ox.NamedNode("urn:plan-graph:entailment:inferred")  # what the rules add


def entail(data: StoredGraph, rule_set: list[Rule] | None = None, store: ox.Store | None = None) -> Entailments:
    """What the rules entail from the data and the ontology (`store`'s named graph, the bundled ontology unless
    given), without what the data states already: a graph of `store` of their own.

    The data is loaded into a graph of `store` too. Each rule runs as the SPARQL Update its CONSTRUCT stands for,
    reading the data and what was inferred so far (USING) and writing to the entailments' graph (WITH), so that
    the whole fixpoint stays inside Oxigraph (which lets other threads run meanwhile: asking each constructed
    triple back in Python cost as much as the rules themselves), and what the data stated is taken out of the
    entailments by one update at the end (no dump of the data to compare with)."""
    rule_set = rule_set if rule_set is not None else rules()
    store = store if store is not None else ontology_store()
    store.load(data.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=DATA_GRAPH)
    store.clear_graph(INFERRED_GRAPH)
    updates = [_as_insert(rule) for rule in rule_set]
    size, rounds = _size(store), 0
    while True:
        rounds += 1
        if rounds > MAX_ROUNDS:
            raise InputError(
                f"the entailment rules ({', '.join(rule.name for rule in rule_set)}) never settle: "
                f"each of {MAX_ROUNDS} rounds added new triples"
            )
        for update in updates:
            store.update(update)
        grown = _size(store)
        if grown == size:
            break
        size = grown
    store.update(
        f"DELETE {{ GRAPH {INFERRED_GRAPH} {{ ?s ?p ?o }} }} "
        f"WHERE {{ GRAPH {INFERRED_GRAPH} {{ ?s ?p ?o }} GRAPH {DATA_GRAPH} {{ ?s ?p ?o }} }}"
    )
    store.remove_graph(DATA_GRAPH)
    written = cast(bytes, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=INFERRED_GRAPH))
    ntriples = b"".join(sorted(written.splitlines(keepends=True)))
    return Entailments(StoredGraph(ntriples, store, INFERRED_GRAPH), ntriples.count(b"\n"), rounds)


def _size(store: ox.Store) -> int:
    """How many triples were inferred so far: the entailments' graph alone, whatever else a given store holds."""
    counted = cast(
        ox.QuerySolutions, store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {INFERRED_GRAPH} {{ ?s ?p ?o }} }}")
    )
    return int(cast(ox.Literal, next(counted)["n"]).value)


_CONSTRUCT = re.compile(r"^CONSTRUCT\b", re.MULTILINE | re.IGNORECASE)
# what the template's braces are counted past: IRIs, strings and comments (which may hold braces of their own)
_SKIPPED = re.compile(r"<[^>]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|#[^\n]*")


def _as_insert(rule: Rule) -> str:
    """The rule's CONSTRUCT { template } WHERE { pattern } as WITH <entailments> INSERT { template }
    USING <data> USING <entailments> USING NAMED <ontology> WHERE { pattern }."""
    construct = _CONSTRUCT.search(rule.query)
    end = _template_end(rule.query, construct.end()) if construct else None
    if construct is None or end is None:
        raise InputError(
            f"rules/{rule.name}.rq: a rule is a query CONSTRUCT {{ … }} WHERE {{ … }}, its CONSTRUCT "
            "at the start of a line"
        )
    dataset = f"USING {DATA_GRAPH} USING {INFERRED_GRAPH} USING NAMED <{ONTOLOGY}>"
    return (
        f"{rule.query[: construct.start()]}WITH {INFERRED_GRAPH} INSERT{rule.query[construct.end() : end]}\n"
        f"{dataset}\n{rule.query[end:]}"
    )


def _template_end(query: str, start: int) -> int | None:
    """Where the template that starts after `start` ends: just past its closing brace (None: no template)."""
    depth, position = 0, start
    while position < len(query):
        skipped = _SKIPPED.match(query, position)
        if skipped:
            position = skipped.end()
            continue
        character = query[position]
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return position + 1
        elif depth == 0 and not character.isspace():
            return None  # something else before the template: CONSTRUCT WHERE, which has none
        position += 1
    return None
