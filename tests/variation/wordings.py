"""Addressee and deadline wordings with their gold values, and the sentences built from them.

Every wording has a stable key (heldout.py names some of them). A deadline's date is worked out
here from the report's publication date, by the contract's rules; a wording never carries a
hand-typed result.
"""
from __future__ import annotations

import calendar
import random
import re
from dataclasses import dataclass
from datetime import date

from make_corpus import add_months

from . import bank
from .heldout import HELD_OUT_WORDINGS

MONTHS = tuple(calendar.month_name)[1:]
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")
NUMBER_WORDS = {3: "three", 6: "six", 9: "nine", 12: "twelve", 18: "eighteen"}


@dataclass(frozen=True)
class Addressee:
    key: str
    text: str  # as printed inside a sentence
    ids: tuple[str, ...]
    plural: bool


@dataclass(frozen=True)
class Deadline:
    key: str
    text: str  # the phrase as printed (mid-sentence case; capitalised when it opens the sentence)
    kind: str
    date: str | None
    position: str  # start | end | after_modal

    def gold(self, at_start: bool) -> dict:
        return {"kind": self.kind, "date": self.date, "text": cap(self.text) if at_start else self.text}


NO_DEADLINE = {"kind": "none", "date": None, "text": None}


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def addressees(scope: str, subject: str) -> list[Addressee]:
    """The wordings for a report's scope; `subject` is the force's or service's name."""
    if scope == "national":
        return [
            Addressee("chief_constables", "chief constables", ("chief_constables",), True),
            Addressee("all_forces", "all forces", ("chief_constables",), True),
            Addressee("each_force", "each force", ("chief_constables",), False),
            Addressee("every_chief_constable", "every chief constable", ("chief_constables",), False),
            Addressee("forces_using", f"those forces using {subject} that have not yet done so", ("chief_constables",), True),
            Addressee("chief_officers", "chief officers in England and Wales", ("chief_constables",), True),
            Addressee("npcc_lead", "the NPCC lead for counter-corruption", ("npcc",), False),
            Addressee("npcc", "the National Police Chiefs’ Council", ("npcc",), False),
            Addressee("met", "the Metropolitan Police Service", ("metropolitan_police_service",), False),
            Addressee("pfccs", "police, fire and crime commissioners", ("police_and_crime_commissioners",), True),
            Addressee("college", "the College of Policing", ("college_of_policing",), False),
            Addressee("home_office", "the Home Office", ("home_office",), False),
            Addressee("ccs_and_pccs", "chief constables and police and crime commissioners",
                      ("chief_constables", "police_and_crime_commissioners"), True),
        ]
    if scope == "fire_national":
        return [
            Addressee("frs_england", "fire and rescue services in England", ("fire_and_rescue_services",), True),
            Addressee("chief_fire_officers", "chief fire officers", ("fire_and_rescue_services",), True),
            Addressee("home_office", "the Home Office", ("home_office",), False),
            Addressee("pfccs", "police, fire and crime commissioners", ("police_and_crime_commissioners",), True),
        ]
    if scope == "service":
        return [
            Addressee("the_service", "the service", ("fire_and_rescue_services",), False),
            Addressee("the_service", "the service", ("fire_and_rescue_services",), False),
            Addressee("chief_fire_officer", "the chief fire officer", ("fire_and_rescue_services",), False),
            Addressee("service_name", subject, ("fire_and_rescue_services",), False),
        ]
    wordings = [
        Addressee("the_force", "the force", ("force",), False),
        Addressee("the_force", "the force", ("force",), False),
        Addressee("force_name", subject, ("force",), False),
    ]
    if scope == "custody":
        wordings.append(Addressee("force_and_pcc", "the force and the police and crime commissioner",
                                  ("force", "police_and_crime_commissioners"), True))
    return wordings


def deadlines(published: date, target: date, months: int = 3, words: int = 12) -> list[Deadline]:
    """One of each deadline wording, around `target`; relative ones count from `published`."""
    end = last_day(target.year, target.month)
    day_month_year = f"{end.day} {MONTHS[end.month - 1]} {end.year}"
    month_year = f"{MONTHS[target.month - 1]} {target.year}"
    before = add_months(target, -1)
    fy_start = target.year if target.month >= 4 else target.year - 1
    later = add_months(end, 3)
    other = last_day(later.year, later.month)
    return [
        Deadline("not_later_than", f"not later than {day_month_year}", "date", end.isoformat(), "either"),
        Deadline("no_later_than", f"no later than {other.day} {MONTHS[other.month - 1]} {other.year}", "date",
                 other.isoformat(), "end"),
        Deadline("before_month", f"before {month_year}", "month",
                 last_day(before.year, before.month).isoformat(), "end"),
        Deadline("during_fy", f"during {fy_start}/{(fy_start + 1) % 100:02d}", "financial_year",
                 date(fy_start + 1, 3, 31).isoformat(), "end"),
        Deadline("slash_date", f"by {end.day:02d}/{end.month:02d}/{end.year}", "date", end.isoformat(), "end"),
        Deadline("end_of_month", f"by the end of {MONTHS[other.month - 1]} {other.year}", "month",
                 other.isoformat(), "either"),
        Deadline("within_digits", f"within {months} months", "relative",
                 add_months(published, months).isoformat(), "either"),
        Deadline("within_of_publication", f"within {NUMBER_WORDS[words]} months of publication", "relative",
                 add_months(published, words).isoformat(), "either"),
        Deadline("immediately", "immediately", "immediate", None, "after_modal"),
        Deadline("immediate_effect", "with immediate effect", "immediate", None, "either"),
        Deadline("once_guidance", "once the College of Policing has published its guidance", "event", None, "end"),
        Deadline("by_date_start", f"by {day_month_year}", "date", end.isoformat(), "start"),
    ]


class Picker:
    """Draws from a list in a shuffled cycle, so a report uses many wordings before repeating one."""

    def __init__(self, rng: random.Random, options: list):
        self.rng, self.options, self.queue = rng, list(options), []

    def __call__(self):
        if not self.queue:
            self.queue = list(self.options)
            self.rng.shuffle(self.queue)
        return self.queue.pop()


class Wordings:
    """A report's wordings: held-out keys only where the report's style is held out."""

    def __init__(self, rng: random.Random, scope: str, published: date, held_out: bool):
        self.rng, self.scope = rng, scope
        keep = (lambda key: True) if held_out else (lambda key: key not in HELD_OUT_WORDINGS)
        self.subject = rng.choice(bank.SYSTEMS if scope == "national" else
                                  bank.SERVICES if scope in ("service", "fire_national") else bank.FORCES)
        self.addressee = Picker(rng, [a for a in addressees(scope, self.subject) if keep(a.key)])
        target = add_months(published, rng.randint(4, 20))  # deadlines fall 4 to 20 months after publication
        dated = deadlines(published, target, months=rng.choice((3, 6)), words=rng.choice((6, 9, 12)))
        self.all_deadlines = [d for d in dated if keep(d.key)]
        self.deadline = Picker(rng, self.all_deadlines)
        domain = {"national": "police", "force": "police", "custody": "custody"}.get(scope, "fire")
        actions = {"police": bank.POLICE_ACTIONS, "fire": bank.FIRE_ACTIONS, "custody": bank.CUSTODY_ACTIONS}[domain]
        self.action = Picker(rng, actions)
        self.sentence = Picker(rng, [s for text in bank.NARRATIVE[domain] for s in _SENTENCE_END.split(text)])
        self.near_miss = Picker(rng, bank.NEAR_MISSES[domain])
        self.concern = Picker(rng, bank.CONCERNS["custody" if scope == "custody" else domain])
        self.follow_up = Picker(rng, bank.FOLLOW_UPS)
        self.domain = domain
        self.used: set[str] = set()  # keys of the wordings printed in items

    def narrative(self) -> str:
        """A paragraph of two or three narrative sentences (they never use a modal verb)."""
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 3)))

    def verb(self, addressee: Addressee) -> str:
        action = self.action()
        return action.replace("{its}", "their" if addressee.plural else "its")

    def should(self, deadline: Deadline | None = None, addressee: Addressee | None = None,
               modal: str = "should", deadline_rate: float = 0.8) -> dict:
        """One sentence "<deadline>, <addressee> should <action>." with its gold fields."""
        who = addressee or self.addressee()
        if deadline is None and self.rng.random() < deadline_rate:
            deadline = self.deadline()
            if deadline.key == "once_guidance" and "college_of_policing" in who.ids:
                deadline = None
        action = self.verb(who)
        self.used.update({who.key, deadline.key if deadline else "none"})
        if deadline is None:
            text, printed, due = f"{cap(who.text)} {modal} {action}.", cap(who.text), NO_DEADLINE
        elif deadline.position == "after_modal":
            text, printed, due = f"{cap(who.text)} {modal} {deadline.text} {action}.", cap(who.text), deadline.gold(False)
        elif deadline.position == "start" or (deadline.position == "either" and self.rng.random() < 0.5):
            text, printed, due = f"{cap(deadline.text)}, {who.text} {modal} {action}.", who.text, deadline.gold(True)
        else:
            comma = "," if deadline.kind == "event" else ""
            text, printed, due = f"{cap(who.text)} {modal} {action}{comma} {deadline.text}.", cap(who.text), deadline.gold(False)
        return {"text": text, "addressees": list(who.ids), "addressee_text": printed, "deadline": due}

    def leadin(self) -> tuple[str, dict]:
        """"Within three months, the force should:" and the gold fields it gives each bullet."""
        who = self.addressee()
        while len(who.ids) > 1 or who.key == "force_name":
            who = self.addressee()
        starts = [d for d in self.all_deadlines if d.position in ("start", "either")]
        deadline = self.rng.choice(starts)
        text = f"{cap(deadline.text)}, {who.text} should:"
        self.used.update({who.key, deadline.key})
        return text, {"addressees": list(who.ids), "addressee_text": who.text, "deadline": deadline.gold(True)}

    def bullets(self, count: int) -> list[str]:
        """Bare actions for the bullets under a lead-in (whose subject is one body), as one list."""
        singular = Addressee("lead", "", (), False)
        texts = [self.verb(singular) for _ in range(count)]
        return [t + ("." if i == count - 1 else "; and" if i == count - 2 else ";") for i, t in enumerate(texts)]

    def extra_sentences(self, count: int) -> str:
        return " ".join(self.follow_up() for _ in range(count))
