"""National thematic police reports: a front list with boxed reprints, recommendations inline in
two-column chapters, and recommendations grouped under headings that name the addressee."""
from __future__ import annotations

import random
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer

from . import story as S
from .docs import Layout, padded, render, render_straddling
from .kit import NO_DEADLINE, FillBefore, Item, Plan, boxed, para, styles
from .words import NUMBER_WORDS, Narrative, by_date, by_financial_year, by_month, by_year_end, event, immediate, long_date, \
    publication_date, within

NAVY = colors.HexColor("#1f3864")
TEAL = colors.HexColor("#00646e")
GREEN = colors.HexColor("#2e6b30")


def _fonts(rng: random.Random) -> tuple[str, str]:
    return rng.choice([("Times-Roman", "Times-Bold"), ("Helvetica", "Helvetica-Bold")])


def missing_children(seed: int) -> Plan:
    stem = "seen-and-heard-missing-children"
    rng = random.Random(f"{seed}/{stem}")
    pub = publication_date(rng, 2023, (5, 6, 7, 9))
    y = pub.year
    chief, npcc = ("chief_constables",), ("npcc",)
    recs = [
        (f"By 31 March {y + 1}, chief constables should make sure that every report of a missing child is "
         "risk-assessed by a supervisor who has completed the College of Policing’s missing persons training, "
         "and that the reasons for the grading are recorded.", chief, "chief constables", by_date(date(y + 1, 3, 31))),
        (f"By 30 June {y + 1}, the National Police Chiefs’ Council lead for missing persons, working with the College "
         "of Policing, should publish guidance for forces on the use of return home interviews, so that the "
         "information children give is passed to the officers who investigate exploitation.", npcc,
         "the National Police Chiefs’ Council lead for missing persons", by_date(date(y + 1, 6, 30))),
        (f"By 31 December {y + 1}, chief constables and police and crime commissioners should review their "
         "arrangements with local authorities for commissioning return home interviews, and make sure that the "
         "interviews take place within 72 hours of a child’s return.", ("chief_constables", "police_and_crime_commissioners"),
         "chief constables and police and crime commissioners", by_date(date(y + 1, 12, 31))),
        ("With immediate effect, forces should stop using the ‘absent’ category for children who are reported "
         "missing.", chief, "forces", immediate()),
        (f"By April {y + 2}, the Home Office should amend the annual data requirement so that forces record how many "
         "children are reported missing more than three times in a year.", ("home_office",), "the Home Office",
         by_month(y + 2, 4)),
        ("Within six months of the publication of this report, the College of Policing should revise its authorised "
         "professional practice on missing persons to include the early signs of child criminal exploitation.",
         ("college_of_policing",), "the College of Policing", within(6, pub, " of the publication of this report")),
        (f"By 31 March {y + 2}, chief constables should make sure that their missing persons coordinators have enough "
         "capacity to analyse patterns of repeat missing episodes and to share that analysis with children’s "
         "services.", chief, "chief constables", by_date(date(y + 2, 3, 31))),
        ("Once the College of Policing has published its revised practice, chief constables should make sure that "
         "all call handlers and response supervisors are trained to apply it.", chief, "chief constables",
         event("Once the College of Policing has published its revised practice")),
        (f"By 30 September {y + 1}, the National Crime Agency should make sure that forces can search the records "
         "held by the UK Missing Persons Unit at any time of the day or night.", ("nca",),
         "the National Crime Agency", by_date(date(y + 1, 9, 30))),
        (f"By the end of {y + 1}, the Home Office and the Department for Education should agree how information "
         "about children placed out of their home area is to be shared with the police where they are placed.",
         ("home_office", "department_for_education"), "the Home Office and the Department for Education",
         by_year_end(y + 1, "By the end of")),
    ]
    items = [Item(f"r{n}", "recommendation", text, str(n), f"Recommendation {n}", addressees=a, addressee_text=at,
                  deadline=d) for n, (text, a, at, d) in enumerate(recs, start=1)]
    afis = [
        "Forces should improve the quality of the information they record when a child returns from a missing episode.",
        "Forces should make better use of the UK Missing Persons Unit’s records when they assess the risk to a child.",
    ]
    items += [Item(f"afi{n}", "area_for_improvement", text, str(n), f"Area for improvement {n}", addressees=chief,
                   addressee_text="Forces") for n, text in enumerate(afis, start=1)]
    font, bold = _fonts(rng)
    st = styles(font, bold, 10.5, 14, heading_font="Helvetica-Bold", heading_colour=NAVY)
    title = "Seen and heard: an inspection of how the police respond to missing children"
    layout = Layout(title=title, header="Seen and heard: missing children", header_align="right", rule=NAVY,
                    footer="Page {page} of {total}", footer_align="right", cover_fill=colors.HexColor("#dce6f2"))
    width = layout.pagesize[0] - layout.margins[0] - layout.margins[1]
    text = Narrative(rng, "the force", ["missing children", "return home interviews", "risk assessment",
                                        "repeat missing episodes", "information sharing", "supervision of cases"])
    chapters = [("1. Introduction", []), ("2. Reporting and risk", ["r1", "r4", "r8"]),
                ("3. Return home interviews", ["r2", "r3"]), ("4. Repeat missing episodes", ["r7", "afi1"]),
                ("5. National arrangements", ["r5", "r6", "r9", "r10", "afi2"])]
    by_key = {item.key: item for item in items}
    for_chiefs = sum(1 for item in items if item.kind == "recommendation" and "chief_constables" in item.addressees)
    bodies = {name: text.paragraphs(rng.randint(4, 6)) for name, _ in chapters}
    summary = text.paragraphs(3)
    fill, state = [text.sentence() for _ in range(12)], {"extra": 0}
    filler = [text.sentence() for _ in range(40)]
    repeat_count = rng.randint(1900, 2900)

    def box(item: Item) -> list:
        return [CondPageBreak(60), boxed([[para(item.label, st["label"])], [S.reprint(item, st["item"])]], width,
                                         colors.HexColor("#eef3fa"), border=NAVY), Spacer(1, 8)]

    def build(info, log):
        out = S.cover(st, [("h3", "HM Inspectorate of Constabulary and Fire &amp; Rescue Services"),
                           ("cover", "Seen and heard"),
                           ("h2", "An inspection of how the police respond to missing children"),
                           ("body", f"Published {long_date(pub)}")])
        out += S.contents(st, [("Summary", "h:sum"), ("Our recommendations", "h:recs")] +
                          [(name, f"h:{name}") for name, _ in chapters], info, width)
        out += [PageBreak(), S.heading("Summary", st["h1"], "h:sum", log)]
        out += S.narrative(st, summary[:-1] + [padded(summary[-1], fill, state)])
        out.append(para("We make ten recommendations and identify two areas for improvement. "
                        f"{NUMBER_WORDS[for_chiefs].capitalize()} of the recommendations are for chief constables, "
                        "alone or with others.", st["body"]))
        out += [CondPageBreak(200), S.heading("Our recommendations", st["h1"], "h:recs", log)]
        for item in items:
            if item.key == "afi1":
                out.append(para("Areas for improvement", st["h2"]))
            if item.key == "r3":  # runs over a page break, its label left at the foot of the page before
                label = st["label"].clone("label_loose", keepWithNext=0)
                room = label.leading + label.spaceAfter + 2 * st["item"].leading + st["body"].spaceAfter + 2
                out += [FillBefore(filler, st["body"], room),
                        para(item.label, label), S.printing(item, st["item"], log)]
                continue
            out += [para(item.label, st["label"]), S.printing(item, st["item"], log)]
        out.append(PageBreak())
        for name, refs in chapters:
            out += [S.heading(name, st["h1"], f"h:{name}", log)]
            paras = bodies[name]
            for n, body in enumerate(paras):
                out.append(para(body, st["body"]))
                if n == 1 and name.startswith("2."):
                    out.append(para(f"By 31 March {y}, {repeat_count:,} children in the forces we visited "
                                    "had been reported missing more than once in the preceding year.", st["body"]))
                if n == 2 and name.startswith("2."):
                    out.append(para("In our 2016 report on this subject, we said that forces should stop treating "
                                    "children as ‘absent’ when they could not be found. Not all of them have done so.",
                                    st["body"]))
                if n == 1 and name.startswith("4."):
                    out.append(para("One sergeant told us that the force should “stop seeing these children as a "
                                    "nuisance and start seeing them as victims”.", st["body"]))
            for ref in refs:
                out += box(by_key[ref])
        return out

    return Plan(stem, "national thematic", title, pub.isoformat(), items,
                lambda path: render_straddling(path, layout, build, state, "r3"))


def out_of_court(seed: int) -> Plan:
    stem = "counting-what-counts-out-of-court-resolutions"
    rng = random.Random(f"{seed}/{stem}")
    pub = publication_date(rng, 2024, (2, 3, 4, 5))
    y = pub.year
    recs = [
        ("Within six months of the publication of this report, chief constables should make sure that every "
         "out-of-court resolution is reviewed by a supervisor before it is finalised, and that the victim’s views "
         "are recorded.", ("chief_constables",), "chief constables", within(6, pub, " of the publication of this report")),
        (f"By the end of {y}, the NPCC lead for out-of-court resolutions and the College of Policing should publish "
         "a single framework for the use of community resolutions, with clear criteria for when they are "
         "appropriate.", ("npcc", "college_of_policing"),
         "the NPCC lead for out-of-court resolutions and the College of Policing", by_year_end(y, "By the end of")),
        (f"By the end of the {y}/{(y + 1) % 100} financial year, police and crime commissioners should make sure that "
         "the scrutiny panels they fund examine a sample of out-of-court resolutions at least every quarter.",
         ("police_and_crime_commissioners",), "police and crime commissioners", by_financial_year(y, "By the end of the")),
        ("Chief constables, working with police and crime commissioners, should make sure that diversionary "
         "schemes are available to every eligible adult in their force areas.", ("chief_constables",),
         "Chief constables", NO_DEADLINE),
        (f"By September {y + 1}, the Home Office should publish data on out-of-court resolutions by ethnicity and "
         "age for each force.", ("home_office",), "the Home Office", by_month(y + 1, 9)),
        ("Within 12 months, the Ministry of Justice should evaluate the effect of the two-tier framework on "
         "reoffending, and publish what it finds.", ("ministry_of_justice",), "the Ministry of Justice",
         within(12, pub, numeric=True)),
        (f"By 31 January {y + 1}, chief constables should make sure that officers record why they chose an "
         "out-of-court resolution rather than a charge.", ("chief_constables",), "chief constables",
         by_date(date(y + 1, 1, 31))),
        (f"By 31 March {y + 1}, the Crown Prosecution Service should give forces clear advice on which offences "
         "are suitable for a conditional caution.", ("cps",), "the Crown Prosecution Service",
         by_date(date(y + 1, 3, 31))),
    ]
    items = [Item(f"r{n}", "recommendation", text, str(n), f"Recommendation {n}", addressees=a, addressee_text=at,
                  deadline=d)
             for n, (text, a, at, d) in enumerate(recs, start=1)]
    items += [Item(f"afi{n}", "area_for_improvement", text, str(n), f"Area for improvement {n}",
                   addressees=("chief_constables",), addressee_text="Forces") for n, text in enumerate([
                       "Forces should make sure that officers understand the criteria for each type of out-of-court "
                       "resolution.",
                       "Forces should improve how they check that the conditions attached to a caution have been met.",
                   ], start=1)]
    st = styles("Helvetica", "Helvetica-Bold", 9.5, 12.5, heading_colour=TEAL)
    title = "Counting what counts: an inspection of the use of out-of-court resolutions"
    layout = Layout(title=title, columns=2, header="Out-of-court resolutions inspection", rule=TEAL,
                    footer="{page}", footer_align="outer", margins=(20 * mm, 20 * mm, 24 * mm, 20 * mm))
    text = Narrative(rng, "some forces", ["out-of-court resolutions", "community resolutions", "victim engagement",
                                          "scrutiny panels", "diversionary schemes", "conditional cautions"])
    plan = [("Why we did this inspection", []), ("Decision-making", [1, 7, 9]), ("The national framework", [2, 4]),
            ("Scrutiny and oversight", [3]), ("Data and disproportionality", [5, 6]), ("Prosecutors’ advice", [8, 10])]
    bodies = {name: text.paragraphs(rng.randint(4, 7), (3, 5)) for name, _ in plan}
    summary = text.paragraphs(3)
    given = rng.randint(3100, 4900)
    fill, state = [text.sentence() for _ in range(12)], {"extra": 0}
    filler = [text.sentence() for _ in range(40)]

    def build(info, log):
        out = S.cover(st, [("cover", "Counting what counts"),
                           ("h2", "An inspection of the use of out-of-court resolutions by police forces in England "
                                  "and Wales"), ("body", f"Date of publication: {long_date(pub)}")], then="wide")
        out += [para("Summary", st["h1"])] + S.narrative(st, summary)
        out.append(para("In this report we make eight recommendations and identify two areas for improvement. They "
                        "are set out in the chapters where the evidence for them is discussed.", st["body"]))
        out += [NextPageTemplate("body"), PageBreak()]
        for number, (name, refs) in enumerate(plan, start=1):
            out.append(para(f"{number}. {name}", st["h2"]))
            paras = bodies[name]
            for n, body in enumerate(paras):
                if number == 2 and n == len(paras) // 2:
                    body = padded(body, fill, state)
                out.append(para(body, st["body"]))
                if number == 2 and n == 1:
                    out.append(para(f"By 31 March {y - 1}, {given:,} out-of-court resolutions had "
                                    "been given to adults in the forces we inspected.", st["body"]))
                    out.append(para("In 11 cases, the officer should have consulted the victim before deciding. "
                                    "“We should be using these more, not less,” one sergeant told us.", st["body"]))
                if n == len(paras) // 2:
                    for ref in refs:
                        item = items[ref - 1]
                        if item.key == "r1":
                            label = st["label"].clone("label_loose", keepWithNext=0)
                            out += [FillBefore(filler, st["body"], label.leading + label.spaceAfter
                                               + 2 * st["item"].leading + st["body"].spaceAfter + 2),
                                    para(item.label, label), S.printing(item, st["item"], log)]
                            continue
                        out += [CondPageBreak(50), para(item.label, st["label"]), S.printing(item, st["item"], log)]
        return out

    return Plan(stem, "national thematic", title, pub.isoformat(), items,
                lambda path: render_straddling(path, layout, build, state, "r1"))


def wellbeing(seed: int) -> Plan:
    stem = "under-pressure-wellbeing-specialist-roles"
    rng = random.Random(f"{seed}/{stem}")
    pub = publication_date(rng, 2024, (6, 7, 8))
    y = pub.year
    groups = [
        ("Recommendations for chief constables", "chief constables", ("chief_constables",), [
            (f"By 30 September {y + 1}, put in place psychological screening for every officer and member of staff "
             "who works in a role that involves regular exposure to traumatic material.", by_date(date(y + 1, 9, 30))),
            (f"By 31 March {y + 1}, make sure that supervisors in high-risk roles have been trained to recognise the "
             "signs of trauma and to refer people for support.", by_date(date(y + 1, 3, 31))),
            ("Make sure that the occupational health service has enough capacity to see people within the "
             "timescales the force has set.", None),
            (f"By the end of {y + 1}, review the workloads of officers in child abuse investigation teams, and "
             "publish the results to the workforce.", by_year_end(y + 1, "By the end of")),
        ]),
        ("Recommendations for the National Police Chiefs’ Council", "the National Police Chiefs’ Council", ("npcc",), [
            (f"By 31 March {y + 1}, agree a national minimum standard for how often people in high-risk roles are "
             "screened.", by_date(date(y + 1, 3, 31))),
            ("Within nine months, set up a way for forces to share the results of their wellbeing surveys, so that "
             "good practice can be found and copied.", within(9, pub)),
        ]),
        ("Recommendation for the Home Office", "the Home Office", ("home_office",), [
            (f"By April {y + 1}, consider whether the Police Covenant should include a specific commitment on trauma "
             "support for officers in specialist roles.", by_month(y + 1, 4)),
        ]),
    ]
    items: list[Item] = []
    grouped: list[tuple[str, list[Item]]] = []
    for heading_text, phrase, ids, entries in groups:
        members = []
        for text, deadline in entries:
            n = len(items) + 1
            item = Item(f"r{n}", "recommendation", text, str(n), f"{n}.", addressees=ids, addressee_text=phrase,
                        addressee_from=heading_text, deadline=deadline or NO_DEADLINE)
            items.append(item)
            members.append(item)
        grouped.append((heading_text, members))
    afi_texts = [
        "Forces should make sure that people leaving high-risk roles are offered an exit interview with an "
        "occupational health professional.",
        "Forces should improve how they record the reasons officers give for leaving specialist roles.",
        "Forces need to make sure that wellbeing support is available to police staff as well as to officers.",
    ]
    afis = [Item(f"afi{n}", "area_for_improvement", text, addressees=("chief_constables",), addressee_text="Forces")
            for n, text in enumerate(afi_texts, start=1)]
    items += afis
    font, bold = _fonts(rng)
    st = styles(font, bold, 10.5, 14.5, heading_font="Helvetica-Bold", heading_colour=GREEN)
    title = "Under pressure: an inspection of how forces support the wellbeing of officers and staff in specialist roles"
    layout = Layout(title=title, header="Under pressure", header_align="centre", footer="{page}",
                    footer_align="right", band=colors.HexColor("#e3efe3"))
    quote_style = st["body"].clone("quote", leftIndent=24, rightIndent=24, fontName="Times-Italic")
    text = Narrative(rng, "the force", ["trauma support", "psychological screening", "occupational health",
                                        "workload in specialist teams", "supervisor training", "wellbeing surveys"])
    chapters = ["Introduction", "Screening and support", "Workloads", "National oversight"]
    bodies = [text.paragraphs(rng.randint(4, 6)) for _ in chapters]

    def build(info, log):
        out = S.cover(st, [("cover", "Under pressure"),
                           ("h2", "An inspection of how forces support the wellbeing of officers and staff in "
                                  "specialist roles"),
                           ("body", f"Published on {long_date(pub)}")])
        for n, name in enumerate(chapters, start=1):
            out.append(para(f"Chapter {n}: {name}", st["h1"]))
            out += S.narrative(st, bodies[n - 1])
            if n == 2:
                out.append(para("In our 2019 report on this subject, we recommended:", st["body"]))
                out.append(para(f"“By 31 March 2020, chief constables should make sure that they have an effective "
                                "trauma management programme for officers in high-risk roles.”", quote_style))
                out.append(para("We found that 9 of the 14 forces we inspected had done so by the end of that year.",
                                st["body"]))
        out += [PageBreak(), para("Chapter 5: Our recommendations", st["h1"])]
        out.append(para("We make seven recommendations. We also identify three areas for improvement for forces.",
                        st["body"]))
        for heading_text, members in grouped:
            out += [CondPageBreak(80), para(heading_text, st["h2"]),
                    S.bullets(members, st["item"], log, numbered="1", start=int(members[0].number), indent=20)]
        out.append(para("Areas for improvement", st["h2"]))
        for item in afis:
            out.append(S.printing(item, st["item"], log))
        return out

    return Plan(stem, "national thematic", title, pub.isoformat(), items, lambda path: render(path, layout, build))



WRITERS = [missing_children, out_of_court, wellbeing]
