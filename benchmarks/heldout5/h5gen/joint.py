"""Joint inspections with other inspectorates, and a super-complaint report whose recommendations sit in a
landscape table with the addressee in its lead column."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from .common import filler, next_template, numbered, page_break, spacer
from .kit import (Page, Paragraph, Report, Table, TableStyle, build, colors, add_months, dl, escape, grid,
                  header_footer, styles)

MAROON, GREEN, DARK = colors.HexColor("#7a1f3d"), colors.HexColor("#2f6f4e"), colors.HexColor("#263238")


def charging(seed: int, out: str) -> Report:
    stem, pub = "joint-cps-charging", "2024-09-10"
    st = styles("Helvetica", 9.6, 12.8, MAROON)
    cc, cps = ["chief_constables"], ["cps"]
    recs = [
        ("By 31 March 2025, chief constables and the Crown Prosecution Service should agree a joint plan to reduce the "
         "number of cases in which the police request a charging decision without the required material.", cc + cps,
         "chief constables and the Crown Prosecution Service", dl("date", "By 31 March 2025", "2025-03-31")),
        ("The National Police Chiefs’ Council and the Crown Prosecution Service should, within six months, revise the "
         "joint training on the Director’s Guidance on Charging so that it covers the handling of digital material.",
         ["npcc"] + cps, "The National Police Chiefs’ Council and the Crown Prosecution Service",
         dl("relative", "within six months", add_months(pub, 6))),
        ("By September 2025, the College of Policing should include the assessment of digital material in its initial "
         "learning programme for investigators.", ["college_of_policing"], "the College of Policing",
         dl("month", "By September 2025", "2025-09-30")),
        ("Chief constables should make sure that supervisors review every case file before it is submitted to the CPS "
         "for a charging decision.", cc, "Chief constables", dl()),
        ("The Crown Prosecution Service should, by the end of 2025, make sure that its action plans set out clearly "
         "what further evidence the police need to obtain and by when.", cps, "The Crown Prosecution Service",
         dl("year_end", "by the end of 2025", "2025-12-31")),
        ("By 31 March 2026, the Home Office and the Ministry of Justice should jointly evaluate the effect of the 2020 "
         "changes to the Director’s Guidance on Charging on the time victims wait for a charging decision.",
         ["home_office", "ministry_of_justice"], "the Home Office and the Ministry of Justice",
         dl("date", "By 31 March 2026", "2026-03-31")),
    ]
    afi_texts = [("Forces should improve the recording of victims’ wishes on case files before they are sent to the "
                  "CPS.", cc, "Forces"),
                 ("The CPS should make sure that prosecutors record their reasons when they decide that further police "
                  "action is needed.", cps, "The CPS")]

    def make(info):
        r = Report(stem, "joint", seed, "Charging ahead? A joint inspection of the timeliness and quality of police "
                   "and CPS pre-charge work", pub, None, info)
        items = [r.item("recommendation", t, number=str(i), label=f"R{i}", addressees=a, addressee_text=at,
                        deadline=d) for i, (t, a, at, d) in enumerate(recs, start=1)]
        afis = [r.item("area_for_improvement", t, addressees=a, addressee_text=at) for t, a, at in afi_texts]
        r.add(Paragraph("HM Crown Prosecution Service Inspectorate", st["h3"]),
              Paragraph("His Majesty’s Inspectorate of Constabulary and Fire &amp; Rescue Services", st["h3"]),
              spacer(120), Paragraph("Charging ahead?", st["title"]),
              Paragraph("A joint inspection of the timeliness and quality of police and CPS pre-charge work",
                        st["cover"]), spacer(200), Paragraph("Date of publication: 10 September 2024", st["body"]))
        next_template(r, "one")
        r.add(Paragraph("1. Summary", st["h1"]))
        num = [1, 0]
        filler(r, st, "national", 4, 5, numbering=num)
        numbered(r, st, "Prosecutors told us that the police should send files earlier. Officers told us that the CPS "
                 "should make decisions faster. Both views have some merit.", num)
        r.add(Paragraph("Recommendations", st["h2"]))
        rows = [[Paragraph(f"<b>R{i}</b>", st["cell"]), Paragraph(r.t(it), st["cell"])]
                for i, it in enumerate(items, start=1)]
        t = Table(rows, colWidths=[34, 430])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        r.add(t, Paragraph("Areas for improvement", st["h2"]))
        for it in afis:
            r.add(Paragraph(r.t(it), st["bullet"], bulletText="–"))
        next_template(r, "two")
        chapters = ["Context", "Police file quality", "CPS decision-making", "Victims and witnesses", "Digital material"]
        homes = {2: [3, 0], 3: [4], 4: [], 5: [1, 2, 5]}
        for c, title in enumerate(chapters, start=2):
            r.add(Paragraph(f"{c}. {title}", st["h2"]))
            num = [c, 0]
            filler(r, st, "national", 5, 4, numbering=num)
            for k in homes.get(c, []):
                filler(r, st, "national", 1, 4, numbering=num)
                r.add(Paragraph(f"<b>R{k + 1}</b> {r.t(items[k])}", st["bold"]))
            filler(r, st, "national", 3, 4, numbering=num)
        return r

    deco = header_footer("Joint inspection of pre-charge work", "HMCPSI | HMICFRS", "{n}", first=2)
    pages = [Page("cover", decorate=lambda c, r, p, w, h: (c.setFillColor(MAROON), c.rect(0, 0, 24, h, stroke=0, fill=1))),
             Page("one", decorate=deco), Page("two", columns=2, gap=20, margins=(52, 52, 70, 70), decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages)


def exploitation(seed: int, out: str) -> Report:
    stem = "jtai-criminal-exploitation"
    st = styles("LibSans", 10.5, 14, GREEN)
    recs = [
        ("The Department for Education and the Home Office should, by March 2026, publish joint statutory guidance on "
         "the identification of children at risk of criminal exploitation.", ["department_for_education", "home_office"],
         "The Department for Education and the Home Office", dl("month", "by March 2026", "2026-03-31")),
        ("Chief constables should make sure that children who are found in possession of drugs or weapons are assessed "
         "as potential victims of exploitation before any decision to charge them is made.", ["chief_constables"],
         "Chief constables", dl()),
        ("NHS England should, by the end of 2026, make sure that emergency department staff have access to training on "
         "recognising the signs of criminal exploitation.", ["nhs_england"], "NHS England",
         dl("year_end", "by the end of 2026", "2026-12-31")),
        ("Police and crime commissioners and local authorities should jointly commission specialist support for "
         "children who have been criminally exploited.", ["police_and_crime_commissioners", "local_authorities"],
         "Police and crime commissioners and local authorities", dl()),
        ("By 30 November 2025, HM Prison and Probation Service should make sure that probation practitioners share "
         "information about exploitation risks with youth offending teams when children turn 18.",
         ["ministry_of_justice"], "HM Prison and Probation Service", dl("date", "By 30 November 2025", "2025-11-30")),
        ("Local safeguarding partners should review how their arrangements respond to children who are exploited "
         "outside the home, drawing on the findings of this report.", ["local_safeguarding_partners"],
         "Local safeguarding partners", dl()),
    ]

    def make(info):
        r = Report(stem, "joint", seed, "The multi-agency response to children at risk of criminal exploitation: a "
                   "joint targeted area inspection thematic report", None, None, info)
        items = [r.item("recommendation", t, number=str(i), label=f"Rec {i}", addressees=a, addressee_text=at,
                        deadline=d) for i, (t, a, at, d) in enumerate(recs, start=1)]
        r.add(Paragraph("Ofsted | Care Quality Commission | HMICFRS | HM Inspectorate of Probation", st["h3"]),
              spacer(90), Paragraph("The multi-agency response to children at risk of criminal exploitation",
                                    st["title"]), spacer(6),
              Paragraph("Joint targeted area inspection: thematic report", st["cover"]), spacer(260),
              Paragraph("October 2025", st["cover"]))
        next_template(r, "side")
        next_template(r, "body", page_break=False)
        r.add(Paragraph("Introduction", st["h1"]))
        filler(r, st, "national", 3, 5)
        r.para("Practitioners in several areas said that children involved in county lines should be seen first as "
               "victims, not offenders. We agree.", st["body"])
        page_break(r)
        r.add(Paragraph("Our recommendations", st["h2"]))
        rows = [[Paragraph("<b>Rec</b>", st["cell"]), Paragraph("<b>Recommendation</b>", st["cell"])]]
        rows += [[Paragraph(f"Rec {i}", st["cellb"]), Paragraph(r.t(it), st["cell"])]
                 for i, it in enumerate(items, start=1)]
        r.add(grid(rows, [48, 420], header_bg=colors.HexColor("#d7e9df"), line_colour=GREEN))
        for title in ["Identifying exploitation", "Sharing information", "Health services", "Support for children",
                      "Transition to adulthood", "Leadership and partnership"]:
            r.add(Paragraph(escape(title), st["h1"]))
            filler(r, st, "national", 5, 5)
        return r

    def side(canv, report, page, w, h):
        header_footer("Joint targeted area inspection", "Criminal exploitation of children", "{n}", first=2,
                      footer_align="right")(canv, report, page, w, h)
        if page == 2:
            canv.setFillColor(colors.HexColor("#d7e9df"))
            canv.rect(w - 200, 90, 160, h - 170, stroke=0, fill=1)
            canv.setFillColor(GREEN)
            y = h - 110
            for line in ["Key findings", "", "Six local areas", "inspected", "", "412 children's", "records reviewed",
                         "", "Partners in every", "area had signed up", "to a local protocol"]:
                canv.setFont("Helvetica-Bold" if line == "Key findings" else "Helvetica", 10)
                canv.drawString(w - 190, y, line)
                y -= 14

    pages = [Page("cover", margins=(60, 60, 90, 60)), Page("side", margins=(56, 215, 70, 76), decorate=side),
             Page("body", margins=(56, 56, 70, 76), decorate=side)]
    return build(make, f"{out}/{stem}.pdf", pages)


def super_complaint(seed: int, out: str) -> Report:
    stem, pub = "super-complaint-protective-measures", "2025-07-09"
    st = styles("Helvetica", 10, 13.5, DARK)
    rel6 = dl("relative", "Within six months", add_months(pub, 6))
    table = [
        ("Chief constables", ["chief_constables"], [
            ("Make sure that officers consider all available protective measures at the first opportunity in every "
             "domestic abuse case, and record the reasons for their decision.", rel6),
            ("Make sure that breaches of bail conditions and protective orders are recorded as crimes and investigated.",
             dl("immediate", "Immediately")),
            ("Put in place arrangements to monitor compliance with domestic abuse protection orders, and to review "
             "them before they expire.", dl("date", "By 31 March 2026", "2026-03-31")),
            ("Make sure that victims are told when bail conditions are changed or removed.", rel6)]),
        ("College of Policing", ["college_of_policing"], [
            ("Update the authorised professional practice on domestic abuse to include guidance on the use of domestic "
             "abuse protection orders.", dl("relative", "Within 12 months of publication of this report",
                                            add_months(pub, 12))),
            ("Include the use of protective measures in the initial training of all new officers.",
             dl("year_end", "By the end of 2026", "2026-12-31"))]),
        ("National Police Chiefs’ Council", ["npcc"], [
            ("Develop a national performance framework for the use of protective measures.",
             dl("date", "By 31 December 2025", "2025-12-31"))]),
        ("Home Office", ["home_office"], [
            ("Publish data on the use of domestic abuse protection orders in each force area.",
             dl("month", "By April 2026", "2026-04-30"))]),
        ("Independent Office for Police Conduct", ["iopc"], [
            ("Publish guidance for forces on how complaints about the police response to breaches of protective orders "
             "are handled.", dl("event", "When the new statutory guidance comes into force"))]),
    ]

    def make(info):
        r = Report(stem, "super_complaint", seed, "Police use of protective measures in cases of domestic abuse: "
                   "investigation into a super-complaint by the Domestic Abuse Advocacy Network", pub, None, info)
        rows, spans, n = [], [], 0
        cell = ParagraphStyle("c", parent=st["cell"], fontSize=9.4, leading=12)
        for who_text, who, recs in table:
            first = len(rows) + 1
            for text, deadline in recs:
                n += 1
                it = r.item("recommendation", text, number=str(n), label=str(n), addressees=who,
                            addressee_text=who_text, deadline=deadline)
                rows.append([Paragraph(f"<b>{escape(who_text)}</b>", cell) if len(rows) + 1 == first else "",
                             Paragraph(str(n), cell), Paragraph(r.t(it), cell), Paragraph(escape(deadline["text"]), cell)])
            if len(recs) > 1:
                spans.append(((0, first), (0, first + len(recs) - 1)))
        r.add(Paragraph("Police use of protective measures in cases of domestic abuse", st["title"]), spacer(10),
              Paragraph("Investigation into a super-complaint by the Domestic Abuse Advocacy Network", st["cover"]),
              spacer(30), Paragraph("HMICFRS | College of Policing | Independent Office for Police Conduct", st["h3"]),
              spacer(200), Paragraph("Published on 9 July 2025", st["body"]))
        next_template(r, "body")
        r.add(Paragraph("Summary", st["h1"]))
        filler(r, st, "national", 3, 5)
        r.para("The super-complainant argued that the police should use protective orders far more often, and that "
               "victims should not have to ask for them" + r.fn("Super-complaint submitted on 14 March 2024.") + ".",
               st["body"])
        r.para("We found that the super-complaint is justified in part. Our recommendations are set out in the table "
               "on the next page.", st["body"])
        next_template(r, "land")
        r.add(Paragraph("Our recommendations", st["h1"]))
        head = [Paragraph(f"<b>{h}</b>", cell) for h in ("To", "No.", "Recommendation", "By when")]
        r.add(grid([head] + rows, [150, 34, 420, 150], header_bg=colors.HexColor("#cfd8dc"),
                   spans=[((a[0], a[1]), (b[0], b[1])) for a, b in spans]))
        next_template(r, "body")
        for c, title in enumerate(["The super-complaint", "How the police use protective measures", "Breaches",
                                   "Victims’ experiences", "Conclusions"], start=1):
            r.add(Paragraph(f"{c}. {escape(title)}", st["h1"]))
            num = [c, 0]
            filler(r, st, "national", 4, 5, numbering=num)
            if c in (2, 3):
                numbered(r, st, f"We have made recommendation {c + 1} to chief constables to address this.", num)
            filler(r, st, "national", 2, 5, numbering=num)
        return r

    deco = header_footer("Super-complaint: protective measures", "HMICFRS, College of Policing, IOPC", "{n}", first=2)
    pages = [Page("cover", decorate=lambda c, r, p, w, h: (c.setFillColor(colors.HexColor("#cfd8dc")),
                                                          c.rect(0, h - 200, w, 200, stroke=0, fill=1))),
             Page("body", margins=(60, 60, 70, 90), decorate=deco),
             Page("land", margins=(44, 44, 60, 56), land=True, decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages)
