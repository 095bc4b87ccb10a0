"""Narrative filler: inspection-report sentences with no modal verb, so they can never be items."""
from __future__ import annotations

import random

COMMON = [
    "We examined {n} case files and spoke to {m} members of staff during our fieldwork.",
    "Our fieldwork took place over {n} days, and we visited {m} sites across the area.",
    "Leaders told us that this work had been a priority for the past {k} years.",
    "The picture was mixed, and practice varied from one team to another.",
    "We found some good examples of supervisors reviewing decisions promptly and recording why.",
    "Staff we spoke to were committed and understood what was expected of them.",
    "Performance data was available, but managers did not always use it to understand demand.",
    "In most of the {n} cases we reviewed, the records showed a clear rationale for the decision taken.",
    "This is an improvement on the position we found when we last inspected in {y}.",
    "The governance arrangements were clear, with a named senior lead and a quarterly board.",
    "Training had been delivered to most frontline staff, although completion rates fell in the summer.",
    "Several managers described a reliance on a small number of experienced people.",
    "Partners we interviewed spoke positively about the quality of information they received.",
    "The workforce had grown by {p} per cent since {y}, and many recruits were in their first two years.",
    "We reviewed policies, minutes of meetings and the results of internal audits.",
    "A new case management system had been introduced in {y}, and staff were still getting used to it.",
    "Demand had risen steadily, with {n} more incidents recorded in the last year than in the year before.",
    "We saw evidence that learning from complaints was shared with teams through briefings.",
    "Some of the records we examined were incomplete or had been updated long after the event.",
    "Leaders had commissioned an independent review, and its findings were published in {y}.",
    "The results of the staff survey showed that {p} per cent of respondents felt able to challenge decisions.",
    "We found that the quality of initial investigations was generally good.",
    "Workloads in some teams were high, and several posts had been vacant for months.",
    "The approach to quality assurance relied on dip sampling that was not always recorded.",
]
POLICE = [
    "Call handlers used a structured triage process to assess threat, harm and risk.",
    "Neighbourhood teams were often taken away from their areas to cover response shifts.",
    "Victims were kept informed in most of the cases we reviewed, but not always within the agreed times.",
    "The force's control room answered {p} per cent of emergency calls within ten seconds.",
    "Officers had good access to mobile devices and could update records away from the station.",
    "Arrangements for managing registered sex offenders were well established.",
    "The professional standards department had cleared a backlog of cases during the previous year.",
    "Stop and search records were scrutinised by an external panel that met every quarter.",
]
FIRE = [
    "Crews carried out home fire safety visits and prioritised people most at risk.",
    "On-call availability had fallen, and some appliances were unavailable for long periods.",
    "Protection officers audited {n} high-risk premises last year against a target of {m}.",
    "Firefighters told us they were confident in the incident command procedures.",
    "The service's community risk management plan had been consulted on widely.",
    "Operational learning from incidents was recorded, and some of it was shared nationally.",
    "The service had a clear set of values, and most staff could describe them.",
    "Response times in rural areas were longer than those in the towns.",
]
CUSTODY = [
    "The suite had {n} cells, and {m} of them were out of use for repairs during our visit.",
    "Detainees were booked in promptly, and risk assessments were generally thorough.",
    "We observed detention officers carrying out checks on intoxicated detainees at the required intervals.",
    "Healthcare staff were available around the clock and saw detainees quickly when asked.",
    "Records showed that the use of force on detainees was not always documented in full.",
    "Children were held overnight in {p} cases, and alternative accommodation was rarely requested.",
    "Showers were offered to detainees held for more than 24 hours, but few were taken up.",
    "Appropriate adults arrived quickly during the day but less quickly at night.",
]
NATIONAL = [
    "Forces collected this data in different ways, which made comparisons difficult.",
    "We surveyed all {f} forces in England and Wales and received {m} responses.",
    "Guidance on this subject was last revised in {y}, and practice has moved on since then.",
    "Several forces had developed promising approaches without any national support.",
    "Funding for the programme came from a mix of central grants and local budgets.",
    "We held focus groups with frontline officers in {k} forces.",
    "The national picture hides wide differences between forces.",
    "Victims' organisations described long waits and poor communication.",
]
TOPICS = {"police": POLICE, "fire": FIRE, "custody": CUSTODY, "national": NATIONAL}


class Prose:
    def __init__(self, rng: random.Random, topic: str):
        self.rng, self.bank = rng, COMMON + TOPICS[topic]

    def sentence(self) -> str:
        r = self.rng
        return r.choice(self.bank).format(n=r.randint(18, 190), m=r.randint(4, 40), k=r.randint(2, 6),
                                          p=r.randint(9, 88), y=r.randint(2016, 2022), f=43)

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        r = self.rng
        picks = r.sample(range(len(self.bank)), r.randint(low, high))
        return " ".join(self.bank[i].format(n=r.randint(18, 190), m=r.randint(4, 40), k=r.randint(2, 6),
                                            p=r.randint(9, 88), y=r.randint(2016, 2022), f=43) for i in picks)

    def sentences(self, count: int) -> list[str]:
        """Distinct sentences (as far as the bank allows), for filling a stretch of page."""
        r = self.rng
        order = r.sample(range(len(self.bank)), len(self.bank))
        return [self.bank[order[i % len(order)]].format(n=r.randint(18, 190), m=r.randint(4, 40), k=r.randint(2, 6),
                p=r.randint(9, 88), y=r.randint(2016, 2022), f=43) for i in range(count)]

    def paragraphs(self, count: int, low: int = 3, high: int = 6) -> list[str]:
        return [self.paragraph(low, high) for _ in range(count)]
