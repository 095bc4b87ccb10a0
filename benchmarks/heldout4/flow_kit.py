"""Platypus pieces for the flowing reports: paragraphs that record the pages they are drawn on,
number badges, shaded and outlined boxes, page templates with running heads, one or two columns,
a sidebar frame and landscape pages.

Body frames keep at least 72 pt from the top and bottom edges (the self-check relies on it).
"""
from __future__ import annotations

import re
from typing import Callable

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, ListFlowable, ListItem, PageTemplate,
                                Paragraph, Table, TableStyle)

from .canvas_kit import FAMILIES, register_fonts
from .gold import Item, Report


def xml(markup: str) -> str:
    text = markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    parts = text.split("**")
    text = "".join(p if i % 2 == 0 else f"<b>{p}</b>" for i, p in enumerate(parts))
    return re.sub(r"\^(\d+|[*†])", r"<super>\1</super>", text)


class Tracked(Paragraph):
    """A paragraph that tells its item the physical page of each piece of it that is drawn."""

    def __init__(self, text, style=None, *args, item: Item | None = None, printing: int = 0, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self.item, self.printing = item, printing

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.item, part.printing = self.item, self.printing
        return parts

    def draw(self):
        if self.item is not None:
            self.item.record(self.canv.getPageNumber(), self.printing)
        super().draw()


def para(markup: str, style: ParagraphStyle, item: Item | None = None, printing: int = 0) -> Tracked:
    return Tracked(xml(markup), style, item=item, printing=printing)


def style(name: str, family: str = "times", size: float = 10, leading: float | None = None, *, bold=False,
          color: Color | str = "#1c1c1c", align: int = 4, indent: float = 0, first: float = 0, before: float = 0,
          after: float = 6, left: float = 0) -> ParagraphStyle:
    register_fonts()
    regular, heavy, _italic = FAMILIES[family]
    return ParagraphStyle(
        name, fontName=heavy if bold else regular, fontSize=size, leading=leading or size * 1.25,
        textColor=HexColor(color) if isinstance(color, str) else color, alignment=align,
        firstLineIndent=first, leftIndent=left or indent, spaceBefore=before, spaceAfter=after,
    )


class Badge(Flowable):
    """A number printed white in a filled circle or square."""

    def __init__(self, text: str, colour: Color, shape: str = "circle", size: float = 18):
        super().__init__()
        self.text, self.colour, self.shape, self.size = text, colour, shape, size
        self.width = self.height = size

    def draw(self):
        c = self.canv
        c.setFillColor(self.colour)
        r = self.size / 2
        if self.shape == "circle":
            c.circle(r, r, r, stroke=0, fill=1)
        else:
            c.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont("Helvetica-Bold", self.size * 0.5)
        c.drawCentredString(r, r - self.size * 0.17, self.text)


class Bar(Flowable):
    """A heading set white on a full-width colour bar."""

    def __init__(self, text: str, fill: Color, font: str = "Helvetica-Bold", size: float = 12, height: float = 22):
        super().__init__()
        self.text, self.fill, self.font, self.size, self.height = text, fill, font, size, height
        self.spaceBefore, self.spaceAfter = 8, 8

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.height

    def draw(self):
        self.canv.setFillColor(self.fill)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.canv.setFillColor(white)
        self.canv.setFont(self.font, self.size)
        self.canv.drawString(6, (self.height - self.size) / 2 + 2, self.text)


def boxed(flowables: list, width: float, fill: Color | None = None, stroke: Color | None = None,
          pad: float = 8, side: Color | None = None) -> Table:
    """Flowables in a one-cell table: filled, outlined, or with a thick rule down the left side."""
    commands = [("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    if fill is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), fill))
    if stroke is not None:
        commands.append(("BOX", (0, 0), (-1, -1), 0.9, stroke))
    if side is not None:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), 4, side))
    table = Table([[flowables]], colWidths=[width])
    table.setStyle(TableStyle(commands))
    return table


def beside(left, right, widths: tuple[float, float], valign: str = "TOP") -> Table:
    table = Table([[left, right]], colWidths=list(widths))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), valign), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def bullets(entries: list, bullet: str = "bullet", colour: Color | None = None, indent: float = 16,
            start: int | None = None, size: float = 9) -> ListFlowable:
    items = [ListItem(e) if not isinstance(e, ListItem) else e for e in entries]
    kwargs = dict(bulletType=bullet, leftIndent=indent, bulletFontSize=size)
    if bullet == "bullet":
        kwargs["start"] = "square" if colour is not None else "•"
        if colour is not None:
            kwargs["bulletColor"] = colour
    elif start is not None:
        kwargs["start"] = start
    return ListFlowable(items, **kwargs)


Decorator = Callable[[object, BaseDocTemplate], None]


def running(title: str, *, family: str = "helvetica", colour: Color | str = "#555555", align: str = "right",
            band: Color | None = None, prefix: str = "") -> Decorator:
    """A running head with the report's title and a page number, drawn in the margins."""
    colour = HexColor(colour) if isinstance(colour, str) else colour

    def draw(canvas, doc):
        width, height = canvas._pagesize
        canvas.saveState()
        if band is not None:
            canvas.setFillColor(band)
            canvas.rect(0, height - 30, width, 30, stroke=0, fill=1)
            canvas.setFillColor(white)
        else:
            canvas.setFillColor(colour)
        canvas.setFont(FAMILIES[family][0], 7.5)
        canvas.drawString(40, height - 20, title)
        canvas.setFillColor(colour)
        canvas.setFont(FAMILIES[family][1], 8.5)
        number = f"{prefix}{doc.page}"
        if align == "center":
            canvas.drawCentredString(width / 2, 30, number)
        elif align == "outer" and doc.page % 2 == 0:
            canvas.drawString(40, 30, number)
        else:
            canvas.drawRightString(width - 40, 30, number)
        canvas.restoreState()
    return draw


def document(path: str, report: Report, templates: list[PageTemplate], **kwargs) -> BaseDocTemplate:
    register_fonts()
    doc = BaseDocTemplate(path, pagesize=kwargs.pop("pagesize", A4), invariant=1, title=report.title,
                          author="HMICFRS", pageTemplates=templates, **kwargs)
    return doc


def frames(kind: str, size=A4, margins=(62, 62, 82, 82), gap: float = 18, sidebar: float = 150) -> list[Frame]:
    """`one`, `two` (equal columns) or `side` (a narrow sidebar column on the left)."""
    width, height = size
    left, right, top, bottom = margins
    body = width - left - right
    tall = height - top - bottom
    if kind == "one":
        return [Frame(left, bottom, body, tall, id="body", leftPadding=0, rightPadding=0)]
    if kind == "two":
        half = (body - gap) / 2
        return [Frame(left, bottom, half, tall, id="c1", leftPadding=0, rightPadding=0),
                Frame(left + half + gap, bottom, half, tall, id="c2", leftPadding=0, rightPadding=0)]
    if kind == "side":
        return [Frame(left, bottom, sidebar, tall, id="side", leftPadding=0, rightPadding=0),
                Frame(left + sidebar + gap, bottom, body - sidebar - gap, tall, id="main", leftPadding=0,
                      rightPadding=0)]
    raise ValueError(kind)


def template(name: str, kind: str, decorate: Decorator | None, size=A4, **kwargs) -> PageTemplate:
    return PageTemplate(id=name, frames=frames(kind, size, **kwargs), onPage=decorate or (lambda c, d: None),
                        pagesize=size)


WIDE = landscape(A4)
