"""Build the held-out set: every report's PDF, its gold JSONL and a manifest of report families."""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Callable

from . import custody, fire, followup, national, police, thematic, thematic2
from .engine import Report, write_gold

# Each builder gets its own generator, seeded from the set's seed and its name, so adding a report
# never changes the others.
BUILDERS: list[Callable] = [
    police.peel_2025, police.peel_2022, police.accelerated, fire.ashcombe, fire.kestrel,
    thematic.exploitation, thematic.fire_misconduct, thematic2.digital_evidence, thematic2.missing_children,
    thematic2.joint_domestic_abuse, national.child_protection, national.nca, national.annual,
    custody.greyfield, custody.hollinsworth, followup.stalking_progress, followup.thornleigh_revisit,
    followup.audit_committee,
]


def generate(out: Path, seed: int = 0, only: str | None = None) -> list[tuple[Report, Path, list[dict]]]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for builder in BUILDERS:
        if only and only not in f"{builder.__module__}.{builder.__name__}":
            continue
        rng = random.Random(f"{seed}:{builder.__module__}.{builder.__name__}")
        report = builder(out, rng)
        pdf = out / f"{report.stem}.pdf"
        rows = write_gold(report, pdf, out / "gold")
        built.append((report, pdf, rows))
    if not only:
        manifest = {report.stem: report.family for report, _pdf, _rows in built}
        (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return built
