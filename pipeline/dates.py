"""Date phrases and reduced-precision dates, shared by ingest (publication dates) and extraction
(deadlines): a neutral module both may use.

Publication dates keep the precision the report prints: "July 2024" is stored as "2024-07"
(ISO 8601 reduced precision), a year alone as "2024". Anything that needs a day from such a
value goes through `period_start` / `period_end`.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["absolute-time"],
}
_MIN_YEAR, _MAX_YEAR = 1900, 2100

PRECISIONS = ("day", "month", "year")
_REDUCED = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}


# "31 March 2024", "21st April 2023", "March 2024": nearly every date a report prints. dateparser
# compiles its time-zone and locale patterns on first use, about 0.45 s of every ingest or extract
# process; these two forms are read directly, with the same result (tests/test_metadata.py holds
# the two to each other), and anything else, an impossible day included, goes to dateparser.
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_PLAIN_DATE = re.compile(r"(?:([0-9]{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\s+([0-9]{4})")


def _plain_date(text: str) -> tuple[date, str] | None:
    """(date, "day" or "month") for a plain day-month-year or month-year phrase; else None."""
    match = _PLAIN_DATE.fullmatch(text.strip())
    if match is None or match.group(2).lower() not in _MONTHS:
        return None
    day, month, year = match.group(1), _MONTHS[match.group(2).lower()], int(match.group(3))
    if day is None:
        return date(year, month, 1), "month"
    if not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, int(day)), "day"


def parse_date_phrase(text: str) -> date | None:
    """Parse one date phrase (never free text) the UK way: day before month."""
    read = _plain_date(text) or _dateparser_reading(text)
    return read[0] if read else None


def parse_publication(text: str) -> tuple[str, str] | None:
    """A date phrase as (ISO value at the precision printed, precision): "July 2024" -> ("2024-07", "month")."""
    read = _plain_date(text) or _dateparser_reading(text)
    if read is None:
        return None
    day, precision = read
    if not _MIN_YEAR <= day.year <= _MAX_YEAR:
        return None
    return reduce_date(day, precision), precision


def _dateparser_reading(text: str) -> tuple[date, str] | None:
    """(date, "day", "month" or "year") as dateparser reads the phrase; else None."""
    data = _date_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period if data.period in ("month", "year") else "day"


@lru_cache(maxsize=1)
def _date_parser():
    # Imported here: the period helpers below serve the brief and the calendar, which parse nothing.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_DATEPARSER_SETTINGS)


def reduce_date(day: date, precision: str) -> str:
    """The ISO 8601 value of `day` at `precision`: "2024-07-15" at month precision is "2024-07"."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "day":
        return day.isoformat()
    raise ValueError(f"unknown precision {precision!r}")


def precision_of(published: str) -> str:
    """"day", "month" or "year" for "2024-07-15", "2024-07", "2024"; ValueError for anything else."""
    for precision, pattern in _REDUCED.items():
        if pattern.match(published or ""):
            period_start(published)  # refuses "2024-13"
            return precision
    raise ValueError(f"not an ISO date, year-month or year: {published!r}")


def period_start(published: str) -> date:
    """The first day the value can stand for: "2024-07" -> 2024-07-01, "2024" -> 2024-01-01."""
    for precision, pattern in _REDUCED.items():
        match = pattern.match(published or "")
        if match:
            parts = [int(p) for p in match.groups()] + [1] * (3 - len(match.groups()))
            return date(*parts)
    raise ValueError(f"not an ISO date, year-month or year: {published!r}")


def period_end(published: str) -> date:
    """The last day the value can stand for: "2024-07" -> 2024-07-31, "2024" -> 2024-12-31."""
    start = period_start(published)
    precision = precision_of(published)
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start
