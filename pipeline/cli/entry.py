"""The console script's target, kept tiny on purpose. Parser processes started by
multiprocessing run the main script again before they do any work; with the script importing
the whole CLI, each one paid seconds of imports (spaCy, pandas, sqlite-utils) it never used."""
from __future__ import annotations


def main() -> None:
    from pipeline.cli.main import main as run_cli

    run_cli()
