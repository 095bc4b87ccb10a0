"""Everything under rules/ and datasette/ ships in the wheel: a file whose name no package-data
pattern matches would be missing from a `pip install .` (a CSS file once was)."""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def shipped_patterns(folder: Path) -> list[str]:
    """The package-data patterns of the package that `folder` becomes in the wheel."""
    for package, source in SETUPTOOLS["package-dir"].items():
        top = ROOT / source
        if folder == top or top in folder.parents:
            name = ".".join([package, *folder.relative_to(top).parts])
            return SETUPTOOLS["package-data"].get(name, [])
    raise AssertionError(f"{folder} is in no mapped package")


FILES = sorted(p for top in ("rules", "datasette") for p in (ROOT / top).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_shipped_file_is_in_the_wheel(path):
    patterns = shipped_patterns(path.parent)
    assert any(fnmatch.fnmatch(path.name, p) for p in patterns), f"{path.relative_to(ROOT)}: no pattern of {patterns}"
    package = ".".join(["pipeline", *path.parent.relative_to(ROOT).parts]).replace(
        "pipeline.rules", "pipeline.rules_data").replace("pipeline.datasette", "pipeline.datasette_data")
    assert package in SETUPTOOLS["packages"], f"{package} is not in pyproject's packages"


def test_the_check_sees_an_unshipped_file():
    """The near-miss: a stylesheet under templates/ with only *.html shipped is refused."""
    assert not any(fnmatch.fnmatch("site.css", p) for p in ["*.html"])
