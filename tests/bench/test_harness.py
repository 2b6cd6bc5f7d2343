"""The benchmark harness itself: synthetic plans are real plans, and a short run prints its tables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from bench.endpoint import _wait, free_port
from bench.synthetic import scaled_links, scaled_plan_text
from plan_graph.text.links import load_links
from plan_graph.text.reader import parse_plan
from tests.support.paths import REPO


def test_a_synthetic_plan_has_k_times_the_activities_with_distinct_notations(plan_text):
    plan = parse_plan(scaled_plan_text(plan_text, 3))
    assert plan.errors == []
    assert len(plan.activities) == 180 and len({a.notation for a in plan.activities}) == 180
    assert [g.notation for g in plan.general_objectives] == [str(n) for n in range(1, 16)]
    assert plan.activities[60].notation == "6.1.1" and plan.activities[60].title == plan.activities[0].title
    links = scaled_links(load_links(), 3)
    assert links.translations[("activity", "11.1.1")].en == links.translations[("activity", "1.1.1")].en


def run_bench(*args: str) -> subprocess.CompletedProcess:
    """`python -m bench ARGS` from the checkout, as a user runs it; it must succeed."""
    result = subprocess.run(
        [sys.executable, "-m", "bench", *args], capture_output=True, text=True, timeout=600, cwd=REPO
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.mark.slow
def test_a_short_benchmark_run_prints_its_tables():
    result = run_bench("--sections", "build,scale", "--repeat", "1", "--sizes", "1,2")
    assert "build / import floor" in result.stdout
    assert "| x2 | 120 |" in result.stdout


@pytest.mark.slow
def test_a_short_endpoint_run_compares_the_servers_and_splits_a_request():
    # the reference server comes with the test extra (and the bench extra), beside this Python
    assert Path(sys.executable).with_name("oxigraph").exists()
    result = run_bench("--sections", "endpoint", "--clients", "1", "--seconds", "1")
    out = result.stdout
    ours = next(line for line in out.splitlines() if line.startswith("| mai-ngo, distinct | 1 | plan-graph serve |"))
    cpu = ours.rstrip(" |").rsplit("|", 1)[1].strip()  # the last column: the server's CPU time a request
    assert cpu.endswith(" µs") and int(cpu.removesuffix(" µs")) > 0, ours
    assert "| mai-ngo, distinct | 1 | Oxigraph server, in memory |" in out
    assert "/ Oxigraph server, in memory" in out  # the ratio table
    assert "| mai-ngo, distinct | 1 | Python floor (python_floor.py) |" in out
    assert "floor / Oxigraph server, in memory" in out
    split = [line for line in out.splitlines() if line.startswith("| mai-ngo | ")]
    assert len(split) == 1 and split[0].count("ms") == 7  # every part of the request's time, and the reference's


@pytest.mark.slow
def test_a_short_proxy_run_measures_nginx_as_deployed_beside_the_bare_servers():
    from tests.support.nginx import NginxMissingError, nginx_command
    from tests.support.paths import unavailable

    try:
        nginx_command()
    except NginxMissingError as missing:
        unavailable(str(missing))
    result = run_bench("--sections", "proxy", "--clients", "1", "--seconds", "1")
    out = result.stdout
    for path in (
        "plan-graph serve",
        "Oxigraph server, in memory",
        "nginx (deploy/nginx/) in front of plan-graph serve",
    ):
        for kind in ("distinct", "repeated"):
            row = next(line for line in out.splitlines() if line.startswith(f"| mai-ngo, {kind} | 1 | {path} |"))
            assert row.split(" | ")[4] == "0", row  # no errors: the rate limit leaves the load generator alone
    goals = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines() if ">= " in line}
    # kept answers come from nginx's cache; each distinct query is new to it
    assert goals["mai-ngo, repeated"].rstrip(" |").endswith("| HIT"), goals
    assert goals["mai-ngo, distinct"].rstrip(" |").endswith("| MISS"), goals
    assert "| Oxigraph server, in memory |" in goals["mai-ngo, repeated"] and "| >= 2x |" in goals["mai-ngo, repeated"]


def test_the_python_floor_answers_what_pyoxigraph_answers(tmp_path):
    """The floor of section 4 does the query's whole work, over real HTTP: its rows are the store's own."""
    dataset = tmp_path / "dataset.nq"
    dataset.write_text(
        '<http://example.org/a> <http://example.org/p> "1" <http://example.org/g> .\n'
        '<http://example.org/b> <http://example.org/p> "2" .\n',
        encoding="utf-8",
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.python_floor:app", "--port", str(port), "--log-level", "warning"],
        cwd=REPO,
        env={**os.environ, "PLAN_GRAPH_FLOOR_DATASET": str(dataset)},
    )
    try:
        base = f"http://127.0.0.1:{port}/sparql"
        _wait(base + "?query=ASK%7B%7D", seconds=30)
        query = "SELECT ?s ?o { ?s ?p ?o } ORDER BY ?o"  # the default graph: b's triple only
        answer = httpx.get(base, params={"query": query}, timeout=10)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/sparql-results+json"
        rows = [
            {name: str(term) for name, term in zip(("s", "o"), row, strict=True)}
            for row in ox.parse_query_results(answer.content, format=ox.QueryResultsFormat.JSON)
        ]
        assert rows == [{"s": "<http://example.org/b>", "o": '"2"'}]
        assert httpx.get(base, params={"query": "SELECT nonsense"}, timeout=10).status_code == 400
        assert httpx.get(base, timeout=10).status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=10)
