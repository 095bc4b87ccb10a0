"""Issue 15, part 8: the default pages read what they show through an index and stop.

A database of 1,000 synthetic items (the serving benchmark's builder), analysed, is enough for
SQLite to plan as it does at 50,000: each canned list query must read item_details through the
index made for its filter and order (store/serve_indexes.py), never a full scan, and return at
most a page; the landing page's counts and the review queues must be answered from indexes.
benchmarks/serve_load.py measures the times.
"""
from __future__ import annotations

import asyncio
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from pipeline.serve import app as serve
from pipeline.store.serve_indexes import INDEXES

ROOT = Path(__file__).resolve().parents[1]
PAGE = 50
PARAMS = {"addressee": "chief_constables", "report": "report_0003.pdf"}
# canned query -> the indexes its plan must use
PLANNED = {
    "overdue": {"item_details_due_order"},
    "due_next_90_days": {"item_details_due_order"},
    "items_for_addressee": {"item_details_due_first"},
    "ours": {"item_details_due_first"},
    "needing_review": {"item_details_review_order"},
    "changed_since_review": {"item_details_changed_order"},
    "status_summary": {"item_details_status"},
    "items_without_response": {"item_details_file"},
}
LISTS = ("overdue", "due_next_90_days", "items_for_addressee", "needing_review", "changed_since_review",
         "items_without_response")


def _builder():
    spec = importlib.util.spec_from_file_location("serve_load", ROOT / "benchmarks" / "serve_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build


def bench_once(tmp_path_factory) -> Path:
    """The 1,000-item database (~1 s to build), built once per run for this module and
    test_serve_search, which each built their own; settled (its log folded into the main file),
    so a copy is a file copy. Read only: a test that writes takes a copy."""
    from once import built_once

    def build(folder: Path) -> None:
        _builder()(folder / "bench.db", 1000)

    return built_once(tmp_path_factory, "serve-bench-1000", build) / "bench.db"


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory) -> Path:
    from test_review import copy_db

    return copy_db(bench_once(tmp_path_factory), tmp_path_factory.mktemp("speed") / "bench.db")


@pytest.fixture(scope="module")
def conn(bench_db):
    import sqlite3

    connection = sqlite3.connect(f"file:{bench_db}?mode=ro", uri=True)
    yield connection
    connection.close()


def _queries() -> dict:
    metadata = yaml.safe_load((ROOT / "datasette" / "metadata.yml").read_text(encoding="utf-8"))
    return {name: q for name, q in metadata["databases"]["hmicfrs"]["queries"].items() if not q.get("write")}


def _plan(conn, sql: str, params=None) -> list[str]:
    return [row[3] for row in conn.execute("explain query plan " + sql, params or {})]


def full_scans(plan: list[str]) -> list[str]:
    """Steps that read every row of item_details (under any alias) without an index."""
    return [step for step in plan if re.fullmatch(r"SCAN (item_details|d)", step.strip())]


def used_indexes(plan: list[str]) -> set[str]:
    return {m.group(1) for step in plan for m in [re.search(r"INDEX (\w+)", step)] if m}


# The checker itself, on a near miss: the same query with its index disabled (+due) is a full scan.
@pytest.mark.parametrize("sql, scans", [
    ("select text from item_details where due < '2025-01-01' order by due limit 5", False),
    ("select text from item_details where +due < '2025-01-01' order by +due limit 5", True),
    ("select id from item_details d where d.changed_since_review = 1", False),
    ("select id from item_details d where d.text like '%vetting%'", True),
])
def test_the_scan_check_tells_an_index_from_a_full_scan(conn, sql, scans):
    assert bool(full_scans(_plan(conn, sql))) == scans


@pytest.mark.parametrize("name", sorted(PLANNED))
def test_each_canned_query_reads_through_its_index(conn, name):
    plan = _plan(conn, _queries()[name]["sql"], PARAMS)
    assert not full_scans(plan), (name, plan)
    assert PLANNED[name] <= used_indexes(plan), (name, plan)


@pytest.mark.parametrize("name", LISTS)
def test_each_list_query_returns_at_most_a_page(conn, name):
    sql = _queries()[name]["sql"]
    assert re.search(rf"\blimit {PAGE}\s*$", sql), name
    rows = conn.execute(sql, PARAMS).fetchall()
    assert 0 < len(rows) <= PAGE, (name, len(rows))


def test_the_list_queries_keep_their_order_within_the_page(conn):
    due = [row[0] for row in conn.execute(_queries()["overdue"]["sql"], PARAMS)]
    assert due == sorted(due) and len(due) == PAGE
    everything = conn.execute("select min(due) from item_details where due < date('now') "
                              "and review_status != 'rejected' and track_status != 'closed'").fetchone()[0]
    assert due[0] == everything  # the page starts at the longest overdue, not at an arbitrary 50


def test_the_landing_counts_and_queues_read_indexes_only(conn):
    pages = _plugin("hmicfrs_pages")
    for sql in (pages.COUNTS_SQL, pages.QUEUE_SQL["pending"], pages.QUEUE_SQL["changed"]):
        plan = _plan(conn, sql)
        item_steps = [step for step in plan if "item_details" in step]
        assert item_steps and all("COVERING INDEX" in step for step in item_steps), (sql, plan)


def test_the_indexes_exist_after_migration(conn):
    names = {row[0] for row in conn.execute("select name from sqlite_master where type = 'index'")}
    assert set(INDEXES) <= names


def _plugin(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "datasette" / "plugins" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _get(ds, path: str):
    return asyncio.run(ds.client.get(path, follow_redirects=True))


def test_the_item_view_pages_on_with_its_compact_columns(bench_db):
    """Datasette 0.65 answered page 2 with a 400 when the sort column was not among the shown ones."""
    ds = serve.build_datasette(bench_db)
    first = _get(ds, "/bench/item_details")
    assert first.status_code == 200 and "_col=label" in str(first.url)
    following = re.search(r'href="([^"]*_next=[^"]*)"', first.text)
    assert following, "no next page link"
    second = _get(ds, following.group(1).replace("&amp;", "&").removeprefix("http://localhost"))
    assert second.status_code == 200
    assert "rows-and-columns" in second.text


def test_the_landing_page_skips_datasettes_table_census(bench_db, monkeypatch):
    from datasette.database import Database

    def refuse(*_args, **_kwargs):
        raise AssertionError("the landing page asked for every table")

    for method in ("table_counts", "get_all_foreign_keys", "table_columns"):
        monkeypatch.setattr(Database, method, refuse)
    page = _get(serve.build_datasette(bench_db), "/")
    assert page.status_code == 200
    assert "What is due" in page.text and "overdue" in page.text
