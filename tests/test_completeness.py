"""The completeness check each report gets: numbering gaps and duplicates, and the count of
recommendations the report states itself against the count found. Any of these puts the report
up for review; a clean report does not need review.
"""
from __future__ import annotations

import json

import pytest

from pipeline.models import CleanPage
from pipeline.extract import ReportInput
from pipeline.run import check_row


def page(*lines: str) -> tuple[str, tuple[str, ...]]:
    text = "\n".join(line[2:] if line.startswith("# ") else line for line in lines) + "\n"
    return text, tuple(line[2:] for line in lines if line.startswith("# "))


def check_of(extractor, *pages, family="hmicfrs_thematic"):
    report = ReportInput(
        report_id="r1", published="2023-03-08", family=family,
        pages=tuple(CleanPage(n, text, headings=headings) for n, (text, headings) in enumerate(pages, start=1)),
    )
    return extractor.extract(report)


def rec(number: int, body: str | None = None) -> tuple[str, ...]:
    return (f"# Recommendation {number}", body or f"Chief constables should carry out review number {number}.", "")


def test_complete_numbering_needs_no_review(extractor):
    items, check = check_of(extractor, page(*rec(1), *rec(2), *rec(3)))
    assert check.items_found == 3
    assert (check.numbering_gaps, check.numbering_duplicates) == ((), ())
    assert check.stated_count is None
    assert not check.needs_review
    assert check.notes == ()


def test_numbering_gap(extractor):
    _items, check = check_of(extractor, page(*rec(1), *rec(3)), page(*rec(4)))
    assert check.numbering_gaps == ("2",)
    assert check.needs_review
    assert any("gap" in note and "2" in note for note in check.notes)


def test_gap_at_the_start_of_a_series(extractor):
    _items, check = check_of(extractor, page(*rec(2), *rec(3)))
    assert check.numbering_gaps == ("1",)
    assert check.needs_review


def test_duplicate_number_with_different_text(extractor):
    items, check = check_of(
        extractor,
        page(*rec(1), *rec(2, "Chief constables should review their vetting decisions.")),
        page(*rec(2, "The Home Office should fund a national database of vetting decisions for every force.")),
    )
    assert any(d.split()[-1] == "2" for d in check.numbering_duplicates)
    assert check.needs_review
    assert len(items) == 3


def test_reprinted_item_is_not_a_duplicate(extractor):
    body = "Chief constables should review their vetting decisions."
    items, check = check_of(extractor, page("# Summary", *rec(1, body), *rec(2)), page("# Chapter 3", *rec(1, body)))
    assert len(items) == 2
    assert check.numbering_duplicates == ()
    assert not check.needs_review


def test_each_kind_is_its_own_series(extractor):
    _items, check = check_of(
        extractor,
        page(*rec(1), *rec(2), "# Area for improvement 1", "The force should improve how it records crime.", "",
             "# Area for improvement 2", "The force should answer calls more quickly."),
        family="hmicfrs_peel",
    )
    assert (check.numbering_gaps, check.numbering_duplicates) == ((), ())
    assert not check.needs_review


def test_recommendations_under_causes_of_concern_are_numbered_per_cause(extractor):
    items, check = check_of(
        extractor,
        page("# Cause of concern 1", "The force does not protect vulnerable people well enough.", "", *rec(1), *rec(2)),
        page("# Cause of concern 2", "The force does not answer calls quickly enough.", "", *rec(1)),
        family="hmicfrs_peel",
    )
    assert [(i.kind, i.number) for i in items] == [
        ("cause_of_concern", "1"), ("recommendation", "1"), ("recommendation", "2"),
        ("cause_of_concern", "2"), ("recommendation", "1"),
    ]
    assert [i.parent for i in items] == [None, items[0].id, items[0].id, None, items[3].id]
    assert len({i.id for i in items}) == 5
    assert check.numbering_duplicates == ()
    assert not check.needs_review


@pytest.mark.parametrize("sentence, stated", [
    ("In this report we made 16 recommendations to forces.", 16),
    ("We have made sixteen recommendations.", 16),
    ("HMICFRS made twenty-one recommendations in 2021.", 21),
])
def test_stated_count_different_from_found_needs_review(extractor, sentence, stated):
    _items, check = check_of(extractor, page("# Summary", sentence, "", *rec(1), *rec(2)))
    assert check.stated_count == stated
    assert check.stated_text and check.stated_text in " ".join(sentence.split())
    assert check.items_found == 2
    assert check.needs_review
    assert any(f"states {stated}" in note and "found 2" in note for note in check.notes)


def test_stated_count_equal_to_found_needs_no_review(extractor):
    _items, check = check_of(extractor, page("# Summary", "We have made two recommendations.", "", *rec(1), *rec(2)))
    assert check.stated_count == 2
    assert not check.needs_review


def test_a_count_stated_about_an_earlier_report_is_not_this_reports(extractor):
    """A revisit letter recalls "In our 2023 PEEL report we ... made two recommendations" and
    makes one of its own: no count to hold it to, so nothing in doubt."""
    _items, check = check_of(extractor, page(
        "# Summary", "In our 2023 PEEL report we identified a cause of concern and made two recommendations. We",
        "revisited the force in June 2024.", "", *rec(1)))
    assert check.stated_count is None
    assert not check.needs_review
    _items, check = check_of(extractor, page(
        "# Summary", "In last year’s assessment we made five recommendations; four are yet to be met.", "", *rec(1)))
    assert check.stated_count is None


def test_areas_for_improvement_are_not_counted_as_recommendations(extractor):
    _items, check = check_of(
        extractor,
        page("# Summary", "We made two recommendations.", "", *rec(1), *rec(2),
             "# Area for improvement 1", "The force should improve how it records crime."),
        family="hmicfrs_peel",
    )
    assert check.stated_count == 2
    assert check.items_found == 3
    assert not check.needs_review


def test_item_in_doubt_puts_the_report_up_for_review(extractor):
    items, check = check_of(extractor, page(*rec(1, "The Widget Standards Panel should publish new standards.")))
    assert items[0].doubts
    assert check.needs_review
    assert any("doubt" in note for note in check.notes)


def test_unnumbered_items_have_no_numbering_to_check(extractor):
    items, check = check_of(
        extractor,
        page("# Areas for improvement", "The force should improve how it records crime.", "",
             "The force should answer calls more quickly."),
        family="hmicfrs_peel",
    )
    assert len(items) == 2
    assert (check.numbering_gaps, check.numbering_duplicates) == ((), ())
    assert not check.needs_review


def test_check_row_is_storable(extractor):
    _items, check = check_of(extractor, page("# Summary", "We made 16 recommendations.", "", *rec(1), *rec(3)))
    row = check_row(check, "fingerprint")
    assert row["report_id"] == "r1"
    assert row["needs_review"] == 1
    assert json.loads(row["numbering_gaps"]) == ["2"]
    assert json.loads(row["numbering_duplicates"]) == []
    assert len(json.loads(row["notes"])) == 2
    assert row["rules_fingerprint"] == "fingerprint"
