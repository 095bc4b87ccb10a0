"""Golden export for each sample PDF in corpus/: ingest (which extracts) into a fresh database,
export jsonl, and compare each report's objects, ids and sha256 included, with tests/golden/<stem>.json.

The goldens are a record of what the pipeline produces, not hand-checked gold (that is gold/corpus,
scored by `hmicfrs evaluate`). When a rules or code change alters the output on purpose, rewrite them
deliberately and review the change as a diff:

    UPDATE_GOLDEN=1 /work/venv/bin/pytest -q tests/test_extract_golden.py && git diff tests/golden

The real PDFs (../shared/corpus/real) are never run here: too slow for a test; scoring them against
gold/real is a benchmark (`hmicfrs evaluate gold/real`).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
PDFS = sorted(CORPUS.glob("*.pdf"))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

pytestmark = pytest.mark.skipif(
    not PDFS, reason="corpus/ holds no sample PDFs (they are made by tests/make_corpus.py); no golden export to check"
)


@pytest.fixture(scope="module")
def exported(corpus_db: Path) -> dict[str, list[dict]]:
    # corpus_db (conftest.py): `hmicfrs ingest corpus/` into a fresh database, once per session
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", str(corpus_db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    by_file: dict[str, list[dict]] = {}
    for line in result.stdout.splitlines():
        obj = json.loads(line)
        by_file.setdefault(obj["report"]["file"], []).append(obj)
    return by_file


def _describe(golden: list[dict], now: list[dict], limit: int = 25) -> str:
    """What changed, item by item, so a failure says more than 'lists differ'."""
    old = {o["id"]: o for o in golden}
    new = {o["id"]: o for o in now}
    lines = [f"- gone: {i} {old[i]['text'][:70]!r}" for i in old if i not in new]
    lines += [f"+ new:  {i} {new[i]['text'][:70]!r}" for i in new if i not in old]
    for key in (i for i in old if i in new):
        for field in sorted(set(old[key]) | set(new[key])):
            if old[key].get(field) != new[key].get(field):
                lines.append(f"~ {key} {field}: golden {str(old[key].get(field))[:90]!r} / now {str(new[key].get(field))[:90]!r}")
    if not lines and [o["id"] for o in golden] != [o["id"] for o in now]:
        lines.append("~ same items in a different order")
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_golden_export(pdf: Path, exported):
    objects = exported.get(pdf.name, [])
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert all(o["report"]["sha256"] == sha for o in objects)
    path = GOLDEN / f"{pdf.stem}.json"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(objects, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file tests/golden/{path.name}: run UPDATE_GOLDEN=1 pytest tests/test_extract_golden.py "
                    "and review the new file")
    golden = json.loads(path.read_text(encoding="utf-8"))
    if golden != objects:
        pytest.fail(f"{pdf.name}: export differs from tests/golden/{path.name} (if intended, rewrite with "
                    f"UPDATE_GOLDEN=1 and review the diff)\n{_describe(golden, objects)}")


def test_every_sample_report_has_items(exported):
    assert sorted(exported) == sorted(p.name for p in PDFS)


def test_no_golden_without_its_pdf():
    stale = sorted(p.name for p in GOLDEN.glob("*.json") if not (CORPUS / f"{p.stem}.pdf").exists())
    assert not stale, f"golden files whose PDF is gone from corpus/: {stale}"
