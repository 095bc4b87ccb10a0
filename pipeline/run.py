"""Running the pipeline: a batch of files through ingest and extraction into the store, and
extraction run again over stored pages. The CLI calls these and only formats what they return;
extraction itself (pipeline.extract) is pure: pages in, items out.

The row conversions here are the storage edge, where the extractor's dataclasses become dicts.
"""
from __future__ import annotations

import json
import threading
from dataclasses import asdict, replace

from pipeline import lineage, store
from pipeline.extract import Extractor, ReportCheck, ReportInput
from pipeline.ingest.batch import IngestOptions, IngestSummary, ingest
from pipeline.models import CleanPage, Item, Suspect
from pipeline.org_subjects import record_subject
from pipeline.respond import link_all
from pipeline.rules import RuleSet


def make_extractor(rules: RuleSet) -> Extractor:
    from pipeline.extract.nlp import build_nlp  # spaCy: loaded only when something is to be extracted

    return Extractor(rules, build_nlp(rules))


class LazyExtractor:
    """The extractor, built in a thread while the first PDFs are parsed (spaCy takes a while to
    load; a batch of files already stored never needs it)."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self._extractor: Extractor | None = None
        self._loader: threading.Thread | None = None

    def load_in_background(self) -> None:
        # The main process waits on the parser processes meanwhile, so this costs no wall time.
        if self._loader is None:
            self._loader = threading.Thread(target=self._load_quietly, daemon=True)
            self._loader.start()

    def _load_quietly(self) -> None:
        try:
            self._extractor = make_extractor(self.rules)
        except Exception:  # extract() builds it again in the calling thread and raises there
            pass

    def extract(self, report: ReportInput) -> tuple[list[Item], ReportCheck]:
        if self._loader is not None:
            self._loader.join()
        if self._extractor is None:
            self._extractor = make_extractor(self.rules)
        return self._extractor.extract(report)


def ingest_batch(db, files, options: IngestOptions, rules: RuleSet, progress=None):
    """Parse, store and extract every file; returns the batch summary and, per stored report,
    its items and completeness check (for the caller to print)."""
    extractor = LazyExtractor(rules)
    options = replace(options, on_parse=extractor.load_in_background)
    extracted: dict[str, tuple[list[Item], ReportCheck]] = {}

    def on_document(db_, doc) -> None:
        # inside the report's own transaction: the report and its extraction land together
        report = store.report_rows(db_, [doc.report_id])[0]
        items, check = extractor.extract(report_input(report, store.stored_pages(db_, doc.report_id)))
        write_report_items(db_, doc.report_id, items, check, rules.fingerprint)
        record_subject(db_, doc.report_id, rules.directory)  # the force or service it is about
        lineage.refresh(db_, doc.report_id, rules)  # later reports' verdicts on earlier items (suggestions)
        extracted[doc.report_id] = (items, check)

    summary: IngestSummary = ingest(db, files, options, progress=progress, on_document=on_document)
    if extracted:
        # a response and the report it answers may arrive in either order: link them all again
        link_all(db, rules)
    return summary, extracted


def report_input(report_row: dict, pages: tuple[CleanPage, ...]) -> ReportInput:
    return ReportInput(
        report_id=report_row["id"],
        published=report_row.get("published"),
        family=report_row.get("family") or "other",
        title=report_row.get("title"),
        pages=pages,
    )


def item_rows(items: list[Item]) -> tuple[list[dict], list[dict]]:
    rows, addressee_rows = [], []
    for item in items:
        rows.append(
            {
                "id": item.id, "report_id": item.report_id, "seq": item.sequence, "kind": item.kind,
                "number": item.number, "label": item.label, "parent": item.parent, "text": item.text,
                "addressees": json.dumps([a.id for a in item.addressees if a.id]),
                "addressee_text": item.addressee_text, "deadline_kind": item.deadline.kind,
                "deadline_date": item.deadline.date, "deadline_text": item.deadline.text,
                "deadline_rule": item.deadline.rule, "page": item.page, "page_end": item.page_end,
                "start": item.start, "end": item.end, "rules": json.dumps(list(item.rules)),
                "needs_review": int(bool(item.doubts)), "doubts": json.dumps(list(item.doubts)),
            }
        )
        for position, addressee in enumerate(item.addressees):
            addressee_rows.append(
                {
                    "item_id": item.id, "report_id": item.report_id, "position": position,
                    "addressee": addressee.id, "text": addressee.text, "known": int(addressee.id is not None),
                    "rule": addressee.rule,
                }
            )
    return rows, addressee_rows


def check_row(check: ReportCheck, fingerprint: str) -> dict:
    row = asdict(check)
    del row["suspects"]  # rows of their own (suspect_rows)
    for key in ("numbering_gaps", "numbering_duplicates", "notes"):
        row[key] = json.dumps(list(row[key]))
    row["problems"] = json.dumps([{"code": p.code, "message": p.message} for p in check.problems], ensure_ascii=False)
    row["needs_review"] = int(check.needs_review)
    row["rules_fingerprint"] = fingerprint
    return row


def extract_reports(db, extractor: Extractor, report_ids: list[str] | None = None, dry_run: bool = False,
                    progress=None) -> list[tuple[dict, ReportCheck, dict[str, int]]]:
    """Re-run extraction over stored pages (never the PDFs), one transaction per report: each
    report's row, check and item counts by kind."""
    results = []
    for report in store.report_rows(db, report_ids):
        items, check = extractor.extract(report_input(report, store.stored_pages(db, report["id"])))
        if not dry_run:
            write_report_items(db, report["id"], items, check, extractor.rules.fingerprint)
            record_subject(db, report["id"], extractor.rules.directory)
            lineage.refresh(db, report["id"], extractor.rules)
        counts: dict[str, int] = {}
        for item in items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        results.append((report, check, counts))
        if progress:
            progress(report, check)
    if not dry_run:
        link_all(db, extractor.rules)  # responses to the items just extracted
    return results


def suspect_rows(suspects: tuple[Suspect, ...]) -> list[dict]:
    return [{"seq": seq, **asdict(suspect)} for seq, suspect in enumerate(suspects, start=1)]


def write_report_items(db, report_id: str, items: list[Item], check: ReportCheck, fingerprint: str) -> None:
    rows, addressee_rows = item_rows(items)
    with store.transaction(db):
        store.write_items(db, report_id, rows, addressee_rows, check_row(check, fingerprint), suspect_rows(check.suspects))
