"""Datasette plugin for `hmicfrs serve`: reviewer sign-in, review forms, PDF pages, calendar feed.

Routes (all under /-/hmicfrs/):
  login                 GET a form, POST the reviewer token (+ a name for the audit log)
  review/<item id>      the item page (hmicfrs_pages.py, with the review queue and tracking)
  decision              where the writable canned queries land: their outcome, then the item
  pdf/<report id>.pdf   the report's PDF (only files in the reports table)
  calendar.ics          dated deadlines as iCalendar (?addressee=ID)

Writes go through pipeline.review.decisions (the functions the CLI calls), so the snapshot, the
"changed since review" hash and the audit log are written in one place: the review page POSTs
to a route, the writable canned queries (metadata.yml) call the SQL function hmicfrs_review.
Either needs an actor signed in with the reviewer token (the "hmicfrs-review" permission, or
the canned queries' allow block plus a grant only such an actor's request carries); anyone
else gets 403. Everything taken from PDFs is rendered by Jinja with autoescaping on.

Before Datasette sees a request, pipeline.serve.guard answers 429 to a client past its limit of
wrong tokens, 415 to multipart bodies and 400 to form bodies that are not UTF-8.
"""
from __future__ import annotations

import asyncio
import time
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils import baseconv
from datasette.utils.asgi import Response, asgi_send_file
from markupsafe import Markup

from pipeline.serve import app as serve
from pipeline.serve import guard as serve_guard
from pipeline.errors import PipelineError
from pipeline.paths import shown
from pipeline.store.views import PDF_ROUTE, REVIEW_ROUTE

PERMISSION = "hmicfrs-review"
SIGN_IN_SECONDS = 12 * 60 * 60
FAILED_SIGN_IN_DELAY = 0.5


def _settings(datasette) -> serve.ServeSettings | None:
    return serve.settings_for(datasette)


@hookimpl
def asgi_wrapper(datasette):
    return lambda app: serve_guard.guard_requests(app, lambda: _settings(datasette))


@hookimpl
def actor_from_request(datasette, request):
    """`Authorization: Bearer <token>` makes an API client a reviewer (no cookie, so no CSRF).
    serve_guard has already refused a throttled client and counted a wrong token."""
    settings = _settings(datasette)
    token = serve_guard.bearer_token(request.headers)
    if not settings or not settings.reviewing or token is None:
        return None
    if settings.secret.matches(token):
        return {"id": "reviewer (token)", "hmicfrs_reviewer": True}
    return None


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    if action != PERMISSION:
        return None
    settings = _settings(datasette)
    return bool(settings and settings.reviewing and actor and actor.get("hmicfrs_reviewer") is True)


@hookimpl
def register_magic_parameters(datasette):
    """`:_hmicfrs_grant` in a canned query: the signed-in reviewer's grant, else empty."""

    def hmicfrs(key, request):
        if key != "grant":
            raise KeyError(key)
        settings = _settings(datasette)
        actor = request.actor if request else None
        if settings and settings.reviewing and actor and actor.get("hmicfrs_reviewer") is True:
            return settings.grant_for(str(actor.get("id")))
        return ""

    return [("hmicfrs", hmicfrs)]


@hookimpl
def prepare_connection(conn, database, datasette):
    """hmicfrs_review(grant, by, item_id, action, field, value, note): the writable canned queries'
    way into pipeline.review.decisions. It writes through its own connection (the caller's statement is a
    SELECT, which holds no write lock in WAL mode) and refuses any call without a valid grant."""

    def hmicfrs_review(grant, by, item_id, action, field_name, value, note):
        settings = _settings(datasette)
        if settings is None or settings.db_name != database or not settings.grant_is_valid(grant, by):
            raise PermissionError("only a signed-in reviewer may record decisions")
        try:
            row = serve.decide(settings.db_path, str(item_id or ""), str(action or ""), by,
                               (note or "").strip() or None, field_name or None, value)
        except PipelineError as exc:
            serve.record_outcome(settings, by, str(item_id or ""), str(exc), False)
            raise
        serve.record_outcome(settings, by, str(item_id), f"{item_id}: {row['review_status']}", True)
        return row["review_status"]

    conn.create_function("hmicfrs_review", 7, hmicfrs_review)


@hookimpl
def register_routes():
    return [
        (r"^/-/hmicfrs/login$", login),
        (r"^/-/hmicfrs/decision$", last_decision),
        (r"^/-/hmicfrs/pdf/(?P<report_id>[A-Za-z0-9_-]+)\.pdf$", report_pdf),
        (r"^/-/hmicfrs/calendar\.ics$", calendar_feed),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """PDF and review links as links; the linked text is escaped like any other cell."""
    if not isinstance(value, str):
        if table == "items" and column == "page" and isinstance(value, int) and "report_id" in row.keys():
            report_id = row["report_id"]
            if isinstance(report_id, dict):  # expanded to {"value": ..., "label": ...}
                report_id = report_id.get("value")
            return _link(f"{PDF_ROUTE}{report_id}.pdf#page={value}", str(value), datasette)
        return None
    if column == "pdf_link" and value.startswith(PDF_ROUTE):
        page = value.rsplit("#page=", 1)[-1]
        return _link(value, f"PDF p. {page}", datasette)
    if column == "review_link" and value.startswith(REVIEW_ROUTE):
        return _link(REVIEW_ROUTE + quote(value[len(REVIEW_ROUTE):], safe=""), "review", datasette)
    return None


def _link(path: str, text: str, datasette) -> Markup:
    href = datasette.urls.path(path)
    return Markup('<a href="{}">{}</a>').format(href, text)


_FOLD_COLUMN_DESCRIPTIONS = """
document.querySelectorAll('dl.column-descriptions').forEach(function (dl) {
  var details = document.createElement('details');
  var summary = document.createElement('summary');
  summary.textContent = 'What the columns mean';
  dl.parentNode.insertBefore(details, dl);
  details.appendChild(summary);
  details.appendChild(dl);
});
"""


@hookimpl
def extra_body_script(view_name):
    """Column descriptions folded away, so the rows are on screen when a table opens."""
    return _FOLD_COLUMN_DESCRIPTIONS if view_name == "table" else None


@hookimpl
def menu_links(datasette, actor):
    settings = _settings(datasette)
    if not settings:
        return []
    links = [{"href": datasette.urls.path("/-/hmicfrs/calendar.ics"), "label": "Deadlines calendar (.ics)"}]
    if settings.reviewing and not (actor and actor.get("hmicfrs_reviewer")):
        links.append({"href": datasette.urls.path("/-/hmicfrs/login"), "label": "Sign in to review"})
    return links


# ---------------------------------------------------------------------------------------------
# Views


async def login(datasette, request):
    settings = _settings(datasette)
    next_path = serve_guard.safe_next(request.args.get("next"))
    context = {"enabled": bool(settings and settings.reviewing), "next": next_path, "error": None}
    if request.method == "POST" and context["enabled"]:
        form = await request.post_vars()
        next_path = serve_guard.safe_next(form.get("next"))
        client = serve_guard.client_address(request.scope)
        # No await between the limit check, the token check and recording a failure, so parallel
        # sign-ins cannot all pass the check before any failure is counted.
        wait = settings.limiter.retry_after(client)
        if wait:
            context.update(error=f"Too many wrong tokens from your address: try again in {wait} seconds.",
                           next=next_path)
            return Response.html(await datasette.render_template("hmicfrs_login.html", context, request=request),
                                 status=429, headers={"Retry-After": str(wait)})
        if settings.secret.matches(form.get("token")):
            name = " ".join((form.get("name") or "").split())[:80] or "reviewer"
            response = Response.redirect(datasette.urls.path(next_path or "/"))
            expires = baseconv.base62.encode(int(time.time()) + SIGN_IN_SECONDS)
            actor = {"id": name, "hmicfrs_reviewer": True}
            response.set_cookie("ds_actor", datasette.sign({"a": actor, "e": expires}, "actor"),
                                httponly=True, samesite="lax", max_age=SIGN_IN_SECONDS)
            return response
        settings.limiter.failed(client, "sign-in form")
        await asyncio.sleep(FAILED_SIGN_IN_DELAY)  # slows one client's guesses in sequence
        context.update(error="That token is not the reviewer token.", next=next_path)
        return Response.html(await datasette.render_template("hmicfrs_login.html", context, request=request), status=403)
    return Response.html(await datasette.render_template("hmicfrs_login.html", context, request=request))


async def last_decision(datasette, request):
    """Where the writable canned queries land: the outcome, then the item's review page."""
    settings = _settings(datasette)
    actor = request.actor or {}
    actor_id = actor.get("id")
    entry = serve.take_outcome(settings, actor_id) if settings and isinstance(actor_id, str) else None
    if not entry:
        return Response.redirect(datasette.urls.path("/"))
    item_id, message, ok = entry
    datasette.add_message(request, message, datasette.INFO if ok else datasette.ERROR)
    if not ok and (not item_id or message.startswith("no item")):
        return Response.redirect(datasette.urls.database(settings.db_name))
    return Response.redirect(datasette.urls.path(REVIEW_ROUTE + quote(str(item_id), safe="")))


async def report_pdf(datasette, request, send):
    settings = _settings(datasette)
    if settings is None or not await datasette.permission_allowed(
        request.actor, "view-database", resource=settings.db_name, default=True
    ):
        return Response.text("Not found", status=404)
    rows = (await datasette.get_database(settings.db_name).execute(
        serve.REPORT_FILE_SQL, [request.url_vars["report_id"]])).rows
    path = await asyncio.to_thread(serve.pdf_for_report, settings, dict(rows[0]) if rows else None)
    if path is None:
        from pipeline.serve.pdf_links import moved_message  # issue 15: say where it was and how to find it

        return Response.text(moved_message(dict(rows[0]) if rows else None, settings.pdf_dirs), status=404)
    await asgi_send_file(send, path, content_type="application/pdf", headers={
        # The display form: a name that is not UTF-8 cannot be sent as UTF-8 (paths.shown).
        "content-disposition": f"inline; filename*=UTF-8''{quote(shown(path.name))}",
        "x-content-type-options": "nosniff",
    })


async def calendar_feed(datasette, request):
    settings = _settings(datasette)
    if settings is None:
        return Response.text("Not found", status=404)
    addressee = request.args.get("addressee") or None
    base = settings.public_url or serve_guard.server_url(request.scope)
    text = await asyncio.to_thread(serve.calendar_text, settings.db_path, addressee, base)
    return Response(text, content_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'inline; filename="deadlines.ics"'})
