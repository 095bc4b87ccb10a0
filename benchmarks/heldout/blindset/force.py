"""PEEL reports on one force: 2021/22 style (graded sections, plain areas for improvement, a cause
of concern with a lead-in), 2023-25 style (numbered areas for improvement in boxes, numbered
causes of concern) and a two-column assessment with panels and the force named as addressee."""
from __future__ import annotations

import random
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

from . import story as S
from .docs import Layout, padded, render, render_straddling
from .kit import FillBefore, Item, Panel, Plan, Tracked, boxed, markup, para, styles
from .words import FORCES, Narrative, by_date, long_date, pick, publication_date, within

GRADES = {"Outstanding": "#1b7837", "Good": "#7fbc41", "Adequate": "#fee08b", "Requires improvement": "#fdae61",
          "Inadequate": "#d73027"}
AREAS = ["Treatment of the public", "Preventing crime", "Responding to the public", "Investigating crime",
         "Protecting vulnerable people", "Managing offenders", "Developing a positive workplace",
         "Good use of resources"]
PREDICATES = [
    "improve how it supervises investigations, so that each one has a clear plan and is progressed without delay.",
    "make sure that victims of crime are offered the chance to make a victim personal statement, and record "
    "whether they accepted.",
    "improve its understanding of the demand it faces from people in mental health crisis.",
    "make sure that neighbourhood officers are not routinely taken away from their core duties to fill gaps in "
    "response teams.",
    "make sure that it has enough trained investigators in its child abuse investigation unit to meet demand.",
    "improve how it records and analyses stop and search, including the reasons for searches in which nothing "
    "is found.",
    "make sure that every use of force is recorded, and that the records are checked by supervisors.",
    "improve the way it identifies repeat victims of anti-social behaviour when they first contact it.",
    "make sure that officers who apply for bail conditions in domestic abuse cases tell the victim what the "
    "conditions are.",
    "improve how it manages the risk posed by registered sex offenders, so that home visits take place when due.",
    "make sure that its vetting unit has the capacity to complete renewals before they expire.",
    "improve its workforce planning, so that it knows what skills it will need in the next five years.",
    "make sure that crime outcomes are recorded accurately, in line with the Home Office counting rules.",
    "make sure that its anti-corruption unit can monitor all of its information systems.",
    "improve how it seeks feedback from communities that have less trust in the police.",
    "make sure that supervisors review the wellbeing of officers who work on online child abuse cases.",
    "improve its understanding of how effective its crime prevention work is.",
    "make sure that digital devices seized in investigations are examined within the timescales it has set.",
    "make sure that it complies with the Victims’ Code when it decides to take no further action.",
    "improve the time it takes to attend emergency calls in rural areas.",
]
PEOPLE = ["response officers", "neighbourhood officers", "supervisors", "investigators", "call handlers",
          "detective constables", "members of the senior leadership team", "police staff", "new recruits"]


def _afis(rng: random.Random, force: str, count: int, numbered: bool, named: int = 0) -> list[Item]:
    items = []
    for n, predicate in enumerate(rng.sample(PREDICATES, count), start=1):
        subject = force if n <= named else "The force"
        modal = "needs to" if rng.random() < 0.3 else "should"
        items.append(Item(f"afi{n}", "area_for_improvement", f"{subject} {modal} {predicate}",
                          str(n) if numbered else None, f"Area for improvement {n}" if numbered else "Area for improvement",
                          addressees=("force",), addressee_text=subject))
    return items


def _recs(coc: str, lead: str, phrase: str, deadline, bodies: list[str], start: int) -> list[Item]:
    return [Item(f"r{start + n}", "recommendation", body, lead_in=lead, addressees=("force",), addressee_text=phrase,
                 deadline=deadline, parent=coc) for n, body in enumerate(bodies)]


def _grades_table(st: dict, grades: dict[str, str], width: float) -> Table:
    rows = [[Paragraph("<b>Area</b>", st["cell"]), Paragraph("<b>Grade</b>", st["cell"])]]
    rows += [[Paragraph(area, st["cell"]), Paragraph(grade, st["cell"])] for area, grade in grades.items()]
    table = Table(rows, colWidths=[width * 0.6, width * 0.4])
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.white), ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eeeeee"))]
    for row, grade in enumerate(grades.values(), start=1):
        style.append(("BACKGROUND", (1, row), (1, row), colors.HexColor(GRADES[grade])))
    table.setStyle(TableStyle(style))
    return table


def peel_2022(seed: int) -> Plan:
    force = pick(FORCES, seed, 0)
    stem = "peel-2021-22-" + force.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/peel-2021-22")
    pub = publication_date(rng, 2022, (3, 4, 6, 9))
    coc = Item("coc1", "cause_of_concern", f"{force} isn’t answering emergency and non-emergency calls quickly "
               "enough. This means that it can’t always identify vulnerable callers or respond to them in good time.",
               label="Cause of concern")
    lead = f"Within three months, {force} should:"
    recs = _recs("coc1", lead, force, within(3, pub), [
        "make sure it has enough call handlers on duty to meet expected demand, including at peak times;",
        "make sure call handlers use a structured risk assessment for every call, so that repeat and vulnerable "
        "callers are identified; and",
        "monitor how many calls to its non-emergency number are abandoned, and take action when the rate rises.",
    ], 1)
    afis = _afis(rng, force, 7, numbered=False)
    grades = dict(zip(AREAS, ["Good", "Adequate", "Inadequate", "Requires improvement", "Requires improvement",
                              "Adequate", "Good", "Adequate"]))
    placed = {"Investigating crime": afis[:2], "Protecting vulnerable people": afis[2:4], "Preventing crime": afis[4:5],
              "Good use of resources": afis[5:6], "Managing offenders": afis[6:]}
    st = styles("Helvetica", "Helvetica-Bold", 10, 13.5, heading_colour=colors.HexColor("#4b2e83"))
    title = f"PEEL 2021/22: an inspection of {force}"
    layout = Layout(title=title, header=f"PEEL 2021/22 – {force}", rule=colors.HexColor("#4b2e83"),
                    footer="Page {page} of {total}", footer_align="right")
    width = layout.pagesize[0] - 50 * mm
    text = Narrative(rng, "the force", ["call handling", "investigations", "neighbourhood policing", "vetting",
                                        "offender management", "workforce wellbeing", "stop and search"], PEOPLE)
    bodies = {area: text.paragraphs(rng.randint(2, 4)) for area in AREAS}
    overview = text.paragraphs(2)

    def build(info, log):
        out = S.cover(st, [("h2", "PEEL 2021/22"), ("h3", "Police effectiveness, efficiency and legitimacy"),
                           ("cover", f"An inspection of {force}"), ("body", f"Published {long_date(pub)}")])
        out += [para("Overall summary", st["h1"]), para("Our judgments", st["h2"]), _grades_table(st, grades, width),
                Spacer(1, 10)] + S.narrative(st, overview)
        out.append(para("The force should be proud of the way its officers work with young people in schools.",
                        st["body"]))
        out.append(PageBreak())
        for area in AREAS:
            grade = grades[area]
            out += [CondPageBreak(120), para(area, st["h1"]),
                    para(f"{force} is {grade.lower()} at {area[0].lower() + area[1:]}.", st["h3"])]
            if area == "Responding to the public":
                out += [para("Cause of concern", st["h2"]), S.printing(coc, st["item"], log),
                        para("Recommendations", st["h3"])]
                out += S.lead_in_block(lead, recs, st, log)
            found = placed.get(area, [])
            if found:
                out.append(para("Areas for improvement" if len(found) > 1 else "Area for improvement", st["h2"]))
                out += [S.printing(item, st["item"], log) for item in found]
            out.append(para("Main findings", st["h3"]))
            out += S.narrative(st, bodies[area])
            if area == "Investigating crime":
                out.append(para("Officers told us that they felt the force should invest in better mobile "
                                "technology.", st["body"]))
        return out

    items = [coc] + recs + afis
    return Plan(stem, "PEEL force", title, pub.isoformat(), items, lambda path: render(path, layout, build))


def peel_2025(seed: int) -> Plan:
    force = pick(FORCES, seed, 1)
    stem = "peel-2023-25-" + force.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/peel-2023-25")
    pub = publication_date(rng, 2025, (1, 2, 5, 6))
    y = pub.year
    coc1 = Item("coc1", "cause_of_concern", "The force isn’t consistently giving victims of crime a good service. "
                "Too many investigations are closed before all reasonable lines of enquiry have been followed, and "
                "supervisors rarely give them direction.", "1", "Cause of concern 1")
    lead1 = "Within six months, the force should:"
    recs1 = _recs("coc1", lead1, "the force", within(6, pub), [
        "make sure that investigations are allocated to people with the right skills and enough time to complete "
        "them;",
        "make sure that supervisors review open investigations regularly and record clear directions; and",
        "make sure that all reasonable lines of enquiry are completed before an investigation is closed.",
    ], 1)
    coc2 = Item("coc2", "cause_of_concern", "The force doesn’t do enough to protect children at risk of "
                "exploitation. It doesn’t always share information with partner agencies quickly, and it has a "
                "backlog of referrals that haven’t been assessed.", "2", "Cause of concern 2")
    due = date(y, 12, 31) if pub.month < 6 else date(y + 1, 3, 31)
    lead2 = f"By {long_date(due)}, the force should:"
    recs2 = _recs("coc2", lead2, "the force", by_date(due), [
        "clear the backlog of referrals that haven’t been assessed, and put in place a way to stop one building up "
        "again; and",
        "make sure that information about children at risk of exploitation is shared with partner agencies within "
        "24 hours.",
    ], 4)
    afis = _afis(rng, force, 6, numbered=True)
    st = styles("Times-Roman", "Times-Bold", 11, 14.5, heading_font="Helvetica-Bold",
                heading_colour=colors.HexColor("#003c71"))
    title = f"PEEL 2023–25 Police effectiveness, efficiency and legitimacy: an inspection of {force}"
    layout = Layout(title=title, header=force, header_align="right", footer="{page}", footer_align="outer",
                    band=colors.HexColor("#003c71"), margins=(24 * mm, 24 * mm, 28 * mm, 22 * mm))
    width = layout.pagesize[0] - 48 * mm
    text = Narrative(rng, "the force", ["investigation standards", "child exploitation", "call handling",
                                        "crime recording", "public trust", "vetting"], PEOPLE)
    sections = [("Investigating crime", [coc1], [afis[0], afis[1]]),
                ("Protecting vulnerable people", [coc2], [afis[2]]),
                ("Responding to the public", [], [afis[3]]),
                ("Building, supporting and protecting the workforce", [], [afis[4], afis[5]])]
    bodies = {name: text.paragraphs(rng.randint(3, 5)) for name, *_r in sections}
    intro = text.paragraphs(2)
    leads = {"coc1": (lead1, recs1), "coc2": (lead2, recs2)}

    def afi_box(item, log):
        return [CondPageBreak(70), boxed([[para(item.label, st["label"])], [S.printing(item, st["item"], log)]],
                                         width, colors.HexColor("#e8eef5"), head_fill=colors.HexColor("#c5d5e8")),
                Spacer(1, 6)]

    def build(info, log):
        out = S.cover(st, [("h3", "PEEL 2023–25"), ("h2", "Police effectiveness, efficiency and legitimacy"),
                           ("cover", f"An inspection of {force}"), ("body", f"Published on {long_date(pub)}")])
        out += [para("About this inspection", st["h1"])] + S.narrative(st, intro)
        out.append(para("We identified two causes of concern and six areas for improvement.", st["body"]))
        for name, causes, found in sections:
            out += [CondPageBreak(150), para(name, st["h1"])]
            out += S.narrative(st, bodies[name][:2])
            for cause in causes:
                out += [para(cause.label, st["h2"]), S.printing(cause, st["item"], log),
                        para("Recommendations", st["h3"])]
                lead, recs = leads[cause.key]
                out += S.lead_in_block(lead, recs, st, log, glyph="\u2013")
            for item in found:
                out += afi_box(item, log)
            out += S.narrative(st, bodies[name][2:])
        return out

    items = [coc1] + recs1 + [coc2] + recs2 + afis
    return Plan(stem, "PEEL force", title, pub.isoformat(), items, lambda path: render(path, layout, build))


def peel_columns(seed: int) -> Plan:
    force = pick(FORCES, seed, 2)
    stem = "peel-assessment-" + force.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/peel-columns")
    pub = publication_date(rng, 2023, (2, 3, 4))
    y = pub.year
    coc = Item("coc1", "cause_of_concern", "The force doesn’t manage the risk posed by registered sex offenders well "
               "enough. Many home visits are overdue, and risk assessments are often out of date.",
               label="Cause of concern")
    lead = f"By 31 December {y}, {force} should:"
    recs = _recs("coc1", lead, force, by_date(date(y, 12, 31)), [
        "make sure that every overdue home visit to a registered sex offender has been completed, and that risk "
        "assessments are brought up to date;",
        "make sure that its offender managers have workloads that allow them to manage the risk posed by each "
        "offender.",
    ], 1)
    afis = _afis(rng, force, 7, numbered=False, named=2)
    st = styles("Helvetica", "Helvetica-Bold", 9, 12, heading_colour=colors.HexColor("#6d1a36"))
    title = f"{force}: PEEL assessment {y}"
    layout = Layout(title=title, columns=2, header=f"{force} PEEL assessment", header_align="left",
                    footer="{title} | page {page}", footer_align="right", margins=(18 * mm, 18 * mm, 24 * mm, 20 * mm))
    text = Narrative(rng, "the force", ["offender management", "neighbourhood policing", "custody",
                                        "professional standards", "demand", "partnership work"], PEOPLE)
    chapters = ["Summary", "Protecting vulnerable people", "Managing offenders and suspects", "Legitimacy",
                "Efficiency"]
    bodies = [text.paragraphs(rng.randint(4, 6), (3, 5)) for _ in chapters]
    placement = {1: afis[:2], 2: afis[2:3], 3: afis[3:5], 4: afis[5:]}
    fill, state = [text.sentence() for _ in range(12)], {"extra": 0}
    filler = [text.sentence() for _ in range(40)]
    shade = colors.HexColor("#f4e9ed")

    def build(info, log):
        out = S.cover(st, [("cover", force), ("h2", f"PEEL assessment {y}"),
                           ("body", f"Publication date {long_date(pub)}")])
        for n, name in enumerate(chapters):
            out.append(para(name, st["h2"]))
            for m, body in enumerate(bodies[n]):
                out.append(para(padded(body, fill, state) if (n, m) == (4, 1) else body, st["body"]))
                if n == 2 and m == 0:
                    out += [CondPageBreak(140), boxed([[para("Cause of concern", st["label"])],
                                                       [S.printing(coc, st["item"], log)]],
                                                      (layout.pagesize[0] - 36 * mm - 8 * mm) / 2, shade),
                            Spacer(1, 4), para("Recommendations", st["label"])]
                    out += S.lead_in_block(lead, recs, st, log)
                if m == 1:
                    for item in placement.get(n, []):
                        if item.key == "afi6":  # runs over a column and page break inside its panel
                            out.append(FillBefore(filler, st["body"], 6 + 14 + 2 * st["item"].leading + 6))
                        inner = Paragraph(f"<b>{item.label}</b><br/>{markup(item.body)}", st["item"])
                        out.append(Tracked(Panel(inner, shade, accent=colors.HexColor("#6d1a36")), item.key, log))
        return out

    items = [coc] + recs + afis
    return Plan(stem, "PEEL force", title, pub.isoformat(), items,
                lambda path: render_straddling(path, layout, build, state, "afi6"))


WRITERS = [peel_2022, peel_2025, peel_columns]
