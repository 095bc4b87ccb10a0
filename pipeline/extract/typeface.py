"""Typeface that tells items apart: a list that prints its recommendations in bold or italic and
its conclusions in roman says which is which only by the type."""
from __future__ import annotations

import bisect

from pipeline.extract.document_text import DocumentText

# Lists that mix conclusions with recommendations ("Conclusions and recommendations", "Findings and
# recommendations"): only there can the type tell them apart; in a list of recommendations a roman
# one is still a recommendation (an inquiry boxes some in bold and prints others plain).
_LIST_KINDS = ("tagged",)
# A subheading in italic ("Interventions and ethical acceptability") is no paragraph of the list.
_PARAGRAPH_WORDS = 6


def mark_roman_paragraphs(segments, doc: DocumentText) -> None:
    """Within one list, where some items are emphasised (most of their lines bold or italic) and
    others are not, set `roman_in_emphasised_list` on the others. A list whose items are all in
    one type, or a page without a stored layout, says nothing."""
    starts = [line.start for line in doc.lines]
    by_list: dict[int, list] = {}
    for segment in segments:
        words = len(doc.text[segment.body_start : segment.end].split())
        if segment.list_id is not None and segment.kind in _LIST_KINDS and not segment.headed and words >= _PARAGRAPH_WORDS:
            by_list.setdefault(segment.list_id, []).append(segment)
    for members in by_list.values():
        emphasis = [_emphasised(segment, doc, starts) for segment in members]
        if True in emphasis and False in emphasis:
            for segment, emphasised in zip(members, emphasis):
                segment.roman_in_emphasised_list = emphasised is False


def _emphasised(segment, doc: DocumentText, starts: list[int]) -> bool | None:
    first = max(0, bisect.bisect_right(starts, segment.body_start) - 1)
    last = bisect.bisect_right(starts, max(segment.body_start, segment.end - 1))
    styles = [line.style for line in doc.lines[first:last] if line.style is not None and line.end > segment.body_start]
    if not styles:
        return None
    return sum(1 for s in styles if s.bold or s.italic) * 2 > len(styles)
