"""Inspections of other bodies and joint work: a national agency, a joint criminal justice
inspection, and one force's response to rape with its own numbered recommendations."""
from __future__ import annotations

import random
from datetime import date

from reportlab.platypus import CondPageBreak, FrameBreak, KeepTogether

from .core import Item, Report, immediate, month, on, within, year_end
from .layout import TA_JUSTIFY, Kit, PageBreak, Spacer, Typo, colors, make_doc, switch
from .prose import Prose


def _numbered_recs(r: Report, specs, label: str = "Recommendation"):
    out = []
    for n, (body, ids, who, dl) in enumerate(specs, start=1):
        kw = {"deadline": dl} if dl else {}
        out.append(r.add(Item("recommendation", body, ids, who, number=str(n), label=f"{label} {n}", **kw)))
    return out


def agency_nca(seed: int):
    r = Report("agency-2024-nca-intelligence", "agency", "An inspection of the National Crime Agency’s use of "
               "intelligence to tackle serious and organised crime", date(2024, 5, 23))
    recs = _numbered_recs(r, [
        ("By 31 January 2025, the director general of the National Crime Agency should make sure the agency has "
         "a single system for recording and assessing intelligence.", ("nca",),
         "the director general of the National Crime Agency", on("By 31 January 2025", 2025, 1, 31)),
        ("The NCA should publish its national strategic assessment in a form that forces can use for their own "
         "planning.", ("nca",), "The NCA", None),
        ("Within six months, the NCA and the NPCC should agree how intelligence about organised crime groups is "
         "shared between the agency and forces.", ("nca", "npcc"), "the NCA and the NPCC",
         within("Within six months", 6)),
        ("By December 2024, chief officers with responsibilities for regional organised crime units should "
         "make sure each unit has an analyst trained in the agency’s assessment methods.", ("rocu",),
         "chief officers with responsibilities for regional organised crime units",
         month("By December 2024", 2024, 12)),
        ("The Home Office should review whether the agency’s funding allows it to carry out the tasks the "
         "Government has given it.", ("home_office",), "The Home Office", None),
        ("The NCA, working with the College of Policing, should develop a professional development programme "
         "for intelligence officers.", ("nca",), "The NCA", None),
    ])
    afis = [r.add(Item("area_for_improvement", b, ("nca",), "The NCA", number=str(n), label=str(n)))
            for n, b in enumerate((
                "The NCA should improve how it evaluates the outcomes of its intelligence-led operations.",
                "The NCA should make sure that staff in its regional teams understand its priorities.",
                "The NCA should reduce the time it takes to respond to requests for intelligence from forces.",
                "The NCA should review its information management practices so that intelligence is not "
                "retained for longer than it needs to be."), start=1)]
    t = Typo("helv", 11.5, 16, 9, 0, accent=colors.HexColor("#1a1a4e"), heading="rule", folio="centre")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 97), "national")
        doc = make_doc(buf, r, t, header="National Crime Agency: use of intelligence", footer="May 2024",
                       side=0.28)
        story = [Spacer(1, 30), k.p("An inspection of the National Crime Agency’s use of intelligence to tackle "
                                    "serious and organised crime", "title", fontSize=22, leading=27),
                 k.p("23 May 2024", "subtitle")]
        story += switch("side") + [k.p("At a glance", "h3", textColor=t.accent)]
        story += [k.p(x, "small") for x in ("10 recommendations and areas for improvement", "212 interviews",
                                            "94 intelligence files reviewed", "7 regional units visited")]
        story += [FrameBreak()] + k.heading("Summary") + [k.p(x) for x in pr.paragraphs(5, 3, 4)]
        story += switch("body") + k.heading("Our recommendations")
        story += [k.p("We make six recommendations and identify four areas for improvement.")]
        for rec in recs:
            story += [KeepTogether([k.p(rec.label, "h3", textColor=t.accent), r.track(k.p(rec.body, "flat"), rec)])]
        story += k.heading("Areas for improvement")
        rows = [[k.p("AFI", "cellbold"), k.p("Area for improvement", "cellbold")]]
        rows += [[k.p(a.number, "cell"), r.track(k.p(a.body, "cell"), a)] for a in afis]
        story += [k.grid(rows, ["10%", "90%"], fill="#d9d9ea")]
        for title in ("Background", "Collecting intelligence", "Assessing intelligence", "Sharing intelligence",
                      "Using intelligence"):
            story += [CondPageBreak(100)] + k.heading(title) + [k.p(x) for x in pr.paragraphs(4)]
        story += [k.p("Several regional units told us the NCA should do more to explain its priorities.")]
        doc.build(story)

    return r, r.build(render)


def joint_remand(seed: int):
    r = Report("joint-2024-remand", "joint", "A joint inspection of the handling of remand cases by the police, the "
               "Crown Prosecution Service and the probation service", date(2024, 1, 25))
    recs = _numbered_recs(r, [
        ("Chief constables should make sure that remand files are submitted to the Crown Prosecution Service "
         "before the first hearing.", ("chief_constables",), "Chief constables", None),
        ("The Crown Prosecution Service should make sure that its prosecutors record their reasons for seeking "
         "a remand in custody.", ("cps",), "The Crown Prosecution Service", None),
        ("Police forces and the Crown Prosecution Service should jointly review the quality of remand files "
         "every quarter.", ("chief_constables", "cps"), "Police forces and the Crown Prosecution Service", None),
        ("Within 12 months, HM Prison and Probation Service should make sure that bail information reports are "
         "available at every remand hearing.", ("ministry_of_justice",), "HM Prison and Probation Service",
         within("Within 12 months", 12)),
        ("The Ministry of Justice, in consultation with the judiciary, should collect data on the length of time "
         "defendants spend on remand.", ("ministry_of_justice",), "The Ministry of Justice", None),
        ("By 30 September 2024, HM Courts and Tribunals Service should make sure that remand hearings can be "
         "held by video link from every police custody suite.", ("hm_courts_and_tribunals_service",),
         "HM Courts and Tribunals Service", on("By 30 September 2024", 2024, 9, 30)),
        ("With immediate effect, chief constables should make sure that officers tell victims when a defendant "
         "is released on bail.", ("chief_constables",), "chief constables", immediate("With immediate effect")),
        ("The Home Office and the Ministry of Justice should publish a joint plan to reduce the number of people "
         "held on remand for more than six months.", ("home_office", "ministry_of_justice"),
         "The Home Office and the Ministry of Justice", None),
        ("By April 2025, the College of Policing should include remand procedures in its initial training for "
         "investigators.", ("college_of_policing",), "the College of Policing", month("By April 2025", 2025, 4)),
    ], label="")
    for rec in recs:
        rec.label = rec.number
    t = Typo("times", 10, 12.5, 6, 0, align=TA_JUSTIFY, accent=colors.HexColor("#005a70"), heading="bar",
             folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 101), "national")
        doc = make_doc(buf, r, t, header="Criminal Justice Joint Inspection: remand", footer="HMICFRS, HMCPSI and "
                       "HM Inspectorate of Probation")
        story = [Spacer(1, 20), k.p("Criminal Justice Joint Inspection", "subtitle"),
                 k.p("A joint inspection of the handling of remand cases", "title"),
                 k.p("His Majesty’s Inspectorate of Constabulary and Fire &amp; Rescue Services, HM Crown "
                     "Prosecution Service Inspectorate and HM Inspectorate of Probation", "flat"),
                 k.p("January 2024 (published 25 January 2024)", "flat")]
        story += switch("body") + k.heading("Chief inspectors’ foreword") + [k.p(x) for x in pr.paragraphs(3)]
        story += k.heading("Recommendations")
        story += [k.p("We have made nine recommendations. Each is for the body or bodies named in it.")]
        rows = [[k.p("", "cellbold"), k.p("Recommendation", "cellbold")]]
        rows += [[k.p(x.number, "cellbold"), r.track(k.p(x.body, "cell"), x)] for x in recs]
        story += [k.grid(rows, ["7%", "93%"], fill="#bfe0e8", stripe="#eef7f9", lines="#ffffff")]
        story += [k.p("By 31 March 2023, 14,600 people were held on remand in prisons in England and Wales.")]
        for title in ("Context", "The police", "The Crown Prosecution Service", "The probation service",
                      "Courts"):
            story += [CondPageBreak(100)] + k.heading(title) + [k.p(x) for x in pr.paragraphs(4)]
        doc.build(story)

    return r, r.build(render)


def rape_harrowmere(seed: int):
    force = "Harrowmere Police"
    r = Report("force-2025-harrowmere-rape", "force_thematic", f"An inspection of {force}’s response to rape and "
               "serious sexual offences", date(2025, 2, 6))
    recs = _numbered_recs(r, [
        (f"By 31 August 2025, {force} should make sure that every report of rape is allocated to a specialist "
         "investigator within 24 hours.", ("force",), force, on("By 31 August 2025", 2025, 8, 31)),
        ("The force should introduce a victim care plan for every rape investigation.", ("force",), "The force",
         None),
        ("Within three months, the force should make sure that supervisors review rape investigations every 28 "
         "days.", ("force",), "the force", within("Within three months", 3)),
        ("The force and the police and crime commissioner should commission an independent review of support "
         "for victims who withdraw from investigations.", ("force", "police_and_crime_commissioners"),
         "The force and the police and crime commissioner", None),
        ("By the end of 2025, the force should make sure that all its investigators have completed the national "
         "specialist training.", ("force",), "the force", year_end("By the end of 2025", 2025)),
    ])
    afis = [r.add(Item("area_for_improvement", b, ("force",), "The force")) for b in (
        "The force should improve how it records the reasons why victims withdraw their support for a prosecution.",
        "The force should make sure that suspects on bail are managed effectively.",
        "The force should improve the way it uses data to understand the outcomes of its rape investigations.")]
    t = Typo("vera", 9, 12, 0, 12, accent=colors.HexColor("#6b2d5c"), heading="bold", folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 103), "police")
        doc = make_doc(buf, r, t, header=f"{force}: response to rape", footer="HMICFRS", margins=(20, 24, 20, 22))
        story = [Spacer(1, 30), k.p(f"An inspection of {force}’s response to rape and serious sexual offences",
                                    "title", fontSize=21, leading=26), k.p("Published 6 February 2025", "flat")]
        story += switch("body") + k.heading("Introduction") + [k.p(x) for x in pr.paragraphs(4)]
        story += [k.p("We made five recommendations and identified three areas for improvement.")]
        story += k.heading("Findings")
        chunks = [recs[0:2], recs[2:3], afis[0:1], recs[3:4], afis[1:2], recs[4:5], afis[2:3]]
        for chunk in chunks:
            story += [k.p(x) for x in pr.paragraphs(3)]
            for item in chunk:
                if item.kind == "recommendation":
                    story += [k.box([k.p(item.label, "h3", spaceBefore=0), r.track(k.p(item.body, "flat"), item)],
                                    fill="#f0e4ec")]
                else:
                    story += [k.p("Area for improvement", "h3"), r.track(k.p(item.body, "flat"), item)]
                story += [Spacer(1, 6)]
        story += [PageBreak()] + k.heading("Annex: recommendations and areas for improvement")
        story += [k.bullets([k.p(f"{x.label}: {x.body}", "flat") for x in recs])]
        story += [k.bullets([k.p(x.body, "flat") for x in afis])]
        doc.build(story)

    return r, r.build(render)


BUILDERS = [agency_nca, joint_remand, rape_harrowmere]
