"""A report being written: its house style, cover, blocks and item annotations.

Styles call the methods here to add content; an item's gold fields (kind, number, label, parent,
addressees, deadline) are annotated when its blocks are added, never written afterwards.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from . import bank
from .engine import Block, House
from .wordings import MONTHS, Wordings

HMICFRS = "His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services"
SCOPE_DOMAIN = {"national": "police", "force": "police", "custody": "custody", "service": "fire", "fire_national": "fire"}


@dataclass
class Spec:
    """An item's annotation; its text and pages come from the blocks that print it."""

    id: str
    kind: str
    number: str | None
    label: str | None
    parent: str | None
    addressees: list[str]
    addressee_text: str | None
    deadline: dict
    from_cells: bool = False  # a table row: addressee and deadline come from the other cells


@dataclass
class Draft:
    rng: random.Random
    style: str
    scope: str
    held_out: bool
    index: int = 0  # the variant's number within its style: styles alternate their sub-forms by it
    blocks: list[Block] = field(default_factory=list)
    specs: list[Spec] = field(default_factory=list)
    expect_split: list[str] = field(default_factory=list)  # items whose box must run over a page break

    def __post_init__(self) -> None:
        rng = self.rng
        year = rng.randint(2014, 2025)
        self.published = date(year, rng.randint(1, 12), rng.randint(1, 28))
        self.exact_date = rng.random() < 0.5  # else the cover prints only the month and year
        if not self.exact_date:
            self.published = self.published.replace(day=1)
        self.words = Wordings(rng, self.scope, self.published, self.held_out)
        self.domain = SCOPE_DOMAIN[self.scope]
        self.subject = self.words.subject
        self.counts: dict[str, int] = {}
        self.page_offset = 0
        self.cover, self.title, header = self._cover()
        times = rng.random() < 0.35
        size = rng.choice((10.5, 11.0, 11.5))
        self.house = House(
            regular="Times-Roman" if times else "Helvetica",
            bold="Times-Bold" if times else "Helvetica-Bold",
            italic="Times-Italic" if times else "Helvetica-Oblique",
            size=size,
            leading=round(size * rng.choice((1.3, 1.35, 1.4)), 1),
            gap=rng.choice((6.0, 8.0, 10.0)),
            margin=rng.choice((36.0, 40.0, 46.0)),
            marker_indent=rng.choice((16.0, 18.0, 22.0)),
            box_rgb=rng.choice(((0.88, 0.91, 0.95), (0.92, 0.92, 0.92), (0.90, 0.95, 0.90))),
            header=header,
            footer=rng.choice(("{n}", "Page {n}")),
            footer_align=rng.choice(("right", "centre", "left")),
        )

    # cover ----------------------------------------------------------------------------------
    def _cover(self) -> tuple[list[tuple[str, float, bool, float]], str, str]:
        rng, year = self.rng, self.published.year
        when = f"{MONTHS[self.published.month - 1]} {year}"
        if self.scope == "force":
            series = f"PEEL {year}–{(year + 2) % 100:02d}"
            title = f"{series} Police effectiveness, efficiency and legitimacy"
            lines = [(series, 28, True, 0), ("Police effectiveness, efficiency and legitimacy", 28, True, 0),
                     (f"An inspection of {self.subject}", 16, False, 30)]
            header = f"{series}: {self.subject}"
        elif self.scope == "service":
            title = f"Effectiveness, efficiency and people {year}"
            lines = [("Fire and rescue service inspection programme", 12, False, 0), (title, 28, True, 16),
                     (f"An inspection of {self.subject}", 16, False, 24)]
            header = self.subject
        elif self.scope == "custody":
            area = self.subject.rsplit(" ", 1)[0]
            title = f"Report on an unannounced inspection visit to police custody suites in {area}"
            lines = [(title, 24, True, 0), ("Police custody inspection", 14, False, 30)]
            header = f"{area} police custody suites"
        else:
            topic = rng.choice(bank.TOPICS["fire_national" if self.scope == "fire_national" else "national"])
            title = f"An inspection of {topic}"
            lines = [(title, rng.choice((24, 26, 28)), True, 0)]
            header = title if len(title) < 70 else title[:title.rfind(" ", 0, 60)] + " …"
        lines.append((when, 14, False, 24))
        if self.exact_date:
            day = self.published
            lines.append((f"Published on: {day.day} {MONTHS[day.month - 1]} {day.year}", 11, False, 8))
        if self.scope == "custody":
            lines.append(("A joint inspection by HM Inspectorate of Prisons and " + HMICFRS, 11, False, 200))
        else:
            lines.append((HMICFRS, 11, False, 220))
        return lines, title, header

    # blocks ---------------------------------------------------------------------------------
    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def h1(self, text: str) -> None:
        self.add(Block("heading", text, level=1))

    def h2(self, text: str, **kw) -> None:
        self.add(Block("heading", text, level=2, **kw))

    def h3(self, text: str, **kw) -> None:
        self.add(Block("heading", text, level=3, **kw))

    def para(self, text: str, item: str | tuple[str, ...] | None = None, **kw) -> None:
        items = (item,) if isinstance(item, str) else tuple(item or ())
        self.add(Block("para", text, items, **kw))

    def add_leadin(self, text: str, items: tuple[str, ...]) -> None:
        """A lead-in ("Within three months, the force should:") governing the items that follow."""
        self.add(Block("leadin", text, items))

    def narrative(self, count: int = 1, **kw) -> None:
        for _ in range(count):
            self.para(self.words.narrative(), **kw)

    def near_miss(self, **kw) -> None:
        self.para(self.words.near_miss(), **kw)

    def chapters(self, count: int, paragraphs: tuple[int, int] = (2, 4)) -> None:
        """Plain chapters of narrative (no items) to give the report its length."""
        for title in self.rng.sample(bank.SECTIONS[self.domain], count):
            self.h1(title)
            self.narrative(self.rng.randint(*paragraphs))

    # items ----------------------------------------------------------------------------------
    def spec(self, kind: str, fields: dict | None = None, number: str | None = None, label: str | None = None,
             parent: str | None = None, from_cells: bool = False) -> str:
        prefix = {"recommendation": "rec", "area_for_improvement": "afi", "cause_of_concern": "coc"}[kind]
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        item_id = f"{prefix}{self.counts[prefix]}"
        fields = fields or {}
        self.specs.append(Spec(
            id=item_id, kind=kind, number=number, label=label, parent=parent,
            addressees=list(fields.get("addressees", [])), addressee_text=fields.get("addressee_text"),
            deadline=fields.get("deadline") or {"kind": "none", "date": None, "text": None},
            from_cells=from_cells,
        ))
        return item_id

    def concern(self) -> str:
        """A cause of concern's statement: it names no addressee and has no deadline."""
        return self.words.concern()

    def item_sentence(self, kind: str, sentences: int = 1, **kw) -> dict:
        """A "should" item; areas for improvement carry a deadline less often than recommendations."""
        rate = 0.8 if kind == "recommendation" else 0.25
        fields = self.words.should(deadline_rate=kw.pop("deadline_rate", rate), **kw)
        if sentences > 1:
            fields["text"] += " " + self.words.extra_sentences(sentences - 1)
        return fields

    @property
    def force_word(self) -> str:
        return "service" if self.domain == "fire" else "force"
