"""Datasette plugin for `hmicfrs serve`: the landing page at /, without Datasette's table census.

Datasette's own index view asks the database, one query at a time, for every table's columns,
primary keys, full-text table and foreign keys (and, under 100 MB, its row count) to list tables
that the landing page (templates/index.html) does not show: about 150 queries, each queued behind
whatever else Datasette's SQL threads are running, so under load the home page was the slowest
page of all (tens of seconds at 50,000 items and 8 clients). This route renders the same
template with the same context the landing page uses (extra_template_vars in hmicfrs_pages.py
adds the counts), and the list of databases for the template's fallback. /.json is Datasette's.

Each of Datasette's connections also maps the database file into memory (PRAGMA mmap_size):
SQLite then reads pages from the operating system's cache in place instead of copying each into
its own small page cache, which halves the time of the queries that visit many rows (a search
that matches most items, the facets).
"""
from __future__ import annotations

from datasette import __version__, hookimpl
from datasette.utils.asgi import Response


MMAP_BYTES = 256 * 1024 * 1024


@hookimpl
def prepare_connection(conn):
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


@hookimpl
def register_routes():
    return [(r"^/$", landing)]


async def landing(datasette, request):
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    databases = []
    for name in datasette.databases:
        visible, private = await datasette.check_visibility(request.actor, "view-database", name)
        if visible:
            databases.append({"name": name, "path": datasette.urls.database(name), "private": private})
    context = {
        "databases": databases,
        "metadata": datasette.metadata(),
        "datasette_version": __version__,
        "private": not await datasette.permission_allowed(None, "view-instance", default=True),
    }
    html = await datasette.render_template(["index.html"], context, request=request, view_name="index")
    return Response.html(html)
