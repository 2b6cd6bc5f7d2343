"""`plan-graph validate-dcat --mqa`: each dataset of a DCAT-AP record scored by data.europa.eu's Metadata Quality
Assessment, indicator by indicator (mqa_indicators.py), as a portal that harvests the record would score it.

The record is read into a store of its own, the reference tables (`--vocabularies`, and data.europa.eu's format
lists, data/mqa-formats.ttl) into a graph beside it, and each indicator's check runs there: a query of queries/mqa/,
the requests to the URLs it gives (reachability.py), or the DCAT-AP shapes' results about the dataset's metadata.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pyoxigraph as ox

from plan_graph.checks.validation import ValidationReport, ValidationResult
from plan_graph.errors import InputError
from plan_graph.release.dcat import load_rdf_folder, read_record, validate_record_triples
from plan_graph.release.mqa_indicators import (
    DATASET,
    INDICATORS,
    MAXIMUM,
    RATINGS,
    Compliant,
    Indicator,
    Query,
    Reachable,
    rating,
)
from plan_graph.release.reachability import Answer, reach
from plan_graph.resources import project_dir
from plan_graph.stores.embedded import EmbeddedStore
from plan_graph.stores.queries import bundled_query, bundled_rows, run_bundled
from plan_graph.stores.results import AskResult, Row, lexical

REFERENCE_GRAPH = "urn:plan-graph:mqa:reference"  # the reference tables, beside the record (the default graph)
Reach = Callable[[Iterable[str]], dict[str, Answer]]


@dataclass(frozen=True)
class Finding:
    """An indicator's outcome for one dataset: how many of its distributions (or: whether the dataset) meet it."""

    indicator: Indicator
    met: int
    of: int  # the dataset's distributions; 1 for an indicator computed on the dataset
    missing: tuple[str, ...] = ()  # what falls short: the distributions, the URLs with their answers, the Violations
    remarks: tuple[str, ...] = ()  # said even when it is met

    @property
    def points(self) -> Fraction:
        return Fraction(self.indicator.points * self.met, self.of) if self.of else Fraction(0)


@dataclass(frozen=True)
class DatasetScore:
    dataset: str
    title: str
    findings: tuple[Finding, ...]

    @property
    def total(self) -> Fraction:
        return sum((finding.points for finding in self.findings), Fraction(0))

    @property
    def rating(self) -> str:
        return rating(self.total)


@dataclass(frozen=True)
class MqaReport:
    datasets: tuple[DatasetScore, ...]
    notes: tuple[str, ...]  # where what was measured differs from what the portal measures
    validation: ValidationReport  # the record against the DCAT-AP shapes
    maximum: int = MAXIMUM

    def below(self, wanted: str) -> list[DatasetScore]:
        """The datasets rated below `wanted` (a rating's name, any case)."""
        lowest = {name.casefold(): bound for name, bound in RATINGS}[wanted.casefold()]
        return [score for score in self.datasets if score.total < lowest]


def score_record_file(record: Path, shapes_dir: Path, vocabularies_dir: Path, reach: Reach = reach) -> MqaReport:
    """The record's datasets scored; InputError when the record, the shapes or the vocabularies cannot be read, or
    the record has no dataset."""
    triples = read_record(record)
    validation = validate_record_triples(triples, shapes_dir, vocabularies_dir)
    return score_record(triples, validation, load_rdf_folder(vocabularies_dir), reach, str(record))


def score_record(
    triples: list[ox.Triple],
    validation: ValidationReport,
    reference: list[ox.Triple],
    reach: Reach = reach,
    name: str = "the record",
) -> MqaReport:
    """Each dataset of the record scored, with the record's SHACL report and the reference tables given."""
    store = _record_store(triples, reference)
    titles = {
        _iri(row["dataset"]): lexical(row["title"]) if "title" in row else ""
        for row in bundled_rows(store, "mqa/datasets")
    }
    if not titles:
        raise InputError(f"{name}: no dcat:Dataset to score")
    urls = {indicator.name: _urls(store, indicator) for indicator in INDICATORS}
    answers = reach(url for given in urls.values() for listed in given.values() for url in listed)
    record = _Record(store, tuple(titles), validation, urls, answers)
    found: dict[str, list[Finding]] = {dataset: [] for dataset in titles}
    for indicator in INDICATORS:
        for dataset, finding in _findings(record, indicator).items():
            found[dataset].append(finding)
    scores = tuple(DatasetScore(dataset, title, tuple(found[dataset])) for dataset, title in titles.items())
    return MqaReport(scores, _notes(store), validation)


@dataclass(frozen=True)
class _Record:
    """The record being scored, and what was found out about it once for all the indicators."""

    store: EmbeddedStore
    datasets: tuple[str, ...]
    validation: ValidationReport
    urls: dict[str, dict[tuple[str, str], list[str]]]  # by indicator: each (dataset, distribution)'s URLs
    answers: dict[str, Answer]  # each URL's


def _record_store(triples: list[ox.Triple], reference: list[ox.Triple]) -> EmbeddedStore:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    beside = ox.NamedNode(REFERENCE_GRAPH)
    lists = ox.parse(path=project_dir("data") / "mqa-formats.ttl", format=ox.RdfFormat.TURTLE)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, beside) for t in [*reference, *(q.triple for q in lists)])
    return EmbeddedStore(store)


def _given(query: Query) -> dict[str, str]:
    """The query's parameters, with the reference graph where the query reads it."""
    wants_reference = any(parameter.name == "reference" for parameter in bundled_query(f"mqa/{query.name}").parameters)
    return {**query.parameters, **({"reference": REFERENCE_GRAPH} if wants_reference else {})}


def _iri(term: object) -> str:
    assert isinstance(term, (ox.NamedNode, ox.BlankNode)), term
    return term.value


def _met(row: Row) -> bool:
    return lexical(row["met"]) == "true"


def _urls(store: EmbeddedStore, indicator: Indicator) -> dict[tuple[str, str], list[str]]:
    """For an indicator that requests URLs, each (dataset, distribution) and the URLs it gives."""
    if not isinstance(indicator.check, Reachable):
        return {}
    given = {"property": indicator.check.property.value}
    urls: dict[tuple[str, str], list[str]] = {}
    for row in bundled_rows(store, "mqa/distribution-values", given):
        listed = urls.setdefault((_iri(row["dataset"]), _iri(row["distribution"])), [])
        if "value" in row:
            listed.append(lexical(row["value"]))
    return urls


def _findings(record: _Record, indicator: Indicator) -> dict[str, Finding]:
    check = indicator.check
    if isinstance(check, Compliant):
        return _compliance(record, indicator)
    if isinstance(check, Reachable):
        urls = record.urls[indicator.name].items()
        outcomes = {key: _answered(listed, record.answers, indicator) for key, listed in urls}
    else:
        rows = bundled_rows(record.store, f"mqa/{check.name}", _given(check))
        if indicator.on == DATASET:
            return {_iri(row["dataset"]): Finding(indicator, int(_met(row)), 1, _lacks(row, indicator)) for row in rows}
        outcomes = {(_iri(row["dataset"]), _iri(row["distribution"])): _lacks(row, indicator) for row in rows}
    return _by_dataset(record.datasets, indicator, outcomes)


def _lacks(row: Row, indicator: Indicator) -> tuple[str, ...]:
    return () if _met(row) else (f"no {indicator.wanted}",)


def _answered(urls: list[str], answers: dict[str, Answer], indicator: Indicator) -> tuple[str, ...]:
    """What keeps a distribution from meeting a URL indicator: no URL, or each URL that does not answer."""
    if not urls:
        return (f"no {indicator.wanted}",)
    return tuple(f"{url}: {answers[url].reason}" for url in sorted(urls) if not answers[url].ok)


def _by_dataset(
    datasets: tuple[str, ...], indicator: Indicator, outcomes: dict[tuple[str, str], tuple[str, ...]]
) -> dict[str, Finding]:
    """A distribution indicator's finding per dataset from what each distribution lacks (nothing: it meets it);
    a dataset without distributions meets none of it."""
    findings: dict[str, Finding] = {}
    for dataset in datasets:
        mine = {distribution: lacks for (owner, distribution), lacks in outcomes.items() if owner == dataset}
        missing = tuple(f"{distribution}: {lack}" for distribution, lacks in sorted(mine.items()) for lack in lacks)
        met = sum(1 for lacks in mine.values() if not lacks)
        findings[dataset] = Finding(indicator, met, len(mine), missing if mine else ("no dcat:distribution",))
    return findings


def _compliance(record: _Record, indicator: Indicator) -> dict[str, Finding]:
    """DCAT-AP compliance: no Violation whose focus node is part of the dataset's metadata."""
    parts: dict[str, set[str]] = {}
    for row in bundled_rows(record.store, "mqa/dataset-nodes"):
        parts.setdefault(_iri(row["dataset"]), set()).add(lexical(row["node"]))
    findings = {}
    for dataset, nodes in parts.items():
        about = [result for result in record.validation.results if result.focus in nodes]
        violations = tuple(_said(result) for result in about if result.severity == "Violation")
        warnings = sum(1 for result in about if result.severity == "Warning")
        remarks = (f"{warnings} Warnings about its metadata, not counted",) if warnings else ()
        findings[dataset] = Finding(indicator, int(not violations), 1, violations, remarks)
    return findings


def _said(result: ValidationResult) -> str:
    path = f" {result.path}" if result.path else ""
    return f"<{result.focus}>{path}: {result.message} [{result.shape.rsplit('#', 1)[-1]}]"


def _notes(store: EmbeddedStore) -> tuple[str, ...]:
    """The approximations in force: each indicator's, and the EU tables the record was checked against by their
    namespace only, because they were not among the reference tables."""
    notes = [f"{indicator.name}: {indicator.approximation}" for indicator in INDICATORS if indicator.approximation]
    for indicator in INDICATORS:
        check = indicator.check
        if isinstance(check, Query) and "scheme" in check.parameters:
            given = {"scheme": check.parameters["scheme"], "reference": REFERENCE_GRAPH}
            loaded = run_bundled(store, "mqa/scheme-loaded", given)
            if isinstance(loaded, AskResult) and not loaded.value:
                notes.append(
                    f"{indicator.name}: the EU table {check.parameters['scheme']} is not among the reference tables "
                    "(--vocabularies): a value counts as its concept by the table's namespace"
                )
    return tuple(notes)
