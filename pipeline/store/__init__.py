"""The store: the only package that imports sqlite_utils. Schema and migrations (schema.py), the
connection and its transactions (connection.py), reports and pages (reports.py), items, people's
decisions, suspects and checks (items.py).

Each report's rows are written in one transaction, so a crash leaves either all of a report or
none of it. The schema version lives in PRAGMA user_version; migrations upgrade in place.
"""
from pipeline.store.connection import DEFAULT_DB, BUSY_TIMEOUT_MS, _Connection, transaction  # noqa: F401
from pipeline.store.schema import connect, MIGRATIONS, SCHEMA_VERSION, schema_version, migrate, backup  # noqa: F401
from pipeline.store.reports import report_id_for, find_report, known_hashes, write_document, delete_derived_rows, delete_report_rows, DERIVED_TABLES, record_error, front_page_texts, tracking_rows, addressee_ids_in_use, another_writer, integrity_and_counts  # noqa: F401
from pipeline.store.items import has_corrections, report_rows, stored_pages, write_items, item_export_rows, page_text, upsert_review, upsert_correction, insert_manual_item, audit, upsert_tracking, suspect_rows, find_suspect, insert_suspect_decision, report_check_rows  # noqa: F401
from pipeline.store.fetch import url_state, save_url, url_failed, page_links, save_feed_entries, feed_entry_rows, has_source, latest_report_from, add_report_sources, report_sources_by_report  # noqa: F401
from pipeline.store.org import report_subjects, get_setting, set_setting, write_subject, subject_inputs, ours_rows, response_due_rows, responded_reports, upsert_report_tracking, RESPONSE_PREFIX  # noqa: F401
from pipeline.store.lineage import write_assessments, assessment_rows, set_links, lineage_for_item, latest_lineage  # noqa: F401
from pipeline.store.responses import write_responses, drop_responses_except, report_items, responses_by_item, response_document_rows  # noqa: F401
from pipeline.store.outcomes import record_outcome, take_outcome  # noqa: F401
from pipeline.store.versions import ChangeCounter  # noqa: F401
