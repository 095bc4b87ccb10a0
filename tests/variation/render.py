"""Drawing the engine's pages with reportlab's canvas, byte-identical for the same input.

Bullet glyphs: reportlab's standard Helvetica prints "•" but pdfminer reads it back as
"(cid:127)", so "•" and "–" markers are drawn in Bitstream Vera (shipped inside reportlab, so every
machine has the same font and the same bytes; embedded with a ToUnicode map, read back as "•"/"–").
No font reportlab ships has "▪" or "○": those markers are drawn as small shapes (a filled square, a
stroked circle), as many real reports' bullets are, and so leave no text at all.
"""
from __future__ import annotations

import os
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .engine import LEFT, PAGE_H, RIGHT, Flow, House, wrap

_VERA = Path(os.path.dirname(reportlab.__file__)) / "fonts" / "Vera.ttf"


def _register_vera() -> None:
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(_VERA)))


def draw_cover(c: canvas.Canvas, house: House, cover: list[tuple[str, float, bool, float]], band: bool) -> None:
    """Cover lines: (text, size, bold, gap above); long lines wrap. `band` draws a coloured strip."""
    if band:
        c.setFillColorRGB(*house.box_rgb)
        c.rect(0, PAGE_H - 120, A4[0], 120, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
    y = PAGE_H - 170
    for text, size, bold, gap in cover:
        font = house.bold if bold else house.regular
        y -= gap
        for line in wrap(text, font, size, RIGHT - LEFT):
            y -= size * 1.25
            c.setFont(font, size)
            c.drawString(LEFT, y, line)


def draw(path: Path, flow: Flow, house: House, meta: dict) -> None:
    _register_vera()
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(meta["title"])
    c.setAuthor("HMICFRS variation corpus (fictional)")
    c.setSubject(meta["style"])
    c.setCreator("tests/variation")
    draw_cover(c, house, meta["cover"], meta.get("band", False))
    c.showPage()
    for page in flow.pages[1:]:
        for op in page.ops:
            kind = op[0]
            if kind == "text":
                _, x, y, font, size, value = op
                c.setFont(font, size)
                c.drawString(x, y, value)
            elif kind == "rect":
                _, x, y, width, height, rgb = op
                c.setFillColorRGB(*rgb)
                c.rect(x, y, width, height, fill=1, stroke=0)
                c.setFillColorRGB(0, 0, 0)
            elif kind == "line":
                _, x0, y, x1, y1 = op
                c.setLineWidth(0.5)
                c.line(x0, y, x1, y1)
            elif kind == "square":
                _, cx, cy, side = op
                c.rect(cx - side / 2, cy - side / 2, side, side, fill=1, stroke=0)
            elif kind == "circle":
                _, cx, cy, side = op
                c.setLineWidth(0.7)
                c.circle(cx, cy, side / 2, fill=0, stroke=1)
            else:
                raise ValueError(f"unknown drawing operation {kind!r}")
        c.showPage()
    c.save()
