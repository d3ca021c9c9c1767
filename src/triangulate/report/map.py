"""A map of a story's places as a PNG: offline, from the Natural Earth 1:110m outlines.

Drawn on the Agg canvas directly (no pyplot, so no global backend is set).
The outlines are the shapefile shipped as data in the geopandas 0.14 wheel; it
is read with pyshp, and geopandas itself is never imported (it is heavy and
only its data is needed). Nothing is downloaded and no tile server is used.
"""

from __future__ import annotations

import importlib.util
import io
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapefile
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

Ring = list[tuple[float, float]]


def outlines_path() -> Path | None:
    """The Natural Earth low-resolution countries shapefile, if geopandas' data is installed."""
    spec = importlib.util.find_spec("geopandas")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0])
    path = path / "datasets" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def country_outlines() -> tuple[tuple[Ring, ...], ...]:
    """Each country as its rings of (lon, lat) points; empty when the data is missing."""
    path = outlines_path()
    if path is None:
        return ()
    countries = []
    with shapefile.Reader(str(path)) as reader:
        for shape in reader.shapes():
            bounds = [*shape.parts, len(shape.points)]
            rings = tuple(
                [(float(x), float(y)) for x, y in shape.points[a:b]]
                for a, b in zip(bounds, bounds[1:], strict=False)
            )
            countries.append(rings)
    return tuple(countries)


def render_map(places: Sequence[dict[str, Any]], title: str | None = None) -> bytes | None:
    """PNG bytes of the places (dicts with name, lat, lon) on country outlines; None if none."""
    points = [(float(p["lon"]), float(p["lat"]), str(p["name"])) for p in places]
    if not points:
        return None
    west, east, south, north = _extent(points)
    figure = Figure(figsize=(8, 6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    axes.set_facecolor("#dcecf5")
    for rings in country_outlines():
        if any(_overlaps(ring, west, east, south, north) for ring in rings):
            codes: list[int] = []
            vertices: Ring = []
            for ring in rings:
                vertices += ring
                codes += [int(MplPath.MOVETO)] + [int(MplPath.LINETO)] * (len(ring) - 1)
            patch = PathPatch(
                MplPath(vertices, codes), facecolor="#f4f1e8", edgecolor="#8a8a8a", lw=0.7
            )
            axes.add_patch(patch)
    axes.scatter(
        [p[0] for p in points],
        [p[1] for p in points],
        s=28,
        color="#c0392b",
        zorder=3,
        edgecolor="white",
        linewidth=0.6,
    )
    for x, y, name in points:
        axes.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8, zorder=4)
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1.0 / max(0.2, _cos_deg((south + north) / 2)))
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    if title:
        axes.set_title(title, fontsize=10)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _extent(points: Sequence[tuple[float, float, str]]) -> tuple[float, float, float, float]:
    """(west, east, south, north) fitted to the points with a margin of a fifth of the span
    (at least 1 degree)."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    margin_x = max(1.0, (max(lons) - min(lons)) * 0.2)
    margin_y = max(1.0, (max(lats) - min(lats)) * 0.2)
    south, north = max(-90.0, min(lats) - margin_y), min(90.0, max(lats) + margin_y)
    # Widen to a landscape frame (4:3 on the ground) so a north-south spread stays readable.
    scale = max(0.2, _cos_deg((south + north) / 2))
    width = max(max(lons) - min(lons) + 2 * margin_x, (north - south) * 4 / 3 / scale)
    middle = (max(lons) + min(lons)) / 2
    return max(-180.0, middle - width / 2), min(180.0, middle + width / 2), south, north


def _overlaps(ring: Ring, west: float, east: float, south: float, north: float) -> bool:
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south


def _cos_deg(degrees: float) -> float:
    return math.cos(math.radians(degrees))
