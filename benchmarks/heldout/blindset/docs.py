"""Page templates: a cover, then one- or two-column body pages with running headers, footers
and a footnote band, each report choosing its own margins, fonts and furniture."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .kit import PassInfo, plain, two_pass


@dataclass
class Layout:
    title: str
    author: str = "HMICFRS"
    pagesize: tuple[float, float] = A4
    margins: tuple[float, float, float, float] = (25 * mm, 25 * mm, 25 * mm, 22 * mm)  # left right top bottom
    columns: int = 1
    gutter: float = 8 * mm
    header: str | None = None
    header_align: str = "left"
    footer: str = "{page}"
    footer_align: str = "centre"
    furniture_font: str = "Helvetica"
    furniture_size: float = 8
    band: object | None = None  # a coloured strip across the top of body pages
    rule: object | None = None  # a line under the running header
    footnotes: dict[str, str] = field(default_factory=dict)  # tracked marker key -> note text
    footnote_band: float = 0
    cover_fill: object | None = None
    wide_first_body: bool = False  # two-column reports open with one full-width page


def _furniture(layout: Layout, info: PassInfo) -> Callable:
    width, height = layout.pagesize
    left, right, top, bottom = layout.margins

    def draw(canv, doc) -> None:
        page = canv.getPageNumber()
        canv.saveState()
        if layout.band is not None:
            canv.setFillColor(layout.band)
            canv.rect(0, height - 9 * mm, width, 9 * mm, stroke=0, fill=1)
        canv.setFont(layout.furniture_font, layout.furniture_size)
        canv.setFillColor(colors.HexColor("#333333"))
        if layout.header:
            y = height - top + 8 * mm
            {"left": canv.drawString, "right": lambda x, y_, s: canv.drawRightString(width - right, y_, s),
             "centre": lambda x, y_, s: canv.drawCentredString(width / 2, y_, s)}[layout.header_align](left, y, layout.header)
            if layout.rule is not None:
                canv.setStrokeColor(layout.rule)
                canv.setLineWidth(0.6)
                canv.line(left, y - 2.5 * mm, width - right, y - 2.5 * mm)
        text = layout.footer.format(page=page, total=info.total or page, title=layout.title)
        y = bottom - 10 * mm
        if layout.footer_align == "centre":
            canv.drawCentredString(width / 2, y, text)
        elif layout.footer_align == "outer":
            (canv.drawRightString(width - right, y, text) if page % 2 else canv.drawString(left, y, text))
        else:
            canv.drawRightString(width - right, y, text)
        notes = [(k, t) for k, t in layout.footnotes.items() if info.pages.get(k, (0, 0))[0] == page]
        if notes:
            y = bottom + layout.footnote_band - 4 * mm
            canv.setLineWidth(0.4)
            canv.line(left, y + 3 * mm, left + 40 * mm, y + 3 * mm)
            canv.setFont(layout.furniture_font, 7)
            for key, note in notes:
                canv.drawString(left, y, f"{key.split(':')[1]} {plain(note)}")
                y -= 3.2 * mm
        canv.restoreState()

    return draw


def _cover(layout: Layout) -> Callable:
    def draw(canv, doc) -> None:
        if layout.cover_fill is not None:
            width, height = layout.pagesize
            canv.saveState()
            canv.setFillColor(layout.cover_fill)
            canv.rect(0, height * 0.55, width, height * 0.45, stroke=0, fill=1)
            canv.restoreState()
    return draw


def _frames(layout: Layout, columns: int, prefix: str) -> list[Frame]:
    width, height = layout.pagesize
    left, right, top, bottom = layout.margins
    inner = width - left - right
    usable = height - top - bottom - layout.footnote_band
    y0 = bottom + layout.footnote_band
    if columns == 1:
        return [Frame(left, y0, inner, usable, id=f"{prefix}0", leftPadding=0, rightPadding=0)]
    col = (inner - layout.gutter) / 2
    return [Frame(left, y0, col, usable, id=f"{prefix}0", leftPadding=0, rightPadding=0),
            Frame(left + col + layout.gutter, y0, col, usable, id=f"{prefix}1", leftPadding=0, rightPadding=0)]


def make_doc(path: str, layout: Layout, info: PassInfo) -> BaseDocTemplate:
    doc = BaseDocTemplate(path, pagesize=layout.pagesize, title=layout.title, author=layout.author,
                          invariant=1, leftMargin=layout.margins[0], rightMargin=layout.margins[1],
                          topMargin=layout.margins[2], bottomMargin=layout.margins[3])
    width, height = layout.pagesize
    cover = Frame(layout.margins[0], layout.margins[3], width - layout.margins[0] - layout.margins[1],
                  height - layout.margins[2] - layout.margins[3], id="cover")
    furniture = _furniture(layout, info)
    templates = [PageTemplate("cover", [cover], onPage=_cover(layout)),
                 PageTemplate("body", _frames(layout, layout.columns, "b"), onPage=furniture),
                 PageTemplate("wide", _frames(layout, 1, "w"), onPage=furniture)]
    doc.addPageTemplates(templates)
    return doc


def render(path: str, layout: Layout, story: Callable[[PassInfo, dict], list]) -> PassInfo:
    def write(info: PassInfo, log: dict) -> int:
        doc = make_doc(path, layout, info)
        doc.build(story(info, log))
        return doc.page

    return two_pass(write)


def render_straddling(path: str, layout: Layout, story: Callable[[PassInfo, dict], list], state: dict, key: str,
                      tries: int = 12) -> PassInfo:
    """Render with 0, 1, 2 ... extra sentences (state["extra"], read by the story) before one item
    until that item runs over a page break: real reports split items at page ends, generated ones
    rarely do by chance."""
    info = PassInfo()
    for extra in range(tries):
        state["extra"] = extra
        info = render(path, layout, story)
        first, last = info.pages.get(key, (0, 0))
        if last > first:
            break
    return info


def padded(text: str, fill: list[str], state: dict) -> str:
    return " ".join([text] + fill[:state["extra"]])
