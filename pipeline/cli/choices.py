"""Filters that name a kind, an addressee or a report are checked before any work: a value the
database cannot hold is a usage error (exit 2) with the nearest valid value, never an empty result
that reads as "nothing to do" (`export --kind recomendation` once said "exported 0 items")."""
from __future__ import annotations

import difflib
from typing import Iterable

import click

from pipeline import store
from pipeline.models import ITEM_KINDS
from pipeline.review.decisions import known_addressees


def _refuse(what: str, value: str, valid: Iterable[str], option: str) -> None:
    valid = sorted(set(valid))
    near = difflib.get_close_matches(value, valid, n=1, cutoff=0.6)
    hint = f"did you mean {near[0]!r}?" if near else f"one of: {', '.join(valid[:12])}{' ...' if len(valid) > 12 else ''}"
    raise click.UsageError(f"{option}: unknown {what} {value!r}: {hint}")


def check_kind(value: str | None, option: str = "--kind") -> str | None:
    if value is not None and value not in ITEM_KINDS:
        _refuse("kind", value, ITEM_KINDS, option)
    return value


def check_addressee(db, value: str | None, option: str = "--addressee", also: tuple[str, ...] = ()) -> str | None:
    """`also`: words a command takes beside the ids (the calendar's and the brief's "ours")."""
    if value is not None and value not in also:
        known = known_addressees(db) | set(also)
        if value not in known:
            _refuse("addressee id", value, known, option)
    return value


def check_report(db, value: str | None, option: str = "--report") -> str | None:
    """The report's id for an id, SHA-256 or file name (what every --report takes)."""
    if value is None:
        return None
    found = store.report_id_for(db, value)
    if found is None:
        names = [name for row in store.report_rows(db) for name in (row["file"], row["id"])]
        _refuse("report", value, names, option)
    return found


def check_filters(db, *, kind: str | None = None, addressee: str | None = None, report: str | None = None) -> str | None:
    """Check the three filters; returns the report's id (or None)."""
    check_kind(kind)
    check_addressee(db, addressee)
    return check_report(db, report)
