"""Running headers, footers and page numbers: lines that recur across pages in the same place.

They are taken out of the page text and returned as Furniture rows, so nothing is lost.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

from pipeline.models import Furniture, LaidOutPage, Line

_BAND = 0.13  # the top and bottom 13% of a page hold its furniture
_EDGE_LINES = 3  # how many lines at each end of a page may be furniture
# Furniture is printed in the same place on every page it is on: within 1% of the page height.
_SAME_PLACE = 0.01
# An edge line is running furniture when it recurs in place on this share of the pages (and on at
# least three: in a shorter document, or a form printed twice, a repeat is as likely to be body).
_EDGE_SHARE = 0.3
_MIN_REPEATS = 3
# A line anywhere else on the page must recur in place on half the pages of a 4+ page document,
# and on three at least: an item restated once, by chance at the same height, is body.
_ANYWHERE_SHARE = 0.5
_ANYWHERE_MIN_PAGES = 4
_ROMAN = r"(?=[ivxIVX])(?:x{0,3}(?:ix|iv|v?i{0,3})|X{0,3}(?:IX|IV|V?I{0,3}))"
_PAGE_NUMBER = re.compile(
    rf"^(?:(?i:page)\s+)?(?:\d{{1,4}}|{_ROMAN})(?:\s*(?:(?i:of)|/)\s*\d{{1,4}})?$|^[-–—]\s*\d{{1,4}}\s*[-–—]$"
)
_DIGITS = re.compile(r"\d+")
_LEADING_PAGE_NUMBER = re.compile(r"^\d{1,4}\s+(?=\S)")
_TRAILING_PAGE_NUMBER = re.compile(r"(?<=\S)\s+\d{1,4}$")


def furniture_key(text: str) -> str:
    """Lines equal but for their page number share a key: "12 Title", "Title 13" and "Title"."""
    text = text.strip()
    # One number at one end is the page number: "12 Annual report 2023" and "Annual report 2023 13".
    stripped = _LEADING_PAGE_NUMBER.sub("", text)
    text = stripped if stripped != text else _TRAILING_PAGE_NUMBER.sub("", text)
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def is_page_number(text: str) -> bool:
    text = text.strip()
    return bool(text) and bool(_PAGE_NUMBER.match(text))


def find_furniture(pages: list[LaidOutPage]) -> dict[int, dict[int, Furniture]]:
    """For each page number, the indexes (into body lines then footnote lines) that are furniture."""
    count = len(pages)
    edge_places: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    anywhere_places: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for position, _index, line in _edge_lines(page):
            edge_places[(position, furniture_key(line.text))].append((page.number, line.top / page.height))
        for line in page.lines:
            anywhere_places[furniture_key(line.text)].append((page.number, line.top / page.height))
    edge_threshold = max(_MIN_REPEATS, math.ceil(count * _EDGE_SHARE))
    anywhere_threshold = (
        max(_MIN_REPEATS, math.ceil(count * _ANYWHERE_SHARE)) if count >= _ANYWHERE_MIN_PAGES else count + 1
    )
    edge_pages = {key: _pages_in_place(places) for key, places in edge_places.items()}
    anywhere_pages = {key: _pages_in_place(places) for key, places in anywhere_places.items()}

    found: dict[int, dict[int, Furniture]] = {}
    for page in pages:
        marks: dict[int, Furniture] = {}
        for position, index, line in _edge_lines(page):
            key = furniture_key(line.text)
            if is_page_number(line.text):
                marks[index] = Furniture(page.number, position, "page_number", line.text)
            elif _has_letters(key) and _recurs(edge_pages[(position, key)], page.number, edge_threshold):
                marks[index] = Furniture(page.number, position, "running", line.text)
        for index, line in enumerate(page.lines):
            key = furniture_key(line.text)
            if index not in marks and _has_letters(key) and _recurs(anywhere_pages[key], page.number, anywhere_threshold):
                position = "header" if line.top < page.height / 2 else "footer"
                marks[index] = Furniture(page.number, position, "running", line.text)
        found[page.number] = marks
    return found


def _pages_in_place(places: list[tuple[int, float]]) -> set[int]:
    """The most pages on which the line is printed at (nearly) the same height."""
    best: set[int] = set()
    for _page, top in places:
        pages = {page for page, other in places if abs(other - top) <= _SAME_PLACE}
        if len(pages) > len(best):
            best = pages
    return best


def _recurs(pages: set[int], page: int, threshold: int) -> bool:
    return page in pages and len(pages) >= threshold


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
    # A footnote line can be a footer only when nothing of the body is printed below it: a note
    # that cites the same source on many pages ("12 Ibid.") sits above the page number.
    lowest_body = max((line.top for line in body), default=-1.0)
    combined: list[tuple[int, Line]] = list(enumerate(body)) + [
        (len(body) + i, line) for i, line in enumerate(page.footnote_lines) if line.top > lowest_body
    ]
    tail = sorted(combined, key=lambda pair: pair[1].top)[-_EDGE_LINES:]
    for index, line in tail:
        if line.bottom >= bottom_limit and index >= _EDGE_LINES or (
            line.bottom >= bottom_limit and line.top > top_limit
        ):
            yield "footer", index, line
