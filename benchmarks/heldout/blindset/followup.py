"""Follow-up publications: an accelerated cause of concern (a letter), a revisit that grades the
earlier recommendations and then makes new ones, and a revisit letter that only grades the
earlier ones (no new items at all)."""
from __future__ import annotations

import random
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from . import story as S
from .docs import Layout, render
from .kit import Item, Plan, markup, para, styles
from .words import FORCES, SERVICES, Narrative, by_date, long_date, pick, publication_date, within

RAG = {"Met": "#4caf50", "Partially met": "#ffc107", "Not met": "#e53935"}
PEOPLE = ["response officers", "supervisors", "call handlers", "investigators", "senior leaders", "analysts"]


def _letterhead(st: dict, when: date, to: list[str]) -> list:
    right = st["small"].clone("right", alignment=TA_RIGHT)
    out = [para("HM Inspectorate of Constabulary and Fire &amp; Rescue Services", right),
           para("Inspectorate Office, 1 Example Square, London", right), Spacer(1, 14)]
    out += [para(line, st["body"]) for line in to]
    return out + [para(long_date(when), st["body"]), Spacer(1, 8)]


def accelerated(seed: int) -> Plan:
    force = pick(FORCES, seed, 3)
    place = force.replace(" Constabulary", "").replace(" Police", "")
    stem = "accelerated-cause-of-concern-" + force.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/accelerated")
    pub = publication_date(rng, 2023, (4, 5, 9, 10))
    coc = Item("coc1", "cause_of_concern", f"{force} isn’t responding to reports of domestic abuse quickly enough. "
               "Some victims have waited more than 48 hours for an officer to attend, and risk assessments aren’t "
               "always completed.", label="Cause of concern")
    lead = "Within three months of the date of this letter, the force should:"
    recs = [Item(f"r{n}", "recommendation", body, lead_in=lead, addressees=("force",), addressee_text="the force",
                 deadline=within(3, pub, " of the date of this letter"), parent="coc1")
            for n, body in enumerate([
                "make sure that every report of domestic abuse is attended within the time its own policy sets;",
                "make sure that a risk assessment is completed, and reviewed by a supervisor, for every domestic "
                "abuse incident;",
                "make sure that victims waiting for an officer to attend are contacted and their risk is assessed "
                "again; and",
                "tell us how it will monitor its progress against these recommendations.",
            ], start=1)]
    st = styles("Times-Roman", "Times-Bold", 11.5, 15.5, heading_font="Times-Bold")
    title = f"Accelerated cause of concern: {force}’s response to reports of domestic abuse"
    layout = Layout(title=title, footer="{page}", footer_align="centre", furniture_font="Times-Roman",
                    margins=(30 * mm, 30 * mm, 25 * mm, 25 * mm))
    text = Narrative(rng, "the force", ["domestic abuse", "attendance times", "risk assessment", "call grading",
                                        "supervision"], PEOPLE)
    found = text.paragraphs(10, (4, 6))
    revisit = date(pub.year + (pub.month > 8), (pub.month + 4) % 12 or 12, 28)

    def build(info, log):
        out = _letterhead(st, pub, ["Chief Constable", force])
        out += [para("Dear Chief Constable,", st["body"]), para(title, st["h3"])]
        out.append(para(f"I am writing to tell you that, during our inspection of {force}, we found a serious risk to "
                        "the public that needs to be addressed now rather than when our report is published. We "
                        "have therefore issued an accelerated cause of concern.", st["body"]))
        out += [para("What we found", st["h3"])] + S.narrative(st, found[:5])
        out += [para("Cause of concern", st["h3"]), S.printing(coc, st["item"], log),
                para("Recommendations", st["h3"])]
        out += S.lead_in_block(lead, recs, st, log)
        out += [para("Next steps", st["h3"])] + S.narrative(st, found[5:])
        out.append(para(f"We will revisit the force by {long_date(revisit)} to assess its progress, and we will "
                        "publish what we find.", st["body"]))
        out.append(para(f"I am copying this letter to the police and crime commissioner for {place}.", st["body"]))
        out += [Spacer(1, 10), para("Yours sincerely,", st["body"]), Spacer(1, 18),
                para("His Majesty’s Inspector of Constabulary", st["body"])]
        return out

    return Plan(stem, "accelerated cause of concern", title, pub.isoformat(), [coc] + recs,
                lambda path: render(path, layout, build))


def _progress_table(st: dict, rows: list[tuple[str, str]], width: float, heading: str) -> Table:
    data = [[Paragraph(f"<b>{heading}</b>", st["cell"]), Paragraph("<b>Progress</b>", st["cell"])]]
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))]
    for n, (text, grade) in enumerate(rows, start=1):
        data.append([Paragraph(markup(text), st["cell"]), Paragraph(grade, st["cellb"])])
        style.append(("BACKGROUND", (1, n), (1, n), colors.HexColor(RAG[grade])))
    table = Table(data, colWidths=[width - 32 * mm, 32 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def revisit_with_new(seed: int) -> Plan:
    force = pick(FORCES, seed, 4)
    stem = "peel-revisit-" + force.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/revisit-new")
    pub = publication_date(rng, 2023, (6, 7, 8))
    y = pub.year
    earlier = [
        ("Within three months, the force should make sure that crimes reported to it are recorded within 24 hours.",
         "Met"),
        ("Within three months, the force should make sure that it has an effective process for auditing its crime "
         "recording.", "Partially met"),
        ("Within six months, the force should make sure that it has enough investigators to manage the number of "
         "suspects who have not yet been arrested.", "Not met"),
        ("Within six months, the force should make sure that outstanding suspects are reviewed by a supervisor "
         "every 28 days.", "Not met"),
        ("By 31 March 2023, the force should make sure that victims are told when a suspect is released.", "Met"),
        ("By 31 March 2023, the force should make sure that decisions to close investigations are checked.",
         "Partially met"),
    ]
    coc = Item("coc1", "cause_of_concern", "The force still doesn’t have enough investigators to manage the number of "
               "outstanding suspects. Some suspects have been wanted for more than a year without any action being "
               "taken.", label="Cause of concern")
    due = date(y + 1, 3, 31)
    lead = f"By {long_date(due)}, the force and the police and crime commissioner should:"
    recs = [Item(f"r{n}", "recommendation", body, lead_in=lead, addressees=("force", "police_and_crime_commissioners"),
                 addressee_text="the force and the police and crime commissioner", deadline=by_date(due), parent="coc1")
            for n, body in enumerate([
                "agree a plan to fund enough investigators to clear the backlog of outstanding suspects; and",
                "make sure that progress against the plan is reported to the police and crime panel every quarter.",
            ], start=1)]
    afis = [Item(f"afi{n}", "area_for_improvement", body, label="Area for improvement", addressees=("force",),
                 addressee_text="The force") for n, body in enumerate([
                     "The force should make sure that outstanding suspects are recorded on the Police National "
                     "Computer as soon as they are identified.",
                     "The force should improve the way it shares information about outstanding suspects with "
                     "neighbouring forces.",
                     "The force should make sure that supervisors record their reasons for closing an investigation "
                     "with a suspect still outstanding.",
                 ], start=1)]
    st = styles("Helvetica", "Helvetica-Bold", 10, 13.5, heading_colour=colors.HexColor("#34495e"))
    title = f"PEEL revisit: {force}’s progress against the causes of concern"
    layout = Layout(title=title, header=f"{force} – revisit", header_align="left", footer="{page}",
                    footer_align="right", rule=colors.HexColor("#34495e"))
    width = layout.pagesize[0] - 50 * mm
    text = Narrative(rng, "the force", ["crime recording", "outstanding suspects", "investigations", "audits",
                                        "victim updates"], PEOPLE)
    intro, progress, newer = text.paragraphs(3), text.paragraphs(4), text.paragraphs(3)

    def build(info, log):
        out = S.cover(st, [("h3", "PEEL 2021/22 revisit"), ("cover", f"{force}: progress against the causes of concern"),
                           ("body", f"Published {long_date(pub)}")])
        out += [para("Introduction", st["h1"])] + S.narrative(st, intro)
        out.append(para(f"In our {y - 1} report, we made six recommendations. This revisit assessed the force’s "
                        "progress against each of them.", st["body"]))
        out += [para("Progress against our earlier recommendations", st["h1"]),
                _progress_table(st, earlier, width, f"Recommendation from our {y - 1} report")]
        out += S.narrative(st, progress)
        out += [CondPageBreak(200), para("What we found on this revisit", st["h1"])] + S.narrative(st, newer)
        out += [para("New cause of concern", st["h2"]), S.printing(coc, st["item"], log),
                para("Recommendations", st["h3"])]
        out += S.lead_in_block(lead, recs, st, log)
        out.append(para("Areas for improvement", st["h2"]))
        out += [S.printing(item, st["item"], log) for item in afis]
        return out

    return Plan(stem, "revisit and progress review", title, pub.isoformat(), [coc] + recs + afis,
                lambda path: render(path, layout, build))


def revisit_letter(seed: int) -> Plan:
    service = pick(SERVICES, seed, 2)
    stem = "revisit-letter-" + service.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/revisit-letter")
    pub = publication_date(rng, 2023, (5, 6, 7))
    y = pub.year
    earlier = [
        (f"By 31 March {y}, the service should make sure that its risk-based inspection programme covers all "
         "high-risk premises.", "Partially met"),
        (f"By 31 March {y}, the service should make sure that it has enough qualified staff to carry out its "
         "inspection programme.", "Not met"),
        (f"By 31 March {y}, the service should make sure that enforcement action is taken consistently when a "
         "building is found to be unsafe.", "Met"),
    ]
    st = styles("Helvetica", "Helvetica-Bold", 10.5, 14.5)
    title = f"Revisit letter: {service} – progress against the cause of concern"
    layout = Layout(title=title, footer="{page}", footer_align="centre", margins=(28 * mm, 28 * mm, 24 * mm, 24 * mm))
    width = layout.pagesize[0] - 56 * mm
    text = Narrative(rng, "the service", ["fire safety audits", "enforcement", "protection staffing",
                                          "high-risk premises", "competence records"],
                     ["fire safety inspectors", "station managers", "senior leaders", "protection managers"])
    found, closing = text.paragraphs(5), text.paragraphs(3)

    def build(info, log):
        out = _letterhead(st, pub, ["Chief Fire Officer", service])
        out += [para("Dear Chief Fire Officer,", st["body"]), para(title, st["h3"])]
        out.append(para(f"In our inspection of the service published in {y - 1}, we identified a cause of concern "
                        "about the way the service protects the public through fire regulation. We gave the service "
                        "three recommendations. This letter sets out what we found when we revisited it.", st["body"]))
        out.append(para(f"The cause of concern we reported in {y - 1} read: “The service isn’t doing enough to make "
                        "sure that the highest-risk buildings in its area are inspected.”", st["body"]))
        out += [KeepTogether([para("Progress against the recommendations", st["h3"]),
                              _progress_table(st, earlier, width, f"Recommendation from our {y - 1} report")])]
        out += S.narrative(st, found)
        out.append(para(f"The service should have completed this work by 31 March {y}, as our recommendations "
                        "required. It has made progress, but it has not finished it.", st["body"]))
        out += S.narrative(st, closing)
        out.append(para("We will consider the service’s progress again at our next full inspection. We are not "
                        "making any new recommendations in this letter.", st["body"]))
        out += [Spacer(1, 10), para("Yours sincerely,", st["body"]), Spacer(1, 18),
                para("His Majesty’s Inspector of Fire &amp; Rescue Services", st["body"]), PageBreak(),
                para("Annex: how we grade progress", st["h3"])]
        out += [para(f"{grade}: {meaning}", st["body"]) for grade, meaning in [
            ("Met", "the service has done what the recommendation asked, and the change is embedded."),
            ("Partially met", "the service has made progress, but the work is incomplete or not yet embedded."),
            ("Not met", "the service has made little or no progress.")]]
        return out

    return Plan(stem, "revisit and progress review", title, pub.isoformat(), [],
                lambda path: render(path, layout, build))


WRITERS = [accelerated, revisit_with_new, revisit_letter]
