"""Gold deadlines for the phrases this generator prints: its own small parser, not the project's."""
from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12, "12": 12,
                 "18": 18}


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year = start.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse_deadline(phrase: str | None, published: date) -> dict:
    """The gold deadline of a phrase this generator prints (its own small set of forms)."""
    if not phrase:
        return {"kind": "none", "date": None, "text": None}
    low = phrase.lower()
    month_names = "|".join(m.lower() for m in MONTHS)
    found = re.search(rf"(\d{{1,2}}) ({month_names}) (\d{{4}})", low)
    if found:
        day = date(int(found[3]), MONTHS[found[2].title()], int(found[1]))
        return {"kind": "date", "date": day.isoformat(), "text": phrase}
    found = re.search(r"(\d{4})/(\d{2}) financial year", low)
    if found:
        return {"kind": "financial_year", "date": f"{int(found[1]) + 1}-03-31", "text": phrase}
    found = re.search(rf"({month_names}) (\d{{4}})", low)
    if found:
        year, month = int(found[2]), MONTHS[found[1].title()]
        last = date(year, month, calendar.monthrange(year, month)[1])
        return {"kind": "month", "date": last.isoformat(), "text": phrase}
    found = re.search(r"end of (\d{4})", low)
    if found:
        return {"kind": "year_end", "date": f"{found[1]}-12-31", "text": phrase}
    found = re.search(r"within (\w+) months", low)
    if found:
        return {"kind": "relative", "date": add_months(published, _NUMBER_WORDS[found[1]]).isoformat(), "text": phrase}
    if "immediate" in low:
        return {"kind": "immediate", "date": None, "text": phrase}
    raise ValueError(f"no deadline form for {phrase!r}")
