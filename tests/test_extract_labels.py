"""Labels, lead-ins, lists and tables as held-out set 5 printed them: each structural rule with the
near-misses that must stay as they were. Pages are built with `styled()` (see test_extract_structure)."""
from __future__ import annotations

import pytest

from test_extract_structure import H2, H3, NARRATIVE, cell, extract, styled, texts


def test_a_kind_label_before_the_text_numbers_the_item(extractor):
    """"R1 By 31 March ..." under "Recommendations": R1 is recommendation 1; a list that does not
    open at 1 ("R7 ...") is no list of labels, and "A&E" or "M6" in the text is not a label."""
    page = styled(("Recommendations", H2), "R1 By 31 March 2025, chief constables should agree a joint plan.", "",
                  "R2 The College of Policing should revise its training.", "", ("Findings", H2), NARRATIVE)
    assert [(i.number, i.label, i.text[:24], i.deadline.date) for i in extract(extractor, page)] == [
        ("1", "R1", "By 31 March 2025, chief ", "2025-03-31"), ("2", "R2", "The College of Policing ", None)]
    near_miss = styled(("Recommendations", H2), "R7 The College of Policing should revise its training.", "")
    assert [(i.number, i.text[:3]) for i in extract(extractor, near_miss)] == [(None, "R7 ")]


@pytest.mark.parametrize("label", ["AFI 2", "AFI2", "Rec 2"])
def test_an_abbreviated_kind_heading_heads_an_item(extractor, label):
    page = styled(NARRATIVE, "", (label, H3), "The force should improve how it records crime.", "", NARRATIVE)
    kind = "recommendation" if label.startswith("Rec") else "area_for_improvement"
    assert texts(extract(extractor, page, family="hmicfrs_peel")) == [
        (kind, "2", "The force should improve how it records crime.")]


def test_a_numbered_lead_in_to_lettered_actions_makes_an_item_of_each(extractor):
    """"5. By 31 March 2027, the Home Office should:" over "(a) ...", "(b) ...": items 5a and 5b,
    each with the lead-in's addressee and deadline; where the lead-in goes on past the modal
    ("should make sure that:") the letters are conditions of one item."""
    page = styled(("Recommendations", H2), "5. By 31 March 2027, the Home Office should:", "",
                  ("(a) fund a national programme for forensic capacity;", {"indent": 34.0}), "",
                  ("(b) review the funding of the regulator.", {"indent": 34.0}), "",
                  "6. The College of Policing should review its guidance and make sure that:", "",
                  ("(a) it covers kiosks; and", {"indent": 34.0}), "", ("(b) it is published.", {"indent": 34.0}), "",
                  ("Findings", H2), NARRATIVE)
    items = extract(extractor, page)
    assert [(i.number, [a.id for a in i.addressees], i.deadline.date, i.text) for i in items] == [
        ("5a", ["home_office"], "2027-03-31",
         "By 31 March 2027, the Home Office should: fund a national programme for forensic capacity;"),
        ("5b", ["home_office"], "2027-03-31", "By 31 March 2027, the Home Office should: review the funding of the regulator."),
        ("6", ["college_of_policing"], None, "The College of Policing should review its guidance and make sure that: "
                                             "(a) it covers kiosks; and (b) it is published."),
    ]


def test_a_list_under_subheadings_after_an_introduction(extractor):
    """"Areas for improvement by pillar", a sentence saying they are listed below, then a bulleted
    list under each pillar's subheading: every bullet is an item, the introduction is not."""
    page = styled(("Areas for improvement by pillar", H2),
                  "The areas for improvement we identified are listed below under the pillar to which each relates.",
                  "", ("Responding to the public", H3), "• The force should answer calls within national standards.",
                  "", ("Investigating crime", H3), "• The force should keep victims informed.", "",
                  ("About this inspection", H2), NARRATIVE)
    assert texts(extract(extractor, page, family="hmicfrs_peel")) == [
        ("area_for_improvement", None, "The force should answer calls within national standards."),
        ("area_for_improvement", None, "The force should keep victims informed.")]


def test_a_list_in_a_box_ends_with_the_box(extractor):
    """"Areas for improvement" in a box: a paragraph after the box that says "should" is narrative
    (in a report that marks its areas for improvement, not an item)."""
    page = styled(NARRATIVE, ("Areas for improvement", {"bold": True, "box": 0}),
                  ("The force should answer calls within national standards.", {"box": 0}), "",
                  NARRATIVE, "", "Callers told us they knew who they should contact if things changed.")
    assert texts(extract(extractor, page, family="hmicfrs_peel")) == [
        ("area_for_improvement", None, "The force should answer calls within national standards.")]


def test_a_numbered_item_ends_at_a_short_last_line_at_the_page_foot(extractor):
    """A page break hides the gap after "2. Forces should ... devices." (its last line short);
    the next page's first line, full width, is narrative. A line that goes on mid-sentence does not end it."""
    first = styled(("Areas for improvement", H2), "1. Forces should tell victims how long it will take.", "",
                   ("2. Forces should record why they seize devices.", {"fill": 0.6}))
    second = styled("Staff in specialist teams reported that data was not always shared.", number=2)
    assert [i.text for i in extract(extractor, first, second)] == [
        "Forces should tell victims how long it will take.", "Forces should record why they seize devices."]
    running_on = styled(("Areas for improvement", H2), ("1. Forces should tell victims how long it", {"fill": 1.0}))
    rest = styled("will take to return their phones.", number=2)
    assert [i.text for i in extract(extractor, running_on, rest)] == [
        "Forces should tell victims how long it will take to return their phones."]


def test_a_table_with_a_type_column_gives_each_row_its_kind(extractor):
    """"Type | No. | Finding": each row's kind is the one its type cell names; a "Finding" column
    without a type column is a table of findings, no items."""
    page = styled(("Type", cell(0, 0, 0, bold=True)), ("No.", cell(0, 0, 1, bold=True)),
                  ("Finding", cell(0, 0, 2, bold=True)),
                  ("Cause of concern", cell(0, 1, 0)), ("–", cell(0, 1, 1)),
                  ("The service isn’t doing enough to target people at risk.", cell(0, 1, 2)),
                  ("Recommendation", cell(0, 2, 0)), ("1", cell(0, 2, 1)),
                  ("The service should prioritise home fire safety visits.", cell(0, 2, 2)),
                  ("Area for improvement", cell(0, 3, 0)), ("3", cell(0, 3, 1)),
                  ("The service should assure itself that its control staff are trained.", cell(0, 3, 2)))
    assert texts(extract(extractor, page, family="hmicfrs_fire")) == [
        ("cause_of_concern", None, "The service isn’t doing enough to target people at risk."),
        ("recommendation", "1", "The service should prioritise home fire safety visits."),
        ("area_for_improvement", "3", "The service should assure itself that its control staff are trained.")]
    findings = styled(("Area", cell(0, 0, 0, bold=True)), ("Finding", cell(0, 0, 1, bold=True)),
                      ("Prevention", cell(0, 1, 0)), ("Most staff had been trained in the new system.", cell(0, 1, 1)))
    assert extract(extractor, findings, family="hmicfrs_fire") == []


def test_a_labelled_number_column_and_a_to_column(extractor):
    """"Rec 1" in a number column numbers the row; "To" names who each row (and the rows under a
    merged cell) is addressed to."""
    page = styled(("Our recommendations", H2), ("To", cell(0, 0, 0, bold=True)), ("Rec", cell(0, 0, 1, bold=True)),
                  ("Recommendation", cell(0, 0, 2, bold=True)),
                  ("Chief constables", cell(0, 1, 0)), ("Rec 1", cell(0, 1, 1)),
                  ("Make sure that officers consider protective measures.", cell(0, 1, 2)),
                  ("Rec 2", cell(0, 2, 1)), ("Record breaches of bail conditions as crimes.", cell(0, 2, 2)),
                  ("College of Policing", cell(0, 3, 0)), ("Rec 3", cell(0, 3, 1)),
                  ("Update the guidance on protection orders.", cell(0, 3, 2)))
    assert [(i.number, [a.id for a in i.addressees]) for i in extract(extractor, page)] == [
        ("1", ["chief_constables"]), ("2", ["chief_constables"]), ("3", ["college_of_policing"])]


def test_an_acronym_the_report_defines_for_its_own_force_is_the_force(extractor):
    """"The Ministry of Defence Police (MDP) is ..." in a report on the MDP: "the MDP should" is
    the force; an acronym of another body stays that body."""
    page = styled("The Ministry of Defence Police (MDP) is a national civilian police force.", "",
                  ("Recommendation 1", H3), "The MDP should develop a workforce plan.", "",
                  ("Recommendation 2", H3), "The Crown Prosecution Service (CPS) should agree a plan with it.", "",
                  ("Recommendation 3", H3), "The CPS should publish the plan.")
    items = extract(extractor, page, title="Ministry of Defence Police: An inspection of effectiveness")
    assert [[a.id for a in i.addressees] for i in items] == [["force"], ["cps"], ["cps"]]
