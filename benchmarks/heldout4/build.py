"""Build the held-out set: every report's PDF into OUT and its gold into OUT/gold."""
from __future__ import annotations

import json
from pathlib import Path

from . import reports_canvas_a as ca
from . import reports_canvas_b as cb
from . import reports_canvas_c as cc
from . import reports_flow_a as fa
from . import reports_flow_b as fb
from . import reports_flow_c as fc
from . import reports_flow_d as fd
from . import reports_papers as papers
from .gold import Report, write_gold

BUILDERS = [
    ca.peel_brackenmoor, ca.thematic_exploitation, ca.accelerated_rivermouth, cb.fire_calderbridge,
    cb.annual_state, papers.progress_review, papers.committee_paper, fa.peel_harrowgate, fa.fire_saltmarsh,
    fa.peel_estuary, fb.custody_westvale, fb.thematic_neighbourhood, fc.child_protection_fallowfield,
    fc.joint_youth, fc.agency_nca, fd.fire_values, fd.thematic_digital, cc.joint_case_files,
]


def generate(out: Path, seed: int = 4) -> list[Report]:
    """Write every PDF and its gold; the same seed gives byte-identical files."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    reports = []
    for build in BUILDERS:
        report = build(out, seed)
        write_gold(report, out / f"{report.stem}.pdf", out / "gold")
        reports.append(report)
    families = {report.stem: report.family for report in reports}
    (out / "gold" / "families.json").write_text(json.dumps(families, indent=1, sort_keys=True) + "\n")
    return reports
