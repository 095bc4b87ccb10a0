"""Segments -> Items: text, one item per printed item, kinds, stable ids, doubts; addressees and
deadlines come from who_and_when.py."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.clean import collapse, rejoin_hyphenation
from pipeline.models import Addressee, CleanPage, Deadline, Item
from pipeline.rules import RuleSet
from pipeline.extract.completeness import ReportCheck, check_report
from pipeline.extract.deadlines import NO_DEADLINE
from pipeline.extract.definitions import find_aliases, with_aliases
from pipeline.extract.document_text import DocumentText, join_pages
from pipeline.extract.printings import number_from_titles, one_per_printed_item, stable_id
from pipeline.extract.recipients import report_date
from pipeline.extract.segment import Profile, Segment, Segmenter, choose_profile
from pipeline.extract.tables import table_segments
from pipeline.extract.typeface import mark_roman_paragraphs
from pipeline.extract.suspects import find_suspects
from pipeline.extract.who_and_when import WhoAndWhen
from pipeline.extract.wording import keep_compound_hyphens, restore_compound_hyphens
from pipeline.clean import slugify

_CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|…{2,}|\s)\s*\d{1,3}$")
_TEMPLATE_PLACEHOLDERS = 3
_LONG_ITEM = 4000
_COVER_WORDS = 60
# The ids a report on one force or service gives its subject ("the force", "the service").
_OWN_BODIES = ("force", "fire_and_rescue_services")
_TITLE_WORDS = 10


@dataclass(frozen=True)
class ReportInput:
    report_id: str
    published: str | None
    family: str
    pages: tuple[CleanPage, ...]
    title: str | None = None  # names the force or service a report on one of them is about


class Extractor(WhoAndWhen):
    """Holds the compiled rules and the spaCy pipeline; extract() is pure given those."""

    def __init__(self, rules: RuleSet, nlp):
        super().__init__(rules, nlp)
        self._named_by_form = frozenset(r.id for r in rules.of("addressees.jsonl") if r.get("fallback"))

    def extract(self, report: ReportInput) -> tuple[list[Item], ReportCheck]:
        profile = choose_profile(self.rules, report.family)
        doc = join_pages(list(report.pages))
        if report.published is None:
            report = replace(report, published=report_date(self._role, self.rules, doc))
        if not profile.extract:
            return [], self._check(report, doc, [], [f"{profile.id}: this family restates other reports' items"], False)
        placeholders = len({m for r in self._role("template_marker") for m in r.regex.findall(doc.text)})
        if placeholders >= _TEMPLATE_PLACEHOLDERS:
            # A blank form or specimen ("[NAME OF CORONER]", "[BRIEF SUMMARY OF ...]"): its example
            # wording is not anybody's finding.
            return [], self._check(report, doc, [], [f"a template: {placeholders} different placeholders, no items"], False)
        tabled, taken = table_segments(doc, self._role("table_column"), self._role("heading"))
        segmenter = Segmenter(self.rules, profile, report.title)
        segments = sorted(tabled + segmenter.segment(doc, taken), key=lambda s: s.start)
        for segment in tabled:
            segment.heading_addressee = segmenter.addressed_lines.get(segment.start, segment.heading_addressee)
        if any(s.kind == "area_for_improvement" and not s.standalone for s in segments):
            # a report that marks its areas for improvement (a heading, a list) marks them all: a
            # "The force should ..." paragraph elsewhere in its text is narrative (or a suspect)
            segments = [s for s in segments if not s.standalone]
        # a lead-in split into 5a, 5b ... is printed again whole elsewhere ("Recommendation 5"):
        # that printing is the same items
        split = {(s.kind, s.split_from.number) for s in segments if s.split_from is not None}
        segments = [s for s in segments if s.split_from is not None or (s.kind, s.number) not in split]
        mark_roman_paragraphs(segments, doc)
        drafts = [d for d in (self._draft(doc, s, profile) for s in segments) if d is not None]
        # every printing of an item (a summary list, a closing list) covers its text against suspects
        printings = [(s.start, s.end) for s, _body in drafts if not (s.boxed_item or s.standalone)]
        drafts = one_per_printed_item(drafts, self.finder.modal_in, self._role("cross_reference"))
        number_from_titles(drafts, [s for s in segments if s.headed and s.number and self._only_a_title(
            collapse(doc.text[s.body_start : s.end]))])
        shared = self._document_level(report.published, doc, profile)
        aliases = find_aliases([t for p in report.pages for t in (p.text, p.footnotes) if t], self.nlp,
                               self._role("definition"))
        items = self._finish(report, doc, drafts, profile, shared, aliases)
        return items, self._check(report, doc, items, [], printings=printings)

    # -- text ----------------------------------------------------------------------------------

    def _draft(self, doc: DocumentText, segment: Segment, profile: Profile):
        raw = keep_compound_hyphens(doc.text[segment.body_start : segment.end], self._lowered(doc))
        raw = restore_compound_hyphens(raw, self._lowered(doc, lines=True))
        body = collapse(rejoin_hyphenation(raw))
        if segment.leadin:
            body = f"{segment.leadin} {body}".strip()
        if not body or _looks_like_contents_entry(body) or (segment.headed and self._only_a_title(body)):
            return None  # "Recommendation 5 – social media" in a list of titles names an item printed elsewhere
        if any(r.get("scope") == "item" and r.regex.search(body) for r in self._role("reference")):
            return None  # an earlier report's item restated with its progress grade
        if _closes_a_quotation(body):
            return None  # "In the Interim Report, I made the following recommendations: “... ”"
        if segment.headed and self._subject_line(doc, segment):
            return None  # a letter's "Cause of concern: missing children" over "I am writing to tell you ..."
        if segment.paragraph_item and not self._reads_like_an_item(segment, body, profile):
            return None  # narrative under the list's heading, or "We found four areas for improvement."
        segment.kind = self._kind(segment, body, profile)
        if segment.kind == "conclusion" and not profile.conclusions:
            return None  # a finding, not something anyone is asked to do
        return segment, body

    def _subject_line(self, doc: DocumentText, segment: Segment) -> bool:
        """An item heading with a topic after it, over a paragraph that only says the writer found
        such an item (the item itself is printed further on), is a letter's subject line."""
        heading_end = doc.text.find("\n", segment.body_start, segment.end)
        if heading_end < 0 or not doc.text[segment.body_start : heading_end].strip():
            return False
        following = collapse(doc.text[heading_end : segment.end])
        first_sentence = re.split(r"(?<=[.!?])\s+", following, maxsplit=1)[0]
        asks = self.finder.modal_in(following) or any(r.regex.search(following) for r in self._role("imperative"))
        return not asks and any(r.regex.search(first_sentence) for r in self._role("section_intro"))

    def _only_a_title(self, body: str) -> bool:
        return (len(body.split()) < _TITLE_WORDS and body.rstrip()[-1:] not in ".;:!?”’)"
                and not self.finder.modal_in(body))

    def _reads_like_an_item(self, segment: Segment, body: str, profile: Profile) -> bool:
        """A plain paragraph under a heading that names its kind is an item when it asks for
        something (a modal verb, or an imperative: "Improve how ..."), or is set apart as one (a
        bullet or a margin label); a cause of concern states a failing, and a committee's
        conclusion a finding, so any paragraph is one. A paragraph that only introduces the list is none."""
        asks = bool(self.finder.modal_in(body)) or any(r.regex.search(body) for r in self._role("imperative"))
        if not asks and any(r.regex.search(body) for r in self._role("section_intro")):
            return False
        # a contents entry ("2.1 People’s Experiences") is set apart too, but says nothing
        sentence = body.rstrip()[-1:] in ".;:!?”’)"
        states = segment.kind == "cause_of_concern" or (segment.kind == "tagged" and profile.conclusions)
        return asks or (sentence and (states or len(segment.rules) > 1))

    def _lowered(self, doc: DocumentText, lines: bool = False) -> str:
        """The report's text in lower case (one line, or with its line breaks), for looking up
        how it spells a word."""
        if getattr(self, "_lowered_for", None) is not doc:
            self._lowered_for = doc
            self._lowered_lines = doc.text.lower()
            self._lowered_text = " ".join(self._lowered_lines.split())
        return self._lowered_lines if lines else self._lowered_text

    def _finish(self, report, doc, drafts, profile: Profile, shared, aliases=()) -> list[Item]:
        # Where a report on one force or service names it: its title and the head of its first page
        # (a cover, or a letter's addressee: "Chief Constable, Calderbrook Police").
        cover = " ".join(report.pages[0].text.split()[:_COVER_WORDS]) if len(report.pages) > 1 else ""
        own_names = slugify(f"{report.title or ''} {cover}")
        # "the MDP" short for the force the report is about is "the force" too
        aliases = [replace(a, id=self._own_id(a.body_rule, a.name, own_names) or a.id) for a in aliases]
        texts = [body for _segment, body in drafts]
        parsed_items = list(self.nlp.pipe(texts)) if texts else []
        for parsed in parsed_items:
            with_aliases(parsed, aliases)
        items: list[Item] = []
        ids: dict[int, str] = {}
        used: set[str] = set()
        # a cause of concern printed in full after its recommendations (a summary, then the
        # chapter) is still their parent: its id is known before they are
        for segment, body in drafts:
            if segment.kind == "cause_of_concern":
                ids[id(segment)] = stable_id(report.report_id, segment.kind, segment, body, segment.parent)
        for sequence, ((segment, body), parsed) in enumerate(zip(drafts, parsed_items), start=1):
            kind = segment.kind
            addressees, addressee_text, deadline = self._who_and_when(report.published, parsed, shared, kind)
            if segment.cells:
                addressees, addressee_text, deadline = self._from_cells(report.published, doc, segment.cells,
                                                                        addressees, addressee_text, deadline)
            if segment.heading_addressee and not any(a.id for a in addressees):
                addressees, addressee_text = self._named(segment.heading_addressee) or (addressees, addressee_text)
            addressees = self._own_organisation(addressees, own_names)
            if segment.standalone and not _opens_with_its_own_body(parsed, addressees):
                continue  # "Staff told us that the service should ...": narrative
            if segment.boxed_item:
                if not any(a.id for a in addressees):
                    continue  # a box of narrative that happens to open with "... should"
                if any(a.id in _OWN_BODIES for a in addressees) and profile.own_findings:
                    kind = segment.kind = "area_for_improvement"  # a report on one force: the force's own
            if kind == "tagged":  # a list that prints no tags
                kind = self._untagged_kind(profile, addressees, body)
                segment.kind = kind
            if kind == "conclusion":  # a finding asks nobody to do anything
                addressees, addressee_text, deadline = [], None, NO_DEADLINE
            parent_id = ids.get(id(segment.parent)) if segment.parent is not None else None
            item_id = stable_id(report.report_id, kind, segment, body, segment.parent)
            if item_id in used:  # two different items printed with one number: keep both, flag it
                item_id = f"{item_id}-{sequence}"
            used.add(item_id)
            ids[id(segment)] = item_id
            # the page where its text starts: a heading at the foot of the page before is not the print
            start_page, start_offset = doc.locate(segment.start)
            text_page, text_offset = doc.locate(_first_char(doc.text, segment.body_start, segment.end))
            if text_page != start_page:
                start_page, start_offset = text_page, text_offset
            end_page, end_offset = doc.locate(max(segment.start, segment.end))
            doubts = _doubts(addressees, deadline, body, report, self._named_by_form)
            items.append(
                Item(
                    id=item_id, report_id=report.report_id, kind=kind, number=segment.number,
                    label=segment.label, parent=parent_id, text=body, addressees=tuple(addressees),
                    addressee_text=addressee_text, deadline=deadline, page=start_page, page_end=end_page,
                    start=start_offset, end=end_offset,
                    rules=tuple(dict.fromkeys([profile.id, *segment.rules, *(a.rule for a in addressees if a.rule),
                                               *([deadline.rule] if deadline.rule else [])])),
                    sequence=sequence, doubts=tuple(doubts),
                )
            )
        return items

    def _untagged_kind(self, profile: Profile, addressees: list[Addressee], body: str) -> str:
        """Committees: a paragraph that asks someone to act is a recommendation, else a conclusion.
        Elsewhere (an inquiry chapter titled "Conclusions and recommendations") a recommendation."""
        if profile.untagged_kind != "by_request":
            return "recommendation"
        asks = any(a.id for a in addressees) or any(r.regex.search(body) for r in self._role("request"))
        return "recommendation" if asks else "conclusion"

    def _kind(self, segment: Segment, body: str, profile: Profile) -> str:
        if segment.kind == "tagged":
            for rule in self._role("tag"):
                match = rule.regex.search(body)
                if match:
                    return "conclusion" if match.group("tag").lower().startswith("conclusion") else "recommendation"
        if segment.roman_in_emphasised_list:
            return "conclusion"  # only the type tells it from the recommendations beside it
        if segment.kind != "tagged":
            return segment.kind
        # "by_request" is decided in _finish, from what the paragraph asks
        return "tagged" if profile.untagged_kind == "by_request" else "recommendation"

    def _check(self, report, doc: DocumentText, items: list[Item], notes: list[str], attempted=True,
               printings=()) -> ReportCheck:
        suspects = find_suspects(report.report_id, doc, items, self.nlp, self.finder, self._role,
                                 printings) if attempted else ()
        return check_report(report.report_id, doc, items, notes, self._role, report.family, attempted, suspects)


def _closes_a_quotation(body: str) -> bool:
    """The item ends a quotation opened before it: it quotes another report's item."""
    return body.count("”") > body.count("“") and body.rstrip().endswith("”")


def _looks_like_contents_entry(body: str) -> bool:
    return len(body) < 120 and bool(_CONTENTS_ENTRY.search(body))


def _doubts(addressees: list[Addressee], deadline: Deadline, body: str, report: ReportInput,
            named_by_form: frozenset = frozenset()) -> list[str]:
    doubts = [f"unknown addressee: {a.text}" for a in addressees if a.id is None]
    # a body known only by the form of its name ("the X Regulator"): its id is a guess to check
    doubts += [f"addressee named only by its form: {a.text} ({a.id})" for a in addressees if a.rule in named_by_form]
    if deadline.kind not in ("none", "immediate", "event") and deadline.date is None:
        doubts.append(f"deadline without a date: {deadline.text}")
    if len(body) > _LONG_ITEM:
        doubts.append("very long item: may have run past its end")
    return doubts


def _first_char(text: str, start: int, end: int) -> int:
    """Where the text between start and end begins, past blank space and line breaks."""
    while start < end and text[start].isspace():
        start += 1
    return start


def _opens_with_its_own_body(parsed, addressees: list[Addressee]) -> bool:
    """The paragraph opens with the report's own force or service asked to act ("The service should
    ...", "By 31 March 2025, Westmoor Fire and Rescue Service should ..."), not someone reporting it."""
    own = [a for a in addressees if a.id in _OWN_BODIES]
    if not own:
        return False
    body = parsed.text
    opening_deadline = [span for span in parsed.spans["deadlines"] if not body[: span.start_char].strip()]
    if opening_deadline:
        body = body[opening_deadline[0].end_char :].lstrip(" ,")
    the = re.compile(r"^the\s+")
    return the.sub("", body.lower()).startswith(the.sub("", own[0].text.lower()))
