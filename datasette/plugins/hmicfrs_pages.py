"""Datasette plugin for `hmicfrs serve`: the pages people work in (issue 15).

  /                        the landing page (templates/index.html): what is due, what needs
                           review, our items, then the tables
  /<db>/item_details       opens with a compact column set (serve_pages.COMPACT_COLUMNS); the
                           rest through the column menu or the chooser above the table
  /-/hmicfrs/queue         the review queue (?queue=pending|changed|suspected)
  /-/hmicfrs/review/<id>   the item page: evidence, accept/reject, the text editor, other fields,
                           tracking, accepting the report's remaining items, responses, history
  /-/hmicfrs/suspect/<id>  a suspected missed item: add it as an item or dismiss it
  /-/hmicfrs/pages.css     the pages' styles

A decision made with ?queue=... moves on to the next entry of that queue. A refused decision
shows the page again with the error beside the form and what was typed still in it. Writes need
the reviewer permission of hmicfrs_datasette.py (sign-in, CSRF token, or a Bearer token for JSON).
"""
from __future__ import annotations

import asyncio
import json
import sqlite3
from urllib.parse import quote, unquote

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup

from pipeline.serve import app as serve
from pipeline.serve import guard as serve_guard
from pipeline.serve import pages as serve_pages
from pipeline.serve import search
from pipeline.errors import PipelineError
from pipeline.models import ITEM_KINDS, TRACK_STATUSES
from pipeline.review.decisions import REVIEW_FIELDS
from pipeline.review.track import LEVELS
from pipeline.store.views import PDF_ROUTE, REVIEW_ROUTE

PERMISSION = "hmicfrs-review"
SUSPECT_ROUTE = "/-/hmicfrs/suspect/"
QUEUE_ROUTE = "/-/hmicfrs/queue"
COUNT_TIME_LIMIT_MS = 400  # the landing page's counts give way rather than keep the page waiting
QUEUE_SQL = {
    "pending": "select id from item_details where review_status = 'pending' "
               "order by needs_review desc, report_file, seq is null, seq, id",
    "changed": "select id from item_details where changed_since_review = 1 order by report_file, seq is null, seq, id",
    "suspected": "select s.id from suspects s join reports r on r.id = s.report_id "
                 "left join suspect_decisions d on d.suspect_id = s.id where d.suspect_id is null order by r.file, s.seq",
}
QUEUE_TITLES = {"pending": "Pending review", "changed": "Changed since review", "suspected": "Suspected missed items"}
# Each count a range of one index (store/serve_indexes.py), not a pass over every item.
COUNTS_SQL = """
select (select count(*) from item_details where due < date('now')
          and review_status != 'rejected' and track_status != 'closed') as overdue,
       (select count(*) from item_details where due between date('now') and date('now', '+90 days')
          and review_status != 'rejected' and track_status != 'closed') as due_soon,
       (select count(*) from item_details where review_status = 'pending') as pending,
       (select count(*) from item_details where changed_since_review = 1) as changed
"""
SUSPECTS_COUNT_SQL = ("select count(*) from suspects s left join suspect_decisions d on d.suspect_id = s.id "
                      "where d.suspect_id is null")


def _settings(datasette):
    return serve.settings_for(datasette)


@hookimpl
def asgi_wrapper(datasette):
    """A search from the item view's box goes to the search page; the bare item view to its
    compact column set."""

    def wrap(app):
        async def compact(scope, receive, send):
            settings = _settings(datasette) if scope.get("type") == "http" and scope.get("method") == "GET" else None
            if settings is not None:
                query = scope.get("query_string", b"").decode("latin-1")
                path = scope.get("path", "")
                location = (search.search_location(path, query, settings.db_name)
                            or serve_pages.compact_location(path, query, settings.db_name))
                if location:
                    return await Response.redirect(datasette.urls.path(location)).asgi_send(send)
            return await app(scope, receive, send)

        return compact

    return wrap


@hookimpl
def register_routes():
    return [
        (rf"^{QUEUE_ROUTE}$", queue_page),
        (r"^/-/hmicfrs/review/(?P<item_id>[^/]+)$", item_page),
        (rf"^{SUSPECT_ROUTE}(?P<suspect_id>[^/]+)$", suspect_page),
        (r"^/-/hmicfrs/pages\.css$", stylesheet),
    ]


@hookimpl
def extra_css_urls(datasette):
    return [{"url": datasette.urls.path("/-/hmicfrs/pages.css")}]


@hookimpl
def render_cell(value, column, table, datasette):
    """Addressee and family ids as the names people read; long report titles cut short."""
    if column == "addressees":
        names = serve_pages.addressee_names(value)
        if names is not None:
            return Markup('<span class="hm-names" title="{}">{}</span>').format(value, names or "none stated")
    if column == "family" and table == "reports" and isinstance(value, str) and value:
        return Markup('<span title="{}">{}</span>').format(value, serve_pages.family_name(value))
    if column == "report_title" and isinstance(value, str) and len(value) > serve_pages.SHORT_TITLE:
        return Markup('<span title="{}">{}</span>').format(value, serve_pages.short_title(value))
    return None


_COLUMN_CHOOSER = """
(function () {
  var all = %s, table = document.querySelector('table.rows-and-columns');
  if (!table) return;
  var shown = Array.from(table.querySelectorAll('thead th')).map(function (th) { return th.dataset.column; });
  var form = document.createElement('form');
  form.className = 'hm-columns';
  form.innerHTML = '<details><summary>Choose columns</summary><div class="hm-column-list"></div>' +
    '<button type="submit">Show these columns</button></details>';
  var list = form.querySelector('.hm-column-list');
  all.forEach(function (name) {
    var label = document.createElement('label'), box = document.createElement('input');
    box.type = 'checkbox'; box.value = name; box.checked = shown.indexOf(name) >= 0;
    label.appendChild(box); label.appendChild(document.createTextNode(' ' + name));
    list.appendChild(label);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var params = new URLSearchParams(location.search);
    ['_col', '_nocol', '_next', '%s'].forEach(function (k) { params.delete(k); });
    form.querySelectorAll('input:checked').forEach(function (box) { params.append('_col', box.value); });
    location.search = params.toString();
  });
  table.closest('.table-wrapper').before(form);
  // The rows come first: the view's description and its facets fold away (open when filtering).
  function fold(nodes, text, open) {
    nodes = nodes.filter(Boolean);
    if (!nodes.length) return;
    var details = document.createElement('details'), summary = document.createElement('summary');
    details.className = 'hm-fold'; summary.textContent = text; details.open = open;
    nodes[0].parentNode.insertBefore(details, nodes[0]);
    details.appendChild(summary);
    nodes.forEach(function (n) { details.appendChild(n); });
  }
  var about = document.querySelector('.metadata-description');
  var sql = document.querySelector('a[href*="?sql="]');
  fold([about, about && about.nextElementSibling && about.nextElementSibling.tagName == 'P' ? about.nextElementSibling : null,
        document.querySelector('details > dl.column-descriptions') && document.querySelector('dl.column-descriptions').parentNode,
        sql && sql.closest('p'), document.querySelector('p.export-links')],
       'About this view: its columns, its SQL, other formats', false);
  var facets = document.querySelector('.facet-results');
  var names = Array.from(document.querySelectorAll('.facet-info')).map(function (f) { return f.dataset.column; });
  var filtering = Array.from(new URLSearchParams(location.search).keys()).some(function (k) { return k[0] != '_'; });
  fold([facets], 'Narrow down by ' + names.join(', '), filtering);
  // "Show all columns" in a column's menu: say so, or the bare view comes back compact.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.dropdown-show-all-columns');
    if (!link) return;
    var url = new URL(link.href);
    url.searchParams.set('%s', '1');
    link.href = url.toString();
  }, true);
})();
"""


@hookimpl
def extra_body_script(view_name, table, database, datasette):
    settings = _settings(datasette)
    if view_name != "table" or table != serve_pages.ITEM_VIEW or not settings or database != settings.db_name:
        return None

    async def script():
        columns = await datasette.get_database(database).table_columns(table)
        return _COLUMN_CHOOSER % (json.dumps(columns), serve_pages.ALL_COLUMNS, serve_pages.ALL_COLUMNS)

    return script


ORG_SQL = "select value from settings where key = 'org'"
# What each response document says to the item (store/responses.py's item_responses view).
ITEM_RESPONSES_SQL = """
select response_title as document, response_number as number, stance, stance_text as stated,
       response_text as response, page, method as linked_by
from item_responses where item_id = ? order by response_report_id, seq
"""


@hookimpl
def extra_template_vars(template, request, datasette):
    if template != "index.html":
        return None

    async def landing():
        settings = _settings(datasette)
        if settings is None:
            return {"hm": None}
        db = datasette.get_database(settings.db_name)
        counts = {}
        for sql in (COUNTS_SQL, SUSPECTS_COUNT_SQL):
            try:
                row = (await db.execute(sql, custom_time_limit=COUNT_TIME_LIMIT_MS)).first()
                counts.update(dict(row) if sql is COUNTS_SQL else {"suspected": row[0]})
            except (QueryInterrupted, sqlite3.Error):  # too slow, or a table missing: no count
                pass
        actor = request.actor if request else None
        ours = await datasette.get_canned_query(settings.db_name, "ours", actor)
        org = None
        try:  # the organisation the database is kept for (hmicfrs org set), as JSON
            row = (await db.execute(ORG_SQL, custom_time_limit=COUNT_TIME_LIMIT_MS)).first()
            org = json.loads(row[0]).get("name") if row and row[0] else None
        except (QueryInterrupted, sqlite3.Error, ValueError, AttributeError):
            pass
        return {"hm": {
            "db": settings.db_name, "counts": counts, "our_items": bool(ours), "org": org,
            "reviewing": settings.reviewing,
            "reviewer": await datasette.permission_allowed(actor, PERMISSION, default=False),
        }}

    return landing


# ---------------------------------------------------------------------------------------------
# Pages


async def stylesheet(datasette, request):
    css = (serve.CONFIG_DIR / "templates" / "hmicfrs_pages.css").read_text(encoding="utf-8")
    return Response(css, content_type="text/css; charset=utf-8", headers={"cache-control": "max-age=300"})


async def _queue_ids(datasette, settings, queue: str) -> list[str]:
    rows = (await datasette.get_database(settings.db_name).execute(QUEUE_SQL[queue])).rows
    return [row[0] for row in rows]


def _queue_of(request) -> str | None:
    queue = request.args.get("queue")
    return queue if queue in serve_pages.QUEUES else None


async def queue_page(datasette, request):
    settings = _settings(datasette)
    if settings is None:
        return Response.text("Not found", status=404)
    queue = _queue_of(request) or "pending"
    db = datasette.get_database(settings.db_name)
    # Counted and cut in SQL: the pending queue of a large archive is tens of thousands of ids.
    counts = {name: (await db.execute(f"select count(*) from ({QUEUE_SQL[name]})")).first()[0]
              for name in serve_pages.QUEUES}
    ids = [row[0] for row in (await db.execute(QUEUE_SQL[queue] + " limit 100")).rows]
    entries = []
    if ids:
        marks = ", ".join("?" for _ in ids)
        if queue == "suspected":
            sql = (f"select s.id, r.title as report_title, s.text, s.kind as label, s.page "
                   f"from suspects s join reports r on r.id = s.report_id where s.id in ({marks})")
        else:
            sql = (f"select id, report_title, label, text, review_status, needs_review "
                   f"from item_details where id in ({marks})")
        found = {row["id"]: dict(row) for row in (await db.execute(sql, ids)).rows}
        entries = [dict(found[i], href=datasette.urls.path(serve_pages.queue_href(i, queue))) for i in ids if i in found]
    context = {"queue": queue, "titles": QUEUE_TITLES, "counts": counts, "entries": entries,
               "short_title": serve_pages.short_title,
               "reviewer": await datasette.permission_allowed(request.actor, PERMISSION, default=False),
               "reviewing": settings.reviewing,
               "login_href": datasette.urls.path("/-/hmicfrs/login?next=" + quote(QUEUE_ROUTE, safe=""))}
    return Response.html(await datasette.render_template("hmicfrs_queue.html", context, request=request))


async def item_page(datasette, request):
    settings = _settings(datasette)
    if settings is None:
        return Response.text("Not found", status=404)
    item_id = unquote(request.url_vars["item_id"])
    wants_json = request.args.get("_format") == "json" or "authorization" in request.headers
    if request.method == "POST":
        return await _post_decision(datasette, request, settings, item_id, wants_json)
    if wants_json:
        try:
            row, _evidence = await asyncio.to_thread(serve.item_with_evidence, settings.db_path, item_id)
        except PipelineError as exc:
            return Response.text(str(exc), status=404)
        return Response.json({"item": _plain(row)})
    return await _render_item(datasette, request, settings, item_id)


async def _render_item(datasette, request, settings, item_id: str, error: tuple[str, str] | None = None,
                       values: dict | None = None, status: int = 200):
    try:
        row, evidence = await asyncio.to_thread(serve.item_with_evidence, settings.db_path, item_id)
    except PipelineError as exc:
        return Response.text(str(exc), status=404)
    db = datasette.get_database(settings.db_name)
    history = [dict(h) for h in (await db.execute(
        "select at, by, action, field, old, new, note from audit_log where item_id = ? order by id desc", [item_id])).rows]
    responses = [dict(r) for r in (await db.execute(ITEM_RESPONSES_SQL, [item_id])).rows]
    pending_in_report = (await db.execute(
        "select count(*) from item_details where report_id = ? and review_status = 'pending'", [row["report_id"]])).first()[0]
    queue = _queue_of(request)
    here = REVIEW_ROUTE + quote(item_id, safe="")
    context = {
        "item": row, "evidence": evidence, "history": history, "fields": [f for f in REVIEW_FIELDS if f != "text"],
        "reviewer": await datasette.permission_allowed(request.actor, PERMISSION, default=False),
        "reviewing": settings.reviewing, "database": settings.db_name,
        "pdf_href": datasette.urls.path(f"{PDF_ROUTE}{row['report_id']}.pdf#page={row['page']}") if row.get("page") else None,
        "login_href": datasette.urls.path("/-/hmicfrs/login?next=" + quote(here + (f"?queue={queue}" if queue else ""), safe="")),
        "addressee_names": [(a, serve_pages.addressee_name(a)) for a in row.get("addressees") or []],
        "addressees_text": ", ".join(row.get("addressees") or []),
        "queue": queue, "queue_title": QUEUE_TITLES.get(queue or ""),
        "queue_href": datasette.urls.path(f"{QUEUE_ROUTE}?queue={queue}") if queue else None,
        "skip_href": None,
        "responses": responses, "pending_in_report": pending_in_report,
        "error": error, "values": values or {}, "statuses": TRACK_STATUSES, "levels": LEVELS,
    }
    if queue:
        ids = await _queue_ids(datasette, settings, queue)
        following = serve_pages.next_in_queue(ids, ids, item_id)
        context["skip_href"] = datasette.urls.path(serve_pages.queue_href(following, queue)) if following else None
        context["queue_position"] = (ids.index(item_id) + 1, len(ids)) if item_id in ids else (None, len(ids))
    return Response.html(await datasette.render_template("hmicfrs_review.html", context, request=request), status=status)


async def _post_decision(datasette, request, settings, item_id: str, wants_json: bool):
    if not await datasette.permission_allowed(request.actor, PERMISSION, default=False):
        message = "Only a signed-in reviewer may record decisions (see /-/hmicfrs/login)."
        return Response.json({"ok": False, "error": message}, status=403) if wants_json else Response.text(message, status=403)
    if (request.headers.get("content-type") or "").startswith("application/json"):
        try:
            form = serve_guard.json_decision(await request.post_body())
        except serve_guard.BadRequest as exc:
            return Response.json({"ok": False, "error": str(exc)}, status=400)
    else:
        form = await request.post_vars()
    by = request.actor.get("id") or "reviewer"
    action = form.get("action") or ""
    note = (form.get("note") or "").strip() or None
    queue = _queue_of(request)
    order = await _queue_ids(datasette, settings, queue) if queue else []
    try:
        if action == "track" and not wants_json:
            await asyncio.to_thread(serve_pages.track_from_form, settings.db_path, item_id, by, form)
            message = f"{item_id}: tracking recorded"
        elif action == "accept_rest" and not wants_json:
            row, _evidence = await asyncio.to_thread(serve.item_with_evidence, settings.db_path, item_id)
            accepted = await asyncio.to_thread(serve_pages.accept_rest, settings.db_path, row["report_id"], by, note)
            message = f"{len(accepted)} item{'s' if len(accepted) != 1 else ''} of this report accepted"
        else:
            row = await asyncio.to_thread(serve.decide, settings.db_path, item_id, action, by, note,
                                          form.get("field") or None, form.get("value"))
            message = f"{item_id}: {row['review_status']}"
    except PipelineError as exc:
        if wants_json:
            return Response.json({"ok": False, "error": str(exc)}, status=400)
        # Shown again with the error beside the form that failed and what was typed still in it.
        return await _render_item(datasette, request, settings, item_id, (form.get("form") or action, str(exc)),
                                  dict(form), status=400)
    if wants_json:
        return Response.json({"ok": True, "item": _plain(row)})
    datasette.add_message(request, message, datasette.INFO)
    return Response.redirect(await _after(datasette, settings, queue, order, item_id,
                                          REVIEW_ROUTE + quote(item_id, safe="")))


async def _after(datasette, settings, queue, order, current, here) -> str:
    """Where a decision lands: the next entry of the queue it was made from, else the same page."""
    if not queue:
        return datasette.urls.path(here)
    following = serve_pages.next_in_queue(order, await _queue_ids(datasette, settings, queue), current)
    if following is None:
        return datasette.urls.path(f"{QUEUE_ROUTE}?queue={queue}")
    return datasette.urls.path(serve_pages.queue_href(following, queue))


def _plain(row: dict) -> dict:
    return {k: v for k, v in row.items() if isinstance(v, (str, int, float, bool, list, dict, type(None)))}


async def suspect_page(datasette, request):
    settings = _settings(datasette)
    if settings is None:
        return Response.text("Not found", status=404)
    suspect_id = unquote(request.url_vars["suspect_id"])
    queue = _queue_of(request)
    error, values, status = None, {}, 200
    if request.method == "POST":
        if not await datasette.permission_allowed(request.actor, PERMISSION, default=False):
            return Response.text("Only a signed-in reviewer may record decisions (see /-/hmicfrs/login).", status=403)
        form = await request.post_vars()
        order = await _queue_ids(datasette, settings, queue) if queue else []
        try:
            message = await asyncio.to_thread(
                serve_pages.decide_suspect, settings.db_path, suspect_id, form.get("action") or "",
                request.actor.get("id") or "reviewer", (form.get("note") or "").strip() or None, form.get("kind"))
        except PipelineError as exc:
            error, values, status = str(exc), dict(form), 400
        else:
            datasette.add_message(request, message, datasette.INFO)
            return Response.redirect(await _after(datasette, settings, queue, order, suspect_id,
                                                  SUSPECT_ROUTE + quote(suspect_id, safe="")))
    try:
        row = await asyncio.to_thread(serve_pages.find_suspect, settings.db_path, suspect_id)
    except PipelineError as exc:
        return Response.text(str(exc), status=404)
    context = {
        "suspect": row, "kinds": ITEM_KINDS, "error": error, "values": values, "queue": queue,
        "reviewer": await datasette.permission_allowed(request.actor, PERMISSION, default=False),
        "reviewing": settings.reviewing,
        "pdf_href": datasette.urls.path(f"{PDF_ROUTE}{row['report_id']}.pdf#page={row['page']}") if row.get("page") else None,
        "queue_href": datasette.urls.path(f"{QUEUE_ROUTE}?queue={queue}") if queue else None,
        "login_href": datasette.urls.path("/-/hmicfrs/login?next=" + quote(SUSPECT_ROUTE + quote(suspect_id, safe=""), safe="")),
    }
    return Response.html(await datasette.render_template("hmicfrs_suspect.html", context, request=request), status=status)
