"""Follow-up documents: a national progress review that restates its earlier recommendations
with a verdict and then makes new ones, a revisit letter that only grades earlier items, and a
force's joint audit committee paper tracking HMICFRS recommendations (the last two yield none)."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (Frame, KeepTogether, ListFlowable, ListItem, NextPageTemplate, PageBreak, PageTemplate,
                                Table, TableStyle)

from .engine import FilledBox, House, Item, Report, build, content_width, gap
from .prose import Prose

REC = "recommendation"
RAG = {"Met": "#4e9a51", "Partially met": "#e8a33d", "Not met": "#c8423b", "Green": "#4e9a51", "Amber": "#e8a33d",
       "Red": "#c8423b", "Open": "#e8a33d", "Closed": "#4e9a51"}


def _status_table(r: Report, header: list[str], rows: list[list[str]], widths: list[float], status_col: int):
    cells = [[r.para(h, r.style("cellb", textColor=colors.white)) for h in header]]
    cells += [[r.para(c, "cell") for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    style = [("BACKGROUND", (0, 0), (-1, 0), r.house.accent), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#aaaaaa"))]
    style += [("BACKGROUND", (status_col, i), (status_col, i), colors.HexColor(RAG[row[status_col]]))
              for i, row in enumerate(rows, start=1)]
    table.setStyle(TableStyle(style))
    return table


def stalking_progress(out: Path, rng: random.Random) -> Report:
    r = Report("progress-2025-stalking", "progress", "Still not taken seriously: a progress review of the police "
               "response to stalking", date(2025, 1, 28),
               house=House(face="vera", size=9.5, leading=13, accent=colors.HexColor("#3c4f5c"),
                           tint=colors.HexColor("#e7edf0")))
    prose, w = Prose(rng), content_width(r)
    earlier = [
        ("1", "By 31 March 2023, chief constables should make sure that stalking is recorded correctly.", "Partially met"),
        ("2", "By 30 September 2023, the College of Policing should update its guidance on stalking protection orders.",
         "Met"),
        ("3", "Chief constables should make sure that every stalking victim is referred to a specialist support "
              "service.", "Not met"),
        ("4", "By 31 March 2024, the Home Office should publish statutory guidance for stalking protection orders.",
         "Met"),
        ("5", "Police and crime commissioners should commission specialist stalking advocacy services.", "Partially met"),
    ]
    new = [
        Item(REC, "By 30 September 2025, chief constables should make sure that every force has a named senior "
             "lead for stalking, who reviews the force’s use of stalking protection orders every quarter.",
             ("chief_constables",), "chief constables", deadline="By 30 September 2025", number="1",
             label="Recommendation 1"),
        Item(REC, "By 31 March 2026, the College of Policing and the NPCC lead for stalking should develop a risk "
             "assessment tool for stalking cases and make it available to all forces.",
             ("college_of_policing", "npcc"), "the College of Policing and the NPCC lead for stalking",
             deadline="By 31 March 2026", number="2", label="Recommendation 2"),
        Item(REC, "Within six months of the publication of this report, the Home Office should set out how it will "
             "evaluate the effectiveness of stalking protection orders.", ("home_office",), "the Home Office",
             deadline="Within six months of the publication of this report", number="3", label="Recommendation 3"),
    ]
    for item in new:
        r.add(item)
    story = [gap(90), r.para("Still not taken seriously", r.style("h1", fontSize=28, leading=33)),
             r.para("A progress review of the police response to stalking", "h2"), gap(20),
             r.para("Published 28 January 2025"), PageBreak(), r.bar("Introduction", w), gap(6)]
    story += [r.para(p) for p in prose.paragraphs("national", 3)]
    story += [r.para("In 2022 we made five recommendations to improve the police response to stalking. In this "
                     "review we assessed the progress made against each of them. We have also made three new "
                     "recommendations.", "bold"),
              r.bar("Progress against our 2022 recommendations", w), gap(6),
              r.para("The table sets out each recommendation from our 2022 report, as it was worded then, with our "
                     "assessment of progress.")]
    story += [_status_table(r, ["2022 no.", "Recommendation (2022 report)", "Progress"],
                            [[n, t, s] for n, t, s in earlier], [18 * mm, w - 48 * mm, 30 * mm], 2), gap(8)]
    for n, text, status in earlier:
        story += [r.para(f"Recommendation {n} from our 2022 report", "h3"),
                  r.para(f"“{text}”", "italic"), r.para(f"Our assessment: {status.lower()}.", "bold")]
        story += [r.para(p) for p in prose.paragraphs("national", rng.randint(1, 2))]
    story += [PageBreak(), r.bar("Our new recommendations", w), gap(6)]
    story += [r.para(p) for p in prose.paragraphs("national", 2)]
    for rec in new:
        story += [KeepTogether([FilledBox([r.para(rec.label, r.style("bold", textColor=r.house.accent)),
                                           r.tracked(rec, rec.text)], r.house.tint), gap(8)])]
        story += [r.para(p) for p in prose.paragraphs("national", 1)]
    build(r, out / f"{r.stem}.pdf", story, header="Progress review: stalking", footer="HMICFRS")
    return r


def thornleigh_revisit(out: Path, rng: random.Random) -> Report:
    r = Report("revisit-2023-thornleigh", "progress", "Revisit letter: Thornleigh Fire and Rescue Service",
               date(2023, 5, 16), house=House(face="helvetica", size=10, leading=14, accent=colors.HexColor("#a33b20"),
                                              tint=colors.HexColor("#f8ebe6")))
    prose, w = Prose(rng), content_width(r)
    story = [r.para("HMICFRS", r.style("h1", textColor=r.house.accent)), r.para("16 May 2023", "small"), gap(10),
             r.para("Chief Fire Officer<br/>Thornleigh Fire and Rescue Service", markup=True),
             r.para("Dear Chief Fire Officer,"),
             r.para("Thornleigh Fire and Rescue Service: revisit to assess progress against the cause of concern", "h2"),
             r.para("In our 2022 inspection we identified a cause of concern about the service’s protection work. "
                    "We revisited the service in April 2023 to assess its progress. This letter sets out what we "
                    "found."),
             r.para("The cause of concern we gave in 2022 was:"),
             FilledBox([r.para("Cause of concern (2022)", "bold"),
                        r.para("The service isn’t doing enough to make sure that high-risk premises are inspected.",
                               "italic"),
                        r.para("Recommendations (2022)", "bold"),
                        r.para("By 31 December 2022, the service should:"),
                        ListFlowable([ListItem(r.para(t)) for t in (
                            "review its risk-based inspection programme;",
                            "make sure it has enough competent staff to carry out audits; and",
                            "evaluate the effectiveness of its protection activity.")],
                            bulletType="bullet", start="•", leftIndent=12)], r.house.tint), gap(8)]
    rows = [["Review the risk-based inspection programme", "Green"],
            ["Enough competent staff to carry out audits", "Amber"],
            ["Evaluate the effectiveness of protection activity", "Amber"]]
    story += [r.para("Progress against each recommendation", "h3"),
              _status_table(r, ["2022 recommendation", "Progress"], rows, [w - 35 * mm, 35 * mm], 1), gap(8)]
    story += [r.para(p) for p in prose.paragraphs("fire", 3)]
    story += [r.para("By 31 March 2023, the service had completed 1,140 audits, against a target of 1,300."),
              r.para("We are satisfied that the service has made enough progress for the cause of concern to be "
                     "closed. The service should continue to build on this work, and we will review it again at "
                     "our next full inspection."),
              r.para("Yours sincerely,"), r.para("HM Inspector of Fire &amp; Rescue Services", "italic", markup=True),
              PageBreak(), r.para("Annex A: what we found", "h2")]
    story += [r.para(p) for p in prose.paragraphs("fire", 6)]
    story += [PageBreak(), r.para("Annex B: how we carried out the revisit", "h2")]
    story += [r.para(p) for p in prose.paragraphs("fire", 3)]
    build(r, out / f"{r.stem}.pdf", story, header="Thornleigh Fire and Rescue Service — revisit", footer="HMICFRS")
    return r


def audit_committee(out: Path, rng: random.Random) -> Report:
    r = Report("committee-2024-wexmoor-jac", "committee_paper", "Joint Audit Committee: HMICFRS inspection update",
               date(2024, 3, 14), house=House(face="helvetica", size=9.5, leading=12.5,
                                              accent=colors.HexColor("#24476b"), tint=colors.HexColor("#e6edf4"),
                                              margins=(18 * mm, 18 * mm, 20 * mm, 18 * mm)))
    prose = Prose(rng)
    width, height = landscape(A4)
    left, right, top, bottom = r.house.margins
    portrait = [Frame(left, bottom, A4[0] - left - right, A4[1] - top - bottom, id="p", leftPadding=0, rightPadding=0)]
    wide = [Frame(left, bottom, width - left - right, height - top - bottom, id="l", leftPadding=0, rightPadding=0)]
    templates = [PageTemplate(id="portrait", frames=portrait, pagesize=A4),
                 PageTemplate(id="landscape", frames=wide, pagesize=(width, height))]
    w = A4[0] - left - right
    meta = Table([[r.para(a, "cellb"), r.para(b, "cell")] for a, b in (
        ("Meeting", "Joint Audit Committee, 14 March 2024"), ("Agenda item", "9"),
        ("Report by", "Force HMICFRS liaison officer"), ("Classification", "Official"))],
        colWidths=[40 * mm, w - 40 * mm])
    meta.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                              ("BACKGROUND", (0, 0), (0, -1), r.house.tint)]))
    story = [r.para("Wexmoor Constabulary and the Office of the Police and Crime Commissioner", "h3"),
             r.para("HMICFRS inspection update", "h1"), meta, gap(10),
             r.para("1. Purpose of the report", "h2"),
             r.para("This report updates the committee on the force’s progress against the recommendations and "
                    "areas for improvement made by HMICFRS, and on the national reports published since the last "
                    "meeting."),
             r.para("2. Decision required", "h2"), r.para("Members are asked to note the contents of this report."),
             r.para("3. Position at 29 February 2024", "h2")]
    summary = [["Type", "Open", "Closed", "Total"], ["Cause of concern", "1", "3", "4"],
               ["Recommendation", "14", "52", "66"], ["Area for improvement", "21", "40", "61"]]
    t = Table([[r.para(c, "cellb" if i == 0 else "cell") for c in row] for i, row in enumerate(summary)],
              colWidths=[60 * mm, 25 * mm, 25 * mm, 25 * mm])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                           ("BACKGROUND", (0, 0), (-1, 0), r.house.tint)]))
    story += [t, gap(8), r.para("4. New national reports", "h2"),
              r.para("Two national reports containing recommendations for chief constables were published in the "
                     "period. Their recommendations for chief constables are set out below, with the deadline "
                     "HMICFRS has set and the force lead."),
              ListFlowable([ListItem(r.para(t)) for t in (
                  "An inspection of vetting and misconduct: by 31 October 2024, chief constables should make sure "
                  "that all vetting decisions are recorded with their rationale. Lead: Head of Professional Standards.",
                  "An inspection of roads policing: by 30 June 2024, chief constables should review the training "
                  "of collision investigators. Lead: Head of Operations.")], bulletType="bullet", start="•",
                  leftIndent=12)]
    story += [r.para(p) for p in prose.paragraphs("police", 1)]
    story += [r.para("5. Inspections to come", "h2"),
              r.para("HMICFRS has told the force that its PEEL inspection fieldwork will begin in May 2024.")]
    portal = [
        ("PEEL-21-AFI-03", "PEEL 2021/22", "AFI", "The force should improve the use of bail and released under "
         "investigation, so that suspects are managed effectively and victims are safeguarded.", "Open", "3"),
        ("PEEL-21-CoC-01-R2", "PEEL 2021/22", "Recommendation", "Within three months, the force should make sure "
         "that repeat and vulnerable victims are identified at the first point of contact.", "Closed", "2"),
        ("VAWG-21-R4", "Police response to violence against women and girls", "Recommendation", "By March 2022, "
         "chief constables should review their approach to domestic abuse protection notices.", "Open", "3"),
        ("CUST-22-R1", "Custody inspection 2022", "Recommendation", "The force and the police and crime "
         "commissioner should make sure there are enough detention officers on every shift.", "Open", "4"),
        ("FRAUD-21-R6", "Fraud: time to choose", "Recommendation", "By 31 October 2022, chief constables should "
         "make sure that victims of fraud receive an update on their case.", "Closed", "1"),
        ("PEEL-21-AFI-07", "PEEL 2021/22", "AFI", "The force should improve the way it identifies and develops "
         "talent at all levels.", "Open", "3"),
    ]
    lw = width - left - right
    story += [NextPageTemplate("landscape"), PageBreak(), r.para("Appendix A: extract from the HMICFRS monitoring portal",
                                                               "h2"),
              r.para("Open and recently closed items, as held on the portal at 29 February 2024.", "small"),
              _status_table(r, ["Reference", "Report", "Type", "Recommendation / AFI text", "Status", "Level"],
                            [list(p) for p in portal],
                            [32 * mm, 45 * mm, 30 * mm, lw - 147 * mm, 20 * mm, 20 * mm], 4)]
    programme = [("PEEL 2023–25", "May 2024", "All pillars"), ("Custody (joint with HMI Prisons)", "Unannounced",
                  "Custody suites"), ("Activism and impartiality", "June 2024", "Thematic"),
                 ("Serious and organised crime", "September 2024", "Regional")]
    story += [NextPageTemplate("portrait"), PageBreak(), r.para("Appendix B: inspections to come", "h2"),
              r.para("HMICFRS has told the force of the following inspections. Dates are provisional.")]
    table = Table([[r.para(c, "cellb") for c in ("Inspection", "When", "Scope")]] +
                  [[r.para(c, "cell") for c in row] for row in programme], colWidths=[w * 0.45, w * 0.25, w * 0.3])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                               ("BACKGROUND", (0, 0), (-1, 0), r.house.tint)]))
    story += [table, gap(8), r.para("Appendix C: commentary on open items", "h2")]
    story += [r.para(p) for p in prose.paragraphs("police", 6)]
    build(r, out / f"{r.stem}.pdf", story, templates=templates, header="Joint Audit Committee — 14 March 2024",
          footer="Official", first_plain=False)
    return r
