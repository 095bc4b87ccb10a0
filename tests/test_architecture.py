"""The layering the code promises (issue 13): extraction is pure, and only the CLI knows click.
Checked on the import statements themselves, so a new module cannot quietly break it."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"


def imported(path: Path, package: str | None = None) -> set[str]:
    """Every module a file imports, as written ("..store" resolves to "pipeline.store")."""
    package = package or ".".join(path.relative_to(PIPELINE.parent).with_suffix("").parts[:-1])
    return set(_imported(path, path.stat().st_mtime_ns, package))


@functools.cache
def _imported(path: Path, modified: int, package: str) -> frozenset[str]:
    """Read once for all the checks below (each parametrized check reads every module); the
    modification time is part of the key, so a file changed during the session is read again."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return frozenset(names)


EXTRACTION = sorted((PIPELINE / "extract").glob("*.py"))
FORBIDDEN_IN_EXTRACTION = ("pipeline.store", "pipeline.ingest.pdf", "pipeline.ingest.batch", "pipeline.ingest.worker",
                           "pipeline.ingest.document", "pipeline.run", "pdfplumber", "sqlite_utils", "click")


@pytest.mark.parametrize("path", EXTRACTION, ids=[p.name for p in EXTRACTION])
def test_extraction_reads_no_store_and_no_pdf(path):
    bad = sorted(n for n in imported(path) if n.startswith(FORBIDDEN_IN_EXTRACTION))
    assert not bad, f"{path.name} imports {bad}"


LIBRARY = sorted(p for p in PIPELINE.rglob("*.py") if p.relative_to(PIPELINE).parts[0] != "cli")


@pytest.mark.parametrize("path", LIBRARY, ids=[str(p.relative_to(PIPELINE)) for p in LIBRARY])
def test_only_the_cli_imports_click(path):
    assert not any(n == "click" or n.startswith("click.") for n in imported(path)), f"{path.name} imports click"


@pytest.mark.parametrize("source, found", [
    ("from .. import store\n", "pipeline.store"),
    ("from ..store import connect\n", "pipeline.store"),
    ("import pdfplumber\n", "pdfplumber"),
    ("    import click\n".strip() + "\n", "click"),
])
def test_the_checks_see_a_forbidden_import(tmp_path, source, found):
    """The near-miss: the import reader does find each way of writing a forbidden import."""
    sample = tmp_path / "probe.py"
    sample.write_text(source, encoding="utf-8")
    assert found in imported(sample, package="pipeline.extract")


@pytest.mark.parametrize("library, home", [("sqlite_utils", "store/"), ("pdfplumber", "ingest/pdf.py")])
def test_each_heavy_library_has_one_home(library, home):
    users = sorted(str(p.relative_to(PIPELINE)) for p in PIPELINE.rglob("*.py")
                   if any(n == library or n.startswith(library + ".") for n in imported(p)))
    assert users and all(u.startswith(home) for u in users), f"{library} imported by {users}"


# What each stage package may import from the rest of pipeline/ (its docstring says the same).
# Shared modules at the top (models, errors, dates, clean, paths, resources, rules) are open to all.
SHARED = {"models", "errors", "dates", "clean", "paths", "resources", "rules", "gazetteer", "similar"}
ALLOWED = {
    "store": set(),
    "extract": set(),
    "ingest": {"store"},
    "review": {"store", "export"},
    "brief": {"store", "review"},
    "serve": {"store", "review", "brief"},
}


def pipeline_parts(path: Path, package: str | None = None) -> set[str]:
    """The top-level parts of pipeline/ a file imports ("pipeline.store.items" -> "store")."""
    parts = set()
    for name in imported(path, package):
        bits = name.split(".")
        if bits[0] == "pipeline" and len(bits) > 1:
            parts.add(bits[1])
    return parts


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_stage_imports_only_what_its_docstring_allows(package):
    init = PIPELINE / package / "__init__.py"
    assert init.exists() and ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), \
        f"pipeline/{package}/ opens with no docstring saying what it owns"
    for path in sorted((PIPELINE / package).glob("*.py")):
        bad = pipeline_parts(path) - SHARED - ALLOWED[package] - {package}
        assert not bad, f"{path.relative_to(PIPELINE)} imports pipeline.{sorted(bad)}"


def test_the_stage_check_sees_an_upward_import(tmp_path):
    """The near-miss: a store module importing review is caught."""
    probe = tmp_path / "probe.py"
    probe.write_text("from pipeline.review import decisions\n", encoding="utf-8")
    assert pipeline_parts(probe, "pipeline.store") - SHARED - ALLOWED["store"] - {"store"} == {"review"}
