"""Rules are data: JSONL files under rules/, one rule per line, each with a stable id.

This module loads and validates them; `hmicfrs rules check` reports a bad rule by file and line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import RuleError

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class FileSpec:
    required: tuple[str, ...]
    regex_fields: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()


# What each rule file must hold. A file not listed here is refused, so a typo in a file name
# cannot silently disable a whole family of rules.
FILE_SPECS: dict[str, FileSpec] = {
    "publication.jsonl": FileSpec(("id", "pattern"), ("pattern",)),
    "families.jsonl": FileSpec(("id", "family", "pattern"), ("pattern",)),
    "addressees.jsonl": FileSpec(("id", "addressee", "pattern"), ("pattern",)),
    "deadlines.jsonl": FileSpec(
        ("id", "kind", "pattern"),
        ("pattern",),
        (("kind", ("date", "month", "year_end", "financial_year", "immediate", "relative", "event")),),
    ),
    "items.jsonl": FileSpec(("id", "role", "pattern"), ("pattern",)),
    "profiles.jsonl": FileSpec(("id", "family"), ()),
    "titles.jsonl": FileSpec(
        ("id", "role", "pattern"), ("pattern",), (("role", ("not_title", "form", "subject", "junk_metadata")),),
    ),
}


@dataclass(frozen=True)
class Rule:
    id: str
    file: str
    line: int
    data: tuple[tuple[str, object], ...]
    regex: re.Pattern | None

    def get(self, key: str, default=None):
        for name, value in self.data:
            if name == key:
                return value
        return default


@dataclass(frozen=True)
class RuleSet:
    directory: str
    rules: tuple[Rule, ...]
    fingerprint: str

    def of(self, file_name: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.file == file_name)

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _freeze(value):
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    return value


def load_rules(directory: Path | str | None = None) -> RuleSet:
    """Load and validate every rule file; the first bad rule raises RuleError naming file and line."""
    import hashlib

    root = Path(directory) if directory else DEFAULT_RULES_DIR
    if not root.is_dir():
        raise RuleError(root, None, "rules directory not found")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    digest = hashlib.sha256()
    for path in sorted(root.glob("*.jsonl")):
        if path.name not in FILE_SPECS:
            raise RuleError(path, None, f"unknown rule file (expected one of: {', '.join(sorted(FILE_SPECS))})")
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        for number, text in enumerate(raw.decode("utf-8").splitlines(), start=1):
            stripped = text.strip()
            if not stripped or stripped.startswith("#"):
                continue
            rule = _parse_rule(path, number, stripped, FILE_SPECS[path.name])
            if rule.id in seen:
                raise RuleError(path, number, f"duplicate rule id {rule.id!r} (first in {seen[rule.id]})")
            seen[rule.id] = f"{path.name}:{number}"
            rules.append(rule)
    return RuleSet(directory=str(root), rules=tuple(rules), fingerprint=digest.hexdigest()[:16])


def _parse_rule(path: Path, number: int, text: str, spec: FileSpec) -> Rule:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise RuleError(path, number, "a rule must be a JSON object")
    missing = [key for key in spec.required if key not in data]
    if missing:
        raise RuleError(path, number, f"missing field(s): {', '.join(missing)}")
    rule_id = data["id"]
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9_.\-]+", rule_id):
        raise RuleError(path, number, f"bad id {rule_id!r}: use lower case letters, digits, '.', '_' or '-'")
    for key, allowed in spec.choices:
        if data.get(key) not in allowed:
            raise RuleError(path, number, f"{key} must be one of {', '.join(allowed)}, not {data.get(key)!r}")
    compiled = None
    for key in spec.regex_fields:
        pattern = data.get(key)
        if not isinstance(pattern, str) or not pattern:
            raise RuleError(path, number, f"{key} must be a non-empty string")
        try:
            compiled = re.compile(pattern, _flags(data.get("flags", "")))
        except re.error as exc:
            raise RuleError(path, number, f"bad regular expression in {key}: {exc}") from exc
    return Rule(id=rule_id, file=path.name, line=number, data=_freeze(data), regex=compiled)


def _flags(letters: str) -> int:
    flags = 0
    for letter in letters or "":
        flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}.get(letter, 0)
    return flags
