"""Every IRI the project names, as plain strings: the vocabularies it uses and the IRIs it mints for itself.

The one place for them. The build half makes Oxigraph's terms of these (vocab.py) and mints IRIs from them
(iris.py); the serving half (stores, server) uses the strings.
"""

from __future__ import annotations

from plan_graph.settings import DEFAULTS, iri_base

MINTED_ROOT = iri_base()  # every IRI the project mints starts here (default https://w3id.org/plan-graph/, w3id.org's)
WRITTEN_ROOT = DEFAULTS.iri_base  # the base the bundled ontology/, shapes/, rules/ and queries/ are written with
ONTOLOGY = MINTED_ROOT + "ontology"  # the ontology, and the named graph that holds it in a store
SHAPES = MINTED_ROOT + "shapes#"  # the namespace of the project's SHACL shapes (shapes/)
DEFAULT_BASE = MINTED_ROOT + "ro/"  # the base of the plan's and the actors' IRIs
PLAN_SLUG = "hg-861-2018"  # the plan's own part of its IRIs: …/ro/hg-861-2018/activity/1.1.3


# Every kind of IRI the project mints, relative to the base; {plan} is the plan's own part (hg-861-2018).
# Numbered resources end with their own notation or number, so that an IRI always says what it names.
PATHS = {
    "plan": "{plan}",
    "act": "eli/hg/2018/861",  # Romanian acts have no official ELI yet: a local IRI shaped like one
    "source-text": "{plan}/source",
    "line": "{plan}/source/line/{number}",
    "area": "{plan}/area/{number}",
    "objective": "{plan}/objective/{notation}",
    "activity": "{plan}/activity/{notation}",
    "indicator": "{plan}/activity/{notation}/indicator/{position}",
    "deadline": "{plan}/activity/{notation}/deadline/{position}",
    "resource": "{plan}/activity/{notation}/resource/{position}",
    "actor-item": "{plan}/activity/{notation}/{role}/{position}",  # role: "responsible" or "partner"
    "correction": "{plan}/correction/{position}",
    "abbreviation": "{plan}/abbreviation/{code}",
    "system": "system/{id}",
    "actor": "actor/{id}",
    # what the release offers (datasets.py): the plan, and the statistics and recommendations around it
    "dataset": "{plan}/dataset",
    "statistics-dataset": "statistics/dataset",
    "monitoring-dataset": "{plan}/monitoring/dataset",
    # around the plan (text/statistics.py): documents, their figures as a Data Cube, their recommendations
    "document": "document/{id}",
    "publisher": "publisher/{id}",
    "statistics": "statistics/romania",
    "statistics-structure": "statistics/romania/structure",
    "statistics-of-periods": "statistics/romania/periods",  # figures of a period of years, not of one year
    "statistics-of-periods-structure": "statistics/romania/periods/structure",
    "observation": "statistics/romania/{measure}/{year}/{sex}/{age}/{form}/{document}",  # of all citizenships
    "observation-of-citizens": "statistics/romania/{measure}/{year}/{sex}/{age}/{form}/{citizenship}/{document}",
    "series-note": "statistics/romania/note/{id}",
    "recommendation": "recommendation/{id}",
    "answer": "recommendation/{id}/answer/{notation}",
    # monitoring (graph/monitoring.py): a round is a period ("2019") or "external" (published reports)
    "monitoring-round": "{plan}/monitoring/{round}",
    "external-assessment": "{plan}/monitoring/external/assessment/{id}",
    "sentence-appearance": "{plan}/monitoring/external/assessment/{id}/appearance/{document}",
    "submission": "{plan}/monitoring/{round}/submission/{reporter}/{revision}",
    "self-report": "{plan}/monitoring/{round}/assessment/{notation}/{reporter}",
    "progress": "{plan}/monitoring/progress",
    "progress-structure": "{plan}/monitoring/progress/structure",
    "progress-value": "{plan}/monitoring/{round}/value/{notation}/{position}/{reporter}",
}


def rebased(text: str) -> str:
    """A bundled file's text (written with the default base) with its IRIs under this run's base: read through this,
    the ontology, the shapes, the rules and the queries name what the build mints, whatever `--base` says."""
    return text if MINTED_ROOT == WRITTEN_ROOT else text.replace(WRITTEN_ROOT, MINTED_ROOT)


def minted(kind: str, base: str = DEFAULT_BASE, **values: object) -> str:
    """The IRI of that kind under `base` (graph/iris.py's Iris makes Oxigraph's terms of these)."""
    return base + PATHS[kind].format(plan=PLAN_SLUG, **values)


def plan_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph that holds the plan in a triple store (`plan-graph publish`)."""
    return f"{base}{PLAN_SLUG}/graph"


def actors_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph that holds the actor registry in a triple store."""
    return f"{base}actor/graph"


def statistics_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph of the documents around the plan, their figures (a Data Cube) and recommendations."""
    return f"{base}statistics/graph"


def monitoring_graph(round_name: str, base: str = DEFAULT_BASE) -> str:
    """The named graph of a reporting round ("2019": the self-reports for 2019) or of the external assessments
    ("external"); each replaced as a whole, the others kept."""
    return f"{base}{PLAN_SLUG}/monitoring/{round_name}"


def inferred_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph that holds the entailments of the plan and the actors (rules/, graph/entailment.py)."""
    return f"{base}{PLAN_SLUG}/inferred"


def in_actor_registry(subject: str, base: str = DEFAULT_BASE) -> bool:
    """Whether statements about `subject` belong to the actor registry's graph (an actor, a kind of actor) rather
    than the plan's: the one rule publish, the embedded store and the dumps split the built graph by."""
    return subject.startswith((f"{base}actor/", PREFIXES["kind"]))


PLAN_GRAPH = plan_graph()
ACTORS_GRAPH = actors_graph()
INFERRED_GRAPH = inferred_graph()
STATISTICS_GRAPH = statistics_graph()
EXTERNAL_ASSESSMENTS_GRAPH = monitoring_graph("external")
# what a remote store's queries read as their default graph (with the reporting rounds it holds: RemoteStore)
DATA_GRAPHS = (PLAN_GRAPH, ACTORS_GRAPH, INFERRED_GRAPH, STATISTICS_GRAPH, EXTERNAL_ASSESSMENTS_GRAPH)

# prefix -> namespace IRI, for every vocabulary the graph uses (the prefixes of Turtle output and of queries)
PREFIXES = {
    "pg": ONTOLOGY + "#",
    "kind": ONTOLOGY + "/kind/",
    "form": ONTOLOGY + "/form/",
    "series": ONTOLOGY + "/series/",
    "status": ONTOLOGY + "/status/",
    "note": ONTOLOGY + "/series-note/",
    "citizenship": ONTOLOGY + "/citizenship/",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdg": "http://metadata.un.org/sdg/",
    "sdgc": "http://metadata.un.org/sdg/codes/",
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "freq": "http://publications.europa.eu/resource/authority/frequency/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "vann": "http://purl.org/vocab/vann/",
    "lang": "http://publications.europa.eu/resource/authority/language/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def curie(iri: object, extra: dict[str, str] | None = None) -> str:
    """An IRI as prefix:name with the project's prefixes (and `extra` ones), the longest namespace first;
    the IRI itself when none fits or it is a namespace itself."""
    text = str(iri)
    namespaces = {**PREFIXES, **(extra or {})}
    for prefix, namespace in sorted(namespaces.items(), key=lambda item: -len(item[1])):
        if text.startswith(namespace) and text != namespace:
            return f"{prefix}:{text[len(namespace) :]}"
    return text
