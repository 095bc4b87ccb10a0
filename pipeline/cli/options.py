"""Options every command shares, declared once (as sqlite-utils declares its shared options)."""
from __future__ import annotations

from pathlib import Path

import click

from pipeline import store


def db_option(help_text: str = "SQLite database file.", must_exist: bool = False):
    """--db DB_PATH, defaulting to extracted/hmicfrs.db."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, exists=must_exist, path_type=Path),
        default=store.DEFAULT_DB, show_default=True, help=help_text,
    )
