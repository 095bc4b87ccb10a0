"""Deadlines through the real pipeline: phrase -> (kind, date), with near-misses that are no deadline.

Each case is one "Recommendation 1" item on a synthetic page of a report published 2023-03-08, run
through build_nlp(load_rules()) and the Extractor, so the rule files, the spaCy components and the
sentence logic are all exercised together.
"""
from __future__ import annotations

import pytest

from pipeline.models import CleanPage
from pipeline.extract import Extractor, ReportInput

PUBLISHED = "2023-03-08"


def only_item(extractor: Extractor, body: str, published: str | None = PUBLISHED):
    report = ReportInput(
        report_id="r1", published=published, family="hmicfrs_thematic",
        pages=(CleanPage(1, f"Recommendation 1\n{body}\n", headings=("Recommendation 1",)),),
    )
    items, _check = extractor.extract(report)
    assert len(items) == 1, [i.text for i in items]
    return items[0]


# (item text, deadline kind, ISO date, deadline text as printed)
DEADLINES = [
    ("By 31 March 2024, chief constables should make sure their officers are trained in vetting.",
     "date", "2024-03-31", "By 31 March 2024"),
    ("Chief constables should publish their vetting plans no later than 30 September 2024.",
     "date", "2024-09-30", "no later than 30 September 2024"),
    ("By 1 May 2024, chief constables should review their vetting decisions.",
     "date", "2024-05-01", "By 1 May 2024"),
    ("By April 2025, chief constables should review their vetting decisions.",
     "month", "2025-04-30", "By April 2025"),
    ("By February 2024, chief constables should review their vetting decisions.",
     "month", "2024-02-29", "By February 2024"),
    ("Chief constables should review their vetting decisions by the end of 2024.",
     "year_end", "2024-12-31", "by the end of 2024"),
    ("Chief constables should review their vetting decisions by the end of the 2024/25 financial year.",
     "financial_year", "2025-03-31", "by the end of the 2024/25 financial year"),
    ("With immediate effect, chief constables should stop using the old vetting form.",
     "immediate", None, "With immediate effect"),
    ("Within six months of the publication of this report, chief constables should review their vetting decisions.",
     "relative", "2023-09-08", "Within six months of the publication of this report"),
    ("Within three months, chief constables should review their vetting decisions.",
     "relative", "2023-06-08", "Within three months"),
    ("Once the College of Policing has published its revised guidance, chief constables should adopt it.",
     "event", None, None),
    ("Chief constables should review their vetting decisions.",
     "none", None, None),
    # the deadline may sit mid-sentence or in a later sentence that has its own modal verb
    ("The Home Office should, by 31 March 2024, amend the regulations.",
     "date", "2024-03-31", "by 31 March 2024"),
    ("Chief constables should review their vetting decisions and, by 31 March 2024, publish the results.",
     "date", "2024-03-31", "by 31 March 2024"),
    ("Chief constables should review their vetting decisions. They should do this by 31 March 2024.",
     "date", "2024-03-31", "by 31 March 2024"),
    # more ways of printing the same kinds
    ("Chief constables should review their vetting decisions before 1st April 2024.",
     "date", "2024-04-01", "before 1st April 2024"),
    ("Chief constables should review their vetting decisions by March 31, 2024.",
     "date", "2024-03-31", "by March 31, 2024"),
    ("Chief constables should review their vetting decisions by the end of March 2025.",
     "month", "2025-03-31", "by the end of March 2025"),
    ("Chief constables should review their vetting decisions in 2024/25.",
     "financial_year", "2025-03-31", "in 2024/25"),
    ("Chief constables should immediately stop using the old vetting form.",
     "immediate", None, "immediately"),
    ("Chief constables should review their vetting decisions within 12 months.",
     "relative", "2024-03-08", "within 12 months"),
    ("Chief constables should respond within 56 days of the date of this report.",
     "relative", "2023-05-03", "within 56 days of the date of this report"),
    ("Chief constables should review their vetting decisions within four weeks.",
     "relative", "2023-04-05", "within four weeks"),
    ("Within 18 months, chief constables should review their vetting decisions.",
     "relative", "2024-09-08", "Within 18 months"),
    # relative to an event, not to the report: no date
    ("Chief constables should review their vetting decisions as soon as possible.",
     "event", None, "as soon as possible"),
    ("Chief constables should review their vetting decisions once the new regulations are in place.",
     "event", None, "once the new regulations are in place"),
    ("Chief constables should review their vetting decisions within six months of the publication of the College "
     "of Policing's new guidance.", "event", None, None),
    # wordings of unseen reports (issue 11)
    ("Not later than 31 March 2015, chief constables should review their vetting decisions.",
     "date", "2015-03-31", "Not later than 31 March 2015"),
    ("Chief constables should review their vetting decisions before April 2023.",
     "month", "2023-03-31", "before April 2023"),
    ("Chief constables should review their vetting decisions before January 2024.",
     "month", "2023-12-31", "before January 2024"),
    ("Chief constables should review their vetting decisions during 2024/25.",
     "financial_year", "2025-03-31", "during 2024/25"),
    ("Chief constables should review their vetting decisions by 31/03/2025.",
     "date", "2025-03-31", "by 31/03/2025"),
    ("Chief constables should review their vetting decisions within 3 months.",
     "relative", "2023-06-08", "within 3 months"),
    ("Chief constables should review their vetting decisions within twelve months of publication.",
     "relative", "2024-03-08", "within twelve months of publication"),
    ("Chief constables should, with immediate effect, stop using the old vetting form.",
     "immediate", None, "with immediate effect"),
]


@pytest.mark.parametrize("body, kind, date, text", DEADLINES, ids=[d[1] + ":" + d[0][:30] for d in DEADLINES])
def test_deadline_phrase(extractor, body, kind, date, text):
    deadline = only_item(extractor, body).deadline
    assert (deadline.kind, deadline.date) == (kind, date)
    if text is not None:
        assert deadline.text == text
    if kind == "none":
        assert deadline.text is None
    else:
        assert deadline.rule, "the rule that found the deadline is recorded"


@pytest.mark.parametrize("phrase", ["by the end of 2024/25", "by the end of 2024-25"])
def test_financial_year_without_the_words_financial_year(extractor, phrase):
    deadline = only_item(extractor, f"Chief constables should review their vetting decisions {phrase}.").deadline
    assert (deadline.kind, deadline.date, deadline.text) == ("financial_year", "2025-03-31", phrase)


@pytest.mark.parametrize("body, text", [
    ("Once the College of Policing has published its revised guidance, chief constables should adopt it.",
     "Once the College of Policing has published its revised guidance"),
    ("Chief constables should adopt the guidance once the College of Policing has published its guidance.",
     "once the College of Policing has published its guidance"),
    ("Chief constables should adopt it once the College of Policing has published it and train their staff.",
     "once the College of Policing has published it"),
])
def test_event_deadline_keeps_its_whole_phrase(extractor, body, text):
    deadline = only_item(extractor, body).deadline
    assert (deadline.kind, deadline.date, deadline.text) == ("event", None, text)


def test_relative_deadline_without_publication_date_has_no_date(extractor):
    item = only_item(extractor, "Within six months, chief constables should review their vetting decisions.", published=None)
    assert (item.deadline.kind, item.deadline.date) == ("relative", None)


def test_relative_deadline_counts_calendar_months_from_publication(extractor):
    body = "Within twelve months of the publication of this report, chief constables should review their vetting."
    assert only_item(extractor, body, published="2024-01-15").deadline.date == "2025-01-15"


# Near-misses: a date is printed, but it is not the item's deadline.
NOT_DEADLINES = [
    # narrative after the modal sentence, inside the item
    "Chief constables should review their vetting procedures. By 2016, the force had already reviewed its own.",
    "Chief constables should review their vetting procedures. By 31 March 2016, the force had already reviewed its own.",
    # a date in a sentence without the modal verb, before the modal sentence
    "In March 2022 the force published a vetting policy that took effect on 1 April 2022. "
    "Chief constables should review their vetting procedures.",
    "The force told us it would finish its review by 31 May 2024. Chief constables should check progress.",
    # "may" is a verb, never a month
    "Chief constables should decide whether officers may carry out their own vetting checks.",
    "Chief constables should review the plan they agreed in May.",
    "We recommend that chief constables review whether staff may work from home.",
    # a date phrase in a sub-clause about something else dates that, not the action
    "Chief constables should review all cases recorded before April 2023.",
    "The force should re-examine the referrals it received before 1 April 2023.",
    "The force should make sure that complaints made by 31 March 2024 are resolved.",
    # a described duration is not a deadline
    "The force should explain why reviews, which typically take within two months, are delayed.",
]


@pytest.mark.parametrize("body", NOT_DEADLINES, ids=[b[:40] for b in NOT_DEADLINES])
def test_no_deadline_outside_the_modal_sentence(extractor, body):
    deadline = only_item(extractor, body).deadline
    assert (deadline.kind, deadline.date, deadline.text) == ("none", None, None)


@pytest.mark.parametrize("narrative", [
    "In 2021 we said that forces should finish this by 31 March 2022, but most have not.",
    "Our 2021 report said forces should do so by 31 March 2022.",
], ids=["we-said", "report-said"])
def test_reported_narrative_with_a_modal_is_not_the_deadline(extractor, narrative):
    item = only_item(extractor, f"Chief constables should review their vetting decisions. {narrative}")
    assert (item.deadline.kind, item.deadline.date) == ("none", None)
    assert [a.id for a in item.addressees] == ["chief_constables"]


def test_narrative_date_does_not_displace_the_real_deadline(extractor):
    body = ("By 31 March 2024, chief constables should review their vetting procedures. "
            "By 2016, the force had already reviewed its own, and by 1 May 2019 it had trained its staff.")
    deadline = only_item(extractor, body).deadline
    assert (deadline.kind, deadline.date, deadline.text) == ("date", "2024-03-31", "By 31 March 2024")
