"""Short documents: an accelerated cause of concern letter, a revisit letter (earlier recommendations graded,
new items added), and two documents with no items at all (a progress update that grades earlier
recommendations in a table, and a force's joint audit committee paper)."""
from __future__ import annotations

from .common import filler, lead_in_block, page_break, spacer
from .kit import (Page, Paragraph, Report, Table, TableStyle, build, colors, dl, escape, grid, header_footer, keep,
                  styles)

NAVY, RAG = colors.HexColor("#0b3d91"), {"Met": "#8bc34a", "Partially met": "#ffc107", "Not met": "#e57373",
                                         "Complete": "#8bc34a", "In progress": "#ffc107", "Not started": "#e57373"}


def _letterhead(canv, report, page, w, h):
    if page == 1:
        canv.setFillColor(NAVY)
        canv.setFont("Helvetica-Bold", 13)
        canv.drawString(60, h - 60, "HMICFRS")
        canv.setFont("Helvetica", 7.5)
        for i, line in enumerate(["His Majesty’s Inspectorate of Constabulary", "and Fire & Rescue Services",
                                  "Globe House, 89 Eccleston Square", "London SW1V 1PN"]):
            canv.drawRightString(w - 60, h - 50 - i * 9, line)
    else:
        header_footer("Dyfed-Powys Police: accelerated cause of concern", "", "Page {n} of {total}", first=2,
                      footer_align="right")(canv, report, page, w, h)


def dyfed_powys_letter(seed: int, out: str) -> Report:
    stem = "accelerated-coc-dyfed-powys"
    st = styles("Times", 11, 14.4, NAVY, justify=True)
    lead = "By 31 May 2025, the force should:"

    def make(info):
        r = Report(stem, "accelerated", seed, "PEEL 2023–25: accelerated cause of concern – Dyfed-Powys Police’s "
                   "management of registered sex offenders", "2025-02-12", "dyfed_powys_police", info)
        coc = r.item("cause_of_concern", "Dyfed-Powys Police isn’t managing the risk posed by registered sex offenders "
                     "effectively. It has a backlog of overdue risk assessments and home visits, and officers in its "
                     "offender management teams have workloads that are too high for them to manage these offenders "
                     "safely.", label="Cause of concern")
        bullets = ["make sure that all overdue risk assessments of registered sex offenders are completed, prioritising "
                   "those who present the highest risk;", "review the workloads of its offender managers and make sure "
                   "that they are manageable; and", "put in place effective supervision and governance of its "
                   "management of registered sex offenders."]
        recs = [r.item("recommendation", f"{lead} {b}", addressees=["force"], addressee_text="the force", parent=coc,
                       deadline=dl("date", "By 31 May 2025", "2025-05-31")) for b in bullets]
        for line in ["Chief Constable", "Dyfed-Powys Police", "Police Headquarters", "Carmarthen", "SA31 2PF"]:
            r.para(line, st["ital"] if line == "Chief Constable" else st["body"])
        r.add(spacer(6), Paragraph("12 February 2025", st["body"]), spacer(6), Paragraph("Dear Chief Constable,",
                                                                                         st["body"]))
        r.add(Paragraph("PEEL 2023–25: accelerated cause of concern – management of registered sex offenders",
                        st["h3"]))
        r.para("As you know, we are currently inspecting Dyfed-Powys Police as part of our PEEL 2023–25 inspection "
               "programme. During our fieldwork, we found significant problems with the way the force manages the "
               "risks posed by registered sex offenders. Because of the risk to the public, I am writing to you now "
               "rather than waiting for the publication of our full report.", st["body"])
        filler(r, st, "police", 3, 5)
        r.para("The force has told us that it should have recognised the scale of the problem sooner. It has "
               "already started to recruit more offender managers.", st["body"])
        filler(r, st, "police", 2, 5)
        r.add(keep(Paragraph("Cause of concern", st["h3"]),
                   Paragraph(r.t(coc, hyph={"effectively": "ef-fect-ively", "management": "man-age-ment",
                                            "offenders": "of-fend-ers"}), st["body"]),
                   Paragraph("Recommendations", st["h3"]), *lead_in_block(r, st, lead, recs)))
        r.para("I would be grateful if the force could send us its plan for addressing these recommendations within "
               "28 days of the date of this letter. We will revisit the force to assess its progress, and we will "
               "publish this letter on our website.", st["body"])
        filler(r, st, "police", 1, 4)
        r.add(spacer(8), Paragraph("Yours sincerely,", st["body"]), spacer(24),
              Paragraph("Sarah Whitfield", st["bold"]), Paragraph("His Majesty’s Inspector of Constabulary", st["body"]),
              spacer(10), Paragraph("cc: Police and Crime Commissioner for Dyfed-Powys", st["body"]))
        page_break(r)
        r.add(Paragraph("Annex: What we found", st["h3"]))
        filler(r, st, "police", 5, 5)
        return r

    pages = [Page("letter", margins=(72, 72, 100, 80), decorate=_letterhead)]
    return build(make, f"{out}/{stem}.pdf", pages)


def gwent_revisit(seed: int, out: str) -> Report:
    stem = "revisit-gwent-investigations"
    st = styles("LibSerif", 11, 14.6, NAVY)
    old_lead = "Within three months, the force should:"
    earlier = [("make sure that investigations are allocated to officers with the right skills and experience;", "Met"),
               ("make sure that supervisors review investigations regularly and record their reviews; and",
                "Partially met"),
               ("make sure that victims are updated in line with the Code of Practice for Victims of Crime.", "Met")]
    lead = "By 31 January 2025, the force should:"

    def make(info):
        r = Report(stem, "revisit", seed, "PEEL 2023–25: Revisit of Gwent Police – cause of concern about "
                   "investigations", "2024-08-16", "gwent_police", info)
        coc = r.item("cause_of_concern", "The force doesn’t have enough effective supervision of its investigations. "
                     "Supervisors’ reviews are often missing or lack direction, and some investigations are closed "
                     "before all reasonable lines of enquiry have been completed.", label="Cause of concern")
        new = ["make sure that every investigation has a documented supervisory review at least every 28 days; and",
               "make sure that investigations are not closed until a supervisor has confirmed that all reasonable lines "
               "of enquiry have been completed."]
        recs = [r.item("recommendation", f"{lead} {b}", addressees=["force"], addressee_text="the force", parent=coc,
                       deadline=dl("date", "By 31 January 2025", "2025-01-31")) for b in new]
        afis = [r.item("area_for_improvement", t, addressees=["force"], addressee_text="The force") for t in (
            "The force should make sure that its crime recording system allows supervisors to record their reviews "
            "in a consistent format.",
            "The force should make sure that the learning from its review of closed investigations is shared with all "
            "investigators.")]
        r.add(Paragraph("PEEL 2023–25", st["h3"]), Paragraph("Revisit of Gwent Police", st["title"]),
              Paragraph("Cause of concern about investigations", st["cover"]), spacer(16),
              Paragraph("Published 16 August 2024", st["body"]), spacer(14))
        r.add(Paragraph("Background", st["h2"]))
        r.para("In our PEEL 2023–25 inspection of Gwent Police, published in November 2023, we identified a cause of "
               "concern about the standard of the force’s investigations. We made the following recommendations:",
               st["body"])
        rows = [[Paragraph("<b>Recommendation from our 2023 report</b>", st["cell"]),
                 Paragraph("<b>Our assessment</b>", st["cell"])]]
        cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for i, (text, grade) in enumerate(earlier, start=1):
            rows.append([Paragraph(escape(f"{old_lead} {text}"), st["cell"]), Paragraph(grade, st["cell"])])
            cmds.append(("BACKGROUND", (1, i), (1, i), colors.HexColor(RAG[grade])))
        t = Table(rows, colWidths=[350, 100])
        t.setStyle(TableStyle(cmds))
        r.add(t, spacer(10), Paragraph("Our findings", st["h2"]))
        filler(r, st, "police", 7, 5)
        r.para("The force has made good progress, and we have closed two of the three recommendations. However, "
               "we found that supervision of investigations remains inconsistent. We have therefore identified a new "
               "cause of concern.", st["body"])
        r.add(keep(Paragraph("New cause of concern", st["h2"]), Paragraph(r.t(coc), st["bold"]),
                   Paragraph("Recommendations", st["h3"]), *lead_in_block(r, st, lead, recs)))
        filler(r, st, "police", 3, 5)
        r.add(Paragraph("Areas for improvement", st["h3"]))
        r.para("We also identified two areas for improvement:", st["body"])
        for it in afis:
            r.add(Paragraph(r.t(it), st["bullet"], bulletText="–"))
        r.add(Paragraph("Next steps", st["h2"]))
        filler(r, st, "police", 4, 5)
        r.para("We will continue to monitor the force’s progress through our usual monitoring arrangements.", st["body"])
        return r

    pages = [Page("body", margins=(70, 70, 70, 76),
                  decorate=header_footer("Gwent Police revisit", "HMICFRS", "{n}", first=1, footer_align="right"))]
    return build(make, f"{out}/{stem}.pdf", pages)


def vetting_progress(seed: int, out: str) -> Report:
    stem = "progress-vetting-recommendations"
    st = styles("DejaVuSans", 9.5, 12.8, NAVY)
    rows_data = [
        ("1", "By 30 April 2023, chief constables should make sure that every officer and member of staff has been "
              "vetted to the appropriate level.", "Chief constables", "Complete"),
        ("2", "By 31 October 2023, the College of Policing should amend its vetting authorised professional practice "
              "to require forces to check the Police National Database.", "College of Policing", "Complete"),
        ("3", "By 30 April 2023, chief constables should make sure that vetting decisions are recorded with a "
              "documented rationale.", "Chief constables", "In progress"),
        ("4", "The Home Office should, by the end of 2023, amend the Police (Conduct) Regulations so that failing "
              "vetting is a ground for dismissal.", "Home Office", "In progress"),
        ("5", "By 31 March 2024, the National Police Chiefs’ Council should develop a national counter-corruption "
              "intelligence assessment.", "NPCC", "Not started"),
        ("6", "Chief constables should immediately review how they assess allegations of sexual misconduct made "
              "against their officers.", "Chief constables", "Complete"),
        ("7", "By April 2024, the College of Policing should publish guidance on the appropriate use of social media "
              "by officers and staff.", "College of Policing", "In progress"),
        ("8", "Within six months, police and crime commissioners should satisfy themselves that their forces’ "
              "professional standards departments are adequately resourced.", "PCCs", "Complete"),
    ]

    def make(info):
        r = Report(stem, "no_items", seed, "An update on progress against the recommendations in our 2022 report on "
                   "vetting, misconduct and misogyny", None, None, info)
        r.add(Paragraph("Vetting, misconduct and misogyny in the police service", st["title"]),
              Paragraph("An update on progress against our 2022 recommendations", st["cover"]), spacer(8),
              Paragraph("May 2025", st["h3"]), spacer(10), Paragraph("Introduction", st["h2"]))
        filler(r, st, "national", 4, 5)
        r.para("In November 2022 we published our report on vetting, misconduct and misogyny in the police "
               "service. We made 43 recommendations. This update sets out the progress made against a selection of "
               "them. We have not made any new recommendations in this update.", st["body"])
        r.add(Paragraph("Progress against our recommendations", st["h2"]))
        head = [Paragraph(f"<b>{h}</b>", st["cell"]) for h in ("No.", "Recommendation (2022 report)", "Lead", "Progress")]
        rows, cmds = [head], []
        for i, (n, text, lead, grade) in enumerate(rows_data, start=1):
            rows.append([Paragraph(n, st["cell"]), Paragraph(escape(text), st["cell"]), Paragraph(lead, st["cell"]),
                         Paragraph(grade, st["cell"])])
            cmds.append(("BACKGROUND", (3, i), (3, i), colors.HexColor(RAG[grade])))
        t = grid(rows, [34, 284, 90, 72], header_bg=colors.HexColor("#dde4f0"))
        t.setStyle(TableStyle(cmds))
        r.add(t, spacer(10), Paragraph("Our assessment", st["h2"]))
        filler(r, st, "national", 6, 5)
        r.add(Paragraph("Vetting decisions", st["h2"]))
        filler(r, st, "national", 5, 5)
        r.add(Paragraph("Misconduct and misogyny", st["h2"]))
        filler(r, st, "national", 6, 5)
        r.para("Forces told us that they should have had more support from national bodies in implementing "
               "recommendation 1. We will continue to monitor progress through our PEEL inspections.", st["body"])
        return r

    pages = [Page("body", margins=(58, 58, 70, 72), decorate=header_footer(
        "Vetting, misconduct and misogyny: progress update", "May 2025", "{n}", first=1))]
    return build(make, f"{out}/{stem}.pdf", pages)


def audit_committee(seed: int, out: str) -> Report:
    stem = "jac-hmicfrs-update-wiltshire"
    st = styles("LibSans", 10.5, 13.6, colors.black)

    def make(info):
        r = Report(stem, "no_items", seed, "Joint Audit Committee: HMICFRS inspection activity and recommendations "
                   "update", None, "wiltshire_police", info)
        r.add(Paragraph("Wiltshire Police and Office of the Police and Crime Commissioner", st["h3"]),
              Paragraph("JOINT AUDIT COMMITTEE", st["h2"]),
              grid([["Date of meeting", "20/03/2025"], ["Agenda item", "9"], ["Report of", "Chief Constable"],
                    ["Title", "HMICFRS inspection activity and recommendations update"],
                    ["Security classification", "OFFICIAL"]], [150, 310], lines=True, repeat=0), spacer(10))
        r.add(Paragraph("1. Purpose", st["h3"]))
        r.para("To update the committee on HMICFRS inspection activity, the force’s progress against open causes of "
               "concern, recommendations and areas for improvement, and new national reports published since the "
               "last meeting.", st["body"])
        r.add(Paragraph("2. Recommendation", st["h3"]))
        r.para("The Joint Audit Committee is asked to note the contents of this report.", st["body"])
        r.add(Paragraph("3. Open and closed items", st["h3"]))
        r.para("The table below shows the items the force is tracking on the HMICFRS monitoring portal, by type "
               "and level.", st["body"])
        rows = [["Type", "Level 2", "Level 3", "Level 4", "Open", "Closed this period"],
                ["Cause of concern", "0", "1", "1", "2", "1"], ["Recommendation", "3", "9", "4", "16", "5"],
                ["Area for improvement", "6", "11", "0", "17", "8"], ["Total", "9", "21", "5", "35", "14"]]
        r.add(grid(rows, [130, 55, 55, 55, 55, 110], header_bg=colors.HexColor("#e0e0e0")), spacer(8))
        filler(r, st, "police", 1, 4)
        r.add(Paragraph("4. New national reports", st["h3"]))
        r.para("Since the last meeting HMICFRS has published the following national reports containing "
               "recommendations for chief constables:", st["body"])
        nat = [["Report", "Recommendation for chief constables", "Deadline", "Owner", "Status"],
               ["Out of sight (November 2024)", "Recommendation 1: By 31 May 2025, chief constables should make sure "
                "that their forces record every report of a missing child in line with authorised professional "
                "practice.", "31/05/2025", "ACC Local Policing", "On track"],
               ["Under the microscope (October 2025)", "Recommendation 2: Within 12 months, review the backlog of "
                "digital devices awaiting examination and put in place a plan to reduce it.", "02/10/2026",
                "Head of Forensics", "Not started"],
               ["Charging ahead? (September 2024)", "R4: Chief constables should make sure that supervisors review "
                "every case file before it is submitted to the CPS for a charging decision.", "None set",
                "Head of Criminal Justice", "Complete"]]
        r.add(grid([[Paragraph(escape(c), st["cell"]) for c in row] for row in nat], [88, 185, 64, 70, 55],
                   header_bg=colors.HexColor("#e0e0e0")))
        r.add(Paragraph("5. Forthcoming inspections", st["h3"]))
        r.para("HMICFRS will carry out the force’s PEEL 2025–27 inspection fieldwork in June 2025. A joint "
               "inspection of custody suites is expected later in the year.", st["body"])
        r.add(Paragraph("6. Risks and implications", st["h3"]))
        filler(r, st, "police", 2, 4)
        r.para("Report author: Force Inspection Liaison Officer", st["ital"])
        page_break(r)
        r.add(Paragraph("Appendix A: Items closed since the last meeting", st["h3"]))
        closed = [["Ref", "Source", "Summary", "Level", "Closed"],
                  ["CC-2023-01", "PEEL 2023–25", "Call handling: improvement plan implemented", "4", "14/02/2025"],
                  ["AFI-2023-07", "PEEL 2023–25", "Stop and search: ethnicity recording", "3", "02/01/2025"],
                  ["R-2022-12", "Vetting, misconduct and misogyny", "Vetting decisions recorded with rationale", "2",
                   "28/11/2024"],
                  ["AFI-2023-03", "PEEL 2023–25", "Victims Code compliance", "3", "19/12/2024"]]
        r.add(grid([[Paragraph(escape(c), st["cell"]) for c in row] for row in closed], [70, 110, 180, 40, 70],
                   header_bg=colors.HexColor("#e0e0e0")))
        filler(r, st, "police", 3, 4)
        return r

    pages = [Page("body", margins=(60, 60, 64, 70), decorate=header_footer(
        "OFFICIAL", "Joint Audit Committee – 20 March 2025", "Page {n}", first=1, footer_align="centre"))]
    return build(make, f"{out}/{stem}.pdf", pages)
