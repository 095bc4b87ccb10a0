"""What a line says to the segmenting pass, asked without changing anything: which rule of a role
it matches, whether it continues the list's number series, heads a section, ends a list, or
carries on the open item's paragraph.

The rules of items.jsonl are grouped by role once, here; the classes that open, close and run
the pass (segment_open.py, segment.py) build on these questions.
"""
from __future__ import annotations

import re

from pipeline.rules import Rule, RuleSet
from pipeline.extract.document_text import DocLine
from pipeline.extract.lines import SUB_ITEM, number_value, stands_apart, wraps_heading
from pipeline.extract.profile import Profile
from pipeline.extract.segment_state import Lines, Segment, State

_TITLE_LENGTH = 80
_TITLE_WORDS = 5
# A paragraph's last line, ending a sentence, fills less of the column than this.
_SHORT_LAST_LINE = 0.9

# A list entry's number: the numbering rule, its match and the number's value in the series.
Numbered = tuple[Rule, re.Match[str], int]


class LineSigns:
    """The items.jsonl rules by role, the report's profile and title, and the questions asked of a line."""

    def __init__(self, rules: RuleSet, profile: Profile, title: str | None = None):
        items = rules.of("items.jsonl")
        self.profile = profile
        # "Accelerated cause of concern: X's response to ..." titling a letter is no item's heading
        self.title = " ".join((title or "").lower().split())
        self.by_role: dict[str, list[Rule]] = {}
        for rule in items:
            self.by_role.setdefault(str(rule.get("role")), []).append(rule)
        # after segment(): the first line of each table row under a heading that addresses its list
        self.addressed_lines: dict[int, str] = {}

    def _first(self, role: str, text: str) -> tuple[Rule, re.Match[str]] | None:
        for rule in self.by_role.get(role, []):
            match = rule.regex.search(text)
            if match:
                return rule, match
        return None

    def _states_its_own(self, rest: str) -> bool:
        """A bullet that opens with its own body asked to act ("The force should ..."), where a
        lead-in's bullets carry on its sentence ("make sure that ...")."""
        return rest[:1].isupper() and self._first("boxed", rest) is not None

    def _titles_report(self, line: DocLine, text: str) -> bool:
        """The line is (part of) the report's own title, printed as its heading on the first page."""
        words = " ".join(text.lower().split())
        return bool(self.title) and line.heading and len(words.split()) >= _TITLE_WORDS and words in self.title

    def _section_at(self, lines: Lines, index: int, line: DocLine):
        text = line.text.strip()
        if text[:1].islower():  # a wrapped sentence that ends "... recommendations for X"
            return None, 0
        if not stands_apart(lines, index):
            return None, 0  # "Recommendations" in a contents list, or run into a paragraph
        # a heading wrapped over lines: "Recommendations for chief" / "constables"
        wrapped = [text]
        while line.heading and index + len(wrapped) < len(lines) and len(wrapped) < 3 \
                and wraps_heading(lines, index + len(wrapped)):
            wrapped.append(lines[index + len(wrapped)].text.strip())
        for count in range(len(wrapped), 0, -1):
            found = self._first("section", " ".join(wrapped[:count]))
            if found:
                return found, count - 1
        return None, 0

    def _new_page_item(self, state: State, lines: Lines, index: int, text: str) -> bool:
        """A page break hides the paragraph gap: a finished sentence, then on the next page a line
        that opens an unnumbered item of the section's kind ("The force should ...")."""
        previous, section = lines[index - 1] if index else None, state.section
        if previous is None or previous.page == lines[index].page or section is None:
            return False
        if previous.text.rstrip()[-1:] not in ".!?":
            return False
        # a numbered item whose last line stops short at the page foot: the paragraph ended there
        item = state.item
        if (item is not None and item.number and not item.headed and section.style is not None
                and self.profile.heading_paragraphs == "single"
                and previous.style is not None and previous.style.fill < _SHORT_LAST_LINE
                and not self._continues(state, text)):
            return True
        return any(r.get("kind") == section.kind and r.regex.search(text) for r in self.by_role.get("unnumbered", []))

    def _heading_ends_section(self, text: str) -> bool:
        """A list ends at the next heading; in long inquiry chapters only at a chapter heading."""
        if self.profile.heading_paragraphs != "until_heading":
            return True
        return bool(self._first("chapter", text))

    def _paragraph_ends(self, state: State, lines: Lines, index: int) -> bool:
        following = lines[index + 1] if index + 1 < len(lines) else None
        return (following is None or following.gap_before or following.heading or following.page != lines[index].page
                or bool(self._numbered(state, following.text.strip())))

    def _continues(self, state: State, text: str) -> bool:
        """A new paragraph inside an item: sub-items, bullets, lower-case runs, a list after a colon."""
        if state.previous_ended_colon or text[:1].islower():
            return True
        if SUB_ITEM.match(text):
            return True
        if self._first("bullet", text) and not (state.item and state.item.leadin):
            return True
        item = state.item
        # "until_heading": an item under its own heading runs on to the next heading
        if item and (item.section_kind is None or item.headed) and self.profile.heading_paragraphs == "until_heading":
            return True
        # "Recommendation 2" whose second paragraph asks for more ("The platforms must ...") goes on;
        # a paragraph that asks nothing after it is the report's narrative
        return bool(item and item.headed and item.number and self._first("modal", text))

    def _next_starts_item(self, state: State, lines: Lines, index: int) -> bool:
        """Whether the list goes on after this heading: past further headings and short
        subheadings in body type ("Applied research at a population level"), a next item."""
        for following in lines[index + 1 : index + 6]:
            text = following.text.strip()
            if self._numbered(state, text) or self._first("heading", text):
                return True
            if self._first("bullet", text) and state.section is not None:
                return True  # "Areas for improvement by pillar": a bulleted list under each subheading
            subheading = following.gap_before and len(text) < 80 and text[-1:] not in ".,;:"
            if not (following.heading or subheading):
                return False
        return False

    def _numbered(self, state: State, text: str, restated: bool = False, in_cells: bool = False) -> Numbered | None:
        """(rule, match, value) for a list paragraph's number that continues the section's series;
        with `restated`, also the last number again (an inquiry restating the item it discussed).
        Numbers in a column of their own (`in_cells`) count even under an item heading: that
        heading is the table's header ("Recommendation" over "1 | Chief constables should ...")."""
        section = state.section
        if section is None or (section.headed and not in_cells):
            return None
        for rule in self.by_role.get("numbered", []):
            sections = rule.get("sections")
            families = rule.get("families")
            if (sections and section.kind not in sections) or (section.style and rule.id != section.style):
                continue
            if families and self.profile.family not in families:
                continue
            match = rule.regex.search(text)
            if not match:
                continue
            value = number_value(match, bool(rule.get("ocr_digits")), str(rule.get("counter", "decimal")))
            last = section.last_number
            first = rule.get("starts_at")
            if value is not None and ((last is None and (first is None or value == first))
                                      or (last is not None and (value == last + 1 or (restated and value == last)))):
                return rule, match, value
        return None

    def _restates(self, line: DocLine) -> bool:
        """Inquiries print "N. Title" over the discussion and again over the recommendation itself."""
        return line.heading and self.profile.heading_paragraphs == "until_heading"

    def _numbered_line(self, state: State, line: DocLine) -> Numbered | None:
        """A numbered list paragraph; in inquiry chapters numbered like the list's first item
        (its number in heading type), so a quoted "5. ..." inside the discussion is not an item."""
        found = self._numbered(state, line.text.strip(), self._restates(line))
        section = state.section
        title = line.heading and len(line.text.strip()) < _TITLE_LENGTH and line.text.rstrip()[-1:] not in ".:;"
        if found and section is not None and section.heading_items is not None and line.heading != section.heading_items:
            # "4. Next steps" in heading type after items 1-3 in plain type is the next chapter.
            if self.profile.heading_paragraphs == "until_heading" or title:
                return None
        if found and title and section is not None and section.heading_items is None and section.marker == "bullet":
            return None  # "1. Introduction" after a bulleted list: the first chapter, not item 1
        return found

    def _list_ends(self, item: Segment, lines: Lines, index: int) -> bool:
        """Narrative set straight after a bulleted list, without a gap: the last bullet ended a
        sentence, and the next line starts one at the bullet's own indent, not under its text."""
        line, previous = lines[index], lines[index - 1]
        if not (item.marker_item or item.leadin) or line.style is None or previous.style is None:
            return False
        first = next((l for l in lines[max(0, index - 40) : index] if l.start == item.start), None)
        if first is None or first.style is None or self._first("bullet", line.text.strip()):
            return False
        ended = previous.text.rstrip()[-1:] in ".!?" and line.text.strip()[:1].isupper()
        return ended and abs(line.style.indent - first.style.indent) <= 1.0 and self._first("bullet", first.text.strip()) is not None
