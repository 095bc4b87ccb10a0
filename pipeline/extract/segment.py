"""Find where each item starts and ends in a report's joined text, using the rules in items.jsonl.

A single pass over the lines with a little state: the list section we are in (its kind and the
last number seen), the open item, the lead-in that governs bullets, the open cause of concern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.rules import Rule, RuleSet
from pipeline.extract.document_text import DocLine, DocumentText
from pipeline.extract.lines import (
    SUB_ITEM, has_text, heading_inside_item, heading_level, is_item_heading, number_value, outranks, stands_apart,
    sub_item_follows, wraps_heading,
)
from pipeline.extract.profile import Profile, choose_profile

__all__ = ["Profile", "Segment", "Segmenter", "choose_profile"]

_TITLE_LENGTH = 80
_TITLE_WORDS = 5
# A paragraph's last line, ending a sentence, fills less of the column than this.
_SHORT_LAST_LINE = 0.9
_CELL_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]?$")
_REPEATED_NUMBER = re.compile(r"^(\d{1,3})[.)]?\s+")
_OPENING_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]?\s+(?=[A-Z])")
# Kinds whose sections make each paragraph or bullet under them an item.
_PARAGRAPH_KINDS = ("recommendation", "area_for_improvement", "cause_of_concern", "tagged")


@dataclass
class Segment:
    """An item's place in the text: mutable while the pass builds it, frozen into Item later."""

    kind: str
    number: str | None
    label: str | None
    start: int
    body_start: int
    end: int
    rules: list[str]
    leadin: str | None = None
    leadin_rule: str | None = None
    parent: "Segment | None" = None
    has_body: bool = False
    section_kind: str | None = None
    marker_item: bool = False  # opened by a bullet in a list whose bullets are the items
    sub_items: bool = False  # has taken "(a)"/"(i)" sub-items
    headed: bool = False  # opened by an item heading ("Recommendation 3"), not a list number
    paragraph_item: bool = False  # a plain paragraph or bullet under a heading that names its kind
    box: tuple[int, int] | None = None  # the box its text is printed in
    list_id: int | None = None  # which list section it was found in
    roman_in_emphasised_list: bool = False  # set by typeface.py: a conclusion among emphasised items
    cells: dict[str, tuple[int, int]] | None = None  # a table row's other cells: "deadline", "owner"
    heading_addressee: str | None = None  # "Recommendations for chief constables": the list's addressee
    boxed_item: bool = False  # set apart by a box alone: an item only if it names a known body
    unheaded_list: bool = False  # in a numbered list under no heading (often a summary of the items)
    standalone: bool = False  # a paragraph of its own under no list heading: an item only if it opens with its own body
    split_from: "Segment | None" = None  # "5. The Home Office should:" whose "(b)" this is (number "5b")


def _box_holding(lines, index: int, consumed: int) -> tuple[int, int] | None:
    """The box a heading and the text after it share (a list set in a box), or None where the
    heading alone is boxed (a shaded heading band) or nothing is."""
    following = lines[index + max(consumed, 1)] if index + max(consumed, 1) < len(lines) else None
    box = lines[index].box
    return box if box is not None and following is not None and following.box == box else None


@dataclass
class _Section:
    kind: str
    rule: str
    last_number: int | None = None
    first_line: int = 0
    segments_before: int = 0
    paragraphs_fallback: bool = False
    style: str | None = None  # the numbering rule of the section's first item; the series keeps it
    heading_items: bool | None = None  # whether the first item's number was printed as a heading
    headed: bool = False  # its items carry their own headings ("Area for improvement 1"): no list numbers
    level: float | None = None  # type size of its heading, where the page kept its layout
    addressee: str | None = None  # the body its heading addresses its items to
    unheaded: bool = False  # found by its numbers alone, under no heading
    marker: str | None = None  # "bullet" or "plain": how its unnumbered items are set apart
    box: tuple[int, int] | None = None  # the box its heading is printed in: the list ends with the box
    page: int | None = None


@dataclass
class _State:
    section: _Section | None = None
    item: Segment | None = None
    leadin: tuple[str, str, str] | None = None  # (text, rule id, kind)
    cause: Segment | None = None
    paragraph_start: int = 0
    previous_ended_colon: bool = False
    segments: list[Segment] = field(default_factory=list)
    sections_seen: int = 0
    cell_number: tuple[int, int] | None = None  # a list number read from a cell of its own, and where


class Segmenter:
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

    def _first(self, role: str, text: str) -> tuple[Rule, re.Match] | None:
        for rule in self.by_role.get(role, []):
            match = rule.regex.search(text)
            if match:
                return rule, match
        return None

    def segment(self, doc: DocumentText, taken: set[int] = frozenset()) -> list[Segment]:
        """`taken`: lines read elsewhere (an item table): they end an open item and are skipped."""
        state = _State()
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

    def _end_section(self, state: _State, lines, index: int) -> None:
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

    def _step(self, state: _State, doc: DocumentText, lines, index: int, line: DocLine) -> int:
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
            self._open(state, doc, line, rule, match, str(rule.get("kind")), match.groupdict().get("number"), shift=shift)
            state.item.headed = True
            if state.section is not None:
                state.section.headed = True  # "1. Introduction" after the list is a chapter, not item 1
            return self._badge_number(state.item, lines, index)

        section, consumed = self._section_at(lines, index, line)
        if section:
            self._close(state, doc, line.start)
            rule, match = section
            self._end_section(state, lines, index)
            state.sections_seen += 1
            state.section = _Section(
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

    @staticmethod
    def _badge_number(item: Segment, lines, index: int) -> int:
        """"Area for improvement" over a number printed on its own in heading type (a badge): the
        number is the item's. Returns the lines taken (0 or 1)."""
        following = lines[index + 1] if index + 1 < len(lines) else None
        if item.number is not None or following is None or following.page != lines[index].page:
            return 0
        badge = _CELL_NUMBER.match(following.text.strip())
        # "1 The force should ...": the number opens the body's first line instead
        inline = None if following.heading else _OPENING_NUMBER.match(following.text)
        if not ((badge and following.heading) or inline):
            return 0
        item.number = (badge or inline).group(1)
        item.label = f"{item.label} {item.number}" if item.label else item.number
        item.body_start = following.end if badge else following.start + inline.end()
        return 0 if inline else 1

    def _states_its_own(self, rest: str) -> bool:
        """A bullet that opens with its own body asked to act ("The force should ..."), where a
        lead-in's bullets carry on its sentence ("make sure that ...")."""
        return rest[:1].isupper() and self._first("boxed", rest) is not None

    @staticmethod
    def _box_opening(lines, index: int, most: int = 4) -> list[DocLine]:
        """The first lines of the box's first paragraph: enough for its first sentence's subject."""
        opening = [lines[index]]
        for following in lines[index + 1 : index + most]:
            if following.box != lines[index].box or following.gap_before:
                break
            opening.append(following)
        return opening

    def _open_boxed(self, state: _State, line: DocLine, text: str) -> None:
        """A box that opens with a body asked to act ("Kestrelmoor Police should ...") sets an
        item apart though no heading names it; extraction keeps it only where that body is one
        the rules know."""
        found = self._first("boxed", text)
        if found:
            state.item = Segment(
                kind=str(found[0].get("kind", "recommendation")), number=None, label=None, start=line.start,
                body_start=line.start, end=line.end, rules=[found[0].id], has_body=True, box=line.box,
                boxed_item=True,
            )

    def _number_cell(self, state: _State, doc: DocumentText, lines, index: int, line: DocLine, text: str) -> bool:
        """A cell holding only a list number, beside the cell holding its text: keep the number for
        the next line."""
        cell = line.style.cell if line.style is not None else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        match = _CELL_NUMBER.match(text)
        if cell is None or match is None or following is None or following.style is None:
            return False
        beside = following.style.cell
        if beside is None or beside[:2] != cell[:2] or beside[2] != cell[2] + 1:
            return False
        self._close(state, doc, line.start)
        state.cell_number = (int(match.group(1)), line.start)
        return True

    def _titles_report(self, line: DocLine, text: str) -> bool:
        """The line is (part of) the report's own title, printed as its heading on the first page."""
        words = " ".join(text.lower().split())
        return bool(self.title) and line.heading and len(words.split()) >= _TITLE_WORDS and words in self.title

    def _section_at(self, lines, index: int, line: DocLine):
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

    def _continue_or_close(self, state: _State, doc: DocumentText, lines, index: int, line: DocLine) -> bool:
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
            self._to_leadin(state, doc)  # "We found the following areas for improvement:" heads a list
            return True
        if state.section and state.section.kind == "tagged" and (self._first("tag", text) or (
                self._first("item_end", text) and self._paragraph_ends(state, lines, index))):
            self._close(state, doc, line.end)
        state.previous_ended_colon = text.endswith(":")
        return True

    def _split_sub_item(self, state: _State, doc: DocumentText, line: DocLine, text: str) -> bool:
        """"5. By 31 March 2027, the Home Office should:" then "(a) ...", "(b) ...": the numbered
        paragraph only leads in (a `splits` lead-in rule), and each sub-item is item 5a, 5b ..."""
        marker = SUB_ITEM.match(text)
        item = state.item
        if marker is None or item is None:
            return False
        parent = item.split_from
        if parent is None:
            body = " ".join(doc.text[item.body_start : line.start].split())
            rule = next((r for r in self.by_role.get("leadin", []) if r.get("splits") and r.regex.search(body)), None)
            # under its own heading ("Recommendation 1 / Chief constables should: (a) ...") the
            # letters stay parts of the one item the heading numbers
            if rule is None or not item.number or item.sub_items or item.headed:
                return False
            # the lead-in is no item of its own: it is replaced below without being closed
            parent, item.leadin, item.leadin_rule = item, body, rule.id
        else:
            self._close(state, doc, line.start)
        state.item = Segment(
            kind=parent.kind, number=f"{parent.number}{marker.group(0).strip('()')}", label=None, start=line.start,
            body_start=line.start + marker.end(), end=line.end, rules=[*parent.rules, str(parent.leadin_rule)],
            leadin=parent.leadin, leadin_rule=parent.leadin_rule, parent=parent.parent, has_body=True,
            section_kind=parent.section_kind, headed=parent.headed, box=line.box, list_id=parent.list_id,
            split_from=parent,
        )
        return True

    def _new_page_item(self, state: _State, lines, index: int, text: str) -> bool:
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

    def _paragraph_ends(self, state: _State, lines, index: int) -> bool:
        following = lines[index + 1] if index + 1 < len(lines) else None
        return (following is None or following.gap_before or following.heading or following.page != lines[index].page
                or bool(self._numbered(state, following.text.strip())))

    def _continues(self, state: _State, text: str) -> bool:
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

    def _next_starts_item(self, state: _State, lines, index: int) -> bool:
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

    def _numbered(self, state: _State, text: str, restated: bool = False, in_cells: bool = False):
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

    def _numbered_line(self, state: _State, line: DocLine):
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

    def _maybe_start(self, state: _State, doc: DocumentText, line: DocLine, text: str) -> None:
        section = state.section
        numbered = self._numbered_line(state, line)
        cell_number = state.cell_number
        state.cell_number = None
        asks = self._first("boxed", text) if cell_number is not None and section is None else None
        if asks and cell_number[0] == 1:
            # a list numbered in a column of its own, under no heading, whose first entry asks a
            # body to act: a list of recommendations
            state.sections_seen += 1
            section = state.section = _Section(kind=str(asks[0].get("kind", "recommendation")), rule=asks[0].id,
                                               segments_before=len(state.segments), unheaded=True)
        if numbered is None and cell_number is not None and section is not None:
            # a list whose numbers stand in a column of their own ("1." | "By 31 January ..."):
            # the number and the text beside it are read as one numbered paragraph
            numbered = self._numbered(state, f"{cell_number[0]}. {text}", in_cells=True)
        if numbered and section:
            rule, match, value = numbered
            if value == section.last_number:
                self._drop_discussion(state, section, str(value))
            if section.style is None:
                self._close(state, doc, line.start)
                # a numbered list: the plain paragraphs before its first number introduce it
                state.segments = [s for s in state.segments if not (
                    s.list_id == state.sections_seen and s.paragraph_item and not s.marker_item)]
            section.last_number, section.style = value, rule.id
            if section.heading_items is None:
                section.heading_items = line.heading
            printed = match.group("number")
            counted = rule.get("counter") in ("letter", "roman")
            number = printed if counted or (printed[-1:].isdigit() and printed[:1].isdigit()) else str(value)
            label = " ".join(match.group(0).split()).replace(printed, number)
            leadin = state.leadin
            self._open(state, doc, line, rule, match, section.kind, number, label=label)
            if numbered and cell_number is not None and not rule.regex.search(text):
                state.item.start, state.item.body_start = cell_number[1], line.start
                state.item.has_body = True
            state.item.rules.insert(0, section.rule)
            state.item.box = line.box
            state.item.unheaded_list = section.unheaded
            if leadin is not None:  # "The force should:" then "(a) ...", "(b) ...": each is its own item
                state.leadin = leadin
                state.item.leadin, state.item.leadin_rule = leadin[0], leadin[1]
                state.item.rules.append(leadin[1])
            return
        in_context = (section is not None and section.kind in ("recommendation", "area_for_improvement")) or (
            state.cause is not None
        )
        leadin = self._first("leadin", text)
        if leadin and not in_context:
            state.leadin = None  # a lead-in outside any list: its bullets are not the last list's
        if leadin and in_context:
            paragraph = " ".join(doc.text[state.paragraph_start : line.end].split())
            label = self._first("paragraph_number", paragraph)  # "S8 To address this ...": the report's numbering
            kind = section.kind if section else "recommendation"
            state.leadin = (paragraph[label[1].end():] if label else paragraph, leadin[0].id, kind)
            return
        bullet = self._first("bullet", text)
        if bullet and state.leadin and self._states_its_own(text[bullet[1].end():]):
            state.leadin = None  # "• The force should ...": a bullet with its own subject is no lead-in's
        if bullet and state.leadin:
            leadin_text, leadin_rule, kind = state.leadin
            segment = Segment(
                kind=kind, number=None, label=None, start=line.start,
                body_start=line.start + bullet[1].end(), end=line.end,
                rules=[bullet[0].id, leadin_rule], leadin=leadin_text, leadin_rule=leadin_rule,
                parent=state.cause if kind == "recommendation" else None, has_body=True,
                section_kind=section.kind if section else None, box=line.box,
            )
            state.item = segment
            if section is not None:
                section.marker = "bullet"  # the list is bulleted: a plain paragraph after it is narrative
            return
        opens = line.gap_before or state.paragraph_start == line.start or bool(
            self._first("bullet", text) or self._first("paragraph_number", text))
        if (section and section.kind in _PARAGRAPH_KINDS and not line.heading and not section.headed
                and section.style is None and opens):
            self._open_paragraph(state, line, text)
            return
        if section and (line.gap_before or state.paragraph_start == line.start):
            for rule in self.by_role.get("unnumbered", []):
                match = rule.regex.search(text) if section.kind == rule.get("kind") else None
                if not match:
                    continue
                marker = bool(rule.get("marker"))  # the match is a bullet, not part of the text
                state.item = Segment(
                    kind=str(rule.get("kind")), number=None, label=None, start=line.start,
                    body_start=line.start + (match.end() if marker else 0), end=line.end,
                    rules=[section.rule, rule.id], has_body=True, section_kind=section.kind, marker_item=marker,
                    box=line.box,
                )
                break
        if (section is None and state.item is None and self.profile.own_findings and not line.heading
                and line.box is None and (line.style is None or line.style.cell is None)
                and (line.gap_before or state.paragraph_start == line.start)):
            found = self._first("boxed", text)
            if found and not text.endswith(":"):
                # a report on one force or service: "The service should ..." as a paragraph of its own
                # in the text is an area for improvement (where the report marks none otherwise, and
                # its subject is the force or service itself)
                state.item = Segment(
                    kind="area_for_improvement", number=None, label=None, start=line.start, body_start=line.start,
                    end=line.end, rules=[found[0].id], has_body=True, standalone=True,
                )
        if not line.heading:
            state.leadin = None if text.endswith(".") and state.leadin and not self._first("bullet", text) else state.leadin

    def _open_paragraph(self, state: _State, line: DocLine, text: str) -> None:
        """Under a heading that names a kind, each paragraph or bullet is an item of that kind,
        whatever its marker or verb; a margin label ("2.15") numbers the paragraph, not the item."""
        section = state.section
        bullet = self._first("bullet", text)
        label = None if bullet else self._first("paragraph_number", text)
        marker = "bullet" if bullet else "plain"
        if section.marker == "bullet" and marker == "plain":
            state.section = None  # narrative after a bulleted list: the list is over
            return
        if text.endswith(":"):
            return  # "We found these areas for improvement:" introduces the list
        section.marker = section.marker or marker
        found = bullet or label
        state.item = Segment(
            kind=section.kind, number=None, label=None, start=line.start,
            body_start=line.start + (found[1].end() if found else 0), end=line.end,
            rules=[section.rule, *([found[0].id] if found else [])],
            parent=state.cause if section.kind == "recommendation" else None, has_body=True,
            section_kind=section.kind, marker_item=bool(bullet), paragraph_item=True, box=line.box,
        )

    def _to_leadin(self, state: _State, doc: DocumentText) -> None:
        """A paragraph taken for an item ends with a colon: it introduces what follows. With a
        modal verb it is a lead-in whose addressee and deadline govern each bullet."""
        item = state.item
        state.item = None
        paragraph = " ".join(doc.text[item.body_start : item.end].split())
        leadin = self._first("leadin", paragraph)
        if leadin:
            state.leadin = (paragraph, leadin[0].id, item.kind)

    def _list_ends(self, item: Segment, lines, index: int) -> bool:
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

    @staticmethod
    def _box_continues(lines, index: int, item: Segment) -> bool:
        """A box split by a page break: the item's box ends its page and a box opens the next."""
        line, previous = lines[index], lines[index - 1] if index else None
        if item.box is None or line.box is None or previous is None or previous.page == line.page:
            return False
        if previous.box != item.box or line.page != item.box[0] + 1:
            return False
        item.box = line.box
        return True

    @staticmethod
    def _drop_discussion(state: _State, section: _Section, number: str) -> None:
        """The restated item replaces the heading that opened its discussion."""
        for position in range(len(state.segments) - 1, section.segments_before - 1, -1):
            if state.segments[position].number == number:
                del state.segments[position]
                return

    def _open(self, state, doc, line, rule, match, kind, number, label=None, shift: int = 0) -> None:
        self._close(state, doc, line.start)
        label_text = label or " ".join(match.group(0).strip().rstrip(":.–—-").split()) or None
        parent = state.cause if kind == "recommendation" else None
        segment = Segment(
            kind=kind, number=number, label=label_text, start=line.start,
            body_start=line.start + shift + match.end(), end=line.end, rules=[rule.id], parent=parent,
            # A heading line carries only the item's title; the body starts on a plain line.
            has_body=bool(line.text[shift + match.end():].strip()) and not line.heading,
            section_kind=state.section.kind if state.section else None, box=line.box,
        )
        state.item = segment
        state.leadin = None
        if kind == "cause_of_concern":
            state.cause = segment
        state.previous_ended_colon = line.text.rstrip().endswith(":")

    def _close(self, state: _State, doc: DocumentText, at: int) -> None:
        item = state.item
        if item is None:
            return
        state.item = None
        item.list_id = state.sections_seen if state.section is not None else None
        if state.section is not None and item.kind == state.section.kind:
            item.heading_addressee = state.section.addressee
        state.segments.append(item)
