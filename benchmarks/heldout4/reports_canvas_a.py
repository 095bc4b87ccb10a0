"""Reports drawn on the bare canvas (1): a PEEL force report, a national thematic with margin
labels and footnotes, and an accelerated cause of concern set like a typed letter."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor, white

from .canvas_kit import Look, Sheet
from .filler import Filler
from .gold import Item, Report, deadline

TEAL, SAND, PLUM = HexColor("#0d5c63"), HexColor("#f3ead8"), HexColor("#5b2a6e")


def _cover(sheet: Sheet, fill, lines: list[tuple[str, float, str]], foot: str) -> None:
    c = sheet.c
    w, h = sheet.size
    c.setFillColor(fill)
    c.rect(0, h * 0.45, w, h * 0.55, stroke=0, fill=1)
    y = h - 150
    for text, size, font in lines:
        c.setFillColor(white)
        c.setFont(font, size)
        c.drawString(60, y, text)
        y -= size * 1.35
    c.setFillColor(HexColor("#222222"))
    c.setFont("Helvetica", 11)
    c.drawString(60, h * 0.45 - 40, foot)


def peel_brackenmoor(out: Path, seed: int) -> Report:
    r = Report("peel_brackenmoor_2024", "peel", "PEEL 2023–25 An inspection of Brackenmoor Constabulary",
               date(2024, 3, 14))
    f = Filler(seed, r.stem)

    def afi(n, body, adtext="The force"):
        return r.add(Item("area_for_improvement", body, str(n), f"Area for improvement {n}",
                          addressees=("force",), addressee_text=adtext))

    coc = r.add(Item("cause_of_concern", "Brackenmoor Constabulary isn’t answering emergency and non-emergency "
                     "calls quickly enough, and it doesn’t always identify vulnerable callers or repeat victims "
                     "when they first make contact. This means that some people don’t get the service or the "
                     "safeguarding they need.", label="Cause of concern"))
    lead = "Within six months, the constabulary should:"
    due = deadline("relative", "Within six months", r.published)
    recs = [r.add(Item("recommendation", body, lead=lead, addressees=("force",), addressee_text="the constabulary",
                       deadline=due, parent=coc)) for body in (
        "make sure it answers 999 calls within ten seconds in line with national standards;",
        "reduce the number of non-emergency calls that are abandoned before they are answered; and",
        "make sure call handlers use a structured triage process to identify vulnerability and repeat "
        "victimisation at first contact.")]
    afis = [
        afi(1, "The force needs to make sure that it records all reported crimes correctly, including "
               "behavioural crimes such as stalking and coercive control, within 24 hours of receiving the report."),
        afi(2, "The constabulary should improve the way it updates victims about the progress of their "
               "investigations and record that it has done so.", "The constabulary"),
        afi(3, "The force should make sure that the reasons for stop and search are recorded fully and that "
               "supervisors review the quality of those grounds."),
        afi(4, "Brackenmoor Constabulary should improve how it manages registered sex offenders, so that home "
               "visits take place at the frequency set by their risk level.", "Brackenmoor Constabulary"),
        afi(5, "The force needs to understand its workforce wellbeing needs better and use that understanding "
               "to target its support."),
        afi(6, "The force should make sure its counter-corruption unit has the capacity to assess all the "
               "intelligence it receives in a timely manner."),
    ]

    def decorate(s: Sheet) -> None:
        if s.page == 1:
            return
        w, h = s.size
        s.c.setFillColor(TEAL)
        s.c.rect(0, h - 26, w, 26, stroke=0, fill=1)
        s.c.setFillColor(white)
        s.c.setFont("Helvetica", 8)
        s.c.drawString(40, h - 17, r.title)
        s.c.setFillColor(HexColor("#444444"))
        s.c.setFont("Times-Roman", 9)
        s.c.drawRightString(w - 40, 30, f"{s.page}")

    body = Look("times", 10.5, 13.2)
    s = Sheet(str(out / f"{r.stem}.pdf"), r, body, margins=(132, 56, 86, 84), decorate=decorate)
    _cover(s, TEAL, [("PEEL 2023–25", 30, "Helvetica-Bold"),
                     ("Police effectiveness, efficiency and legitimacy", 15, "Helvetica"),
                     ("An inspection of Brackenmoor Constabulary", 20, "Helvetica-Bold")],
           "Published 14 March 2024")
    s.new_page()
    s.bar("Overall summary", TEAL)
    s.para(f.para(3, 4), after=6)
    s.heading("Our judgments", size=11, color=TEAL, rule=TEAL)
    grades = [("Police legitimacy", "Adequate"), ("Preventing crime", "Good"), ("Responding to the public",
              "Inadequate"), ("Investigating crime", "Requires improvement"), ("Protecting vulnerable people",
              "Requires improvement"), ("Managing offenders", "Adequate"), ("Developing a positive workplace",
              "Adequate"), ("Leadership and force management", "Adequate")]
    s.ruled_table([210, 170], ["Area", "Grade"], [list(g) for g in grades], Look("helvetica", 9, 11.5, align="left"),
                  rule=TEAL)
    s.para("By 31 March 2023, the constabulary had recruited 312 additional officers as part of the national "
           "uplift programme, and most of them were now working in response and neighbourhood roles. "
           + f.para(1, 2), after=6)
    s.para(f"{f.sentence()} Officers we spoke to felt that the constabulary should publicise its successes more "
           f"widely. {f.para(1, 2)}", after=6)
    s.bar("Cause of concern", HexColor("#a4262c"))
    s.para(coc.body, Look("times", 10.5, 13.2), box=(SAND, None, 8), item=coc, after=10)
    s.heading("Recommendations", size=10.5, family="helvetica", color=HexColor("#a4262c"))
    lead_lines = s.layout(lead, s.columns[0][1], body)
    s.ensure(len(lead_lines) * body.leading + 3 * 3 * body.leading + 20)
    s.para(lead, after=3)
    for rec in recs:
        s.bullet(rec.body, item=rec, square=HexColor("#a4262c"))
    s.space(6)
    sections = [("Responding to the public", []), ("Investigating crime", [afis[0], afis[1]]),
                ("Police powers and public treatment", [afis[2]]), ("Protecting vulnerable people", []),
                ("Managing offenders and suspects", [afis[3]]), ("Building, supporting and protecting the "
                "workforce", [afis[4], afis[5]])]
    for title, found in sections:
        s.bar(title, TEAL)
        for text in f.paras(f.rng.randint(2, 4)):
            s.para(text, first_indent=0, after=6)
        for item in found:
            s.space(4)
            s.para(f"**{item.body}**", item=item, label=["Area for", f"improvement {item.number}"], after=8)
            s.para(f.para(2, 3), after=6)
    s.bar("About the data", HexColor("#555555"))
    for text in f.paras(3):
        s.para(text, after=6)
    s.finish()
    return r


def thematic_exploitation(out: Path, seed: int) -> Report:
    r = Report("thematic_exploitation_2023", "thematic_police",
               "An inspection of how well the police tackle the criminal exploitation of children",
               date(2023, 9, 21))
    f = Filler(seed, r.stem)
    dl = lambda kind, text: deadline(kind, text, r.published)  # noqa: E731
    notes = {"1": "Home Office, Serious Violence Duty: statutory guidance, December 2022.",
             "2": "National Referral Mechanism statistics, year ending March 2023.",
             "3": "College of Policing, Authorised Professional Practice on child exploitation."}
    specs = [
        ("By 31 March 2024, chief constables should make sure that every report of a missing child is assessed "
         "for signs of criminal exploitation, and that the outcome of that assessment is recorded.",
         ("chief_constables",), "chief constables", ("date", "By 31 March 2024")),
        ("By 31 March 2024, chief constables and police and crime commissioners should review how their "
         "local partnership arrangements share intelligence about child exploitation, in line with the "
         "Serious Violence Duty.^1", ("chief_constables", "police_and_crime_commissioners"),
         "chief constables and police and crime commissioners", ("date", "By 31 March 2024")),
        ("Within six months of the publication of this report, the NPCC lead for child protection, working "
         "with the College of Policing, should develop a national definition of child criminal exploitation "
         "for use in police recording systems.", ("npcc",), "the NPCC lead for child protection",
         ("relative", "Within six months of the publication of this report")),
        ("By 30 June 2024, the Home Office should make sure that decisions under the National Referral "
         "Mechanism^2 for children are made within 45 days.", ("home_office",), "the Home Office",
         ("date", "By 30 June 2024")),
        ("By 31 October 2024, the College of Policing should update its guidance^3 so that it sets out how "
         "officers should treat children found in possession of drugs as potential victims.",
         ("college_of_policing",), "the College of Policing", ("date", "By 31 October 2024")),
        ("By the end of 2024, chief constables should make sure that all frontline officers and staff have "
         "been trained to recognise the signs of child criminal exploitation.", ("chief_constables",),
         "chief constables", ("year_end", "By the end of 2024")),
        ("By 31 March 2025, the National Crime Agency and the NPCC should agree a shared approach to "
         "assessing the threat from county lines that includes children who are exploited outside county "
         "lines.", ("nca", "npcc"), "the National Crime Agency and the NPCC", ("date", "By 31 March 2025")),
        ("Once the College of Policing has published its revised guidance, chief constables should adopt "
         "it and review their local procedures against it.", ("chief_constables",), "chief constables",
         ("event", "Once the College of Policing has published its revised guidance")),
        ("By 31 December 2024, police and crime commissioners should make sure that the services they "
         "commission for child victims of exploitation are available outside office hours.",
         ("police_and_crime_commissioners",), "police and crime commissioners", ("date", "By 31 December 2024")),
    ]
    recs = [r.add(Item("recommendation", body, str(n), f"Recommendation {n}", addressees=a, addressee_text=at,
                       deadline=dl(*d))) for n, (body, a, at, d) in enumerate(specs, start=1)]
    afi_specs = [
        "Forces should improve how they record the ethnicity of children referred as possible victims of "
        "exploitation, so that disproportionality can be understood.",
        "Forces should make better use of civil orders, such as slavery and trafficking risk orders, to "
        "disrupt adults who exploit children.",
        "Forces should make sure that return home interviews are shared with the officers investigating "
        "the child’s exploitation.",
    ]
    afis = [r.add(Item("area_for_improvement", body, str(n), f"Area for improvement {n}",
                       addressees=("chief_constables",), addressee_text="Forces"))
            for n, body in enumerate(afi_specs, start=1)]

    def decorate(s: Sheet) -> None:
        if s.page == 1:
            return
        w, h = s.size
        s.c.setStrokeColor(PLUM)
        s.c.setLineWidth(2)
        s.c.line(40, h - 44, w - 40, h - 44)
        s.c.setFillColor(PLUM)
        s.c.setFont("VeraIt", 7.5)
        s.c.drawString(40, h - 38, r.title)
        s.c.setFont("Vera", 8.5)
        s.c.drawCentredString(w / 2, 34, f"– {s.page} –")

    look = Look("vera", 9.5, 15.5, align="left", hyphenate=True)
    s = Sheet(str(out / f"{r.stem}.pdf"), r, look, margins=(140, 60, 90, 86), decorate=decorate)
    _cover(s, PLUM, [("An inspection of how well the police", 22, "VeraBd"),
                     ("tackle the criminal exploitation of children", 22, "VeraBd")],
           "21 September 2023")
    s.new_page()
    s.heading("Contents", size=14, color=PLUM, family="vera")
    for n, (title, page) in enumerate([("Summary", 3), ("Recommendations", 3), ("1. Identifying children at risk",
                                       5), ("2. Working with partners", 7), ("3. National arrangements", 9)]):
        s.para(f"{title} {page}", Look("vera", 9.5, 15, align="left"))
    s.new_page()
    s.heading("Summary", size=14, color=PLUM, family="vera", after=10)
    for text in f.paras(2, 2, 3):
        s.para(text, after=7)
    s.para("We made nine recommendations and three areas for improvement.", after=7)
    s.heading("Recommendations", size=14, color=PLUM, family="vera", after=10)
    for rec in recs:
        for number in notes:
            if f"^{number}" in rec.body:
                s.footnote(number, notes[number])
        s.para(rec.body, item=rec, label=["Recommendation", rec.number], keep=True, after=8)
    s.heading("Areas for improvement", size=12, color=PLUM, family="vera", after=8)
    for item in afis:
        s.para(item.body, item=item, label=["Area for", f"improvement {item.number}"], keep=True, after=8)
    chapters = [("1. Identifying children at risk", [recs[0], recs[5], afis[0]]),
                ("2. Working with partners", [recs[1], recs[8], afis[2]]),
                ("3. National arrangements", [recs[2], recs[3], recs[4], recs[6], recs[7], afis[1]])]
    for title, found in chapters:
        s.new_page()
        s.heading(title, size=14, color=PLUM, family="vera", after=10)
        for item in found:
            for text in f.paras(2, 2, 3):
                s.para(text, after=7)
            if item is recs[3]:
                s.para("In 2021 we recommended that “by 31 March 2022, the Home Office should review the "
                       "time taken to make decisions for children”. That recommendation has not been met.",
                       after=7)
            tag = (["Recommendation", item.number] if item.kind == "recommendation"
                   else ["Area for", f"improvement {item.number}"])
            s.para(item.body, Look("vera", 9.5, 13.5, PLUM, "left"), box=(HexColor("#efe7f3"), None, 7),
                   item=item, printing=1, label=tag, after=10)
    s.finish()
    return r


def accelerated_rivermouth(out: Path, seed: int) -> Report:
    r = Report("accelerated_rivermouth_2023", "single_force_other",
               "Accelerated cause of concern: Rivermouth Police’s response to missing people", date(2023, 11, 8))
    f = Filler(seed, r.stem)
    coc = r.add(Item("cause_of_concern", "Rivermouth Police is not consistently assessing the risk to people "
                     "reported missing, and supervisors are not reviewing high-risk cases quickly enough. As a "
                     "result, some missing people, including children, are exposed to avoidable harm.",
                     label="Cause of concern"))
    lead = "Within three months, Rivermouth Police should:"
    due = deadline("relative", "Within three months", r.published)
    recs = [r.add(Item("recommendation", body, letter, f"({letter})", lead=lead, addressees=("force",),
                       addressee_text="Rivermouth Police", deadline=due, parent=coc)) for letter, body in zip("abcd", (
        "make sure that every missing person report is risk assessed by a trained officer at the point "
        "of first contact;",
        "make sure that a supervisor reviews every high-risk missing person case within one hour;",
        "introduce a system to audit the quality of missing person investigations; and",
        "make sure that officers understand and use the national guidance on missing people."))]

    def decorate(s: Sheet) -> None:
        w, h = s.size
        s.c.setFont("Courier", 8)
        s.c.setFillColor(HexColor("#333333"))
        s.c.drawString(60, h - 40, "OFFICIAL")
        s.c.drawRightString(w - 60, h - 40, r.title[:60])
        s.c.drawCentredString(w / 2, 34, f"Page {s.page}")

    look = Look("courier", 10, 12.5, align="left", hyphenate=False)
    s = Sheet(str(out / f"{r.stem}.pdf"), r, look, margins=(72, 72, 96, 90), decorate=decorate)
    s.para("**His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services**", after=2)
    s.para("Accelerated cause of concern", after=2)
    s.para("8 November 2023", after=14)
    s.para("**Rivermouth Police’s response to missing people**", after=12)
    s.para("Dear Chief Constable,", after=8)
    for text in f.paras(2, 2, 3):
        s.para(text, after=8)
    s.para("We are writing to tell you that we have found a cause of concern during our inspection of "
           "Rivermouth Police. We have published this ahead of our full report because of the risk to the "
           "public.", after=10)
    s.para("**Cause of concern**", after=4)
    s.para(coc.body, item=coc, after=10)
    s.para("**Recommendations**", after=4)
    s.ensure(8 * look.leading + 40)
    s.para(lead, after=4)
    for rec in recs:
        s.bullet(rec.body, item=rec, marker=rec.label, indent=30)
    s.space(8)
    s.para("By 30 September 2023, the force had 214 missing person reports still open, and 37 of them had "
           "been graded high risk.", after=8)
    for heading in ("What we found", "Risk assessment", "Supervision", "Next steps"):
        s.para(f"**{heading}**", after=4)
        for text in f.paras(3, 2, 3):
            s.para(text, after=8)
    s.para("Yours sincerely,", after=20)
    s.para("His Majesty’s Inspector of Constabulary", after=6)
    s.finish()
    return r
