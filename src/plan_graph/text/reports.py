"""What bodies report in the monitoring rounds, as plain records: the checked rows of their forms become these
(checks/forms.py), graph/submissions.py writes them as RDF, and graph/submission_reader.py reads them back.

A body's submission to a period's round holds its self-reports (a status per activity) and its indicator values,
the day it reported them, the forms they were read from and when they were imported; a correction is its next
revision, and carries what is kept of the ones before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SelfReport:
    """A body's report on one activity for a period: its status, evidence and note (a row of a filled form)."""

    activity: str  # notation
    reporter: str  # the actor's id (its IRI's last part)
    status: str  # a notation of the status scheme
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class IndicatorValue:
    """A value a body reports for an indicator of an activity, for a period."""

    activity: str
    position: int  # the indicator's position in its cell, from 1
    reporter: str
    count: int | None = None  # a count indicator's value
    deliverable: str = ""  # a deliverable indicator's value (what was delivered)
    link: str = ""  # where the deliverable can be seen
    note: str = ""


@dataclass(frozen=True)
class Source:
    """A form a submission was read from."""

    name: str
    sha256: str

    def __str__(self) -> str:
        return f"{self.name} (SHA-256 {self.sha256})"


@dataclass(frozen=True)
class Revision:
    """What is kept of a superseded submission in the round's graph: when it was reported and imported, from which
    forms, and when the next revision replaced it. Its reports and values stay in its own file."""

    number: int
    reported_on: str
    imported_at: str  # xsd:dateTime, or "" when not known (a round imported before submissions existed)
    sources: tuple[Source, ...]
    superseded_at: str


@dataclass(frozen=True)
class Submission:
    """One body's reports for one period: the current revision, with the earlier ones it replaced."""

    period: str  # a year
    reporter: str  # the actor's id (its IRI's last part)
    reported_on: str  # YYYY-MM-DD: the day the body reported it
    reports: tuple[SelfReport, ...] = ()
    values: tuple[IndicatorValue, ...] = ()
    sources: tuple[Source, ...] = ()
    imported_at: str = ""
    revision: int = 1
    earlier: tuple[Revision, ...] = field(default=())  # oldest first

    @property
    def empty(self) -> bool:
        return not self.reports and not self.values

    def superseded(self, at: str) -> Revision:
        """This submission as an earlier revision of the next one, superseded at `at`."""
        return Revision(self.revision, self.reported_on, self.imported_at, self.sources, at)
