"""Joint custody inspection reports (with HM Inspectorate of Prisons): S-numbered summary, numbered
body paragraphs, items in boxes, and a closing section that repeats every item with a
cross-reference to the paragraph it came from."""
from __future__ import annotations

import random

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

from . import story as S
from .docs import Layout, render
from .kit import Item, Plan, Tracked, boxed, markup, para, styles
from .words import PLACES, Narrative, long_date, pick, publication_date

AFI_TEXTS = [
    "The force should make sure that detainees are told about their rights in a language they understand, using "
    "an interpreter where one is needed.",
    "The force should make sure that the privacy of detainees is protected while they are booked in.",
    "The force should improve the cleanliness of the cells and showers in all its suites.",
    "The force should make sure that detainees held for long periods are offered a shower, something to read and "
    "time in the exercise yard.",
    "The force should make sure that every strip-search is authorised, recorded and justified.",
    ("The police and crime commissioner should make sure that independent custody visitors can visit every suite "
     "at different times of the day and night."),
    "The force should make sure that children are not held overnight unless there is no alternative, and that "
    "secure accommodation is requested from the local authority in every case.",
    "The force should make sure that a pre-release risk assessment is completed for every detainee, and that "
    "vulnerable detainees are given support when they leave.",
    "The force should improve how it collects and analyses custody data, so that it can identify and address any "
    "disproportionality.",
    "The force should make sure that detainees’ property is stored securely and recorded accurately.",
]
SECTIONS = ["Leadership, accountability and partnerships", "Pre-custody: first point of contact",
            "In the custody suite: booking in, individual needs and legal rights",
            "In the custody cell: safeguarding and health care", "Release and transfer from custody"]
PEOPLE = ["custody sergeants", "detention officers", "health care staff", "detainees", "independent custody visitors",
          "inspectors responsible for custody", "arresting officers", "liaison and diversion staff"]
TOPICS = ["booking in", "cell checks", "the use of force", "detainee care", "legal advice", "release planning",
          "health care", "PACE reviews", "the custody estate"]


def _afi(key: str, text: str) -> Item:
    pcc = text.startswith("The police and crime commissioner")
    return Item(key, "area_for_improvement", text, label="Area for improvement",
                addressees=("police_and_crime_commissioners",) if pcc else ("force",),
                addressee_text="The police and crime commissioner" if pcc else "The force")


def _rec(key: str, text: str, parent: str) -> Item:
    phrases = [("The force and the police and crime commissioner", ("force", "police_and_crime_commissioners")),
               ("The police and crime commissioner", ("police_and_crime_commissioners",)), ("The force", ("force",))]
    phrase, ids = next((p, i) for p, i in phrases if text.startswith(p))
    return Item(key, "recommendation", text, label="Recommendation", addressees=ids, addressee_text=phrase,
                parent=parent)


def _numbered(st: dict) -> object:
    return st["body"].clone("numbered", leftIndent=34, bulletIndent=0, firstLineIndent=0)


def _closing(st: dict, groups: list[tuple[Item, list[Item]]], afis: list[tuple[Item, str]], refs: dict[str, str],
             section: int) -> list:
    """Section 7: every item again, numbered 7.n, with the paragraph it came from."""
    style = _numbered(st)
    out = [para(f"Section {section}. Summary of causes of concern, recommendations and areas for improvement",
                st["h1"]), para("Causes of concern and recommendations", st["h2"])]
    n = 0
    for cause, recs in groups:
        n += 1
        out += [para("Cause of concern", st["h3"]), Paragraph(markup(cause.body), style, bulletText=f"{section}.{n}")]
        for rec in recs:
            n += 1
            out += [para("Recommendation", st["h3"]),
                    Paragraph(markup(f"{rec.body} ({refs[rec.key]})"), style, bulletText=f"{section}.{n}")]
    out.append(para("Areas for improvement", st["h2"]))
    last = None
    for item, home in sorted(afis, key=lambda pair: SECTIONS.index(pair[1])):
        if home != last:
            out.append(para(home, st["h3"]))
            last = home
        n += 1
        out.append(Paragraph(markup(f"{item.body} ({refs[item.key]})"), style, bulletText=f"{section}.{n}"))
    return out


def custody_summary_first(seed: int) -> Plan:
    place = pick(PLACES, seed, 3)
    stem = "custody-inspection-" + place.lower().replace(" ", "-")
    rng = random.Random(f"{seed}/custody-a")
    pub = publication_date(rng, 2023, (2, 5, 8, 11))
    coc1 = Item("coc1", "cause_of_concern", "Detainees were held in custody for too long. Many waited more than two "
                "hours to be booked in, and those who needed a mental health assessment often stayed overnight.",
                label="Cause of concern")
    coc2 = Item("coc2", "cause_of_concern", "Risk assessments at booking in were not thorough enough. Custody staff "
                "did not always check information from earlier detentions, and some detainees at risk of self-harm "
                "were not identified.", label="Cause of concern")
    recs1 = [_rec("r1", "The force should make sure that detainees are booked in promptly, and that delays are "
                  "monitored and acted on.", "coc1"),
             _rec("r2", "The force and the police and crime commissioner should work with health partners to make "
                  "sure that detainees who need a mental health assessment receive one without delay.", "coc1")]
    recs2 = [_rec("r3", "The force should make sure that custody staff check all the information available about a "
                  "detainee’s risks at booking in, and review the risk assessment whenever new information comes "
                  "to light.", "coc2")]
    chosen = rng.sample(AFI_TEXTS, 9)
    afis = [_afi(f"afi{n}", text) for n, text in enumerate(chosen, start=1)]
    homes = [SECTIONS[n % 5] for n in range(9)]
    groups = [(coc1, recs1), (coc2, recs2)]
    st = styles("Times-Roman", "Times-Bold", 10.5, 14, heading_font="Helvetica-Bold",
                heading_colour=colors.HexColor("#2d5f2e"))
    title = f"Report on an unannounced inspection visit to police custody suites in {place}"
    layout = Layout(title=title, header=f"Police custody suites in {place}", header_align="left",
                    rule=colors.HexColor("#2d5f2e"), footer="{page}", footer_align="outer",
                    author="HM Inspectorate of Prisons and HMICFRS")
    width = layout.pagesize[0] - 50 * mm
    text = Narrative(rng, "the force", TOPICS, PEOPLE)
    summary = text.paragraphs(10, (2, 3))
    bodies = [text.paragraphs(rng.randint(5, 7), (2, 4)) for _ in SECTIONS]
    style = _numbered(st)
    # Where each item sits in the body: section index and paragraph after which it is printed.
    cause_home = {"coc1": (1, 2), "coc2": (2, 3)}
    refs: dict[str, str] = {}
    for (cause, recs), (sec, after) in zip(groups, cause_home.values()):
        for rec in recs:
            refs[rec.key] = f"{sec + 2}.{after + 1}"
    afi_home = {}
    for n, (item, home) in enumerate(zip(afis, homes)):
        sec = SECTIONS.index(home)
        after = 1 + (n // 5) * 2
        afi_home.setdefault((sec, after), []).append(item)
        refs[item.key] = f"{sec + 2}.{after + 1}"

    def box(rows: list[list]) -> list:
        return [CondPageBreak(80), boxed(rows, width, colors.HexColor("#eef5ee"), border=colors.HexColor("#2d5f2e")),
                Spacer(1, 6)]

    def cause_rows(cause, recs, log) -> list[list]:
        pick_ = (lambda i: S.printing(i, st["item"], log)) if log is not None else (lambda i: S.reprint(i, st["item"]))
        rows = [[para("Cause of concern", st["label"])], [pick_(cause)]]
        for rec in recs:
            rows += [[para("Recommendation", st["label"])], [pick_(rec)]]
        return rows

    def build(info, log):
        out = S.cover(st, [("h3", "HM Inspectorate of Prisons"),
                           ("h3", "HM Inspectorate of Constabulary and Fire &amp; Rescue Services"),
                           ("cover", f"Report on an unannounced inspection visit to police custody suites in {place}"),
                           ("body", f"Published {long_date(pub)}")])
        out += S.contents(st, [("Section 1. Summary", "h:1")] +
                          [(f"Section {n}. {name}", f"h:{n}") for n, name in enumerate(SECTIONS, start=2)] +
                          [("Section 7. Summary of causes of concern, recommendations and areas for improvement",
                            "h:7")], info, width)
        out += [PageBreak(), S.heading("Section 1. Summary", st["h1"], "h:1", log)]
        out += [Paragraph(markup(p), style, bulletText=f"S{n}") for n, p in enumerate(summary, start=1)]
        out.append(para("Causes of concern and recommendations", st["h2"]))
        for cause, recs in groups:
            out += box(cause_rows(cause, recs, log))
        for sec, name in enumerate(SECTIONS):
            out += [PageBreak() if sec == 0 else CondPageBreak(120),
                    S.heading(f"Section {sec + 2}. {name}", st["h1"], f"h:{sec + 2}", log)]
            for n, body in enumerate(bodies[sec]):
                out.append(Paragraph(markup(body), style, bulletText=f"{sec + 2}.{n + 1}"))
                for item in afi_home.get((sec, n), []):
                    out += box([[para("Area for improvement", st["label"])], [S.printing(item, st["item"], log)]])
                for key, (csec, after) in cause_home.items():
                    if (csec, after) == (sec, n):
                        cause, recs = groups[0] if key == "coc1" else groups[1]
                        out += box(cause_rows(cause, recs, None))
        closing = _closing(st, groups, list(zip(afis, homes)), refs, 7)
        out += [PageBreak(), Tracked(closing[0], "h:7", log)] + closing[1:]
        return out

    items = [coc1] + recs1 + [coc2] + recs2 + afis
    return Plan(stem, "custody (joint with HMI Prisons)", title, pub.isoformat(), items,
                lambda path: render(path, layout, build), expect_pages=(6, 15))


def custody_body_first(seed: int) -> Plan:
    place = pick(PLACES, seed, 5)
    stem = "custody-suites-" + place.lower().replace(" ", "-") + "-joint-inspection"
    rng = random.Random(f"{seed}/custody-b")
    pub = publication_date(rng, 2024, (3, 4, 9, 10))
    coc1 = Item("coc1", "cause_of_concern", "There were not always enough staff in the custody suites to keep "
                "detainees safe. Observations of detainees at risk were sometimes missed because staff were busy "
                "with other tasks.", label="Cause of concern")
    coc2 = Item("coc2", "cause_of_concern", "Health care did not meet the needs of detainees. Waits to see a health "
                "care professional were long, and detainees with substance misuse problems did not always receive "
                "prompt treatment.", label="Cause of concern")
    r1 = _rec("r1", "The force should make sure that each suite has enough trained staff to carry out every "
              "required observation of detainees at risk.", "coc1")
    r2 = _rec("r2", "The police and crime commissioner should make sure that custody staffing is examined as part of "
              "the scrutiny of the force’s custody performance.", "coc1")
    r3 = _rec("r3", "The force, working with its health care provider, should make sure that detainees are seen by "
              "a health care professional promptly and that prescribed medication is continued in custody.", "coc2")
    groups = [(coc1, [r1, r2]), (coc2, [r3])]
    chosen = rng.sample(AFI_TEXTS, 6)
    afis = [_afi(f"afi{n}", text) for n, text in enumerate(chosen, start=1)]
    homes = [SECTIONS[(n * 2) % 5] for n in range(6)]
    st = styles("Helvetica", "Helvetica-Bold", 9.5, 13, heading_colour=colors.HexColor("#7a4b00"))
    title = f"Report on an unannounced inspection visit to custody suites in {place}"
    layout = Layout(title=title, header=f"{place} police custody", header_align="centre", footer="Page {page}",
                    footer_align="right", band=colors.HexColor("#f5e6cc"), margins=(22 * mm, 22 * mm, 26 * mm, 22 * mm))
    width = layout.pagesize[0] - 44 * mm
    text = Narrative(rng, "the force", TOPICS, PEOPLE)
    summary = text.paragraphs(6, (2, 3))
    bodies = [text.paragraphs(rng.randint(4, 6), (2, 4)) for _ in SECTIONS]
    style = _numbered(st)
    cause_at = {(2, 2): groups[0], (3, 1): groups[1]}
    refs = {rec.key: f"{sec + 2}.{n + 1}" for (sec, n), (_cause, recs) in cause_at.items() for rec in recs}
    afi_at = {}
    for n, (item, home) in enumerate(zip(afis, homes)):
        sec = SECTIONS.index(home)
        after = 3 if (sec, 1) in afi_at else 1
        afi_at[(sec, after)] = item
        refs[item.key] = f"{sec + 2}.{after + 1}"

    def cause_table(cause, recs, log) -> Table:
        rows = [[Paragraph("<b>Cause of concern and recommendations</b>", st["cell"])],
                [S.printing(cause, st["item"], log)]]
        rows += [[Tracked(Paragraph(f"<b>Recommendation</b><br/>{markup(rec.body)}", st["item"]), rec.key, log)]
                 for rec in recs]
        table = Table(rows, colWidths=[width])
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#7a4b00")),
                                   ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                                   ("BACKGROUND", (0, 1), (-1, -1), colors.HexColor("#fbf4e8")),
                                   ("LINEBELOW", (0, 1), (-1, -2), 0.5, colors.HexColor("#c9a66b"))]))
        return table

    def build(info, log):
        out = S.cover(st, [("h3", "Joint inspection of police custody"), ("cover", f"Custody suites in {place}"),
                           ("body", f"Date of publication: {long_date(pub)}")])
        out.append(para("Section 1. Summary", st["h1"]))
        out += [Paragraph(markup(p), style, bulletText=f"S{n}") for n, p in enumerate(summary, start=1)]
        out.append(Paragraph("We identified two causes of concern and made three recommendations. We also found six "
                             "areas for improvement.", style, bulletText=f"S{len(summary) + 1}"))
        out.append(PageBreak())
        for sec, name in enumerate(SECTIONS):
            out.append(para(f"Section {sec + 2}. {name}", st["h1"]))
            for n, body in enumerate(bodies[sec]):
                out.append(Paragraph(markup(body), style, bulletText=f"{sec + 2}.{n + 1}"))
                if (sec, n) in cause_at:
                    out += [CondPageBreak(150), cause_table(*cause_at[(sec, n)], log), Spacer(1, 8)]
                if (sec, n) in afi_at:
                    item = afi_at[(sec, n)]
                    out += [para("Area for improvement", st["label"]), S.printing(item, st["item"], log)]
        out.append(PageBreak())
        out += _closing(st, groups, list(zip(afis, homes)), refs, 7)
        return out

    items = [coc1, r1, r2, coc2, r3] + afis
    return Plan(stem, "custody (joint with HMI Prisons)", title, pub.isoformat(), items,
                lambda path: render(path, layout, build), expect_pages=(5, 15))


WRITERS = [custody_summary_first, custody_body_first]
