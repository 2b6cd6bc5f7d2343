"""Section 6 of the benchmark: the endpoint's guards, its scanner against a real SPARQL parser.

The endpoint refuses updates and SERVICE calls to other hosts, and queries nested deeper than any parser's stack
allows, by reading the query's text before a store sees it (stores/sparql_text.py, web/sparql.py). The candidate
that would replace that scanner is rdflib's SPARQL parser (pyparsing): parse as a query, else as an update (then
refused), and walk the tree for SERVICE targets. Measured in one child process, on the same texts: every saved
query (bound with its example parameters, each text distinct as the endpoint sees it the first time), a query of
700 UNIONs (19 KB, one of the endpoint-abuse cases that must be answered) and expressions nested 10 to 40 deep;
beside them, the time Oxigraph takes to run each saved query on the plan, which is what a distinct request costs
the server besides its checks.
"""

from __future__ import annotations

from pathlib import Path

from .measure import fmt, run_python, summary

ROOT = Path(__file__).resolve().parents[1]

GUARDS = """
import json, sys, time
sys.path.insert(0, {root!r})
from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from plan_graph.pipeline.build import build
from plan_graph.pipeline.plan_store import built_plan_store
from plan_graph.stores.queries import bound_text, catalogue, example_parameters
from plan_graph.web.sparql import check_query
from plan_graph.settings import Settings

repeat = {repeat}
config = Settings()
store = built_plan_store(build(check=False))


def parser_guard(text):
    try:
        tree = parseQuery(text)
    except RecursionError:
        return "too deep"
    except Exception:
        try:
            parseUpdate(text)
            return "update"
        except Exception:
            return "malformed"
    targets, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                targets.append(node.get("term"))
            stack.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
    return "refused" if targets else "query"


def timed(call, text):
    best = []
    for _ in range(repeat):
        started = time.perf_counter()
        outcome = call(text)
        best.append(time.perf_counter() - started)
    return sorted(best)[len(best) // 2], outcome


def scanner(text):
    try:
        return check_query(text, config)
    except Exception as error:
        return type(error).__name__


saved = []
for query in catalogue().values():
    text = bound_text(query, example_parameters(query), store)
    run = timed(lambda t: store.query(t), text)[0]
    saved.append((query.name, timed(scanner, text)[0], timed(parser_guard, text)[0], run))
extra = []
union = "SELECT * {{" + " UNION ".join(f"{{{{ ?s <http://p> {{i}} }}}}" for i in range(700)) + "}}"
extra.append(("700 UNIONs (19 KB)", union))
for depth in (10, 20, 25, 40):
    nested = "(" * depth + "1" + ")" * depth
    extra.append((f"expression nested {{depth}} deep", "SELECT * {{ BIND(" + nested + " AS ?x) }}"))
cases = []
for name, text in extra:
    (scan, scanned), (parse, parsed) = timed(scanner, text), timed(parser_guard, text)
    cases.append((name, scan, scanned, parse, parsed))
print(json.dumps({{"saved": saved, "cases": cases}}))
"""


def section_guards(repeat: int) -> None:
    print("\n### 6. The endpoint's guards: its scanner against rdflib's SPARQL parser\n")
    data = run_python(GUARDS.format(root=str(ROOT), repeat=max(repeat, 3)), timeout=1800).extra
    saved = data["saved"]
    scan = summary([row[1] for row in saved])
    parse = summary([row[2] for row in saved])
    run = summary([row[3] for row in saved])
    print(f"Every saved query ({len(saved)}, bound with its example parameters), median (min–max) over the queries:\n")
    print("| step | time a query | against Oxigraph's run of it |")
    print("|---|---|---|")
    print(f"| Oxigraph runs the query on the plan | {fmt(run)} | 1.00x |")
    print(f"| the endpoint's scanner checks it | {fmt(scan)} | {scan[0] / run[0]:.2f}x |")
    print(f"| rdflib's parser parses it, SERVICE looked for | {fmt(parse)} | {parse[0] / run[0]:.2f}x |")
    print(f"\nrdflib's parser against the scanner: {parse[0] / scan[0]:.0f}x the time (medians).\n")
    print("| case | scanner | its verdict | rdflib's parser | its verdict |")
    print("|---|---|---|---|---|")
    for name, scanned, scan_verdict, parsed, parse_verdict in data["cases"]:
        print(f"| {name} | {scanned * 1000:.3f} ms | {scan_verdict} | {parsed * 1000:.3f} ms | {parse_verdict} |")
