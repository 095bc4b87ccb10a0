"""Report-family profiles (rules/profiles.jsonl): how items are read in each family."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.rules import RuleSet


@dataclass(frozen=True)
class Profile:
    id: str
    family: str
    extract: bool = True
    heading_paragraphs: str = "single"  # or "until_heading"
    addressees: str = "subject"  # or "sent_to"
    deadline_scope: str = "sentence"  # or "document"
    untagged_kind: str = "recommendation"  # or "by_request": conclusion unless it asks for action
    conclusions: bool = False  # conclusions are items (committees list them beside recommendations)
    own_findings: bool = False  # a report on one force or service: what it asks of that body alone is an AFI


def choose_profile(rules: RuleSet, family: str) -> Profile:
    chosen = None
    for rule in rules.of("profiles.jsonl"):
        if rule.get("family") == family or (rule.get("family") == "*" and chosen is None):
            chosen = rule
    if chosen is None:
        return Profile(id="profile.builtin", family=family)
    return Profile(
        id=chosen.id,
        family=family,
        extract=bool(chosen.get("extract", True)),
        heading_paragraphs=str(chosen.get("heading_paragraphs", "single")),
        addressees=str(chosen.get("addressees", "subject")),
        deadline_scope=str(chosen.get("deadline_scope", "sentence")),
        untagged_kind=str(chosen.get("untagged_kind", "recommendation")),
        conclusions=bool(chosen.get("conclusions", False)),
        own_findings=bool(chosen.get("own_findings", False)),
    )
