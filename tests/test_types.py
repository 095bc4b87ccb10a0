"""The type checker holds the library to its annotations (issue 13): `mypy` on pipeline/, with the
configuration in pyproject.toml, reports nothing; and that configuration does catch the mistakes
it is there for (an Optional used unchecked, a wrong argument), so a clean run means something."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from mypy import api

pytestmark = pytest.mark.slow  # each test is a mypy run

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"


def _mypy(*args: str) -> tuple[str, int]:
    # From the checkout, as CI and a person run it; the cache there keeps a second run quick.
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        stdout, stderr, status = api.run(["--config-file", str(CONFIG), *args])
    finally:
        os.chdir(before)
    return stdout + stderr, status


def test_pipeline_type_checks_clean():
    report, status = _mypy(str(ROOT / "pipeline"))
    errors = [line for line in report.splitlines() if ": error:" in line]
    assert errors == [], "\n".join(errors)
    assert status == 0, report


CASES = [
    # (code, the error code mypy must report, or None where the code is correct)
    ("import re\nm = re.match('a', 'b')\nprint(m.group(0))\n", "union-attr"),
    ("import re\nm = re.match('a', 'b')\nif m:\n    print(m.group(0))\n", None),
    ("def f(x: int) -> int:\n    return x\nf('1')\n", "arg-type"),
    ("def f(x: int) -> int:\n    return x\nf(1)\n", None),
    # check_untyped_defs: a function without annotations is checked too
    ("import re\ndef f():\n    return re.match('a', 'b').group(0)\n", "union-attr"),
    ("def f(items=()):\n    return len(items)\n", None),
]


@pytest.mark.parametrize("code, expected", CASES)
def test_configuration_catches_what_it_is_for(code, expected, tmp_path):
    snippet = tmp_path / "snippet.py"
    snippet.write_text(code, encoding="utf-8")
    report, status = _mypy(str(snippet))
    if expected is None:
        assert status == 0, report
    else:
        assert f"[{expected}]" in report, report
        assert status == 1
