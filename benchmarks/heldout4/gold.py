"""The data every report is drawn from, and the gold written from that same data.

An item's words are kept once, as light markup: `**bold**` spans and `^N` footnote markers glued
to the word before them. The renderers turn the markup into type; `plain()` turns it into the
text a reader quotes (markers and emphasis gone, whitespace collapsed), so gold can never drift
from what is printed. Pages are filled in by the renderers while they draw the item's first
printing.
"""
from __future__ import annotations

import calendar
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_MARKER = re.compile(r"\^(\d+|[*†])")


def plain(markup: str | None) -> str:
    if not markup:
        return ""
    text = _MARKER.sub("", markup).replace("**", "")
    return " ".join(text.split())


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadline:
    kind: str = "none"
    date: str | None = None
    text: str | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "date": self.date, "text": self.text}


NO_DEADLINE = Deadline()
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18}


def deadline(kind: str, text: str, published: date) -> Deadline:
    """The deadline a printed phrase states, its date worked out by the contract's rules."""
    words = text.replace(",", "").split()
    if kind == "date":
        day, month, year = (w for w in words if w[0].isdigit() or w.lower() in _MONTHS)
        return Deadline(kind, date(int(year), _MONTHS[month.lower()], int(day)).isoformat(), text)
    if kind == "month":
        month, year = (w for w in words if w.isdigit() or w.lower() in _MONTHS)
        y, m = int(year), _MONTHS[month.lower()]
        return Deadline(kind, date(y, m, calendar.monthrange(y, m)[1]).isoformat(), text)
    if kind == "year_end":
        return Deadline(kind, f"{next(w for w in words if w.isdigit())}-12-31", text)
    if kind == "financial_year":
        span = next(w for w in words if "/" in w)
        return Deadline(kind, f"{int(span.split('/')[0]) + 1}-03-31", text)
    if kind == "relative":
        count = next(_COUNTS[w.lower()] if w.lower() in _COUNTS else int(w) for w in words
                     if w.lower() in _COUNTS or w.isdigit())
        months = count * 12 if "year" in text else count
        return Deadline(kind, add_months(published, months).isoformat(), text)
    if kind in ("immediate", "event"):
        return Deadline(kind, None, text)
    raise ValueError(f"unknown deadline kind {kind!r}")


@dataclass(eq=False)
class Item:
    kind: str
    body: str  # markup, without the item's own label
    number: str | None = None
    label: str | None = None
    lead: str | None = None  # a governing lead-in ("By 31 March 2025, the service should:")
    addressees: tuple[str, ...] = ()
    addressee_text: str | None = None
    deadline: Deadline = NO_DEADLINE
    parent: "Item | None" = None
    where: str = "text"  # where addressee/deadline phrases are printed: "text", or the heading/cell text
    printings: dict[int, list[int]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(part for part in (plain(self.lead), plain(self.body)) if part)

    def record(self, page: int, printing: int = 0) -> None:
        self.printings.setdefault(printing, []).append(page)

    def pages(self) -> tuple[int, int]:
        seen = self.printings.get(0)
        if not seen:
            raise RuntimeError(f"first printing of {self.kind} {self.number or self.text[:40]!r} was never drawn")
        return min(seen), max(seen)


@dataclass
class Report:
    stem: str
    family: str
    title: str
    published: date
    items: list[Item] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # headings and cells that hold addressee/deadline phrases

    def add(self, item: Item) -> Item:
        self.items.append(item)
        return item

    def reset(self) -> None:
        for item in self.items:
            item.printings.clear()


def item_id(report: Report, item: Item) -> str:
    key = item.number or hashlib.sha1(item.text.encode()).hexdigest()[:10]
    return f"{report.stem}:{item.kind}:{key}"


def write_gold(report: Report, pdf: Path, gold_dir: Path) -> Path:
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    gold_dir.mkdir(parents=True, exist_ok=True)
    path = gold_dir / f"{report.stem}.jsonl"
    head = {"file": pdf.name, "sha256": digest, "title": report.title, "published": report.published.isoformat()}
    lines = []
    for item in report.items:
        first, last = item.pages()
        lines.append(json.dumps({
            "id": item_id(report, item),
            "report": head,
            "kind": item.kind,
            "number": item.number,
            "label": item.label,
            "parent": item_id(report, item.parent) if item.parent else None,
            "text": item.text,
            "addressees": list(item.addressees),
            "addressee_text": item.addressee_text,
            "deadline": item.deadline.as_dict(),
            "page": first,
            "page_end": last,
            "where": item.where,
            "lead_in": plain(item.lead) or None,
        }, ensure_ascii=False))
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path
