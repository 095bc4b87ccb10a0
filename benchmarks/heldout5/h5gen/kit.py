"""Layout kit: fonts, items with page markers, page templates, footnotes and small flowables.

Every printed occurrence of an item carries two invisible `onDraw` markers (start and end), so
the gold page numbers come from the real layout whatever the seed does to the narrative filler.
"""
from __future__ import annotations

import io
import os
import random
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

rl_config.invariant = 1
SMALL = 8.6  # text below this size (headers, footers, footnotes, markers) is furniture
_ATTR = {'"': "&quot;"}

_TTF = {
    "DejaVuSans": "dejavu/DejaVuSans", "DejaVuSerif": "dejavu/DejaVuSerif",
    "DejaVuCond": "dejavu/DejaVuSansCondensed", "LibSans": "liberation/LiberationSans",
    "LibSerif": "liberation/LiberationSerif", "LibNarrow": "liberation/LiberationSansNarrow",
}
_SUFFIX = {"DejaVuSans": ("", "-Bold", "-Oblique"), "DejaVuSerif": ("", "-Bold", "-Italic"),
           "DejaVuCond": ("", "-Bold", "-Oblique")}
_BUILTIN = {"Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
            "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
            "Courier": ("Courier", "Courier-Bold", "Courier-Oblique")}
_FALLBACK = {"DejaVuSans": "Helvetica", "LibSans": "Helvetica", "LibNarrow": "Helvetica",
             "DejaVuCond": "Helvetica", "DejaVuSerif": "Times", "LibSerif": "Times"}
_registered: dict[str, tuple[str, str, str]] = {}


def font(family: str) -> tuple[str, str, str]:
    """(regular, bold, italic) font names for a family, registering TrueType files on first use."""
    if family in _BUILTIN:
        return _BUILTIN[family]
    if family in _registered:
        return _registered[family]
    base = "/usr/share/fonts/truetype/" + _TTF[family]
    suffixes = _SUFFIX.get(family, ("-Regular", "-Bold", "-Italic"))
    paths = [base + s + ".ttf" for s in suffixes]
    if not all(os.path.exists(p) for p in paths):
        return _BUILTIN[_FALLBACK[family]]
    names = tuple(f"{family}{tag}" for tag in ("", "-B", "-I"))
    for name, path in zip(names, paths):
        pdfmetrics.registerFont(TTFont(name, path))
    pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1], italic=names[2], boldItalic=names[1])
    _registered[family] = names
    return names


def styles(family: str, size: float, leading: float, accent, head_family: str | None = None,
           justify: bool = False, bullet_font: str | None = None) -> dict[str, ParagraphStyle]:
    reg, bold, ital = font(family)
    bullet_font = bullet_font or (reg if family not in _BUILTIN else font("DejaVuSans")[0])
    hreg, hbold, _ = font(head_family or family)
    base = ParagraphStyle("body", fontName=reg, fontSize=size, leading=leading, spaceAfter=size * 0.7,
                          alignment=4 if justify else 0)
    s = {"body": base}
    s["h1"] = ParagraphStyle("h1", parent=base, fontName=hbold, fontSize=size * 1.9, leading=size * 2.3,
                             textColor=accent, spaceBefore=6, spaceAfter=10, alignment=0)
    s["h2"] = ParagraphStyle("h2", parent=base, fontName=hbold, fontSize=size * 1.35, leading=size * 1.7,
                             textColor=accent, spaceBefore=8, spaceAfter=6, alignment=0)
    s["h3"] = ParagraphStyle("h3", parent=base, fontName=hbold, fontSize=size * 1.08, leading=leading,
                             spaceBefore=4, spaceAfter=4, alignment=0)
    s["bold"] = ParagraphStyle("bold", parent=base, fontName=bold)
    s["ital"] = ParagraphStyle("ital", parent=base, fontName=ital)
    s["bullet"] = ParagraphStyle("bullet", parent=base, leftIndent=size * 1.8, bulletIndent=size * 0.4,
                                 spaceAfter=size * 0.4, bulletFontName=bullet_font)
    s["num"] = ParagraphStyle("num", parent=base, leftIndent=size * 3.4, bulletIndent=0)
    s["cell"] = ParagraphStyle("cell", parent=base, fontSize=max(9.2, size - 0.8), leading=max(9.2, size - 0.8) * 1.25,
                               spaceAfter=0, alignment=0)
    s["cellb"] = ParagraphStyle("cellb", parent=s["cell"], fontName=bold)
    s["small"] = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9)
    s["title"] = ParagraphStyle("title", parent=base, fontName=hbold, fontSize=26, leading=31, alignment=0)
    s["cover"] = ParagraphStyle("cover", parent=base, fontName=hreg, fontSize=14, leading=18, alignment=0)
    return s


def dl(kind: str = "none", text: str | None = None, date: str | None = None) -> dict:
    return {"kind": kind, "date": date, "text": text}


def add_months(iso: str, months: int) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    m += months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    assert d <= 28, "relative deadlines only from publication days 1-28"
    return f"{y:04d}-{m:02d}-{d:02d}"


@dataclass
class Item:
    key: str
    kind: str
    text: str
    number: str | None = None
    label: str | None = None
    addressees: list = field(default_factory=list)
    addressee_text: str | None = None
    deadline: dict = field(default_factory=dl)
    parent: "Item | None" = None
    occurrences: list = field(default_factory=list)  # [start page, end page]


class Report:
    """One PDF: its items, its story and what the previous layout pass found out."""

    def __init__(self, stem: str, family: str, seed: int, title: str, published: str | None,
                 subject: str | None, info: dict | None = None):
        self.stem, self.family, self.title, self.published, self.subject = stem, family, title, published, subject
        self.rng = random.Random(f"{seed}/{stem}")
        self.info = info or {}
        self.items: list[Item] = []
        self.story: list = []
        self.headings: dict[str, int] = {}
        self.footnotes: dict[int, list] = {}
        self.fn_count = 0
        self.pages = 0

    # -- items -------------------------------------------------------------------------------
    def item(self, kind: str, text: str, number=None, label=None, addressees=(), addressee_text=None,
             deadline=None, parent=None) -> Item:
        text = " ".join(text.split())
        it = Item(f"{self.stem}:{len(self.items) + 1}", kind, text, number, label, list(addressees),
                  addressee_text, deadline or dl(), parent)
        self.items.append(it)
        return it

    def mark(self, it: Item, markup: str) -> str:
        """Wrap one printed occurrence's markup in start and end markers."""
        n = len(it.occurrences)
        it.occurrences.append([None, None])
        label = f"{self.items.index(it)}:{n}"
        return f'<onDraw name="h5" label="s:{label}"/>{markup}<onDraw name="h5" label="e:{label}"/>'

    def t(self, it: Item, part: str | None = None, fn: tuple[str, str] | None = None, hyph: dict | None = None,
          mark: bool = True) -> str:
        """Markup for an item's text (or the part of it printed here), with an optional footnote after
        the word `fn[0]` and optional soft hyphens (`hyph`: word -> word with '-' where it may break)."""
        text = escape(part if part is not None else it.text)
        for word, split in (hyph or {}).items():
            text = text.replace(word, split.replace("-", "\xad"), 1)
        if fn:
            text = text.replace(fn[0], fn[0] + self.fn(fn[1]), 1)
        return self.mark(it, text) if mark else text

    def fn(self, note: str) -> str:
        self.fn_count += 1
        n = self.fn_count
        return (f'<super><font size="5.5">{n}</font></super>'
                f'<onDraw name="h5" label="f:{n}:{escape(note, _ATTR)}"/>')

    def heading(self, text: str, style, key: str | None = None) -> Paragraph:
        """A heading whose page the contents list can show (keyed by `key`, else its text)."""
        key = key or text
        self.headings[key] = 0
        return Paragraph(f'<onDraw name="h5" label="h:{escape(key, _ATTR)}"/>{text}', style)

    def add(self, *flowables) -> None:
        self.story.extend(flowables)

    def para(self, markup: str, style) -> None:
        self.story.append(Paragraph(markup, style))

    # -- callbacks ---------------------------------------------------------------------------
    def on_draw(self, canv, _kind, label: str) -> None:
        page = canv.getPageNumber()
        tag, _, rest = label.partition(":")
        if tag in ("s", "e"):
            index, occ = (int(x) for x in rest.split(":"))
            slot = self.items[index].occurrences[occ]
            if tag == "s" and slot[0] is None:
                slot[0] = page
            if tag == "e":
                slot[1] = page
        elif tag == "h":
            self.headings[rest] = page
        elif tag == "f":
            number, _, note = rest.partition(":")
            self.footnotes.setdefault(page, []).append((number, note))


def make_canvas(report: Report):
    class _Canvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.setNamedCB("h5", report.on_draw)
    return _Canvas


# -- page templates ------------------------------------------------------------------------------
@dataclass
class Page:
    """A page template: its columns (or frames), margins, orientation and decorations."""
    id: str
    columns: int = 1
    margins: tuple = (62, 62, 70, 78)  # left, right, top, bottom
    gap: float = 18
    land: bool = False
    decorate: object = None  # callable(canvas, report, page_number, width, height)
    frames: list | None = None  # explicit (x, y, w, h) frames, overriding columns


def _templates(report: Report, pages: list[Page], fn_style: dict) -> list[PageTemplate]:
    out = []
    for spec in pages:
        size = landscape(A4) if spec.land else A4
        w, h = size
        lm, rm, tm, bm = spec.margins
        if spec.frames:
            frames = [Frame(x, y, fw, fh, id=f"{spec.id}{i}", leftPadding=0, rightPadding=0, topPadding=0,
                            bottomPadding=0) for i, (x, y, fw, fh) in enumerate(spec.frames)]
        else:
            cw = (w - lm - rm - spec.gap * (spec.columns - 1)) / spec.columns
            frames = [Frame(lm + i * (cw + spec.gap), bm, cw, h - tm - bm, id=f"{spec.id}{i}", leftPadding=0,
                            rightPadding=0, topPadding=0, bottomPadding=0) for i in range(spec.columns)]

        def on_page(canv, doc, spec=spec, w=w, h=h):
            canv.saveState()
            if spec.decorate:
                spec.decorate(canv, report, canv.getPageNumber(), w, h)
            canv.restoreState()

        def on_end(canv, doc, spec=spec, w=w):
            notes = report.footnotes.get(canv.getPageNumber())
            if notes:
                _draw_footnotes(canv, notes, spec.margins[0], spec.margins[3] - 8, w - spec.margins[0] - spec.margins[1],
                                fn_style)
        out.append(PageTemplate(id=spec.id, frames=frames, onPage=on_page, onPageEnd=on_end, pagesize=size))
    return out


def _draw_footnotes(canv, notes, x, top, width, fn_style) -> None:
    canv.saveState()
    name, size = fn_style.get("font", "Helvetica"), 7.2
    canv.setStrokeColor(colors.grey)
    canv.line(x, top, x + 90, top)
    y = top - size - 2
    canv.setFont(name, size)
    for number, note in notes:
        for i, line in enumerate(simpleSplit(note, name, size, width - 12)):
            if i == 0:
                canv.drawString(x, y, number)
            canv.drawString(x + 10, y, line)
            y -= size + 1.5
    canv.restoreState()


def build(report_factory, path: str, pages: list[Page], fn_font: str = "Helvetica", passes: int = 3) -> Report:
    """Lay the report out until heading pages and page count settle, then write it to `path`."""
    info: dict = {}
    for attempt in range(passes):
        report = report_factory(info)
        buffer = io.BytesIO()
        doc = BaseDocTemplate(buffer, pagesize=A4, title=report.title, author="HMICFRS", subject="",
                              creator="", producer="", invariant=1)
        doc.addPageTemplates(_templates(report, pages, {"font": fn_font}))
        doc.build(report.story, canvasmaker=make_canvas(report))
        report.pages = doc.page
        new = {"headings": dict(report.headings), "pages": report.pages}
        if new == info:
            break
        info = new
    with open(path, "wb") as handle:
        handle.write(buffer.getvalue())
    for it in report.items:
        assert it.occurrences and all(o[0] and o[1] for o in it.occurrences), f"{report.stem}: {it.text[:60]} not drawn"
    return report


# -- flowables ----------------------------------------------------------------------------------
class FillTo(Flowable):
    """Paragraphs of whole narrative sentences that fill the frame (or the next one) down to `keep` points
    from its foot, so that the paragraph after it is broken over the page."""

    def __init__(self, sentences: list[str], style, keep: float, per_para: int = 5):
        super().__init__()
        self.sentences, self.style, self.keep, self.per = sentences, style, keep, per_para
        self.parts: list = []

    def wrap(self, aw, ah):
        target = ah - self.keep
        if target < self.style.leading * 3:
            return aw, ah + 1  # no room: start again on the next page
        parts, used, start = [], 0.0, 0
        while start < len(self.sentences):
            best = None
            for k in range(start + 1, min(start + self.per, len(self.sentences)) + 1):
                p = Paragraph(escape(" ".join(self.sentences[start:k])), self.style)
                h = p.wrap(aw, target)[1] + self.style.spaceAfter
                if used + h > target:
                    break
                best = (p, h, k)
            if best is None:
                break
            parts.append(best[:2])
            used += best[1]
            start = best[2]
        self.parts, self.width, self.height = parts, aw, target
        return aw, target

    def draw(self):
        y = self.height
        for p, h in self.parts:
            y -= h
            p.drawOn(self.canv, 0, y + self.style.spaceAfter)


def box(content: list, bg=None, border=None, width=None, pad=8, left_bar=None) -> Table:
    """A one-cell table: a shaded or bordered panel."""
    t = Table([[content]], colWidths=[width] if width else None)
    cmds = [("LEFTPADDING", (0, 0), (-1, -1), pad + (4 if left_bar else 0)), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    if bg is not None:
        cmds.append(("BACKGROUND", (0, 0), (-1, -1), bg))
    if border is not None:
        cmds.append(("BOX", (0, 0), (-1, -1), 1, border))
    if left_bar is not None:
        cmds.append(("LINEBEFORE", (0, 0), (0, -1), 4, left_bar))
    t.setStyle(TableStyle(cmds))
    return t


def grid(rows: list, widths: list, header_bg=None, lines=True, zebra=None, spans=(), valign="TOP",
         line_colour=colors.grey, repeat=1) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=repeat)
    cmds = [("VALIGN", (0, 0), (-1, -1), valign), ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    if lines:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, line_colour))
    else:
        cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, line_colour))
    if header_bg is not None:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), header_bg))
    if zebra is not None:
        cmds += [("BACKGROUND", (0, i), (-1, i), zebra) for i in range(2, len(rows), 2)]
    cmds += [("SPAN", a, b) for a, b in spans]
    t.setStyle(TableStyle(cmds))
    return t


def header_footer(left: str, right: str, footer: str = "{n}", first: int = 2, offset: int = 0, font_name="Helvetica",
                  colour=colors.HexColor("#444444"), rule=None, footer_align="centre", header=True):
    """A decoration drawing a running header and a page-number footer from page `first` on."""
    def draw(canv, report, page, w, h):
        if page < first:
            return
        canv.setFont(font_name, 7.5)
        canv.setFillColor(colour)
        if header:
            canv.drawString(56, h - 40, left)
            canv.drawRightString(w - 56, h - 40, right)
            if rule is not None:
                canv.setStrokeColor(rule)
                canv.line(56, h - 45, w - 56, h - 45)
        text = footer.format(n=page - offset, total=(report.info.get("pages") or 0) - offset)
        if footer_align == "centre":
            canv.drawCentredString(w / 2, 34, text)
        elif footer_align == "right":
            canv.drawRightString(w - 56, 34, text)
        else:
            canv.drawString(56, 34, text)
    return draw


def contents(report: Report, entries: list[tuple[str, str]], st, width: float, offset: int = 0) -> Table:
    """A contents list; `entries` pairs a title with the heading key whose page it shows."""
    pages = report.info.get("headings", {})
    rows = [[Paragraph(escape(title), st), Paragraph(str(max(0, pages.get(key, 0) - offset)), st)]
            for title, key in entries]
    t = Table(rows, colWidths=[width - 40, 40])
    t.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return t


def keep(*flowables) -> KeepTogether:
    return KeepTogether(list(flowables))


__all__ = ["A4", "SMALL", "Item", "Report", "Page", "Spacer", "Paragraph", "Table", "TableStyle",
           "KeepTogether", "FillTo", "box", "grid", "build", "colors", "dl", "add_months", "styles", "font", "header_footer",
           "contents", "keep", "escape", "landscape"]
