"""Whether the database has changed: SQLite's `PRAGMA data_version` on a connection of its own.

The number changes whenever another connection (any process's) commits, and only then, so a
reader can keep what it worked out from the data until the number moves. Reading it costs a few
microseconds (the WAL index, no query). The connection is read only and never writes.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class ChangeCounter:
    """Call it for a number that differs after any commit by another connection."""

    def __init__(self, path: Path | str):
        uri = Path(path).resolve().as_uri() + "?mode=ro"  # as_uri escapes what a URI may not hold
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            return self._conn.execute("pragma data_version").fetchone()[0]

    def close(self) -> None:
        self._conn.close()
