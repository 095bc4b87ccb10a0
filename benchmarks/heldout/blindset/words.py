"""Names, dates, deadline phrases and neutral narrative, all drawn from one seeded generator.

Narrative sentences never carry a modal verb aimed at a body: every "should" in a report is
either an item or a near-miss a writer put there on purpose."""
from __future__ import annotations

import calendar
import random
from datetime import date

from .kit import Deadline

MONTHS = list(calendar.month_name)
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 18: "eighteen"}

FORCES = ["Ambershire Constabulary", "Carrick Vale Police", "Hollinsworth Police", "Kestrelmoor Police",
          "Lowden and Fenn Constabulary", "Marrowdale Police", "Thornbury Wolds Police", "Eskmouth Constabulary"]
SERVICES = ["Oakdown Fire and Rescue Service", "Brackwater Fire and Rescue Service",
            "Hartfell Fire and Rescue Service", "Sedgecombe Fire and Rescue Service",
            "Wenlow and Dunmere Fire and Rescue Service"]
PLACES = ["Ambershire", "Carrick Vale", "Hollinsworth", "Kestrelmoor", "Marrowdale", "Eskmouth", "Thornbury"]


def pick(names: list[str], seed: int, n: int) -> str:
    """The n-th name for this seed: reports in one set never share a force or service."""
    return names[(seed + n) % len(names)]


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month]} {d.year}"


def add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    return date(d.year + month // 12, month % 12 + 1, d.day)


def by_date(d: date, lead: str = "By") -> Deadline:
    return Deadline("date", d.isoformat(), f"{lead} {long_date(d)}")


def by_month(year: int, month: int, lead: str = "By") -> Deadline:
    last = calendar.monthrange(year, month)[1]
    return Deadline("month", date(year, month, last).isoformat(), f"{lead} {MONTHS[month]} {year}")


def by_year_end(year: int, lead: str = "by the end of") -> Deadline:
    return Deadline("year_end", f"{year}-12-31", f"{lead} {year}")


def by_financial_year(start: int, lead: str = "by the end of the") -> Deadline:
    return Deadline("financial_year", f"{start + 1}-03-31", f"{lead} {start}/{(start + 1) % 100:02d} financial year")


def within(months: int, published: date, tail: str = "", lead: str = "Within", numeric: bool = False) -> Deadline:
    count = str(months) if numeric else NUMBER_WORDS[months]
    return Deadline("relative", add_months(published, months).isoformat(), f"{lead} {count} months{tail}")


def immediate(text: str = "With immediate effect") -> Deadline:
    return Deadline("immediate", None, text)


def event(text: str) -> Deadline:
    return Deadline("event", None, text)


def publication_date(rng: random.Random, year: int, months: tuple[int, ...]) -> date:
    # Days stop at 27 so that "within N months" always lands on a real day of the month.
    return date(year, rng.choice(months), rng.randint(2, 27))


class Narrative:
    """Unrepeated sentences built from templates, so no line recurs within a report."""

    def __init__(self, rng: random.Random, subject: str, topics: list[str], people: list[str] | None = None):
        self.rng, self.subject, self.topics = rng, subject, topics
        self.people = people or _PEOPLE
        self.used: set[str] = set()

    def sentence(self) -> str:
        for _ in range(200):
            template = self.rng.choice(_TEMPLATES)
            text = template.format(
                subject=self.subject, topic=self.rng.choice(self.topics), n=self.rng.randint(3, 19),
                m=self.rng.randint(20, 40), pct=self.rng.randint(11, 94), finding=self.rng.choice(_FINDINGS),
                people=self.rng.choice(self.people), source=self.rng.choice(_SOURCES), year=self.rng.randint(2017, 2021),
                verb=self.rng.choice(_VERBS), quality=self.rng.choice(_QUALITIES),
            )
            text = text[0].upper() + text[1:]
            if text not in self.used:
                self.used.add(text)
                return text
        raise RuntimeError("narrative templates exhausted")

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def paragraphs(self, count: int, sentences: tuple[int, int] = (3, 6)) -> list[str]:
        return [self.paragraph(sentences) for _ in range(count)]


_TEMPLATES = [
    "In {n} of the {m} cases we examined, {finding}.",
    "We spoke to {people} about {topic}, and most of them {verb} the approach taken by {subject}.",
    "{source} showed that {topic} had improved since {year}, although the change was uneven.",
    "Our review of {topic} found that {finding} in around {pct} percent of the records we looked at.",
    "{people} described {topic} as {quality}.",
    "The arrangements for {topic} were {quality}, according to {source}.",
    "When we looked at {topic}, we found that {finding}.",
    "A new approach to {topic} was introduced in {year}, and {people} were still getting used to it.",
    "During fieldwork, {people} told us that {topic} took up more of their time than it did in {year}.",
    "{source} for {topic} recorded {n} separate themes; in one of them, {finding}.",
    "We were told that {topic} was discussed at {n} meetings during the year.",
    "Around {pct} percent of {people} said they understood what was expected of them in relation to {topic}.",
    "{people} gave us examples of {topic} that were {quality}.",
    "We reviewed {m} records relating to {topic}; {finding} in {n} of them.",
    "Since {year}, {subject} had changed how {topic} was organised on {n} occasions.",
    "Leaders were aware that {topic} was {quality}.",
    "{source} did not always match what {people} told us about {topic}.",
    "The picture for {topic} was broadly similar to the one we found in {year}.",
]
_FINDINGS = [
    "the supervisor had recorded a clear rationale", "the risk assessment was completed on time",
    "the victim had been told about the outcome", "the record was incomplete", "the decision was well documented",
    "the information had been shared with partner agencies", "there was no evidence of a review",
    "the initial response was prompt and effective", "the case had been allocated to the right team",
    "the safeguarding referral was made within a day", "the audit trail was difficult to follow",
    "the officer in charge had consulted a specialist", "the update to the victim was late",
    "the supervision was limited to a single entry", "the data had been checked for accuracy",
]
_PEOPLE = ["frontline officers", "staff in the control room", "supervisors", "senior leaders", "investigators",
           "partner organisations", "members of staff associations", "call handlers", "neighbourhood teams",
           "detective sergeants", "independent advisers", "analysts", "staff in the public protection unit"]
_SOURCES = ["performance data", "the force’s own audit", "management information", "survey results",
            "the annual workforce survey", "the inspection data return", "internal reports", "minutes of meetings"]
_VERBS = ["welcomed", "understood", "supported", "questioned", "valued", "were unsure about", "were positive about"]
_QUALITIES = ["inconsistent", "generally effective", "well understood", "improving", "under pressure",
              "fragmented", "carefully planned", "hard to measure", "better than expected", "stretched"]
