"""A publications feed (RSS or Atom, read by feedparser) as entries to follow, and how often to
follow it (`--every 6h`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import feedparser

from pipeline.errors import FetchError


@dataclass(frozen=True)
class Entry:
    id: str  # the entry's guid/id, else its link: what "seen" is keyed by
    link: str
    title: str | None = None
    published: str | None = None
    pdf_links: tuple[str, ...] = ()  # enclosures and links the feed itself types as PDF


def read_feed(url: str, body: bytes) -> list[Entry]:
    """The feed's entries in feed order; a body that is no feed at all (empty included) is an
    error, a feed with a recoverable flaw (feedparser's "bozo") is read for what it holds."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.entries and not parsed.get("version"):
        why = f" ({type(parsed.bozo_exception).__name__})" if parsed.bozo else ""
        raise FetchError(f"not an RSS or Atom feed{why}")
    entries = []
    for raw in parsed.entries:
        link = raw.get("link")
        pdfs = tuple(
            item["href"] for item in (raw.get("enclosures", []) + raw.get("links", []))
            if item.get("href") and (item.get("type") or "").lower() == "application/pdf"
        )
        if not link and not pdfs:
            continue
        entries.append(Entry(
            id=raw.get("id") or link or pdfs[0], link=link or pdfs[0], title=raw.get("title"),
            published=raw.get("published") or raw.get("updated"), pdf_links=tuple(dict.fromkeys(pdfs)),
        ))
    return entries


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """'6h', '30m', '1d', '1h30m', '90s' (or plain seconds) as seconds; ValueError otherwise."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        seconds = float(text)
    else:
        if not text or _DURATION.sub("", text).strip():
            raise ValueError(f"not a duration: {text!r} (e.g. 30m, 6h, 1d)")
        seconds = sum(float(n) * _UNIT[u.lower()] for n, u in _DURATION.findall(text))
    if seconds <= 0:
        raise ValueError(f"not a duration: {text!r} (must be more than nothing)")
    return seconds
