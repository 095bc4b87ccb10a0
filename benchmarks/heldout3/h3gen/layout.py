"""Typography and page furniture: fonts, paragraph styles, page templates, bars, boxes, lists."""
from __future__ import annotations

import os
from dataclasses import dataclass

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate, Frame, ListFlowable, ListItem, NextPageTemplate, PageBreak, PageTemplate,
    Paragraph, Spacer, Table, TableStyle,
)
from reportlab.lib.fonts import addMapping

from .core import Report

FAMILIES = {
    "helv": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
    "vera": ("Vera", "Vera-Bold", "Vera-Italic", "Vera-BoldItalic"),
}


def register_fonts() -> None:
    if "Vera" in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, file in zip(FAMILIES["vera"], ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
    for bold, italic, name in ((0, 0, "Vera"), (1, 0, "Vera-Bold"), (0, 1, "Vera-Italic"), (1, 1, "Vera-BoldItalic")):
        addMapping("Vera", bold, italic, name)


@dataclass(frozen=True)
class Typo:
    """One report's typography; every style of the report derives from it."""

    family: str = "helv"
    size: float = 10.5
    leading: float = 14
    gap: float = 6  # space after a paragraph; 0 where paragraphs are set apart by an indent
    indent: float = 0  # first-line indent
    align: int = TA_LEFT
    accent: colors.Color = colors.HexColor("#1f3d6b")
    heading: str = "bar"  # bar | smallcaps | bold | rule
    folio: str = "right"  # right | centre | outer

    @property
    def fonts(self):
        return FAMILIES[self.family]


def styles(t: Typo) -> dict[str, ParagraphStyle]:
    regular, bold, italic, _ = t.fonts
    body = ParagraphStyle("body", fontName=regular, fontSize=t.size, leading=t.leading, spaceAfter=t.gap,
                          firstLineIndent=t.indent, alignment=t.align, allowOrphans=0, allowWidows=0)
    flat = replace_style(body, "flat", firstLineIndent=0)
    left = replace_style(flat, "left", alignment=TA_LEFT)
    return {
        "body": body,
        "flat": flat,
        "bold": replace_style(flat, "bold", fontName=bold),
        "small": replace_style(flat, "small", fontSize=t.size - 1.5, leading=t.leading - 2),
        "h1": replace_style(left, "h1", fontName=bold, fontSize=t.size + 8, leading=t.size + 12, spaceAfter=10,
                            textColor=t.accent),
        "h2": replace_style(left, "h2", fontName=bold, fontSize=t.size + 3, leading=t.size + 6, spaceBefore=8,
                            spaceAfter=5, textColor=t.accent),
        "h3": replace_style(left, "h3", fontName=bold, fontSize=t.size, leading=t.leading, spaceBefore=4, spaceAfter=3),
        "bar": replace_style(left, "bar", fontName=bold, fontSize=t.size + 2, leading=t.size + 5,
                             textColor=colors.white, spaceAfter=0),
        "cell": replace_style(left, "cell", fontSize=t.size - 0.5, leading=t.leading - 1, spaceAfter=3),
        "cellbold": replace_style(left, "cellbold", fontName=bold, fontSize=t.size - 0.5, leading=t.leading - 1,
                                  spaceAfter=3),
        "italic": replace_style(flat, "italic", fontName=italic),
        "title": replace_style(left, "title", fontName=bold, fontSize=26, leading=31, textColor=t.accent,
                               spaceAfter=14, alignment=TA_LEFT),
        "subtitle": replace_style(left, "subtitle", fontSize=14, leading=18, spaceAfter=8, alignment=TA_LEFT),
        "centre": replace_style(flat, "centre", alignment=TA_CENTER),
        "right": replace_style(flat, "right", alignment=TA_RIGHT),
    }


def replace_style(style: ParagraphStyle, name: str, **changes) -> ParagraphStyle:
    return ParagraphStyle(name, parent=style, **changes)


class Kit:
    """The flowables a report is made of, in its own typography."""

    def __init__(self, report: Report, typo: Typo):
        register_fonts()
        self.r, self.t, self.s = report, typo, styles(typo)

    # text -----------------------------------------------------------------------------------
    def p(self, markup: str, style: str = "body", **changes) -> Paragraph:
        st = self.s[style] if not changes else replace_style(self.s[style], style + "x", **changes)
        return Paragraph(markup, st)

    def heading(self, text: str, level: int = 2):
        """A section heading in the report's house manner (bar, small capitals, bold or ruled)."""
        if level == 1:
            return [self.p(text, "h1")]
        if self.t.heading == "bar" and level == 2:
            return [Spacer(1, 6), self.bar(text), Spacer(1, 6)]
        if self.t.heading == "smallcaps" and level == 2:
            return [self.p(smallcaps(text, self.t.size + 3), "h2")]
        if self.t.heading == "rule" and level == 2:
            table = Table([[self.p(text, "h2", spaceBefore=0)]], colWidths=["100%"])
            table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 1.2, self.t.accent),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
            return [Spacer(1, 4), table, Spacer(1, 4)]
        if level == 2 and self.t.heading == "bold":
            return [self.p(text, "h3", spaceBefore=8)]
        return [self.p(text, "h3")]

    def bar(self, text: str, colour=None) -> Table:
        table = Table([[self.p(text, "bar")]], colWidths=["100%"])
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colour or self.t.accent),
                                   ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
        return table

    def box(self, flowables: list, fill="#e8eef6", outline=None, width="100%", pad: float = 7) -> Table:
        """Flowables in one shaded and/or outlined cell (a box never splits: keep it short)."""
        table = Table([[flowables]], colWidths=[width])
        style = [("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                 ("LEFTPADDING", (0, 0), (-1, -1), pad + 1), ("RIGHTPADDING", (0, 0), (-1, -1), pad + 1)]
        if fill:
            style.append(("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill)))
        if outline:
            style.append(("BOX", (0, 0), (-1, -1), 1, colors.HexColor(outline)))
        table.setStyle(TableStyle(style))
        return table

    def grid(self, rows: list[list], widths: list, header: bool = True, fill="#dfe6ee", stripe=None,
             lines="#8a9bb0") -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(lines)),
                 ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(fill)))
        if stripe:
            style += [("BACKGROUND", (0, i), (-1, i), colors.HexColor(stripe))
                      for i in range(2 if header else 1, len(rows), 2)]
        table.setStyle(TableStyle(style))
        return table

    def bullets(self, flowables: list, kind: str = "bullet", start: int = 1, indent: float = 14, **kw):
        if kind == "bullet":
            return ListFlowable([ListItem(f, leftIndent=indent) for f in flowables],
                                bulletType="bullet", start=kw.get("char", "•"), leftIndent=indent,
                                bulletFontName="Vera", bulletFontSize=self.t.size - 1)
        return ListFlowable(flowables, bulletType=kind, start=start, leftIndent=indent + 6,
                            bulletFontName=self.t.fonts[1], bulletFontSize=self.t.size,
                            bulletFormat=kw.get("fmt", "%s."))

    def contents(self, entries: list[tuple[str, str]], pages: dict[str, int]) -> Table:
        rows = [[self.p(title, "flat"), self.p(str(pages.get(key, 0)), "right")] for title, key in entries]
        table = Table(rows, colWidths=["85%", "15%"])
        table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#b8c2cc")),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return table


def smallcaps(text: str, size: float) -> str:
    """Small capitals faked the way desktop publishing does: capitals at two sizes."""
    words = []
    for word in text.split():
        head, rest = word[0], word[1:]
        words.append(f"{head.upper()}<font size={size * 0.78:.1f}>{rest.upper()}</font>" if rest else head.upper())
    return " ".join(words)


class Marker(Paragraph):
    """An invisible paragraph that records on which page a heading lands, for contents pages."""

    def __init__(self, key: str, seen: dict[str, int], markup: str, style):
        super().__init__(markup, style)
        self._key, self._seen = key, seen

    def draw(self):
        self._seen.setdefault(self._key, self.canv.getPageNumber())
        super().draw()


def make_doc(buffer, report: Report, typo: Typo, header: str, footer: str, margins=(22, 20, 22, 22),
             gutter: float = 16, side: float = 0.3, cover_band: bool = True, folio_offset: int = 0, first: str = "cover") -> BaseDocTemplate:
    """A document with cover, one-column, two-column and sidebar page templates."""
    width, height = A4
    left, top, right, bottom = (m * mm for m in margins)
    inner_w, inner_h = width - left - right, height - top - bottom
    col = (inner_w - gutter) / 2
    side_w = inner_w * side
    frames = {
        "cover": [Frame(left, bottom, inner_w, inner_h - 40 * mm, id="cover")],
        "body": [Frame(left, bottom, inner_w, inner_h, id="one")],
        "two": [Frame(left, bottom, col, inner_h, id="l"), Frame(left + col + gutter, bottom, col, inner_h, id="r")],
        "side": [Frame(left, bottom, side_w, inner_h, id="side", showBoundary=0),
                 Frame(left + side_w + gutter, bottom, inner_w - side_w - gutter, inner_h, id="main")],
    }
    regular = typo.fonts[0]

    def decorate(canv, doc, cover=False):
        number = canv.getPageNumber()
        canv.saveState()
        if cover:
            if cover_band:
                canv.setFillColor(typo.accent)
                canv.rect(0, height - 38 * mm, width, 38 * mm, stroke=0, fill=1)
            canv.restoreState()
            return
        canv.setFont(regular, 8)
        canv.setFillColor(colors.HexColor("#555555"))
        canv.drawString(left, height - top + 12, header)
        canv.setStrokeColor(typo.accent)
        canv.line(left, height - top + 8, width - right, height - top + 8)
        folio = str(number - folio_offset) if number > folio_offset else ""
        if typo.folio == "centre":
            canv.drawCentredString(width / 2, bottom - 24, folio)
            canv.drawString(left, bottom - 36, footer)
        elif typo.folio == "outer" and number % 2 == 0:
            canv.drawString(left, bottom - 24, folio)
            canv.drawRightString(width - right, bottom - 24, footer)
        else:
            canv.drawString(left, bottom - 24, footer)
            canv.drawRightString(width - right, bottom - 24, folio)
        report.note_furniture(number, header, footer, folio)
        canv.restoreState()

    doc = BaseDocTemplate(buffer, pagesize=A4, title=report.title, author="HMICFRS", invariant=1,
                          leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom)
    templates = [
        PageTemplate("cover", frames["cover"], onPage=lambda c, d: decorate(c, d, cover=True)),
        PageTemplate("body", frames["body"], onPage=decorate),
        PageTemplate("two", frames["two"], onPage=decorate),
        PageTemplate("side", frames["side"], onPage=decorate),
    ]
    # The first template in the list lays out page 1: letters and papers start on a plain page.
    doc.addPageTemplates(sorted(templates, key=lambda template: template.id != first))
    return doc


def switch(template: str, new_page: bool = True) -> list:
    return [NextPageTemplate(template)] + ([PageBreak()] if new_page else [])


__all__ = ["Kit", "Typo", "make_doc", "switch", "Marker", "smallcaps", "TA_JUSTIFY", "TA_LEFT", "TA_CENTER",
           "TA_RIGHT", "Spacer", "PageBreak", "colors", "mm", "Table", "TableStyle", "NextPageTemplate", "A4"]
