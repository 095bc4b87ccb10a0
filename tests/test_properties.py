"""Property tests: every cleaner accepts any text without crashing and is idempotent.

Idempotence matters because page text may be cleaned again (re-ingest, a later stage re-running a
cleaner on stored text) and must not drift. The alphabet is biased towards the characters the
cleaners act on, so hypothesis reaches the interesting cases quickly.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clean import (
    CLEANERS,
    clean_text,
    collapse,
    normalise_glyphs,
    rejoin_hyphenation,
    strip_glued_footnote_markers,
    tidy_whitespace,
)

pytestmark = pytest.mark.slow  # many generated examples: `pytest -m "not slow"` skips it

FRAGMENTS = [
    "(cid:127)", "(cid:", ")", "-", "–", "\n", "\n\n", " ", "  ", "\t", "\u00a0", "\u00ad", "\u200b",
    "\ufb01", "\uf0b7", ".", ",", "”", "12", "3", "effec", "tive", "self", "re", "co", "e", "o",
    "services", "The", "COVID", "S", "4.12", "•", "(", "'",
    # pieces that straddle two cleaners' territory
    "-\n", "- \n", "\n ", " \n", "\u00ad\n", "(cid:1(cid:2))", ".12 ", "\n(cid:127)",
]

tricky_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40
).map("".join)
any_text = st.one_of(st.text(max_size=200), tricky_text)

CASES = [*CLEANERS, clean_text]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("cleaner", CASES, ids=lambda c: c.__name__)
@SETTINGS
@given(text=any_text)
def test_cleaner_is_idempotent(cleaner, text):
    once = cleaner(text)
    assert isinstance(once, str)
    assert cleaner(once) == once


@SETTINGS
@given(text=any_text)
def test_clean_text_output_is_tidy(text):
    cleaned = clean_text(text)
    assert "\n\n\n" not in cleaned
    assert not cleaned.startswith("\n") and not cleaned.endswith("\n")
    assert all(line == line.strip() for line in cleaned.split("\n"))


@SETTINGS
@given(text=any_text)
def test_cleaners_never_invent_letters(text):
    """Cleaning only removes, joins or normalises: no letter appears that was not there already
    (ligatures aside, which expand to their letters)."""
    source = normalise_glyphs(text)
    assert set(ch for ch in clean_text(text) if ch.isalpha()) <= set(ch for ch in source if ch.isalpha())


@SETTINGS
@given(text=any_text)
def test_collapse_is_one_line(text):
    assert "\n" not in collapse(text)
    assert collapse(collapse(text)) == collapse(text)


@pytest.mark.parametrize("cleaner", [rejoin_hyphenation, strip_glued_footnote_markers, tidy_whitespace])
@SETTINGS
@given(text=st.text(alphabet="abc XYZ.,-\n12", max_size=80))
def test_cleaners_keep_the_words(cleaner, text):
    """Apart from note numbers, the letters of the text survive in order."""
    letters = [ch for ch in text if ch.isalpha()]
    assert [ch for ch in cleaner(text) if ch.isalpha()] == letters


# Counterexamples found while writing these tests, kept so they are always tried.
REGRESSIONS = [
    "(cid:0(cid:0))",  # removing the inner glyph made a new one
    "effec- \ntive",  # the hyphen was only joined once the trailing space had been tidied away
    "effec-\n tive",
    "\u00a0(cid:127) x",  # a bullet indented with a no-break space
    "effec\u00ad\ntive",
]


@pytest.mark.parametrize("text", REGRESSIONS)
@pytest.mark.parametrize("cleaner", CASES, ids=lambda c: c.__name__)
def test_known_counterexamples_are_idempotent(cleaner, text):
    once = cleaner(text)
    assert cleaner(once) == once


# Layout and furniture take whatever geometry a PDF gives: they must never crash on it.
from pipeline.ingest.furniture import find_furniture  # noqa: E402
from pipeline.ingest.layout import lay_out_page  # noqa: E402
from pipeline.models import ParsedPage, Word  # noqa: E402


@st.composite
def words(draw):
    x0 = draw(st.floats(min_value=0, max_value=595, allow_nan=False))
    width = draw(st.one_of(st.just(0.0), st.floats(min_value=0, max_value=300, allow_nan=False)))
    top = draw(st.one_of(st.sampled_from([100.0, 114.0, 128.0, 800.0]), st.floats(min_value=0, max_value=842, allow_nan=False)))
    size = draw(st.sampled_from([6.0, 8.0, 10.0, 11.0, 24.0]))
    text = draw(st.sampled_from(["word", "12", "3", "Page", "iv", "The", "force,", "-", "•", "a"]))
    return Word(text, x0, x0 + width, top, top + size, size, draw(st.booleans()))


pages = st.lists(st.lists(words(), max_size=40), min_size=1, max_size=4).map(
    lambda pages: [ParsedPage(i + 1, 595.0, 842.0, tuple(ws)) for i, ws in enumerate(pages)]
)


def test_a_header_whose_words_cross_its_columns_heads_no_table():
    """Found by the property below: zero-width words where a header's cells start made its own
    row fail its columns, and the table code then crashed on it (an internal error at ingest)."""
    words = [Word("word", 0.0, 0.0, 100.0, 106.0, 6.0, False), Word("word", 5.0, 5.0, 0.0, 6.0, 6.0, False),
             Word("word", 0.0, 3.0, 0.0, 6.0, 6.0, False), Word("word", 0.0, 0.0, 0.0, 6.0, 6.0, False)]
    page = lay_out_page(ParsedPage(1, 595.0, 842.0, tuple(words)))
    assert sum(len(line.text.replace(" ", "")) for line in page.lines) == 16


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parsed=pages)
def test_layout_and_furniture_never_crash(parsed):
    laid = [lay_out_page(page) for page in parsed]
    for page, source in zip(laid, parsed):
        kept = sum(len(line.text.replace(" ", "")) for line in page.lines + page.footnote_lines)
        kept += sum(len(marker) for marker in page.footnote_markers)
        assert kept == sum(len(word.text) for word in source.words)  # no character lost or invented
    marks = find_furniture(laid)
    assert set(marks) == {page.number for page in laid}
