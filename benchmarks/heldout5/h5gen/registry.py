"""All reports of the set, and the gold rows and manifest written for them."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import custody, fire, joint, letters, national, peel, thematic

BUILDERS = [peel.cumbria, peel.staffordshire, peel.lincolnshire, fire.avon, fire.hertfordshire,
            thematic.missing_children, thematic.flooding,
            national.digital_forensics, national.nca,
            joint.charging, joint.exploitation, joint.super_complaint,
            custody.northumbria_custody, custody.mod_police,
            letters.dyfed_powys_letter, letters.gwent_revisit, letters.vetting_progress, letters.audit_committee]


def gold_rows(report, pdf: Path) -> list[dict]:
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    head = {"file": pdf.name, "sha256": digest, "title": report.title, "published": report.published,
            "subject": report.subject}
    rows = []
    for it in report.items:
        start, end = min(it.occurrences, key=lambda o: o[0])
        rows.append({
            "id": it.key, "report": head, "kind": it.kind, "number": it.number, "label": it.label,
            "parent": it.parent.key if it.parent else None, "text": it.text, "addressees": it.addressees,
            "addressee_text": it.addressee_text, "deadline": it.deadline, "page": start, "page_end": end,
            "review_status": "pending", "responses": [],
        })
    return rows


def generate(out: Path, seed: int, only: list[str] | None = None) -> list[dict]:
    """Write every report's PDF to out/pdf and its gold to out/gold; return the manifest rows."""
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    manifest = []
    for builder in BUILDERS:
        if only and not any(o in builder.__name__ for o in only):
            continue
        report = builder(seed, str(out / "pdf"))
        pdf = out / "pdf" / f"{report.stem}.pdf"
        rows = gold_rows(report, pdf)
        with open(out / "gold" / f"{report.stem}.jsonl", "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        manifest.append({"file": pdf.name, "family": report.family, "title": report.title,
                         "published": report.published, "pages": report.pages, "items": len(rows)})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest
