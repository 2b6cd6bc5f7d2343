"""#10.4: `plan-graph serve` under a steady load of saved queries and pages, on loopback.

CLIENTS clients for SECONDS seconds (the mix of bench section 4: six saved queries, five activity pages):
no request may fail, the 99th percentile of latency must stay under P99_BOUND, and the server's memory (its
process and its query workers) may grow by less than MEMORY_GROWTH. The bound is a service level, not a
benchmark: on this 2-core machine p99 is about 0.2 s (bench/RESULTS.md, section 5, has the measured runs).
"""

from __future__ import annotations

import pytest

from bench.endpoint import load_run
from tests.support.server_process import running_server

CLIENTS = 16
SECONDS = 15
P99_BOUND = 2.0  # seconds
MEMORY_GROWTH = 50 * 1024 * 1024  # bytes over the whole run, after a warm-up


@pytest.mark.slow
def test_steady_load_has_no_errors_a_bounded_p99_and_no_memory_growth(capsys):
    with running_server() as (base, process):
        load_run(base, process.pid, CLIENTS, 2)  # warm-up: caches filled, workers started
        run = load_run(base, process.pid, CLIENTS, SECONDS)
    mb = 1024 * 1024
    report = (
        f"{CLIENTS} clients, {SECONDS} s: {run.requests} requests, {run.errors} errors {dict(run.failures)}, "
        f"{run.throughput:.0f}/s, p50 {run.p50 * 1000:.0f} ms, p99 {run.p99 * 1000:.0f} ms, memory "
        f"{run.memory_before / mb:.0f} MB -> peak {run.memory_peak / mb:.0f} MB "
        f"-> {run.memory_after / mb:.0f} MB"
    )
    with capsys.disabled():
        print(f"\nload: {report}")
    assert run.requests > CLIENTS * SECONDS, report  # the clients really were served, all along
    assert run.errors == 0, report
    assert run.p99 < P99_BOUND, report
    assert run.memory_after - run.memory_before < MEMORY_GROWTH, report
