"""A force's joint audit committee paper on HMICFRS activity, with the monitoring portal extract as
its appendix. It quotes other reports' recommendations and tracks them: it makes no items."""
from __future__ import annotations

import random
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

from .docs import Layout, render
from .kit import Plan, markup, para, styles
from .words import FORCES, Narrative, long_date, pick, publication_date

PORTAL = [
    ("AFI", "PEEL 2021/22", "The force should improve how it supervises investigations.", 3, "Open"),
    ("AFI", "PEEL 2021/22", "The force should make sure that its vetting unit completes renewals on time.", 2, "Closed"),
    ("Recommendation", "Vetting, misconduct and misogyny", "By 30 April {y0}, chief constables should make sure "
     "that their vetting units have enough resources.", 4, "Open – awaiting review"),
    ("Recommendation", "Police response to stalking", "Within six months, chief constables should make sure that "
     "stalking protection orders are considered in every case.", 3, "Closed"),
    ("Cause of concern", "PEEL 2021/22", "The force isn’t answering calls quickly enough.", 4, "Open"),
    ("Recommendation", "PEEL 2021/22", "Within three months, the force should make sure it has enough call "
     "handlers on duty.", 4, "Open"),
    ("AFI", "Custody inspection", "The force should improve the cleanliness of its cells.", 2, "Closed"),
    ("Recommendation", "Serious youth violence", "By 31 December {y0}, chief constables should review their "
     "arrangements for sharing information with schools.", 3, "Open"),
    ("AFI", "PEEL 2021/22", "The force needs to improve its workforce planning.", 3, "Open"),
    ("Recommendation", "Online child abuse", "By 31 March {y1}, chief constables should make sure that referrals "
     "are risk-assessed within 24 hours.", 4, "Open – awaiting review"),
    ("AFI", "Custody inspection", "The force should make sure that strip-searches are recorded.", 2, "Open"),
    ("Recommendation", "Neighbourhood policing", "By the end of {y1}, chief constables should publish their "
     "neighbourhood policing plans.", 3, "Open"),
]


def jac_paper(seed: int) -> Plan:
    force = pick(FORCES, seed, 5)
    stem = "joint-audit-committee-hmicfrs-update-" + force.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/jac")
    meeting = publication_date(rng, 2024, (3, 6, 9))
    y = meeting.year
    st = styles("Helvetica", "Helvetica-Bold", 10, 13.5)
    mono = st["cell"].clone("mono", fontName="Courier", fontSize=7, leading=8.5)
    title = "HMICFRS inspection activity and recommendations update"
    layout = Layout(title=title, header="OFFICIAL", header_align="centre", footer="Agenda item 9 – page {page}",
                    footer_align="right", pagesize=A4, margins=(22 * mm, 22 * mm, 22 * mm, 22 * mm))
    width = A4[0] - 44 * mm
    text = Narrative(rng, "the force", ["the monitoring portal", "self-assessment", "evidence packs",
                                        "the inspection programme", "governance boards"],
                     ["lead officers", "liaison staff", "the strategic planning team", "chief officers"])
    background, forthcoming = text.paragraphs(3), text.paragraphs(2)
    national = [
        ("An inspection of the police response to stalking", date(y - 1, 11, 14),
         f"Recommendation 2: By 31 October {y}, chief constables should make sure that all stalking cases are "
         "reviewed by a specialist."),
        ("Serious youth violence: an inspection of partnership working", date(y, 1, 23),
         f"Recommendation 5: By 31 December {y}, chief constables should review their arrangements for sharing "
         "information with schools."),
        ("Neighbourhood policing: a spotlight report", date(y, 2, 6),
         f"Recommendation 1: By the end of {y}, chief constables should publish their neighbourhood policing plans."),
    ]
    counts = {kind: [rng.randint(0, 6) for _ in range(4)] for kind in ("Cause of concern", "Recommendation", "AFI")}

    def cell(text_: str, style=None) -> Paragraph:
        return Paragraph(markup(text_), style or st["cell"])

    def build(info, log):
        head = Table([[cell("Meeting"), cell(f"Joint Audit Committee, {long_date(meeting)}")],
                      [cell("Title"), cell(title)], [cell("Report of"), cell("Head of Strategic Planning")],
                      [cell("Author"), cell("Force Liaison Officer, HMICFRS")], [cell("Security"), cell("OFFICIAL")]],
                     colWidths=[35 * mm, width - 35 * mm])
        head.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                                  ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e6e6e6"))]))
        out = [para(f"{force} and the Office of the Police and Crime Commissioner", st["h2"]), head, Spacer(1, 10)]
        out += [para("1. Purpose of the report", st["h3"]),
                para("This paper updates the Committee on HMICFRS inspection activity since its last meeting, the "
                     "national reports published in that time, and the status of the recommendations, causes of "
                     "concern and areas for improvement that the force is tracking.", st["body"])]
        out += [para("2. Decision required", st["h3"]),
                para("Members are asked to note the report and the status of the items in Appendix A.", st["body"])]
        out += [para("3. Background", st["h3"])] + [para(p, st["body"]) for p in background]
        out.append(para("HMICFRS monitors each item at one of four levels. At level 1 it is closed and archived; at "
                        "level 2 the force may close it with a letter signed by the chief constable; at level 3 the "
                        "force self-certifies and HMICFRS checks at its next inspection; at level 4 HMICFRS follows "
                        "it up with fieldwork.", st["body"]))
        out += [CondPageBreak(160), para("4. National reports published since the last meeting", st["h3"])]
        rows = [[cell("<b>Report</b>"), cell("<b>Published</b>"), cell("<b>Recommendations for chief constables</b>")]]
        rows += [[cell(name), cell(long_date(when)), cell(rec)] for name, when, rec in national]
        table = Table(rows, colWidths=[50 * mm, 28 * mm, width - 78 * mm], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#cfe2f3"))]))
        out += [table, Spacer(1, 6),
                para("Each of these has been given a lead officer, who will report progress to the force’s "
                     "inspection board.", st["body"])]
        out += [para("5. Status of items", st["h3"])]
        rows = [[cell("<b>Type</b>")] + [cell(f"<b>Level {n}</b>") for n in range(1, 5)] + [cell("<b>Total</b>")]]
        rows += [[cell(kind)] + [cell(str(v)) for v in values] + [cell(str(sum(values)))]
                 for kind, values in counts.items()]
        table = Table(rows, colWidths=[50 * mm] + [(width - 50 * mm) / 5] * 5)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#cfe2f3"))]))
        out += [table, Spacer(1, 6), para("6. Forthcoming inspections", st["h3"])]
        out += [para(p, st["body"]) for p in forthcoming]
        out += [PageBreak(), para("Appendix A: extract from the HMICFRS monitoring portal", st["h3"])]
        rows = [[cell(h, mono) for h in ("Ref", "Report", "Type", "Description", "Lvl", "Status")]]
        for n, (kind, report, desc, level, status) in enumerate(PORTAL, start=1):
            desc = desc.format(y0=y, y1=y + 1)
            rows.append([cell(f"HMI-{y - 2}-{n:03d}", mono), cell(report, mono), cell(kind, mono), cell(desc, mono),
                         cell(str(level), mono), cell(status, mono)])
        table = Table(rows, colWidths=[24 * mm, 27 * mm, 27 * mm, width - 109 * mm, 9 * mm, 22 * mm], repeatRows=1)
        fills = [("BACKGROUND", (5, r), (5, r), colors.HexColor("#d9ead3" if row[4] == "Closed" else "#fce5cd"))
                 for r, row in enumerate(PORTAL, start=1)]
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))] + fills))
        out.append(table)
        return out

    return Plan(stem, "committee paper with portal extract", title, meeting.isoformat(), [],
                lambda path: render(path, layout, build))


WRITERS = [jac_paper]
