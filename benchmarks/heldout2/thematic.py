"""National reports with numbered recommendations: a police thematic whose summary prints every
recommendation in full before the chapters repeat them in boxes, and a fire thematic whose
recommendations sit in a two-column table at the front."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Table, TableStyle

from .engine import Anchor, FilledBox, House, Item, Report, build_twice, content_width, contents, gap
from .prose import Prose

AFI, REC = "area_for_improvement", "recommendation"


def exploitation(out: Path, rng: random.Random) -> Report:
    r = Report("thematic-2024-adult-exploitation", "thematic", "Unseen harm: an inspection of the police response "
               "to the criminal exploitation of adults", date(2024, 10, 15),
               house=House(face="helvetica", size=10, leading=14, accent=colors.HexColor("#6a1b4d"),
                           tint=colors.HexColor("#f3e6ee")))
    prose, w = Prose(rng), content_width(r)
    R = lambda n, text, who, said, deadline=None, **kw: Item(  # noqa: E731
        REC, text, who, said, deadline=deadline, number=str(n), label=f"Recommendation {n}", **kw)
    recs = [
        R(1, "By 31 March 2025, chief constables should make sure that their forces record every report of adult "
          "exploitation as a crime where the circumstances amount to an offence.", ("chief_constables",),
          "chief constables", "By 31 March 2025"),
        R(2, "By 30 September 2025, the National Police Chiefs’ Council lead for modern slavery and the College of "
          "Policing should publish guidance on identifying adults at risk of exploitation.", ("npcc", "college_of_policing"),
          "the National Police Chiefs’ Council lead for modern slavery and the College of Policing", "By 30 September 2025"),
        R(3, "Working with the College of Policing, chief constables should, by 31 December 2025, train all "
          "frontline officers and staff to recognise the signs of exploitation.", ("chief_constables",),
          "chief constables", "by 31 December 2025"),
        R(4, "By April 2026, the Home Office should review the funding of the national victim support contract, so "
          "that adults who are exploited get support wherever they live.", ("home_office",), "the Home Office",
          "By April 2026"),
        R(5, "Chief constables and police and crime commissioners should, by the end of 2025, review how their "
          "forces work with local authorities to safeguard adults at risk. The review should cover how "
          "information is shared, how decisions about a person’s capacity are made and recorded, how the voice of "
          "the person is heard, and whether the arrangements for adults who do not meet the thresholds for "
          "statutory safeguarding are good enough to keep them safe from exploitation.", ("chief_constables",
          "police_and_crime_commissioners"), "Chief constables and police and crime commissioners", "by the end of 2025"),
        R(6, "By 31 March 2025, the director general of the National Crime Agency, working with the NPCC, should "
          "improve the intelligence picture of organised crime groups that exploit adults.", ("nca",),
          "the director general of the National Crime Agency", "By 31 March 2025"),
        R(7, "Within 12 months of the publication of this report, the Home Office should amend the national "
          "referral mechanism so that police forces are told the outcome of every referral they make.",
          ("home_office",), "the Home Office", "Within 12 months of the publication of this report"),
        R(8, "By 31 March 2025, all forces should appoint a senior officer to lead their response to adult "
          "exploitation.", ("chief_constables",), "all forces", "By 31 March 2025"),
    ]
    afis = [Item(AFI, t, ("chief_constables",), "Forces", number=str(n), label=f"Area for improvement {n}") for n, t in (
        (1, "Forces should make better use of data to understand the scale of adult exploitation in their areas."),
        (2, "Forces should make sure that victims of exploitation are kept informed about their cases, in line "
            "with the Victims’ Code."),
    )]
    for item in recs + afis:
        r.add(item)
    chapters = ["Summary", "1. Introduction", "2. Identifying exploitation", "3. Investigating and disrupting",
                "4. Supporting victims", "5. Leadership and partnership", "Annex A: methodology"]
    placed = {1: 2, 2: 2, 3: 3, 4: 4, 5: 5, 6: 3, 7: 4, 8: 5}
    afi_at = {0: 2, 1: 4}

    state = rng.getstate()

    def story_for(pages: dict[str, int]):
        rng.setstate(state)  # both passes must lay out the same prose
        story = [gap(110), r.para("Unseen harm", r.style("h1", fontSize=32, leading=38)),
                 r.para("An inspection of the police response to the criminal exploitation of adults", "h2"),
                 gap(40), r.para("October 2024", "bold"), r.para("Published 15 October 2024"), PageBreak(),
                 r.para("Contents", "h1"), contents(r, chapters, pages, w), PageBreak(),
                 Anchor("Summary", pages), r.bar("Summary", w), gap(6)]
        story += [r.para(p) for p in prose.paragraphs("national", 3)]
        story += [r.para("In our 2019 report, we recommended that “by March 2020, all forces should adopt the national "
                         "definition of exploitation”. This has still not been done in every force."),
                  r.para("By 31 March 2023, 4,100 cases had been referred to the national referral mechanism by the "
                         "forces we inspected."),
                  r.para("We have made eight recommendations and identified two areas for improvement.", "bold"),
                  r.para("Our recommendations", "h2")]
        for rec in recs:
            head = [r.para(rec.label, r.style("h3", textColor=r.house.accent, spaceBefore=2)), r.tracked(rec, rec.text)]
            story += [r.fill(prose, "national", 4.5)] + head if len(rec.text) > 400 else [KeepTogether(head)]
        for number, chapter in enumerate(chapters[1:6], start=1):
            story += [PageBreak(), Anchor(chapter, pages), r.bar(chapter, w), gap(6)]
            story += [r.para(p) for p in prose.paragraphs("national", rng.randint(2, 4))]
            for rec in [x for x in recs if placed[int(x.number)] == number]:
                story += [FilledBox([r.para(rec.label, r.style("bold", textColor=r.house.accent)), r.para(rec.text)],
                                    r.house.tint), gap(8)]
                story += [r.para(p) for p in prose.paragraphs("national", rng.randint(1, 2))]
            for afi in [a for i, a in enumerate(afis) if afi_at[i] == number]:
                story += [KeepTogether([r.para(afi.label, r.style("h3", textColor=colors.HexColor("#444444"))),
                                        r.tracked(afi, afi.text, "italic")])]
                story += [r.para(p) for p in prose.paragraphs("national", 1)]
        story += [PageBreak(), Anchor(chapters[-1], pages), r.bar(chapters[-1], w, fill=colors.HexColor("#666666"))]
        story += [r.para(p, "small") for p in prose.paragraphs("national", 3)]
        return story

    build_twice(r, out / f"{r.stem}.pdf", story_for, header="Unseen harm — HMICFRS", footer="HMICFRS")
    return r


def fire_misconduct(out: Path, rng: random.Random) -> Report:
    r = Report("thematic-2025-fire-misconduct", "fire_thematic", "Standards of behaviour: the handling of misconduct "
               "in fire and rescue services", date(2025, 3, 4),
               house=House(face="times", size=10.5, leading=13.5, accent=colors.HexColor("#9c2f10"),
                           tint=colors.HexColor("#f7ece6"), margins=(25 * mm, 25 * mm, 25 * mm, 22 * mm)))
    prose, w = Prose(rng), content_width(r)
    frs, fra = "fire_and_rescue_services", "fire_and_rescue_authorities"
    specs = [
        ("By 1 June 2025, chief fire officers should make sure that their services have a confidential route for "
         "staff to raise concerns about behaviour, which is independent of the line management chain.", (frs,),
         "chief fire officers", "By 1 June 2025"),
        ("By 1 June 2025, chief fire officers should make sure that all staff who investigate misconduct are trained "
         "to do so.", (frs,), "chief fire officers", "By 1 June 2025"),
        ("By 1 October 2025, fire and rescue authorities should assure themselves that their services deal with "
         "misconduct fairly and promptly.", (fra,), "fire and rescue authorities", "By 1 October 2025"),
        ("By 31 December 2025, the National Fire Chiefs Council should publish national guidance on the standard of "
         "investigation expected in misconduct cases.", ("national_fire_chiefs_council",),
         "the National Fire Chiefs Council", "By 31 December 2025"),
        ("The Home Office, working with the National Fire Chiefs Council, should introduce a national barred list "
         "for staff dismissed from fire and rescue services for gross misconduct.", ("home_office",),
         "The Home Office", None),
        ("By the end of 2025, the Fire Standards Board should review the leading the service standard to include "
         "the handling of misconduct.", ("fire_standards_board",), "the Fire Standards Board", "By the end of 2025"),
        ("Chief fire officers and fire and rescue authorities should make sure that the outcomes of misconduct "
         "cases are reported to the authority at least once a year.", (frs, fra),
         "Chief fire officers and fire and rescue authorities", None),
        ("By October 2025, the Home Office and the Local Government Association should agree how fire and rescue "
         "authorities will be held to account for the culture of their services.", ("home_office",
         "local_government_association"), "the Home Office and the Local Government Association", "By October 2025"),
        ("By 1 June 2025, chief fire officers should make sure that background checks are carried out for all staff, "
         "in line with the Fire Standards Board’s standard on safeguarding.", (frs,), "chief fire officers",
         "By 1 June 2025"),
        ("By 1 June 2025, fire and rescue services should record and monitor the protected characteristics of "
         "staff who are subject to misconduct processes.", (frs,), "fire and rescue services", "By 1 June 2025"),
        ("With immediate effect, chief fire officers should make sure that staff who are suspended are told how "
         "they can get support.", (frs,), "chief fire officers", "With immediate effect"),
    ]
    recs = [r.add(Item(REC, t, who, said, deadline=dl, number=str(n), label=f"Recommendation {n}"))
            for n, (t, who, said, dl) in enumerate(specs, start=1)]
    chapters = ["Executive summary", "Recommendations", "Raising concerns", "Investigating misconduct",
                "Outcomes and accountability", "Methodology"]
    where = {1: 2, 2: 3, 3: 4, 4: 3, 5: 4, 6: 4, 7: 4, 8: 4, 9: 2, 10: 2, 11: 3}

    state = rng.getstate()

    def story_for(pages: dict[str, int]):
        rng.setstate(state)  # both passes must lay out the same prose
        story = [gap(80), r.para("Standards of behaviour", r.style("h1", fontSize=28, leading=34)),
                 r.para("The handling of misconduct in fire and rescue services", "h2"), gap(30),
                 r.para("Published on 4 March 2025", "italic"), PageBreak(),
                 r.para("Contents", "h2"), contents(r, chapters, pages, w), gap(16),
                 Anchor(chapters[0], pages), r.para(chapters[0], "h1")]
        story += [r.para(p) for p in prose.paragraphs("fire", 3)]
        story += [r.para("We made 11 recommendations. Fire and rescue services should not wait for these "
                         "recommendations to be implemented nationally before acting on them, and several have "
                         "already started.")]
        story += [PageBreak(), Anchor(chapters[1], pages), r.para(chapters[1], "h1")]
        rows = [[r.para(rec.label.replace("Recommendation ", ""), r.style("cellb", textColor=colors.white,
                                                                          fontSize=14, leading=16)),
                 r.tracked(rec, rec.text, "cell")] for rec in recs]
        table = Table(rows, colWidths=[12 * mm, w - 12 * mm])
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (0, -1), r.house.accent),
                 ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]
        style += [("BACKGROUND", (1, i), (1, i), r.house.tint) for i in range(0, len(rows), 2)]
        table.setStyle(TableStyle(style))
        story += [r.para("Our recommendations are numbered in the order in which they appear in the report."), table]
        for number, chapter in enumerate(chapters[2:5], start=2):
            story += [PageBreak(), Anchor(chapter, pages), r.para(chapter, "h1")]
            for paragraph in prose.paragraphs("fire", rng.randint(3, 5)):
                story.append(r.para(paragraph))
            for rec in [x for x in recs if where[int(x.number)] == number]:
                story += [FilledBox([r.para(rec.label, "bold"), r.para(rec.text, "italic")], colors.white,
                                    rule=r.house.accent), gap(8)]
        story += [PageBreak(), Anchor(chapters[-1], pages), r.para(chapters[-1], "h1")]
        story += [r.para(p, "small") for p in prose.paragraphs("national", 4)]
        return story

    build_twice(r, out / f"{r.stem}.pdf", story_for, header="Standards of behaviour", footer="HMICFRS")
    return r
