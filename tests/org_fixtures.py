"""A database for the "our organisation" tests: national reports, two forces' PEEL reports and
fire reports, built as tests/test_brief.py builds its own (store.write_document and
run.write_report_items, so the items are known exactly), with a gazetteer that knows the
made-up forces and services (a copy of rules/ with lines added, as a user would add them)."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from pipeline import store
from pipeline.extract import ReportCheck
from pipeline.models import Addressee, CleanDocument, CleanPage, Deadline, Item, ReportMeta
from pipeline.rules import DEFAULT_RULES_DIR
from pipeline.run import write_report_items

MADE_UP = [
    {"id": "midshire_police", "role": "organisation", "kind": "force", "name": "Midshire Police",
     "abbreviations": ["MP"]},
    {"id": "northshire_constabulary", "role": "organisation", "kind": "force", "name": "Northshire Constabulary"},
    {"id": "midshire_pcc", "role": "organisation", "kind": "pcc", "name": "Midshire Police and Crime Commissioner",
     "of": ["midshire_police"]},
    {"id": "midshire_fire_and_rescue_service", "role": "organisation", "kind": "fire_service",
     "name": "Midshire Fire and Rescue Service"},
    {"id": "northshire_fire_and_rescue_service", "role": "organisation", "kind": "fire_service",
     "name": "Northshire Fire and Rescue Service"},
]

# (key, title, cover, published, family, items); an item is
# (local id, kind, number, text, addressees, deadline date)
REPORTS = [
    ("national", "An inspection of how well the police tackle serious youth violence",
     "Serious youth violence", "2023-03-08", "hmicfrs_thematic", [
         ("r1", "recommendation", "1", "By 31 March 2024, chief constables should train officers in outcome 22.",
          ["chief_constables"], "2024-03-31"),
         ("r2", "recommendation", "2", "By 31 March 2024, the Home Office should simplify funding.",
          ["home_office"], "2024-03-31"),
         ("r3", "recommendation", "3", "By 30 June 2024, police and crime commissioners should review funding.",
          ["police_and_crime_commissioners"], "2024-06-30"),
         ("r4", "recommendation", "4", "By 31 May 2024, Midshire Police should share its youth violence model.",
          ["midshire_police"], "2024-05-31"),
         ("r5", "recommendation", "5", "By 31 May 2024, the NPCC lead should publish guidance; the force "
          "should help.", ["npcc", "force"], "2024-05-31"),
     ]),
    ("peel-mid", "PEEL 2023-25: An inspection of Midshire Police", "PEEL 2023-25\nMidshire\nPolice", "2023-05-01",
     "hmicfrs_peel", [
         ("c1", "cause_of_concern", "1", "The force does not answer emergency calls quickly enough.", [], None),
         ("c1r1", "recommendation", None, "Within three months, the force should: hire call handlers.", ["force"],
          "2023-08-01"),
         ("a1", "area_for_improvement", "1", "The force should record equality data.", ["force"], None),
         ("a2", "area_for_improvement", "2", "The force should improve vetting by 2024.", ["force"], "2024-12-31"),
     ]),
    ("peel-north", "PEEL 2023-25: An inspection of Northshire Constabulary", "PEEL 2023-25\nNorthshire Constabulary",
     "2023-06-10", "hmicfrs_peel", [
         ("a1", "area_for_improvement", "1", "The force should improve its vetting by 2024.", ["force"], "2024-10-31"),
         ("r1", "recommendation", "1", "By 31 July 2024, chief constables should check their own vetting.",
          ["chief_constables"], "2024-07-31"),
     ]),
    ("frs-mid", "Effectiveness, efficiency and people 2023-25: Midshire Fire and Rescue Service",
     "Midshire Fire and Rescue Service", "2023-07-01", "hmicfrs_fire", [
         ("a1", "area_for_improvement", "1", "The service should make sure its risk plan is current.",
          ["fire_and_rescue_services"], "2024-04-30"),
     ]),
    ("frs-north", "Effectiveness, efficiency and people 2023-25: Northshire Fire and Rescue Service",
     "Northshire Fire and Rescue Service", "2023-07-02", "hmicfrs_fire", [
         ("a1", "area_for_improvement", "1", "The service should train its fire protection staff.",
          ["fire_and_rescue_services"], "2024-05-31"),
     ]),
    ("frs-national", "Standards of behaviour: the handling of misconduct in fire and rescue services",
     "Standards of behaviour", "2023-03-30", "hmicfrs_fire", [
         ("r1", "recommendation", "1", "By 1 October 2024, chief fire officers should put background checks "
          "in place.", ["fire_and_rescue_services"], "2024-10-01"),
     ]),
]


def report_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def item_id(key: str, local: str) -> str:
    return f"{report_id(key)}-{local}"


def rules_with_made_up_bodies(tmp: Path) -> Path:
    rules = tmp / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    with open(rules / "organisations.jsonl", "a", encoding="utf-8") as handle:
        for line in MADE_UP:
            handle.write(json.dumps(line) + "\n")
    return rules


def build(path: Path, reports=REPORTS) -> Path:
    db = store.connect(path)
    for key, title, cover, published, family, items in reports:
        sha = hashlib.sha256(key.encode()).hexdigest()
        doc = CleanDocument(
            file=f"{key}.pdf", path=str(path.parent / f"{key}.pdf"), sha256=sha, size_bytes=100,
            pages=(CleanPage(1, cover, "", 1), CleanPage(2, "Findings", "", 1)), furniture=(),
            meta=ReportMeta(title, published, None, None, family, None),
        )
        with store.transaction(db):
            store.write_document(db, doc)
        built = [
            Item(id=item_id(key, local), report_id=doc.report_id, kind=kind, number=number, label=None,
                 parent=item_id(key, "c1") if local == "c1r1" else None, text=text,
                 addressees=tuple(Addressee(a, a.replace("_", " ")) for a in addressees),
                 addressee_text=" and ".join(addressees) or None,
                 deadline=Deadline("date" if due else "none", due, None), page=2, page_end=2, start=0,
                 end=len(text), rules=(), sequence=seq)
            for seq, (local, kind, number, text, addressees, due) in enumerate(items)
        ]
        write_report_items(db, doc.report_id, built, ReportCheck(doc.report_id, len(built), None, None, (), (), False, ()),
                           "test")
    db.conn.close()
    return path
