"""The DCAT-AP 3 record of the release: the catalogue, its datasets (the plan; the statistics and recommendations
around it), one distribution per file, the SPARQL service that serves both.

It is checked against the official DCAT-AP 3.0.1 SHACL shapes with the EU authority tables loaded
(`plan-graph validate-dcat`), which is what data.europa.eu's harvester applies.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from plan_graph.checks.validation import ValidationReport, validate
from plan_graph.errors import InputError
from plan_graph.graph.datasets import DatasetDescription
from plan_graph.graph.names import MINTED_ROOT
from plan_graph.graph.namespaces import ELI, PG

SPDX = Namespace("http://spdx.org/rdf/terms#")
# DCAT-AP 3.0.1's controlled-vocabulary shape wants the algorithm under https://spdx.org/rdf/terms
SHA256 = URIRef("https://spdx.org/rdf/terms#checksumAlgorithm_sha256")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(AUTHORITY + "file-type/")
THEME = Namespace(AUTHORITY + "data-theme/")
COUNTRY = Namespace(AUTHORITY + "country/")
LANGUAGE = Namespace(AUTHORITY + "language/")
FREQUENCY = Namespace(AUTHORITY + "frequency/")
LICENCE = URIRef("http://creativecommons.org/licenses/by/4.0/")
HOMEPAGE = URIRef(MINTED_ROOT.rstrip("/"))
SCHEMES = {  # the EU authority tables the record uses, by their titles in the Publications Office's registry
    "language": "Languages",
    "frequency": "Frequencies",
    "file-type": "File types",
    "data-theme": "Data themes",
    "country": "Countries and territories",
    "corporate-body": "Corporate bodies",
}
MEDIA = "https://www.iana.org/assignments/media-types/"
OPEN_DATA_DIRECTIVE = URIRef("http://data.europa.eu/eli/dir/2019/1024/oj")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")


@dataclass(frozen=True)
class DistributionFile:
    path: str  # relative to the export folder
    content: bytes
    media_type: str  # "text/turtle"
    file_type: str  # EU file-type code: "RDF_TURTLE"
    title: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class DatasetRecord:
    """One dataset of the catalogue: what it is (graph/datasets.py), its IRI and its files."""

    iri: URIRef
    about: DatasetDescription
    files: list[DistributionFile]
    related: tuple[URIRef, ...] = ()  # datasets it draws on or complements (dct:relation)


@dataclass(frozen=True)
class Publication:
    """Where things are: the public base for downloads, the SPARQL endpoint, the catalogue's IRIs."""

    download_base: str  # e.g. https://example.org/plan-graph/ (files are below it)
    endpoint: str
    catalog: URIRef
    service: URIRef
    act: URIRef  # HG 861/2018
    issued: date
    modified: date


def dcat_record(publication: Publication, datasets: list[DatasetRecord]) -> Graph:
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("spdx", SPDX),
        ("vcard", VCARD),
        ("dcatap", DCATAP),
        ("eli", ELI),
        ("pg", PG),
    ):
        graph.bind(prefix, namespace)
    p = publication

    def both(subject: URIRef, predicate: URIRef, ro: str, en: str) -> None:
        graph.add((subject, predicate, Literal(ro, lang="ro")))
        graph.add((subject, predicate, Literal(en, lang="en")))

    publisher = URIRef(str(p.catalog) + "#publisher")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal("plan-graph", lang="en")))
    graph.add((publisher, FOAF.homepage, HOMEPAGE))
    contact = URIRef(str(p.catalog) + "#contact")
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal("plan-graph")))
    graph.add((contact, VCARD.hasURL, HOMEPAGE))
    # DCAT-AP's range shapes want the class of every value stated in the record itself
    typed = [
        (LICENCE, DCTERMS.LicenseDocument),
        (SPARQL_PROTOCOL, DCTERMS.Standard),
        (p.act, ELI.LegalResource),
        (OPEN_DATA_DIRECTIVE, ELI.LegalResource),
        (COUNTRY.ROU, DCTERMS.Location),
        (LANGUAGE.RON, DCTERMS.LinguisticSystem),
        (LANGUAGE.ENG, DCTERMS.LinguisticSystem),
        (FREQUENCY.IRREG, DCTERMS.Frequency),
        (HOMEPAGE, FOAF.Document),
    ]
    for iri, kind in typed:
        graph.add((iri, RDF.type, kind))
    # the EU tables used, with the titles the shapes require of a category scheme
    for scheme, title in SCHEMES.items():
        graph.add((URIRef(AUTHORITY + scheme), RDF.type, SKOS.ConceptScheme))
        graph.add((URIRef(AUTHORITY + scheme), DCTERMS.title, Literal(title, lang="en")))

    catalog = p.catalog
    graph.add((catalog, RDF.type, DCAT.Catalog))
    both(catalog, DCTERMS.title, "Catalogul plan-graph", "plan-graph catalogue")
    both(
        catalog,
        DCTERMS.description,
        "Planuri de acțiune guvernamentale ca date legate deschise.",
        "Government action plans as linked open data.",
    )
    for subject in (catalog, *(d.iri for d in datasets)):  # what the catalogue and its datasets say alike
        graph.add((subject, DCTERMS.publisher, publisher))
        graph.add((subject, DCTERMS.language, LANGUAGE.RON))
        graph.add((subject, DCTERMS.language, LANGUAGE.ENG))
        graph.add((subject, DCTERMS.issued, Literal(p.issued.isoformat(), datatype=XSD.date)))
        graph.add((subject, DCTERMS.modified, Literal(p.modified.isoformat(), datatype=XSD.date)))
        graph.add((subject, DCTERMS.spatial, COUNTRY.ROU))
    for record in datasets:
        graph.add((catalog, DCAT.dataset, record.iri))
    graph.add((catalog, DCAT.service, p.service))
    graph.add((catalog, FOAF.homepage, HOMEPAGE))
    graph.add((catalog, DCTERMS.license, LICENCE))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(AUTHORITY + "data-theme")))
    for record in datasets:
        _add_dataset(graph, p, record, contact)
    graph.add((SHA256, RDF.type, SPDX.ChecksumAlgorithm))

    service = p.service
    graph.add((service, RDF.type, DCAT.DataService))
    both(service, DCTERMS.title, "Punct de acces SPARQL", "SPARQL endpoint")
    graph.add((service, DCAT.endpointURL, URIRef(p.endpoint)))
    graph.add((service, DCAT.endpointDescription, URIRef(p.endpoint)))
    for record in datasets:
        graph.add((service, DCAT.servesDataset, record.iri))
    graph.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    graph.add((service, DCTERMS.license, LICENCE))
    graph.add((service, DCTERMS.publisher, publisher))
    graph.add((service, DCAT.contactPoint, contact))
    graph.add((service, DCAT.theme, THEME.JUST))
    graph.add((service, DCAT.keyword, Literal("SPARQL", lang="en")))
    graph.add((service, DCAT.keyword, Literal("trafic de persoane", lang="ro")))
    return graph


def _add_dataset(graph: Graph, p: Publication, record: DatasetRecord, contact: URIRef) -> None:
    dataset, about = record.iri, record.about
    graph.add((dataset, RDF.type, DCAT.Dataset))
    for predicate, (ro, en) in (
        (DCTERMS.title, about.title),
        (DCTERMS.description, about.description),
        *((DCAT.keyword, pair) for pair in about.keywords),
    ):
        graph.add((dataset, predicate, Literal(ro, lang="ro")))
        graph.add((dataset, predicate, Literal(en, lang="en")))
    graph.add((dataset, DCAT.theme, THEME.JUST))
    graph.add((dataset, DCAT.theme, THEME.SOCI))
    period = BNode()
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(about.period[0], datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(about.period[1], datatype=XSD.date)))
    graph.add((dataset, DCTERMS.temporal, period))
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCTERMS.accrualPeriodicity, FREQUENCY.IRREG))
    standard = URIRef(about.conforms_to)
    graph.add((dataset, DCTERMS.conformsTo, standard))
    graph.add((standard, RDF.type, DCTERMS.Standard))
    graph.add((dataset, DCATAP.applicableLegislation, p.act))
    graph.add((dataset, DCATAP.applicableLegislation, OPEN_DATA_DIRECTIVE))
    landing = URIRef(p.download_base + about.landing_page)
    graph.add((dataset, DCAT.landingPage, landing))
    graph.add((landing, RDF.type, FOAF.Document))
    for related in record.related:
        graph.add((dataset, DCTERMS.relation, related))
    for file in record.files:
        distribution = URIRef(str(dataset) + "/distribution/" + file.path.replace("/", "-"))
        url = URIRef(p.download_base + file.path)
        checksum = BNode()
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, Literal(file.title, lang="en")))
        graph.add(
            (distribution, DCTERMS.description, Literal(f"{file.title}: {file.path}, {file.media_type}", lang="en"))
        )
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCTERMS.format, FILE_TYPE[file.file_type]))
        graph.add((FILE_TYPE[file.file_type], RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.add((distribution, DCAT.mediaType, URIRef(MEDIA + file.media_type)))
        graph.add((URIRef(MEDIA + file.media_type), RDF.type, DCTERMS.MediaType))
        graph.add((distribution, DCAT.byteSize, Literal(len(file.content), datatype=XSD.nonNegativeInteger)))
        graph.add((distribution, DCTERMS.license, LICENCE))
        if file.file_type.startswith(("RDF", "JSON_LD")):
            graph.add((distribution, DCTERMS.conformsTo, standard))
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SHA256))
        graph.add((checksum, SPDX.checksumValue, Literal(file.sha256, datatype=XSD.hexBinary)))


def load_rdf_folder(folder: Path) -> Graph:
    """Every RDF file of a folder (.ttl, .rdf, .nt, .jsonld), as one graph."""
    formats = {".ttl": "turtle", ".rdf": "xml", ".owl": "xml", ".nt": "nt", ".jsonld": "json-ld"}
    graph = Graph()
    paths = sorted(p for p in folder.iterdir() if p.suffix in formats) if folder.is_dir() else []
    if not paths:
        raise InputError(f"{folder}: no RDF files (.ttl, .rdf, .nt, .jsonld) there")
    for path in paths:
        graph.parse(path, format=formats[path.suffix])
    return graph


def validate_record(record: Graph, shapes_dir: Path, vocabularies_dir: Path) -> ValidationReport:
    """The record against DCAT-AP's shapes, with the controlled vocabularies it uses loaded beside it."""
    data = Graph()
    data += record
    data += load_rdf_folder(vocabularies_dir)
    return validate(data, shapes=load_rdf_folder(shapes_dir), ontology=Graph())


def validate_record_file(record: Path, shapes_dir: Path, vocabularies_dir: Path) -> ValidationReport:
    """A DCAT-AP record file against DCAT-AP's shapes; InputError when the record or the shapes cannot be read."""
    try:
        graph = Graph().parse(record, format="turtle")
    except FileNotFoundError:
        raise InputError(f"{record}: no such file") from None
    except Exception as error:  # rdflib raises many parser-specific errors
        raise InputError(f"{record}: cannot parse as Turtle: {error}") from error
    try:
        return validate_record(graph, shapes_dir, vocabularies_dir)
    except InputError:
        raise
    except Exception as error:  # rdflib raises many parser-specific errors
        raise InputError(f"cannot read the shapes or the vocabularies: {error}") from error
