"""Datasette plugin for `hmicfrs serve`: the search page.

  /-/hmicfrs/search?q=WORDS[&kind=..&deadline_year=..&review_status=..&report_title=..&track_status=..][&page=N]

Items holding the words, best matches first, each with its words marked in a snippet, and the
counts by kind, due year, review status and report to narrow by (pipeline/serve/search.py says
why this is not Datasette's table search). A search typed into the item view's box comes here
(hmicfrs_pages.py's redirect) when it has no filter this page does not know; "every column,
exports" goes back to the table.
"""
from __future__ import annotations

import sqlite3
from urllib.parse import quote

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline.serve import app as serve
from pipeline.serve import pages as serve_pages
from pipeline.serve import search
from pipeline.store.views import REVIEW_ROUTE


@hookimpl
def register_routes():
    return [(rf"^{search.SEARCH_ROUTE}$", search_page)]


def _marked(snippet: str | None) -> Markup:
    """The snippet escaped, then its match marks made <mark> (escaping leaves them alone)."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(search.MARK_START, "<mark>").replace(search.MARK_END, "</mark>"))


async def search_page(datasette, request):
    settings = serve.settings_for(datasette)
    if settings is None:
        return Response.text("Not found", status=404)
    wanted = search.SearchRequest.from_args(request.args)
    context: dict = {"request_": wanted, "words": wanted.words, "filters": dict(wanted.filters), "rows": [],
                     "total": None, "matches": None, "facets": {}, "ranked": False, "error": None,
                     "page_size": search.PAGE_SIZE, "shown_values": search.SHOWN_VALUES,
                     "limit": search.RANK_AND_COUNT_LIMIT, "short_title": serve_pages.short_title,
                     "addressee_names": serve_pages.addressee_names,
                     "table_href": datasette.urls.path(wanted.table_href(settings.db_name)),
                     "item_href": lambda item_id: datasette.urls.path(REVIEW_ROUTE + quote(item_id, safe="")),
                     "href": lambda **changes: datasette.urls.path(wanted.href(**changes)),
                     "page_href": lambda page: datasette.urls.path(wanted.page_href(page)), "marked": _marked}
    if wanted.words:
        db = datasette.get_database(settings.db_name)
        try:
            matches = (await db.execute(*search.matches_sql(wanted))).first()[0]
            ranked = matches <= search.RANK_AND_COUNT_LIMIT
            if ranked:
                total, facets = search.facet_counts((await db.execute(*search.counts_sql(wanted))).rows)
                context.update(total=total, facets=facets)
            elif not wanted.filters:
                context.update(total=matches)
            rows = (await db.execute(*search.page_sql(wanted, ranked))).rows
            context.update(matches=matches, ranked=ranked, rows=[dict(row) for row in rows])
        except (sqlite3.OperationalError, QueryInterrupted) as exc:
            context["error"] = f"The search could not be run: {exc}"
    return Response.html(await datasette.render_template("hmicfrs_search.html", context, request=request))
