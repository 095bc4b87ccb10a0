"""The Datasette plugins as installed: this module is named by the `datasette` entry point in
pyproject.toml, so plain `datasette extracted/hmicfrs.db` loads them as `hmicfrs serve` does, and
loads them once.

The plugins themselves stay where people edit them, one file each in datasette/plugins/ (in the
wheel pipeline.datasette_data.plugins, found like the rest of datasette/ through
pipeline.resources). Importing this module loads every one of those files and registers each with
Datasette's plugin manager as a plugin of its own (their hooks share names, so they cannot be
gathered into one module). Its own hook puts the shipped templates on Datasette's template path,
which a `datasette` started without --template-dir would otherwise not search.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from datasette.hookspecs import hookimpl

from pipeline.resources import shipped_dir


def _load(path: Path) -> ModuleType:
    """The plugin file as a module named after it (the name Datasette lists it under)."""
    if path.stem in sys.modules:
        return sys.modules[path.stem]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the Datasette plugin {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[path.stem]
        raise
    return module


SHIPPED = {path.stem: _load(path) for path in sorted((shipped_dir("datasette") / "plugins").glob("*.py"))}
shipped = SHIPPED["hmicfrs_datasette"]  # sign-in, review pages, PDFs, calendar


def _register_shipped() -> None:
    from datasette.plugins import pm  # set before Datasette loads entry points, so there when it loads us

    for name, module in SHIPPED.items():
        if not pm.is_registered(module) and pm.get_plugin(name) is None:
            pm.register(module, name)


@hookimpl(specname="prepare_jinja2_environment")
def add_shipped_templates(env, datasette):
    templates = str(shipped_dir("datasette") / "templates")
    searched = env.loader.loaders[0]  # Datasette's FileSystemLoader: --template-dir, plugins', its own
    if templates not in searched.searchpath:
        # before Datasette's own templates, as --template-dir would be, so the shipped ones win
        searched.searchpath.insert(len(searched.searchpath) - 1, templates)


# Last, once every hook above is defined: the first `from datasette.plugins import pm` makes
# Datasette load its entry points, which registers this module as it stands at that moment.
_register_shipped()
