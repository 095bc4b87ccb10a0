"""National reports: a long thematic with a summary list at the front, a thematic whose addressees
sit in headings and table columns, and an annual assessment set in two columns."""
from __future__ import annotations

import random
from datetime import date

from reportlab.platypus import CondPageBreak, KeepTogether

from .core import Item, Report, fin_year, month, on, within, year_end
from .layout import (TA_JUSTIFY, Kit, Marker, PageBreak, Spacer, Table, TableStyle, Typo, colors, make_doc, smallcaps,
                     switch)
from .prose import Prose
from .shapes import FillTo

CC = ("chief_constables",)


def thematic_exploitation(seed: int):
    r = Report("thematic-2024-child-exploitation", "thematic", "Out of sight: an inspection of how the police and "
               "their partners protect children from criminal exploitation", date(2024, 10, 3))
    specs = [
        ("By 30 April 2025, chief constables should make sure that their forces record when a child is suspected "
         "of being criminally exploited, using the national flag.", CC, "chief constables",
         on("By 30 April 2025", 2025, 4, 30)),
        ("The NPCC lead for child protection should, by October 2025, develop a national framework for assessing "
         "the risk of exploitation that all forces can use.", ("npcc",), "The NPCC lead for child protection",
         month("by October 2025", 2025, 10)),
        ("The College of Policing, working with the NPCC lead for child protection, should update its authorised "
         "professional practice on child exploitation by the end of 2025.", ("college_of_policing",),
         "The College of Policing", year_end("by the end of 2025", 2025)),
        ("Within 12 months, chief constables and police and crime commissioners should review how they "
         "commission services for children at risk of exploitation.", ("chief_constables",
         "police_and_crime_commissioners"), "chief constables and police and crime commissioners",
         within("Within 12 months", 12)),
        ("The Home Office and the Department for Education should jointly publish statutory guidance on the "
         "criminal exploitation of children.", ("home_office", "department_for_education"),
         "The Home Office and the Department for Education", None),
        ("By 31 March 2025, chief officers with responsibilities for regional organised crime units should make "
         "sure those units share intelligence about exploitation with the forces in their region.", ("rocu",),
         "chief officers with responsibilities for regional organised crime units",
         on("By 31 March 2025", 2025, 3, 31)),
        ("The National Crime Agency should give forces an assessment every year of the national threat from "
         "county lines.", ("nca",), "The National Crime Agency", None),
        ("By 31 December 2025, forces should make sure that every child who is arrested on suspicion of drug "
         "supply is screened for signs of exploitation.", CC, "forces", on("By 31 December 2025", 2025, 12, 31)),
        ("Chief constables should make sure that officers who interview children who are suspected of being "
         "exploited have been trained to do so.", CC, "Chief constables", None),
    ]
    recs = []
    for n, (body, ids, who, dl) in enumerate(specs, start=1):
        kw = {"deadline": dl} if dl else {}
        recs.append(r.add(Item("recommendation", body, ids, who, number=str(n), label=f"Recommendation {n}", **kw)))
    afis = [r.add(Item("area_for_improvement", b, CC, "Forces", number=str(n), label=f"Area for improvement {n}"))
            for n, b in enumerate((
                "Forces should improve how they record the ethnicity and age of children referred to the "
                "National Referral Mechanism.",
                "Forces should make better use of civil orders to disrupt adults who exploit children.",
                "Forces should make sure that return home interviews are used to gather intelligence about the "
                "people who exploit children, and that this intelligence reaches the officers who investigate the "
                "exploitation and the safeguarding partners who support the child and their family.",
                "Forces should evaluate their prevention work in schools so they know what works."), start=1)]
    t = Typo("vera", 10.5, 15.5, 8, 0, align=TA_JUSTIFY, accent=colors.HexColor("#2e4d8f"), heading="bar",
             folio="outer")
    chapters = [("1. Introduction", [], []), ("2. Identifying children at risk", [0, 7], [0]),
                ("3. National guidance and standards", [1, 2], []), ("4. Working with partners", [3, 4], [1]),
                ("5. Regional and national capability", [5, 6], []), ("6. Investigating and safeguarding", [8], [2]),
                ("7. Prevention", [], [3]), ("8. Conclusion", [], [])]
    seen: dict[str, int] = {}

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 59), "national")
        doc = make_doc(buf, r, t, header="Out of sight: protecting children from criminal exploitation",
                       footer="HMICFRS", folio_offset=2)
        story = [Spacer(1, 30), k.p("Out of sight", "title", fontSize=32, leading=38),
                 k.p("An inspection of how the police and their partners protect children from criminal "
                     "exploitation", "subtitle"), Spacer(1, 30), k.p("October 2024", "flat")]
        story += switch("body") + [k.p("Published on 3 October 2024. © HMICFRS 2024. ISBN 978-1-78655-000-0",
                                       "small"), PageBreak(), k.p("Contents", "h1")]
        story += [k.contents([("Summary", "summary"), ("Summary of recommendations", "list")]
                             + [(c[0], c[0]) for c in chapters], seen), PageBreak()]
        story += [Marker("summary", seen, "", k.s["small"])] + k.heading("Summary", 1)
        story += [k.p(x) for x in pr.paragraphs(5)]
        story += [k.p("We made nine recommendations and identified four areas for improvement.")]
        story += [PageBreak(), Marker("list", seen, "", k.s["small"])] + k.heading("Summary of recommendations", 1)
        for rec in recs:
            story += [KeepTogether([k.p(rec.label, "h3", textColor=t.accent), r.track(k.p(rec.body, "flat"), rec)]),
                      Spacer(1, 4)]
        for title, rec_ids, afi_ids in chapters:
            story += [PageBreak(), Marker(title, seen, "", k.s["small"]), k.p(title, "h1")]
            story += [k.p(x) for x in pr.paragraphs(7)]
            if title.startswith("2."):
                story += [k.p("By 31 March 2024, 4,130 children had been referred to the National Referral "
                              "Mechanism by the forces we inspected.")]
            for sub in range(3):
                story += k.heading(f"{title.split('. ')[1]}: part {sub + 1}".replace("part 1", "the evidence")
                                   .replace("part 2", "what we found").replace("part 3", "what needs to change"))
                story += [k.p(x) for x in pr.paragraphs(4)]
                if sub == 1:
                    for i in rec_ids:
                        story += [k.box([k.p(recs[i].label, "bold"), k.p(recs[i].body, "flat")], fill="#e6ebf5")]
                        story += [Spacer(1, 6), k.p(pr.paragraph())]
                    for i in afi_ids:
                        if i == 2:  # this one is broken over the page, mid-sentence
                            story += [FillTo(3 * t.leading + 14, pr.sentences(60), k.s["body"]), k.p(afis[i].label, "h3"),
                                      r.track(k.p(afis[i].body, "flat"), afis[i]), Spacer(1, 4)]
                            continue
                        story += [KeepTogether([k.p(afis[i].label, "h3"), r.track(k.p(afis[i].body, "flat"),
                                                                                  afis[i])]), Spacer(1, 4)]
            if title.startswith("4."):
                story += [k.p("In our 2018 report we recommended that “forces should work with local authorities to "
                              "map exploitation”. Most have not.")]
        story += [PageBreak(), k.p("Annex A: methodology", "h1")] + [k.p(x) for x in pr.paragraphs(6)]
        doc.build(story)

    return r, r.build(render)


def thematic_forensics(seed: int):
    r = Report("thematic-2023-digital-forensics", "thematic", "Backlogged: an inspection of digital forensic "
               "services in the police", date(2023, 8, 16))
    head_cc = "Recommendations for chief constables"
    cc_bodies = [
        ("By 31 March 2024, make sure that every digital device seized in an investigation is triaged within 14 "
         "days.", on("By 31 March 2024", 2024, 3, 31)),
        ("By 30 June 2024, introduce a system for prioritising the examination of devices according to the risk "
         "to victims.", on("By 30 June 2024", 2024, 6, 30)),
        ("Make sure that victims are told how long their devices are likely to be kept.", None),
        ("Within nine months, make sure that digital forensic units meet the accreditation standard.",
         within("Within nine months", 9)),
    ]
    cc = [r.add(Item("recommendation", b, CC, "chief constables", number=str(n), label=f"{n}.", source=(head_cc,),
                     **({"deadline": d} if d else {}))) for n, (b, d) in enumerate(cc_bodies, start=1)]
    table = [
        ("College of Policing", ("college_of_policing",), "Publish guidance for investigators on proportionate "
         "requests for digital examination.", "By March 2024", month("By March 2024", 2024, 3)),
        ("National Police Chiefs’ Council", ("npcc",), "Develop a national triage tool that all forces can "
         "use.", "By December 2024", month("By December 2024", 2024, 12)),
        ("Home Office", ("home_office",), "Fund a national review of the capacity of digital forensic "
         "providers.", "By the end of 2024", year_end("By the end of 2024", 2024)),
        ("Police and crime commissioners", ("police_and_crime_commissioners",), "Hold chief constables to "
         "account for the size of their digital forensic backlogs.", "Immediately", None),
        ("Crown Prosecution Service", ("cps",), "Agree with the NPCC what digital evidence is needed for a "
         "charging decision.", "Within six months", within("Within six months", 6)),
    ]
    from .core import immediate
    tab = []
    for n, (lead, ids, body, when, dl) in enumerate(table, start=5):
        dl = dl or immediate(when)
        tab.append(r.add(Item("recommendation", body, ids, lead, dl, number=str(n), label=str(n),
                              source=(lead, when))))
    t = Typo("helv", 10, 12.5, 0, 14, accent=colors.HexColor("#00563f"), heading="smallcaps", folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 61), "national")
        doc = make_doc(buf, r, t, header="Backlogged: digital forensic services", footer="August 2023")
        story = [Spacer(1, 30), k.p("Backlogged", "title"), k.p("An inspection of digital forensic services in "
                 "the police", "subtitle"), k.p("16 August 2023", "flat")]
        story += switch("body") + k.heading("Summary") + [k.p(x) for x in pr.paragraphs(4)]
        story += [k.p("We have made nine recommendations: four for chief constables and five for national "
                      "bodies.")]
        story += k.heading("Recommendations") + [k.p(head_cc, "h3")]
        story += [k.bullets([r.track(k.p(x.body, "flat", spaceAfter=4), x) for x in cc], kind="1")]
        story += [Spacer(1, 6), k.p("Recommendations for national bodies", "h3")]
        rows = [[k.p("No.", "cellbold"), k.p("Lead body", "cellbold"), k.p("Recommendation", "cellbold"),
                 k.p("Timescale", "cellbold")]]
        for item, (lead, _ids, _b, when, _d) in zip(tab, table):
            rows.append([k.p(item.number, "cell"), k.p(lead, "cell"), r.track(k.p(item.body, "cell"), item),
                         k.p(when, "cell")])
        story += [k.grid(rows, ["7%", "23%", "50%", "20%"], stripe="#eef5f1")]
        for title in ("Demand and capacity", "Triage and prioritisation", "Victims", "Accreditation",
                      "National arrangements"):
            story += [CondPageBreak(90)] + k.heading(title) + [k.p(x) for x in pr.paragraphs(5)]
        story += [k.p("One force told us the College of Policing should take the lead on this work; we agree "
                      "that national guidance is overdue.")]
        doc.build(story)

    return r, r.build(render)


def state_of_policing(seed: int):
    r = Report("state-of-policing-2024", "annual", "State of Policing: The Annual Assessment of Policing in "
               "England and Wales 2024", date(2025, 6, 19))
    specs = [
        ("The Government should introduce a long-term funding settlement for policing, covering at least "
         "three years, by the end of 2026.", ("government",), "The Government", year_end("by the end of 2026", 2026)),
        ("The Home Office should, within 12 months, establish a national body to set standards for police "
         "information technology.", ("home_office",), "The Home Office", within("within 12 months", 12)),
        ("The College of Policing and the National Police Chiefs’ Council should agree a single national "
         "curriculum for first-line supervisors by March 2026.", ("college_of_policing", "npcc"),
         "The College of Policing and the National Police Chiefs’ Council", month("by March 2026", 2026, 3)),
        ("Police and crime commissioners should publish their forces’ performance against the national crime "
         "and policing measures every quarter.", ("police_and_crime_commissioners",),
         "Police and crime commissioners", None),
        ("The Home Secretary should commission an independent review of the structure of policing in England "
         "and Wales.", ("home_office",), "The Home Secretary", None),
        ("By 31 March 2026, chief constables should make sure that every neighbourhood has a named officer or "
         "police community support officer.", CC, "chief constables", on("By 31 March 2026", 2026, 3, 31)),
    ]
    recs = []
    for n, (body, ids, who, dl) in enumerate(specs, start=1):
        kw = {"deadline": dl} if dl else {}
        recs.append(r.add(Item("recommendation", body, ids, who, number=str(n), label=f"RECOMMENDATION {n}", **kw)))
    t = Typo("times", 10, 12.2, 0, 11, align=TA_JUSTIFY, accent=colors.HexColor("#3b3b6d"), heading="bold",
             folio="centre")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 71), "national")
        doc = make_doc(buf, r, t, header="State of Policing 2024", footer="His Majesty’s Chief Inspector of "
                       "Constabulary", gutter=20)
        story = [Spacer(1, 30), k.p("State of Policing", "title", fontName="Times-Bold", fontSize=34, leading=40),
                 k.p("The Annual Assessment of Policing in England and Wales 2024", "subtitle"),
                 k.p("Laid before Parliament on 19 June 2025", "flat")]
        story += switch("two") + [k.p(smallcaps("Part 1: the state of policing", t.size + 4), "h2")]
        story += [k.p(x) for x in pr.paragraphs(6)]
        story += [k.p("By 31 March 2025, 6,210 officers had left the service in the year, the highest number "
                      "for a decade.")]
        story += [k.p("Last year I recommended that “the Home Office should publish a workforce strategy for "
                      "policing”. That has not yet happened.")]
        story += [k.p(x) for x in pr.paragraphs(5)]
        story += [k.p(smallcaps("Part 2: my recommendations", t.size + 4), "h2"),
                  k.p("I make six recommendations this year.")]
        for rec in recs:
            story += [KeepTogether([k.p(rec.label, "h3", fontSize=t.size - 1, textColor=t.accent),
                                    r.track(k.p(rec.body, "flat", firstLineIndent=0), rec)])]
            story += [k.p(x) for x in pr.paragraphs(2)]
        story += [k.p(smallcaps("Part 3: the police workforce", t.size + 4), "h2")]
        story += [k.p(x) for x in pr.paragraphs(8)]
        doc.build(story)

    return r, r.build(render)


def thematic_fraud(seed: int):
    r = Report("thematic-2023-fraud", "thematic", "Spotlight on fraud: an inspection of the police response to "
               "fraud", date(2023, 9, 14))
    specs = [
        ("Within six months of the publication of this report, the NPCC lead for economic crime should develop "
         "a national standard for the way forces respond to reports of fraud.", ("npcc",),
         "the NPCC lead for economic crime", within("Within six months of the publication of this report", 6)),
        ("City of London Police, as the national lead force for fraud, should make sure that victims who report "
         "to the national reporting centre are told what will happen next.", ("city_of_london_police",),
         "City of London Police", None),
        ("By 31 May 2024, chief constables should make sure that fraud investigations are allocated to officers "
         "with the right training.", CC, "chief constables", on("By 31 May 2024", 2024, 5, 31)),
        ("The Home Office should, by the end of the 2024/25 financial year, provide long-term funding for the "
         "regional fraud teams.", ("home_office",), "The Home Office",
         fin_year("by the end of the 2024/25 financial year", 2025)),
        ("Police and crime commissioners should make sure that fraud is a priority in their police and crime "
         "plans.", ("police_and_crime_commissioners",), "Police and crime commissioners", None),
        ("By November 2024, the College of Policing should publish guidance on protecting vulnerable victims "
         "of fraud.", ("college_of_policing",), "the College of Policing", month("By November 2024", 2024, 11)),
    ]
    recs = []
    for n, (body, ids, who, dl) in enumerate(specs, start=1):
        kw = {"deadline": dl} if dl else {}
        recs.append(r.add(Item("recommendation", body, ids, who, number=str(n), label=f"Recommendation {n}", **kw)))
    afis = [r.add(Item("area_for_improvement", b, CC, "Forces")) for b in (
        "Forces should make better use of the intelligence packages they receive about fraud.",
        "Forces should make sure that their economic crime units are not routinely taken off fraud work.",
        "Forces should record the outcomes of fraud investigations accurately.",
        "Forces should evaluate the work of their protect officers.")]
    t = Typo("helv", 10.5, 14, 7, 0, accent=colors.HexColor("#8a5a00"), heading="rule", folio="outer")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 73), "national")
        doc = make_doc(buf, r, t, header="Spotlight on fraud", footer="HMICFRS | September 2023")
        story = [Spacer(1, 30), k.p("Spotlight on fraud", "title"),
                 k.p("An inspection of the police response to fraud", "subtitle"),
                 k.p("Published 14 September 2023", "flat")]
        story += switch("body") + k.heading("Summary") + [k.p(x) for x in pr.paragraphs(4)]
        story += [k.p("We have made six recommendations and identified four areas for improvement.")]
        story += k.heading("Recommendations")
        rows = [[k.p(x.label, "cellbold", textColor=t.accent), r.track(k.p(x.body, "flat"), x)] for x in recs]
        table = Table(rows, colWidths=["22%", "78%"])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("LINEABOVE", (0, 0), (-1, 0), 0.8, t.accent),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#d8c8a8"))]))
        story += [table] + k.heading("Areas for improvement")
        story += [k.bullets([r.track(k.p(a.body, "flat"), a) for a in afis])]
        for title in ("The scale of fraud", "Reporting and triage", "Investigation", "Victims", "Prevention"):
            story += [CondPageBreak(100)] + k.heading(title) + [k.p(x) for x in pr.paragraphs(4)]
        story += [k.p("By 31 March 2023, 3.5 million fraud offences had been estimated by the crime survey.")]
        doc.build(story)

    return r, r.build(render)


BUILDERS = [thematic_exploitation, thematic_forensics, state_of_policing, thematic_fraud]
