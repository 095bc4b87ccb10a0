"""More national reports: a recommendations table whose lead column names the addressee, a joint
inspection with its list in a box, and a fire thematic with shaded panels that run over pages."""
from __future__ import annotations

import random
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

from . import story as S
from .docs import Layout, padded, render, render_straddling
from .kit import NO_DEADLINE, FillBefore, Item, Panel, Plan, Tracked, boxed, markup, para, styles
from .words import Narrative, by_date, by_financial_year, by_month, by_year_end, immediate, long_date, \
    publication_date, within

FIRE_PEOPLE = ["firefighters", "on-call firefighters", "station managers", "control room staff", "watch managers",
               "members of the senior leadership team", "support staff", "union representatives", "HR staff"]
PLUM = colors.HexColor("#5b2a5e")
RED = colors.HexColor("#a4262c")


def organised_crime(seed: int) -> Plan:
    stem = "regional-organised-crime-units-inspection"
    rng = random.Random(f"{seed}/{stem}")
    pub = publication_date(rng, 2024, (1, 2, 3, 10, 11))
    y = pub.year
    rocu = "Chief officers with responsibilities for regional organised crime units"
    rows = [
        (rocu, ("rocu",), f"By 31 March {y + 1}, make sure that each unit has a single tasking process that covers "
         "every organised crime group mapped in its region.", by_date(date(y + 1, 3, 31))),
        (rocu, ("rocu",), f"By 30 September {y + 1}, agree with forces in the region which undercover and "
         "surveillance capabilities are to be held regionally and which locally.", by_date(date(y + 1, 9, 30))),
        ("The National Crime Agency", ("nca",), f"By 31 December {y + 1}, agree with regional units how "
         "intelligence packages are to be passed on and acted upon, and record the outcome of each package.",
         by_date(date(y + 1, 12, 31))),
        ("The National Crime Agency", ("nca",), "Within six months, publish the national threat priorities in a "
         "form that regional analysts can use without further processing.", within(6, pub)),
        ("The Home Office", ("home_office",), f"By the end of the {y + 1}/{(y + 2) % 100} financial year, confirm "
         "funding for regional units for at least three years at a time.", by_financial_year(y + 1, "By the end of the")),
        ("The Home Office and the NPCC", ("home_office", "npcc"), f"By June {y + 1}, publish a national "
         "performance framework for serious and organised crime.", by_month(y + 1, 6)),
        ("Chief constables", ("chief_constables",), "Make sure that local serious and organised crime profiles "
         "are refreshed every year and shared with the regional unit.", NO_DEADLINE),
        ("Police and crime commissioners", ("police_and_crime_commissioners",), f"By 31 March {y + 1}, set out in "
         "their police and crime plans how they will hold regional units to account.", by_date(date(y + 1, 3, 31))),
    ]
    items = [Item(f"r{n}", "recommendation", text, str(n), str(n), addressees=ids,
                  addressee_text=lead, addressee_from=lead, deadline=deadline)
             for n, (lead, ids, text, deadline) in enumerate(rows, start=1)]
    st = styles("Helvetica", "Helvetica-Bold", 10, 13.5, heading_colour=PLUM)
    title = "Disrupting serious and organised crime: an inspection of regional organised crime units"
    layout = Layout(title=title, header="Regional organised crime units", header_align="left", rule=PLUM,
                    footer="{page}", footer_align="right", margins=(22 * mm, 22 * mm, 26 * mm, 22 * mm))
    width = layout.pagesize[0] - 44 * mm
    text = Narrative(rng, "regional units", ["tasking", "covert capabilities", "intelligence packages",
                                              "threat assessment", "asset recovery", "funding"])

    summary = text.paragraphs(3)
    chapters = ["Tasking and coordination", "Working with the National Crime Agency", "Funding and performance"]
    bodies = [text.paragraphs(rng.randint(5, 7)) for _ in chapters]

    def table(log) -> Table:
        head = [Paragraph(markup(h), st["cellb"]) for h in ("Who", "No.", "Recommendation")]
        body = []
        for n, (item, (lead, *_rest)) in enumerate(zip(items, rows)):
            show = n == 0 or rows[n - 1][0] != lead
            lead_cell = Tracked(Paragraph(markup(lead), st["cellb"]), f"from:{lead}", log) if show else ""
            body.append([lead_cell, Paragraph(item.label, st["cell"]),
                         Tracked(Paragraph(markup(item.body), st["cell"]), item.key, log)])
        t = Table([head] + body, colWidths=[45 * mm, 12 * mm, width - 57 * mm], repeatRows=1)
        style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4d5e6")),
                 ("VALIGN", (0, 0), (-1, -1), "TOP")]
        start = 1
        for n in range(1, len(rows) + 1):
            if n == len(rows) or rows[n][0] != rows[n - 1][0]:
                if n > start:
                    style.append(("SPAN", (0, start), (0, n)))
                start = n + 1
        for r in range(1, len(rows) + 1, 2):
            style.append(("BACKGROUND", (1, r), (2, r), colors.HexColor("#f6f0f7")))
        t.setStyle(TableStyle(style))
        return t

    def build(info, log):
        out = S.cover(st, [("h3", "HMICFRS"), ("cover", "Disrupting serious and organised crime"),
                           ("h2", "An inspection of regional organised crime units"),
                           ("body", f"Published: {long_date(pub)}")])
        out += [para("Summary", st["h1"])] + S.narrative(st, summary)
        out.append(para(f"In {y - 3}, we recommended that chief officers with responsibilities for regional organised "
                        "crime units should review their tasking arrangements. That work is not finished.", st["body"]))
        out.append(para("The Home Office should have been clearer about what it expected the units to achieve with "
                        "the extra funding it gave them.", st["body"]))
        out += [CondPageBreak(330), para("Our recommendations", st["h2"]), table(log), PageBreak()]
        for n, name in enumerate(chapters, start=1):
            out.append(para(f"{n}. {name}", st["h1"]))
            out += S.narrative(st, bodies[n - 1])
        return out

    return Plan(stem, "national thematic", title, pub.isoformat(), items, lambda path: render(path, layout, build))


def bail(seed: int) -> Plan:
    stem = "joint-inspection-pre-charge-bail"
    rng = random.Random(f"{seed}/{stem}")
    pub = publication_date(rng, 2023, (3, 4, 10, 11))
    y = pub.year
    recs = [
        (f"By 31 October {y + 1}, chief constables and the CPS should agree a joint protocol on the information "
         "needed before a charging decision is sought in a bail case.", ("chief_constables", "cps"),
         "chief constables and the CPS", by_date(date(y + 1, 10, 31))),
        ("Police forces should make sure that every suspect released under investigation is reviewed by an "
         "inspector at least every 28 days.", ("chief_constables",), "Police forces", NO_DEADLINE),
        ("The CPS should record, in every case, the date on which it received a full file from the police.",
         ("cps",), "The CPS", NO_DEADLINE),
        (f"By 31 March {y + 1}, the Home Office, working with the NPCC and the CPS, should review the statutory "
         "time limits for pre-charge bail.", ("home_office",), "the Home Office", by_date(date(y + 1, 3, 31))),
        ("Within three months of the publication of this report, the NPCC lead for criminal justice should write "
         "to all forces to set out how the bail provisions are to be applied to suspects in domestic abuse cases.",
         ("npcc",), "the NPCC lead for criminal justice", within(3, pub, " of the publication of this report")),
        ("HM Courts and Tribunals Service should publish data on the time taken to list applications to extend "
         "pre-charge bail.", ("hm_courts_and_tribunals_service",), "HM Courts and Tribunals Service", NO_DEADLINE),
        (f"By the end of {y + 1}, the College of Policing and the CPS should produce joint training on the use of "
         "bail conditions to protect victims.", ("college_of_policing", "cps"), "the College of Policing and the CPS",
         by_year_end(y + 1, "By the end of")),
    ]
    items = [Item(f"r{n}", "recommendation", text, str(n), f"{n}.", addressees=ids, addressee_text=phrase,
                  deadline=deadline) for n, (text, ids, phrase, deadline) in enumerate(recs, start=1)]
    st = styles("Times-Roman", "Times-Bold", 11, 15, heading_font="Helvetica-Bold", heading_colour=colors.black)
    title = "Under investigation: a joint inspection of the use of pre-charge bail and release under investigation"
    layout = Layout(title=title, header="A joint inspection by HMICFRS and HMCPSI", header_align="centre",
                    footer="Page {page}", footer_align="centre", margins=(32 * mm, 22 * mm, 25 * mm, 22 * mm),
                    furniture_font="Times-Italic")
    width = layout.pagesize[0] - 54 * mm
    text = Narrative(rng, "the police", ["pre-charge bail", "release under investigation", "charging decisions",
                                         "victim safeguarding", "file quality", "bail conditions"])

    summary = text.paragraphs(2)
    released = rng.randint(52, 68)
    chapters = ["Context", "Decisions to bail or release", "Reviewing cases", "Victims", "Courts and the time limits"]
    bodies = [text.paragraphs(rng.randint(3, 5)) for _ in chapters]

    def build(info, log):
        out = S.cover(st, [("h3", "HM Inspectorate of Constabulary and Fire &amp; Rescue Services"),
                           ("h3", "HM Crown Prosecution Service Inspectorate"), ("cover", "Under investigation"),
                           ("h2", "A joint inspection of the use of pre-charge bail and release under investigation"),
                           ("body", f"{long_date(pub)}")])
        out += [para("Executive summary", st["h1"])] + S.narrative(st, summary)
        out.append(para(f"By 31 March {y}, {released},000 suspects had been released under investigation "
                        "for more than six months.", st["body"]))
        out.append(para("We made seven recommendations, which are listed below.", st["body"]))
        listing = S.bullets(items, st["item"], log, numbered="1", indent=18)
        out += [CondPageBreak(300), boxed([[para("Recommendations", st["h3"])], [listing]], width,
                                          colors.HexColor("#f2f2f2"), border=colors.black), PageBreak()]
        for n, name in enumerate(chapters, start=1):
            out.append(para(f"{n}. {name}", st["h1"]))
            out += S.narrative(st, bodies[n - 1])
            if n in (2, 4):
                out.append(para(f"(See recommendation {n - 1}.)", st["body"]))
        return out

    return Plan(stem, "national thematic", title, pub.isoformat(), items, lambda path: render(path, layout, build))


def fire_culture(seed: int) -> Plan:
    stem = "standards-of-behaviour-fire-and-rescue"
    rng = random.Random(f"{seed}/{stem}")
    pub = publication_date(rng, 2023, (3, 4, 5, 6))
    y = pub.year
    cfo = ("fire_and_rescue_services",)
    recs = [
        ("a confidential route for concerns", f"By 1 March {y + 1}, chief fire officers should make sure that their "
         "services have a confidential way for staff to raise concerns about behaviour that does not go through "
         "the line management chain.", cfo, "chief fire officers", by_date(date(y + 1, 3, 1))),
        ("background checks", f"By 1 March {y + 1}, chief fire officers should make sure that background checks are "
         "carried out for all staff, in line with the advice of the Fire Standards Board.", cfo, "chief fire officers",
         by_date(date(y + 1, 3, 1))),
        ("a code of ethics in law", f"By 30 June {y + 1}, the Home Office should introduce a statutory code of ethics "
         "for fire and rescue services.", ("home_office",), "the Home Office", by_date(date(y + 1, 6, 30))),
        ("grievance procedures", f"By 31 December {y}, fire and rescue authorities should assure themselves that "
         "their services’ grievance procedures are used fairly and that the outcomes are monitored.",
         ("fire_and_rescue_authorities",), "fire and rescue authorities", by_date(date(y, 12, 31))),
        ("social media", f"By 1 June {y + 1}, the National Fire Chiefs Council, working with the Local Government "
         "Association, should produce guidance on how services monitor the use of social media by their staff.",
         ("national_fire_chiefs_council",), "the National Fire Chiefs Council", by_date(date(y + 1, 6, 1))),
        ("recording allegations", "With immediate effect, chief fire officers should make sure that every allegation "
         "of misconduct is recorded centrally, whatever its outcome.", cfo, "chief fire officers", immediate()),
        ("public assurance", f"By the end of {y + 1}, the Home Office and the Local Government Association should "
         "consider how the public can be assured that standards of behaviour are being met.",
         ("home_office", "local_government_association"), "the Home Office and the Local Government Association",
         by_year_end(y + 1, "By the end of")),
        ("workforce diversity", f"By 1 October {y + 1}, chief fire officers should review the diversity of their "
         "workforce against the communities they serve, and publish the results.", cfo, "chief fire officers",
         by_date(date(y + 1, 10, 1))),
        ("leadership training", "Within six months, fire and rescue authorities and chief fire officers should make "
         "sure that every member of the authority and every senior leader has completed training on the core code "
         "of ethics.", ("fire_and_rescue_authorities", "fire_and_rescue_services"),
         "fire and rescue authorities and chief fire officers", within(6, pub)),
        ("managers’ training", "Chief fire officers should make sure that every manager completes training on "
         f"handling disclosures of misconduct by September {y + 1}.", cfo, "Chief fire officers",
         by_month(y + 1, 9, lead="by")),
    ]
    items = [Item(f"r{n}", "recommendation", text, str(n), f"Recommendation {n}", addressees=ids,
                  addressee_text=phrase, deadline=deadline)
             for n, (_short, text, ids, phrase, deadline) in enumerate(recs, start=1)]
    st = styles("Helvetica", "Helvetica-Bold", 10, 13.5, heading_colour=RED)
    title = "Standards of behaviour: the handling of misconduct in fire and rescue services"
    layout = Layout(title=title, header="Standards of behaviour in fire and rescue services", header_align="right",
                    footer="{page}", footer_align="centre", band=colors.HexColor("#f3dcdc"))
    text = Narrative(rng, "the service", ["misconduct cases", "grievances", "background checks", "staff surveys",
                                          "leadership behaviour", "reporting concerns"], FIRE_PEOPLE)
    chapters = [("Culture and values", [1, 6]), ("Vetting and background checks", [2, 3]),
                ("Grievances and misconduct", [4, 5, 10]), ("Leadership and diversity", [7, 8, 9])]
    summary = text.paragraphs(2)
    bodies = {name: text.paragraphs(rng.randint(4, 6)) for name, _ in chapters}
    fill, state = [text.sentence() for _ in range(12)], {"extra": 0}
    filler = [text.sentence() for _ in range(40)]

    def panel(item, log):
        inner = Paragraph(f"<b>{item.label}</b><br/>{markup(item.body)}", st["item"])
        return [Spacer(1, 4), Tracked(Panel(inner, colors.HexColor("#fbeeee"), accent=RED), item.key, log)]

    def build(info, log):
        out = S.cover(st, [("cover", "Standards of behaviour"),
                           ("h2", "The handling of misconduct in fire and rescue services"),
                           ("body", f"Published {long_date(pub)}")])
        out += [para("Summary", st["h1"])] + S.narrative(st, summary)
        out.append(para("Our ten recommendations concern:", st["body"]))
        out += [para(f"Recommendation {n} – {short}", st["bullet"]) for n, (short, *_r) in enumerate(recs, start=1)]
        out.append(PageBreak())
        for name, refs in chapters:
            out.append(para(name, st["h1"]))
            pending = list(refs)
            for n, body in enumerate(bodies[name]):
                if name == chapters[-1][0] and n == len(bodies[name]) - 1:
                    body = padded(body, fill, state)
                out.append(para(body, st["body"]))
                if n in (1, 3) and pending:
                    out += panel(items[pending.pop(0) - 1], log)
            for ref in pending:
                if ref == 9:  # runs over a page break inside its panel
                    out.append(FillBefore(filler, st["body"], 4 + 6 + 14 + 2 * st["item"].leading + 13))
                out += panel(items[ref - 1], log)
        return out

    return Plan(stem, "national thematic", title, pub.isoformat(), items,
                lambda path: render_straddling(path, layout, build, state, "r9"))


WRITERS = [organised_crime, bail, fire_culture]
