"""VoID (https://www.w3.org/TR/void/) and SPARQL 1.1 Service Descriptions, computed from a store."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from plan_graph.graph.formats import GRAPH_FORMATS, RESULTS_FORMATS
from plan_graph.graph.namespaces import PREFIXES
from plan_graph.stores.counts import DatasetStatistics, Linkset

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


def void_graph(
    stats: DatasetStatistics,
    dataset: URIRef,
    title: tuple[str, str],
    vocabularies: tuple[str, ...],
    uri_space: str,
    endpoint: str | None = None,
    dumps: tuple[str, ...] = (),
    links: tuple[Linkset, ...] = (),
) -> Graph:
    """The VoID description of one dataset: its title (Romanian, English), the prefixes of its vocabularies, its
    counts, where to query and download it, and its links to other datasets."""
    graph = Graph()
    graph.bind("void", VOID)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(title[0], lang="ro")))
    graph.add((dataset, DCTERMS.title, Literal(title[1], lang="en")))
    graph.add((dataset, VOID.triples, Literal(stats.triples)))
    graph.add((dataset, VOID.distinctSubjects, Literal(stats.subjects)))
    graph.add((dataset, VOID.distinctObjects, Literal(stats.objects)))
    graph.add((dataset, VOID.entities, Literal(stats.entities)))
    graph.add((dataset, VOID.classes, Literal(len(stats.classes))))
    graph.add((dataset, VOID.properties, Literal(len(stats.properties))))
    graph.add((dataset, VOID.uriSpace, Literal(uri_space)))
    if endpoint:
        graph.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    for dump in dumps:
        graph.add((dataset, VOID.dataDump, URIRef(dump)))
    for example in stats.examples:
        graph.add((dataset, VOID.exampleResource, URIRef(example)))
    for prefix in vocabularies:
        graph.add((dataset, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    for cls, count in sorted(stats.classes.items()):
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(cls)))
        graph.add((partition, VOID.entities, Literal(count)))
    for prop, count in sorted(stats.properties.items()):
        partition = BNode()
        graph.add((dataset, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, URIRef(prop)))
        graph.add((partition, VOID.triples, Literal(count)))
    for link in links:
        linkset = URIRef(
            f"{dataset}-links-{link.target.rsplit('/', 1)[-1]}-{link.predicate.rsplit('/', 1)[-1].rsplit('#', 1)[-1]}"
        )
        target = URIRef(link.target)
        graph.add((target, RDF.type, VOID.Dataset))
        graph.add((dataset, VOID.subset, linkset))
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, VOID.subjectsTarget, dataset))
        graph.add((linkset, VOID.objectsTarget, target))
        graph.add((linkset, VOID.linkPredicate, URIRef(link.predicate)))
        graph.add((linkset, VOID.triples, Literal(link.triples)))
    return graph


def service_description(
    endpoint: str, stats: DatasetStatistics, named_graphs: dict[str, int], federated: bool
) -> Graph:
    """A SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/)."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    graph.bind("formats", FORMATS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in (*RESULTS_FORMATS, *GRAPH_FORMATS):
        graph.add((service, SD.resultFormat, URIRef(fmt.iri)))
    if federated:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode()
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    for name, triples in named_graphs.items():
        named = BNode()
        described = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(triples, datatype=XSD.integer)))
    return graph
