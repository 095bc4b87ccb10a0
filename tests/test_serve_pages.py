"""The pages people work in (issue 15): the landing page, the compact item view, names instead of
ids, hidden internal tables and SQL, the review queue, the text editor that keeps its input,
accepting a report's remaining items, and tracking from the item page, through Datasette's
in-process client. The browser walk with screenshots is tests/test_browser_day.py."""
from __future__ import annotations

import json

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from click.testing import CliRunner

from pipeline.review import decisions as review
from pipeline.serve import app as serve
from pipeline.serve import pages as serve_pages
from pipeline.cli.main import cli
from test_serve import BEARER, TOKEN, _datasette, _get, _post, built, env, reading  # noqa: F401

COMPACT = [("_col", c) for c in serve_pages.COMPACT_COLUMNS]


@pytest.mark.parametrize("path, query, db_name, expected_args", [
    ("/hmicfrs/item_details", "", "hmicfrs", COMPACT),
    ("/hmicfrs/item_details", "_search=force&kind=recommendation", "hmicfrs",
     [("_search", "force"), ("kind", "recommendation"), *COMPACT]),
    ("/force/item_details", "", "force", COMPACT),
    # near misses: columns already chosen, "show all", another format, page, table or database
    ("/hmicfrs/item_details", "_col=text", "hmicfrs", None),
    ("/hmicfrs/item_details", "_nocol=extracted", "hmicfrs", None),
    ("/hmicfrs/item_details", "_all_columns=1", "hmicfrs", None),
    ("/hmicfrs/item_details", "_format=json", "hmicfrs", None),
    ("/hmicfrs/item_details.json", "", "hmicfrs", None),
    ("/hmicfrs/items", "", "hmicfrs", None),
    ("/other/item_details", "", "hmicfrs", None),
])
def test_the_bare_item_view_goes_to_its_compact_columns(path, query, db_name, expected_args):
    location = serve_pages.compact_location(path, query, db_name)
    if expected_args is None:
        assert location is None
        return
    parts = urlsplit(location)
    assert parts.path == path
    assert [(k, v[0]) for k, v in parse_qs(parts.query, keep_blank_values=True).items() if k != "_col"] == \
        [a for a in expected_args if a[0] != "_col"]
    assert parse_qs(parts.query)["_col"] == list(serve_pages.COMPACT_COLUMNS)


@pytest.mark.parametrize("value, expected", [
    ('["chief_constables", "npcc"]', "chief constables; the National Police Chiefs' Council"),
    ('["ministry_of_defence"]', "ministry of defence"),  # no name in rules/names.jsonl: from its id
    ("[]", ""),
    (["home_office"], "the Home Office"),
    ("not json", None),
    ("[1, 2]", None),
    ('{"a": 1}', None),
    (None, None),
])
def test_addressee_ids_read_as_names(value, expected):
    assert serve_pages.addressee_names(value) == expected


@pytest.mark.parametrize("title, expected", [
    ("A short title", "A short title"),
    ("Exactly thirty-four characters ok", "Exactly thirty-four characters ok"),
    ("PEEL 2023-25 Police effectiveness, efficiency and legitimacy", "PEEL 2023-25 Police\u2026"),
    ("An inspection of how well the police tackle", "An inspection of how well the\u2026"),
])
def test_long_report_titles_are_cut_at_a_word(title, expected):
    assert serve_pages.short_title(title) == expected
    assert len(serve_pages.short_title(title)) <= serve_pages.SHORT_TITLE


@pytest.mark.parametrize("before, after, current, expected", [
    (["a", "b", "c"], ["b", "c"], "a", "b"),   # a decided: the next one
    (["a", "b", "c"], ["a", "b", "c"], "a", "b"),  # skipped: the next one
    (["a", "b", "c"], ["a", "b"], "c", "a"),   # the last decided: round to the first left
    (["a", "b", "c"], ["a", "c"], "a", "c"),   # b left meanwhile (another reviewer)
    (["a"], [], "a", None),                    # the queue is empty
    (["a"], ["a"], "a", None),                 # only the one shown is left
    ([], ["x", "y"], "z", "x"),                # not from the queue: its first entry
])
def test_the_queue_moves_on(before, after, current, expected):
    assert serve_pages.next_in_queue(before, after, current) == expected


# ---------------------------------------------------------------------------------------------
# Pages


def test_the_landing_page_starts_with_due_review_and_ours(reading):
    ds = reading["ds"]
    text = _get(ds, "/").text
    headings = re.findall(r"<h2>([^<]+)</h2>", text)
    assert headings[:3] == ["What is due", "What needs review", "Our items"]
    assert re.search(r'href="/hmicfrs/overdue"><span class="hm-count">1</span> overdue', text)
    assert re.search(r'<span class="hm-count">1</span> due in the next 90 days', text)
    assert re.search(r'<span class="hm-count">3</span> pending review', text)
    assert "No organisation is set for this database" in text  # no org set: says how, not a silent blank


def test_the_landing_page_links_our_items_once_an_organisation_is_set(env):
    from pipeline import store

    db = store.connect(env["db_path"])
    store.set_setting(db, "org", json.dumps({"id": "midshire_police", "name": "Midshire Police"}))
    db.conn.close()
    text = _get(_datasette(env["db_path"]), "/").text
    assert 'href="/hmicfrs/ours"' in text and "Midshire Police's items" in text
    assert "No organisation is set" not in text


def test_the_landing_page_degrades_without_the_ours_query(reading):
    metadata = serve.load_metadata("hmicfrs")
    del metadata["databases"]["hmicfrs"]["queries"]["ours"]
    ds = _datasette(reading["db_path"])
    ds._metadata_local = metadata
    text = _get(ds, "/").text
    assert "there is no <code>ours</code> query" in text


@pytest.mark.parametrize("table, hidden", [
    ("furniture", True), ("report_checks", True), ("reviews", True), ("audit_log", True), ("corrections", True),
    ("item_details", False), ("reports", False), ("items", False), ("tracking", False),
])
def test_internal_tables_are_hidden(reading, table, hidden):
    ds = reading["ds"]
    tables = {t["name"]: t for t in _get(ds, "/hmicfrs.json").json()["tables"]}
    if table in tables:
        assert tables[table]["hidden"] is hidden
    else:  # a view
        assert not hidden and table in [v["name"] for v in _get(ds, "/hmicfrs.json").json()["views"]]


@pytest.mark.parametrize("query", ["accept_item", "correct_item", "overdue", "needing_review"])
def test_canned_queries_hide_their_sql(reading, query):
    ds = reading["ds"]
    page = _get(ds, f"/hmicfrs/{query}", headers=BEARER)  # as a reviewer: the write queries are theirs
    text = page.text
    assert page.status_code == 200 and "<form" in text
    assert "hmicfrs_review(" not in text and "from item_details" not in text


def test_the_item_view_shows_names_short_titles_and_both_links(reading):
    ds = reading["ds"]
    page = _get(ds, "/hmicfrs/item_details", follow_redirects=True)
    assert "_col=label" in str(page.url)
    heads = re.findall(r'<th [^>]*class="col-([a-z_]+)"', page.text)
    # item_details is a table (migration 8): Datasette adds its rowid link column, which the
    # stylesheet hides (the item page link is the one to follow)
    assert heads == ["rowid", *serve_pages.COMPACT_COLUMNS]
    css = _get(ds, "/-/static-plugins/hmicfrs_pages/hmicfrs_pages.css").text if False else \
        (serve.CONFIG_DIR / "templates" / "hmicfrs_pages.css").read_text(encoding="utf-8")
    assert "td.col-rowid { display: none; }" in css
    assert "the College of Policing" in page.text and "[&#34;college_of_policing&#34;]" in page.text  # name, id on hover
    assert "PDF p. 2" in page.text and ">review</a>" in page.text
    everything = _get(ds, "/hmicfrs/item_details?_all_columns=1").text
    assert 'class="col-extracted"' in everything


# ---------------------------------------------------------------------------------------------
# Decisions from the item page


def _csrf(response) -> str:
    return re.search(r'name="csrftoken" value="([^"]+)"', response.text).group(1)


@pytest.fixture
def reviewer(env):
    ds = _datasette(env["db_path"])
    form = _get(ds, "/-/hmicfrs/login")
    cookies = {"ds_csrftoken": form.cookies["ds_csrftoken"]}
    signed = _post(ds, "/-/hmicfrs/login", cookies=cookies, data={"csrftoken": _csrf(form), "name": "Ann", "token": TOKEN})
    cookies["ds_actor"] = signed.cookies["ds_actor"]
    return ds, cookies


def _page(ds, cookies, item_id, queue=None):
    path = "/-/hmicfrs/review/" + quote(item_id, safe="") + (f"?queue={queue}" if queue else "")
    return path, _get(ds, path, cookies=cookies)


def test_each_decision_in_the_queue_opens_the_next_pending_item(env, reviewer):
    ds, cookies = reviewer
    queue = _get(ds, "/-/hmicfrs/queue?queue=pending", cookies=cookies)
    order = [m for m in re.findall(r'href="/-/hmicfrs/review/([^"?]+)\?queue=pending"', queue.text)]
    order = list(dict.fromkeys(order))
    assert sorted(order) == sorted(env["ids"].values())
    seen = []
    path, page = _page(ds, cookies, order[0], "pending")
    for _ in order:
        seen.append(path)
        done = _post(ds, path, cookies=cookies, data={"csrftoken": _csrf(page), "action": "accept", "note": "ok"})
        assert done.status_code == 302
        path = done.headers["location"]
        page = _get(ds, path, cookies=cookies)
    assert [p.split("/review/")[1].split("?")[0] for p in seen] == order
    assert path == "/-/hmicfrs/queue?queue=pending" and "the queue is empty" in page.text
    assert {r["review_status"] for r in review.list_items(env["db"])} == {"accepted"}


@pytest.mark.parametrize("form, expected_error, kept", [
    ({"form": "text", "field": "text", "value": "   \n  "}, "text cannot be empty", None),
    ({"form": "correct", "field": "deadline_date", "value": "31/12/2025"}, "bad date", 'value="31/12/2025"'),
    ({"form": "correct", "field": "addressees", "value": "home_office, nobody_known"}, "unknown addressee",
     'value="home_office, nobody_known"'),
])
def test_a_refused_correction_keeps_what_was_typed(env, reviewer, form, expected_error, kept):
    ds, cookies = reviewer
    path, page = _page(ds, cookies, env["ids"]["4"])
    assert re.search(r'<textarea id="hm-text-value" name="value" rows="7">By [^<]+the Home Office should review', page.text)
    refused = _post(ds, path, cookies=cookies, data={"csrftoken": _csrf(page), "action": "correct", "note": "n", **form})
    assert refused.status_code == 400
    assert expected_error in refused.text and 'role="alert"' in refused.text
    if kept:
        assert kept in refused.text
    assert review.find_item(env["db"], env["ids"]["4"])["review_status"] == "pending"


def test_a_text_correction_over_several_lines_keeps_the_typing_when_unchanged(env, reviewer):
    ds, cookies = reviewer
    path, page = _page(ds, cookies, env["ids"]["4"])
    text = review.find_item(env["db"], env["ids"]["4"])["text"]
    same = _post(ds, path, cookies=cookies, data={"csrftoken": _csrf(page), "action": "correct", "form": "text",
                                                  "field": "text", "value": text.replace(" the ", "\nthe ", 1)})
    assert same.status_code == 400 and "nothing to correct" in same.text
    assert "\nthe " in same.text.split('name="value" rows="7">', 1)[1].split("</textarea>")[0]
    done = _post(ds, path, cookies=cookies, data={"csrftoken": _csrf(page), "action": "correct", "form": "text",
                                                  "field": "text", "value": "The Home Office should\nreview it."})
    assert done.status_code == 302
    assert review.find_item(env["db"], env["ids"]["4"])["text"] == "The Home Office should review it."


def test_the_rest_of_a_report_is_accepted_with_one_note(env, reviewer):
    ds, cookies = reviewer
    review.reject(env["db"], env["ids"]["2"], by="t")
    path, page = _page(ds, cookies, env["ids"]["1"])
    assert "Accept the 2 items of this report still pending" in page.text
    done = _post(ds, path, cookies=cookies, data={"csrftoken": _csrf(page), "action": "accept_rest", "note": "read all"})
    assert done.status_code == 302
    statuses = {r["id"]: r["review_status"] for r in review.list_items(env["db"])}
    assert statuses == {env["ids"]["1"]: "accepted", env["ids"]["2"]: "rejected", env["ids"]["4"]: "accepted"}
    notes = [r["note"] for r in env["db"].query("select note from audit_log where action = 'accept'")]
    assert notes == ["read all", "read all"]
    again = _post(ds, path, cookies=cookies, data={"csrftoken": _csrf(page), "action": "accept_rest"})
    assert again.status_code == 400 and "no item of this report is pending review" in again.text


@pytest.mark.parametrize("form, expected, error", [
    ({"status": "in_progress", "level": "2", "owner": "Supt Jones", "evidence": "Plan agreed"},
     {"status": "in_progress", "level": 2, "owner": "Supt Jones", "evidence": "Plan agreed"}, None),
    ({"due": "2027-03-31", "reason": "Board moved the date"}, {"due_revised": "2027-03-31", "due_reason": "Board moved the date"}, None),
    ({"due": "2027-03-31"}, None, "needs --reason"),
    ({"level": "7"}, None, "level must be 1, 2, 3 or 4"),
    ({"level": "two"}, None, "level must be 1, 2, 3 or 4"),
    ({"status": "done"}, None, "status must be one of"),
])
def test_tracking_from_the_item_page_goes_through_hmicfrs_track(env, reviewer, form, expected, error):
    ds, cookies = reviewer
    path, page = _page(ds, cookies, env["ids"]["1"])
    posted = _post(ds, path, cookies=cookies, data={"csrftoken": _csrf(page), "action": "track", "form": "track", **form})
    tracked = {r["item_id"]: r for r in env["db"].query("select * from tracking")}
    if error:
        assert posted.status_code == 400 and error in posted.text
        assert tracked == {}
        for key in ("owner", "evidence", "due", "reason"):
            assert form.get(key, "") in posted.text  # what was typed is still in the form
        return
    assert posted.status_code == 302
    assert expected.items() <= tracked[env["ids"]["1"]].items()
    shown = _get(ds, path, cookies=cookies).text
    assert all(str(v) in shown for v in expected.values())
    exported = CliRunner().invoke(cli, ["export", "--db", str(env["db_path"])])
    objects = {o["id"]: o for o in map(__import__("json").loads, exported.stdout.splitlines())}
    assert {k: v for k, v in expected.items() if k != "status"}.items() <= objects[env["ids"]["1"]]["tracking"].items()
    assert "tracking" not in objects[env["ids"]["2"]]


def test_the_item_page_shows_responses_when_there_are_any(env):
    ds = _datasette(env["db_path"])
    assert "No response recorded for this item." in _get(ds, "/-/hmicfrs/review/" + env["ids"]["1"]).text
    env["db"]["reports"].insert({"id": "resp", "sha256": "resp", "file": "response.pdf", "pages": 1,
                                 "title": "Government response", "family": "government_response"})
    env["db"]["responses"].insert({"id": "resp-1", "report_id": "resp", "seq": 1, "number": "1", "page": 3,
                                   "item_id": env["ids"]["1"], "stance": "accepted", "stance_text": "We accept",
                                   "text": "We accept. Training booked.", "method": "number"})
    page = _get(ds, "/-/hmicfrs/review/" + env["ids"]["1"]).text
    assert "<h2>Responses</h2>" in page and "Training booked" in page and "accepted" in page
    assert "No response recorded" not in page


def test_nobody_but_a_reviewer_may_track_or_accept_the_rest(reading):
    ds = reading["ds"]
    for action in ("track", "accept_rest"):
        refused = _post(ds, "/-/hmicfrs/review/" + reading["ids"]["1"], data={"action": action, "status": "closed"})
        assert refused.status_code == 403
    assert list(reading["db"].query("select * from tracking")) == []
    assert {r["review_status"] for r in review.list_items(reading["db"])} == {"pending"}
