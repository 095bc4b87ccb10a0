"""Property: whatever the file names in a folder, `hmicfrs ingest` stores each good PDF under its
display name, names each bad one with a reason, and always ends with its summary and exit 0 or 1.

Names are built from bytes that are not UTF-8, control characters and terminal escape sequences,
spaces, brackets, `*?`, a leading `-`, Unicode in NFC and in NFD, and padding up to the 255-byte
limit of a name."""
from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from pdf_makers import make_report
from pipeline import run as run_module
from pipeline.cli.main import cli
from pipeline.paths import shown

pytestmark = pytest.mark.slow  # a dozen generated batches, each a CLI ingest with its parser process

NAME_MAX = 255
SUFFIXES = [b".pdf", b".PDF"]
PIECES = st.one_of(
    st.binary(min_size=1, max_size=4),  # mostly not UTF-8
    st.sampled_from([
        b" ", b"[", b"]", b"[final]", b"*", b"?", b"-", b"--", b"\x1b[31m", b"\x1b]0;title\x07", b"\x1b[2J",
        b"\x07", b"\n", b"\t", b"\r", b"\x7f", b"\xc2\x9b", b"\x9b", b"\\x41", b"$(id)", b"'", b'"', b"~",
        "caf\u00e9".encode(), unicodedata.normalize("NFD", "caf\u00e9").encode(), "\u202e".encode(),
    ]),
    st.tuples(st.text(min_size=1, max_size=6), st.sampled_from(["NFC", "NFD"])).map(
        lambda pair: unicodedata.normalize(pair[1], pair[0]).encode("utf-8")),
)


@st.composite
def file_names(draw) -> bytes:
    stem = b"".join(draw(st.lists(PIECES, min_size=1, max_size=5))).replace(b"/", b"_").replace(b"\0", b"_")
    suffix = draw(st.sampled_from(SUFFIXES))
    if draw(st.booleans()):
        stem = stem.ljust(NAME_MAX - len(suffix) - draw(st.integers(0, 3)), b"x")  # at or near the limit
    return stem[: NAME_MAX - len(suffix)] + suffix


FILES = st.lists(st.tuples(file_names(), st.sampled_from(["good", "empty"])), min_size=1, max_size=3,
                 unique_by=lambda item: item[0])


@pytest.fixture(scope="module")
def good_pdfs(tmp_path_factory) -> list[bytes]:
    folder = tmp_path_factory.mktemp("good")
    return [make_report(folder / f"{n}.pdf", f"Report number {n}", pages=2).read_bytes() for n in range(3)]


SUMMARY = re.compile(r"^ingested \d+ \(\d+ pages\), skipped \d+ unchanged, failed \d+$", re.MULTILINE)


@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=FILES, named=st.booleans())
def test_any_file_name_is_stored_or_named_and_the_batch_ends_with_its_summary(files, named, good_pdfs, extractor,
                                                                               monkeypatch):
    # The same shipped rules and spaCy pipeline, built once rather than once per run.
    monkeypatch.setattr(run_module, "make_extractor", lambda rules: extractor)
    with tempfile.TemporaryDirectory(prefix="names-") as scratch:
        folder = Path(scratch) / "in"
        folder.mkdir()
        paths = {}
        for index, (name, kind) in enumerate(files):
            path = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
            path.write_bytes(good_pdfs[index] if kind == "good" else b"")
            paths[name] = path
        db = Path(scratch) / "h.db"
        # The folder, and (sometimes) each file by its own absolute path as well: taken literally.
        arguments = [str(folder)] + ([str(p) for p in paths.values()] if named else [])
        result = CliRunner().invoke(cli, ["ingest", *arguments, "--db", str(db), "--workers", "1", "-q"])

        assert result.exit_code == (1 if any(kind == "empty" for _, kind in files) else 0), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert len(SUMMARY.findall(result.output)) == 1, result.output
        assert not [ch for ch in result.output if unicodedata.category(ch) in ("Cc", "Cs") and ch != "\n"]
        conn = sqlite3.connect(db)
        try:
            stored = {row[0] for row in conn.execute("select file from reports")}
            errors = dict(conn.execute("select file, code from ingest_errors"))
        finally:
            conn.close()
        for name, kind in files:
            display = shown(os.fsdecode(name))
            if kind == "good":
                assert display in stored, (display, result.output)
            else:
                assert errors.get(display) == "empty_file", (display, errors)
                assert f"  failed: {shown(paths[name])}: empty file (0 bytes)" in result.output, result.output
        assert len(stored) == sum(kind == "good" for _, kind in files)
