"""What a CKAN portal harvests from the release: ckanext-dcat's RDF parser (the PyPI package, profile
`euro_dcat_ap_3`, as data.gov.ro's CKAN would run it) on the exported `dcat.ttl`, with a licence register like a
DCAT-AP portal's. Each dataset and each distribution as the portal would show it, whole, against what the release
declares it publishes: the datasets' descriptions (graph/datasets.py), the files the export writes, the EU tables'
concepts docs/release.md names. Needs the `portal` extra (`pip install '.[portal]'`; .ci/run installs it).

The parser's mapping: https://docs.ckan.org/projects/ckanext-dcat/en/latest/mapping/
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from plan_graph.graph.datasets import MONITORING_DATASET, PLAN_DATASET, STATISTICS_DATASET, DatasetDescription
from plan_graph.release.dcat import RIGHTS
from plan_graph.release.export import ExportResult, export_files, write_export
from tests.support.paths import unavailable

# CKAN imports passlib, which imports the standard library's deprecated `crypt`: nothing of ours
pytestmark = pytest.mark.filterwarnings("ignore:'crypt' is deprecated:DeprecationWarning")

DOWNLOAD_BASE = "http://127.0.0.1:8000/release/"
PORTAL = "http://127.0.0.1:5000"  # the portal's own address (ckan.site_url): CKAN gives it as each dataset's homepage
EPOCH = "1767312000"  # SOURCE_DATE_EPOCH: the release of 2026-01-02
DAY = "2026-01-02"
BASE = "https://w3id.org/plan-graph/"
HOMEPAGE = "https://w3id.org/plan-graph"  # the publisher's and the contact's homepage
AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
CC_BY = AUTHORITY + "licence/CC_BY_4_0"
# A DCAT-AP portal's licence register: the EU licence table's concepts
# (https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://publications.europa.eu/resource/dataset/licence)
# under the portal's own ids, in the JSON list CKAN reads from `licenses_group_url`
# (https://docs.ckan.org/en/latest/maintaining/configuration.html#licenses-group-url)
LICENCES = [
    {"id": "CC0-1.0", "title": "Creative Commons CC0 1.0 Universal", "url": AUTHORITY + "licence/CC0"},
    {"id": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International", "url": CC_BY},
    {
        "id": "CC-BY-SA-4.0",
        "title": "Creative Commons Attribution-ShareAlike 4.0 International",
        "url": AUTHORITY + "licence/CC_BYSA_4_0",
    },
]
PLAN = BASE + "ro/hg-861-2018/dataset"
STATISTICS = BASE + "ro/statistics/dataset"
MONITORING = BASE + "ro/hg-861-2018/monitoring/dataset"
DATASETS: dict[str, DatasetDescription] = {
    PLAN: PLAN_DATASET,
    STATISTICS: STATISTICS_DATASET,
    MONITORING: MONITORING_DATASET,
}
# Eurostat's trafficking tables, which the statistics cite: related datasets
RELATED = {
    STATISTICS: frozenset({BASE + "ro/document/eurostat-crim-thb-sex", BASE + "ro/document/eurostat-crim-thb-vexp"})
}


def dataset_of(path: str) -> str:
    """The dataset a file of the release belongs to (docs/release.md): the statistics' and the assessments' dumps are
    theirs; the whole, the graph, its entailments and the tables are the plan's."""
    return {"statistics": STATISTICS, "monitoring": MONITORING}.get(path.split(".")[0], PLAN)


@contextmanager
def ckan_config(settings: dict[str, str]) -> Iterator[None]:
    """CKAN's configuration with these settings, as before afterwards (other tests of this worker share it)."""
    from ckan.common import config

    saved = {key: config[key] for key in settings if key in config}
    config.update(settings)
    try:
        yield
    finally:
        for key in settings:
            if key in saved:
                config[key] = saved[key]
            else:
                config.pop(key, None)


@pytest.fixture(scope="module")
def ckan_dcat() -> None:
    """ckanext-dcat and CKAN, importable: skipped (failed in CI) without them, before the export costs anything."""
    try:
        import ckan.common  # noqa: F401
        import ckanext.dcat  # noqa: F401
    except ImportError as error:
        unavailable(f"ckanext-dcat cannot be imported ({error}): pip install '.[portal]' (.ci/run installs it)")


def harvested(record: bytes, register: Path, locale: str) -> list[dict[str, Any]]:
    """The CKAN datasets ckanext-dcat's parser makes of a DCAT-AP record, in a portal whose default language is
    `locale` and whose licence register is that file."""
    from ckan.common import config

    # CKAN opens a file:// register by the path after the scheme, as it stands (no percent-decoding)
    settings = {"ckan.site_url": PORTAL, "licenses_group_url": f"file://{register}", "ckan.locale_default": locale}
    before = dict(config)
    with ckan_config(settings):
        from ckanext.dcat.processors import RDFParser

        parser = RDFParser(profiles=["euro_dcat_ap_3"])
        parser.parse(record, _format="turtle")
        datasets = list(parser.datasets())
    assert dict(config) == before, "CKAN's configuration is not as it was"
    return datasets


@pytest.fixture(scope="module")
def release(plan_build, tmp_path_factory) -> tuple[ExportResult, Path]:
    out = tmp_path_factory.mktemp("release")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        exported = export_files(plan_build, DOWNLOAD_BASE)
    write_export(exported, out)
    return exported, out


@pytest.fixture(scope="module", params=["en", "ro"])
def portal(request, ckan_dcat, release, tmp_path_factory) -> tuple[str, list[dict[str, Any]]]:
    """(the portal's language, what it harvests): CKAN's default English, and Romanian as data.gov.ro's."""
    register = tmp_path_factory.mktemp("portal") / "licences.json"
    register.write_text(json.dumps([{**licence, "status": "active"} for licence in LICENCES]), encoding="utf-8")
    return request.param, harvested((release[1] / "dcat.ttl").read_bytes(), register, request.param)


def listed(value: Any) -> Any:
    """A value as compared: the lists ckanext-dcat stores as JSON, as sets (their order is the graph's)."""
    if isinstance(value, str) and value.startswith("["):
        return frozenset(json.loads(value))
    return value


def shown(dataset: dict[str, Any]) -> dict[str, Any]:
    """A harvested dataset without its resources, its extras and tags as sets (none said twice)."""
    keys = [extra["key"] for extra in dataset["extras"]]
    tags = [tag["name"] for tag in dataset["tags"]]
    assert len(keys) == len(set(keys)) and len(tags) == len(set(tags)), (keys, tags)
    extras = {extra["key"]: listed(extra["value"]) for extra in dataset["extras"]}
    fields = {key: value for key, value in dataset.items() if key not in ("extras", "tags", "resources")}
    return {**fields, "tags": frozenset(tags), "extras": extras}


def expected_dataset(iri: str, about: DatasetDescription, locale: str) -> dict[str, Any]:
    language = {"ro": 0, "en": 1}[locale]  # the portal shows the title and description in its own language
    extras: dict[str, Any] = {
        "uri": iri,
        "issued": DAY,
        "modified": DAY,
        "frequency": AUTHORITY + "frequency/IRREG",
        "language": frozenset({AUTHORITY + "language/RON", AUTHORITY + "language/ENG"}),
        "theme": frozenset({AUTHORITY + "data-theme/JUST", AUTHORITY + "data-theme/SOCI"}),
        "conforms_to": frozenset({about.conforms_to}),
        "applicable_legislation": frozenset(
            {BASE + "ro/eli/hg/2018/861", "http://data.europa.eu/eli/dir/2019/1024/oj"}  # the act; the ODD
        ),
        "access_rights": AUTHORITY + "access-right/PUBLIC",
        "temporal_start": about.period[0],
        "temporal_end": about.period[1],
        "spatial_uri": AUTHORITY + "country/ROU",
        "publisher_uri": BASE + "ro/catalog#publisher",
        "publisher_name": "plan-graph",
        "publisher_url": HOMEPAGE,
        "contact_uri": BASE + "ro/catalog#contact",
        "contact_name": "plan-graph",
        "contact_url": HOMEPAGE,
        "homepage": PORTAL,
    }
    if iri in RELATED:
        extras["related_resource"] = RELATED[iri]
    return {
        "title": about.title[language],
        "notes": about.description[language],
        "tags": frozenset(keyword for pair in about.keywords for keyword in pair),  # both languages'
        "license_id": "CC-BY-4.0",  # the register's id of the distributions' licence
        "url": DOWNLOAD_BASE + about.landing_page,
        "extras": extras,
    }


def test_the_portal_shows_each_dataset_with_all_it_says(portal):
    locale, datasets = portal
    assert len(datasets) == 3
    assert {uri_of(d): shown(d) for d in datasets} == {
        iri: expected_dataset(iri, about, locale) for iri, about in DATASETS.items()
    }


def test_every_dataset_has_the_licence_of_the_portals_register(portal):
    """#32: ckanext-dcat gives a dataset its distributions' licence only when the register knows its IRI."""
    _, datasets = portal
    assert [d["license_id"] for d in datasets] == ["CC-BY-4.0"] * 3


def expected_resource(
    iri: str, path: str, title: str, media_type: str, file_type: str, content: bytes
) -> dict[str, Any]:
    distribution = f"{iri}/distribution/{path.replace('/', '-')}"
    url = DOWNLOAD_BASE + path
    resource = {
        "uri": distribution,
        "distribution_ref": distribution,
        "name": title,
        "description": f"{title}: {path}, {media_type}",
        "url": url,
        "download_url": url,
        "access_url": url,
        "format": AUTHORITY + "file-type/" + file_type,  # CKAN's own format list knows no EU file type
        "mimetype": IANA + media_type,
        "size": len(content),
        "hash": hashlib.sha256(content).hexdigest(),
        "hash_algorithm": "https://spdx.org/rdf/terms#checksumAlgorithm_sha256",
        "license": CC_BY,
        "issued": DAY,  # the release's date, on each file too (the MQA's contextuality)
        "modified": DAY,
    }
    if file_type != "CSV":  # the dumps follow the dataset's standard (the ontology, the Data Cube vocabulary)
        resource["conforms_to"] = frozenset({DATASETS[iri].conforms_to})
    return resource


def test_the_portal_shows_each_distribution_with_its_format_media_type_and_download_url(portal, release):
    _, datasets = portal
    exported, out = release
    expected: dict[str, dict[str, dict[str, Any]]] = {iri: {} for iri in DATASETS}
    for file in exported.distributions:
        assert (out / file.path).read_bytes() == file.content
        iri = dataset_of(file.path)
        resource = expected_resource(iri, file.path, file.title, file.media_type, file.file_type, file.content)
        expected[iri][resource["uri"]] = resource
    # the rights statement's label: CKAN keeps one of its two (Romanian, English), whichever rdflib gives it first
    assert all(r["rights"] in RIGHTS for d in datasets for r in d["resources"])
    shown_resources = {
        uri_of(d): {
            r["uri"]: {key: listed(value) for key, value in r.items() if key != "rights"} for r in d["resources"]
        }
        for d in datasets
    }
    assert shown_resources == expected
    # 4 dumps of the whole, 4 of the graph, 4 of its entailments, 7 tables; 4 of the statistics; 4 of the assessments
    assert {uri_of(d): len(d["resources"]) for d in datasets} == {PLAN: 19, STATISTICS: 4, MONITORING: 4}
    assert sum(len(d["resources"]) for d in datasets) == len(exported.distributions) == 27


def uri_of(dataset: dict[str, Any]) -> str:
    """The dataset's IRI, which ckanext-dcat keeps among the extras."""
    return next(extra["value"] for extra in dataset["extras"] if extra["key"] == "uri")
