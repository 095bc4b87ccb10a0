"""Reports drawn on the bare canvas (3): a joint inspection with another inspectorate whose
recommendations sit in a ruled table with the addressee in its lead column."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor, white

from .canvas_kit import Look, Sheet
from .filler import Filler
from .gold import NO_DEADLINE, Item, Report, deadline

FOREST, LIME = HexColor("#1e4d2b"), HexColor("#dce8c8")


def joint_case_files(out: Path, seed: int) -> Report:
    r = Report("joint_case_files_2024", "joint",
               "A joint inspection of case file quality and disclosure by the police and the Crown Prosecution "
               "Service", date(2024, 10, 3))
    f = Filler(seed, r.stem)
    groups = [
        ("Chief constables", ("chief_constables",), [
            ("Make sure that every case file sent to the Crown Prosecution Service includes a completed "
             "disclosure schedule.", ("date", "31 March 2025")),
            ("Introduce supervisory checks of the quality of case files before they are sent to prosecutors.",
             ("date", "31 March 2025"))]),
        ("The Crown Prosecution Service", ("cps",), [
            ("Give feedback to forces on the quality of every file it returns to them.", ("month", "December 2024"))]),
        ("The NPCC and the CPS jointly", ("npcc", "cps"), [
            ("Agree a national standard for case file quality and publish it.", ("date", "30 June 2025"))]),
        ("The College of Policing", ("college_of_policing",), [
            ("Include disclosure in the initial training of all investigators.", ("relative", "Within 12 months"))]),
        ("The Home Office", ("home_office",), [
            ("Fund a single digital case file system for police and prosecutors.", None)]),
    ]
    rows, n = [], 0
    for who, ids, entries in groups:
        for index, (text, due) in enumerate(entries):
            n += 1
            item = r.add(Item("recommendation", text, str(n), str(n), addressees=ids, addressee_text=who.removesuffix(" jointly"),
                              deadline=deadline(due[0], due[1], r.published) if due else NO_DEADLINE,
                              where="cell"))
            rows.append([who if index == 0 else "", item.number, (text, item), due[1] if due else "None set"])
    afis = [r.add(Item("area_for_improvement", b, addressees=("chief_constables",), addressee_text="Forces",
                       label="Area for improvement")) for b in (
        "Forces should make sure that officers record their reasons for decisions about unused material.",
        "Forces should improve how they redact personal information from case files before sending them to "
        "the CPS.")]

    def decorate(s: Sheet) -> None:
        w, h = s.size
        if s.page == 1:
            return
        s.c.setFillColor(FOREST)
        s.c.rect(0, 0, 18, h, stroke=0, fill=1)
        s.c.setFillColor(HexColor("#333333"))
        s.c.setFont("Helvetica-Oblique", 7.5)
        s.c.drawString(60, h - 40, "Case file quality and disclosure: a joint inspection by HMICFRS and HMCPSI")
        s.c.setFont("Helvetica-Bold", 9)
        s.c.drawCentredString(w / 2, 32, f"{s.page}")

    look = Look("helvetica", 10, 14, align="justify")
    s = Sheet(str(out / f"{r.stem}.pdf"), r, look, margins=(60, 56, 86, 84), decorate=decorate)
    c, (w, h) = s.c, s.size
    c.setFillColor(LIME)
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.setFillColor(FOREST)
    c.circle(w - 120, h - 160, 90, stroke=0, fill=1)
    c.setFont("Helvetica-Bold", 26)
    for index, text in enumerate(["A joint inspection of case", "file quality and disclosure"]):
        c.drawString(56, h - 330 - index * 32, text)
    c.setFont("Helvetica", 13)
    c.drawString(56, h - 410, "HM Inspectorate of Constabulary and Fire & Rescue Services")
    c.drawString(56, h - 428, "HM Crown Prosecution Service Inspectorate")
    c.drawString(56, h - 460, "3 October 2024")
    c.setFillColor(white)
    c.setFont("Helvetica-Bold", 30)
    c.drawCentredString(w - 120, h - 170, "CJJI")
    s.new_page()
    s.bar("Summary", FOREST, family="helvetica")
    for text in f.paras(3, 3, 4):
        s.para(text, after=8)
    s.para("In 2021 the inspectorates said that “police forces should make sure that disclosure schedules are "
           "completed in every case”. We found that this was still not happening. " + f.sentence(), after=8)
    s.bar("Recommendations", FOREST, family="helvetica")
    s.para("Each recommendation is set out with the body or bodies responsible for it and the date by which we "
           "expect it to be carried out.", after=8)
    table_look = Look("helvetica", 9.5, 12, align="left", hyphenate=False)
    s.ruled_table([110, 30, 250, 88], ["Recommendation for", "No.", "Recommendation", "By"], rows, table_look,
                  rule=FOREST)
    s.bar("Areas for improvement", FOREST, family="helvetica")
    for afi in afis:
        s.bullet(afi.body, item=afi, square=FOREST, after=4)
    for title in ["1. Introduction", "2. File quality", "3. Disclosure", "4. Working together"]:
        s.new_page()
        s.bar(title, FOREST, family="helvetica")
        for text in f.paras(f.rng.randint(5, 7), 2, 4):
            s.para(text, after=8)
    s.finish()
    return r
