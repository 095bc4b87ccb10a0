"""Dated deadlines as an iCalendar feed (RFC 5545): one all-day event per item.

Named ical, not calendar, so it never shadows the standard library's calendar module. Items come
from track.tracked_items, so rejected items are left out and corrected deadlines and revised due
dates apply.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from pipeline.models import kind_words
from pipeline.review.track import tracked_items

PRODID = "-//hmicfrs pipeline//deadlines//EN"
MAX_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and newline


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped, other
    control characters (which TEXT may not hold) dropped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            parts.append("".join(current))
            current, size = [" "], 1  # a continuation line starts with one space, which counts
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n".join(parts)


def _summary(item: dict) -> str:
    name = item.get("label") or " ".join(
        p for p in (kind_words(item["kind"]).capitalize(), item.get("number")) if p
    )
    text = " ".join((item.get("text") or "").split())
    short = text if len(text) <= 80 else text[:79].rstrip() + "…"
    return f"{name}: {short}"


def _description(item: dict, base_url: str | None) -> str:
    lines = [" ".join((item.get("text") or "").split()), ""]
    where = f"{item.get('report_file')}, page {item['page']}" if item.get("page") else item.get("report_file")
    lines.append(f"Report: {item.get('report_title') or item.get('report_file')} ({where})")
    if item.get("addressees"):
        lines.append(f"Addressees: {', '.join(item['addressees'])}")
    if item.get("deadline_text"):
        lines.append(f"Deadline as printed: {item['deadline_text']}")
    if item.get("due_revised"):
        lines.append(f"Due date revised from {item.get('due_extracted') or 'none'}: {item.get('due_reason') or ''}".rstrip())
    lines.append(f"Review: {item['review_status']}; tracking: {item['track_status']}")
    if base_url and item.get("page"):
        lines.append(f"Source: {_pdf_url(item, base_url)}")
    return "\n".join(lines)


def _pdf_url(item: dict, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/-/hmicfrs/pdf/{item['report_id']}.pdf#page={item['page']}"


def events_of(db, addressee: str | None = None, today: date | None = None, org=None) -> list[dict]:
    """The items that belong in the calendar: not rejected, with a due date, for the addressee
    ("ours": the organisation's, the default when there is one), and the PCC's 56-day response
    deadlines (pipeline/review/ours.py) where they concern the organisation or the addressee."""
    from pipeline.review.ours import ours, response_due_events

    items = [i for i in tracked_items(db, today) if i.get("due")]
    if addressee == "ours" or (addressee is None and org is not None):
        mine = ours(db, org)
        items = [i for i in items if i["id"] in mine] + (response_due_events(db, org, today) if org else [])
    elif addressee:
        items = [i for i in items if addressee in (i.get("addressees") or [])]
        if addressee == "police_and_crime_commissioners":
            items += response_due_events(db, None, today)
    else:
        items += response_due_events(db, None, today)
    return sorted(items, key=lambda i: (i["due"], i.get("report_file") or "", i.get("seq") or 0, i["id"]))


def to_ical(items: list[dict], stamp: datetime | None = None, name: str = "HMICFRS deadlines",
            base_url: str | None = None) -> str:
    stamp = (stamp or datetime.now(timezone.utc)).astimezone(timezone.utc)
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for item in items:
        due = date.fromisoformat(item["due"])
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(item['id'])}@hmicfrs-pipeline",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(due + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(_summary(item))}",
            f"DESCRIPTION:{escape_text(_description(item, base_url))}",
            f"CATEGORIES:{escape_text(item['kind'])}",
            "TRANSP:TRANSPARENT",
        ]
        if base_url and item.get("page"):
            lines.append(f"URL:{_pdf_url(item, base_url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_for(db, addressee: str | None = None, base_url: str | None = None, today: date | None = None,
                 stamp: datetime | None = None, org=None) -> str:
    whose = org.name if org is not None and addressee in (None, "ours") else addressee
    name = f"HMICFRS deadlines: {whose}" if whose else "HMICFRS deadlines"
    return to_ical(events_of(db, addressee, today, org), stamp=stamp, name=name, base_url=base_url)
