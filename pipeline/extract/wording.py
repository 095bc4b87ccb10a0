"""Item wording: line-end hyphens that belong to the word, judged from the report's own usage."""
from __future__ import annotations

import re

_LINE_END_HYPHEN = re.compile(r"([A-Za-z0-9][\w./:-]*?)-[ \t]*\n[ \t]*([a-z][\w./:-]*)")


def keep_compound_hyphens(raw: str, document: str) -> str:
    """Join "whole-\\nsystem" as "whole-system" where the hyphen is the word's own: the broken
    word is already a compound ("business-as-\\nusual", a URL), or the report prints the
    hyphenated form elsewhere and never the joined one. Other breaks are left to the cleaners."""

    def join(match: re.Match) -> str:
        head, tail = match.group(1), match.group(2)
        last, first = head.split("-")[-1].lower(), tail.split("-")[0].lower()
        if "-" in head or "-" in tail.rstrip("-") or "/" in head:
            return f"{head}-{tail}"
        if last and first and f"{last}-{first}" in document and f"{last}{first}" not in document:
            return f"{head}-{tail}"
        return match.group(0)

    return _LINE_END_HYPHEN.sub(join, raw)


_LINE_END_WORD = re.compile(r"(?<![\w-])([a-z]{5,30})(?=[ \t]*\n)")


def restore_compound_hyphens(raw: str, document: str) -> str:
    """Undo a re-join that dropped a compound's hyphen ("wholesystem" at a line end, where the
    re-joined fragment was moved up): the report prints "whole-system" elsewhere, and never
    "wholesystem" except at line ends. `document` is the report's text in lower case."""

    def restore(match: re.Match) -> str:
        word = match.group(1)
        if re.search(rf"(?<![\w-]){word}(?![\w-])(?![ \t]*\n)", document):
            return word  # the report spells it joined mid-line too
        for cut in range(2, len(word) - 1):
            if f"{word[:cut]}-{word[cut:]}" in document:
                return f"{word[:cut]}-{word[cut:]}"
        return word

    return _LINE_END_WORD.sub(restore, raw)
