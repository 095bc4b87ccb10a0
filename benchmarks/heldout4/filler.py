"""Narrative prose between the items, drawn from a seeded generator so that every seed gives other
sentences around the same items. None of it asks anybody to act: no sentence here has a modal verb
with a body as its subject (the deliberate near-misses are written out in the reports)."""
from __future__ import annotations

import random

_OPENERS = [
    "During our fieldwork we", "In the interviews we held, we", "Across the {n} files we examined, we",
    "When we visited {place}, we", "In the focus groups with {people}, we", "From the data the {body} gave us, we",
    "Over the inspection period we", "In reviewing {n} case records, we",
]
_FINDINGS = [
    "found that {people} understood the priorities set out in the {plan}",
    "saw good examples of {activity} that were well recorded",
    "heard that demand on {team} had risen by {pct} per cent since {year}",
    "noted that supervisors reviewed most {records} within {days} days",
    "found that the {plan} had been refreshed in {month} {year}",
    "saw that {people} used the {system} with growing confidence",
    "were told that training on {activity} had reached about {pct} per cent of {people}",
    "found inconsistent recording of {records} between {team} and {team2}",
    "observed briefings in which {people} discussed local risks in some detail",
    "examined how {team} shared information with partner agencies",
]
_CLOSERS = [
    "This is a positive development.", "We will continue to monitor this.",
    "Leaders were aware of this and had started work to address it.",
    "The picture was broadly consistent with what we found in {year}.",
    "Some of this work was still at an early stage.",
    "Not all {people} we spoke to were aware of it.",
    "This had helped to reduce the backlog.",
    "We found little evidence that this had been evaluated.",
]
_SLOTS = {
    "people": ["frontline officers", "call handlers", "neighbourhood teams", "supervisors", "staff",
               "firefighters", "control room staff", "detention officers", "detectives", "volunteers"],
    "body": ["constabulary", "service", "organisation", "force", "local authority"],
    "plan": ["control strategy", "community risk management plan", "workforce plan", "delivery plan",
             "people strategy", "prevention strategy"],
    "activity": ["safeguarding referrals", "home fire safety visits", "risk assessment", "case file preparation",
                 "problem-solving", "protection audits", "victim updates", "stop and search encounters"],
    "team": ["the public protection unit", "the control room", "response teams", "the protection team",
             "the custody suite", "the investigation hub", "the prevention department"],
    "team2": ["neighbourhood teams", "the resolution centre", "on-call crews", "the case review team"],
    "records": ["crime reports", "risk assessments", "incident logs", "safety visit records", "custody records"],
    "system": ["new records management system", "mobile data terminals", "body-worn video", "new rostering tool"],
    "place": ["two stations", "the headquarters", "three fire stations", "the control room", "the custody suites"],
    "month": ["January", "April", "June", "September", "November"],
}


class Filler:
    def __init__(self, seed: int, salt: str):
        self.rng = random.Random(f"{seed}:{salt}")

    def _fill(self, template: str) -> str:
        values = {key: self.rng.choice(options) for key, options in _SLOTS.items()}
        values.update(n=self.rng.choice([24, 36, 52, 60, 75, 90, 118]),
                      pct=self.rng.choice([12, 18, 23, 31, 40, 57, 64, 82]),
                      days=self.rng.choice([3, 5, 7, 14, 28]),
                      year=self.rng.choice([2018, 2019, 2020, 2021, 2022]))
        return template.format(**values)

    def sentence(self) -> str:
        text = f"{self._fill(self.rng.choice(_OPENERS))} {self._fill(self.rng.choice(_FINDINGS))}."
        if self.rng.random() < 0.5:
            text += " " + self._fill(self.rng.choice(_CLOSERS))
        return text

    def para(self, low: int = 2, high: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def paras(self, count: int, low: int = 2, high: int = 4) -> list[str]:
        return [self.para(low, high) for _ in range(count)]

    def pick(self, options):
        return self.rng.choice(options)
