"""Running headers, footers and page numbers: lines that recur across pages in the same place.

They are taken out of the page text and returned as Furniture rows, so nothing is lost.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

from .models import Furniture, LaidOutPage, Line

_BAND = 0.13  # the top and bottom 13% of a page hold its furniture
_EDGE_LINES = 3  # how many lines at each end of a page may be furniture
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def furniture_key(text: str) -> str:
    """Lines equal but for their page number share a key ("12 Title" and "13 Title")."""
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def find_furniture(pages: list[LaidOutPage]) -> dict[int, dict[int, Furniture]]:
    """For each page number, the indexes (into body lines then footnote lines) that are furniture."""
    count = len(pages)
    edge_keys: dict[tuple[str, str], set[int]] = defaultdict(set)
    anywhere: dict[str, set[int]] = defaultdict(set)
    for page in pages:
        for position, _index, line in _edge_lines(page):
            edge_keys[(position, furniture_key(line.text))].add(page.number)
        for line in page.lines:
            anywhere[furniture_key(line.text)].add(page.number)
    edge_threshold = max(2, math.ceil(count * 0.3)) if count >= 3 else count + 1
    global_threshold = math.ceil(count * 0.5) if count >= 4 else count + 1

    found: dict[int, dict[int, Furniture]] = {}
    for page in pages:
        marks: dict[int, Furniture] = {}
        for position, index, line in _edge_lines(page):
            key = furniture_key(line.text)
            if is_page_number(line.text):
                marks[index] = Furniture(page.number, position, "page_number", line.text)
            elif len(edge_keys[(position, key)]) >= edge_threshold and _has_letters(key):
                marks[index] = Furniture(page.number, position, "running", line.text)
        for index, line in enumerate(page.lines):
            key = furniture_key(line.text)
            if index not in marks and len(anywhere[key]) >= global_threshold and _has_letters(key):
                position = "header" if line.top < page.height / 2 else "footer"
                marks[index] = Furniture(page.number, position, "running", line.text)
        found[page.number] = marks
    return found


def _has_letters(key: str) -> bool:
    return any(ch.isalpha() for ch in key)


def _edge_lines(page: LaidOutPage):
    """(position, index, line) for lines near the top and bottom edges; footnote lines count too."""
    body = list(page.lines)
    top_limit = page.height * _BAND
    bottom_limit = page.height * (1 - _BAND)
    for index, line in enumerate(body[:_EDGE_LINES]):
        if line.top <= top_limit:
            yield "header", index, line
    combined: list[tuple[int, Line]] = list(enumerate(body)) + [
        (len(body) + i, line) for i, line in enumerate(page.footnote_lines)
    ]
    tail = sorted(combined, key=lambda pair: pair[1].top)[-_EDGE_LINES:]
    for index, line in tail:
        if line.bottom >= bottom_limit and index >= _EDGE_LINES or (
            line.bottom >= bottom_limit and line.top > top_limit
        ):
            yield "footer", index, line
