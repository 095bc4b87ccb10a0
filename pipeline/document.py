"""ParsedDocument -> CleanDocument: layout, furniture, cleaners and metadata in one pure step."""
from __future__ import annotations

from .clean import clean_text
from .errors import NoTextLayer
from .furniture import find_furniture
from .layout import lay_out_page
from .metadata import read_metadata
from .models import CleanDocument, CleanPage, Furniture, Line, ParsedDocument
from .rules import RuleSet

_MIN_TEXT_CHARS = 20
_HEADING_SIZE_RATIO = 1.12


def clean_document(parsed: ParsedDocument, rules: RuleSet) -> CleanDocument:
    laid_out = [lay_out_page(page) for page in parsed.pages]
    total_chars = sum(len(line.text) for page in laid_out for line in page.lines + page.footnote_lines)
    if total_chars < _MIN_TEXT_CHARS * max(1, len(laid_out)) // 4 or total_chars < _MIN_TEXT_CHARS:
        raise NoTextLayer("no text layer (needs OCR)")
    marks = find_furniture(laid_out)
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
        pages.append(
            CleanPage(
                number=page.number,
                text=clean_text(_join_lines(body)),
                footnotes=clean_text(_join_lines(notes)),
                columns=page.columns,
                footnote_markers=page.footnote_markers,
                headings=_headings(body),
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
    body_size = max(weights, key=weights.get)
    return tuple(
        clean_text(line.text)
        for line in lines
        if line.bold or line.size >= body_size * _HEADING_SIZE_RATIO
    )
