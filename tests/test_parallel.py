"""Parallel ingest: N workers store what 1 worker stores; workers are recycled, stopped and replaced."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pdf_makers import make_report
from pool_tasks import boom, die, pid, sleep_then_pid, span
from pipeline.ingest import workers as workers
from pipeline.cli.main import cli
from pipeline.ingest.document import clean_document
from pipeline import store
from pipeline.ingest.batch import IngestOptions, discover
from pipeline.ingest.worker import parse_and_clean, worker_init
from pipeline.ingest.batch import ingest as ingest_lib
from pipeline.ingest.pdf import open_pdf, parse_pdf
from pipeline.rules import load_rules

pytestmark = pytest.mark.slow  # processes, many PDFs or long generated corpora: `pytest -m "not slow"` skips it

REPO = Path(__file__).resolve().parents[1]
TOPICS = ["Vetting and misconduct", "Stalking and harassment", "Custody services", "Digital forensics",
          "Serious and organised crime"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for index, topic in enumerate(TOPICS):
        make_report(folder / f"report{index}.pdf", topic, pages=3 + index)
    return folder


def dump(db: Path) -> dict[str, list[str]]:
    """Each table's rows, order-free; FTS shadow tables are left out (their layout is theirs)."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")
                  if "_fts" not in r[0]]
        return {t: sorted(map(repr, conn.execute(f"select * from [{t}]"))) for t in tables if t != "ingest_errors"}
    finally:
        conn.close()


def ingest(folder: Path, db: Path, *args: str):
    return CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "-q", *args], catch_exceptions=False)


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path, folder):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert ingest(folder, one, "--workers", "1").exit_code == 0
    assert ingest(folder, two, "--workers", "2").exit_code == 0
    assert dump(one) == dump(two)
    assert dump(one)["reports"] and len(dump(one)["reports"]) == len(TOPICS)


def test_workers_recycled_every_few_pages_give_the_same_rows(tmp_path, folder):
    reference, recycled = tmp_path / "ref.db", tmp_path / "recycled.db"
    assert ingest(folder, reference, "--workers", "1").exit_code == 0
    db = store.connect(recycled)
    summary = ingest_lib(db, discover([str(folder)]), IngestOptions(workers=2, pages_per_worker=4))
    assert [o.status for o in summary.outcomes] == ["ingested"] * len(TOPICS)
    db.conn.close()
    assert dump(reference)["pages"] == dump(recycled)["pages"]
    assert dump(reference)["reports"] == dump(recycled)["reports"]


def test_pages_streamed_into_layout_give_the_same_document_as_pages_read_first(folder, real_pdf_reads):
    """Ingest streams pages (pdf.open_pdf) so words are never all in memory; clean_document must
    therefore iterate the pages once and give what it gives for a fully read document."""
    rules = load_rules()
    for path in sorted(folder.glob("*.pdf"))[:2] + sorted((REPO / "corpus").glob("*.pdf"))[:1]:
        with open_pdf(path) as streamed:
            from_stream = clean_document(streamed, rules)
        assert from_stream == clean_document(parse_pdf(path), rules), path.name


def test_parse_and_clean_reports_bad_input_as_a_failure_not_an_exception(tmp_path):
    worker_init(None)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really\n")
    result = parse_and_clean(str(bad), None)
    assert isinstance(result, workers.TaskFailed) and result.code == "corrupt_pdf"


# --- the worker pool itself -------------------------------------------------------------------


def run(tasks, size=1, **limits):
    return dict(workers.run(tasks, size, workers.Limits(**limits)))


def test_a_worker_is_replaced_after_its_quota_of_pages():
    results = run([(n, pid, (n,)) for n in range(6)], recycle_after=2)
    assert results[0] == results[1] != results[2] == results[3] != results[4] == results[5]


def test_a_task_past_its_deadline_is_stopped_and_the_rest_run():
    started = time.monotonic()
    results = run([("slow", sleep_then_pid, (60,)), ("quick", pid, (1,))], timeout=1.0)
    assert isinstance(results["slow"], workers.TaskFailed) and results["slow"].code == "timeout"
    assert isinstance(results["quick"], int)
    assert time.monotonic() - started < 20


def test_a_worker_that_dies_fails_its_task_only():
    results = run([("dies", die, (0,)), ("after", pid, (1,)), ("bug", boom, (2,))])
    assert results["dies"].code == "worker_died" and "SIGKILL" in results["dies"].reason
    assert isinstance(results["after"], int)
    assert results["bug"].code == "internal_error" and "RuntimeError: a bug" in results["bug"].reason


def test_two_workers_run_at_once():
    results = run([(n, span, (1.0,)) for n in range(2)], size=2)
    (pid_a, start_a, end_a), (pid_b, start_b, end_b) = results.values()
    assert pid_a != pid_b
    assert max(start_a, start_b) < min(end_a, end_b)  # the two tasks overlapped


def test_a_worker_stops_soon_after_its_ingest_is_killed(tmp_path):
    """kill -9 of the ingest alone (an out-of-memory kill, say): its worker must not parse on for
    minutes with nobody to stop it."""
    note = tmp_path / "worker.pid"
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pipeline.ingest import workers; import pool_tasks;"
        "list(workers.run([(1, pool_tasks.note_pid_then_sleep, (sys.argv[2], 120))], 1, workers.Limits()))"
    )
    parent = subprocess.Popen([sys.executable, "-c", script, str(Path(__file__).parent), str(note)])
    deadline = time.monotonic() + 60
    while not (note.exists() and note.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker = int(note.read_text())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 15
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
