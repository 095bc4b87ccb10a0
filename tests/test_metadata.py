"""Report metadata from the first pages: publication date phrases, family guesses, title."""
from __future__ import annotations

import pytest
from conftest import laid_out, line

from pipeline.brief.model import long_date, published_in_window
from pipeline.extract.deadlines import resolve
from pipeline.dates import (
    _dateparser_reading, _plain_date, parse_date_phrase, parse_publication, period_end,
    period_start, precision_of, reduce_date,
)
from pipeline.ingest.metadata import read_metadata
from pipeline.rules import load_rules

RULES = load_rules()


def meta_of(*page_texts: str, metadata_title: str | None = None):
    pages = [
        laid_out(number, [line(text, 100 + i * 14) for i, text in enumerate(page.split("\n")) if text])
        for number, page in enumerate(page_texts, start=1)
    ]
    return read_metadata(pages, metadata_title, RULES)


PUBLICATION = [
    # (first pages' text, stored value at the precision printed, precision, rule id)
    ("Published on: 8 March 2023", "2023-03-08", "day", "published.published_on"),
    ("A report\nPublished 8th March 2023", "2023-03-08", "day", "published.published_on"),
    ("It was published on 3 July 2025 by authority of the House", "2025-07-03", "day", "published.published_on"),
    ("PEEL 2023–25\nAn inspection of Northshire Police\nMarch 2023", "2023-03", "month", "published.cover_month_year"),
    ("Title of the report\n14 November 2024\nContents", "2024-11-14", "day", "published.cover_month_year"),
    (
        "HC 123\nOrdered by the House of Commons to be printed 10 December 2024",
        "2024-12-10", "day",
        "published.ordered_printed",
    ),
    ("Presented to Parliament by the Secretary of State\nby Command of His Majesty\nJuly 2025", "2025-07", "month",
     "published.cover_month_year"),
    ("Presented to Parliament by Command of His Majesty in July 2025", "2025-07", "month", "published.presented_parliament"),
    ("Presented to Parliament on 14 July 2025", "2025-07-14", "day", "published.presented_parliament"),
    ("Laid before Parliament on 19 June 2025", "2025-06-19", "day", "published.presented_parliament"),
    ("Custody suites in Westvale\nJoint inspection by HMICFRS and HM Inspectorate of Prisons | 9 May 2024",
     "2024-05-09", "day", "published.cover_line_end"),
    # coroners' Regulation 28 reports: section 9 is the date and signature
    ("8 COPIES and PUBLICATION\n9 Caroline Topping, 21st April 2023", "2023-04-21", "day", "published.coroner_signature"),
    ("8 COPIES and PUBLICATION\n9 21st April 2023\nMrs Heidi J. Connor", "2023-04-21", "day", "published.coroner_signature"),
    ("9 Dated: 20/04/2023\nPeter TAHERI", "2023-04-20", "day", "published.date_of_report"),
    ("Date of report: 5 May 2022", "2022-05-05", "day", "published.date_of_report"),
    # the more explicit phrase wins over a bare cover month
    ("March 2023\nPublished on: 8 March 2023", "2023-03-08", "day", "published.published_on"),
    # near-misses: no publication date
    ("In March 2023 the force introduced a new system.", None, None, None),
    ("Cases recorded | Outcome rate\nA table row | 31 March", None, None, None),
    ("Published in 2023", None, None, None),
    ("The inquest was concluded on the 23rd February 2023.", None, None, None),
    ("9. The inquest concluded on 21 March 2023", None, None, None),  # a numbered paragraph, not section 9
    ("9 [DATE] [SIGNED BY CORONER]", None, None, None),
    ("Date of death: 21 March 2022", None, None, None),
    ("Document Template Updated 30/01/2020", None, None, None),
    ("1 April 2023 to 31 March 2024", None, None, None),  # a period, not a date line
    ("Published on: 31 February 2023", None, None, None),  # not a date
    ("March 1850", None, None, None),  # out of range
    ("", None, None, None),
]


@pytest.mark.parametrize("text, expected, precision, rule", PUBLICATION)
def test_publication_date_keeps_the_precision_printed(text, expected, precision, rule):
    meta = meta_of(text)
    assert (meta.published, meta.published_precision, meta.published_rule) == (expected, precision, rule)
    if expected:
        assert meta.published_text and meta.published_text in " ".join(text.split())


def test_publication_date_is_read_from_the_first_four_pages_only():
    assert meta_of("Cover", "Contents", "Summary", "Foreword", "Published on: 8 March 2023").published is None
    assert meta_of("Cover", "Contents", "Summary", "Published on: 8 March 2023").published == "2023-03-08"


@pytest.mark.parametrize(
    "phrase, expected",
    [("8 March 2023", ("2023-03-08", "day")), ("21st April 2023", ("2023-04-21", "day")),
     ("03/04/2023", ("2023-04-03", "day")), ("March 2023", ("2023-03", "month")), ("2023", ("2023", "year")),
     ("31 February 2023", None), ("not a date", None), ("March 2300", None)],
)
def test_parse_publication(phrase, expected):
    assert parse_publication(phrase) == expected


# phrase -> read without dateparser (pipeline.dates._plain_date)? Either way, what dateparser reads.
PLAIN_OR_NOT = [
    ("8 March 2023", True), ("21st April 2023", True), ("08 March 2023", True), ("March 2023", True),
    ("march 2024", True), ("8 MAY 2024", True), ("29 February 2024", True), ("8\u00a0March 2023", True),
    ("March 2300", True), ("1 January 1850", True),  # read, then refused as a publication date
    # near misses, left to dateparser
    ("31 February 2023", False), ("29 February 2023", False), ("32 March 2024", False), ("0 March 2024", False),
    ("Mar 2024", False), ("Sept 2024", False), ("8 March 23", False), ("March 31, 2024", False),
    ("31/03/2025", False), ("2023", False), ("8 March 2023.", False), ("the 8th March 2023", False),
    ("12TH March 2024", False), ("\u0668 March 2023", False), ("Spring 2024", False), ("8 Marchh 2023", False),
]


@pytest.mark.parametrize("phrase, plain", PLAIN_OR_NOT)
def test_plain_dates_are_read_as_dateparser_reads_them(phrase, plain):
    read = _plain_date(phrase)
    assert (read is not None) is plain
    dateparsers = _dateparser_reading(phrase)
    assert parse_date_phrase(phrase) == (dateparsers[0] if dateparsers else None)
    if read is not None:  # parse_publication range-checks and reduces the same reading either way
        assert read == dateparsers


PERIODS = [
    # (stored value, precision, first day, last day)
    ("2024-07-02", "day", "2024-07-02", "2024-07-02"),
    ("2024-07", "month", "2024-07-01", "2024-07-31"),
    ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2023-02", "month", "2023-02-01", "2023-02-28"),
    ("2024", "year", "2024-01-01", "2024-12-31"),
]


@pytest.mark.parametrize("value, precision, first, last", PERIODS)
def test_period_of_a_reduced_precision_date(value, precision, first, last):
    assert precision_of(value) == precision
    assert (period_start(value).isoformat(), period_end(value).isoformat()) == (first, last)
    assert reduce_date(period_start(value), precision) == value


@pytest.mark.parametrize("value", ["2024-13", "2024-07-32", "24-07", "2024-7", "July 2024", "", "2024-07-01T00:00"])
def test_period_refuses_what_is_not_iso(value):
    for helper in (precision_of, period_start, period_end):
        with pytest.raises(ValueError):
            helper(value)


RELATIVE = [
    # (published, count, unit, due): from a month with no day, counted from its first day
    ("2024-07", "six", "months", "2025-01-01"),
    ("2024-07-15", "six", "months", "2025-01-15"),  # a day: the same day of the month
    ("2024-07", "28", "days", "2024-07-29"),
    ("2024-12", "2", "months", "2025-02-01"),
    ("2024-08-31", "6", "months", "2025-02-28"),
    ("2024-07", "one", "year", "2025-07-01"),
    ("2024", "six", "months", "2024-07-01"),
    ("2024-07", "six", "fortnights", None),  # not a unit
    (None, "six", "months", None),  # no publication date: no date
]


@pytest.mark.parametrize("published, count, unit, due", RELATIVE)
def test_relative_deadline_from_a_month_counts_from_its_first_day(published, count, unit, due):
    assert resolve("relative", {"count": count, "unit": unit}, published) == due


@pytest.mark.parametrize(
    "value, printed",
    [("2024-07-02", "2 July 2024"), ("2024-07", "July 2024"), ("2024", "2024"), ("", ""), (None, ""),
     ("sometime", "sometime")],
)
def test_brief_prints_a_date_at_its_precision(value, printed):
    assert long_date(value) == printed


@pytest.mark.parametrize(
    "published, since, until, inside",
    [("2024-07", "2024-07-15", None, True),  # part of July is in the window
     ("2024-07", None, "2024-07-01", True),
     ("2024-07", "2024-08-01", None, False), ("2024-07", None, "2024-06-30", False),
     ("2024", "2024-12-31", "2025-03-01", True), ("2024", "2025-01-01", None, False),
     ("2024-07-02", "2024-07-02", "2024-07-02", True), ("2024-07-02", "2024-07-03", None, False),
     ("2024-07-02", None, None, True)],
)
def test_brief_window_takes_a_month_that_overlaps_it(published, since, until, inside):
    assert published_in_window(published, since, until) is inside


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
    ("State of Policing\nThe Annual Assessment of Policing in England and Wales 2024\nHis Majesty’s Chief Inspector of Constabulary",
     "hmicfrs_thematic"),
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


# -- titles -------------------------------------------------------------------------------------

BODY_PAGE = laid_out(2, [line("The body of the report is set in this size, line after line, " * 2, 100 + i * 14, size=11)
                         for i in range(4)])


def cover(*rows, body: bool = True) -> list:
    """Page 1 from (text, size, top[, bold]) rows, then a page of 11 pt body text."""
    lines = [line(text, top, size=size, bold=bool(rest and rest[0])) for text, size, top, *rest in rows]
    return [laid_out(1, lines)] + ([BODY_PAGE] if body else [])


PEEL_COVER = cover(
    ("PEEL 2023–25", 28, 162.8, True), ("Police effectiveness, efficiency", 28, 197.8, True),
    ("and legitimacy", 28, 232.8, True), ("An inspection of Northshire Police", 16, 292.3),
    ("March 2024", 14, 331.4), ("His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services", 11, 607.5),
)
COVID_MODULE_1 = cover(
    ("UK Covid-19 Inquiry", 40, 154.5, True), ("Module 1:", 30, 241.9), ("The resilience", 30, 289.9),
    ("and preparedness", 30, 321.9), ("of the United Kingdom", 30, 353.9),
    ("A report by The Rt Hon the Baroness Hallett DBE", 18, 413.9), ("Chair of the UK Covid-19 Inquiry", 18, 433.9),
    ("July 2024", 18, 473.9), ("HC 18", 12, 782.8),
)
COVID_MODULE_2 = cover(
    ("UK Covid-19 Inquiry", 40, 154.5, True), ("Modules 2, 2A, 2B, 2C:", 30, 241.9),
    ("Core decision-", 30, 289.9), ("making and political governance", 30, 322.0),
    ("Volume II: Key themes, lessons and", 18, 382.1, True), ("recommendations", 18, 402.1, True),
    ("A report by The Rt Hon the Baroness Hallett DBE", 18, 441.9), ("November 2025", 18, 501.9),
)
CORONER_TOP = [("REGULATION 28 REPORT TO PREVENT", 12, 95.5, True), ("FUTURE DEATHSTHIS REPORT IS BEING SENT", 12, 123.1, True),
               ("TO:", 12, 150.7, True), ("1. Chief Executive Officer of The Priory Group", 12, 178.3, True),
               ("1 CORONER", 12, 233.4, True), ("I am Caroline Topping, assistant coroner for Surrey.", 12, 261.0),
               ("3 INVESTIGATION and INQUEST", 12, 370.3, True)]

TITLES = [
    # (pages, PDF Title field, expected title)
    # the whole title in the largest type, then the subtitle naming the force in the next size down
    (PEEL_COVER, None,
     "PEEL 2023–25 Police effectiveness, efficiency and legitimacy: An inspection of Northshire Police"),
    # a kicker line above the title in body type is not part of it; the service is
    (cover(("Fire and rescue service inspection programme", 12, 155.5), ("Effectiveness, efficiency and", 28, 193.8, True),
           ("people 2023–25", 28, 228.8, True), ("An inspection of Westmarch Fire and Rescue Service", 16, 282.3),
           ("Published on: 23 January 2024", 12, 324.5)), None,
     "Effectiveness, efficiency and people 2023–25: An inspection of Westmarch Fire and Rescue Service"),
    # a title set in two sizes: its lines in the next size down carry on its sentence until one
    # starts afresh ("Saltmarsh Fire and Rescue Service"), which is the subtitle
    (cover(("Effectiveness, efficiency", 30, 150.0, True), ("and people 2021/22", 24, 190.0, True),
           ("Saltmarsh Fire and Rescue Service", 24, 222.0, True)), None,
     "Effectiveness, efficiency and people 2021/22: Saltmarsh Fire and Rescue Service"),
    (cover(("A joint inspection of the", 28, 150.0, True), ("criminal justice response", 22, 190.0, True),
           ("to children who offend", 22, 220.0, True)), None,
     "A joint inspection of the criminal justice response to children who offend"),
    # a subtitle that says nothing the title does not is left out
    (cover(("Report on an unannounced inspection", 24, 161.0, True), ("visit to police custody suites in", 24, 191.0, True),
           ("Northshire", 24, 221.0, True), ("Police custody inspection", 14, 276.4)), None,
     "Report on an unannounced inspection visit to police custody suites in Northshire"),
    # two modules of one inquiry: the module is the subtitle, over a gap between its own lines
    (COVID_MODULE_1, None, "UK Covid-19 Inquiry: Module 1: The resilience and preparedness of the United Kingdom"),
    (COVID_MODULE_2, None, "UK Covid-19 Inquiry: Modules 2, 2A, 2B, 2C: Core decision-making and political governance"),
    # a bare title takes the series line printed just above it; the block far below is not a subtitle
    (cover(("Infected Blood Inquiry", 22, 92.3), ("The Report", 40, 129.8, True), ("Overview and", 22, 284.3, True),
           ("Recommendations", 22, 311.3, True), ("• Summary", 14, 339.1), ("1 of 7", 40, 719.8),
           ("20 May 2024", 14, 767.8), ("HC 569-I", 12, 783.2)), None, "Infected Blood Inquiry: The Report"),
    # ... but a title that names its subject stands alone under a label
    (cover(("Independent report", 18, 238.6), ("Rapid review into data on", 32, 265.0, True),
           ("mental health inpatient settings:", 32, 301.8, True), ("final report and", 32, 338.5, True),
           ("recommendations", 32, 375.3, True), ("Updated 21 March 2024", 14, 412.0)), None,
     "Rapid review into data on mental health inpatient settings: final report and recommendations"),
    # the committee above and the session line below (body size) are not the title; no glued words
    (cover(("Home Affairs Committee", 15, 199.5, True), ("Police response to the", 27, 274.0, True),
           ("2024 summer disorder", 27, 306.4, True), ("Second Report of Session 2024–25 HC 381", 11, 384.8, True)),
     "Summer 2024 disorder", "Police response to the 2024 summer disorder"),
    # a subtitle in display type but far below the title is another block (here: the author)
    (cover(("Behaviour Change", 42, 280.1, True), ("Report", 30, 506.0), ("HL Paper 179", 12, 761.4)),
     "Committee Report 4.3", "Behaviour Change"),
    # a date in the subtitle's size ends the subtitle
    (cover(("Government’s new decision: Women’s", 48, 288.2), ("State Pension age communications", 48, 349.0),
           ("Response to the Ombudsman's investigation", 16, 405.0), ("January 2026", 16, 440.0)), None,
     "Government’s new decision: Women’s State Pension age communications: Response to the Ombudsman's investigation"),
    # a lone cover (no body pages): its smallest type is the body
    (cover(("HMICFRS", 10, 40), ("An inspection of how well the", 28, 200, True), ("police respond to stalking", 28, 234, True),
           ("March 2023", 14, 300), ("Another big line", 28, 400), body=False), "Microsoft Word - draft.docx",
     "An inspection of how well the police respond to stalking"),
    # a list under the title ends it
    (cover(("Summary of findings and", 24, 100, True), ("recommendations", 24, 130, True), ("1. Leadership", 24, 160)), None,
     "Summary of findings and recommendations"),
    # coroners' forms: the form's name and the deceased's, however the heading is glued
    (cover(*CORONER_TOP, ("An inquest into the death of Miss Amy Henderson was opened on the 26th", 11.9, 382.6),
           ("April 2022 and resumed with a jury.", 11.9, 396.4)),
     "Amy Henderson - Prevention of future deaths report - 2023-0129",
     "Regulation 28: report to prevent future deaths: Amy Henderson"),
    (cover(("Regulation 28: REPORT TO PREVENT FUTURE DEATHS", 11, 129.8, True), ("NOTE: This form is to be used after an inquest.", 9, 162.7),
           ("3 INVESTIGATION and INQUEST", 9, 450.8, True),
           ("On 18th March 2022 an investigation was commenced into the death of Joseph Willy", 9, 472.0),
           ("Maunick.", 9, 483.6), ("The investigation concluded at the end of the inquest.", 9, 504.8)), None,
     "Regulation 28: report to prevent future deaths: Joseph Willy Maunick"),
    (cover(("REGULATION 28: REPORT TO PREVENT FUTURE DEATHS", 9.1, 104.1, True),
           ("On 9th December 2020 I commenced an investigation into the death of Mr.", 9.2, 399.1),
           ("Christopher Evans age 56 years. The investigation concluded", 9.2, 409.9)), None,
     "Regulation 28: report to prevent future deaths: Christopher Evans"),
    (cover(*CORONER_TOP, ("Name of deceased: Dr. Ann B. Smith", 12, 390)), None,
     "Regulation 28: report to prevent future deaths: Ann B. Smith"),
    # a name ends where the next sentence starts
    (cover(*CORONER_TOP, ("I opened an inquest into the death of John Smith", 12, 390), ("The inquest concluded.", 12, 404)),
     None, "Regulation 28: report to prevent future deaths: John Smith"),
    # near-misses: the blank form names nobody (its placeholder is no name, its worked example on
    # page 4 is fiction), and its file name is no title
    (cover(("ANNEX A", 11, 73.6, True), ("REGULATION 28: REPORT TO PREVENT FUTURE DEATHS (1)", 11, 111.5, True),
           ("On [DATE] I commenced an investigation into the death of [NAME, AGE]. The", 10.1, 418.1))
     + [laid_out(3, []), laid_out(4, [line("investigation into the death of JANE JANET JONES,", 100)])],
     "Microsoft Word - Template.doc", "Regulation 28: report to prevent future deaths"),
    # near-miss: a report about coroners' reports is not the form ("reports to", in display type)
    (cover(("Learning from Regulation 28", 28, 200, True), ("reports to prevent future deaths", 28, 234, True)), None,
     "Learning from Regulation 28 reports to prevent future deaths"),
    # near-miss: a contents page has no display title: the PDF's Title field stands in
    (cover(("Contents", 18, 88.7, True), ("Introduction 1", 11, 124.3), ("Summary 2", 11, 144.3),
           ("Section 1. Background and aims of the inspection 3", 11, 164.3)),
     "Police custody in Northshire", "Police custody in Northshire"),
    (cover(("Contents", 18, 88.7, True), ("Introduction 1", 11, 124.3), ("Summary 2", 11, 144.3)), None, None),
    # near-miss: a cover with only a logo line and a date
    (cover(("Northshire", 36, 60, True), ("March 2024", 14, 700)), None, None),
    (cover(("His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services", 16, 60), ("12 March 2024", 16, 700)),
     "report_final.pdf", None),
    # near-miss: the biggest text is a protective marking
    (cover(("OFFICIAL", 36, 30, True), ("An inspection of vetting, misconduct,", 26, 200, True),
           ("and misogyny in the police service", 26, 232, True), ("OFFICIAL", 36, 800, True)), None,
     "An inspection of vetting, misconduct, and misogyny in the police service"),
    (cover(("OFFICIAL - SENSITIVE", 30, 30, True), ("Joint thematic inspection", 24, 200, True),
           ("of digital forensics", 24, 230, True)), None, "Joint thematic inspection of digital forensics"),
    # near-miss: nothing in display type (a letter): the PDF's Title field, unless it is a file name
    (cover(("Dear Chief Constable,", 11, 100), ("Thank you for your letter of 3 May.", 11, 120)),
     "Letter to chief constables", "Letter to chief constables"),
    (cover(("Dear Chief Constable,", 11, 100)), "Microsoft Word - letter v2.docx", None),
]


@pytest.mark.parametrize("pages, metadata_title, expected", TITLES)
def test_title_from_the_cover_layout(pages, metadata_title, expected):
    assert read_metadata(pages, metadata_title, RULES).title == expected


def test_two_modules_of_one_inquiry_get_different_titles():
    first, second = (read_metadata(pages, None, RULES).title for pages in (COVID_MODULE_1, COVID_MODULE_2))
    assert first != second and "Module 1" in first and "Modules 2" in second


@pytest.mark.parametrize(
    "metadata_title, expected",
    [("Police response to the 2024 summer disorder", "Police response to the 2024 summer disorder"),
     ("  Police response\nto the disorder ", "Police response to the disorder"),
     ("Microsoft Word - report final v2.docx", None), ("Untitled", None), ("report.pdf", None),
     ("Template", None), ("Microsoft PowerPoint - slides", None), (None, None), ("", None)],
)
def test_title_falls_back_to_the_pdf_title_only_when_the_cover_has_no_text(metadata_title, expected):
    pages = [laid_out(1, []), laid_out(2, [line("12", 800)]), laid_out(3, [line("Body text", 100)])]
    assert read_metadata(pages, metadata_title, RULES).title == expected
