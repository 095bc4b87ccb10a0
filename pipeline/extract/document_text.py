"""A report's stored pages as one text, so items can run across page breaks.

Offsets in the joined text map back to (page, offset in that page's stored text).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredPage:
    number: int
    text: str
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocLine:
    text: str
    start: int
    end: int
    page: int
    heading: bool
    gap_before: bool


@dataclass(frozen=True)
class DocumentText:
    text: str
    page_numbers: tuple[int, ...]
    page_starts: tuple[int, ...]
    lines: tuple[DocLine, ...]

    def locate(self, offset: int) -> tuple[int, int]:
        """(physical page number, offset within that page's text) for an offset in the whole text."""
        index = max(0, bisect.bisect_right(self.page_starts, offset) - 1)
        return self.page_numbers[index], offset - self.page_starts[index]


_PAGE_JOIN = "\n"


def join_pages(pages: list[StoredPage]) -> DocumentText:
    parts: list[str] = []
    starts: list[int] = []
    lines: list[DocLine] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        headings = set(page.headings)
        gap = True  # a page's first line may open a paragraph; the item logic decides
        position = offset
        for raw in page.text.split("\n"):
            if not raw.strip():
                gap = True
                position += len(raw) + 1
                continue
            lines.append(
                DocLine(
                    text=raw,
                    start=position,
                    end=position + len(raw),
                    page=page.number,
                    heading=raw in headings,
                    gap_before=gap and bool(lines) and lines[-1].page == page.number,
                )
            )
            gap = False
            position += len(raw) + 1
        parts.append(page.text)
        offset += len(page.text) + len(_PAGE_JOIN)
    return DocumentText(
        text=_PAGE_JOIN.join(parts),
        page_numbers=tuple(p.number for p in pages),
        page_starts=tuple(starts),
        lines=tuple(lines),
    )
