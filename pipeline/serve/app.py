"""`hmicfrs serve`: Datasette on the database, with the configuration kept in the repository.

The Datasette side (routes, permissions, links) is the plugin in datasette/plugins/; this module
builds the Datasette instance and holds the plain functions the plugin calls: the reviewer
secret, decisions written through pipeline.review.decisions, and which PDF files may be served.

Security: the reviewer token is never stored or logged; only an HMAC of it under a key made at
launch is kept in memory, and tokens are compared with hmac.compare_digest. A PDF is served only
when its path is in the reports table (paths the user ingested, never text from a PDF) and its
bytes still hash to the report's sha256. Failed token attempts are limited per client address
and overall (serve_guard.FailureLimiter); the calendar feed links to the configured public URL
or the address the server is bound to, never to the Host header a client sends.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from datasette.utils import tilde_encode

import yaml

from pipeline import store
from pipeline.review import decisions as review
from pipeline.errors import PipelineError, ReviewError
from pipeline.paths import unescaped
from pipeline.resources import shipped_dir
from pipeline.serve.guard import FailureLimiter, invisible

CONFIG_DIR = shipped_dir("datasette")
METADATA_FILE = CONFIG_DIR / "metadata.yml"
TOKEN_ENV = "HMICFRS_REVIEWER_TOKEN"
MIN_TOKEN_LENGTH = 12
CONFIG_DB_NAME = "hmicfrs"
ACTIONS = ("accept", "reject", "correct")
SQL_THREADS = 6  # Datasette's default is 3
FACET_TIME_LIMIT_MS = 250
# Values shown per facet before its "..." link (Datasette's default is 30): each value is a link
# built from the whole query string, a fifth of the item view's rendering at 30.
FACET_SIZE = 10
DEFAULT_PAGE_CACHE_MB = 64


class ServeError(PipelineError):
    """The server cannot start as asked (no database, a weak token)."""


class ReviewerSecret:
    """Checks a presented token against the launch token without keeping the token itself."""

    def __init__(self, token: str):
        if len(token) < MIN_TOKEN_LENGTH:
            raise ServeError(f"the reviewer token must be at least {MIN_TOKEN_LENGTH} characters")
        self._key = secrets.token_bytes(32)
        self._digest = self._mac(token)

    @classmethod
    def from_parts(cls, key: bytes, digest: bytes) -> "ReviewerSecret":
        """The secret another process made (serve --workers): its key and the token's HMAC, never the token."""
        secret = cls.__new__(cls)
        secret._key, secret._digest = key, digest
        return secret

    def parts(self) -> tuple[bytes, bytes]:
        return self._key, self._digest

    def _mac(self, token: str) -> bytes:
        return hmac.new(self._key, token.encode("utf-8"), hashlib.sha256).digest()

    def matches(self, presented: str | None) -> bool:
        if not presented:
            return False
        return hmac.compare_digest(self._mac(presented), self._digest)

    def __repr__(self) -> str:  # never show anything derived from the token
        return "ReviewerSecret(<hidden>)"


@dataclass
class ServeSettings:
    """What the plugin needs to know about this launch; attached to the Datasette instance."""

    db_path: Path
    db_name: str
    secret: ReviewerSecret | None = None
    pdf_dirs: tuple[Path, ...] = ()
    public_url: str | None = None  # how reviewers reach the server, e.g. behind an HTTPS proxy
    page_cache_bytes: int = DEFAULT_PAGE_CACHE_MB << 20  # serve/page_cache.py; 0 keeps no page
    limiter: FailureLimiter = field(default_factory=FailureLimiter, repr=False)
    _verified: dict = field(default_factory=dict, repr=False)
    # The writable canned queries pass a grant (an HMAC of the reviewer's actor id under a key
    # made at launch, shared by the server's processes) to the SQL function that records the
    # decision; nobody else can make one.
    grant_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    @property
    def reviewing(self) -> bool:
        return self.secret is not None

    def grant_for(self, actor_id: str) -> str:
        return hmac.new(self.grant_key, actor_id.encode("utf-8"), hashlib.sha256).hexdigest()

    def grant_is_valid(self, grant, actor_id) -> bool:
        if not (self.reviewing and isinstance(grant, str) and isinstance(actor_id, str) and grant and actor_id):
            return False
        return hmac.compare_digest(grant, self.grant_for(actor_id))


def cookie_secret() -> str:
    """What Datasette signs cookies with: DATASETTE_SECRET when set (sign-ins then outlive a
    restart), else made for this launch."""
    return os.environ.get("DATASETTE_SECRET") or secrets.token_hex(32)


def settings_of(datasette) -> ServeSettings | None:
    return getattr(datasette, "hmicfrs", None)


def settings_for(datasette) -> ServeSettings | None:
    """Set by `hmicfrs serve`; under plain `datasette` made here from the first database file
    (and HMICFRS_REVIEWER_TOKEN, when set, to allow reviewing). Shared by the plugin files."""
    settings = settings_of(datasette)
    if settings is None:
        files = [db for db in datasette.databases.values() if db.path and db.is_mutable]
        if not files:
            return None
        chosen = next((db for db in files if db.name == CONFIG_DB_NAME), files[0])
        token = os.environ.get(TOKEN_ENV)
        try:
            secret = ReviewerSecret(token) if token else None
        except ServeError:
            secret = None  # a weak token leaves the site read only
        settings = datasette.hmicfrs = ServeSettings(Path(chosen.path).resolve(), chosen.name, secret)
    return settings


def load_metadata(db_name: str) -> dict:
    """The repository's metadata with its database key (and links) renamed to this database."""
    metadata = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if CONFIG_DB_NAME in databases and db_name != CONFIG_DB_NAME:
        databases[db_name] = databases.pop(CONFIG_DB_NAME)
        for holder in (metadata, databases[db_name]):
            if "description_html" in holder:
                holder["description_html"] = holder["description_html"].replace(
                    f'"/{CONFIG_DB_NAME}/', f'"/{tilde_encode(db_name)}/')
    return metadata


def check_public_url(url: str | None) -> str | None:
    """An http(s) address with a host and no query, fragment or credentials, without its final /."""
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if not port_ok or parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment or "@" in parts.netloc or any(invisible(c) for c in url):
        raise ServeError(f"the public URL must look like https://host[:port][/path], not {url!r}")
    return url.rstrip("/")


def check_served(db_path: Path | str) -> Path:
    """The database, migrated (so the views exist), and the shipped configuration, or a ServeError
    or StoreError saying what is missing."""
    if not METADATA_FILE.is_file():
        raise ServeError(f"the Datasette configuration is missing ({METADATA_FILE}): run from a checkout of the "
                         "project installed with `pip install -e .`")
    db_path = Path(db_path)
    store.connect(db_path, create=False).conn.close()
    return db_path


def build_datasette(db_path: Path | str, reviewer_token: str | None = None, pdf_dirs=(), settings: dict | None = None,
                    public_url: str | None = None, *, secret: ReviewerSecret | None = None,
                    datasette_secret: str | None = None, grant_key: bytes | None = None, processes: int = 1,
                    page_cache_mb: int = DEFAULT_PAGE_CACHE_MB):
    """A Datasette instance on the database, migrated first so the views exist.

    The keyword arguments are for one of several server processes (serve/workers.py): the
    reviewer secret, cookie-signing secret and grant key the launching process made, shared so a
    reviewer signed in through one process is signed in to all; `processes` shares the failed-token
    limits out between them so their sum stays the limit."""
    from datasette.app import Datasette

    import datasette.handle_exception as handle_exception

    # Datasette 0.65 prints every error page's exception with rich, also for a plain 404 where no
    # exception is being handled; rich >= 14 then raises and the 404 becomes a 500 with a
    # traceback. Without rich it prints tracebacks (of real errors only) the standard way.
    handle_exception.rich = None
    _quiet_refused_decisions()
    public_url = check_public_url(public_url)
    db_path = check_served(db_path)
    if secret is None and reviewer_token:
        secret = ReviewerSecret(reviewer_token)
    name = db_path.stem
    _register_plugin()
    datasette = Datasette(
        [str(db_path)],
        metadata=load_metadata(name),
        template_dir=str(CONFIG_DIR / "templates"),
        # Suggested facets cost ten times the page itself on the item_details view; the default
        # facets are configured and any column can still be faceted from its menu. A facet that
        # takes longer than its limit is left out rather than holding one of the SQL threads; the
        # threads are more than the 2 cores because most queries are short and should not queue
        # behind a long one (SQLite releases the GIL while it works).
        settings={"sql_time_limit_ms": 5000, "facet_time_limit_ms": FACET_TIME_LIMIT_MS,
                  "num_sql_threads": SQL_THREADS, "suggest_facets": False, "default_facet_size": FACET_SIZE,
                  **(settings or {})},
        secret=datasette_secret or cookie_secret(),
    )
    datasette.hmicfrs = ServeSettings(db_path.resolve(), name, secret, tuple(Path(d) for d in pdf_dirs), public_url,
                                      limiter=FailureLimiter.shared_by(processes),
                                      grant_key=grant_key or secrets.token_bytes(32),
                                      page_cache_bytes=max(0, page_cache_mb) << 20)
    return datasette


def _register_plugin() -> None:
    """The plugin comes in through its entry point (pipeline.serve.plugin); registered here only
    where entry points were not loaded (a checkout that was never installed), never twice."""
    from datasette.plugins import pm

    from pipeline.serve import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, "hmicfrs")


def _quiet_refused_decisions() -> None:
    """A refused or invalid decision from a canned query is reported to the reviewer; Datasette
    turns on sqlite3 callback tracebacks, which would also print it to the console as a traceback."""
    if not isinstance(sys.unraisablehook, _QuietHook):
        sys.unraisablehook = _QuietHook(sys.unraisablehook)


class _QuietHook:
    """sys.unraisablehook: a refused review decision is dropped, anything else passed on."""

    def __init__(self, default):
        self.default = default

    def __call__(self, unraisable) -> None:
        expected = isinstance(unraisable.exc_value, (PipelineError, PermissionError))
        if expected and getattr(unraisable.object, "__name__", "") == "hmicfrs_review":
            return
        self.default(unraisable)


# ---------------------------------------------------------------------------------------------
# Decisions from the browser: the same functions the CLI calls


def decide(db_path: Path, item_id: str, action: str, by: str, note: str | None = None,
           field_name: str | None = None, value: str | None = None) -> dict:
    """Accept, reject or correct one field of an item; returns the item as it now is."""
    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}")
    db = store.connect(db_path, create=False)
    try:
        if action == "accept":
            return review.accept(db, item_id, by=by, note=note)
        if action == "reject":
            return review.reject(db, item_id, by=by, note=note)
        if not field_name:
            raise ReviewError("a correction needs a field")
        return review.correct(db, item_id, {field_name: value or ""}, by=by, note=note)
    finally:
        db.conn.close()


def record_outcome(settings: ServeSettings, actor: str, item_id: str, message: str, ok: bool) -> None:
    db = store.connect(settings.db_path, create=False)
    try:
        store.record_outcome(db, actor, item_id, message, ok)
    finally:
        db.conn.close()


def take_outcome(settings: ServeSettings, actor: str) -> tuple[str, str, bool] | None:
    db = store.connect(settings.db_path, create=False)
    try:
        return store.take_outcome(db, actor)
    finally:
        db.conn.close()


def item_with_evidence(db_path: Path, item_id: str) -> tuple[dict, str]:
    db = store.connect(db_path, create=False)
    try:
        row = review.find_item(db, item_id)
        return row, review.context_of(db, row) if row.get("page") else ""
    finally:
        db.conn.close()


def calendar_text(db_path: Path, addressee: str | None, base_url: str | None = None) -> str:
    from pipeline.brief.ical import calendar_for

    db = store.connect(db_path, create=False)
    try:
        from pipeline.review.ours import stored_org  # the feed follows the organisation the database is kept for

        return calendar_for(db, addressee=addressee, base_url=base_url, org=stored_org(db))
    finally:
        db.conn.close()


# ---------------------------------------------------------------------------------------------
# PDFs: only files named in the reports table, and only while their bytes are the ingested ones


REPORT_FILE_SQL = "select file, path, sha256 from reports where id = ?"


def pdf_for_report(settings: ServeSettings, row: dict | None) -> Path | None:
    """The PDF file of a reports row (REPORT_FILE_SQL), or None when it is not where it was."""
    if not row:
        return None
    for candidate in _candidates(settings, row["path"] or "", row["file"]):
        if _is_the_report(settings, candidate, row["sha256"]):
            return candidate
    return None


def _candidates(settings: ServeSettings, stored: str, file: str) -> list[Path]:
    # Names are stored escaped (paths.shown); the file itself may have the bytes the escapes stand
    # for. Both are tried, and the hash check below tells them apart.
    found: list[Path] = []
    for stored_form, name in dict.fromkeys([(stored, file), (unescaped(stored), unescaped(file))]):
        found += _places(settings, stored_form, name)
    return found


def _places(settings: ServeSettings, stored: str, file: str) -> list[Path]:
    stored_path = Path(stored)
    if stored_path.is_absolute():
        found = [stored_path]
    else:
        # Relative paths were relative to wherever ingest ran: try the usual places.
        bases = [Path.cwd(), settings.db_path.parent, settings.db_path.parent.parent]
        found = [base / stored_path for base in bases]
    found += [directory / file for directory in settings.pdf_dirs]
    return found


def _is_the_report(settings: ServeSettings, path: Path, sha256: str) -> bool:
    try:
        if not path.is_file() or path.suffix.lower() != ".pdf":
            return False
        stat = path.stat()
    except OSError:
        return False
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in settings._verified:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        settings._verified[key] = digest.hexdigest()
    return settings._verified[key] == sha256
