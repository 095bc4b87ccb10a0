"""Papers that only restate other reports' items, so must yield none: a progress review letter
with red/amber/green grades, and a force's joint audit committee paper with a landscape export of
the monitoring portal."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor, white

from .canvas_kit import Look, Sheet
from .filler import Filler
from .gold import Report

GREEN, AMBER, RED, SLATE = (HexColor(c) for c in ("#2e7d32", "#f0a202", "#c62828", "#37474f"))


def _rag_table(s: Sheet, rows: list[tuple[str, str, str, str]], look: Look) -> None:
    """Earlier items with a grade; the grade cell is filled in its colour."""
    widths = [48, 262, 70, 71]
    x0 = s.columns[0][0]
    s.ruled_table(widths, ["Ref", "Recommendation (2022 report)", "Grade", "Due"], [], look, rule=SLATE)
    s.y += 8
    for ref, text, grade, due in rows:
        cells = [ref, text, grade, due]
        laid = [s.layout(cell, w - 8, look) for cell, w in zip(cells, widths)]
        height = max(len(lines) for lines in laid) * look.leading + 10
        s.ensure(height)
        fill = {"Green": GREEN, "Amber": AMBER, "Red": RED}[grade]
        s.c.setFillColor(fill)
        s.c.rect(x0 + widths[0] + widths[1], s.y - height, widths[2], height, stroke=0, fill=1)
        x = x0
        for lines, w, cell in zip(laid, widths, cells):
            s.draw_lines(lines, x + 4, s.y - 3, w - 8, look, color=white if cell == grade else None)
            x += w
        s.c.setStrokeColor(SLATE)
        s.c.setLineWidth(0.5)
        s.c.line(x0, s.y - height, x0 + sum(widths), s.y - height)
        s.y -= height
    s.space(10)


def progress_review(out: Path, seed: int) -> Report:
    r = Report("progress_review_kestrelvale_2024", "restates_only",
               "Kestrel Vale Police: progress review of our 2022 domestic abuse inspection", date(2024, 2, 20))
    f = Filler(seed, r.stem)

    def decorate(s: Sheet) -> None:
        w, h = s.size
        s.c.setFont("Helvetica", 7.5)
        s.c.setFillColor(SLATE)
        s.c.drawString(56, h - 40, "HMICFRS | Progress review | Kestrel Vale Police")
        s.c.drawCentredString(w / 2, 32, f"{s.page}")

    look = Look("helvetica", 9.5, 12, align="left")
    s = Sheet(str(out / f"{r.stem}.pdf"), r, look, margins=(56, 60, 88, 84), decorate=decorate)
    s.bar("Progress review: Kestrel Vale Police", SLATE, size=15, height=30, family="helvetica")
    s.para("**20 February 2024**", after=6)
    s.para("Dear Chief Constable,", after=6)
    s.para("In our 2022 report on Kestrel Vale Police’s response to domestic abuse, we made five "
           "recommendations. This letter sets out the progress the force has made against each of them. We "
           "have graded progress as green (the recommendation has been met), amber (work is under way but "
           "the recommendation has not yet been met) or red (insufficient progress).", after=6)
    for text in f.paras(2, 2, 3):
        s.para(text, after=6)
    rows = [
        ("R1", "By 30 September 2022, the force should make sure that all domestic abuse incidents are "
               "attended within its published response times.", "Amber", "Sep 2022"),
        ("R2", "The force should make sure that a risk assessment is completed for every domestic abuse "
               "victim and reviewed by a supervisor.", "Green", "Dec 2022"),
        ("R3", "Within six months, the force should improve the quality of its investigations into "
               "controlling or coercive behaviour.", "Red", "Jan 2023"),
        ("R4", "The force should work with the police and crime commissioner to make sure victims are "
               "referred to specialist support services.", "Green", "Mar 2023"),
        ("R5", "By 31 March 2023, the force should make sure officers use domestic violence protection "
               "notices and orders where appropriate.", "Amber", "Mar 2023"),
    ]
    s.heading("Summary of progress", size=11, family="helvetica", color=SLATE)
    _rag_table(s, rows, Look("helvetica", 8.5, 10.5, align="left", hyphenate=False))
    for ref, text, grade, _due in rows:
        s.heading(f"{ref}: graded {grade.lower()}", size=9.5, family="helvetica", color=SLATE, before=6)
        s.para(f"We recommended that “{text[0].lower() + text[1:]}”", after=4)
        for para in f.paras(3, 2, 4):
            s.para(para, after=6)
    s.para("We will continue to monitor the force’s progress through our regular monitoring arrangements. "
           "We have made no new recommendations.", after=6)
    s.para("Yours sincerely,", after=16)
    s.para("His Majesty’s Inspector of Constabulary", after=4)
    s.finish()
    return r


def committee_paper(out: Path, seed: int) -> Report:
    r = Report("jac_paper_kestrelvale_2024", "restates_only", "HMICFRS inspection update", date(2024, 7, 17))
    f = Filler(seed, r.stem)

    def decorate(s: Sheet) -> None:
        w, h = s.size
        s.c.setFont("Times-Roman", 8)
        s.c.setFillColor(HexColor("#444444"))
        s.c.drawString(50, h - 38, "Joint Audit Committee, 17 July 2024 | Agenda item 9")
        s.c.drawRightString(w - 50, 30, f"Page {s.page}")

    look = Look("times", 11, 13.5, align="left", hyphenate=False)
    s = Sheet(str(out / f"{r.stem}.pdf"), r, look, margins=(72, 72, 84, 80), decorate=decorate)
    for text, size in [("Office of the Police and Crime Commissioner for Kestrel Vale and Kestrel Vale Police", 10),
                       ("JOINT AUDIT COMMITTEE", 16), ("Meeting date: 17 July 2024", 11), ("Agenda item 9", 11),
                       ("Report of the Chief Constable", 11), ("HMICFRS inspection update", 16)]:
        s.para(f"**{text}**", Look("times", size, size * 1.3, align="left"), after=4)
    s.space(10)
    s.heading("1. Purpose of the report", size=12)
    s.para("1.1 To update the committee on the force’s progress against recommendations and areas for "
           "improvement made by His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services "
           "(HMICFRS), and to list the national reports published since the last meeting.", after=6)
    s.heading("2. Decision required", size=12)
    s.para("2.1 The committee is asked to note the report.", after=6)
    s.heading("3. Status of HMICFRS recommendations", size=12)
    s.ruled_table([150, 70, 70, 70, 70], ["Type", "Level 2", "Level 3", "Level 4", "Total"], [
        ["Causes of concern", "0", "1", "1", "2"], ["Recommendations", "3", "9", "2", "14"],
        ["Areas for improvement", "12", "7", "0", "19"], ["Total open", "15", "17", "3", "35"]],
        Look("times", 10, 12.5, align="left"))
    s.heading("4. National reports published since the last meeting", size=12)
    s.para("4.1 HMICFRS published two national reports in the period. Their recommendations for chief "
           "constables are listed below; the force’s response to each is being prepared.", after=6)
    for text in [
        "An inspection of how well the police tackle the criminal exploitation of children: “By 31 March 2024, "
        "chief constables should make sure that every report of a missing child is assessed for signs of "
        "criminal exploitation.” Owner: Head of Public Protection.",
        "An inspection of the police response to stalking: “By 30 November 2024, chief constables should "
        "make sure that stalking protection orders are considered in every case.” Owner: Head of Crime.",
    ]:
        s.bullet(text, after=4)
    for text in f.paras(2, 2, 3):
        s.para(text, after=6)
    s.heading("5. Inspections to come", size=12)
    s.para("5.1 The force expects its next PEEL inspection in the autumn. " + f.sentence(), after=6)
    s.new_page(wide=True)
    s.heading("Appendix A: HMICFRS monitoring portal export (open items), 1 July 2024", size=12)
    rows = [
        ["HMI-2022-031", "Domestic abuse revisit", "Recommendation", "Within six months, the force should improve "
         "the quality of its investigations into controlling or coercive behaviour.", "4", "Awaiting review",
         "31/01/2023"],
        ["HMI-2023-114", "PEEL 2023", "Area for improvement", "The force should improve how it records equality "
         "data for stop and search.", "3", "In progress", "–"],
        ["HMI-2023-207", "Criminal exploitation of children", "Recommendation", "By 31 March 2024, chief "
         "constables should make sure that every report of a missing child is assessed for signs of criminal "
         "exploitation.", "3", "In progress", "31/03/2024"],
        ["HMI-2024-009", "Vetting and misconduct", "Recommendation", "By 30 April 2024, chief constables should "
         "make sure that vetting decisions are recorded with their rationale.", "2", "Closed – evidence "
         "submitted", "30/04/2024"],
        ["HMI-2024-051", "Custody inspection", "Cause of concern", "Detainees were held for too long before "
         "being released or charged.", "4", "Awaiting fieldwork", "–"],
    ]
    s.ruled_table([80, 110, 90, 260, 40, 90, 70], ["Ref", "Report", "Type", "Text", "Level", "Status", "Due"],
                  rows, Look("helvetica", 8.5, 10.5, align="left", hyphenate=False), rule=SLATE)
    s.finish()
    return r
