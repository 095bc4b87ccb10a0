"""PDF links keep working from any folder: ingest stores the resolved absolute path (and the path
as typed, for display), so `serve` and the brief find the PDF whatever folder they run in; a PDF
that moved gets a page that says where it was and how to point `--pdf-dir` at it."""
from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopback import parsing_here
from pdf_makers import make_report
from pipeline.brief.model import source_link
from pipeline.cli.main import cli
from pipeline.serve import app as serve
from test_review import copy_db


@pytest.fixture(scope="module")
def ingested_once(tmp_path_factory) -> dict:
    """A report ingested by a relative path from folder `work`, with the database somewhere else;
    once for the module (ingest is the means here: each file is parsed in this process)."""
    tmp = tmp_path_factory.mktemp("pdf-paths")
    work = tmp / "work"
    (work / "reports").mkdir(parents=True)
    pdf = make_report(work / "reports" / "vetting.pdf", "An inspection of vetting")
    db = tmp / "dbs" / "sub" / "h.db"
    with parsing_here(), pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        result = CliRunner().invoke(cli, ["ingest", "reports/vetting.pdf", "--db", str(db), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    row = conn.execute("select id, path, given_path, file from reports").fetchone()
    conn.close()
    return {"db": db, "work": work, "id": row[0], "path": row[1], "given": row[2], "file": row[3],
            "bytes": pdf.read_bytes()}


@pytest.fixture
def ingested(ingested_once, tmp_path, monkeypatch) -> dict:
    """The module's report for one test: the PDF back where it was ingested from (a test may move
    or overwrite it), a copy of the database, and the working folder elsewhere."""
    pdf = Path(ingested_once["path"])
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(ingested_once["bytes"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # serve and brief run from another folder than ingest did
    return dict(ingested_once, db=copy_db(ingested_once["db"], tmp_path / "h.db"))


def _get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def test_ingest_stores_the_absolute_path_and_the_one_typed(ingested):
    assert ingested["path"] == str((ingested["work"] / "reports" / "vetting.pdf").resolve())
    assert Path(ingested["path"]).is_absolute()
    assert ingested["given"] == "reports/vetting.pdf"
    assert ingested["file"] == "vetting.pdf"


def test_serve_finds_the_pdf_from_another_folder(ingested):
    response = _get(serve.build_datasette(ingested["db"]), f"/-/hmicfrs/pdf/{ingested['id']}.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_moved_pdf_says_where_it_was_and_how_to_find_it(ingested, tmp_path):
    moved = tmp_path / "archive"
    moved.mkdir()
    shutil.move(ingested["work"] / "reports" / "vetting.pdf", moved / "vetting.pdf")
    response = _get(serve.build_datasette(ingested["db"]), f"/-/hmicfrs/pdf/{ingested['id']}.pdf")
    assert response.status_code == 404
    assert ingested["path"] in response.text
    assert "hmicfrs serve --pdf-dir" in response.text and "vetting.pdf" in response.text
    again = _get(serve.build_datasette(ingested["db"], pdf_dirs=[moved]), f"/-/hmicfrs/pdf/{ingested['id']}.pdf")
    assert again.status_code == 200


def test_a_different_file_under_the_old_name_is_not_served(ingested):
    Path(ingested["path"]).write_bytes(b"%PDF-1.4 not the report")
    response = _get(serve.build_datasette(ingested["db"]), f"/-/hmicfrs/pdf/{ingested['id']}.pdf")
    assert response.status_code == 404 and "--pdf-dir" in response.text


def test_the_brief_links_to_the_absolute_file(ingested, tmp_path):
    link = source_link(ingested["path"], 2, tmp_path / "papers")
    assert link == Path(ingested["path"]).as_uri() + "#page=2"


def test_unknown_report_route_is_plain_not_found(ingested):
    response = _get(serve.build_datasette(ingested["db"]), "/-/hmicfrs/pdf/0000000000000000.pdf")
    assert response.status_code == 404 and "--pdf-dir" not in response.text
