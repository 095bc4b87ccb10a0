"""Narrative text for the pages between the items: findings, context and method, no requests."""
from __future__ import annotations

import random

BANKS: dict[str, list[str]] = {
    "police": [
        "We reviewed {n} case files chosen at random from the previous twelve months.",
        "Officers and staff we spoke to were committed and proud of the work they do.",
        "The control room answered most emergency calls within ten seconds, in line with the national standard.",
        "Neighbourhood teams knew their communities well and could name the people most at risk.",
        "Supervisors were often too busy with their own caseloads to review the work of their teams.",
        "In several of the files we examined, the initial risk assessment had not been updated as the investigation progressed.",
        "Demand on the force has risen by roughly {p} percent over the last three years.",
        "Leaders have set out a clear plan for the next two years, and the workforce understands it.",
        "The force has recruited {n} new officers under the national uplift programme.",
        "Victims told us that they were not always kept informed about the progress of their case.",
        "Many of the detectives we met were inexperienced, and a large proportion were still in training.",
        "Partnership work with the local authority was mature, particularly for young people at risk of exploitation.",
        "The volume of outstanding suspects recorded on the police national computer has fallen since our last inspection.",
        "We found good examples of problem-solving work in town centres and on the main transport routes.",
        "Data quality remains a challenge, with records duplicated across two separate systems.",
        "The force told us that it is replacing its crime recording system during the coming year.",
        "Staff wellbeing services are well publicised, and the workforce values them.",
        "Investigations of serious sexual offences took a median of {n} days to reach a charging decision.",
        "We were pleased to see that the force now records the ethnicity of almost everyone it stops and searches.",
        "Call handlers used a structured risk assessment on every call we listened to.",
    ],
    "fire": [
        "The service covers a largely rural area with a population of about {n} thousand people.",
        "Firefighters we spoke to were positive about the equipment and vehicles available to them.",
        "On-call availability fell to {p} percent during the summer months, affecting the crewing of rural stations.",
        "The service has a clear understanding of the risks in its community, drawn from a wide range of data.",
        "Prevention work is targeted at the people most at risk of fire, including older people living alone.",
        "Home fire safety checks were carried out by both operational crews and dedicated advocates.",
        "The number of fire safety audits completed has fallen since our last inspection.",
        "Staff told us that they felt able to challenge poor behaviour, although some were unsure how to report it.",
        "The service responded to {n} incidents in the last financial year.",
        "Operational learning from incidents is recorded, but it is not always shared across all watches.",
        "The service works closely with the other emergency services in its area through the local resilience forum.",
        "Financial plans are realistic and are based on sensible assumptions about future funding.",
        "The service has started to collaborate with the neighbouring service on fire control.",
        "Response standards were met on most occasions during the period we examined.",
        "Crews had good access to site-specific risk information on the vehicles' mobile data terminals.",
        "The workforce is less diverse than the community it serves, and progress has been slow.",
    ],
    "national": [
        "Our fieldwork took place between {m1} and {m2} in {k} police forces in England and Wales.",
        "We interviewed more than {n} officers, staff and partners and examined case files in every force we visited.",
        "The scale of the problem is not fully understood, partly because the data is incomplete.",
        "National guidance exists, but it is applied inconsistently from one force to the next.",
        "Several of the forces we visited had already started to change their approach.",
        "We also held focus groups with people who had direct experience of the system.",
        "The picture we found was mixed: some forces performed well, while others had made little progress.",
        "Much of the good practice we found depended on the commitment of individual officers rather than on force processes.",
        "The number of recorded offences of this type has more than doubled since 2015.",
        "There is no single national system for recording this information.",
        "Funding arrangements are short term, which makes it difficult for forces and partners to plan.",
        "We found a lack of specialist training for the officers who deal with these cases.",
        "Victims' experiences varied widely depending on where they lived.",
        "We have published a separate annex setting out our methodology in more detail.",
        "The police are not the only agency with a part to play, and much depends on partnership arrangements.",
    ],
    "custody": [
        "The custody suites were generally clean, although some cells had graffiti and ligature points.",
        "We observed detainees being booked in and found that staff were courteous and professional.",
        "Detention officers were attentive to the needs of detainees, and most detainees we spoke to were positive about their treatment.",
        "Data on the use of force in custody was not routinely collected or analysed.",
        "Health care was provided by a contracted provider, and the arrangements worked well.",
        "Liaison and diversion services were available during the day at both suites.",
        "The average time in custody was {n} hours, a little higher than in similar forces.",
        "Children were rarely held overnight, but alternative accommodation was seldom available when requested.",
        "Detainees were usually offered a shower, although few were told that they could have one.",
        "The governance of custody has improved since our previous inspection.",
        "Staff had received training in first aid, and the equipment we checked was in date.",
        "Interpretation services were used appropriately for detainees whose first language was not English.",
        "Pre-release risk assessments were completed, but many were brief and did not consider the detainee's needs on release.",
    ],
}


class Prose:
    """Deterministic filler paragraphs drawn from the banks with the report's own random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, bank: str) -> str:
        text = self.rng.choice(BANKS[bank])
        return text.format(n=self.rng.randint(12, 480), p=self.rng.randint(6, 31), k=self.rng.randint(5, 11),
                           m1="January", m2="June")

    def paragraph(self, bank: str, sentences: int = 4) -> str:
        picked = self.rng.sample(BANKS[bank], k=min(sentences, len(BANKS[bank])))
        return " ".join(s.format(n=self.rng.randint(12, 480), p=self.rng.randint(6, 31), k=self.rng.randint(5, 11),
                                 m1="January", m2="June") for s in picked)

    def paragraphs(self, bank: str, count: int, sentences: tuple[int, int] = (3, 5)) -> list[str]:
        return [self.paragraph(bank, self.rng.randint(*sentences)) for _ in range(count)]
