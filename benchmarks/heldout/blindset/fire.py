"""Reports on one fire and rescue service: a 2023-25 style report (cause of concern, a dated lead-in
with bullets, areas for improvement as plain sentences) and a 2021/22 style report whose summary
table is the first printing of its areas for improvement."""
from __future__ import annotations

import random
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

from . import story as S
from .docs import Layout, render
from .kit import Item, Panel, Plan, Tracked, boxed, markup, para, styles
from .words import SERVICES, Narrative, by_date, long_date, pick, publication_date

AREAS = ["Understanding fires and other risks", "Preventing fires and other risks",
         "Protecting the public through fire regulation", "Responding to fires and other emergencies",
         "Responding to major and multi-agency incidents", "Making best use of resources", "Future affordability",
         "Promoting the right values and culture", "Getting the right people with the right skills",
         "Ensuring fairness and diversity", "Managing performance and developing leaders"]
PREDICATES = [
    "make sure that its prevention work is aimed at the people most at risk from fire.",
    "make sure that it has enough qualified fire protection staff to carry out its risk-based inspection programme.",
    "evaluate its prevention activity, so that it understands what works.",
    "make sure that crews can easily get up-to-date risk information when they attend incidents.",
    "improve the availability of its on-call fire engines.",
    "make sure that its firefighters know the national guidance on learning from operational incidents.",
    "assure itself that its workforce plan takes account of the skills it will need in future.",
    "improve how it engages with local businesses about fire safety.",
    "make sure that staff understand the wellbeing support available to them.",
    "monitor how long it takes to respond to emergency calls in its rural areas.",
]
PEOPLE = ["firefighters", "on-call firefighters", "station managers", "control room staff", "fire safety inspectors",
          "members of the senior leadership team", "support staff", "watch managers", "union representatives"]
TOPICS = ["prevention work", "fire safety audits", "on-call availability", "risk information", "training records",
          "the integrated risk management plan", "staff wellbeing", "operational learning"]


def _afis(rng: random.Random, service: str, count: int, named: int, numbered: bool = False) -> list[Item]:
    items = []
    for n, predicate in enumerate(rng.sample(PREDICATES, count), start=1):
        subject = service if n == named else "The service"
        modal = "needs to" if n % 4 == 0 else "should"
        items.append(Item(f"afi{n}", "area_for_improvement", f"{subject} {modal} {predicate}",
                          label="Area for improvement", addressees=("fire_and_rescue_services",),
                          addressee_text=subject))
    return items


def _grades(st: dict, rng: random.Random, width: float, bad: str) -> Table:
    palette = {"Good": "#9ccc65", "Requires improvement": "#ffb74d", "Adequate": "#fff176", "Inadequate": "#e57373"}
    rows = [[Paragraph("<b>Question</b>", st["cell"]), Paragraph("<b>Judgment</b>", st["cell"])]]
    style = [("GRID", (0, 0), (-1, -1), 0.3, colors.grey)]
    for n, area in enumerate(AREAS, start=1):
        grade = "Inadequate" if area == bad else rng.choice(["Good", "Adequate", "Requires improvement"])
        rows.append([Paragraph(area, st["cell"]), Paragraph(grade, st["cell"])])
        style.append(("BACKGROUND", (1, n), (1, n), colors.HexColor(palette[grade])))
    table = Table(rows, colWidths=[width * 0.65, width * 0.35])
    table.setStyle(TableStyle(style))
    return table


def fire_2025(seed: int) -> Plan:
    service = pick(SERVICES, seed, 0)
    stem = "fire-2023-25-" + service.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/fire-2023-25")
    pub = publication_date(rng, 2023, (7, 8, 9, 10, 11))
    y = pub.year
    coc = Item("coc1", "cause_of_concern", "The service hasn’t done enough to make sure that staff feel able to "
               "challenge poor behaviour. Some staff told us they had seen bullying and harassment that had not been "
               "dealt with.", label="Cause of concern")
    due = date(y + 1, 3, 31)
    lead = f"By {long_date(due)}, the service should:"
    recs = [Item(f"r{n}", "recommendation", body, lead_in=lead, addressees=("fire_and_rescue_services",),
                 addressee_text="the service", deadline=by_date(due), parent="coc1")
            for n, body in enumerate([
                "make sure that all staff understand how to report poor behaviour, including through a confidential "
                "route;",
                "make sure that managers at every level deal with poor behaviour promptly and consistently; and",
                "monitor the outcomes of grievances and disciplinary cases to identify any disproportionality.",
            ], start=1)]
    afis = _afis(rng, service, 7, named=3)
    st = styles("Helvetica", "Helvetica-Bold", 10, 13.5, heading_colour=colors.HexColor("#8c1d18"))
    title = f"Effectiveness, efficiency and people 2023–25: an inspection of {service}"
    layout = Layout(title=title, header="Fire and rescue service inspection 2023–25", header_align="right",
                    rule=colors.HexColor("#8c1d18"), footer="{page}", footer_align="centre")
    width = layout.pagesize[0] - 50 * mm
    text = Narrative(rng, "the service", TOPICS, PEOPLE)
    culture = "Promoting the right values and culture"
    sections = [("Effectiveness", AREAS[:5]), ("Efficiency", AREAS[5:7]), ("People", AREAS[7:])]
    bodies = {area: text.paragraphs(rng.randint(1, 3)) for area in AREAS}
    where = dict(zip([AREAS[1], AREAS[2], AREAS[3], AREAS[4], AREAS[5], AREAS[8], AREAS[10]], afis))
    overview = text.paragraphs(3)
    visits = rng.randint(6000, 14000)
    grades = _grades(st, rng, width, culture)

    def build(info, log):
        out = S.cover(st, [("h3", "Effectiveness, efficiency and people 2023–25"),
                           ("cover", f"An inspection of {service}"), ("body", f"Published {long_date(pub)}")])
        out += [para("Overview", st["h1"]), grades, Spacer(1, 8)] + S.narrative(st, overview)
        out.append(para(f"By 31 March {y}, the service had carried out {visits:,} safe and well visits.", st["body"]))
        out.append(PageBreak())
        for pillar, areas in sections:
            out.append(para(pillar, st["h1"]))
            for area in areas:
                out += [CondPageBreak(100), para(area, st["h2"])]
                if area == culture:
                    out += [para("Cause of concern", st["h3"]), S.printing(coc, st["item"], log),
                            para("Recommendations", st["h3"])]
                    out += S.lead_in_block(lead, recs, st, log)
                if area in where:
                    item = where[area]
                    inner = Paragraph(f"<b>{item.label}</b><br/>{markup(item.body)}", st["item"])
                    out.append(Tracked(Panel(inner, colors.HexColor("#fdf0ef")), item.key, log))
                out += S.narrative(st, bodies[area])
                if area == AREAS[8]:
                    out.append(para("Staff told us the service should recruit more on-call firefighters in the "
                                    "north of the county.", st["body"]))
        return out

    return Plan(stem, "fire and rescue service", title, pub.isoformat(), [coc] + recs + afis,
                lambda path: render(path, layout, build))


def fire_2022(seed: int) -> Plan:
    service = pick(SERVICES, seed, 1)
    stem = "fire-2021-22-" + service.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/fire-2021-22")
    pub = publication_date(rng, 2022, (1, 6, 7))
    y = pub.year
    coc = Item("coc1", "cause_of_concern", f"{service} doesn’t have a sound understanding of the risks in its area. "
               "Its integrated risk management plan is out of date and isn’t based on a full assessment of risk.",
               label="Cause of concern")
    due = date(y, 9, 30) if pub.month < 6 else date(y + 1, 3, 31)
    lead = f"By {long_date(due)}, the service and the fire and rescue authority should:"
    recs = [Item(f"r{n}", "recommendation", body, lead_in=lead,
                 addressees=("fire_and_rescue_services", "fire_and_rescue_authorities"),
                 addressee_text="the service and the fire and rescue authority", deadline=by_date(due), parent="coc1")
            for n, body in enumerate([
                "make sure that the integrated risk management plan is based on a full assessment of the risks in "
                "the service’s area; and",
                "make sure that the plan sets out how resources will be matched to those risks.",
            ], start=1)]
    afis = _afis(rng, service, 7, named=0)
    st = styles("Times-Roman", "Times-Bold", 11, 14.5, heading_font="Times-Bold", heading_colour=colors.HexColor("#333366"))
    title = f"Effectiveness, efficiency and people 2021/22: {service}"
    layout = Layout(title=title, header=service, header_align="left", footer="Page {page} of {total}",
                    footer_align="centre", furniture_font="Times-Roman", margins=(28 * mm, 28 * mm, 26 * mm, 24 * mm))
    width = layout.pagesize[0] - 56 * mm
    text = Narrative(rng, "the service", TOPICS, PEOPLE)
    pillars = ["Effectiveness", "Efficiency", "People"]
    pillar_of = [pillars[n % 3] for n in range(len(afis))]
    bodies = {p: text.paragraphs(rng.randint(5, 7)) for p in pillars}
    summary = text.paragraphs(2)

    def summary_table(log) -> Table:
        rows = [[Paragraph("<b>Pillar</b>", st["cell"]), Paragraph("<b>Area for improvement</b>", st["cell"])]]
        for item, pillar in zip(afis, pillar_of):
            rows.append([Paragraph(pillar, st["cell"]), Tracked(Paragraph(markup(item.body), st["cell"]), item.key, log)])
        table = Table(rows, colWidths=[30 * mm, width - 30 * mm], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d9ec")),
                                   ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f3f8")])]))
        return table

    def build(info, log):
        out = S.cover(st, [("h2", "Effectiveness, efficiency and people 2021/22"), ("cover", service),
                           ("body", f"Published: {long_date(pub)}")])
        out += [para("Summary", st["h1"])] + S.narrative(st, summary)
        out += [boxed([[para("Cause of concern", st["label"])], [S.printing(coc, st["item"], log)]], width,
                      colors.HexColor("#ececf6")), Spacer(1, 8)]
        out += [para("Areas for improvement", st["h2"]), summary_table(log), PageBreak()]
        for pillar in pillars:
            out.append(para(pillar, st["h1"]))
            paras = bodies[pillar]
            out += S.narrative(st, paras[:2])
            if pillar == "Effectiveness":
                out += [para("Cause of concern", st["h3"]), S.reprint(coc, st["item"]),
                        para("Recommendations", st["h3"])]
                out += S.lead_in_block(lead, recs, st, log, glyph="\u2013")
            for item, home in zip(afis, pillar_of):
                if home == pillar:
                    out += [para("Area for improvement", st["h3"]), S.reprint(item, st["item"])]
            out += S.narrative(st, paras[2:])
        return out

    return Plan(stem, "fire and rescue service", title, pub.isoformat(), [coc] + recs + afis,
                lambda path: render(path, layout, build))


WRITERS = [fire_2025, fire_2022]
