"""Importing the library changes nothing global: spaCy's span extension and the server's
unraisable-exception hook are set when a pipeline or a server is built (issue 13)."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # each test is a fresh interpreter importing spaCy and Datasette

PROBE = """
import sys
before = sys.unraisablehook
import pipeline.cli.main, pipeline.extract.nlp, pipeline.serve.app, pipeline.extract
from spacy.tokens import Span
print(Span.has_extension("rule_id"), sys.unraisablehook is before)
"""


def test_importing_the_package_sets_nothing_global():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_building_the_pipeline_registers_the_extension():
    probe = PROBE.replace("print(", "from pipeline.extract.nlp import build_nlp; build_nlp(); print(")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]


HEAVY = ("spacy", "pandas", "sqlite_utils", "datasette", "pdfplumber")


@pytest.mark.parametrize("module, heavy_expected", [
    # the console script's target: parser processes re-run the main script, so it must stay light
    ("pipeline.cli.entry", set()),
    # extraction and the CLI load spaCy only when a pipeline is built
    ("pipeline.extract", set()),
    ("pipeline.cli.main", {"pandas", "pdfplumber", "sqlite_utils"}),
])
def test_what_an_import_loads(module, heavy_expected):
    probe = f"import sys, {module}; print(' '.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert set(done.stdout.split()) == heavy_expected
