"""Each text cleaner as a table of input -> expected output, near-misses included.

A near-miss is text that looks like what a cleaner removes or joins but must stay as it is.
"""
from __future__ import annotations

import pytest

from pipeline.clean import (
    clean_text,
    collapse,
    normalise_glyphs,
    rejoin_hyphenation,
    strip_glued_footnote_markers,
    tidy_whitespace,
)

NORMALISE_GLYPHS = [
    # pdfminer's "(cid:127)" is an unmapped bullet glyph: a bullet at a line start...
    ("(cid:127) Leaders should act", "• Leaders should act"),
    ("intro\n(cid:127)first\n  (cid:127) second", "intro\n• first\n  • second"),
    # ...indented with a no-break space, still a bullet
    ("\u00a0(cid:127) item", " • item"),
    # ...and noise anywhere else
    ("effec(cid:3)tive", "effective"),
    ("(cid:1(cid:2))x", "x"),
    # ligatures
    ("\ufb01nding \ufb02ow e\ufb00ect o\ufb03ce ba\ufb04e", "finding flow effect office baffle"),
    # private-use and geometric bullet glyphs
    ("\uf0b7 one\n\u25aa two\n\u25cf three", "• one\n• two\n• three"),
    # odd spaces and tabs become plain spaces; invisible characters go
    ("a\u00a0b\u2009c\td\u202fe", "a b c d e"),
    ("zero\u200bwidth\ufeff", "zerowidth"),
    # a soft hyphen inside a word disappears; at a line end it marks a hyphenation point
    ("effec\u00adtive", "effective"),
    ("effec\u00ad\ntive", "effec-\ntive"),
    # near-misses: ordinary text and ordinary bullets unchanged
    ("• already a bullet", "• already a bullet"),
    ("cid: 127 (not a glyph)", "cid: 127 (not a glyph)"),
    ("(cid:x) stays", "(cid:x) stays"),
    ("£1.5m – 2023–24 “quoted” ’s", "£1.5m – 2023–24 “quoted” ’s"),
    ("", ""),
]

REJOIN_HYPHENATION = [
    ("the effec-\ntive use", "the effective\nuse"),
    ("the effec-\ntive", "the effective"),
    ("effec-\ntiveness, of the", "effectiveness,\nof the"),
    ("(effec-\ntive)", "(effective)"),
    # a word broken twice
    ("in-\nvesti-\ngation", "investigation"),
    # spaces around the break do not matter
    ("effec- \n  tive use", "effective\nuse"),
    # ordinary syllables that look like prefixes are joined
    ("the re-\nport", "the report"),
    ("crime pre-\nvention", "crime prevention"),
    ("under-\nstanding", "understanding"),
    # compounds keep their hyphen
    ("a self-\nassessment of", "a self-assessment\nof"),
    ("staff well-\nbeing", "staff well-being"),
    ("non-\nexecutive directors", "non-executive\ndirectors"),
    ("co-\noperation", "co-operation"),
    ("re-\nengage with", "re-engage\nwith"),
    ("pre-\nexisting", "pre-existing"),
    # near-misses: unchanged
    ("2023–\n24", "2023–\n24"),  # an en dash in a year range
    ("2023-\n24", "2023-\n24"),  # digits are not a word
    ("COVID-\n19", "COVID-\n19"),
    ("NHS-\nEngland", "NHS-\nEngland"),  # upper-case head
    ("the effec-\nTive", "the effec-\nTive"),  # upper-case fragment: a new sentence or a name
    ("West Mercia -\nand others", "West Mercia -\nand others"),  # a dash after a space
    ("text ends -\nhere", "text ends -\nhere"),
    ("a well-\n\nbeing", "a well-\n\nbeing"),  # a blank line is a paragraph break, not a line break
    ("effec-", "effec-"),  # nothing to join with
    ("effec-\n• tive", "effec-\n• tive"),
    ("ends with well-known", "ends with well-known"),
    ("", ""),
]

STRIP_GLUED_FOOTNOTE_MARKERS = [
    ("across services.12 The force", "across services. The force"),
    ("as reported,3 the force", "as reported, the force"),
    ("the “review”4 found", "the “review” found"),
    ("its response.7", "its response."),
    ("the plan;12\nnext", "the plan;\nnext"),
    # near-misses: unchanged
    ("paragraph 4.12 says", "paragraph 4.12 says"),
    ("in S12 of the Act", "in S12 of the Act"),
    ("COVID-19 inquiry", "COVID-19 inquiry"),
    # A number after a year or a decimal ("1999.1") is left alone: it cannot be told from a
    # section number, and losing text is worse than keeping a stray marker.
    ("in 1999.1 The", "in 1999.1 The"),
    ("2023.1", "2023.1"),
    ("at 16.06 on", "at 16.06 on"),
    ("Recommendation 3.", "Recommendation 3."),
    ("the Act.123 more", "the Act.123 more"),  # three digits: not a note marker
    ("et al.12 more", "et al.12 more"),  # too short to be sure it is a word
    ("UK.12 next", "UK.12 next"),  # upper case: an abbreviation or a code
    ("services.12a", "services.12a"),
    ("", ""),
]

TIDY_WHITESPACE = [
    ("a  b   c", "a b c"),
    ("  leading and trailing  ", "leading and trailing"),
    ("one\n\n\n\ntwo", "one\n\ntwo"),
    ("\n\none\ntwo\n\n", "one\ntwo"),
    ("one \n \ntwo", "one\n\ntwo"),
    # near-misses: unchanged
    ("one\n\ntwo", "one\n\ntwo"),
    ("one\ntwo", "one\ntwo"),
    ("", ""),
]

CLEAN_TEXT = [
    (
        "(cid:127) Forces should im-\nprove their e\ufb00ective-\nness.12  Next\n\n\n",
        "• Forces should improve\ntheir effectiveness.\nNext",
    ),
    ("The self-\nassessment  was  done.", "The self-assessment\nwas done."),
    ("COVID-19 and S12 in 2023–24, para 4.12", "COVID-19 and S12 in 2023–24, para 4.12"),
    ("\u00a0\u00a0indented\u00a0text", "indented text"),
]


@pytest.mark.parametrize("text, expected", NORMALISE_GLYPHS)
def test_normalise_glyphs(text, expected):
    assert normalise_glyphs(text) == expected


@pytest.mark.parametrize("text, expected", REJOIN_HYPHENATION)
def test_rejoin_hyphenation(text, expected):
    assert rejoin_hyphenation(text) == expected


@pytest.mark.parametrize("text, expected", STRIP_GLUED_FOOTNOTE_MARKERS)
def test_strip_glued_footnote_markers(text, expected):
    assert strip_glued_footnote_markers(text) == expected


@pytest.mark.parametrize("text, expected", TIDY_WHITESPACE)
def test_tidy_whitespace(text, expected):
    assert tidy_whitespace(text) == expected


@pytest.mark.parametrize("text, expected", CLEAN_TEXT)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("one\ntwo  three\n\nfour", "one two three four"), ("", ""), ("  x  ", "x")],
)
def test_collapse(text, expected):
    assert collapse(text) == expected
