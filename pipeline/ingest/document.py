"""ParsedDocument -> CleanDocument: layout, furniture, cleaners and metadata in one pure step."""
from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

from pipeline.clean import clean_text, collapse, normalise_glyphs
from pipeline.errors import NoTextLayer
from pipeline.ingest.furniture import find_furniture
from pipeline.ingest.layout import lay_out_page
from pipeline.ingest.metadata import read_metadata
from pipeline.models import CleanDocument, CleanPage, Furniture, Line, LineStyle, ParsedDocument
from pipeline.rules import RuleSet

_MIN_TEXT_CHARS = 20
_HEADING_SIZE_RATIO = 1.12


def clean_document(parsed: ParsedDocument, rules: RuleSet) -> CleanDocument:
    laid_out = [lay_out_page(page) for page in parsed.pages]
    total_chars = sum(len(line.text) for page in laid_out for line in page.lines + page.footnote_lines)
    if total_chars < _MIN_TEXT_CHARS * max(1, len(laid_out)) // 4 or total_chars < _MIN_TEXT_CHARS:
        raise NoTextLayer("no text layer (needs OCR)")
    marks = find_furniture(laid_out)
    body_size = _body_size([line for page in laid_out for line in page.lines])
    pages: list[CleanPage] = []
    furniture: list[Furniture] = []
    for page in laid_out:
        page_marks = marks.get(page.number, {})
        furniture.extend(page_marks[index] for index in sorted(page_marks))
        body = [line for index, line in enumerate(page.lines) if index not in page_marks]
        notes = [
            line
            for index, line in enumerate(page.footnote_lines, start=len(page.lines))
            if index not in page_marks
        ]
        text = clean_text(_join_lines(body))
        pages.append(
            CleanPage(
                number=page.number,
                text=text,
                footnotes=clean_text(_join_lines(notes)),
                columns=page.columns,
                footnote_markers=page.footnote_markers,
                headings=_headings(body),
                layout=_styles(text, body, body_size),
            )
        )
    meta = read_metadata(laid_out, parsed.metadata_title, rules)
    return CleanDocument(
        file=parsed.file,
        path=parsed.path,
        sha256=parsed.sha256,
        size_bytes=parsed.size_bytes,
        pages=tuple(pages),
        furniture=tuple(furniture),
        meta=meta,
    )


def _join_lines(lines: list[Line]) -> str:
    parts: list[str] = []
    for line in lines:
        if parts and line.gap_before:
            parts.append("")
        parts.append(line.text)
    return "\n".join(parts)


def _headings(lines: list[Line]) -> tuple[str, ...]:
    if not lines:
        return ()
    weights: dict[float, int] = {}
    for line in lines:
        weights[round(line.size, 1)] = weights.get(round(line.size, 1), 0) + len(line.text)
    body_size = max(weights, key=weights.__getitem__)
    return tuple(
        clean_text(line.text)
        for line in lines
        if line.bold or line.size >= body_size * _HEADING_SIZE_RATIO
    )


def _body_size(lines: list[Line]) -> float:
    """The report's body type size: the size most of its characters are printed in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _styles(text: str, lines: list[Line], body_size: float) -> tuple[LineStyle, ...]:
    """One LineStyle per non-empty line of the cleaned text. Cleaning may move a hyphenated
    fragment up a line (and drop the line it leaves empty), so cleaned lines are matched back to
    printed lines in order."""
    frames = _frames(lines)
    printed = [_style(line, frames[_frame_key(line)], body_size) for line in lines]
    keys = [collapse(normalise_glyphs(line.text)) for line in lines]
    cleaned = [collapse(line) for line in text.split("\n") if line.strip()]
    styles: list[LineStyle] = []
    matcher = SequenceMatcher(None, keys, cleaned, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(j2 - j1):
            styles.append(printed[min(i1 + offset, i2 - 1)] if i2 > i1 else LineStyle())
    return tuple(styles)


def _frame_key(line: Line) -> tuple:
    if line.cell is not None:
        return ("cell", line.cell)
    return ("box", line.box) if line.box is not None else ("column", line.column)


def _frames(lines: list[Line]) -> dict[tuple, tuple[float, float]]:
    """The usual left edge and the right edge of the text each line is set in: its box, or its
    column (two-column pages), or the page."""
    groups: dict[tuple, list[Line]] = {}
    for line in lines:
        groups.setdefault(_frame_key(line), []).append(line)
    frames = {}
    for key, members in groups.items():
        edges = Counter(round(line.x0) for line in members)
        frames[key] = (float(edges.most_common(1)[0][0]), max(line.x1 for line in members))
    return frames


def _style(line: Line, frame: tuple[float, float], body_size: float) -> LineStyle:
    left, right = frame
    width = right - left
    return LineStyle(
        indent=round(line.x0 - left, 1),
        fill=round((line.x1 - left) / width, 2) if width > 0 else 1.0,
        size=round(line.size / body_size, 2) if body_size else 1.0,
        bold=line.bold,
        italic=line.italic,
        box=line.box,
        column=line.column,
        cell=line.cell,
        lead=line.lead,
    )
