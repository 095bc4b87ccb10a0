"""Flowing reports (1), laid out by platypus: two PEEL force reports, a fire and rescue service
report and a joint custody inspection."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.platypus import (CondPageBreak, FrameBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer)

from . import flow_kit as fk
from .filler import Filler
from .gold import Item, Report, deadline

GREEN, CRIMSON, INK, GOLD, BLUE = (HexColor(c) for c in ("#1b5e20", "#8e1b3a", "#202020", "#b8860b", "#1565c0"))


def _cover(title_lines: list[str], sub: str, colour, family: str = "helvetica"):
    def draw(canvas, doc):
        w, h = A4
        canvas.saveState()
        canvas.setFillColor(colour)
        canvas.rect(0, h - 420, w, 420, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#ffffff"))
        for index, line in enumerate(title_lines):
            canvas.setFont(fk.FAMILIES[family][1], 24 if index else 30)
            canvas.drawString(56, h - 150 - index * 34, line)
        canvas.setFillColor(INK)
        canvas.setFont(fk.FAMILIES[family][0], 12)
        canvas.drawString(56, h - 460, sub)
        canvas.restoreState()
    return draw


def peel_harrowgate(out: Path, seed: int) -> Report:
    r = Report("peel_harrowgate_2022", "peel", "PEEL 2021/22 An inspection of Harrowgate Police", date(2022, 8, 25))
    f = Filler(seed, r.stem)
    specs = [
        "The force needs to make sure it answers non-emergency calls promptly so that callers do not abandon them.",
        "The force should make sure that it identifies repeat and vulnerable victims when they call, and that "
        "this is recorded on its systems.",
        "The force needs to improve the way it records the outcomes of crimes, so that victims’ wishes are "
        "properly documented.",
        "The force should make sure that officers and staff understand how to manage the risks posed by "
        "registered sex offenders who use the internet.",
        "Harrowgate Police should improve how it uses its problem-solving plans to reduce repeat calls from "
        "the same locations.",
        "The force needs to make sure that its investigations are allocated to officers with the right skills "
        "and experience.",
        "The force should improve how it communicates with the public about its use of stop and search.",
        "The force needs to make sure that it understands the wellbeing needs of its workforce.",
    ]
    subjects = {4: "Harrowgate Police"}
    afis = [r.add(Item("area_for_improvement", b, addressees=("force",), addressee_text=subjects.get(i, "The force")))
            for i, b in enumerate(specs)]
    body = fk.style("body", "helvetica", 9, 11.2, first=12, after=0)
    head = fk.style("head", "helvetica", 13, bold=True, color="#1b5e20", before=12, after=6, align=0)
    sub = fk.style("sub", "helvetica", 9, bold=True, color="#1b5e20", before=8, after=3, align=0)
    side = fk.style("side", "helvetica", 8, 10, color="#1b5e20", after=4, align=0)
    afi_style = fk.style("afi", "helvetica", 9, 11.2, first=12, after=0)
    decorate = fk.running(r.title, colour="#1b5e20", align="right")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["PEEL 2021/22", "Police effectiveness, efficiency",
                                             "and legitimacy"], "An inspection of Harrowgate Police | 25 August 2022",
                                            GREEN)),
        fk.template("side", "side", decorate), fk.template("one", "one", decorate)])
    story = [NextPageTemplate("side"), PageBreak()]
    story += [fk.para("**Our judgments**", sub)]
    for area, grade in [("Preventing crime", "Good"), ("Treatment of the public", "Adequate"),
                        ("Responding to the public", "Requires improvement"), ("Investigating crime",
                        "Requires improvement"), ("Protecting vulnerable people", "Adequate"),
                        ("Managing offenders", "Adequate"), ("Developing a positive workplace", "Good")]:
        story.append(fk.para(f"**{area}:** {grade}", side))
    story += [FrameBreak(), NextPageTemplate("one"), fk.para("Overall summary", head)]
    story += [fk.para(t, body) for t in f.paras(4, 2, 4)]
    story.append(fk.para("Some officers told us the force should invest more in training for new "
                         "supervisors. " + f.sentence(), body))
    sections = [("Responding to the public", [0, 1]), ("Investigating crime", [2, 5]),
                ("Protecting vulnerable people", []), ("Managing offenders and suspects", [3]),
                ("Preventing and deterring crime", [4]), ("Treatment of the public", [6]),
                ("Building, developing and looking after the workforce", [7])]
    for title, found in sections:
        story += [CondPageBreak(120), fk.para(title, head)]
        if found:
            story.append(fk.para("Areas for improvement" if len(found) > 1 else "Area for improvement", sub))
            story += [fk.para(afis[i].body, afi_style, afis[i]) for i in found]
        story.append(fk.para("Main findings", sub))
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(3, 5), 2, 4)]
        if title.startswith("Preventing"):
            story.append(fk.boxed([fk.para("**Innovative practice**", sub), fk.para(
                "The force has set up a rural crime partnership with landowners and parish councils, which "
                "has helped to reduce thefts of farm machinery. " + f.sentence(), body)], 470, HexColor("#e8f5e9")))
    doc.build(story)
    return r


def fire_saltmarsh(out: Path, seed: int) -> Report:
    r = Report("fire_saltmarsh_2022", "fire",
               "Effectiveness, efficiency and people 2021/22: An inspection of Saltmarsh Fire and Rescue Service",
               date(2022, 7, 27))
    f = Filler(seed, r.stem)
    first_due = deadline("date", "By 31 January 2023", r.published)
    second_due = deadline("month", "By March 2023", r.published)
    c1 = r.add(Item("cause_of_concern", "The service doesn’t have an effective system for making sure that "
                    "risk information about premises is gathered, kept up to date and made available to "
                    "crews responding to incidents.", label="Cause of concern"))
    c2 = r.add(Item("cause_of_concern", "The service hasn’t done enough to improve the diversity of its "
                    "workforce or to make sure that staff from under-represented groups are supported.",
                    label="Cause of concern"))
    lead1, lead2 = "By 31 January 2023, the service should:", "By March 2023, Saltmarsh Fire and Rescue Service should:"
    recs1 = [r.add(Item("recommendation", b, lead=lead1, addressees=("fire_and_rescue_services",),
                        addressee_text="the service", deadline=first_due, parent=c1)) for b in (
        "make sure that site-specific risk information is reviewed at the frequency set out in its policy;",
        "make sure that all operational staff can access up-to-date risk information on mobile data terminals; "
        "and", "carry out a quality assurance process for the risk information it holds.")]
    recs2 = [r.add(Item("recommendation", b, lead=lead2, addressees=("fire_and_rescue_services",),
                        addressee_text="Saltmarsh Fire and Rescue Service", deadline=second_due, parent=c2))
             for b in ("put in place a plan to improve the diversity of its workforce, with measurable objectives; and",
                       "make sure that it has effective support in place for staff from under-represented groups.")]
    afi_specs = [
        "The service should make sure it allocates enough resources to a prioritised and risk-based inspection "
        "programme.",
        "The service should evaluate its prevention work, so it understands the benefits better.",
        "The service should make sure it has effective arrangements for providing specialist protection advice "
        "out of hours.",
        "The service should make sure that all staff understand the purpose of the values and behaviours it "
        "expects of them.",
        "The service should assure itself that its workforce planning takes full account of the skills and "
        "capabilities it needs in future.",
    ]
    afis = [r.add(Item("area_for_improvement", b, label="Area for improvement", addressees=("fire_and_rescue_services",),
                       addressee_text="The service")) for b in afi_specs]
    body = fk.style("body", "vera", 9.5, 14, after=7, align=0)
    h1 = fk.style("h1", "vera", 15, bold=True, color="#8e1b3a", before=14, after=8, align=0)
    h3 = fk.style("h3", "vera", 9.5, bold=True, after=3, align=0)
    boxed_text = fk.style("bx", "vera", 9.5, 13, after=0, align=0)
    decorate = fk.running("Saltmarsh Fire and Rescue Service", family="vera", colour="#8e1b3a", align="center",
                          band=CRIMSON)
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["Effectiveness, efficiency", "and people 2021/22",
                                             "Saltmarsh Fire and Rescue Service"], "27 July 2022", CRIMSON, "vera")),
        fk.template("one", "one", decorate, margins=(70, 70, 90, 86))])
    story = [NextPageTemplate("one"), PageBreak(), fk.para("Overall summary", h1)]
    story += [fk.para(t, body) for t in f.paras(3, 3, 4)]
    story.append(fk.para("We have set out two causes of concern and five areas for improvement in this "
                         "report. " + f.sentence(), body))
    width = A4[0] - 140

    def coc_block(coc, lead, recs):
        parts = [fk.Bar("Cause of concern", CRIMSON, "VeraBd", 11), fk.para(coc.body, body, coc),
                 fk.para("Recommendations", h3), fk.para(lead, body)]
        parts.append(fk.bullets([fk.para(x.body, boxed_text, x) for x in recs], colour=CRIMSON))
        return KeepTogether(parts)

    chapters = [("Understanding the risk of fire and other emergencies", None, []),
                ("Preventing fires and other risks", None, [1]),
                ("Protecting the public through fire regulation", None, [0, 2]),
                ("Responding to fires and other emergencies", (c1, lead1, recs1), []),
                ("Promoting the right values and culture", None, [3]),
                ("Ensuring fairness and promoting diversity", (c2, lead2, recs2), []),
                ("Managing performance and developing leaders", None, [4])]
    for title, coc, found in chapters:
        story += [CondPageBreak(160), fk.para(title, h1)]
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(2, 4), 2, 4)]
        if coc:
            story.append(coc_block(*coc))
            story += [Spacer(1, 8)] + [fk.para(t, body) for t in f.paras(2, 2, 3)]
        for i in found:
            story.append(KeepTogether([Spacer(1, 4), fk.boxed([fk.para("**Area for improvement**", h3),
                                                               fk.para(afis[i].body, boxed_text, afis[i])],
                                                              width, stroke=CRIMSON)]))
            story += [Spacer(1, 8), fk.para(f.para(2, 3), body)]
    doc.build(story)
    return r


def peel_estuary(out: Path, seed: int) -> Report:
    r = Report("peel_estuary_downs_2025", "peel", "PEEL 2023–25 An inspection of Estuary and Downs Police",
               date(2025, 2, 6))
    f = Filler(seed, r.stem)
    coc = r.add(Item("cause_of_concern", "Estuary and Downs Police doesn’t manage the risk posed by "
                     "registered sex offenders effectively. Too many visits are overdue and the backlog of "
                     "risk assessments is growing.", label="Cause of concern"))
    lead = "Within 12 months, Estuary and Downs Police should:"
    due = deadline("relative", "Within 12 months", r.published)
    recs = [r.add(Item("recommendation", b, lead=lead, addressees=("force",), addressee_text="Estuary and Downs Police",
                       deadline=due, parent=coc)) for b in (
        "clear the backlog of overdue active risk assessments;", "make sure that home visits to registered "
        "sex offenders take place at the frequency their risk level requires.")]
    specs = [
        "The force should improve the time it takes to answer emergency calls.",
        "The force needs to make sure that officers carry out the investigative actions the crime report "
        "identifies, and that supervisors check this.",
        "The force should make sure it shares information about children at risk with its safeguarding partners "
        "without delay.",
        "The force needs to improve its understanding of demand so that it can match its resources to it.",
        "The force should make sure that all officers who use force record it, as national guidance requires.",
        "The force should make sure it gives victims the right to review decisions not to prosecute.",
        "The force should improve how it identifies and supports officers and staff who have been exposed to "
        "traumatic incidents.",
    ]
    afis = [r.add(Item("area_for_improvement", b, str(n), f"Area for improvement {n}", addressees=("force",),
                       addressee_text="The force")) for n, b in enumerate(specs, start=1)]
    body = fk.style("body", "times", 10, 12.4, after=5, align=4)
    h1 = fk.style("h1", "times", 14, bold=True, color="#1565c0", after=6, before=10, align=0)
    lab = fk.style("lab", "times", 10, bold=True, color="#1565c0", after=2, align=0)
    item_style = fk.style("it", "times", 10, 12.4, after=2, align=0)
    decorate = fk.running(r.title, family="times", colour="#1565c0", align="outer")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["PEEL 2023–25", "Estuary and Downs Police"],
                                            "Police effectiveness, efficiency and legitimacy | 6 February 2025",
                                            BLUE, "times")),
        fk.template("two", "two", decorate, gap=22)])
    story = [NextPageTemplate("two"), PageBreak(), fk.para("Overall summary", h1)]
    story += [fk.para(t, body) for t in f.paras(3, 2, 4)]
    col = (A4[0] - 124 - 22) / 2
    story += [fk.para("Cause of concern", h1), fk.boxed([fk.para(coc.body, item_style, coc)], col,
                                                        HexColor("#e3f2fd")),
              Spacer(1, 6), KeepTogether([fk.para("**Recommendations**", lab), fk.para(lead, item_style),
                                          fk.bullets([fk.para(x.body, item_style, x) for x in recs], colour=BLUE)])]
    areas = ["Responding to the public", "Investigating crime", "Protecting vulnerable people",
             "Leadership and force management", "Police powers and public treatment", "Managing offenders",
             "Building, supporting and protecting the workforce"]
    for afi, area in zip(afis, areas):
        story += [CondPageBreak(90), fk.para(area, h1)]
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(1, 3), 2, 4)]
        story.append(KeepTogether([fk.para("Area for improvement", lab),
                                   fk.beside(fk.Badge(afi.number, BLUE, "circle", 16),
                                             fk.para(afi.body, item_style, afi), (24, col - 24))]))
        story.append(fk.para(f.para(1, 3), body))
    doc.build(story)
    return r


def _numbered(number: str, markup: str, style, item=None, printing=0):
    p = fk.para(markup, style, item, printing)
    p.bulletText = number
    return p
