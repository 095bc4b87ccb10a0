"""Flowing reports (3): a child protection inspection of one force, a joint inspection with
recommendations by addressee in ruled tables, an inspection of a national agency, a national fire
and rescue thematic and a digital forensics thematic with notes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.platypus import (CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer,
                                Table, TableStyle)

from . import flow_kit as fk
from .filler import Filler
from .gold import NO_DEADLINE, Item, Report, deadline
from .reports_flow_a import _cover

ORANGE, INDIGO, OLIVE, RUST, CYAN = (HexColor(c) for c in ("#e65100", "#283593", "#556b2f", "#a0401a", "#00838f"))


def child_protection_fallowfield(out: Path, seed: int) -> Report:
    r = Report("child_protection_fallowfield_2023", "single_force_other",
               "National child protection inspection: Fallowfield Police", date(2023, 10, 12))
    f = Filler(seed, r.stem)
    six, three = (deadline("relative", t, r.published) for t in ("Within six months", "Within three months"))
    specs = [
        ("Within three months, Fallowfield Police should make sure that officers attending domestic abuse "
         "incidents speak to and record the views of every child present.", three, "Fallowfield Police"),
        ("Within three months, the force should review all open investigations of child sexual abuse to make "
         "sure they are progressing without delay.", three, "the force"),
        ("Within six months, the force should make sure that strategy discussions take place whenever there "
         "is reasonable cause to suspect a child is suffering significant harm.", six, "the force"),
        ("Within six months, Fallowfield Police should improve the quality and timeliness of the information "
         "it shares with children’s social care.", six, "Fallowfield Police"),
        ("Within three months, the force should make sure that children detained in custody are transferred "
         "to local authority accommodation when they are charged and refused bail.", three, "the force"),
        ("Within six months, the force should make sure that supervisors review child protection "
         "investigations regularly and record their directions.", six, "the force"),
        ("Within six months, the force should improve how it identifies children at risk of exploitation "
         "when they go missing.", six, "the force"),
    ]
    recs = [r.add(Item("recommendation", b, str(n), str(n), addressees=("force",), addressee_text=t, deadline=d))
            for n, (b, d, t) in enumerate(specs, start=1)]
    joint = r.add(Item("recommendation", "Within six months, Fallowfield Police and the Fallowfield Safeguarding "
                       "Children Partnership should agree a joint plan to reduce the number of children who go "
                       "missing from care more than once.", "8", "8",
                       addressees=("force", "fallowfield_safeguarding_children_partnership"),
                       addressee_text="Fallowfield Police and the Fallowfield Safeguarding Children Partnership",
                       deadline=six))
    recs.append(joint)
    body = fk.style("body", "vera", 10, 13.5, after=7, align=0)
    h1 = fk.style("h1", "vera", 16, bold=True, color="#e65100", after=10, align=0)
    rec_style = fk.style("rec", "vera", 9.5, 12.5, after=0, align=0)
    decorate = fk.running("National child protection inspection: Fallowfield Police", family="vera",
                          colour="#e65100", align="center")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["National child protection", "inspection", "Fallowfield Police"],
                                            "12 October 2023", ORANGE, "vera")),
        fk.template("one", "one", decorate), fk.template("two", "two", decorate, gap=24)])
    story = [NextPageTemplate("one"), PageBreak(), fk.para("1. Summary of findings", h1)]
    story += [fk.para(t, body) for t in f.paras(5, 2, 4)]
    story.append(fk.para("By 30 June 2023, 1,116 children had been referred by the force to children’s social "
                         "care. " + f.sentence(), body))
    story.append(fk.para("We made eight recommendations. The force should be proud of the commitment of its "
                         "child protection officers, who we found to be dedicated and caring.", body))
    story += [NextPageTemplate("two"), PageBreak(), fk.para("2. Recommendations", h1)]
    col = (A4[0] - 124 - 24) / 2
    for rec in recs:
        story.append(fk.beside(fk.Badge(rec.number, ORANGE, "circle", 18), fk.para(rec.body, rec_style, rec),
                               (26, col - 26)))
        story.append(Spacer(1, 8))
    story += [NextPageTemplate("one"), PageBreak()]
    for title in ["3. Leadership and management", "4. Initial response", "5. Investigation",
                  "6. Working with partners"]:
        story += [CondPageBreak(120), fk.para(title, h1)]
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(4, 6), 2, 4)]
    doc.build(story)
    return r


def joint_youth(out: Path, seed: int) -> Report:
    r = Report("joint_youth_justice_2023", "joint",
               "A joint inspection of the criminal justice response to children who offend", date(2023, 6, 29))
    f = Filler(seed, r.stem)
    groups = [
        ("Recommendations for chief constables", ("chief_constables",), "chief constables", [
            ("Make sure that custody officers request an appropriate adult for every child as soon as the child "
             "arrives in custody.", ("date", "31 March 2024")),
            ("Make sure that out-of-court disposals for children are decided jointly with the youth justice "
             "service.", ("date", "31 March 2024")),
            ("Record the ethnicity of every child who is stopped and searched.", ("month", "December 2024"))]),
        ("Recommendations for police and crime commissioners", ("police_and_crime_commissioners",),
         "police and crime commissioners", [
            ("Commission diversion schemes for children that are available across the whole of their area.",
             ("relative", "Within 12 months")),
            ("Include the outcomes for children in their scrutiny of out-of-court disposals.", None)]),
        ("Recommendations for the Youth Justice Board", ("youth_justice_board",), "the Youth Justice Board", [
            ("Publish guidance on the joint decision-making process for out-of-court disposals.",
             ("date", "30 September 2023")),
            ("Collect and publish national data on the use of diversion.", ("date", "31 March 2024"))]),
        ("Recommendations for the Home Office and the Ministry of Justice", ("home_office", "ministry_of_justice"),
         "the Home Office and the Ministry of Justice", [
            ("Review the statutory guidance on the detention of children in police custody.",
             ("month", "March 2024"))]),
        ("Recommendation for NHS England", ("nhs_england",), "NHS England", [
            ("Make sure that liaison and diversion services are available to children in every custody suite.",
             ("year_end", "End of 2024"))]),
    ]
    items, n = [], 0
    for heading, ids, atext, rows in groups:
        for text, due in rows:
            n += 1
            d = deadline(due[0], due[1], r.published) if due else NO_DEADLINE
            items.append((heading, r.add(Item("recommendation", text, str(n), str(n), addressees=ids,
                                              addressee_text=atext, deadline=d, where="heading/cell"))))
    body = fk.style("body", "times", 10.5, 13, after=6, align=4)
    h1 = fk.style("h1", "helvetica", 14, bold=True, color="#283593", after=8, before=6, align=0)
    h2 = fk.style("h2", "helvetica", 10.5, bold=True, color="#283593", after=4, before=10, align=0)
    cell = fk.style("cell", "times", 10, 12.5, after=0, align=0)
    head_cell = fk.style("hc", "helvetica", 9, 11, bold=True, after=0, align=0)
    decorate = fk.running(r.title, colour="#283593", align="right", band=INDIGO)
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["A joint inspection of the", "criminal justice response",
                                             "to children who offend"],
                                            "HMICFRS, HM Inspectorate of Probation and Ofsted | 29 June 2023", INDIGO)),
        fk.template("one", "one", decorate, margins=(66, 66, 86, 84))])
    story = [NextPageTemplate("one"), PageBreak(), fk.para("Foreword", h1)]
    story += [fk.para(t, body) for t in f.paras(4, 3, 4)]
    story += [PageBreak(), fk.para("Recommendations", h1),
              fk.para("We make nine recommendations. Each is set out below with the date by which we expect "
                      "it to be implemented.", body)]
    width = A4[0] - 132
    for heading, ids, atext, rows in groups:
        mine = [item for h, item in items if h == heading]
        data = [[fk.para("No.", head_cell), fk.para("Recommendation", head_cell), fk.para("By", head_cell)]]
        for item in mine:
            data.append([fk.para(item.number, cell), fk.para(item.body, cell, item),
                         fk.para(item.deadline.text or "–", cell)])
            r.sources.append(heading)
        table = Table(data, colWidths=[34, width - 34 - 96, 96], repeatRows=1)
        table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.4, INDIGO), ("LINEBELOW", (0, 0), (-1, -1), 0.5,
                                   INDIGO), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        story += [KeepTogether([fk.para(heading, h2), table])]
    for title in ["1. Introduction", "2. Children in police custody", "3. Out-of-court disposals",
                  "4. Partnership working"]:
        story += [PageBreak(), fk.para(title, h1)]
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(5, 8), 2, 4)]
        if title.startswith("3"):
            story.append(fk.para("Some youth justice workers told us that police forces should do more to explain "
                                 "diversion to children and their families. " + f.sentence(), body))
    doc.build(story)
    return r


def agency_nca(out: Path, seed: int) -> Report:
    r = Report("agency_nca_intelligence_2024", "national_other",
               "An inspection of the National Crime Agency’s management of intelligence", date(2024, 1, 25))
    f = Filler(seed, r.stem)
    dl = lambda kind, text: deadline(kind, text, r.published)  # noqa: E731
    nca = ("nca",)
    specs = [
        ("By 31 October 2024, the National Crime Agency should make sure that all intelligence it receives "
         "from partners is assessed and graded within 48 hours.", nca, "the National Crime Agency",
         ("date", "By 31 October 2024")),
        ("By 31 October 2024, the NCA and the Home Office should agree how the agency’s intelligence systems "
         "will be replaced, with a timetable for doing so.", ("nca", "home_office"), "the NCA and the Home Office",
         ("date", "By 31 October 2024")),
        ("Within nine months, the NCA, working with regional organised crime units, should introduce a single "
         "process for tasking intelligence development work.", nca, "the NCA", ("relative", "Within nine months")),
        ("By 31 March 2025, chief officers with responsibilities for regional organised crime units should make "
         "sure that their units record intelligence on the NCA’s systems.", ("rocu",),
         "chief officers with responsibilities for regional organised crime units", ("date", "By 31 March 2025")),
        ("The director general of the National Crime Agency should, by the end of 2024, publish the agency’s "
         "intelligence requirements for its partners.", nca, "The director general of the National Crime Agency",
         ("year_end", "by the end of 2024")),
        ("By 30 June 2024, the NCA should make sure that its staff receive training in the handling of "
         "sensitive intelligence.", nca, "the NCA", ("date", "By 30 June 2024")),
    ]
    recs = [r.add(Item("recommendation", b, str(n), f"Recommendation {n}", addressees=a, addressee_text=t,
                       deadline=dl(*d))) for n, (b, a, t, d) in enumerate(specs, start=1)]
    afi_specs = ["The NCA should improve how it records the reasons for its decisions not to develop intelligence.",
                 "The NCA should make sure that its analysts have access to the data sets they need.",
                 "The NCA needs to improve the way it evaluates the outcomes of its intelligence work.",
                 "The NCA should make sure its staff understand how to refer intelligence to police forces."]
    afis = [r.add(Item("area_for_improvement", b, str(n), f"Area for improvement {n}", addressees=nca,
                       addressee_text="The NCA")) for n, b in enumerate(afi_specs, start=1)]
    body = fk.style("body", "helvetica", 10.5, 14.5, after=8, align=0)
    h1 = fk.style("h1", "helvetica", 15, bold=True, color="#556b2f", after=8, align=0)
    lab = fk.style("lab", "helvetica", 10.5, 13, bold=True, color="#556b2f", after=2, align=0)
    it = fk.style("it", "helvetica", 10, 13, after=10, align=0)
    decorate = fk.running("The National Crime Agency’s management of intelligence", colour="#556b2f")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["An inspection of the", "National Crime Agency’s",
                                             "management of intelligence"], "25 January 2024", OLIVE)),
        fk.template("one", "one", decorate), fk.template("two", "two", decorate, gap=26)])
    story = [NextPageTemplate("one"), PageBreak(), fk.para("Summary", h1)]
    story += [fk.para(t, body) for t in f.paras(4, 2, 4)]
    story += [NextPageTemplate("two"), PageBreak(), fk.para("Recommendations", h1)]
    for rec in recs:
        story += [KeepTogether([fk.para(rec.label, lab), fk.para(rec.body, it, rec)])]
    story += [fk.para("Areas for improvement", h1)]
    col = (A4[0] - 124 - 26) / 2
    for afi in afis:
        story += [KeepTogether([fk.boxed([fk.para(afi.label, lab), fk.para(afi.body, it, afi)], col,
                                         stroke=OLIVE, pad=6), Spacer(1, 8)])]
    story += [NextPageTemplate("one"), PageBreak()]
    for title in ["1. Context", "2. Receiving intelligence", "3. Developing intelligence", "4. Sharing intelligence"]:
        story += [CondPageBreak(120), fk.para(title, h1)]
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(4, 6), 2, 4)]
    doc.build(story)
    return r
