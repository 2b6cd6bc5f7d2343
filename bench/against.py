"""`python -m bench.against BASE_TREE [NEW_TREE] [--repeat N] [--scale-repeat N] [--size K] [--skip-queries …]`

A regression check of this tree (or NEW_TREE) against another checkout of the project (a `git worktree` of an
older commit): the build and `validate` of the real plan as whole commands, the direct path at x`--size`
(read + map + load; SHACL; the entailments of rules/) and every saved query both trees have on Oxigraph at x1 and
x`--size`. Each tree runs its own code (PYTHONPATH=<tree>/src:<tree>, its own bench scripts) on the same synthetic
plan, and the two run in alternation in the same run; each row is the median of the paired ratios new / base
with their min and max, so a busy machine weighs on both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from .measure import Sample, run_command, summary
from .synthetic import scaled_plan_text

ROOT = Path(__file__).resolve().parents[1]

STAGES = """
import json
from plan_graph.pipeline.build import build
from plan_graph.resources import bundled_plan
print(json.dumps(build(bundled_plan(), dumps=True).stages))
"""

ENTAIL = """
import json, sys, time
from plan_graph.graph.entailment import entail
from plan_graph.graph.stored import stored_lines
data = stored_lines(open(sys.argv[1], "rb").read().splitlines(keepends=True))
t0 = time.perf_counter()
count = entail(data).count
print(json.dumps({"entail": time.perf_counter() - t0, "entailed": count}))
"""

QUERIES = """
import json, sys, time
import pyoxigraph as ox
from plan_graph.stores.queries import bound_text, catalogue, example_parameters
path, repeat, skipped = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
store = ox.Store(); store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
times = {}
for name, query in catalogue().items():
    if name in skipped:
        continue
    text = bound_text(query, example_parameters(query, actor="MAI", notation="2"))
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = store.query(text)
        sum(1 for _ in result) if not isinstance(result, ox.QueryBoolean) else 1
        samples.append(time.perf_counter() - t0)
    times[name] = sorted(samples)[len(samples) // 2]
print(json.dumps(times))
"""


class Tree:
    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.env = {**os.environ, "PYTHONPATH": f"{self.path / 'src'}:{self.path}"}
        where = self.python("import plan_graph, json; print(json.dumps({'file': plan_graph.__file__}))")
        assert where.extra["file"].startswith(str(self.path)), (where.extra["file"], self.path)
        direct = self.python("import json; from bench.__main__ import DIRECT_PATH as c; print(json.dumps({'c': c}))")
        self.direct_path = direct.extra["c"]  # the tree's own script of bench section 2

    def run(self, argv: list[str], timeout: float = 900) -> Sample:
        return run_command([sys.executable, "-P", *argv], timeout, env=self.env)  # -P: not the cwd's bench/ first

    def python(self, code: str, *args: str, timeout: float = 900) -> Sample:
        return self.run(["-c", code, *args], timeout)

    def direct(self, plan: Path, copies: int, keep: Path | None = None) -> Sample:
        code = self.direct_path.format(root=str(self.path), path=str(plan), copies=copies)
        if keep is not None:  # the mapped graph kept, as section 3 keeps it
            streamed = 'with tempfile.NamedTemporaryFile(suffix=".nt") as stream:'
            assert streamed in code, "the tree's DIRECT_PATH no longer streams to a temporary file"
            code = code.replace(streamed, f'with open({str(keep)!r}, "wb") as stream:')
        return self.python(code, timeout=3600)


def ratios(pairs: list[tuple[float, float]]) -> str:
    values = [new / base for base, new in pairs]
    median, low, high = summary(values)
    bases, news = summary([b for b, _ in pairs])[0], summary([n for _, n in pairs])[0]
    return f"{bases:.3f} s | {news:.3f} s | **{median:.2f}x** ({low:.2f}–{high:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.against")
    parser.add_argument("base", type=Path, help="the other checkout (e.g. a git worktree of the base commit)")
    parser.add_argument("new", type=Path, nargs="?", default=ROOT, help="the checkout measured against it")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each x1 measurement, per tree")
    parser.add_argument("--scale-repeat", type=int, default=3, help="runs of each x`--size` measurement, per tree")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--sections", default="build,scale,queries")
    parser.add_argument("--skip-queries", default="", help="saved queries left out at x`--size` (comma-separated)")
    args = parser.parse_args()
    trees = {"base": Tree(args.base), "new": Tree(args.new)}
    sections = args.sections.split(",")
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        out = {name: Path(folder) / f"out-{name}" for name in trees}
        if "build" in sections:
            builds, validates, stages = [], [], {name: [] for name in trees}
            for _ in range(args.repeat):
                pair, checked = [], []
                for name, tree in trees.items():
                    pair.append(tree.run(["-m", "plan_graph", "build", "--out", str(out[name])]).seconds)
                    checked.append(tree.run(["-m", "plan_graph", "validate"]).seconds)
                    stages[name].append(tree.python(STAGES).extra)
                builds.append((pair[0], pair[1]))
                validates.append((checked[0], checked[1]))
            rows.append(["x1: plan-graph build --out DIR (whole command)", ratios(builds)])
            rows.append(["x1: plan-graph validate (whole command)", ratios(validates)])
            for name in trees:
                print(f"\nstages of the build, {name} (medians):")
                for stage in stages[name][0]:
                    print(f"  {stage}: {statistics.median(s[stage] for s in stages[name]):.3f} s")
        text = (ROOT / "data" / "hg-861-2018-plan-2018-2020.txt").read_text(encoding="utf-8")
        graphs: dict[tuple[str, int], Path] = {}
        for size in (1, args.size):
            plan = Path(folder) / f"plan-x{size}.txt"
            plan.write_text(scaled_plan_text(text, size), encoding="utf-8")
            for name, tree in trees.items():
                graphs[name, size] = Path(folder) / f"{name}-x{size}.nt"
                kept = tree.direct(plan, size, keep=graphs[name, size])
                print(f"{name} x{size}: {kept.extra['triples']} triples mapped")
            if "scale" in sections and size != 1:
                samples: dict[str, list[tuple[float, float]]] = {"read + map + load": [], "SHACL": [], "entail": []}
                for _ in range(args.scale_repeat):
                    runs = [tree.direct(plan, size).extra for tree in trees.values()]
                    samples["read + map + load"].append((runs[0]["build"], runs[1]["build"]))
                    samples["SHACL"].append((runs[0]["validate"], runs[1]["validate"]))
                    entailed = [tree.python(ENTAIL, str(graphs[name, size])).extra for name, tree in trees.items()]
                    samples["entail"].append((entailed[0]["entail"], entailed[1]["entail"]))
                for stage, pairs in samples.items():
                    rows.append([f"x{size}: {stage}", ratios(pairs)])
            if "queries" in sections:
                repeat = 5 if size == 1 else 1
                skipped = args.skip_queries if size != 1 else ""
                per_query: dict[str, list[tuple[float, float]]] = {}
                totals = []
                for _ in range(args.scale_repeat):
                    times = [
                        tree.python(QUERIES, str(graphs[name, size]), str(repeat), skipped, timeout=1800).extra
                        for name, tree in trees.items()
                    ]
                    common = sorted(set(times[0]) & set(times[1]))
                    for query in common:
                        per_query.setdefault(query, []).append((times[0][query], times[1][query]))
                    totals.append((sum(times[0][q] for q in common), sum(times[1][q] for q in common)))
                medians = {q: statistics.median(n / b for b, n in pairs) for q, pairs in per_query.items()}
                ordered = sorted(medians.values())
                rows.append([f"x{size}: saved queries, sum of the {len(medians)} both trees have", ratios(totals)])
                rows.append(
                    [
                        f"x{size}: saved queries, per query",
                        f"| | median **{statistics.median(ordered):.2f}x** ({ordered[0]:.2f}–{ordered[-1]:.2f})",
                    ]
                )
                slower = {q: r for q, r in medians.items() if r > 1.2}
                listed = ", ".join(f"{q} {r:.2f}x" for q, r in slower.items())
                print(f"\nx{size}: queries over 1.2x the base: {listed}")
    print("\n| what | base | now | now / base, median of the pairs (min–max) |\n|---|---|---|---|")
    for what, figures in rows:
        print(f"| {what} | {figures} |")


if __name__ == "__main__":
    main()
