"""How a file name is shown and stored: printable, one line, and back to the file when needed.

A Linux file name is bytes. Python hands over the bytes that are not UTF-8 as lone surrogates
(surrogateescape), which SQLite and a UTF-8 terminal refuse, and a name may hold control
characters or terminal escape sequences that would act on the user's terminal. Both are written
as backslash escapes, and the same form is stored in the database (reports.file and .path,
ingest_errors), so every command that prints a stored name prints it safely. Storing the escaped
form rather than refusing the file keeps a batch whole; `unescaped` gives the name back so a
stored path finds its file again. A name that holds a literal backslash escape such as `\\x41`
reads back two ways; whoever opens the file compares its SHA-256, so that ambiguity is harmless.
"""
from __future__ import annotations

import os
import re
import unicodedata

# Characters that change how text after them is shown: bidirectional overrides and isolates.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ESCAPES = re.compile(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})")


def shown(path: str | bytes | os.PathLike) -> str:
    """The printable, single-line form of a path or name (also the form stored in the database).

    Bytes that are not UTF-8 become `\\xNN` (NN >= 80); C0 controls and DEL become `\\xNN`
    (NN < 80); C1 controls, line and paragraph separators and bidi controls become `\\uNNNN`.
    """
    return "".join(_escape(ch) for ch in os.fsdecode(path))


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as surrogateescape holds it
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
        return f"\\u{code:04x}"
    return ch


def unescaped(text: str) -> str:
    """The path `shown` was given, as a str that open() accepts (surrogateescape for raw bytes)."""
    def one(match: re.Match) -> str:
        if match.group(1):
            value = int(match.group(1), 16)
            return chr(0xDC00 + value) if value >= 0x80 else chr(value)
        return chr(int(match.group(2), 16))

    return _ESCAPES.sub(one, text)
