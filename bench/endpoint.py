"""4. Endpoint load: plan-graph serve beside Oxigraph server and rdflib-endpoint, same data, same client.

A bounded load generator on loopback: C concurrent clients for S seconds each, a fixed mix of saved queries
and resource lookups (a page on plan-graph serve; the same resource by DESCRIBE on the others), round-robin.
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
from dataclasses import dataclass
from pathlib import Path

import httpx

from .measure import tree_memory

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
    from plan_graph.stores.queries import bound_text, catalogue

    examples = {"actor": "MAI", "notation": "2", "month": "2019-07", "year": "2019", "frequency": "Anual",
                "text": "cooperarii"}  # fmt: skip
    mix = []
    for name in ("activities", "mai-ngo", "actor-activities", "actor-workload", "dated-deadlines", "search"):
        query = catalogue()[name]
        text = bound_text(query, {p.name: examples.get(p.type, "x") for p in query.parameters if not p.optional})
        mix.append((base + query_path, {"query": text}, {"Accept": "application/sparql-results+json"}))
    for notation in ACTIVITIES:
        iri = f"https://w3id.org/plan-graph/ro/hg-861-2018/activity/{notation}"
        if pages:
            mix.append((base + f"ro/hg-861-2018/activity/{notation}", {}, {"Accept": "text/html"}))
        else:
            mix.append((base + query_path, {"query": f"DESCRIBE <{iri}>"}, {"Accept": "text/turtle"}))
    return mix


async def _load(mix: list, clients: int, seconds: float) -> tuple[int, Counter, list[float]]:
    """(requests made, the failures by kind: an HTTP status or an exception's name, latencies)."""
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
    return LoadRun(clients, seconds, done, failures, _percentile(latencies, 0.5), _percentile(latencies, 0.99),
                   before, max(peak), tree_memory(pid))  # fmt: skip


def section_load(clients: int, seconds: float, rounds: int) -> None:
    """#10.4: plan-graph serve under a steady load, several rounds in a row: errors, latency, memory growth."""
    print(f"\n### 5. Load: {clients} clients for {seconds:g} s, {rounds} rounds in a row, plan-graph serve\n")
    python = Path(sys.executable)
    env = {**os.environ, "PLAN_GRAPH_CACHE": tempfile.mkdtemp(prefix="bench-cache-")}
    port = free_port()
    server = subprocess.Popen([str(python.with_name("plan-graph")), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(base + "sparql?query=ASK%7B%7D")
        load_run(base, server.pid, clients, 2)  # warm-up: workers started, pages and caches filled
        print("| round | requests | errors | throughput | p50 | p99 | memory before | peak | after |")
        print("|---|---|---|---|---|---|---|---|---|")
        mb = 1024 * 1024
        for index in range(1, rounds + 1):
            run = load_run(base, server.pid, clients, seconds)
            print(f"| {index} | {run.requests} | {_failures_text(run.failures)} | {run.throughput:.0f}/s | "
                  f"{run.p50 * 1000:.1f} ms | {run.p99 * 1000:.1f} ms | {run.memory_before / mb:.0f} MB | "
                  f"{run.memory_peak / mb:.0f} MB | {run.memory_after / mb:.0f} MB |")  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def section_endpoint(clients: list[int], seconds: float) -> None:
    print("\n### 4. Endpoint: throughput and latency, same data, same client, same run\n")
    python = Path(sys.executable)
    env = {**os.environ, "PLAN_GRAPH_CACHE": tempfile.mkdtemp(prefix="bench-cache-")}
    servers = {}
    folder = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    nt = folder / "plan.nt"
    dump = (f"from plan_graph.pipeline.build import build; open({str(nt)!r}, 'wb')"
            ".write(build(check=False).graph.serialize(format='nt', encoding='utf-8'))")  # fmt: skip
    subprocess.run([str(python), "-c", dump], check=True, env=env)
    processes = []
    try:
        port = free_port()
        processes.append(subprocess.Popen([str(python.with_name("plan-graph")), "serve", "--port", str(port),
                                           "--timeout", "30"], env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))  # fmt: skip
        servers["plan-graph serve"] = (f"http://127.0.0.1:{port}/", "sparql", True)
        oxigraph = shutil.which("oxigraph") or str(python.with_name("oxigraph"))
        if Path(oxigraph).exists():
            location = folder / "oxigraph"
            subprocess.run([oxigraph, "load", "--location", str(location), "--file", str(nt)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            port = free_port()
            processes.append(subprocess.Popen([oxigraph, "serve-read-only", "--location", str(location), "--bind",
                                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL))  # fmt: skip
            servers["Oxigraph server (serve-read-only)"] = (f"http://127.0.0.1:{port}/", "query", False)
        endpoint = shutil.which("rdflib-endpoint") or str(python.with_name("rdflib-endpoint"))
        if Path(endpoint).exists():
            port = free_port()
            processes.append(subprocess.Popen([endpoint, "serve", str(nt), "--host", "127.0.0.1", "--port", str(port)],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # fmt: skip
            servers["rdflib-endpoint"] = (f"http://127.0.0.1:{port}/", "", False)  # its CLI serves SPARQL at /
        for base, path, _ in servers.values():
            _wait(base + path + "?query=ASK%7B%7D")
        print("| server | clients | requests | errors | throughput | p50 | p99 |")
        print("|---|---|---|---|---|---|---|")
        throughput: dict[tuple[str, int], float] = {}
        for count in clients:
            for name, (base, path, pages) in servers.items():
                mix = _requests(base, path, pages)
                done, failures, latencies = asyncio.run(_load(mix, count, seconds))
                errors = sum(failures.values())
                rate = (done - errors) / seconds  # answered requests only
                throughput[(name, count)] = rate
                print(
                    f"| {name} | {count} | {done} | {_failures_text(failures)} | {rate:.0f}/s | "
                    f"{_percentile(latencies, 0.5) * 1000:.1f} ms | {_percentile(latencies, 0.99) * 1000:.1f} ms |"
                )
        print()
        for count in clients:
            ours = throughput.get(("plan-graph serve", count), 0)
            for other in ("Oxigraph server (serve-read-only)", "rdflib-endpoint"):
                if throughput.get((other, count)):
                    print(f"- {count} clients: plan-graph serve / {other} = {ours / throughput[(other, count)]:.2f}x")
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)
