"""Lineage: a later report's verdicts on earlier items ("This area for improvement has been met",
"Recommendation 2: partially met") found, linked to the earlier item by number or text, stored as
suggestions beside the tracking, and never written to the tracking itself.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from loopback import parsing_here
from pipeline.extract.lineage import CONTEXT, Assessment, EarlierItem, assessments, link
from pipeline.rules import load_rules
from test_review import REPORT_PAGES, audit_rows, copy_db, hmicfrs, ids, make_pdf, rules_of, table

RULES = load_rules()


def found(*pages: str) -> list[tuple]:
    return [(a.page, a.verdict, a.ref_kind, a.ref_number, a.verdict_text)
            for a in assessments(tuple(enumerate(pages, start=1)), RULES)]


# page texts -> (page, verdict, referenced kind, number, verdict phrase) for each assessment
PAGES = [
    (("Progress against previous areas for improvement\n\nAFI 3\nThe force should improve how it answers "
      "calls.\nThis area for improvement has been met.",),
     [(1, "met", "area_for_improvement", "3", "This area for improvement has been met")]),
    (("Recommendation 2: partially met",), [(1, "partially_met", "recommendation", "2", "partially met")]),
    (("Causes of concern: update\n\nCause of concern 1\nThe force is not responding to calls quickly enough.\n"
      "This cause of concern has not been met.",),
     [(1, "not_met", "cause_of_concern", "1", "This cause of concern has not been met")]),
    (("Recommendation 4 has been superseded by recommendation 1 of our 2023 report.",),
     [(1, "superseded", "recommendation", "4", "Recommendation 4 has been superseded")]),
    (("Recommendation 1: met\nRecommendation 2: not met\nRecommendation 3 - Partially met.",),
     [(1, "met", "recommendation", "1", "met"), (1, "not_met", "recommendation", "2", "not met"),
      (1, "partially_met", "recommendation", "3", "Partially met")]),
    (("Area for improvement 2\nThe force should audit its stop and search records.",
      "We found the force has now met this area for improvement."),
     [(2, "met", "area_for_improvement", "2", "has now met this area")]),
    # no number: the verdict still counts, and is matched by the passage's text
    (("In 2021 we said the force should train its call handlers. This area for improvement has been met.",),
     [(1, "met", None, None, "This area for improvement has been met")]),
    # near-misses: meetings, the Met, a target, a partial of something that is no item
    (("The force met with partners to agree a plan. Officers met the victim at home.",), []),
    (("This area for improvement has been met with partners' support in some districts only",), []),
    (("The Met Police shares the building.\nDemand was partially met by overtime.",), []),
    (("Targets were not met in 2023 because of demand.",), []),
]


@pytest.mark.parametrize("pages, expected", PAGES, ids=[p[0][:40] for p, _e in PAGES])
def test_assessments_are_found(pages, expected):
    assert found(*pages) == expected


def test_offsets_are_in_the_verdicts_page():
    pages = ("Recommendation 5\nThe force should publish its plan.", "Intro.\nRecommendation 5: not met")
    [a] = assessments(tuple(enumerate(pages, start=1)), RULES)
    assert a.page == 2 and pages[1][a.start:a.end].strip(": ") == "not met"
    assert a.ref_number == "5"  # the nearer reference, on the same page


def test_a_reference_too_far_back_is_another_passages():
    pages = ("Recommendation 5\n" + "Narrative text here. " * (CONTEXT // 20) + "\nThis recommendation has been met.",)
    [a] = assessments(tuple(enumerate(pages, start=1)), RULES)
    assert a.ref_kind is None and a.verdict == "met"


def test_the_passage_runs_from_the_reference_to_the_verdict():
    [a] = assessments(((1, "Background.\nAFI 3\nThe force should improve call handling.\nThis AFI has been met."),),
                      RULES)
    assert a.text == "AFI 3 The force should improve call handling."


EARLIER = (
    EarlierItem("a-rec2", "recommendation", "2", "The College of Policing should publish guidance on vetting appeals."),
    EarlierItem("b-rec2", "recommendation", "2", "Chief constables should audit custody records every month."),
    EarlierItem("a-afi3", "area_for_improvement", "3", "The force should improve how it answers emergency calls."),
    EarlierItem("a-afi1", "area_for_improvement", "1", "The force should train its call handlers in recognising "
                "vulnerability and record it on every incident log."),
)


def assessment(text: str, kind: str | None = None, number: str | None = None) -> Assessment:
    return Assessment(page=1, start=0, end=3, verdict="met", verdict_text="met", verdict_rule="verdict.met",
                      ref_kind=kind, ref_number=number, text=text)


# assessment -> (item id, matched by, a word of the reason)
LINKS = [
    (assessment("AFI 3", "area_for_improvement", "3"), ("a-afi3", "number", None)),
    (assessment("Recommendation 2 Chief constables should audit custody records every month.", "recommendation", "2"),
     ("b-rec2", "number+text", None)),
    # the number is in two earlier reports and the passage says nothing more
    (assessment("Recommendation 2", "recommendation", "2"), (None, "unlinked", "2 earlier items")),
    (assessment("In 2021 we said the force should train its call handlers in recognising vulnerability and record "
                "it on every incident log."), ("a-afi1", "text", None)),
    (assessment("Recommendation 9 The College of Policing should publish guidance on vetting appeals.",
                "recommendation", "9"), ("a-rec2", "text", None)),
    (assessment("Fire services should test hydrants every year."), (None, "unlinked", "similar enough")),
    (assessment(""), (None, "unlinked", "no passage")),
]


@pytest.mark.parametrize("given, expected", LINKS, ids=[a.text[:40] or "empty" for a, _e in LINKS])
def test_assessments_link_to_earlier_items(given, expected):
    [made] = link((given,), EARLIER)
    item_id, how, why = expected
    assert (made.item_id, made.matched_by) == (item_id, how), made
    if why:
        assert why in made.reason
    if how in ("text", "number+text"):
        assert made.score >= 0.6


# ---------------------------------------------------------------------------------------------
# In the database: stored, shown beside tracking, never tracking

REVISIT_PAGES = (
    ("#Revisit: vetting in the police service", "", "Published 1 March 2024", "",
     "This letter sets out what we found when we revisited the force."),
    ("#Progress against previous recommendations", "Recommendation 2: partially met", "",
     "Area for improvement 1", "The force should improve how it records vetting decisions.",
     "This area for improvement has been met.", "", "Officers met with partners each month."),
)


@pytest.fixture(scope="module")
def rules(vetting_template: Path) -> Path:
    # The review tests' rules (rules_copy), already loaded for the session's vetting_template: the
    # same folder means the same spaCy pipeline and Extractor, not one more built for this module.
    return rules_of(vetting_template)


@pytest.fixture(scope="module")
def template(tmp_path_factory, rules: Path) -> Path:
    directory = tmp_path_factory.mktemp("lineage-template")
    db = directory / "template.db"
    earlier = make_pdf(directory / "vetting.pdf", REPORT_PAGES)
    later = make_pdf(directory / "revisit.pdf", REVISIT_PAGES)
    # Linking is the subject, not the parser process: each file is parsed here (parse_in_process).
    with parsing_here():
        # the later report first: linking runs again when the earlier one arrives
        hmicfrs("ingest", "--workers", 1, "--quiet", "--db", db, "--rules", rules, later)
        hmicfrs("ingest", "--workers", 1, "--quiet", "--db", db, "--rules", rules, earlier)
    return db


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    return copy_db(template, tmp_path / "lineage.db")


def links(db: Path) -> dict[str, dict]:
    return {row["item_id"]: row for row in table(db, "lineage") if row["item_id"]}


def test_the_revisit_links_its_verdicts_to_the_earlier_items(db):
    short = ids(db)
    found_links = links(db)
    assert found_links[short["rec2"]]["verdict"] == "partially_met"
    assert found_links[short["rec2"]]["matched_by"] == "number"
    assert found_links[short["afi1"]]["verdict"] == "met"
    assert found_links[short["afi1"]]["verdict_text"] == "This area for improvement has been met"
    assert len(table(db, "lineage")) == 2  # "met with partners" is no verdict


def test_a_suggestion_never_changes_tracking(db, rules):
    short = ids(db)
    assert table(db, "tracking") == [] and audit_rows(db) == []
    hmicfrs("track", short["afi1"], "--db", db, "--status", "in_progress", "--by", "liaison")
    hmicfrs("extract", "--db", db, "--rules", rules)
    [row] = table(db, "tracking")
    assert row["status"] == "in_progress" and links(db)[short["afi1"]]["verdict"] == "met"
    assert [(a["field"], a["new"]) for a in audit_rows(db)] == [("status", "in_progress")]


def test_the_suggestion_is_shown_beside_the_tracking(db, tmp_path):
    short = ids(db)
    shown = hmicfrs("track", "show", short["afi1"], "--db", db).stdout
    assert "status       open" in shown
    assert "met: revisit.pdf p2" in shown and "(matched by number" in shown
    assert "met: revisit.pdf p2" in hmicfrs("review", "show", short["afi1"], "--db", db).stdout
    assert "later reports" not in hmicfrs("track", "show", short["rec1"], "--db", db).stdout
    sheet = tmp_path / "tracking.csv"
    hmicfrs("track", "export", sheet, "--db", db)
    import csv
    rows = {r["id"]: r for r in csv.DictReader(open(sheet, encoding="utf-8"))}
    assert (rows[short["rec2"]]["suggested_verdict"], rows[short["rec2"]]["status"]) == ("partially_met", "open")
    assert rows[short["rec1"]]["suggested_verdict"] == ""
