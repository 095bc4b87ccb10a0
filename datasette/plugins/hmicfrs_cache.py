"""Datasette plugin for `hmicfrs serve`: pages kept until the database changes
(pipeline/serve/page_cache.py says which and why). `hmicfrs serve --page-cache-mb 0` turns it off."""
from __future__ import annotations

from datasette import hookimpl

from pipeline import store
from pipeline.serve import app as serve
from pipeline.serve.page_cache import PageCache


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        # Made at the first request: Datasette wraps its app while it is being constructed, before
        # `hmicfrs serve` has attached the launch's settings (the cache's size among them).
        handler: list = []

        async def kept_or_rendered(scope, receive, send):
            if not handler:
                settings = serve.settings_for(datasette)
                if settings is not None and settings.page_cache_bytes > 0:
                    cache = PageCache(store.ChangeCounter(settings.db_path), settings.page_cache_bytes)
                    datasette.hmicfrs_pages_kept = cache
                    handler.append(cache.wrap(app))
                else:
                    handler.append(app)
            return await handler[0](scope, receive, send)

        return kept_or_rendered

    return wrap
