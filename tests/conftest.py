"""Shared helpers: synthetic words and lines for layout and furniture tests, tiny PDFs, paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import Extractor
from pipeline.models import LaidOutPage, Line, ParsedPage, Word
from pipeline.extract.nlp import build_nlp
from pipeline.rules import load_rules

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
REAL_CORPUS = SHARED / "corpus" / "real"

A4_WIDTH, A4_HEIGHT = 595.0, 842.0
# Helvetica-ish: a character is about half the font size wide; a space about a quarter.
CHAR_WIDTH = 0.5
SPACE_WIDTH = 0.25


def words_of(
    text: str, x0: float, top: float, size: float = 10.0, bold: bool = False
) -> list[Word]:
    """The words of one printed line starting at x0, laid out left to right."""
    words: list[Word] = []
    x = x0
    for token in text.split():
        width = len(token) * size * CHAR_WIDTH
        words.append(Word(token, round(x, 2), round(x + width, 2), top, top + size, size, bold))
        x += width + size * SPACE_WIDTH
    return words


def page_of(rows: list[list[Word]], number: int = 1, width: float = A4_WIDTH, height: float = A4_HEIGHT) -> ParsedPage:
    return ParsedPage(number, width, height, tuple(w for row in rows for w in row))


def line(text: str, top: float, size: float = 10.0, x0: float = 72.0, bold: bool = False, gap: bool = False) -> Line:
    return Line(text, top, top + size, x0, size, bold, 0, gap)


def laid_out(
    number: int, lines: list[Line], footnotes: list[Line] = (), height: float = A4_HEIGHT
) -> LaidOutPage:
    return LaidOutPage(number, A4_WIDTH, height, 1, tuple(lines), tuple(footnotes), ())


@pytest.fixture
def real_corpus() -> Path:
    if not REAL_CORPUS.is_dir():
        pytest.skip("the shared real corpus (../shared/corpus/real) is not available")
    return REAL_CORPUS


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The shipped rules and spaCy pipeline, built once for every extraction test."""
    rules = load_rules()
    return Extractor(rules, build_nlp(rules))
