"""Opening the database: a connection whose transactions nest, and the busy timeout.

Why a hand-made wrapper and not sqlite-utils' own transactions: the sqlite-utils this project pins
(>=3.37,<4) has none. Its create/insert/upsert/update/delete/delete_where/transform each run in
`with db.conn:`, which on a connection in autocommit mode (isolation_level=None, as here) COMMITs
whatever transaction is open, so one report's rows would land half-written; its documentation says
so (python-api.rst: ".insert() and .insert_all() commit writes in batches ... may commit earlier
than expected"). `db.atomic()` (nested, with savepoints) first appears in sqlite-utils 4.0rc1
(simonw/sqlite-utils#755), a pre-release with other breaking changes. Moving to it would also need
care to keep what tests/test_concurrency.py and tests/test_crash_resume.py rely on: a writer takes
the write lock at BEGIN IMMEDIATE (so a second ingest waits, and says so, instead of failing on an
upgrade deadlock), a migration's executescript() stays inside the transaction, and an inner block
never commits. Revisit when the pin moves to 4.x.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils
from sqlite_utils.db import Table

from pipeline.errors import StoreError


DEFAULT_DB = Path("extracted/hmicfrs.db")
BUSY_TIMEOUT_MS = 60_000


class _Connection(sqlite3.Connection):
    """A connection whose `with conn:` blocks join an enclosing transaction instead of committing.

    sqlite-utils wraps each insert chunk in `with conn:`, which would commit half a report; inside
    `transaction()` those inner blocks must not commit.
    """

    outer_transaction = False

    def __enter__(self):
        if self.outer_transaction:
            return self
        return super().__enter__()

    def __exit__(self, exc_type, exc, tb):
        if self.outer_transaction:
            return False
        return super().__exit__(exc_type, exc, tb)

    def executescript(self, script: str):
        """Inside `transaction()`, run the statements one by one: executescript() would COMMIT first
        and a migration (FTS set-up uses it) would no longer be all or nothing."""
        if not self.outer_transaction:
            return super().executescript(script)
        statement = ""
        cursor = self.cursor()
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                cursor.execute(statement)
                statement = ""
        if statement.strip():
            cursor.execute(statement)
        return cursor


def table(db: sqlite_utils.Database, name: str) -> Table:
    """The named table to create or write: sqlite-utils' `db[name]` may also be a view, which
    cannot be written, so the type says which it is."""
    found = db.table(name)
    if not isinstance(found, Table):
        raise StoreError(f"{name} is a view, not a table")
    return found


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One IMMEDIATE transaction: a second writer waits for the first (up to the busy timeout)."""
    conn = db.conn
    if not isinstance(conn, _Connection):
        # a plain connection would commit each chunk sqlite-utils writes: half a report on a crash
        raise StoreError("a transaction needs a database opened through store.connect()")
    if conn.outer_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    conn.outer_transaction = True
    try:
        yield
    except BaseException:
        conn.outer_transaction = False
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.outer_transaction = False
    # executescript() (used by FTS set-up) commits by itself; only commit what is still open.
    if conn.in_transaction:
        conn.execute("COMMIT")
