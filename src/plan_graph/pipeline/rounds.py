"""The folder of reporting rounds: where `plan-graph monitor import` keeps the submissions, and how the other
commands (query, serve, export, publish, history) read it.

    ROUNDS/2019/ANITP/1.nt   ANITP's first submission for 2019
    ROUNDS/2019/ANITP/2.nt   its correction: the current one (the highest number), with 1's metadata in it
    ROUNDS/2019/IGPR/1.nt    IGPR's, untouched by ANITP's correction
    ROUNDS/2020.nt           a round imported before submissions existed (below)

An import adds one file per body it holds and never overwrites or deletes one, so nothing any body sent is ever
lost. A period's round is the union of its bodies' current submissions.

A round imported before submissions existed is one file for the period, `PERIOD.nt`; it is read as it is, as the
period's round. The first import into that period splits it into one submission per body it holds (revision 1 of
each, dated and sourced as the round was), keeps it as `PERIOD/whole-round.nt` (no longer read) and removes
`PERIOD.nt`; then the import's own submissions are the next revisions of their bodies'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from plan_graph.errors import UsageError
from plan_graph.graph.stored import sorted_ntriples
from plan_graph.graph.submission_reader import RoundFileError, parse_error, read_submission, read_whole_round
from plan_graph.text.reports import Submission

WHOLE_ROUND = "whole-round.nt"  # where a split round is kept, inside its period's folder
_PERIOD = re.compile(r"^\d{4}$")
_REVISION = re.compile(r"^[1-9]\d*\.nt$")


@dataclass(frozen=True)
class SubmissionFile:
    period: str
    body: str  # the reporting body's id (its IRI's last part)
    revision: int
    path: Path

    def read(self) -> Submission:
        return read_submission(read_round_file(self.path), str(self.path))


@dataclass(frozen=True)
class RoundsFolder:
    path: Path

    def check_exists(self, option: str = "--rounds") -> RoundsFolder:
        if not self.path.is_dir():
            raise UsageError(f"{option} {self.path}: no such folder")
        return self

    def periods(self) -> list[str]:
        """The periods that have a round here, in order."""
        if not self.path.is_dir():
            return []
        found = {p.stem for p in self.path.glob("*.nt") if _PERIOD.match(p.stem)}
        found |= {
            p.name for p in self.path.iterdir() if p.is_dir() and _PERIOD.match(p.name) and self.revisions(p.name)
        }
        return sorted(found)

    def whole_round(self, period: str) -> Path | None:
        """The period's round as imported before submissions existed, while it has not been split."""
        path = self.path / f"{period}.nt"
        return path if path.is_file() and not self.revisions(period) else None

    def revisions(self, period: str) -> dict[str, list[SubmissionFile]]:
        """Each body's submissions for the period, oldest first, by the body's id."""
        folder = self.path / period
        found: dict[str, list[SubmissionFile]] = {}
        if not folder.is_dir():
            return found
        for body in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            files = [f for f in body.iterdir() if _REVISION.match(f.name)]
            if files:
                found[body.name] = sorted(
                    (SubmissionFile(period, body.name, int(f.stem), f) for f in files), key=lambda s: s.revision
                )
        return found

    def current(self, period: str) -> list[SubmissionFile]:
        """Each body's current submission for the period (its latest revision)."""
        return [files[-1] for files in self.revisions(period).values()]

    def round_files(self, period: str) -> list[Path]:
        """The files that make the period's round: its bodies' current submissions, or the unsplit round."""
        whole = self.whole_round(period)
        return [whole] if whole is not None else [s.path for s in self.current(period)]

    def round_ntriples(self, period: str) -> bytes:
        """The period's round as N-Triples, each file checked (a damaged one is named with its line)."""
        return b"".join(read_round_file(path) for path in self.round_files(period))

    def submissions_of(self, period: str) -> dict[str, Submission]:
        """The period's current submissions by body id (a round not yet split, read as one per body)."""
        if self.whole_round(period) is not None:
            return {submission.reporter: submission for submission in self.whole_round_submissions(period)}
        found = {file.body: file.read() for file in self.current(period)}
        if not found:
            raise UsageError(
                f"{self.path}: no round for {period} (periods held: {', '.join(self.periods()) or 'none'})"
            )
        return found

    def rounds(self) -> dict[str, bytes]:
        """Every period's round as sorted N-Triples, each triple once (what the release offers as a file)."""
        return {
            period: sorted_ntriples(self.round_ntriples(period).splitlines(keepends=True)) for period in self.periods()
        }

    def whole_round_submissions(self, period: str) -> list[Submission]:
        whole = self.whole_round(period)
        return [] if whole is None else read_whole_round(read_round_file(whole), str(whole))

    def not_read(self) -> list[Path]:
        """Files here that no round is read from (hidden files aside): say so rather than pass them over."""
        if not self.path.is_dir():
            return []
        read = {path for period in self.periods() for path in self.round_files(period)}
        kept = {self.path / p / WHOLE_ROUND for p in self.periods()}
        superseded = {s.path for p in self.periods() for files in self.revisions(p).values() for s in files}
        return sorted(
            path
            for path in self.path.rglob("*")
            if path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(self.path).parts)
            and path not in read | kept | superseded
        )


def read_round_file(path: Path) -> bytes:
    """A round's file, checked as N-Triples: a damaged one is a RoundFileError naming it and its line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RoundFileError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        for _ in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as error:
        raise parse_error(str(path), error) from None
    return data
