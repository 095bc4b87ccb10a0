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

from pipeline.serve import app as serve
from pipeline.brief.model import source_link
from pipeline.cli.main import cli
from pdf_makers import make_report


@pytest.fixture
def ingested(tmp_path, monkeypatch) -> dict:
    """A report ingested by a relative path from folder `work`, with the database somewhere else."""
    work, elsewhere = tmp_path / "work", tmp_path / "elsewhere"
    (work / "reports").mkdir(parents=True)
    elsewhere.mkdir()
    make_report(work / "reports" / "vetting.pdf", "An inspection of vetting")
    db = tmp_path / "dbs" / "sub" / "h.db"
    monkeypatch.chdir(work)
    result = CliRunner().invoke(cli, ["ingest", "reports/vetting.pdf", "--db", str(db), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(elsewhere)  # serve and brief run from another folder than ingest did
    conn = sqlite3.connect(db)
    row = conn.execute("select id, path, given_path, file from reports").fetchone()
    conn.close()
    return {"db": db, "work": work, "id": row[0], "path": row[1], "given": row[2], "file": row[3]}


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
