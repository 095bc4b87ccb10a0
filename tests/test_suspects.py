"""Suspected missed items: a sentence that reads like an item (a known body, or the force or the
service, as the subject of should/must/needs to) and is set apart like one (heading type, a bullet,
right under a heading, a short paragraph of its own), outside every extracted item. Narrative,
quotations of earlier reports, item text, reprints and contents pages are not suspects.

Pages are written as lines: "# " marks a line printed in heading type, "" a paragraph gap.
"""
from __future__ import annotations

import pytest

from pipeline.models import CleanPage
from pipeline.extract import ReportInput

NARRATIVE = ("We visited four custody suites and spoke to detainees, officers and staff. Most detainees "
             "told us that staff treated them with respect, and the suites were clean.")


def page(*lines: str) -> tuple[str, tuple[str, ...]]:
    text = "\n".join(line[2:] if line.startswith("# ") else line for line in lines) + "\n"
    return text, tuple(line[2:] for line in lines if line.startswith("# "))


def extract(extractor, *pages, family="hmicfrs_custody"):
    report = ReportInput(
        report_id="r1", published="2024-07-02", family=family,
        pages=tuple(CleanPage(n, text, headings=headings) for n, (text, headings) in enumerate(pages, start=1)),
    )
    return extractor.extract(report)


def suspects_of(extractor, *lines, family="hmicfrs_custody"):
    _items, check = extract(extractor, page("# Findings", NARRATIVE, "", *lines, "", "# Next chapter", NARRATIVE),
                            family=family)
    return check.suspects


# (layout, expected (text start, kind, how it is set apart) or None)
SUSPECTS = [
    pytest.param(
        ("# What needs to happen next", "", "# Northshire Police should review how it supervises custody staff."),
        ("Northshire Police should review", "recommendation", "in heading type"), id="bold-paragraph"),
    pytest.param(
        (NARRATIVE, "", "• The College of Policing should publish guidance on strip searches."),
        ("The College of Policing should publish", "recommendation", "as a bullet"), id="bullet"),
    pytest.param(
        ("# Next steps", "The Home Office should fund a national custody database.", "It should consult forces."),
        ("The Home Office should fund", "recommendation", "right under the heading “Next steps”"), id="under-heading"),
    pytest.param(
        (NARRATIVE, "", "The force should improve how it records the use of force in custody.", "", NARRATIVE),
        ("The force should improve", "area_for_improvement", "in a short paragraph of its own"), id="own-paragraph"),
    pytest.param(
        (NARRATIVE, "", "By 31 March 2025, chief constables should review custody records.", "", NARRATIVE),
        ("By 31 March 2025, chief constables should", "recommendation", "in a short paragraph of its own"),
        id="deadline-first"),
    pytest.param(
        # under a heading that names a kind every paragraph is an item, unless its list is numbered:
        # then a plain paragraph after the list is outside it
        ("# Causes of concern", "", "1. Detainees were not always checked as often as their care plans said.", "",
         "The force must make sure that detainees are checked as often as set out."),
        ("The force must make sure", "cause_of_concern", "in a short paragraph of its own"),
        id="kind-from-heading"),
    pytest.param(
        (NARRATIVE, "", "The service needs to improve how it inspects high-risk buildings.", "", NARRATIVE),
        ("The service needs to improve", "area_for_improvement", "in a short paragraph of its own"),
        id="service-needs-to"),
]

NOT_SUSPECTS = [
    pytest.param(("We visited the suites. Forces should do more to record strip searches, and most now do. "
                  "Officers told us they had been trained.",), id="narrative-mid-paragraph"),
    pytest.param(("# Custody records", "Staff were busy. Chief constables should make sure staffing is enough.",),
                 id="under-heading-not-first-sentence"),
    pytest.param(("In our 2021 report we recommended that:", "", "• By March 2022, chief constables should review "
                  "custody records."), id="quoted-earlier-recommendation"),
    pytest.param(("# Recommendation 7 from our 2021 report", "By 31 March 2022, chief constables should review custody "
                  "records."), id="reference-heading"),
    pytest.param(("In 2021 we said that the force should improve its custody records.",), id="reported-sentence"),
    pytest.param(("“The force should improve its custody records.”",), id="in-quotation-marks"),
    pytest.param(("When a detainee is a child, forces should tell the local authority.",), id="conditional-lead"),
    pytest.param(("The force’s approach to custody should improve.",), id="body-is-not-the-subject"),
    pytest.param(("Should the force do more to protect detainees?",), id="question"),
    pytest.param(("and the force should act on it quickly.",), id="wrapped-sentence"),
    pytest.param(("It is important that the force should act.",), id="subordinate-clause"),
    pytest.param(("# Recommendation 1", "Chief constables should review custody records. The College of Policing "
                  "should help them."), id="inside-an-item"),
    pytest.param(("# Recommendations", "Within three months, the force should:",
                  "• make sure that detainees are checked as often as their risk assessment sets out;",
                  "• make sure that custody records are complete."), id="lead-in-of-items"),
]


@pytest.mark.parametrize("lines, expected", SUSPECTS)
def test_item_like_sentences_set_apart_are_suspects(extractor, lines, expected):
    # a national report: a report on one force would take "The force should ..." standing in a
    # paragraph of its own for an area for improvement (see below)
    suspects = suspects_of(extractor, *lines, family="hmicfrs_thematic")
    start, kind, setting = expected
    assert [(s.text[: len(start)], s.kind) for s in suspects] == [(start, kind)]
    assert setting in suspects[0].reason
    assert suspects[0].rule and suspects[0].rule.startswith("addr.")


@pytest.mark.parametrize("lines", NOT_SUSPECTS)
def test_narrative_quotations_and_items_are_not_suspects(extractor, lines):
    assert suspects_of(extractor, *lines) == ()


def test_in_a_report_on_one_force_that_marks_no_areas_for_improvement_its_own_paragraph_is_one(extractor):
    """"The force should ..." alone in a paragraph of a custody report that prints no "Areas for
    improvement": an item, not a suspect. Where the report marks its areas for improvement, the
    same paragraph elsewhere is only a suspect."""
    lines = (NARRATIVE, "", "The force should improve how it records the use of force in custody.", "", NARRATIVE)
    items, check = extract(extractor, page("# Findings", *lines))
    assert [(i.kind, i.text) for i in items] == [
        ("area_for_improvement", "The force should improve how it records the use of force in custody.")]
    assert check.suspects == ()
    items, check = extract(extractor, page("# Findings", *lines, "", "# Areas for improvement",
                                           "• The force should review its custody staffing."))
    assert [i.text for i in items] == ["The force should review its custody staffing."]
    assert [s.text for s in check.suspects] == ["The force should improve how it records the use of force in custody."]


def test_a_contents_page_has_no_suspects(extractor):
    contents = page("# Contents", "Summary 3", "The force should act now 4", "Causes of concern 5", "Recommendations 6",
                    "Areas for improvement 7", "Annex A 9")
    _items, check = extract(extractor, contents, page("# Findings", NARRATIVE))
    assert check.suspects == ()
    # the same line in the body is a suspect: the contents page, not the wording, rules it out
    _items, check = extract(extractor, page("# Findings", NARRATIVE, "", "The force should act now.", "", NARRATIVE),
                            family="hmicfrs_thematic")
    assert [s.text for s in check.suspects] == ["The force should act now."]


def test_an_item_printed_again_is_not_a_suspect(extractor):
    item = "Chief constables should review custody records every month."
    _items, check = extract(extractor, page("# Recommendation 1", item, ""),
                            page("# Chapter 2", NARRATIVE, "", f"# {item}", "", NARRATIVE))
    assert [i.text for i in _items] == [item]
    assert check.suspects == ()


def test_families_that_restate_other_reports_have_no_suspects(extractor):
    lines = (NARRATIVE, "", "The Home Office should fund a national custody database.", "", NARRATIVE)
    assert len(suspects_of(extractor, *lines)) == 1
    assert suspects_of(extractor, *lines, family="government_response") == ()


def test_suspect_ids_are_stable_and_offsets_point_at_the_sentence(extractor):
    sentence = "The College of Policing should publish guidance on strip searches."
    pages = (page("# Findings", NARRATIVE), page("# Findings", NARRATIVE, "", sentence, "", NARRATIVE))
    first = extract(extractor, *pages)[1].suspects
    # more text before it moves the sentence, not its id
    again = extract(extractor, page("# Findings", NARRATIVE, "", NARRATIVE), *pages[1:])[1].suspects
    assert len(first) == 1 and [s.id for s in again] == [first[0].id]
    assert first[0].id.startswith("r1-sus-")
    suspect = first[0]
    assert (suspect.page, suspect.page_end) == (2, 2)
    assert pages[1][0][suspect.start : suspect.end] == sentence
    different = extract(extractor, page("# Findings", NARRATIVE, "", sentence.replace("strip", "body"), "", NARRATIVE))
    assert different[1].suspects[0].id != suspect.id


def test_one_suspect_for_a_sentence_printed_twice(extractor):
    sentence = "The College of Policing should publish guidance on strip searches."
    _items, check = extract(extractor, page("# Summary", NARRATIVE, "", sentence, "", NARRATIVE),
                            page("# Chapter 3", NARRATIVE, "", sentence, "", NARRATIVE))
    assert [(s.page, s.text) for s in check.suspects] == [(1, sentence)]
