"""Items as data, the flowable that records where they are drawn, and gold in the contract's shape."""
from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from reportlab.platypus import Flowable

_TAG = re.compile(r"<[^>]+>")


def plain(markup: str | None) -> str:
    """What a reader sees of a Paragraph's markup: tags dropped, entities decoded, spaces collapsed."""
    if markup is None:
        return ""
    text = _TAG.sub("", markup.replace("<br/>", " "))
    return " ".join(html.unescape(text).split())


@dataclass(frozen=True)
class Deadline:
    kind: str = "none"
    text: str | None = None
    date: str | None = None  # fixed dates only; relative ones are computed from publication
    months: int | None = None

    def resolved(self, published: date) -> dict:
        when = self.date
        if self.kind == "relative" and self.months is not None:
            when = add_months(published, self.months).isoformat()
        return {"kind": self.kind, "date": when, "text": self.text}


NONE = Deadline()


def on(text: str, y: int, m: int, d: int) -> Deadline:
    return Deadline("date", text, date(y, m, d).isoformat())


def month(text: str, y: int, m: int) -> Deadline:
    return Deadline("month", text, date(y, m, calendar.monthrange(y, m)[1]).isoformat())


def year_end(text: str, y: int) -> Deadline:
    return Deadline("year_end", text, date(y, 12, 31).isoformat())


def fin_year(text: str, ending: int) -> Deadline:
    return Deadline("financial_year", text, date(ending, 3, 31).isoformat())


def within(text: str, months: int) -> Deadline:
    return Deadline("relative", text, None, months)


def immediate(text: str) -> Deadline:
    return Deadline("immediate", text)


def event(text: str) -> Deadline:
    return Deadline("event", text)


def add_months(start: date, months: int) -> date:
    total = start.month - 1 + months
    y, m = start.year + total // 12, total % 12 + 1
    return date(y, m, min(start.day, calendar.monthrange(y, m)[1]))


@dataclass(eq=False)
class Item:
    kind: str
    body: str  # the item's own printed markup, without its label
    addressees: tuple[str, ...] = ()
    addressee_text: str | None = None
    deadline: Deadline = NONE
    number: str | None = None
    label: str | None = None
    lead: str | None = None  # a governing lead-in printed once above several items
    parent: "Item | None" = None
    source: tuple[str, ...] = ()  # headings or table cells the addressee or deadline is printed in
    key: str = ""

    @property
    def text(self) -> str:
        return (plain(self.lead) + " " + plain(self.body)).strip()

    @property
    def parts(self) -> list[str]:
        return [plain(p) for p in (self.lead, self.body) if p]


class Tracked(Flowable):
    """Draws one flowable and notes the physical page of every part drawn, for the given items.

    Splits travel with the wrapper, so a paragraph pushed to the next page (or broken over it)
    records the pages it is really printed on, not where a separate marker happened to land.
    """

    def __init__(self, inner, keys: tuple[str, ...], log: dict[str, list[int]]):
        super().__init__()
        self.inner, self.keys, self.log = inner, keys, log

    def wrap(self, aw, ah):
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw, ah):
        return [Tracked(part, self.keys, self.log) for part in self.inner.split(aw, ah)]

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def draw(self):
        for key in self.keys:
            self.log.setdefault(key, []).append(self.canv.getPageNumber())
        self.inner.drawOn(self.canv, 0, 0)


@dataclass
class Report:
    stem: str
    family: str
    title: str
    published: date
    items: list[Item] = field(default_factory=list)
    pages: dict[str, list[int]] = field(default_factory=dict)
    furniture: dict[int, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add(self, item: Item) -> Item:
        item.key = f"{self.stem}:{len(self.items) + 1:03d}"
        self.items.append(item)
        return item

    def track(self, flowable, *items: Item) -> Tracked:
        """Wrap the item's first full printing (or its lead-in, for several items)."""
        return Tracked(flowable, tuple(i.key for i in items), self.pages)

    def note_furniture(self, page: int, *strings: str) -> None:
        self.furniture.setdefault(page, []).extend(s for s in strings if s)

    def build(self, render: Callable[[io.BytesIO], None]) -> bytes:
        """Render twice (contents pages learn their numbers in the first pass) and return the bytes."""
        data = b""
        for _ in range(2):
            self.pages.clear()
            self.furniture.clear()
            buffer = io.BytesIO()
            render(buffer)
            data = buffer.getvalue()
        missing = [i.key for i in self.items if i.key not in self.pages]
        if missing:
            raise RuntimeError(f"{self.stem}: items never drawn: {missing}")
        return data

    def gold(self, pdf_bytes: bytes) -> list[dict]:
        sha = hashlib.sha256(pdf_bytes).hexdigest()
        head = {"file": f"{self.stem}.pdf", "sha256": sha, "title": self.title,
                "published": self.published.isoformat()}
        rows = []
        for item in self.items:
            pages = self.pages[item.key]
            rows.append({
                "id": item.key, "report": dict(head), "kind": item.kind, "number": item.number,
                "label": item.label, "parent": item.parent.key if item.parent else None,
                "text": item.text, "addressees": list(item.addressees),
                "addressee_text": item.addressee_text, "deadline": item.deadline.resolved(self.published),
                "page": min(pages), "page_end": max(pages),
            })
        return rows
