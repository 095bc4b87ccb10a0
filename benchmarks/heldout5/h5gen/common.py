"""Pieces several report builders share: covers, grade tables, lead-in blocks, paragraph numbering."""
from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from .filler import para
from .kit import Paragraph, Spacer, Table, TableStyle, box, colors, escape, keep

GRADE_COLOURS = {"Outstanding": "#1b7837", "Good": "#5aae61", "Adequate": "#f6c243",
                 "Requires improvement": "#f08a24", "Inadequate": "#c51b1b", "Not graded": "#bbbbbb"}


def cover_band(colour, text_colour=colors.white, band=0.42, strap: str | None = None, strap_font="Helvetica-Bold"):
    """A cover decoration: a full-width coloured band at the top, optional strap line."""
    def draw(canv, report, page, w, h):
        canv.setFillColor(colour)
        canv.rect(0, h * (1 - band), w, h * band, stroke=0, fill=1)
        if strap:
            canv.setFillColor(text_colour)
            canv.setFont(strap_font, 9)
            canv.drawString(56, h - 36, strap)
    return draw


def next_template(r, name: str, page_break: bool = True) -> None:
    r.add(NextPageTemplate(name))
    if page_break:
        r.add(PageBreak())


def page_break(r) -> None:
    r.add(PageBreak())


def filler(r, st, domain: str, count: int = 1, n: int = 4, numbering: list | None = None) -> None:
    """Filler paragraphs; with `numbering` ([chapter, counter]) they are numbered like '2.14'."""
    for _ in range(count):
        text = escape(para(r.rng, domain, n))
        if numbering is not None:
            numbering[1] += 1
            r.add(Paragraph(text, st["num"], bulletText=f"{numbering[0]}.{numbering[1]}"))
        else:
            r.add(Paragraph(text, st["body"]))


def numbered(r, st, markup: str, numbering: list) -> None:
    numbering[1] += 1
    r.add(Paragraph(markup, st["num"], bulletText=f"{numbering[0]}.{numbering[1]}"))


def grade_table(rows: list[tuple[str, str]], st, widths=(300, 140), head=("Area", "Grade")) -> Table:
    data = [[Paragraph(f"<b>{head[0]}</b>", st["cell"]), Paragraph(f"<b>{head[1]}</b>", st["cell"])]]
    cmds = [("GRID", (0, 0), (-1, -1), 0.4, colors.white), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, (area, grade) in enumerate(rows, start=1):
        data.append([Paragraph(escape(area), st["cell"]), Paragraph(grade, st["cell"])])
        cmds.append(("BACKGROUND", (1, i), (1, i), colors.HexColor(GRADE_COLOURS[grade])))
        cmds.append(("BACKGROUND", (0, i), (0, i), colors.HexColor("#f3f3f3")))
    t = Table(data, colWidths=list(widths))
    t.setStyle(TableStyle(cmds))
    return t


def lead_in_block(r, st, lead: str, items: list, bullet="•", letters: bool = False, style="bullet", label_fmt="{}"):
    """A lead-in paragraph and its bullets (kept together); each bullet item's text follows the lead-in."""
    flow = [Paragraph(escape(lead), st["body"])]
    for i, it in enumerate(items):
        part = it.text[len(lead):].strip()
        mark = label_fmt.format(chr(ord("a") + i)) if letters else bullet
        flow.append(Paragraph(r.t(it, part), st[style], bulletText=mark))
    return flow


def titled_box(title: str, body: list, st, bg, border=None, title_style="h3", bar=None, width=None):
    return box([Paragraph(title, st[title_style])] + body, bg=bg, border=border, left_bar=bar, width=width)


def spacer(h: float = 8) -> Spacer:
    return Spacer(1, h)


__all__ = ["cover_band", "next_template", "page_break", "filler", "numbered", "grade_table", "lead_in_block",
           "titled_box", "spacer", "keep"]
