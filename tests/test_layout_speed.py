"""The fast gutter candidates and footnote-marker search give exactly what the plain scans gave.

layout._gutter_candidates and layout._split_markers were rewritten for speed (a third of ingest's
own time on long reports, issue 6); the plain versions below are the specification, including the
note number set alone between two lines.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.ingest import layout as layout
from pipeline.models import Word
from pipeline.ingest.pdf import parse_pdf
from pipeline.ingest.rows import printed_rows

REPO = Path(__file__).resolve().parents[1]


def plain_candidates(rows: list[list[Word]], width: float) -> list[float]:
    scored = []
    x = width * 0.3
    while x <= width * 0.7:
        crossing = sum(1 for row in rows if any(w.x0 < x < w.x1 for w in row))
        if crossing <= len(rows) * layout._MAX_SPANNING_SHARE:
            clear = [row for row in rows if not any(w.x0 < x < w.x1 for w in row)]
            left = sum(1 for row in clear if any(w.x1 <= x for w in row))
            right = sum(1 for row in clear if any(w.x0 >= x for w in row))
            if min(left, right) >= layout._MIN_COLUMN_LINES:
                scored.append((min(left, right) - crossing, x))
        x += 2.0
    return [x for _count, x in sorted(scored, key=lambda pair: -pair[0])]


def plain_between_lines(word: Word, words: list[Word], body_size: float) -> bool:
    if not (word.text.isdigit() and len(word.text) <= 3) or word.bold:
        return False
    if word.size > body_size * layout._LONE_MARKER_SIZE_RATIO:
        return False
    step = body_size * 1.6
    around = [o for o in words if o.size >= body_size * layout._MARKER_SIZE_RATIO and abs(o.top - word.top) <= step]
    if any(o is not word and abs(o.top - word.top) <= 2.0 for o in around):
        return False
    above = any(o.top < word.top - 2.0 and o.x0 - 3 <= word.x0 <= o.x1 + 3 for o in around)
    return above and any(o.top > word.top + 2.0 for o in around)


def plain_markers(words: list[Word], body_size: float) -> tuple[list[Word], list[str]]:
    kept, markers = [], []
    for word in words:
        if layout._is_marker(word, words, body_size) or plain_between_lines(word, words, body_size):
            markers.append(word.text)
        else:
            kept.append(word)
    return kept, markers


def random_page(seed: int) -> list[Word]:
    """Rows of words in one or two columns, with small numbers raised beside some words."""
    rng = random.Random(seed)
    words = []
    two_columns = rng.random() < 0.5
    for row in range(rng.randrange(3, 45)):
        top = 60 + row * 14 + rng.choice([0, 0, 0.3])
        spans = [(72, 280), (310, 523)] if two_columns and rng.random() < 0.85 else [(72, 523)]
        for start, end in spans:
            x = start + rng.choice([0, 0, 20])
            while x < end - 20:
                width = rng.uniform(8, 60)
                words.append(Word("word", round(x, 2), round(min(x + width, end), 2), top, top + 10, 10.0, False))
                if rng.random() < 0.05:
                    x1 = min(x + width, end)
                    words.append(Word(str(rng.randrange(1, 120)), round(x1 + rng.uniform(0, 4), 2),
                                      round(x1 + 6, 2), top - rng.uniform(-1, 4), top + 4, 6.5, False))
                x += width + rng.uniform(2, 12)
    return words


@pytest.mark.parametrize("seed", range(60))
def test_fast_layout_helpers_match_the_plain_scans_on_random_pages(seed):
    words = random_page(seed)
    rows = printed_rows(words)
    assert layout._gutter_candidates(rows, 595.0) == plain_candidates(rows, 595.0)
    assert layout._split_markers(words, 10.0) == plain_markers(words, 10.0)


@pytest.mark.slow  # parses real sample PDFs; the random pages above run in the fast set
def test_fast_layout_helpers_match_the_plain_scans_on_the_sample_reports():
    pages = [page for path in sorted((REPO / "corpus").glob("*.pdf"))[:2] for page in parse_pdf(path).pages]
    assert pages
    for page in pages:
        words = [w for w in page.words if w.text.strip()]
        if not words:
            continue
        rows = printed_rows(words)
        assert layout._gutter_candidates(rows, page.width) == plain_candidates(rows, page.width)
        body = layout._body_size(words)
        assert layout._split_markers(words, body) == plain_markers(words, body)
