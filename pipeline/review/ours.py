"""Our organisation: which one the database is kept for, which items are ours, our status table,
and the 56-day response deadlines (section 55, Police Act 1996).

The organisation is stored in the database (`hmicfrs org set`), so every command, Datasette and
any SQL client apply the same one; `--org` overrides it for one command. Which items are ours is
the SQL of views_ours.py, read through store.ours_rows: one definition everywhere.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline import store
from pipeline.errors import PipelineError
from pipeline.gazetteer import Gazetteer, Organisation, load_gazetteer

ORG_KEY = "org"
RULES_KEY = "org_rules"  # the rules folder the organisation was chosen from, for --org look-ups
NONE = "none"  # `--org none`: a researcher's view of everything, whatever is stored
_TYPE_ROWS = (("cause_of_concern", "Cause of concern"), ("recommendation", "Recommendation"),
              ("area_for_improvement", "AFI"))
LEVELS = (1, 2, 3, 4)


class NoOrganisation(PipelineError):
    code = "no_organisation"


def stored_org(db) -> Organisation | None:
    value = store.get_setting(db, ORG_KEY)
    return Organisation.from_setting(json.loads(value)) if value else None


def gazetteer_for(db, rules_dir: str | None = None) -> Gazetteer:
    """The gazetteer of `rules_dir`, else the one the stored organisation was chosen from, else the shipped one."""
    return load_gazetteer(rules_dir or store.get_setting(db, RULES_KEY))


def set_org(db, name: str, rules_dir: str | None = None) -> Organisation:
    org = gazetteer_for(db, rules_dir).lookup(name)
    store.set_setting(db, ORG_KEY, json.dumps(org.as_setting(), ensure_ascii=False))
    store.set_setting(db, RULES_KEY, rules_dir)
    return org


def clear_org(db) -> Organisation | None:
    previous = stored_org(db)
    store.set_setting(db, ORG_KEY, None)  # the rules folder stays: --org still finds its organisations
    return previous


def effective_org(db, override: str | None = None) -> Organisation | None:
    """The organisation a command works for: `override` (a name, or "none"), else the stored one."""
    if override is None:
        return stored_org(db)
    if override.strip().casefold() == NONE:
        return None
    stored = stored_org(db)
    if stored and override.strip() in (stored.id, *stored.abbreviations) or \
            stored and override.strip().casefold() in {n.casefold() for n in stored.names}:
        return stored
    return gazetteer_for(db).lookup(override)


def ours(db, org: Organisation | None) -> dict[str, str]:
    """item id -> why it is ours; empty with no organisation."""
    if org is None:
        return {}
    return store.ours_rows(db, None if org == stored_org(db) else org.as_setting())


# ---------------------------------------------------------------------------------------------
# Our status table: the seed paper's, with what nobody has tracked yet kept apart


def org_status_summary(db, org: Organisation, items: list[dict], today: date) -> dict:
    """The committee table for `org` over `items` (track.tracked_items rows): per kind, a row per
    level of tracked items (open, closed), then tracked items with no level still open ("no
    level"), closed with no level ("closed before levels"), and items not yet tracked."""
    tracked = store.tracking_rows(db)
    mine = ours(db, org)
    rows = [i for i in items if i["id"] in mine]
    table = []
    for kind, name in _TYPE_ROWS + tuple((k, k.replace("_", " ").capitalize())
                                         for k in sorted({i["kind"] for i in rows} - {k for k, _ in _TYPE_ROWS})):
        of_kind = [i for i in rows if i["kind"] == kind]
        on = [i for i in of_kind if i["id"] in tracked]
        levels = sorted(set(LEVELS if kind != "cause_of_concern" else ()) | {i["level"] for i in on if i["level"]})
        groups = [(f"{name} Level {level}", "tracked", [i for i in on if i["level"] == level]) for level in levels]
        unlevelled = [i for i in on if not i["level"]]
        groups += [(f"{name}" if kind == "cause_of_concern" else f"{name} (no level)", "tracked",
                    [i for i in unlevelled if i["track_status"] != "closed"]),
                   (f"{name} Closed before Levels", "tracked", [i for i in unlevelled if i["track_status"] == "closed"]),
                   (f"{name} not yet tracked", "not_tracked", [i for i in of_kind if i["id"] not in tracked])]
        for label, state, members in groups:
            if not members and not label.endswith(tuple(f"Level {n}" for n in LEVELS)):
                continue
            closed = sum(1 for i in members if i["track_status"] == "closed")
            table.append({"type": label, "kind": kind, "state": state, "open": len(members) - closed,
                          "closed": closed, "total": len(members)})
    due = response_due(db, org, today)
    return {
        "org": {"id": org.id, "name": org.name, "kind": org.kind},
        "table": table,
        "tracked_open": sum(r["open"] for r in table if r["state"] == "tracked"),
        "tracked_closed": sum(r["closed"] for r in table if r["state"] == "tracked"),
        "not_yet_tracked": sum(r["total"] for r in table if r["state"] == "not_tracked"),
        "pending_review": sum(1 for i in rows if i["review_status"] == "pending"),
        "changed_since_review": sum(1 for i in rows if i["changed_since_review"]),
        "overdue": sum(1 for i in rows if i["overdue"]),
        "due_next_90_days": sum(1 for i in rows if i["due_soon"]),
        "responses_due": [d.as_dict() for d in due if d.status == "open"],
        "today": today.isoformat(),
    }


# ---------------------------------------------------------------------------------------------
# The 56-day loop


@dataclass(frozen=True)
class ResponseDue:
    report_id: str
    report_title: str | None
    report_file: str
    subject: str
    published: str
    due: str
    status: str  # open | closed
    closed_by: str | None  # "tracked" (hmicfrs org responded) or "response" (a response document)
    overdue: bool
    due_soon: bool

    def as_dict(self) -> dict:
        return {"report_id": self.report_id, "report_title": self.report_title, "report_file": self.report_file,
                "subject": self.subject, "published": self.published, "due": self.due, "status": self.status,
                "closed_by": self.closed_by, "overdue": self.overdue, "due_soon": self.due_soon}


def response_due(db, org: Organisation | None, today: date | None = None, due_soon_days: int = 90) -> list[ResponseDue]:
    """The PCC's comments due on each HMICFRS report on a force (56 days from publication): all of
    them with no organisation, else those on the organisation's force or the forces it oversees."""
    today = today or date.today()
    answered = store.responded_reports(db)
    result = []
    for row in store.response_due_rows(db):
        if org is not None and row["report_subject"] not in org.subjects:
            continue
        # the view closes it for a tracked response or a stored PCC response document; say which
        closed_by = "response" if row["report_id"] in answered else "tracked" if row["status"] == "closed" else None
        due = date.fromisoformat(row["due"])
        open_ = closed_by is None
        result.append(ResponseDue(
            row["report_id"], row["report_title"], row["report_file"], row["report_subject"], row["published"],
            row["due"], "open" if open_ else "closed", closed_by, open_ and due < today,
            open_ and today <= due <= today + timedelta(days=due_soon_days)))
    return result


def mark_responded(db, report: str, on: str | None, by: str, evidence: str | None = None,
                   dry_run: bool = False) -> dict:
    """Track the PCC's response to a report as published (closes its response-due deadline)."""
    from pipeline.review.decisions import now, parse_iso_date

    report_id = store.report_id_for(db, report)
    if report_id is None:
        raise NoOrganisation(f"no report {report!r} in the database")
    if report_id not in {row["report_id"] for row in store.response_due_rows(db)}:
        raise NoOrganisation(f"{report!r} is not an HMICFRS report on a force with a publication day: "
                             "no response is due on it")
    on = parse_iso_date(on) if on else date.today().isoformat()
    item_id = store.RESPONSE_PREFIX + report_id
    current = store.tracking_rows(db).get(item_id) or {}
    updated_at = now()
    row = {"status": "closed", "closed_on": on, "evidence": evidence, "updated_by": by, "updated_at": updated_at}
    if not dry_run:
        with store.transaction(db):
            for field in ("status", "closed_on", "evidence"):
                if current.get(field) != row[field] and row[field] is not None:
                    store.audit(db, by=by, item_id=item_id, action="track", field=field, old=current.get(field),
                                new=row[field], note="PCC response published", at=updated_at)
            store.upsert_report_tracking(db, report_id, row)
    return {"report_id": report_id, **row}


# ---------------------------------------------------------------------------------------------
# The export: each report's subject, and whether each item is ours


def annotate(db, objects: list[dict], org: Organisation | None, only_ours: bool = False) -> list[dict]:
    """Add `ours` to each contract object when there is an organisation; with `only_ours`, keep
    only ours (contract version 2; export.contract_objects adds `report.subject`)."""
    mine = ours(db, org)
    kept = []
    for obj in objects:
        if org is not None:
            obj["ours"] = obj["id"] in mine
        if not only_ours or obj.get("ours"):
            kept.append(obj)
    return kept


def response_due_events(db, org: Organisation | None, today: date | None = None) -> list[dict]:
    """The 56-day deadlines as calendar items (the shape ical.to_ical reads from tracked_items)."""
    events = []
    for due in response_due(db, org, today):
        events.append({
            "id": store.RESPONSE_PREFIX + due.report_id, "report_id": due.report_id, "kind": "response_due",
            "label": "PCC response due", "number": None, "due": due.due, "due_revised": None,
            "text": f"The local policing body publishes its comments on this report within 56 days of its "
                    f"publication on {due.published} (section 55, Police Act 1996).",
            "report_file": due.report_file, "report_title": due.report_title, "page": 1,
            "addressees": ["police_and_crime_commissioners"], "deadline_text": None,
            "review_status": "accepted", "track_status": due.status, "seq": 0,
        })
    return events
