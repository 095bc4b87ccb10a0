"""Flowing reports (2): a joint custody inspection with numbered paragraphs, and a long national
thematic report with a summary list at the front and the items again in its chapters."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer

from . import flow_kit as fk
from .filler import Filler
from .gold import NO_DEADLINE, Item, Report, deadline
from .reports_flow_a import _cover

TEAL, MAROON, SLATE = HexColor("#00695c"), HexColor("#6d1b2f"), HexColor("#37474f")


def _np(number: str, markup: str, style, item=None, printing=0):
    p = fk.para(markup, style, item, printing)
    p.bulletText = number
    return p


def custody_westvale(out: Path, seed: int) -> Report:
    r = Report("custody_westvale_2024", "custody",
               "Report on an unannounced inspection visit to police custody suites in Westvale", date(2024, 5, 9))
    f = Filler(seed, r.stem)
    force = ("force",)
    c1 = r.add(Item("cause_of_concern", "Detainees waited too long to be booked into custody at the main suite, "
                    "and some were held in police vans outside the suite for more than an hour.", "1",
                    "Cause of concern 1"))
    r1 = r.add(Item("recommendation", "The force should make sure that detainees are booked into custody "
                    "promptly, and that delays are monitored and addressed.", "1", "Recommendation 1",
                    addressees=force, addressee_text="The force", parent=c1))
    c2 = r.add(Item("cause_of_concern", "The governance of the use of force in custody was weak. Records were "
                    "incomplete, and the force could not show that force was always used proportionately.", "2",
                    "Cause of concern 2"))
    r2 = r.add(Item("recommendation", "The force and the police and crime commissioner should make sure that "
                    "all use of force in custody is recorded, reviewed by supervisors and reported to an "
                    "independent scrutiny panel.", "2", "Recommendation 2",
                    addressees=("force", "police_and_crime_commissioners"),
                    addressee_text="The force and the police and crime commissioner", parent=c2))
    afi_specs = [("2.6", "The force should make sure that reviews of detention by inspectors are carried out in "
                  "person and are recorded in full."),
                 ("2.11", "The force should make sure that detainees’ property is stored securely and that "
                  "records of it are accurate."),
                 ("3.7", "The force should make sure that detainees can use their cell call bells and that "
                  "staff answer them promptly."),
                 ("3.12", "The force should make sure that an appropriate adult is found for every vulnerable "
                  "adult detainee who needs one, without delay."),
                 ("4.4", "The force should improve the privacy of the booking-in desks at its main custody suite."),
                 ("4.9", "The force should make sure that release plans are completed for all detainees and "
                  "that they address the risks identified during detention."),
                 ("5.3", "The force should remove the ligature points we identified in cells and detainee areas.")]
    afis = [(ref, r.add(Item("area_for_improvement", b, label="Area for improvement", addressees=force,
                             addressee_text="The force"))) for ref, b in afi_specs]
    body = fk.style("np", "helvetica", 10, 13, left=34, after=6, align=0)
    body.bulletIndent = 0
    plain = fk.style("pl", "helvetica", 10, 13, after=6, align=0)
    h1 = fk.style("h1", "helvetica", 15, bold=True, color="#00695c", before=6, after=10, align=0)
    h2 = fk.style("h2", "helvetica", 10, bold=True, color="#00695c", before=8, after=4, align=0)
    box_style = fk.style("bx", "helvetica", 10, 13, after=4, align=0)
    decorate = fk.running("Westvale police custody inspection", colour="#00695c", align="right")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["Report on an unannounced", "inspection visit to police",
                                             "custody suites in Westvale"],
                                            "Joint inspection by HMICFRS and HM Inspectorate of Prisons | 9 May 2024",
                                            TEAL)),
        fk.template("one", "one", decorate, margins=(64, 64, 84, 84))])
    width = A4[0] - 128
    story = [NextPageTemplate("one"), PageBreak(), fk.para("Summary", h1)]
    for n in range(1, 11):
        text = f.para(1, 3)
        if n == 3:
            text = "By 31 January 2024, the force had reduced the number of children held overnight to 14. " + text
        story.append(_np(f"S{n}", text, body))
    story.append(_np("S11", "We identified two causes of concern, with two recommendations, and seven areas for "
                     "improvement.", body))
    story.append(fk.para("Causes of concern and recommendations", h2))
    for coc, rec in ((c1, r1), (c2, r2)):
        story.append(KeepTogether([fk.boxed([fk.para(f"**{coc.label}**", box_style), fk.para(coc.body, box_style, coc),
                                             fk.para(f"**{rec.label}**", box_style), fk.para(rec.body, box_style, rec)],
                                            width, HexColor("#e0f2f1")), Spacer(1, 8)]))
    chapters = [(2, "Leadership, accountability and partnerships"), (3, "Pre-custody: first point of contact"),
                (4, "In the custody suite: booking in, individual needs and legal rights"),
                (5, "In the custody cell, safeguarding and health care")]
    for number, title in chapters:
        story += [PageBreak(), fk.para(f"Section {number}. {title}", h1)]
        found = {ref: item for ref, item in afis if ref.startswith(f"{number}.")}
        for k in range(1, 14):
            ref = f"{number}.{k}"
            story.append(_np(ref, f.para(1, 3), body))
            if ref in found:
                story.append(KeepTogether([fk.boxed([fk.para("**Area for improvement**", box_style),
                                                     fk.para(found[ref].body, box_style, found[ref])],
                                                    width, stroke=TEAL), Spacer(1, 8)]))
    story += [PageBreak(), fk.para("Section 6. Summary of causes of concern, recommendations and areas for "
                                   "improvement", h1)]
    for coc, rec, ref in ((c1, r1, "4.2"), (c2, r2, "2.9")):
        story += [fk.para(f"**{coc.label}**", plain), fk.para(f"{coc.body} ({ref})", plain, coc, 1),
                  fk.para(f"**{rec.label}**", plain), fk.para(f"{rec.body} ({ref})", plain, rec, 1)]
    story.append(fk.para("Areas for improvement", h2))
    story.append(fk.bullets([fk.para(f"{item.body} ({ref})", plain, item, 1) for ref, item in afis]))
    doc.build(story)
    return r


def thematic_neighbourhood(out: Path, seed: int) -> Report:
    r = Report("thematic_neighbourhood_2024", "thematic_police",
               "Policing in the community: an inspection of neighbourhood policing in England and Wales",
               date(2024, 4, 18))
    f = Filler(seed, r.stem)
    dl = lambda kind, text: deadline(kind, text, r.published)  # noqa: E731
    cc, pcc, col, npcc, ho = ("chief_constables",), ("police_and_crime_commissioners",), ("college_of_policing",), \
        ("npcc",), ("home_office",)
    specs = [
        ("By 31 March 2025, chief constables should make sure that neighbourhood officers and staff spend at "
         "least 80 per cent of their working time in the communities they serve.", cc, "chief constables",
         ("date", "By 31 March 2025")),
        ("By 31 March 2025, chief constables should publish the local priorities that each neighbourhood team "
         "has agreed with its community, and report progress against them.", cc, "chief constables",
         ("date", "By 31 March 2025")),
        ("Within 12 months of the publication of this report, the College of Policing should revise the "
         "neighbourhood policing guidelines so that they include standards for problem-solving.", col,
         "the College of Policing", ("relative", "Within 12 months of the publication of this report")),
        ("By 30 September 2025, the NPCC lead for local policing should develop a national set of measures for "
         "neighbourhood policing that forces can use to assess their performance.", npcc,
         "the NPCC lead for local policing", ("date", "By 30 September 2025")),
        ("The Home Office should, by the end of 2025, consult on the powers and role of police community "
         "support officers.", ho, "The Home Office", ("year_end", "by the end of 2025")),
        ("By 31 December 2024, police and crime commissioners should set out in their police and crime plans "
         "what the public can expect from neighbourhood policing in their area.", pcc,
         "police and crime commissioners", ("date", "By 31 December 2024")),
        ("Chief constables, working with local authorities and other partners, should make sure that "
         "neighbourhood teams have access to the data they need to solve local problems.", cc, "Chief constables",
         None),
        ("By June 2025, the College of Policing and the NPCC should jointly develop a professional "
         "accreditation for neighbourhood officers and staff.", col + npcc, "the College of Policing and the NPCC",
         ("month", "By June 2025")),
        ("Forces should make sure that their community engagement arrangements, such as ward panels, "
         "represent the communities they serve.", cc, "Forces", None),
        ("By 31 March 2026, the Home Office and police and crime commissioners should agree a sustainable "
         "funding arrangement for police community support officers.", ho + pcc,
         "the Home Office and police and crime commissioners", ("date", "By 31 March 2026")),
        ("By the end of the 2025/26 financial year, chief constables in England and Wales should make sure "
         "that every neighbourhood team has a named supervisor with responsibility for problem-solving.", cc,
         "chief constables in England and Wales", ("financial_year", "By the end of the 2025/26 financial year")),
        ("Within six months, the Independent Office for Police Conduct should publish guidance for "
         "neighbourhood officers on dealing with complaints informally.", ("iopc",),
         "the Independent Office for Police Conduct", ("relative", "Within six months")),
    ]
    recs = [r.add(Item("recommendation", b, str(n), f"Recommendation {n}", addressees=a, addressee_text=t,
                       deadline=dl(*d) if d else NO_DEADLINE)) for n, (b, a, t, d) in enumerate(specs, start=1)]
    afi_specs = [("Forces should make sure that neighbourhood officers receive training in problem-solving "
                  "within their first year in the role.", "Forces"),
                 ("Chief constables should improve the way they record neighbourhood policing activity, so "
                  "that its benefits can be evaluated.", "Chief constables"),
                 ("Forces should make better use of volunteers, including special constables, in "
                  "neighbourhood policing.", "Forces"),
                 ("Chief constables should make sure that neighbourhood teams understand how to use "
                  "community protection notices and other anti-social behaviour powers.", "Chief constables")]
    afis = [r.add(Item("area_for_improvement", b, str(n), f"Area for improvement {n}", addressees=cc,
                       addressee_text=t)) for n, (b, t) in enumerate(afi_specs, start=1)]
    body = fk.style("body", "times", 11.5, 16, after=9, align=4)
    h1 = fk.style("h1", "times", 20, bold=True, color="#6d1b2f", after=14, align=0)
    h2 = fk.style("h2", "times", 12, bold=True, color="#6d1b2f", before=8, after=6, align=0)
    lab = fk.style("lab", "times", 11.5, 16, after=9, align=0, left=0)
    boxed = fk.style("bx", "times", 11.5, 15, after=0, align=0)
    decorate = fk.running(r.title, family="times", colour="#6d1b2f", align="right")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["Policing in the community", "An inspection of neighbourhood",
                                             "policing in England and Wales"], "18 April 2024", MAROON, "times")),
        fk.template("one", "one", decorate, margins=(72, 72, 86, 86))])
    story = [NextPageTemplate("one"), PageBreak(), fk.para("Contents", h1)]
    for title in ["Summary", "Recommendations", "Areas for improvement", "1. Introduction", "2. Visible policing",
                  "3. Engaging communities", "4. Problem-solving", "5. The workforce", "6. National support",
                  "7. Conclusion"]:
        story.append(fk.para(f"{title} {f.rng.randint(3, 30)}", lab))
    story += [PageBreak(), fk.para("Summary", h1)]
    story += [fk.para(t, body) for t in f.paras(6, 3, 4)]
    story.append(fk.para("We made 12 recommendations and identified four areas for improvement.", body))
    story += [PageBreak(), fk.para("Recommendations", h1)]
    for rec in recs:
        story.append(fk.para(f"**{rec.label}** {rec.body}", lab, rec))
    story += [CondPageBreak(150), fk.para("Areas for improvement", h1)]
    for afi in afis:
        story.append(fk.para(f"**{afi.label}** {afi.body}", lab, afi))
    width = A4[0] - 144
    chapters = [("1. Introduction", []), ("2. Visible policing", [recs[0], recs[4], recs[11]]),
                ("3. Engaging communities", [recs[1], recs[5], recs[8], afis[2]]),
                ("4. Problem-solving", [recs[2], recs[6], afis[0], afis[3]]),
                ("5. The workforce", [recs[7], recs[9], recs[10], afis[1]]),
                ("6. National support", [recs[3]]), ("7. Conclusion", [])]
    for title, found in chapters:
        story += [PageBreak(), fk.para(title, h1)]
        count = f.rng.randint(2, 3)
        for section in range(count):
            story.append(fk.para(f"{title.split('.')[0]}.{section + 1} "
                                 f"{f.pick(['Context', 'What we found', 'Leadership', 'Data and evidence'])}", h2))
            story += [fk.para(t, body) for t in f.paras(f.rng.randint(4, 6), 3, 5)]
            for item in found[section::count]:
                story += [Spacer(1, 4), KeepTogether(fk.boxed([fk.para(f"**{item.label}**", boxed),
                                                                fk.para(item.body, boxed, item, 1)], width,
                                                               HexColor("#f4e6ea"), side=MAROON)),
                          Spacer(1, 10)]
        if title.startswith("3"):
            story.append(fk.para("In our 2019 report we said that “forces should make sure that their ward "
                                 "panels are well attended”. Progress since then has been slow.", body))
    doc.build(story)
    return r
