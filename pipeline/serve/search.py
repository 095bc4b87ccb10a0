"""The search page (/-/hmicfrs/search): items matching words, best matches first, with the counts
people narrow by. Pure: the SQL it runs and how a request maps to it; the Datasette side is
datasette/plugins/hmicfrs_search.py.

Why not Datasette's table search: on the item_details table it runs six passes over the matches
(the count, four facets and the page, sorted by report title), and a word in a fifth of 50,000
items took a second under load. Here the matches are read once for every count (one statement;
SQLite materialises a CTE used more than once) and the page is the best 30 by FTS5's rank
(bm25), which the table view cannot sort by. The table view's search stays one link away for
every column and the CSV/JSON exports.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from datasette.utils import escape_fts

from pipeline.serve.pages import item_view_path
from pipeline.store.serve_indexes import FILTERED_COLUMNS

SEARCH_ROUTE = "/-/hmicfrs/search"
# The columns the results can be narrowed by: the item view's facets and tracking status, by
# their names there, so a facet value carries over between the two pages (the ones its indexes
# serve filtered).
FILTERS = FILTERED_COLUMNS
FACETS = ("kind", "deadline_year", "review_status", "report_title")
PAGE_SIZE = 30
MAX_PAGE = 200  # deeper pages cost an ever longer OFFSET; nobody reads 6,000 results in order
SHOWN_VALUES = 12  # of a facet, by count
# Matches ranked and counted by facet up to this many: a word in most items (a fifth of 50,000 and
# more) cost a tenth of a second for the counts and as much for bm25, which orders such a word's
# items no better than printed order does. Beyond it the page lists them in report order and asks
# for more words.
RANK_AND_COUNT_LIMIT = 10_000
# Set on the table view's search link, so the item view does not send it back here.
TABLE_SEARCH = "_table_search"
# Private-use characters around a match in snippet(); escaped text cannot contain them, so the
# page can turn them into <mark> after escaping everything else.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class SearchRequest:
    words: str
    filters: tuple[tuple[str, str], ...]
    page: int

    @classmethod
    def from_args(cls, args) -> "SearchRequest":
        """From the page's query string (a MultiParams or dict of lists); unknown filters ignored."""
        words = " ".join(str(args.get("q") or "").split())
        filters = tuple((name, str(args.get(name))) for name in FILTERS if args.get(name) not in (None, ""))
        page = str(args.get("page") or "1")
        return cls(words, filters, min(MAX_PAGE, max(1, int(page))) if page.isdigit() else 1)

    def where(self) -> tuple[str, dict]:
        """The MATCH and filter clause over items_fts joined to item_details as d, and its params."""
        clauses, params = ["items_fts match :q"], {"q": escape_fts(self.words)}
        for n, (name, value) in enumerate(self.filters):
            clauses.append(f"d.{name} = :f{n}")  # name is one of FILTERS, never request text
            params[f"f{n}"] = value
        return " and ".join(clauses), params

    def href(self, **changes) -> str:
        """This search's URL with filters set (a value) or removed (None), back on its first page."""
        filters = dict(self.filters)
        for name, value in changes.items():
            if value is None:
                filters.pop(name, None)
            else:
                filters[name] = str(value)
        args = [("q", self.words), *((n, filters[n]) for n in FILTERS if n in filters)]
        return SEARCH_ROUTE + "?" + urlencode(args)

    def page_href(self, page: int) -> str:
        return self.href() + (f"&page={page}" if page > 1 else "")

    def table_href(self, db_name: str) -> str:
        """The same search in Datasette's table view (every column, exports)."""
        return item_view_path(db_name) + "?" + urlencode(
            [("_search", self.words), *self.filters, (TABLE_SEARCH, "1")])


def counts_sql(request: SearchRequest) -> tuple[str, dict]:
    """(facet, value, count) rows for every facet, and ("total", None, count), in one pass."""
    where, params = request.where()
    parts = [f"select '{facet}' as facet, {facet} as value, count(*) as n from hits group by {facet}" for facet in FACETS]
    sql = (f"with hits as (select d.{', d.'.join(FACETS)} from items_fts "
           f"join item_details d on d.item_rowid = items_fts.rowid where {where})\n"
           + "\nunion all ".join([*parts, "select 'total', null, count(*) from hits"]))
    return sql, params


_COLUMNS = ("d.id, d.label, d.kind, d.text, d.addressees, d.due, d.deadline_text, d.review_status, d.track_status, "
            "d.report_title, d.pdf_link")


MATCHES_SQL = "select count(*) from items_fts where items_fts match :q"


def matches_sql(request: SearchRequest) -> tuple[str, dict]:
    """How many items hold the words, before any filter: read from the full-text index alone."""
    return MATCHES_SQL, {"q": escape_fts(request.words)}


def page_sql(request: SearchRequest, ranked: bool) -> tuple[str, dict]:
    """One page of matches, best first (ranked) or in report order; each with a snippet of its text
    around the matches. Unfiltered, FTS5 orders and stops at the page inside the full-text index
    and only the page's rows are looked up."""
    where, params = request.where()
    params = dict(params, limit=PAGE_SIZE, offset=(request.page - 1) * PAGE_SIZE)
    snippet = f"snippet(items_fts, 0, '{MARK_START}', '{MARK_END}', '\u2026', 40) as snippet"
    order = "rank" if ranked else "rowid"
    if not request.filters:
        return (f"select {_COLUMNS}, f.snippet from (select rowid, {order} as sort_key, {snippet} from items_fts "
                f"where items_fts match :q order by {order} limit :limit offset :offset) f "
                f"join item_details d on d.item_rowid = f.rowid order by f.sort_key", params)
    return (f"select {_COLUMNS}, {snippet} from items_fts join item_details d on d.item_rowid = items_fts.rowid "
            f"where {where} order by items_fts.{order} limit :limit offset :offset", params)


def facet_counts(rows) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """counts_sql's rows as the total and, per facet, (value, count) by count then value."""
    total = 0
    facets: dict[str, list[tuple[str, int]]] = {facet: [] for facet in FACETS}
    for facet, value, count in rows:
        if facet == "total":
            total = count
        elif value is not None:
            facets[facet].append((str(value), count))
    return total, {facet: sorted(values, key=lambda vc: (-vc[1], vc[0])) for facet, values in facets.items()}


def search_location(path: str, query_string: str, db_name: str) -> str | None:
    """Where a search typed into the item view's box goes: this page, when the search has no
    other filter than the ones this page knows (else Datasette's table search answers it)."""
    if path != item_view_path(db_name):
        return None
    args = parse_qsl(query_string, keep_blank_values=True)
    words = [value for key, value in args if key == "_search"]
    if not words or not " ".join(words).strip() or any(key == TABLE_SEARCH for key, _ in args):
        return None
    filters = [(key, value) for key, value in args if not key.startswith("_")]
    if any(key not in FILTERS for key, _ in filters):
        return None
    return SEARCH_ROUTE + "?" + urlencode([("q", " ".join(" ".join(words).split())), *filters])
