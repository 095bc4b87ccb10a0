"""Fire and rescue service inspections: a 2021/22 round (lettered recommendations, AFIs repeated in an
annex) and a 2023-25 round (numbered AFIs in panels, a landscape summary table)."""
from __future__ import annotations

from .common import cover_band, filler, grade_table, lead_in_block, next_template, page_break, spacer
from .kit import (Page, Paragraph, Report, box, build, colors, add_months, dl, escape, grid, header_footer, keep,
                  styles)

ORANGE, RED = colors.HexColor("#d35400"), colors.HexColor("#a4161a")


def avon(seed: int, out: str) -> Report:
    stem = "fire-2021-22-avon"
    st = styles("LibSans", 10, 13.5, ORANGE)
    lead1, lead2 = "By 31 July 2023, the service should:", "By 30 September 2023, the service should:"
    sections = [
        ("Understanding the risk of fire and other emergencies", "Adequate", [
            "The service should make sure that its firefighters have good access to relevant and up-to-date risk "
            "information about the premises in their station area."]),
        ("Preventing fires and other risks", "Good", [
            "The service should evaluate its prevention work, so it understands the benefits it brings to the public."]),
        ("Protecting the public through fire regulation", "Inadequate", []),
        ("Responding to fires and other emergencies", "Requires improvement", [
            "The service should make sure that it understands why its response times have increased, and that it "
            "takes action to improve them.",
            "The service should make sure that its control room staff are trained to give fire survival guidance to "
            "several callers at the same time."]),
        ("Responding to major and multi-agency incidents", "Good", [
            "The service should make sure that it is well prepared to form part of a multi-agency response to a "
            "terrorist incident, and that its procedures are understood by all staff."]),
        ("Making best use of resources", "Adequate", [
            "The service should make sure that it uses its on-call firefighters effectively, to improve the "
            "availability of its fire engines."]),
        ("Promoting the right values and culture", "Requires improvement", []),
        ("Getting the right people with the right skills", "Adequate", [
            "The service should make sure that its workforce plan takes full account of the skills it will need in "
            "the future."]),
    ]

    def make(info):
        r = Report(stem, "fire", seed, "Effectiveness, efficiency and people 2021/22: An inspection of Avon Fire and "
                   "Rescue Service", None, "avon_fire_and_rescue_service", info)
        afis = {n: [r.item("area_for_improvement", t, addressees=["fire_and_rescue_services"],
                           addressee_text="The service") for t in ts] for n, _g, ts in sections}
        coc1 = r.item("cause_of_concern", "The service hasn’t allocated enough resources to a prioritised and "
                      "risk-based inspection programme, and it isn’t carrying out enough fire safety audits at "
                      "high-risk premises.", label="Cause of concern")
        lettered = ["make sure that its risk-based inspection programme prioritises the highest-risk premises, "
                    "including those where people sleep;", "make sure that it has enough qualified protection staff "
                    "to deliver the programme; and", "put in place a quality assurance process so that audits are "
                    "carried out to a consistent standard."]
        recs1 = [r.item("recommendation", f"{lead1} {b}", number=chr(97 + i), label=f"{chr(97 + i)})",
                        addressees=["fire_and_rescue_services"], addressee_text="the service", parent=coc1,
                        deadline=dl("date", "By 31 July 2023", "2023-07-31")) for i, b in enumerate(lettered)]
        coc2 = r.item("cause_of_concern", "The service doesn’t do enough to make sure that all staff feel able to "
                      "challenge inappropriate behaviour. Some staff told us they had experienced bullying and "
                      "harassment, and that they had little confidence in the service’s processes for dealing with "
                      "it.", label="Cause of concern")
        bullets = ["make sure that staff at all levels understand and demonstrate the service’s values and "
                   "behaviours; and", "make sure that it has an effective and confidential process for staff to "
                   "raise concerns, and that those who do so are supported."]
        recs2 = [r.item("recommendation", f"{lead2} {b}", addressees=["fire_and_rescue_services"],
                        addressee_text="the service", parent=coc2,
                        deadline=dl("date", "By 30 September 2023", "2023-09-30")) for b in bullets]
        r.add(spacer(30), Paragraph('<font color="white">Effectiveness, efficiency and people 2021/22</font>',
                                    st["cover"]), spacer(8),
              Paragraph('<font color="white">An inspection of Avon Fire and Rescue Service</font>', st["title"]),
              spacer(420), Paragraph("January 2023", st["cover"]))
        next_template(r, "body")
        r.add(Paragraph("Overview", st["h1"]))
        r.para("We set out our detailed findings about the areas in which the service has performed well and where "
               "it needs to improve in the rest of this report.", st["body"])
        r.add(grade_table([(n, g) for n, g, _t in sections], st, widths=(330, 130), head=("Question", "Judgment")))
        r.add(spacer(10), Paragraph("Overall summary", st["h2"]))
        filler(r, st, "fire", 3, 5)
        r.para("We have identified two causes of concern, one about the service’s fire protection work and one "
               "about its culture. We set these out, with our recommendations, in the relevant sections.", st["body"])
        for name, grade, _t in sections:
            page_break(r)
            r.add(Paragraph(escape(name), st["h1"]), Paragraph(f"This area is graded <b>{grade.lower()}</b>.",
                                                               st["body"]))
            filler(r, st, "fire", 2, 5)
            if name.startswith("Protecting"):
                r.add(keep(box([Paragraph("Cause of concern", st["h2"]), Paragraph(r.t(coc1), st["body"]),
                                Paragraph("Recommendations", st["h3"]),
                                *lead_in_block(r, st, lead1, recs1, letters=True, label_fmt="{})")],
                               border=RED, pad=10)))
            if name.startswith("Promoting"):
                r.add(keep(box([Paragraph("Cause of concern", st["h2"]), Paragraph(r.t(coc2), st["body"]),
                                Paragraph("Recommendations", st["h3"]), *lead_in_block(r, st, lead2, recs2)],
                               border=RED, pad=10)))
            if afis[name]:
                r.add(spacer(6), box([Paragraph("Areas for improvement", st["h3"])] +
                                     [Paragraph(r.t(it), st["body"]) for it in afis[name]],
                                     bg=colors.HexColor("#fdebd0")))
            if name.startswith("Preventing"):
                r.para("In our 2019 inspection we identified an area for improvement: the service should make sure "
                       "it targets its prevention activity at the people most at risk. The service has made good "
                       "progress against this.", st["body"])
                r.para("Crews knew what they should do if they found a fire hazard during a safe and well visit.",
                       st["body"])
            filler(r, st, "fire", 3, 5)
        page_break(r)
        r.add(Paragraph("Annex A: Summary of areas for improvement", st["h1"]))
        rows = [[Paragraph("<b>Section</b>", st["cell"]), Paragraph("<b>Area for improvement</b>", st["cell"])]]
        for name, _g, _t in sections:
            rows += [[Paragraph(escape(name), st["cell"]), Paragraph(r.t(it), st["cell"])] for it in afis[name]]
        r.add(grid(rows, [150, 320], header_bg=colors.HexColor("#fdebd0")))
        return r

    pages = [Page("cover", margins=(56, 56, 110, 60), decorate=cover_band(ORANGE, band=0.6)),
             Page("body", decorate=header_footer("Avon Fire and Rescue Service", "Effectiveness, efficiency and "
                  "people 2021/22", "{n}", first=2, footer_align="right", font_name="Helvetica"))]
    return build(make, f"{out}/{stem}.pdf", pages)


def hertfordshire(seed: int, out: str) -> Report:
    stem, pub = "fire-2023-25-hertfordshire", "2024-11-14"
    green = colors.HexColor("#1e5631")
    st = styles("DejaVuSerif", 10, 14, green, head_family="DejaVuSans")
    texts = [
        "The service should make sure that its community risk management plan is informed by a comprehensive "
        "understanding of current and future risk.",
        "The service should make sure that its protection staff have the skills and qualifications they need to "
        "carry out fire safety audits of complex premises.",
        "The service should assure itself that its fire control staff have the training and resources they need to "
        "manage simultaneous incidents.",
        "The service should make sure that its crews record and share the learning from operational incidents.",
        "The service should have effective measures in place to make sure that its workforce is not overworked, "
        "including monitoring the secondary employment of its staff.",
        "The service should make sure that its staff understand how its values and behaviours apply to their work, "
        "and that senior leaders act as role models.",
    ]
    chapters = [("Understanding fire and risk", [0]), ("Preventing fire and risk", []), ("Public safety through "
                "fire regulation", [1]), ("Responding to fires and emergencies", [2, 3]), ("Making best use of "
                "resources", []), ("Promoting values and culture", [4, 5]), ("Right people, right skills", [])]

    def make(info):
        r = Report(stem, "fire", seed, "Fire and rescue service 2023–25: Effectiveness, efficiency and people – "
                   "Hertfordshire Fire and Rescue Service", pub, "hertfordshire_fire_and_rescue_service", info)
        afis = [r.item("area_for_improvement", t, number=str(i), label=f"Area for improvement {i}",
                       addressees=["fire_and_rescue_services"], addressee_text="The service")
                for i, t in enumerate(texts, start=1)]
        coc = r.item("cause_of_concern", "The service isn’t doing enough to identify and target the people most at "
                     "risk from fire in its communities. Its home fire safety visits are not prioritised according to "
                     "risk, and it has a backlog of visits to vulnerable people.", label="Cause of concern")
        recs = [r.item("recommendation", "By 31 March 2025, the service should make sure it has a clear, risk-based "
                       "approach to prioritising home fire safety visits, so that it visits the people most at risk "
                       "first.", number="1", label="Recommendation 1", addressees=["fire_and_rescue_services"],
                       addressee_text="the service", parent=coc, deadline=dl("date", "By 31 March 2025", "2025-03-31")),
                r.item("recommendation", "Within six months, Hertfordshire Fire and Rescue Service should clear its "
                       "backlog of home fire safety visits to people who have been identified as vulnerable.",
                       number="2", label="Recommendation 2", addressees=["fire_and_rescue_services"],
                       addressee_text="Hertfordshire Fire and Rescue Service", parent=coc,
                       deadline=dl("relative", "Within six months", add_months(pub, 6)))]
        r.add(Paragraph("Fire and rescue service 2023–25", st["h2"]),
              Paragraph("Effectiveness, efficiency and people", st["title"]),
              Paragraph("An inspection of Hertfordshire Fire and Rescue Service", st["cover"]), spacer(360),
              Paragraph("Published 14 November 2024", st["cover"]))
        next_template(r, "body")
        r.add(Paragraph("About this inspection", st["h1"]))
        filler(r, st, "fire", 2, 5)
        r.para("This is our third inspection of Hertfordshire Fire and Rescue Service. In this round we give "
               "graded judgments for 11 areas.", st["body"])
        for title, idx in chapters:
            page_break(r)
            r.add(Paragraph(escape(title), st["h1"]))
            filler(r, st, "fire", 2, 4)
            if title.startswith("Preventing"):
                r.add(keep(box([Paragraph("Cause of concern", st["h2"]), Paragraph(r.t(coc), st["bold"])],
                               bg=colors.HexColor("#fbe3e3"), pad=10), spacer(6),
                           Paragraph("Recommendation 1", st["h3"]), Paragraph(r.t(recs[0]), st["body"]),
                           Paragraph("Recommendation 2", st["h3"]), Paragraph(r.t(recs[1]), st["body"])))
            for i in idx:
                r.add(spacer(4), box([Paragraph(f"Area for improvement {i + 1}", st["h3"]),
                                      Paragraph(r.t(afis[i]), st["body"])], bg=colors.HexColor("#e3efe6"),
                                     left_bar=green), spacer(4))
            filler(r, st, "fire", 3, 5)
        next_template(r, "land")
        r.add(Paragraph("Annex: Summary of our findings", st["h1"]))
        rows = [[Paragraph(f"<b>{h}</b>", st["cell"]) for h in ("Type", "No.", "Finding", "Chapter")]]
        where = {i: title for title, idx in chapters for i in idx}
        rows.append([Paragraph("Cause of concern", st["cell"]), Paragraph("–", st["cell"]),
                     Paragraph(r.t(coc), st["cell"]), Paragraph("Preventing fire and risk", st["cell"])])
        for n, rec in enumerate(recs, start=1):
            rows.append([Paragraph("Recommendation", st["cell"]), Paragraph(str(n), st["cell"]),
                         Paragraph(r.t(rec), st["cell"]), Paragraph("Preventing fire and risk", st["cell"])])
        for i, it in enumerate(afis):
            rows.append([Paragraph("Area for improvement", st["cell"]), Paragraph(str(i + 1), st["cell"]),
                         Paragraph(r.t(it), st["cell"]), Paragraph(escape(where[i]), st["cell"])])
        r.add(grid(rows, [120, 40, 440, 150], header_bg=colors.HexColor("#cfe3d5"), zebra=colors.HexColor("#f4f8f5")))
        return r

    deco = header_footer("Hertfordshire Fire and Rescue Service", "Effectiveness, efficiency and people 2023–25",
                         "Page {n}", first=2, font_name="Helvetica", rule=green)
    pages = [Page("cover", margins=(60, 60, 160, 60), decorate=cover_band(colors.HexColor("#cfe3d5"), band=0.3)),
             Page("body", margins=(70, 70, 72, 76), decorate=deco), Page("land", margins=(46, 46, 60, 56), land=True,
                                                                         decorate=deco)]
    return build(make, f"{out}/{stem}.pdf", pages)
