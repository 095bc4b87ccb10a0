"""Addressees: the subject of the item's modal verb -> canonical ids (the export contract's table).

Each case is one "Recommendation 1" item run through build_nlp(load_rules()) and the Extractor.
"""
from __future__ import annotations

import pytest

from pipeline.models import CleanPage
from pipeline.extract import Extractor, ReportInput
from pipeline.run import item_rows


def only_item(extractor: Extractor, body: str, family: str = "hmicfrs_thematic"):
    report = ReportInput(
        report_id="r1", published="2023-03-08", family=family,
        pages=(CleanPage(1, f"Recommendation 1\n{body}\n", headings=("Recommendation 1",)),),
    )
    items, _check = extractor.extract(report)
    assert len(items) == 1, [i.text for i in items]
    return items[0]


def known_ids(item) -> list[str]:
    return [a.id for a in item.addressees if a.id is not None]


# (item text, canonical ids in order of appearance)
ADDRESSEES = [
    ("Chief constables should review their vetting decisions.", ["chief_constables"]),
    ("By 31 March 2024, chief constables should review their vetting decisions.", ["chief_constables"]),
    ("Chief constables and police and crime commissioners should agree a joint plan.",
     ["chief_constables", "police_and_crime_commissioners"]),
    ("The National Police Chiefs' Council lead for child protection should work with chief constables and chief "
     "officers with responsibilities for regional organised crime units to improve referrals.", ["npcc"]),
    ("By 31 March 2024, chief constables, the director general of the National Crime Agency and chief officers with "
     "responsibilities for regional organised crime units should share intelligence.",
     ["chief_constables", "nca", "rocu"]),
    ("Chief constables, the director general of the National Crime Agency and chief officers with responsibilities "
     "for regional organised crime units should share intelligence.", ["chief_constables", "nca", "rocu"]),
    ("Forces should review their vetting decisions.", ["chief_constables"]),
    ("City of London Police, as the national lead force for fraud, should tell victims what will happen next.",
     ["city_of_london_police"]),
    ("All forces should review their vetting decisions.", ["chief_constables"]),
    ("The force should review its vetting decisions.", ["force"]),
    ("The Home Secretary should amend the regulations.", ["home_office"]),
    ("The Home Office should amend the regulations.", ["home_office"]),
    ("Fire and rescue services should review their risk plans.", ["fire_and_rescue_services"]),
    ("The Government should introduce legislation.", ["government"]),
    ("We recommend that the CPS publish its charging guidance.", ["cps"]),
    ("The College of Policing should update its guidance.", ["college_of_policing"]),
    ("The Independent Office for Police Conduct should publish its findings.", ["iopc"]),
    # more printed forms from the contract's table
    ("Chief constables in England and Wales should review their plans.", ["chief_constables"]),
    ("Police, fire and crime commissioners should hold forces to account.", ["police_and_crime_commissioners"]),
    ("Mayors with PCC functions should hold forces to account.", ["police_and_crime_commissioners"]),
    ("Local policing bodies should hold forces to account.", ["police_and_crime_commissioners"]),
    ("PCCs should hold forces to account.", ["police_and_crime_commissioners"]),
    ("The NPCC lead for vetting should issue guidance.", ["npcc"]),
    ("The National Crime Agency should share intelligence.", ["nca"]),
    ("The Association of Police and Crime Commissioners should issue guidance.", ["apcc"]),
    ("HM Prison and Probation Service should share data.", ["ministry_of_justice"]),
    ("The Ministry of Justice should share data.", ["ministry_of_justice"]),
    ("Chief fire officers should review their plans.", ["fire_and_rescue_services"]),
    ("Fire and rescue authorities should review their plans.", ["fire_and_rescue_authorities"]),
    ("The UK Government should legislate.", ["government"]),
    ("Ministers should legislate.", ["government"]),
    ("The Home Office, the College of Policing and the NPCC should issue joint guidance.",
     ["home_office", "college_of_policing", "npcc"]),
    # partners named after "working with" / "in consultation with" are not addressees
    ("Chief constables working with the NPCC should review their vetting decisions.", ["chief_constables"]),
    ("Chief constables should work with the College of Policing to review their plans.", ["chief_constables"]),
    ("The Home Office should, in consultation with the NPCC, amend the regulations.", ["home_office"]),
    # a body in a deadline clause is not an addressee
    ("Once the College of Policing has published its revised guidance, chief constables should adopt it.",
     ["chief_constables"]),
    # every modal clause's subject is an addressee
    ("Chief constables should review their vetting decisions. The College of Policing should support them.",
     ["chief_constables", "college_of_policing"]),
    ("Chief constables should review their vetting decisions, and the College of Policing should support them.",
     ["chief_constables", "college_of_policing"]),
    # ... but a pronoun in a later sentence adds nobody
    ("Chief constables should review their vetting decisions. They should do this by 31 March 2024.",
     ["chief_constables"]),
    ("Chief constables must review their vetting decisions.", ["chief_constables"]),
    ("The force needs to review its vetting decisions.", ["force"]),
    # order of appearance
    ("The Home Office and police and crime commissioners should fund the work.",
     ["home_office", "police_and_crime_commissioners"]),
    ("Police and crime commissioners and the Home Office should fund the work.",
     ["police_and_crime_commissioners", "home_office"]),
    ("Chief constables, supported by the College of Policing, should review their vetting decisions.",
     ["chief_constables"]),
    ("By the end of 2025, fire and rescue authorities should review their plans.", ["fire_and_rescue_authorities"]),
    # bodies in the rest of the sentence are not addressees
    ("Chief constables should send their plans to the Home Office and the College of Policing.", ["chief_constables"]),
    # wordings of unseen reports (issue 11)
    ("Each force should review its vetting decisions.", ["chief_constables"]),
    ("Every chief constable should review their vetting decisions.", ["chief_constables"]),
    ("Those forces using the Athena system that have not yet done so should review their vetting decisions.",
     ["chief_constables"]),
    ("Chief officers in England and Wales should review their vetting decisions.", ["chief_constables"]),
    ("The NPCC lead for counter-corruption should issue guidance.", ["npcc"]),
    ("The National Police Chiefs' Council lead for domestic abuse should issue guidance.", ["npcc"]),
    ("The Metropolitan Police Service should review its vetting decisions.", ["metropolitan_police_service"]),
    ("Fire and rescue services in England should review their risk plans.", ["fire_and_rescue_services"]),
    ("The chief fire officer should review the risk plan.", ["fire_and_rescue_services"]),
    ("Police, fire and crime commissioners should hold their services to account.", ["police_and_crime_commissioners"]),
    # "forces" inside a subordinate clause is not the subject
    ("The College of Policing should publish guidance on how forces should reassess their vetting decisions.",
     ["college_of_policing"]),
    ("The Home Office should decide whether forces must record these crimes.", ["home_office"]),
]


@pytest.mark.parametrize("body, expected", ADDRESSEES, ids=[a[0][:40] for a in ADDRESSEES])
def test_addressees(extractor, body, expected):
    item = only_item(extractor, body)
    assert known_ids(item) == expected
    assert not item.doubts


@pytest.mark.parametrize("body", [
    "The College of Policing, working with the NPCC, should update its guidance.",
    "By 31 March 2024, the College of Policing, working with the NPCC, should update its guidance.",
    "The College of Policing, in consultation with the NPCC, should update its guidance.",
    "The College of Policing, in consultation with chief constables, should update its guidance.",
])
def test_partner_clause_between_commas_is_not_the_subject(extractor, body):
    item = only_item(extractor, body)
    assert known_ids(item) == ["college_of_policing"]
    assert item.addressee_text in ("the College of Policing", "The College of Policing")


def test_we_recommend_that_with_a_deadline_clause_first(extractor):
    item = only_item(extractor, "We recommend that, by 31 March 2024, chief constables review their vetting decisions.")
    assert known_ids(item) == ["chief_constables"]
    assert (item.deadline.kind, item.deadline.date) == ("date", "2024-03-31")


@pytest.mark.parametrize("verb", ["need to", "are required to"])
def test_plural_need_to(extractor, verb):
    item = only_item(extractor, f"By 31 March 2024, chief constables {verb} review their vetting decisions.")
    assert known_ids(item) == ["chief_constables"]
    assert item.deadline.date == "2024-03-31"


ADDRESSEE_TEXT = [
    ("By 31 March 2024, chief constables should review their vetting decisions.", "chief constables"),
    ("Chief constables and police and crime commissioners should agree a joint plan.",
     "Chief constables and police and crime commissioners"),
    ("We recommend that the CPS publish its charging guidance.", "the CPS"),
    ("Chief constables should review their vetting decisions.", "Chief constables"),
]


@pytest.mark.parametrize("body, text", ADDRESSEE_TEXT, ids=[a[1] for a in ADDRESSEE_TEXT])
def test_addressee_text_is_the_subject_as_printed(extractor, body, text):
    assert only_item(extractor, body).addressee_text == text


def test_no_duplicate_ids(extractor):
    item = only_item(extractor, "Chief constables and all forces should review their vetting decisions.")
    assert known_ids(item) == ["chief_constables"]
    item = only_item(extractor, "The Home Office and the Home Secretary should amend the regulations.")
    assert known_ids(item) == ["home_office"]


def test_unknown_body_is_kept_as_text_and_flagged(extractor):
    item = only_item(extractor, "The Widget Standards Panel should publish new standards.")
    assert known_ids(item) == []
    assert item.addressee_text == "The Widget Standards Panel"
    assert [a.text for a in item.addressees if a.id is None] == ["The Widget Standards Panel"]
    assert item.doubts and any("Widget Standards Panel" in d for d in item.doubts)
    # in the stored row (and so the export) the unknown body is not an id, but is kept as text
    rows, addressee_rows = item_rows([item])
    assert rows[0]["addressees"] == "[]"
    assert rows[0]["addressee_text"] == "The Widget Standards Panel"
    assert rows[0]["needs_review"] == 1
    assert [(r["addressee"], r["text"], r["known"]) for r in addressee_rows] == [
        (None, "The Widget Standards Panel", 0)
    ]


def test_unknown_body_beside_a_known_one_is_not_dropped(extractor):
    item = only_item(extractor, "Chief constables and the Widget Standards Panel should agree a plan.")
    assert known_ids(item) == ["chief_constables"]
    assert any(a.id is None and "Widget Standards Panel" in a.text for a in item.addressees)
    assert item.doubts


@pytest.mark.parametrize("body", [
    "There should be a national vetting standard.",
    "This should happen as soon as possible.",
])
def test_no_acting_body_gives_no_addressee_and_no_doubt(extractor, body):
    item = only_item(extractor, body)
    assert known_ids(item) == []
    assert not [a for a in item.addressees if a.id is None]


@pytest.mark.parametrize("body, expected", [
    ("The Forensic Science Regulator should publish new standards.", "forensic_science_regulator"),
    ("The Widget Standards Board should publish new standards.", "widget_standards_board"),
    ("The Domestic Abuse Commissioner should publish new standards.", "domestic_abuse_commissioner"),
])
def test_a_body_no_rule_names_gets_an_id_from_its_name_and_is_flagged(extractor, body, expected):
    """"the X Board", "the X Regulator": a public body by the form of its name, kept with an id in
    the contract's style; only a rule that names it clears the doubt."""
    item = only_item(extractor, body)
    assert known_ids(item) == [expected]
    named_by_rule = expected == "forensic_science_regulator"
    assert bool(item.doubts) is not named_by_rule
