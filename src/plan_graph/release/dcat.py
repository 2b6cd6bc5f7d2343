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

import pyoxigraph as ox

from plan_graph.checks.validation import ValidationReport, validate_triples
from plan_graph.errors import InputError
from plan_graph.graph.datasets import DatasetDescription
from plan_graph.graph.names import MINTED_ROOT, PREFIXES
from plan_graph.graph.vocab import DCAT, DCTERMS, ELI, FOAF, RDF, RDFS, SKOS, XSD, Vocabulary

SPDX = Vocabulary("http://spdx.org/rdf/terms#")
# DCAT-AP 3.0.1's controlled-vocabulary shape wants the algorithm under https://spdx.org/rdf/terms
SHA256 = ox.NamedNode("https://spdx.org/rdf/terms#checksumAlgorithm_sha256")
DCATAP = Vocabulary("http://data.europa.eu/r5r/")
VCARD = Vocabulary("http://www.w3.org/2006/vcard/ns#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Vocabulary(AUTHORITY + "file-type/")
THEME = Vocabulary(AUTHORITY + "data-theme/")
COUNTRY = Vocabulary(AUTHORITY + "country/")
LANGUAGE = Vocabulary(AUTHORITY + "language/")
FREQUENCY = Vocabulary(AUTHORITY + "frequency/")
# the licence and the access rights from the EU authority tables, which DCAT-AP portals register and the MQA looks for
LICENCE = ox.NamedNode(AUTHORITY + "licence/CC_BY_4_0")
LICENCE_TEXT = ox.NamedNode("http://creativecommons.org/licenses/by/4.0/")  # the licence itself, for people
PUBLIC = ox.NamedNode(AUTHORITY + "access-right/PUBLIC")
# what a reuser may do with each file, in words (dct:rights, which the MQA looks for on every distribution): the plan
# is an official text, which Romanian copyright does not protect (Law no. 8/1996, art. 9(b), quoted at
# https://avocatnet.ro/forum/discutie_271805/Publicarea-traducerii-unor-ordonante.html); plan-graph's data is CC BY 4.0
RIGHTS = (
    "Planul este un text oficial (HG 861/2018), neprotejat de dreptul de autor (Legea nr. 8/1996, art. 9 lit. b); "
    "datele plan-graph se publică sub licența CC BY 4.0: se pot reutiliza, cu menționarea sursei.",
    "The plan is an official text (HG 861/2018), not protected by Romanian copyright (Law no. 8/1996, art. 9(b)); "
    "plan-graph's data is published under CC BY 4.0: reuse it, naming the source.",
)
HOMEPAGE = ox.NamedNode(MINTED_ROOT.rstrip("/"))
SCHEMES = {  # the EU authority tables the record uses, by their titles in the Publications Office's registry
    "language": "Languages",
    "frequency": "Frequencies",
    "file-type": "File types",
    "data-theme": "Data themes",
    "country": "Countries and territories",
    "corporate-body": "Corporate bodies",
    "licence": "Licences",
    "access-right": "Access right",
}
MEDIA = "https://www.iana.org/assignments/media-types/"
OPEN_DATA_DIRECTIVE = ox.NamedNode("http://data.europa.eu/eli/dir/2019/1024/oj")
# the record's prefixes, in its Turtle
RECORD_PREFIXES = {
    **{prefix: PREFIXES[prefix] for prefix in ("rdf", "rdfs", "xsd", "skos", "dcat", "dct", "foaf", "eli", "pg")},
    **{"spdx": str(SPDX), "vcard": str(VCARD), "dcatap": str(DCATAP)},
}
SPARQL_PROTOCOL = ox.NamedNode("https://www.w3.org/TR/sparql11-protocol/")


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

    iri: ox.NamedNode
    about: DatasetDescription
    files: list[DistributionFile]
    related: tuple[ox.NamedNode, ...] = ()  # datasets it draws on or complements (dct:relation)


@dataclass(frozen=True)
class Publication:
    """Where things are: the public base for downloads, the SPARQL endpoint, the catalogue's IRIs."""

    download_base: str  # e.g. https://example.org/plan-graph/ (files are below it)
    endpoint: str
    catalog: ox.NamedNode
    service: ox.NamedNode
    act: ox.NamedNode  # HG 861/2018
    issued: date
    modified: date


def dcat_record(publication: Publication, datasets: list[DatasetRecord]) -> list[ox.Triple]:
    """The record's triples (RECORD_PREFIXES for its Turtle)."""
    graph: list[ox.Triple] = []
    p = publication

    def both(subject: ox.NamedNode, predicate: ox.NamedNode, ro: str, en: str) -> None:
        graph.append(ox.Triple(subject, predicate, ox.Literal(ro, language="ro")))
        graph.append(ox.Triple(subject, predicate, ox.Literal(en, language="en")))

    publisher = ox.NamedNode(p.catalog.value + "#publisher")
    graph.append(ox.Triple(publisher, RDF.type, FOAF.Agent))
    graph.append(ox.Triple(publisher, RDF.type, FOAF.Organization))
    graph.append(ox.Triple(publisher, FOAF.name, ox.Literal("plan-graph", language="en")))
    graph.append(ox.Triple(publisher, FOAF.homepage, HOMEPAGE))
    contact = ox.NamedNode(p.catalog.value + "#contact")
    graph.append(ox.Triple(contact, RDF.type, VCARD.Kind))
    graph.append(ox.Triple(contact, RDF.type, VCARD.Organization))
    graph.append(ox.Triple(contact, VCARD.fn, ox.Literal("plan-graph")))
    graph.append(ox.Triple(contact, VCARD.hasURL, HOMEPAGE))
    # DCAT-AP's range shapes want the class of every value stated in the record itself
    typed = [
        (LICENCE, DCTERMS.LicenseDocument),
        (PUBLIC, DCTERMS.RightsStatement),
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
        graph.append(ox.Triple(iri, RDF.type, kind))
    # the EU tables used, with the titles the shapes require of a category scheme
    for scheme, title in SCHEMES.items():
        graph.append(ox.Triple(ox.NamedNode(AUTHORITY + scheme), RDF.type, SKOS.ConceptScheme))
        graph.append(ox.Triple(ox.NamedNode(AUTHORITY + scheme), DCTERMS.title, ox.Literal(title, language="en")))
    # the two concepts of tables not among the reference tables, with the scheme each is in (as those tables say)
    graph.append(ox.Triple(LICENCE, SKOS.inScheme, ox.NamedNode(AUTHORITY + "licence")))
    graph.append(ox.Triple(LICENCE, RDFS.seeAlso, LICENCE_TEXT))
    graph.append(ox.Triple(PUBLIC, SKOS.inScheme, ox.NamedNode(AUTHORITY + "access-right")))
    rights = ox.NamedNode(p.catalog.value + "#rights")
    graph.append(ox.Triple(rights, RDF.type, DCTERMS.RightsStatement))
    both(rights, RDFS.label, *RIGHTS)

    catalog = p.catalog
    graph.append(ox.Triple(catalog, RDF.type, DCAT.Catalog))
    both(catalog, DCTERMS.title, "Catalogul plan-graph", "plan-graph catalogue")
    both(
        catalog,
        DCTERMS.description,
        "Planuri de acțiune guvernamentale ca date legate deschise.",
        "Government action plans as linked open data.",
    )
    for subject in (catalog, *(d.iri for d in datasets)):  # what the catalogue and its datasets say alike
        graph.append(ox.Triple(subject, DCTERMS.publisher, publisher))
        graph.append(ox.Triple(subject, DCTERMS.language, LANGUAGE.RON))
        graph.append(ox.Triple(subject, DCTERMS.language, LANGUAGE.ENG))
        graph.append(ox.Triple(subject, DCTERMS.issued, ox.Literal(p.issued.isoformat(), datatype=XSD.date)))
        graph.append(ox.Triple(subject, DCTERMS.modified, ox.Literal(p.modified.isoformat(), datatype=XSD.date)))
        graph.append(ox.Triple(subject, DCTERMS.spatial, COUNTRY.ROU))
    for record in datasets:
        graph.append(ox.Triple(catalog, DCAT.dataset, record.iri))
    graph.append(ox.Triple(catalog, DCAT.service, p.service))
    graph.append(ox.Triple(catalog, FOAF.homepage, HOMEPAGE))
    graph.append(ox.Triple(catalog, DCTERMS.license, LICENCE))
    graph.append(ox.Triple(catalog, DCAT.themeTaxonomy, ox.NamedNode(AUTHORITY + "data-theme")))
    for record in datasets:
        _add_dataset(graph, p, record, contact, rights)
    graph.append(ox.Triple(SHA256, RDF.type, SPDX.ChecksumAlgorithm))

    service = p.service
    graph.append(ox.Triple(service, RDF.type, DCAT.DataService))
    both(service, DCTERMS.title, "Punct de acces SPARQL", "SPARQL endpoint")
    graph.append(ox.Triple(service, DCAT.endpointURL, ox.NamedNode(p.endpoint)))
    graph.append(ox.Triple(service, DCAT.endpointDescription, ox.NamedNode(p.endpoint)))
    for record in datasets:
        graph.append(ox.Triple(service, DCAT.servesDataset, record.iri))
    graph.append(ox.Triple(service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    graph.append(ox.Triple(service, DCTERMS.license, LICENCE))
    graph.append(ox.Triple(service, DCTERMS.publisher, publisher))
    graph.append(ox.Triple(service, DCAT.contactPoint, contact))
    graph.append(ox.Triple(service, DCAT.theme, THEME.JUST))
    graph.append(ox.Triple(service, DCAT.keyword, ox.Literal("SPARQL", language="en")))
    graph.append(ox.Triple(service, DCAT.keyword, ox.Literal("trafic de persoane", language="ro")))
    return graph


def _add_dataset(
    graph: list[ox.Triple], p: Publication, record: DatasetRecord, contact: ox.NamedNode, rights: ox.NamedNode
) -> None:
    dataset, about = record.iri, record.about
    graph.append(ox.Triple(dataset, RDF.type, DCAT.Dataset))
    for predicate, (ro, en) in (
        (DCTERMS.title, about.title),
        (DCTERMS.description, about.description),
        *((DCAT.keyword, pair) for pair in about.keywords),
    ):
        graph.append(ox.Triple(dataset, predicate, ox.Literal(ro, language="ro")))
        graph.append(ox.Triple(dataset, predicate, ox.Literal(en, language="en")))
    graph.append(ox.Triple(dataset, DCAT.theme, THEME.JUST))
    graph.append(ox.Triple(dataset, DCAT.theme, THEME.SOCI))
    graph.append(ox.Triple(dataset, DCTERMS.accessRights, PUBLIC))
    period = ox.BlankNode()
    graph.append(ox.Triple(period, RDF.type, DCTERMS.PeriodOfTime))
    graph.append(ox.Triple(period, DCAT.startDate, ox.Literal(about.period[0], datatype=XSD.date)))
    graph.append(ox.Triple(period, DCAT.endDate, ox.Literal(about.period[1], datatype=XSD.date)))
    graph.append(ox.Triple(dataset, DCTERMS.temporal, period))
    graph.append(ox.Triple(dataset, DCAT.contactPoint, contact))
    graph.append(ox.Triple(dataset, DCTERMS.accrualPeriodicity, FREQUENCY.IRREG))
    standard = ox.NamedNode(about.conforms_to)
    graph.append(ox.Triple(dataset, DCTERMS.conformsTo, standard))
    graph.append(ox.Triple(standard, RDF.type, DCTERMS.Standard))
    graph.append(ox.Triple(dataset, DCATAP.applicableLegislation, p.act))
    graph.append(ox.Triple(dataset, DCATAP.applicableLegislation, OPEN_DATA_DIRECTIVE))
    landing = ox.NamedNode(p.download_base + about.landing_page)
    graph.append(ox.Triple(dataset, DCAT.landingPage, landing))
    graph.append(ox.Triple(landing, RDF.type, FOAF.Document))
    for related in record.related:
        graph.append(ox.Triple(dataset, DCTERMS.relation, related))
    for file in record.files:
        distribution = ox.NamedNode(dataset.value + "/distribution/" + file.path.replace("/", "-"))
        url = ox.NamedNode(p.download_base + file.path)
        checksum = ox.BlankNode()
        graph.append(ox.Triple(dataset, DCAT.distribution, distribution))
        graph.append(ox.Triple(distribution, RDF.type, DCAT.Distribution))
        graph.append(ox.Triple(distribution, DCTERMS.title, ox.Literal(file.title, language="en")))
        graph.append(
            ox.Triple(
                distribution,
                DCTERMS.description,
                ox.Literal(f"{file.title}: {file.path}, {file.media_type}", language="en"),
            )
        )
        graph.append(ox.Triple(distribution, DCAT.accessURL, url))
        graph.append(ox.Triple(distribution, DCAT.downloadURL, url))
        graph.append(ox.Triple(distribution, DCTERMS.format, FILE_TYPE[file.file_type]))
        graph.append(ox.Triple(FILE_TYPE[file.file_type], RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.append(ox.Triple(distribution, DCAT.mediaType, ox.NamedNode(MEDIA + file.media_type)))
        graph.append(ox.Triple(ox.NamedNode(MEDIA + file.media_type), RDF.type, DCTERMS.MediaType))
        graph.append(
            ox.Triple(distribution, DCAT.byteSize, ox.Literal(str(len(file.content)), datatype=XSD.nonNegativeInteger))
        )
        graph.append(ox.Triple(distribution, DCTERMS.license, LICENCE))
        graph.append(ox.Triple(distribution, DCTERMS.rights, rights))
        graph.append(ox.Triple(distribution, DCTERMS.issued, ox.Literal(p.issued.isoformat(), datatype=XSD.date)))
        graph.append(ox.Triple(distribution, DCTERMS.modified, ox.Literal(p.modified.isoformat(), datatype=XSD.date)))
        if file.file_type.startswith(("RDF", "JSON_LD")):
            graph.append(ox.Triple(distribution, DCTERMS.conformsTo, standard))
        graph.append(ox.Triple(distribution, SPDX.checksum, checksum))
        graph.append(ox.Triple(checksum, RDF.type, SPDX.Checksum))
        graph.append(ox.Triple(checksum, SPDX.algorithm, SHA256))
        graph.append(ox.Triple(checksum, SPDX.checksumValue, ox.Literal(file.sha256, datatype=XSD.hexBinary)))


RDF_SUFFIXES = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def load_rdf_folder(folder: Path) -> list[ox.Triple]:
    """Every RDF file of a folder (.ttl, .rdf, .nt, .jsonld), as one graph, each file's blank nodes its own."""
    paths = sorted(p for p in folder.iterdir() if p.suffix in RDF_SUFFIXES) if folder.is_dir() else []
    if not paths:
        raise InputError(f"{folder}: no RDF files (.ttl, .rdf, .nt, .jsonld) there")
    return [
        quad.triple
        for path in paths
        for quad in ox.parse(path=path, format=RDF_SUFFIXES[path.suffix], rename_blank_nodes=True)
    ]


def validate_record(record: list[ox.Triple], shapes_dir: Path, vocabularies_dir: Path) -> ValidationReport:
    """The record against DCAT-AP's shapes, with the controlled vocabularies it uses loaded beside it."""
    data = [*record, *load_rdf_folder(vocabularies_dir)]
    return validate_triples(data, load_rdf_folder(shapes_dir))


def read_record(record: Path) -> list[ox.Triple]:
    """A DCAT-AP record's triples, from its Turtle; InputError when it cannot be read."""
    try:
        return [quad.triple for quad in ox.parse(path=record, format=ox.RdfFormat.TURTLE)]
    except FileNotFoundError:
        raise InputError(f"{record}: no such file") from None
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(f"{record}: cannot parse as Turtle: {error}") from error


def validate_record_triples(triples: list[ox.Triple], shapes_dir: Path, vocabularies_dir: Path) -> ValidationReport:
    """validate_record, with InputError when the shapes or the vocabularies cannot be read."""
    try:
        return validate_record(triples, shapes_dir, vocabularies_dir)
    except InputError:
        raise
    except Exception as error:  # the parsers and pyshacl raise many kinds of errors
        raise InputError(f"cannot read the shapes or the vocabularies: {error}") from error


def validate_record_file(record: Path, shapes_dir: Path, vocabularies_dir: Path) -> ValidationReport:
    """A DCAT-AP record file against DCAT-AP's shapes; InputError when the record or the shapes cannot be read."""
    return validate_record_triples(read_record(record), shapes_dir, vocabularies_dir)
