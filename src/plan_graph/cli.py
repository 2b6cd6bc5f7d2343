"""`plan-graph`: the command line. It parses, calls the library, prints. Nothing imports this module.

Errors are PlanGraphErrors; main() prints each as one message and exits with the code its kind says (errors.py):
0 success; 1 the source, the graph or a store failed; 2 bad usage; 3 an output could not be written;
130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from plan_graph.errors import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE, PlanGraphError, UsageError
from plan_graph.settings import Settings, use_iri_base


def main(argv: list[str] | None = None) -> int:
    from plan_graph.arguments import parser as arguments
    from plan_graph.interrupts import stopping_on_signals

    parser = arguments()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    run = COMMANDS[args.command]
    received: list[int] = []  # the signals that came during the run
    try:
        with stopping_on_signals(received, enabled=args.command != "serve"):
            try:
                if (base := getattr(args, "iri_base", None)) is not None:
                    use_iri_base(base)  # before anything mints an IRI
                _refuse_passwords_in_urls(args)
                code = run(args)
            except PlanGraphError as error:
                code = _fail(str(error), error.exit_code)
            except BrokenPipeError:
                # the reader went away (`plan-graph query … | head`): stop quietly, as Unix tools do
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 141
            except Exception as error:
                # Python wraps what a few of its callbacks raise: our interrupt during a class's creation comes back
                # as "RuntimeError: Error calling __set_name__" (the stdlib's dataclasses), caused by it
                if not (received and _caused_by_interrupt(error)):
                    raise
                code = EXIT_INTERRUPTED
    except KeyboardInterrupt:
        # caught outside the `with`: a signal can also land as the run ends, in the statement's own exit
        if not received:
            raise  # raised by the code, not by a signal: not ours to hide
        code = EXIT_INTERRUPTED
    if received:
        # Also when the interrupt came where Python cannot raise it (a callback of the import machinery, a
        # finalizer) and the run went on to the end: the user asked to stop, so the exit says so.
        return _fail("interrupted; no output was left half-written", EXIT_INTERRUPTED)
    return code


def _caused_by_interrupt(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _fail(message: str, code: int) -> int:
    print(f"plan-graph: {message}", file=sys.stderr)
    return code


def _write(output: bytes) -> None:
    """Bytes to standard output (its text layer when it has no binary one, as inside other programs)."""
    if (binary := getattr(sys.stdout, "buffer", None)) is not None:
        binary.write(output)
    else:
        sys.stdout.write(output.decode("utf-8"))


def _note(message: str) -> None:
    print(f"plan-graph: {message}", file=sys.stderr)


def _refuse_passwords_in_urls(args: argparse.Namespace) -> None:
    for option in ("endpoint", "gsp", "update"):
        if url := getattr(args, option, None):
            from plan_graph.stores.remote import refuse_password  # only then: it imports the HTTP client

            refuse_password(url, f"--{option}")


def _note_rounds_not_read(folder: Path | None) -> None:
    """Files in a rounds folder that no round is read from: said, not passed over."""
    if folder is not None and folder.is_dir():
        from plan_graph.pipeline.rounds import RoundsFolder

        for path in RoundsFolder(folder).not_read():
            _note(f"warning: {path}: not a reporting round's file; not read")


def _build(args: argparse.Namespace) -> int:
    from plan_graph.errors import ValidationError
    from plan_graph.pipeline.build import build
    from plan_graph.pipeline.outputs import write_graph
    from plan_graph.pipeline.summary import BuildSummary
    from plan_graph.text.records import PlanTextError
    from plan_graph.text.source import known_encoding

    if args.encoding:
        known_encoding(args.encoding)
    try:
        result = build(args.source, keep_going=args.keep_going, encoding=args.encoding, dumps=True)
    except PlanTextError as error:
        raise error.followed_by("nothing was written; use --keep-going to build the rows that can be read") from None
    for issue in result.plan.warnings:
        _note(str(issue))
    if result.skipped:
        _note(f"skipped {len(result.skipped)} unreadable line(s):\n" + "\n".join(f"  {i}" for i in result.skipped))
    for sentence in result.left_out:
        _note(sentence)
    if result.report is not None and not result.report.conforms:
        for violation in result.report.violations:
            print(f"  {violation}", file=sys.stderr)
        raise ValidationError(
            f"the graph does not conform to the shapes ({len(result.report.violations)} "
            "violation(s)); nothing was written"
        )
    assert result.dumps is not None, "asked for with dumps=True"
    written = write_graph(result.dumps, args.out)
    print("\n".join(BuildSummary.of(result, written).lines()), file=sys.stderr)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from plan_graph.checks.reports import render
    from plan_graph.pipeline.check import check

    outcome = check(args.files, with_reasoner=args.reason)
    sys.stdout.write(render(outcome.report, args.format, outcome.reasoning))
    return EXIT_OK if outcome.ok else EXIT_INVALID


def _query(args: argparse.Namespace) -> int:
    from plan_graph.graph.formats import FORMATS as KNOWN
    from plan_graph.pipeline.plan_store import open_plan_store
    from plan_graph.stores import queries
    from plan_graph.stores.results import default_format, serialize

    params = queries.parameter_values(args.param)
    if getattr(args, "text", None) is not None:
        query = queries.adhoc_query(sys.stdin.read() if args.text == "-" else args.text, list(params))
    elif args.file is not None and args.name:
        raise UsageError("give a saved query name or --file, not both")
    elif args.file is not None:
        query = queries.parse_saved_query(args.file)
    elif args.name:
        query = queries.saved_query(args.name)
    else:
        raise UsageError("name a saved query (see `plan-graph queries`) or give --file")
    settings = Settings.of(vars(args))
    endpoint, reference = settings.endpoint, settings.reference
    _note_rounds_not_read(settings.rounds)
    store = open_plan_store(settings)
    for warning in store.check_default_graphs():
        _note(f"warning: {warning}")
    try:
        result = store.query(queries.bound_text(query, params, store))
        output = serialize(result, KNOWN[args.format] if args.format else default_format(result), for_spreadsheets=True)
    except PlanGraphError as error:
        raise error.about("the query" if str(query.path) == "-" else f"query {query.name!r}") from None
    _write(output if output.endswith(b"\n") else output + b"\n")
    if not endpoint and not reference:
        for ref in query.references:
            _note(
                f"note: {ref.column} is empty: it comes from {ref.source}, which is not loaded; add "
                "--with-reference DIR (a folder holding it)"
            )
    return EXIT_OK


def _publish(args: argparse.Namespace) -> int:
    from plan_graph.release.publish import Credentials, PublishTarget, password_from_environment_or_prompt, publish_plan

    _note_rounds_not_read(args.rounds)
    password = password_from_environment_or_prompt(args.user)
    credentials = Credentials(args.user, password or "", args.auth) if args.user else None
    target = PublishTarget(
        args.gsp,
        args.endpoint,
        args.update,
        not args.no_staging,
        credentials=credentials,
        append=args.append,
        timeout=args.timeout,
    )
    if args.graph:
        target = replace(target, plan_graph=args.graph)
    if args.rounds:
        target = replace(target, rounds=args.rounds)
    outcomes = publish_plan(target, progress=_note)
    _note(f"published {len(outcomes)} graphs to {args.gsp}")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from plan_graph.web.serving import serve

    settings = Settings.of(vars(args))
    positive = (
        settings.timeout,
        settings.workers,
        settings.max_rows,
        settings.max_request,
        settings.read_timeout,
        settings.max_connections,
    )
    if not 0 < settings.port < 65536 or min(positive) <= 0:
        raise UsageError(
            "--port must be 1-65535; --timeout, --workers, --max-rows, --max-request, --read-timeout and "
            "--max-connections must be positive"
        )
    _note_rounds_not_read(settings.rounds)
    serve(
        settings,
        ready=lambda base: _note(f"serving {base} (SPARQL at {base}sparql)"),
        warn=lambda line: _note(f"warning: {line}"),
    )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from plan_graph.release.export import export

    _note_rounds_not_read(args.rounds)
    release = export(args.out, Settings.of(vars(args)).download_base, args.rounds)
    _note(
        f"wrote {len(release.files)} files to {args.out} ({len(release.distributions)} distributions in dcat.ttl; "
        f"the site starts at {args.out / 'site' / 'index.html'})"
    )
    return EXIT_OK


def _validate_dcat(args: argparse.Namespace) -> int:
    from plan_graph.checks.reports import render
    from plan_graph.release.dcat import validate_record_file

    settings = Settings.of(vars(args))
    if settings.dcat_shapes is None or settings.eu_vocabularies is None:
        raise UsageError("give --shapes DIR and --vocabularies DIR (the DCAT-AP 3 shapes and the EU authority tables)")
    if args.mqa:
        return _mqa(args, settings.dcat_shapes, settings.eu_vocabularies)
    if args.mqa_min:
        raise UsageError("--mqa-min goes with --mqa")
    report = validate_record_file(args.record, settings.dcat_shapes, settings.eu_vocabularies)
    sys.stdout.write(render(report, args.format))
    return EXIT_OK if report.conforms else EXIT_INVALID


def _mqa(args: argparse.Namespace, shapes: Path, vocabularies: Path) -> int:
    """The MQA scores; exit 1 when the record has a DCAT-AP Violation, as without --mqa, or a dataset rates below
    --mqa-min."""
    from plan_graph.release.mqa import score_record_file
    from plan_graph.release.mqa_report import render_mqa

    if args.format == "turtle":
        raise UsageError("--mqa writes text or JSON (--format text or json)")
    scores = score_record_file(args.record, shapes, vocabularies)
    sys.stdout.write(render_mqa(scores, args.format))
    below = scores.below(args.mqa_min) if args.mqa_min else []
    for score in below:
        _note(f"<{score.dataset}> rates {score.rating}, below {args.mqa_min.capitalize()}")
    return EXIT_OK if scores.validation.conforms and not below else EXIT_INVALID


def _docs(args: argparse.Namespace) -> int:
    from plan_graph.graph.ontology import ontology_triples
    from plan_graph.web.docs import write_docs

    print(f"wrote {write_docs(ontology_triples(), args.out)}", file=sys.stderr)
    return EXIT_OK


def _monitor(args: argparse.Namespace) -> int:
    from plan_graph.checks.form_cells import check_period
    from plan_graph.pipeline import monitor

    if args.step == "template":
        from plan_graph.pipeline.build import read_plan
        from plan_graph.pipeline.rounds import RoundsFolder
        from plan_graph.pipeline.templates import choose_bodies, write_templates
        from plan_graph.text.registry import load_registry

        period = check_period(args.period)
        plan = read_plan()[2]
        bodies = choose_bodies(monitor.bodies_that_report(plan.activities, load_registry()), args.actor)
        previous = None
        if args.from_period:
            previous = RoundsFolder(args.rounds).check_exists().submissions_of(check_period(args.from_period))
        formats = ("xlsx", "csv") if args.format == "both" else (args.format,)
        written = write_templates(plan.activities, bodies, period, args.out, formats, args.force, previous)
        _note(f"wrote {len(written)} form(s) to {args.out}")
        return EXIT_OK
    if args.step == "report":
        from plan_graph.release.round_report import write_round_report

        _note_rounds_not_read(args.rounds)
        written = write_round_report(args.rounds, check_period(args.period), args.out)
        _note(f"wrote {len(written)} file(s) to {args.out} (the report: {args.out / f'report-{args.period}.html'})")
        return EXIT_OK
    if args.step == "history":
        for entry in monitor.history(args.rounds, check_period(args.period), args.actor):
            state = f"superseded {entry.superseded_at}" if entry.superseded_at else "current"
            sources = ", ".join(str(source) for source in entry.sources)
            print(
                f"{entry.body}\trevision {entry.revision}\t{state}\treported on {entry.reported_on}\timported "
                f"{entry.imported_at or 'before submissions existed'}\t{entry.statuses} status(es), {entry.values} "
                f"value(s)\t{sources}\t{entry.path}"
            )
        return EXIT_OK
    result = monitor.import_forms(args.files, args.period, args.rounds, args.reported_on)
    for warning in result.checked.warnings:
        _note(f"warning: {warning}")
    if result.split is not None:
        _note(
            f"{result.split}: a round imported before submissions existed, split into one submission per body "
            f"(it is kept as {result.split.parent / args.period / 'whole-round.nt'})"
        )
    for imported in result.imported:
        _note(f"imported {monitor.describe(imported)}")
    return EXIT_OK


def _queries(args: argparse.Namespace) -> int:
    from plan_graph.stores.queries import catalogue

    for query in catalogue().values():
        print(f"{query.name}: {query.title}")
        for parameter in query.parameters:
            optional = ", optional" if parameter.optional else ""
            print(f"    --param {parameter.name}=…  ({parameter.type}{optional}) {parameter.meaning}")
        for reference in query.references:
            print(f"    --with-reference DIR  fills {reference.column}, from {reference.source}")
    return EXIT_OK


COMMANDS = {
    "build": _build,
    "validate": _validate,
    "query": _query,
    "sparql": _query,
    "publish": _publish,
    "serve": _serve,
    "export": _export,
    "validate-dcat": _validate_dcat,
    "docs": _docs,
    "monitor": _monitor,
    "queries": _queries,
}
