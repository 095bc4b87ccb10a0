"""The catalogue of reports and the writer of PDFs and gold."""
from __future__ import annotations

import json
from pathlib import Path

from . import bodies, custody, fire, forces, national, tracking

BUILDERS = forces.BUILDERS + fire.BUILDERS + national.BUILDERS + custody.BUILDERS + bodies.BUILDERS + tracking.BUILDERS


def generate(out: Path, seed: int = 1, only: list[str] | None = None):
    """Write every report's PDF into `out` and its gold into `out/gold`; return the Report objects."""
    out = Path(out)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    reports = []
    for builder in BUILDERS:
        if only and builder.__name__ not in only:
            continue
        report, data = builder(seed)
        (out / f"{report.stem}.pdf").write_bytes(data)
        rows = report.gold(data)
        with open(out / "gold" / f"{report.stem}.jsonl", "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        reports.append(report)
    return reports
