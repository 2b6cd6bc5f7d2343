"""data.europa.eu's Metadata Quality Assessment (MQA): its indicators, the points each is worth and how each is
checked here, declared once, as data (release/mqa.py scores a record with them).

The methodology: https://dataeuropa.gitlab.io/data-provider-manual/metadata-quality-dashboard/ (five dimensions
derived from the FAIR principles; 405 points; Excellent 351-405, Good 221-350, Sufficient 121-220, Bad 0-120). The
search tool's copy of that page holds only its opening, so each indicator's points and the property it is computed on
were also read where data.europa.eu's MQA states them as data: the piveau metrics vocabulary it runs on
(https://github.com/piveau-data/piveau-vocabularies, src/main/resources/piveau-dqv-vocabulary.ttl, pv:trueScore of
each dqv:Metric), and opendata.swiss's implementation of the same methodology
(https://github.com/opendata-swiss/metadata-quality-dashboard, data-loader/data_loader/audit/scoring.py): all agree.

An indicator computed on the dataset earns its points or none. One computed on the distributions earns them in
proportion to the share of the dataset's distributions that meet it (the MQA reports these as percentages of
distributions); a dataset without distributions earns none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import pyoxigraph as ox

from plan_graph.graph.vocab import DCAT, DCTERMS

METHODOLOGY = "https://dataeuropa.gitlab.io/data-provider-manual/metadata-quality-dashboard/"
AUTHORITY = "http://publications.europa.eu/resource/authority/"
FILE_TYPES, LICENCES, ACCESS_RIGHTS = (AUTHORITY + table for table in ("file-type", "licence", "access-right"))
# data.europa.eu's lists of non-proprietary and machine-readable formats (data/mqa-formats.ttl)
NON_PROPRIETARY = "urn:plan-graph:mqa:non-proprietary-formats"
MACHINE_READABLE = "urn:plan-graph:mqa:machine-readable-formats"

DATASET, DISTRIBUTION = "dataset", "distribution"  # what an indicator is computed on
FINDABILITY, ACCESSIBILITY, INTEROPERABILITY, REUSABILITY, CONTEXTUALITY = (
    "Findability",
    "Accessibility",
    "Interoperability",
    "Reusability",
    "Contextuality",
)
# the rating of a total: the first whose lower bound it reaches (Excellent 351-405 …)
RATINGS = (("Excellent", 351), ("Good", 221), ("Sufficient", 121), ("Bad", 0))


@dataclass(frozen=True)
class Query:
    """Checked by a query of queries/mqa/ on the record: one row per dataset (or distribution), ?met true or
    false. Its parameters are IRIs; `reference`, the graph of the reference tables, is the scorer's to give."""

    name: str
    parameters: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reachable:
    """Checked by requesting every URL the distributions give for the property (release/reachability.py)."""

    property: ox.NamedNode


@dataclass(frozen=True)
class Compliant:
    """Checked by the DCAT-AP shapes (`--shapes`): no Violation in the dataset's metadata (queries/mqa/dataset-nodes:
    the dataset and everything its statements lead to)."""


@dataclass(frozen=True)
class Indicator:
    dimension: str
    name: str  # as the methodology names it
    points: int
    on: str  # DATASET or DISTRIBUTION
    check: Query | Reachable | Compliant
    wanted: str  # what it looks for: "no WANTED" is what the report says of a dataset or distribution without it
    approximation: str = ""  # where what is measured here differs from what the portal measures, and how


def _has(on: str, term: ox.NamedNode, curie: str) -> tuple[str, Query, str]:
    return on, Query(f"{on}-has", {"property": term.value}), curie


def _known(on: str, term: ox.NamedNode, table: str, curie: str) -> tuple[str, Query, str]:
    wanted = f"{curie} from the EU table {table}"
    return on, Query(f"{on}-known", {"property": term.value, "scheme": table}), wanted


def _listed(collection: str, what: str) -> tuple[str, Query, str]:
    return DISTRIBUTION, Query("distribution-listed", {"list": collection}), f"{what} dct:format or dcat:mediaType"


ANSWERS = (
    "each URL requested once, from this machine, now (HEAD, or GET where HEAD is refused; an answer 200-399 "
    "counts); the portal requests them from its servers and again every few weeks"
)
MQA_LISTS = "data.europa.eu's list as opendata.swiss copies it (data/mqa-formats.ttl)"

# the indicators and their points as the methodology lists them, dimension by dimension: METHODOLOGY,
# https://dataeuropa.gitlab.io/data-provider-manual/metadata-quality-dashboard/ (and piveau-dqv-vocabulary.ttl)
INDICATORS: tuple[Indicator, ...] = (
    Indicator(FINDABILITY, "Keyword usage", 30, *_has(DATASET, DCAT.keyword, "dcat:keyword")),
    Indicator(FINDABILITY, "Categories", 30, *_has(DATASET, DCAT.theme, "dcat:theme")),
    Indicator(FINDABILITY, "Geo search", 20, *_has(DATASET, DCTERMS.spatial, "dct:spatial")),
    Indicator(FINDABILITY, "Time-based search", 20, *_has(DATASET, DCTERMS.temporal, "dct:temporal")),
    Indicator(
        ACCESSIBILITY, "AccessURL accessibility", 50, DISTRIBUTION, Reachable(DCAT.accessURL), "dcat:accessURL", ANSWERS
    ),
    Indicator(ACCESSIBILITY, "DownloadURL", 20, *_has(DISTRIBUTION, DCAT.downloadURL, "dcat:downloadURL")),
    Indicator(
        ACCESSIBILITY,
        "DownloadURL accessibility",
        30,
        DISTRIBUTION,
        Reachable(DCAT.downloadURL),
        "dcat:downloadURL",
        ANSWERS,
    ),
    Indicator(INTEROPERABILITY, "Format", 20, *_has(DISTRIBUTION, DCTERMS.format, "dct:format")),
    Indicator(INTEROPERABILITY, "Media type", 10, *_has(DISTRIBUTION, DCAT.mediaType, "dcat:mediaType")),
    Indicator(
        INTEROPERABILITY,
        "Format / Media type from vocabulary",
        10,
        DISTRIBUTION,
        Query("distribution-format-vocabulary", {"scheme": FILE_TYPES}),
        f"dct:format from the EU table {FILE_TYPES} with an IANA dcat:mediaType",
        "IANA publishes no RDF list of its media types: one counts as IANA's by the form of its IRI "
        "(www.iana.org/assignments/media-types/TYPE/SUBTYPE), as DCAT-AP 3.0.1's own shapes check",
    ),
    Indicator(INTEROPERABILITY, "Non-proprietary", 20, *_listed(NON_PROPRIETARY, "non-proprietary"), MQA_LISTS),
    Indicator(INTEROPERABILITY, "Machine readable", 20, *_listed(MACHINE_READABLE, "machine-readable"), MQA_LISTS),
    Indicator(
        INTEROPERABILITY,
        "DCAT-AP compliance",
        30,
        DATASET,
        Compliant(),
        "Violation of the DCAT-AP shapes",
        "this project's SHACL engine with the shapes given (--shapes); Violations count, Warnings do not (SHACL's own "
        "sh:conforms is false with any result: a portal whose validator counts Warnings withholds these points)",
    ),
    Indicator(REUSABILITY, "License information", 20, *_has(DISTRIBUTION, DCTERMS.license, "dct:license")),
    Indicator(REUSABILITY, "License vocabulary", 10, *_known(DISTRIBUTION, DCTERMS.license, LICENCES, "dct:license")),
    Indicator(REUSABILITY, "Access restrictions", 10, *_has(DATASET, DCTERMS.accessRights, "dct:accessRights")),
    Indicator(
        REUSABILITY,
        "Access restrictions vocabulary",
        5,
        *_known(DATASET, DCTERMS.accessRights, ACCESS_RIGHTS, "dct:accessRights"),
    ),
    Indicator(REUSABILITY, "Contact point", 20, *_has(DATASET, DCAT.contactPoint, "dcat:contactPoint")),
    Indicator(REUSABILITY, "Publisher", 10, *_has(DATASET, DCTERMS.publisher, "dct:publisher")),
    Indicator(CONTEXTUALITY, "Rights", 5, *_has(DISTRIBUTION, DCTERMS.rights, "dct:rights")),
    Indicator(CONTEXTUALITY, "File size", 5, *_has(DISTRIBUTION, DCAT.byteSize, "dcat:byteSize")),
    Indicator(CONTEXTUALITY, "Date of issue", 5, *_has(DISTRIBUTION, DCTERMS.issued, "dct:issued")),
    Indicator(CONTEXTUALITY, "Modification date", 5, *_has(DISTRIBUTION, DCTERMS.modified, "dct:modified")),
)
MAXIMUM = sum(indicator.points for indicator in INDICATORS)  # 405


def rating(total: Fraction | float) -> str:
    """The methodology's rating of a total."""
    return next(name for name, lowest in RATINGS if total >= lowest)
