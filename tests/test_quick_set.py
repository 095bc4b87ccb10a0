"""The quick set (`pytest -m "not slow"`) skips importing modules whose every test is slow
(conftest.pytest_ignore_collect); it must select exactly the tests `-m` alone would."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import _MODULE_MARKED_SLOW

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("header, all_slow", [
    ("pytestmark = pytest.mark.slow\n", True),
    ("pytestmark = pytest.mark.slow  # processes\n", True),
    ('pytestmark = [pytest.mark.slow,\n              pytest.mark.skipif(False, reason="x")]\n', True),
    ("import pytest\n\npytestmark = pytest.mark.slow\n", True),
    # near misses: the module's tests are not all slow
    ("pytestmark = pytest.mark.slowish\n", False),
    ("# pytestmark = pytest.mark.slow\n", False),
    ("def test_x():\n    pytestmark = pytest.mark.slow\n", False),
    ("pytestmark = pytest.mark.skipif(True, reason='slow')\n", False),
    ("@pytest.mark.slow\ndef test_one():\n    pass\n", False),
])
def test_a_module_is_left_out_only_when_marked_slow_as_a_whole(header, all_slow):
    assert bool(_MODULE_MARKED_SLOW.search(header)) is all_slow


def collected(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:randomly", *args],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return sorted(line for line in result.stdout.splitlines() if "::" in line)


@pytest.mark.slow
def test_the_quick_set_is_what_the_mark_expression_selects():
    # "(not slow)" selects the same tests but is not the string the hook looks for, so every
    # module is imported and deselected by pytest itself.
    quick = collected("-m", "not slow")
    assert quick and quick == collected("-m", "(not slow)")
