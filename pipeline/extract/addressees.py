"""Addressees: the bodies in the subject of the item's modal verb, as canonical ids."""
from __future__ import annotations

import re

from ..models import Addressee
from ..rules import RuleSet

# Words that join or qualify addressees without naming one.
_CONNECTOR_WORDS = re.compile(
    r"\b(?:and|or|and/or|the|all|each|every|their|its|where|appropriate|relevant|as|well|also|both|"
    r"together|jointly|respective|of|in|for|with|to|we|that|recommend|therefore|further|strongly|"
    r"then|should|shall|must|now|urgently)\b|[,;/()]",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(r"^(?:this|these|that|it|they|there|he|she|such|which|who|any|some)\b", re.IGNORECASE)


class SubjectFinder:
    def __init__(self, rules: RuleSet):
        items = rules.of("items.jsonl")
        self.modal = [r for r in items if r.get("role") == "modal"]
        self.partner = [r for r in items if r.get("role") == "partner"]
        self.lead = [r for r in items if r.get("role") == "subject_lead"]

    def opens_with_clause(self, text: str) -> bool:
        """"If it has not done so already the Government": a clause before the subject."""
        return any(rule.regex.search(text.strip()) for rule in self.lead)

    def modal_in(self, text: str) -> re.Match | None:
        best = None
        for rule in self.modal:
            match = rule.regex.search(text)
            if match and (best is None or match.start() < best.start()):
                best = match
        return best

    def partner_cut(self, text: str) -> int:
        cut = len(text)
        for rule in self.partner:
            match = rule.regex.search(text)
            if match:
                cut = min(cut, match.start())
        return cut


def subject_span(sentence_text: str, modal: re.Match, finder: SubjectFinder, deadline_end: int | None) -> tuple[int, int]:
    """Character span of the subject inside the sentence: before the modal, after a deadline clause."""
    if modal.group(0).lower().startswith("we"):
        start = modal.end()
        rest = sentence_text[start:]
        # "we recommend that the CPS publish ...": the subject runs to the first lower-case verb.
        verb = re.search(r"\s(?!and\b|or\b|of\b|for\b|the\b|in\b)[a-z]+(?:s|es)?\b", rest)
        end = start + (verb.start() if verb else len(rest))
    else:
        start, end = 0, modal.start()
        if deadline_end is not None and deadline_end <= end:
            start = deadline_end
        head = sentence_text[start:end]
        comma = head.rfind(",")
        # "By 31 March 2024, chief constables" / "In HSS the Post Office": drop a leading clause.
        if comma != -1 and comma < len(head) - 1 and not _ends_inside_list(head, comma):
            start += comma + 1
    cut = finder.partner_cut(sentence_text[start:end])
    end = start + cut
    while start < end and sentence_text[start] in " ,:;":
        start += 1
    while end > start and sentence_text[end - 1] in " ,:;":
        end -= 1
    return start, end


def _ends_inside_list(head: str, comma: int) -> bool:
    """"The Post Office, the Department and the Minister": a comma inside a list of bodies."""
    after = head[comma + 1 :]
    return bool(re.search(r"\b(?:and|or)\b", after)) and not re.match(r"\s*(?:by|within|with|in|from|once|after)\b", head, re.I)


def addressees_in(spans, subject_start: int, subject_end: int, subject_text: str, offset: int = 0) -> list[Addressee]:
    """Known bodies inside the subject in order, then whatever the rules did not recognise."""
    found: list[Addressee] = []
    seen: set[str] = set()
    leftover = list(subject_text)
    for span in spans:
        if span.start_char < subject_start or span.end_char > subject_end:
            continue
        for position in range(span.start_char - subject_start, span.end_char - subject_start):
            leftover[position] = " "
        if span.label_ in seen:
            continue
        seen.add(span.label_)
        found.append(
            Addressee(id=span.label_, text=span.text, rule=span._.rule_id,
                      start=span.start_char + offset, end=span.end_char + offset)
        )
    rest = _CONNECTOR_WORDS.sub(" ", "".join(leftover))
    words = [w for w in rest.split() if len(w) > 2 or w.isupper()]
    if words and not _PRONOUN_SUBJECT.match(subject_text.strip()):
        unknown = " ".join(" ".join(subject_text.split()).split())
        if not found:
            found.append(Addressee(id=None, text=unknown, rule=None))
        else:
            found.append(Addressee(id=None, text=" ".join(words), rule=None))
    return found
