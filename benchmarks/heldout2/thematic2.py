"""National reports of other shapes: recommendations in a table whose columns give the lead body
and the timescale, recommendations grouped under headings that name the body, and a joint
inspection with other inspectorates."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Table, TableStyle

from .engine import FilledBox, House, Item, Report, build, content_width, gap
from .prose import Prose

AFI, REC = "area_for_improvement", "recommendation"


def digital_evidence(out: Path, rng: random.Random) -> Report:
    r = Report("thematic-2025-digital-evidence", "thematic", "Out of sight: an inspection of how the police manage "
               "digital evidence", date(2025, 5, 13),
               house=House(face="vera", size=9, leading=12.5, accent=colors.HexColor("#005a8c"),
                           tint=colors.HexColor("#e1eef6")))
    prose, w = Prose(rng), content_width(r)
    rows = [
        ("Make sure that every force has a digital forensic strategy, approved by its chief officer team, that "
         "sets out how it will meet demand.", "Chief constables", ("chief_constables",), "By 31 March 2026"),
        ("Publish national standards for the triage of digital devices seized in investigations.",
         "NPCC lead for digital forensics", ("npcc",), "Within six months"),
        ("Introduce training on digital evidence for all investigators, including how to obtain consent from "
         "victims to examine their devices.", "College of Policing", ("college_of_policing",), "By the end of 2025"),
        ("Fund a national programme to reduce the backlog of devices awaiting examination.", "Home Office",
         ("home_office",), "By the end of the 2025/26 financial year"),
        ("Review the storage capacity for digital evidence and make sure that the force can retain material for "
         "as long as the law requires.", "Chief constables and police and crime commissioners",
         ("chief_constables", "police_and_crime_commissioners"), "By 31 March 2026"),
        ("Make sure that digital forensic units hold the accreditation required by the statutory code.",
         "Chief constables", ("chief_constables",), "By 1 October 2025"),
        ("Stop the practice of returning devices to victims without telling them what has been extracted.",
         "Chief constables", ("chief_constables",), "Immediately"),
        ("Issue guidance on the proportionate extraction of data from the devices of victims and witnesses.",
         "NPCC lead for digital forensics and the College of Policing", ("npcc", "college_of_policing"),
         "By 31 December 2025"),
        ("Carry out an assessment of the quality of digital forensic work in a sample of forces.",
         "Forensic Science Regulator", ("forensic_science_regulator",), "By June 2026"),
    ]
    recs = [r.add(Item(REC, text, who, lead, deadline=timescale, number=str(n), label=str(n),
                       context=(lead, timescale)))
            for n, (text, lead, who, timescale) in enumerate(rows, start=1)]
    story = [gap(60), r.bar("HMICFRS national thematic inspection", w), gap(40),
             r.para("Out of sight", r.style("h1", fontSize=30, leading=36)),
             r.para("An inspection of how the police manage digital evidence", "h2"), gap(20),
             r.para("Published 13 May 2025"), PageBreak(), r.para("Executive summary", "h1")]
    story += [r.para(p) for p in prose.paragraphs("national", 3)]
    story += [r.para("Forces should already know how many devices they hold. Most of the forces we visited did "
                     "not."),
              r.para("We make nine recommendations, set out in the table below. Each names the body we consider "
                     "best placed to lead the work and the timescale we expect.")]
    header = [r.para(h, r.style("cellb", textColor=colors.white)) for h in ("No.", "Recommendation", "Lead", "Timescale")]
    body = [[r.para(rec.number, "cellb"), r.tracked(rec, rec.text, "cell"),
             r.tracked(rec, rec.context[0], "cell", role="context"), r.tracked(rec, rec.context[1], "cell", role="context")]
            for rec in recs]
    table = Table([header] + body, colWidths=[10 * mm, w * 0.5, w * 0.25 - 10 * mm, w * 0.25], repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), r.house.accent), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9bb8cc"))] +
                              [("BACKGROUND", (0, i), (-1, i), r.house.tint) for i in range(2, len(body) + 1, 2)]))
    story += [table, PageBreak()]
    for chapter, refs in (("Demand and capacity", (1, 4, 5)), ("Victims and their devices", (2, 7, 8)),
                          ("Quality and standards", (3, 6, 9))):
        story += [r.bar(chapter, w), gap(6)]
        story += [r.para(p) for p in prose.paragraphs("national", rng.randint(3, 5))]
        story += [r.para(f"We address these findings in recommendations {refs[0]}, {refs[1]} and {refs[2]}.", "italic")]
        story += [r.para(p) for p in prose.paragraphs("national", rng.randint(1, 3))]
    build(r, out / f"{r.stem}.pdf", story, header="Out of sight: digital evidence", footer="HMICFRS")
    return r


def missing_children(out: Path, rng: random.Random) -> Report:
    r = Report("thematic-2025-missing-children", "thematic", "Safe return: an inspection of the police response to "
               "missing children", date(2025, 2, 18),
               house=House(face="times", size=10, leading=12.5, accent=colors.HexColor("#2f5d3a"),
                           tint=colors.HexColor("#e6f0e8")))
    prose = Prose(rng)
    groups = {
        "Recommendations for chief constables": (("chief_constables",), "chief constables", [
            ("By 31 January 2026, make sure that every child who returns from a missing episode is offered an "
             "independent return interview.", "By 31 January 2026", False),
            ("Within six months of the publication of this report, review how risk is assessed when a child is "
             "reported missing from a children’s home.", "Within six months of the publication of this report", False),
            ("Once the College of Policing has published its revised authorised professional practice on missing "
             "persons, update force policies to reflect it.",
             "Once the College of Policing has published its revised authorised professional practice on missing "
             "persons", True),
            ("Make sure that information about children who go missing repeatedly is shared with the local "
             "authority within 72 hours.", None, False),
        ]),
        "Recommendations for the College of Policing": (("college_of_policing",), "the College of Policing", [
            ("By 30 November 2025, revise its authorised professional practice on missing persons to include "
             "guidance on children placed out of area.", "By 30 November 2025", False),
        ]),
        "Recommendations for the Home Office and the Department for Education": (
            ("home_office", "department_for_education"), "the Home Office and the Department for Education", [
                ("By the end of the 2025/26 financial year, establish a national database of children who go "
                 "missing from care.", "By the end of the 2025/26 financial year", False),
                ("Within 12 months, publish joint statutory guidance on children who go missing from home and "
                 "care.", "Within 12 months", False),
            ]),
    }
    number, recs = 0, []
    for heading, (who, said, entries) in groups.items():
        for text, deadline, event in entries:
            number += 1
            recs.append(r.add(Item(REC, text, who, said, deadline=deadline, event=event, number=str(number),
                                   label=f"{number}.", context=(heading,))))
    afis = [r.add(Item(AFI, t, ("chief_constables",), s, number=str(n), label=f"Area for improvement {n}"))
            for n, (s, t) in enumerate((
                ("Forces", "Forces should make sure that supervisors review the risk assessment of every missing "
                 "child within the first hour."),
                ("Chief constables", "Chief constables should make sure their forces record the reasons children "
                 "give for going missing, and use that information to prevent further episodes."),
                ("Forces", "Forces should improve how they use data to identify places where missing children are "
                 "found."),
            ), start=1)]
    hang = r.styles["hang"]
    para_no = [0, 0]

    def numbered(text: str, chapter: int) -> list:
        para_no[0] = chapter if para_no[0] != chapter else para_no[0]
        para_no[1] += 1
        return [r.para(text, hang, bulletText=f"{chapter}.{para_no[1]}")]

    story = [gap(90), r.para("Safe return", r.style("h1", fontSize=30, leading=36)),
             r.para("An inspection of the police response to missing children", "h2"), gap(24),
             r.para("February 2025. Published: 18 February 2025"), PageBreak()]
    chapters = ["Introduction", "Assessing risk", "Finding and returning children", "Working with partners"]
    for c, chapter in enumerate(chapters, start=1):
        para_no[1] = 0
        story += [r.para(f"{c}. {chapter}", "h1")]
        for paragraph in prose.paragraphs("national", rng.randint(4, 7)):
            story += numbered(paragraph, c)
        if c == 2:
            story += numbered("Chief constables told us that they should be doing more, but that demand had risen "
                              "faster than their resources. We return to this in recommendation 2.", c)
            story += [KeepTogether([r.para(afis[0].label, "h3"), r.tracked(afis[0], afis[0].text, "italic")])]
        if c == 3:
            for afi in afis[1:]:
                story += [KeepTogether([r.para(afi.label, "h3"), r.tracked(afi, afi.text, "italic")])]
                story += numbered(prose.paragraph("national", 3), c)
    story += [PageBreak(), r.para("Our recommendations", "h1"),
              r.para("We have made seven recommendations. Where a recommendation depends on the work of another "
                     "body, we say so.")]
    for heading, (_who, _said, entries) in groups.items():
        under = [x for x in recs if x.context[0] == heading]
        story += [r.tracked(under, heading, r.style("h2", textColor=r.house.accent), role="context")]
        for rec in under:
            story += [r.tracked(rec, rec.text, hang, bulletText=rec.label)]
    story += [gap(10), r.para("Areas for improvement", "h2")]
    story += [r.para(f"{a.label}: {a.text}", "small") for a in afis]
    build(r, out / f"{r.stem}.pdf", story, columns=2, header="Safe return", footer="HMICFRS")
    return r


def joint_domestic_abuse(out: Path, rng: random.Random) -> Report:
    r = Report("joint-2024-domestic-abuse", "joint", "A joint inspection of the criminal justice response to "
               "domestic abuse cases", date(2024, 4, 23),
               house=House(face="helvetica", size=9.5, leading=13, accent=colors.HexColor("#3b3b6d"),
                           tint=colors.HexColor("#ececf4"), margins=(20 * mm, 20 * mm, 28 * mm, 22 * mm)))
    prose, w = Prose(rng), content_width(r)
    specs = [
        ("Chief constables and the Crown Prosecution Service should jointly agree a standard for the evidence "
         "needed to charge in domestic abuse cases, and make sure their staff apply it.",
         ("chief_constables", "cps"), "Chief constables and the Crown Prosecution Service", None),
        ("By 31 October 2024, the Crown Prosecution Service should make sure that prosecutors record their "
         "reasons when they decide not to apply for a restraining order.", ("cps",), "the Crown Prosecution Service",
         "By 31 October 2024"),
        ("HM Prison and Probation Service should improve the quality of its risk assessments for people convicted "
         "of domestic abuse offences.", ("ministry_of_justice",), "HM Prison and Probation Service", None),
        ("The Ministry of Justice and HM Courts and Tribunals Service should reduce the time taken to list domestic "
         "abuse trials in the magistrates’ courts.", ("ministry_of_justice", "hm_courts_and_tribunals_service"),
         "The Ministry of Justice and HM Courts and Tribunals Service", None),
        ("By 31 March 2025, police and crime commissioners should make sure that independent domestic violence "
         "advisers are available to victims at every stage of the case.", ("police_and_crime_commissioners",),
         "police and crime commissioners", "By 31 March 2025"),
        ("By the end of 2024, the National Police Chiefs’ Council and the Crown Prosecution Service should publish "
         "a revised joint protocol on the handling of domestic abuse cases.", ("npcc", "cps"),
         "the National Police Chiefs’ Council and the Crown Prosecution Service", "By the end of 2024"),
        ("Forces should make sure that body-worn video is used at every domestic abuse incident, and that the "
         "footage is provided to prosecutors with the file.", ("chief_constables",), "Forces", None),
        ("Within nine months of the publication of this report, the Home Office, in consultation with the Domestic "
         "Abuse Commissioner, should evaluate the use of domestic abuse protection orders.", ("home_office",),
         "the Home Office", "Within nine months of the publication of this report"),
    ]
    recs = [r.add(Item(REC, t, who, said, deadline=dl, number=str(n), label=f"Recommendation {n}"))
            for n, (t, who, said, dl) in enumerate(specs, start=1)]
    banner = Table([[r.para("HM Inspectorate of Constabulary and Fire &amp; Rescue Services · HM Crown Prosecution "
                            "Service Inspectorate · HM Inspectorate of Probation", r.style("small", textColor=colors.white),
                            markup=True)]], colWidths=[w])
    banner.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), r.house.accent), ("TOPPADDING", (0, 0), (-1, -1), 6),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    story = [banner, gap(80), r.para("A joint inspection of the criminal justice response to domestic abuse cases",
                                     r.style("h1", fontSize=22, leading=27)),
             gap(20), r.para("Date of publication: 23 April 2024", "bold"), PageBreak(),
             r.para("1. Foreword", "h2")]
    story += [r.para(p) for p in prose.paragraphs("national", 2)]
    story += [r.para("2. Summary and recommendations", "h2")]
    story += [r.para(p) for p in prose.paragraphs("national", 2)]
    story += [r.para("We have made eight recommendations. The police must not be left to carry this alone: every "
                     "agency in the system has a part to play."),
              r.para("In 2020, we recommended that the Crown Prosecution Service should review its domestic abuse "
                     "training. That work is complete.")]
    cells = [[r.para(str(n), r.style("h2", textColor=r.house.accent)),
              [r.para(rec.label, "cellb"), r.tracked(rec, rec.text, "cell")]] for n, rec in enumerate(recs, start=1)]
    table = Table(cells, colWidths=[12 * mm, w - 12 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEABOVE", (0, 0), (-1, -1), 0.6, r.house.accent),
                               ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)] +
                              [("BACKGROUND", (0, i), (-1, i), r.house.tint) for i in range(1, len(cells), 2)]))
    story += [table]
    for n, title in enumerate(("Investigation", "Charging decisions", "Victim support", "Sentencing and risk"), start=3):
        story += [PageBreak() if n == 3 else gap(12), r.para(f"{n}. {title}", "h2")]
        for k, paragraph in enumerate(prose.paragraphs("national", rng.randint(3, 5)), start=1):
            story += [r.para(f"{n}.{k} {paragraph}")]
        rec = recs[n - 3]
        story += [FilledBox([r.para(rec.label, "bold"), r.para(rec.text)], r.house.tint), gap(6)]
    build(r, out / f"{r.stem}.pdf", story, header="Joint inspection: domestic abuse", footer="Joint inspection")
    return r
