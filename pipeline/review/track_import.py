"""Tracking from another tracker's spreadsheet: each row matched to an item, and what it would change.

Pure: rows (dicts of cell text) and items (the item_details rows people see) in, a plan out; the
file reading and the writing are in track_sheet.py, and every change is applied by track.track,
the code behind `hmicfrs track`, so the audit log and its checks are the same.

A row is matched by the first of these that decides:
1. an `id` column holding an item's stable id;
2. report + number: the report named by id, SHA-256, file name (with or without .pdf) or title
   (exactly, else the most similar title), then the item with that number ("3", "Recommendation 3"
   and "AFI 3" all say 3); several items with the number (a recommendation 1 and an area for
   improvement 1) are told apart by the kind column, else by their text;
3. text similarity, within the row's report when it names one, else over every item.
A number that contradicts the text (the number's item is unlike the row's text, another item is
like it) is not guessed at: the row is listed as unmatched with both candidates. A best match
that is too weak, or too close to the runner-up, is unmatched too, with the scores.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipeline.models import ITEM_KINDS, KIND_WORDS, TRACK_STATUSES
from pipeline.similar import ranked, similarity, words

# What a row can say; `--map FIELD=COLUMN` names the column holding each.
FIELDS = ("id", "report", "kind", "number", "text", "status", "level", "owner", "evidence", "closed_on", "due",
          "reason")
TRACKED = ("status", "level", "owner", "evidence", "closed_on", "due")
# The columns `track export` writes, read back by default: an unedited export changes nothing.
DEFAULT_COLUMNS = {"id": "id", "report": "report_file", "kind": "kind", "number": "number", "text": "text",
                   "status": "status", "level": "level", "owner": "owner", "evidence": "evidence",
                   "closed_on": "closed_on", "due": "due_revised", "reason": "due_reason"}
DEFAULT_THRESHOLD = 0.6
# A best match this close to the runner-up is a coin toss, not a match.
MARGIN = 0.05
_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class Mapping:
    columns: tuple[tuple[str, str], ...]  # (field, column)
    values: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (field, ((cell, value), ...))

    def column(self, field: str) -> str | None:
        return dict(self.columns).get(field)

    def value(self, field: str, cell: str) -> str:
        table = {k.strip().lower(): v for k, v in dict(self.values).get(field, ())}
        return table.get(cell.strip().lower(), cell)


@dataclass(frozen=True)
class Catalogue:
    """The items rows are matched against, indexed once for a whole sheet."""

    items: tuple[dict, ...]
    by_id: dict[str, dict]
    reports: dict[str, dict]  # report id -> one of its items (for its file, title, SHA-256)
    by_report: dict[str, list[dict]]

    @classmethod
    def of(cls, items) -> "Catalogue":
        if isinstance(items, Catalogue):
            return items
        by_report: dict[str, list[dict]] = {}
        for item in items:
            by_report.setdefault(item["report_id"], []).append(item)
        return cls(tuple(items), {i["id"]: i for i in items}, {r: rows[0] for r, rows in by_report.items()}, by_report)


@dataclass(frozen=True)
class Match:
    item_id: str | None
    how: str  # id | report+number | report+number+kind | report+number+text | text | unmatched
    score: float | None
    reason: str | None = None  # why unmatched, or what was odd about the match


@dataclass(frozen=True)
class RowPlan:
    row: int  # spreadsheet row number (the header is row 1)
    match: Match
    changes: tuple[tuple[str, object, object], ...] = ()  # (field, old, new)
    values: tuple[tuple[str, object], ...] = ()  # keyword arguments for track.track
    problem: str | None = None  # why a matched row cannot be applied

    @property
    def state(self) -> str:
        if self.match.item_id is None:
            return "unmatched"
        if self.problem:
            return "invalid"
        return "change" if self.changes else "unchanged"


def make_mapping(header: list[str], assignments: dict[str, str] | None = None,
                 values: dict[str, dict[str, str]] | None = None) -> Mapping:
    """The columns to read: the export's own names where present, overridden by `assignments`
    (field -> column); a mapped column the file lacks is an error, naming the columns it has."""
    assignments = dict(assignments or {})
    unknown = sorted(set(assignments) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)} (fields: {', '.join(FIELDS)})")
    missing = [c for c in assignments.values() if c not in header]
    if missing:
        raise ValueError(f"no column(s) {', '.join(map(repr, missing))} in the file (columns: {', '.join(header)})")
    columns = {f: c for f, c in DEFAULT_COLUMNS.items() if c in header and c not in assignments.values()}
    columns.update(assignments)
    if not any(f in columns for f in ("id", "number", "text")):
        raise ValueError("no column to match on: map id, number (with report) or text")
    if not any(f in columns for f in TRACKED):
        raise ValueError(f"no tracking column: map at least one of {', '.join(TRACKED)}")
    frozen_values = tuple((f, tuple(sorted(v.items()))) for f, v in sorted((values or {}).items()))
    return Mapping(columns=tuple(sorted(columns.items())), values=frozen_values)


# ---------------------------------------------------------------------------------------------
# Similarity


def best_by_text(text: str, items: list[dict], threshold: float, shortlist: int = 8) -> Match:
    """The item whose text is most like `text`: words first to shortlist, difflib on the few."""
    if not set(words(text)):
        return Match(None, "unmatched", None, "no text to match on")
    scored = ranked(text, [(i["id"], i["text"]) for i in items], shortlist)
    if not scored or scored[0][0] < threshold:
        best = f" (best {scored[0][1]}, {scored[0][0]:.2f})" if scored else ""
        return Match(None, "unmatched", scored[0][0] if scored else None,
                     f"no item's text is similar enough (threshold {threshold:.2f}){best}")
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
        return Match(None, "unmatched", scored[0][0],
                     f"ambiguous text: {scored[0][1]} ({scored[0][0]:.2f}) or {scored[1][1]} ({scored[1][0]:.2f})")
    return Match(scored[0][1], "text", scored[0][0])


# ---------------------------------------------------------------------------------------------
# Matching


def normal_number(cell: str) -> str:
    """"Recommendation 3", "AFI 3", "3.", "(3)" -> "3"; "4.12" and "S12" stay as they are."""
    tokens = (cell or "").split()
    return tokens[-1].strip(".:;,()[]").lower() if tokens else ""


def normal_kind(cell: str) -> str | None:
    lowered = " ".join((cell or "").lower().replace("_", " ").split())
    for kind in ITEM_KINDS:
        if lowered in (kind.replace("_", " "), *KIND_WORDS[kind]):
            return kind
    return None


def find_report(key: str, items, threshold: float) -> tuple[str | None, str | None]:
    """(report id, None) or (None, why not): by id, SHA-256, file name or title, else the most
    similar title."""
    wanted = " ".join(key.lower().split())
    reports = Catalogue.of(items).reports
    for report_id, item in reports.items():
        file = (item.get("report_file") or "").lower()
        names = {report_id.lower(), (item.get("report_sha256") or "").lower(), file, file.rsplit(".", 1)[0],
                 " ".join((item.get("report_title") or "").lower().split())}
        if wanted in names:
            return report_id, None
    scored = sorted(((similarity(key, r.get("report_title") or ""), rid) for rid, r in reports.items()), reverse=True)
    if scored and scored[0][0] >= threshold and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
        return scored[0][1], None
    return None, f"no report like {key!r}"


def match_row(cells: dict[str, str], items, threshold: float = DEFAULT_THRESHOLD) -> Match:
    """The item a row is about (`cells`: field -> cell text, as mapped; `items`: a list or a Catalogue)."""
    catalogue = Catalogue.of(items)
    by_id = catalogue.by_id
    items = list(catalogue.items)
    item_id = (cells.get("id") or "").strip()
    if item_id:
        if item_id in by_id:
            return Match(item_id, "id", 1.0)
    text = (cells.get("text") or "").strip()
    report_key = (cells.get("report") or "").strip()
    pool = items
    if report_key:
        report_id, why = find_report(report_key, catalogue, threshold)
        if report_id is None:
            return Match(None, "unmatched", None, why)
        pool = catalogue.by_report[report_id]
    number = normal_number(cells.get("number") or "")
    if number and report_key:
        found = _by_number(number, normal_kind(cells.get("kind") or ""), text, pool, threshold)
        if found is not None:
            return found
        if not text:
            return Match(None, "unmatched", None, f"no item numbered {number} in the report")
    if not text:
        why = f"id {item_id!r} is no item" if item_id else "nothing to match on (no id, report and number, or text)"
        return Match(None, "unmatched", None, why)
    found = best_by_text(text, pool, threshold)
    if found.item_id and number and report_key:
        return Match(found.item_id, "text", found.score, f"number {number} is no item of the report; matched by text")
    return found


def _by_number(number: str, kind: str | None, text: str, pool: list[dict], threshold: float) -> Match | None:
    numbered = [i for i in pool if normal_number(i.get("number") or "") == number]
    if kind:
        numbered = [i for i in numbered if i["kind"] == kind] or numbered
    if not numbered:
        return None
    how = "report+number+kind" if kind and len({i["kind"] for i in numbered}) == 1 else "report+number"
    if len(numbered) > 1:
        if not text:
            kinds = ", ".join(sorted(i["kind"] for i in numbered))
            return Match(None, "unmatched", None, f"number {number} is several items ({kinds}): add a kind or text")
        found = best_by_text(text, numbered, 0.0)
        if found.item_id is None:
            return Match(None, "unmatched", found.score, f"number {number} is several items; {found.reason}")
        return Match(found.item_id, "report+number+text", found.score)
    item = numbered[0]
    if not text:
        return Match(item["id"], how, None)
    score = similarity(text, item["text"])
    if score < threshold:
        other = best_by_text(text, pool, threshold)
        if other.item_id and other.item_id != item["id"]:
            return Match(None, "unmatched", score,
                         f"number {number} is {item['id']} (text {score:.2f}) but the text is {other.item_id} "
                         f"({other.score:.2f}): fix the number or the text")
    return Match(item["id"], how, score)


# ---------------------------------------------------------------------------------------------
# The plan


def parse_date(cell: str) -> str:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cell.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"bad date {cell!r}: use YYYY-MM-DD or DD/MM/YYYY")


def _wanted(cells: dict[str, str], mapping: Mapping) -> dict[str, object]:
    """The tracking values a row sets; an empty cell sets nothing (it never clears a field)."""
    wanted: dict[str, object] = {}
    for field in (*TRACKED, "reason"):
        cell = (cells.get(field) or "").strip()
        if not cell:
            continue
        cell = mapping.value(field, cell)
        if field == "status":
            status = "_".join(cell.lower().replace("-", " ").split())
            if status not in TRACK_STATUSES:
                raise ValueError(f"status {cell!r} is not one of {', '.join(TRACK_STATUSES)} "
                                 "(map the tracker's words in a mapping file's \"values\")")
            wanted[field] = status
        elif field == "level":
            digits = "".join(c for c in cell if c.isdigit())
            if digits not in ("1", "2", "3", "4"):
                raise ValueError(f"level {cell!r} is not 1, 2, 3 or 4")
            wanted[field] = int(digits)
        elif field in ("closed_on", "due"):
            wanted[field] = parse_date(cell)
        else:
            wanted[field] = cell
    return wanted


def plan_row(row: int, cells: dict[str, str], match: Match, current: dict | None, mapping: Mapping) -> RowPlan:
    """What applying a matched row would change against the item's tracking now."""
    if match.item_id is None:
        return RowPlan(row, match)
    try:
        wanted = _wanted(cells, mapping)
    except ValueError as exc:
        return RowPlan(row, match, problem=str(exc))
    now = dict(current or {})
    now.setdefault("status", "open")
    now["due"] = now.get("due_revised")
    status = wanted.get("status", now.get("status"))
    if "closed_on" in wanted and status != "closed":
        if wanted["closed_on"] == now.get("closed_on"):
            del wanted["closed_on"]  # the old closure date left in a reopened row
        else:
            return RowPlan(row, match, problem="a closure date is for a closed item: set the status to closed")
    changes = tuple((f, now.get(f), wanted[f]) for f in TRACKED if f in wanted and wanted[f] != now.get(f))
    if any(f == "due" for f, _o, _n in changes) and not wanted.get("reason"):
        return RowPlan(row, match, changes, problem="a revised due date needs a reason (map a reason column)")
    values = {f: new for f, _old, new in changes}
    if "due" in values:
        values["reason"] = wanted["reason"]
    return RowPlan(row, match, changes, tuple(values.items()))


def plan(rows: list[dict[str, str]], items: list[dict], tracking: dict[str, dict], mapping: Mapping,
         threshold: float = DEFAULT_THRESHOLD) -> list[RowPlan]:
    """Each row's match and changes; a second row for an item already matched is refused."""
    plans: list[RowPlan] = []
    seen: dict[str, int] = {}
    catalogue = Catalogue.of(items)
    for number, row in enumerate(rows, start=2):
        cells = {field: row.get(column, "") for field, column in mapping.columns}
        if not any((v or "").strip() for v in cells.values()):
            continue  # a blank line at the end of a sheet
        match = match_row(cells, catalogue, threshold)
        if match.item_id in seen:
            match = Match(None, "unmatched", match.score, f"{match.item_id} is also row {seen[match.item_id]}")
        elif match.item_id:
            seen[match.item_id] = number
        plans.append(plan_row(number, cells, match, tracking.get(match.item_id or ""), mapping))
    return plans

