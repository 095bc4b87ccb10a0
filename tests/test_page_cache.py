"""Pages kept until the database changes (pipeline/serve/page_cache.py): which requests and
responses are kept, that any commit or a new day makes the next request render again, and that
nothing personal (a reviewer's page, a flash message, a page setting a cookie) is ever kept."""
from __future__ import annotations

import asyncio
import re
import sqlite3

import pytest

from pipeline import store
from pipeline.review import decisions as review
from pipeline.serve import app as serve
from pipeline.serve.page_cache import KeptPage, PageCache, keepable, request_key
from test_serve import TOKEN, _get, _post, built, env  # noqa: F401


def _scope(path="/hmicfrs/item_details", query=b"", method="GET", headers=()):
    return {"type": "http", "method": method, "path": path, "query_string": query, "headers": list(headers)}


@pytest.mark.parametrize("scope, key", [
    (_scope(), ("/hmicfrs/item_details", b"", "")),
    (_scope(query=b"kind=recommendation"), ("/hmicfrs/item_details", b"kind=recommendation", "")),
    (_scope(headers=[(b"cookie", b"ds_csrftoken=abc")]), ("/hmicfrs/item_details", b"", "abc")),
    (_scope(headers=[(b"cookie", b"other=1")]), ("/hmicfrs/item_details", b"", "")),
    # near misses: never kept
    (_scope(method="POST"), None),
    (_scope(headers=[(b"cookie", b"ds_actor=signed; ds_csrftoken=abc")]), None),
    (_scope(headers=[(b"cookie", b"ds_messages=signed")]), None),
    (_scope(headers=[(b"authorization", b"Bearer x")]), None),
    (_scope(headers=[(b"cookie", b'x="unclosed; ds_actor=signed')]), None),
    (_scope(path="/-/hmicfrs/pdf/abc.pdf"), None),
    (_scope(path="/-/hmicfrs/login"), None),
    (_scope(path="/-/hmicfrs/decision"), None),
    (_scope(query=b"_trace=1"), None),
    ({"type": "websocket", "method": "GET", "path": "/"}, None),
])
def test_which_requests_are_kept(scope, key):
    assert request_key(scope) == key


@pytest.mark.parametrize("status, headers, kept", [
    (200, [(b"content-type", b"text/html; charset=utf-8")], True),
    (200, [(b"content-type", b"application/json; charset=utf-8")], True),
    (200, [(b"Content-Type", b"text/html")], True),
    (302, [(b"content-type", b"text/html")], False),
    (404, [(b"content-type", b"text/html")], False),
    (200, [(b"content-type", b"text/html"), (b"set-cookie", b"ds_csrftoken=x")], False),
    (200, [(b"content-type", b"application/pdf")], False),
    (200, [(b"content-type", b"text/csv")], False),
    (200, [], False),
])
def test_which_responses_are_kept(status, headers, kept):
    assert keepable(status, headers) is kept


def test_the_least_recently_used_pages_go_first_past_the_limit():
    cache = PageCache(lambda: 1, max_bytes=30)
    for name in "abc":
        cache.put((name,), KeptPage(200, (), name.encode() * 10))
    assert cache.get(("a",)) is not None  # a is now the most recent
    cache.put(("d",), KeptPage(200, (), b"d" * 10))
    assert cache.get(("b",)) is None and all(cache.get((n,)) for n in "acd")
    cache.put(("big",), KeptPage(200, (), b"x" * 31))  # larger than the whole cache: not kept
    assert cache.get(("big",)) is None and cache.get(("d",)) is not None


def _kept(response) -> bool:
    return response.headers.get("x-hmicfrs-cache") == "hit"


def test_a_page_is_sent_again_until_anything_commits(env):
    ds = serve.build_datasette(env["db_path"], reviewer_token=TOKEN)
    item = env["ids"]["1"]
    path = f"/hmicfrs/item_details.json?_shape=array&id={item}"
    first = _get(ds, path)
    again = _get(ds, path)
    assert not _kept(first) and _kept(again) and again.json() == first.json()
    review.accept(env["db"], item, by="someone", note=None)  # another connection commits
    after = _get(ds, path)
    assert not _kept(after) and after.json()[0]["review_status"] == "accepted"
    assert _kept(_get(ds, path))
    # Any table counts: a setting written with plain sqlite3 moves data_version too.
    conn = sqlite3.connect(env["db_path"])
    conn.execute("insert or replace into settings (key, value) values ('probe', '1')")
    conn.commit()
    conn.close()
    assert not _kept(_get(ds, path))


def test_a_new_day_renders_again(env, monkeypatch):
    ds = serve.build_datasette(env["db_path"])
    _get(ds, "/hmicfrs/overdue")
    assert _kept(_get(ds, "/hmicfrs/overdue"))
    cache = ds.hmicfrs_pages_kept
    monkeypatch.setattr(cache, "today", lambda: "2999-01-01")
    assert not _kept(_get(ds, "/hmicfrs/overdue"))


def test_a_reviewers_pages_and_cookie_setting_pages_are_never_kept(env):
    ds = serve.build_datasette(env["db_path"], reviewer_token=TOKEN)
    form = _get(ds, "/-/hmicfrs/login")
    cookies = {"ds_csrftoken": form.cookies["ds_csrftoken"]}
    token = re.search(r'name="csrftoken" value="([^"]+)"', form.text).group(1)
    signed = _post(ds, "/-/hmicfrs/login", cookies=cookies, data={"csrftoken": token, "name": "Ann", "token": TOKEN})
    reviewer = dict(cookies, ds_actor=signed.cookies["ds_actor"])
    page = f"/-/hmicfrs/review/{env['ids']['1']}"
    for _ in range(2):
        shown = _get(ds, page, cookies=reviewer)
        assert not _kept(shown) and "Ann" in shown.text and 'value="accept"' in shown.text
    # The anonymous page of the same item is kept, and never shows the reviewer's forms.
    _get(ds, page)
    anonymous = _get(ds, page)
    assert _kept(anonymous) and 'value="accept"' not in anonymous.text and "Ann" not in anonymous.text
    # A client with its own CSRF cookie gets its own copy, not another client's.
    mine = _get(ds, page, cookies={"ds_csrftoken": "another-client"})
    assert not _kept(mine)


def test_off_when_asked(env):
    ds = serve.build_datasette(env["db_path"], page_cache_mb=0)
    _get(ds, "/")
    assert not _kept(_get(ds, "/")) and not hasattr(ds, "hmicfrs_pages_kept")


def test_the_counter_moves_on_a_commit_only(env, tmp_path):
    counter = store.ChangeCounter(env["db_path"])
    try:
        before = counter()
        assert counter() == before
        review.reject(env["db"], env["ids"]["2"], by="someone", note=None)
        assert counter() != before
    finally:
        counter.close()
    odd = tmp_path / "a b#c?.db"
    store.connect(odd).conn.close()
    other = store.ChangeCounter(odd)  # a path a URI would misread unescaped
    assert isinstance(other(), int)
    other.close()


def _timeless(page: str) -> str:
    return re.sub(r"took [\d.]+ ?ms", "took N ms", page)


def test_the_server_pages_still_answer_alike_kept_or_not(env):
    """The same bytes with and without the cache, for the pages people open first."""
    kept, plain = serve.build_datasette(env["db_path"]), serve.build_datasette(env["db_path"], page_cache_mb=0)
    for path in ("/", "/hmicfrs/overdue", "/hmicfrs/item_details?_col=label&_col=text", "/-/hmicfrs/queue",
                 f"/-/hmicfrs/review/{env['ids']['1']}", "/-/hmicfrs/search?q=guidance"):
        _get(kept, path)
        hit, rendered = _get(kept, path), _get(plain, path)
        assert _kept(hit) and hit.status_code == rendered.status_code == 200, path
        assert _timeless(hit.text) == _timeless(rendered.text), path


def test_a_cached_page_is_sent_whole():
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"one ", "more_body": True})
        await send({"type": "http.response.body", "body": b"two"})

    async def collect(message):
        sent.append(message)

    wrapped = PageCache(lambda: 7, max_bytes=1000).wrap(app)
    asyncio.run(wrapped(_scope(), None, collect))
    asyncio.run(wrapped(_scope(), None, collect))
    assert b"".join(m.get("body", b"") for m in sent[:3]) == b"one two"
    assert sent[3]["headers"][-1] == (b"x-hmicfrs-cache", b"hit") and sent[4]["body"] == b"one two"
