"""7. proxy: nginx as deploy/nginx/ configures it, in front of plan-graph serve, beside the bare servers (#32, item 3).

Goals, each a ratio of two throughputs measured in the same run, the servers in turn: repeated queries through
nginx's cache at least 2x the in-memory Oxigraph server (the reference of section 4); distinct queries (each one
evaluated) through nginx no slower than plan-graph serve alone by more than 10% (at least 0.9x).

Section 4's load generator (wrk, else the harness's own client) and workloads (bench/endpoint.py). nginx runs the
deployed configuration with its site lines for this machine (tests/support/nginx.py: where it listens, where the
server is, an empty release folder, its cache in a temporary folder), the load generator's address among those the
rate limit leaves alone: otherwise the limit (100 requests a second a client), not the proxy, would be measured. Each
run of a distinct workload has queries of its own (a comment naming the run), so that no server, nginx included,
has kept an answer to one of them from an earlier run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

import httpx

from .endpoint import (
    REFERENCE,
    SERVERS,
    Measured,
    Served,
    Workload,
    _median_run,
    _own,
    _served,
    _start_servers,
    _wrk,
    stop,
)
from .endpoint import workloads as section4_workloads
from .measure import tree_cpu

SERVE = SERVERS[0]
PROXY = "nginx (deploy/nginx/) in front of plan-graph serve"
GOALS = {True: (SERVE, 0.9), False: (REFERENCE, 2.0)}  # distinct?: (the baseline, the least ratio over it)


@dataclass(frozen=True)
class Route:
    """A way to the data: where the load generator sends its requests, and the processes that do the work."""

    name: str
    served: Served  # base URL, endpoint path, and the process the requests reach
    workers: tuple[int, ...]  # every process whose CPU time a request costs (nginx and the server behind it)


def _run(path: Route, workload: Workload, clients: int, seconds: float, folder: Path) -> Measured:
    """One load run along a path, with the CPU time every process on it spent a request."""
    before = sum(tree_cpu(pid) for pid in path.workers)
    server = path.served
    if shutil.which("wrk"):
        run = _wrk(server.base, "/" + server.path, workload, clients, seconds, folder)
    else:
        run = _own(server.base, server.path, workload, clients, seconds)
    return replace(run, cpu=(sum(tree_cpu(pid) for pid in path.workers) - before) / max(run.requests, 1))


def _unique(workload: Workload, run: int) -> Workload:
    """A distinct workload's queries for one run: its own, so that no answer kept from an earlier run serves them."""
    if not workload.distinct:
        return workload
    return replace(workload, queries=tuple(f"{query}\n# run {run}" for query in workload.queries))


def _cache_status(base: str, workload: Workload) -> str:
    """What nginx says of the workload's first query right after a run (X-Cache-Status), asked as the load generator
    asks it (nginx keys an answer on the request line as written): HIT when it kept the answer."""
    response = httpx.get(
        f"{base}sparql?query={quote(workload.queries[0], safe='')}",
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    return response.headers.get("x-cache-status", "none")


def section_proxy(clients: list[int], seconds: float, repeat: int = 1) -> None:
    print("\n### 7. nginx in front of plan-graph serve (deploy/nginx/), beside the bare servers\n")
    from tests.support.nginx import NginxMissingError, nginx_command, running_nginx

    try:
        nginx_command()
    except NginxMissingError as missing:
        print(f"Not run: {missing}.")
        return
    env = {**os.environ, "PLAN_GRAPH_CACHE": tempfile.mkdtemp(prefix="bench-cache-")}
    folder = Path(tempfile.mkdtemp(prefix="bench-proxy-"))
    processes: list[subprocess.Popen] = []
    try:
        served = _served()
        servers = _start_servers(folder, env, processes, served.store, ("oxigraph",))
        if REFERENCE not in servers:
            print("Not run: the Oxigraph server (the `oxigraph` package of the bench extra) is not installed.")
            return
        release = folder / "release"  # empty: every request goes through to the server, as /sparql does
        release.mkdir()
        serve = servers[SERVE]
        upstream = int(serve.base.rstrip("/").rsplit(":", 1)[1])
        with running_nginx(upstream, release, unlimited=("127.0.0.1",)) as (base, nginx):
            routes = [
                Route(SERVE, serve, (serve.pid,)),
                Route(REFERENCE, servers[REFERENCE], (servers[REFERENCE].pid,)),
                Route(PROXY, Served(base, "sparql", nginx.pid), (nginx.pid, serve.pid)),
            ]
            _measure_all(routes, section4_workloads(served), clients, seconds, repeat, folder, base, len(served))
        print(f"\nnginx: {subprocess.run([nginx_command(), '-v'], capture_output=True, text=True).stderr.strip()}")
    finally:
        stop(processes)
        shutil.rmtree(folder, ignore_errors=True)


def _measure_all(
    routes: list[Route],
    loads: list[Workload],
    clients: list[int],
    seconds: float,
    repeat: int,
    folder: Path,
    nginx: str,
    quads: int,
) -> None:
    generator = "wrk (one thread)" if shutil.which("wrk") else "the harness's own client (httpx; wrk not found)"
    print(
        f"Load generator: {generator}; {seconds:g} s a run after a warm-up of every path; every server holds the same "
        f"{quads} quads; {repeat} run(s) of each, the paths in turn, the run of median throughput shown. CPU a "
        "request: every process on the path (nginx's with the server's behind it).\n"
    )
    print("| workload | clients | path | requests | errors | throughput | p50 | p99 | CPU a request |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path in routes:  # warmed up alike; the distinct warm-up queries are never asked again
        _run(path, _unique(loads[0], -1), 1, 3, folder)
    runs: dict[tuple[str, bool, int, str], list[Measured]] = {}
    statuses: dict[tuple[str, bool], str] = {}
    number = 0
    for workload in loads:
        kind = "distinct" if workload.distinct else "repeated"
        for count in clients:
            for _ in range(repeat):
                for path in routes:
                    number += 1
                    asked = _unique(workload, number)
                    runs.setdefault((workload.name, workload.distinct, count, path.name), []).append(
                        _run(path, asked, count, seconds, folder)
                    )
                    if path.name == PROXY:
                        statuses[(workload.name, workload.distinct)] = _cache_status(nginx, asked)
            for path in routes:
                run = _median_run(runs[(workload.name, workload.distinct, count, path.name)])
                print(
                    f"| {workload.name}, {kind} | {count} | {path.name} | {run.requests} | {run.errors} | "
                    f"{run.throughput:.0f}/s | {run.p50 * 1000:.2f} ms | {run.p99 * 1000:.2f} ms | "
                    f"{run.cpu * 1e6:.0f} µs |"
                )
    print(
        "\nThe goals: through nginx, repeated queries at least 2x the in-memory Oxigraph server's throughput, distinct "
        "ones at least 0.9x plan-graph serve's alone (median run; the median of the runs' ratios, lowest–highest; "
        "nginx's X-Cache-Status for the first query of the workload right after a run):\n"
    )
    print("| workload | clients | over | ratio of median runs | ratios run by run | goal | met | X-Cache-Status |")
    print("|---|---|---|---|---|---|---|---|")
    for workload in loads:
        kind = "distinct" if workload.distinct else "repeated"
        baseline, goal = GOALS[workload.distinct]
        for count in clients:
            ours = runs[(workload.name, workload.distinct, count, PROXY)]
            theirs = runs[(workload.name, workload.distinct, count, baseline)]
            medians = _median_run(ours).throughput / max(_median_run(theirs).throughput, 1e-9)
            pairs = [a.throughput / max(b.throughput, 1e-9) for a, b in zip(ours, theirs, strict=True)]
            spread = f"{statistics.median(pairs):.2f}x ({min(pairs):.2f}–{max(pairs):.2f})"
            print(
                f"| {workload.name}, {kind} | {count} | {baseline} | {medians:.2f}x | {spread} | >= {goal:g}x | "
                f"{'yes' if medians >= goal else 'no'} | {statuses[(workload.name, workload.distinct)]} |"
            )
