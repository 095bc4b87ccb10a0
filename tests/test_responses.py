"""Responses linked to the items they answer, and their stances (issue 14, part 5): pure linking
on synthetic pages, tables of text -> stance with near-misses, and the store and export edges."""
from __future__ import annotations

import pytest

from pipeline.models import CleanPage
from pipeline.extract.responses import (
    ItemRef, ReportRef, ResponseDocument, canonical_number, is_response_document, link_responses,
)
from pipeline.extract.stance import classify, stance_rules
from pipeline.rules import load_rules

RULES = load_rules()
STANCES = stance_rules(RULES)


@pytest.mark.parametrize("text, stance", [
    ("The government accepts this recommendation.", "accepted"),
    ("This recommendation is accepted in full.", "accepted"),
    ("The government supports this recommendation and NHS England will take it forward.", "accepted"),
    ("The government agrees that clear governance is needed.", "accepted"),
    ("London Fire Brigade accepts all the recommendations relevant to them.", "accepted"),
    ("The government accepts this recommendation in principle.", "accepted_in_principle"),
    ("The government accepts this recommendation made towards Category 1 responders in principle.", "accepted_in_principle"),
    ("These recommendations are accepted in principle by the UK Government, and in full by the Welsh Government.",
     "accepted_in_principle"),
    ("We accept the intent of the recommendation.", "accepted_in_principle"),
    ("The Department accepts this recommendation in part.", "accepted_in_part"),
    ("The force accepts in part.", "accepted_in_part"),
    ("This recommendation is partially accepted.", "accepted_in_part"),
    ("The government does not accept this recommendation.", "not_accepted"),
    ("This recommendation is not accepted.", "not_accepted"),
    ("The government notes this recommendation.", "noted"),
    ("This recommendation is noted.", "noted"),
    ("The recommendation is under consideration.", "under_consideration"),
    ("The Government and police are now carefully considering the recommendations made by the Inspectorate.",
     "under_consideration"),
    ("This recommendation has already been implemented.", "already_in_place"),
    ("Arrangements are already in place to do this.", "already_in_place"),
    # near-misses: no stance stated
    ("The CPS supported the committee to scrutinise the process.", None),
    ("We do not believe it is appropriate for the regulator to test products.", None),
    ("It is important that we learn the lessons from the disorder.", None),
    ("The government recognises the importance of ensuring that settings are safe.", None),
    ("61% of commitments had already been completed.", None),
    ("", None),
])
def test_stance_of_a_reply(text, stance):
    assert classify(text, STANCES).stance == stance


def test_the_stance_keeps_the_phrase_that_states_it():
    found = classify("It is important. The government accepts this recommendation in principle. Later: we accept.", STANCES)
    assert (found.stance, found.text, found.rule) == (
        "accepted_in_principle", "The government accepts this recommendation in principle.", "stance.accepted_in_principle")


def test_a_stance_further_down_the_reply_is_narrative():
    reply = "First. Second sentence here. Third sentence here. The government accepts this recommendation."
    assert classify(reply, STANCES).stance is None


@pytest.mark.parametrize("number, canonical", [
    ("4a) i.", "4ai"), ("4(a)(i)", "4ai"), ("12e", "12e"), ("R3", "r3"), (None, None), ("", None),
])
def test_canonical_numbers(number, canonical):
    assert canonical_number(number) == canonical


@pytest.mark.parametrize("family, answer", [
    ("government_response", True), ("public_inquiry", False), ("committee", False), (None, False),
])
def test_which_reports_are_responses(family, answer):
    assert is_response_document(family, RULES) is answer


ITEMS = (
    "The force should improve how it records crimes of violence against women and girls within six months.",
    "Chief constables should ensure that every custody suite has a trained mental health practitioner available.",
    "The College of Policing should publish national guidance on the use of drones in public order policing.",
)


def report(items=ITEMS, numbers=("1", "2", "3"), title="Inspection of public order policing in Midshire"):
    return ReportRef("rep1", title, tuple(
        ItemRef(f"item{n}", "rep1", "recommendation", n, text) for n, text in zip(numbers, items)))


def document(text: str, title="Government response to the inspection of public order policing in Midshire"):
    pages = tuple(CleanPage(number=k, text=page) for k, page in enumerate(text.split("\f"), start=1))
    return ResponseDocument("resp1", title, pages)


def by_number(result):
    return {link.number: link for link in result.responses}


NUMBERED = """Introduction
The government welcomes the report and responds to each recommendation below.
Recommendation 1
The force should improve how it records crimes of violence against women and girls within six months.
Response:
The government accepts this recommendation. Work has begun with the force to audit its crime records.
\fRecommendation 2
Chief constables should ensure that every custody suite has a trained mental health practitioner available.
Response:
The government accepts this recommendation in principle. Funding will be reviewed in the spending round.
"""


def test_link_by_number_with_evidence():
    result = link_responses(document(NUMBERED), (report(),), RULES)
    assert result.pairing.report_id == "rep1" and result.pairing.method == "title"
    links = by_number(result)
    assert set(links) == {"1", "2"}
    one, two = links["1"], links["2"]
    assert (one.item_id, one.method, one.stance.stance) == ("item1", "number", "accepted")
    assert (two.item_id, two.method, two.stance.stance) == ("item2", "number", "accepted_in_principle")
    assert (one.page, two.page) == (1, 2)
    page_one = NUMBERED.split("\f")[0]
    assert page_one[one.start:].startswith("Recommendation 1") and one.score > 0.9
    assert one.text.startswith("The government accepts") and one.quote.startswith("The force should improve")


def test_items_with_no_response_stay_unanswered():
    result = link_responses(document(NUMBERED), (report(),), RULES)
    assert {link.item_id for link in result.responses} == {"item1", "item2"}  # item3 has none
    assert not result.problems


QUOTED = """Government response
Recommendations
1. Public order capability
Recommendation: Chief constables should ensure that every custody suite has a trained mental
health practitioner available.
Response:
The government notes this recommendation. Custody health care is commissioned locally.
Recommendation: The College of Policing should publish national guidance on the use of drones in
public order policing.
Response:
The College accepts this recommendation and will publish guidance next year.
"""


def test_link_by_quote_when_the_document_numbers_nothing():
    result = link_responses(document(QUOTED), (report(),), RULES)
    got = [(link.number, link.item_id, link.method, link.stance.stance) for link in result.responses]
    assert got == [(None, "item2", "quote", "noted"), (None, "item3", "quote", "accepted")]
    assert [p.code for p in result.problems] == ["response_unnumbered"]


def test_a_number_that_is_not_the_items_gives_way_to_a_clear_quote():
    text = ("Recommendation 1: The College of Policing should publish national guidance on the use of drones in "
            "public order policing.\nResponse: The College accepts this recommendation.\n"
            "Recommendation 2: The force should improve how it records crimes of violence against women and "
            "girls within six months.\nResponse: Accepted. The force does not accept this recommendation.\n")
    links = by_number(link_responses(document(text), (report(),), RULES))
    assert (links["1"].item_id, links["1"].method) == ("item3", "quote")
    assert (links["2"].item_id, links["2"].method) == ("item1", "quote")


def test_link_by_similarity_when_the_item_is_paraphrased():
    text = ("Recommendation 7: recording crimes of violence against women and girls\n"
            "Response: The force accepts this recommendation and has retrained its call handlers in recording.\n"
            "Recommendation 8: something about budgets that no item mentions at all in this report\n"
            "Response: The force notes this recommendation and will report back to the panel next year.\n")
    links = by_number(link_responses(document(text), (report(),), RULES))
    assert (links["7"].item_id, links["7"].method) == ("item1", "similarity")
    assert links["8"].item_id is None and links["8"].number == "8"


def test_two_responses_to_one_item():
    text = ("Recommendation 1\nThe force should improve how it records crimes of violence against women and girls "
            "within six months.\nGovernment response to recommendation 1\nThe government accepts this recommendation "
            "and will fund an audit of crime records.\n"
            "Recommendation 1a\nThe force should improve how it records crimes of violence against women and girls "
            "within six months.\nForce response:\nThe force accepts this recommendation in part; records are audited.\n")
    result = link_responses(document(text), (report(),), RULES)
    got = [(link.number, link.item_id, link.stance.stance) for link in result.responses]
    assert got == [("1", "item1", "accepted"), ("1a", "item1", "accepted_in_part")]


def test_a_sub_numbered_reply_links_to_its_whole_recommendation():
    text = ("4a) i. The force should improve how it records crimes of violence against women and girls.\n"
            "This recommendation is accepted in full.\n"
            "4a) ii. Chief constables should ensure that every custody suite has a trained mental health "
            "practitioner available.\nThis recommendation is accepted in principle by the UK Government.\n")
    items = report(items=(ITEMS[0] + " " + ITEMS[1], ITEMS[2]), numbers=("4", "5"))
    got = [(link.number, link.item_id, link.method, link.stance.stance)
           for link in link_responses(document(text), (items,), RULES).responses]
    assert got == [("4a) i", "item4", "number", "accepted"), ("4a) ii", "item4", "number", "accepted_in_principle")]


def test_a_group_reply_covers_the_items_restated_above_it():
    text = ("5a. The force should improve how it records crimes of violence against women and girls.\n"
            "5b. Chief constables should ensure that every custody suite has a trained mental health practitioner.\n"
            "These recommendations are accepted in principle by the UK Government.\n")
    got = [(link.number, link.stance.stance) for link in link_responses(document(text), (report(),), RULES).responses]
    assert got == [("5a", "accepted_in_principle"), ("5b", "accepted_in_principle")]


def test_a_document_whose_report_is_absent_keeps_its_numbers_unlinked():
    text = NUMBERED
    result = link_responses(document(text, title="Government response to the Grenfell Tower Inquiry"), (), RULES)
    got = [(link.number, link.item_id, link.stance.stance) for link in result.responses]
    assert got == [("1", None, "accepted"), ("2", None, "accepted_in_principle")]
    assert [p.code for p in result.problems] == ["response_no_report"]


def test_a_document_with_no_recognisable_numbering_says_so():
    text = ("Our response\nWe have read the report carefully and thank the inspectorate for its work.\n"
            "We will write again when the panel next meets in the spring.\n")
    result = link_responses(document(text), (report(),), RULES)
    assert result.responses == ()
    assert [p.code for p in result.problems] == ["response_no_passages"]


def test_pairing_by_similarity_when_the_title_names_nothing_known():
    other = ReportRef("rep2", "An unrelated report on fire safety", (
        ItemRef("x1", "rep2", "recommendation", "1", "Fire and rescue services should test hydrants every year."),))
    result = link_responses(document(NUMBERED, title="Letter from the Commissioner"), (other, report()), RULES)
    assert (result.pairing.report_id, result.pairing.method) == ("rep1", "similarity")
    near_miss = link_responses(document(NUMBERED, title="Letter from the Commissioner"), (other,), RULES)
    assert near_miss.pairing.report_id is None


def styled(text: str, indents: list[float]) -> ResponseDocument:
    from pipeline.models import LineStyle

    page = CleanPage(number=1, text=text, layout=tuple(LineStyle(indent=i) for i in indents))
    return ResponseDocument("resp1", "Government response to the inspection of public order policing in Midshire", (page,))


def test_a_restated_item_set_in_from_the_text_ends_where_the_reply_starts():
    """The reply reuses the item's words; the indent, not the words, says where the quote ends."""
    text = ("Recommendation 1: Recording crimes\n"
            "The force should improve how it records crimes of violence against women and girls within six months.\n"
            "The government agrees that how the force records crimes of violence against women and girls matters.\n"
            "The force should improve further.\n")
    result = link_responses(styled(text, [6.0, 6.0, 0.0, 0.0]), (report(),), RULES)
    (link,) = result.responses
    assert link.text.startswith("The government agrees that how the force records")
    assert (link.item_id, link.stance.stance) == ("item1", "accepted")


@pytest.mark.parametrize("between, kept", [
    ("6a) ii. Something restated in quite other words than the report's own.\n", True),
    ("6b) ii. Something restated in quite other words than the report's own.\n", False),  # not a sibling
])
def test_a_part_between_two_restated_siblings_is_a_passage(between, kept):
    text = ("6a) i. The force should improve how it records crimes of violence against women and girls.\n"
            "This recommendation is accepted in full.\n" + between +
            "6a) iii. Chief constables should ensure that every custody suite has a trained mental health "
            "practitioner available.\nThis recommendation is accepted in principle.\n")
    numbers = [link.number for link in link_responses(document(text), (report(),), RULES).responses]
    assert numbers == (["6a) i", between[:6].rstrip(".").strip(), "6a) iii"] if kept else ["6a) i", "6a) iii"])


def test_a_numbered_heading_over_its_own_parts_gives_way_to_them():
    text = ("4) Recording and custody\n"
            "4a. The force should improve how it records crimes of violence against women and girls.\n"
            "This recommendation is accepted in full.\n"
            "4b. Chief constables should ensure that every custody suite has a trained mental health practitioner.\n"
            "This recommendation is accepted in principle.\n")
    numbers = [link.number for link in link_responses(document(text), (report(),), RULES).responses]
    assert numbers == ["4a", "4b"]


def test_a_contents_entry_gives_way_to_the_passage_with_the_same_number():
    text = ("Contents\nRecommendation 1: Recording crimes of violence against women and girls in the\n"
            "force's systems and its audits ............ 3\nRecommendation 2: Custody ............ 5\n\f"
            + NUMBERED.split("\f")[0] + "\f" + NUMBERED.split("\f")[1])
    links = by_number(link_responses(document(text), (report(),), RULES))
    assert (links["1"].page, links["1"].stance.stance, links["2"].page) == (2, "accepted", 3)


def test_an_area_for_improvement_is_not_the_recommendation_with_its_number():
    items = ReportRef("rep1", "Inspection of public order policing in Midshire", (
        ItemRef("rec1", "rep1", "recommendation", "1", ITEMS[0]),
        ItemRef("afi1", "rep1", "area_for_improvement", "1", ITEMS[1]),
    ))
    text = ("Area for improvement 1\nWe have trained staff in every suite and report back in the spring.\n"
            "Response: The force accepts this area for improvement and has begun training.\n"
            "Recommendation 1\nWe will audit the records of crimes against women and girls monthly.\n"
            "Response: The force accepts this recommendation.\n")
    links = link_responses(document(text), (items,), RULES).responses
    assert [(link.number, link.item_id) for link in links] == [("1", "afi1"), ("1", "rec1")]


@pytest.mark.parametrize("front, family", [
    ("Police and Crime Commissioner's response to the HMICFRS report\nPEEL 2023-25", "pcc_response"),
    ("Section 55 response\nAn inspection of Midshire Police", "pcc_response"),
    # near-misses: an inspection report that explains the duty is no response
    ("PEEL 2023-25\nThe PCC must publish comments within 56 days (section 55 of the Police Act 1996).", "hmicfrs_peel"),
    ("Government Response to the Grenfell Tower Inquiry", "government_response"),
])
def test_response_families(front, family):
    from pipeline.ingest.metadata import _family

    assert _family(front, RULES)[0] == family
    assert is_response_document(family, RULES) is (family.endswith("_response"))
