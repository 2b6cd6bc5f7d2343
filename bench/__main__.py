"""`python -m bench [--sections build,entailments,scale,queries,monitoring,endpoint,load,proxy,guards] [--repeat N]
[--sizes 1,10,100,1000] [--monitoring-periods 10,100] [--endpoint-repeat N] [--servers …] [--against COMMIT,…]`

Prints one table per section: the median of N runs with min and max, and each comparison as a ratio
measured side by side in the same run. Every measurement runs in a child process, so that peak memory
is that of the work alone.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from .measure import fmt, run_command, run_python, summary

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "hg-861-2018-plan-2018-2020.txt"
PLAN_GRAPH = Path(sys.executable).with_name("plan-graph")


def heading(title: str) -> None:
    print(f"\n### {title}\n")


def table(header: list[str], rows: list[list[str]]) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


# ---- 1. the build of the real plan, stage by stage

STAGES = """
import json, time
t0 = time.perf_counter()
import rdflib  # what the build imports of the floor's two: pyshacl is only the tests' SHACL oracle
t1 = time.perf_counter()
from pathlib import Path
from plan_graph.pipeline.build import build
t2 = time.perf_counter()
result = build(Path({plan!r}), dumps=True)  # the build times its own stages (pipeline/build.py)
stages = {{"import rdflib": t1 - t0, "import plan_graph": t2 - t1, **result.stages}}
print(json.dumps({{"stages": stages, "triples": result.made["plan"].count, "entailed": result.entailments.count,
                  "conforms": result.report.conforms}}))
"""

REASON = """
import json, time
from plan_graph.pipeline.build import build
from plan_graph.graph.rdflib_door import graph_of, ontology_graph
graph = graph_of(build(check=False).stored)
ontology = ontology_graph()
t0 = time.perf_counter()
from plan_graph.checks.reasoning import reason
result = reason(graph, ontology)
print(json.dumps({"reasoner (HermiT)": time.perf_counter() - t0, "consistent": result.consistent}))
"""


def section_build(repeat: int) -> None:
    heading("1. Build of the real plan")
    floor, builds = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):  # alternated, so that a noisy spell of the machine falls on both alike
            floor.append(run_command([sys.executable, "-c", "import rdflib, pyshacl"]))
            builds.append(run_command([str(PLAN_GRAPH), "build", "--out", out]))
    stages = [run_python(STAGES.format(plan=str(PLAN))) for _ in range(repeat)]
    reasons = [run_python(REASON) for _ in range(repeat)]
    rows = [
        [
            "floor: python -c 'import rdflib, pyshacl'",
            fmt([s.seconds for s in floor]),
            fmt([s.peak_mb for s in floor], "MB"),
        ],
        ["plan-graph build (whole command)", fmt([s.seconds for s in builds]), fmt([s.peak_mb for s in builds], "MB")],
    ]
    for stage in stages[0].extra["stages"]:
        rows.append([f"  stage: {stage}", fmt([s.extra["stages"][stage] for s in stages]), ""])
    reasoner = [s.extra["reasoner (HermiT)"] for s in reasons]
    rows.append(
        ["  reasoner, separately (HermiT, with the JVM start)", fmt(reasoner), fmt([s.peak_mb for s in reasons], "MB")]
    )
    table(["what", "time: median (min–max)", "peak memory"], rows)
    ratio = summary([s.seconds for s in builds])[0] / summary([s.seconds for s in floor])[0]
    paired = statistics.median(b.seconds / f.seconds for b, f in zip(builds, floor, strict=True))
    print(
        f"\nbuild / import floor = **{ratio:.2f}x** on the medians, {paired:.2f}x the median of the {repeat} "
        f"alternated pairs (target 1.5x); {stages[0].extra['triples']} triples, {stages[0].extra['entailed']} entailed"
    )


# ---- 1b. entailments: the rules of rules/ against owlrl, the library that could have done it

ENTAIL = """
import json, sys, time
from rdflib import Graph
from plan_graph.pipeline.build import build
from plan_graph.graph.rdflib_door import graph_of, ontology_graph
from plan_graph.graph.entailment import entail
result = build(check=False)
how = sys.argv[1]
if how == "rules":
    t0 = time.perf_counter()
    added = entail(result.stored).count
else:
    import owlrl
    graph = Graph()
    graph += graph_of(result.stored)
    graph += ontology_graph()
    before = len(graph)
    t0 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics if how == "owlrl-rdfs" else owlrl.OWLRL_Semantics).expand(graph)
    added = len(graph) - before
print(json.dumps({"seconds": time.perf_counter() - t0, "added": added}))
"""


def section_entailments(repeat: int) -> None:
    heading("1b. Entailments of the plan: the rules of rules/ on Oxigraph against owlrl")
    runs = {
        how: [run_command([sys.executable, "-c", ENTAIL, how]) for _ in range(repeat)]
        for how in ("rules", "owlrl-rdfs", "owlrl-owlrl")
    }
    baseline = summary([s.extra["seconds"] for s in runs["rules"]])[0]
    names = {
        "rules": "rules/ to a fixpoint on Oxigraph (the build's)",
        "owlrl-rdfs": "owlrl, RDFS semantics",
        "owlrl-owlrl": "owlrl, OWL 2 RL semantics",
    }
    rows = []
    for how, samples in runs.items():
        seconds = [s.extra["seconds"] for s in samples]
        rows.append(
            [names[how], fmt(seconds), str(samples[0].extra["added"]), f"{summary(seconds)[0] / baseline:.1f}x"]
        )
    table(["engine", "time: median (min–max)", "triples added", "time / rules"], rows)
    print("\n(owlrl also adds the axiomatic triples of RDF, RDFS and OWL and closes the ontology itself)")


# ---- 2. scale: synthetic plans

IN_MEMORY_PATH = """
import json, time, resource, sys
from pathlib import Path
from plan_graph.text.links import load_links
from plan_graph.graph.mapping import to_graph
from plan_graph.graph.iris import Iris
from plan_graph.pipeline.outputs import serialize_all
from plan_graph.text.reader import parse_plan
from plan_graph.text.registry import load_corrections, load_registry
from plan_graph.text.source import read_plan_text
from plan_graph.graph.stored import stored_triples
from plan_graph.checks.validation import validate
from plan_graph.graph.ontology import values_of_the_ontology
import pyoxigraph as ox
sys.path.insert(0, {root!r})
from bench.synthetic import scaled_links
t0 = time.perf_counter()
plan = parse_plan(read_plan_text(Path({path!r})), load_registry(), load_corrections())
graph = to_graph(plan, load_registry(), Iris(), scaled_links(load_links(), {copies}))
graph.update(quad.triple for quad in ox.parse(values_of_the_ontology(), format=ox.RdfFormat.N_TRIPLES))
t1 = time.perf_counter()
stored = stored_triples(graph)
report = validate(stored)
t2 = time.perf_counter()
serialize_all(stored)
t3 = time.perf_counter()
print(json.dumps({{"build": t1 - t0, "validate": t2 - t1, "serialize": t3 - t2, "triples": len(graph),
                  "activities": len(plan.activities), "conforms": report.conforms}}))
"""

DIRECT_PATH = """
import json, time, sys, tempfile
from pathlib import Path
import pyoxigraph as ox
from plan_graph.text.links import load_links
from plan_graph.graph.mapping import to_graph
from plan_graph.graph.iris import Iris
from plan_graph.graph.sink import NTriplesWriter
from plan_graph.text.reader import parse_plan
from plan_graph.text.registry import load_corrections, load_registry
from plan_graph.text.source import read_plan_text
from plan_graph.checks.shacl_core import Dataset, check_core_constraints, compile_core
from plan_graph.checks.shapes import read_shapes
from plan_graph.checks.sparql_constraints import check_sparql_constraints, compile_sparql
from plan_graph.graph.ontology import ontology_ntriples
sys.path.insert(0, {root!r})
from bench.synthetic import scaled_links
t0 = time.perf_counter()
plan = parse_plan(read_plan_text(Path({path!r})), load_registry(), load_corrections())
with tempfile.NamedTemporaryFile(suffix=".nt") as stream:
    writer = NTriplesWriter(stream)
    to_graph(plan, load_registry(), Iris(), scaled_links(load_links(), {copies}), graph=writer)
    stream.flush()
    mapped = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=stream.name, format=ox.RdfFormat.N_TRIPLES)
t1 = time.perf_counter()
triples = len(store)
# reference: one linear pass of the kind SHACL's queries make (every subject, its triples counted, read into
# Python), to tell the growth of the store and the machine from that of plan-graph's own code
counted = time.perf_counter()
subjects = {{s["s"]: int(s["n"].value) for s in store.query("SELECT ?s (COUNT(*) AS ?n) {{ ?s ?p ?o }} GROUP BY ?s")}}
counted = time.perf_counter() - counted
del subjects
v0 = time.perf_counter()
shapes = read_shapes()
store.bulk_load(ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES)
found = (check_core_constraints(Dataset(store), compile_core(shapes))
         + check_sparql_constraints(Dataset(store), compile_sparql(shapes)))
t2 = time.perf_counter()
violations = sum(1 for v in found if v.severity.value.endswith("Violation"))
print(json.dumps({{"build": t1 - t0, "validate": t2 - v0, "triples": triples, "activities": len(plan.activities),
                  "violations": violations, "read + map": mapped - t0, "bulk load": t1 - mapped,
                  "one pass": counted}}))
"""


def section_scale(repeat: int, sizes: list[int], rdflib_limit: int) -> None:
    heading("2. Scale: synthetic plans (the body copied k times, distinct IRIs)")
    text = PLAN.read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from bench.synthetic import scaled_plan_text

    rows = []
    previous: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"plan-x{size}.txt"
            path.write_text(scaled_plan_text(text, size), encoding="utf-8")
            direct = [
                run_python(DIRECT_PATH.format(root=str(ROOT), path=str(path), copies=size), timeout=3600)
                for _ in range(repeat if size <= 100 else 1)
            ]
            for stage, label in (
                ("build", "direct: read + map, streamed into Oxigraph"),
                ("read + map", "  of which read + map (Python)"),
                ("bulk load", "  of which Oxigraph's bulk load"),
                ("validate", "direct: SHACL on Oxigraph"),
                ("one pass", "reference: one GROUP BY over all subjects, into Python"),
            ):
                value = summary([s.extra[stage] for s in direct])[0]
                growth = f"{value / previous['direct-' + stage]:.1f}x" if "direct-" + stage in previous else ""
                previous["direct-" + stage] = value
                rows.append(
                    [
                        f"x{size}",
                        str(direct[0].extra["activities"]),
                        str(direct[0].extra["triples"]),
                        label,
                        fmt([s.extra[stage] for s in direct]),
                        fmt([s.peak_mb for s in direct], "MB"),
                        growth,
                    ]
                )
            if size > rdflib_limit:
                rows.append([f"x{size}", "", "", "in memory: not run (see RESULTS.md)", "", "", ""])
                continue
            runs = [
                run_python(IN_MEMORY_PATH.format(root=str(ROOT), path=str(path), copies=size), timeout=3600)
                for _ in range(max(1, repeat if size <= 10 else 1))
            ]
            for stage in ("build", "validate", "serialize"):
                value = summary([s.extra[stage] for s in runs])[0]
                growth = f"{value / previous[stage]:.1f}x" if stage in previous else ""
                previous[stage] = value
                rows.append(
                    [
                        f"x{size}",
                        str(runs[0].extra["activities"]),
                        str(runs[0].extra["triples"]),
                        f"in memory: {stage}",
                        fmt([s.extra[stage] for s in runs]),
                        fmt([s.peak_mb for s in runs], "MB"),
                        growth,
                    ]
                )
    table(["size", "activities", "triples", "stage", "time", "peak memory (whole run)", "growth per x10"], rows)


# ---- 3. saved queries: Oxigraph against rdflib's SPARQL engine

QUERIES = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
engine, path, repeat, budget = {engine!r}, {path!r}, {repeat}, {budget}
REFERENCE = {reference!r}
from plan_graph.stores.queries import bound_text, catalogue, example_parameters
queries = {{name: bound_text(q, example_parameters(q, actor="MAI", notation="2")) for name, q in catalogue().items()}}
queries[REFERENCE] = "ASK {{}}"  # what a query costs that does no work: parsing, planning, the call itself
if engine == "oxigraph":
    import pyoxigraph as ox
    store = ox.Store(); store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
    def run(text):
        result = store.query(text)
        return sum(1 for _ in result) if not isinstance(result, ox.QueryBoolean) else 1
else:
    from rdflib import Graph
    graph = Graph(); graph.parse(path, format="nt")
    def run(text):
        return len(list(graph.query(text)))
from bench.measure import within_budget
times = {{name: within_budget(run, text, repeat, budget) for name, text in queries.items()}}
print(json.dumps(times))
"""


FIXED_COST = "(reference: ASK {}, no work)"


def section_queries(repeat: int, sizes: list[int], budget: int) -> None:
    heading("3. Saved queries: embedded Oxigraph against rdflib's SPARQL engine, same graph")
    sys.path.insert(0, str(ROOT))
    from bench.synthetic import scaled_plan_text
    from plan_graph.graph.ontology import values_of_the_ontology

    text = PLAN.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            plan_path = Path(folder) / f"plan-x{size}.txt"
            plan_path.write_text(scaled_plan_text(text, size), encoding="utf-8")
            graph_path = Path(folder) / f"plan-x{size}.nt"
            direct = DIRECT_PATH.format(root=str(ROOT), path=str(plan_path), copies=size)
            kept = direct.replace(
                'with tempfile.NamedTemporaryFile(suffix=".nt") as stream:',
                f'with open({str(graph_path)!r}, "wb") as stream:',
            )
            assert kept != direct, "DIRECT_PATH no longer streams to a temporary file: update this patch"
            run_python(kept)
            assert graph_path.stat().st_size > 0
            with graph_path.open("ab") as stream:  # the actor kinds, as `plan-graph build` adds them
                stream.write(values_of_the_ontology())
            results = {}
            for engine in ("oxigraph", "rdflib"):
                times = repeat if size == 1 else 1  # one run of each query on the large graphs
                code = QUERIES.format(
                    root=str(ROOT),
                    engine=engine,
                    path=str(graph_path),
                    repeat=times,
                    budget=budget,
                    reference=FIXED_COST,
                )
                results[engine] = run_python(code, timeout=budget * 60 + 600).extra
            rows = []
            ratios = []
            for name in sorted(results["oxigraph"]):
                ox_times, rdf_times = results["oxigraph"][name], results["rdflib"][name]
                ox_median = summary(ox_times)[0]
                if rdf_times is None:
                    rows.append([name, fmt(ox_times), f"> {budget} s (stopped)", f"> {budget / ox_median:.0f}x"])
                    ratios.append(budget / ox_median)
                    continue
                ratio = summary(rdf_times)[0] / ox_median
                if name != FIXED_COST:  # a reference, not a saved query
                    ratios.append(ratio)
                rows.append([name, fmt(ox_times), fmt(rdf_times), f"{ratio:.0f}x"])
            print(f"\n**x{size}**\n")
            table(["query", "Oxigraph", "rdflib", "rdflib / Oxigraph"], rows)
            ordered = sorted(ratios)
            print(f"\nratio: median {ordered[len(ordered) // 2]:.0f}x, lowest {ordered[0]:.0f}x (target: at least 50x)")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sections", default="build,entailments,scale,queries,monitoring,endpoint,load,proxy,guards")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--rdflib-limit", type=int, default=100, help="largest size for the in-memory path")
    parser.add_argument("--query-sizes", default="1,100")
    parser.add_argument("--query-budget", type=int, default=60, help="seconds a single rdflib query may take")
    parser.add_argument("--monitoring-periods", default="10,100", help="reporting rounds of the monitoring section")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=10, help="length of each endpoint load run")
    parser.add_argument("--endpoint-repeat", type=int, default=1, help="runs of each endpoint measurement, in turn")
    parser.add_argument(
        "--servers",
        default="oxigraph,oxigraph-disk,rdflib-endpoint,floor",
        help="the servers beside plan-graph serve in the endpoint section ('' for none)",
    )
    parser.add_argument(
        "--against",
        default="",
        help="commits (comma-separated) whose plan-graph serve runs beside this tree's in the endpoint section (A/B)",
    )
    parser.add_argument("--load-clients", type=int, default=32, help="clients of the load section")
    parser.add_argument("--load-seconds", type=float, default=30, help="length of each load round")
    parser.add_argument("--load-rounds", type=int, default=3, help="load rounds in a row (memory growth)")
    args = parser.parse_args()
    sections = args.sections.split(",")
    print(
        f"# plan-graph benchmarks\n\n{date.today().isoformat()}; {platform.node()}: {platform.platform()}, "
        f"Python {platform.python_version()}, {__import__('os').cpu_count()} cores; "
        f"command: `python -m bench {' '.join(sys.argv[1:])}`"
    )
    started = time.perf_counter()
    if "build" in sections:
        section_build(args.repeat)
    if "entailments" in sections:
        section_entailments(args.repeat)
    if "scale" in sections:
        section_scale(args.repeat, [int(s) for s in args.sizes.split(",")], args.rdflib_limit)
    if "queries" in sections:
        section_queries(args.repeat, [int(s) for s in args.query_sizes.split(",")], args.query_budget)
    if "monitoring" in sections:
        from .monitoring import section_monitoring

        section_monitoring(args.repeat, [int(p) for p in args.monitoring_periods.split(",")], args.query_budget)
    if "endpoint" in sections:
        from .endpoint import section_endpoint

        section_endpoint(
            [int(c) for c in args.clients.split(",")],
            args.seconds,
            args.endpoint_repeat,
            tuple(name for name in args.servers.split(",") if name),
            tuple(ref for ref in args.against.split(",") if ref),
        )
    if "load" in sections:
        from .endpoint import section_load

        section_load(args.load_clients, args.load_seconds, args.load_rounds)
    if "proxy" in sections:
        from .proxy import section_proxy

        section_proxy([int(c) for c in args.clients.split(",")], args.seconds, args.endpoint_repeat)
    if "guards" in sections:
        from .guards import section_guards

        section_guards(args.repeat)
    print(f"\n(the whole run took {time.perf_counter() - started:.0f} s)")
    json.dumps({})


if __name__ == "__main__":
    main()
