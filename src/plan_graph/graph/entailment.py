"""The entailments the ontology is designed for, materialised: the rules of `rules/` run to a fixpoint on Oxigraph.

Stores that do no reasoning (Oxigraph, Virtuoso by default, a dump loaded anywhere) then answer `?x a pg:Actor`
as a reasoner would. The rules are SPARQL CONSTRUCT queries (rules/README.md names each after its OWL 2 RL
rule) rather than a general engine such as owlrl: the ontology needs six rules, which Oxigraph runs on the plan
in 0.09 s, where owlrl takes 2.1 s (RDFS) or 3.4 s (OWL 2 RL) and adds the axiomatic triples of RDF, RDFS and
OWL, which a consumer has no use for (`python -m bench --sections entailments`, bench/RESULTS.md 1b).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from plan_graph.errors import InputError
from plan_graph.graph.names import ONTOLOGY, rebased
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


def rules(folder: Path | None = None) -> list[Rule]:
    folder = folder or project_dir("rules")
    return [Rule(path.stem, rebased(path.read_text(encoding="utf-8"))) for path in sorted(folder.glob("*.rq"))]


def ontology_store() -> ox.Store:
    """A store holding the ontology in its named graph, ready for the data in the default graph."""
    store = ox.Store()
    store.load(ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ONTOLOGY))
    return store


STATED = ox.NamedNode("urn:plan-graph:entailment:stated")  # the data, while the rules run
ENTAILED = ox.NamedNode("urn:plan-graph:entailment:entailed")  # what the rules add to it


def entail(data: StoredGraph, rule_set: list[Rule] | None = None, store: ox.Store | None = None) -> Entailments:
    """What the rules entail from the data and the ontology (`store`'s named graph, the bundled ontology unless
    given), without what the data states already: a graph of `store` of their own.

    Each round runs every rule as the CONSTRUCT query it is, over the data and what was entailed so far (the
    default graph of the query) with the ontology as its named graph, and adds what it constructs; the rules
    settle when a round adds nothing. What a rule constructs goes back into the store as N-Triples, written and
    read inside Oxigraph: a Python object a triple (store.extend) made the rules at x100 1.27x as slow as the
    SPARQL Updates of 6771ad9, this 1.04x (bench/RESULTS.md, "Regression check against 6771ad9"). (Rewriting
    each rule into a SPARQL Update gains nothing more a user sees, for a second reading of every rule.)"""
    rule_set = rule_set if rule_set is not None else rules()
    store = store if store is not None else ontology_store()
    store.load(data.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=STATED)
    store.clear_graph(ENTAILED)
    size, rounds = len(store), 0
    while True:
        rounds += 1
        if rounds > MAX_ROUNDS:
            raise InputError(
                f"the entailment rules ({', '.join(rule.name for rule in rule_set)}) never settle: "
                f"each of {MAX_ROUNDS} rounds added new triples"
            )
        for rule in rule_set:  # as N-Triples, written and read inside Oxigraph: no Python object a triple
            constructed = cast(bytes, _constructed(rule, store).serialize(format=ox.RdfFormat.N_TRIPLES))
            store.load(constructed, format=ox.RdfFormat.N_TRIPLES, to_graph=ENTAILED)
        grown = len(store)
        if grown == size:
            break
        size = grown
    stated = [
        q
        for q in store.quads_for_pattern(None, None, None, ENTAILED)
        if ox.Quad(q.subject, q.predicate, q.object, STATED) in store
    ]
    for quad in stated:
        store.remove(quad)
    store.remove_graph(STATED)
    written = cast(bytes, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ENTAILED))
    ntriples = b"".join(sorted(written.splitlines(keepends=True)))
    return Entailments(StoredGraph(ntriples, store, ENTAILED), ntriples.count(b"\n"))


def _constructed(rule: Rule, store: ox.Store) -> ox.QueryTriples:
    try:
        result = store.query(rule.query, default_graph=[STATED, ENTAILED], named_graphs=[ox.NamedNode(ONTOLOGY)])
    except SyntaxError as error:
        raise InputError(f"rules/{rule.name}.rq: {error}") from None
    if not isinstance(result, ox.QueryTriples):
        raise InputError(f"rules/{rule.name}.rq: a rule is a query CONSTRUCT {{ … }} WHERE {{ … }}")
    return result
