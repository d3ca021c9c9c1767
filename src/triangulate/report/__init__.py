"""Reports of the stored analysis: Markdown, self-contained HTML or JSON, with a map.

`load_report_data(store, story_id)` gathers what to say from the export tables;
`build_report(data, format, out)` writes it.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Literal

from triangulate.errors import UsageError
from triangulate.report.charts import render_series
from triangulate.report.data import ReportData, StoryReport, load_report_data
from triangulate.report.html import render_html
from triangulate.report.jsonreport import render_json
from triangulate.report.layout import layout
from triangulate.report.map import render_map
from triangulate.report.markdown import render_markdown

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")

__all__ = ["FORMATS", "ReportData", "StoryReport", "build_report", "load_report_data"]


def build_report(data: ReportData, format: Format = "md", out: str | Path = ".") -> Path:
    """Write the report to `out` (a file, or a folder for `report.<format>`); return its path.

    Maps are PNG files beside a Markdown or JSON report (`<name>-map-<n>.png`, their
    names set on each story's `map_file`) and embedded in the HTML page; so are the
    charts of figures over time (`<name>-series-<n>.png`).
    """
    if format not in FORMATS:
        raise UsageError(f"unknown report format {format!r}; choose one of: {', '.join(FORMATS)}")
    path = Path(out)
    if path.is_dir() or str(out).endswith(("/", "\\")):
        path = path / f"report.{format}"
    path.parent.mkdir(parents=True, exist_ok=True)
    maps: list[str | None] = []
    for number, story in enumerate(data.stories, 1):
        png = render_map(story.places, f"Places: {story.title}")
        if png is None:
            maps.append(None)
        elif format == "html":
            maps.append("data:image/png;base64," + base64.b64encode(png).decode("ascii"))
        else:
            image = path.with_name(f"{path.stem}-map-{number}.png")
            image.write_bytes(png)
            story.map_file = image.name
            maps.append(image.name)
    charts: dict[str, str] = {}
    for story in data.stories:
        for group in story.series:
            png = render_series(group["series"], group.get("measured") or "figure", group["unit"])
            if png is None or format == "json":
                continue
            if format == "html":
                charts[group["id"]] = "data:image/png;base64," + base64.b64encode(png).decode()
            else:
                image = path.with_name(f"{path.stem}-series-{len(charts) + 1}.png")
                image.write_bytes(png)
                charts[group["id"]] = image.name
    if format == "json":
        text = render_json(data)
    elif format == "html":
        text = render_html(layout(data, maps, charts))
    else:
        text = render_markdown(layout(data, maps, charts))
    path.write_text(text, encoding="utf-8")
    return path
