"""VoID (https://www.w3.org/TR/void/) and SPARQL 1.1 Service Descriptions, computed from a store, as Oxigraph's
triples."""

from __future__ import annotations

import pyoxigraph as ox

from plan_graph.graph.formats import GRAPH_FORMATS, RESULTS_FORMATS
from plan_graph.graph.names import PREFIXES
from plan_graph.graph.vocab import DCTERMS, RDF, XSD, Vocabulary
from plan_graph.stores.counts import DatasetStatistics, Linkset

VOID = Vocabulary("http://rdfs.org/ns/void#")
SD = Vocabulary("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Vocabulary("http://www.w3.org/ns/formats/")
VOID_PREFIXES = {"void": str(VOID), **PREFIXES}  # for the Turtle of a VoID description
SERVICE_PREFIXES = {"sd": str(SD), "void": str(VOID), "formats": str(FORMATS), **PREFIXES}


def _integer(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=XSD.integer)


def void_graph(
    stats: DatasetStatistics,
    dataset: ox.NamedNode,
    title: tuple[str, str],
    vocabularies: tuple[str, ...],
    uri_space: str,
    endpoint: str | None = None,
    dumps: tuple[str, ...] = (),
    links: tuple[Linkset, ...] = (),
) -> list[ox.Triple]:
    """The VoID description of one dataset: its title (Romanian, English), the prefixes of its vocabularies, its
    counts, where to query and download it, and its links to other datasets."""
    graph = [
        ox.Triple(dataset, RDF.type, VOID.Dataset),
        ox.Triple(dataset, DCTERMS.title, ox.Literal(title[0], language="ro")),
        ox.Triple(dataset, DCTERMS.title, ox.Literal(title[1], language="en")),
        ox.Triple(dataset, VOID.triples, _integer(stats.triples)),
        ox.Triple(dataset, VOID.distinctSubjects, _integer(stats.subjects)),
        ox.Triple(dataset, VOID.distinctObjects, _integer(stats.objects)),
        ox.Triple(dataset, VOID.entities, _integer(stats.entities)),
        ox.Triple(dataset, VOID.classes, _integer(len(stats.classes))),
        ox.Triple(dataset, VOID.properties, _integer(len(stats.properties))),
        ox.Triple(dataset, VOID.uriSpace, ox.Literal(uri_space)),
    ]
    if endpoint:
        graph.append(ox.Triple(dataset, VOID.sparqlEndpoint, ox.NamedNode(endpoint)))
    graph += [ox.Triple(dataset, VOID.dataDump, ox.NamedNode(dump)) for dump in dumps]
    graph += [ox.Triple(dataset, VOID.exampleResource, ox.NamedNode(example)) for example in stats.examples]
    graph += [ox.Triple(dataset, VOID.vocabulary, ox.NamedNode(PREFIXES[prefix])) for prefix in vocabularies]
    for cls, count in sorted(stats.classes.items()):
        partition = ox.BlankNode()
        graph.append(ox.Triple(dataset, VOID.classPartition, partition))
        graph.append(ox.Triple(partition, VOID["class"], ox.NamedNode(cls)))
        graph.append(ox.Triple(partition, VOID.entities, _integer(count)))
    for prop, count in sorted(stats.properties.items()):
        partition = ox.BlankNode()
        graph.append(ox.Triple(dataset, VOID.propertyPartition, partition))
        graph.append(ox.Triple(partition, VOID.property, ox.NamedNode(prop)))
        graph.append(ox.Triple(partition, VOID.triples, _integer(count)))
    for link in links:
        linkset = ox.NamedNode(
            f"{dataset.value}-links-{link.target.rsplit('/', 1)[-1]}-"
            f"{link.predicate.rsplit('/', 1)[-1].rsplit('#', 1)[-1]}"
        )
        target = ox.NamedNode(link.target)
        graph += [
            ox.Triple(target, RDF.type, VOID.Dataset),
            ox.Triple(dataset, VOID.subset, linkset),
            ox.Triple(linkset, RDF.type, VOID.Linkset),
            ox.Triple(linkset, VOID.subjectsTarget, dataset),
            ox.Triple(linkset, VOID.objectsTarget, target),
            ox.Triple(linkset, VOID.linkPredicate, ox.NamedNode(link.predicate)),
            ox.Triple(linkset, VOID.triples, _integer(link.triples)),
        ]
    return graph


def service_description(
    endpoint: str, stats: DatasetStatistics, named_graphs: dict[str, int], federated: bool
) -> list[ox.Triple]:
    """A SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/)."""
    service = ox.NamedNode(endpoint)
    graph = [
        ox.Triple(service, RDF.type, SD.Service),
        ox.Triple(service, SD.endpoint, service),
        ox.Triple(service, SD.supportedLanguage, SD.SPARQL11Query),
    ]
    graph += [ox.Triple(service, SD.resultFormat, ox.NamedNode(fmt.iri)) for fmt in (*RESULTS_FORMATS, *GRAPH_FORMATS)]
    if federated:
        graph.append(ox.Triple(service, SD.feature, SD.BasicFederatedQuery))
    dataset, default = ox.BlankNode(), ox.BlankNode()
    graph += [
        ox.Triple(service, SD.defaultDataset, dataset),
        ox.Triple(dataset, RDF.type, SD.Dataset),
        ox.Triple(dataset, SD.defaultGraph, default),
        ox.Triple(default, RDF.type, SD.Graph),
        ox.Triple(default, VOID.triples, _integer(stats.triples)),
    ]
    for name, triples in named_graphs.items():
        named, described = ox.BlankNode(), ox.BlankNode()
        graph += [
            ox.Triple(dataset, SD.namedGraph, named),
            ox.Triple(named, RDF.type, SD.NamedGraph),
            ox.Triple(named, SD.name, ox.NamedNode(name)),
            ox.Triple(named, SD.graph, described),
            ox.Triple(described, RDF.type, SD.Graph),
            ox.Triple(described, VOID.triples, _integer(triples)),
        ]
    return graph
