"""Fire and rescue: two inspections of one service each, and a national report on misconduct."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, ListFlowable, ListItem, PageBreak, Table, TableStyle

from .engine import FilledBox, House, Item, Report, build, content_width, gap
from .prose import Prose

AFI, REC, COC = "area_for_improvement", "recommendation", "cause_of_concern"
FRS = ("fire_and_rescue_services",)


def _outlined(r: Report, content, width: float, colour) -> Table:
    table = Table([[content]], colWidths=[width])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colour), ("LEFTPADDING", (0, 0), (-1, -1), 9),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 0), (-1, -1), 6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return table


def ashcombe(out: Path, rng: random.Random) -> Report:
    r = Report("fire-2024-ashcombe", "fire", "Effectiveness, efficiency and people 2023–25: An inspection of "
               "Ashcombe Fire and Rescue Service", date(2024, 8, 21),
               house=House(face="vera", size=9.5, leading=13, accent=colors.HexColor("#b3261e"),
                           tint=colors.HexColor("#fbeae8")))
    prose, w = Prose(rng), content_width(r)
    pillars = {
        "Understanding fires and other risks": [
            "The service should make sure its community risk management plan is informed by a comprehensive "
            "understanding of current and future risk, using a wide range of data.",
        ],
        "Preventing fires and other risks": [
            "The service should evaluate its prevention work, so it understands the benefits it brings to the public.",
            "The service should make sure that staff understand how to identify vulnerability and safeguard "
            "vulnerable people.",
        ],
        "Protecting the public through fire regulation": [
            "Ashcombe Fire and Rescue Service should make sure its risk-based inspection programme prioritises "
            "the highest risk premises, and that it has enough qualified staff to carry it out.",
        ],
        "Responding to major and multi-agency incidents": [
            "The service should make sure it is well prepared to form part of a multi-agency response to a "
            "terrorist incident, and that its procedures are understood by all staff.",
        ],
        "Promoting the right values and culture": [],
        "Ensuring fairness and promoting diversity": [
            "The service should improve the way it collects equality data, so it can better understand its "
            "workforce demographics and needs.",
            "The service should put in place an open and fair process to identify, develop and support high-potential "
            "staff and aspiring leaders.",
        ],
    }
    cause = Item(COC, "The service hasn't done enough to make sure that all staff feel confident to report "
                 "inappropriate behaviour, and its handling of grievances and misconduct isn't consistent or timely.",
                 label="Cause of concern")
    lead = "By 31 March 2025, the service should:"
    recs = [Item(REC, t, FRS, "the service", deadline="By 31 March 2025", lead_in=lead, parent=cause) for t in (
        "make sure that all staff know how to raise concerns, and that they have confidence in the "
        "confidential reporting routes available to them;",
        "make sure that grievance and misconduct cases are investigated by trained staff and concluded "
        "without unnecessary delay; and",
        "monitor the outcomes of its grievance and misconduct processes, to identify themes and take action.",
    )]
    afis: dict[str, list[Item]] = {}
    for title, texts in pillars.items():
        if title == "Promoting the right values and culture":
            for item in [cause] + recs:
                r.add(item)
        afis[title] = [r.add(Item(AFI, t, FRS, t.split(" should")[0])) for t in texts]
    grades = ["Good", "Requires improvement", "Requires improvement", "Adequate", "Inadequate", "Requires improvement"]

    story = [gap(70), r.para("Effectiveness, efficiency and people 2023–25", "h2"),
             r.para("An inspection of Ashcombe Fire and Rescue Service", r.style("h1", fontSize=24, leading=29)),
             gap(20), r.para("Published 21 August 2024", "bold"), PageBreak(),
             r.bar("About this inspection", w), gap(6)]
    story += [r.para(p) for p in prose.paragraphs("fire", 2)]
    table = Table([[r.para("Area", "cellb"), r.para("Judgment", "cellb")]] +
                  [[r.para(t, "cell"), r.para(g, "cellb")] for t, g in zip(pillars, grades)],
                  colWidths=[w * 0.68, w * 0.32])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), r.house.tint),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999"))]))
    story += [table, gap(8), r.para("Overview", "h2")]
    story += [r.para(p) for p in prose.paragraphs("fire", 2)]
    story += [r.para("In our last inspection, we said that the service should improve how it evaluates its "
                     "prevention work. It has made only limited progress.")]
    for (title, items), grade in zip(afis.items(), grades):
        story += [PageBreak() if rng.random() < 0.3 else gap(10), r.bar(f"{title} — {grade}", w), gap(6)]
        story += [r.para(p) for p in prose.paragraphs("fire", rng.randint(1, 3))]
        if title == "Promoting the right values and culture":
            story += [FilledBox([r.para("Cause of concern", r.style("h3", textColor=r.house.accent)),
                                 r.tracked(cause, cause.text)], r.house.tint, rule=r.house.accent), gap(6),
                      KeepTogether([r.para("Recommendations", "h3"), r.tracked(recs, lead, role="lead"),
                                    ListFlowable([ListItem(r.tracked(x, x.text)) for x in recs], bulletType="bullet",
                                                 start="•", leftIndent=14)])]
            story += [r.para(p) for p in prose.paragraphs("fire", 2)]
        for afi in items:
            story += [gap(4), _outlined(r, [r.para("Area for improvement", r.style("h3", textColor=r.house.accent)),
                                            r.tracked(afi, afi.text)], w, r.house.accent), gap(6)]
            story += [r.para(p) for p in prose.paragraphs("fire", rng.randint(1, 2))]
    build(r, out / f"{r.stem}.pdf", story, header="Ashcombe Fire and Rescue Service", footer="Inspection 2023–25")
    return r


def kestrel(out: Path, rng: random.Random) -> Report:
    r = Report("fire-2022-kestrel-valley", "fire", "Kestrel Valley Fire and Rescue Service: Effectiveness, efficiency "
               "and people 2021/22", date(2022, 7, 27),
               house=House(face="helvetica", size=9.5, leading=12.5, accent=colors.HexColor("#2e3a87"),
                           tint=colors.HexColor("#e8eaf6"), margins=(38 * mm, 16 * mm, 22 * mm, 20 * mm)))
    prose = Prose(rng)
    cause = r.add(Item(COC, "Kestrel Valley Fire and Rescue Service doesn't have enough staff qualified to carry "
                       "out fire safety audits, and it isn't auditing its highest risk premises often enough.",
                       label="Cause of concern"))
    lead = "By 30 September 2022, the service should:"
    recs = [r.add(Item(REC, t, FRS, "the service", deadline="By 30 September 2022", lead_in=lead, parent=cause))
            for t in ("review its risk-based inspection programme, so that premises are audited at intervals that "
                      "reflect their risk; and",
                      "put in place a plan to train and retain enough fire safety inspectors to deliver the programme.")]
    texts = {
        "Effectiveness": [
            "The service should make sure that operational staff have good access to relevant and up-to-date "
            "risk information.",
            "The service should make sure it gives the public up-to-date information about incidents.",
            "The service should assure itself that its mobile data terminals work reliably on every appliance.",
        ],
        "Efficiency": [
            "The service should make sure it uses its resources efficiently, so that its prevention, protection "
            "and response activity is properly balanced. In doing so it should consider the availability of "
            "on-call crews at different times of the day, the location of its specialist appliances, the number "
            "of staff in its protection team and the demand it expects from new housing developments in the east "
            "of the county over the life of its community risk management plan.",
            "The service should monitor, review and evaluate the benefits and outcomes of its collaboration with "
            "the neighbouring police force.",
        ],
        "People": [
            "The service should make sure its workforce plan takes account of the skills and capabilities it "
            "needs in the future.",
            "The service should make sure that all staff have regular and meaningful appraisals.",
        ],
    }
    afis = {k: [r.add(Item(AFI, t, FRS, "The service", label="Area for improvement")) for t in v]
            for k, v in texts.items()}

    def sidebar(canv, page):
        canv.setFillColor(r.house.tint)
        canv.rect(0, 0, 28 * mm, A4[1], stroke=0, fill=1)
        canv.setFillColor(r.house.accent)
        canv.setFont("Helvetica-Bold", 9)
        canv.translate(16 * mm, 40 * mm)
        canv.rotate(90)
        canv.drawString(0, 0, "Kestrel Valley Fire and Rescue Service 2021/22")

    lead_style = r.style("body", leftIndent=0)
    story = [gap(60), r.para("Kestrel Valley Fire and Rescue Service", r.style("h1", fontSize=24, leading=28)),
             r.para("Effectiveness, efficiency and people 2021/22", "h2"),
             r.para("An inspection of Kestrel Valley Fire and Rescue Service", "h3"), gap(20),
             r.para("July 2022 (published 27 July 2022)"), PageBreak(), r.para("Overall summary", "h1")]
    story += [r.para(p) for p in prose.paragraphs("fire", 3)]
    story += [r.para("We set out one cause of concern and seven areas for improvement in this report."),
              r.para("Cause of concern", r.style("h2", textColor=colors.HexColor("#b3261e"))),
              r.tracked(cause, cause.text, "bold"),
              KeepTogether([r.para("Recommendations", "h3"), r.tracked(recs, lead, role="lead"),
                            ListFlowable([ListItem(r.tracked(x, x.text)) for x in recs], bulletType="bullet",
                                         start="‣", leftIndent=14)]), PageBreak()]
    for pillar, items in afis.items():
        story += [r.bar(pillar, content_width(r)), gap(6)]
        for afi in items:
            story += [r.para(p) for p in prose.paragraphs("fire", rng.randint(1, 3))]
            if len(afi.text) > 400:
                story.append(r.fill(prose, "fire", 3.3))
            story += [r.tracked(afi, afi.text, lead_style, prefix="<b>Area for improvement:</b> ")]
        story += [r.para(p) for p in prose.paragraphs("fire", 2)]
    story += [PageBreak(), r.para("Annex: areas for improvement", "h2"),
              r.para("This annex lists the areas for improvement that we identified in this inspection.")]
    rows = [[r.para(pillar, "cellb"), r.para(a.text, "cell")] for pillar, items in afis.items() for a in items]
    annex = Table(rows, colWidths=[30 * mm, content_width(r) - 30 * mm])
    annex.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, r.house.accent), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [annex]
    build(r, out / f"{r.stem}.pdf", story, header="Kestrel Valley FRS — Effectiveness, efficiency and people",
          extra=sidebar)
    return r
