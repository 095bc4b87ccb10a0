"""Addressees: the bodies in the subject of the item's modal verb, as canonical ids."""
from __future__ import annotations

import re

from pipeline.models import Addressee
from pipeline.rules import RuleSet

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
        self.qualifiers = [r for r in items if r.get("role") == "subject_qualifier"]

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

    def modals_in(self, text: str) -> list[re.Match]:
        """Every modal verb in the text, in order, without overlaps."""
        found = sorted((m for rule in self.modal for m in rule.regex.finditer(text)), key=lambda m: (m.start(), -m.end()))
        kept: list[re.Match] = []
        for match in found:
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        return kept

    def partner_cut(self, text: str) -> int:
        cut = len(text)
        for rule in self.partner:
            match = rule.regex.search(text)
            if match:
                cut = min(cut, match.start())
        return cut


_SUBORDINATE = re.compile(r"^(?:that|which|who|whom|whether|so\s+that)\b", re.IGNORECASE)
_NOT_A_VERB = {
    "and", "or", "of", "for", "the", "in", "its", "their", "all", "each", "every", "both", "relevant", "other",
    "further", "also", "therefore", "particular", "where", "appropriate", "as", "well", "a", "an", "new",
}
# "we urge X to ...": the subject ends at "to"; "we recommend that X ...": at X's verb.
_URGE = re.compile(r"\b(?:urge|urges|invite|invites|encourage|encourages|call\s+(?:up)?on|calls\s+(?:up)?on|ask|asks)\b", re.I)
_LEADING_CLAUSE = re.compile(
    r"^\s*,?\s*(?:(?:(?:by|before|within|from|after|once|when|following|in|at|during|no\s+later\s+than|as\s+soon\s+as)\b[^,]{0,80}"
    r"|immediately|urgently|now|with\s+immediate\s+effect),\s*)+",
    re.IGNORECASE,
)


# Where a later clause of the same sentence starts: "..., and the Department shall", "...: • The
# Government should", "(b) NHS Trusts should".
CLAUSE_START = re.compile(r"(?:[,;]\s*(?:and|but|while|whilst)\s+|[;:•]\s*|\(\s*[a-z]{1,2}\)\s*|\(\s*[ivx]{1,4}\)\s*)")


# Where the subject of a sentence's first modal can start at the latest: after a colon, a bullet,
# a sub-item marker, or an item title run into its first sentence ("... and resilience The UK
# government should"); and a parenthesis between commas (", including board members,") is no part.
_SUBJECT_OPENS = re.compile(
    r"(?:[;:•]\s*|\s[–—]\s|\(\s*[a-z]{1,2}\)\s*|\(\s*[ivx]{1,4}\)\s*|^\s*(?:[a-z]|[ivx]{1,4})\)\s*|"
    r"(?<=[A-Za-z0-9’”)])\s+(?=(?:The|All|Every|Each|Any|For|In|By|Within|During|Where|When|If|Once|As|"
    r"Following|While|Whilst|Although)\s))"
)
_PARENTHESIS = re.compile(r",\s*(?:including|such\s+as|in\s+particular|especially|notably|for\s+example)\b[^,]*,?\s*$", re.I)


def subject_span(sentence_text: str, modal: re.Match, finder: SubjectFinder, deadline_end: int | None,
                 known: tuple[tuple[int, int], ...] = (), floor: int = 0) -> tuple[int, int]:
    """Character span of the subject inside the sentence: before the modal, after a deadline clause;
    after "we recommend that" / "we urge", up to the subject's own verb. `known` are the spans of
    named bodies, whose words are never taken for the verb ("we urge ministers to")."""
    if modal.group(0).lower().startswith(("we", "that")):
        start = modal.end()
        lead = _LEADING_CLAUSE.match(sentence_text[start:])  # "that, by 31 March 2024, chief constables"
        if lead:
            start += lead.end()
        end = _verb_after(sentence_text, start, known, bool(_URGE.search(modal.group(0))))
    else:
        start, end = floor, modal.start()
        if deadline_end is not None and deadline_end <= end:
            start = deadline_end
        opens = list(_SUBJECT_OPENS.finditer(sentence_text, start, end))
        if opens and opens[-1].end() < end:
            start = opens[-1].end()
        parenthesis = _PARENTHESIS.search(sentence_text, start, end)
        limit = parenthesis.start() if parenthesis else end  # its commas do not end the subject
        # a partner clause opening the sentence ("Working with the College, chief constables
        # should") comes before the subject; one between commas ("X, working with Y, should") after it
        head = sentence_text[start:end]
        if finder.partner_cut(head) == len(head) - len(head.lstrip()) and "," in head:
            start += head.index(",") + 1
        end = start + finder.partner_cut(sentence_text[start:end])
        while end > start and sentence_text[end - 1] in " ,:;":
            end -= 1
        limit = min(limit, end)
        head = sentence_text[start:limit]
        comma = head.rfind(",")
        # "By 31 March 2024, chief constables" / "In HSS the Post Office": drop a leading clause.
        if comma != -1 and comma < len(head) - 1 and not _ends_inside_list(head, comma):
            start += comma + 1
        if _SUBORDINATE.match(sentence_text[start:end].strip()):
            return start, start  # "... the principle that ministers should": not the sentence's subject
    cut = finder.partner_cut(sentence_text[start:end])
    end = start + cut
    while start < end and sentence_text[start] in " ,:;":
        start += 1
    while end > start and sentence_text[end - 1] in " ,:;(–—":
        end -= 1
    return start, end


def _verb_after(text: str, start: int, known: tuple[tuple[int, int], ...], urge: bool) -> int:
    stops = [m.start() for m in re.finditer(r"\s(?:should|shall|must)\b|:", text[start:])][:1]
    if urge:
        stops += [m.start() for m in re.finditer(r"\sto\b", text[start:])][:1]
    limit = start + min(stops) if stops else len(text)
    for word in re.finditer(r"(?<![\w’'-])[a-z][a-z’'-]*\b", text[start:limit]):
        position = start + word.start()
        if word.group(0) in _NOT_A_VERB or any(a <= position < b for a, b in known):
            continue
        return position  # "we recommend that the Government appoint": its first lower-case word
    return limit


def _ends_inside_list(head: str, comma: int) -> bool:
    """"The Post Office, the Department and the Minister": a comma inside a list of bodies."""
    after = head[comma + 1 :]
    return bool(re.search(r"\b(?:and|or)\b", after)) and not re.match(r"\s*(?:by|within|with|in|from|once|after)\b", head, re.I)


# Where a subject lists bodies: "A, B and C", "A or B".
_LIST_SEPARATOR = re.compile(r"[,;]|\band/or\b|\band\b|\bor\b", re.IGNORECASE)
_KNOWN = "\x00"
_POSSESSIVE = re.compile(r"['’]s?\s+[a-z]")


def addressees_in(spans, subject_start: int, subject_end: int, subject_text: str, offset: int = 0,
                  qualifiers=()) -> list[Addressee]:
    """Known bodies inside the subject in order, then whatever the rules did not recognise: a
    piece of a list of bodies that holds no known one. Words beside a known body qualify it
    ("forces using the system that have not yet done so"); places qualify any ("in England")."""
    found: list[Addressee] = []
    seen: set[str] = set()
    leftover = list(subject_text)
    for span in spans:
        if span.start_char < subject_start or span.end_char > subject_end:
            continue
        if _POSSESSIVE.match(subject_text, span.end_char - subject_start):
            continue  # "the force’s approach should": the approach; "NHS England’s Transformation
            # Directorate", a part of the body, names it
        for position in range(span.start_char - subject_start, span.end_char - subject_start):
            leftover[position] = _KNOWN
        if span.label_ in seen:
            continue
        seen.add(span.label_)
        found.append(
            Addressee(id=span.label_, text=span.text, rule=span._.rule_id,
                      start=span.start_char + offset, end=span.end_char + offset)
        )
    masked = "".join(leftover)
    for rule in qualifiers:
        masked = rule.regex.sub(lambda m: " " * len(m.group(0)), masked)
    words = []
    for piece in _LIST_SEPARATOR.split(masked):
        if _KNOWN not in piece:
            words += [w for w in _CONNECTOR_WORDS.sub(" ", piece).split() if len(w) > 2 or w.isupper()]
    if words and not _PRONOUN_SUBJECT.match(subject_text.strip()):
        if not found:
            found.append(Addressee(id=None, text=" ".join(subject_text.split()), rule=None))
        else:
            found.append(Addressee(id=None, text=" ".join(words), rule=None))
    return found
