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


def ontology_store(ontology_files: list[Path] | None = None) -> ox.Store:
    """A store holding the ontology in its named graph, ready for the data in the default graph."""
    store = ox.Store()
    for path in ontology_files if ontology_files is not None else sorted(project_dir("ontology").glob("*.ttl")):
        store.bulk_load(path=path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY))
    return store


def entail(data: StoredGraph, rule_set: list[Rule] | None = None, store: ox.Store | None = None) -> Entailments:
    """What the rules entail from the data (its triples in the default graph) and the ontology (`store`'s named
    graph, the bundled ontology unless given), without what the data states already.

    Each rule runs as the SPARQL Update its CONSTRUCT stands for (INSERT the template WHERE the pattern holds),
    so that the whole fixpoint stays inside Oxigraph (which lets other threads run meanwhile): asking each
    constructed triple back in Python cost as much as the rules themselves. What the data stated is taken out of
    the default graph's N-Triples at the end."""
    rule_set = rule_set if rule_set is not None else rules()
    store = store if store is not None else ontology_store()
    store.bulk_load(data.ntriples, format=ox.RdfFormat.N_TRIPLES)  # what the rules read and add to
    stated = set(_default_graph_lines(store))  # as Oxigraph writes them, to compare with what it writes after
    updates = [_as_insert(rule) for rule in rule_set]
    size, rounds = len(store), 0
    while True:
        rounds += 1
        if rounds > MAX_ROUNDS:
            raise InputError(
                f"the entailment rules ({', '.join(rule.name for rule in rule_set)}) never settle: "
                f"each of {MAX_ROUNDS} rounds added new triples"
            )
        for update in updates:
            store.update(update)
        grown = len(store)
        if grown == size:
            break
        size = grown
    ntriples = b"".join(sorted(line for line in _default_graph_lines(store) if line not in stated))
    inferred = ox.Store()
    inferred.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return Entailments(StoredGraph(ntriples, inferred), ntriples.count(b"\n"), rounds)


def _default_graph_lines(store: ox.Store) -> list[bytes]:
    written = cast(bytes, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    return written.splitlines(keepends=True)


_CONSTRUCT = re.compile(r"^CONSTRUCT\b", re.MULTILINE | re.IGNORECASE)


def _as_insert(rule: Rule) -> str:
    """The rule's CONSTRUCT { template } WHERE { pattern } as INSERT { template } WHERE { pattern }."""
    update, found = _CONSTRUCT.subn("INSERT", rule.query, count=1)
    if not found:
        raise InputError(f"rules/{rule.name}.rq: a rule is a query CONSTRUCT {{ … }} WHERE {{ … }}, its CONSTRUCT "
                         "at the start of a line")  # fmt: skip
    return update
