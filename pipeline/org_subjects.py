"""Each report's subject: the force or service it is about, from its title and cover.

Worked out when a report is stored or extracted (run.py), for every stored report by the
migration that added subjects, and again by `hmicfrs org subjects` after a gazetteer edit.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline import store
from pipeline.gazetteer import Gazetteer, load_gazetteer


@dataclass(frozen=True)
class SubjectChange:
    report_id: str
    title: str | None
    old: str | None
    new: str | None
    how: str | None


def subject_for(gazetteer: Gazetteer, title: str | None, cover: str | None) -> tuple[str | None, str | None, str | None]:
    """(subject id, its kind, "title" or "cover"); all None for a national report."""
    subject, how = gazetteer.subject_of(title, cover)
    return subject, (gazetteer.known(subject).kind if subject else None), how


def refresh_subjects(db, gazetteer: Gazetteer | None = None, report_ids: list[str] | None = None,
                     dry_run: bool = False) -> list[SubjectChange]:
    """Work the subjects out again and store those that changed; returns the changes."""
    gazetteer = gazetteer or load_gazetteer()
    changes = []
    for row in store.subject_inputs(db, report_ids):
        subject, kind, how = subject_for(gazetteer, row["title"], row["cover"])
        if (subject, kind, how) != (row["subject"], row["subject_kind"], row["subject_how"]):
            changes.append(SubjectChange(row["id"], row["title"], row["subject"], subject, how))
            if not dry_run:
                store.write_subject(db, row["id"], subject, kind, how)
    return changes


def record_subject(db, report_id: str, rules_dir: str | None) -> None:
    """The subject of one report just stored or extracted, in the caller's transaction."""
    refresh_subjects(db, load_gazetteer(rules_dir), [report_id])
