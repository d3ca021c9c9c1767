"""Talking to a running `triangulate serve`, which owns its database: `ingest --server
URL` sends the inputs and waits for the report; `export` reads a table through it."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from triangulate.errors import UsageError

POLL_SECONDS = 0.5
PROBE_SECONDS = 2.0


def server_marker(db: str | Path) -> Path:
    """The file a running server keeps beside its database, holding its URL."""
    path = Path(db)
    return path.with_name(path.name + ".server")


def serving_url(db: str | Path) -> str | None:
    """The URL of the server holding `db`, if one said so and still answers there (a
    server killed with -9 leaves its marker behind: that one holds nothing)."""
    marker = server_marker(db)
    try:
        url = marker.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return url if url and _answers(url) else None


def _answers(url: str) -> bool:
    """Whether anything answers HTTP at `url` (any status: a token may be required)."""
    try:
        httpx.get(f"{url.rstrip('/')}/api/csrf", timeout=PROBE_SECONDS)
    except httpx.HTTPError:
        return False
    return True


def export_via_server(
    url: str, table: str, format: str, out: Path | None, *, token: str | None = None
) -> None:
    """Write export table `table` of the database a server holds, as `triangulate export`
    does (to `out`, or to standard output)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        response = httpx.get(
            f"{url.rstrip('/')}/api/export/{table}",
            params={"format": format},
            headers=headers,
            timeout=600.0,
        )
    except httpx.HTTPError as exc:
        raise UsageError(f"cannot reach the server at {url}: {exc}; is it running?") from exc
    if response.status_code >= 400:
        raise UsageError(f"the server refused the export: {_detail(response)}")
    if out is not None:
        out.write_bytes(response.content)
    elif format == "parquet":
        raise UsageError("parquet is binary: give an output file")
    else:
        sys.stdout.buffer.write(response.content)
        sys.stdout.buffer.flush()


def _detail(response: httpx.Response) -> str:
    try:
        return str(response.json().get("detail"))
    except ValueError:
        return response.text[:200]


def ingest_via_server(
    url: str, inputs: Sequence[str], *, token: str | None = None, timeout: float = 600.0
) -> dict[str, Any]:
    """Post files (folders expanded) and URLs to `url`; return the finished job."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    files, urls = [], []
    for item in inputs:
        if "://" in item:
            urls.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            files += [p for p in sorted(path.rglob("*")) if p.is_file()]
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{item}: no such file or folder (give files, folders or URLs)")
    with httpx.Client(base_url=url.rstrip("/"), headers=headers, timeout=60.0) as client:
        try:
            csrf = client.get("/api/csrf").raise_for_status().json()["csrf"]
            parts = [("files", (p.name, p.read_bytes())) for p in files]
            response = client.post(
                "/api/ingest",
                files=parts or None,
                data={"urls": "\n".join(urls)},
                headers={"X-CSRF-Token": csrf},
            )
            if response.status_code >= 400:
                raise UsageError(f"the server refused the upload: {response.json().get('detail')}")
            job = response.json()
            deadline = time.monotonic() + timeout
            while job["state"] in ("queued", "running") and time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                job = client.get(f"/api/ingest/{job['id']}").raise_for_status().json()
        except httpx.HTTPError as exc:
            raise UsageError(f"cannot reach the server at {url}: {exc}; is it running?") from exc
    return dict(job)
