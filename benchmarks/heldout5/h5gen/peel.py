"""PEEL force reports: a 2021/22 report (AFIs by pillar, one cause of concern) and two 2023-25 reports."""
from __future__ import annotations

from .common import (cover_band, filler, grade_table, lead_in_block, next_template, page_break, spacer, titled_box)
from .filler import sentences
from .kit import (FillTo, Page, Paragraph, Report, box, build, colors, contents, dl, add_months, escape,
                  header_footer, keep, styles)

NAVY, TEAL = colors.HexColor("#1d2b4f"), colors.HexColor("#00727a")


def cumbria(seed: int, out: str) -> Report:
    stem, pub = "peel-2021-22-cumbria", "2022-09-07"
    st = styles("Helvetica", 10.5, 14.2, NAVY, bullet_font="Helvetica")
    within6 = dl("relative", "Within six months", add_months(pub, 6))
    lead = "Within six months, the constabulary should:"
    pillars = [
        ("Preventing crime and anti-social behaviour", "Good", [
            "The constabulary should make sure that its neighbourhood officers have enough time to carry out "
            "problem-solving work, and that this work is evaluated so that good practice is shared."]),
        ("Responding to the public", "Requires improvement", [
            "The constabulary should make sure that it answers emergency and non-emergency calls within national "
            "standards, and that callers who abandon their calls are contacted again.",
            "The constabulary should make sure that repeat and vulnerable callers are identified at the first point "
            "of contact, and that this information is recorded accurately."]),
        ("Investigating crime", "Adequate", [
            "The constabulary should make sure that investigations are allocated to officers with the right skills "
            "and experience, and that supervisors review them regularly.",
            "The constabulary should make sure that victims are kept informed about the progress of their cases, "
            "in line with the Code of Practice for Victims of Crime."]),
        ("Treatment of the public", "Adequate", [
            "The constabulary should improve the way it records and monitors the use of stop and search powers, "
            "including the recording of ethnicity data."]),
        ("Building, supporting and protecting the workforce", "Good", [
            "The constabulary should make sure that it understands the wellbeing needs of its workforce, and that "
            "officers and staff receive regular and meaningful supervision."]),
        ("Strategic planning, organisational management and value for money", "Adequate", [
            "The constabulary should improve its understanding of the demand it faces, so that it can be confident "
            "that it has the right resources in the right places."]),
    ]

    def make(info):
        r = Report(stem, "peel", seed, "PEEL 2021/22 Police effectiveness, efficiency and legitimacy: An inspection "
                   "of Cumbria Constabulary", pub, "cumbria_constabulary", info)
        afis = {name: [r.item("area_for_improvement", t, addressees=["force"], addressee_text="The constabulary")
                       for t in texts] for name, _g, texts in pillars}
        coc = r.item("cause_of_concern", "The constabulary doesn’t always respond to incidents involving vulnerable "
                     "people quickly enough, and it doesn’t always identify the risks to children at those incidents. "
                     "This means that some vulnerable people may be put at further risk of harm.", label="Cause of concern")
        bullets = ["make sure that incidents involving vulnerable people are graded according to the risk they present "
                   "and attended within the timescales set by its policy;",
                   "make sure that officers attending domestic abuse incidents identify, record and share information "
                   "about the children present; and",
                   "make sure that supervisors check the quality of risk assessments, and that learning is shared with "
                   "the workforce."]
        recs = [r.item("recommendation", f"{lead} {b}", addressees=["force"], addressee_text="the constabulary",
                       deadline=within6, parent=coc) for b in bullets]
        # cover
        r.add(Paragraph('<font color="white">PEEL 2021/22</font>', st["cover"]), spacer(6),
              Paragraph('<font color="white">Police effectiveness, efficiency and legitimacy</font>', st["title"]),
              spacer(10), Paragraph('<font color="white">An inspection of Cumbria Constabulary</font>', st["cover"]),
              spacer(300),
              Paragraph("September 2022", st["cover"]))
        next_template(r, "body")
        r.para("© HMICFRS 2022", st["body"])
        r.para("Published on 7 September 2022 by His Majesty’s Inspectorate of Constabulary and Fire &amp; Rescue "
               "Services, 6th Floor, Globe House, 89 Eccleston Square, London SW1V 1PN.", st["body"])
        r.para("www.justiceinspectorates.gov.uk/hmicfrs", st["body"])
        page_break(r)
        r.add(Paragraph("Contents", st["h1"]))
        entries = [("Overall summary", "Overall summary"), ("Areas for improvement by pillar", "AFIs"),
                   ("Providing a service to the victims of crime", "victims")] + [(n, n) for n, _g, _t in pillars] + [
                   ("Protecting vulnerable people", "Protecting vulnerable people"), ("About the data", "data")]
        r.add(contents(r, entries, st["body"], 470, offset=2))
        page_break(r)
        r.add(r.heading("Overall summary", st["h1"]))
        r.add(Paragraph("Our judgments", st["h2"]))
        r.para("Our inspection assessed how good Cumbria Constabulary is in nine areas of policing. We make "
               "graded judgments in eight of these nine as follows:", st["body"])
        grades = [(n, g) for n, g, _t in pillars] + [("Protecting vulnerable people", "Inadequate")]
        r.add(grade_table(grades, st, widths=(330, 130)), spacer(10))
        r.para("We also inspected how effective a service the constabulary gives to victims of crime. We don’t "
               "make a graded judgment overall in this area.", st["body"])
        r.add(Paragraph("HM Inspector’s observations", st["h2"]))
        filler(r, st, "police", 2)
        r.para("We found that officers and staff are committed to serving the public of Cumbria, and the "
               "constabulary should be proud of the work of its neighbourhood teams in rural communities.", st["body"])
        filler(r, st, "police", 1)
        r.add(keep(titled_box("Cause of concern", [Paragraph(r.t(coc), st["bold"])], st, colors.HexColor("#fde8e8"),
                              border=colors.HexColor("#c51b1b")),
                   spacer(6), Paragraph("Recommendations", st["h3"]), *lead_in_block(r, st, lead, recs)))
        page_break(r)
        r.add(r.heading("Areas for improvement by pillar", st["h1"], key="AFIs"))
        r.para("The areas for improvement we identified are listed below under the pillar to which each relates. "
               "Further detail is given in the relevant section of this report.", st["body"])
        for name, _g, _t in pillars:
            r.add(Paragraph(escape(name), st["h3"]))
            for it in afis[name]:
                r.add(Paragraph(r.t(it), st["bullet"], bulletText="•"))
        page_break(r)
        r.add(r.heading("Providing a service to the victims of crime", st["h1"], key="victims"))
        filler(r, st, "police", 2)
        r.para("In our 2019 inspection we said that the constabulary should improve the way it supervises "
               "investigations. We found that it has made good progress since then.", st["body"])
        r.para("By 31 March 2022, 96.4 per cent of reported crimes had been recorded correctly, which is an "
               "improvement since our last inspection.", st["body"])
        filler(r, st, "police", 2)
        for name, grade, _t in pillars:
            page_break(r)
            r.add(r.heading(escape(name), st["h1"], key=name))
            r.add(Paragraph(f"<b>{grade}</b>", st["h2"]))
            r.add(Paragraph("Main findings", st["h3"]))
            filler(r, st, "police", 2)
            r.add(titled_box("Areas for improvement", [Paragraph(r.t(it), st["body"]) for it in afis[name]], st,
                             colors.HexColor("#eaeef5")), spacer(8))
            filler(r, st, "police", 3, 5)
            if name == "Responding to the public":
                r.para("Callers told us they knew who they should contact if their circumstances changed.", st["body"])
        page_break(r)
        r.add(r.heading("Protecting vulnerable people", st["h1"]))
        r.add(Paragraph("<b>Inadequate</b>", st["h2"]))
        filler(r, st, "police", 2)
        r.add(keep(titled_box("Cause of concern", [Paragraph(r.t(coc), st["bold"])], st, colors.HexColor("#fde8e8")),
                   spacer(6), Paragraph("Recommendations", st["h3"]), *lead_in_block(r, st, lead, recs)))
        filler(r, st, "police", 4, 5)
        page_break(r)
        r.add(r.heading("About the data", st["h1"], key="data"))
        filler(r, st, "police", 3)
        return r

    pages = [Page("cover", margins=(56, 56, 120, 60), decorate=cover_band(NAVY, band=0.5)),
             Page("body", decorate=header_footer("PEEL 2021/22 – Cumbria Constabulary", "Police effectiveness, "
                  "efficiency and legitimacy", "{n}", first=3, offset=2))]
    return build(make, f"{out}/{stem}.pdf", pages)


AREAS_2325 = ["Police powers and public treatment", "Preventing and deterring crime and antisocial behaviour, and "
              "reducing vulnerability", "Responding to the public", "Investigating crime", "Protecting vulnerable "
              "people", "Managing offenders and suspects", "Building, supporting and protecting the workforce",
              "Leadership and force management"]


def staffordshire(seed: int, out: str) -> Report:
    stem, pub = "peel-2023-25-staffordshire", "2024-04-24"
    st = styles("Times", 11, 14.5, TEAL)
    lead = "Within three months, the force should:"
    texts = [
        "The force should make sure that it records the reasons for using force, and that supervisors review the "
        "body-worn video footage of incidents in which force is used.",
        "The force should make sure its neighbourhood policing teams are not routinely taken away from their core "
        "duties to respond to calls for service.",
        "The force should make sure that it answers 999 calls within ten seconds, in line with national standards.",
        "The force should make sure that it records whether victims support prosecutions, and that it documents the "
        "reasons for any decision to close an investigation without further action.",
        "The force should improve how it manages the risks posed by registered sex offenders, making sure that home "
        "visits are carried out on time, that risk assessments are reviewed after significant events, and that "
        "officers in its management of sexual and violent offenders teams have the training they need to carry out "
        "these assessments and to manage the offenders allocated to them.",
        "Staffordshire Police should make sure that its officers and staff have regular wellbeing conversations with "
        "their supervisors.",
        "The force should make sure that it has an effective plan to recruit, train and retain enough detectives to "
        "meet its demand.",
    ]
    where = [0, 1, 2, 3, 4, 6, 7]
    grades = ["Adequate", "Good", "Inadequate", "Requires improvement", "Adequate", "Good", "Adequate", "Adequate"]

    def make(info):
        r = Report(stem, "peel", seed, "PEEL 2023–25 Police effectiveness, efficiency and legitimacy: An inspection "
                   "of Staffordshire Police", pub, "staffordshire_police", info)
        afis = [r.item("area_for_improvement", t, number=str(i), label=f"Area for improvement {i}",
                       addressees=["force"], addressee_text="Staffordshire Police" if t.startswith("Staff") else
                       "The force") for i, t in enumerate(texts, start=1)]
        coc = r.item("cause_of_concern", "The force isn’t answering emergency and non-emergency calls quickly enough, "
                     "and it doesn’t always make sure that incidents are attended within its own target times. This "
                     "means that vulnerable people may not get the help they need.", label="Cause of concern")
        bullets = ["develop and implement an improvement plan for its force control room, with clear and measurable "
                   "targets;", "make sure that call handlers use a structured risk assessment for every call for "
                   "service; and", "make sure that it has enough staff in its control room at times of peak demand."]
        recs = [r.item("recommendation", f"{lead} {b}", addressees=["force"], addressee_text="the force", parent=coc,
                       deadline=dl("relative", "Within three months", add_months(pub, 3))) for b in bullets]
        r.add(spacer(40), Paragraph("PEEL 2023–25", st["h2"]),
              Paragraph("Police effectiveness, efficiency and legitimacy", st["title"]), spacer(8),
              Paragraph("An inspection of Staffordshire Police", st["cover"]), spacer(330),
              Paragraph("Publication date: 24 April 2024", st["body"]))
        next_template(r, "body")
        r.add(Paragraph("Contents", st["h1"]))
        for line in ["Overall summary", "Crime data integrity"] + AREAS_2325 + ["About the data"]:
            r.para(escape(line), st["body"])
        page_break(r)
        r.add(Paragraph("Overall summary", st["h1"]), Paragraph("Our judgments", st["h2"]))
        r.para("Our inspection assessed how good Staffordshire Police is in eight areas of policing. We make "
               "graded judgments in these eight areas as follows:", st["body"])
        r.add(grade_table(list(zip(AREAS_2325, grades)), st, widths=(340, 120)), spacer(10))
        r.add(Paragraph("HM Inspector’s observations", st["h2"]))
        filler(r, st, "police", 2, 5)
        r.para("In our 2021/22 inspection, we identified a cause of concern about the force’s crime recording. We "
               "recommended that, within six months, the force should improve its processes for recording reports "
               "of crime. The force has made sufficient progress, and we have closed this cause of concern.", st["body"])
        r.para("The force has been open with us about the areas where it knows it needs to do better" +
               r.fn("Force management statement, May 2023.") + ".", st["body"])
        filler(r, st, "police", 2, 5)
        for a, (area, grade) in enumerate(zip(AREAS_2325, grades)):
            page_break(r)
            r.add(Paragraph(escape(area), st["h1"]), Paragraph(f"<i>{grade}</i>", st["h2"]))
            filler(r, st, "police", 1, 5)
            if area == "Responding to the public":
                r.add(keep(box([Paragraph("<b>Cause of concern</b>", st["h3"]), Paragraph(r.t(coc), st["body"]),
                                Paragraph("<b>Recommendations</b>", st["h3"]), *lead_in_block(r, st, lead, recs)],
                               bg=colors.HexColor("#e6f2f3"), left_bar=TEAL)), spacer(10))
            for i in [i for i, w in enumerate(where) if w == a]:
                it = afis[i]
                if i == 4:
                    h3 = st["h3"].leading + st["h3"].spaceBefore + st["h3"].spaceAfter
                    r.add(FillTo(sentences(r.rng, "police", 60), st["body"], h3 + st["body"].leading * 2.2 +
                                 st["body"].spaceAfter + 2),
                          Paragraph(f"Area for improvement {i + 1}", st["h3"]), Paragraph(r.t(it), st["body"]))
                else:
                    fn = ("investigation", "Home Office Counting Rules, outcome types 14 to 16.") if i == 3 else None
                    r.add(keep(Paragraph(f"Area for improvement {i + 1}", st["h3"]), Paragraph(r.t(it, fn=fn), st["body"])))
            filler(r, st, "police", 3, 5)
        page_break(r)
        r.add(Paragraph("About the data", st["h1"]))
        filler(r, st, "police", 3)
        return r

    deco = header_footer("", "PEEL 2023–25 | Staffordshire Police", "Page {n} of {total}", first=2,
                         footer_align="left", font_name="Times-Roman", rule=TEAL)
    pages = [Page("cover", decorate=cover_band(TEAL, band=0.08)), Page("body", margins=(66, 66, 72, 80), decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages, fn_font="Times-Roman")


def lincolnshire(seed: int, out: str) -> Report:
    stem = "peel-2023-25-lincolnshire"
    st = styles("DejaVuSans", 9.5, 13, colors.HexColor("#6b2c91"))
    purple, tint = colors.HexColor("#6b2c91"), colors.HexColor("#f1e9f6")
    texts = [
        "The force should make sure that it has an accurate understanding of the disproportionality in its use of "
        "stop and search, and that it explains this to its communities.",
        "The force should evaluate its crime prevention activity so that it understands what works and can share "
        "this across the force.",
        "Lincolnshire Police should reduce the number of calls to its non-emergency number that are abandoned before "
        "they are answered.",
        "The force should make sure that officers carry out and record a risk assessment at every domestic abuse "
        "incident they attend, and that these are reviewed by a supervisor.",
        "The force should improve the timeliness of its investigations, particularly those involving digital devices, "
        "so that victims are not left waiting for an outcome.",
        "The force should make sure that it manages registered sex offenders in line with national guidance, "
        "including completing home visits on time.",
        "The force should make sure that its workforce understands how to raise concerns about the conduct of "
        "colleagues, and that those who do so are supported.",
        "The force should develop its understanding of the skills of its workforce so that it can plan for future demand.",
    ]
    grades = ["Adequate", "Good", "Requires improvement", "Adequate", "Requires improvement", "Adequate", "Good", "Good"]
    where = [0, 1, 2, 4, 3, 5, 6, 7]

    def make(info):
        r = Report(stem, "peel", seed, "PEEL 2023–25: An inspection of Lincolnshire Police", "2024-12-03",
                   "lincolnshire_police", info)
        afis = [r.item("area_for_improvement", t, addressees=["force"], addressee_text=t.split(" should")[0])
                for t in texts]
        r.add(Paragraph('<font color="white">PEEL 2023–25</font>', st["title"]), spacer(4),
              Paragraph('<font color="white">Police effectiveness, efficiency and legitimacy</font>', st["cover"]),
              spacer(6), Paragraph('<font color="white">An inspection of Lincolnshire Police</font>', st["h1"]),
              spacer(380), Paragraph("Published 3rd December 2024", st["cover"]))
        next_template(r, "one")
        r.add(Paragraph("At a glance", st["h1"]))
        r.add(grade_table(list(zip(AREAS_2325, grades)), st, widths=(330, 130)), spacer(12))
        r.add(box([Paragraph("Areas for improvement", st["h2"])] +
                  [Paragraph(r.t(it), st["bullet"], bulletText="■") for it in afis],
                  bg=tint, pad=10))
        next_template(r, "two")
        for a, (area, grade) in enumerate(zip(AREAS_2325, grades)):
            r.add(Paragraph(escape(area), st["h2"]), Paragraph(f"<b>{grade}</b>", st["bold"]))
            filler(r, st, "police", 2, 4)
            for i in [i for i, w in enumerate(where) if w == a]:
                r.add(box([Paragraph("Area for improvement", st["h3"]), Paragraph(r.t(afis[i]), st["body"])],
                          border=purple, bg=tint), spacer(6))
            if a == 1:
                r.add(box([Paragraph("Innovative practice", st["h3"]), Paragraph(
                    "The force’s ‘Safer Villages’ scheme brings together parish councils, farmers and neighbourhood "
                    "officers to tackle rural crime. Other forces should consider adopting this approach.",
                    st["body"])], bg=colors.HexColor("#e9f5ec")), spacer(6))
            filler(r, st, "police", 3, 5)
        return r

    def side(canv, report, page, w, h):
        canv.setFillColor(tint)
        canv.rect(w - 128, 60, 100, h - 130, stroke=0, fill=1)
        canv.setFillColor(purple)
        canv.setFont(font_bold := "Helvetica-Bold", 8)
        y = h - 90
        for line in ["Lincolnshire", "Police", "", "Population", "768,000", "", "Officers", "1,180", "", "Area",
                     "2,284 sq miles", "", "Grade areas", "8"]:
            canv.setFont(font_bold if not line[:1].isdigit() else "Helvetica", 8)
            canv.drawString(w - 120, y, line)
            y -= 11
        header_footer("Lincolnshire Police", "PEEL 2023–25", "{n}", first=2)(canv, report, page, w, h)

    pages = [Page("cover", margins=(56, 56, 140, 60), decorate=cover_band(purple, band=0.55)),
             Page("one", decorate=header_footer("Lincolnshire Police", "PEEL 2023–25", "{n}", first=2)),
             Page("two", columns=2, margins=(50, 146, 66, 66), gap=16, decorate=side)]
    return build(make, f"{out}/{stem}.pdf", pages)
