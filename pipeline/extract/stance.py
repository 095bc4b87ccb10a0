"""A response's stance on the item it answers, from the `stance` rules of rules/stances.jsonl.

A reply states its decision up front ("The government accepts this recommendation in principle.")
and then explains; a phrase further down ("the Department has considered these
recommendations") is narrative about something else. So only the first sentences of a reply are
read, and the first sentence that states a stance decides it. Where one sentence states two
("These recommendations are accepted in principle by the UK Government ... accepted in full by
the Welsh Government"), the rule of lowest priority wins: rules are ordered from the most specific
("not accepted" before "accepted", "accepted in principle" before "accepted") and the first
government named is the one the reply is from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.rules import RuleSet

# How far into a reply a stance is looked for: its opening sentences.
STANCE_SENTENCES = 3
# A sentence ends at a full stop, question or exclamation mark followed by a space, or a line
# break before a capital after a full stop; abbreviations are rare in replies' opening sentences.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[A-Z0-9(‘“\"'])")


@dataclass(frozen=True)
class Stance:
    stance: str | None  # one of models.STANCES, None where no sentence states one
    text: str | None  # the phrase that states it, as printed
    rule: str | None
    start: int | None = None  # offsets of the phrase in the reply text
    end: int | None = None


NO_STANCE = Stance(None, None, None)


def stance_rules(rules: RuleSet) -> tuple:
    found = [r for r in rules.of("stances.jsonl") if r.get("role") == "stance"]
    return tuple(sorted(found, key=lambda r: (int(r.get("priority") or 100), r.id)))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    spans, start = [], 0
    for found in _SENTENCE_END.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def classify(text: str, rules: tuple, max_sentences: int = STANCE_SENTENCES) -> Stance:
    """The stance the first sentences of `text` state (rules from stance_rules())."""
    for start, end in sentences(text)[:max_sentences]:
        sentence = " ".join(text[start:end].split())
        found = [(m, rule) for rule in rules for m in [rule.regex.search(sentence)] if m]
        if not found:
            continue
        # the stance stated first ("the Scottish Government accepts this in full, and the Welsh
        # Government ... in principle"); of rules reading the same phrase, the most specific
        first = min(m.start() for m, _rule in found)
        overlapping = [(m, rule) for m, rule in found if m.start() < min(mm.end() for mm, _r in found if mm.start() == first)]
        match, rule = overlapping[0]  # rules come sorted by priority
        return Stance(str(rule.get("stance")), _phrase(sentence, match), rule.id, start, end)
    return NO_STANCE


def _phrase(sentence: str, found: re.Match) -> str:
    """The sentence that states the stance, or its first 240 characters around the match."""
    if len(sentence) <= 240:
        return sentence
    start = max(0, found.start() - 80)
    return sentence[start:start + 240].strip()
