"""Charts drawn as SVG (the Datasette page, the HTML brief) or PNG (the Word brief).

One layout, two painters: `layout` turns a `charts.Chart` into rectangles, lines and text at
pixel positions, and `to_svg` / `to_png` paint those same shapes, so the picture in the Word
paper is the picture in the browser. Drawn on the server with no script and nothing fetched,
so the pages work offline and print. Labels come from report titles (PDF text): the SVG escapes
them, and long ones are cut with an ellipsis (the full label stays in the bar's tooltip).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from io import BytesIO

from pipeline.brief.charts import CLOSED, OPEN, OVERDUE, Chart

COLOURS = {OPEN: "#1d4f91", CLOSED: "#9aa5b1", OVERDUE: "#b3261e"}
OTHER_COLOURS = ("#1d4f91", "#9aa5b1", "#b35c00", "#2e7d32")
INK, GRID, FONT = "#111111", "#dddddd", "Arial, Helvetica, sans-serif"
WIDTH = 680
LABEL_CHARS = 38


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    tip: str = ""  # the tooltip: what the bar counts
    css: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    dashed: bool = False


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start, middle or end, as SVG's text-anchor
    size: float = 12
    bold: bool = False
    fill: str = INK


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    title: str
    shapes: tuple


def colour(series: str, n: int) -> str:
    return COLOURS.get(series, OTHER_COLOURS[n % len(OTHER_COLOURS)])


def layout(chart: Chart) -> Drawing:
    return _columns(chart) if chart.vertical else _rows(chart)


def _legend(chart: Chart, y: float) -> list:
    shapes, x = [], 12.0
    for n, name in enumerate(chart.series):
        shapes += [Rect(x, y - 10, 12, 12, colour(name, n), css="legend"), Text(x + 16, y, name, size=12)]
        x += 28 + 7.5 * len(name)
    return shapes


def _rows(chart: Chart) -> Drawing:
    """One labelled horizontal bar per row, its parts stacked and its total at its end."""
    row_h, top, label_w = 24, 58, 250
    plot_w = WIDTH - label_w - 60
    most = max((b.total for b in chart.bars), default=0) or 1
    shapes: list = [Text(12, 22, chart.title, size=15, bold=True), *_legend(chart, 44)]
    for i, bar in enumerate(chart.bars):
        y = top + i * row_h
        shapes.append(Text(label_w - 8, y + 15, _cut(bar.label), anchor="end"))
        x = float(label_w)
        for n, (name, value) in enumerate(zip(chart.series, bar.values)):
            w = plot_w * value / most
            if value:
                shapes.append(Rect(x, y + 3, w, row_h - 6, colour(name, n), f"{bar.label}: {value} {name.lower()}", "bar"))
            x += w
        shapes.append(Text(x + 6, y + 15, str(bar.total), size=11))
    height = top + max(1, len(chart.bars)) * row_h + 12
    if not chart.bars:
        shapes.append(Text(label_w, top + 15, "No items."))
    if chart.note:
        shapes.append(Text(12, height + 4, chart.note, size=11))
        height += 16
    return Drawing(WIDTH, int(height), chart.title, tuple(shapes))


def _columns(chart: Chart) -> Drawing:
    """Columns along a time axis, stacked, with a dashed line at today's column."""
    left, top, plot_h = 44, 58, 200
    step = max(6.0, min(28.0, (WIDTH - left - 16) / max(1, len(chart.bars))))
    width = max(WIDTH, int(left + step * len(chart.bars) + 16))
    base = top + plot_h
    most = max((b.total for b in chart.bars), default=0) or 1
    shapes: list = [Text(12, 22, chart.title, size=15, bold=True), *_legend(chart, 44)]
    for tick in _ticks(most):
        y = base - plot_h * tick / most
        shapes += [Line(left, y, width - 12, y, GRID), Text(left - 6, y + 4, str(tick), anchor="end", size=10)]
    every = max(1, round(56 / step))  # a label about every 56 px
    for i, bar in enumerate(chart.bars):
        x = left + i * step
        y = float(base)
        for n, (name, value) in enumerate(zip(chart.series, bar.values)):
            h = plot_h * value / most
            if value:
                shapes.append(Rect(x + 1, y - h, step - 2, h, colour(name, n), f"{bar.label}: {value} {name.lower()}", "bar"))
            y -= h
        if i % every == 0:
            shapes.append(Text(x + step / 2, base + 16, bar.label, anchor="middle", size=10))
        if bar.label == chart.marker:
            shapes += [Line(x + step / 2, top - 4, x + step / 2, base, INK, dashed=True),
                       Text(x + step / 2 + 4, top + 6, "today", size=10)]
    shapes.append(Line(left, base, width - 12, base, INK))
    height = base + 28
    if not chart.bars:
        shapes.append(Text(left + 8, base - 8, "No items with a due date."))
    if chart.note:
        shapes.append(Text(12, height + 4, chart.note, size=11))
        height += 16
    return Drawing(width, int(height), chart.title, tuple(shapes))


def _ticks(most: int) -> list[int]:
    """About four round gridline values up to `most`."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        step = candidate
        if most / candidate <= 4:
            break
    return list(range(step, most + 1, step))


def _cut(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Painters


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def to_svg(chart: Chart) -> str:
    d = layout(chart)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="hmicfrs-chart" id="chart-{_e(chart.id)}" '
           f'width="{d.width}" height="{d.height}" viewBox="0 0 {d.width} {d.height}" role="img" '
           f'font-family="{FONT}"><title>{_e(d.title)}</title>']
    for s in d.shapes:
        if isinstance(s, Rect):
            tip = f"<title>{_e(s.tip)}</title>" if s.tip else ""
            css = f' class="{s.css}"' if s.css else ""
            out.append(f'<rect{css} x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" fill="{s.fill}">{tip}</rect>')
        elif isinstance(s, Line):
            dash = ' stroke-dasharray="4 3"' if s.dashed else ""
            out.append(f'<line x1="{s.x1:.1f}" y1="{s.y1:.1f}" x2="{s.x2:.1f}" y2="{s.y2:.1f}" stroke="{s.stroke}"{dash}/>')
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            out.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size:g}" text-anchor="{s.anchor}" '
                       f'fill="{s.fill}"{weight}>{_e(s.text)}</text>')
    out.append("</svg>")
    return "".join(out)


def to_png(chart: Chart, scale: int = 2) -> bytes:
    """The same drawing as a PNG (Pillow, which pdfplumber already needs), `scale` times the size."""
    from PIL import Image, ImageDraw, ImageFont

    d = layout(chart)
    image = Image.new("RGB", (d.width * scale, d.height * scale), "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[float, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for s in d.shapes:
        if isinstance(s, Rect):
            draw.rectangle([s.x * scale, s.y * scale, (s.x + s.w) * scale - 1, (s.y + s.h) * scale - 1], fill=s.fill)
        elif isinstance(s, Line):
            _line(draw, [c * scale for c in (s.x1, s.y1, s.x2, s.y2)], s.stroke, s.dashed, scale)
        else:
            size = s.size * scale
            font = fonts.get(size) or fonts.setdefault(size, ImageFont.load_default(size=size))
            draw.text((s.x * scale, s.y * scale), s.text, fill=s.fill, font=font, anchor=anchors[s.anchor],
                      stroke_width=1 if s.bold else 0, stroke_fill=s.fill)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _line(draw, coords: list[float], stroke: str, dashed: bool, width: int) -> None:
    if not dashed:
        draw.line(coords, fill=stroke, width=width)
        return
    x1, y1, x2, y2 = coords
    length = max(abs(x2 - x1), abs(y2 - y1)) or 1
    dash = 4 * width
    for start in range(0, int(length), 2 * dash):
        a, b = start / length, min(1.0, (start + dash) / length)
        draw.line([x1 + (x2 - x1) * a, y1 + (y2 - y1) * a, x1 + (x2 - x1) * b, y1 + (y2 - y1) * b], fill=stroke, width=width)
