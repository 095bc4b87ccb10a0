"""The organisations reports are about and that a database is kept for (rules/organisations.jsonl).

Pure: rules in, answers out. It names an organisation from what a user types ("WMP", "west
midlands police"), suggests the nearest names for a typo, finds organisations named in a text
(longest name first, so "West Midlands Police and Crime Commissioner" is the PCC, not the force),
and works out a report's subject from its title and cover.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from pipeline.clean import slugify
from pipeline.errors import PipelineError
from pipeline.rules import RuleSet, load_rules

GAZETTEER_FILE = "organisations.jsonl"
# Characters that separate words when a name is looked for in a text: the same set turns an item's
# text into words in SQL (views_ours.py), so Python and SQL agree on what "naming" is.
# Kept short: each is one nested replace() in SQL, and SQLite's parser allows only so much nesting.
NAME_SEPARATORS = ".,;:()'’\"/-\n"


class UnknownOrganisation(PipelineError):
    """A name the gazetteer does not know; `suggestions` holds the nearest names it does."""

    code = "unknown_organisation"

    def __init__(self, name: str, suggestions: tuple[str, ...]):
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown organisation {name!r}{hint} (see `hmicfrs org list`)")
        self.name, self.suggestions = name, suggestions


@dataclass(frozen=True)
class Organisation:
    id: str
    kind: str  # force | fire_service | pcc | fire_authority | national
    name: str
    names: tuple[str, ...]  # every name, the main one first, matched in any case
    abbreviations: tuple[str, ...]  # matched as printed ("WMP")
    of: tuple[str, ...]  # what a PCC's office or fire authority oversees
    addressees: tuple[str, ...]  # canonical addressee ids that mean it wherever printed
    subject_addressees: tuple[str, ...]  # ids that mean it in a report about it ("force")
    can_be_subject: bool

    @property
    def subjects(self) -> tuple[str, ...]:
        """The report subjects whose reports are ours: itself and what it oversees."""
        return (self.id, *self.of)

    def as_setting(self) -> dict:
        """What the database keeps of it, so commands and SQL need no rules to apply it."""
        return {
            "id": self.id, "kind": self.kind, "name": self.name, "names": list(self.names),
            "abbreviations": list(self.abbreviations), "of": list(self.of), "addressees": list(self.addressees),
            "subject_addressees": list(self.subject_addressees), "subjects": list(self.subjects),
            "words": sorted({words_of(n) for n in self.names}), "slugs": sorted({slugify(n) for n in self.names}),
            "can_be_subject": self.can_be_subject,
        }

    @classmethod
    def from_setting(cls, data: dict) -> "Organisation":
        return cls(data["id"], data["kind"], data["name"], tuple(data["names"]), tuple(data["abbreviations"]),
                   tuple(data["of"]), tuple(data["addressees"]), tuple(data["subject_addressees"]),
                   bool(data.get("can_be_subject")))


def words_of(text: str) -> str:
    """Lower case, separators as spaces, single spaces, one space each side: ' west midlands police '."""
    table = str.maketrans({c: " " for c in NAME_SEPARATORS})
    return " " + " ".join(text.lower().translate(table).split()) + " "


@dataclass(frozen=True)
class Gazetteer:
    organisations: tuple[Organisation, ...]
    markers: tuple[re.Pattern, ...]

    def by_id(self, org_id: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == org_id), None)

    def known(self, org_id: str) -> Organisation:
        """The organisation with an id this gazetteer gave out (named_in, subject_of)."""
        found = self.by_id(org_id)
        if found is None:
            raise UnknownOrganisation(org_id, self.suggest(org_id))
        return found

    def lookup(self, text: str) -> Organisation:
        """The organisation `text` names: its id, a name in any case, or an abbreviation."""
        wanted = " ".join(text.split())
        for org in self.organisations:
            if wanted == org.id or wanted in org.abbreviations or wanted.casefold() in {n.casefold() for n in org.names}:
                return org
        raise UnknownOrganisation(text, self.suggest(wanted))

    def suggest(self, text: str, count: int = 3) -> tuple[str, ...]:
        by_key = {n.casefold(): o.name for o in self.organisations for n in (*o.names, *o.abbreviations)}
        close = difflib.get_close_matches(text.casefold(), list(by_key), n=count * 3, cutoff=0.5)
        return tuple(dict.fromkeys(by_key[c] for c in close))[:count]

    def named_in(self, text: str) -> list[str]:
        """Ids of the organisations named in `text`, in order of first mention, no repeats."""
        pattern, owner = self._by_name()
        # every alternative is a named group, so a match always has a lastgroup
        found = [owner[m.lastgroup] for m in pattern.finditer(text or "") if m.lastgroup]
        return list(dict.fromkeys(found))

    @functools.lru_cache(maxsize=1)  # noqa: B019  (the gazetteer is frozen and lives as long as the rules)
    def _by_name(self) -> tuple[re.Pattern, dict[str, str]]:
        # Longest first, so at one position the longest name wins; whole words only.
        entries = sorted([(n, o.id, True) for o in self.organisations for n in o.names]
                         + [(a, o.id, False) for o in self.organisations for a in o.abbreviations],
                         key=lambda e: (-len(e[0]), e[0], e[1]))
        parts, owner = [], {}
        for index, (name, org_id, any_case) in enumerate(entries):
            body = r"\s+".join(re.escape(w) for w in name.split())
            parts.append(f"(?P<n{index}>{'(?i:' + body + ')' if any_case else body})")
            owner[f"n{index}"] = org_id
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"), owner

    def subject_of(self, title: str | None, cover: str | None) -> tuple[str | None, str | None]:
        """(subject id, where it was found: "title" or "cover"), or (None, None) for a national report.

        A title (else a cover) that names exactly one organisation that can be a subject, and
        names neither the police nor the services at large, is about that organisation."""
        for where, text in (("title", title), ("cover", cover)):
            if not text:
                continue
            if any(marker.search(" ".join(text.split())) for marker in self.markers):
                return None, None
            named = [i for i in self.named_in(text) if self.known(i).can_be_subject]
            if len(named) == 1:
                return named[0], where
            if named:
                return None, None  # several: a thematic that names the forces it visited
        return None, None


def gazetteer_from(rules: RuleSet) -> Gazetteer:
    mine = rules.of(GAZETTEER_FILE)
    kinds = {r.get("kind"): r for r in mine if r.get("role") == "kind"}
    organisations = []
    for rule in (r for r in mine if r.get("role") == "organisation"):
        kind = kinds[rule.get("kind")]
        organisations.append(Organisation(
            id=rule.id, kind=str(rule.get("kind")), name=str(rule.get("name")),
            names=tuple(dict.fromkeys((str(rule.get("name")), *(rule.get("names") or ())))),
            abbreviations=tuple(rule.get("abbreviations") or ()), of=tuple(rule.get("of") or ()),
            addressees=tuple(rule.get("addressees") if rule.get("addressees") is not None else kind.get("addressees") or ()),
            subject_addressees=tuple(kind.get("subject_addressees") or ()),
            can_be_subject=bool(kind.get("subject", False)),
        ))
    markers = tuple(r.regex for r in mine if r.get("role") == "national_marker" and r.regex is not None)
    return Gazetteer(tuple(organisations), markers)


@functools.lru_cache(maxsize=4)
def load_gazetteer(directory: str | None = None) -> Gazetteer:
    return gazetteer_from(load_rules(directory))
