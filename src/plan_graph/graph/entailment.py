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
from plan_graph.graph.names import ONTOLOGY
from plan_graph.graph.stored import StoredGraph
from plan_graph.resources import project_dir

MAX_ROUNDS = 50  # the plan needs 4; a rule set that never settles is a bug, not a reason to hang


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
    per_rule: dict[str, int]  # rule name -> triples it was the first to add


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
    graph, the bundled ontology unless given), without what the data states already."""
    rule_set = rule_set if rule_set is not None else rules()
    store = store if store is not None else ontology_store()
    store.bulk_load(data.ntriples, format=ox.RdfFormat.N_TRIPLES)
    added: list[ox.Triple] = []
    per_rule = dict.fromkeys((rule.name for rule in rule_set), 0)
    rounds = 0
    while True:
        rounds += 1
        if rounds > MAX_ROUNDS:
            raise InputError(
                f"the entailment rules ({', '.join(rule.name for rule in rule_set)}) never settle: "
                f"each of {MAX_ROUNDS} rounds added new triples"
            )
        new: dict[ox.Triple, None] = {}  # in the order found: the same input gives the same output
        for rule in rule_set:
            for triple in cast(ox.QueryTriples, store.query(rule.query)):  # a CONSTRUCT gives triples
                if triple not in new and _in_default_graph(triple) not in store:
                    new[triple] = None
                    per_rule[rule.name] += 1
        if not new:
            break
        store.extend(_in_default_graph(triple) for triple in new)
        added.extend(new)
    ntriples = b"".join(sorted(f"{triple} .\n".encode() for triple in added))
    inferred = ox.Store()
    inferred.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return Entailments(StoredGraph(ntriples, inferred), len(added), rounds, per_rule)


def _in_default_graph(triple: ox.Triple) -> ox.Quad:
    return ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
