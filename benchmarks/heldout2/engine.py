"""The platypus machinery every held-out report is built with: tracked items, styles and pages.

Gold comes from the same objects that are drawn: each item's first full printing is made of
`Tracked` paragraphs that record, when they are drawn, the physical page and the box they land
in. Page numbers therefore come from the layout engine itself, never from a guess, and the
self-check can read back exactly the words printed inside those boxes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)
from .dates import parse_deadline

_FONT_DIR = Path(reportlab.__file__).parent / "fonts"


def register_fonts() -> None:
    """Vera ships inside reportlab, so the PDFs are the same on any machine that has reportlab."""
    if "Vera" in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"), ("Vera-Italic", "VeraIt.ttf"),
                       ("Vera-BoldItalic", "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / file)))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold", italic="Vera-Italic",
                                  boldItalic="Vera-BoldItalic")


FACES = {
    "helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "vera": ("Vera", "Vera-Bold", "Vera-Italic"),
}


# ---------------------------------------------------------------------------------------------- items
@dataclass(eq=False)
class Item:
    kind: str  # recommendation | area_for_improvement | cause_of_concern
    text: str  # as printed, without the item's own label and without a governing lead-in
    addressees: tuple[str, ...] = ()
    addressee_text: str | None = None
    deadline: str | None = None  # the phrase as printed; parsed by parse_deadline unless `event`
    number: str | None = None
    label: str | None = None
    lead_in: str | None = None
    parent: "Item | None" = None
    event: bool = False  # the deadline is an event with no date
    context: tuple[str, ...] = ()  # headings or table cells that carry addressee or deadline
    key: str = ""

    @property
    def full_text(self) -> str:
        return " ".join(f"{self.lead_in or ''} {self.text}".split())


class Tracker:
    """Where each tracked item part was drawn: key -> [(role, page, (x0, y0, x1, y1))]."""

    def __init__(self) -> None:
        self.parts: dict[str, list[tuple[str, int, tuple[float, float, float, float]]]] = {}

    def record(self, keys: tuple[str, ...], role: str, page: int, box: tuple[float, float, float, float]) -> None:
        for key in keys:
            self.parts.setdefault(key, []).append((role, page, box))


class Tracked(Paragraph):
    """A paragraph that is (part of) an item's first full printing; split parts stay tracked."""

    def __init__(self, text, style=None, *args, keys: tuple[str, ...] = (), role: str = "body",
                 tracker: Tracker | None = None, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self.keys, self.role, self.tracker = keys, role, tracker

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.keys, part.role, part.tracker = self.keys, self.role, self.tracker
        return parts

    def draw(self):
        if self.tracker is not None and self.keys:
            a, _b, _c, d, e, f = self.canv._currentMatrix
            box = (e, f, e + a * self.width, f + d * self.height)
            self.tracker.record(self.keys, self.role, self.canv.getPageNumber(), box)
        super().draw()


class FillTo(Flowable):
    """A paragraph of as many of `sentences` as leave about `leave` points of the frame free, so
    that the item after it runs over the page break, as long items do in real reports."""

    def __init__(self, leave: float, sentences: list[str], style: ParagraphStyle):
        super().__init__()
        self.leave, self.sentences, self.style = leave, sentences, style
        self.width = self.height = 0
        self._para: Paragraph | None = None

    def wrap(self, aW, aH):
        room = aH - self.leave - self.style.spaceAfter
        self._para, self.width, self.height = None, aW, 0
        for count in range(1, len(self.sentences) + 1):
            para = Paragraph(escape(" ".join(self.sentences[:count])), self.style)
            _w, h = para.wrap(aW, aH)
            if h > room:
                break
            self._para, self._para_h = para, h
        if self._para is not None:
            # the rest of the room stays blank below the paragraph: less than two sentences' worth
            self.height = max(0.0, aH - self.leave)
        return aW, self.height

    def split(self, aW, aH):
        return []

    def draw(self):
        if self._para is not None:
            self._para.drawOn(self.canv, 0, self.height - self._para_h)


class FilledBox(Flowable):
    """Content on a filled panel with an optional rule down its left edge (a callout box)."""

    def __init__(self, content: list[Flowable], fill, rule=None, pad: float = 8, rule_width: float = 3):
        super().__init__()
        self.content, self.fill, self.rule, self.pad, self.rule_width = content, fill, rule, pad, rule_width

    def wrap(self, aW, aH):
        self.width = aW
        inner = aW - 2 * self.pad - (self.rule_width if self.rule else 0)
        self._sizes = [c.wrapOn(self.canv, inner, aH) for c in self.content]
        self.height = sum(h for _w, h in self._sizes) + 2 * self.pad + 3 * (len(self.content) - 1)
        return self.width, self.height

    def draw(self):
        self.canv.setFillColor(self.fill)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.rule:
            self.canv.setFillColor(self.rule)
            self.canv.rect(0, 0, self.rule_width, self.height, stroke=0, fill=1)
        y = self.height - self.pad
        x = self.pad + (self.rule_width if self.rule else 0)
        for flowable, (_w, h) in zip(self.content, self._sizes):
            y -= h
            flowable.drawOn(self.canv, x, y)
            y -= 3


# ---------------------------------------------------------------------------------------------- reports
@dataclass(frozen=True)
class House:
    """One author's typography."""

    face: str = "helvetica"
    size: float = 10.5
    leading: float = 14
    accent: object = colors.HexColor("#1d4f6e")
    tint: object = colors.HexColor("#e4eef4")
    margins: tuple[float, float, float, float] = (22 * mm, 22 * mm, 24 * mm, 22 * mm)  # left right top bottom


@dataclass
class Report:
    stem: str
    family: str
    title: str
    published: date
    published_precision: str = "day"
    house: House = field(default_factory=House)
    items: list[Item] = field(default_factory=list)
    tracker: Tracker = field(default_factory=Tracker)

    def __post_init__(self) -> None:
        register_fonts()
        regular, bold, italic = FACES[self.house.face]
        h = self.house
        self.styles = {
            "body": ParagraphStyle("body", fontName=regular, fontSize=h.size, leading=h.leading, spaceAfter=h.leading * 0.6),
            "bold": ParagraphStyle("bold", fontName=bold, fontSize=h.size, leading=h.leading, spaceAfter=h.leading * 0.4),
            "italic": ParagraphStyle("italic", fontName=italic, fontSize=h.size, leading=h.leading, spaceAfter=h.leading * 0.6),
            "h1": ParagraphStyle("h1", fontName=bold, fontSize=h.size + 9, leading=h.size + 13, textColor=h.accent, spaceBefore=6, spaceAfter=10),
            "h2": ParagraphStyle("h2", fontName=bold, fontSize=h.size + 4, leading=h.size + 8, textColor=h.accent, spaceBefore=8, spaceAfter=6),
            "h3": ParagraphStyle("h3", fontName=bold, fontSize=h.size + 1, leading=h.leading, spaceBefore=6, spaceAfter=4),
            "bar": ParagraphStyle("bar", fontName=bold, fontSize=h.size + 3, leading=h.size + 7, textColor=colors.white),
            "small": ParagraphStyle("small", fontName=regular, fontSize=h.size - 2, leading=h.size + 1),
            "cell": ParagraphStyle("cell", fontName=regular, fontSize=h.size - 1, leading=h.leading - 1.5),
            "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=h.size - 1, leading=h.leading - 1.5),
            "hang": ParagraphStyle("hang", fontName=regular, fontSize=h.size, leading=h.leading, leftIndent=30,
                                   bulletIndent=0, bulletFontName=regular, spaceAfter=h.leading * 0.6),
        }
        self.furniture: list[str] = []

    # -- items
    def add(self, item: Item) -> Item:
        item.key = f"{self.stem}:{len(self.items) + 1}"
        self.items.append(item)
        return item

    def style(self, name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(f"{name}-{len(changes)}", parent=self.styles[name], **changes)

    def para(self, text: str, style: str | ParagraphStyle = "body", markup: bool = False, **kwargs) -> Paragraph:
        return Paragraph(text if markup else escape(text), self.styles[style] if isinstance(style, str) else style,
                         **kwargs)

    def tracked(self, items: Item | list[Item], text: str, style: str | ParagraphStyle = "body",
                prefix: str = "", role: str = "body", **kwargs) -> Tracked:
        """A paragraph printing `text` (escaped) after `prefix` (markup, e.g. a bold label)."""
        items = items if isinstance(items, list) else [items]
        keys = tuple(item.key for item in items)
        st = self.styles[style] if isinstance(style, str) else style
        return Tracked(prefix + escape(text), st, keys=keys, role=role, tracker=self.tracker, **kwargs)

    def fill(self, prose, bank: str, leave_lines: float) -> FillTo:
        return FillTo(self.house.leading * leave_lines, [prose.sentence(bank) for _ in range(40)], self.styles["body"])

    def bar(self, text: str, width: float, fill=None, style: str = "bar") -> Table:
        table = Table([[self.para(text, style)]], colWidths=[width])
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), fill or self.house.accent),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 5),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
        return table

    # -- gold
    def gold(self, sha256: str) -> list[dict]:
        rows = []
        for item in self.items:
            parts = self.tracker.parts.get(item.key)
            if not parts:
                raise RuntimeError(f"{self.stem}: item {item.key} was never drawn ({item.text[:50]!r})")
            body_pages = [page for role, page, _box in parts if role == "body"]
            deadline = ({"kind": "event", "date": None, "text": item.deadline} if item.event
                        else parse_deadline(item.deadline, self.published))
            rows.append({
                "id": item.key,
                "report": {"file": f"{self.stem}.pdf", "sha256": sha256, "title": self.title,
                           "published": self._published_iso()},
                "kind": item.kind, "number": item.number, "label": item.label,
                "parent": item.parent.key if item.parent else None,
                "text": item.full_text,
                "addressees": list(dict.fromkeys(item.addressees)),
                "addressee_text": item.addressee_text,
                "deadline": deadline,
                "page": min(body_pages), "page_end": max(body_pages),
            })
        return rows

    def _published_iso(self) -> str:
        iso = self.published.isoformat()
        return iso[:7] if self.published_precision == "month" else iso


# ---------------------------------------------------------------------------------------------- pages
Decorator = Callable[[object, object, "Report"], None]


def build(report: Report, path: Path, story: list[Flowable], templates: list[PageTemplate] | None = None,
          columns: int = 1, header: str | None = None, footer: str | None = None, first_plain: bool = True,
          sidebar: float = 0.0, extra: Callable | None = None) -> None:
    """Build `story` into `path`: running header and footer text (never on the cover when
    `first_plain`), frames of one or two columns, optionally with a narrow sidebar on the left."""
    left, right, top, bottom = report.house.margins
    width, height = A4
    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=left, rightMargin=right, topMargin=top,
                          bottomMargin=bottom, title=report.title, author="HMICFRS", invariant=1,
                          creator="heldout2", producer="heldout2", subject=report.title)
    regular = FACES[report.house.face][0]

    def decorate(canv, document):
        page = canv.getPageNumber()
        width, height = canv._pagesize
        if first_plain and page == 1:
            return
        if extra is not None:
            canv.saveState()
            extra(canv, page)
            canv.restoreState()
        canv.saveState()
        canv.setFont(regular, 8)
        canv.setFillColor(colors.HexColor("#555555"))
        if header:
            canv.drawString(left, height - top / 2, header)
        canv.drawRightString(width - right, bottom / 2, f"{footer + '  ' if footer else ''}{page}")
        canv.setStrokeColor(report.house.accent)
        canv.setLineWidth(0.6)
        canv.line(left, bottom * 0.8, width - right, bottom * 0.8)
        canv.restoreState()

    if templates is None:
        frame_w = width - left - right
        full = Frame(left, bottom, frame_w, height - top - bottom, id="full", leftPadding=0, rightPadding=0)
        body: list[Frame]
        if columns == 2:
            gap = 7 * mm
            start = left + sidebar
            col = (frame_w - sidebar - gap) / 2
            body = [Frame(start, bottom, col, height - top - bottom, id="c1", leftPadding=0, rightPadding=0),
                    Frame(start + col + gap, bottom, col, height - top - bottom, id="c2", leftPadding=0, rightPadding=0)]
        else:
            body = [Frame(left + sidebar, bottom, frame_w - sidebar, height - top - bottom, id="body",
                          leftPadding=0, rightPadding=0)]
        templates = [PageTemplate(id="cover", frames=[full], onPage=decorate),
                     PageTemplate(id="body", frames=body, onPage=decorate)]
        story = [NextPageTemplate("body")] + story
    else:
        for template in templates:
            template.onPage = decorate
    doc.addPageTemplates(templates)
    doc.build(story)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_gold(report: Report, pdf: Path, gold_dir: Path) -> list[dict]:
    rows = report.gold(sha256_of(pdf))
    gold_dir.mkdir(parents=True, exist_ok=True)
    with open(gold_dir / f"{report.stem}.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def content_width(report: Report) -> float:
    left, right, _top, _bottom = report.house.margins
    return A4[0] - left - right


def gap(points: float = 6) -> Spacer:
    return Spacer(1, points)


class Anchor(Flowable):
    """Records the page it lands on, for a contents page filled in on the second pass."""

    def __init__(self, name: str, pages: dict[str, int]):
        super().__init__()
        self.name, self.pages, self.width, self.height = name, pages, 0, 0

    def draw(self):
        self.pages[self.name] = self.canv.getPageNumber()


def build_twice(report: Report, path: Path, make_story: Callable[[dict[str, int]], list[Flowable]], **kwargs) -> None:
    """Two passes: the first finds the pages of the anchors, the second prints them in the contents.
    The tracker is emptied before the second pass so gold pages come from the final layout."""
    first: dict[str, int] = {}
    build(report, path, make_story(first), **kwargs)
    report.tracker.parts.clear()
    second = dict(first)
    build(report, path, make_story(second), **kwargs)
    if second != first:
        raise RuntimeError(f"{report.stem}: contents pages moved between passes")


def contents(report: Report, entries: list[str], pages: dict[str, int], width: float) -> Table:
    rows = [[report.para(name, "body"), report.para(str(pages.get(name, "00")), "body")] for name in entries]
    table = Table(rows, colWidths=[width - 20 * mm, 20 * mm])
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb"))]))
    return table
