"""A reporting round made by the tests (the repository ships no self-reports): ANITP's submission for 2019, its
third revision (two corrections), with its reports on activities it is responsible for (1.1.1-1.1.3, 1.1.7 and
2.1.1-2.1.5: lines 10-12, 16 and 31-35 of the plan), and the values of the three count indicators of 1.1.2 and
the deliverable of 2.3.1 ("Indicatori elaborați"); and the forms a body fills in (form_line, write_form,
fill_xlsx)."""

from __future__ import annotations

from plan_graph.graph.rdflib_door import rdflib_graph
from plan_graph.graph.submissions import submission_graph
from plan_graph.text.reports import IndicatorValue, Revision, SelfReport, Source, Submission

REPORTED_ON = "2020-01-31"
REPORTS = [
    SelfReport("1.1.1", "ANITP", "completed", "https://example.org/anitp/18-october-2019", "fixture"),
    SelfReport("1.1.2", "ANITP", "in-progress"),
    SelfReport("1.1.3", "ANITP", "completed"),
    SelfReport("1.1.7", "ANITP", "not-started"),
    *(SelfReport(notation, "ANITP", "in-progress") for notation in ("2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5")),
]
VALUES = [
    IndicatorValue("1.1.2", 1, "ANITP", count=12),
    IndicatorValue("1.1.2", 2, "ANITP", count=3400),
    IndicatorValue("1.1.2", 3, "ANITP", count=20000),
    IndicatorValue("2.3.1", 1, "ANITP", deliverable="Indicatori de monitorizare MNIR", link="https://example.org/mnir"),
]


FORM = Source("2019-ANITP.xlsx", "0" * 64)
EARLIER = (
    Revision(1, "2020-01-20", "2020-01-21T09:00:00Z", (Source("draft.csv", "1" * 64),), "2020-01-25T10:00:00Z"),
    Revision(2, "2020-01-24", "2020-01-25T10:00:00Z", (Source("draft.xlsx", "2" * 64),), "2020-02-01T08:30:00Z"),
)


def fixture_round(period: str = "2019"):
    submission = Submission(
        period, "ANITP", REPORTED_ON, tuple(REPORTS), tuple(VALUES), (FORM,), "2020-02-01T08:30:00Z", 3, EARLIER
    )
    return rdflib_graph(submission_graph(submission))


def round_of(period: str, reporter: str, reported_on: str, reports=(), values=()):
    """A round with one body's first submission (the tests' own, from one form)."""
    form = Source(f"{period}-{reporter}.csv", "3" * 64)
    submission = Submission(
        period, reporter, reported_on, tuple(reports), tuple(values), (form,), f"{reported_on}T12:00:00Z"
    )
    return rdflib_graph(submission_graph(submission))


def form_line(reporter: str, period: str, activity: str, indicator: str = "", **cells: str) -> list[str]:
    """A row of a filled form (text/forms.py's columns): form_line("ANITP", "2019", "1.1.1", status="realizată")."""
    from plan_graph.text.forms import COLUMNS

    given = {"reporter": reporter, "period": period, "activity": activity, "indicator": indicator, **cells}
    unknown = set(given) - set(COLUMNS)
    assert not unknown, unknown
    return [given.get(key, "") for key in COLUMNS]


def write_form(
    path, lines: list[list[str]], header: list[str] | None = None, delimiter: str = ",", encoding: str = "utf-8"
):
    """A CSV form with the form's header (or `header`) and `lines`, as a program would write it."""
    import csv
    import io

    from plan_graph.text.forms import COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([header if header is not None else list(COLUMNS.values()), *lines])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def fill_xlsx(template, target, cells: dict[tuple[str, str], dict[str, object]], hyperlinks=None):
    """A template filled as a spreadsheet user would: the cells of the rows (activity, indicator position or "")
    by column key (text/forms.py), and hyperlinks {(activity, indicator, key): (shown text, target)}."""
    from openpyxl import load_workbook

    from plan_graph.text.forms import COLUMNS

    workbook = load_workbook(template)
    sheet = workbook["Raport"]
    keys = list(COLUMNS)
    for row in sheet.iter_rows(min_row=2):
        at = (str(row[keys.index("activity")].value), str(row[keys.index("indicator")].value or ""))
        for key, value in cells.get(at, {}).items():
            row[keys.index(key)].value = value
        for (activity, indicator, key), (shown, address) in (hyperlinks or {}).items():
            if at == (activity, indicator):
                row[keys.index(key)].value = shown
                row[keys.index(key)].hyperlink = address
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target
