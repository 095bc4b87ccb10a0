"""A long police thematic grouped by addressee headings (lettered sub-items, justified and hyphenated
text, an item broken over a page) and a National Crime Agency inspection with inline labels."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from .common import filler, next_template, numbered, page_break, spacer
from .filler import sentences
from .kit import (FillTo, Page, Paragraph, Report, box, build, colors, add_months, dl, escape, grid, header_footer,
                  keep, styles)

PLUM, INK = colors.HexColor("#5b2a86"), colors.HexColor("#222222")


def digital_forensics(seed: int, out: str) -> Report:
    stem, pub = "thematic-digital-forensics", "2025-10-02"
    st = styles("DejaVuCond", 10, 13.4, PLUM, justify=True)
    st["hy"] = ParagraphStyle("hy", parent=st["body"], embeddedHyphenation=1, uriWasteReduce=0.3)
    st["numhy"] = ParagraphStyle("numhy", parent=st["num"], embeddedHyphenation=1, uriWasteReduce=0.3)
    st["sub"] = ParagraphStyle("sub", parent=st["num"], leftIndent=st["num"].leftIndent + 22,
                               bulletIndent=st["num"].leftIndent)
    cc = ["chief_constables"]
    groups = [
        ("Recommendations for chief constables", cc, "chief constables", [
            ("By 31 October 2026, make sure that every digital forensic unit in their force has achieved accreditation "
             "to the international standard ISO/IEC 17025.", dl("date", "By 31 October 2026", "2026-10-31")),
            ("Within 12 months, review the backlog of digital devices awaiting examination and put in place a plan to "
             "reduce it.", dl("relative", "Within 12 months", add_months(pub, 12))),
            ("Make sure that investigators receive training in the use of digital forensic triage tools.", dl())]),
        ("Recommendation for the College of Policing", ["college_of_policing"], "the College of Policing", [
            ("By April 2026, publish national guidance on the use of self-service kiosks for the examination of mobile "
             "phones.", dl("month", "By April 2026", "2026-04-30"))]),
        ("Recommendation for the Home Office", ["home_office"], "the Home Office", [
            ("By 31 March 2027, the Home Office should:", dl("date", "By 31 March 2027", "2027-03-31"), [
                "fund a national programme to develop digital forensic capacity in forces;",
                "establish a national register of accredited digital forensic practitioners; and",
                "review the funding of the Forensic Science Regulator."])]),
        ("Recommendation for the National Police Chiefs’ Council", ["npcc"], "the National Police Chiefs’ Council", [
            ("By the end of 2026, develop a national performance framework for digital forensics, working with the "
             "Forensic Science Regulator.", dl("year_end", "By the end of 2026", "2026-12-31"))]),
        ("Recommendation for police and crime commissioners", ["police_and_crime_commissioners"],
         "police and crime commissioners", [
            ("Police and crime commissioners should, within six months, satisfy themselves that their forces’ digital "
             "forensic services have enough resources to meet demand.", dl("relative", "within six months",
                                                                           add_months(pub, 6)))]),
    ]
    afi_texts = [
        "Forces should make sure that victims are told how long it will take to return their mobile phones.",
        "Forces should improve the way they record the reasons for seizing digital devices.",
        "All forces should make sure that digital forensic staff have access to wellbeing support, including regular "
        "psychological screening for those who view indecent images of children or other traumatic material, and that "
        "managers understand how to recognise the signs of vicarious trauma in their teams and know where to refer "
        "colleagues who need specialist help.",
    ]
    hyph = {"accreditation": "ac-cred-it-ation", "examination": "ex-am-in-ation", "investigators": "in-vest-ig-ators",
            "performance": "per-form-ance", "psychological": "psy-cho-lo-gical"}

    def make(info):
        r = Report(stem, "thematic_police", seed, "Under the microscope: An inspection of how well the police use "
                   "digital forensics", pub, None, info)
        blocks = []  # (group heading, number, items, lead)
        n = 0
        for head, who, who_text, recs in groups:
            for rec in recs:
                n += 1
                if len(rec) == 3:
                    lead, deadline, subs = rec
                    its = [r.item("recommendation", f"{lead} {s}", number=f"{n}{chr(97 + k)}", label=f"({chr(97 + k)})",
                                  addressees=who, addressee_text=who_text, deadline=deadline) for k, s in enumerate(subs)]
                    blocks.append((head, n, its, lead))
                else:
                    its = [r.item("recommendation", rec[0], number=str(n), label=f"{n}.", addressees=who,
                                  addressee_text=who_text, deadline=rec[1])]
                    blocks.append((head, n, its, None))
        afis = [r.item("area_for_improvement", t, number=str(i), label=f"{i}.", addressees=cc,
                       addressee_text=t.split(" should")[0]) for i, t in enumerate(afi_texts, start=1)]

        def rec_flow(num, its, lead, summary):
            """A recommendation as printed in the summary list (numbered) or in a chapter box."""
            if lead is None:
                markup = r.t(its[0], hyph=hyph)
                return [Paragraph(markup, st["numhy"], bulletText=f"{num}.") if summary else Paragraph(markup, st["hy"])]
            flow = [Paragraph(escape(lead), st["num"], bulletText=f"{num}.") if summary else
                    Paragraph(escape(lead), st["body"])]
            for k, it in enumerate(its):
                flow.append(Paragraph(r.t(it, it.text[len(lead):].strip()), st["sub"] if summary else st["bullet"],
                                      bulletText=f"({chr(97 + k)})"))
            return flow

        r.add(Paragraph("Under the microscope", st["title"]), spacer(6),
              Paragraph("An inspection of how well the police use digital forensics", st["cover"]), spacer(18),
              Paragraph("2 October 2025", st["h2"]))
        next_template(r, "body")
        r.add(Paragraph("Summary", st["h1"]))
        filler(r, st, "national", 3, 5)
        r.add(Paragraph("Our recommendations", st["h2"]))
        last = None
        for head, num, its, lead in blocks:
            if head != last:
                r.add(Paragraph(escape(head), st["h3"]))
                last = head
            r.add(keep(*rec_flow(num, its, lead, True)))
        r.add(Paragraph("Areas for improvement", st["h2"]))
        for i, it in enumerate(afis[:2], start=1):
            r.add(Paragraph(r.t(it), st["num"], bulletText=f"{i}."))
        r.add(FillTo(sentences(r.rng, "national", 60), st["body"], st["num"].leading * 2.2 + st["num"].spaceAfter + 2),
              Paragraph(r.t(afis[2]), st["num"], bulletText="3."))
        titles = ["Introduction", "Demand and backlogs", "Standards and accreditation", "Skills and training",
                  "Victims and their devices", "National leadership"]
        where = {1: [1, 2], 2: [0, 3], 3: [2, 5], 4: [], 5: [4, 6]}
        for c, title in enumerate(titles, start=1):
            page_break(r)
            r.add(Paragraph(f"{c}. {title}", st["h1"]))
            num = [c, 0]
            filler(r, st, "national", 5, 5, numbering=num)
            if c == 3:
                numbered(r, st, "In our 2022 report we recommended that, by 31 March 2023, forces should have "
                         "accredited their digital forensic units" + r.fn("An inspection of how well the police and "
                                                                          "other agencies use digital forensics in their "
                                                                          "investigations, HMICFRS, December 2022.") +
                         ". Only 12 of the 43 forces had done so by the time of our fieldwork.", num)
            if c == 2:
                r.add(Paragraph("Figure 2: Devices awaiting examination, by force type", st["h3"]))
                rows = [["Force type", "Phones", "Computers", "Other", "Median wait (days)"],
                        ["Metropolitan", "4,102", "1,310", "655", "146"], ["Large", "2,877", "904", "410", "121"],
                        ["Medium", "1,544", "488", "203", "97"], ["Small", "702", "219", "118", "64"]]
                r.add(grid(rows, [120, 70, 80, 60, 110], lines=False), spacer(8))
            for b in where.get(c, []):
                head, num_, its, lead = blocks[b]
                filler(r, st, "national", 2, 5, numbering=num)
                r.add(box([Paragraph(f"Recommendation {num_}", st["h3"])] + rec_flow(num_, its, lead, False),
                          bg=colors.HexColor("#efe8f5"), pad=9), spacer(8))
            if c == 5:
                r.add(Paragraph("Areas for improvement", st["h3"]))
                for i, it in enumerate(afis, start=1):
                    r.add(Paragraph(r.t(it), st["num"], bulletText=f"{i}."))
            filler(r, st, "national", 16, 6, numbering=num)
        page_break(r)
        r.add(Paragraph("Annex A: Methodology", st["h1"]))
        filler(r, st, "national", 12, 5)
        return r

    deco = header_footer("Under the microscope: digital forensics", "HMICFRS", "Page {n} of {total}", first=2,
                         font_name="Helvetica", rule=PLUM)
    pages = [Page("cover", margins=(70, 70, 250, 60), decorate=lambda c, r, p, w, h: (
              c.setFillColor(colors.HexColor("#efe8f5")), c.rect(40, 40, w - 80, h - 80, stroke=0, fill=1))),
             Page("body", margins=(62, 62, 68, 92), decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages, fn_font="Helvetica")


def nca(seed: int, out: str) -> Report:
    stem, pub = "nca-organised-immigration-crime", "2025-03-26"
    st = styles("Times", 11, 14.6, INK, head_family="Helvetica")
    recs = [
        ("By 31 December 2025, the NCA should make sure that its intelligence assessments of organised immigration "
         "crime are shared with all regional organised crime units.", ["nca"], "the NCA",
         dl("date", "By 31 December 2025", "2025-12-31")),
        ("Within nine months, the director general of the NCA and the Home Office should agree a joint performance "
         "framework for tackling organised immigration crime.", ["nca", "home_office"],
         "the director general of the NCA and the Home Office", dl("relative", "Within nine months",
                                                                    add_months(pub, 9))),
        ("Chief officers with responsibilities for regional organised crime units, working with the NCA, should make "
         "sure that each unit has a lead officer for organised immigration crime.", ["rocu"],
         "Chief officers with responsibilities for regional organised crime units", dl()),
        ("By the end of the 2025/26 financial year, the NCA and chief constables should put in place a single system "
         "for referring potential victims of modern slavery who are identified during operations.",
         ["nca", "chief_constables"], "the NCA and chief constables",
         dl("financial_year", "By the end of the 2025/26 financial year", "2026-03-31")),
        ("The NCA should immediately review how it records the outcomes of its disruption activity.", ["nca"],
         "The NCA", dl("immediate", "immediately")),
    ]
    afi_texts = [
        "The NCA should improve the way it evaluates the effectiveness of its communication campaigns aimed at "
        "deterring people from using smuggling networks.",
        "The NCA should make sure that its officers receive training on the National Referral Mechanism.",
        "The NCA should improve its understanding of the skills its workforce will need to tackle organised "
        "immigration crime in the future.",
        "The NCA should make sure that its international liaison officers have clear objectives that are linked to its "
        "strategic priorities.",
    ]

    def make(info):
        r = Report(stem, "agency", seed, "An inspection of the National Crime Agency’s response to organised "
                   "immigration crime", pub, "national_crime_agency", info)
        items = [r.item("recommendation", t, number=str(i), label=f"Recommendation {i}", addressees=a,
                        addressee_text=at, deadline=d) for i, (t, a, at, d) in enumerate(recs, start=1)]
        afis = [r.item("area_for_improvement", t, number=str(i), label=f"Area for improvement {i}",
                       addressees=["nca"], addressee_text="The NCA") for i, t in enumerate(afi_texts, start=1)]
        r.add(Paragraph("An inspection of the National Crime Agency’s response to organised immigration crime",
                        st["title"]), spacer(20), Paragraph("Published: 26 March 2025", st["cover"]))
        next_template(r, "side")
        next_template(r, "body", page_break=False)
        r.add(Paragraph("Summary", st["h1"]))
        filler(r, st, "national", 2, 5)
        r.para("The NCA has told us that it should have been quicker to adapt to the rise in small boat crossings.",
               st["body"])
        r.add(Paragraph("Recommendations", st["h2"]))
        for i, it in enumerate(items, start=1):
            r.para(f"<b>Recommendation {i}:</b> {r.t(it)}", st["body"])
        r.add(Paragraph("Areas for improvement", st["h2"]))
        for i, it in enumerate(afis, start=1):
            r.para(f"<b>Area for improvement {i}:</b> {r.t(it)}", st["body"])
        chapters = ["Understanding the threat", "Working with partners", "Disrupting criminal networks",
                    "Protecting victims", "The NCA’s workforce"]
        for c, title in enumerate(chapters, start=1):
            page_break(r)
            r.add(Paragraph(f"Chapter {c}: {escape(title)}", st["h1"]))
            num = [c, 0]
            filler(r, st, "national", 4, 5, numbering=num)
            numbered(r, st, f"We make recommendation {c} to address this" + r.fn("See the summary of this report.") +
                     ".", num)
            filler(r, st, "national", 4, 5, numbering=num)
        return r

    def deco(canv, report, page, w, h):
        header_footer("National Crime Agency: organised immigration crime", "", "{n}", first=2, font_name="Times-Roman",
                      footer_align="left")(canv, report, page, w, h)
        if page == 2:
            canv.setFillColor(colors.HexColor("#e8e8e8"))
            canv.rect(w - 170, h - 330, 130, 250, stroke=0, fill=1)
            canv.setFillColor(INK)
            y = h - 100
            for line in ["Key facts", "", "Small boat arrivals", "in 2024: 36,816", "", "NCA officers",
                         "working on OIC: 450", "", "Live investigations: 96"]:
                canv.setFont("Helvetica-Bold" if line == "Key facts" else "Helvetica", 9)
                canv.drawString(w - 160, y, line)
                y -= 12

    pages = [Page("cover", margins=(70, 70, 200, 60), decorate=lambda c, r, p, w, h: (
              c.setFillColor(INK), c.rect(0, h - 120, w, 120, stroke=0, fill=1))),
             Page("side", margins=(60, 190, 70, 80), decorate=deco), Page("body", margins=(60, 60, 70, 80), decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages, fn_font="Times-Roman")
