"""`hmicfrs serve`: Datasette on an ingested database, through Datasette's in-process client.

The database is built the way a user builds it: a small report PDF made here with reportlab,
then `hmicfrs ingest --workers 1`. Deadlines are written relative to today so "overdue" and
"due in the next 90 days" keep meaning the same thing whenever the tests run.
"""
from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline import store
from pipeline.review import decisions as review
from pipeline.serve import app as serve
from pipeline.review import track as track
from pipeline.cli.main import cli
from test_review import copy_db

TOKEN = "test-reviewer-token-0123456789"
TODAY = date.today()
OVERDUE = TODAY - timedelta(days=30)
SOON = TODAY + timedelta(days=30)
LATER = TODAY + timedelta(days=400)
SCRIPT = "<script>alert(1)</script>"
WRITE_QUERIES = ("accept_item", "reject_item", "correct_item")
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def _printed(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def make_report_pdf(path: Path) -> Path:
    """A cover and one page of recommendations 1, 2 and 4 (3 is missing: a completeness problem)."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 780, "An inspection of sample policing")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 750, "Published 2 November 2025")
    pdf.showPage()
    y = 780
    lines = [
        ("Recommendations", True),
        ("Recommendation 1", True),
        (f"By {_printed(OVERDUE)}, chief constables should make sure their officers are trained.", False),
        ("Recommendation 2", True),
        (f"By {_printed(LATER)}, the College of Policing should publish {SCRIPT} guidance.", False),
        ("Recommendation 4", True),
        (f"By {_printed(SOON)}, the Home Office should review the funding formula.", False),
    ]
    for text, bold in lines:
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", 12 if bold else 10)
        pdf.drawString(72, y, text)
        y -= 24
    pdf.showPage()
    pdf.save()
    return path


def build_database(directory: Path) -> tuple[Path, Path]:
    """(database, pdf): the sample report ingested with the real command."""
    pdf = make_report_pdf(directory / "sample report.pdf")
    db_path = directory / "hmicfrs.db"
    result = CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(db_path), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return db_path, pdf


@pytest.fixture(scope="module")
def built(serve_db) -> tuple[Path, Path]:
    return serve_db  # built once per session (conftest.py), read only: `env` copies it per test


@pytest.fixture
def env(built, tmp_path):
    """A fresh copy of the database (tests write decisions) beside the same PDF path."""
    return _copy(built, tmp_path)


def _copy(built, folder: Path) -> dict:
    db_path = copy_db(built[0], folder / "hmicfrs.db")
    db = store.connect(db_path)
    ids = {row["number"]: row["id"] for row in db.query("select id, number from items")}
    report_id = db.execute("select id from reports").fetchone()[0]
    return {"db_path": db_path, "db": db, "ids": ids, "report_id": report_id, "pdf": built[1]}


def _dump(db_path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def reading(built, tmp_path_factory):
    """`env` for the tests that only read: one copy and one Datasette (`ds`) for the whole module,
    where each test built its own (~70 ms of copy, build and start-up each). A test that writes,
    signs in to a throttle or changes the server's settings takes `env` and its own Datasette;
    afterwards this fails if any test wrote to the copy."""
    shared = _copy(built, tmp_path_factory.mktemp("reading"))
    before = _dump(shared["db_path"])
    yield {**shared, "ds": _datasette(shared["db_path"])}
    shared["db"].conn.close()
    assert _dump(shared["db_path"]) == before, "a test that takes `reading` wrote to the database: give it `env`"


def _datasette(db_path, token=TOKEN):
    return serve.build_datasette(db_path, reviewer_token=token)


def _get(ds, path, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


def _post(ds, path, **kwargs):
    return asyncio.run(ds.client.post(path, **kwargs))


def _rows(ds, path):
    response = _get(ds, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


def test_items_were_extracted_as_the_tests_expect(reading):
    assert set(reading["ids"]) == {"1", "2", "4"}


# ---------------------------------------------------------------------------------------------
# Pages, configuration, facets, search, labels


def test_index_and_database_pages_show_title_description_and_canned_queries(reading):
    ds = reading["ds"]
    index = _get(ds, "/")
    assert index.status_code == 200
    assert "HMICFRS recommendations" in index.text
    page = _get(ds, "/hmicfrs")
    for name in serve_queries():
        shown = f'href="/hmicfrs/{name}"' in page.text
        assert shown == (name not in WRITE_QUERIES), name


def serve_queries() -> list[str]:
    return list(serve.load_metadata("hmicfrs")["databases"]["hmicfrs"]["queries"])


def test_at_least_the_eight_canned_queries_are_configured():
    assert {"due_next_90_days", "overdue", "items_for_addressee", "needing_review", "changed_since_review",
            "completeness_problems", "report_items", "status_summary"} <= set(serve_queries())


def test_metadata_follows_the_database_name(reading, tmp_path):
    renamed = copy_db(reading["db_path"], tmp_path / "force.db")
    ds = _datasette(renamed)
    assert _get(ds, "/force/overdue").status_code == 200
    assert '"/force/item_details"' in _get(ds, "/").text
    assert '"/force/item_details"' in _get(ds, "/force").text
    assert _get(ds, "/-/metadata.json").json()["databases"]["force"]["tables"]["item_details"]["fts_table"] == "items_fts"


def test_table_and_column_descriptions(reading):
    ds = reading["ds"]
    page = _get(ds, "/hmicfrs/item_details", follow_redirects=True)  # to its compact columns
    assert "One row per item as people should see it" in page.text
    columns = _get(ds, "/hmicfrs/item_details.json?_extra=columns").json()
    assert "pdf_link" in columns["columns"]


def test_default_facets(reading):
    ds = reading["ds"]
    facets = _get(ds, "/hmicfrs/item_details.json").json()["facet_results"]
    # The addressees array facet is on request only: at 50,000 items it cost more than the page.
    assert {"kind", "deadline_year", "review_status", "report_title"} == set(facets)
    values = {name: {v["value"]: v["count"] for v in facet["results"]} for name, facet in facets.items()}
    assert values["kind"] == {"recommendation": 3}
    asked = _get(ds, "/hmicfrs/item_details.json?_facet_array=addressees").json()["facet_results"]["addressees"]
    assert {v["value"]: v["count"] for v in asked["results"]} == {"chief_constables": 1, "college_of_policing": 1,
                                                                  "home_office": 1}
    assert values["review_status"] == {"pending": 3}
    assert values["report_title"] == {"An inspection of sample policing": 3}
    assert values["deadline_year"] == dict(Counter(str(day.year) for day in (OVERDUE, SOON, LATER)))


@pytest.mark.parametrize("table", ["item_details", "items"])
def test_search_finds_chief_constables(reading, table):
    ds = reading["ds"]
    rows = _rows(ds, f"/hmicfrs/{table}.json?_search=chief+constables")
    assert [r["id"] for r in rows] == [reading["ids"]["1"]]
    assert _rows(ds, f"/hmicfrs/{table}.json?_search=zebra") == []


def test_foreign_keys_show_the_report_title(reading):
    ds = reading["ds"]
    page = _get(ds, "/hmicfrs/items")
    assert "An inspection of sample policing" in page.text
    labelled = _get(ds, "/hmicfrs/items.json?_labels=on&_shape=array").json()
    assert labelled[0]["report_id"]["label"] == "An inspection of sample policing"


def test_pdf_text_renders_escaped(reading):
    ds = reading["ds"]
    for path in ("/hmicfrs/item_details", "/hmicfrs/items", f"/-/hmicfrs/review/{reading['ids']['2']}",
                 "/hmicfrs/report_items?report=sample+report.pdf"):
        page = _get(ds, path, follow_redirects=True)
        assert page.status_code == 200, path
        assert SCRIPT not in page.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text, path


# ---------------------------------------------------------------------------------------------
# Canned queries


def _ids(rows, key="review_link"):
    return sorted(r[key].rsplit("/", 1)[-1] for r in rows)


def test_overdue_and_due_soon(env):
    ds = _datasette(env["db_path"])
    assert _ids(_rows(ds, "/hmicfrs/overdue.json")) == [env["ids"]["1"]]
    soon = _rows(ds, "/hmicfrs/due_next_90_days.json")
    assert _ids(soon) == [env["ids"]["4"]]
    assert soon[0]["due"] == SOON.isoformat()
    # A revised due date moves the item; closing it takes it off both lists.
    track.track(env["db"], env["ids"]["2"], due=(TODAY + timedelta(days=10)).isoformat(), reason="agreed", by="t")
    track.track(env["db"], env["ids"]["1"], status="closed", by="t")
    assert _ids(_rows(ds, "/hmicfrs/due_next_90_days.json")) == sorted([env["ids"]["2"], env["ids"]["4"]])
    assert _rows(ds, "/hmicfrs/overdue.json") == []


def test_items_for_addressee(env):
    ds = _datasette(env["db_path"])
    assert _ids(_rows(ds, "/hmicfrs/items_for_addressee.json?addressee=home_office")) == [env["ids"]["4"]]
    assert _rows(ds, "/hmicfrs/items_for_addressee.json?addressee=nobody") == []
    review.correct(env["db"], env["ids"]["4"], {"addressees": "home_office,npcc"}, by="t")
    assert _ids(_rows(ds, "/hmicfrs/items_for_addressee.json?addressee=npcc")) == [env["ids"]["4"]]


def test_needing_review_and_changed_since_review(env):
    ds = _datasette(env["db_path"])
    assert len(_rows(ds, "/hmicfrs/needing_review.json")) == 3
    assert _rows(ds, "/hmicfrs/changed_since_review.json") == []
    review.accept(env["db"], env["ids"]["1"], by="t")
    review.accept(env["db"], env["ids"]["2"], by="t")
    assert _ids(_rows(ds, "/hmicfrs/needing_review.json")) == [env["ids"]["4"]]
    env["db"].execute("update items set text = 'Re-extracted differently.' where id = ?", [env["ids"]["1"]])
    changed = _rows(ds, "/hmicfrs/changed_since_review.json")
    assert _ids(changed) == [env["ids"]["1"]]
    assert changed[0]["text_now"] == "Re-extracted differently."
    assert changed[0]["text_reviewed"].endswith("officers are trained.")
    assert env["ids"]["1"] in _ids(_rows(ds, "/hmicfrs/needing_review.json"))


def test_completeness_problems(reading):
    ds = reading["ds"]
    rows = _rows(ds, "/hmicfrs/completeness_problems.json")
    assert [r["file"] for r in rows] == ["sample report.pdf"]
    assert "3" in rows[0]["numbering_gaps"]


@pytest.mark.parametrize("key", ["file", "id"])
def test_one_reports_items_in_order(reading, key):
    ds = reading["ds"]
    value = "sample+report.pdf" if key == "file" else reading["report_id"]
    rows = _rows(ds, f"/hmicfrs/report_items.json?report={value}")
    assert [r["label"] for r in rows] == ["Recommendation 1", "Recommendation 2", "Recommendation 4"]
    assert all(r["pdf_link"] == f"/-/hmicfrs/pdf/{reading['report_id']}.pdf#page=2" for r in rows)


def test_status_summary_matches_the_cli(env):
    ds = _datasette(env["db_path"])
    review.reject(env["db"], env["ids"]["2"], by="t")
    track.track(env["db"], env["ids"]["1"], level=2, status="closed", by="t")
    review.add_item(env["db"], "sample report.pdf", "area_for_improvement", "An undated area for improvement.", by="t")
    rows = _rows(ds, "/hmicfrs/status_summary.json")
    undated = [r for r in rows if r["kind"] == "area_for_improvement"]
    assert undated == [{"kind": "area_for_improvement", "level": "-", "open": 1, "closed": 0, "total": 1,
                        "pending_review": 0, "changed_since_review": 0, "overdue": 0, "due_next_90_days": 0}]
    rows = [r for r in rows if r["kind"] == "recommendation"]
    by_level = {r["level"]: r for r in rows}
    assert by_level["Level 2"]["closed"] == 1 and by_level["Level 2"]["total"] == 1
    assert by_level["-"]["open"] == 1 and by_level["-"]["due_next_90_days"] == 1
    summary = track.status_summary(env["db"])
    assert sum(r["total"] for r in rows) + 1 == sum(r["total"] for r in summary["table"])
    assert sum(r["overdue"] for r in rows) == summary["overdue"]


def test_item_details_view_agrees_with_the_review_overlay(env):
    db = env["db"]
    review.accept(db, env["ids"]["1"], by="t")
    review.correct(db, env["ids"]["2"], {"deadline_date": "2030-01-31", "text": "Corrected text."}, by="t")
    review.reject(db, env["ids"]["4"], by="t")
    added = review.add_item(db, "sample report.pdf", "recommendation", "A missed recommendation.", page=2, by="t")
    # An item reviewed and then no longer extracted stays visible, rebuilt from its snapshot.
    db.execute("delete from item_addressees where item_id = ?", [env["ids"]["1"]])
    db.execute("delete from items where id = ?", [env["ids"]["1"]])
    overlay = {r["id"]: r for r in review.effective_items(db)}
    view = {r["id"]: r for r in db.query("select * from item_details")}
    assert set(view) == set(overlay) and added["id"] in view
    for item_id, row in overlay.items():
        got = view[item_id]
        for field in ("text", "kind", "number", "deadline_date", "deadline_kind", "review_status", "page"):
            assert got[field] == row[field], (item_id, field)
        assert json.loads(got["addressees"]) == row["addressees"]
        assert bool(got["changed_since_review"]) == row["changed_since_review"], item_id


# ---------------------------------------------------------------------------------------------
# Evidence: the PDF at the item's page


def test_each_item_links_to_its_pdf_page(reading):
    ds = reading["ds"]
    page = _get(ds, "/hmicfrs/item_details", follow_redirects=True)
    link = f'<a href="/-/hmicfrs/pdf/{reading["report_id"]}.pdf#page=2">PDF p. 2</a>'
    assert link in page.text
    assert f'href="/-/hmicfrs/pdf/{reading["report_id"]}.pdf#page=2"' in _get(ds, "/hmicfrs/items").text
    pdf = _get(ds, f"/-/hmicfrs/pdf/{reading['report_id']}.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content == reading["pdf"].read_bytes()


@pytest.mark.parametrize("path", [
    "/-/hmicfrs/pdf/0000000000000000.pdf",  # not a report
    "/-/hmicfrs/pdf/..%2F..%2Fetc%2Fpasswd.pdf",
    "/-/hmicfrs/pdf/../../hmicfrs.db",
])
def test_only_reports_in_the_database_are_served(reading, path):
    ds = reading["ds"]
    response = _get(ds, path, follow_redirects=True)
    assert response.status_code == 404
    assert b"SQLite" not in response.content


def test_a_pdf_whose_bytes_changed_is_not_served(env, tmp_path):
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    db = env["db"]
    db.execute("update reports set path = ?", [str(moved / "sample report.pdf")])
    (moved / "sample report.pdf").write_bytes(b"%PDF-1.4 something else")
    ds = _datasette(env["db_path"])
    assert _get(ds, f"/-/hmicfrs/pdf/{env['report_id']}.pdf").status_code == 404
    # Found again by name and hash in a folder given with --pdf-dir.
    ds = serve.build_datasette(env["db_path"], pdf_dirs=[env["pdf"].parent])
    assert _get(ds, f"/-/hmicfrs/pdf/{env['report_id']}.pdf").status_code == 200


def test_plain_datasette_with_the_repository_configuration(env, monkeypatch):
    """`datasette hmicfrs.db --metadata ...` without `hmicfrs serve`: the plugin comes in through
    its entry point, the review pages' templates with it."""
    from datasette.app import Datasette

    monkeypatch.delenv(serve.TOKEN_ENV, raising=False)
    ds = Datasette([str(env["db_path"])], metadata=serve.load_metadata("hmicfrs"))
    assert len(_rows(ds, "/hmicfrs/item_details.json?_search=chief+constables")) == 1
    assert _get(ds, f"/-/hmicfrs/pdf/{env['report_id']}.pdf").status_code == 200
    refused = _post(ds, f"/-/hmicfrs/review/{env['ids']['1']}", json={"action": "accept"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 403
    monkeypatch.setenv(serve.TOKEN_ENV, TOKEN)
    ds = Datasette([str(env["db_path"])])
    allowed = _post(ds, f"/-/hmicfrs/review/{env['ids']['1']}", json={"action": "accept"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert allowed.status_code == 200
    sign_in = _get(ds, "/-/hmicfrs/login")
    assert sign_in.status_code == 200 and "<form" in sign_in.text  # hmicfrs_login.html was found


def test_the_plugins_are_found_through_the_entry_point_and_registered_once(reading):
    from datasette.cli import cli as datasette_cli
    from datasette.plugins import pm

    from pipeline.serve import plugin

    listed = CliRunner().invoke(datasette_cli, ["plugins"])
    assert listed.exit_code == 0, listed.output
    hooks = {p["name"]: set(p["hooks"]) for p in json.loads(listed.output)}
    assert "prepare_jinja2_environment" in hooks["hmicfrs-pipeline"]
    assert {"hmicfrs_datasette", "hmicfrs_charts", "hmicfrs_pages"} <= set(plugin.SHIPPED) <= set(hooks)
    assert {"register_routes", "actor_from_request"} <= hooks["hmicfrs_datasette"]
    _datasette(reading["db_path"])  # `hmicfrs serve` builds its instance: no second copy of any plugin
    routes = [h.plugin_name for h in pm.hook.register_routes.get_hookimpls()]
    with_routes = sorted(name for name, module in plugin.SHIPPED.items() if hasattr(module, "register_routes"))
    assert len(with_routes) >= 4
    assert sorted(n for n in routes if n in plugin.SHIPPED or n.endswith(".py")) == with_routes


@pytest.mark.slow  # a fresh interpreter: the entry point as installed, not this test process
def test_the_datasette_command_lists_the_plugin():
    import subprocess
    import sys

    command = Path(sys.executable).parent / "datasette"
    done = subprocess.run([str(command), "plugins"], capture_output=True, text=True, check=True, timeout=120)
    assert {"hmicfrs-pipeline", "hmicfrs_datasette"} <= {p["name"] for p in json.loads(done.stdout)}


def test_calendar_feed(reading):
    ds = reading["ds"]
    feed = _get(ds, "/-/hmicfrs/calendar.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert feed.text.count("BEGIN:VEVENT") == 3
    only = _get(ds, "/-/hmicfrs/calendar.ics?addressee=home_office").text
    assert only.count("BEGIN:VEVENT") == 1 and f"UID:{reading['ids']['4']}@" in only


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database" in result.output and "Traceback" not in result.output


def test_migration_4_adds_the_views_to_a_version_3_database(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    monkeypatch.setattr(store.schema, "MIGRATIONS", store.MIGRATIONS[:3])
    monkeypatch.setattr(store.schema, "SCHEMA_VERSION", 3)
    old = store.connect(path)
    old["reviews"].insert({"item_id": "x", "status": "accepted"})
    old.conn.close()
    monkeypatch.undo()
    db = store.connect(path)
    assert store.schema_version(db) >= 4
    assert {"item_base", "item_details"} <= set(db.view_names()) | set(db.table_names())  # item_details: a table since migration 8
    assert (tmp_path / "old.db.v3.bak").exists()
    assert db["reviews"].count == 1 and list(db.query("select * from item_details")) == []
