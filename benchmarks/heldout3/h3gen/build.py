"""The catalogue of reports and the writer of PDFs and gold."""
from __future__ import annotations

import json
from pathlib import Path

from . import forces

BUILDERS = [
    forces.peel_wealdmarsh, forces.peel_fenland, forces.accelerated_brackenfold, forces.ncpi_cheviot,
]


def _more_builders():
    """Modules added later register here, so the catalogue stays in one place."""
    found = []
    for name in ("fire", "national", "custody", "bodies", "tracking"):
        try:
            module = __import__(f"{__package__}.{name}", fromlist=["BUILDERS"])
        except ModuleNotFoundError:
            continue
        found += module.BUILDERS
    return found


def generate(out: Path, seed: int = 1, only: list[str] | None = None):
    """Write every report's PDF into `out` and its gold into `out/gold`; return the Report objects."""
    out = Path(out)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    reports = []
    for builder in BUILDERS + _more_builders():
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
