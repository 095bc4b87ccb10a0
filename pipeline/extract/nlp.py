"""The spaCy pipeline: a blank English model with rule components whose patterns live in rules/.

build_nlp() makes a new pipeline each call; there is no global one.
"""
from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.clean import slugify
from pipeline.rules import Rule, RuleSet, load_rules

_Prepared = tuple[tuple[Rule, bool, int], ...]

# The rule files the pipeline's components are built from (the other files serve the Extractor).
DEADLINE_RULES, ADDRESSEE_RULES = "deadlines.jsonl", "addressees.jsonl"
PIPELINE_RULE_FILES = (DEADLINE_RULES, ADDRESSEE_RULES)


def _prepared(rules) -> _Prepared:
    """Each rule with its fallback flag and priority, looked up once per pipeline, not per doc."""
    return tuple((rule, bool(rule.get("fallback")), rule.get("priority", 100)) for rule in rules)


def _regex_spans(doc: Doc, rules: _Prepared, label_of) -> list[Span]:
    """Regex matches over the doc's text as spans, longest first, without overlaps. Rules marked
    "fallback" (a generic shape such as "... Committee") only fill text no other rule matched."""
    text = doc.text  # spaCy joins every token on each access: once, not once per rule
    spans: list[Span] = []
    for fallback in (False, True):
        found: list[tuple[int, int, int, tuple[Rule, re.Match[str]]]] = []
        for rule, is_fallback, priority in rules:
            if is_fallback != fallback:
                continue
            for match in rule.regex.finditer(text):
                if match.end() > match.start():
                    found.append((match.start(), match.end(), priority, (rule, match)))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
        taken = [(s.start_char, s.end_char) for s in spans]
        taken_until = -1
        for start, end, _priority, (rule, match) in found:
            if start < taken_until or any(start < b and a < end for a, b in taken):
                continue
            span = doc.char_span(start, end, label=label_of(rule, match), alignment_mode="expand")
            if span is None:
                continue
            span._.rule_id = rule.id
            spans.append(span)
            taken_until = end
    spans.sort(key=lambda s: s.start_char)
    return spans


@Language.factory("hmicfrs_deadlines", default_config={"rules_dir": None})
def make_deadline_component(nlp: Language, name: str, rules_dir: str | None):
    rules = _prepared(sorted(load_rules(rules_dir).of(DEADLINE_RULES), key=lambda r: r.get("priority", 100)))

    def find_deadlines(doc: Doc) -> Doc:
        doc.spans["deadlines"] = _regex_spans(doc, rules, lambda rule, _m: str(rule.get("kind")))
        return doc

    return find_deadlines


@Language.factory("hmicfrs_addressees", default_config={"rules_dir": None})
def make_addressee_component(nlp: Language, name: str, rules_dir: str | None):
    rules = _prepared(load_rules(rules_dir).of(ADDRESSEE_RULES))

    def label(rule, match: re.Match) -> str:
        addressee = str(rule.get("addressee"))
        return slugify(match.group(0)) if addressee == "{slug}" else addressee

    def find_addressees(doc: Doc) -> Doc:
        doc.spans["addressees"] = _regex_spans(doc, rules, label)
        return doc

    return find_addressees


def build_nlp(rules: RuleSet | None = None) -> Language:
    rules = rules or load_rules()
    # the rule that produced each span, kept as evidence; registered here, not at import
    if not Span.has_extension("rule_id"):
        Span.set_extension("rule_id", default=None)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("hmicfrs_deadlines", config={"rules_dir": rules.directory})
    nlp.add_pipe("hmicfrs_addressees", config={"rules_dir": rules.directory})
    return nlp
