"""Charts (issue 15, part 3): the counts behind each chart, the SVG and PNG drawn from them, and
where they appear: the Datasette charts page, the HTML brief and the Word brief."""
from __future__ import annotations

import asyncio
import re
from datetime import date
from io import BytesIO

import pytest

from pipeline import store
from pipeline.brief import chart_draw as chart_draw
from pipeline.brief import charts as charts
from pipeline.serve import app as serve
from pipeline.review import track as track
from pipeline.brief.render import to_docx, to_html
from test_brief import TODAY, _brief, built_path, db_path  # noqa: F401  (the brief tests' fixtures)


def item(due=None, status="open", report="Report A", addressees=("npcc",)):
    return {"due": due, "track_status": status, "report_title": report, "addressees": list(addressees)}


# (items, today, expected bars as (label, (overdue, open, closed)), note)
DUE_CASES = {
    "one open item, before today: overdue": (
        [item("2024-03-31")], date(2024, 4, 1), [("2024-03", (1, 0, 0))], ""),
    "due today is not overdue yet": (
        [item("2024-04-01")], date(2024, 4, 1), [("2024-04", (0, 1, 0))], ""),
    "the day before today is": (
        [item("2024-03-31")], date(2024, 4, 1), [("2024-03", (1, 0, 0))], ""),
    "closed is never overdue": (
        [item("2023-01-31", "closed")], date(2024, 4, 1), [("2023-01", (0, 0, 1))], ""),
    "in progress counts as open": (
        [item("2023-01-31", "in_progress")], date(2024, 4, 1), [("2023-01", (1, 0, 0))], ""),
    "empty months between are bars of nothing": (
        [item("2024-01-10"), item("2024-03-10", "closed"), item("2024-03-20")], date(2024, 2, 1),
        [("2024-01", (1, 0, 0)), ("2024-02", (0, 0, 0)), ("2024-03", (0, 1, 1))], ""),
    "undated open items are in the note, closed undated are not": (
        [item(None), item(None, "closed"), item("2024-05-01")], date(2024, 4, 1),
        [("2024-05", (0, 1, 0))], "1 open item(s) have no due date."),
    "no items": ([], date(2024, 4, 1), [], ""),
}


@pytest.mark.parametrize("case", list(DUE_CASES))
def test_items_due_per_month(case):
    items, today, bars, note = DUE_CASES[case]
    chart = charts.due_per_month(items, today)
    assert [(b.label, b.values) for b in chart.bars] == bars
    assert chart.note == note and chart.series == ("Overdue", "Open", "Closed")


def test_the_timeline_marks_today_only_when_today_is_on_it():
    items = [item("2024-01-10"), item("2024-06-10")]
    assert charts.due_per_month(items, date(2024, 3, 5)).marker == "2024-03"
    assert charts.due_per_month(items, date(2025, 3, 5)).marker is None


def test_a_long_timeline_is_drawn_by_year():
    items = [item("2020-01-10"), item("2026-06-10", "closed"), item("2026-12-01")]
    chart = charts.due_per_month(items, date(2024, 1, 1))
    assert chart.title == "Items due per year"
    assert [(b.label, b.values) for b in chart.bars] == [
        ("2020", (1, 0, 0)), ("2021", (0, 0, 0)), ("2022", (0, 0, 0)), ("2023", (0, 0, 0)), ("2024", (0, 0, 0)),
        ("2025", (0, 0, 0)), ("2026", (0, 1, 1))]
    assert chart.marker == "2024"


RANK_CASES = {
    "biggest first, ties by name": (
        [item(report="B"), item(report="A"), item(report="B", status="closed")], 15,
        [("B", (1, 1)), ("A", (1, 0))]),
    "the rest summed into one bar": (
        [item(report="A"), item(report="A"), item(report="B"), item(report="C", status="closed")], 1,
        [("A", (2, 0)), ("2 other reports", (1, 1))]),
    "exactly top: no rest bar": ([item(report="A"), item(report="B")], 2, [("A", (1, 0)), ("B", (1, 0))]),
}


@pytest.mark.parametrize("case", list(RANK_CASES))
def test_items_per_report(case):
    items, top, bars = RANK_CASES[case]
    assert [(b.label, b.values) for b in charts.per_report(items, top).bars] == bars


def test_items_per_addressee_count_each_body_once_by_its_display_name():
    items = [item(addressees=("npcc", "home_office")), item(addressees=("npcc", "npcc"), status="closed"),
             {**item(), "addressees": '["home_office"]'}, item(addressees=())]
    chart = charts.per_addressee(items, {"npcc": "the NPCC"})
    assert [(b.label, b.values) for b in chart.bars] == [("home office", (2, 0)), ("the NPCC", (1, 1))]


def test_the_status_chart_is_the_committee_table():
    table = [{"type": "Recommendation Level 2", "open": 3, "closed": 1, "total": 4},
             {"type": "AFI", "open": 0, "closed": 0, "total": 0}]
    chart = charts.status_chart(table)
    assert [(b.label, b.values) for b in chart.bars] == [("Recommendation Level 2", (3, 1)), ("AFI", (0, 0))]


def test_charts_over_a_database_agree_with_hmicfrs_status(db_path):  # noqa: F811
    db = store.connect(db_path, create=False)
    status, due, reports, addressees = charts.charts_for(db, TODAY)
    summary = track.status_summary(db, TODAY)
    assert [(b.label, b.values) for b in status.bars] == [(r["type"], (r["open"], r["closed"])) for r in summary["table"]]
    assert sum(b.values[0] for b in due.bars) == summary["overdue"]
    items = track.tracked_items(db, TODAY)
    assert sum(b.total for b in reports.bars) == len(items)
    assert sum(b.total for b in addressees.bars) == sum(len(set(i["addressees"])) for i in items)


# ---------------------------------------------------------------------------------------------
# Drawing


def test_the_svg_holds_a_bar_per_count_and_the_labels_escaped():
    chart = charts.per_report([item(report="Vetting & <misconduct>"), item(report="B", status="closed"), item(report="B")])
    svg = chart_draw.to_svg(chart)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    bars = re.findall(r'<rect class="bar"[^>]*><title>([^<]*)</title>', svg)
    assert bars == ["B: 1 open", "B: 1 closed", "Vetting &amp; &lt;misconduct&gt;: 1 open"]
    assert ">Vetting &amp; &lt;misconduct&gt;</text>" in svg and "<misconduct>" not in svg
    assert ">Items per report</text>" in svg and ">2</text>" in svg  # the title, and B's total


def test_an_empty_count_draws_no_bar_and_an_empty_chart_says_so():
    svg = chart_draw.to_svg(charts.status_chart([{"type": "AFI", "open": 0, "closed": 0, "total": 0}]))
    assert 'class="bar"' not in svg and ">AFI</text>" in svg
    assert ">No items with a due date.</text>" in chart_draw.to_svg(charts.due_per_month([], date(2024, 1, 1)))


def test_the_timeline_svg_marks_overdue_in_red_and_today():
    svg = chart_draw.to_svg(charts.due_per_month([item("2024-01-10"), item("2024-06-10")], date(2024, 3, 5)))
    overdue = re.findall(r'<rect class="bar"[^>]*fill="([^"]+)"><title>2024-01: 1 overdue</title>', svg)
    assert overdue == [chart_draw.COLOURS["Overdue"]]
    assert 'stroke-dasharray' in svg and ">today</text>" in svg


def test_long_labels_are_cut_and_kept_whole_in_the_tooltip():
    title = "A very long report title that goes on " * 3
    svg = chart_draw.to_svg(charts.per_report([item(report=title)]))
    assert "…</text>" in svg and f"<title>{' '.join(title.split())}: 1 open</title>" in svg.replace(title, " ".join(title.split()))


def test_the_png_is_the_same_drawing():
    pil = pytest.importorskip("PIL.Image")
    chart = charts.per_report([item(report="A"), item(report="B", status="closed")])
    image = pil.open(BytesIO(chart_draw.to_png(chart)))
    drawing = chart_draw.layout(chart)
    assert image.format == "PNG" and image.size == (drawing.width * 2, drawing.height * 2)
    bar = next(s for s in drawing.shapes if isinstance(s, chart_draw.Rect) and s.css == "bar")
    middle = (int((bar.x + bar.w / 2) * 2), int((bar.y + bar.h / 2) * 2))
    assert image.convert("RGB").getpixel(middle) == (0x1D, 0x4F, 0x91)  # the open colour, where the bar is


# ---------------------------------------------------------------------------------------------
# Where the charts appear


def test_the_html_brief_holds_the_charts_inline(db_path):  # noqa: F811
    page = to_html(_brief(db_path))
    svgs = re.findall(r'<figure class="chart"><svg[^>]*id="chart-(\w+)"', page)
    assert svgs == ["status", "due"]
    assert not re.search(r'<(?:link|script|img)\b|src=|url\(', page)  # still nothing fetched


def test_the_word_brief_holds_the_charts_as_pictures(db_path):  # noqa: F811
    docx = pytest.importorskip("docx")
    document = docx.Document(BytesIO(to_docx(_brief(db_path))))
    assert len(document.inline_shapes) == 2
    blobs = [document.part.related_parts[s._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
             for s in document.inline_shapes]
    assert all(b[:8] == b"\x89PNG\r\n\x1a\n" for b in blobs)


def test_the_datasette_charts_page(db_path):  # noqa: F811
    ds = serve.build_datasette(db_path)
    page = asyncio.run(ds.client.get("/-/hmicfrs/charts?today=2023-09-01"))
    assert page.status_code == 200, page.text
    assert re.findall(r'<svg[^>]*id="chart-(\w+)"', page.text) == ["status", "due", "reports", "addressees"]
    assert "<script src=" not in page.text.split("hmicfrs-charts", 1)[1]  # the charts need no script
    svg = asyncio.run(ds.client.get("/-/hmicfrs/charts/due.svg?today=2023-09-01"))
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.startswith("<svg") and 'class="bar"' in svg.text
    for path, status in (("/-/hmicfrs/charts/nope.svg", 404), ("/-/hmicfrs/charts?today=2023-13-01", 400),
                         ("/-/hmicfrs/charts?today=yesterday", 400)):
        assert asyncio.run(ds.client.get(path)).status_code == status, path
    home = asyncio.run(ds.client.get("/"))
    assert 'href="/-/hmicfrs/charts"' in home.text  # the menu's link
