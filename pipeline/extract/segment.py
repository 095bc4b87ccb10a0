"""Find where each item starts and ends in a report's joined text, using the rules in items.jsonl.

A single pass over the lines with a little state (segment_state.py): the list section we are in
(its kind and the last number seen), the open item, the lead-in that governs bullets, the open
cause of concern. This module runs the pass line by line and decides where sections and items
end; segment_open.py opens items, segment_signs.py answers what a line is.
"""
from __future__ import annotations

import re
from collections.abc import Set

from pipeline.extract.document_text import DocLine, DocumentText
from pipeline.extract.lines import (
    SUB_ITEM, has_text, heading_inside_item, heading_level, is_item_heading, outranks, sub_item_follows, wraps_heading,
)
from pipeline.extract.profile import Profile, choose_profile
from pipeline.extract.segment_open import ItemOpenings
from pipeline.extract.segment_state import Lines, Section, Segment, State

__all__ = ["Profile", "Segment", "Segmenter", "choose_profile"]

_REPEATED_NUMBER = re.compile(r"^(\d{1,3})[.)]?\s+")


def _box_holding(lines: Lines, index: int, consumed: int) -> tuple[int, int] | None:
    """The box a heading and the text after it share (a list set in a box), or None where the
    heading alone is boxed (a shaded heading band) or nothing is."""
    following = lines[index + max(consumed, 1)] if index + max(consumed, 1) < len(lines) else None
    box = lines[index].box
    return box if box is not None and following is not None and following.box == box else None


class Segmenter(ItemOpenings):
    """Runs the pass: segment() reads a report's lines into the Segments of its items."""

    def segment(self, doc: DocumentText, taken: Set[int] = frozenset()) -> list[Segment]:
        """`taken`: lines read elsewhere (an item table): they end an open item and are skipped."""
        state = State()
        lines = doc.lines
        skip = 0
        self.addressed_lines = {}
        for index, line in enumerate(lines):
            if index in taken:
                self._close(state, doc, line.start)
                if state.section is not None and state.section.addressee:
                    # a table under "Recommendations for chief constables": its rows are theirs
                    self.addressed_lines[line.start] = state.section.addressee
                continue
            if skip:
                skip -= 1
                continue
            skip = self._step(state, doc, lines, index, line)
        self._close(state, doc, len(doc.text))
        self._end_section(state, lines, len(lines))
        return state.segments

    def _end_section(self, state: State, lines: Lines, index: int) -> None:
        """A section that promised items but printed them as plain paragraphs (no number, no
        bullet): each paragraph after the section's standard wording is one item."""
        section = state.section
        state.section = None
        if section is None or not section.paragraphs_fallback or len(state.segments) > section.segments_before:
            return
        paragraph: list[DocLine] = []
        paragraphs: list[list[DocLine]] = []
        for line in lines[section.first_line + 1 : index]:
            if line.heading or line.gap_before or (paragraph and paragraph[-1].page != line.page and
                                                   paragraph[-1].text.rstrip().endswith(".")):
                if paragraph:
                    paragraphs.append(paragraph)
                paragraph = []
            if not line.heading:
                paragraph.append(line)
        if paragraph:
            paragraphs.append(paragraph)
        for members in paragraphs:
            text = " ".join(m.text.strip() for m in members)
            if self._first("preamble", text):
                continue
            state.segments.append(
                Segment(kind=section.kind, number=None, label=None, start=members[0].start,
                        body_start=members[0].start, end=members[-1].end, rules=[section.rule], has_body=True,
                        section_kind=section.kind)
            )

    # -- one line ------------------------------------------------------------------------------

    def _step(self, state: State, doc: DocumentText, lines: Lines, index: int, line: DocLine) -> int:
        text = line.text.strip()
        if line.gap_before or state.item is None:
            state.paragraph_start = line.start
        if self._first("stop", text):
            self._close(state, doc, line.start)
            self._end_section(state, lines, index)
            state.leadin, state.cause = None, None
            return 0

        if self._number_cell(state, doc, lines, index, line, text):
            return 0
        # "S8 Cause of concern: ...": a heading after the report's own paragraph number
        label = self._first("paragraph_number", text)
        shift = label[1].end() if label else 0
        heading = self._first("heading", text[shift:])
        repeated = _REPEATED_NUMBER.match(text)  # "8 Recommendation 8": the number set in the margin too
        if heading is None and repeated:
            heading = self._first("heading", text[repeated.end():])
            if heading and heading[1].groupdict().get("number") == repeated.group(1):
                shift = repeated.end()
            else:
                heading = None
        if heading and is_item_heading(lines, index, line, heading[1], shift) and not self._titles_report(line, text):
            rule, match = heading
            if self._first("reference", text):
                self._close(state, doc, line.start)
                return 0
            item = self._open(state, doc, line, rule, match, str(rule.get("kind")), match.groupdict().get("number"),
                              shift=shift)
            item.headed = True
            if state.section is not None:
                state.section.headed = True  # "1. Introduction" after the list is a chapter, not item 1
            return self._badge_number(item, lines, index)

        section, consumed = self._section_at(lines, index, line)
        if section:
            self._close(state, doc, line.start)
            rule, match = section
            self._end_section(state, lines, index)
            state.sections_seen += 1
            state.section = Section(
                kind=str(rule.get("kind")), rule=rule.id, first_line=index + consumed,
                segments_before=len(state.segments), paragraphs_fallback=bool(rule.get("paragraphs_fallback")),
                level=heading_level(line), addressee=match.groupdict().get("addressee"), page=line.page,
                box=_box_holding(lines, index, consumed),
            )
            state.leadin = None
            if state.section.kind != "recommendation":
                state.cause = None
            return consumed

        section = state.section
        if line.heading and section and not wraps_heading(lines, index) and (outranks(line, section.level, strictly=True) or (
                (self._first("chapter", text) or outranks(line, section.level)) and not self._numbered(state, text))):
            self._close(state, doc, line.start)
            self._end_section(state, lines, index)
            state.leadin = None
            return 0
        if section and section.box is not None and line.box is None and line.page == section.page:
            # "Areas for improvement" in a box: the text after the box is the report's narrative
            if state.item is not None and state.item.box is not None:
                self._close(state, doc, line.start)
            self._end_section(state, lines, index)
            state.leadin = None
        if self._continue_or_close(state, doc, lines, index, line):
            return 0
        box_opens = line.box is not None and (index == 0 or lines[index - 1].box != line.box)
        self._maybe_start(state, doc, line, text)
        if state.item is None and box_opens and not line.heading:
            self._open_boxed(state, line, " ".join(l.text.strip() for l in self._box_opening(lines, index)))
        state.previous_ended_colon = text.endswith(":")
        return 0

    def _continue_or_close(self, state: State, doc: DocumentText, lines: Lines, index: int, line: DocLine) -> bool:
        """True when the line was taken as part of the open item."""
        item = state.item
        if item is None:
            return False
        text = line.text.strip()
        numbered = self._numbered_line(state, line)
        bullet = self._first("bullet", text)
        if numbered or (bullet and ((item.leadin and state.leadin) or item.marker_item)):
            self._close(state, doc, line.start)
            return False
        label = self._first("paragraph_number", text)
        if label and item.headed and not item.has_body and not doc.text[item.body_start:line.start].strip():
            # "Recommendation 2" over "S13 The force should ...": the margin label numbers the
            # report's paragraph, not the item; the paragraph is the item's text.
            item.body_start, item.has_body, item.end, item.box = line.start + label[1].end(), True, line.end, line.box
            return True
        if label:
            self._close(state, doc, line.start)
            return False
        if self._split_sub_item(state, doc, line, text):
            return True
        if item.has_body and line.box != item.box and not self._box_continues(lines, index, item):
            self._close(state, doc, line.start)
            return False
        if self._new_page_item(state, lines, index, text):
            self._close(state, doc, line.start)
            state.paragraph_start = line.start
            return False
        if line.heading and has_text(item, lines, index) and not heading_inside_item(lines, index, text):
            section = state.section
            leads_in = self._first("leadin", text) is not None  # "We recommend that, within three months, the force:" in bold
            if section and not leads_in and (outranks(line, section.level) or (
                    not self._next_starts_item(state, lines, index) and self._heading_ends_section(text))):
                state.section = None
            self._close(state, doc, line.start)
            return False
        if line.gap_before and item.has_body and not self._continues(state, text):
            if not (item.sub_items and sub_item_follows(lines, index)):
                self._close(state, doc, line.start)
                return False
        if self._list_ends(item, lines, index):
            self._close(state, doc, line.start)
            state.leadin = None
            if state.section is not None and state.section.marker == "bullet":
                state.section = None
            return False
        if not line.heading or item.has_body or SUB_ITEM.match(text):
            if not item.has_body:
                item.box = line.box  # a heading over a box: the box holds the item's text
            item.has_body = True  # a boxed sub-item in heading type is body, not the item's title
        if SUB_ITEM.match(text):
            item.sub_items = True
        item.end = line.end
        if item.paragraph_item and text.endswith(":"):
            self._to_leadin(state, item, doc)  # "We found the following areas for improvement:" heads a list
            return True
        if state.section and state.section.kind == "tagged" and (self._first("tag", text) or (
                self._first("item_end", text) and self._paragraph_ends(state, lines, index))):
            self._close(state, doc, line.end)
        state.previous_ended_colon = text.endswith(":")
        return True

    @staticmethod
    def _box_continues(lines: Lines, index: int, item: Segment) -> bool:
        """A box split by a page break: the item's box ends its page and a box opens the next."""
        line, previous = lines[index], lines[index - 1] if index else None
        if item.box is None or line.box is None or previous is None or previous.page == line.page:
            return False
        if previous.box != item.box or line.page != item.box[0] + 1:
            return False
        item.box = line.box
        return True
