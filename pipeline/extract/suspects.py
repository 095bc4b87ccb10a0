"""Suspected missed items: sentences that read like an item and are set apart like one, but that
no extracted item covers.

A sentence reads like an item when its subject is a body the addressee rules know ("the force",
"the College of Policing", "Northshire Police") and its verb is a modal ("should", "must", "needs
to"). It is set apart like an item when it opens a paragraph printed in heading type, a bullet,
the first paragraph under a heading, or a short paragraph of its own. Narrative that discusses
what bodies should do, quotations of earlier reports, contents pages, item text and reprints of
items are left alone: a suspect list a reviewer learns to ignore is no safety net.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Sequence

from pipeline.clean import collapse, rejoin_hyphenation
from pipeline.models import Item, Suspect
from pipeline.extract.addressees import SubjectFinder, addressees_in, subject_span
from pipeline.extract.completeness import Roles, contents_pages, is_title, item_offset, promising_headings, squash
from pipeline.extract.document_text import DocLine, DocumentText

_SHORT_CHARS = 350  # a paragraph this short, of at most two sentences, stands on its own
_SHORT_SENTENCES = 2
_UNDER_HEADING_SENTENCES = 3  # right under a heading: a few sentences, not a page of narrative
_LEAD_CHARS = 100  # "By 31 March 2025, " before the subject; longer is a clause of narrative
_TEXT_CHARS = 1500
_TITLE_CHARS = 60  # a heading line this short is a title, not the first line of a bold paragraph
_REPRINT_CHARS = 80
_SUBJECT_OPENERS = {"", "all", "each", "every", "both"}
_LOCAL_BODIES = {"force", "fire_and_rescue_services"}
_SENTENCE_END = re.compile(r"[.!?][”’\"')]*\s+(?=[A-Z“‘\"(•])")


@dataclass(frozen=True)
class _Paragraph:
    lines: tuple[DocLine, ...]
    first: int  # index of its first line in doc.lines

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def heading(self) -> bool:
        return all(line.heading for line in self.lines)


def find_suspects(report_id: str, doc: DocumentText, items: Sequence[Item], nlp, finder: SubjectFinder,
                  roles: Roles, printings: Sequence[tuple[int, int]] = ()) -> list[Suspect]:
    """`printings`: where other printings of the items stand (a summary list the items repeat),
    as offsets in the joined text: covered too."""
    skip = contents_pages(doc, roles)
    spans = [(item_offset(doc, i.page, i.start), item_offset(doc, i.page_end, i.end)) for i in items]
    spans += list(printings)
    texts = [squash(i.text) for i in items]
    kinds = {h.line.start: h.kind for h in promising_headings(doc, roles, skip)}
    bullets = list(roles("bullet"))
    quoting = [*roles("reported"), *roles("reference")]
    suspects: dict[str, Suspect] = {}
    paragraphs = _paragraphs(doc, bullets)
    for position, paragraph in enumerate(paragraphs):
        if paragraph.lines[0].page in skip:
            continue
        raw = doc.text[paragraph.start : paragraph.end]
        bullet = next((m for m in (r.regex.match(raw) for r in bullets) if m), None)
        body_start = paragraph.start + (bullet.end() if bullet else 0)
        first_end = _first_sentence_end(doc.text, body_start, paragraph.end)
        modal = finder.modal_in(doc.text[body_start:first_end])
        if modal is None:
            continue
        setting = _set_apart(doc, paragraph, bullet is not None, body_start)
        if setting is None or _covered(body_start, first_end, spans):
            continue
        previous = paragraphs[position - 1] if position else None
        if _quoted(doc, paragraph, previous, body_start, first_end, quoting):
            continue
        sentence = doc.text[body_start:first_end]
        if sentence.rstrip().endswith(":") and _leads_into_item(doc, paragraph, spans):
            continue  # "Within three months, the force should:" over bullets that are items
        if any(squash(sentence)[:_REPRINT_CHARS] in text for text in texts):
            continue  # an item printed again (a summary list, a chapter, a bold restatement)
        found = _item_like(sentence, nlp, finder)
        if found is None:
            continue
        subject, rule, ids = found
        text = collapse(rejoin_hyphenation(doc.text[body_start : paragraph.end]))[:_TEXT_CHARS]
        suspect_id = f"{report_id}-sus-{hashlib.sha1(_normalise(sentence)[:200].encode()).hexdigest()[:8]}"
        if suspect_id in suspects:
            continue  # the same sentence printed twice: one suspect
        page, start = doc.locate(body_start)
        page_end, end = doc.locate(paragraph.end)
        suspects[suspect_id] = Suspect(
            id=suspect_id, report_id=report_id, page=page, page_end=page_end, start=start, end=end, text=text,
            kind=_kind(doc, paragraph, kinds, ids), reason=f"“{subject} {modal.group(0)}” {setting}, outside every item",
            rule=rule,
        )
    return list(suspects.values())


def _paragraphs(doc: DocumentText, bullets) -> list[_Paragraph]:
    """Lines grouped into paragraphs: a gap, a change of type, a bullet or a finished sentence at a
    page break starts a new one."""
    paragraphs: list[_Paragraph] = []
    current: list[DocLine] = []
    first = 0
    for index, line in enumerate(doc.lines):
        previous = current[-1] if current else None
        new = (
            previous is None or line.gap_before or line.heading != previous.heading
            or any(r.regex.match(line.text.strip()) for r in bullets)
            or (line.page != previous.page and previous.text.rstrip()[-1:] in ".!?:")
            or (is_title(previous) and len(previous.text.strip()) < _TITLE_CHARS and line.text.strip()[:1].isupper())
        )
        if new and current:
            paragraphs.append(_Paragraph(tuple(current), first))
            current = []
        if not current:
            first = index
        current.append(line)
    if current:
        paragraphs.append(_Paragraph(tuple(current), first))
    return paragraphs


def _first_sentence_end(text: str, start: int, end: int) -> int:
    match = _SENTENCE_END.search(text, start, end)
    return match.start() + 1 if match else end


def _sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(" ".join(text.split()))) + 1


def _set_apart(doc: DocumentText, paragraph: _Paragraph, bullet: bool, body_start: int) -> str | None:
    """How the paragraph is set apart like an item, or None where it is running narrative."""
    raw = doc.text[body_start : paragraph.end]
    if paragraph.heading:
        return "in heading type"
    if bullet:
        return "as a bullet"
    above = doc.lines[paragraph.first - 1] if paragraph.first else None
    if above is not None and is_title(above) and _sentences(raw) <= _UNDER_HEADING_SENTENCES:
        return f"right under the heading “{' '.join(above.text.split())}”"
    if len(" ".join(raw.split())) <= _SHORT_CHARS and _sentences(raw) <= _SHORT_SENTENCES and (
            paragraph.lines[0].gap_before and _ends_paragraph(doc, paragraph)):
        return "in a short paragraph of its own"
    return None


def _ends_paragraph(doc: DocumentText, paragraph: _Paragraph) -> bool:
    index = paragraph.first + len(paragraph.lines)
    following = doc.lines[index] if index < len(doc.lines) else None
    return following is None or following.gap_before or following.heading or following.page != paragraph.lines[-1].page


def _covered(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _quoted(doc: DocumentText, paragraph: _Paragraph, previous: _Paragraph | None, start: int, end: int,
            quoting) -> bool:
    """Inside a quotation, or quoting what an earlier report said: "In 2021 we recommended that:"."""
    sentence = doc.text[start:end]
    if any(rule.regex.search(sentence) for rule in quoting):
        return True
    opened = doc.text[paragraph.start : start]
    if sentence.lstrip()[:1] in ("“", "‘", "\"") or opened.count("“") > opened.count("”"):
        return True
    if previous is not None:
        lead = doc.text[previous.start : previous.end]
        if lead.rstrip().endswith(":") or previous.heading:
            return any(rule.regex.search(lead) for rule in quoting)
    return False


def _leads_into_item(doc: DocumentText, paragraph: _Paragraph, spans) -> bool:
    index = paragraph.first + len(paragraph.lines)
    following = doc.lines[index] if index < len(doc.lines) else None
    return following is not None and _covered(following.start, following.end, spans)


def _item_like(sentence: str, nlp, finder: SubjectFinder) -> tuple[str, str | None, list[str]] | None:
    """(subject, addressee rule, ids) where the sentence's first modal verb has a known body as its
    whole subject, opening the sentence or after a short leading clause ("By March 2025, ...")."""
    text = " ".join(sentence.split())
    modal = finder.modal_in(text)
    if modal is None or text.endswith("?") or not text[:1].isupper():
        return None  # a question, or a sentence wrapped over from the paragraph before
    we_recommend = modal.group(0).lower().startswith("we")
    if not we_recommend and _leads_with_clause(text[: subject_span(text, modal, finder, None)[0]].strip()):
        return None  # decided before spaCy runs: named bodies only matter after "we recommend that"
    # Up to the modal verb is all that decides (the sentence's rest costs spaCy time for nothing).
    parsed = nlp(text if we_recommend else text[: modal.end()])
    known = tuple((s.start_char, s.end_char) for s in parsed.spans["addressees"])
    start, end = subject_span(text, modal, finder, None, known)
    lead_end = modal.start() if we_recommend else start
    lead = text[:lead_end].strip()
    if lead and (_leads_with_clause(lead) or not any(s.end_char <= lead_end for s in parsed.spans["deadlines"])):
        return None  # only a deadline may come first ("By March 2025, "): "When a suspect ..., forces should" is narrative
    spans = [s for s in parsed.spans["addressees"] if start <= s.start_char and s.end_char <= end]
    if not spans or text[start : spans[0].start_char].strip().lower() not in _SUBJECT_OPENERS:
        return None
    found = addressees_in(spans, start, end, text[start:end])
    if not found or any(a.id is None for a in found):
        return None  # "The force's approach to vetting should": the subject is not the body
    return text[start:end], spans[0]._.rule_id, [a.id for a in found if a.id]


def _leads_with_clause(lead: str) -> bool:
    """Something other than a short clause closed by a comma comes before the subject."""
    return bool(lead) and not (lead.endswith(",") and len(lead) <= _LEAD_CHARS)


def _kind(doc: DocumentText, paragraph: _Paragraph, kinds: dict[int, str], ids: list[str]) -> str:
    """The kind of the heading it sits under; else an area for improvement when it asks the force
    or service itself, a recommendation otherwise."""
    for index in range(paragraph.first - 1, -1, -1):
        line = doc.lines[index]
        if line.start in kinds:
            return kinds[line.start]
        if is_title(line):
            break
    return "area_for_improvement" if set(ids) <= _LOCAL_BODIES else "recommendation"


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
