"""Reports on one police force: two PEEL styles, an accelerated cause of concern, a child protection inspection."""
from __future__ import annotations

import random
from datetime import date

from reportlab.platypus import CondPageBreak, FrameBreak, KeepTogether

from .core import Item, Report, immediate, on, within
from .layout import TA_JUSTIFY, Kit, Marker, PageBreak, Spacer, Typo, colors, make_doc, switch
from .prose import Prose
from .shapes import FillTo, grades_table


def bold_subject(body: str) -> str:
    """Sets the subject and its modal in bold, as PEEL boxes do."""
    for modal in (" should ", " needs to "):
        if modal in body:
            head, rest = body.split(modal, 1)
            return f"<b>{head}{modal.rstrip()}</b> {rest}"
    return body


def peel_wealdmarsh(seed: int):
    force = "Wealdmarsh Constabulary"
    r = Report("peel-2025-wealdmarsh", "peel", f"PEEL 2023–2025: An inspection of {force}", date(2025, 4, 17))
    coc = r.add(Item("cause_of_concern", f"{force} doesn’t answer and respond to calls for service quickly enough, "
                     "and it doesn’t always assess the risk to callers properly when it delays its response."))
    lead = f"Within six months, {force} should:"
    recs = [r.add(Item("recommendation", body, ("force",), force, within("Within six months", 6), lead=lead, parent=coc))
            for body in (
                "make sure that it has enough call handlers on duty to answer emergency and non-emergency calls "
                "within national standards;",
                "introduce a structured process for reassessing risk when the attendance of an officer is delayed, "
                "and make sure callers are kept updated; and",
                "review how it allocates incidents that require a scheduled appointment so that victims are not left "
                "waiting without contact.")]
    afi_bodies = [
        ("The force should improve how it records its decisions when it closes an investigation without a suspect "
         "being identified.", "The force"),
        ("The force needs to make sure that victims’ needs assessments are completed and that victims are referred "
         "to support services.", "The force"),
        ("The force should make sure its officers record the grounds for stop and search clearly and that "
         "supervisors check those records.", "The force"),
        ("Wealdmarsh Constabulary should improve the way it identifies and manages the risks posed by registered "
         "sex offenders who are awaiting a home visit.", force),
        ("The force should make sure that officers and staff have a fair and consistent workload, and that it "
         "understands the effect of high workloads on their wellbeing.", "The force"),
        ("The force should understand the demand it faces from people in mental health crisis and agree with "
         "health partners how that demand will be met.", "The force"),
        ("The force needs to improve how it uses the information it gathers from communities to tackle "
         "neighbourhood crime.", "The force"),
        ("The force should make sure that it has an effective plan to improve the diversity of its workforce.",
         "The force"),
    ]
    afis = [r.add(Item("area_for_improvement", bold_subject(body), ("force",), who, number=str(n),
                       label=f"Area for improvement {n}")) for n, (body, who) in enumerate(afi_bodies, start=1)]
    t = Typo("vera", 9.5, 13.5, 6, 0, accent=colors.HexColor("#00616e"), heading="bar", folio="right")
    seen: dict[str, int] = {}

    def afi_box(k: Kit, item: Item):
        return k.box([k.p(item.label, "bold", textColor=t.accent), r.track(k.p(item.body, "flat"), item)],
                     fill="#e3f1f2")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed), "police")
        doc = make_doc(buf, r, t, header=f"PEEL 2023–2025 | {force}", footer="His Majesty’s Inspectorate of "
                       "Constabulary and Fire &amp; Rescue Services".replace("&amp;", "&"))
        sections = [("Responding to the public", "Inadequate", [], True), ("Investigating crime", "Requires improvement",
                    afis[0:2], False), ("Police powers and public treatment", "Adequate", afis[2:3], False),
                    ("Protecting vulnerable people", "Adequate", afis[3:4], False),
                    ("Building, supporting and protecting the workforce", "Requires improvement", afis[4:5], False),
                    ("Managing offenders and suspects", "Good", [], False),
                    ("Working with partners", "Requires improvement", afis[5:7], False),
                    ("Leadership and force management", "Adequate", afis[7:], False)]
        story = [Spacer(1, 30), k.p("PEEL 2023–2025", "title"), k.p("Police effectiveness, efficiency and legitimacy",
                 "subtitle"), k.p(f"An inspection of {force}", "subtitle", fontSize=18, leading=22),
                 Spacer(1, 40), k.p("Published 17 April 2025", "flat")]
        story += switch("body") + [k.p("Contents", "h1"),
                                   k.contents([(s[0], s[0]) for s in sections] + [("Summary of areas for improvement",
                                              "sum")], seen), PageBreak()]
        story += k.heading("Overall summary", 1) + [k.p(x) for x in pr.paragraphs(2)]
        story += [k.p("Our judgments", "h3"), grades_table(k, [(s[0], s[1]) for s in sections])]
        story += [k.p("In our 2022 inspection we said the force should improve how quickly it answers calls. "
                      "It has not made enough progress, and we have now identified a cause of concern."),
                  k.p(pr.paragraph())]
        for title, grade, these, concern in sections:
            story += [CondPageBreak(120), Marker(title, seen, "", k.s["small"])]
            story += k.heading(f"{title} – {grade}")
            story += [k.p(x) for x in pr.paragraphs(2)]
            if concern:
                story += [k.p("By 31 December 2024, 38 per cent of emergency calls had been answered outside the "
                              "national standard of ten seconds.")]
                story += [KeepTogether([k.bar("Cause of concern", colors.HexColor("#a3262a")), Spacer(1, 5),
                                        r.track(k.p(coc.body), coc)])]
                story += [KeepTogether([k.p("Recommendations", "h3"), r.track(k.p(lead, "flat"), *recs),
                                        k.bullets([r.track(k.p(x.body, "flat"), x) for x in recs])]),
                          Spacer(1, 6)]
            for item in these:
                story += [afi_box(k, item), Spacer(1, 8), k.p(pr.paragraph())]
            story += [k.p(x) for x in pr.paragraphs(1)]
        story += [PageBreak(), Marker("sum", seen, "", k.s["small"])] + k.heading("Summary of areas for improvement")
        rows = [[k.p("No.", "cellbold"), k.p("Area for improvement", "cellbold")]]
        rows += [[k.p(a.number, "cell"), k.p(a.body, "cell")] for a in afis]
        story += [k.grid(rows, ["10%", "90%"], stripe="#f1f6f7")]
        doc.build(story)

    return r, r.build(render)


def peel_fenland(seed: int):
    force = "Fenland Ridge Police"
    r = Report("peel-2022-fenland-ridge", "peel", f"PEEL 2021/22: An inspection of {force}", date(2022, 6, 9))
    plan = [
        ("Preventing crime and anti-social behaviour", "Good", []),
        ("Responding to the public", "Requires improvement", [
            "The force should make sure that repeat and vulnerable callers are identified when they contact the "
            "control room, so that its response reflects their needs.",
            "The force should reduce the number of 101 calls that are abandoned before they are answered."]),
        ("Investigating crime", "Adequate", [
            "The force should make sure that investigations are allocated to officers with the right skills and "
            "experience, and that supervisors review them at regular intervals. At present too many investigations "
            "of serious offences are left with inexperienced officers who have little time to progress them, and "
            "this is affecting the quality of the service that victims receive."]),
        ("Protecting vulnerable people", "Adequate", [
            "The force should improve its understanding of the nature and scale of child criminal exploitation in "
            "its area.",
            "The force should make sure that officers complete risk assessments for all domestic abuse incidents "
            "before they leave the scene."]),
        ("Treatment of the public", "Good", [
            "Fenland Ridge Police should make sure that it records the ethnicity of people it stops and searches."]),
        ("Good use of resources", "Requires improvement", [
            "The force should develop a workforce plan that shows how it will meet future demand.",
            "The force should make better use of the data it holds to understand how effective its spending is."]),
    ]
    afis = {}
    for _title, _grade, bodies in plan:
        for body in bodies:
            who = force if body.startswith(force) else "The force"
            afis[body] = r.add(Item("area_for_improvement", body, ("force",), who))
    t = Typo("times", 11, 13, 0, 16, align=TA_JUSTIFY, accent=colors.HexColor("#5b2a6e"), heading="smallcaps",
             folio="centre")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed * 7 + 1), "police")
        doc = make_doc(buf, r, t, header=f"{force}: PEEL 2021/22", footer="PEEL 2021/22", folio_offset=1)
        story = [Spacer(1, 20), k.p("PEEL 2021/22", "title", fontName="Times-Bold"),
                 k.p("Police effectiveness, efficiency and legitimacy", "subtitle"),
                 k.p(f"An inspection of {force}", "subtitle", fontSize=17, leading=21),
                 k.p("9 June 2022", "flat")] + switch("body")
        story += k.heading("About this inspection") + [k.p(x) for x in pr.paragraphs(3)]
        story += [k.p("Some officers told us the force should do more to recognise the work of its volunteers. "
                      + pr.sentence())]
        for n, (title, grade, bodies) in enumerate(plan):
            story += [CondPageBreak(90)] + k.heading(f"{title}: {grade}")
            story += [k.p(x) for x in pr.paragraphs(2 if n != 2 else 3)]
            if not bodies:
                continue
            if any(len(body) > 300 for body in bodies):
                # leaves room for the heading and two lines: the item breaks over the page mid-sentence
                story += [FillTo(3 * t.leading + 12, pr.sentences(60), k.s["body"])]
            story += [k.p("Areas for improvement" if len(bodies) > 1 else "Area for improvement", "h3",
                          fontName="Times-Bold", spaceBefore=6)]
            for body in bodies:
                story += [r.track(k.p(body, "body", firstLineIndent=0, spaceAfter=6), afis[body])]
            story += [k.p(x) for x in pr.paragraphs(1)]
        doc.build(story)

    return r, r.build(render)


def accelerated_brackenfold(seed: int):
    force = "Brackenfold Police"
    r = Report("accelerated-coc-brackenfold", "accelerated", f"{force}: accelerated cause of concern – missing children",
               date(2024, 9, 12))
    coc = r.add(Item("cause_of_concern", f"{force} isn’t consistently identifying and responding to the risks faced "
                     "by children who go missing from home or care, and its supervision of these investigations is "
                     "not effective."))
    lead = f"By 31 January 2025, {force} should:"
    recs = [r.add(Item("recommendation", b, ("force",), force, on("By 31 January 2025", 2025, 1, 31), lead=lead,
                       parent=coc)) for b in (
        "review all open missing child investigations to make sure each has an up-to-date risk assessment;",
        "make sure that a supervisor reviews the risk grading of every missing child report within one hour;",
        "introduce a process for sharing return home interview information with the officers who investigate "
        "further missing episodes; and",
        "give officers and staff who deal with missing children training in recognising signs of exploitation.")]
    t = Typo("helv", 11, 15, 8, 0, accent=colors.HexColor("#222222"), heading="bold", folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 3), "police")
        doc = make_doc(buf, r, t, header="Accelerated cause of concern", footer="OFFICIAL", margins=(25, 22, 25, 24),
                       first="body")
        story = [k.p("His Majesty’s Inspector of Constabulary", "right"), k.p("12 September 2024", "right"),
                 Spacer(1, 12), k.p("Chief Constable<br/>Brackenfold Police<br/>Police Headquarters", "flat"),
                 Spacer(1, 14), k.p("Dear Chief Constable,"),
                 k.p("<b>Accelerated cause of concern: the police response to missing children</b>"),
                 k.p("I am writing to tell you that we have identified a cause of concern during our PEEL inspection "
                     "of your force. We are publishing it now, before our full report, because of the risk it "
                     "presents to children.")] + [k.p(x) for x in pr.paragraphs(3)]
        story += [k.p("By 30 June 2024, 1,412 missing episodes involving children had been recorded in the year, "
                      "an increase of 19 per cent.")] + [k.p(x) for x in pr.paragraphs(2)]
        story += [PageBreak(), k.p("Cause of concern", "h2"), r.track(k.p(coc.body), coc),
                  KeepTogether([k.p("Recommendations", "h3"), r.track(k.p(lead), *recs),
                                k.bullets([r.track(k.p(x.body, "flat"), x) for x in recs])])]
        story += [k.p(x) for x in pr.paragraphs(4)] + [k.p("Next steps", "h3")] + [k.p(x) for x in pr.paragraphs(3)]
        story += [k.p("We will revisit the force to check its progress."),
                                                        k.p("Yours sincerely,"), Spacer(1, 20),
                                                        k.p("HM Inspector of Constabulary")]
        doc.build(story)

    return r, r.build(render)


def ncpi_cheviot(seed: int):
    force = "Cheviot Vale Police"
    r = Report("ncpi-2024-cheviot-vale", "child_protection",
               f"National child protection inspection: {force}", date(2024, 2, 22))
    groups = [
        ("Immediately, the force should:", immediate("Immediately"), [
            "make sure that every child taken into police protection has a record of their voice and wishes; and",
            "stop the practice of holding children in custody overnight when no alternative accommodation has "
            "been requested."]),
        ("Within three months, the force should:", within("Within three months", 3), [
            "introduce effective supervisory oversight of child abuse investigations;",
            "make sure that officers attending domestic abuse incidents record information about children in the "
            "household; and",
            "improve the quality and timeliness of its referrals to children’s social care."]),
        ("Within six months, the force should:", within("Within six months", 6), [
            "make sure that child protection training is given to all officers and staff who deal with children; and",
            "work with its safeguarding partners to develop an effective approach to tackling child sexual "
            "exploitation."]),
    ]
    recs = [(lead, [r.add(Item("recommendation", b, ("force",), "the force", dl, lead=lead)) for b in bodies])
            for lead, dl, bodies in groups]
    afis = [r.add(Item("area_for_improvement", b, ("force",), "The force")) for b in (
        "The force should make sure that the voice of the child is captured in all its case records.",
        "The force should review how it shares information about missing children with neighbouring forces.")]
    t = Typo("vera", 10, 14, 7, 0, accent=colors.HexColor("#7a1f5c"), heading="rule", folio="outer")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 11), "police")
        doc = make_doc(buf, r, t, header=f"{force}: National child protection inspection", footer="February 2024")
        story = [Spacer(1, 24), k.p("National child protection inspection", "title"),
                 k.p(force, "subtitle", fontSize=18), k.p("Published 22 February 2024", "flat")]
        story += switch("body") + k.heading("Introduction") + [k.p(x) for x in pr.paragraphs(3)]
        story += k.heading("Recommendations")
        story += [k.p("We make the following recommendations. They are grouped by when we expect each to be done.")]
        for lead, items in recs:
            story += [KeepTogether([r.track(k.p(f"<b>{lead}</b>", "flat"), *items),
                                    k.bullets([r.track(k.p(i.body, "flat"), i) for i in items], char="–")]),
                      Spacer(1, 4)]
        story += k.heading("Areas for improvement") + [r.track(k.p(a.body), a) for a in afis]
        story += k.heading("Findings") + [k.p(x) for x in pr.paragraphs(6)]
        story += [k.p("In 2019 we recommended that the force should improve the recording of children’s views. "
                      "This remains an area for improvement.")] + [k.p(x) for x in pr.paragraphs(3)]
        story += switch("side") + [k.p("Key figures", "h3"), k.p("Children in police protection: 212", "small"),
                                   k.p("Referrals made: 3,904", "small"), k.p("Officers trained: 61%", "small"),
                                   FrameBreak()] + switch("body", new_page=False)
        story += k.heading("Case audit") + [k.p(x) for x in pr.paragraphs(2, 2, 4)]
        story += [PageBreak()] + [k.p(x) for x in pr.paragraphs(3)]
        doc.build(story)

    return r, r.build(render)


BUILDERS = [peel_wealdmarsh, peel_fenland, accelerated_brackenfold, ncpi_cheviot]
