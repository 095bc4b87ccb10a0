"""Where the shipped data lives: rules/ and datasette/ at the top of a checkout (an editable
install maps them to pipeline.rules_data and pipeline.datasette_data), or inside the installed
wheel under those names (see pyproject.toml)."""
from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def shipped_dir(name: str) -> Path:
    """The folder of shipped data `name` ("rules" or "datasette") as a real path."""
    spec = find_spec(f"pipeline.{name}_data")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    return _CHECKOUT / name  # a checkout run without installing it
