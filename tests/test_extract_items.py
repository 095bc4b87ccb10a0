"""Items: where they start and end, their kind, number, label, text, parent and page, on synthetic
multi-page documents (stored pages, as `hmicfrs extract` reads them), with near-misses that are not items.

A page is written as lines: "# text" is a line printed as a heading (bold), "" a paragraph gap.
"""
from __future__ import annotations

import pytest

from pipeline.models import CleanPage
from pipeline.extract import Extractor, ReportInput
from pipeline.extract.nlp import build_nlp
from pipeline.rules import load_rules


def page(*lines: str) -> tuple[str, tuple[str, ...]]:
    text = "\n".join(line[2:] if line.startswith("# ") else line for line in lines) + "\n"
    return text, tuple(line[2:] for line in lines if line.startswith("# "))


def report(*pages, family: str = "hmicfrs_thematic", published: str | None = "2023-03-08", report_id: str = "r1"):
    return ReportInput(
        report_id=report_id, published=published, family=family,
        pages=tuple(CleanPage(number, text, headings=headings) for number, (text, headings) in enumerate(pages, start=1)),
    )


def extract(extractor, *pages, **kwargs):
    items, _check = extractor.extract(report(*pages, **kwargs))
    return items


def summary(items) -> list[tuple]:
    return [(i.kind, i.number, i.label, i.text, i.page, i.page_end) for i in items]


REC_1_LINES = ("# Recommendation 1", "Chief constables should review their vetting decisions.", "")
NARRATIVE = "We found that vetting decisions were often poorly recorded and rarely reviewed."


# -- kinds of items ------------------------------------------------------------------------------


def test_recommendation_headings(extractor):
    items = extract(
        extractor,
        page("# Chapter 2: Vetting", NARRATIVE, "", "# Recommendation 1",
             "By 31 March 2024, chief constables should make sure their officers are trained in vetting.",
             "", "More narrative about training follows here.", "", "# Recommendation 2",
             "The College of Policing should publish new vetting guidance."),
    )
    assert summary(items) == [
        ("recommendation", "1", "Recommendation 1",
         "By 31 March 2024, chief constables should make sure their officers are trained in vetting.", 1, 1),
        ("recommendation", "2", "Recommendation 2", "The College of Policing should publish new vetting guidance.", 1, 1),
    ]
    assert [i.parent for i in items] == [None, None]
    assert [i.sequence for i in items] == [1, 2]


def test_inline_recommendation(extractor):
    items = extract(
        extractor,
        page("# Findings", NARRATIVE, "", "Recommendation 3: Chief constables should review their vetting decisions.",
             "", "More narrative follows here."),
    )
    assert summary(items) == [
        ("recommendation", "3", "Recommendation 3", "Chief constables should review their vetting decisions.", 1, 1),
    ]
    assert [a.id for a in items[0].addressees] == ["chief_constables"]


def test_numbered_list_under_a_recommendations_heading(extractor):
    items = extract(
        extractor,
        page("# Recommendations", "1. By 31 October 2025, chief constables should publish their vetting data.",
             "2. The Home Office should fund a national vetting database.",
             "3. The College of Policing should write new guidance."),
    )
    assert [(i.kind, i.number, i.label) for i in items] == [
        ("recommendation", "1", "1."), ("recommendation", "2", "2."), ("recommendation", "3", "3."),
    ]
    assert items[0].text == "By 31 October 2025, chief constables should publish their vetting data."
    assert (items[0].deadline.kind, items[0].deadline.date) == ("date", "2025-10-31")
    assert [[a.id for a in i.addressees] for i in items] == [["chief_constables"], ["home_office"], ["college_of_policing"]]
    assert "item.section.recommendations" in items[0].rules


def test_next_chapter_heading_that_continues_the_list_numbering_is_not_an_item(extractor):
    items = extract(
        extractor,
        page("# 3. Recommendations", "1. Chief constables should review their vetting decisions.",
             "2. The Home Office should fund a national vetting database.",
             "3. The College of Policing should write new guidance."),
        page("# 4. Next steps", "We will revisit the forces in 2025 to check their progress."),
    )
    assert [(i.number, i.label) for i in items] == [("1", "1."), ("2", "2."), ("3", "3.")]


def test_numbered_shall_list_starting_mid_series(extractor):
    items = extract(
        extractor,
        page("# Recommendations", "19. By 31 October 2025, the Post Office shall pay each claimant in full.",
             "20. The Cabinet Office shall publish the figures."),
        family="public_inquiry",
    )
    assert [(i.number, i.label) for i in items] == [("19", "19."), ("20", "20.")]
    assert items[0].text == "By 31 October 2025, the Post Office shall pay each claimant in full."
    assert [a.id for a in items[0].addressees] == ["post_office"]
    assert items[0].deadline.date == "2025-10-31"


def test_inquiry_recommendation_headings_with_titles(extractor):
    items = extract(
        extractor,
        page("# Recommendation 1: A simplified structure for preparedness",
             "The governments of the UK, Scotland, Wales and Northern Ireland should each simplify and reduce the",
             "number of structures. This should be done within 12 months of the publication of this Report.", "",
             "# Recommendation 2: Cabinet Office leadership", "The UK government should:",
             "• abolish the lead government department model; and", "• replace it with a Cabinet Office lead.", "",
             "# Chapter 5: Something else", NARRATIVE),
        family="public_inquiry", published="2024-07-18",
    )
    first, second = items
    assert [(i.number, i.label) for i in items] == [("1", "Recommendation 1"), ("2", "Recommendation 2")]
    # the printed title is part of the text; the label is not
    assert first.text == ("A simplified structure for preparedness The governments of the UK, Scotland, Wales and "
                          "Northern Ireland should each simplify and reduce the number of structures. This should be "
                          "done within 12 months of the publication of this Report.")
    assert [a.id for a in first.addressees] == ["government", "devolved_administrations"]
    assert (first.deadline.kind, first.deadline.date) == ("relative", "2025-07-18")
    assert second.text.startswith("Cabinet Office leadership The UK government should:")
    assert second.text.endswith("replace it with a Cabinet Office lead.")
    assert [a.id for a in second.addressees] == ["government"]


def test_area_for_improvement_headings(extractor):
    items = extract(
        extractor,
        page("# Area for improvement 1", "The force should improve how it records crime.", "",
             "# Area for improvement 2", "The force should answer emergency calls more quickly."),
        family="hmicfrs_peel",
    )
    assert summary(items) == [
        ("area_for_improvement", "1", "Area for improvement 1", "The force should improve how it records crime.", 1, 1),
        ("area_for_improvement", "2", "Area for improvement 2", "The force should answer emergency calls more quickly.", 1, 1),
    ]
    assert [[a.id for a in i.addressees] for i in items] == [["force"], ["force"]]


def test_unnumbered_areas_for_improvement_under_a_heading(extractor):
    items = extract(
        extractor,
        page("# Areas for improvement", "The force should improve how it records crime.", "",
             "The force should make sure it answers non-emergency calls quickly.", "",
             "# How we inspected", "The force should note that we visited in May."),
        family="hmicfrs_peel",
    )
    assert [(i.kind, i.number, i.label, i.text) for i in items] == [
        ("area_for_improvement", None, None, "The force should improve how it records crime."),
        ("area_for_improvement", None, None, "The force should make sure it answers non-emergency calls quickly."),
    ]


def test_cause_of_concern_with_a_lead_in_and_bullets(extractor):
    items = extract(
        extractor,
        page("# Cause of concern", "The force is not doing enough to protect vulnerable people.", "",
             "# Recommendations", "Within three months, the force should:",
             "• make sure that officers identify vulnerability at first contact; and",
             "• review how it makes safeguarding referrals."),
        family="hmicfrs_peel",
    )
    cause, first, second = items
    assert (cause.kind, cause.number, cause.parent) == ("cause_of_concern", None, None)
    assert cause.text == "The force is not doing enough to protect vulnerable people."
    assert cause.addressees == () and cause.deadline.kind == "none"
    assert [(i.kind, i.number, i.label, i.parent) for i in (first, second)] == [
        ("recommendation", None, None, cause.id), ("recommendation", None, None, cause.id),
    ]
    assert first.text == ("Within three months, the force should: make sure that officers identify vulnerability "
                          "at first contact; and")
    assert second.text == "Within three months, the force should: review how it makes safeguarding referrals."
    for item in (first, second):
        assert [a.id for a in item.addressees] == ["force"]
        assert (item.deadline.kind, item.deadline.date) == ("relative", "2023-06-08")
    assert first.id != second.id


def test_lead_in_governs_each_bullet_without_a_cause_of_concern(extractor):
    items = extract(
        extractor,
        page("# Recommendations", "By 31 March 2024, chief constables should:", "• review their vetting policies;",
             "• train their vetting staff.", "", "# Other findings", NARRATIVE),
    )
    assert [(i.kind, i.number, i.parent, i.text) for i in items] == [
        ("recommendation", None, None, "By 31 March 2024, chief constables should: review their vetting policies;"),
        ("recommendation", None, None, "By 31 March 2024, chief constables should: train their vetting staff."),
    ]
    for item in items:
        assert [a.id for a in item.addressees] == ["chief_constables"]
        assert (item.deadline.kind, item.deadline.date) == ("date", "2024-03-31")


def test_lead_in_under_areas_for_improvement(extractor):
    items = extract(
        extractor,
        page("# Areas for improvement", "The force should:", "• improve how it records crime;",
             "• answer non-emergency calls more quickly.", "", "# How we inspected", "We visited the force."),
        family="hmicfrs_peel",
    )
    assert [(i.kind, i.text) for i in items] == [
        ("area_for_improvement", "The force should: improve how it records crime;"),
        ("area_for_improvement", "The force should: answer non-emergency calls more quickly."),
    ]
    assert all([a.id for a in i.addressees] == ["force"] for i in items)


def test_bullets_inside_a_numbered_recommendation_stay_in_it(extractor):
    items = extract(
        extractor,
        page("# Recommendation 1", "By 31 March 2024, chief constables should:", "• review their vetting policies;",
             "• train their vetting staff.", "", "# Recommendation 2", "The Home Office should fund the work."),
    )
    assert [i.number for i in items] == ["1", "2"]
    assert items[0].text.startswith("By 31 March 2024, chief constables should:")
    assert "review their vetting policies;" in items[0].text and items[0].text.endswith("train their vetting staff.")


def test_unnumbered_summary_list_running_over_a_page_break(extractor):
    # A page break hides the paragraph gap: the item that opens page 2 is its own item, and each
    # chapter reprint ("Area for improvement" heading) is the same item as its summary printing.
    a = "The force should make sure that it answers emergency calls within national standards."
    b = "The force should improve how it identifies repeat and vulnerable victims when they first contact the force."
    c = "The force should make sure that the outcomes it assigns to crimes are appropriate."
    items = extract(
        extractor,
        page("# Areas for improvement", a, "", b),
        page(c),
        page("# Responding to the public", NARRATIVE, "", "# Area for improvement", b),
        page("# Investigating crime", NARRATIVE, "", "# Area for improvement", c),
        family="hmicfrs_peel",
    )
    assert [(i.kind, i.text, i.page, i.page_end) for i in items] == [
        ("area_for_improvement", a, 1, 1), ("area_for_improvement", b, 1, 1), ("area_for_improvement", c, 2, 2),
    ]


def test_sub_items_stay_in_their_item(extractor):
    items = extract(
        extractor,
        page("# Recommendation 1", "Chief constables should:", "(a) review their vetting policies;",
             "(b) train their staff; and", "", "(c) publish the results.", "", "# Recommendation 2",
             "The Home Office should fund the work."),
    )
    assert summary(items) == [
        ("recommendation", "1", "Recommendation 1",
         "Chief constables should: (a) review their vetting policies; (b) train their staff; and (c) publish the results.",
         1, 1),
        ("recommendation", "2", "Recommendation 2", "The Home Office should fund the work.", 1, 1),
    ]


def test_item_runs_across_a_page_break(extractor):
    items = extract(
        extractor,
        page("# Recommendation 1", "By 31 March 2024, chief constables should make sure their officers are trained in"),
        page("the new procedures for vet-", "ting and misconduct.", "", "# Recommendation 2",
             "The Home Office should fund the work."),
    )
    first, second = items
    assert first.text == ("By 31 March 2024, chief constables should make sure their officers are trained in "
                          "the new procedures for vetting and misconduct.")
    assert (first.page, first.page_end) == (1, 2)
    assert (second.page, second.page_end) == (2, 2)


def test_summary_list_and_chapter_text_give_one_item(extractor):
    full = "By 31 March 2024, chief constables should make sure their officers are trained in vetting."
    items = extract(
        extractor,
        page("# Summary of recommendations", "# Recommendation 1", full, "", "# Recommendation 2",
             "The Home Office should fund vetting."),
        page("# Chapter 1", NARRATIVE, "", "# Recommendation 1", full, "", "More narrative here.", "",
             "# Recommendation 2", "The Home Office should fund vetting."),
    )
    assert [(i.number, i.page) for i in items] == [("1", 1), ("2", 1)]


def test_short_summary_entries_do_not_count_as_the_full_printing(extractor):
    items = extract(
        extractor,
        page("# Summary of recommendations", "1. Vetting training for officers.", "2. Funding for vetting."),
        page("# Chapter 1", NARRATIVE, "", "# Recommendation 1",
             "By 31 March 2024, chief constables should make sure their officers are trained in vetting.", "",
             "More narrative here.", "", "# Recommendation 2", "The Home Office should fund vetting."),
    )
    assert [(i.number, i.label, i.page) for i in items] == [("1", "Recommendation 1", 2), ("2", "Recommendation 2", 2)]
    assert items[1].text == "The Home Office should fund vetting."


def test_titled_summary_headings_do_not_swallow_the_next_page(extractor):
    # A summary entry printed as a titled heading has no body; it must not run on over the next page's
    # chapter heading and narrative and be kept as the "full printing".
    items = extract(
        extractor,
        page("# Summary of recommendations", "# Recommendation 1 Vetting training", "# Recommendation 2 Funding"),
        page("# Chapter 1", "Some findings here.", "", "# Recommendation 1",
             "By 31 March 2024, chief constables should make sure their officers are trained in vetting.", "",
             "More narrative here.", "", "# Recommendation 2", "The Home Office should fund vetting."),
    )
    assert [(i.number, i.page, i.text) for i in items] == [
        ("1", 2, "By 31 March 2024, chief constables should make sure their officers are trained in vetting."),
        ("2", 2, "The Home Office should fund vetting."),
    ]


def test_numbered_chapter_heading_after_a_headed_list_is_not_an_item(extractor):
    # "1. Introduction" after a list of headed items is a chapter, not list item "1." (which would then
    # be merged with Area for improvement 1 and replace its text).
    items = extract(
        extractor,
        page("# Recommendations", "", *REC_1_LINES, "# Areas for improvement", "", "# Area for improvement 1",
             "Forces should improve how they share information about suspects.", "", "# Area for improvement 2",
             "Chief constables should make sure that case files are complete."),
        page("# 1. Introduction", "", "# Background", "Online child sexual abuse includes the sharing of images.", "",
             NARRATIVE),
    )
    assert [(i.kind, i.number, i.label, i.page) for i in items] == [
        ("recommendation", "1", "Recommendation 1", 1),
        ("area_for_improvement", "1", "Area for improvement 1", 1),
        ("area_for_improvement", "2", "Area for improvement 2", 1),
    ]
    assert items[1].text == "Forces should improve how they share information about suspects."


# -- not items -----------------------------------------------------------------------------------


REC_1 = ("# Recommendation 1", "Chief constables should review their vetting decisions.")


@pytest.mark.parametrize("lines", [
    ("# Contents", "Summary .......... 3", "Recommendation 1 .......... 12", "Recommendation 2 .......... 14",
     "Area for improvement 1 ..... 15"),
    ("# Contents", "Summary 3", "Recommendation 1 12", "Recommendation 2 14", "Area for improvement 1 15"),
], ids=["dotted", "plain"])
def test_contents_entries_are_not_items(extractor, lines):
    items = extract(extractor, page(*lines), page(*REC_1))
    assert [(i.kind, i.number, i.page) for i in items] == [("recommendation", "1", 2)]


@pytest.mark.parametrize("lines", [
    ("# Progress since our 2022 inspection", "# Recommendation 7 from our 2022 report",
     "Forces should have reviewed their vetting. This has now been done.", ""),
    ("# Progress since our 2022 inspection", "Recommendation 7 from our 2022 report",
     "Forces should have reviewed their vetting. This has now been done.", ""),
    ("Recommendation 7 from our 2022 report: forces should review their vetting.", ""),
], ids=["heading", "plain", "inline"])
def test_references_to_earlier_reports_are_not_items(extractor, lines):
    items = extract(extractor, page(*lines, *REC_1))
    assert [(i.kind, i.number) for i in items] == [("recommendation", "1")]


NEW_RECOMMENDATION_PAGE = page("# Our new recommendations", *REC_1)


def test_progress_grade_on_the_heading_line_is_not_an_item(extractor):
    items = extract(
        extractor,
        page("# Progress on our 2021 recommendations", "# Recommendation 3 Progress: amber",
             "By March 2022, chief constables should review their vetting."),
        NEW_RECOMMENDATION_PAGE,
    )
    assert [(i.kind, i.number, i.page) for i in items] == [("recommendation", "1", 2)]


def test_progress_table_entries_are_not_items(extractor):
    items = extract(
        extractor,
        page("# Progress on our 2021 recommendations", "# Recommendation 3",
             "By March 2022, chief constables should review their vetting.",
             "Progress: amber. Forces have made some progress."),
        NEW_RECOMMENDATION_PAGE,
    )
    assert [(i.kind, i.number, i.page) for i in items] == [("recommendation", "1", 2)]


def test_paragraph_numbers_are_not_items_and_end_an_item(extractor):
    items = extract(
        extractor,
        page("# Recommendations", "1. Chief constables should review their vetting decisions.",
             "4.12 Forces should also look at the data, which we found poor.", "4.13 More narrative.",
             "2. The Home Office should fund the work."),
    )
    assert [(i.number, i.text) for i in items] == [
        ("1", "Chief constables should review their vetting decisions."),
        ("2", "The Home Office should fund the work."),
    ]
    items = extract(extractor, page(*REC_1, "4.12 Forces should also look at the data, which we found poor."))
    assert [(i.number, i.text) for i in items] == [("1", "Chief constables should review their vetting decisions.")]


@pytest.mark.parametrize("mention", [
    "Recommendation 8 in that Report was not yet complete.",
    "Recommendation 8, which the force accepted, was not yet complete.",
    "Recommendation 8: the force had not completed it.",
], ids=["in", "comma", "colon"])
def test_wrapped_narrative_mention_is_not_an_item(extractor, mention):
    items = extract(
        extractor,
        page("# Findings", "The force told us that its action plan, as set out in", mention, "", *REC_1),
    )
    assert [(i.kind, i.number) for i in items] == [("recommendation", "1")]


def test_report_without_recommendations_yields_none(extractor):
    items, check = extractor.extract(report(
        page("# Introduction", "This report describes how forces handle vetting. Forces should be doing more, "
             "but we make no recommendations.", "", "By 2016, the force had improved its vetting."),
        page("# Conclusion", "We will return to this in May 2025."),
    ))
    assert items == []
    assert check.items_found == 0 and not check.needs_review


def test_government_response_yields_none(extractor):
    items, check = extractor.extract(report(
        page("# Government response", *REC_1, "Response: accepted. The Government will act by 31 March 2024."),
        page("# Recommendation 2", "The Home Office should fund the work.", "Response: accepted."),
        family="government_response",
    ))
    assert items == []
    assert check.items_found == 0


# -- committee lists -----------------------------------------------------------------------------


def test_committee_list_tags_each_item(extractor):
    items = extract(
        extractor,
        page("# Conclusions and recommendations",
             "1. The Department has failed to act on the warnings it was given. (Conclusion, Paragraph 6)",
             "2. The Government should publish a plan by 31 March 2025. (Recommendation, Paragraph 17)",
             "3. We are concerned about the delays. (Conclusion, Paragraph 20)"),
        family="committee",
    )
    assert [(i.kind, i.number, i.label) for i in items] == [
        ("conclusion", "1", "1."), ("recommendation", "2", "2."), ("conclusion", "3", "3."),
    ]
    assert items[0].text == "The Department has failed to act on the warnings it was given. (Conclusion, Paragraph 6)"
    assert items[0].addressees == () and items[0].deadline.kind == "none"
    assert [a.id for a in items[1].addressees] == ["government"]
    assert (items[1].deadline.kind, items[1].deadline.date) == ("date", "2025-03-31")


# -- ids and evidence ----------------------------------------------------------------------------


def _mixed_report():
    return report(
        page("# Cause of concern", "The force is not doing enough to protect vulnerable people.", "",
             "# Recommendations", "Within three months, the force should:", "• review its safeguarding referrals."),
        page("# Area for improvement 1", "The force should improve how it records crime.", "",
             "# Areas for improvement", "The force should answer calls more quickly."),
        family="hmicfrs_peel", report_id="abc123",
    )


def test_ids_are_stable(extractor):
    first, _ = extractor.extract(_mixed_report())
    again, _ = extractor.extract(_mixed_report())
    rules = load_rules()
    fresh, _ = Extractor(rules, build_nlp(rules)).extract(_mixed_report())
    assert [i.id for i in first] == [i.id for i in again] == [i.id for i in fresh]
    assert len({i.id for i in first}) == len(first) == 4
    assert all(i.id.startswith("abc123-") for i in first)
    assert first[2].id == "abc123-afi1"


def test_numbered_ids_do_not_depend_on_the_text(extractor):
    one = extract(extractor, page(*REC_1))
    other = extract(extractor, page("# Recommendation 1", "Chief constables should do something else entirely."))
    assert one[0].id == other[0].id == "r1-rec1"


def test_evidence_page_offsets_and_rules(extractor):
    pages = (page("# Chapter 1", NARRATIVE), page("", NARRATIVE, "", *REC_1))
    item = extract(extractor, *pages)[0]
    text = pages[1][0]
    assert (item.page, item.page_end) == (2, 2)
    assert text[item.start:].startswith("Recommendation 1")
    assert text[: item.end].endswith("review their vetting decisions.")
    assert "item.heading.recommendation" in item.rules
    assert "addr.chief_constables" in item.rules


# -- coroners' reports ---------------------------------------------------------------------------


def _coroner_pages(marker):
    return (
        page("Regulation 28: REPORT TO PREVENT FUTURE DEATHS", "THIS REPORT IS BEING SENT TO:",
             "1 The Right Honourable Jane Doe MP", "Secretary of State for Health and Social Care", "39 Victoria Street",
             "London", "2 Mr John Roe", "Chief Executive for NHS England", "PO Box 16738", "Redditch", "1 CORONER",
             "I am Ann Smith, Assistant Coroner for the coroner area of Suffolk"),
        page("5 CORONER’S CONCERNS",
             "During the course of the investigation my inquiries revealed matters giving rise to concern.",
             "The MATTERS OF CONCERN are as follows:",
             f"{marker(1)} A national care shortage meant that a man could not be cared for anywhere",
             "other than in a hospital Emergency Department.",
             f"{marker(2)} The pressures on the hospital were such that it could not supervise him.",
             "6 ACTION SHOULD BE TAKEN", "In my opinion action should be taken to prevent future deaths.",
             "7 YOUR RESPONSE", "You are under a duty to respond to this report within 56 days of the date of this report,",
             "namely by 15 June 2023. I, the coroner, may extend the period."),
    )


@pytest.mark.parametrize("marker", [lambda n: f"{n}.", lambda n: f"({n})", lambda n: f"{n})"], ids=["1.", "(1)", "1)"])
def test_coroner_matters_of_concern_take_the_recipients_and_the_56_day_deadline(extractor, marker):
    items = extract(extractor, *_coroner_pages(marker), family="coroner", published="2023-04-20")
    assert [(i.kind, i.number, i.label, i.page) for i in items] == [
        ("matter_of_concern", "1", marker(1), 2), ("matter_of_concern", "2", marker(2), 2),
    ]
    assert items[0].text == ("A national care shortage meant that a man could not be cared for anywhere other than in "
                             "a hospital Emergency Department.")
    for item in items:
        assert [a.id for a in item.addressees] == ["department_of_health_and_social_care", "nhs_england"]
        assert (item.deadline.kind, item.deadline.date) == ("relative", "2023-06-15")


@pytest.mark.parametrize("pages", [(), (("", ()),), (("\n\n  \n", ()), ("\n", ()))], ids=["no-pages", "empty", "blank"])
def test_reports_with_no_text_yield_nothing(extractor, pages):
    items, check = extractor.extract(report(*pages))
    assert items == []
    assert check.items_found == 0 and not check.needs_review


def test_blank_page_before_the_item_does_not_move_it(extractor):
    items = extract(extractor, ("\n\n", ()), page(*REC_1))
    assert [(i.number, i.page, i.page_end) for i in items] == [("1", 2, 2)]
