"""Review from the browser: only a reviewer signed in with the launch token may write, through
the review pages, the writable canned queries or the JSON API; every decision goes through
pipeline.review.decisions, so it shows in `hmicfrs export` and the audit log."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from pipeline.review import decisions as review
from pipeline.serve import app as serve
from pipeline.serve import plugin
from pipeline.cli.main import cli
from test_serve import BEARER, TOKEN, WRITE_QUERIES, _datasette, _get, _post, built, env, reading  # noqa: F401


def _audit(db):
    return list(db.query("select by, item_id, action, field, old, new, note from audit_log order by id"))


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-wrong-token"}])
def test_anonymous_and_wrong_token_writes_are_refused(reading, headers):
    ds = reading["ds"]
    for body in ({"action": "accept"}, {"action": "correct", "field": "text", "value": "x"}):
        response = _post(ds, f"/-/hmicfrs/review/{reading['ids']['1']}", data=body, headers=headers)
        assert response.status_code == 403
    assert _audit(reading["db"]) == []
    assert reading["db"]["reviews"].count == 0


def test_without_a_token_nobody_can_write(env):
    ds = _datasette(env["db_path"], token=None)
    response = _post(ds, f"/-/hmicfrs/review/{env['ids']['1']}", json={"action": "accept"},
                     headers={"Authorization": "Bearer anything-at-all-here"})
    assert response.status_code == 403
    assert "not enabled" in _get(ds, "/-/hmicfrs/login").text


def test_reviewer_decisions_show_in_export_and_audit_log(env):
    ds = _datasette(env["db_path"])
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    ok = _post(ds, f"/-/hmicfrs/review/{env['ids']['1']}", json={"action": "accept", "note": "checked"}, headers=bearer)
    assert ok.status_code == 200 and ok.json()["item"]["review_status"] == "accepted"
    _post(ds, f"/-/hmicfrs/review/{env['ids']['2']}", json={"action": "reject", "note": "duplicate"}, headers=bearer)
    fixed = _post(ds, f"/-/hmicfrs/review/{env['ids']['4']}", headers=bearer,
                  json={"action": "correct", "field": "deadline_date", "value": "2031-05-01", "note": "per letter"})
    assert fixed.status_code == 200, fixed.text
    bad = _post(ds, f"/-/hmicfrs/review/{env['ids']['4']}", headers=bearer,
                json={"action": "correct", "field": "deadline_date", "value": "soon"})
    assert bad.status_code == 400 and "bad date" in bad.json()["error"]
    result = CliRunner().invoke(cli, ["export", "--db", str(env["db_path"]), "--format", "jsonl"])
    exported = {o["id"]: o for o in map(json.loads, result.stdout.splitlines())}
    assert exported[env["ids"]["1"]]["review_status"] == "accepted"
    assert exported[env["ids"]["2"]]["review_status"] == "rejected"
    assert exported[env["ids"]["4"]]["review_status"] == "corrected"
    assert exported[env["ids"]["4"]]["deadline"]["date"] == "2031-05-01"
    audit = _audit(env["db"])
    assert [(a["action"], a["field"], a["note"]) for a in audit] == [
        ("accept", "review_status", "checked"), ("reject", "review_status", "duplicate"),
        ("correct", "deadline_date", "per letter"), ("correct", "review_status", "per letter"),
    ]
    assert {a["by"] for a in audit} == {"reviewer (token)"}


def test_writable_canned_queries_are_for_reviewers_only(env):
    ds = _datasette(env["db_path"])
    for name in WRITE_QUERIES:
        assert _get(ds, f"/hmicfrs/{name}").status_code == 403
        refused = _post(ds, f"/hmicfrs/{name}", data={"item_id": env["ids"]["1"], "field": "text", "value": "x"})
        assert refused.status_code == 403
        assert 'name="item_id"' in _get(ds, f"/hmicfrs/{name}", headers=BEARER).text
    assert _audit(env["db"]) == [] and env["db"]["reviews"].count == 0


def _write_query(ds, name, **params):
    response = _post(ds, f"/hmicfrs/{name}", json=params, headers={**BEARER, "Accept": "application/json"})
    assert response.status_code == 200, response.text
    return response.json()


def test_writable_canned_queries_write_through_the_review_code(env):
    ds = _datasette(env["db_path"])
    assert _write_query(ds, "accept_item", item_id=env["ids"]["1"], note="checked")["ok"] is True
    assert _write_query(ds, "reject_item", item_id=env["ids"]["2"], note="not an item")["ok"] is True
    done = _write_query(ds, "correct_item", item_id=env["ids"]["4"], field="addressees", value="home_office,npcc",
                        note="para 4.2")
    assert done == {"ok": True, "message": "Decision recorded.", "redirect": "/-/hmicfrs/decision"}
    bad = _write_query(ds, "correct_item", item_id=env["ids"]["4"], field="deadline_date", value="soon", note="")
    assert bad["ok"] is False
    # Kept in the database for /-/hmicfrs/decision, which another server process may answer.
    assert serve.take_outcome(ds.hmicfrs, "reviewer (token)") == (env["ids"]["4"], "bad date 'soon': use YYYY-MM-DD",
                                                                   False)
    exported = {o["id"]: o for o in review.effective_items(env["db"])}
    assert [exported[env["ids"][n]]["review_status"] for n in ("1", "2", "4")] == ["accepted", "rejected", "corrected"]
    assert exported[env["ids"]["4"]]["addressees"] == ["home_office", "npcc"]
    audit = _audit(env["db"])
    assert [(a["action"], a["field"], a["note"]) for a in audit] == [
        ("accept", "review_status", "checked"), ("reject", "review_status", "not an item"),
        ("correct", "addressees", "para 4.2"), ("correct", "review_status", "para 4.2"),
    ]
    # The snapshot is the one the CLI takes: re-extracting the same values is not a change.
    assert not any(row["changed_since_review"] for row in exported.values())


def test_the_review_sql_function_refuses_calls_without_a_grant(reading):
    ds = reading["ds"]
    for grant in ("", "0" * 64, ds.hmicfrs.grant_for("someone else")):
        sql = f"select hmicfrs_review('{grant}', 'reviewer (token)', '{reading['ids']['1']}', 'reject', null, null, 'x')"
        for headers in ({}, BEARER):
            response = _get(ds, "/hmicfrs.json?sql=" + quote(sql), headers=headers)
            assert response.status_code == 400
    assert _audit(reading["db"]) == [] and reading["db"]["reviews"].count == 0


def test_after_a_canned_query_the_reviewer_lands_on_the_item(env):
    ds = _datasette(env["db_path"])
    _write_query(ds, "accept_item", item_id=env["ids"]["1"], note="")
    landed = _get(ds, "/-/hmicfrs/decision", headers=BEARER)
    assert landed.status_code == 302 and landed.headers["location"] == f"/-/hmicfrs/review/{env['ids']['1']}"
    assert "ds_messages" in landed.cookies
    assert _get(ds, "/-/hmicfrs/decision", headers=BEARER).headers["location"] == "/"


def _csrf(response) -> str:
    return re.search(r'name="csrftoken" value="([^"]+)"', response.text).group(1)


def test_sign_in_with_the_token_then_review_with_the_form(env, monkeypatch):
    monkeypatch.setattr(plugin.shipped, "FAILED_SIGN_IN_DELAY", 0)  # the wait is test_serve_attacks' subject
    ds = _datasette(env["db_path"])
    form = _get(ds, "/-/hmicfrs/login")
    cookies = {"ds_csrftoken": form.cookies["ds_csrftoken"]}
    wrong = _post(ds, "/-/hmicfrs/login", cookies=cookies,
                  data={"csrftoken": _csrf(form), "name": "Ann", "token": "not-the-token-at-all"})
    assert wrong.status_code == 403 and "ds_actor" not in wrong.cookies
    signed = _post(ds, "/-/hmicfrs/login", cookies=cookies,
                   data={"csrftoken": _csrf(form), "name": "Ann Reviewer", "token": TOKEN, "next": "//evil.example/"})
    assert signed.status_code == 302 and signed.headers["location"] == "/"
    cookies["ds_actor"] = signed.cookies["ds_actor"]
    item = f"/-/hmicfrs/review/{env['ids']['4']}"
    page = _get(ds, item, cookies=cookies)
    assert 'value="correct"' in page.text and "Ann Reviewer" in page.text
    posted = _post(ds, item, cookies=cookies, data={
        "csrftoken": _csrf(page), "action": "correct", "field": "addressees", "value": "home_office, npcc",
        "note": "both named in para 4.2",
    })
    assert posted.status_code == 302
    row = review.find_item(env["db"], env["ids"]["4"])
    assert row["addressees"] == ["home_office", "npcc"] and row["review_status"] == "corrected"
    assert _audit(env["db"])[0]["by"] == "Ann Reviewer"
    # The form without its CSRF token is refused even with the reviewer's cookie.
    forged = _post(ds, item, cookies=cookies, data={"action": "reject"})
    assert forged.status_code == 403
    assert review.find_item(env["db"], env["ids"]["4"])["review_status"] == "corrected"
    # The writable canned query's own form, as the signed-in reviewer.
    form = _get(ds, f"/hmicfrs/reject_item?item_id={env['ids']['2']}", cookies=cookies)
    assert f'value="{env["ids"]["2"]}"' in form.text
    posted = _post(ds, "/hmicfrs/reject_item", cookies=cookies,
                   data={"csrftoken": _csrf(form), "item_id": env["ids"]["2"], "note": "a duplicate"})
    assert posted.status_code == 302 and posted.headers["location"] == "/-/hmicfrs/decision"
    assert review.find_item(env["db"], env["ids"]["2"])["review_status"] == "rejected"
    assert _audit(env["db"])[-1]["by"] == "Ann Reviewer" and _audit(env["db"])[-1]["note"] == "a duplicate"


def test_anonymous_visitors_see_read_only_review_pages(reading):
    ds = reading["ds"]
    page = _get(ds, f"/-/hmicfrs/review/{reading['ids']['1']}")
    assert page.status_code == 200
    assert 'value="accept"' not in page.text and "Sign in as a reviewer" in page.text
    assert _get(ds, "/-/hmicfrs/review/no-such-item").status_code == 404


def test_the_token_is_never_shown_or_stored(reading, capfd):
    ds = reading["ds"]
    for path in ("/-/metadata.json", "/-/settings.json", "/-/plugins.json", "/-/actor.json", "/-/hmicfrs/login"):
        assert TOKEN not in _get(ds, path).text
    assert TOKEN not in repr(ds.hmicfrs) and TOKEN not in repr(vars(ds.hmicfrs.secret))
    assert TOKEN.encode() not in reading["db_path"].read_bytes()
    with pytest.raises(serve.ServeError):
        serve.ReviewerSecret("short")


def test_items_added_by_hand_with_any_number_can_be_reviewed(env):
    added = review.add_item(env["db"], "sample report.pdf", "recommendation", "Added by hand.", number="5 (a)/b",
                            by="t")
    ds = _datasette(env["db_path"])
    link = _get(ds, "/hmicfrs/item_details.json?_shape=array&source=manual").json()[0]["review_link"]
    page = _get(ds, "/-/hmicfrs/review/" + quote(link.rsplit("/review/", 1)[1], safe=""))
    assert page.status_code == 200 and "Added by hand." in page.text
    listing = _get(ds, "/hmicfrs/item_details?source=manual", follow_redirects=True).text
    assert f'href="/-/hmicfrs/review/{quote(added["id"], safe="")}"' in listing
    done = _post(ds, "/-/hmicfrs/review/" + quote(added["id"], safe=""), json={"action": "reject"}, headers=BEARER)
    assert done.status_code == 200 and done.json()["item"]["review_status"] == "rejected"


# (item, parent) corrections from the review page in turn -> the status of the last, and its error
WEB_PARENTS = [
    ([("1", "1")], 400, "is the item itself"),
    ([("1", "2"), ("2", "1")], 400, "would make a cycle"),
    ([("1", "2"), ("4", "2")], 200, None),
]


@pytest.mark.parametrize("chain, status, error", WEB_PARENTS)
def test_the_review_page_refuses_a_parent_cycle(env, chain, status, error):
    ds = _datasette(env["db_path"])
    for item, parent in chain:
        response = _post(ds, f"/-/hmicfrs/review/{env['ids'][item]}", headers=BEARER,
                         json={"action": "correct", "field": "parent", "value": env["ids"][parent]})
    assert response.status_code == status, response.text
    if error:
        assert error in response.json()["error"]
        assert review.find_item(env["db"], env["ids"][chain[-1][0]])["parent"] != env["ids"][chain[-1][1]]
