"""Fire and rescue service reports: two services and one national thematic."""
from __future__ import annotations

import random
from datetime import date

from reportlab.platypus import CondPageBreak, KeepTogether

from .core import Item, Report, event, fin_year, month, on, within, year_end
from .layout import TA_JUSTIFY, Kit, PageBreak, Spacer, Typo, colors, make_doc, switch
from .prose import Prose
from .shapes import grades_table

FRS = ("fire_and_rescue_services",)


def fire_lyncombe(seed: int):
    name = "Lyncombe and Tarrant Fire and Rescue Service"
    r = Report("frs-2024-lyncombe-tarrant", "fire", f"Inspection of {name} 2023–2025", date(2024, 11, 28))
    coc1 = r.add(Item("cause_of_concern", "The service hasn’t done enough to make sure it has effective systems in "
                      "place to identify and protect the people most at risk of fire in its area."))
    lead1 = "By 31 May 2025, the service should:"
    recs1 = [r.add(Item("recommendation", b, FRS, "the service", on("By 31 May 2025", 2025, 5, 31), lead=lead1,
                        parent=coc1)) for b in (
        "make sure it uses the information it holds, and information from partners, to identify the people most "
        "at risk of fire;",
        "clear its backlog of home fire safety visits, starting with those referred by partner agencies; and",
        "evaluate its prevention work so it understands which activities reduce risk.")]
    coc2 = r.add(Item("cause_of_concern", f"{name} doesn’t have suitable arrangements in place to make sure its "
                      "on-call fire engines are available when they are needed."))
    lead2 = "By the end of the 2025/26 financial year, the service should:"
    recs2 = [r.add(Item("recommendation", b, FRS, "the service", fin_year("By the end of the 2025/26 financial year",
                        2026), lead=lead2, parent=coc2)) for b in (
        "put in place a plan to improve the availability of its on-call fire engines; and",
        "make sure its crewing model matches the risks identified in its community risk management plan.")]
    afis = [r.add(Item("area_for_improvement", b, who_ids, who)) for b, who_ids, who in (
        ("The service should make sure its protection officers have the training they need for the work they do.",
         FRS, "The service"),
        ("The service should assure itself that its fire control staff can give fire survival guidance to many "
         "callers at once.", FRS, "The service"),
        ("The service should improve the way it shares learning from operational incidents with its staff.",
         FRS, "The service"),
        ("The fire and rescue authority should make sure it scrutinises the service’s performance against its "
         "community risk management plan.", ("fire_and_rescue_authorities",), "The fire and rescue authority"),
        ("The service should make sure that staff understand how to raise concerns and that they feel confident "
         "to do so.", FRS, "The service"))]
    t = Typo("helv", 9.5, 12.5, 5, 0, align=TA_JUSTIFY, accent=colors.HexColor("#b5121b"), heading="bar",
             folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 21), "fire")
        doc = make_doc(buf, r, t, header=f"{name} – Effectiveness, efficiency and people", footer="HMICFRS")
        story = [Spacer(1, 30), k.p("Fire and rescue service inspection 2023–2025", "subtitle"),
                 k.p(name, "title"), k.p("Published 28 November 2024", "flat")]
        story += switch("body") + k.heading("Overview")
        story += [grades_table(k, [("Understanding fire and risk", "Good"), ("Preventing fire and risk",
                                   "Inadequate"), ("Responding to fires and emergencies", "Requires improvement"),
                                   ("Promoting the right values and culture", "Adequate")])]
        story += [Spacer(1, 8)] + [k.p(x) for x in pr.paragraphs(3)]
        story += [k.p("Staff told us the service should have consulted them sooner about changes to shift patterns.")]
        story += switch("two") + k.heading("Causes of concern and recommendations")
        for coc, lead, recs in ((coc1, lead1, recs1), (coc2, lead2, recs2)):
            story += [k.p("Cause of concern", "h3", textColor=t.accent), r.track(k.p(coc.body, "flat"), coc),
                      KeepTogether([k.p("Recommendations", "h3"), r.track(k.p(lead, "flat"), *recs),
                                    k.bullets([r.track(k.p(x.body, "flat", alignment=0), x) for x in recs])]),
                      Spacer(1, 6)]
            story += [k.p(x) for x in pr.paragraphs(2)]
        story += [k.p(x) for x in pr.paragraphs(2)]
        story += switch("body") + k.heading("Understanding fire and risk") + [k.p(x) for x in pr.paragraphs(3)]
        plan = [("Preventing fire and risk", afis[:1]), ("Responding to fires and emergencies", afis[1:3]),
                ("Making best use of resources", afis[3:4]), ("Promoting the right values and culture", afis[4:])]
        for title, these in plan:
            story += [CondPageBreak(100)] + k.heading(title) + [k.p(x) for x in pr.paragraphs(2)]
            for item in these:
                story += [KeepTogether([k.p("Area for improvement", "h3"),
                                        k.box([r.track(k.p(item.body, "flat", alignment=0), item)], fill=None,
                                              outline="#b5121b")]), Spacer(1, 6)]
            story += [k.p(x) for x in pr.paragraphs(1)]
        doc.build(story)

    return r, r.build(render)


def fire_hollinsdale(seed: int):
    name = "Hollinsdale Fire and Rescue Service"
    r = Report("frs-2022-hollinsdale", "fire", f"{name}: effectiveness, efficiency and people 2021/22",
               date(2022, 7, 27))
    afi_text = [
        "The service should make sure it gives enough priority to fire safety audits of high-risk premises.",
        "The service should make sure that its mobile data terminals are reliable and give crews the information "
        "they need.",
        "The service should review its arrangements for collaboration with the ambulance service to make sure "
        "they give value for money.",
        "The service should put in place an effective system for managing the performance of its staff.",
        "Hollinsdale Fire and Rescue Service should improve the diversity of its workforce.",
        "The service should make sure that its people understand the purpose of its new values.",
    ]
    afis = [r.add(Item("area_for_improvement", b, FRS, name if b.startswith(name) else "The service",
                       number=str(n), label=str(n))) for n, b in enumerate(afi_text, start=1)]
    coc = r.add(Item("cause_of_concern", "The service doesn’t have an effective system for making sure that its "
                     "operational staff maintain their competence in risk-critical skills such as breathing "
                     "apparatus and incident command."))
    lead = "By 31 December 2022, the service should:"
    recs = [r.add(Item("recommendation", b, FRS, "the service", on("By 31 December 2022", 2022, 12, 31), lead=lead,
                       parent=coc)) for b in (
        "make sure that all its operational staff complete the training they need to stay competent; and",
        "put in place a reliable way of recording training and of alerting managers when it lapses.")]
    t = Typo("helv", 9, 11, 4, 0, accent=colors.HexColor("#333333"), heading="bold", folio="centre")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 33), "fire")
        doc = make_doc(buf, r, t, header=name, footer="Effectiveness, efficiency and people 2021/22",
                       margins=(18, 18, 18, 22), cover_band=False)
        story = [k.bar("Effectiveness, efficiency and people 2021/22", colors.HexColor("#e35205")), Spacer(1, 20),
                 k.p(f"An inspection of {name}", "title", textColor=colors.black), k.p("27 July 2022", "subtitle")]
        story += switch("body") + k.heading("Summary") + [k.p(x) for x in pr.paragraphs(2)]
        story += [k.p("We identified one cause of concern and six areas for improvement.")]
        rows = [[k.p("", "cellbold"), k.p("Areas for improvement", "cellbold")]]
        rows += [[k.p(a.number, "cell"), r.track(k.p(a.body, "cell"), a)] for a in afis]
        story += [k.grid(rows, ["6%", "94%"], fill="#fbd9c4")]
        story += [Spacer(1, 8)] + k.heading("Cause of concern") + [r.track(k.p(coc.body), coc)]
        story += [KeepTogether([k.p("Recommendations", "bold"), r.track(k.p(lead), *recs),
                                k.bullets([r.track(k.p(x.body, "flat"), x) for x in recs], kind="a",
                                          fmt="(%s)")])]
        story += [k.p("By 31 March 2022, 61 per cent of operational staff had completed breathing apparatus "
                      "refresher training.")]
        sections = ["Understanding the risk of fire", "Preventing fires", "Protecting the public through fire "
                    "regulation", "Responding to fires", "Making best use of resources", "Promoting values and culture",
                    "Getting the right people with the right skills"]
        repeat = {1: [], 2: afis[0:1], 3: afis[1:2], 4: afis[2:3], 5: afis[5:6], 6: afis[3:5]}
        for n, title in enumerate(sections):
            story += [CondPageBreak(80)] + k.heading(title) + [k.p(x) for x in pr.paragraphs(3)]
            for a in repeat.get(n, []):
                story += [k.p("Area for improvement", "bold"), k.p(a.body)]
        doc.build(story)

    return r, r.build(render)


def fire_thematic(seed: int):
    r = Report("thematic-2025-fire-culture", "thematic", "Standards of behaviour in fire and rescue services: a "
               "follow-up inspection", date(2025, 3, 13))
    specs = [
        ("By 1 October 2025, chief fire officers should make sure their services have an effective way for staff to "
         "raise concerns anonymously, and that every concern is investigated.", FRS, "chief fire officers",
         on("By 1 October 2025", 2025, 10, 1)),
        ("By the end of 2025, the Home Office should introduce a statutory code of ethics for fire and rescue "
         "services.", ("home_office",), "the Home Office", year_end("By the end of 2025", 2025)),
        ("Within six months of the publication of this report, the National Fire Chiefs Council should publish "
         "guidance on the handling of misconduct allegations.", ("national_fire_chiefs_council",),
         "the National Fire Chiefs Council", within("Within six months of the publication of this report", 6)),
        ("By June 2025, chief fire officers and fire and rescue authorities should review their background "
         "checks for all staff and make sure they meet the new standard.", ("fire_and_rescue_services",
         "fire_and_rescue_authorities"), "chief fire officers and fire and rescue authorities",
         month("By June 2025", 2025, 6)),
        ("The Home Office, working with the National Fire Chiefs Council, should commission research into the "
         "reasons staff leave the fire service in their first five years.", ("home_office",), "The Home Office",
         None),
        ("Once the Home Office has published the code of ethics, fire and rescue authorities should adopt it and "
         "report on their compliance every year.", ("fire_and_rescue_authorities",), "fire and rescue authorities",
         event("Once the Home Office has published the code of ethics")),
        ("By 31 March 2026, chief fire officers should make sure that all managers complete training in the "
         "management of conduct and grievances.", FRS, "chief fire officers", on("By 31 March 2026", 2026, 3, 31)),
    ]
    recs = []
    for n, (body, ids, who, dl) in enumerate(specs, start=1):
        kw = {"deadline": dl} if dl else {}
        recs.append(r.add(Item("recommendation", body, ids, who, number=str(n), label=f"Recommendation {n}", **kw)))
    t = Typo("times", 12, 17, 9, 0, accent=colors.HexColor("#8c1c13"), heading="rule", folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 47), "fire")
        doc = make_doc(buf, r, t, header="Standards of behaviour: a follow-up inspection", footer="March 2025")
        story = [Spacer(1, 30), k.p("Standards of behaviour in fire and rescue services", "title"),
                 k.p("A follow-up inspection", "subtitle"), k.p("Published 13 March 2025", "flat")]
        story += switch("body") + k.heading("Foreword") + [k.p(x) for x in pr.paragraphs(2)]
        story += [k.p("In 2023 we recommended that chief fire officers should make sure background checks were "
                      "carried out on all staff. Few services have done so.")]
        story += k.heading("Introduction") + [k.p(x) for x in pr.paragraphs(3)]
        story += [k.p("We have made seven recommendations in this report.")]
        chapters = [("Raising concerns", recs[0:1]), ("A code of ethics", recs[1:3]), ("Vetting and checks",
                    recs[3:4]), ("Keeping staff", recs[4:6]), ("Managers", recs[6:7])]
        for title, these in chapters:
            story += [CondPageBreak(150)] + k.heading(title) + [k.p(x) for x in pr.paragraphs(2)]
            for rec in these:
                story += [Spacer(1, 4), k.box([k.p(rec.label, "bold", textColor=t.accent),
                                               r.track(k.p(rec.body, "flat"), rec)], fill="#f6ebe9"), Spacer(1, 8)]
            story += [k.p(x) for x in pr.paragraphs(1)]
        story += [PageBreak()] + k.heading("Annex A: list of recommendations")
        rows = [[k.p("Recommendation", "cellbold"), k.p("Text", "cellbold")]]
        rows += [[k.p(x.number, "cell"), k.p(x.body, "cell")] for x in recs]
        story += [k.grid(rows, ["18%", "82%"])]
        doc.build(story)

    return r, r.build(render)


BUILDERS = [fire_lyncombe, fire_hollinsdale, fire_thematic]
