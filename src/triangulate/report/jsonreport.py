"""The report as JSON: the structured `ReportData`, map file names included."""

from __future__ import annotations

import json

from triangulate.report.data import ReportData


def render_json(data: ReportData) -> str:
    return json.dumps(data.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"
