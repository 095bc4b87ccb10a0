"""The Datasette plugin as installed: named by the `datasette` entry point in pyproject.toml, so
plain `datasette extracted/hmicfrs.db` loads it as `hmicfrs serve` does, and loads it once.

The plugin itself stays where people edit it, datasette/plugins/hmicfrs_datasette.py (in the wheel
pipeline.datasette_data.plugins, found like the rest of datasette/ through pipeline.resources).
This module loads that file and offers its hooks under their own names, which is where pluggy
looks for them. It adds one hook of its own: the shipped templates on Datasette's template path,
which a `datasette` started without --template-dir would otherwise not search.
"""
from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from datasette.hookspecs import hookimpl

from pipeline.resources import shipped_dir

SHIPPED_NAME = "hmicfrs_datasette"


def _load_shipped() -> ModuleType:
    if SHIPPED_NAME in sys.modules:
        return sys.modules[SHIPPED_NAME]
    path = shipped_dir("datasette") / "plugins" / f"{SHIPPED_NAME}.py"
    spec = importlib.util.spec_from_file_location(SHIPPED_NAME, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"the Datasette plugin is missing: {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[SHIPPED_NAME] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[SHIPPED_NAME]
        raise
    return module


shipped = _load_shipped()
HOOKS = sorted(name for name, value in vars(shipped).items() if hasattr(value, "datasette_impl"))
globals().update({name: getattr(shipped, name) for name in HOOKS})


# named apart from the hook, so a prepare_jinja2_environment in the shipped plugin stays its own
@hookimpl(specname="prepare_jinja2_environment")
def add_shipped_templates(env, datasette):
    templates = str(shipped_dir("datasette") / "templates")
    searched = env.loader.loaders[0]  # Datasette's FileSystemLoader: --template-dir, plugins', its own
    if templates not in searched.searchpath:
        # before Datasette's own templates, as --template-dir would be, so the shipped ones win
        searched.searchpath.insert(len(searched.searchpath) - 1, templates)
