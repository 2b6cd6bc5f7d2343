"""4. The endpoint beside Oxigraph's own server (in memory, and on disk) and rdflib-endpoint; 5. load.

4: the same dataset in every server, the same load generator (wrk when installed, an independent C program;
else the harness's own client) on loopback, C clients for S seconds each, for a few workloads of saved queries:
distinct (every request's text unique, so that each is evaluated) and repeated, with the CPU time each server
(with its child processes) spent a request. Then where a request's time goes, from plan-graph serve's
Server-Timing header.
5: plan-graph serve alone under a steady load of saved queries and activity pages, several rounds in a row, with
its memory.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pyoxigraph as ox

from .measure import tree_cpu, tree_memory

if TYPE_CHECKING:
    from plan_graph.stores.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
ACTIVITIES = ["1.1.3", "2.1.2", "3.6.2", "4.1.3", "5.1.4"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


def _requests(base: str, query_path: str, pages: bool) -> list[tuple[str, dict, dict]]:
    sys.path.insert(0, str(ROOT))
    from plan_graph.stores.queries import bound_text, catalogue, example_parameters

    mix = []
    for name in ("activities", "mai-ngo", "actor-activities", "actor-workload", "dated-deadlines", "search"):
        query = catalogue()[name]
        text = bound_text(query, example_parameters(query, actor="MAI", notation="2"))
        mix.append((base + query_path, {"query": text}, {"Accept": "application/sparql-results+json"}))
    for notation in ACTIVITIES:
        iri = f"https://w3id.org/plan-graph/ro/hg-861-2018/activity/{notation}"
        if pages:
            mix.append((base + f"ro/hg-861-2018/activity/{notation}", {}, {"Accept": "text/html"}))
        else:
            mix.append((base + query_path, {"query": f"DESCRIBE <{iri}>"}, {"Accept": "text/turtle"}))
    return mix


async def _load(mix: list, clients: int, seconds: float, distinct: bool = False) -> tuple[int, Counter, list[float]]:
    """(requests made, the failures by kind: an HTTP status or an exception's name, latencies). `distinct`: each
    query made unique by a comment with a counter."""
    latencies: list[float] = []
    failures: Counter = Counter()
    done = 0
    stop = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=clients)) as client:

        async def worker(offset: int) -> None:
            nonlocal done
            index = offset
            while time.monotonic() < stop:
                url, params, headers = mix[index % len(mix)]
                if distinct and "query" in params:
                    params = {**params, "query": params["query"] + f"\n# {offset} {index}"}
                index += 1
                started = time.perf_counter()
                try:
                    response = await client.get(url, params=params, headers=headers)
                    if response.status_code != 200:
                        failures[f"{response.status_code} on {url.rsplit('/', 1)[-1]}"] += 1
                except httpx.HTTPError as error:
                    failures[f"{type(error).__name__} on {url.rsplit('/', 1)[-1]}"] += 1
                latencies.append(time.perf_counter() - started)
                done += 1

        await asyncio.gather(*(worker(i) for i in range(clients)))
    return done, failures, latencies


def _failures_text(failures: Counter) -> str:
    """ "0", or the count and each kind: "2 (ReadTimeout 1, 503 on sparql 1)"."""
    if not failures:
        return "0"
    kinds = ", ".join(f"{kind} {n}" for kind, n in failures.most_common())
    return f"{sum(failures.values())} ({kinds})"


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


@dataclass(frozen=True)
class LoadRun:
    """One load run against a server: what was asked, what came back, and the server's memory."""

    clients: int
    seconds: float
    requests: int
    failures: Counter  # anything but a 200, or no answer, by kind
    p50: float
    p99: float
    memory_before: int  # bytes, the server and its workers
    memory_peak: int  # sampled every 0.2 s during the run
    memory_after: int

    @property
    def errors(self) -> int:
        return sum(self.failures.values())

    @property
    def throughput(self) -> float:
        return (self.requests - self.errors) / self.seconds


def load_run(base: str, pid: int, clients: int, seconds: float) -> LoadRun:
    """`clients` concurrent clients for `seconds` against `plan-graph serve` at `base` (process `pid`): the mix
    of saved queries and activity pages of section 4, with the server's memory watched meanwhile."""
    before = tree_memory(pid)
    peak = [before]
    running = threading.Event()
    running.set()

    def watch() -> None:
        while running.is_set():
            peak.append(tree_memory(pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        done, failures, latencies = asyncio.run(_load(_requests(base, "sparql", True), clients, seconds))
    finally:
        running.clear()
        watcher.join()
    return LoadRun(
        clients,
        seconds,
        done,
        failures,
        _percentile(latencies, 0.5),
        _percentile(latencies, 0.99),
        before,
        max(peak),
        tree_memory(pid),
    )


def section_load(clients: int, seconds: float, rounds: int) -> None:
    """#10.4: plan-graph serve under a steady load, several rounds in a row: errors, latency, memory growth."""
    print(f"\n### 5. Load: {clients} clients for {seconds:g} s, {rounds} rounds in a row, plan-graph serve\n")
    python = Path(sys.executable)
    env = {**os.environ, "PLAN_GRAPH_CACHE": tempfile.mkdtemp(prefix="bench-cache-")}
    port = free_port()
    server = subprocess.Popen(
        [str(python.with_name("plan-graph")), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(base + "sparql?query=ASK%7B%7D")
        load_run(base, server.pid, clients, 2)  # warm-up: workers started, pages and caches filled
        print("| round | requests | errors | throughput | p50 | p99 | memory before | peak | after |")
        print("|---|---|---|---|---|---|---|---|---|")
        mb = 1024 * 1024
        for index in range(1, rounds + 1):
            run = load_run(base, server.pid, clients, seconds)
            print(
                f"| {index} | {run.requests} | {_failures_text(run.failures)} | {run.throughput:.0f}/s | "
                f"{run.p50 * 1000:.1f} ms | {run.p99 * 1000:.1f} ms | {run.memory_before / mb:.0f} MB | "
                f"{run.memory_peak / mb:.0f} MB | {run.memory_after / mb:.0f} MB |"
            )
    finally:
        stop([server])


def stop(processes: list[subprocess.Popen]) -> None:
    """Stops the servers a section started: SIGTERM to all, then each waited for (killed after 30 s)."""
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# ---- 4. the endpoint beside Oxigraph's own server

SERVERS = (
    "plan-graph serve",
    "Oxigraph server, in memory",
    "Oxigraph server, on disk (read-only)",
    "rdflib-endpoint",
    "Python floor (python_floor.py)",
)
REFERENCE = "Oxigraph server, in memory"
FLOOR = SERVERS[4]
PEERS = {  # --servers: which of the other servers run beside plan-graph serve
    "oxigraph": SERVERS[1],
    "oxigraph-disk": SERVERS[2],
    "rdflib-endpoint": SERVERS[3],
    "floor": SERVERS[4],
}


def at_commit(ref: str) -> str:
    """The name of plan-graph serve as a commit of this repository has it (--against)."""
    return f"plan-graph serve at {ref}"


WARM_UP = 3  # seconds of requests each server gets before anything is measured


@dataclass(frozen=True)
class Workload:
    """Queries asked in turn; `distinct` makes every request's text unique (a comment with a counter), so that
    no answer kept by a server can serve it: each one is evaluated."""

    name: str
    queries: tuple[str, ...]
    distinct: bool


def workloads(store: EmbeddedStore) -> list[Workload]:
    from plan_graph.stores.queries import bound_text, catalogue

    mai_ngo = (bound_text(catalogue()["mai-ngo"], {}),)
    found = store.query(
        "PREFIX pg: <https://w3id.org/plan-graph/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT DISTINCT ?code { ?activity pg:responsible|pg:partner ?actor . "
        "?actor skos:notation ?code } ORDER BY ?code"
    )
    codes = [row["code"].value for row in found.rows]  # type: ignore[union-attr]
    actors = tuple(bound_text(catalogue()["actor-activities"], {"actor": code}) for code in codes)
    return [
        Workload("mai-ngo", mai_ngo, True),
        Workload("mai-ngo", mai_ngo, False),
        Workload(f"actor-activities, {len(actors)} actors in turn", actors, True),
        Workload(f"actor-activities, {len(actors)} actors in turn", actors, False),
    ]


@dataclass(frozen=True)
class Measured:
    requests: int
    errors: str  # "0", or the count and what they were
    throughput: float  # answered requests a second
    p50: float  # seconds
    p99: float
    cpu: float = float("nan")  # CPU seconds the server (with its child processes) used per request


@dataclass(frozen=True)
class Served:
    """A server the benchmark started: where it answers SPARQL, and its process."""

    base: str
    path: str  # of its SPARQL endpoint, under base
    pid: int


def _wrk_script(path: str, workload: Workload) -> str:
    """wrk's Lua: the queries in turn, each made unique by a counter when the workload is distinct."""
    from urllib.parse import quote

    paths = ",\n".join(f'  "{path}?query={quote(text, safe="")}"' for text in workload.queries)
    unique = 'p = p .. "%0A%23%20" .. n' if workload.distinct else ""
    return (
        f"paths = {{\n{paths}\n}}\ni = 0\nn = 0\n"
        'wrk.headers["Accept"] = "application/sparql-results+json"\n'
        f"request = function()\n  i = i % #paths + 1\n  n = n + 1\n  local p = paths[i]\n  {unique}\n"
        '  return wrk.format("GET", p)\nend\n'
    )


def _wrk(base: str, path: str, workload: Workload, clients: int, seconds: float, folder: Path) -> Measured:
    """One run of wrk (one thread: the least CPU taken from the servers on a small machine)."""
    import re

    script = folder / "workload.lua"
    script.write_text(_wrk_script(path, workload), encoding="utf-8")
    out = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{seconds:g}s", "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    done = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    socket = (
        sum(int(n) for n in m.groups())
        if (m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out))
        else 0
    )
    units = {"us": 1e-6, "ms": 1e-3, "s": 1.0}

    def percentile(label: str) -> float:
        found = re.search(rf"^\s+{label}%\s+([0-9.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        return float(found.group(1)) * units[found.group(2)] if found else float("nan")

    errors = "0" if not bad + socket else f"{bad + socket} ({bad} not 200, {socket} socket)"
    return Measured(done, errors, (done - bad) / seconds, percentile("50"), percentile("99"))


def _own(base: str, path: str, workload: Workload, clients: int, seconds: float) -> Measured:
    """The same with the harness's own client (httpx), where wrk is not installed."""
    mix = [(base + path, {"query": text}, {"Accept": "application/sparql-results+json"}) for text in workload.queries]
    done, failures, latencies = asyncio.run(_load(mix, clients, seconds, distinct=workload.distinct))
    errors = sum(failures.values())
    return Measured(
        done,
        _failures_text(failures),
        (done - errors) / seconds,
        _percentile(latencies, 0.5),
        _percentile(latencies, 0.99),
    )


def _measure(server: Served, workload: Workload, clients: int, seconds: float, folder: Path) -> Measured:
    """One run of the load generator against a server (wrk, else the harness's own client), with the CPU time
    the server and its child processes spent meanwhile."""
    before = tree_cpu(server.pid)
    if shutil.which("wrk"):
        run = _wrk(server.base, "/" + server.path, workload, clients, seconds, folder)
    else:
        run = _own(server.base, server.path, workload, clients, seconds)
    return replace(run, cpu=(tree_cpu(server.pid) - before) / max(run.requests, 1))


def _time_split(server: Served, workload: Workload, count: int = 300) -> dict[str, float]:
    """Where a distinct request's time goes, from the client (its whole wait) and the server's Server-Timing
    (the check, the round trip to a worker, the worker's run of the query): medians, in ms."""
    import re
    import statistics

    parts: dict[str, list[float]] = {"client": [], "check": [], "store": [], "query": []}
    with httpx.Client(timeout=30) as client:
        for index in range(count):
            text = workload.queries[index % len(workload.queries)] + f"\n# split {index}"
            started = time.perf_counter()
            response = client.get(
                server.base + server.path, params={"query": text}, headers={"Accept": "application/sparql-results+json"}
            )
            parts["client"].append((time.perf_counter() - started) * 1000)
            for name, value in re.findall(r"(\w+);dur=([0-9.]+)", response.headers.get("server-timing", "")):
                parts[name].append(float(value))
    return {name: statistics.median(values) for name, values in parts.items() if values}


def _in_process(store: ox.Store, workload: Workload, count: int = 300) -> float:
    """The median time pyoxigraph takes to run the workload's query and write it as JSON, in this process (ms)."""
    import statistics

    times = []
    for index in range(count):
        started = time.perf_counter()
        store.query(workload.queries[index % len(workload.queries)]).serialize(format=ox.QueryResultsFormat.JSON)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _ratio(
    measured: dict[tuple[str, bool, int, str], Measured], run: tuple[str, bool, int], server: str, other: str
) -> float:
    """One server's throughput over another's in the same run (workload, distinct, clients)."""
    theirs = measured[(*run, other)].throughput
    return measured[(*run, server)].throughput / theirs if theirs else float("inf")


def _checkout(ref: str, folder: Path) -> Path:
    """The files of a commit of this repository (git archive), to serve plan-graph from as it was there."""
    target = folder / "at" / ref.replace("/", "_")
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _start_servers(
    folder: Path,
    env: dict[str, str],
    processes: list[subprocess.Popen],
    store: ox.Store,
    peers: tuple[str, ...] = tuple(PEERS),
    against: tuple[str, ...] = (),
) -> dict[str, Served]:
    """Every server that can run here of `peers` (PEERS' keys), beside plan-graph serve and plan-graph serve at
    each commit of `against`, on the same dataset: what plan-graph serve serves (`store`), as N-Quads."""
    python = Path(sys.executable)
    quads, default = folder / "dataset.nq", folder / "default.nt"
    store.dump(str(quads), format=ox.RdfFormat.N_QUADS)
    store.dump(str(default), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())

    def started(command: list[str], **kwargs: object) -> None:
        processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs))  # type: ignore[call-overload]

    servers: dict[str, Served] = {}
    port = free_port()
    started([str(python.with_name("plan-graph")), "serve", "--port", str(port), "--timeout", "30"], env=env)
    servers[SERVERS[0]] = Served(f"http://127.0.0.1:{port}/", "sparql", processes[-1].pid)
    for ref in against:  # the same command, its code (and the data it builds) as the commit has them
        tree = _checkout(ref, folder)
        cache = tempfile.mkdtemp(prefix="bench-cache-", dir=folder)
        port = free_port()
        started(
            [str(python.with_name("plan-graph")), "serve", "--port", str(port), "--timeout", "30"],
            env={**env, "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree}", "PLAN_GRAPH_CACHE": cache},
            cwd=tree,
        )
        servers[at_commit(ref)] = Served(f"http://127.0.0.1:{port}/", "sparql", processes[-1].pid)
    oxigraph = shutil.which("oxigraph") or str(python.with_name("oxigraph"))
    if Path(oxigraph).exists() and "oxigraph" in peers:
        port = free_port()
        started([oxigraph, "serve", "--bind", f"127.0.0.1:{port}"])  # no --location: in memory
        servers[SERVERS[1]] = Served(f"http://127.0.0.1:{port}/", "query", processes[-1].pid)
        _wait(servers[SERVERS[1]].base + "query?query=ASK%7B%7D")
        loaded = httpx.post(
            f"http://127.0.0.1:{port}/store",
            content=quads.read_bytes(),
            headers={"Content-Type": "application/n-quads"},
            timeout=120,
        )
        loaded.raise_for_status()
    if Path(oxigraph).exists() and "oxigraph-disk" in peers:
        location = folder / "oxigraph"
        subprocess.run(
            [oxigraph, "load", "--location", str(location), "--file", str(quads)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = free_port()
        started([oxigraph, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"])
        servers[SERVERS[2]] = Served(f"http://127.0.0.1:{port}/", "query", processes[-1].pid)
    endpoint = shutil.which("rdflib-endpoint") or str(python.with_name("rdflib-endpoint"))
    if (
        Path(endpoint).exists() and "rdflib-endpoint" in peers
    ):  # the default graph only: rdflib-endpoint serves one graph from a file
        port = free_port()
        started([endpoint, "serve", str(default), "--host", "127.0.0.1", "--port", str(port)])
        servers[SERVERS[3]] = Served(f"http://127.0.0.1:{port}/", "", processes[-1].pid)  # SPARQL at /
    if "floor" not in peers:
        for server in servers.values():
            _wait(server.base + server.path + "?query=ASK%7B%7D")
        return servers
    port = free_port()  # one process a core, as the Oxigraph server has a thread a core
    started(
        [
            str(python),
            "-m",
            "uvicorn",
            "bench.python_floor:app",
            "--port",
            str(port),
            "--workers",
            str(os.cpu_count() or 1),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env={**os.environ, "PLAN_GRAPH_FLOOR_DATASET": str(quads)},
    )
    servers[FLOOR] = Served(f"http://127.0.0.1:{port}/", "sparql", processes[-1].pid)
    for server in servers.values():
        _wait(server.base + server.path + "?query=ASK%7B%7D")
    return servers


def _served() -> EmbeddedStore:
    sys.path.insert(0, str(ROOT))
    from plan_graph.pipeline.plan_store import embedded_plan_store

    return embedded_plan_store()


def _compare_commits(
    runs: dict[tuple[str, bool, int, str], list[Measured]],
    loads: list[Workload],
    clients: list[int],
    against: tuple[str, ...],
) -> None:
    """A/B: this tree's plan-graph serve over the same at each commit, run by run (the two were measured one
    after the other in each round), as the median of those ratios with the lowest and highest; and the CPU time a
    request, the same way."""
    import statistics

    print(
        "\nA/B: plan-graph serve (this tree) over plan-graph serve at each commit, the same run: throughput and CPU "
        "time a request, the median of the ratios of the runs taken in turn (lowest–highest):\n"
    )
    print("| workload | clients | " + " | ".join(f"at {ref}: throughput | CPU" for ref in against) + " |")
    print("|---|---|" + "---|---|" * len(against))
    for workload in loads:
        kind = "distinct" if workload.distinct else "repeated"
        for count in clients:
            ours = runs[(workload.name, workload.distinct, count, SERVERS[0])]
            cells = []
            for ref in against:
                theirs = runs[(workload.name, workload.distinct, count, at_commit(ref))]
                for ratio in (
                    [
                        a.throughput / b.throughput if b.throughput else float("inf")
                        for a, b in zip(ours, theirs, strict=True)
                    ],
                    [a.cpu / b.cpu if b.cpu else float("inf") for a, b in zip(ours, theirs, strict=True)],
                ):
                    cells.append(f"{statistics.median(ratio):.2f}x ({min(ratio):.2f}–{max(ratio):.2f})")
            print(f"| {workload.name}, {kind} | {count} | " + " | ".join(cells) + " |")


def _median_run(runs: list[Measured]) -> Measured:
    """Of repeated runs, the one of median throughput (its latencies and CPU with it)."""
    return sorted(runs, key=lambda run: run.throughput)[(len(runs) - 1) // 2]


def section_endpoint(
    clients: list[int],
    seconds: float,
    repeat: int = 1,
    peers: tuple[str, ...] = tuple(PEERS),
    against: tuple[str, ...] = (),
) -> None:
    """`repeat` runs of every (workload, clients, server), the servers in turn within each, so that a noisy spell
    falls on all alike; `against`: plan-graph serve at those commits too, each compared with this tree's (A/B)."""
    print("\n### 4. Endpoint: plan-graph serve beside Oxigraph's own server, same dataset, same client\n")
    env = {**os.environ, "PLAN_GRAPH_CACHE": tempfile.mkdtemp(prefix="bench-cache-")}
    folder = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    processes: list[subprocess.Popen] = []
    generator = "wrk (one thread)" if shutil.which("wrk") else "the harness's own client (httpx; wrk not found)"
    try:
        served = _served()  # the dataset plan-graph serve serves, read once for every use here
        servers = _start_servers(folder, env, processes, served.store, peers, against)
        loads = workloads(served)
        print(
            f"Load generator: {generator}; {seconds:g} s a run, after {WARM_UP} s of requests to each server; every "
            f"server holds the same {len(served)} quads (rdflib-endpoint the default graph's)"
            + (
                f"; {repeat} runs of each, the servers in turn, the run of median throughput shown"
                if repeat > 1
                else ""
            )
            + ".\n"
        )
        print("| workload | clients | server | requests | errors | throughput | p50 | p99 | CPU a request |")
        print("|---|---|---|---|---|---|---|---|---|")
        for server in servers.values():  # warmed up alike: the first requests of a fresh server are not measured
            _measure(server, loads[0], 1, WARM_UP, folder)
        runs: dict[tuple[str, bool, int, str], list[Measured]] = {}
        for workload in loads:
            kind = "distinct" if workload.distinct else "repeated"
            for count in clients:
                for _ in range(repeat):
                    for name, server in servers.items():
                        run = _measure(server, workload, count, seconds, folder)
                        runs.setdefault((workload.name, workload.distinct, count, name), []).append(run)
                for name in servers:
                    run = _median_run(runs[(workload.name, workload.distinct, count, name)])
                    print(
                        f"| {workload.name}, {kind} | {count} | {name} | {run.requests} | {run.errors} | "
                        f"{run.throughput:.0f}/s | {run.p50 * 1000:.2f} ms | {run.p99 * 1000:.2f} ms | "
                        f"{run.cpu * 1e6:.0f} µs |"
                    )
        measured = {key: _median_run(found) for key, found in runs.items()}
        if against:
            _compare_commits(runs, loads, clients, against)
        others = [name for name in SERVERS[1:] if name in servers]
        if others:
            print(
                "\nplan-graph serve's throughput over each other server's (goal: >= 0.6x the in-memory Oxigraph "
                "server on distinct queries, >= 1x on repeated ones, >= 15x rdflib-endpoint):\n"
            )
            print("| workload | clients | " + " | ".join(f"/ {name}" for name in others) + " |")
            print("|---|---|" + "---|" * len(others))
            for workload in loads:
                kind = "distinct" if workload.distinct else "repeated"
                for count in clients:
                    ratios = [
                        _ratio(measured, (workload.name, workload.distinct, count), SERVERS[0], name) for name in others
                    ]
                    print(f"| {workload.name}, {kind} | {count} | " + " | ".join(f"{r:.2f}x" for r in ratios) + " |")
        if REFERENCE in servers and FLOOR in servers:
            print(
                "\nThe Python floor's throughput over the in-memory Oxigraph server's, distinct queries (what a "
                "Python server running pyoxigraph reaches with nothing but the query: no time limit, no checks):\n"
            )
            print("| workload | clients | floor / Oxigraph server, in memory |\n|---|---|---|")
            for workload in (load for load in loads if load.distinct):
                for count in clients:
                    ratio = _ratio(measured, (workload.name, True, count), FLOOR, REFERENCE)
                    print(f"| {workload.name}, distinct | {count} | {ratio:.2f}x |")
        print(
            "\nWhere a distinct request's time goes on plan-graph serve (one client, sequential requests; medians; "
            "`check`, `store` and `query` from its Server-Timing header):\n"
        )
        print(
            "| workload | client's wait | check | round trip to a worker | the worker's run (query + writing) | "
            "outside the handler (HTTP both ways, the client's own work) | pyoxigraph in process (query + JSON) "
            "| client's wait, Oxigraph server in memory |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for workload in loads:
            if not workload.distinct:
                continue
            split = _time_split(servers[SERVERS[0]], workload)
            outside = split["client"] - split["check"] - split["store"]
            reference = _time_split(servers[REFERENCE], workload)["client"] if REFERENCE in servers else float("nan")
            print(
                f"| {workload.name} | {split['client']:.2f} ms | {split['check']:.2f} ms | {split['store']:.2f} ms |"
                f" {split['query']:.2f} ms | {outside:.2f} ms | {_in_process(served.store, workload):.2f} ms | "
                f"{reference:.2f} ms |"
            )
    finally:
        stop(processes)
        shutil.rmtree(folder, ignore_errors=True)
