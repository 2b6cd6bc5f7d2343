"""`plan-graph`: a thin command line over the pipeline. Nothing imports this module.

Exit codes: 0 success; 1 the source or the graph has errors (unreadable rows, SHACL violations);
2 bad usage (unknown query, bad parameter, bad option value); 3 an output could not be written.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .queries import SavedQuery

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
# the output formats of query results (kept here so that `--help` needs no heavy import)
PLAN_GRAPH_DEFAULT = "https://w3id.org/plan-graph/ro/hg-861-2018/graph"
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld", "rdfxml")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if problem := _credentials_in_urls(args):
        return _fail(problem, EXIT_USAGE)
    with _stopping_on_signals(enabled=not getattr(args, "own_signals", False)) as received:
        try:
            code = args.run(args)
        except KeyboardInterrupt:
            if not received:
                raise  # raised by the code, not by a signal: not ours to hide
            code = None
        except BrokenPipeError:
            # the reader went away (`plan-graph query … | head`): stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141
    if received:
        # Also when the interrupt came where Python cannot raise it (a callback of the import machinery, a
        # finalizer) and the run went on to the end: the user asked to stop, so the exit says so.
        print("plan-graph: interrupted; no output was left half-written", file=sys.stderr)
        return 130
    return code


def _credentials_in_urls(args: argparse.Namespace) -> str | None:
    """A password in a URL option would be printed by every message that names the URL (and is seen by
    anyone listing processes): refused, without echoing it."""
    from urllib.parse import urlsplit

    for option in ("endpoint", "gsp", "update"):
        url = getattr(args, option, None)
        try:
            password = urlsplit(url).password if url else None
        except ValueError as error:  # "http://[::1/sparql"
            return f"--{option}: not a URL: {error}"
        if password is not None:
            return (f"--{option}: a URL with a password in it is not accepted; credentials go in --user and "
                    "PLAN_GRAPH_PASSWORD (publish), never in a URL")  # fmt: skip
    return None


@contextmanager
def _stopping_on_signals(enabled: bool = True) -> Iterator[list[int]]:
    """SIGINT and SIGTERM stop a run through the clean-up paths, so that nothing partial is left.

    The list records the signals received. An interrupt that lands in a callback Python cannot raise from
    is recorded and kept out of stderr (Python would print a traceback for it and carry on). The previous
    handlers come back afterwards (main() also runs inside other programs, such as the tests). Not enabled
    for `serve`, whose server stops gracefully on these signals by itself."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received  # only the main thread may handle signals
        return
    if not enabled:  # Python's own handling, which the server's graceful stop expects
        with _handlers({signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}):
            yield received
        return

    def interrupt(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    def unraisable(report: sys.UnraisableHookArgs) -> None:
        if not (received and isinstance(report.exc_value, KeyboardInterrupt)):
            previous_hook(report)

    previous_hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        with _handlers({signal.SIGINT: interrupt, signal.SIGTERM: interrupt}):
            yield received
    finally:
        sys.unraisablehook = previous_hook


@contextmanager
def _handlers(handlers: dict[int, object]) -> Iterator[None]:
    """These signal handlers for the duration; the previous ones back afterwards."""
    previous = {signum: signal.signal(signum, handler) for signum, handler in handlers.items()}  # type: ignore[arg-type]
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-graph",
        description="Romania's action plan 2018-2020 against trafficking in persons (HG 861/2018) as linked data.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="read the plan text, map it to RDF, validate, write the graph")
    build.add_argument("source", nargs="?", type=Path, help="plan text (default: the bundled HG 861/2018 text)")
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist/)")
    build.add_argument("--base", help="base IRI for minted IRIs (default: https://w3id.org/plan-graph/ro/)")
    build.add_argument("--keep-going", action="store_true", help="build the rows that can be read; list the rest")
    build.add_argument("--encoding", metavar="NAME",
                       help="the source's encoding, e.g. cp1250 (default: UTF-8, or Windows-1250 or ISO-8859-16 "
                            "recognised by their Romanian letters)")  # fmt: skip
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="SHACL report for graph files (default: the bundled plan)")
    validate.add_argument("files", nargs="*", type=Path, help="RDF files (Turtle, N-Triples, JSON-LD, RDF/XML)")
    validate.add_argument("--format", choices=("text", "turtle", "json"), default="text")
    validate.add_argument("--reason", action="store_true", help="also run the OWL reasoner HermiT (needs Java)")
    validate.set_defaults(run=_validate)

    formats = (
        "table|csv|tsv|json|xml for SELECT and ASK (default: table); turtle|nt|jsonld|rdfxml for CONSTRUCT "
        "and DESCRIBE (default: turtle)"
    )
    query = commands.add_parser("query", help="run a saved query (see `plan-graph queries`) or a query file")
    query.add_argument("name", nargs="?", help="saved query name, e.g. activities")
    query.add_argument("--file", type=Path, help="run this .rq file instead of a saved query")
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="query parameter")
    query.add_argument("--format", choices=FORMATS, help=formats)
    query.add_argument("--endpoint", help="a remote SPARQL endpoint to ask instead of the embedded store")
    query.add_argument(
        "--with-reference",
        type=Path,
        metavar="DIR",
        help="load the RDF files of DIR (e.g. EU authority tables) into the embedded store first",
    )
    query.add_argument("--graph", action="append", default=[], metavar="IRI",
                       help="with --endpoint: a graph to read as the default graph (repeatable; default: the "
                            "graphs `plan-graph publish` writes)")  # fmt: skip
    query.set_defaults(run=_query)

    sparql = commands.add_parser("sparql", help="run a SPARQL query given on the command line ('-': stdin)")
    sparql.add_argument("text", help="the query, e.g. 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'")
    sparql.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="bound to ?param_KEY")
    sparql.add_argument("--format", choices=FORMATS, help=formats)
    sparql.set_defaults(run=_query)

    publish = commands.add_parser(
        "publish",
        help="replace the plan's named graphs in a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="Builds and validates the graph, then replaces three named graphs in a triple store with PUT "
        "(the plan, the actor registry, the ontology) and checks each with a SPARQL count. The password is "
        "read from the environment variable PLAN_GRAPH_PASSWORD, or asked for on the terminal; it is never "
        "taken from the command line and never printed.",
    )
    publish.add_argument("--gsp", required=True, help="Graph Store Protocol URL, e.g. http://host:7878/store")
    publish.add_argument("--endpoint", help="SPARQL query URL for the check (default: derived from --gsp)")
    publish.add_argument("--graph", help=f"IRI of the plan's graph (default: {PLAN_GRAPH_DEFAULT})")
    publish.add_argument("--auth", choices=("basic", "digest"), default="basic", help="HTTP auth scheme (basic)")
    publish.add_argument("--user", help="user name; the password comes from PLAN_GRAPH_PASSWORD or a prompt")
    publish.add_argument("--append", action="store_true", help="add to the graphs (POST) instead of replacing")
    publish.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default: 120)")
    publish.add_argument("--update", help="SPARQL Update URL, to stage the graphs and swap them in at once "
                                          "(default: derived from --gsp for Oxigraph and Virtuoso)")  # fmt: skip
    publish.add_argument("--no-staging", action="store_true",
                         help="replace the graphs one after the other, without the update endpoint")  # fmt: skip
    publish.set_defaults(run=_publish)

    serve = commands.add_parser("serve", help="serve the SPARQL endpoint, linked-data pages and a query page")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--store", type=Path, help="an Oxigraph folder to keep the graph in (made on first use)")
    serve.add_argument("--public-base", help="this server's public address, for links (default: http://HOST:PORT/)")
    serve.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default: 10)")
    serve.add_argument("--max-rows", type=int, default=10_000, help="results sent at most (default: 10000)")
    serve.add_argument("--max-request", type=int, default=64 * 1024, help="bytes of query accepted (default: 65536)")
    serve.add_argument("--read-timeout", type=float, default=10.0,
                       help="seconds a client may take to send a request body (default: 10)")  # fmt: skip
    serve.add_argument("--max-connections", type=int, default=500,
                       help="open connections at once; more are answered 503 (default: 500)")  # fmt: skip
    serve.add_argument("--workers", type=int, default=2, help="query worker processes (default: 2)")
    serve.add_argument("--allow-service", action="append", default=[], metavar="URL",
                       help="an endpoint that SERVICE may call (default: none)")  # fmt: skip
    serve.add_argument("--endpoint", help="serve from this remote SPARQL endpoint instead of the embedded store")
    serve.add_argument(
        "--graph",
        action="append",
        default=[],
        metavar="IRI",
        help="with --endpoint: the graphs that hold the plan (default: those `publish` writes)",
    )
    serve.set_defaults(run=_serve, own_signals=True)

    export = commands.add_parser("export", help="write the open-data release: dumps, tables, DCAT-AP, VoID, site")
    export.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist/)")
    export.add_argument(
        "--public-base",
        default="https://w3id.org/plan-graph/",
        help="where the files and /sparql will be published (default: https://w3id.org/plan-graph/)",
    )
    export.set_defaults(run=_export)

    dcat = commands.add_parser("validate-dcat", help="check a DCAT-AP record against DCAT-AP 3 shapes")
    dcat.add_argument("record", nargs="?", type=Path, help="the record (default: dist/dcat.ttl)")
    dcat.add_argument(
        "--shapes",
        type=Path,
        default=_env_path("PLAN_GRAPH_DCAT_SHAPES"),
        help="folder of DCAT-AP SHACL shapes (env PLAN_GRAPH_DCAT_SHAPES)",
    )
    dcat.add_argument(
        "--vocabularies",
        type=Path,
        default=_env_path("PLAN_GRAPH_EU_VOCABULARIES"),
        help="folder of EU authority tables (env PLAN_GRAPH_EU_VOCABULARIES)",
    )
    dcat.add_argument("--format", choices=("text", "turtle", "json"), default="text")
    dcat.set_defaults(run=_validate_dcat)

    docs = commands.add_parser("docs", help="write HTML documentation of the ontology (English and Romanian)")
    docs.add_argument("--out", type=Path, default=Path("dist/docs"), help="output folder (default: dist/docs/)")
    docs.set_defaults(run=_docs)

    queries = commands.add_parser("queries", help="list the saved queries with their titles and parameters")
    queries.set_defaults(run=_queries)
    return parser


def _env_path(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return Path(value) if value else None


def _fail(message: str, code: int) -> int:
    print(f"plan-graph: {message}", file=sys.stderr)
    return code


def _build(args: argparse.Namespace) -> int:
    from .namespaces import BaseIriError
    from .outputs import OutputError, write_graph
    from .pipeline import PlanTextError, build
    from .source import SourceError, known_encoding

    try:
        if args.encoding:
            known_encoding(args.encoding)
    except SourceError as error:
        return _fail(str(error), EXIT_USAGE)
    try:
        result = build(args.source, args.base, keep_going=args.keep_going, encoding=args.encoding)
    except (SourceError, BaseIriError) as error:
        return _fail(str(error), EXIT_INVALID if isinstance(error, SourceError) else EXIT_USAGE)
    except PlanTextError as error:
        return _fail(f"{error}\nnothing was written; use --keep-going to build the rows that can be read", EXIT_INVALID)
    for issue in result.plan.warnings:
        print(f"plan-graph: {issue}", file=sys.stderr)
    if result.skipped:
        print(f"plan-graph: skipped {len(result.skipped)} unreadable line(s):", file=sys.stderr)
        for issue in result.skipped:
            print(f"  {issue}", file=sys.stderr)
    if result.report is not None and not result.report.conforms:
        for violation in result.report.violations:
            print(f"  {violation}", file=sys.stderr)
        return _fail(
            f"the graph does not conform to the shapes ({len(result.report.violations)} "
            "violation(s)); nothing was written",
            EXIT_INVALID,
        )
    try:
        written = write_graph(result.stored, args.out)
    except OutputError as error:
        return _fail(f"{error}; previous outputs are unchanged", EXIT_OUTPUT)
    _summary(result, written)
    return EXIT_OK


def _summary(result, written: list[Path]) -> None:
    plan = result.plan
    indicators = sum(len(a.indicators) for a in plan.activities)
    actors = {code for a in plan.activities for code in (*a.responsible.codes, *a.partners.codes)}
    lines = [
        f"read {result.source}",
        *(f"  {line}" for line in result.text.summary()),
        f"  {len(plan.areas)} areas, {len(plan.general_objectives)} general and "
        f"{len(plan.specific_objectives)} specific objectives, {len(plan.activities)} activities",
        f"  {indicators} indicators, {len(actors)} actors involved, {len(plan.abbreviations)} abbreviations",
        f"  {len(result.graph)} triples; SHACL: "
        + ("conforms" if result.report and result.report.conforms else "not checked" if not result.report else ""),
        f"  {len(plan.corrections)} corrections applied:",
        *(f"    line {c.line}: {c.written!r} -> {c.corrected!r} ({c.reason})" for c in plan.corrections),
        "wrote " + ", ".join(str(path) for path in written),
    ]
    print("\n".join(lines), file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from .pipeline import PlanTextError, build
    from .reports import render
    from .source import SourceError
    from .validation import ontology_graph, validate

    stored = None  # the graph already in Oxigraph, when it comes from a build
    if args.files:
        graph = Graph()
        for path in args.files:
            try:
                graph.parse(path)
            except FileNotFoundError:
                return _fail(f"{path}: no such file", EXIT_INVALID)
            except Exception as error:  # rdflib raises many parser-specific errors
                return _fail(f"{path}: cannot parse as RDF: {error}", EXIT_INVALID)
    else:
        try:
            built = build(check=False)
        except (SourceError, PlanTextError) as error:
            return _fail(str(error), EXIT_INVALID)
        graph, stored = built.graph, built.stored
    report = validate(graph, stored=stored)
    reasoning = None
    if args.reason:
        from .reasoning import ReasonerError, reason

        try:
            reasoning = reason(graph, ontology_graph())
        except ReasonerError as error:
            return _fail(str(error), EXIT_INVALID)
    sys.stdout.write(render(report, args.format, reasoning))
    ok = report.conforms and (reasoning is None or reasoning.ok)
    return EXIT_OK if ok else EXIT_INVALID


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--param takes KEY=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params


def _query(args: argparse.Namespace) -> int:
    from .binding import BindingError
    from .cache import cached_store
    from .queries import ParameterError, QueryNotFoundError, bound_text
    from .records import PlanTextError
    from .resources import bundled_plan
    from .results import FormatError, render
    from .source import SourceError
    from .store import QueryError, QuerySyntaxError

    try:
        query = _chosen_query(args)
        params = _params(args.param)
    except (QueryNotFoundError, ValueError, OSError) as error:
        return _fail(str(error), EXIT_USAGE)
    from .remote import DATA_GRAPHS, RemoteError, RemoteStore

    try:
        if getattr(args, "endpoint", None):
            if getattr(args, "with_reference", None):
                return _fail("--with-reference loads files into the embedded store; load them into the remote one "
                             "instead (plan-graph publish, or the store's own loader)", EXIT_USAGE)  # fmt: skip
            store = RemoteStore(args.endpoint, default_graphs=tuple(args.graph) or DATA_GRAPHS)
        else:
            store = cached_store(bundled_plan(), None)
            if store is None:  # only then the build, and rdflib with it
                from .pipeline import plan_store

                store = plan_store()
            if getattr(args, "with_reference", None):
                store.load_folder(args.with_reference)
    except (SourceError, PlanTextError, FileNotFoundError, QueryError) as error:
        return _fail(str(error), EXIT_INVALID)
    try:
        output = render(store.query(bound_text(query, params, store)), args.format)
    except (ParameterError, BindingError, QuerySyntaxError, FormatError) as error:
        return _fail(f"{_named(query)}: {error}", EXIT_USAGE)
    except RemoteError as error:
        code = EXIT_USAGE if error.status == 400 else EXIT_INVALID
        return _fail(f"{_named(query)}: {error}", code)
    except QueryError as error:
        return _fail(f"{_named(query)}: {error}", EXIT_INVALID)
    sys.stdout.write(output)
    if not getattr(args, "endpoint", None) and not getattr(args, "with_reference", None):
        for reference in query.references:
            print(f"plan-graph: note: {reference.column} is empty: it comes from {reference.source}, which is not "
                  "loaded; add --with-reference DIR (a folder holding it)", file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _named(query: SavedQuery) -> str:
    """How messages name a query: by its name (a saved query, a --file), or as "the query" given inline."""
    return "the query" if str(query.path) == "-" else f"query {query.name!r}"


def _chosen_query(args: argparse.Namespace) -> SavedQuery:
    """The saved query, the --file, or the text of `plan-graph sparql` (with ad hoc text parameters)."""
    from .queries import Parameter, SavedQuery, parse_saved_query, saved_query

    if getattr(args, "text", None) is not None:
        text = sys.stdin.read() if args.text == "-" else args.text
        names = [pair.partition("=")[0].strip() for pair in args.param]
        parameters = tuple(Parameter(name, "ad hoc parameter") for name in names)
        return SavedQuery("sparql", "ad hoc query", "", parameters, text, Path("-"))
    if args.file is not None:
        if args.name:
            raise ValueError("give a saved query name or --file, not both")
        try:
            return parse_saved_query(args.file)
        except FileNotFoundError:
            raise ValueError(f"{args.file}: no such file") from None
        except UnicodeDecodeError:
            raise ValueError(f"{args.file}: not UTF-8 text") from None
    if not args.name:
        raise ValueError("name a saved query (see `plan-graph queries`) or give --file")
    return saved_query(args.name)


def _publish(args: argparse.Namespace) -> int:
    from .namespaces import Iris
    from .pipeline import PlanTextError, build
    from .publish import (
        Credentials,
        PublishError,
        password_from_environment_or_prompt,
        publish,
        split_for_publication,
        with_ontology,
    )
    from .remote import RemoteError
    from .source import SourceError
    from .validation import ontology_graph

    known_query, known_update = _endpoints_for(args.gsp)
    endpoint = args.endpoint or known_query
    if endpoint is None:
        return _fail(f"cannot tell the SPARQL query endpoint of {args.gsp}: give --endpoint", EXIT_USAGE)
    update = None if args.no_staging else args.update or known_update
    try:
        password = password_from_environment_or_prompt(args.user)
    except RemoteError as error:
        return _fail(str(error), EXIT_USAGE)
    try:
        result = build()
    except (SourceError, PlanTextError) as error:
        return _fail(str(error), EXIT_INVALID)
    if not result.report.conforms:
        return _fail("the graph does not conform to the shapes; nothing was published (see plan-graph validate)",
                     EXIT_INVALID)  # fmt: skip
    uploads = split_for_publication(result.graph, Iris().actor(""), args.graph or PLAN_GRAPH_DEFAULT)
    uploads = with_ontology(uploads, ontology_graph())
    credentials = Credentials(args.user, password or "", args.auth) if args.user else None
    try:
        publish(uploads, args.gsp, endpoint, credentials, append=args.append, timeout=args.timeout,
                progress=lambda line: print(f"plan-graph: {line}", file=sys.stderr), update=update)  # fmt: skip
    except PublishError as error:
        print(f"plan-graph: publishing failed: {error}", file=sys.stderr)
        for outcome in error.outcomes:
            print(f"  <{outcome.upload.iri}> ({outcome.upload.name}): {outcome.state}", file=sys.stderr)
        return EXIT_INVALID
    except RemoteError as error:
        return _fail(f"publishing failed: {error}", EXIT_INVALID)
    print(f"plan-graph: published {len(uploads)} graphs to {args.gsp}", file=sys.stderr)
    return EXIT_OK


def _endpoints_for(gsp: str) -> tuple[str | None, str | None]:
    """The query and update endpoints beside a Graph Store Protocol URL, for the stores we know: Oxigraph
    server (/store: /query and /update) and Virtuoso (/sparql-graph-crud-auth: /sparql and /sparql-auth)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(gsp)
    path = parts.path.rstrip("/")
    if path.endswith("/store"):
        root = path[: -len("store")]
        return tuple(urlunsplit((parts.scheme, parts.netloc, root + name, "", "")) for name in ("query", "update"))
    if "sparql-graph-crud" in path:
        update = "/sparql-auth" if path.endswith("-auth") else "/sparql"
        return tuple(urlunsplit((parts.scheme, parts.netloc, name, "", "")) for name in ("/sparql", update))
    return None, None


def _serve(args: argparse.Namespace) -> int:
    from .pipeline import PlanTextError, serving_data
    from .server import ServeConfig, create_app, embedded_backend, remote_backend
    from .serving import ListenError, listening_socket, run
    from .source import SourceError

    positive = (args.timeout, args.workers, args.max_rows, args.max_request, args.read_timeout, args.max_connections)
    if not 0 < args.port < 65536 or min(positive) <= 0:
        return _fail("--port must be 1-65535; --timeout, --workers, --max-rows, --max-request, --read-timeout and "
                     "--max-connections must be positive", EXIT_USAGE)  # fmt: skip
    config = ServeConfig(
        host=args.host, port=args.port, public_base=args.public_base, timeout=args.timeout,
        max_rows=args.max_rows, max_request=args.max_request, workers=args.workers, read_timeout=args.read_timeout,
        max_connections=args.max_connections,
        allowed_services=tuple(args.allow_service),
    )  # fmt: skip
    from .remote import DATA_GRAPHS, RemoteError

    try:
        sock = listening_socket(args.host, args.port)  # first: a port in use is said before anything starts
    except ListenError as error:
        return _fail(str(error), EXIT_USAGE)
    with sock:
        try:
            if args.endpoint:
                backend = remote_backend(config, args.endpoint, tuple(args.graph) or DATA_GRAPHS)
            else:
                backend = embedded_backend(config, *serving_data(args.store))
            app = create_app(config, backend)
        except (SourceError, PlanTextError, OSError, RemoteError) as error:
            return _fail(str(error), EXIT_INVALID)
        print(f"plan-graph: serving {config.base} (SPARQL at {config.base}sparql)", file=sys.stderr)
        run(app, sock, config.max_connections)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .export import export_files, write_export
    from .outputs import OutputError
    from .pipeline import PlanTextError, build
    from .source import SourceError

    try:
        result = build()
    except (SourceError, PlanTextError) as error:
        return _fail(str(error), EXIT_INVALID)
    if not result.report.conforms:
        return _fail("the graph does not conform to the shapes; nothing was exported", EXIT_INVALID)
    export = export_files(result, args.public_base)
    try:
        write_export(export, args.out)
    except OutputError as error:
        return _fail(f"{error}; nothing was exported, previous files are unchanged", EXIT_OUTPUT)
    print(f"plan-graph: wrote {len(export.files)} files to {args.out} ({len(export.distributions)} distributions in "
          f"dcat.ttl; the site starts at {args.out / 'site' / 'index.html'})", file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _validate_dcat(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from .dcat import validate_record
    from .reports import render

    if args.shapes is None or args.vocabularies is None:
        return _fail("give --shapes DIR and --vocabularies DIR (the DCAT-AP 3 shapes and the EU authority tables)",
                     EXIT_USAGE)  # fmt: skip
    record_path = args.record or Path("dist") / "dcat.ttl"
    try:
        record = Graph().parse(record_path, format="turtle")
        report = validate_record(record, args.shapes, args.vocabularies)
    except FileNotFoundError as error:
        return _fail(str(error) if "no RDF files" in str(error) else f"{record_path}: no such file", EXIT_INVALID)
    except Exception as error:  # rdflib raises many parser-specific errors
        return _fail(f"cannot read the record or the shapes: {error}", EXIT_INVALID)
    sys.stdout.write(render(report, args.format))
    return EXIT_OK if report.conforms else EXIT_INVALID


def _docs(args: argparse.Namespace) -> int:
    from .docs import write_docs
    from .outputs import OutputError
    from .validation import ontology_graph

    try:
        page = write_docs(ontology_graph(), args.out)
    except OutputError as error:
        return _fail(str(error), EXIT_OUTPUT)
    print(f"wrote {page}", file=sys.stderr)
    return EXIT_OK


def _queries(args: argparse.Namespace) -> int:
    from .queries import catalogue

    for query in catalogue().values():
        print(f"{query.name}: {query.title}")
        for parameter in query.parameters:
            optional = ", optional" if parameter.optional else ""
            print(f"    --param {parameter.name}=…  ({parameter.type}{optional}) {parameter.meaning}")
        for reference in query.references:
            print(f"    --with-reference DIR  fills {reference.column}, from {reference.source}")
    return EXIT_OK
