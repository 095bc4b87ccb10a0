"""Other HMICFRS reports: a child protection inspection of one force, an inspection of a national
agency with a sidebar of key facts, and an annual assessment of policing."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (Frame, FrameBreak, KeepTogether, ListFlowable, ListItem, NextPageTemplate, PageBreak,
                                PageTemplate)

from .engine import FilledBox, House, Item, Report, build, content_width, gap
from .prose import Prose

AFI, REC, COC = "area_for_improvement", "recommendation", "cause_of_concern"


def child_protection(out: Path, rng: random.Random) -> Report:
    r = Report("childprotection-2024-brackenford", "child_protection", "National child protection inspection: "
               "Brackenford Police", date(2024, 1, 16),
               house=House(face="helvetica", size=10, leading=13.5, accent=colors.HexColor("#006d5b"),
                           tint=colors.HexColor("#e0f2ee")))
    prose, w = Prose(rng), content_width(r)
    groups = [
        ("We recommend that, immediately, the force:", "immediately", [
            "reviews all open investigations into the sexual exploitation of children, to make sure that the risk "
            "to each child has been assessed;",
            "makes sure that officers attending domestic abuse incidents speak to the children present and record "
            "their views; and",
            "stops the practice of closing missing episodes without a prevention interview.",
        ]),
        ("We recommend that, within three months, the force:", "within three months", [
            "improves the quality and timeliness of the information it shares with children’s social care;",
            "makes sure that strategy discussions are held promptly and attended by an officer of the right rank;",
            "reviews its use of police protection powers, to make sure they are used only when necessary; and",
            "makes sure that detectives in its child abuse investigation units have the training they need.",
        ]),
        ("We recommend that, within six months, the force:", "within six months", [
            "develops a performance framework that gives senior leaders a clear picture of the outcomes for children;",
            "puts in place arrangements to hear directly from children about their experience of the police; and",
            "works with its partners to agree a shared approach to children at risk of criminal exploitation.",
        ]),
    ]
    items = {lead: [r.add(Item(REC, t, ("force",), "the force", deadline=dl, lead_in=lead)) for t in texts]
             for lead, dl, texts in groups}
    story = [gap(70), r.bar("National child protection inspection", w), gap(30),
             r.para("Brackenford Police", r.style("h1", fontSize=28, leading=33)),
             r.para("Inspection of the force’s response to children at risk", "h2"), gap(20),
             r.para("Published 16 January 2024"), PageBreak(), r.para("Introduction", "h1")]
    for k, paragraph in enumerate(prose.paragraphs("police", 3), start=1):
        story += [r.para(paragraph, "hang", bulletText=f"{k}.")]
    story += [r.para("Summary of findings", "h1")]
    for k, paragraph in enumerate(prose.paragraphs("police", 4), start=4):
        story += [r.para(paragraph, "hang", bulletText=f"{k}.")]
    story += [r.para("The force should be commended for the work of its missing persons coordinators, who knew each "
                     "child well.", "hang", bulletText="8.")]
    story += [PageBreak(), r.bar("Recommendations", w), gap(6)]
    for lead, _dl, _texts in groups:
        story += [KeepTogether([r.tracked(items[lead], lead, "bold", role="lead"),
                                ListFlowable([ListItem(r.tracked(x, x.text)) for x in items[lead]], bulletType="bullet",
                                             start="•", leftIndent=14)]), gap(4)]
    story += [r.para("We will return to the force within six months to assess its progress.", "italic")]
    for heading in ("Initial contact", "Assessment and help", "Investigation", "Decision-making", "Leadership"):
        story += [r.para(heading, "h2")]
        story += [r.para(p) for p in prose.paragraphs("police", rng.randint(2, 4))]
    build(r, out / f"{r.stem}.pdf", story, header="Brackenford Police — child protection", footer="HMICFRS")
    return r


def nca(out: Path, rng: random.Random) -> Report:
    r = Report("agency-2025-nca-intelligence", "agency", "An inspection of the National Crime Agency’s management of "
               "intelligence", date(2025, 6, 10),
               house=House(face="vera", size=9, leading=12.5, accent=colors.HexColor("#1b1b3a"),
                           tint=colors.HexColor("#e9e9f2")))
    prose = Prose(rng)
    R = lambda n, t, who, said, dl=None: Item(REC, t, who, said, deadline=dl, number=str(n),  # noqa: E731
                                              label=f"Recommendation {n}")
    recs = [
        R(1, "By 30 June 2026, the NCA should make sure that all intelligence it receives from forces is assessed "
          "and recorded within 48 hours.", ("nca",), "the NCA", "By 30 June 2026"),
        R(2, "The NCA’s director general should appoint a single senior officer to be responsible for the quality "
          "of the agency’s intelligence records.", ("nca",), "The NCA’s director general"),
        R(3, "By 31 March 2026, the NCA and the Home Office should agree a long-term plan to replace the agency’s "
          "intelligence systems.", ("nca", "home_office"), "the NCA and the Home Office", "By 31 March 2026"),
        R(4, "The NCA, working with chief officers with responsibilities for regional organised crime units, should "
          "agree common standards for sharing intelligence about organised crime groups.", ("nca",), "The NCA"),
        R(5, "By December 2025, chief officers with responsibilities for regional organised crime units should "
          "make sure that their units can search the NCA’s intelligence systems directly.", ("rocu",),
          "chief officers with responsibilities for regional organised crime units", "By December 2025"),
        R(6, "Within six months, the NCA should review its training for intelligence officers.", ("nca",), "the NCA",
          "Within six months"),
    ]
    afis = [Item(AFI, t, ("nca",), s, number=str(n), label=f"Area for improvement {n}") for n, (s, t) in enumerate((
        ("The agency", "The agency should improve the way it evaluates the outcomes of its intelligence "
         "development work."),
        ("The NCA", "The NCA should make sure that its analysts have access to the data they need from partner "
         "agencies."),
        ("The NCA", "The NCA should improve how it records the reasons for decisions not to develop intelligence."),
    ), start=1)]
    for item in recs + afis:
        r.add(item)
    width, height = A4
    left, right, top, bottom = r.house.margins
    side = 48 * mm
    frames_first = [Frame(left, bottom, side, height - top - bottom, id="side", leftPadding=0, rightPadding=6),
                    Frame(left + side + 6 * mm, bottom, width - left - right - side - 6 * mm, height - top - bottom,
                          id="main", leftPadding=0, rightPadding=0)]
    plain = [Frame(left, bottom, width - left - right, height - top - bottom, id="all", leftPadding=0, rightPadding=0)]
    templates = [PageTemplate(id="cover", frames=plain), PageTemplate(id="facts", frames=frames_first),
                 PageTemplate(id="body", frames=plain)]
    w = width - left - right
    small = r.style("small", textColor=r.house.accent)
    facts = FilledBox([r.para("Key facts", "h3")] + [r.para(t, small) for t in (
        "Intelligence reports received each year: about 1.2 million", "Staff in intelligence roles: 1,900",
        "Regional organised crime units: 9", "By 31 March 2024, 310,000 reports had not been assessed.")], r.house.tint)
    story = [NextPageTemplate("facts"), gap(80), r.para("An inspection of the National Crime Agency’s management of "
                                                      "intelligence", r.style("h1", fontSize=22, leading=27)),
             gap(20), r.para("Published: 10 June 2025"), PageBreak(), facts, FrameBreak(),
             NextPageTemplate("body"), r.para("Summary", "h1")]
    story += [r.para(p) for p in prose.paragraphs("national", 3)]
    story += [r.para("The NCA must get this right: the rest of law enforcement depends on it. We have made six "
                     "recommendations and identified three areas for improvement.")]
    for rec in recs:
        story += [KeepTogether([r.para(rec.label, r.style("bold", textColor=r.house.accent)),
                                r.tracked(rec, rec.text)])]
    story += [PageBreak(), r.bar("Findings", w)]
    for n, afi in enumerate(afis):
        story += [r.para(["Receiving intelligence", "Developing intelligence", "Decisions and records"][n], "h2")]
        story += [r.para(p) for p in prose.paragraphs("national", rng.randint(2, 4))]
        story += [FilledBox([r.para(afi.label, "bold"), r.tracked(afi, afi.text)], colors.HexColor("#f4f4f4"),
                            rule=r.house.accent), gap(6)]
        story += [r.para(p) for p in prose.paragraphs("national", 1)]
    build(r, out / f"{r.stem}.pdf", story, templates=templates, header="HMICFRS inspection of the NCA",
          footer="National Crime Agency")
    return r


def annual(out: Path, rng: random.Random) -> Report:
    r = Report("annual-2024-state-of-policing", "annual", "State of Policing: The Annual Assessment of Policing in "
               "England and Wales 2024", date(2024, 12, 3), published_precision="day",
               house=House(face="times", size=11, leading=15, accent=colors.HexColor("#223f6b"),
                           tint=colors.HexColor("#e5ebf3"), margins=(28 * mm, 28 * mm, 26 * mm, 24 * mm)))
    prose = Prose(rng)
    specs = [
        ("The Government should establish an independent review of the structure of policing in England and "
         "Wales, including the number of forces.", ("government",), "The Government", None),
        ("By the end of 2025, the Home Office should publish a long-term funding settlement for policing.",
         ("home_office",), "the Home Office", "By the end of 2025"),
        ("The Home Office and the National Police Chiefs’ Council should agree a national definition of the "
         "demand that falls on the police from mental health incidents.", ("home_office", "npcc"),
         "The Home Office and the National Police Chiefs’ Council", None),
        ("By April 2025, the College of Policing should introduce a national leadership programme for "
         "first-line supervisors.", ("college_of_policing",), "the College of Policing", "By April 2025"),
        ("Police and crime commissioners should publish, each year, how they have held their chief constables "
         "to account for the quality of investigations.", ("police_and_crime_commissioners",),
         "Police and crime commissioners", None),
    ]
    recs = [r.add(Item(REC, t, who, said, deadline=dl, number=str(n), label=f"Recommendation {n}"))
            for n, (t, who, said, dl) in enumerate(specs, start=1)]
    story = [gap(100), r.para("State of Policing", r.style("h1", fontSize=34, leading=40)),
             r.para("The Annual Assessment of Policing in England and Wales 2024", "h2"), gap(30),
             r.para("Presented to Parliament pursuant to section 54(4A) of the Police Act 1996", "italic"),
             r.para("Published 3 December 2024", "bold"), PageBreak(),
             r.para("His Majesty’s Chief Inspector’s assessment", "h1")]
    parts = ["Introduction", "Public confidence", "Demand and capacity", "Investigations", "Workforce and leadership",
             "The structure of policing"]
    placed = {1: 5, 2: 2, 3: 2, 4: 4, 5: 3}
    for n, part in enumerate(parts):
        story += [r.para(part, "h2")]
        story += [r.para(p) for p in prose.paragraphs("police" if n % 2 else "national", rng.randint(3, 5))]
        if n == 1:
            story += [r.para("Forces must get the basics right. In too many places, chief constables should have "
                             "done more to make sure that calls are answered and crimes are investigated.")]
        if n == 3:
            story += [r.para("In last year’s assessment I recommended that “the Home Office should review the "
                             "funding formula”. That review has not yet started.")]
        for rec in [x for x in recs if placed[int(x.number)] == n]:
            story += [FilledBox([r.para(rec.label, r.style("h3", textColor=r.house.accent)),
                                 r.tracked(rec, rec.text, "bold")], r.house.tint), gap(8)]
            story += [r.para(p) for p in prose.paragraphs("national", 1)]
    story += [PageBreak(), r.para("Summary of recommendations", "h1"),
              r.para("This year I make five recommendations.")]
    story += [r.para(f"<b>{rec.label}</b>: {rec.text}", "body", markup=True) for rec in recs]
    build(r, out / f"{r.stem}.pdf", story, header="State of Policing 2024", footer="HMICFRS")
    return r
