"""Platypus building blocks shared by the report writers: the item record that gold is made
from, a wrapper that notes the pages a flowable is drawn on, shaded panels, styles, and the
two-pass build that lets contents pages and "page X of Y" footers use the first pass's pages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

_MARKER = re.compile(r"\[\^(\d+)\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def markup(text: str) -> str:
    """Our plain-text source to Paragraph markup: `[^3]` is a footnote marker, `**x**` bold."""
    out = escape(text)
    out = _MARKER.sub(lambda m: f"<super>{m.group(1)}</super>", out)
    return _BOLD.sub(lambda m: f"<b>{m.group(1)}</b>", out)


def plain(text: str) -> str:
    """What a reader quotes: footnote markers gone, whitespace collapsed."""
    return " ".join(_BOLD.sub(r"\1", _MARKER.sub("", text)).split())


def printed(text: str) -> str:
    """What the text layer holds: a marker is glued to its word, as the PDF prints it."""
    return " ".join(_BOLD.sub(r"\1", _MARKER.sub(r"\1", text)).split())


@dataclass(frozen=True)
class Deadline:
    kind: str = "none"
    date: str | None = None
    text: str | None = None


NO_DEADLINE = Deadline()


@dataclass
class Item:
    """One gold item, made before rendering; the writers print `body` (and `lead_in`) from it."""

    key: str
    kind: str
    body: str
    number: str | None = None
    label: str | None = None
    lead_in: str | None = None
    addressees: tuple[str, ...] = ()
    addressee_text: str | None = None
    # Where the addressee phrase is printed when it is not in the item's own words (a heading,
    # a table's lead column): the self-check looks for it there.
    addressee_from: str | None = None
    deadline: Deadline = NO_DEADLINE
    parent: str | None = None

    @property
    def text(self) -> str:
        lead = f"{self.lead_in} " if self.lead_in else ""
        return plain(lead + self.body)

    def segments(self) -> list[str]:
        """The pieces that must each appear verbatim in the PDF's text layer."""
        return [printed(s) for s in (self.lead_in, self.body) if s]


@dataclass
class Plan:
    """A report ready to render: its gold items and a function that writes the PDF."""

    stem: str
    family: str
    title: str
    published: str
    items: list[Item]
    render: Callable[[str], "PassInfo"] = field(repr=False)
    expect_pages: tuple[int, int] = (3, 15)


class Tracked(Flowable):
    """Draws another flowable unchanged and notes each physical page it lands on."""

    def __init__(self, inner: Flowable, key: str, log: dict[str, list[tuple]]):
        super().__init__()
        self.inner, self.key, self.log = inner, key, log
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self.keepWithNext = getattr(inner, "keepWithNext", 0)

    def wrap(self, aW, aH):
        canv = getattr(self, "canv", None)
        w, h = self.inner.wrapOn(canv, aW, aH) if canv else self.inner.wrap(aW, aH)
        self.width, self.height = w, h
        return w, h

    def split(self, aW, aH):
        canv = getattr(self, "canv", None)
        parts = self.inner.splitOn(canv, aW, aH) if canv else self.inner.split(aW, aH)
        return [Tracked(p, self.key, self.log) for p in parts]

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def draw(self):
        # Where it landed, in page coordinates: the self-check reads the words inside this box.
        x, y = self.canv._currentMatrix[4:6]
        self.log.setdefault(self.key, []).append((self.canv.getPageNumber(), x, y, x + self.width, y + self.height))
        self.inner.drawOn(self.canv, 0, 0)


class Panel(Flowable):
    """A shaded panel with an accent rule on the left that, unlike a one-cell table, splits
    across pages with the paragraph inside it."""

    def __init__(self, inner: Flowable, fill, accent=None, pad: float = 7):
        super().__init__()
        self.inner, self.fill, self.accent, self.pad = inner, fill, accent, pad

    def wrap(self, aW, aH):
        w, h = self.inner.wrap(aW - 2 * self.pad - 3, aH - 2 * self.pad)
        self.width, self.height = aW, h + 2 * self.pad
        return self.width, self.height

    def split(self, aW, aH):
        parts = self.inner.split(aW - 2 * self.pad - 3, aH - 2 * self.pad)
        return [Panel(p, self.fill, self.accent, self.pad) for p in parts]

    def getSpaceBefore(self):
        return 6

    def getSpaceAfter(self):
        return 8

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFillColor(self.fill)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.accent is not None:
            c.setFillColor(self.accent)
            c.rect(0, 0, 3, self.height, stroke=0, fill=1)
        c.restoreState()
        self.inner.drawOn(c, self.pad + 3, self.pad)


class FillBefore(Flowable):
    """Narrative that fills the frame down to `room` points above its foot, so that the item
    printed next starts there and runs over the page break: paragraphs of whole sentences, then
    a gap of less than two lines. Takes no space where the frame has too little left."""

    def __init__(self, sentences: list[str], style, room: float, per_paragraph: int = 4):
        super().__init__()
        self.sentences, self.style, self.room, self.per = sentences, style, room, per_paragraph
        self.paras: list[tuple[Paragraph, float]] = []

    def _layout(self, count: int, width: float) -> tuple[list[tuple[Paragraph, float]], float]:
        chunks = [self.sentences[n:min(n + self.per, count)] for n in range(0, count, self.per)]
        out, height = [], 0.0
        for chunk in chunks:
            p = Paragraph(markup(" ".join(chunk)), self.style)
            _w, h = p.wrap(width, 10_000)
            out.append((p, h))
            height += h + (self.style.spaceAfter if len(out) < len(chunks) else 0)
        return out, height

    def wrap(self, aW, aH):
        target = aH - self.room
        self.paras, self.width, self.height = [], aW, 0
        for count in range(1, len(self.sentences) + 1):
            paras, height = self._layout(count, aW)
            if height > target:
                break
            self.paras, self.height = paras, target
        return aW, self.height

    def split(self, aW, aH):
        return []

    def draw(self):
        y = self.height
        for p, h in self.paras:
            y -= h
            p.drawOn(self.canv, 0, y)
            y -= self.style.spaceAfter


def boxed(rows: list[list], width: float, fill, border=None, head_fill=None) -> Table:
    """A box drawn as a table: one cell per row, optionally a coloured first row."""
    table = Table(rows, colWidths=[width])
    style = [("BACKGROUND", (0, 0), (-1, -1), fill), ("LEFTPADDING", (0, 0), (-1, -1), 8),
             ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 5),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if border is not None:
        style.append(("BOX", (0, 0), (-1, -1), 0.8, border))
    if head_fill is not None:
        style.append(("BACKGROUND", (0, 0), (-1, 0), head_fill))
    table.setStyle(TableStyle(style))
    return table


def styles(font: str, bold: str, size: float, leading: float, heading_font: str | None = None,
           heading_colour=colors.black, indent: float = 0) -> dict[str, ParagraphStyle]:
    head = heading_font or bold
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=leading, spaceAfter=size * 0.7,
                          alignment=TA_LEFT, firstLineIndent=indent)
    return {
        "body": body,
        "item": ParagraphStyle("item", parent=body, firstLineIndent=0),
        "small": ParagraphStyle("small", parent=body, fontSize=size - 2, leading=leading - 3, spaceAfter=3),
        "h1": ParagraphStyle("h1", fontName=head, fontSize=size + 9, leading=size + 13, spaceBefore=6,
                             spaceAfter=10, textColor=heading_colour, keepWithNext=1),
        "h2": ParagraphStyle("h2", fontName=head, fontSize=size + 4, leading=size + 7, spaceBefore=10,
                             spaceAfter=6, textColor=heading_colour, keepWithNext=1),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=size + 1, leading=leading + 1, spaceBefore=6,
                             spaceAfter=4, keepWithNext=1),
        "label": ParagraphStyle("label", fontName=bold, fontSize=size, leading=leading, spaceAfter=3,
                                keepWithNext=1),
        "bullet": ParagraphStyle("bullet", parent=body, firstLineIndent=0, spaceAfter=3),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size - 1.5, leading=leading - 2.5),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=size - 1.5, leading=leading - 2.5),
        "cover": ParagraphStyle("cover", fontName=head, fontSize=size + 14, leading=size + 20,
                                textColor=heading_colour, spaceAfter=14),
    }


def para(text: str, style: ParagraphStyle, **kw) -> Paragraph:
    return Paragraph(markup(text), style, **kw)


@dataclass
class PassInfo:
    """What the previous pass learnt: pages of tracked keys, and the page count."""

    pages: dict[str, tuple[int, int]] = field(default_factory=dict)
    total: int = 0
    boxes: dict[str, list[tuple]] = field(default_factory=dict, compare=False)

    def page(self, key: str, default: int = 0) -> int:
        return self.pages.get(key, (default, default))[0]


def two_pass(write: Callable[[PassInfo, dict[str, list[tuple]]], int], limit: int = 5) -> PassInfo:
    """Build until the pages the story depends on stop moving (usually two passes)."""
    info = PassInfo()
    for _ in range(limit):
        log: dict[str, list[tuple]] = {}
        total = write(info, log)
        pages = {k: (min(b[0] for b in v), max(b[0] for b in v)) for k, v in log.items()}
        found = PassInfo(pages, total, log)
        if found == info:
            return found
        info = found
    raise RuntimeError("page layout did not settle")
