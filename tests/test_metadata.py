"""Report metadata from the first pages: publication date phrases, family guesses, title."""
from __future__ import annotations

import pytest
from conftest import laid_out, line

from pipeline.metadata import parse_date_phrase, read_metadata
from pipeline.rules import load_rules

RULES = load_rules()


def meta_of(*page_texts: str, metadata_title: str | None = None):
    pages = [
        laid_out(number, [line(text, 100 + i * 14) for i, text in enumerate(page.split("\n")) if text])
        for number, page in enumerate(page_texts, start=1)
    ]
    return read_metadata(pages, metadata_title, RULES)


PUBLICATION = [
    # (first pages' text, ISO date, rule id)
    ("Published on: 8 March 2023", "2023-03-08", "published.published_on"),
    ("A report\nPublished 8th March 2023", "2023-03-08", "published.published_on"),
    ("It was published on 3 July 2025 by authority of the House", "2025-07-03", "published.published_on"),
    ("PEEL 2023–25\nAn inspection of Northshire Police\nMarch 2023", "2023-03-01", "published.cover_month_year"),
    ("Title of the report\n14 November 2024\nContents", "2024-11-14", "published.cover_month_year"),
    (
        "HC 123\nOrdered by the House of Commons to be printed 10 December 2024",
        "2024-12-10",
        "published.ordered_printed",
    ),
    ("Presented to Parliament by the Secretary of State\nby Command of His Majesty\nJuly 2025", "2025-07-01", "published.cover_month_year"),
    ("Presented to Parliament by Command of His Majesty in July 2025", "2025-07-01", "published.presented_parliament"),
    # coroners' Regulation 28 reports: section 9 is the date and signature
    ("8 COPIES and PUBLICATION\n9 Caroline Topping, 21st April 2023", "2023-04-21", "published.coroner_signature"),
    ("8 COPIES and PUBLICATION\n9 21st April 2023\nMrs Heidi J. Connor", "2023-04-21", "published.coroner_signature"),
    ("9 Dated: 20/04/2023\nPeter TAHERI", "2023-04-20", "published.date_of_report"),
    ("Date of report: 5 May 2022", "2022-05-05", "published.date_of_report"),
    # the more explicit phrase wins over a bare cover month
    ("March 2023\nPublished on: 8 March 2023", "2023-03-08", "published.published_on"),
    # near-misses: no publication date
    ("In March 2023 the force introduced a new system.", None, None),
    ("Published in 2023", None, None),
    ("The inquest was concluded on the 23rd February 2023.", None, None),
    ("9. The inquest concluded on 21 March 2023", None, None),  # a numbered paragraph, not section 9
    ("9 [DATE] [SIGNED BY CORONER]", None, None),
    ("Date of death: 21 March 2022", None, None),
    ("Document Template Updated 30/01/2020", None, None),
    ("1 April 2023 to 31 March 2024", None, None),  # a period, not a date line
    ("Published on: 31 February 2023", None, None),  # not a date
    ("", None, None),
]


@pytest.mark.parametrize("text, expected, rule", PUBLICATION)
def test_publication_date(text, expected, rule):
    meta = meta_of(text)
    assert (meta.published, meta.published_rule) == (expected, rule)
    if expected:
        assert meta.published_text and meta.published_text in " ".join(text.split())


def test_publication_date_is_read_from_the_first_four_pages_only():
    assert meta_of("Cover", "Contents", "Summary", "Foreword", "Published on: 8 March 2023").published is None
    assert meta_of("Cover", "Contents", "Summary", "Published on: 8 March 2023").published == "2023-03-08"


@pytest.mark.parametrize(
    "phrase, expected",
    [("8 March 2023", "2023-03-08"), ("21st April 2023", "2023-04-21"), ("03/04/2023", "2023-04-03"),
     ("March 2023", "2023-03-01"), ("not a date", None)],
)
def test_parse_date_phrase_is_day_first(phrase, expected):
    parsed = parse_date_phrase(phrase)
    assert (parsed.isoformat() if parsed else None) == expected


FAMILIES = [
    ("REGULATION 28 REPORT TO PREVENT FUTURE DEATHS\nTHIS REPORT IS BEING SENT TO:", "coroner"),
    ("Home Affairs Committee\nPolice response to the 2024 summer disorder: Government Response", "government_response"),
    ("Report on an unannounced inspection visit to police custody suites in Northshire", "hmicfrs_custody"),
    ("Joint inspection of police custody in Southshire", "hmicfrs_custody"),
    ("PEEL 2023–25\nPolice effectiveness, efficiency and legitimacy\nAn inspection of Northshire Police", "hmicfrs_peel"),
    ("PEEL: Police effectiveness 2017\nAn inspection of Northshire Police", "hmicfrs_peel"),
    ("Fire and rescue service effectiveness and efficiency 2023–25\nAn inspection of Northshire Fire and Rescue Service", "hmicfrs_fire"),
    ("An inspection of how well the police respond to stalking\nHis Majesty’s Inspectorate of Constabulary and Fire & Rescue Services", "hmicfrs_thematic"),
    ("HMICFRS\nAn inspection of vetting, misconduct, and misogyny in the police service", "hmicfrs_thematic"),
    ("House of Commons\nHome Affairs Committee\nPolice response to the 2024 summer disorder", "committee"),
    ("The Infected Blood Inquiry\nThe Report\nVolume 1", "public_inquiry"),
    ("Rapid review into data on mental health inpatient settings", "other"),
    # near-misses
    ("HMICFRS\nAn inspection of how forces use\nPEEL inspection findings to improve", "hmicfrs_thematic"),  # PEEL mentioned, not a PEEL cover
    ("HMICFRS\nAn inspection of the handling of complaints in fire and rescue services", "hmicfrs_thematic"),
    ("The custody of documents", "other"),
    ("Peeling back the layers", "other"),
]


@pytest.mark.parametrize("text, family", FAMILIES)
def test_family_guess(text, family):
    meta = meta_of(text)
    assert meta.family == family
    assert (meta.family_rule is None) == (family == "other")


def test_title_is_the_first_run_of_the_largest_type_on_the_cover():
    cover = laid_out(1, [
        line("HMICFRS", 40, size=10),
        line("An inspection of how well the", 200, size=28, bold=True),
        line("police respond to stalking", 234, size=28, bold=True),
        line("March 2023", 300, size=14),
        line("Another big line", 400, size=28),
    ])
    meta = read_metadata([cover], "Microsoft Word - draft.docx", RULES)
    assert meta.title == "An inspection of how well the police respond to stalking"


@pytest.mark.parametrize(
    "metadata_title, expected",
    [("Police response to the 2024 summer disorder", "Police response to the 2024 summer disorder"),
     ("Microsoft Word - report final v2.docx", None), ("Untitled", None), ("report.pdf", None), (None, None)],
)
def test_title_falls_back_to_the_pdf_title_only_when_the_cover_has_no_text(metadata_title, expected):
    pages = [laid_out(1, []), laid_out(2, [line("12", 800)]), laid_out(3, [line("Body text", 100)])]
    assert read_metadata(pages, metadata_title, RULES).title == expected
