"""`plan-graph monitor import` and `history`: filled forms become submissions to a reporting round.

`import` reads the forms (text/form_files.py), checks them (checks/forms.py), makes each reporting body's
submission for the period (graph/submissions.py), checks those against the shapes with the plan, and adds them
to the rounds folder (pipeline/rounds.py): all or nothing. A body's new submission replaces only that body's
earlier one for the period, which is kept as the revision the new one revises; other bodies' submissions are
not touched. `history` lists a period's submissions and their corrections.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from plan_graph.checks.form_cells import check_period
from plan_graph.checks.forms import CheckedForms, check_forms
from plan_graph.checks.validation import validate_together
from plan_graph.errors import UsageError, ValidationError
from plan_graph.files import write_atomically
from plan_graph.graph.iris import Iris
from plan_graph.graph.stored import stored_lines
from plan_graph.graph.submissions import submission_graph
from plan_graph.graph.terms import ntriples
from plan_graph.pipeline.build import BuildResult, build
from plan_graph.pipeline.rounds import WHOLE_ROUND, RoundsFolder, SubmissionFile
from plan_graph.text.dates import is_date
from plan_graph.text.form_files import read_form
from plan_graph.text.records import Activity
from plan_graph.text.registry import Actor, load_registry, reporting_bodies
from plan_graph.text.reports import Source, Submission


@dataclass(frozen=True)
class Imported:
    """A body's submission as imported, and the one it replaced."""

    submission: Submission
    written: Path
    dated_by: str
    replaced: Submission | None


@dataclass(frozen=True)
class ImportResult:
    imported: list[Imported]
    checked: CheckedForms
    split: Path | None = None  # a round imported before submissions existed, split into them (kept there)
    warnings: list[str] = field(default_factory=list)


@cache
def _plan() -> BuildResult:
    """The plan and its companions, once per process: what the forms are checked against, with the shapes."""
    return build(check=False)


def bodies_that_report(activities: list[Activity], registry: dict[str, Actor]) -> list[Actor]:
    involved = (code for a in activities for code in (*a.responsible.codes, *a.partners.codes))
    return reporting_bodies(involved, registry)


def import_forms(
    files: list[Path], period: str, rounds_dir: Path, reported_on: str | None = None, today: date | None = None
) -> ImportResult:
    """The forms checked and added to the period's round as each body's new submission, all or nothing."""
    period = check_period(period)
    if reported_on is not None and not is_date(reported_on):
        raise UsageError(f"--reported-on {reported_on!r}: a date, YYYY-MM-DD")
    if not files:
        raise UsageError("no forms given")
    forms = [read_form(path, shown) for path, shown in _names(files).items()]
    result = _plan()
    registry = load_registry()
    bodies = bodies_that_report(result.plan.activities, registry)
    checked = check_forms(forms, period, result.plan.activities, bodies, registry, reported_on, today)
    folder = RoundsFolder(rounds_dir)
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    writes: dict[Path, bytes] = {}
    earlier: dict[str, Submission] = {}
    split = folder.whole_round(period)
    if split is not None:
        for submission in folder.whole_round_submissions(period):
            earlier[submission.reporter] = submission
            writes[_revision_path(folder, submission)] = _ntriples(submission)
        writes[folder.path / period / WHOLE_ROUND] = split.read_bytes()
    else:
        current = {file.body: file for file in folder.current(period)}
        earlier = {part.body.id: current[part.body.id].read() for part in checked.bodies if part.body.id in current}
    digests = {form.shown: hashlib.sha256(form.path.read_bytes()).hexdigest() for form in forms}
    names = {form.shown: form.path.name for form in forms}
    imported = []
    for part in checked.bodies:
        old = earlier.get(part.body.id)
        submission = Submission(
            period=period,
            reporter=part.body.id,
            reported_on=part.reported_on,
            reports=tuple(part.reports),
            values=tuple(part.values),
            sources=tuple(Source(names[shown], digests[shown]) for shown in part.files),
            imported_at=now,
            revision=old.revision + 1 if old else 1,
            earlier=(*old.earlier, old.superseded(now)) if old else (),
        )
        path = _revision_path(folder, submission)
        writes[path] = _ntriples(submission)
        imported.append(Imported(submission, path, part.dated_by, old))
    _check_shapes(result, [writes[i.written] for i in imported])
    write_atomically(writes, overwrite=False)
    if split is not None:
        split.unlink()  # kept, as it was, in the period's folder (WHOLE_ROUND)
    return ImportResult(imported, checked, split)


def _names(files: list[Path]) -> dict[Path, str]:
    """How messages name each form: its name, or its path where two forms share a name."""
    names = [path.name for path in files]
    return {path: path.name if names.count(path.name) == 1 else str(path) for path in files}


def _revision_path(folder: RoundsFolder, submission: Submission) -> Path:
    return folder.path / submission.period / submission.reporter / f"{submission.revision}.nt"


def _ntriples(submission: Submission) -> bytes:
    return ntriples(submission_graph(submission, Iris()))


def _check_shapes(result: BuildResult, graphs: list[bytes]) -> None:
    together = stored_lines(line for data in graphs for line in data.splitlines(keepends=True))
    report = validate_together([*result.validated, together])
    if not report.conforms:
        listing = "\n".join(f"  {violation}" for violation in report.violations[:50])
        raise ValidationError(f"the submissions do not conform to the shapes; nothing was imported:\n{listing}")


def describe(imported: Imported) -> str:
    """One line for an imported submission: what it holds, its day, and what it replaced."""
    submission, old = imported.submission, imported.replaced
    said = (
        f"{submission.reporter}: {len(submission.reports)} status(es) and {len(submission.values)} value(s) for "
        f"{submission.period}, reported on {submission.reported_on} ({imported.dated_by}): {imported.written}"
    )
    if old is not None:
        said += (
            f"; replaces revision {old.revision} of {old.reported_on} ({len(old.reports)} status(es), "
            f"{len(old.values)} value(s)), which is kept"
        )
    return said


@dataclass(frozen=True)
class HistoryEntry:
    body: str
    revision: int
    reported_on: str
    imported_at: str
    statuses: int
    values: int
    sources: tuple[Source, ...]
    superseded_at: str  # "" for the current one
    path: Path


def history(rounds_dir: Path, period: str, actor: str | None = None) -> list[HistoryEntry]:
    """Every submission of the period, each body's revisions oldest first; one body's with `actor`."""
    folder = RoundsFolder(rounds_dir).check_exists()
    if folder.whole_round(period) is not None:
        raise UsageError(
            f"{folder.whole_round(period)}: the {period} round was imported before submissions "
            "existed and has no history; its first import of a form splits it into one "
            "submission per body"
        )
    revisions = folder.revisions(period)
    if not revisions:
        raise UsageError(
            f"{rounds_dir}: no submission for {period} (periods held: {', '.join(folder.periods()) or 'none'})"
        )
    if actor is not None:
        wanted = {key for key in revisions if key.casefold() == actor.replace(" ", "-").casefold()}
        if not wanted:
            raise UsageError(
                f"--actor {actor!r}: no submission for {period} (bodies that sent one: {', '.join(revisions)})"
            )
        revisions = {key: revisions[key] for key in wanted}
    entries = []
    for files in revisions.values():
        entries += [_entry(file, files[i + 1] if i + 1 < len(files) else None) for i, file in enumerate(files)]
    return entries


def _entry(file: SubmissionFile, newer: SubmissionFile | None) -> HistoryEntry:
    submission = file.read()
    superseded = ""
    if newer is not None:
        superseded = next((r.superseded_at for r in newer.read().earlier if r.number == file.revision), "")
    return HistoryEntry(
        file.body,
        submission.revision,
        submission.reported_on,
        submission.imported_at,
        len(submission.reports),
        len(submission.values),
        submission.sources,
        superseded,
        file.path,
    )
