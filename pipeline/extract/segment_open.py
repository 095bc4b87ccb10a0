"""Opening and closing items in the segmenting pass: an item heading, a numbered list entry
(also one whose number stands in a cell of its own), a bullet under a lead-in ("The force
should:"), a paragraph under a heading that names its kind, a box or paragraph that asks a body
to act, and a lead-in's lettered sub-items split into items of their own ("5a", "5b").
"""
from __future__ import annotations

import re

from pipeline.rules import Rule
from pipeline.extract.document_text import DocLine, DocumentText
from pipeline.extract.lines import SUB_ITEM
from pipeline.extract.segment_signs import LineSigns, Numbered
from pipeline.extract.segment_state import LeadIn, Lines, Section, Segment, State

_CELL_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]?$")
_OPENING_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]?\s+(?=[A-Z])")
# Kinds whose sections make each paragraph or bullet under them an item.
_PARAGRAPH_KINDS = ("recommendation", "area_for_improvement", "cause_of_concern", "tagged")


class ItemOpenings(LineSigns):
    """Opens each kind of item into the pass's state, and closes the open one into its segments."""

    def _open(self, state: State, doc: DocumentText, line: DocLine, rule: Rule, match: re.Match[str], kind: str,
              number: str | None, label: str | None = None, shift: int = 0) -> Segment:
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
        return segment

    def _close(self, state: State, doc: DocumentText, at: int) -> None:
        item = state.item
        if item is None:
            return
        state.item = None
        item.list_id = state.sections_seen if state.section is not None else None
        if state.section is not None and item.kind == state.section.kind:
            item.heading_addressee = state.section.addressee
        state.segments.append(item)

    @staticmethod
    def _badge_number(item: Segment, lines: Lines, index: int) -> int:
        """"Area for improvement" over a number printed on its own in heading type (a badge): the
        number is the item's. Returns the lines taken (0 or 1)."""
        following = lines[index + 1] if index + 1 < len(lines) else None
        if item.number is not None or following is None or following.page != lines[index].page:
            return 0
        badge = _CELL_NUMBER.match(following.text.strip())
        # "1 The force should ...": the number opens the body's first line instead
        inline = None if following.heading else _OPENING_NUMBER.match(following.text)
        found = badge or inline  # never both: a badge is the whole line, an inline number has text after it
        if found is None or not ((badge and following.heading) or inline):
            return 0
        item.number = found.group(1)
        item.label = f"{item.label} {item.number}" if item.label else item.number
        if inline is not None:
            item.body_start = following.start + inline.end()
            return 0
        item.body_start = following.end
        return 1

    @staticmethod
    def _box_opening(lines: Lines, index: int, most: int = 4) -> list[DocLine]:
        """The first lines of the box's first paragraph: enough for its first sentence's subject."""
        opening = [lines[index]]
        for following in lines[index + 1 : index + most]:
            if following.box != lines[index].box or following.gap_before:
                break
            opening.append(following)
        return opening

    def _open_boxed(self, state: State, line: DocLine, text: str) -> None:
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

    def _number_cell(self, state: State, doc: DocumentText, lines: Lines, index: int, line: DocLine, text: str) -> bool:
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

    def _split_sub_item(self, state: State, doc: DocumentText, line: DocLine, text: str) -> bool:
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

    def _maybe_start(self, state: State, doc: DocumentText, line: DocLine, text: str) -> None:
        """A line no open item took: it may open one (a list entry, a bullet under a lead-in, a
        paragraph under a heading that names its kind, a paragraph that asks a body to act)."""
        section = state.section
        numbered = self._numbered_line(state, line)
        cell_number = state.cell_number
        state.cell_number = None
        asks = self._first("boxed", text) if cell_number is not None and section is None else None
        if asks and cell_number is not None and cell_number[0] == 1:
            # a list numbered in a column of its own, under no heading, whose first entry asks a
            # body to act: a list of recommendations
            state.sections_seen += 1
            section = state.section = Section(kind=str(asks[0].get("kind", "recommendation")), rule=asks[0].id,
                                               segments_before=len(state.segments), unheaded=True)
        if numbered is None and cell_number is not None and section is not None:
            # a list whose numbers stand in a column of their own ("1." | "By 31 January ..."):
            # the number and the text beside it are read as one numbered paragraph
            numbered = self._numbered(state, f"{cell_number[0]}. {text}", in_cells=True)
        if numbered and section:
            self._open_numbered(state, doc, line, text, section, numbered, cell_number)
            return
        if self._open_under_leadin(state, doc, line, text, section):
            return
        opens = line.gap_before or state.paragraph_start == line.start or bool(
            self._first("bullet", text) or self._first("paragraph_number", text))
        if (section and section.kind in _PARAGRAPH_KINDS and not line.heading and not section.headed
                and section.style is None and opens):
            self._open_paragraph(state, section, line, text)
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

    def _open_numbered(self, state: State, doc: DocumentText, line: DocLine, text: str, section: Section,
                       numbered: Numbered, cell_number: tuple[int, int] | None) -> None:
        """The next entry of the section's numbered list (its number in the text, or in a cell of
        its own before it); under a lead-in ("The force should:") it carries the lead-in too."""
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
        item = self._open(state, doc, line, rule, match, section.kind, number, label=label)
        if cell_number is not None and not rule.regex.search(text):
            item.start, item.body_start = cell_number[1], line.start
            item.has_body = True
        item.rules.insert(0, section.rule)
        item.box = line.box
        item.unheaded_list = section.unheaded
        if leadin is not None:  # "The force should:" then "(a) ...", "(b) ...": each is its own item
            state.leadin = leadin
            item.leadin, item.leadin_rule = leadin.text, leadin.rule
            item.rules.append(leadin.rule)

    def _open_under_leadin(self, state: State, doc: DocumentText, line: DocLine, text: str,
                           section: Section | None) -> bool:
        """A lead-in ("To address this, the force should:") in a list of recommendations or areas
        for improvement, or under a cause of concern, is remembered; each bullet after it is an
        item that carries it. True when the line was taken."""
        in_context = (section is not None and section.kind in ("recommendation", "area_for_improvement")) or (
            state.cause is not None
        )
        leadin = self._first("leadin", text)
        if leadin and not in_context:
            state.leadin = None  # a lead-in outside any list: its bullets are not the last list's
        if leadin and in_context:
            paragraph = " ".join(doc.text[state.paragraph_start : line.end].split())
            margin = self._first("paragraph_number", paragraph)  # "S8 To address this ...": the report's numbering
            kind = section.kind if section else "recommendation"
            state.leadin = LeadIn(paragraph[margin[1].end():] if margin else paragraph, leadin[0].id, kind)
            return True
        bullet = self._first("bullet", text)
        if bullet and state.leadin and self._states_its_own(text[bullet[1].end():]):
            state.leadin = None  # "• The force should ...": a bullet with its own subject is no lead-in's
        if bullet and state.leadin:
            held = state.leadin
            segment = Segment(
                kind=held.kind, number=None, label=None, start=line.start,
                body_start=line.start + bullet[1].end(), end=line.end,
                rules=[bullet[0].id, held.rule], leadin=held.text, leadin_rule=held.rule,
                parent=state.cause if held.kind == "recommendation" else None, has_body=True,
                section_kind=section.kind if section else None, box=line.box,
            )
            state.item = segment
            if section is not None:
                section.marker = "bullet"  # the list is bulleted: a plain paragraph after it is narrative
            return True
        return False

    def _open_paragraph(self, state: State, section: Section, line: DocLine, text: str) -> None:
        """Under a heading that names a kind, each paragraph or bullet is an item of that kind,
        whatever its marker or verb; a margin label ("2.15") numbers the paragraph, not the item."""
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

    def _to_leadin(self, state: State, item: Segment, doc: DocumentText) -> None:
        """A paragraph taken for an item (the open one) ends with a colon: it introduces what
        follows. With a modal verb it is a lead-in whose addressee and deadline govern each bullet."""
        state.item = None
        paragraph = " ".join(doc.text[item.body_start : item.end].split())
        leadin = self._first("leadin", paragraph)
        if leadin:
            state.leadin = LeadIn(paragraph, leadin[0].id, item.kind)

    @staticmethod
    def _drop_discussion(state: State, section: Section, number: str) -> None:
        """The restated item replaces the heading that opened its discussion."""
        for position in range(len(state.segments) - 1, section.segments_before - 1, -1):
            if state.segments[position].number == number:
                del state.segments[position]
                return
