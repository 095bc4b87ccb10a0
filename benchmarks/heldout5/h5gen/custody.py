"""A joint custody inspection (S-numbered summary, numbered causes of concern, a closing section that repeats
every item with cross-references) and a Ministry of Defence Police inspection."""
from __future__ import annotations

from .common import filler, next_template, numbered, page_break, spacer
from .filler import para
from .kit import (Page, Paragraph, Report, build, colors, add_months, dl, escape, grid, header_footer, keep, styles)

BROWN, TEAL = colors.HexColor("#5d4037"), colors.HexColor("#00695c")


def northumbria_custody(seed: int, out: str) -> Report:
    stem = "custody-northumbria"
    st = styles("Times", 10.5, 13.8, BROWN)
    force = ["force"]
    cocs = [
        ("There were serious weaknesses in the force’s oversight of the use of force in custody. Incidents were not "
         "always recorded, and the force could not show that the force used on detainees was always proportionate "
         "and justified.",
         "The force and the police and crime commissioner should make sure that every use of force in custody is "
         "recorded, and that governance arrangements give effective oversight of the use of force.",
         ["force", "police_and_crime_commissioners"], "The force and the police and crime commissioner"),
        ("Detainees at risk of self-harm were not always observed at the level set out in their care plans, and some "
         "checks were not carried out at all.",
         "The force should make sure that detainees are observed at the level set out in their care plans, and that "
         "supervisors check that this happens.", force, "The force"),
    ]
    sections = [
        ("Leadership, accountability and partnerships", [
            "The force should make sure that it collects and analyses data on the protected characteristics of "
            "detainees, so that it can identify and address any unfair treatment.",
            "The force should make sure that custody staff receive regular refresher training in first aid and the use "
            "of force."], None),
        ("Pre-custody: first point of contact", [
            "The force should make sure that children are not brought into custody when an alternative is available, "
            "and that officers record the reasons for the decision."], None),
        ("In the custody suite: booking in, individual needs and legal rights", [
            "The force should make sure that detainees are booked into custody promptly and in private.",
            "The force should make sure that detainees who need an interpreter can get one quickly, and that "
            "professional interpreting services are used for the risk assessment."], 0),
        ("In the custody cell: safeguarding and health care", [
            "The force should make sure that the cells are free of ligature points.",
            "The force should make sure that detainees have access to showers, reading materials and outside exercise "
            "during longer stays."], 1),
        ("Release and transfer from custody", [
            "The force should make sure that pre-release risk assessments are thorough and take account of all known "
            "risks.",
            "The force should make sure that detainees who are released are given information about support services."],
         None),
    ]

    def make(info):
        r = Report(stem, "custody", seed, "Report on an unannounced inspection visit to police custody suites in "
                   "Northumbria", "2024-07-02", "northumbria_police", info)
        pairs = []
        for i, (coc_text, rec_text, who, who_text) in enumerate(cocs, start=1):
            coc = r.item("cause_of_concern", coc_text, number=str(i), label=f"Cause of concern {i}")
            pairs.append((coc, r.item("recommendation", rec_text, number=str(i), label=f"Recommendation {i}",
                                      addressees=who, addressee_text=who_text, parent=coc)))
        afis = [[r.item("area_for_improvement", t, addressees=force, addressee_text="The force") for t in texts]
                for _n, texts, _c in sections]
        r.add(Paragraph("Report on an unannounced inspection visit to police custody suites in", st["cover"]),
              Paragraph("Northumbria", st["title"]), spacer(12),
              Paragraph("by HM Inspectorate of Prisons and HM Inspectorate of Constabulary and Fire &amp; Rescue "
                        "Services", st["body"]), spacer(8), Paragraph("4–15 March 2024", st["h2"]), spacer(260),
              Paragraph("Custody suites: Middle Engine Lane, Southwick, Etal Lane, Bedlington", st["body"]))
        next_template(r, "body")
        r.para("Published: 2 July 2024", st["body"])
        r.para("Crown copyright 2024. Printed and published by: HM Inspectorate of Prisons, 3rd floor, 10 South "
               "Colonnade, Canary Wharf, London E14 4PU.", st["body"])
        page_break(r)
        r.add(Paragraph("Section 1. Summary", st["h1"]))
        s = [0]

        def sp(markup):
            s[0] += 1
            r.add(Paragraph(markup, st["num"], bulletText=f"S{s[0]}"))
        for _ in range(5):
            sp(escape(para(r.rng, "custody", 4)))
        sp("Detainees told us they knew who they should ask for help if they felt unwell.")
        r.add(Paragraph("Causes of concern and recommendations", st["h2"]))
        sp("We identified two causes of concern and have made two recommendations.")
        for i, (coc, rec) in enumerate(pairs, start=1):
            flow = [Paragraph(f"Cause of concern {i}", st["h3"])]
            s[0] += 1
            flow.append(Paragraph(f"<b>{r.t(coc)}</b>", st["num"], bulletText=f"S{s[0]}"))
            flow.append(Paragraph(f"Recommendation {i}", st["h3"]))
            s[0] += 1
            flow.append(Paragraph(r.t(rec), st["num"], bulletText=f"S{s[0]}"))
            r.add(keep(*flow))
        sp("We also identified nine areas for improvement. These are listed at the end of each section and "
           "repeated in section 7.")
        refs = {}
        for c, (title, _texts, coc_idx) in enumerate(sections, start=2):
            page_break(r)
            r.add(Paragraph(f"Section {c}. {escape(title)}", st["h1"]))
            num = [c, 0]
            filler(r, st, "custody", 4, 5, numbering=num)
            if c == 5:
                numbered(r, st, "National guidance states that detainees who are held for long periods should be "
                         "offered a shower and the chance to exercise.", num)
            if coc_idx is not None:
                coc, rec = pairs[coc_idx]
                numbered(r, st, f"<b>{r.t(coc)}</b>", num)
                refs[coc.key] = f"{c}.{num[1]}"
                r.add(Paragraph(f"Recommendation {coc_idx + 1}", st["h3"]))
                numbered(r, st, r.t(rec), num)
                refs[rec.key] = f"{c}.{num[1]}"
                filler(r, st, "custody", 2, 5, numbering=num)
            r.add(Paragraph("Areas for improvement", st["h3"]))
            for it in afis[c - 2]:
                refs[it.key] = f"{c}.{num[1]}"  # the paragraph that discusses it
                r.add(Paragraph(r.t(it), st["bullet"], bulletText="•"))
        page_break(r)
        r.add(Paragraph("Section 7. Summary of causes of concern, recommendations and areas for improvement",
                        st["h1"]))
        r.para("The following is a list of the causes of concern, recommendations and areas for improvement in this "
               "report. The reference numbers at the end of each refer to the paragraph location in the main report.",
               st["body"])
        num = [7, 0]
        for i, (coc, rec) in enumerate(pairs, start=1):
            r.add(Paragraph(f"Cause of concern {i} and recommendation {i}", st["h3"]))
            numbered(r, st, f"{escape(coc.text)} ({refs[coc.key]})", num)
            numbered(r, st, f"{escape(rec.text)} ({refs[rec.key]})", num)
        r.add(Paragraph("Areas for improvement", st["h3"]))
        for group in afis:
            for it in group:
                numbered(r, st, f"{escape(it.text)} ({refs[it.key]})", num)
        return r

    deco = header_footer("Northumbria police custody inspection", "", "{n}", first=2, font_name="Times-Roman",
                         footer_align="centre")
    pages = [Page("cover", margins=(60, 60, 100, 60)), Page("body", margins=(60, 60, 66, 70), decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages)


def mod_police(seed: int, out: str) -> Report:
    stem, pub = "mdp-inspection", "2024-12-11"
    st = styles("LibNarrow", 10.5, 13.6, TEAL)
    recs = [
        ("Within six months, the MDP should develop a workforce plan that makes sure it has enough officers with the "
         "right skills at each of the sites it protects.", ["force"], "the MDP",
         dl("relative", "Within six months", add_months(pub, 6))),
        ("By the end of March 2025, the Ministry of Defence and the MDP should agree how the force’s performance will "
         "be measured and reported.", ["ministry_of_defence", "force"], "the Ministry of Defence and the MDP",
         dl("month", "By the end of March 2025", "2025-03-31")),
    ]
    afi_texts = [
        "The force should make sure that its officers complete their mandatory training, including training in the use "
        "of firearms.",
        "The force should improve the way it records and responds to crime reported on the defence estate.",
        "The MDP should make sure that its officers’ wellbeing needs are understood, particularly for those who work in "
        "remote locations.",
        "The force should make sure that its vetting procedures meet the requirements of the College of Policing’s "
        "authorised professional practice.",
        "The force should improve the quality of its data, so that it can understand demand across the defence estate.",
    ]

    def make(info):
        r = Report(stem, "agency", seed, "Ministry of Defence Police: An inspection of effectiveness and efficiency",
                   pub, "ministry_of_defence_police", info)
        items = [r.item("recommendation", t, number=str(i), label=f"Recommendation {i}", addressees=a,
                        addressee_text=at, deadline=d) for i, (t, a, at, d) in enumerate(recs, start=1)]
        afis = [r.item("area_for_improvement", t, number=str(i), label=f"AFI {i}", addressees=["force"],
                       addressee_text=t.split(" should")[0]) for i, t in enumerate(afi_texts, start=1)]
        labelled = [(f"Recommendation {i}", it) for i, it in enumerate(items, start=1)] + \
                   [(f"AFI {i}", it) for i, it in enumerate(afis, start=1)]
        r.add(spacer(60), Paragraph("Ministry of Defence Police", st["title"]),
              Paragraph("An inspection of effectiveness and efficiency", st["cover"]), spacer(300),
              Paragraph("Published: 11 December 2024", st["cover"]))
        next_template(r, "body")
        r.add(Paragraph("1. Summary of findings", st["h1"]))
        num = [1, 0]
        filler(r, st, "police", 3, 5, numbering=num)
        numbered(r, st, "The Ministry of Defence Police (MDP) is a national civilian police force. It protects defence "
                 "sites across the United Kingdom.", num)
        rows = [[Paragraph("<b>Reference</b>", st["cell"]), Paragraph("<b>Finding</b>", st["cell"])]]
        rows += [[Paragraph(f"<b>{lab}</b>", st["cell"]), Paragraph(r.t(it), st["cell"])] for lab, it in labelled]
        r.add(grid(rows, [90, 360], header_bg=colors.HexColor("#b2dfdb"), line_colour=TEAL), spacer(10))
        homes = {2: [0, 2], 3: [3, 4], 4: [1, 5], 5: [6]}
        for c, title in enumerate(["Protecting the defence estate", "Responding to crime", "Leadership and governance",
                                   "The workforce"], start=2):
            page_break(r)
            r.add(Paragraph(f"{c}. {title}", st["h1"]))
            num = [c, 0]
            filler(r, st, "police", 4, 5, numbering=num)
            for k in homes[c]:
                lab, it = labelled[k]
                numbered(r, st, f"<b>{lab}:</b> {r.t(it)}", num)
                filler(r, st, "police", 1, 4, numbering=num)
        return r

    def deco(canv, report, page, w, h):
        canv.setFillColor(TEAL)
        canv.rect(0, 0, 22, h, stroke=0, fill=1)
        header_footer("Ministry of Defence Police", "HMICFRS", "Page {n}", first=2, footer_align="right")(
            canv, report, page, w, h)

    pages = [Page("cover", decorate=lambda c, r, p, w, h: (c.setFillColor(TEAL), c.rect(0, 0, w, 140, stroke=0, fill=1))),
             Page("body", margins=(70, 60, 70, 76), decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages)
