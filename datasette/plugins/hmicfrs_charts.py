"""Datasette plugin for `hmicfrs serve`: the charts page.

Routes:
  /-/hmicfrs/charts             the four charts (pipeline/brief/charts.py) on one page, ?today=YYYY-MM-DD
                                to draw them as of another day
  /-/hmicfrs/charts/<id>.svg    one chart as an SVG file (status, due, reports, addressees)

No charting plugin fits: datasette-dashboards and datasette-vega draw in the browser with Vega
(scripts to serve, and SQL in the configuration that would be a second copy of the overlay's
rules), and neither is in the package index this project installs from. The charts are drawn on
the server as SVG from the same rows `hmicfrs status` and the brief read, so the page needs no
script, works offline and prints. Menu: a "Charts" link.
"""
from __future__ import annotations

import asyncio
import re
from datetime import date
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from pipeline import store
from pipeline.brief import chart_draw as chart_draw
from pipeline.brief import charts as charts
from pipeline.serve import app as serve
from pipeline.rules import display_names

ROUTE = "/-/hmicfrs/charts"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _db_path(datasette) -> Path | None:
    settings = serve.settings_of(datasette)
    if settings is not None:
        return settings.db_path
    files = [db for db in datasette.databases.values() if db.path and db.is_mutable]
    chosen = next((db for db in files if db.name == serve.CONFIG_DB_NAME), files[0] if files else None)
    return Path(chosen.path) if chosen else None


def _today(request) -> date | None:
    raw = request.args.get("today") or ""
    if not raw:
        return date.today()
    if not _DAY.match(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def chart_set(db_path: Path, today: date) -> list[charts.Chart]:
    names = {of: name for (role, of), name in display_names().items() if role == "addressee"}
    db = store.connect(db_path, create=False)
    try:
        return charts.charts_for(db, today, names)
    finally:
        db.conn.close()


@hookimpl
def register_routes():
    return [
        (rf"^{ROUTE}$", charts_page),
        (rf"^{ROUTE}/(?P<chart_id>[a-z]+)\.svg$", chart_svg),
    ]


@hookimpl
def menu_links(datasette, actor):
    return [{"href": datasette.urls.path(ROUTE), "label": "Charts"}] if _db_path(datasette) else []


async def _drawn(datasette, request):
    """(the charts as of the request's day, None) or (None, the error response)."""
    db_path, today = _db_path(datasette), _today(request)
    if db_path is None:
        return None, Response.text("Not found", status=404)
    if today is None:
        return None, Response.text("today must be a date, YYYY-MM-DD", status=400)
    return (today, await asyncio.to_thread(chart_set, db_path, today)), None


async def charts_page(datasette, request):
    drawn, refused = await _drawn(datasette, request)
    if refused:
        return refused
    today, charts = drawn
    context = {"today": today.isoformat(),
               "charts": [{"id": c.id, "title": c.title, "svg": Markup(chart_draw.to_svg(c))} for c in charts]}
    return Response.html(await datasette.render_template("hmicfrs_charts.html", context, request=request))


async def chart_svg(datasette, request):
    drawn, refused = await _drawn(datasette, request)
    if refused:
        return refused
    wanted = request.url_vars["chart_id"]
    found = [c for c in drawn[1] if c.id == wanted]
    if not found:
        return Response.text("Not found", status=404)
    return Response(chart_draw.to_svg(found[0]), content_type="image/svg+xml; charset=utf-8")
