"""The command line's arguments: every command, option and default, with its help. (The commands are in cli.py.)

Kept apart so that `--help` and the generated CLI reference need nothing but argparse.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from plan_graph.settings import declaration, environment_variables, option_of

# the output formats of query results (graph.formats), named here so that `--help` needs no heavy import
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld", "rdfxml")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-graph",
        description="Romania's action plan 2018-2020 against trafficking in persons (HG 861/2018) as linked data.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="read the plan text, map it to RDF, validate, write the graph")
    build.add_argument("source", nargs="?", type=Path, help="plan text (default: the bundled HG 861/2018 text)")
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist/)")
    add_settings(build, "iri_base")
    build.add_argument("--keep-going", action="store_true", help="build the rows that can be read; list the rest")
    build.add_argument(
        "--encoding",
        metavar="NAME",
        help="the source's encoding, e.g. cp1250 (default: UTF-8, or Windows-1250 or ISO-8859-16 "
        "recognised by their Romanian letters)",
    )
    build.set_defaults(command="build")

    validate = commands.add_parser("validate", help="SHACL report for graph files (default: the bundled plan)")
    validate.add_argument("files", nargs="*", type=Path, help="RDF files (Turtle, N-Triples, JSON-LD, RDF/XML)")
    validate.add_argument(
        "--format",
        choices=("text", "turtle", "json"),
        default="text",
        help="the report as text lines, or a sh:ValidationReport in Turtle or JSON",
    )
    validate.add_argument("--reason", action="store_true", help="also run the OWL reasoner HermiT (needs Java)")
    add_settings(validate, "iri_base")
    validate.set_defaults(command="validate")

    formats = (
        "table|csv|tsv|json|xml for SELECT and ASK (default: table); turtle|nt|jsonld|rdfxml for CONSTRUCT "
        "and DESCRIBE (default: turtle)"
    )
    query = commands.add_parser("query", help="run a saved query (see `plan-graph queries`) or a query file")
    query.add_argument("name", nargs="?", help="saved query name, e.g. activities")
    query.add_argument("--file", type=Path, help="run this .rq file instead of a saved query")
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="query parameter")
    query.add_argument("--format", choices=FORMATS, help=formats)
    add_settings(query, "endpoint", "reference", "rounds", "graphs", "plan_graph")
    add_settings(query, "iri_base")
    query.set_defaults(command="query")

    sparql = commands.add_parser("sparql", help="run a SPARQL query given on the command line ('-': stdin)")
    sparql.add_argument("text", help="the query, e.g. 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'")
    sparql.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="bound to ?param_KEY")
    sparql.add_argument("--format", choices=FORMATS, help=formats)
    add_settings(sparql, "iri_base")
    sparql.set_defaults(command="query")

    publish = commands.add_parser(
        "publish",
        help="replace the plan's named graphs in a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="Builds and validates the graph, then replaces six named graphs in a triple store (the plan, "
        "the actor registry, their entailments, the statistics around the plan, the assessments of its activities, "
        "the ontology) and checks each with "
        "a SPARQL count. The password is read from the environment variable PLAN_GRAPH_PASSWORD, or asked for on the "
        "terminal; it is never taken from the command line and never printed.",
    )
    publish.add_argument(
        "--rounds", type=Path, metavar="DIR", help="also publish the reporting rounds of DIR, each as its named graph"
    )
    publish.add_argument("--gsp", required=True, help="Graph Store Protocol URL, e.g. http://host:7878/store")
    publish.add_argument("--endpoint", help="SPARQL query URL for the check (default: derived from --gsp)")
    publish.add_argument("--graph", help="IRI of the plan's graph (default: the project's, …/hg-861-2018/graph)")
    publish.add_argument("--auth", choices=("basic", "digest"), default="basic", help="HTTP auth scheme (basic)")
    publish.add_argument("--user", help="user name; the password comes from PLAN_GRAPH_PASSWORD or a prompt")
    publish.add_argument("--append", action="store_true", help="add to the graphs (POST) instead of replacing")
    publish.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default: 120)")
    publish.add_argument(
        "--update",
        help="SPARQL Update URL, to stage the graphs and swap them in at once "
        "(default: derived from --gsp for Oxigraph and Virtuoso)",
    )
    publish.add_argument(
        "--no-staging", action="store_true", help="replace the graphs one after the other, without the update endpoint"
    )
    add_settings(publish, "iri_base")
    publish.set_defaults(command="publish")

    serve = commands.add_parser("serve", help="serve the SPARQL endpoint, linked-data pages and a query page")
    add_settings(
        serve,
        "host",
        "port",
        "folder",
        "public_base",
        "timeout",
        "max_rows",
        "max_request",
        "read_timeout",
        "max_connections",
        "workers",
        "rounds",
        "allowed_services",
        "endpoint",
        "graphs",
        "plan_graph",
    )
    add_settings(serve, "iri_base")
    serve.set_defaults(command="serve")

    export = commands.add_parser("export", help="write the open-data release: dumps, tables, DCAT-AP, VoID, site")
    export.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist/)")
    add_settings(export, "download_base")
    export.add_argument(
        "--rounds",
        type=Path,
        metavar="DIR",
        help="include the reporting rounds of DIR (from `plan-graph monitor import`)",
    )
    add_settings(export, "iri_base")
    export.set_defaults(command="export")

    dcat = commands.add_parser("validate-dcat", help="check a DCAT-AP record against DCAT-AP 3 shapes")
    dcat.add_argument(
        "record", nargs="?", type=Path, default=Path("dist") / "dcat.ttl", help="the record (default: dist/dcat.ttl)"
    )
    add_settings(dcat, "dcat_shapes", "eu_vocabularies")
    dcat.add_argument(
        "--format",
        choices=("text", "turtle", "json"),
        default="text",
        help="the report as text lines, or a sh:ValidationReport in Turtle or JSON (with --mqa: text or JSON)",
    )
    dcat.add_argument(
        "--mqa",
        action="store_true",
        help="score each dataset by data.europa.eu's Metadata Quality Assessment instead, requesting every access "
        "and download URL (docs/release.md)",
    )
    dcat.add_argument(
        "--mqa-min",
        choices=("excellent", "good", "sufficient", "bad"),
        help="with --mqa: exit 1 when a dataset rates below this (default: the scores decide nothing)",
    )
    dcat.set_defaults(command="validate-dcat")

    docs = commands.add_parser("docs", help="write HTML documentation of the ontology (English and Romanian)")
    docs.add_argument("--out", type=Path, default=Path("dist/docs"), help="output folder (default: dist/docs/)")
    add_settings(docs, "iri_base")
    docs.set_defaults(command="docs")

    monitor = commands.add_parser("monitor", help="reporting forms for the plan's bodies, and their import")
    steps = monitor.add_subparsers(dest="step", metavar="STEP", required=True)
    template = steps.add_parser(
        "template",
        help="write a reporting form (XLSX and CSV) for each reporting body, or one",
        description="Writes, for each body the plan makes responsible for an activity or a partner in it (not the "
        "categories of organisations, such as ONG), a form listing its activities and their indicators: "
        "PERIOD-ID.xlsx and .csv. A form already in --out is not written over without --force.",
    )
    template.add_argument("--period", required=True, help="the reporting period, a year of the plan: 2018-2020")
    template.add_argument("--actor", metavar="CODE", help="only this body's form, by its code or id (ANITP, CR-ANITP)")
    template.add_argument("--out", type=Path, default=Path("forms"), help="output folder (default: forms/)")
    template.add_argument(
        "--format",
        choices=("xlsx", "csv", "both"),
        default="both",
        help="XLSX (drop-down lists, cell validation, locked plan cells), CSV, or both (default)",
    )
    template.add_argument("--force", action="store_true", help="write over forms already in --out")
    template.add_argument(
        "--from-period",
        metavar="PERIOD",
        help="pre-fill each form with what the body reported for PERIOD (its current submission in --rounds)",
    )
    template.add_argument(
        "--rounds", type=Path, default=Path("monitoring"), help="with --from-period: the rounds folder (monitoring/)"
    )
    add_settings(template, "iri_base")
    template.set_defaults(command="monitor")
    load = steps.add_parser(
        "import",
        help="check filled forms and add each body's submission to the period's round",
        description="Reads filled forms (XLSX, or CSV with , or ; between cells, in UTF-8 or Windows-1250), checks "
        "every cell, and adds each reporting body's submission for the period to the rounds folder: it replaces "
        "only that body's earlier submission, which is kept as a superseded revision. All or nothing: on any "
        "problem nothing is written, and each problem is named with its file, sheet, row and cell.",
    )
    load.add_argument("files", nargs="+", type=Path, help="filled forms, .xlsx or .csv")
    load.add_argument("--period", required=True, help="the reporting period, a year of the plan: 2018-2020")
    load.add_argument(
        "--reported-on",
        metavar="YYYY-MM-DD",
        help="the day the forms that give no reporting date speak for (default: the period's last day)",
    )
    load.add_argument(
        "--rounds", type=Path, default=Path("monitoring"), help="the folder of reporting rounds (default: monitoring/)"
    )
    add_settings(load, "iri_base")
    load.set_defaults(command="monitor")
    history = steps.add_parser("history", help="list a period's submissions and their corrections")
    history.add_argument("--period", required=True, help="the reporting period, a year, e.g. 2019")
    history.add_argument("--actor", metavar="CODE", help="only this body's submissions")
    history.add_argument(
        "--rounds", type=Path, default=Path("monitoring"), help="the folder of reporting rounds (default: monitoring/)"
    )
    add_settings(history, "iri_base")
    history.set_defaults(command="monitor")
    report = steps.add_parser(
        "report",
        help="write a period's report: by area and body by body, as HTML and CSV, for the annual report",
        description="Writes report-PERIOD.html (by area, each activity counted once; body by body, each activity "
        "with the status, evidence and notes it reported, and its indicator values) and the same tables as "
        "report-PERIOD-by-area.csv, -by-body.csv and -values.csv, from the bodies' current submissions.",
    )
    report.add_argument("--period", required=True, help="the reporting period, a year of the plan: 2018-2020")
    report.add_argument(
        "--rounds", type=Path, default=Path("monitoring"), help="the folder of reporting rounds (default: monitoring/)"
    )
    report.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports/)")
    add_settings(report, "iri_base")
    report.set_defaults(command="monitor")

    queries = commands.add_parser("queries", help="list the saved queries with their titles and parameters")
    queries.set_defaults(command="queries")
    return parser


def add_settings(command: argparse.ArgumentParser, *names: str) -> None:
    """The options of these settings (settings.py), each as declared there: its option, type, default and help.
    A value not given is None (or empty), so that Settings.of takes the environment's or the default."""
    for name in names:
        declared = declaration(name)
        kind, default, shown = str(declared["type"]), declared["default"], declared["help"]
        if declared["env"]:
            shown += f" (env {declared['env']})"
        elif default not in (None, ()) and "default:" not in shown:
            shown += f" (default: {default})"
        options: dict[str, object] = {"dest": name, "help": shown}
        if declared["metavar"]:
            options["metavar"] = declared["metavar"]
        if kind.startswith("tuple"):
            options |= {"action": "append", "default": []}
        else:
            options["type"] = Path if "Path" in kind else int if kind == "int" else float if kind == "float" else str
        command.add_argument(option_of(name), **options)  # type: ignore[arg-type]


def _fixed_width(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, width=100)


def reference() -> str:
    """The CLI reference in Markdown (docs/cli.md), made from the parser itself so that it cannot drift."""
    top = parser()
    lines = [
        "# CLI reference",
        "",
        "<!-- made by `python -m plan_graph.arguments > docs/cli.md`; a test checks it -->",
        "",
        top.description or "",
        "",
        "Exit codes: 0 success; 1 the source, the graph or a store failed; 2 bad usage; 3 an output could not be "
        "written; 130 interrupted (errors.py).",
        "",
    ]
    lines += _commands(top, "plan-graph", "##")
    lines += [
        "## Environment",
        "",
        "An option given wins over its variable.",
        "",
        "| variable | meaning |",
        "|---|---|",
        *(f"| `{variable}` | {meaning} |" for variable, meaning in environment_variables()),
    ]
    return "\n".join(lines).rstrip() + "\n"


def _commands(parser: argparse.ArgumentParser, prefix: str, level: str) -> list[str]:
    """The reference of each command of `parser`, and of each step of a command that has steps (monitor)."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # argparse has no API
    helps = {action.dest: action.help for action in commands._choices_actions}
    lines = []
    for name, sub in commands.choices.items():
        sub.formatter_class = _fixed_width  # the same text whatever the terminal that made it
        lines += [f"{level} {prefix} {name}", "", helps.get(name) or "", ""]
        if sub.description and sub.description != helps.get(name):
            lines += [sub.description, ""]
        lines += ["```", sub.format_usage().replace("usage: ", "").strip(), "```", ""]
        rows = []
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            flags = ", ".join(f"`{flag}`" for flag in action.option_strings) or f"`{action.dest.upper()}`"
            help_text = (action.help or "").replace("|", "\\|")
            if action.choices and not isinstance(action.choices, dict):
                help_text += f" (one of: {', '.join(map(str, action.choices))})"
            rows.append(f"| {flags} | {help_text} |")
        if rows:
            lines += ["| argument | meaning |", "|---|---|", *rows, ""]
        if any(isinstance(action, argparse._SubParsersAction) for action in sub._actions):
            lines += _commands(sub, f"{prefix} {name}", level + "#")
    return lines


if __name__ == "__main__":
    print(reference(), end="")
