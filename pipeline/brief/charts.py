"""What the charts show, as data: bars of counts, worked out from the tracked items.

Four charts, for people who would rather look than read (issue 15): the committee table (open
and closed by kind and level, the rows of `hmicfrs status`), items due per month with the
overdue ones apart, and items per report and per addressee. Each function takes the rows
`track.tracked_items` gives (rejected items already left out) and returns a `Chart`; drawing it
as SVG or PNG is chart_draw.py's job, so the counts are tested without pictures and the Datasette
page, the HTML brief and the Word brief draw the same numbers.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from pipeline.review.track import status_table, tracked_items

OPEN, CLOSED, OVERDUE = "Open", "Closed", "Overdue"
# Beyond this many months the timeline is drawn by year, so bars stay wide enough to read.
MAX_MONTHS = 72
TOP = 15


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one count per series, stacked in series order

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    vertical: bool = False  # columns along a time axis; otherwise one labelled row per bar
    note: str = ""
    marker: str | None = None  # the bar label to mark as "today" on a time axis


def status_chart(table: Iterable[Mapping]) -> Chart:
    """The committee table ({type, open, closed, total} rows, as track.status_table) as bars."""
    bars = tuple(Bar(str(row["type"]), (int(row["open"]), int(row["closed"]))) for row in table)
    return Chart("status", "Open and closed by kind and level", (OPEN, CLOSED), bars)


def due_per_month(items: Iterable[Mapping], today: date) -> Chart:
    """Items by the month they are due: overdue (open and due before today), still open, closed.

    Every month between the first and the last due date gets a bar, empty or not, so the gaps
    read as gaps; items with no due date are counted in the note."""
    counts: dict[str, list[int]] = {}
    undated = 0
    for item in items:
        due = item.get("due")
        if not due:
            undated += item.get("track_status") != "closed"
            continue
        closed = item.get("track_status") == "closed"
        slot = 2 if closed else (0 if date.fromisoformat(due[:10]) < today else 1)
        counts.setdefault(due[:7], [0, 0, 0])[slot] += 1
    months = _month_range(min(counts), max(counts)) if counts else []
    by_year = len(months) > MAX_MONTHS
    if by_year:
        years: dict[str, list[int]] = {}
        for month, values in counts.items():
            year = years.setdefault(month[:4], [0, 0, 0])
            for n, value in enumerate(values):
                year[n] += value
        labels = [str(y) for y in range(int(min(years)), int(max(years)) + 1)]
        counts, marker = years, str(today.year)
    else:
        labels, marker = months, today.isoformat()[:7]
    bars = tuple(Bar(label, tuple(counts.get(label, (0, 0, 0)))) for label in labels)
    note = f"{undated} open item(s) have no due date." if undated else ""
    return Chart("due", f"Items due per {'year' if by_year else 'month'}", (OVERDUE, OPEN, CLOSED), bars,
                 vertical=True, note=note, marker=marker if marker in labels else None)


def per_report(items: Iterable[Mapping], top: int = TOP) -> Chart:
    counts = _open_closed((item.get("report_title") or item.get("report_file") or "untitled report", item)
                          for item in items)
    return _ranked("reports", "Items per report", counts, top, "report")


def per_addressee(items: Iterable[Mapping], names: Mapping[str, str] | None = None, top: int = TOP) -> Chart:
    """Each item counts once for each body it is addressed to; `names` maps ids to display names."""
    names = names or {}
    counts = _open_closed((names.get(a, a.replace("_", " ")), item) for item in items
                          for a in dict.fromkeys(_ids(item.get("addressees"))))
    return _ranked("addressees", "Items per addressee", counts, top, "addressee")


def charts_for(db, today: date | None = None, names: Mapping[str, str] | None = None) -> list[Chart]:
    """The four charts over every tracked item in the database, as of `today`."""
    today = today or date.today()
    items = tracked_items(db, today)
    return [status_chart(status_table(items)), due_per_month(items, today), per_report(items),
            per_addressee(items, names)]


def _open_closed(pairs: Iterable[tuple[str, Mapping]]) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for label, item in pairs:
        counts.setdefault(label, [0, 0])[item.get("track_status") == "closed"] += 1
    return counts


def _ranked(chart_id: str, title: str, counts: dict[str, list[int]], top: int, noun: str) -> Chart:
    """The `top` largest, biggest first (ties by name), the rest summed into one last bar."""
    ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    bars = [Bar(label, tuple(values)) for label, values in ranked[:top]]
    rest = ranked[top:]
    if rest:
        summed: Counter[int] = Counter()
        for _label, values in rest:
            summed.update(dict(enumerate(values)))
        bars.append(Bar(f"{len(rest)} other {noun}s", (summed[0], summed[1])))
    return Chart(chart_id, title, (OPEN, CLOSED), tuple(bars))


def _ids(addressees) -> list[str]:
    if isinstance(addressees, str):  # the view's JSON text, where a row was not read through review
        addressees = json.loads(addressees or "[]")
    return [str(a) for a in addressees or ()]


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def brief_charts(brief) -> list[Chart]:
    """The brief's pictures: its status table as bars, and its items (those of the reports in the
    period, and those due soon or overdue from any report) by the month they are due."""
    items = {item.id: {"due": item.due, "track_status": item.track_status}
             for item in (*brief.items, *brief.due_soon, *brief.overdue)}
    return [status_chart(brief.status["table"]),
            due_per_month(items.values(), date.fromisoformat(brief.today[:10]))]
