"""The plan's header: the lines before its first heading name the plan (its title and date of adoption), the
government that issued it, and the act that approved it with the Official Gazette that published it."""

from __future__ import annotations

import re

from plan_graph.text.records import Document, ParseIssue

MONTHS = {
    "Ianuarie": 1,
    "Februarie": 2,
    "Martie": 3,
    "Aprilie": 4,
    "Mai": 5,
    "Iunie": 6,
    "Iulie": 7,
    "August": 8,
    "Septembrie": 9,
    "Octombrie": 10,
    "Noiembrie": 11,
    "Decembrie": 12,
}

_MONTH_NAMES = "|".join(MONTHS)
_TITLE = re.compile(rf"^PLAN NAȚIONAL din (\d{{1,2}} (?i:{_MONTH_NAMES}) \d{{4}})\s*(de acțiune .+)$")
_ISSUER = re.compile(r"^(?:[^\w\s]\s*)?(GUVERNUL .+)$")  # after a list marker ("•" on the web page) if any
_PUBLICATION = re.compile(r"MONITORUL OFICIAL nr\. (\d+) din (\d{1,2} \w+ \d{4})", re.IGNORECASE)
_APPROVAL = re.compile(
    r"Aprobat prin (Hotărârea Guvernului nr\. (\d+) din \d{1,2} \w+ (\d{4})), publicat în "
    r"(Monitorul oficial, Partea I, nr\. (\d+) din \d{1,2} \w+ \d{4})",
    re.IGNORECASE,
)


def read_header(lines: list[tuple[int, str]], issues: list[ParseIssue]) -> Document | None:
    """The act's own description, from the lines before the first heading: its title, its issuer, the act that
    approved it and where that was published; None, and an issue naming the first line, when a part is missing."""
    joined = "\n".join(line for _, line in lines)
    first = lines[0] if lines else (1, "")
    title = _TITLE.match(first[1])
    issuer = next((m.group(1) for _, line in lines if (m := _ISSUER.match(line))), None)
    approval = _APPROVAL.search(joined)
    if not (title and issuer and approval):
        missing = [
            name for name, found in (("title", title), ("issuer", issuer), ("approval note", approval)) if not found
        ]
        issues.append(ParseIssue(first[0], first[1], f"document header lacks its {', '.join(missing)}"))
        return None
    return Document(
        title=f"Plan național {title.group(2)}",
        title_as_written=first[1],
        adopted=title.group(1),
        adopted_date=iso_date(title.group(1)),
        issuer=issuer,
        act=approval.group(1),
        act_number=int(approval.group(2)),
        act_year=int(approval.group(3)),
        publication=approval.group(4),
        gazette_number=int(approval.group(5)),
    )


def iso_date(written: str) -> str:
    day, month, year = written.split()
    number = {name.lower(): n for name, n in MONTHS.items()}[month.lower()]
    return f"{year}-{number:02d}-{int(day):02d}"
