"""Joint inspections of police custody with HM Inspectorate of Prisons: S-numbered summaries,
numbered body paragraphs and a closing section that restates every item with a cross-reference."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, ListFlowable, ListItem, PageBreak, Table, TableStyle

from .engine import House, Item, Report, build, content_width, gap
from .prose import Prose

AFI, REC, COC = "area_for_improvement", "recommendation", "cause_of_concern"
FORCE_PCC = ("force", "police_and_crime_commissioners")


def _cover(r: Report, force: str, fieldwork: str, published: str, w: float) -> list:
    logos = Table([[r.para("HM Inspectorate of Prisons", "cellb"),
                    r.para("HM Inspectorate of Constabulary and Fire &amp; Rescue Services", "cellb", markup=True)]],
                  colWidths=[w / 2, w / 2])
    logos.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 1, r.house.accent)]))
    return [logos, gap(70), r.para("Report on an unannounced inspection visit to police custody suites in",
                                   r.style("h2", textColor=colors.black)),
            r.para(force, r.style("h1", fontSize=26, leading=31)), gap(16),
            r.para("by HM Inspectorate of Prisons and HM Inspectorate of Constabulary and Fire &amp; Rescue Services",
                   "body", markup=True),
            r.para(f"Fieldwork: {fieldwork}"), r.para(published, "bold"), PageBreak()]


def greyfield(out: Path, rng: random.Random) -> Report:
    r = Report("custody-2024-greyfield", "custody", "Report on an unannounced inspection visit to police custody "
               "suites in Greyfield Constabulary", date(2024, 7, 9),
               house=House(face="helvetica", size=10, leading=13.5, accent=colors.HexColor("#5a2d82"),
                           tint=colors.HexColor("#efe8f5")))
    prose, w = Prose(rng), content_width(r)
    coc1 = r.add(Item(COC, "The force did not have enough detention officers to keep detainees safe. Observations "
                      "of detainees at risk were often late or missed altogether.", label="Cause of concern"))
    rec1 = r.add(Item(REC, "The force and the police and crime commissioner should make sure that there are enough "
                      "staff in custody to meet the needs of detainees and to carry out observations as required.",
                      FORCE_PCC, "The force and the police and crime commissioner", parent=coc1,
                      label="Recommendation"))
    rec2 = r.add(Item(REC, "The force should make sure that supervisors check that observations are carried out at the "
                      "required frequency.", ("force",), "The force", parent=coc1, label="Recommendation"))
    coc2 = r.add(Item(COC, "The arrangements for detainees with mental health needs were poor. Some detainees waited "
                      "more than 24 hours for an assessment, and a place of safety was rarely found promptly.",
                      label="Cause of concern"))
    rec3 = r.add(Item(REC, "The force, working with its health partners, should make sure that detainees with mental "
                      "health needs are assessed and moved to a suitable place without delay.", ("force",),
                      "The force", parent=coc2, label="Recommendation"))
    afi_texts = {
        2: ["The force should make sure that custody performance data is accurate and is used to improve outcomes "
            "for detainees.",
            "The force should make sure that use of force in custody is recorded and monitored."],
        3: ["The force should make sure that detainees' privacy is protected at the booking-in desks.",
            "The force should make sure that children are held in custody only as a last resort, and that "
            "alternative accommodation is requested in every appropriate case. Where a child is held overnight, "
            "the reasons should be recorded, the local authority should be told at once, and custody staff should "
            "make sure that the child has an appropriate adult with them for as much of the time as possible, "
            "including during any review of their detention by the inspector.",
            "The force should improve the cleanliness of cells at the Eastgate suite."],
        4: ["The force should make sure that detainees are told about their rights and entitlements in a way they "
            "understand.",
            "The force should make sure that detainees can shower and are offered a change of clothing."],
        5: ["The force should make sure that all detainees receive a meaningful pre-release risk assessment.",
            "The force should make sure that the liaison and diversion service is available in the evenings."],
    }
    afis = {s: [r.add(Item(AFI, t, ("force",), "The force", label="Area for improvement")) for t in ts]
            for s, ts in afi_texts.items()}
    refs: dict[str, str] = {}
    hang = r.styles["hang"]
    story = _cover(r, "Greyfield Constabulary", "4–15 March 2024", "Published 9 July 2024", w)
    story += [r.para("Section 1. Summary", "h1")]
    s = 0
    for paragraph in prose.paragraphs("custody", 6):
        s += 1
        story.append(r.para(paragraph, hang, bulletText=f"S{s}"))
    story.append(r.para("We identified two causes of concern, made three recommendations and identified nine "
                        "areas for improvement.", hang, bulletText=f"S{s + 1}"))
    story += [r.para("Causes of concern and recommendations", "h2")]
    s += 1
    for coc, recs in ((coc1, (rec1, rec2)), (coc2, (rec3,))):
        s += 1
        story.append(r.tracked(coc, coc.text, hang, prefix="<b>Cause of concern: </b>", bulletText=f"S{s}"))
        for rec in recs:
            story.append(r.tracked(rec, rec.text, r.style("hang", leftIndent=44), prefix="<b>Recommendation: </b>"))
    story += [PageBreak()]
    titles = {2: "Leadership, accountability and partnerships", 3: "Custody facilities and safety",
              4: "Individual rights", 5: "Health care and release"}
    for section, title in titles.items():
        story += [r.para(f"Section {section}. {title}", "h1")]
        n = 0
        for paragraph in prose.paragraphs("custody", rng.randint(4, 7)):
            n += 1
            story.append(r.para(paragraph, hang, bulletText=f"{section}.{n}"))
            if section == 3 and n == 2:
                n += 1
                refs[coc1.key] = refs[rec1.key] = refs[rec2.key] = f"{section}.{n}"
                story += [r.para("Cause of concern and recommendations", "h3"),
                          r.para(coc1.text, hang, bulletText=f"{section}.{n}"),
                          r.para(f"Recommendation: {rec1.text}", r.style("hang", leftIndent=44)),
                          r.para(f"Recommendation: {rec2.text}", r.style("hang", leftIndent=44))]
            if section == 5 and n == 1:
                n += 1
                refs[coc2.key] = refs[rec3.key] = f"{section}.{n}"
                story += [r.para(coc2.text, hang, bulletText=f"{section}.{n}"),
                          r.para(f"Recommendation: {rec3.text}", r.style("hang", leftIndent=44))]
        story += [r.para("Areas for improvement", "h3")]
        for afi in afis[section]:
            n += 1
            refs[afi.key] = f"{section}.{n}"
            if len(afi.text) > 400:
                story.append(r.fill(prose, "custody", 2.6))
            story.append(r.tracked(afi, afi.text, hang, bulletText=f"{section}.{n}"))
    story += [PageBreak(), r.para("Section 6. Summary of causes of concern, recommendations and areas for improvement",
                                  "h1")]
    story += [r.para("Causes of concern and recommendations", "h2")]
    for coc, recs in ((coc1, (rec1, rec2)), (coc2, (rec3,))):
        story += [r.para(f"Cause of concern: {coc.text} ({refs[coc.key]})", "bold")]
        story += [r.para(f"Recommendation: {x.text} ({refs[x.key]})") for x in recs]
    story += [r.para("Areas for improvement", "h2")]
    story += [r.para(f"{a.text} ({refs[a.key]})", hang, bulletText="•") for ts in afis.values() for a in ts]
    build(r, out / f"{r.stem}.pdf", story, header="Greyfield Constabulary police custody inspection",
          footer="Police custody inspection")
    return r


def hollinsworth(out: Path, rng: random.Random) -> Report:
    r = Report("custody-2023-hollinsworth", "custody", "Report on an unannounced inspection visit to police custody "
               "suites in Hollinsworth Police", date(2023, 11, 28),
               house=House(face="times", size=10.5, leading=13.5, accent=colors.HexColor("#7a4b00"),
                           tint=colors.HexColor("#f6efe2"), margins=(26 * mm, 24 * mm, 24 * mm, 24 * mm)))
    prose, w = Prose(rng), content_width(r)
    coc = r.add(Item(COC, "Hollinsworth Police's oversight of the use of force in custody was weak. Incidents were "
                     "not always recorded, and footage was not routinely reviewed.", label="Cause of concern"))
    lead = "To address this cause of concern, the force and the police and crime commissioner should:"
    recs = [r.add(Item(REC, t, FORCE_PCC, "the force and the police and crime commissioner", lead_in=lead, parent=coc))
            for t in ("make sure that every use of force in custody is recorded accurately and promptly; and",
                      "introduce regular, independent scrutiny of use of force, including a review of CCTV footage.")]
    afi_texts = [
        "The force should improve the recording of decisions to detain, so that the reasons are clear.",
        "The force should make sure that detainees are given the opportunity to contact someone when they arrive.",
        "The force should make sure that staff record all risk information on the custody record.",
        "The force should reduce the time detainees wait for a solicitor.",
        "The force should make sure that detainees who need an appropriate adult get one promptly, including "
        "overnight.",
        "The force should make sure that anti-ligature clothing is used only when it is justified by risk, and "
        "that its use is reviewed.",
        "The force should improve the arrangements for detainees who do not speak English.",
        "The force should make sure that detainees are offered a meal at the usual times.",
        "The force should improve the quality of information about local support services given to detainees on "
        "release.",
    ]
    afis = [r.add(Item(AFI, t, ("force",), "The force")) for t in afi_texts]
    hang = r.styles["hang"]
    story = _cover(r, "Hollinsworth Police", "12–21 June 2023", "Published: 28 November 2023", w)
    story += [r.bar("Summary", w), gap(6)]
    for s, paragraph in enumerate(prose.paragraphs("custody", 5), start=1):
        story.append(r.para(paragraph, hang, bulletText=f"S{s}"))
    story += [r.para("We identified one cause of concern, made two recommendations and identified nine areas "
                     "for improvement.", hang, bulletText="S6"),
              KeepTogether([r.para("Cause of concern", "h3"), r.tracked(coc, coc.text, hang, bulletText="S7"),
                            r.para("Recommendations", "h3"), r.tracked(recs, lead, hang, role="lead", bulletText="S8"),
                            ListFlowable([ListItem(r.tracked(x, x.text)) for x in recs], bulletType="bullet",
                                         start="–", leftIndent=44)]),
              r.para("Areas for improvement", "h3"),
              r.para("We identified the following areas for improvement:", hang, bulletText="S9"),
              ListFlowable([ListItem(r.tracked(a, a.text)) for a in afis], bulletType="bullet", start="•",
                           leftIndent=44, spaceBefore=2),
              PageBreak()]
    where = {0: 2, 1: 2, 2: 3, 3: 4, 4: 4, 5: 3, 6: 4, 7: 5, 8: 5}
    refs = {}
    for section, title in ((2, "Leadership"), (3, "Pre-custody and safety"), (4, "In the custody suite"),
                           (5, "Release and health care")):
        story += [r.bar(f"{section}. {title}", w), gap(6)]
        n = 0
        for paragraph in prose.paragraphs("custody", rng.randint(3, 6)):
            n += 1
            story.append(r.para(paragraph, hang, bulletText=f"{section}.{n}"))
        if section == 2:
            n += 1
            refs["coc"] = f"{section}.{n}"
            story += [r.para("Cause of concern and recommendations", "bold"),
                      r.para(coc.text, hang, bulletText=f"{section}.{n}"), r.para(lead, r.style("hang", leftIndent=44))]
            story += [r.para(x.text, r.style("hang", leftIndent=56), bulletText="–") for x in recs]
        for k in [k for k, s in where.items() if s == section]:
            n += 1
            refs[k] = f"{section}.{n}"
            story += [r.para("Area for improvement", "bold"), r.para(afis[k].text, hang, bulletText=f"{section}.{n}")]
    story += [PageBreak(), r.bar("6. Summary of causes of concern, recommendations and areas for improvement", w),
              r.para(f"Cause of concern: {coc.text} ({refs['coc']})"), r.para(lead)]
    story += [r.para(x.text, hang, bulletText="–") for x in recs]
    story += [r.para(f"{a.text} ({refs[k]})", hang, bulletText="•") for k, a in enumerate(afis)]
    build(r, out / f"{r.stem}.pdf", story, header="Hollinsworth Police custody", footer="HMIP / HMICFRS")
    return r
