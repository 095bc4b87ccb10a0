"""`hmicfrs calendar`'s line folding and escaping, over any text (hypothesis).

Kept apart from test_calendar.py so the quick set (`-m "not slow"`) does not import hypothesis.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.brief.ical import MAX_OCTETS, escape_text, fold

pytestmark = pytest.mark.slow  # many generated examples, like tests/test_properties.py


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@given(st.text())
def test_any_text_folds_within_75_octets_and_round_trips(text):
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line)
    assert "\n" not in folded.replace("\r\n", "")
    assert all(len(part.encode("utf-8")) <= MAX_OCTETS for part in folded.split("\r\n"))
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", folded.replace("\r\n", ""))
    kept = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert _unescape(folded.replace("\r\n ", "")[len("DESCRIPTION:"):]) == kept
