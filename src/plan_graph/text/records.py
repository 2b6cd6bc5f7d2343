"""Plain records of what the plan text says: the reader fills them, the mapper turns them into RDF.

Nothing here knows about RDF. Every record keeps the line it came from and the text as written
next to any normalised value, so that nothing the plan says is lost on the way to the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from plan_graph.errors import InputError


class DeadlineKind(StrEnum):
    ONE_OFF = "one-off"  # a month: "Iunie 2019"
    RECURRING = "recurring"  # "Anual", "Semestrial", "Trimestrial", "Permanent"


class IndicatorKind(StrEnum):
    COUNT = "count"  # "Număr de ...", "Numărul ..."
    DELIVERABLE = "deliverable"  # "Raport ... elaborat", "Grup de lucru constituit", ...


class FundingKind(StrEnum):
    BUDGET = "budget"  # "Buget ANITP": the budget of named bodies
    RESPONSIBLE_BUDGETS = "responsible-budgets"  # "Bugetele instituțiilor responsabile"
    EXTERNAL_GRANT = "external-grant"  # "Finanțare externă nerambursabilă"
    PROJECT_GRANT = "project-grant"  # "Proiect - finanțare externă nerambursabilă"
    NOT_APPLICABLE = "not-applicable"  # "Nu este cazul."


@dataclass(frozen=True)
class Correction:
    """A defect of the published text and how the reader corrected it; the original is kept."""

    line: int
    written: str
    corrected: str
    reason: str


@dataclass(frozen=True)
class ParseIssue:
    """A line the reader could not turn into a record (an error) or read with a caveat (a warning)."""

    line: int
    text: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        said = f"line {self.line}: {self.severity}: {self.message}"
        if not self.text or self.text in self.message:  # the line's text only when the message does not hold it
            return said
        excerpt = self.text if len(self.text) <= 100 else self.text[:97] + "..."
        return f"{said}\n    {excerpt!r}"


@dataclass(frozen=True)
class Abbreviation:
    code: str
    name: str
    line: int


@dataclass(frozen=True)
class Document:
    title: str  # normalised: "Plan național de acțiune 2018-2020 ..."
    title_as_written: str
    adopted: str  # the date in the title, as written: "31 octombrie 2018"
    adopted_date: str  # the same as an ISO date: "2018-10-31"
    issuer: str  # "GUVERNUL ROMÂNIEI"
    act: str  # "Hotărârea Guvernului nr. 861 din 31 octombrie 2018"
    act_number: int
    act_year: int
    publication: str  # "Monitorul Oficial, Partea I, nr. 949 din 9 noiembrie 2018"
    gazette_number: int


@dataclass(frozen=True)
class Area:
    number: int
    title: str
    line: int


@dataclass(frozen=True)
class GeneralObjective:
    notation: str  # "1"
    area: int
    title: str
    line: int


@dataclass(frozen=True)
class SpecificObjective:
    notation: str  # "1.1"
    general: str  # "1"
    title: str
    line: int
    heading_as_written: str


@dataclass(frozen=True)
class Indicator:
    text: str
    kind: IndicatorKind


@dataclass(frozen=True)
class Deadline:
    written: str  # "Iunie 2019", "Anual"
    kind: DeadlineKind
    year_month: str | None = None  # "2019-06" for one-off deadlines
    frequency: str | None = None  # EU frequency table code: "ANNUAL", "ANNUAL_2", "QUARTERLY", "CONT"


@dataclass(frozen=True)
class Relation:
    """A fact about two actors that the plan states in passing.

    kind "part-of": "MAI - IGI" says IGI is a body of MAI;
    kind "through": "MMJS prin ANOFM" says MMJS acts through ANOFM (subject=ANOFM, object=MMJS);
    kind "member-of": "Grup de lucru constituit: ... MS" says MS is a member of the group.
    """

    kind: str
    subject: str
    object: str
    line: int


@dataclass(frozen=True)
class ActorItem:
    """One item of an actor cell, as printed: an actor ("ANITP"), "X prin Y" (X acting through Y), "X - A, B"
    (X through its bodies A and B), or the working group with the members this row lists.

    `named` says which actors it names and how: "named" (directly), "principal" (X of "X prin Y" or "X - A, B"),
    "through" (Y), "body" (A, B), "group" (the group), "member" (each member the row lists). One rule for both
    constructions: X, Y, A and B are all involved in the row, in the cell's role."""

    written: str
    construction: str  # "direct", "through", "bodies", "group"
    named: tuple[tuple[str, str], ...]  # (registry code, how)


@dataclass(frozen=True)
class ActorCell:
    """One role column ("Responsabili:" or "Parteneri:") of one activity."""

    written: str
    codes: tuple[str, ...]  # actors involved, registry codes, in order of first mention
    groups: tuple[str, ...] = ()  # collective bodies named as such ("Grup de lucru constituit:")
    items: tuple[ActorItem, ...] = ()  # the cell item by item, in the order of the text


@dataclass(frozen=True)
class Resource:
    written: str  # as printed: "BugetANPDCA", "Buget MMJS, ANPDCA, ANES, ANPD,"
    text: str  # corrected: "Buget ANPDCA", "Buget MMJS, ANPDCA, ANES, ANPD"
    kind: FundingKind
    holders: tuple[str, ...] = ()  # registry codes of the bodies whose budget it is


@dataclass(frozen=True)
class Activity:
    notation: str  # "1.1.3": specific objective + position under it
    objective: str  # "1.1"
    line: int
    source_text: str  # the row as read (normalised); PlanRecords.source_lines has it as printed
    title: str
    indicators: tuple[Indicator, ...]
    deadlines: tuple[Deadline, ...]
    responsible: ActorCell
    partners: ActorCell
    resources: tuple[Resource, ...]
    establishes: str | None = None  # code of the collective body this activity sets up
    relations: tuple[Relation, ...] = ()  # what its actor cells say about the actors ("X prin Y", …)


@dataclass
class PlanRecords:
    document: Document | None
    areas: list[Area] = field(default_factory=list)
    general_objectives: list[GeneralObjective] = field(default_factory=list)
    specific_objectives: list[SpecificObjective] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    source_lines: dict[int, str] = field(default_factory=dict)  # line number -> text, as printed

    @property
    def relations(self) -> list[Relation]:
        """What the actor cells of all activities say about the actors, in the order of the text."""
        return [relation for activity in self.activities for relation in activity.relations]

    @property
    def errors(self) -> list[ParseIssue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def warnings(self) -> list[ParseIssue]:
        return [issue for issue in self.issues if issue.severity != "error"]


class PlanTextError(InputError):
    """Rows of the plan could not be read; `issues` names each with its line."""

    def __init__(self, source: Path, issues: list[ParseIssue]) -> None:
        self.source = source
        self.issues = issues
        listing = "\n".join(str(issue) for issue in issues)
        super().__init__(f"{source}: {len(issues)} line(s) could not be read:\n{listing}")
