"""Who an item asks and by when: the subjects of its modal verbs matched to known bodies, the
deadline that governs its action, the bodies a table's owner cell or a list's heading names, a
report's own force or service under its own name, and a coroner's recipients and response date
that apply to every concern.

Pure given the rules and the spaCy pipeline (whose "addressees" and "deadlines" spans it reads).
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Addressee, Deadline
from pipeline.rules import Rule, RuleSet
from pipeline.extract.addressees import CLAUSE_START, SubjectFinder, addressees_in, subject_span
from pipeline.extract.deadlines import NO_DEADLINE, deadline_from_span
from pipeline.extract.document_text import DocumentText
from pipeline.clean import slugify
from pipeline.extract.profile import Profile
from pipeline.extract.recipients import printed_due_date, sent_to

_DESCRIBES_NEED = re.compile(r"(?:needs|is\s+required)\b", re.IGNORECASE)
_SUBORDINATORS = {"how", "whether", "why", "where", "when", "what", "which", "that", "who", "whom", "if", "so"}
_JOINING_WORDS = {"with", "to", "by", "for", "of", "from", "and", "or", "the", "in", "on", "at", "as", "than", "via"}
_CLAUSE_OPENING = re.compile(
    r"^(?:.*(?:[.;:•]|\(\s*[a-z]{1,4}\s*\)))?\s*(?:(?:we\s+(?:\w+\s+)?recommend\s+that|that|and|but)\s*,?\s*)?$",
    re.IGNORECASE | re.DOTALL,
)


class WhoAndWhen:
    """Holds the compiled rules and the spaCy pipeline; reads addressees and deadlines."""

    def __init__(self, rules: RuleSet, nlp):
        self.rules = rules
        self.nlp = nlp
        self.finder = SubjectFinder(rules)
        # items.jsonl's rules by role, in file order: asked for about 20 times per item
        by_role: dict[str, list[Rule]] = {}
        for rule in rules.of("items.jsonl"):
            by_role.setdefault(rule.get("role"), []).append(rule)
        self._by_role = {role: tuple(found) for role, found in by_role.items()}

    def _role(self, role: str) -> tuple[Rule, ...]:
        return self._by_role.get(role, ())

    def _document_level(self, published: str | None, doc: DocumentText, profile: Profile):
        """Coroners' reports: the recipients and the response deadline apply to every concern."""
        if profile.addressees != "sent_to" and profile.deadline_scope != "document":
            return None
        parsed = self.nlp(doc.text)
        deadline = NO_DEADLINE
        if profile.deadline_scope == "document":
            for span in parsed.spans["deadlines"]:
                if span.label_ == "relative":
                    deadline = deadline_from_span(span, published, self.rules.by_id)
                    if deadline.date is None:
                        deadline = replace(deadline, date=printed_due_date(self._role, doc.text, span.end_char))
                    deadline = replace(deadline, start=None, end=None)
                    break
        addressees: list[Addressee] = []
        text = None
        if profile.addressees == "sent_to":
            addressees, text = sent_to(self._role, doc, parsed)
        return addressees, text, deadline

    def _named(self, phrase: str) -> tuple[list[Addressee], str] | None:
        """The bodies a phrase printed apart from the item names (a table's owner cell, a heading
        "Recommendations for chief constables"), or None where it names none."""
        phrase = " ".join(phrase.split())
        parsed_phrase = self.nlp(phrase)  # the spans live as long as their Doc
        found = addressees_in(list(parsed_phrase.spans["addressees"]), 0, len(phrase), phrase,
                              qualifiers=self.finder.qualifiers)
        if not found:
            return None
        return [replace(a, start=None, end=None) for a in found], phrase

    def _from_cells(self, published: str | None, doc, cells, addressees, addressee_text, deadline):
        """A table row: the owner cell names the addressees, the deadline cell the deadline (the
        item's own text may state neither)."""
        if "owner" in cells:
            addressees, addressee_text = self._named(doc.text[slice(*cells["owner"])]) or (addressees, addressee_text)
        if "deadline" in cells:
            printed = " ".join(doc.text[slice(*cells["deadline"])].split())
            parsed_cell = self.nlp(printed)  # the spans live as long as their Doc
            spans = list(parsed_cell.spans["deadlines"])
            if spans:
                deadline = replace(deadline_from_span(spans[0], published, self.rules.by_id), start=None, end=None)
        return addressees, addressee_text, deadline

    def _own_organisation(self, addressees: list[Addressee], named: str) -> list[Addressee]:
        """In a report on one force or service its own name stands for "the force" ("Northmoor
        Police should ..." in "An inspection of Northmoor Police"): the rule that named it says
        which id, and which words of the name to look for where the report names its subject
        (`named`: its title and cover, as a slug)."""
        if not named or not addressees:
            return addressees
        result: list[Addressee] = []
        for addressee in addressees:
            own = self._own_id(addressee.rule, addressee.text or "", named)
            if own:
                addressee = replace(addressee, id=own)
            if all(addressee.id is None or addressee.id != a.id for a in result):
                result.append(addressee)
        return result

    def _own_id(self, rule_id: str | None, printed: str, named: str) -> str | None:
        """The id a body's name stands for when the report is about that body ("force"), or None."""
        if not rule_id or not named:
            return None
        rule = self.rules.by_id(rule_id)
        own = rule.get("own")
        if not own:
            return None
        core = slugify(re.sub(str(rule.get("own_core", "$^")), "", printed, flags=re.IGNORECASE))
        return str(own) if core and f"_{core}_" in f"_{named}_" else None

    def _who_and_when(self, published: str | None, parsed, shared, kind):
        """Addressees: the subjects of every modal verb in the item, in order, no duplicates.
        Deadline: the first deadline phrase in a sentence with a modal verb."""
        if shared is not None:
            addressees, text, deadline = shared
            return list(addressees), text, deadline
        if kind in ("conclusion", "cause_of_concern") and not self.finder.modal_in(parsed.text):
            return [], None, NO_DEADLINE
        subjects: list[tuple[str, list[Addressee]]] = []
        deadline = NO_DEADLINE
        for sentence in parsed.sents:
            modals = self.finder.modals_in(sentence.text)
            if kind == "cause_of_concern":  # "The force needs to improve ..." states the concern
                modals = [m for m in modals if not _DESCRIBES_NEED.match(m.group(0))]
            if not modals or any(r.regex.search(sentence.text) for r in self._role("reported")):
                continue  # none, or reported: "In 2021 we said that forces should ..."
            base = sentence.start_char
            own = NO_DEADLINE
            for span in parsed.spans["deadlines"]:
                if base <= span.start_char < sentence.end_char and self._governs(sentence.text, span.start_char - base, modals):
                    own = deadline_from_span(span, published, self.rules.by_id)
                    break
            if deadline.kind == "none":
                deadline = own
            in_sentence = [s for s in parsed.spans["addressees"] if base <= s.start_char and s.end_char <= sentence.end_char]
            known = tuple((s.start_char - base, s.end_char - base) for s in in_sentence)
            previous_end = None
            for modal in modals:
                floor = self._clause_floor(sentence.text, previous_end, modal, known)
                previous_end = modal.end()
                if floor is None:
                    continue
                deadline_end = (own.end - base if own.end is not None and floor <= own.start - base
                                and own.start < base + modal.start() else None)
                start, end = subject_span(sentence.text, modal, self.finder, deadline_end, known, floor)
                subject = sentence.text[start:end]
                spans = [s for s in in_sentence if base + start <= s.start_char and s.end_char <= base + end]
                if spans and self.finder.opens_with_clause(subject[: spans[0].start_char - base - start]):
                    start = spans[0].start_char - base
                    subject = sentence.text[start:end]
                if not subject.strip():
                    continue
                addressees = addressees_in(spans, base + start, base + end, subject,
                                           qualifiers=self.finder.qualifiers)
                if addressees:
                    subjects.append((" ".join(subject.split()), addressees))
        if deadline.kind == "none" and not self.finder.modal_in(parsed.text):
            deadline = self._imperative_deadline(published, parsed)
        return _merge_subjects(subjects), ("; ".join(dict.fromkeys(t for t, _a in _kept(subjects))) or None), deadline

    def _imperative_deadline(self, published: str | None, parsed) -> Deadline:
        """An item that asks without a modal verb ("By April 2025, consider whether ...", "Review
        the guidance by 31 March 2025"): the deadline of its first sentence that gives an order."""
        for sentence in parsed.sents:
            if not any(r.regex.search(sentence.text) for r in self._role("imperative")):
                continue
            for span in parsed.spans["deadlines"]:
                if sentence.start_char <= span.start_char < sentence.end_char and not any(
                        r.regex.search(sentence.text[: span.start_char - sentence.start_char])
                        for r in self._role("deadline_context")):
                    return deadline_from_span(span, published, self.rules.by_id)
            break
        return NO_DEADLINE

    @staticmethod
    def _clause_floor(text: str, previous_end: int | None, modal, known=()) -> int | None:
        """Where the subject of this modal may start: the sentence start for its first modal; for a
        later one, the start of its own clause, or None where it shares the earlier subject. A list
        whose bullets were drawn as graphics runs its items together ("... publicly available NHS
        England should ..."): a named body right before the modal after a plain word starts one."""
        if previous_end is None or modal.group(0).lower().startswith(("we", "that")):
            return previous_end or 0
        clauses = list(CLAUSE_START.finditer(text, previous_end, modal.start()))
        if clauses:
            return clauses[-1].end()
        for start, end in known:
            if previous_end <= start and not text[end : modal.start()].strip():
                before = re.search(r"([A-Za-z]+)\s+$", text[previous_end:start])
                if before and before.group(1).lower() in _SUBORDINATORS:
                    return None  # "guidance on how forces should reassess": not the sentence's subject
                if before and before.group(1).islower() and before.group(1) not in _JOINING_WORDS:
                    return start
        return None

    def _governs(self, text: str, deadline_start: int, modals) -> bool:
        """A deadline governs the modal's action when it follows the modal or opens the clause
        ("By 31 March 2024, chief constables should"); "ICSs will develop strategies by
        December 2023 and the estate needs to ..." is narrative; "cases recorded before April
        2023" dates the cases, not the action."""
        if any(r.regex.search(text[:deadline_start]) for r in self._role("deadline_context")):
            return False
        if any(m.start() <= deadline_start for m in modals):
            return True
        return bool(_CLAUSE_OPENING.match(text[:deadline_start]))


def _kept(subjects):
    """The subjects that name a known body; where none does, the first one (an unknown body is
    kept for review, never dropped). "The framework should ..." after "The Government should
    ..." is a thing, not a second addressee."""
    known = [(text, found) for text, found in subjects if any(a.id for a in found)]
    return known or subjects[:1]


def _merge_subjects(subjects) -> list[Addressee]:
    merged: list[Addressee] = []
    for _text, found in _kept(subjects):
        for addressee in found:
            if addressee.id is None or all(addressee.id != a.id for a in merged):
                merged.append(addressee)
    return merged
