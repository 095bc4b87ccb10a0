"""Deadlines: a rule finds the phrase, then only that span is turned into a date."""
from __future__ import annotations

import calendar
from datetime import date

from dateutil.relativedelta import relativedelta

from pipeline.dates import parse_date_phrase, period_start
from pipeline.models import Deadline

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
    "twenty-eight": 28, "fifty-six": 56,
}
_MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
_MIN_YEAR, _MAX_YEAR = 1990, 2100

NO_DEADLINE = Deadline(kind="none")


def resolve(kind: str, groups: dict[str, str | None], published: str | None) -> str | None:
    """The ISO date a deadline phrase stands for, or None where it names no date."""
    phrase, season, printed_year = groups.get("date"), groups.get("season"), groups.get("year")
    before_month, month_name, fy_start = groups.get("before_month"), groups.get("month"), groups.get("fy_start")
    count, unit = groups.get("count"), groups.get("unit")
    if kind == "date" and phrase:
        parsed = parse_date_phrase(phrase)
        return _in_range(parsed)
    if kind == "month" and season and printed_year:
        return _season_end(season, int(printed_year))
    if kind == "month" and before_month and printed_year:
        # "before April 2023": by the end of March 2023
        year, month = int(printed_year), _MONTHS[before_month.lower()] - 1
        if month == 0:
            year, month = year - 1, 12
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    if kind == "month" and month_name and printed_year:
        year, month = int(printed_year), _MONTHS[month_name.lower()]
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    year_end = printed_year or groups.get("year2")
    if kind == "year_end" and year_end:
        return _in_range(date(int(year_end), 12, 31))
    if kind == "financial_year" and fy_start:
        return _in_range(date(int(fy_start) + 1, 3, 31))
    if kind == "relative" and count and unit and published:
        return _relative(published, count, unit)
    return None


def _relative(published: str, count: str, unit: str) -> str | None:
    """Counted from the publication date; from a month (or year) with no day, from its first day:
    the earliest the report can have appeared, so the due date is never later than the real one
    ("2024-07" + six months -> 2025-01-01), which is what a tracker must not miss."""
    return _in_range(add_period(period_start(published), count, unit))


# A season names no month: its last month (meteorological seasons), so "by autumn 2023" is due by
# the end of November 2023; winter runs into the next year.
_SEASON_LAST_MONTH = {"spring": (0, 5), "summer": (0, 8), "autumn": (0, 11), "winter": (1, 2)}


def _season_end(season: str, year: int) -> str | None:
    years_on, month = _SEASON_LAST_MONTH[season.lower()]
    if not _MIN_YEAR <= year + years_on <= _MAX_YEAR:
        return None
    return date(year + years_on, month, calendar.monthrange(year + years_on, month)[1]).isoformat()


def add_period(start: date, count_text: str, unit: str) -> date | None:
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text.lower())
    if count is None:
        return None
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return start + relativedelta(days=count)
    if unit == "week":
        return start + relativedelta(weeks=count)
    if unit == "month":
        return start + relativedelta(months=count)
    if unit == "year":
        return start + relativedelta(years=count)
    return None


def _in_range(value: date | None) -> str | None:
    if value is None or not _MIN_YEAR <= value.year <= _MAX_YEAR:
        return None
    return value.isoformat()


def deadline_from_span(span, published: str | None, rules_by_id) -> Deadline:
    """A Deadline from a spaCy span labelled by the deadline component."""
    rule = rules_by_id(span._.rule_id)
    match = rule.regex.search(span.text)
    groups = match.groupdict() if match else {}
    text = " ".join(span.text.split())
    return Deadline(
        kind=span.label_, date=resolve(span.label_, groups, published), text=text, rule=rule.id,
        start=span.start_char, end=span.end_char,
    )
