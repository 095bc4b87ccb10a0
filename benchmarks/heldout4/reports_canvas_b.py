"""Reports drawn on the bare canvas (2): a two-column fire and rescue service report, an annual
assessment with a landscape page, and two papers that restate other reports' items (no items)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor, white

from .canvas_kit import Look, Sheet
from .filler import Filler
from .gold import NO_DEADLINE, Item, Report, deadline

RED, NAVY, OCHRE, GREEN, AMBER = (HexColor(c) for c in ("#b5121b", "#1f2f57", "#c98a12", "#2e7d32", "#e0a100"))


def fill_to(s: Sheet, f: Filler, lines_left: float, look: Look) -> None:
    """Narrative until only a few lines are left at the foot of the page, so the next item breaks."""
    while True:
        room = s.y - s.bottom
        text = ""
        for _ in range(8):
            candidate = (text + " " + f.sentence()).strip()
            height = len(s.layout(candidate, s.columns[s.col][1], look, 14)) * look.leading + 6
            if room - height < lines_left * look.leading:
                break
            text = candidate
        if not text:
            return
        s.para(text, first_indent=14, after=6)


def fire_calderbridge(out: Path, seed: int) -> Report:
    r = Report("fire_calderbridge_2024", "fire", "Calderbridge Fire and Rescue Service inspection 2023–25",
               date(2024, 6, 5))
    f = Filler(seed, r.stem)
    coc = r.add(Item("cause_of_concern", "The service hasn’t made enough progress in carrying out fire safety "
                     "audits of high-risk premises. Its risk-based inspection programme isn’t based on an "
                     "up-to-date understanding of which buildings present the highest risk.",
                     label="Cause of concern"))
    lead = "By 31 March 2025, the service should:"
    due = deadline("date", "By 31 March 2025", r.published)
    recs = [r.add(Item("recommendation", b, lead=lead, addressees=("fire_and_rescue_services",),
                       addressee_text="the service", deadline=due, parent=coc)) for b in (
        "review its risk-based inspection programme so that it targets the highest-risk premises;",
        "make sure it has enough qualified fire safety inspectors to carry out the programme; and",
        "put in place a way of monitoring and evaluating the quality of its fire safety audits.")]
    afi_specs = [
        ("The service should make sure that its home fire safety checks are targeted at the people most at "
         "risk from fire.", "The service"),
        ("The service should evaluate its prevention activity so it understands what works.", "The service"),
        ("Calderbridge Fire and Rescue Service should make sure that operational staff understand how to "
         "gather and record risk information about premises on their station grounds.",
         "Calderbridge Fire and Rescue Service"),
        ("The service needs to make sure that it has enough staff available to maintain its on-call "
         "appliances, particularly during the day.", "The service"),
        ("The service should make sure that learning from operational incidents is shared with all staff "
         "and acted on.", "The service"),
        ("The service should monitor, review and evaluate the benefits and outcomes of its collaboration "
         "with the local police force.", "The service"),
        ("The service should make sure that its values and behaviours are understood and demonstrated by "
         "staff at all levels, including senior managers.", "The service"),
    ]
    afis = [r.add(Item("area_for_improvement", b, label="Area for improvement",
                       addressees=("fire_and_rescue_services",), addressee_text=t)) for b, t in afi_specs]

    def decorate(s: Sheet) -> None:
        w, h = s.size
        if s.page == 1:
            return
        s.c.setFillColor(RED)
        s.c.rect(w - 34, h - 150, 34, 150, stroke=0, fill=1)
        s.c.setFillColor(HexColor("#333333"))
        s.c.setFont("Helvetica", 7)
        s.c.drawString(48, h - 42, "Effectiveness, efficiency and people 2023–25: Calderbridge Fire and Rescue Service")
        s.c.setFont("Helvetica-Bold", 8)
        s.c.drawString(48, 36, str(s.page))

    look = Look("helvetica", 9, 10.8, align="justify")
    s = Sheet(str(out / f"{r.stem}.pdf"), r, look, margins=(48, 60, 84, 80), decorate=decorate)
    c, (w, h) = s.c, s.size
    c.setFillColor(RED)
    c.rect(0, 0, w * 0.38, h, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont("Helvetica-Bold", 24)
    for index, text in enumerate(["Effectiveness,", "efficiency and", "people 2023–25"]):
        c.drawString(36, h - 140 - index * 30, text)
    c.setFillColor(NAVY)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(w * 0.38 + 30, h - 260, "An inspection of")
    c.drawString(w * 0.38 + 30, h - 286, "Calderbridge Fire and")
    c.drawString(w * 0.38 + 30, h - 312, "Rescue Service")
    c.setFont("Helvetica", 11)
    c.drawString(w * 0.38 + 30, h - 350, "5 June 2024")
    s.new_page()
    s.bar("Overall summary", NAVY, family="helvetica", size=12)
    s.set_columns(2, gap=20)
    for text in f.paras(4, 3, 4):
        s.para(text, first_indent=12)
    s.para("The service has 28 fire stations, and by 31 March 2024, 1,180 firefighters had completed the "
           "new breathing apparatus course. " + f.sentence(), first_indent=12)
    s.new_page()
    s.bar("Cause of concern", RED, family="helvetica", size=12)
    s.para(coc.body, Look("helvetica", 10, 12.5, align="left"), box=(HexColor("#fbe9e9"), RED, 9), item=coc,
           after=10)
    s.heading("Recommendations", size=10, family="helvetica", color=RED, before=2)
    s.para(lead, Look("helvetica", 10, 12.5, align="left"), after=3)
    for rec in recs:
        s.bullet(rec.body, item=rec, look=Look("helvetica", 10, 12.5, align="left"), square=RED, after=2)
    s.space(10)
    sections = [("Preventing fires and other risks", afis[0:2]), ("Protecting the public through fire regulation",
                []), ("Responding to fires and other emergencies", afis[2:4]), ("Making best use of resources",
                afis[4:6]), ("Promoting the right values and culture", afis[6:])]
    s.set_columns(2, gap=20)
    for title, found in sections:
        s.heading(title, size=10.5, family="helvetica", color=NAVY, rule=NAVY, before=10)
        for text in f.paras(3, 2, 4):
            s.para(text, first_indent=12)
        if title.startswith("Protecting"):
            s.para("Staff told us the service should give them more time for protection work. "
                   + f.sentence(), first_indent=12)
        for item in found:
            s.heading("Area for improvement", size=9, family="helvetica", color=RED, before=6, after=3, keep=30)
            s.para(f"**{item.body}**", item=item, after=4)
            s.para(f.para(1, 3), first_indent=12)
    s.finish()
    return r


def annual_state(out: Path, seed: int) -> Report:
    r = Report("annual_assessment_2024", "national_other",
               "State of Policing: The Annual Assessment of Policing in England and Wales 2024",
               date(2024, 12, 10))
    f = Filler(seed, r.stem)
    dl = lambda kind, text: deadline(kind, text, r.published)  # noqa: E731
    specs = [
        ("The Home Office should, by the end of 2025, bring forward legislation to give the police a clear "
         "statutory framework for the use of live facial recognition.", ("home_office",), "The Home Office",
         ("year_end", "by the end of 2025")),
        ("By April 2025, the Government should publish a long-term funding settlement for policing that covers "
         "at least three years.", ("government",), "the Government", ("month", "By April 2025")),
        ("The Home Office and the College of Policing should, by the end of the 2025/26 financial year, agree "
         "a national workforce plan that sets out the skills the police will need over the next ten years.",
         ("home_office", "college_of_policing"), "The Home Office and the College of Policing",
         ("financial_year", "by the end of the 2025/26 financial year")),
        ("Chief constables should make sure that neighbourhood officers are not routinely taken away from "
         "their communities to fill gaps in response policing, and should publish the proportion of time "
         "their neighbourhood teams spend on abstractions every quarter, so that police and crime commissioners and the public can hold them to account for "
         "the visibility and accessibility of local policing.", ("chief_constables",), "Chief constables", None),
        ("By 30 September 2025, the National Police Chiefs’ Council should establish a single national "
         "approach to the procurement of digital forensic services.", ("npcc",),
         "the National Police Chiefs’ Council", ("date", "By 30 September 2025")),
        ("With immediate effect, police and crime commissioners should include in their police and crime plans "
         "how they will hold chief constables to account for the quality of investigations.",
         ("police_and_crime_commissioners",), "police and crime commissioners", ("immediate",
                                                                                  "With immediate effect")),
    ]
    recs = [r.add(Item("recommendation", b, str(n), f"Recommendation {n}", addressees=a, addressee_text=t,
                       deadline=dl(*d) if d else NO_DEADLINE)) for n, (b, a, t, d) in enumerate(specs, start=1)]

    def decorate(s: Sheet) -> None:
        w, h = s.size
        if s.page == 1:
            return
        s.c.setFillColor(OCHRE)
        s.c.rect(40, h - 46, 6, 14, stroke=0, fill=1)
        s.c.setFillColor(HexColor("#3b3b3b"))
        s.c.setFont("Times-Italic", 9)
        s.c.drawString(52, h - 43, "State of Policing 2024")
        s.c.setFont("Times-Roman", 10)
        s.c.drawRightString(w - 44, 34, f"Page {s.page}")

    look = Look("times", 11.5, 16.5, align="justify")
    s = Sheet(str(out / f"{r.stem}.pdf"), r, look, margins=(80, 80, 90, 86), decorate=decorate)
    c, (w, h) = s.c, s.size
    c.setFillColor(NAVY)
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.setFillColor(OCHRE)
    c.rect(60, h - 330, 8, 160, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont("Times-Bold", 34)
    c.drawString(84, h - 210, "State of Policing")
    c.setFont("Times-Roman", 16)
    c.drawString(84, h - 245, "The Annual Assessment of Policing in England and Wales 2024")
    c.drawString(84, h - 300, "His Majesty’s Chief Inspector of Constabulary")
    c.drawString(84, h - 322, "10 December 2024")
    s.new_page()
    s.heading("Foreword", size=18, color=NAVY, after=12)
    for text in f.paras(3, 3, 4):
        s.para(text, first_indent=18)
    s.para("By 31 March 2024, forces in England and Wales employed 147,430 full-time equivalent officers, "
           "the highest number on record. " + f.sentence(), first_indent=18)
    s.para("In last year’s assessment we made five recommendations; four of them have yet to be implemented. "
           "We said then that “the Home Office should set out how it will fund the uplift beyond 2024”. "
           + f.sentence(), first_indent=18)
    s.new_page(wide=True)
    s.heading("Figure 3: Police workforce by force type, 31 March 2024", size=13, color=NAVY, after=10)
    rows = [[name, *vals] for name, vals in [
        ("Metropolitan", ("34,012", "10,455", "1,523", "8.1")), ("Large urban", ("41,880", "22,104", "3,920", "7.4")),
        ("Mostly rural", ("29,315", "19,870", "2,980", "6.9")), ("Mixed", ("42,223", "25,201", "4,112", "7.2"))]]
    s.ruled_table([190, 130, 130, 130, 120], ["Force type", "Officers", "Staff", "PCSOs", "Officers per 1,000"],
                  rows, Look("times", 11, 14, align="left"), rule=NAVY)
    s.para(f.para(2, 3))
    s.new_page()
    s.heading("Part 1: The state of policing", size=18, color=NAVY, after=12, smallcaps=True)
    for index, rec in enumerate(recs):
        for text in f.paras(2, 2, 3):
            s.para(text, first_indent=18)
        if index == 3:
            fill_to(s, f, 3.6, look)
            s.heading("Recommendation", size=10, color=OCHRE, before=4, after=4, keep=0)
            s.para(rec.body, item=rec, badge=("square", OCHRE, rec.number), after=10)
            continue
        s.heading("Recommendation", size=10, color=OCHRE, before=4, after=4, keep=60)
        s.para(rec.body, item=rec, badge=("square", OCHRE, rec.number), keep=True, after=10)
        if index == 1:
            s.heading("Part 2: Building a sustainable workforce", size=18, color=NAVY, before=16, after=12,
                      smallcaps=True)
    s.finish()
    return r
