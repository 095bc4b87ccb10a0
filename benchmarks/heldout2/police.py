"""Reports on one police force: a 2023-25 style PEEL report, a 2021/22 style PEEL report in two
columns, and an accelerated cause of concern letter."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, ListFlowable, ListItem, PageBreak, Table, TableStyle

from .engine import FilledBox, House, Item, Report, build, content_width, gap
from .prose import Prose

AFI, REC, COC = "area_for_improvement", "recommendation", "cause_of_concern"
GRADE_COLOURS = {"Good": "#3f8f4f", "Adequate": "#7fae3c", "Requires improvement": "#e0a030", "Inadequate": "#c0392b"}


def peel_2025(out: Path, rng: random.Random) -> Report:
    r = Report("peel-2025-harrowdale", "peel", "PEEL 2023–25 An inspection of Harrowdale Police",
               date(2024, 11, 19), house=House(face="helvetica", size=10, leading=13.5,
                                               accent=colors.HexColor("#00616e"), tint=colors.HexColor("#dcefee")))
    prose, w = Prose(rng), content_width(r)
    force = ("force",)
    sections = [
        ("Providing a service to victims of crime", "Requires improvement", [
            Item(AFI, "The force should make sure that its crime recording processes identify all reported crimes, "
                 "including those reported through its online channels, and that they are recorded within 24 hours.",
                 force, "The force", number="1", label="Area for improvement 1"),
            Item(AFI, "The force needs to improve how it records the needs of victims and how it uses that "
                 "information to keep them informed about their case.", force, "The force", number="2",
                 label="Area for improvement 2"),
        ]),
        ("Responding to the public", "Inadequate", []),
        ("Investigating crime", "Adequate", [
            Item(AFI, "The force should make sure that investigation plans are recorded for all crimes allocated "
                 "for investigation and that supervisors review them regularly.", force, "The force", number="3",
                 label="Area for improvement 3"),
        ]),
        ("Protecting vulnerable people", "Requires improvement", [
            Item(AFI, "The force should improve the quality of its referrals to partner agencies when officers "
                 "attend incidents involving children, so that safeguarding decisions are based on full information. "
                 "This should include making sure that officers record the voice of the child, that referrals are "
                 "submitted before the end of the officer’s shift, that supervisors check the quality of each "
                 "referral, and that the force seeks feedback from partner agencies on the referrals they receive "
                 "and uses that feedback to improve.",
                 force, "The force", number="4", label="Area for improvement 4"),
            Item(AFI, "The force needs to make sure it complies with the Victims' Code of Practice when it uses "
                 "outcome 16 for domestic abuse crimes.", force, "The force", number="5", label="Area for improvement 5"),
        ]),
        ("Managing offenders and suspects", "Good", [
            Item(AFI, "The force should reduce the backlog of digital devices waiting to be examined.", force,
                 "The force", number="6", label="Area for improvement 6"),
        ]),
        ("Building, supporting and protecting the workforce", "Adequate", [
            Item(AFI, "The force should make sure that its officers and staff receive regular, meaningful "
                 "performance and development reviews.", force, "The force", number="7", label="Area for improvement 7"),
        ]),
        ("Leadership and force management", "Requires improvement", [
            Item(AFI, "The force needs to better understand the demand it faces in its public contact centre, so "
                 "that it can plan its workforce to meet it.", force, "The force", number="8",
                 label="Area for improvement 8"),
        ]),
    ]
    cause = Item(COC, "The force isn't answering emergency and non-emergency calls quickly enough, and it isn't "
                 "attending incidents within its own target times. This means that vulnerable victims may be at risk.",
                 label="Cause of concern")
    lead = "Within six months, the force should:"
    recs = [Item(REC, t, force, "the force", deadline="Within six months", lead_in=lead, parent=cause) for t in (
        "make sure it has enough call handlers on duty to meet the demand it faces at all times of the day;",
        "introduce a structured process to review calls that have waited longer than its target times, so that "
        "risk is reassessed and callers are contacted; and",
        "improve its oversight of response times, including through its performance framework.",
    )]
    for item in [it for _t, _g, items in sections[:2] for it in items] + [cause] + recs + \
            [it for _t, _g, items in sections[2:] for it in items]:
        r.add(item)

    story = [gap(90), r.para("PEEL 2023–25", r.style("h1", fontSize=30, leading=36)),
             r.para("Police effectiveness, efficiency and legitimacy", "h2"),
             r.para("An inspection of Harrowdale Police", r.style("h1", textColor=colors.black)),
             gap(30), r.para("Published 19 November 2024", "bold"), PageBreak()]
    story += [r.bar("Overall summary", w), gap(8), r.para("Our judgments", "h2"),
              r.para("Our inspection assessed how good Harrowdale Police is in nine areas of policing. We make "
                     "graded judgments in seven of these areas, as follows:")]
    rows = [["Area of policing", "Grade"]] + [[t, g] for t, g, _ in sections]
    grades = Table([[r.para(a, "cell"), r.para(b, "cellb")] for a, b in rows], colWidths=[w * 0.7, w * 0.3])
    grade_style = [("BACKGROUND", (0, 0), (-1, 0), r.house.tint), ("GRID", (0, 0), (-1, -1), 0.4, colors.white)]
    for row, (_t, g, _i) in enumerate(sections, start=1):
        grade_style.append(("BACKGROUND", (1, row), (1, row), colors.HexColor(GRADE_COLOURS[g])))
    grades.setStyle(TableStyle(grade_style))
    story += [grades, gap(10), r.para("HM Inspector's observations", "h2")]
    story += [r.para(p) for p in prose.paragraphs("police", 2)]
    story += [r.para("We identified one cause of concern and eight areas for improvement. We set these out in the "
                     "sections that follow, with the details of what we found."),
              r.para("By 31 March 2024, 1,180 officers had completed the new call handling training, but the "
                     "effects were not yet visible in the force's performance data."), PageBreak()]
    for title, grade, afis in sections:
        story += [r.bar(title, w), gap(4),
                  r.para(f"<b>Grade:</b> {grade}", markup=True)]
        story += [r.para(p) for p in prose.paragraphs("police", rng.randint(1, 3))]
        if title == "Responding to the public":
            box = [r.para("Cause of concern", r.style("h3", textColor=r.house.accent)),
                   r.tracked(cause, cause.text, "body")]
            story += [FilledBox(box, r.house.tint, rule=r.house.accent), gap(6),
                      KeepTogether([r.para("Recommendations", "h3"), r.tracked(recs, lead, "body", role="lead"),
                                    ListFlowable([ListItem(r.tracked(rec, rec.text)) for rec in recs],
                                                 bulletType="bullet", start="•", leftIndent=14)]), gap(6)]
            story += [r.para(p) for p in prose.paragraphs("police", 2)]
        for afi in afis:
            head = [r.para(afi.label, r.style("h3", textColor=r.house.accent)), r.tracked(afi, afi.text, "body")]
            # the long one is made to run over a page break, as long items do in real reports
            story += [r.fill(prose, "police", 4.2)] + head if afi.number == "4" else [KeepTogether(head)]
            story += [r.para(p) for p in prose.paragraphs("police", rng.randint(1, 3))]
    story += [r.bar("About the data", w, fill=colors.HexColor("#555555"))]
    story += [r.para(p, "small") for p in prose.paragraphs("police", 3)]
    build(r, out / f"{r.stem}.pdf", story, header="PEEL 2023–25: Harrowdale Police", footer="Harrowdale Police")
    return r


def peel_2022(out: Path, rng: random.Random) -> Report:
    r = Report("peel-2022-wexmoor", "peel", "PEEL 2021/22: An inspection of Wexmoor Constabulary",
               date(2022, 6, 7), house=House(face="times", size=10, leading=12.5, accent=colors.HexColor("#4b2a6b"),
                                            tint=colors.HexColor("#ece6f2")))
    prose = Prose(rng)
    force = ("force",)
    areas = {
        "Investigating crime": [
            "The force should make sure that investigations are allocated to staff with the right skills and "
            "experience, and that supervisors review them at regular intervals.",
            "The force should make sure that it seeks and records the views of victims before finalising "
            "investigations with an evidential difficulties outcome.",
            "The force should improve the use of bail and released under investigation, so that suspects are "
            "managed effectively and victims are safeguarded.",
        ],
        "Protecting vulnerable people": [
            "The force should improve its understanding of how it uses the Domestic Violence Disclosure Scheme.",
            "The force should make sure it shares information with partner agencies quickly when children are "
            "present at domestic abuse incidents.",
        ],
        "Treatment of the public": [
            "The force should improve how it monitors and scrutinises its use of stop and search, including the "
            "recording of the grounds for each search.",
        ],
        "Developing a positive workplace": [
            "The force should make sure that its wellbeing provision reaches officers and staff working in "
            "high-risk roles.",
            "The force should improve the way it identifies and develops talent at all levels.",
        ],
    }
    cause = Item(COC, "Wexmoor Constabulary doesn't consistently identify repeat and vulnerable victims when they "
                 "call the force, and it doesn't always assess the risk they face properly.", label="Cause of concern")
    lead = "Within three months, the force should:"
    recs = [Item(REC, t, force, "the force", deadline="Within three months", lead_in=lead, parent=cause) for t in (
        "make sure that call handlers use a structured triage process for every call;",
        "make sure that repeat and vulnerable victims are identified at the first point of contact; and",
        "review its processes for the supervision of calls graded for a scheduled response.",
    )]
    for item in [cause] + recs:
        r.add(item)
    afis = {title: [r.add(Item(AFI, t, force, "The force")) for t in texts] for title, texts in areas.items()}

    w = content_width(r)
    story = [gap(60), r.para("PEEL 2021/22", r.style("h1", fontSize=26, leading=30)),
             r.para("Police effectiveness, efficiency and legitimacy", "h2"),
             r.para("An inspection of Wexmoor Constabulary", r.style("h1", textColor=colors.black)),
             gap(20), r.para("Published 7 June 2022"), PageBreak(),
             r.para("Overall summary", "h1")]
    story += [r.para(p) for p in prose.paragraphs("police", 2)]
    story += [r.para("Officers told us about the pressure they are under. The force should be proud of its "
                     "neighbourhood teams, who have kept close contact with local people throughout this period.")]
    story += [r.para("Cause of concern", "h2"), r.tracked(cause, cause.text, "bold"), r.para("Recommendations", "h3"),
              KeepTogether([r.tracked(recs, lead, "body", role="lead"),
                            ListFlowable([ListItem(r.tracked(rec, rec.text)) for rec in recs], bulletType="bullet",
                                         start="–", leftIndent=10)])]
    story += [r.para(p) for p in prose.paragraphs("police", 2)]
    grades = {"Investigating crime": "Requires improvement", "Protecting vulnerable people": "Adequate",
              "Treatment of the public": "Good", "Developing a positive workplace": "Adequate"}
    for title, items in afis.items():
        story += [r.bar(f"{title}: {grades[title]}", w / 2 - 10, style="bar")]
        story += [r.para(p) for p in prose.paragraphs("police", rng.randint(2, 4))]
        story += [r.para("Areas for improvement", "h3"),
                  ListFlowable([ListItem(r.tracked(afi, afi.text)) for afi in items],
                               bulletType="bullet", start="square", leftIndent=10, bulletFontSize=5)]
        story += [r.para(p) for p in prose.paragraphs("police", rng.randint(1, 3))]
    build(r, out / f"{r.stem}.pdf", story, columns=2, header="Wexmoor Constabulary — PEEL 2021/22",
          footer="PEEL 2021/22")
    return r


def accelerated(out: Path, rng: random.Random) -> Report:
    r = Report("accelerated-calderbrook", "accelerated", "Accelerated cause of concern: Calderbrook Police",
               date(2023, 9, 12), house=House(face="vera", size=9.5, leading=13.5, accent=colors.HexColor("#8a1538"),
                                             tint=colors.HexColor("#f6e9ee")))
    prose, w = Prose(rng), content_width(r)
    cause = r.add(Item(COC, "Calderbrook Police isn't managing the risk posed by registered sex offenders effectively. "
                       "Too many visits are overdue, and risk assessments are not reviewed when circumstances change.",
                       label="Cause of concern"))
    lead = "Within three months, Calderbrook Police should:"
    recs = [r.add(Item(REC, t, ("force",), "Calderbrook Police", deadline="Within three months", lead_in=lead,
                       parent=cause)) for t in (
        "complete all overdue visits to registered sex offenders assessed as very high or high risk;",
        "make sure that every risk assessment is reviewed when there is a significant change in an offender's "
        "circumstances;",
        "review the workload of its offender managers and make sure it has enough trained staff to manage the "
        "number of offenders in its area; and",
        "put in place governance arrangements that give senior leaders an accurate picture of its performance.",
    )]
    letterhead = Table([[r.para("His Majesty’s Inspectorate of Constabulary and Fire &amp; Rescue Services",
                                r.style("bar", fontSize=11), markup=True)]], colWidths=[w])
    letterhead.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), r.house.accent),
                                    ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 12)]))
    story = [letterhead, gap(14), r.para("Published: 12 September 2023", "small"), gap(8),
             r.para("Chief Constable<br/>Calderbrook Police<br/>Police Headquarters", "body", markup=True),
             r.para("Dear Chief Constable,", "body"),
             r.para("Accelerated cause of concern: the management of registered sex offenders", "h2"),
             r.para("During our PEEL inspection of Calderbrook Police we found serious weaknesses in how the force "
                    "manages registered sex offenders. Because of the risk to the public, we are writing now "
                    "rather than waiting for the publication of our full report.")]
    story += [r.para(p) for p in prose.paragraphs("police", 2)]
    story += [r.para("By 30 June 2023, 212 home visits were overdue, and 37 of those concerned offenders assessed "
                     "as very high risk."),
              FilledBox([r.para("Cause of concern", r.style("h3", textColor=r.house.accent)),
                         r.tracked(cause, cause.text)], r.house.tint, rule=r.house.accent), gap(8),
              KeepTogether([r.para("Recommendations", "h3"), r.tracked(recs, lead, role="lead"),
                            ListFlowable([ListItem(r.tracked(rec, rec.text)) for rec in recs], bulletType="bullet",
                                         start="▸", leftIndent=16)])]
    story += [gap(6), r.para("We will revisit the force to check its progress against these recommendations. The "
                             "police and crime commissioner will also want to consider the findings in this letter."),
              r.para("Yours sincerely,"), r.para("HM Inspector of Constabulary", "italic"), PageBreak(),
              r.para("Annex A: what we found", "h2")]
    story += [r.para(p) for p in prose.paragraphs("police", 5)]
    story += [PageBreak(), r.para("Annex B: about this inspection", "h2")]
    story += [r.para(p) for p in prose.paragraphs("police", 3)]
    build(r, out / f"{r.stem}.pdf", story, header="Accelerated cause of concern — Calderbrook Police",
          first_plain=True)
    return r
