"""`plan-graph validate-dcat --mqa` on the release as a portal would meet it: exported with a local download base,
served by a real HTTP server, scored by data.europa.eu's MQA (#32, item 4: Excellent, 351 or more of 405, for every
dataset), every indicator's points checked; then with a file gone, and with the server down."""

from __future__ import annotations

import json
import socket

import pytest

from plan_graph.release.mqa_indicators import INDICATORS
from tests.support.cli import run
from tests.support.paths import reference
from tests.support.server_process import serving_folder

ROOT = "https://w3id.org/plan-graph/ro/"
PLAN, MONITORING, STATISTICS = (
    ROOT + "hg-861-2018/dataset",
    ROOT + "hg-861-2018/monitoring/dataset",
    ROOT + ("statistics/dataset"),
)
# each dataset's distributions: 4 dumps of the whole, 4 of the graph, 4 of its entailments and 7 tables; 4 dumps of
# the assessments; 4 of the statistics (tests/release/test_export.py counts them in the record)
DISTRIBUTIONS = {PLAN: 19, MONITORING: 4, STATISTICS: 4}
# the DCAT-AP 3.0.1 Warnings about each dataset's metadata (docs/release.md explains the record's 36): its publisher
# outside the EU corporate-body table, the publisher's and the licence's ADMS types, Romania's centroid and bounding
# box (5, shared), and one per distribution (no planned availability)
WARNINGS = {dataset: 5 + count for dataset, count in DISTRIBUTIONS.items()}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A real HTTP server over a folder, and the release exported into it with the server's address as its base."""
    folder = tmp_path_factory.mktemp("served")
    with serving_folder(folder) as root:
        base = root + "release/"
        exported = run("export", "--out", str(folder / "release"), "--download-base", base)
        assert exported.returncode == 0, exported.stderr
        yield folder / "release", base


def mqa(record, *options: str):
    return run(
        "validate-dcat",
        str(record),
        "--mqa",
        *options,
        "--shapes",
        str(reference("dcat-ap-3.0.1")),
        "--vocabularies",
        str(reference("eu-authority-tables")),
    )


def scores(result) -> dict[str, dict]:
    return {dataset["dataset"]: dataset for dataset in json.loads(result.stdout)["datasets"]}


def every_point(dataset: str) -> list[dict]:
    """What each indicator gives a dataset of the release: all its points, nothing missing."""
    return [
        {
            "dimension": indicator.dimension,
            "indicator": indicator.name,
            "points": indicator.points,
            "possible": indicator.points,
            "on": indicator.on,
            "met": DISTRIBUTIONS[dataset] if indicator.on == "distribution" else 1,
            "of": DISTRIBUTIONS[dataset] if indicator.on == "distribution" else 1,
            "missing": [],
            "remarks": [f"{WARNINGS[dataset]} Warnings about its metadata, not counted"]
            if indicator.name == "DCAT-AP compliance"
            else [],
        }
        for indicator in INDICATORS
    ]


def test_every_dataset_of_the_served_release_scores_every_point(served):
    release, _ = served
    result = mqa(release / "dcat.ttl", "--format", "json", "--mqa-min", "excellent")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    found = scores(result)
    assert {dataset: (score["total"], score["rating"]) for dataset, score in found.items()} == {
        PLAN: (405, "Excellent"),
        MONITORING: (405, "Excellent"),
        STATISTICS: (405, "Excellent"),
    }
    for dataset, score in found.items():
        assert score["indicators"] == every_point(dataset), dataset


def test_the_text_report(served):
    release, _ = served
    result = mqa(release / "dcat.ttl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    plan = lines[next(n for n, line in enumerate(lines) if line.startswith(f"<{PLAN}> ")) :]
    assert plan[1:6] == [
        "  Findability                                100/100",
        "    Keyword usage                             30/30",
        "    Categories                                30/30",
        "    Geo search                                20/20",
        "    Time-based search                         20/20",
    ]
    assert plan[7] == "    AccessURL accessibility                   50/50  (19 of 19 distributions)"
    assert [line for line in lines if line.startswith("  total")] == ["  total 405/405: Excellent"] * 3
    assert not [line for line in lines if "missing:" in line]


def test_a_file_gone_costs_its_share_and_is_named_by_its_url(served):
    release, base = served
    gone = release / "statistics.nt"
    kept = gone.read_bytes()
    gone.unlink()
    try:
        result = mqa(release / "dcat.ttl", "--format", "json", "--mqa-min", "excellent")
    finally:
        gone.write_bytes(kept)
    assert result.returncode == 0, result.stderr  # 385 is still Excellent
    found = scores(result)
    assert {dataset: score["total"] for dataset, score in found.items()} == {
        PLAN: 405,
        MONITORING: 405,
        STATISTICS: 385,
    }
    missing = [f"{STATISTICS}/distribution/statistics.nt: {base}statistics.nt: 404 File not found"]
    accessibility = {i["indicator"]: (i["points"], i["met"], i["missing"]) for i in found[STATISTICS]["indicators"]}
    assert {
        name: accessibility[name] for name in ("AccessURL accessibility", "DownloadURL", "DownloadURL accessibility")
    } == {
        "AccessURL accessibility": (37.5, 3, missing),
        "DownloadURL": (20, 4, []),
        "DownloadURL accessibility": (22.5, 3, missing),
    }


def test_with_no_server_every_url_is_named_and_the_minimum_fails(served, tmp_path):
    """The record with a base where nothing listens: every URL refused, each named; below --mqa-min, exit 1."""
    release, base = served
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}/release/"
    record = tmp_path / "dcat.ttl"
    record.write_text((release / "dcat.ttl").read_text(encoding="utf-8").replace(base, nowhere), encoding="utf-8")
    result = mqa(record, "--format", "json", "--mqa-min", "excellent")
    assert result.returncode == 1
    found = scores(result)
    assert {dataset: (score["total"], score["rating"]) for dataset, score in found.items()} == {
        PLAN: (325, "Good"),  # 405 less AccessURL accessibility's 50 and DownloadURL accessibility's 30
        MONITORING: (325, "Good"),
        STATISTICS: (325, "Good"),
    }
    refused = {i["indicator"]: i["missing"] for i in found[STATISTICS]["indicators"] if i["missing"]}
    urls = [
        f"{STATISTICS}/distribution/statistics.{suffix}: {nowhere}statistics.{suffix}: connection refused"
        for suffix in ("jsonld", "nt", "rdf", "ttl")
    ]
    assert refused == {"AccessURL accessibility": urls, "DownloadURL accessibility": urls}
    assert result.stderr.splitlines() == [
        f"plan-graph: <{dataset}> rates Good, below Excellent" for dataset in (PLAN, MONITORING, STATISTICS)
    ]


def test_usage_errors(served):
    release, _ = served
    alone = run("validate-dcat", str(release / "dcat.ttl"), "--mqa-min", "good", "--shapes", "x", "--vocabularies", "y")
    assert alone.returncode == 2 and "--mqa-min goes with --mqa" in alone.stderr
    turtle = mqa(release / "dcat.ttl", "--format", "turtle")
    assert turtle.returncode == 2 and "--mqa writes text or JSON" in turtle.stderr
