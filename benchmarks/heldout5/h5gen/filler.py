"""Narrative filler: the only text the seed changes. None of it is an item or looks like one."""
from __future__ import annotations

import random
import re

_WHO = {
    "police": ["Officers in response teams", "Neighbourhood officers", "Call handlers", "Detectives in the public "
               "protection unit", "Supervisors we spoke to", "Staff in the force control room", "Investigators",
               "Police community support officers", "Senior leaders", "Members of the workforce"],
    "fire": ["Firefighters", "On-call firefighters", "Control room staff", "Protection officers", "Station managers",
             "Staff in the prevention team", "Senior leaders", "Crew managers", "Members of staff", "Fire safety inspectors"],
    "custody": ["Custody officers", "Detention officers", "Healthcare staff", "Custody sergeants",
                "Detainees we spoke to", "Inspectors with responsibility for custody", "Appropriate adults",
                "Liaison and diversion staff"],
    "national": ["Forces we inspected", "Officers in the forces we visited", "Senior leaders in most forces",
                 "Practitioners", "Representatives of partner agencies", "Staff in specialist teams",
                 "Victims' advocates", "Frontline officers", "Analysts", "Local authority staff"],
}
_SAID = ["told us that", "explained that", "were confident that", "described how", "said that",
         "gave us examples showing that", "reported that"]
_WHAT = {
    "police": ["they had enough time to complete their enquiries", "the new records system had made it easier to "
               "share information", "training on vulnerability had been useful", "workloads had grown over the past year",
               "they felt supported by their supervisors", "briefings were relevant to the problems in their area",
               "demand on a Friday evening often exceeded the number of officers on duty",
               "partnership meetings were well attended", "they understood the force's priorities",
               "wellbeing support was easy to find", "they used problem-solving plans for persistent antisocial behaviour"],
    "fire": ["they had enough time to train", "the new mobilising system was reliable", "home fire safety visits "
             "were targeted at people most at risk", "availability of on-call crews was a daily challenge",
             "they felt valued by senior managers", "the risk information on appliances was up to date",
             "workloads in the protection team had increased", "the service's values were well understood",
             "they had taken part in cross-border exercises", "the promotion process was fair"],
    "custody": ["detainees were treated with respect", "cells were clean and in good repair", "the booking-in "
                "process was unhurried", "there were often delays in getting an interpreter", "handovers between "
                "shifts were thorough", "detainees were offered a shower and a change of clothes",
                "rest period checks were carried out on time", "mental health practitioners were available most days"],
    "national": ["local arrangements varied a great deal", "data was not always shared between agencies",
                 "the quality of training was inconsistent", "national guidance was well known",
                 "demand had risen since 2019", "leaders were committed to improving the service to victims",
                 "referral pathways were not always clear", "specialist capacity was stretched",
                 "information technology systems did not always allow records to be linked",
                 "good work was often not evaluated"],
}
_STANDALONE = {
    "police": [
        "We reviewed {n} case files and found that {p} per cent of them had been investigated to an acceptable standard.",
        "In the year to 31 March {y}, the force recorded {k} crimes, an increase of {q} per cent on the previous year.",
        "The force covers an area of {a} square miles and serves a resident population of about {pop}.",
        "The chief constable has set out a clear vision for the force, which the workforce understands.",
        "Neighbourhood teams use a range of tactics to tackle the problems that matter most to communities.",
        "The force works closely with the local authority, health services and the voluntary sector.",
        "We found that victims are generally treated with empathy and respect.",
        "The force has invested in new technology to help officers record information while on patrol.",
        "Response times to emergency calls vary across the force area.",
        "Leaders hold regular performance meetings at which they review the quality of investigations.",
        "Most officers and staff we spoke to were positive about working for the force.",
        "The force has a good understanding of its current workforce skills and capabilities.",
        "Risk assessments were completed in {p} per cent of the cases we reviewed.",
    ],
    "fire": [
        "The service has {s} fire stations, {w} of which are crewed wholly or partly by on-call firefighters.",
        "In the year to 31 March {y}, the service attended {k} incidents, of which {q} per cent were fires.",
        "The service carried out {k} safe and well visits last year.",
        "The service's community risk management plan sets out how it will use its resources.",
        "Crews we spoke to had a good understanding of the risks in their station area.",
        "The service has a clear and well-understood set of values.",
        "The service works with other blue-light services through a joint collaboration board.",
        "We reviewed {n} fire safety audits and found that most were completed to a good standard.",
        "The service's budget for the year was about {m} million pounds.",
        "Firefighters use national operational guidance, which the service has adopted.",
        "Staff are positive about the wellbeing support they receive.",
    ],
    "custody": [
        "There were {n} cells across the suites we visited.",
        "In the year to {mon} {y}, there were {k} detentions in the force's custody suites.",
        "We examined the records of {n} detainees and spoke to {q} detainees during our visit.",
        "The custody estate was generally in a reasonable condition.",
        "Detainees were booked in promptly, and their rights were explained to them.",
        "The force had a clear governance structure for custody, led by a chief superintendent.",
        "The use of force in custody was recorded on a central system.",
        "Relationships between custody staff and healthcare staff were good.",
        "Most detainees were released with appropriate support and advice.",
    ],
    "national": [
        "We visited {w} forces and spoke to more than {n} officers, staff and partners.",
        "We reviewed {n} case files from the forces we inspected.",
        "The number of reports increased by {q} per cent between 2019 and {y}.",
        "We also surveyed {k} members of the police workforce.",
        "Our fieldwork took place between September and December {y}.",
        "The picture across England and Wales is mixed.",
        "Some forces have developed innovative approaches that others could learn from.",
        "We held focus groups with frontline officers in each force we visited.",
        "A reference group of experts and practitioners supported our work.",
        "Data published by the Office for National Statistics shows a steady rise in recorded incidents.",
        "Partners we spoke to were committed to working together.",
    ],
}
_FORBIDDEN = re.compile(r"\b(should|shall|must|recommend\w*|improvement|concern)\b", re.I)


def sentence(rng: random.Random, domain: str) -> str:
    if rng.random() < 0.45:
        who = rng.choice(_WHO[domain])
        return f"{who} {rng.choice(_SAID)} {rng.choice(_WHAT[domain])}."
    text = rng.choice(_STANDALONE[domain])
    return text.format(n=rng.randint(24, 180), p=rng.randint(52, 93), y=rng.choice([2022, 2023, 2024]),
                       k=f"{rng.randint(4, 95)},{rng.randint(100, 999)}", q=rng.randint(3, 19),
                       a=f"{rng.randint(1, 2)},{rng.randint(100, 999)}", pop=f"{rng.randint(5, 14) * 100000:,}",
                       s=rng.randint(14, 38), w=rng.randint(6, 12), m=rng.randint(28, 96),
                       mon=rng.choice(["March", "June", "September"]))


def para(rng: random.Random, domain: str, n: int = 4) -> str:
    """A paragraph of `n` filler sentences (the count is fixed, the choice follows the seed)."""
    chosen: list[str] = []
    while len(chosen) < n:
        candidate = sentence(rng, domain)
        if candidate not in chosen:
            chosen.append(candidate)
    text = " ".join(chosen)
    assert not _FORBIDDEN.search(text), text
    return text


def sentences(rng: random.Random, domain: str, n: int = 24) -> list[str]:
    """Distinct filler sentences, for a FillTo block."""
    out: list[str] = []
    while len(out) < n:
        candidate = sentence(rng, domain)
        if candidate not in out:
            out.append(candidate)
    assert not _FORBIDDEN.search(" ".join(out))
    return out


def paras(rng: random.Random, domain: str, count: int, n: int = 4) -> list[str]:
    return [para(rng, domain, n) for _ in range(count)]
