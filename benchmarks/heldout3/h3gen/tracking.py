"""Documents that restate earlier items: a progress review with red/amber/green grades and a force's
audit committee paper (both must yield nothing), and a revisit letter that adds two new items."""
from __future__ import annotations

import random
from datetime import date

from reportlab.platypus import KeepTogether, TableStyle

from .core import Item, Report
from .layout import Kit, PageBreak, Spacer, Typo, colors, make_doc, switch
from .prose import Prose

RAG = {"Red": "#d9534f", "Amber": "#f0ad4e", "Green": "#5cb85c"}

EARLIER = [
    ("1", "By 31 March 2023, chief constables should make sure that all officers and staff are vetted to the "
          "level their role requires.", "Amber"),
    ("2", "By 30 April 2023, chief constables should make sure that their forces check the Police National "
          "Database for every vetting application.", "Green"),
    ("3", "The College of Policing should amend its vetting code of practice so that forces record the reasons "
          "for every decision to grant vetting despite adverse information.", "Green"),
    ("4", "By October 2023, the NPCC lead for vetting should develop a national approach to the re-vetting of "
          "officers who are the subject of a misconduct finding.", "Red"),
    ("5", "Chief constables should make sure that their counter-corruption units have enough staff to assess "
          "all intelligence within 28 days.", "Amber"),
    ("6", "The Home Office should bring forward legislation so that vetting is a statutory requirement.", "Red"),
    ("7", "Within six months, forces should introduce a system to monitor the use of police systems for "
          "inappropriate purposes.", "Amber"),
]


def progress_vetting(seed: int):
    r = Report("progress-2025-vetting", "progress_review", "Vetting and misconduct: a progress review of our 2022 "
               "recommendations", date(2025, 1, 16))
    t = Typo("vera", 10, 13, 6, 0, accent=colors.HexColor("#444466"), heading="bar", folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 107), "national")
        doc = make_doc(buf, r, t, header="Vetting and misconduct: progress review", footer="January 2025")
        story = [Spacer(1, 30), k.p("Vetting and misconduct", "title"),
                 k.p("A progress review of the recommendations in our 2022 report", "subtitle"),
                 k.p("Published 16 January 2025", "flat")]
        story += switch("body") + k.heading("Introduction") + [k.p(x) for x in pr.paragraphs(3)]
        story += [k.p("This review makes no new recommendations. For each recommendation from our 2022 report we "
                      "give a progress grade: green (complete), amber (in progress) or red (not started).")]
        story += k.heading("Progress against our 2022 recommendations")
        for number, text, grade in EARLIER:
            table = k.grid([[k.p(f"Recommendation {number} from our 2022 report", "cellbold"),
                             k.p(grade, "cellbold")], [k.p(text, "cell"), k.p("", "cell")]], ["80%", "20%"],
                           header=False)
            table.setStyle(TableStyle([("BACKGROUND", (1, 0), (1, -1), colors.HexColor(RAG[grade])),
                                       ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#e4e4ee"))]))
            story += [KeepTogether([table, Spacer(1, 4), k.p(pr.paragraph(2, 3))]), Spacer(1, 6)]
        story += k.heading("Conclusion") + [k.p(x) for x in pr.paragraphs(2)]
        doc.build(story)

    return r, r.build(render)


def audit_committee(seed: int):
    r = Report("jac-2025-hmicfrs-update", "audit_committee", "Joint Audit Committee: HMICFRS inspection update",
               date(2025, 3, 24))
    t = Typo("courier", 9.5, 12, 6, 0, accent=colors.HexColor("#000000"), heading="bold", folio="centre")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 109), "police")
        doc = make_doc(buf, r, t, header="Joint Audit Committee - 24 March 2025 - Agenda item 9",
                       footer="OFFICIAL", first="body")
        story = [k.p("OFFICE OF THE POLICE AND CRIME COMMISSIONER FOR THORNBURY AND CHIEF CONSTABLE OF THORNBURY "
                     "CONSTABULARY", "bold"), k.p("JOINT AUDIT COMMITTEE", "bold"),
                 k.p("Date: 24 March 2025", "flat"), k.p("Agenda item: 9", "flat"),
                 k.p("Title: HMICFRS inspections and recommendations update", "flat"),
                 k.p("Author: Force inspection liaison officer", "flat")]
        story += [k.p("1. PURPOSE", "bold"), k.p("1.1 To update the committee on the force's progress against "
                                                 "HMICFRS recommendations and areas for improvement.")]
        story += [k.p("2. RECOMMENDATION", "bold"), k.p("2.1 The committee is asked to note the report.")]
        story += [k.p("3. SUMMARY OF OPEN AND CLOSED ITEMS", "bold")]
        rows = [["Type", "Level", "Open", "Closed", "Total"], ["Cause of concern", "4", "1", "2", "3"],
                ["Recommendation", "2", "6", "31", "37"], ["Recommendation", "3", "9", "14", "23"],
                ["Area for improvement", "3", "12", "40", "52"], ["Total", "", "28", "87", "115"]]
        story += [k.grid([[k.p(c, "cell") for c in row] for row in rows], ["34%", "14%", "17%", "17%", "18%"])]
        story += [k.p("4. NEW NATIONAL REPORTS", "bold"),
                  k.p("4.1 Since the last meeting HMICFRS has published the national reports below. Their "
                      "recommendations for chief constables are listed with the deadlines HMICFRS set.")]
        national = [("An inspection of the police response to stalking", "By 30 September 2025, chief constables "
                     "should make sure that stalking protection orders are considered in every case.",
                     "30/09/2025", "Open"),
                    ("Activism and impartiality in policing", "Chief constables should review their social media "
                     "policies.", "None set", "Open"),
                    ("Police productivity", "By 31 December 2025, chief constables should publish a plan to "
                     "reduce the time officers spend on administration.", "31/12/2025", "Open")]
        rows = [["Report", "Recommendation for chief constables", "Deadline", "Status"]] + [list(x) for x in national]
        story += [k.grid([[k.p(c, "cell") for c in row] for row in rows], ["24%", "46%", "17%", "13%"])]
        story += [k.p("5. PROGRESS", "bold")] + [k.p(x) for x in pr.paragraphs(3)]
        story += [k.p("6. INSPECTIONS TO COME", "bold"), k.p("6.1 The force expects its PEEL fieldwork in June 2025 "
                                                             "and a custody inspection later in the year.")]
        story += [PageBreak(), k.p("APPENDIX A: EXTRACT FROM THE HMICFRS MONITORING PORTAL", "bold")]
        portal = [("REC-2022-114", "Recommendation", "By 31 March 2023, chief constables should make sure that all "
                   "officers and staff are vetted to the level their role requires.", "3", "Closed"),
                  ("AFI-2023-031", "Area for improvement", "The force should improve how it records its decisions "
                   "when it closes an investigation.", "3", "Awaiting review"),
                  ("COC-2023-002", "Cause of concern", "The force doesn't answer emergency calls quickly enough.",
                   "4", "Open"),
                  ("REC-2023-207", "Recommendation", "Within three months, the force should make sure that "
                   "supervisors review the risk grading of every missing child report.", "2", "Closed")]
        rows = [["Reference", "Type", "Text", "Level", "Status"]] + [list(x) for x in portal]
        story += [k.grid([[k.p(c, "cell") for c in row] for row in rows], ["17%", "17%", "44%", "9%", "13%"])]
        doc.build(story)

    return r, r.build(render)


def revisit_ashcombe(seed: int):
    force = "Ashcombe Police"
    r = Report("revisit-2024-ashcombe", "revisit", f"{force}: revisit of the cause of concern about crime recording",
               date(2024, 8, 8))
    afis = [r.add(Item("area_for_improvement", b, ("force",), "The force")) for b in (
        "The force should make sure that crimes reported through its online portal are recorded within 24 hours.",
        "The force should make sure that its crime registrar has enough staff to audit crime records each month.")]
    t = Typo("times", 11.5, 15, 8, 0, accent=colors.HexColor("#203040"), heading="bold", folio="right")

    def render(buf):
        k, pr = Kit(r, t), Prose(random.Random(seed + 113), "police")
        doc = make_doc(buf, r, t, header="Revisit letter", footer="HMICFRS", first="body")
        story = [k.p("8 August 2024", "right"), k.p("Chief Constable<br/>Ashcombe Police", "flat"), Spacer(1, 10),
                 k.p("Dear Chief Constable,"),
                 k.p("<b>Revisit: the cause of concern about crime-recording accuracy</b>"),
                 k.p("In our 2023 PEEL report we identified a cause of concern and made two recommendations. We "
                     "revisited the force in June 2024 to assess progress.")]
        story += [k.p(x) for x in pr.paragraphs(2)]
        story += [k.p("The cause of concern in 2023 was:", "bold"),
                  k.p("“The force doesn’t record crimes accurately, and victims are not receiving the service they "
                      "deserve.”", "italic", leftIndent=20),
                  k.p("Our recommendations were:", "bold"),
                  k.p("“Within six months, the force should: make sure that all reported crimes are recorded within "
                      "24 hours; and make sure that its auditing arrangements identify and correct errors.”",
                      "italic", leftIndent=20), k.p("Progress: <b>recommendation met</b>.")]
        story += [k.p(x) for x in pr.paragraphs(6)] + [k.p("Our findings", "h3")] + [k.p(x) for x in pr.paragraphs(6)]
        story += [k.p("The force should be able to sustain this improvement, but it will need to keep its new "
                      "auditing arrangements in place.")]
        story += [KeepTogether([k.p("New areas for improvement", "h3"),
                                k.p("During the revisit we found two new areas for improvement:")]
                               + [r.track(k.p(a.body), a) for a in afis])]
        story += [k.p(x) for x in pr.paragraphs(4)] + [k.p("Yours sincerely,"), Spacer(1, 16),
                                                        k.p("HM Inspector of Constabulary")]
        doc.build(story)

    return r, r.build(render)


BUILDERS = [progress_vetting, audit_committee, revisit_ashcombe]
