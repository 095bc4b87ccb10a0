"""What ingest is given, as opposed to what is in the PDFs: odd file names, files that change or
vanish during the batch, things in a folder that are not files, names that look like patterns.

Each input is either stored or named with a reason; the batch always goes on to its summary."""
from __future__ import annotations

import asyncio
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from pdf_makers import make_image_only, make_no_pages, make_page_tree_loop, make_report
from pipeline.ingest import pdf as pdf_module
from pipeline import store
from pipeline.serve import app as serve
from pipeline.cli.main import cli
from pipeline.ingest.batch import IngestOptions, discover, ingest
from pipeline.ingest.worker import parse_and_clean, worker_init
from pipeline.paths import shown, unescaped
from pipeline.ingest.pdf import sha256_of
from pipeline.ingest.workers import TaskFailed


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("made")
    return {
        "first": make_report(folder / "first.pdf", "First edition", pages=2),
        "second": make_report(folder / "second.pdf", "Second edition", pages=3),
        "third": make_report(folder / "third.pdf", "Third edition", pages=2),
    }


def ingest_cli(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args, "--workers", "1", "-q"], catch_exceptions=False)


def rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def failed_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("  failed: ")]


def raw_controls(text: str) -> set[str]:
    return {ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"}


# --- 1. names that are not UTF-8 ----------------------------------------------------------------


@pytest.mark.usefixtures("parse_in_process")  # about names and discovery, not the parser process
def test_a_name_that_is_not_utf8_is_stored_escaped_and_the_batch_goes_on(tmp_path, made):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(made["first"], folder / "a.pdf")
    shutil.copy(made["second"], Path(os.fsdecode(bytes(folder) + b"/caf\xe9.pdf")))
    shutil.copy(made["third"], folder / "z.pdf")
    db = tmp_path / "h.db"
    result = ingest_cli(str(folder), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "ingested 3 (7 pages), skipped 0 unchanged, failed 0" in result.output
    assert sorted(rows(db, "select file from reports")) == [("a.pdf",), ("caf\\xe9.pdf",), ("z.pdf",)]
    again = ingest_cli(str(folder), "--db", str(db))
    assert again.exit_code == 0 and "ingested 0 (0 pages), skipped 3 unchanged, failed 0" in again.output
    # The stored, escaped path still finds the file: `hmicfrs serve` sends the PDF.
    [(report_id,)] = rows(db, "select id from reports where file = ?", "caf\\xe9.pdf")
    response = asyncio.run(serve.build_datasette(db).client.get(f"/-/hmicfrs/pdf/{report_id}.pdf"))
    assert response.status_code == 200, response.text
    assert response.content == made["second"].read_bytes()
    assert response.headers["content-disposition"] == "inline; filename*=UTF-8''caf%5Cxe9.pdf"


# name or path as Python holds it -> its display form, which is also what the database stores
SHOWN = [
    ("report.pdf", "report.pdf"),
    (os.fsdecode(b"caf\xe9.pdf"), "caf\\xe9.pdf"),  # a byte that is not UTF-8
    (b"caf\xc3\xa9.pdf", "caf\u00e9.pdf"),  # the same name in UTF-8: as it is
    ("caf\u0065\u0301.pdf", "caf\u0065\u0301.pdf"),  # NFD: printable, as it is
    ("\x1b]0;title\x07.pdf", "\\x1b]0;title\\x07.pdf"),
    ("tab\tand\rreturn.pdf", "tab\\x09and\\x0dreturn.pdf"),
    ("del\x7f.pdf", "del\\x7f.pdf"),
    ("csi\x9b.pdf", "csi\\u009b.pdf"),  # a C1 control, not the byte 9b
    ("sep\u2028.pdf", "sep\\u2028.pdf"),
    ("\u202eevil.pdf", "\\u202eevil.pdf"),
    ("PEEL [final] *?.pdf", "PEEL [final] *?.pdf"),
    ("-leading.pdf", "-leading.pdf"),
    ("nbsp\u00a0and\u200bzwsp.pdf", "nbsp\u00a0and\u200bzwsp.pdf"),  # invisible but inert
    (Path("/tmp") / "a\x1b.pdf", "/tmp/a\\x1b.pdf"),
]


@pytest.mark.parametrize("name, expected", SHOWN)
def test_the_display_form_of_a_name_and_its_way_back(name, expected):
    assert shown(name) == expected
    assert not raw_controls(expected)
    assert os.fsencode(unescaped(expected)) == os.fsencode(name)


# --- 2. files replaced or changed during the batch ---------------------------------------------


@pytest.mark.usefixtures("parse_in_process")  # the hash of what the parser read; the parser runs here
def test_a_file_replaced_before_its_parser_reads_it_is_stored_under_the_hash_of_what_was_parsed(tmp_path, made):
    target = tmp_path / "peel.pdf"
    shutil.copy(made["first"], target)
    db = store.connect(tmp_path / "h.db")
    # on_parse runs after every file was hashed and before any parser starts.
    summary = ingest(db, [target], IngestOptions(workers=1, on_parse=lambda: shutil.copy(made["second"], target)))
    assert [o.status for o in summary.outcomes] == ["ingested"]
    stored = lambda: sorted(db.execute("select sha256, title from reports").fetchall())  # noqa: E731
    assert stored() == [(sha256_of(made["second"]), "Second edition")]
    # The next run has nothing new to store, and the first bytes are not taken as stored.
    assert [o.status for o in ingest(db, [target], IngestOptions(workers=1)).outcomes] == ["skipped"]
    shutil.copy(made["first"], target)
    assert [o.status for o in ingest(db, [target], IngestOptions(workers=1)).outcomes] == ["ingested"]
    assert stored() == sorted([(sha256_of(made["second"]), "Second edition"),
                               (sha256_of(made["first"]), "First edition")])


def test_a_file_that_changes_while_its_parser_reads_it_is_refused(tmp_path, made, monkeypatch):
    worker_init(None)
    target = tmp_path / "peel.pdf"
    shutil.copy(made["first"], target)
    real_read = pdf_module._read_all

    def read_then_someone_writes(fd: int) -> bytes:
        data = real_read(fd)
        with open(target, "ab") as handle:
            handle.write(b"% appended while it was read\n")
        return data

    monkeypatch.setattr(pdf_module, "_read_all", read_then_someone_writes)
    result = parse_and_clean(str(target), None)
    assert isinstance(result, TaskFailed)
    assert (result.code, result.reason) == ("changed_during_read", "the file changed while it was read; try again")
    monkeypatch.setattr(pdf_module, "_read_all", real_read)
    assert not isinstance(parse_and_clean(str(target), None), TaskFailed)  # near miss: left alone, it reads


@pytest.mark.usefixtures("parse_in_process")  # what the parser finds; the parser runs here
@pytest.mark.parametrize("when", ["before hashing", "before parsing"])
def test_a_file_deleted_during_the_batch_is_named_as_vanished(tmp_path, made, when):
    target = tmp_path / "gone.pdf"
    shutil.copy(made["first"], target)
    db = store.connect(tmp_path / "h.db")
    files = discover([str(target)])
    if when == "before hashing":
        target.unlink()
    options = IngestOptions(workers=1, on_parse=lambda: target.unlink(missing_ok=True))
    [outcome] = ingest(db, files, options).outcomes
    assert (outcome.status, outcome.code, outcome.reason) == (
        "failed", "vanished", "the file was removed or replaced during the batch")
    assert db.execute("select file, code from ingest_errors").fetchall() == [("gone.pdf", "vanished")]


# --- 3. things in a folder that are not files --------------------------------------------------


def scandir_denied(monkeypatch, denied: Path) -> None:
    """Tests run as root, whom file modes do not stop: refuse to list `denied` as the OS would."""
    real = os.scandir

    def scandir(path="."):
        # shutil.rmtree lists folders by descriptor (an int), which names no path to refuse
        if not isinstance(path, int) and os.fsencode(path) == os.fsencode(denied):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


# name in the folder -> (ingest_errors.code, reason); None: ignored without a word (not a PDF by name)
NOT_FILES = {
    "dangling.pdf": ("broken_link", "broken symbolic link (its target does not exist)"),
    "loop.pdf": ("link_loop", "symbolic link loop"),
    "pipe.pdf": ("not_a_file", "not a regular file (a FIFO)"),
    "locked": ("unreadable", "cannot read folder: Permission denied"),
    "pipe.txt": None,
    "dangling.txt": None,
}


@pytest.mark.usefixtures("parse_in_process")  # about discovery, not the parser process
def test_links_pipes_and_unreadable_folders_are_named_and_linked_folders_followed_once(tmp_path, made, monkeypatch):
    root = tmp_path / "in"
    elsewhere = tmp_path / "elsewhere"
    for folder in (root, elsewhere, root / "locked"):
        folder.mkdir()
    shutil.copy(made["first"], root / "good.pdf")
    shutil.copy(made["second"], elsewhere / "linked.pdf")
    shutil.copy(made["third"], root / "locked" / "hidden.pdf")
    os.symlink("missing.pdf", root / "dangling.pdf")
    os.symlink("missing.txt", root / "dangling.txt")
    os.symlink("loop.pdf", root / "loop.pdf")
    os.mkfifo(root / "pipe.pdf")
    os.mkfifo(root / "pipe.txt")
    os.symlink(elsewhere, root / "sub")  # a linked folder is followed ...
    os.symlink(root, elsewhere / "back")  # ... once, though it links back
    scandir_denied(monkeypatch, root / "locked")
    db = tmp_path / "h.db"
    result = ingest_cli(str(root), "--db", str(db))
    assert result.exit_code == 1, result.output
    assert "ingested 2 (5 pages), skipped 0 unchanged, failed 4" in result.output
    lines = failed_lines(result.output)
    for name, expected in NOT_FILES.items():
        named = [line for line in lines if f"/{name}: " in line]
        assert named == ([f"  failed: {root / name}: {expected[1]}"] if expected else []), (name, result.output)
    errors = dict(rows(db, "select file, code from ingest_errors"))
    assert errors == {name: expected[0] for name, expected in NOT_FILES.items() if expected}
    assert sorted(rows(db, "select file from reports")) == [("good.pdf",), ("linked.pdf",)]


@pytest.mark.slow  # the command in its own process, which a FIFO could hang
@pytest.mark.parametrize("make, reason", [
    (lambda path: os.mkfifo(path), "not a regular file (a FIFO)"),
    (lambda path: os.symlink("nowhere.pdf", path), "broken symbolic link (its target does not exist)"),
])
def test_a_named_input_that_is_not_a_file_is_refused_without_opening_it(tmp_path, make, reason):
    target = tmp_path / "input.pdf"
    make(target)
    command = [sys.executable, "-m", "pipeline", "ingest", str(target), "--db", str(tmp_path / "h.db")]
    # A parser that opened the FIFO would wait for a writer for ever: the time limit catches that.
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert f"  failed: {target}: {reason}" in done.stderr
    assert "failed 1" in done.stderr and "Traceback" not in done.stderr


# --- 4. names that look like patterns ----------------------------------------------------------


# argument -> the files it ingests; a path that exists is taken literally, only others are globs
PATTERNS = [
    ("PEEL report [final].pdf", ["PEEL report [final].pdf"]),
    ("star*.pdf", ["star*.pdf"]),
    ("what?.pdf", ["what?.pdf"]),
    ("PEEL report [f]*.pdf", ["PEEL report f.pdf"]),  # near miss: no such file, so a pattern
    ("sta*.pdf", ["star*.pdf", "starry.pdf"]),
]


@pytest.fixture(scope="module")
def pattern_names(tmp_path_factory) -> Path:
    """The files every row looks among, drawn once and copied per row."""
    folder = tmp_path_factory.mktemp("patterns")
    for name in ["PEEL report [final].pdf", "PEEL report f.pdf", "star*.pdf", "starry.pdf", "what?.pdf", "whats.pdf"]:
        make_report(folder / name, name, pages=2)
    return folder


@pytest.mark.usefixtures("parse_in_process")  # about names and discovery, not the parser process
@pytest.mark.parametrize("argument, expected", PATTERNS)
def test_a_path_that_exists_is_taken_literally(tmp_path, pattern_names, argument, expected):
    folder = tmp_path / "in"
    shutil.copytree(pattern_names, folder)
    db = tmp_path / "h.db"
    result = ingest_cli(str(folder / argument), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert sorted(rows(db, "select file from reports")) == [(name,) for name in sorted(expected)]


# --- 5. reasons that say what happened, and names shown escaped --------------------------------


# file -> (ingest_errors.code, the reason printed)
PAGE_TREES = {
    "no-pages.pdf": ("no_pages", "the PDF has no pages"),
    "tree-loop.pdf": ("corrupt_pdf", "corrupt PDF: its page tree loops back on itself, so no page can be read"),
    "scan.pdf": ("no_text_layer", "no text layer (needs OCR)"),  # near miss: pages, but no text
}


@pytest.mark.usefixtures("parse_in_process")  # the parser's reasons; the parser runs here
def test_an_empty_or_looping_page_tree_is_not_called_a_scan(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    make_no_pages(folder / "no-pages.pdf")
    make_page_tree_loop(folder / "tree-loop.pdf")
    make_image_only(folder / "scan.pdf")
    db = tmp_path / "h.db"
    result = ingest_cli(str(folder), "--db", str(db))
    assert result.exit_code == 1
    for name, (code, reason) in PAGE_TREES.items():
        assert f"  failed: {folder / name}: {reason}" in result.output, (name, result.output)
    assert dict(rows(db, "select file, code from ingest_errors")) == {n: c for n, (c, _) in PAGE_TREES.items()}


# name on disk -> how every message and the database show it
ESCAPED = {
    "\x1b[31mred\x1b[0m.pdf": "\\x1b[31mred\\x1b[0m.pdf",
    "bell\x07.pdf": "bell\\x07.pdf",
    "line\nbreak.pdf": "line\\x0abreak.pdf",
    "csi\u009b2J.pdf": "csi\\u009b2J.pdf",
    "rlo\u202efdp.exe.pdf": "rlo\\u202efdp.exe.pdf",
    "caf\u00e9 [draft] \u00a0.pdf": "caf\u00e9 [draft] \u00a0.pdf",  # near miss: printable, left as it is
}


@pytest.mark.usefixtures("parse_in_process")  # about names and discovery, not the parser process
def test_control_characters_in_names_are_shown_escaped_everywhere(tmp_path, made):
    folder = tmp_path / "in"
    folder.mkdir()
    names = list(ESCAPED)
    for index, name in enumerate(names):
        if index % 2:
            (folder / name).write_bytes(b"")  # fails: named in the summary and in ingest_errors
        else:
            make_report(folder / name, f"Report {index}", pages=2)  # stored: named in the counts line
    db = tmp_path / "h.db"
    result = ingest_cli(str(folder), "--db", str(db))
    assert result.exit_code == 1
    assert raw_controls(result.output) == set(), result.output
    for index, name in enumerate(names):
        shown = ESCAPED[name]
        if index % 2:
            assert f"  failed: {folder}/{shown}: empty file (0 bytes)" in result.output, (shown, result.output)
        else:
            assert f"  {shown}: " in result.output, (shown, result.output)
    stored = [row[0] for row in rows(db, "select file from reports union all select file from ingest_errors")]
    assert sorted(stored) == sorted(ESCAPED.values())
    paths = [row[0] for row in rows(db, "select path from reports union all select path from ingest_errors")]
    assert all(not raw_controls(path) for path in paths), paths
