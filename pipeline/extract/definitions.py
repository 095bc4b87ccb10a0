"""Names a report defines for itself ("“Department” means the Department for Business and Trade",
"the Public Administration and Constitutional Affairs Committee (“PACAC”)"): the short form then
stands for the named body's id wherever an item uses it as a subject."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.clean import collapse

if TYPE_CHECKING:  # for the type only: spaCy is loaded in nlp.py
    from spacy.tokens import Span

_COVERS = 0.6  # share of the defined name a known body's span must cover


@dataclass(frozen=True)
class Alias:
    text: str  # the short form as defined ("Department")
    id: str  # the id of the body it names
    name: str  # the name as printed
    rule: str
    pattern: re.Pattern
    body_rule: str | None = None  # the rule that knows the named body


def find_aliases(texts: list[str], nlp, rules) -> list[Alias]:
    """Aliases defined in the report's text or footnotes whose name a rule recognises."""
    aliases: dict[str, Alias] = {}
    for rule in rules:
        for text in texts:
            for match in rule.regex.finditer(text):
                alias, name = collapse(match.group("alias")), collapse(match.group("name"))
                if alias in aliases or alias.lower() == name.lower() or not _abbreviates(alias, name):
                    continue
                body = _known_body(name, nlp)
                if body is not None:
                    pattern = re.compile(rf"\b(?:[Tt]he\s+)?{re.escape(alias)}(?![\w’'-])")
                    aliases[alias] = Alias(alias, body[0], name, rule.id, pattern, body[1])
    return list(aliases.values())


def _abbreviates(alias: str, name: str) -> bool:
    """"Department" of "the Department of ...", "PACAC" of "Public Administration and
    Constitutional Affairs Committee"; not "Group Litigation" of "the Post Office"."""
    words = re.findall(r"[A-Za-z]+", name)
    if words and words[0].lower() == "the":
        words = words[1:]
    initials = "".join(w[0] for w in words if w[0].isupper())
    compact = alias.replace(" ", "")
    if compact.isupper() and compact in (initials, initials.upper()):
        return True
    # "Report on the Ministry of Defence Police (MDP)": the acronym abbreviates the last words
    if compact.isupper() and len(compact) >= 2 and initials.endswith(compact):
        return True
    lowered = {w.lower() for w in words}
    return all(w.lower() in lowered for w in re.findall(r"[A-Za-z]+", alias))


def _known_body(name: str, nlp) -> tuple[str, str | None] | None:
    """(id, rule id) of the one body a defined name names."""
    parsed = nlp(name)
    spans = list(parsed.spans["addressees"])
    if len(spans) == 1 and spans[0].end_char - spans[0].start_char >= _COVERS * len(name.strip()):
        return spans[0].label_, spans[0]._.rule_id
    return None


def with_aliases(parsed, aliases: list[Alias]) -> None:
    """Add the defined short forms to the item's addressee spans, where no rule matched already."""
    if not aliases:
        return
    spans = list(parsed.spans["addressees"])
    added: list[Span] = []
    for alias in aliases:
        for match in alias.pattern.finditer(parsed.text):
            if any(match.start() < s.end_char and s.start_char < match.end() for s in spans + added):
                continue
            span = parsed.char_span(match.start(), match.end(), label=alias.id, alignment_mode="expand")
            if span is not None:
                span._.rule_id = alias.rule
                added.append(span)
    if added:
        parsed.spans["addressees"] = sorted(spans + added, key=lambda s: s.start_char)
