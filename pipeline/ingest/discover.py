"""Find the files a batch is given: files, folders (recursively, through linked folders) and globs.

Nothing given is dropped without a word. A FIFO, socket or device named like a PDF, a link that
leads nowhere or in a circle, and a folder that cannot be listed are returned as refusals, each
with its reason, for the batch to name and record; a FIFO is never opened (it would wait for a
writer). Inside a folder only names ending in .pdf are inputs, so a broken link or a FIFO called
notes.txt is passed over as a text file would be; a broken link with no suffix at all may have
been a folder, so it is named.
"""
from __future__ import annotations

import errno
import glob
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pipeline.errors import BrokenLink, InputError, LinkLoop, NotAFile, PipelineError, Vanished
from pipeline.paths import shown


class NoInputs(PipelineError):
    code = "usage"


@dataclass(frozen=True)
class Refused:
    """An input that is not a readable file or folder, and why."""

    path: Path
    code: str
    reason: str


class Inputs(list):
    """The files to read, in a stable order (a list of Paths), and `refused`: what could not be."""

    def __init__(self, files: Iterable[Path] = (), refused: Iterable[Refused] = ()):
        super().__init__(files)
        self.refused: list[Refused] = list(refused)


def discover(paths: Iterable[str]) -> Inputs:
    """Files, folders (recursively) and glob patterns, each PDF once, in a stable order.

    A path that exists is always taken literally, so "report [final].pdf" is that file; only a
    path that does not exist is expanded as a glob. A path that is neither is a usage error.
    """
    walk = _Walk()
    missing: list[str] = []
    for raw in paths:
        if os.path.lexists(raw):
            walk.visit(Path(raw), named=True)
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if _is_glob(raw) else []
        if not matches:
            missing.append(raw)
        for match in matches:
            walk.visit(Path(match), named=True)
    if missing:
        raise NoInputs(f"no such file or folder: {', '.join(shown(m) for m in missing)}")
    return Inputs(sorted(walk.found.values(), key=str), walk.refused)


def _is_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


class _Walk:
    def __init__(self) -> None:
        self.found: dict[str, Path] = {}
        self.refused: list[Refused] = []
        self._folders: set[tuple[int, int]] = set()  # (device, inode) of every folder walked

    def visit(self, path: Path, named: bool) -> None:
        """Take `path` (named by the user, or met in a folder) and whatever is under it."""
        stack = [(path, named)]
        while stack:
            path, named = stack.pop()
            status = self._status(path, named)
            if status is None:
                continue
            if stat.S_ISDIR(status.st_mode):
                # A folder reached a second time (a link back up, or twice over) is walked once.
                if (status.st_dev, status.st_ino) not in self._folders:
                    self._folders.add((status.st_dev, status.st_ino))
                    stack.extend((child, False) for child in reversed(self._children(path)))
            elif named or _pdf_name(path):
                if stat.S_ISREG(status.st_mode):
                    self.found.setdefault(os.path.realpath(path), path)
                else:
                    self._refuse(path, NotAFile.of_mode(status.st_mode))

    def _status(self, path: Path, named: bool) -> os.stat_result | None:
        """What `path` is, following links; None (and a refusal where it matters) when it cannot be."""
        try:
            return os.stat(path)
        except OSError as exc:
            error = exc
        if not (named or _pdf_name(path) or not path.suffix):
            return None  # a broken notes.txt link is no input of ours
        if isinstance(error, FileNotFoundError) and os.path.islink(path):
            self._refuse(path, BrokenLink("broken symbolic link (its target does not exist)"))
        elif error.errno == errno.ELOOP:
            self._refuse(path, LinkLoop("symbolic link loop"))
        elif isinstance(error, FileNotFoundError):
            self._refuse(path, Vanished())
        else:
            self._refuse(path, InputError(f"cannot read: {error.strerror}"))
        return None

    def _children(self, folder: Path) -> list[Path]:
        try:
            with os.scandir(folder) as entries:
                return sorted((folder / entry.name for entry in entries), key=str)
        except OSError as exc:
            self._refuse(folder, InputError(f"cannot read folder: {exc.strerror}"))
            return []

    def _refuse(self, path: Path, error: InputError) -> None:
        self.refused.append(Refused(path, error.code, str(error)))


def _pdf_name(path: Path) -> bool:
    return path.name.lower().endswith(".pdf")
