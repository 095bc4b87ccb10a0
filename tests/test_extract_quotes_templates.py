"""Near-misses that look like items: another report's recommendation quoted in narrative, and a
blank form or specimen whose example wording is nobody's finding."""
from __future__ import annotations

from test_extract_items import NARRATIVE, extract, page


def test_a_quoted_recommendation_from_an_earlier_report_is_not_an_item(extractor):
    items = extract(
        extractor,
        page("# Chapter 4", "4.271. In the Interim Report, I made the following recommendations:", "",
             "“Recommendation 1: The Advisory Board should monitor individual cases.", "", "[…]", "",
             "Recommendation 3: The Advisory Board shall advise the Minister every three months.”", "",
             "4.272. The Board resisted those parts of my recommendations."),
        page("# Recommendations", "1. The Department shall publish the scheme rules by 31 October 2025."),
    )
    assert [(i.kind, i.number, i.page) for i in items] == [("recommendation", "1", 2)]


def test_an_item_that_contains_a_quotation_is_still_an_item(extractor):
    items = extract(
        extractor,
        page("# Recommendation 1",
             "Chief constables should make sure officers understand the phrase “full and fair” in their work."),
    )
    assert [(i.number, i.text[-20:]) for i in items] == [("1", "fair” in their work.")]


def test_a_blank_form_with_placeholders_yields_no_items(extractor):
    items = extract(
        extractor,
        page("# REGULATION 28: REPORT TO PREVENT FUTURE DEATHS", "THIS REPORT IS BEING SENT TO: [NAME]",
             "# 1 CORONER", "I am [NAME OF CORONER], coroner for the area of [NAME OF AREA].",
             "# 5 CORONER’S CONCERNS", "The MATTERS OF CONCERN are as follows:",
             "1. The Trust did not contact Jane between the referral and her death.", "",
             "# 9 [DATE] [SIGNED BY CORONER]"),
        family="coroner",
    )
    assert items == []


def test_one_bracketed_abbreviation_is_not_a_template(extractor):
    items = extract(
        extractor,
        page("# Recommendations", "1. The Department shall merge the schemes [HCRS] and publish the rules.",
             "2. The Department shall report on [HCRS] claims every quarter.", NARRATIVE),
    )
    assert [i.number for i in items] == ["1", "2"]
