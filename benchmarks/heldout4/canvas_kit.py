"""A small typesetter on reportlab's low-level canvas: its own line breaking, justification and
hyphenation, columns, shaded and outlined boxes, margin labels, number badges, ruled tables,
footnotes and a running header and footer drawn on every page.

Body text always stays at least 72 pt from the top and bottom edges; running heads and page
numbers sit outside that band (the self-check relies on it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .canvas_table import RuledTables
from .gold import Item, Report

FAMILIES = {
    "times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
    "vera": ("Vera", "VeraBd", "VeraIt"),
}
_registered = False


def register_fonts() -> None:
    global _registered
    if not _registered:
        for name in ("Vera", "VeraBd", "VeraIt"):
            pdfmetrics.registerFont(TTFont(name, f"{name}.ttf"))
        _registered = True


@dataclass
class Piece:
    text: str
    style: str  # "r", "b", "i" or "sup"


@dataclass
class Token:
    pieces: list[Piece]


_SUFFIXES = ("ments", "ment", "tions", "tion", "sions", "sion", "ings", "ing", "ness", "ities", "ity",
             "ences", "ence", "ances", "ance", "ised", "ising", "able", "ships", "ship", "ably", "ally")


def split_points(word: str) -> list[int]:
    """Where a long lower-case word may take a hyphen at a line end, longest first part first."""
    core = word.rstrip(".,;:)’'")
    if len(core) < 8 or not core.isalpha() or not core.islower():
        return []
    points = {len(core) - len(s) for s in _SUFFIXES if core.endswith(s) and len(core) - len(s) >= 4}
    for i in range(3, len(core) - 3):
        if core[i - 1] in "aeiou" and core[i] not in "aeiouy" and core[i + 1] in "aeiou":
            points.add(i)
    return sorted(points, reverse=True)


def tokens(markup: str) -> list[Token]:
    out, bold = [], False
    for raw in markup.split():
        pieces: list[Piece] = []
        for part in re.split(r"(\*\*|\^(?:\d+|[*†]))", raw):
            if part == "**":
                bold = not bold
            elif part.startswith("^"):
                pieces.append(Piece(part[1:], "sup"))
            elif part:
                pieces.append(Piece(part, "b" if bold else "r"))
        if pieces:
            out.append(Token(pieces))
    return out


@dataclass
class Look:
    family: str = "times"
    size: float = 10.5
    leading: float = 13.0
    color: Color = field(default_factory=lambda: HexColor("#1a1a1a"))
    align: str = "justify"  # justify, left, center, right
    hyphenate: bool = True

    def font(self, style: str) -> str:
        regular, bold, italic = FAMILIES[self.family]
        return {"r": regular, "b": bold, "i": italic, "sup": regular}[style]


class Sheet(RuledTables):
    """One PDF drawn top-down; `y` is the baseline cursor in reportlab coordinates."""

    def __init__(self, path: str, report: Report, look: Look, *, margins=(72, 72, 84, 84), pagesize=A4,
                 decorate: Callable[["Sheet"], None] | None = None):
        register_fonts()
        self.report, self.look, self.margins, self.decorate = report, look, margins, decorate
        self.c = Canvas(path, pagesize=pagesize, invariant=1, pageCompression=1)
        self.c.setTitle(report.title)
        self.c.setAuthor("HMICFRS")
        self.portrait = pagesize
        self.page = 0
        self.footnotes: list[tuple[str, str]] = []
        self.columns: list[tuple[float, float]] = []
        self.col = 0
        self.col_top = 0.0
        self._start_page(pagesize)

    # pages -------------------------------------------------------------------------------
    @property
    def width(self) -> float:
        return self.size[0]

    def _start_page(self, size) -> None:
        self.size = size
        self.c.setPageSize(size)
        self.page += 1
        self.footnotes = []
        left, right, top, _bottom = self.margins
        self.columns = [(left, size[0] - left - right)]
        self.col = 0
        self.y = self.col_top = size[1] - top
        if self.decorate:
            self.c.saveState()
            self.decorate(self)
            self.c.restoreState()

    @property
    def bottom(self) -> float:
        reserve = sum(self._footnote_height(n, t) for n, t in self.footnotes)
        return self.margins[3] + (reserve + 10 if reserve else 0)

    def new_page(self, wide: bool = False) -> None:
        self._end_page()
        self._start_page(landscape(self.portrait) if wide else self.portrait)

    def _end_page(self) -> None:
        if self.footnotes:
            y = self.margins[3] + sum(self._footnote_height(n, t) for n, t in self.footnotes)
            x = self.margins[0]
            self.c.setStrokeColor(HexColor("#777777"))
            self.c.setLineWidth(0.5)
            self.c.line(x, y + 6, x + 110, y + 6)
            for number, text in self.footnotes:
                lines = self.layout(text, self.columns[0][1] - 12, self._note_look())
                self.c.setFont(self.look.font("r"), 6)
                self.c.drawString(x, y - 6, number)
                y = self.draw_lines(lines, x + 10, y, self.columns[0][1] - 12, self._note_look())
        self.c.showPage()

    def _note_look(self) -> Look:
        return Look(self.look.family, self.look.size - 2, self.look.size - 0.5, self.look.color, "left")

    def _footnote_height(self, number: str, text: str) -> float:
        look = self._note_look()
        return len(self.layout(text, self.columns[0][1] - 12, look)) * look.leading + 2

    def finish(self) -> None:
        self._end_page()
        self.c.save()

    def set_columns(self, count: int, gap: float = 18) -> None:
        left, right, _top, _bottom = self.margins
        width = (self.width - left - right - gap * (count - 1)) / count
        self.columns = [(left + i * (width + gap), width) for i in range(count)]
        self.col, self.col_top = 0, self.y

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.advance()

    def advance(self) -> None:
        if self.col + 1 < len(self.columns):
            self.col += 1
            self.y = self.col_top
        else:
            count = len(self.columns)
            wide = self.size[0] > self.size[1]
            self.new_page(wide)
            if count > 1:
                self.set_columns(count)

    def space(self, points: float) -> None:
        self.y -= points

    def footnote(self, number: str, text: str) -> None:
        self.footnotes.append((number, text))

    # text ----------------------------------------------------------------------------------
    def layout(self, markup: str, width: float, look: Look, first_indent: float = 0) -> list[list]:
        """Greedy line filling; a word that does not fit may be hyphenated at a line end."""
        lines: list[list] = [[]]
        used = first_indent
        space = pdfmetrics.stringWidth(" ", look.font("r"), look.size)
        queue = tokens(markup)
        while queue:
            token = queue.pop(0)
            need = self._token_width(token, look) + (space if lines[-1] else 0)
            limit = width - (first_indent if len(lines) == 1 else 0)
            if used - (first_indent if len(lines) == 1 else 0) + need <= limit + 0.01:
                lines[-1].append(token)
                used += need
                continue
            room = limit - (used - (first_indent if len(lines) == 1 else 0)) - (space if lines[-1] else 0)
            head, tail = self._hyphenate(token, room, look) if look.hyphenate else (None, None)
            if head is not None:
                lines[-1].append(head)
                queue.insert(0, tail)
            elif not lines[-1]:  # a word wider than the line: set it anyway
                lines[-1].append(token)
                queue and lines.append([])
                used = 0
                continue
            else:
                queue.insert(0, token)
            lines.append([])
            used = 0
        return [line for line in lines if line]

    def _token_width(self, token: Token, look: Look) -> float:
        return sum(pdfmetrics.stringWidth(p.text, look.font(p.style), look.size * (0.62 if p.style == "sup" else 1))
                   for p in token.pieces)

    def _hyphenate(self, token: Token, room: float, look: Look):
        if len(token.pieces) != 1:
            return None, None
        piece = token.pieces[0]
        word = piece.text
        if "-" in word.strip("-") and len(word) > 6:
            at = word.index("-", 1) + 1
            head = Token([Piece(word[:at], piece.style)])
            if self._token_width(head, look) <= room:
                return head, Token([Piece(word[at:], piece.style)])
        for at in split_points(word):
            head = Token([Piece(word[:at] + "-", piece.style)])
            if self._token_width(head, look) <= room:
                return head, Token([Piece(word[at:], piece.style)])
        return None, None

    def draw_lines(self, lines: list[list], x: float, y: float, width: float, look: Look,
                   first_indent: float = 0, item: Item | None = None, printing: int = 0,
                   color: Color | None = None) -> float:
        """Draw laid-out lines with `y` as the first baseline's top; returns the y below them."""
        space = pdfmetrics.stringWidth(" ", look.font("r"), look.size)
        for index, line in enumerate(lines):
            y -= look.leading
            indent = first_indent if index == 0 else 0
            natural = sum(self._token_width(t, look) for t in line) + space * (len(line) - 1)
            gap, start = space, x + indent
            room = width - indent - natural
            if look.align == "justify" and index < len(lines) - 1 and len(line) > 1:
                gap = space + room / (len(line) - 1)
            elif look.align == "center":
                start += room / 2
            elif look.align == "right":
                start += room
            cursor = start
            for token in line:
                for piece in token.pieces:
                    size = look.size * (0.62 if piece.style == "sup" else 1)
                    rise = look.size * 0.38 if piece.style == "sup" else 0
                    self.c.setFillColor(color or look.color)
                    self.c.setFont(look.font(piece.style), size)
                    self.c.drawString(cursor, y + rise, piece.text)
                    cursor += pdfmetrics.stringWidth(piece.text, look.font(piece.style), size)
                cursor += gap
            if item is not None:
                item.record(self.page, printing)
        return y

    def para(self, markup: str, look: Look | None = None, *, indent: float = 0, right: float = 0,
             first_indent: float = 0, after: float = 0, item: Item | None = None, printing: int = 0,
             box: tuple | None = None, label: list[str] | None = None, badge: tuple | None = None,
             keep: bool = False, color: Color | None = None, label_look: Look | None = None) -> None:
        """A paragraph in the current column. `box`: (fill or None, stroke or None, padding);
        `label`: lines printed in the left margin beside the first line; `badge`: (shape, colour,
        text) drawn just left of the text."""
        look = look or self.look
        x0, width = self.columns[self.col]
        pad = box[2] if box else 0
        x, text_width = x0 + indent + pad, width - indent - right - 2 * pad
        lines = self.layout(markup, text_width, look, first_indent)
        height = len(lines) * look.leading + 2 * pad + look.size * 0.3
        if box or keep:
            self.ensure(height)
        elif label or badge:
            self.ensure(2 * look.leading + pad)
        if box:
            fill, stroke, _ = box
            self.c.saveState()
            if fill is not None:
                self.c.setFillColor(fill)
            if stroke is not None:
                self.c.setStrokeColor(stroke)
                self.c.setLineWidth(0.8)
            self.c.rect(x0 + indent, self.y - height, width - indent - right, height,
                        stroke=int(stroke is not None), fill=int(fill is not None))
            self.c.restoreState()
        top = self.y - pad
        if label:
            ll = label_look or Look(look.family, look.size - 2, look.leading - 1.5, HexColor("#4a4a4a"), "left")
            yy = top
            for text in label:
                yy -= ll.leading
                self.c.setFont(ll.font("b"), ll.size)
                self.c.setFillColor(ll.color)
                self.c.drawString(self.margins[0] - 76, yy, text)
        if badge:
            self._badge(badge, x - 22, top - look.leading * 0.5 + 1)
        y = chunk_top = top
        chunk: list[list] = []
        first = True
        for line in lines:
            if not box and y - look.leading < self.bottom:
                if chunk:
                    self.draw_lines(chunk, x, chunk_top, text_width, look, first_indent if first else 0,
                                    item, printing, color)
                    first, chunk = False, []
                self.advance()
                x0, width = self.columns[self.col]
                x = x0 + indent + pad
                y = chunk_top = self.y - pad
            chunk.append(line)
            y -= look.leading
        done = y
        if chunk:
            done = self.draw_lines(chunk, x, chunk_top, text_width, look, first_indent if first else 0,
                                   item, printing, color)
        self.y = done - pad - look.size * 0.3 - after

    def _badge(self, badge: tuple, x: float, y: float) -> None:
        shape, colour, text = badge
        c = self.c
        c.saveState()
        c.setFillColor(colour)
        if shape == "circle":
            c.circle(x + 8, y, 8.5, stroke=0, fill=1)
        else:
            c.rect(x, y - 8.5, 17, 17, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont("Helvetica-Bold", 9)
        c.drawCentredString(x + 8, y - 3.2, text)
        c.restoreState()

    # headings ------------------------------------------------------------------------------
    def bar(self, text: str, fill: Color, *, size: float = 13, height: float = 24, color: Color = white,
            family: str | None = None, after: float = 10, keep: float = 60) -> None:
        self.ensure(height + keep)
        x0, width = self.columns[self.col]
        self.c.saveState()
        self.c.setFillColor(fill)
        self.c.rect(x0 - 6, self.y - height, width + 12, height, stroke=0, fill=1)
        self.c.setFillColor(color)
        self.c.setFont(FAMILIES[family or self.look.family][1], size)
        self.c.drawString(x0 + 2, self.y - height + (height - size) / 2 + 2, text)
        self.c.restoreState()
        self.y -= height + after

    def heading(self, text: str, *, size: float | None = None, color: Color | None = None, family: str | None = None,
                smallcaps: bool = False, rule: Color | None = None, before: float = 8, after: float = 6,
                keep: float = 50) -> None:
        size = size or self.look.size
        self.ensure(before + size + keep)
        self.y -= before + size
        x0, width = self.columns[self.col]
        font = FAMILIES[family or self.look.family][1]
        self.c.setFillColor(color or self.look.color)
        if smallcaps:
            cursor = x0
            for word in text.split():
                for index, char in enumerate(word):
                    s = size if (index == 0 or not char.islower()) else size * 0.78
                    self.c.setFont(font, s)
                    self.c.drawString(cursor, self.y, char.upper())
                    cursor += pdfmetrics.stringWidth(char.upper(), font, s) + 0.4
                cursor += pdfmetrics.stringWidth(" ", font, size) + 1.5
        else:
            self.c.setFont(font, size)
            self.c.drawString(x0, self.y, text)
        if rule is not None:
            self.c.setStrokeColor(rule)
            self.c.setLineWidth(1)
            self.c.line(x0, self.y - 4, x0 + width, self.y - 4)
        self.y -= after + (4 if rule is not None else 0)

    def bullet(self, markup: str, *, item: Item | None = None, printing: int = 0, marker: str = "•",
               indent: float = 16, look: Look | None = None, after: float = 3, square: Color | None = None) -> None:
        look = look or self.look
        self.ensure(look.leading * 2)
        x0, _w = self.columns[self.col]
        base = self.y - look.leading
        if square is not None:
            self.c.setFillColor(square)
            self.c.rect(x0 + indent - 11, base + 1, 4.5, 4.5, stroke=0, fill=1)
        else:
            self.c.setFillColor(look.color)
            self.c.setFont(look.font("r"), look.size)
            self.c.drawRightString(x0 + indent - 5, base, marker)
        self.para(markup, look, indent=indent, item=item, printing=printing, after=after)
