"""The search page (/-/hmicfrs/search): the same matches as the full-text index, best first, counts
per facet that agree with plain SQL, filters that narrow, matches marked in escaped text, and the
item view's search box sent here only when this page can answer it."""
from __future__ import annotations

import asyncio
import re
import sqlite3
from html import unescape

import pytest

from pipeline.serve import app as serve
from pipeline.serve import search
from test_review import copy_db
from test_serve import SCRIPT, built, env  # noqa: F401
from test_serve_speed import bench_once


@pytest.mark.parametrize("args, words, filters, page", [
    ({"q": "  custody   vetting "}, "custody vetting", (), 1),
    ({"q": "custody", "kind": "recommendation", "page": "3"}, "custody", (("kind", "recommendation"),), 3),
    ({"q": "custody", "review_status": "", "page": "0"}, "custody", (), 1),  # empty filter, page 0
    ({"q": "custody", "page": "x"}, "custody", (), 1),
    ({"q": "custody", "page": "99999"}, "custody", (), search.MAX_PAGE),
    ({"q": "custody", "text": "x", "id": "y"}, "custody", (), 1),  # not filters this page offers
    ({"q": "x", "track_status": "open", "deadline_year": "2024"}, "x", (("deadline_year", "2024"), ("track_status", "open")), 1),
    ({}, "", (), 1),
])
def test_a_request_is_read_from_its_arguments(args, words, filters, page):
    wanted = search.SearchRequest.from_args(args)
    assert (wanted.words, wanted.filters, wanted.page) == (words, filters, page)


def test_links_set_and_clear_filters_and_pages():
    wanted = search.SearchRequest("custody", (("kind", "recommendation"),), 2)
    assert wanted.href() == "/-/hmicfrs/search?q=custody&kind=recommendation"
    assert wanted.href(kind=None, report_title="A & B") == "/-/hmicfrs/search?q=custody&report_title=A+%26+B"
    assert wanted.page_href(3) == "/-/hmicfrs/search?q=custody&kind=recommendation&page=3"
    assert wanted.page_href(1) == wanted.href()
    assert wanted.table_href("hmicfrs") == "/hmicfrs/item_details?_search=custody&kind=recommendation&_table_search=1"


@pytest.mark.parametrize("path, query, expected", [
    ("/hmicfrs/item_details", "_search=custody", "/-/hmicfrs/search?q=custody"),
    ("/hmicfrs/item_details", "_search=custody+vetting&_col=label&_col=text&kind=recommendation",
     "/-/hmicfrs/search?q=custody+vetting&kind=recommendation"),
    # near misses: answered by Datasette's table search as before
    ("/hmicfrs/item_details", "_search=custody&due__gt=2024-01-01", None),  # a filter this page lacks
    ("/hmicfrs/item_details", "_search=custody&_table_search=1", None),  # asked for the table
    ("/hmicfrs/item_details", "_search=+&kind=recommendation", None),  # no words
    ("/hmicfrs/item_details", "kind=recommendation", None),  # no search
    ("/hmicfrs/item_details.json", "_search=custody", None),  # JSON stays Datasette's
    ("/hmicfrs/items", "_search=custody", None),
    ("/other/item_details", "_search=custody", None),
])
def test_the_item_views_search_box_comes_here_when_this_page_can_answer(path, query, expected):
    assert search.search_location(path, query, "hmicfrs") == expected


def test_facet_counts_are_sorted_by_count_then_value():
    rows = [("kind", "b", 2), ("kind", "a", 2), ("kind", "c", 5), ("kind", None, 1), ("total", None, 10),
            ("deadline_year", 2024, 3)]
    total, facets = search.facet_counts(rows)
    assert total == 10
    assert facets["kind"] == [("c", 5), ("a", 2), ("b", 2)]
    assert facets["deadline_year"] == [("2024", 3)] and facets["report_title"] == []


# ---------------------------------------------------------------------------------------------
# On a database of 1,000 synthetic items (benchmarks/serve_load.py's builder)


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    return copy_db(bench_once(tmp_path_factory), tmp_path_factory.mktemp("search") / "bench.db")


@pytest.fixture(scope="module")
def ds(bench):
    return serve.build_datasette(bench)


@pytest.fixture(scope="module")
def conn(bench):
    connection = sqlite3.connect(f"file:{bench}?mode=ro", uri=True)
    yield connection
    connection.close()


def _get(ds, path):
    return asyncio.run(ds.client.get(path))


def _ids(page: str) -> list[str]:
    return [unescape(i) for i in re.findall(r'href="/-/hmicfrs/review/([^"]+)"', page)]


def _facet(page: str, facet: str) -> dict[str, int]:
    section = re.search(rf"<h3>{facet.replace('_', ' ')}</h3><ul>(.*?)</ul>", page, re.S).group(1)
    return {unescape(v): int(n.replace(",", "")) for v, n in re.findall(r'title="([^"]*)">[^<]*</a> ([\d,]+)', section)}


def test_the_page_lists_the_best_matches_first_with_counts_that_agree_with_sql(ds, conn):
    page = _get(ds, "/-/hmicfrs/search?q=custody").text
    expected_total = conn.execute("select count(*) from items_fts where items_fts match 'custody'").fetchone()[0]
    assert 0 < expected_total <= search.RANK_AND_COUNT_LIMIT
    assert f"<strong>{expected_total:,}</strong> items" in page and "Best matches first" in page
    best = [r[0] for r in conn.execute(
        "select d.id from items_fts join item_details d on d.item_rowid = items_fts.rowid "
        "where items_fts match 'custody' order by rank limit 30")]
    assert _ids(page) == best
    kinds = dict(conn.execute(
        "select d.kind, count(*) from items_fts join item_details d on d.item_rowid = items_fts.rowid "
        "where items_fts match 'custody' group by d.kind").fetchall())
    assert _facet(page, "kind") == kinds
    assert page.count("<mark>custody</mark>") >= len(best)


def test_a_filter_narrows_the_results_and_the_counts(ds, conn):
    page = _get(ds, "/-/hmicfrs/search?q=custody&kind=recommendation").text
    expected = conn.execute(
        "select count(*) from items_fts join item_details d on d.item_rowid = items_fts.rowid "
        "where items_fts match 'custody' and d.kind = 'recommendation'").fetchone()[0]
    assert f"<strong>{expected:,}</strong> items" in page and "kind recommendation (<a" in page
    assert all("-rec" in item_id for item_id in _ids(page))
    second = _get(ds, "/-/hmicfrs/search?q=custody&kind=recommendation&page=2").text
    assert set(_ids(page)).isdisjoint(_ids(second))


def test_words_in_more_items_than_the_limit_are_listed_in_report_order_uncounted(bench, conn, monkeypatch):
    monkeypatch.setattr(search, "RANK_AND_COUNT_LIMIT", 5)
    page = _get(serve.build_datasette(bench, page_cache_mb=0), "/-/hmicfrs/search?q=custody").text
    assert "too many to rank" in page and "<h3>kind</h3>" not in page
    in_order = [r[0] for r in conn.execute(
        "select d.id from items_fts join item_details d on d.item_rowid = items_fts.rowid "
        "where items_fts match 'custody' order by items_fts.rowid limit 30")]
    assert _ids(page) == in_order


def test_no_words_and_no_matches_say_so(ds):
    assert "Words are matched as whole words" in _get(ds, "/-/hmicfrs/search").text
    assert "No item holds these words" in _get(ds, "/-/hmicfrs/search?q=zzzqqqxxx").text
    # FTS syntax typed by a user is searched for as words, not run as a query.
    odd = _get(ds, '/-/hmicfrs/search?q=custody%20OR%20"%20NEAR(')
    assert odd.status_code == 200 and "could not be run" not in odd.text


def test_the_item_views_box_and_the_table_link(ds):
    moved = _get(ds, "/bench/item_details?_search=custody&_col=label")
    assert moved.status_code == 302 and moved.headers["location"] == "/-/hmicfrs/search?q=custody"
    table = _get(ds, "/bench/item_details?_search=custody&_table_search=1")
    assert table.status_code == 302 and table.headers["location"].startswith("/bench/item_details?")  # compact columns
    page = _get(ds, table.headers["location"])
    assert page.status_code == 200 and "rows-and-columns" in page.text and "hm-search-results" not in page.text


def test_text_from_pdfs_is_escaped_around_the_marks(env):
    ds = serve.build_datasette(env["db_path"])
    page = _get(ds, "/-/hmicfrs/search?q=guidance").text
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "<mark>guidance</mark>" in page
