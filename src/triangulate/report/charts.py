"""A small chart of a claim group's series: value against date, one line per claimant.

Drawn on the Agg canvas directly (no pyplot, so no global backend is set), like the map.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import date2num
from matplotlib.figure import Figure


def render_series(series: dict[str, list[dict[str, Any]]], title: str, unit: str) -> bytes | None:
    """PNG bytes of the series (claimant -> [{date, value}]), None when nothing is dated."""
    lines = {
        name: sorted((date.fromisoformat(p["date"]), float(p["value"])) for p in points)
        for name, points in series.items()
        if points
    }
    if not lines:
        return None
    figure = Figure(figsize=(5.5, 2.8), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for name, points in sorted(lines.items()):
        axes.plot(date2num([d for d, _ in points]), [v for _, v in points], marker="o", label=name)
    axes.xaxis_date()
    axes.set_title(title, fontsize=9)
    axes.set_ylabel(unit or "value", fontsize=8)
    axes.tick_params(labelsize=7)
    axes.legend(fontsize=7)
    figure.autofmt_xdate()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()
