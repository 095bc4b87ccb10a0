"""Structure before wording: where items start and end from the layout a page kept (headings,
bullets, margin labels, boxes, tables, typeface), each rule with near-misses that must not change.

Pages are built line by line with the style ingest stores for each line (pipeline.models.LineStyle),
so these run without PDFs: `styled()` takes "text" (body), ("text", {style}) or "" (a gap).
"""
from __future__ import annotations

import pytest

from pipeline.extract import ReportInput
from pipeline.models import LineStyle, CleanPage

H2 = {"bold": True, "size": 1.3}  # a section heading
H3 = {"bold": True}  # an item's own heading, a subheading


def styled(*lines, number: int = 1) -> CleanPage:
    texts: list[str] = []
    styles: list[LineStyle] = []
    for entry in lines:
        text, style = (entry, {}) if isinstance(entry, str) else entry
        texts.append(text)
        if text.strip():
            styles.append(LineStyle(**style))
    return CleanPage(number, "\n".join(texts) + "\n", layout=tuple(styles))


def extract(extractor, *pages, family="hmicfrs_thematic", title=None, published="2024-03-08"):
    items, check = extractor.extract(ReportInput("r1", published, family, tuple(pages), title=title))
    return items


def texts(items) -> list[tuple[str, str | None, str]]:
    return [(i.kind, i.number, i.text) for i in items]


NARRATIVE = "We visited six forces and spoke to more than 300 officers about how they work."
AFI_1 = "The force should answer emergency calls more quickly."
AFI_2 = "The force needs to improve how it supervises investigations."


def test_paragraphs_under_a_heading_that_names_their_kind_are_items_whatever_their_verb(extractor):
    page = styled(("Areas for improvement", H2), "", "We identified three areas for improvement.", "",
                  AFI_1, "", AFI_2, "", "The force could do more to support victims of stalking.", "",
                  "Improve how the force records crime.", "", ("Main findings", H2), NARRATIVE)
    assert texts(extract(extractor, page, family="hmicfrs_peel")) == [
        ("area_for_improvement", None, AFI_1), ("area_for_improvement", None, AFI_2),
        ("area_for_improvement", None, "The force could do more to support victims of stalking."),
        ("area_for_improvement", None, "Improve how the force records crime."),
    ]


def test_narrative_under_a_list_heading_that_asks_nothing_is_not_an_item(extractor):
    page = styled(("Areas for improvement", H2), "", AFI_1, "", NARRATIVE, "")
    assert texts(extract(extractor, page, family="hmicfrs_peel")) == [("area_for_improvement", None, AFI_1)]


@pytest.mark.parametrize("marker", ["•", "–", "-", "▪", "○"])
def test_bulleted_items_under_a_kind_heading(extractor, marker):
    page = styled(("Areas for improvement", H2), f"{marker} {AFI_1}", f"{marker} {AFI_2}",
                  "", ("Main findings", H2), NARRATIVE)
    # a letter reads as no particular family: the heading alone makes the paragraphs items
    assert texts(extract(extractor, page, family="hmicfrs_thematic")) == [
        ("area_for_improvement", None, AFI_1), ("area_for_improvement", None, AFI_2)]


@pytest.mark.parametrize("first, second, numbers", [
    ("1. make sure", "2. review", ["1", "2"]),
    ("1) make sure", "2) review", ["1", "2"]),
    ("(a) make sure", "(b) review", ["a", "b"]),
    ("a. make sure", "b. review", ["a", "b"]),
    ("i. make sure", "ii. review", ["i", "ii"]),
    ("i.Make sure", "ii.Review", ["i", "ii"]),  # the text layer glues the numeral to its word
])
def test_numbered_bullets_under_a_lead_in_each_carry_it(extractor, first, second, numbers):
    page = styled(("Recommendations", H2), "Within three months, the force should:",
                  f"{first} that calls are answered on time;", f"{second} its call handling policy.")
    items = extract(extractor, page, family="hmicfrs_peel")
    assert [i.number for i in items] == numbers
    assert all(i.text.startswith("Within three months, the force should: ") for i in items)
    assert [(i.deadline.kind, i.deadline.date) for i in items] == [("relative", "2024-06-08")] * 2


def test_margin_labels_number_paragraphs_not_items(extractor):
    page = styled(("Cause of concern 2", H3), "S12 Detainees were held for too long before being taken to court.",
                  ("Recommendation 2", H3), "S13 The force should make sure that detainees are taken to court promptly.",
                  ("Area for improvement", H3), "2.16 The force should record the reasons for each detention.",
                  "2.17 Custody staff were polite and explained what was happening.")
    items = extract(extractor, page, family="hmicfrs_custody")
    assert texts(items) == [
        ("cause_of_concern", "2", "Detainees were held for too long before being taken to court."),
        ("recommendation", "2", "The force should make sure that detainees are taken to court promptly."),
        ("area_for_improvement", None, "The force should record the reasons for each detention."),
    ]
    assert items[1].parent == items[0].id


def test_closing_list_with_cross_references_repeats_items_once(extractor):
    body = styled(("Area for improvement", H3), "2.16 The force should record the reasons for each detention.")
    closing = styled(("Areas for improvement", H2), "6.1 The force should record the reasons for each detention. (2.16)",
                     number=2)
    assert [(i.text, i.page) for i in extract(extractor, body, closing, family="hmicfrs_custody")] == [
        ("The force should record the reasons for each detention.", 1)]


def test_an_item_ends_at_a_paragraph_break_the_layout_shows(extractor):
    # no blank line: the item's last line stops short and the narrative starts a new sentence
    page = styled(("Recommendation 1", H3), ("Chief constables should review how referrals are", {"fill": 1.0}),
                  ("allocated by 31 March 2025.", {"fill": 0.3}), ("Its chief officers understand the problem.", {"fill": 0.6}))
    items = extract(extractor, page)
    assert texts(items) == [("recommendation", "1", "Chief constables should review how referrals are allocated by 31 March 2025.")]


def test_bold_paragraph_is_text_not_a_heading(extractor):
    page = styled(("Findings and recommendations", H2),
                  ("Chief constables should make sure that every domestic abuse protection order is", {"bold": True}),
                  ("monitored and that breaches are acted on promptly.", {"bold": True, "fill": 0.7}),
                  ("Forces have made progress since our last inspection, but it has been too slow.", {"fill": 0.9}),
                  "", ("The College of Policing should update its guidance on stalking.", {"bold": True, "fill": 0.8}))
    items = extract(extractor, page)
    assert [(i.kind, i.addressees[0].id) for i in items] == [
        ("recommendation", "chief_constables"), ("recommendation", "college_of_policing")]


@pytest.mark.parametrize("family, kinds", [
    ("hmicfrs_thematic", ["recommendation", "recommendation"]),  # a finding is no item here
    ("committee", ["recommendation", "conclusion", "recommendation"]),  # committees list both
])
def test_only_the_typeface_tells_conclusions_from_recommendations(extractor, family, kinds):
    emphasised = {"italic": True}
    page = styled(("Conclusions and recommendations", H2),
                  ("The Home Office should publish the data every quarter.", emphasised), "",
                  "Forces have not always recorded these crimes consistently, and the data is poor.", "",
                  ("Chief constables should review how they record these crimes.", emphasised))
    assert [i.kind for i in extract(extractor, page, family=family)] == kinds


def test_a_box_that_asks_a_known_body_to_act_is_an_item(extractor):
    cover = styled(("Kestrelmoor Police", {"bold": True, "size": 2.5}), "PEEL assessment 2023")
    page = styled(NARRATIVE, ("Kestrelmoor Police should make sure that crime outcomes are", {"box": 0}),
                  ("recorded accurately.", {"box": 0, "fill": 0.3}), NARRATIVE,
                  ("Case study: the new team should have met more often, staff told us.", {"box": 1}), number=2)
    items = extract(extractor, cover, page, family="hmicfrs_peel", title="Kestrelmoor Police: PEEL assessment 2023")
    assert [(i.kind, [a.id for a in i.addressees], i.text) for i in items] == [
        ("area_for_improvement", ["force"], "Kestrelmoor Police should make sure that crime outcomes are recorded accurately.")]


def test_a_box_split_by_a_page_break_is_one_item(extractor):
    first = styled(NARRATIVE, ("Recommendation 1", {"bold": True, "box": 0}),
                   ("Chief constables should make sure that every referral is assessed", {"box": 0}))
    second = styled(("within a day of its receipt.", {"box": 0, "fill": 0.4}), "", NARRATIVE, number=2)
    item = extract(extractor, first, second)[0]
    assert item.text == "Chief constables should make sure that every referral is assessed within a day of its receipt."
    assert (item.page, item.page_end) == (1, 2)


def cell(table: int, row: int, column: int, **style) -> dict:
    return {"cell": (table, row, column), **style}


def test_a_table_with_item_deadline_and_owner_columns_makes_an_item_of_each_row(extractor):
    page = styled(("Our recommendations", H2),
                  ("Recommendation", cell(0, 0, 0, bold=True)), ("Deadline", cell(0, 0, 1, bold=True)),
                  ("Owner", cell(0, 0, 2, bold=True)),
                  ("Review how referrals about online child abuse", cell(0, 1, 0)), ("are allocated.", cell(0, 1, 0)),
                  ("By 31 March", cell(0, 1, 1)), ("2026", cell(0, 1, 1)), ("NPCC lead for", cell(0, 1, 2)),
                  ("child protection", cell(0, 1, 2)),
                  ("Publish the national threat priorities.", cell(0, 2, 0)), ("Within 6 months", cell(0, 2, 1)),
                  ("Set up a single process for vetting appeals.", cell(0, 3, 0)), ("–", cell(0, 3, 1)),
                  ("Chief constables and police and", cell(0, 3, 2)), ("crime commissioners", cell(0, 3, 2)))
    items = extract(extractor, page)
    assert [(i.text, [a.id for a in i.addressees], i.deadline.kind, i.deadline.date) for i in items] == [
        ("Review how referrals about online child abuse are allocated.", ["npcc"], "date", "2026-03-31"),
        # an owner printed once for the rows below it owns them too
        ("Publish the national threat priorities.", ["npcc"], "relative", "2024-09-08"),
        ("Set up a single process for vetting appeals.", ["chief_constables", "police_and_crime_commissioners"], "none",
         None),
    ]


def test_a_column_counting_its_rows_numbers_the_items_whatever_its_header(extractor):
    """"AFI | Area for improvement" over "1 | The NCA should ...": the column that counts is the
    numbering; a column of figures that does not count (a year, a score) is not."""
    page = styled(("Areas for improvement", H2),
                  ("AFI", cell(0, 0, 0, bold=True)), ("Area for improvement", cell(0, 0, 1, bold=True)),
                  ("Year", cell(0, 0, 2, bold=True)),
                  ("1", cell(0, 1, 0)), ("The NCA should evaluate the outcomes of its operations.", cell(0, 1, 1)),
                  ("2023", cell(0, 1, 2)),
                  ("2", cell(0, 2, 0)), ("The NCA should reduce the time it takes to answer forces.", cell(0, 2, 1)),
                  ("2021", cell(0, 2, 2)))
    assert texts(extract(extractor, page)) == [
        ("area_for_improvement", "1", "The NCA should evaluate the outcomes of its operations."),
        ("area_for_improvement", "2", "The NCA should reduce the time it takes to answer forces."),
    ]


def test_numbers_in_a_column_of_their_own_under_a_boxed_header_are_the_list(extractor):
    """A header printed as a box of its own ("Recommendation") over a table of "1 | text" rows:
    the header is no item, and the numbers still number the list."""
    page = styled(("Recommendations", H2), "", "We have made two recommendations.", "",
                  ("Recommendation", {"bold": True, "box": 2}),
                  ("1", cell(0, 0, 0, bold=True)), ("Chief constables should submit remand files on time.", cell(0, 0, 1)),
                  ("2", cell(0, 1, 0, bold=True)), ("The Home Office should publish a plan to cut delays.", cell(0, 1, 1)),
                  "", NARRATIVE)
    assert texts(extract(extractor, page)) == [
        ("recommendation", "1", "Chief constables should submit remand files on time."),
        ("recommendation", "2", "The Home Office should publish a plan to cut delays."),
    ]


def test_a_table_whose_header_names_no_item_column_makes_no_items(extractor):
    page = styled(("Recommendation from our 2022 report", cell(0, 0, 0, bold=True)),
                  ("Progress", cell(0, 0, 1, bold=True)),
                  ("The force should record crime within 24 hours.", cell(0, 1, 0)), ("Met", cell(0, 1, 1)))
    assert extract(extractor, page, family="hmicfrs_peel") == []


def test_a_heading_that_addresses_its_list_gives_each_item_its_addressee(extractor):
    page = styled(("Recommendations for chief constables", H2),
                  "1. By 30 September 2025, put in place psychological screening for every officer in a high-risk role.",
                  "2. Make sure that supervisors are trained to recognise the signs of trauma.",
                  ("Recommendation for the Home Office", H2),
                  "3. By April 2025, consider whether the Police Covenant should include trauma support.")
    items = extract(extractor, page)
    assert [([a.id for a in i.addressees], i.deadline.kind, i.deadline.date) for i in items] == [
        (["chief_constables"], "date", "2025-09-30"), (["chief_constables"], "none", None),
        (["home_office"], "month", "2025-04-30")]


@pytest.mark.parametrize("heading, kind, expected", [
    ("Cause of concern and recommendations", "cause_of_concern", "Detainees were not always kept safe."),
    ("New cause of concern", "cause_of_concern", "Detainees were not always kept safe."),
    ("Accelerated cause of concern", "cause_of_concern", "Detainees were not always kept safe."),
])
def test_cause_of_concern_headings(extractor, heading, kind, expected):
    page = styled((heading, H3), "Detainees were not always kept safe.", "", NARRATIVE)
    assert texts(extract(extractor, page, family="hmicfrs_custody")) == [(kind, None, expected)]


@pytest.mark.parametrize("lines", [
    # lower case: a margin tag or a title's second line, not a heading
    (("recommendation", {"size": 0.8}), "Notwithstanding the changes, we recommend that the CPS publish its protocol."),
    (("Revisit letter: Northshire Fire and Rescue Service – progress against the", H2), ("cause of concern", H2),
     "In our inspection published in 2022, we identified a cause of concern about fire safety."),
    # the report's own title, printed as the heading of a letter
    (("Accelerated cause of concern: Northshire Police’s response to reports of domestic abuse", H2),
     "I am writing to tell you what we found during our inspection of the force."),
    # a contents list under "Recommendations"
    (("Contents", H2), "1.5 Recommendations", "", "2.1 People’s Experiences", "", "2.2 Treloar’s"),
])
def test_near_misses_make_no_items(extractor, lines):
    title = "Accelerated cause of concern: Northshire Police’s response to reports of domestic abuse"
    assert extract(extractor, styled(*lines), title=title) == []


def test_a_numbered_list_ends_at_a_larger_heading_even_when_the_body_numbers_on(extractor):
    page = styled(("Our recommendations", {"bold": True, "size": 1.4}),
                  "1. Chief constables should review their vetting decisions.",
                  "2. The College of Policing should update its guidance.",
                  ("3. Tasking and coordination", {"bold": True, "size": 1.9}),
                  "We reviewed 27 records relating to threat assessment and found most were late.")
    assert [i.number for i in extract(extractor, page)] == ["1", "2"]


def test_titles_listed_at_the_front_number_the_boxed_items_printed_later(extractor):
    front = styled(("Our recommendations", H2), "Recommendation 1 – background checks", "",
                   "Recommendation 2 – social media", "", ("Summary", H2), NARRATIVE)
    later = styled(NARRATIVE, ("By 1 March 2024, chief fire officers should make sure that background checks are", {"box": 0}),
                   ("carried out for all staff.", {"box": 0, "fill": 0.4}), NARRATIVE,
                   ("By 1 June 2024, the National Fire Chiefs Council, working with the Local Government", {"box": 1}),
                   ("Association, should produce guidance on the use of social media.", {"box": 1, "fill": 0.9}),
                   number=2)
    items = extract(extractor, front, later)
    assert [(i.number, [a.id for a in i.addressees]) for i in items] == [
        ("1", ["fire_and_rescue_services"]), ("2", ["national_fire_chiefs_council"])]


def test_a_committee_paper_tracking_other_reports_items_makes_none(extractor):
    page = styled("Recommendation 2: By 31 October 2024, chief constables should make sure that all stalking",
                  "cases are reviewed by a specialist.")
    assert extract(extractor, page, family="committee_paper") == []


def test_a_bold_lead_in_heads_its_own_bullets(extractor):
    """Lead-ins printed in bold are no headings ending the list; each governs only its bullets."""
    lead = {"bold": True}
    page = styled(("Recommendations", H2), ("We recommend that, immediately, the force:", lead),
                  "• reviews all open investigations into child sexual exploitation;", "",
                  ("We recommend that, within three months, the force:", lead),
                  "• improves the information it shares with children’s social care.")
    items = extract(extractor, page, family="hmicfrs_peel")
    assert [(i.text.split(":")[0], [a.id for a in i.addressees], i.deadline.kind) for i in items] == [
        ("We recommend that, immediately, the force", ["force"], "immediate"),
        ("We recommend that, within three months, the force", ["force"], "relative")]


def test_a_bullet_with_its_own_subject_is_no_lead_ins_bullet(extractor):
    page = styled(("Cause of concern", H3), "Use of force was not overseen.", "",
                  "To address this cause of concern, the force should:", "– record every use of force;",
                  ("Areas for improvement", H2), "• The force should record the reasons for each detention.")
    items = extract(extractor, page, family="hmicfrs_custody")
    assert [(i.kind, i.text) for i in items][1:] == [
        ("recommendation", "To address this cause of concern, the force should: record every use of force;"),
        ("area_for_improvement", "The force should record the reasons for each detention.")]


def test_headings_after_a_margin_number_and_a_wrapped_list_heading(extractor):
    page = styled("S8 Cause of concern: The force did not have enough detention officers.",
                  ("Recommendations for chief", H2), ("constables", H2),
                  ("1.", cell(0, 0, 0)), ("Put in place psychological screening by 30 September 2025.", cell(0, 0, 1)),
                  ("2.", cell(0, 1, 0)), ("Make sure that supervisors are trained.", cell(0, 1, 1)))
    items = extract(extractor, page, family="hmicfrs_custody")
    assert [(i.kind, i.number, [a.id for a in i.addressees]) for i in items] == [
        ("cause_of_concern", None, []), ("recommendation", "1", ["chief_constables"]),
        ("recommendation", "2", ["chief_constables"])]
    assert items[0].text == "The force did not have enough detention officers."


def test_items_restated_from_an_earlier_report_are_no_items(extractor):
    page = styled("The cause of concern we gave in 2022 was:", ("Cause of concern (2022)", H3),
                  "The service isn’t doing enough to inspect high-risk premises.", ("Recommendations (2022)", H3),
                  "By 31 December 2022, the service should:", "• review its risk-based inspection programme.")
    assert extract(extractor, page, family="hmicfrs_fire") == []


def test_one_item_printed_numbered_in_a_list_and_unnumbered_in_a_box(extractor):
    summary = styled(("1", cell(0, 0, 0)), ("Chief constables should agree an evidence standard.", cell(0, 0, 1)),
                     ("2", cell(0, 1, 0)), ("The CPS should record its reasons.", cell(0, 1, 1)), "", NARRATIVE)
    chapter = styled(NARRATIVE, ("Chief constables should agree an evidence standard.", {"box": 0, "fill": 0.6}),
                     NARRATIVE, number=2)
    items = extract(extractor, summary, chapter)
    assert [(i.number, i.page) for i in items] == [("1", 1), ("2", 1)]


def test_a_list_numbered_without_stops_from_one_is_the_list(extractor):
    """"1 The service should ..." under "Areas for improvement"; a paragraph that opens with another
    figure ("14 forces ...") or a date ("1 April 2024 ...") starts no list."""
    page = styled(("Areas for improvement", H2), "", "1 The service should make sure it audits high-risk premises.", "",
                  "2 The service should improve the diversity of its workforce.", "", ("Main findings", H2), NARRATIVE)
    assert texts(extract(extractor, page, family="hmicfrs_fire")) == [
        ("area_for_improvement", "1", "The service should make sure it audits high-risk premises."),
        ("area_for_improvement", "2", "The service should improve the diversity of its workforce."),
    ]
    near_misses = styled(("Recommendations", H2), "", "14 Forces should share what they learn with each other.", "",
                         "1 April 2024 Forces should publish their plans.", "")
    assert [i.number for i in extract(extractor, near_misses)] == [None, None]


def test_a_label_in_the_margin_beside_its_text_heads_the_item(extractor):
    """"Recommendation 1" set in the margin, its text beside it and its next lines indented under
    the text; a sentence that mentions a recommendation in passing heads nothing."""
    page = styled(("Recommendations", H2), "",
                  ("Recommendation 1 Within six months, the NPCC lead for economic crime should develop", {}),
                  ("a national standard for responding to fraud.", {"indent": 101.0}), "",
                  ("Recommendation 2 City of London Police should tell victims what will", {}),
                  ("happen next.", {"indent": 101.0}), "",
                  ("Main findings", H2), "Recommendation 2 of our earlier report was met in full by most forces.")
    items = extract(extractor, page)
    assert [(i.number, i.label, [a.id for a in i.addressees], i.deadline.kind) for i in items] == [
        ("1", "Recommendation 1", ["npcc"], "relative"), ("2", "Recommendation 2", ["city_of_london_police"], "none")]
    assert items[0].text.startswith("Within six months, the NPCC lead")


def test_new_areas_for_improvement_in_a_revisit_letter_are_items(extractor):
    page = styled("Dear Chief Constable,", "", ("Our recommendations were:", H3),
                  ("“Within six months, the force should make sure that all crimes are recorded.”", {"italic": True}),
                  "", ("New areas for improvement", H3), "During the revisit we found two new areas for improvement:", "",
                  AFI_1, "", AFI_2, "", NARRATIVE, "", "Yours sincerely,")
    # a letter reads as no particular family: the heading alone makes the paragraphs items
    assert texts(extract(extractor, page, family="hmicfrs_thematic")) == [
        ("area_for_improvement", None, AFI_1), ("area_for_improvement", None, AFI_2)]


def test_a_letters_subject_line_naming_a_cause_of_concern_is_not_the_cause(extractor):
    concern = "The force isn’t consistently responding to the risks faced by children who go missing."
    page = styled("Dear Chief Constable,", "",
                  ("Accelerated cause of concern: the police response to missing children", H3),
                  "I am writing to tell you that we have identified a cause of concern during our inspection.", "",
                  NARRATIVE, "", ("Cause of concern", H3), concern, "")
    assert texts(extract(extractor, page, family="hmicfrs_peel")) == [("cause_of_concern", None, concern)]


def test_a_bold_run_in_label_heads_the_item_it_opens(extractor):
    """"Recommendation 1" in bold, run in to the plain text of its item ("Recommendation 1 By 31
    March 2025, chief constables ..."), its next lines at the left edge; the same words in plain
    type inside a paragraph head nothing."""
    first = "Recommendation 1 By 31 March 2025, chief constables should make sure that officers"
    second = "Recommendation 2 The Home Office should consult on the powers of police community"
    page = styled(("Recommendations", H2), "", (first, {"lead": 16}), "spend most of their time in their communities.", "",
                  (second, {"lead": 16}), "support officers.", "", ("Main findings", H2),
                  "In 2019 we said that forces should do better. Recommendation 2 The Home Office should",
                  "consult on the powers of officers, which it did.")
    items = extract(extractor, page)
    assert [(i.number, i.label, i.text[:26], i.deadline.date) for i in items] == [
        ("1", "Recommendation 1", "By 31 March 2025, chief co", "2025-03-31"),
        ("2", "Recommendation 2", "The Home Office should con", None)]


def test_layout_records_keep_a_run_in_and_read_old_records_as_none():
    from pipeline.models import layout_from_rows, layout_rows

    style = LineStyle(indent=0.0, fill=0.9, size=1.0, bold=False, italic=True, lead=16)
    assert layout_from_rows(layout_rows((style,))) == (style,)
    assert layout_from_rows([[0.0, 1.0, 1.0, 3, None, 0]])[0].lead == 0  # stored before run-ins


def test_a_number_badge_under_an_unnumbered_item_heading_numbers_it(extractor):
    """"Area for improvement" then "1" alone in heading type (a badge) or opening the text's first
    line ("2 The force ..."); a figure that starts a sentence ("12 of the ...") is the text's."""
    page = styled(NARRATIVE, "", ("Area for improvement", H3), ("1", {"bold": True, "size": 0.8}),
                  ("The force should improve the time it takes to answer emergency calls.", {"indent": 23.6}), "",
                  NARRATIVE, "", ("Area for improvement", H3), ("2 The force needs to record stop and search better.", {"indent": 5.4}), "",
                  NARRATIVE, "", ("Area for improvement", H3), "12 of the force’s 15 teams should record stop and search better.")
    items = extract(extractor, page, family="hmicfrs_peel")
    assert [(i.number, i.label, i.text) for i in items] == [
        ("1", "Area for improvement 1", "The force should improve the time it takes to answer emergency calls."),
        ("2", "Area for improvement 2", "The force needs to record stop and search better."),
        (None, "Area for improvement", "12 of the force’s 15 teams should record stop and search better.")]


@pytest.mark.parametrize("family", ["hmicfrs_thematic", "other"])
def test_a_numbered_item_goes_on_into_a_paragraph_that_asks_more_and_stops_at_narrative(extractor, family):
    """"Recommendation 2" over two paragraphs that both ask; the paragraph after them, set as the
    report's narrative (first-line indent, asks nothing), is not the item's, whatever the family."""
    page = styled(("Recommendation 2", H3), "Providers should make data collection simpler.", "",
                  "The digital platforms must allow submissions into national data sets.", "",
                  ("Across the 24 files we examined, we saw how the custody suite shared information.", {"indent": 18.0}),
                  "Most staff knew of it.")
    assert [i.text for i in extract(extractor, page, family=family)] == [
        "Providers should make data collection simpler. The digital platforms must allow submissions into national "
        "data sets."]


def test_a_numbered_chapter_heading_after_a_bulleted_list_ends_it(extractor):
    page = styled(("Areas for improvement", H2), "• Forces should redact personal information from case files.", "",
                  ("1. Introduction", H2), NARRATIVE, "", "2. Scope", NARRATIVE)
    assert texts(extract(extractor, page)) == [
        ("area_for_improvement", None, "Forces should redact personal information from case files.")]


def test_a_table_whose_lead_column_names_the_owner_gives_each_row_its_addressee(extractor):
    page = styled(("Recommendations", H2),
                  ("Recommendation for", cell(0, 0, 0, bold=True)), ("No.", cell(0, 0, 1, bold=True)),
                  ("Recommendation", cell(0, 0, 2, bold=True)), ("By", cell(0, 0, 3, bold=True)),
                  ("Chief constables", cell(0, 1, 0)), ("1", cell(0, 1, 1)),
                  ("Make sure that every case file includes a disclosure schedule.", cell(0, 1, 2)),
                  ("31 March 2025", cell(0, 1, 3)),
                  ("Crown Prosecution Service", cell(0, 2, 0)), ("2", cell(0, 2, 1)),
                  ("Review the quality of charging advice.", cell(0, 2, 2)), ("December 2024", cell(0, 2, 3)))
    items = extract(extractor, page)
    assert [(i.number, [a.id for a in i.addressees], i.deadline.kind, i.deadline.date) for i in items] == [
        ("1", ["chief_constables"], "date", "2025-03-31"), ("2", ["cps"], "month", "2024-12-31")]


@pytest.mark.parametrize("cell_text, kind, date", [
    ("31 March 2025", "date", "2025-03-31"), ("December 2024", "month", "2024-12-31"),
    ("End of 2024", "year_end", "2024-12-31"), ("By the end of 2025/26", "financial_year", "2026-03-31"),
    ("Within 12 months", "relative", "2025-03-08"), ("–", "none", None),
    # near-miss: a cell that says more than a date is no deadline column's date
    ("End of 2024 review by the board", "none", None),
])
def test_a_deadline_column_cell(extractor, cell_text, kind, date):
    page = styled(("Recommendations", H2),
                  ("No.", cell(0, 0, 0, bold=True)), ("Recommendation", cell(0, 0, 1, bold=True)), ("By", cell(0, 0, 2, bold=True)),
                  ("1", cell(0, 1, 0)), ("Chief constables should review custody records.", cell(0, 1, 1)),
                  (cell_text, cell(0, 1, 2)))
    (item,) = extract(extractor, page)
    assert (item.deadline.kind, item.deadline.date) == (kind, date)


def test_a_list_heading_over_smaller_headings_of_its_kind_is_not_an_empty_section(extractor):
    page = styled(("Recommendations", H2), "We make three recommendations, each for the body named.", "",
                  ("Recommendations for chief constables", H3), "1. Review custody records every month.", "",
                  "2. Publish the results of each review.", "", ("Recommendations for the Home Office", H3),
                  "3. Fund a national custody database.", "", ("Main findings", H2), NARRATIVE)
    items, check = extractor.extract(ReportInput("r1", "2024-03-08", "hmicfrs_thematic", (page,)))
    assert [[a.id for a in i.addressees] for i in items] == [["chief_constables"], ["chief_constables"], ["home_office"]]
    assert check.problems == ()
