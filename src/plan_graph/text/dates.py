"""Days as people write them in the tables, forms and parameters: YYYY-MM-DD, a day of the calendar."""

from __future__ import annotations

import re
from datetime import date

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_date(value: str) -> bool:
    """YYYY-MM-DD, and a day of the calendar (not 2021-02-30)."""
    if not _DAY.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
