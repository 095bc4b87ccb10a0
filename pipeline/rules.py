"""Rules are data: JSONL files under rules/, one rule per line, each with a stable id.

This module loads and validates them; `hmicfrs rules check` reports a bad rule by file and line.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import RuleError
from pipeline.models import DEADLINE_KINDS, ITEM_KINDS, STANCES, VERDICTS
from pipeline.resources import shipped_dir

DEFAULT_RULES_DIR = shipped_dir("rules")


@dataclass(frozen=True)
class FileSpec:
    required: tuple[str, ...]
    regex_fields: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str | None, ...]], ...] = ()  # None: the key may be left out
    keys: tuple[str, ...] = ()  # the other keys a rule of this file may carry
    # per role (items, titles): the keys a rule of that role may add, and the named groups its
    # pattern must define for the code that reads it
    roles: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()
    optional_regex: tuple[str, ...] = ()  # compiled (and their examples run) where a rule has them


# Every rule may carry these; "examples" holds text its pattern must find ("match") and
# near-misses it must not ("no_match"), run whenever the rules are loaded.
_COMMON_KEYS = ("id", "pattern", "flags", "examples")
_FLAG_LETTERS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
# "tagged": a list whose items print their kind as a tag ("(Recommendation, Paragraph 12)")
_KINDS = (*ITEM_KINDS, "tagged")
_ITEM_ROLES = (
    ("heading", ("kind",), ()), ("section", ("kind", "paragraphs_fallback"), ()),
    ("numbered", ("counter", "families", "ocr_digits", "sections", "starts_at"), ("number",)),
    ("unnumbered", ("kind", "marker"), ()), ("bullet", (), ()), ("leadin", ("splits",), ()),
    ("reference", ("scope",), ()), ("tag", (), ("tag",)), ("item_end", (), ()), ("stop", (), ()),
    ("chapter", (), ()), ("paragraph_number", (), ()), ("stated_count", (), ("count",)), ("modal", (), ()),
    ("request", (), ()), ("partner", (), ()), ("definition", (), ("alias", "name")), ("sent_to", (), ()),
    ("sent_to_end", (), ()), ("report_date", (), ("date",)), ("due_date", (), ("date",)),
    ("personal_recipient", (), ()), ("subject_lead", (), ()), ("preamble", (), ()), ("template_marker", (), ()),
    ("reported", (), ()), ("section_intro", (), ()), ("cross_reference", (), ()), ("subject_qualifier", (), ()),
    ("deadline_context", (), ()), ("promise", ("kind",), ()), ("contents", (), ()), ("imperative", (), ()),
    ("table_column", ("column", "kind", "needs_kind"), ()), ("boxed", ("kind",), ()),
)

# What each rule file must hold. Every file listed here must be present and no other may be, so a
# typo in a file name cannot silently disable (or add) a whole family of rules.
FILE_SPECS: dict[str, FileSpec] = {
    "publication.jsonl": FileSpec(("id", "pattern"), ("pattern",), (), ("priority", "scope")),
    "families.jsonl": FileSpec(("id", "family", "pattern"), ("pattern",), (), ("priority",)),
    "addressees.jsonl": FileSpec(
        ("id", "addressee", "pattern"), ("pattern",), (), ("fallback", "own", "own_core", "priority"),
    ),
    "deadlines.jsonl": FileSpec(
        ("id", "kind", "pattern"),
        ("pattern",),
        (("kind", tuple(k for k in DEADLINE_KINDS if k != "none")),),
        ("priority",),
    ),
    "items.jsonl": FileSpec(("id", "role", "pattern"), ("pattern",), (), ("role",), _ITEM_ROLES),
    "profiles.jsonl": FileSpec(
        ("id", "family"), (),
        (("heading_paragraphs", (None, "single", "until_heading")), ("untagged_kind", (None, "by_request")),
         ("addressees", (None, "sent_to")), ("deadline_scope", (None, "document"))),
        ("addressees", "conclusions", "deadline_scope", "extract", "heading_paragraphs", "own_findings",
         "untagged_kind"),
    ),
    "names.jsonl": FileSpec(("id", "role", "of", "name"), (), (("role", ("addressee", "family")),), ()),
    "titles.jsonl": FileSpec(
        ("id", "role", "pattern"), ("pattern",), (), ("role",),
        (("not_title", (), ()), ("form", ("subject", "title"), ()), ("subject", ("group",), ("name",)),
         ("junk_metadata", (), ())),
    ),
    # The gazetteer (pipeline/gazetteer.py): kinds of organisation, the organisations, and the
    # phrases that make a report national; checked further by _check_organisations.
    "organisations.jsonl": FileSpec(
        ("id", "role"), (), (("role", ("kind", "organisation", "national_marker")),), ("role",),
        (("kind", ("kind", "addressees", "subject_addressees", "subject"), ()),
         ("organisation", ("kind", "name", "names", "abbreviations", "of", "addressees"), ()),
         ("national_marker", (), ())),
        optional_regex=("pattern",),
    ),
    # lineage (extract/lineage.py): verdict phrases and references to earlier items by number
    "verdicts.jsonl": FileSpec(
        ("id", "role", "pattern"), ("pattern",),
        (("verdict", (None, *VERDICTS)), ("kind", (None, *ITEM_KINDS))), ("role",),
        (("verdict", ("verdict", "priority"), ()), ("reference", ("kind",), ("number",))),
    ),
    # issue 14, responses: see pipeline/extract/responses.py
    "stances.jsonl": FileSpec(
        ("id", "role", "pattern"), ("pattern",), (), ("role",),
        (("document", (), ()), ("names_report", (), ("name",)), ("marker", ("style", "heading", "kind"), ("number",)),
         ("response_label", (), ()), ("contents", (), ()), ("stance", ("stance", "priority"), ())),
    ),
}


@dataclass(frozen=True)
class Rule:
    id: str
    file: str
    line: int
    data: tuple[tuple[str, object], ...]
    compiled: re.Pattern[str] | None  # None only in the files without patterns (profiles, names)

    @property
    def regex(self) -> re.Pattern[str]:
        """The rule's pattern; asking a rule from a file without patterns for one is a defect."""
        if self.compiled is None:
            raise RuleError(self.file, self.line, f"rule {self.id!r} has no pattern")
        return self.compiled

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
    for name in sorted(FILE_SPECS):
        if not (root / name).is_file():
            raise RuleError(root / name, None, "rule file missing (every rule file is needed)")
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
    _check_references(root, rules)
    _check_organisations(root, rules)
    return RuleSet(directory=str(root), rules=tuple(rules), fingerprint=digest.hexdigest()[:16])


def _check_references(root: Path, rules: list[Rule]) -> None:
    """Names one rule uses for another's: a profile's family, a numbered rule's families and
    sections, a kind: each must be one the rules define."""
    families = {str(r.get("family")) for r in rules if r.file == "families.jsonl"} | {"other", "*"}
    subject_groups = {r.get("group") for r in rules if r.file == "titles.jsonl" and r.get("role") == "subject"}
    kinds = set(_KINDS)
    for rule in rules:
        wrong: list[str] = []
        if rule.file == "profiles.jsonl" and rule.get("family") not in families:
            wrong.append(f"family {rule.get('family')!r} is no family in families.jsonl")
        wrong += [f"family {f!r} is no family in families.jsonl" for f in rule.get("families") or () if f not in families]
        wrong += [f"section kind {k!r} is not one of {', '.join(_KINDS)}" for k in rule.get("sections") or ()
                  if k not in kinds]
        if rule.file == "titles.jsonl" and rule.get("role") == "form" and rule.get("subject") not in subject_groups | {None}:
            wrong.append(f"subject {rule.get('subject')!r} is no subject rule's group")
        if rule.file == "names.jsonl" and rule.get("role") == "family" and rule.get("of") not in families:
            wrong.append(f"family {rule.get('of')!r} is no family in families.jsonl")
        if rule.file == "verdicts.jsonl" and rule.get({"verdict": "verdict", "reference": "kind"}[rule.get("role")]) is None:
            wrong.append(f"a {rule.get('role')} rule needs its {'verdict' if rule.get('role') == 'verdict' else 'kind'}")
        if rule.file == "items.jsonl" and rule.get("kind") is not None and rule.get("kind") not in kinds:
            wrong.append(f"kind {rule.get('kind')!r} is not one of {', '.join(_KINDS)}")
        if rule.file == "stances.jsonl" and rule.get("kind") is not None and rule.get("kind") not in ITEM_KINDS:
            wrong.append(f"kind {rule.get('kind')!r} is not one of {', '.join(ITEM_KINDS)}")
        if rule.file == "stances.jsonl" and rule.get("role") == "stance" and rule.get("stance") not in STANCES:
            wrong.append(f"stance {rule.get('stance')!r} is not one of {', '.join(STANCES)}")
        if wrong:
            raise RuleError(root / rule.file, rule.line, "; ".join(wrong))


def _check_organisations(root: Path, rules: list[Rule]) -> None:
    """The gazetteer's own shape: each organisation of a declared kind, named, its `of` naming
    organisations that exist, each name list a list of strings; each marker with a pattern."""
    mine = [r for r in rules if r.file == "organisations.jsonl"]
    kinds = {r.get("kind") for r in mine if r.get("role") == "kind"}
    ids = {r.id for r in mine if r.get("role") == "organisation"}
    for rule in mine:
        role, wrong = rule.get("role"), []
        lists = {"kind": ("addressees", "subject_addressees"), "organisation": ("names", "abbreviations", "of", "addressees")}
        for key in lists.get(role, ()):
            value = rule.get(key)
            if value is not None and not (isinstance(value, tuple) and all(isinstance(v, str) and v for v in value)):
                wrong.append(f"{key} must be a list of non-empty strings")
        if role == "kind" and (not isinstance(rule.get("kind"), str) or not isinstance(rule.get("subject", False), bool)):
            wrong.append("a kind needs a kind name, and subject true or false")
        if role == "organisation":
            if rule.get("kind") not in kinds:
                wrong.append(f"kind {rule.get('kind')!r} is no kind of organisations.jsonl ({', '.join(sorted(map(str, kinds)))})")
            if not isinstance(rule.get("name"), str) or not rule.get("name").strip():
                wrong.append("an organisation needs a name")
            wrong += [f"of {o!r} is no organisation's id" for o in rule.get("of") or () if o not in ids]
        if role == "national_marker" and rule.compiled is None:
            wrong.append("a national marker needs a pattern")
        if wrong:
            raise RuleError(root / rule.file, rule.line, "; ".join(wrong))


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
            shown = ", ".join(str(a) for a in allowed if a is not None)
            raise RuleError(path, number, f"{key} must be one of {shown}, not {data.get(key)!r}")
    role_keys, groups = _role_schema(path, number, data, spec)
    allowed_keys = set(_COMMON_KEYS) | set(spec.required) | set(spec.keys) | set(role_keys)
    unknown = sorted(set(data) - allowed_keys)
    if unknown:
        raise RuleError(path, number, f"unknown key(s) {', '.join(map(repr, unknown))} "
                                      f"(allowed: {', '.join(sorted(allowed_keys))})")
    compiled = None
    for key in spec.regex_fields + tuple(k for k in spec.optional_regex if k in data):
        pattern = data.get(key)
        if not isinstance(pattern, str) or not pattern:
            raise RuleError(path, number, f"{key} must be a non-empty string")
        try:
            compiled = re.compile(pattern, _flags(path, number, data.get("flags", "")))
        except re.error as exc:
            raise RuleError(path, number, f"bad regular expression in {key}: {exc}") from exc
    if compiled is not None:
        missing = [g for g in groups if g not in compiled.groupindex]
        if missing:
            raise RuleError(path, number, f"pattern needs the named group(s) {', '.join(missing)}")
        _run_examples(path, number, compiled, data.get("examples"))
    return Rule(id=rule_id, file=path.name, line=number, data=_freeze(data), compiled=compiled)


def _role_schema(path: Path, number: int, data: dict, spec: FileSpec) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(keys, named groups) the rule's role allows and needs; a role the file does not know is refused."""
    if not spec.roles:
        return (), ()
    for role, keys, groups in spec.roles:
        if data.get("role") == role:
            return keys, groups
    known = ", ".join(role for role, _keys, _groups in spec.roles)
    raise RuleError(path, number, f"unknown role {data.get('role')!r} (known roles: {known})")


def _run_examples(path: Path, number: int, compiled: re.Pattern, examples) -> None:
    """A rule's own examples: each "match" text must be found, each "no_match" near-miss not."""
    if examples is None:
        return
    if not isinstance(examples, dict) or set(examples) - {"match", "no_match"} or not all(
            isinstance(texts, list) and all(isinstance(t, str) for t in texts) for texts in examples.values()):
        raise RuleError(path, number, 'examples must be {"match": [text, ...], "no_match": [text, ...]}')
    for text in examples.get("match", []):
        if not compiled.search(text):
            raise RuleError(path, number, f"example not matched: {text!r}")
    for text in examples.get("no_match", []):
        found = compiled.search(text)
        if found:
            raise RuleError(path, number, f"near-miss matched: {text!r} (found {found.group(0)!r})")


def _flags(path: Path, number: int, letters) -> int:
    if not isinstance(letters, str):
        raise RuleError(path, number, f"flags must be a string of letters from {''.join(_FLAG_LETTERS)}")
    flags = 0
    for letter in letters:
        if letter not in _FLAG_LETTERS:
            raise RuleError(path, number, f"unknown flag {letter!r} (known: {', '.join(_FLAG_LETTERS)})")
        flags |= _FLAG_LETTERS[letter]
    return flags


@functools.lru_cache(maxsize=4)
def display_names(directory: str | None = None) -> dict[tuple[str, str], str]:
    """(role, id) -> the name people read: ("addressee", "npcc") -> "the National Police Chiefs'
    Council", ("family", "coroner") -> "coroner's report (Regulation 28)" (rules/names.jsonl)."""
    rules = load_rules(directory)
    return {(str(r.get("role")), str(r.get("of"))): str(r.get("name")) for r in rules.of("names.jsonl")}
