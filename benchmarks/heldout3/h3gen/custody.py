"""Joint police custody inspections (with HM Inspectorate of Prisons): S-numbered summaries, numbered
body paragraphs and a closing section that repeats every item with cross-references."""
from __future__ import annotations

import random
from datetime import date

from reportlab.platypus import KeepTogether

from .core import Item, Report
from .layout import Kit, PageBreak, Spacer, Typo, colors, make_doc, switch
from .prose import Prose

FORCE = ("force",)


def _numbered(k: Kit, number: str, text: str, indent: float = 34):
    """A paragraph whose number hangs in the margin, as custody reports set them."""
    return k.p(text, "flat", leftIndent=indent, bulletText=number, bulletIndent=0,
               bulletFontName=k.t.fonts[0], bulletFontSize=k.t.size)


def custody_sandholme(seed: int):
    force = "Sandholme Police"
    r = Report("custody-2024-sandholme", "custody", f"Report on an unannounced inspection visit to police custody "
               f"suites in {force}", date(2024, 10, 30))
    coc1 = r.add(Item("cause_of_concern", "Detainees were not always safe in custody. Observation levels were not "
                      "always set correctly, and we saw checks on vulnerable detainees that were late or not done."))
    rec1 = r.add(Item("recommendation", "The force and the police and crime commissioner should make sure that "
                      "detainees are observed at the level their risk requires, and that checks are carried out "
                      "and recorded properly.", FORCE + ("police_and_crime_commissioners",),
                      "The force and the police and crime commissioner", parent=coc1))
    coc2 = r.add(Item("cause_of_concern", "The force could not show that its use of force in custody was always "
                      "proportionate and justified."))
    lead = "The force should:"
    recs2 = [r.add(Item("recommendation", b, FORCE, "The force", lead=lead, parent=coc2)) for b in (
        "make sure that every use of force in custody is recorded and reviewed by a supervisor; and",
        "introduce a governance process that analyses the data on use of force to identify trends.")]
    afi_text = [
        ("3.9", "The force should make sure that its strategic custody board monitors the performance of the "
         "healthcare provider."),
        ("3.14", "The force should improve the recording of the reasons why detainees are strip-searched."),
        ("4.6", "The force should make sure that custody officers explain to detainees their rights and "
         "entitlements in a way they understand."),
        ("4.11", "The force should make sure that detainees with a disability have their needs met."),
        ("4.19", "The force should reduce the time that detainees wait for an appropriate adult, particularly at "
         "night."),
        ("5.4", "The force should make sure that cells are clean and free of graffiti and ligature points."),
        ("5.10", "The force should offer detainees held for long periods the opportunity to exercise in the "
         "open air."),
        ("5.15", "The force should make sure that pre-release risk assessments are completed for every detainee."),
    ]
    afis = [(ref, r.add(Item("area_for_improvement", b, FORCE, "The force"))) for ref, b in afi_text]
    t = Typo("helv", 10, 13.5, 6, 0, accent=colors.HexColor("#0b4f6c"), heading="rule", folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 81), "custody")
        doc = make_doc(buf, r, t, header=f"{force} police custody inspection", footer="HM Inspectorate of Prisons "
                       "and HM Inspectorate of Constabulary and Fire & Rescue Services", folio_offset=1)
        story = [Spacer(1, 20), k.p("Report on an unannounced inspection visit to police custody suites in", "subtitle"),
                 k.p(force, "title"), k.p("by HM Inspectorate of Prisons and HM Inspectorate of Constabulary and "
                                          "Fire &amp; Rescue Services", "flat"),
                 k.p("3–14 June 2024", "flat"), k.p("Published: 30 October 2024", "flat")]
        story += switch("body") + k.heading("Section 1. Introduction")
        story += [_numbered(k, f"1.{i}", x) for i, x in enumerate(pr.paragraphs(4), start=1)]
        story += [PageBreak()] + k.heading("Section 2. Summary")
        s_paras = pr.paragraphs(9, 2, 4)
        s_paras[7] = "We identified two causes of concern and made three recommendations to address them. We " \
                     "also identified eight areas for improvement."
        story += [_numbered(k, f"S{i}", x, 28) for i, x in enumerate(s_paras, start=1)]
        story += [k.p("Causes of concern and recommendations", "h3")]
        story += [KeepTogether([k.box([k.p("Cause of concern", "bold"), r.track(k.p(coc1.body, "flat"), coc1),
                                       k.p("Recommendation", "bold"), r.track(k.p(rec1.body, "flat"), rec1)],
                                      fill="#dcebf2")]), Spacer(1, 8)]
        story += [KeepTogether([k.box([k.p("Cause of concern", "bold"), r.track(k.p(coc2.body, "flat"), coc2),
                                       k.p("Recommendations", "bold"), r.track(k.p(lead, "flat"), *recs2),
                                       k.bullets([r.track(k.p(x.body, "flat"), x) for x in recs2])],
                                      fill="#dcebf2")])]
        by_ref = dict(afis)
        for sec, title in ((3, "Leadership, accountability and partnerships"), (4, "Respect and individual rights"),
                           (5, "Protection from harm and care")):
            story += [PageBreak()] + k.heading(f"Section {sec}. {title}")
            for i in range(1, 21):
                ref = f"{sec}.{i}"
                text = pr.paragraph(2, 4)
                if ref == "4.4":
                    text = "Detainees told us the force should provide more reading material in cells. " + text
                story += [_numbered(k, ref, text)]
                if ref in by_ref:
                    story += [k.box([k.p("Area for improvement", "bold"), r.track(k.p(by_ref[ref].body, "flat"),
                                                                               by_ref[ref])],
                                    fill=None, outline="#0b4f6c", width="88%"), Spacer(1, 6)]
                if sec == 5 and i == 16:
                    break
        story += [PageBreak()] + k.heading("Section 6. Summary of causes of concern, recommendations and areas "
                                           "for improvement")
        story += [k.p("Causes of concern and recommendations", "h3"),
                  k.p(f"Cause of concern: {coc1.body} (S8)"), k.p(f"Recommendation: {rec1.body} (S8)"),
                  k.p(f"Cause of concern: {coc2.body} (S8)"), k.p(f"Recommendations: {lead} "
                                                                   + " ".join(x.body for x in recs2) + " (S8)")]
        story += [k.p("Areas for improvement", "h3")]
        story += [k.bullets([k.p(f"{a.body} ({ref})", "flat") for ref, a in afis])]
        doc.build(story)

    return r, r.build(render)


def custody_kelmouth(seed: int):
    force = "Kelmouth and Daleside Police"
    r = Report("custody-2023-kelmouth", "custody", f"Report on an unannounced inspection of police custody in "
               f"{force}", date(2023, 5, 11))
    coc = r.add(Item("cause_of_concern", "Children were detained overnight too often, and the force and local "
                     "authorities did not work together to find them alternative accommodation."))
    lead = "The force and the police and crime commissioner should ensure that:"
    who = ("force", "police_and_crime_commissioners")
    recs = [r.add(Item("recommendation", b, who, "The force and the police and crime commissioner", lead=lead,
                       parent=coc)) for b in (
        "children are not held in custody overnight unless it is unavoidable, and every case is reviewed; and",
        "an agreement with local authorities is in place for the provision of secure and non-secure "
        "accommodation.")]
    afi_text = [("2.8", "The force should make sure that its custody staff have enough time to complete their "
                 "refresher training."),
                ("2.17", "The force should improve the quality of the custody data it uses to understand demand."),
                ("3.5", "The force should make sure that detainees’ dietary and religious needs are met."),
                ("3.12", "The force should make sure that female detainees are offered the chance to speak to a "
                 "female member of staff."),
                ("4.3", "The force should make sure that detainees’ medication is given to them on time."),
                ("4.9", "The force should provide detainees with clean mattresses and blankets."),
                ("4.14", "The force should make sure that detainees are told about the independent custody visitors "
                 "scheme.")]
    afis = [(ref, r.add(Item("area_for_improvement", b, FORCE, "The force"))) for ref, b in afi_text]
    t = Typo("times", 11, 14, 5, 0, accent=colors.HexColor("#4a2f1a"), heading="bold", folio="centre")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 89), "custody")
        doc = make_doc(buf, r, t, header=f"Police custody in {force}", footer="Joint inspection of police custody")
        story = [Spacer(1, 20), k.p(f"Report on an unannounced inspection of police custody in {force}", "title",
                                    fontSize=22, leading=27),
                 k.p("Joint inspection by HM Inspectorate of Prisons and HMICFRS. Published 11 May 2023.", "flat")]
        story += switch("body") + [k.p("Summary", "h2")]
        story += [_numbered(k, f"S{i}", x, 26) for i, x in enumerate(pr.paragraphs(6, 2, 3), start=1)]
        story += [_numbered(k, "S7", "The force should be commended for its work with mental health partners, which "
                                    "has reduced the number of people detained under section 136.")]
        story += [_numbered(k, "S8", "We identified one cause of concern, with two recommendations, and seven areas "
                                    "for improvement.")]
        story += [k.p("Cause of concern", "h3"), r.track(k.p(f"<b>{coc.body}</b>"), coc),
                  KeepTogether([k.p("Recommendations", "h3"), r.track(k.p(lead), *recs),
                                k.bullets([r.track(k.p(x.body, "flat"), x) for x in recs], char="–")])]
        by_ref = dict(afis)
        for sec, title in ((2, "Leadership, accountability and partnerships"), (3, "Respect and rights"),
                           (4, "Protection from harm")):
            story += [PageBreak(), k.p(f"{sec}. {title}", "h2")]
            for i in range(1, 19):
                ref = f"{sec}.{i}"
                story += [_numbered(k, ref, pr.paragraph(2, 5))]
                if ref in by_ref:
                    story += [KeepTogether([k.p("Area for improvement", "italic", leftIndent=34),
                                            r.track(k.p(f"<b>{by_ref[ref].body}</b>", "flat", leftIndent=34),
                                                    by_ref[ref])]), Spacer(1, 4)]
                if sec == 4 and i == 15:
                    break
        story += [PageBreak(), k.p("5. Summary of cause of concern, recommendations and areas for improvement", "h2")]
        story += [k.p("Cause of concern and recommendations", "h3"), k.p(coc.body + " (S8)"), k.p(lead),
                  k.bullets([k.p(x.body, "flat") for x in recs], char="–")]
        story += [k.p("Areas for improvement", "h3")] + [k.p(f"{a.body} ({ref})") for ref, a in afis]
        doc.build(story)

    return r, r.build(render)


BUILDERS = [custody_sandholme, custody_kelmouth]
