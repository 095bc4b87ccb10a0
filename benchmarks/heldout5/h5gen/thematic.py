"""National thematic inspections: a police report (summary list repeated in boxed chapter text,
numbered paragraphs, footnotes) and a fire report (bare-numbered summary, two-column chapters)."""
from __future__ import annotations

from .common import filler, next_template, numbered, page_break, spacer
from .kit import (Page, Paragraph, Report, box, build, colors, add_months, contents, dl, escape, header_footer,
                  styles)

BLUE, SLATE = colors.HexColor("#005ea5"), colors.HexColor("#30475e")


def missing_children(seed: int, out: str) -> Report:
    stem, pub = "thematic-missing-children", "2024-11-19"
    st = styles("Helvetica", 10, 13.6, BLUE, head_family="Times")
    cc, pcc = ["chief_constables"], ["police_and_crime_commissioners"]
    recs = [
        ("By 31 May 2025, chief constables should make sure that their forces record every report of a missing "
         "child in line with the College of Policing’s authorised professional practice on missing persons.", cc,
         "chief constables", dl("date", "By 31 May 2025", "2025-05-31")),
        ("By 30 September 2025, the National Police Chiefs’ Council lead for missing persons, working with the "
         "College of Policing, should develop a national framework for assessing the risk to children who go missing "
         "from care.", ["npcc"], "the National Police Chiefs’ Council lead for missing persons",
         dl("date", "By 30 September 2025", "2025-09-30")),
        ("Within six months of the publication of this report, chief constables and police and crime commissioners "
         "should review their arrangements with local authorities for return home interviews, so that the "
         "information gathered in those interviews is shared with the police.", cc + pcc,
         "chief constables and police and crime commissioners",
         dl("relative", "Within six months of the publication of this report", add_months(pub, 6))),
        ("By the end of 2025, the Home Office should amend the annual data requirement so that it includes the "
         "number of missing episodes involving children in care.", ["home_office"], "the Home Office",
         dl("year_end", "By the end of 2025", "2025-12-31")),
        ("Once the National Police Chiefs’ Council has published the framework referred to in recommendation 2, the "
         "College of Policing should update its authorised professional practice and training to reflect it.",
         ["college_of_policing"], "the College of Policing", dl("event", "Once the National Police Chiefs’ Council "
                                                              "has published the framework referred to in recommendation 2")),
        ("Chief constables should immediately make sure that no report of a missing child is recorded as ‘no "
         "apparent risk’ without a documented risk assessment.", cc, "Chief constables", dl("immediate", "immediately")),
        ("By April 2026, the Department for Education and the Home Office should publish joint guidance for "
         "children’s homes on when to report a child as missing.", ["department_for_education", "home_office"],
         "the Department for Education and the Home Office", dl("month", "By April 2026", "2026-04-30")),
        ("By the end of the 2025/26 financial year, police and crime commissioners should make sure that the "
         "services they commission for children who go missing are independently evaluated.", pcc,
         "police and crime commissioners", dl("financial_year", "By the end of the 2025/26 financial year",
                                              "2026-03-31")),
    ]
    afi_texts = [
        ("Forces should improve the quality of the information they record about the places children go to when "
         "they are missing.", "Forces"),
        ("Forces should make better use of the Philomena Protocol when children go missing from care.", "Forces"),
        ("Chief constables should make sure that officers understand the signs of child criminal exploitation, "
         "including county lines activity, and know how to make a referral.", "Chief constables"),
    ]
    chapters = [("1. Introduction", [], []), ("2. Recording and responding", [0, 5], [0]),
                ("3. Assessing risk", [1, 4], [1]), ("4. When children come home", [2], [2]),
                ("5. The national picture", [3, 6, 7], [])]

    def make(info):
        r = Report(stem, "thematic_police", seed, "Out of sight: An inspection of how well the police protect children "
                   "who go missing from care", pub, None, info)
        items = [r.item("recommendation", t, number=str(i), label=f"Recommendation {i}", addressees=a,
                        addressee_text=at, deadline=d) for i, (t, a, at, d) in enumerate(recs, start=1)]
        afis = [r.item("area_for_improvement", t, number=str(i), label=f"Area for improvement {i}",
                       addressees=cc, addressee_text=at) for i, (t, at) in enumerate(afi_texts, start=1)]
        r.add(spacer(120), Paragraph('<font color="white">Out of sight</font>', st["title"]), spacer(6),
              Paragraph('<font color="white">An inspection of how well the police protect children who go missing '
                        'from care</font>', st["cover"]), spacer(330), Paragraph("November 2024", st["h2"]))
        next_template(r, "body")
        r.para("© HMICFRS 2024", st["body"])
        r.para("Published 19 November 2024. ISBN: 978-1-78655-512-0", st["body"])
        page_break(r)
        r.add(Paragraph("Contents", st["h1"]))
        r.add(contents(r, [("Summary", "Summary")] + [(c, c) for c, _r, _a in chapters] +
                       [("Annex A: About our inspection", "Annex A")], st["body"], 470))
        page_break(r)
        r.add(r.heading("Summary", st["h1"]))
        filler(r, st, "national", 3, 5)
        r.add(Paragraph("Our recommendations", st["h2"]))
        for i, it in enumerate(items, start=1):
            r.add(Paragraph(f"Recommendation {i}", st["h3"]), Paragraph(r.t(it), st["body"]))
        r.add(Paragraph("Areas for improvement", st["h2"]))
        r.para("We also identified three areas for improvement for forces.", st["body"])
        for i, it in enumerate(afis, start=1):
            r.add(Paragraph(f"Area for improvement {i}", st["h3"]), Paragraph(r.t(it), st["body"]))
        for c, (title, rec_idx, afi_idx) in enumerate(chapters, start=1):
            page_break(r)
            r.add(r.heading(title, st["h1"]))
            num = [c, 0]
            filler(r, st, "national", 3, 5, numbering=num)
            if c == 1:
                numbered(r, st, "In 2016 we recommended that chief constables should review their missing persons "
                         "policies" + r.fn("Missing children: who cares? HMIC, March 2016.") + ". Most forces have "
                         "done so.", num)
                numbered(r, st, "By 31 May 2024, 4,323 missing episodes involving children in care had been "
                         "recorded by the forces we inspected.", num)
            for k in rec_idx:
                filler(r, st, "national", 2, 5, numbering=num)
                r.add(box([Paragraph(f"<b>Recommendation {k + 1}</b>", st["body"]),
                           Paragraph(r.t(items[k]), st["body"])], border=BLUE, bg=colors.HexColor("#eef5fb")),
                      spacer(8))
            for k in afi_idx:
                filler(r, st, "national", 2, 5, numbering=num)
                r.add(Paragraph(f"Area for improvement {k + 1}", st["h3"]), Paragraph(f"<b>{r.t(afis[k])}</b>",
                                                                                        st["body"]))
            if c == 3:
                numbered(r, st, "Officers told us that they knew they should treat every child who goes missing as "
                         "a potential victim of exploitation" + r.fn("See the College of Policing’s authorised "
                                                                      "professional practice on missing persons.") +
                         ".", num)
            filler(r, st, "national", 7, 6, numbering=num)
        page_break(r)
        r.add(r.heading("Annex A: About our inspection", st["h1"], key="Annex A"))
        filler(r, st, "national", 4, 5)
        return r

    deco = header_footer("Out of sight", "HMICFRS – November 2024", "{n}", first=3, footer_align="right",
                         rule=BLUE)
    pages = [Page("cover", margins=(56, 56, 60, 60), decorate=lambda c, r, p, w, h: (
              c.setFillColor(BLUE), c.rect(0, 0, w, h, stroke=0, fill=1))),
             Page("body", margins=(64, 64, 70, 92), decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages)


def flooding(seed: int, out: str) -> Report:
    stem, pub = "thematic-fire-flooding", "2025-06-18"
    st = styles("LibSerif", 10.5, 13.8, SLATE, head_family="LibSans")
    fs, fa, nfcc = ["fire_and_rescue_services"], ["fire_and_rescue_authorities"], ["national_fire_chiefs_council"]
    recs = [
        ("By 1 October 2025, chief fire officers should make sure their services’ community risk management plans "
         "include a clear assessment of flood risk, using the most up-to-date information from the Environment "
         "Agency and Natural Resources Wales.", fs, "chief fire officers", dl("date", "By 1 October 2025", "2025-10-01")),
        ("By 1 October 2025, chief fire officers should make sure that all operational staff who may attend a "
         "flooding incident have received water awareness training.", fs, "chief fire officers",
         dl("date", "By 1 October 2025", "2025-10-01")),
        ("By 31 March 2026, the National Fire Chiefs Council should develop national operational guidance on the "
         "use of drones at flooding incidents.", nfcc, "the National Fire Chiefs Council",
         dl("date", "By 31 March 2026", "2026-03-31")),
        ("The Home Office should, by the end of 2026, consider whether to introduce a statutory duty for fire and "
         "rescue services in England to respond to flooding.", ["home_office"], "The Home Office",
         dl("year_end", "by the end of 2026", "2026-12-31")),
        ("Fire and rescue authorities should, by 31 March 2026, satisfy themselves that their services have enough "
         "specialist water rescue capability to meet the risks identified in their community risk management plans.",
         fa, "Fire and rescue authorities", dl("date", "by 31 March 2026", "2026-03-31")),
        ("With immediate effect, chief fire officers should make sure that their services’ control rooms can give "
         "survival guidance to callers who are trapped by flood water.", fs, "chief fire officers",
         dl("immediate", "With immediate effect")),
        ("Within 12 months of the publication of this report, the National Fire Chiefs Council, working with the "
         "Environment Agency, should review the arrangements for sharing flood warnings with fire and rescue "
         "services.", nfcc, "the National Fire Chiefs Council",
         dl("relative", "Within 12 months of the publication of this report", add_months(pub, 12))),
        ("By 31 December 2025, chief fire officers and fire and rescue authorities should make sure that their "
         "services debrief every significant flooding incident and share the learning through the national "
         "operational learning process.", fs + fa, "chief fire officers and fire and rescue authorities",
         dl("date", "By 31 December 2025", "2025-12-31")),
        ("The Government should, by April 2027, publish a national flood rescue plan that sets out how national "
         "assets will be deployed during widespread flooding.", ["government"], "The Government",
         dl("month", "by April 2027", "2027-04-30")),
        ("By the end of the 2026/27 financial year, the Home Office and the National Fire Chiefs Council should "
         "agree how national flood rescue assets will be funded and maintained.", ["home_office"] + nfcc,
         "the Home Office and the National Fire Chiefs Council",
         dl("financial_year", "By the end of the 2026/27 financial year", "2027-03-31")),
    ]
    afi_texts = [("Fire and rescue services should make sure that their flood rescue equipment is inspected and tested "
                  "regularly.", "Fire and rescue services"),
                 ("Services should work with their local resilience forums to exercise their flood plans at least once "
                  "a year.", "Services")]
    chapters = [("Understanding flood risk", [0, 6]), ("Preparing crews", [1, 4, 2]), ("Responding to flooding", [5]),
                ("Learning from incidents", [7]), ("A national approach", [3, 8, 9])]

    def make(info):
        r = Report(stem, "thematic_fire", seed, "Ready for the water? An inspection of how fire and rescue services "
                   "prepare for and respond to flooding", pub, None, info)
        items = [r.item("recommendation", t, number=str(i), label=f"{i}.", addressees=a, addressee_text=at,
                        deadline=d) for i, (t, a, at, d) in enumerate(recs, start=1)]
        afis = [r.item("area_for_improvement", t, number=str(i), label=f"Area for improvement {i}", addressees=fs,
                       addressee_text=at) for i, (t, at) in enumerate(afi_texts, start=1)]
        r.add(spacer(60), Paragraph("Ready for the water?", st["title"]), spacer(8),
              Paragraph("An inspection of how fire and rescue services prepare for and respond to flooding",
                        st["cover"]), spacer(40), Paragraph("Published: 18 June 2025", st["h3"]))
        next_template(r, "one")
        r.add(Paragraph("Foreword", st["h1"]))
        filler(r, st, "fire", 3, 5)
        r.para("National operational guidance states that crews should not enter fast-flowing water without the "
               "right equipment" + r.fn("National Fire Chiefs Council, national operational guidance: "
                                        "flooding and water rescue.") + ".", st["body"])
        r.add(Paragraph("Summary of recommendations", st["h1"]))
        for i, it in enumerate(items, start=1):
            r.add(Paragraph(r.t(it), st["num"], bulletText=f"{i}."))
        r.add(Paragraph("Areas for improvement", st["h2"]))
        for i, it in enumerate(afis, start=1):
            r.add(Paragraph(f"<b>Area for improvement {i}:</b> {r.t(it)}", st["body"]))
        next_template(r, "two")
        width = (595 - 110 - 18) / 2
        for c, (title, idx) in enumerate(chapters, start=1):
            r.add(Paragraph(f"{c}. {escape(title)}", st["h2"]))
            filler(r, st, "fire", 3, 4)
            if c == 3:
                r.para("During Storm Babet in October 2023, crews carried out more than 200 rescues in a single day.",
                       st["body"])
            for k in idx:
                filler(r, st, "fire", 1, 4)
                r.add(box([Paragraph(f"Recommendation {k + 1}", st["h3"]), Paragraph(r.t(items[k]), st["body"])],
                          bg=colors.HexColor("#e4e9ee"), width=width, pad=6), spacer(6))
            filler(r, st, "fire", 3, 5)
        r.add(Paragraph("Conclusion", st["h2"]))
        filler(r, st, "fire", 3, 5)
        return r

    deco = header_footer("Ready for the water?", "Fire and rescue services and flooding", "– {n} –", first=2,
                         font_name="Times-Roman")
    pages = [Page("cover", decorate=lambda c, r, p, w, h: (c.setFillColor(colors.HexColor("#d8e2ea")),
                                                          c.rect(0, 0, w, h * 0.35, stroke=0, fill=1))),
             Page("one", margins=(55, 55, 70, 90), decorate=deco),
             Page("two", columns=2, margins=(55, 55, 70, 90), gap=18, decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages)
