"""Story pieces the report writers share: covers, contents with real page numbers, item
printings (tracked, so gold gets its pages) and reprints (not tracked: not the first printing)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak, KeepTogether, ListFlowable, ListItem, NextPageTemplate, PageBreak, Paragraph, Spacer, Table,
    TableStyle,
)

from .kit import Item, PassInfo, Tracked, markup, para


def cover(st: dict, lines: list[tuple[str, str]], then: str = "body") -> list:
    """Cover page: (style name, text) lines, then the first body page."""
    out: list = [Spacer(1, 40)]
    for style, text in lines:
        out.append(para(text, st[style]))
    return out + [NextPageTemplate(then), PageBreak()]


def contents(st: dict, entries: list[tuple[str, str]], info: PassInfo, width: float, title: str = "Contents") -> list:
    rows = [[Paragraph(markup(text), st["body"]), Paragraph(str(info.page(key, 1)), st["body"])]
            for text, key in entries]
    table = Table(rows, colWidths=[width - 40, 40])
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]))
    return [para(title, st["h1"]), table]


def heading(text: str, style, key: str, log: dict) -> Tracked:
    return Tracked(para(text, style), key, log)


def printing(item: Item, style, log: dict, text: str | None = None) -> Tracked:
    """The item's first full printing: its pages are the gold pages."""
    return Tracked(para(item.body if text is None else text, style), item.key, log)


def reprint(item: Item, style) -> Paragraph:
    return para(item.body, style)


def bullets(items: list[Item], style, log: dict | None, glyph: str = "\u2022", indent: float = 16,
            numbered: str | None = None, start: int = 1) -> ListFlowable:
    """A bulleted (or numbered: '1', 'a', 'i') list; tracked when log is given."""
    flows = []
    for item in items:
        flow = printing(item, style, log) if log is not None else reprint(item, style)
        flows.append(ListItem(flow, leftIndent=indent))
    if numbered:
        return ListFlowable(flows, bulletType=numbered, start=start, leftIndent=indent,
                            bulletFontName=style.fontName, bulletFontSize=style.fontSize, bulletFormat="%s.")
    return ListFlowable(flows, bulletType="bullet", start=glyph, leftIndent=indent,
                        bulletFontName="Helvetica", bulletFontSize=style.fontSize)


def lead_in_block(lead: str, items: list[Item], st: dict, log: dict | None, glyph: str = "\u2022",
                  numbered: str | None = None) -> list:
    """A governing lead-in and its bullets, kept on one page with its first bullet."""
    head = para(lead, st["item"])
    lst = bullets(items, st["bullet"], log, glyph=glyph, numbered=numbered)
    return [CondPageBreak(90), KeepTogether([head, lst])]


def narrative(st: dict, paragraphs: list[str], style: str = "body") -> list:
    return [para(text, st[style]) for text in paragraphs]
