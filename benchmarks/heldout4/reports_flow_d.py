"""Flowing reports (4): a national fire and rescue thematic with a shaded summary table, and a
digital forensics thematic whose items carry note markers."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from . import flow_kit as fk
from .filler import Filler
from .gold import NO_DEADLINE, Item, Report, deadline
from .reports_flow_a import _cover

RUST, CYAN, PALE = HexColor("#a0401a"), HexColor("#00838f"), HexColor("#fdf1e7")


def fire_values(out: Path, seed: int) -> Report:
    r = Report("fire_thematic_misconduct_2023", "thematic_fire",
               "Standards of behaviour: the handling of misconduct in fire and rescue services", date(2023, 3, 30))
    f = Filler(seed, r.stem)
    dl = lambda kind, text: deadline(kind, text, r.published)  # noqa: E731
    frs, fra, ho = ("fire_and_rescue_services",), ("fire_and_rescue_authorities",), ("home_office",)
    specs = [
        ("By 1 June 2023, chief fire officers should make sure that all staff understand the standards of "
         "behaviour expected of them and how to report concerns.", frs, "chief fire officers", ("date", "By 1 June 2023")),
        ("By 1 June 2023, chief fire officers should make sure that their services have an independent and "
         "confidential route for staff to raise concerns.", frs, "chief fire officers", ("date", "By 1 June 2023")),
        ("By 1 October 2023, fire and rescue authorities should assure themselves that misconduct cases in "
         "their services are handled fairly and consistently.", fra, "fire and rescue authorities",
         ("date", "By 1 October 2023")),
        ("By 31 August 2023, the Home Office, working with the National Fire Chiefs Council, should introduce "
         "a national barred list for staff dismissed for gross misconduct.", ho, "the Home Office",
         ("date", "By 31 August 2023")),
        ("By 31 December 2023, the National Fire Chiefs Council should produce a code of ethics toolkit for "
         "managers.", ("national_fire_chiefs_council",), "the National Fire Chiefs Council",
         ("date", "By 31 December 2023")),
        ("Fire and rescue services should make sure that all misconduct investigators are trained and have "
         "enough time to carry out investigations.", frs, "Fire and rescue services", None),
        ("By 1 October 2023, the Local Government Association should review the model disciplinary procedure "
         "for fire and rescue services.", ("local_government_association",), "the Local Government Association",
         ("date", "By 1 October 2023")),
        ("By the end of 2023, the Home Office should introduce standard background checks for all staff in "
         "fire and rescue services.", ho, "the Home Office", ("year_end", "By the end of 2023")),
        ("By 1 June 2024, the Fire Standards Board should publish a fire standard on leading the service.",
         ("fire_standards_board",), "the Fire Standards Board", ("date", "By 1 June 2024")),
        ("Chief fire officers and fire and rescue authorities should, by 1 December 2023, publish data on "
         "the number of grievances and misconduct cases in their services.", frs + fra,
         "Chief fire officers and fire and rescue authorities", ("date", "by 1 December 2023")),
        ("Within six months of the publication of this report, chief fire officers should review how they "
         "use 360-degree feedback for senior leaders.", frs, "chief fire officers",
         ("relative", "Within six months of the publication of this report")),
    ]
    recs = [r.add(Item("recommendation", b, str(n), f"{n}.", addressees=a, addressee_text=t,
                       deadline=dl(*d) if d else NO_DEADLINE)) for n, (b, a, t, d) in enumerate(specs, start=1)]
    body = fk.style("body", "vera", 10, 12, first=14, after=0, align=4)
    h1 = fk.style("h1", "vera", 10, bold=True, color="#a0401a", before=14, after=6, align=0)
    cell = fk.style("cell", "vera", 9, 11.5, after=0, align=0)
    hanging = fk.style("hang", "vera", 10, 12.5, left=22, after=6, align=0)
    hanging.bulletIndent = 0
    decorate = fk.running("Standards of behaviour in fire and rescue services", family="vera", colour="#a0401a",
                          align="right")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["Standards of behaviour", "The handling of misconduct",
                                             "in fire and rescue services"], "30 March 2023", RUST, "vera")),
        fk.template("one", "one", decorate, margins=(70, 70, 88, 86))])
    width = A4[0] - 140
    story = [NextPageTemplate("one"), PageBreak(), fk.para("SUMMARY OF RECOMMENDATIONS", h1)]
    data = [[fk.para("**No.**", cell), fk.para("**Recommendation**", cell)]]
    data += [[fk.para(rec.label, cell), fk.para(rec.body, cell, rec)] for rec in recs]
    table = Table(data, colWidths=[36, width - 36], repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), HexColor("#f0c9ad")),
                               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [PALE, HexColor("#ffffff")]),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story += [table, PageBreak()]
    chapters = [("INTRODUCTION", []), ("REPORTING CONCERNS", [0, 1, 5]), ("INVESTIGATING MISCONDUCT", [2, 9]),
                ("NATIONAL ARRANGEMENTS", [3, 4, 6, 7, 8]), ("LEADERSHIP", [10])]
    for title, found in chapters:
        story += [CondPageBreak(140), fk.para(title, h1)]
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(3, 5), 2, 4)]
        if title == "REPORTING CONCERNS":
            story.append(fk.para("By 31 December 2022, 213 misconduct cases had been recorded across the 44 "
                                 "services. " + f.sentence(), body))
        if found:
            story.append(Spacer(1, 6))
            for i in found:
                p = fk.para(recs[i].body, hanging, recs[i], 1)
                p.bulletText = recs[i].label
                story.append(p)
            story.append(Spacer(1, 4))
        story += [fk.para(t, body) for t in f.paras(f.rng.randint(2, 4), 2, 4)]
    doc.build(story)
    return r


def thematic_digital(out: Path, seed: int) -> Report:
    r = Report("thematic_digital_forensics_2024", "thematic_police",
               "Digital forensics: an inspection of how police forces manage digital evidence", date(2024, 8, 22))
    f = Filler(seed, r.stem)
    dl = lambda kind, text: deadline(kind, text, r.published)  # noqa: E731
    cc = ("chief_constables",)
    specs = [
        ("With immediate effect, chief constables should stop the practice of examining devices without a "
         "documented strategy agreed by the investigating officer.^1", cc, "chief constables",
         ("immediate", "With immediate effect")),
        ("By April 2025, chief constables should make sure that every digital forensic unit holds the "
         "accreditation required by the Forensic Science Regulator’s code of practice.^2", cc, "chief constables",
         ("month", "By April 2025")),
        ("Within six months, the NPCC lead for digital forensics should publish a national triage model for "
         "mobile devices.", ("npcc",), "the NPCC lead for digital forensics", ("relative", "Within six months")),
        ("Once the Forensic Science Regulator has published the revised code of practice, chief constables "
         "should carry out a gap analysis against it.", cc, "chief constables",
         ("event", "Once the Forensic Science Regulator has published the revised code of practice")),
        ("By 31 May 2025, the Home Office should fund a national capability for the storage of digital "
         "evidence.^3", ("home_office",), "the Home Office", ("date", "By 31 May 2025")),
        ("By 31 May 2025, the College of Policing should introduce a digital forensics qualification for "
         "investigators.", ("college_of_policing",), "the College of Policing", ("date", "By 31 May 2025")),
        ("The Crown Prosecution Service and the NPCC should, by the end of 2025, agree a protocol for the "
         "disclosure of digital material.", ("cps", "npcc"), "The Crown Prosecution Service and the NPCC",
         ("year_end", "by the end of 2025")),
        ("By 30 November 2024, police and crime commissioners should review how their forces’ digital forensic "
         "backlogs are reported to them.", ("police_and_crime_commissioners",), "police and crime commissioners",
         ("date", "By 30 November 2024")),
    ]
    recs = [r.add(Item("recommendation", b, str(n), f"Recommendation {n}", addressees=a, addressee_text=t,
                       deadline=dl(*d))) for n, (b, a, t, d) in enumerate(specs, start=1)]
    afis = [r.add(Item("area_for_improvement", b, str(n), f"Area for improvement {n}", addressees=cc,
                       addressee_text="Forces")) for n, b in enumerate([
        "Forces should make sure that victims are told how long their devices are likely to be kept.",
        "Forces should improve the way they record the time taken to examine devices."], start=1)]
    notes = ["Forensic Science Regulator, Code of Practice, 2023.", "As required by the Forensic Science Activities "
             "Regulations.", "Home Office, Digital Forensics Strategy, 2020."]
    body = fk.style("body", "helvetica", 12, 17, after=10, align=0)
    h1 = fk.style("h1", "helvetica", 17, bold=True, color="#00838f", after=10, align=0)
    lab = fk.style("lab", "helvetica", 12, 16, bold=True, color="#00838f", after=3, align=0)
    it = fk.style("it", "helvetica", 12, 16, after=0, align=0)
    note = fk.style("note", "helvetica", 8, 10, after=2, align=0)
    decorate = fk.running("Digital forensics", colour="#00838f", align="right")
    doc = fk.document(str(out / f"{r.stem}.pdf"), r, [
        fk.template("cover", "one", _cover(["Digital forensics", "How police forces manage", "digital evidence"],
                                            "22 August 2024", CYAN)),
        fk.template("one", "one", decorate, margins=(70, 70, 90, 88))])
    width = A4[0] - 140
    story = [NextPageTemplate("one"), PageBreak(), fk.para("Summary", h1)]
    story += [fk.para(t, body) for t in f.paras(3, 2, 3)]
    story.append(fk.para("We have made eight recommendations and identified two areas for improvement.", body))
    chapters = [("Leadership and governance", [recs[0], recs[2], afis[1]]), ("Capacity and capability",
                [recs[1], recs[3], recs[5]]), ("Victims and the criminal justice system", [recs[6], afis[0], recs[7]]),
                ("National infrastructure", [recs[4]])]
    for title, found in chapters:
        story += [PageBreak(), fk.para(title, h1)]
        for item in found:
            story += [fk.para(t, body) for t in f.paras(f.rng.randint(1, 3), 2, 3)]
            story.append(KeepTogether([fk.boxed([fk.para(item.label, lab), fk.para(item.body, it, item)], width,
                                                HexColor("#e0f7fa"), side=CYAN), Spacer(1, 10)]))
        marks = [n for n in range(1, 4) if any(f"^{n}" in i.body for i in found)]
        if marks:
            story.append(fk.para("Notes", lab))
            story += [fk.para(f"{n} {notes[n - 1]}", note) for n in marks]
    doc.build(story)
    return r
