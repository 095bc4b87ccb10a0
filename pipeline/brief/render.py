"""The committee brief rendered as Markdown, a self-contained HTML page, or a Word document.

Each renderer walks the same `Brief` in the same order (reports in date order, items by kind,
then the status table, what is due in the next 90 days and what is overdue), so the three
formats say the same things. Report text comes from PDFs and is never trusted as markup: it is
escaped for Markdown and HTML, and characters XML cannot hold are dropped for DOCX.
"""
from __future__ import annotations

import html
import re
from io import BytesIO

from pipeline.brief import chart_draw as chart_draw
from pipeline.brief import charts as charts
from pipeline.brief.model import (Brief, BriefItem, BriefReport, deadline_phrase, family_name, long_date, period_phrase,
                    review_phrase, totals_phrase, tracking_phrase)

TOOL_NOTE = "First draft written by hmicfrs from the reviewed and tracked items; check it before it goes out."
# "_" only matters at a word's edge (CommonMark), so file names keep their underscores unescaped.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#]|(?<!\w)_|_(?!\w))")
# Control characters (other than tab and newline) are not allowed in XML 1.0, so not in DOCX either.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def title_of(brief: Brief) -> str:
    return f"HMICFRS update: reports and items for {brief.addressee_name}"


def pending_note(brief: Brief) -> str | None:
    if not brief.pending:
        return None
    return (f"{brief.pending} item(s) below have not been reviewed yet and are marked PENDING REVIEW: "
            "check them against the report before the paper goes out.")


def table_rows(brief: Brief) -> list[tuple[str, int, int, int]]:
    return [(row["type"], row["open"], row["closed"], row["total"]) for row in brief.status["table"]]


def status_line(brief: Brief) -> str:
    s = brief.status
    return (f"Pending review: {s['pending_review']}; changed since review: {s['changed_since_review']}; "
            f"overdue: {s['overdue']}; due in the next 90 days: {s['due_next_90_days']} "
            f"(as of {long_date(s['today'])}).")


def list_heading(brief: Brief, which: str) -> str:
    return f"{which} (items for {brief.addressee_name}, from all reports)"


def report_meta(report: BriefReport) -> str:
    published = long_date(report.published) if report.published else "date not known"
    return f"Published on: {published} · Family: {family_name(report.family)} · File: {report.file}"


# ---------------------------------------------------------------------------------------------
# Markdown


def md_escape(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def to_markdown(brief: Brief) -> str:
    out = [f"# {md_escape(title_of(brief))}", "",
           f"Covers {period_phrase(brief)}. Status as of {long_date(brief.today)}.", "", f"*{TOOL_NOTE}*", ""]
    for line in filter(None, [pending_note(brief), *brief.notes]):
        out += [f"> {md_escape(line)}", ""]
    out += ["## 1. National published reports and items", ""]
    if not brief.reports:
        out += [f"No report in the period has items for {md_escape(brief.addressee_name)}.", ""]
    for n, report in enumerate(brief.reports, 1):
        out += [f"### 1.{n} {md_escape(report.title)}", "", f"**{md_escape(report_meta(report))}**", ""]
        if report.totals:
            out += [md_escape(totals_phrase(report, brief.addressee_name)), ""]
        for group in report.groups:
            out += [f"#### {md_escape(group.name)} for {md_escape(brief.addressee_name)}", ""]
            for item in group.items:
                out += _md_item(item)
    out += ["## 2. Status of tracked items", "", "As `hmicfrs status`: every tracked item in the database.", "",
            "| Type | Open | Closed | Total |", "| --- | ---: | ---: | ---: |"]
    out += [f"| {md_escape(kind)} | {o} | {c} | {t} |" for kind, o, c, t in table_rows(brief)]
    out += ["", status_line(brief), ""]
    for number, name, items in ((3, "Due in the next 90 days", brief.due_soon), (4, "Overdue", brief.overdue)):
        out += [f"## {number}. {md_escape(list_heading(brief, name))}", ""]
        if not items:
            out += ["None.", ""]
        for item in items:
            out += [f"- **{long_date(item.due)}**: {md_escape(item.label)}, *{md_escape(item.report_title)}*"
                    f" ({md_escape(tracking_phrase(item))}; review: {md_escape(review_phrase(item))}). "
                    f"{md_escape(item.text)}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_item(item: BriefItem) -> list[str]:
    flag = " **[PENDING REVIEW]**" if item.pending else ""
    parent = f" (under {md_escape(item.parent_label)})" if item.parent_label else ""
    source = f"page {item.page}" if item.page else "page not known"
    if item.link:
        source = f"[{source}](<{item.link}>)"
    return [
        f"**{md_escape(item.label)}**{parent}{flag}", "",
        md_escape(item.text), "",
        f"- Deadline: {md_escape(deadline_phrase(item))}",
        f"- Review: {md_escape(review_phrase(item))}",
        f"- Tracking: {md_escape(tracking_phrase(item))}",
        f"- Source: {source}", "",
    ]


# ---------------------------------------------------------------------------------------------
# HTML: one self-contained file, printable on A4


CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #111;
       max-width: 178mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; }
h3 { font-size: 12.5pt; margin: 14pt 0 2pt; }
h4 { font-size: 11pt; margin: 10pt 0 4pt; color: #333; }
.meta { font-weight: bold; margin: 0 0 4pt; }
.note { font-style: italic; color: #444; }
.warn { border-left: 4px solid #b35c00; background: #fff4e5; padding: 4pt 8pt; }
.item { border-left: 3px solid #1d4f91; padding: 2pt 0 2pt 8pt; margin: 0 0 10pt; break-inside: avoid; }
.item.pending { border-left-color: #b35c00; }
.label { font-weight: bold; }
.badge { display: inline-block; background: #b35c00; color: #fff; font-size: 8.5pt; padding: 0 4pt;
         border-radius: 2pt; margin-left: 4pt; }
.item p { margin: 2pt 0; }
.facts { font-size: 9.5pt; color: #333; margin: 2pt 0 0; padding: 0; list-style: none; }
.facts li { display: inline; margin-right: 10pt; }
table { border-collapse: collapse; margin: 4pt 0; }
th, td { border: 1px solid #999; padding: 2pt 8pt; }
td.n, th.n { text-align: right; }
ul.due li { margin: 0 0 6pt; }
figure.chart { margin: 8pt 0; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
a { color: #1d4f91; }
@media print { body { padding: 0; max-width: none; } a { text-decoration: none; } }
"""


def h(text) -> str:
    return html.escape(_XML_BAD.sub("", " ".join(str(text or "").split())), quote=True)


def to_html(brief: Brief) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
           f"<title>{h(title_of(brief))}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{h(title_of(brief))}</h1>",
           f"<p>Covers {h(period_phrase(brief))}. Status as of {h(long_date(brief.today))}.</p>",
           f'<p class="note">{h(TOOL_NOTE)}</p>']
    out += [f'<p class="warn">{h(line)}</p>' for line in filter(None, [pending_note(brief), *brief.notes])]
    out.append("<h2>1. National published reports and items</h2>")
    if not brief.reports:
        out.append(f"<p>No report in the period has items for {h(brief.addressee_name)}.</p>")
    for n, report in enumerate(brief.reports, 1):
        out.append(f'<section class="report" id="report-{h(report.id)}">')
        title = h(report.title)
        if report.link:
            title = f'<a href="{h(report.link)}">{title}</a>'
        out += [f"<h3>1.{n} {title}</h3>", f'<p class="meta">{h(report_meta(report))}</p>']
        if report.totals:
            out.append(f"<p>{h(totals_phrase(report, brief.addressee_name))}</p>")
        for group in report.groups:
            out.append(f"<h4>{h(group.name)} for {h(brief.addressee_name)}</h4>")
            out += [_html_item(item) for item in group.items]
        out.append("</section>")
    out += ["<h2>2. Status of tracked items</h2>", "<p>As <code>hmicfrs status</code>: every tracked item in the database.</p>",
            '<table><thead><tr><th>Type</th><th class="n">Open</th><th class="n">Closed</th><th class="n">Total</th></tr></thead><tbody>']
    out += [f'<tr><td>{h(kind)}</td><td class="n">{o}</td><td class="n">{c}</td><td class="n">{t}</td></tr>'
            for kind, o, c, t in table_rows(brief)]
    out += ["</tbody></table>", f"<p>{h(status_line(brief))}</p>"]
    # Inline SVG, not <img>: the file stays self-contained and the bars print as sharply as the text.
    out += [f'<figure class="chart">{chart_draw.to_svg(chart)}</figure>' for chart in charts.brief_charts(brief)]
    for number, name, items in ((3, "Due in the next 90 days", brief.due_soon), (4, "Overdue", brief.overdue)):
        out.append(f"<h2>{number}. {h(list_heading(brief, name))}</h2>")
        if not items:
            out.append("<p>None.</p>")
            continue
        out.append('<ul class="due">')
        for item in items:
            label = h(item.label)
            if item.link:
                label = f'<a href="{h(item.link)}">{label}</a>'
            out.append(f"<li><b>{h(long_date(item.due))}</b>: {label}, <i>{h(item.report_title)}</i> "
                       f"({h(tracking_phrase(item))}; review: {h(review_phrase(item))}). {h(item.text)}</li>")
        out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_item(item: BriefItem) -> str:
    badge = '<span class="badge">PENDING REVIEW</span>' if item.pending else ""
    parent = f" (under {h(item.parent_label)})" if item.parent_label else ""
    source = f"page {item.page}" if item.page else "page not known"
    if item.link:
        source = f'<a href="{h(item.link)}">{source}</a>'
    classes = "item pending" if item.pending else "item"
    return (f'<div class="{classes}" id="item-{h(item.id)}"><p><span class="label">{h(item.label)}</span>{parent}{badge}</p>'
            f'<p class="text">{h(item.text)}</p><ul class="facts">'
            f"<li>Deadline: {h(deadline_phrase(item))}</li><li>Review: {h(review_phrase(item))}</li>"
            f"<li>Tracking: {h(tracking_phrase(item))}</li><li>Source: {source}</li></ul></div>")


# ---------------------------------------------------------------------------------------------
# DOCX, for people who edit the paper in a word processor


def to_docx(brief: Brief) -> bytes:
    from docx import Document
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(18)
    doc.styles["Normal"].font.size = Pt(11)

    doc.add_heading(_x(title_of(brief)), level=0)
    doc.add_paragraph(_x(f"Covers {period_phrase(brief)}. Status as of {long_date(brief.today)}."))
    doc.add_paragraph().add_run(_x(TOOL_NOTE)).italic = True
    for line in filter(None, [pending_note(brief), *brief.notes]):
        run = doc.add_paragraph().add_run(_x(line))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB3, 0x5C, 0x00)
    doc.add_heading("1. National published reports and items", level=1)
    if not brief.reports:
        doc.add_paragraph(_x(f"No report in the period has items for {brief.addressee_name}."))
    for n, report in enumerate(brief.reports, 1):
        doc.add_heading(_x(f"1.{n} {report.title}"), level=2)
        doc.add_paragraph().add_run(_x(report_meta(report))).bold = True
        if report.totals:
            doc.add_paragraph(_x(totals_phrase(report, brief.addressee_name)))
        for group in report.groups:
            doc.add_heading(_x(f"{group.name} for {brief.addressee_name}"), level=3)
            for item in group.items:
                _docx_item(doc, item)
    doc.add_heading("2. Status of tracked items", level=1)
    doc.add_paragraph("As hmicfrs status: every tracked item in the database.")
    rows = table_rows(brief)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Type", "Open", "Closed", "Total")):
        cell.text = text
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = _x(str(value))
    doc.add_paragraph(_x(status_line(brief)))
    for chart in charts.brief_charts(brief):  # Word takes no SVG everywhere: a PNG at twice the size
        doc.add_picture(BytesIO(chart_draw.to_png(chart)), width=Mm(170))
    for number, name, items in ((3, "Due in the next 90 days", brief.due_soon), (4, "Overdue", brief.overdue)):
        doc.add_heading(_x(f"{number}. {list_heading(brief, name)}"), level=1)
        if not items:
            doc.add_paragraph("None.")
        for item in items:
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(_x(long_date(item.due))).bold = True
            para.add_run(_x(f": {item.label}, "))
            para.add_run(_x(item.report_title)).italic = True
            para.add_run(_x(f" ({tracking_phrase(item)}; review: {review_phrase(item)}). {item.text}"))
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _docx_item(doc, item: BriefItem) -> None:
    from docx.shared import Pt, RGBColor

    head = doc.add_paragraph()
    head.add_run(_x(item.label)).bold = True
    if item.parent_label:
        head.add_run(_x(f" (under {item.parent_label})"))
    if item.pending:
        flag = head.add_run("  [PENDING REVIEW]")
        flag.bold = True
        flag.font.color.rgb = RGBColor(0xB3, 0x5C, 0x00)
    doc.add_paragraph(_x(item.text))
    facts = doc.add_paragraph()
    run = facts.add_run(_x(f"Deadline: {deadline_phrase(item)} · Review: {review_phrase(item)} · "
                           f"Tracking: {tracking_phrase(item)} · Source: "))
    run.font.size = Pt(9)
    source = f"page {item.page}" if item.page else "page not known"
    if item.link:
        _add_hyperlink(facts, item.link, source)
    else:
        facts.add_run(source).font.size = Pt(9)


def _add_hyperlink(paragraph, url: str, text: str) -> None:
    """python-docx has no hyperlink API: add the relationship and the w:hyperlink element by hand."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, attrs in (("w:color", {"w:val": "1D4F91"}), ("w:u", {"w:val": "single"}), ("w:sz", {"w:val": "18"})):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        props.append(element)
    run.append(props)
    text_element = OxmlElement("w:t")
    text_element.text = _x(text)
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _x(text: str) -> str:
    return _XML_BAD.sub("", text or "")


def render(brief: Brief, fmt: str) -> str | bytes:
    if fmt == "md":
        return to_markdown(brief)
    if fmt == "html":
        return to_html(brief)
    if fmt == "docx":
        return to_docx(brief)
    raise ValueError(f"unknown format {fmt!r}")
