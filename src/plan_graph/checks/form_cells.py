"""What a cell of a monitoring form says, read as people type it: a status, a day, a count, a period.

A status is read by its notation or its label in Romanian or English (or the drop-down list's "ro · en"), without
regard to case, diacritics or letter form (ş or ș); a day as YYYY-MM-DD or DD.MM.YYYY (DD/MM/YYYY); a count as a
whole number from 0. checks/forms.py uses these on every row; the templates (pipeline/templates.py) write the
statuses and the reporting window the same way.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from plan_graph.errors import UsageError
from plan_graph.text.assessments import STATUS_LABELS

PLAN_YEARS = ("2018", "2019", "2020")  # the periods the plan 2018-2020 covers


def folded(text: str) -> str:
    """Text as compared when people type it: no case, no diacritics (ş, ș and s alike), words only."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", letters))


def _status_names() -> dict[str, str]:
    names: dict[str, set[str]] = {}
    for code, (ro, en) in STATUS_LABELS.items():
        for name in (code, ro, en, status_choice(code)):
            names.setdefault(folded(name), set()).add(code)
    return {name: codes.pop() for name, codes in names.items() if len(codes) == 1}  # only what names one status


def status_code(written: str) -> str | None:
    """The status a cell names: its notation, its Romanian or English label, or "ro · en" as the list gives it."""
    return _status_names().get(folded(written))


def status_choice(code: str) -> str:
    """How the form's drop-down list shows a status."""
    ro, en = STATUS_LABELS[code]
    return f"{ro} · {en}"


def check_period(period: str) -> str:
    """A reporting period: a year the plan covers."""
    if not re.fullmatch(r"\d{4}", period):
        raise UsageError(f"--period {period}: a reporting period is a year of the plan, e.g. 2019")
    if period not in PLAN_YEARS:
        raise UsageError(
            f"--period {period}: the plan covers {PLAN_YEARS[0]}-{PLAN_YEARS[-1]}; a period is one of "
            f"{', '.join(PLAN_YEARS)}"
        )
    return period


def reporting_window(period: str) -> tuple[str, str]:
    """The days a report for the period can speak for: from the period's first day to the end of the next year."""
    return f"{period}-01-01", f"{int(period) + 1}-12-31"


def default_day(period: str) -> str:
    """The day a report that gives none speaks for: the period's last day."""
    return f"{period}-12-31"


def read_day(written: str) -> str | None:
    """A day as YYYY-MM-DD, from YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY (as Romanian spreadsheets write it)."""
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", written):
        year, month, day = match.groups()
    elif match := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", written):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def with_target(text: str, target: str) -> str:
    """Evidence as written, with its hyperlink's target when the text does not show it."""
    if not target or target in text:
        return text
    return f"{text} ({target})" if text else target


def read_count(written: str) -> int | str:
    """A count from its cell, or why it is not one."""
    if re.fullmatch(r"\d+", written):
        return int(written)
    if re.fullmatch(r"-\d+", written):
        return f"{written!r} is negative; a count is 0 or more"
    return f"{written!r} is not a whole number"
