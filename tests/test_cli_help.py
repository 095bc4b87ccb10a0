"""Every command and option of `hmicfrs` explains itself: the group is walked, so new commands count."""
from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from pipeline.cli.main import cli


def walk(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from walk(command.commands[name], path + (name,))


COMMANDS = list(walk(cli))
IDS = [" ".join(path) or "hmicfrs" for path, _ in COMMANDS]


def test_the_walk_finds_the_ingest_command():
    assert ("ingest",) in [path for path, _ in COMMANDS]


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_command_has_help_text(path, command):
    assert (command.help or "").strip(), f"`hmicfrs {' '.join(path)}` has no help text"
    assert (command.get_short_help_str() or "").strip()


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_every_option_has_help_text(path, command):
    missing = [
        param.opts[0]
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden and not (param.help or "").strip()
    ]
    assert not missing, f"`hmicfrs {' '.join(path)}`: options without help: {missing}"


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_help_runs(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


README = (__import__("pathlib").Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
LEAVES = [(path, command) for path, command in COMMANDS if path and not isinstance(command, click.Group)]


@pytest.mark.parametrize("path, command", LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_is_documented_in_the_readme(path, command):
    """As sqlite-utils' test_docs: a command nobody wrote up is one nobody finds."""
    *group, leaf = path
    # "hmicfrs review list|show|accept ..." in the commands table names each of them
    written = rf"hmicfrs {' '.join(group)}{' ' if group else ''}(?:[\w-]+\\?\|)*{leaf}\b"
    assert re.search(written, README), f"`hmicfrs {' '.join(path)}` is not in README.md"
