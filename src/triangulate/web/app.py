"""The FastAPI app: security (token, CSRF, upload limit), the REST API and the pages.

One process owns the database while it serves (DuckDB allows one read-write process):
`Workspace` holds it; reads run on cursors, uploads on the one writer thread.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from triangulate.errors import UsageError
from triangulate.live.watcher import WatchOptions
from triangulate.store.export import export_table
from triangulate.web import queries
from triangulate.web.basemap import basemap_geojson
from triangulate.web.client import server_marker
from triangulate.web.pages import add_pages
from triangulate.web.workspace import Workspace

STATIC = Path(__file__).with_name("static")
DEFAULT_UPLOAD_BYTES = 20_000_000
TOKEN_COOKIE = "triangulate_token"
CSRF_HEADER = "x-csrf-token"
EXPORT_MEDIA = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
    "acled": "text/csv; charset=utf-8",
}
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0)]
Story = Annotated[str | None, Query(description="only rows of this story")]
Outlet = Annotated[str | None, Query(description="only this outlet (documents.source)")]
From = Annotated[str | None, Query(alias="from", description="YYYY-MM-DD, inclusive")]
To = Annotated[str | None, Query(alias="to", description="YYYY-MM-DD, inclusive")]
Side = Annotated[str | None, Query(description="the outlet's side, e.g. RU or Ukraine")]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def create_app(
    db: str | Path, *, token: str | None = None, max_bytes: int = DEFAULT_UPLOAD_BYTES,
    watch: Sequence[str] = (), watch_options: WatchOptions | None = None,
) -> FastAPI:  # fmt: skip
    """The app over the database file `db` (opened read-write for the server's life).

    With `token`, every request must carry it (``Authorization: Bearer``, a ``token``
    query parameter that then sets a cookie, or that cookie). With `watch` (feeds,
    section URLs, folders or sources files, as for `triangulate watch`), the server polls
    them into the store, on its one writer thread, until it stops.
    """
    workspace = Workspace(db, max_bytes=max_bytes)
    if watch:
        workspace.watch(watch, watch_options or WatchOptions())
    csrf = secrets.token_urlsafe(24)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        workspace.close()

    app = FastAPI(
        title="triangulate",
        summary="Stories, claims, quotes, events and their sources, from the triangulate store.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.workspace = workspace
    app.state.csrf = csrf
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        given = _token_of(request)
        if token and not (given and hmac.compare_digest(given, token)):
            return JSONResponse(
                {"detail": "this server needs its token: add ?token=... or an "
                 "Authorization: Bearer header"},
                status_code=401,
            )  # fmt: skip
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent, csrf):
                return JSONResponse(
                    {"detail": f"missing or wrong CSRF token: send the {CSRF_HEADER} header "
                     "with the value GET /api/csrf returns"},
                    status_code=403,
                )  # fmt: skip
        response = await call_next(request)
        if token and request.query_params.get("token") == token:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "object-src 'none'; frame-ancestors 'none'"
        )
        return response

    @app.exception_handler(LookupError)
    async def not_found(_: Request, exc: LookupError) -> JSONResponse:
        return JSONResponse({"detail": str(exc).strip("'\"")}, status_code=404)

    _add_api(app, workspace, csrf)
    add_pages(app, workspace, csrf)
    return app


def _token_of(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)


def _filters(
    story: str | None, outlet: str | None, side: str | None, date_from: str | None,
    date_to: str | None, q: str | None = None, place: str | None = None,
) -> queries.Filters:  # fmt: skip
    for name, value in (("from", date_from), ("to", date_to)):
        if value and not _is_day(value):
            raise HTTPException(422, f"{name}={value!r} is not a date: use YYYY-MM-DD")
    return queries.Filters(story, outlet, side, date_from, date_to, q, place)


def _is_day(value: str) -> bool:
    parts = value.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


def _add_api(app: FastAPI, workspace: Workspace, csrf: str) -> None:
    """The REST API under /api: the export tables' rows and the report JSON shapes."""

    def read(fn: Callable[..., Any], *args: Any) -> Any:
        reader = workspace.reader()
        try:
            return fn(reader, *args)
        finally:
            reader.conn.close()

    @app.get("/api/csrf", tags=["session"])
    def get_csrf() -> dict[str, str]:
        """The CSRF token write requests send in the X-CSRF-Token header."""
        return {"csrf": csrf, "header": CSRF_HEADER}

    @app.get("/api/stories", tags=["stories"])
    def list_stories(
        outlet: Outlet = None, side: Side = None, date_from: From = None, date_to: To = None,
        q: str | None = None, place: str | None = None, limit: Limit = 50, offset: Offset = 0,
    ) -> dict[str, Any]:  # fmt: skip
        """Stories with outlets, sides, disputed and corroborated counts; filtered."""
        f = _filters(None, outlet, side, date_from, date_to, q, place)
        rows = read(queries.stories, f, workspace.outlet_sides)
        return queries.page(rows, limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def get_story(story_id: str) -> dict[str, Any]:
        """One story as `triangulate report --format json --story ID` writes it."""
        return read(queries.story_detail, story_id, workspace.outlet_sides)  # type: ignore[no-any-return]

    @app.get("/api/claim-groups", tags=["claims"])
    def list_claim_groups(
        story: Story = None, outlet: Outlet = None, status: str | None = None,
        limit: Limit = 50, offset: Offset = 0,
    ) -> dict[str, Any]:  # fmt: skip
        """Claim groups (status conflict, corroborated, agree or single)."""
        f = _filters(story, outlet, None, None, None)
        return queries.page(read(queries.claim_groups, f, status), limit, offset)

    def table_route(table: str, summary: str) -> None:
        def route(
            story: Story = None, outlet: Outlet = None, date_from: From = None,
            date_to: To = None, limit: Limit = 50, offset: Offset = 0,
        ) -> dict[str, Any]:  # fmt: skip
            f = _filters(story, outlet, None, date_from, date_to)
            return queries.page(read(queries.doc_rows, table, f), limit, offset)

        route.__doc__ = summary
        app.get(f"/api/{table}", tags=[table], name=f"list_{table}")(route)

    @app.get("/api/export/{table}", tags=["export"])
    def export_route(table: str, format: str = "jsonl") -> Response:
        """One export table, whole, as `triangulate export` writes it (jsonl, csv, parquet;
        geojson or acled for events): how `export` reads a store this server holds."""
        with tempfile.TemporaryDirectory(prefix="triangulate-export-") as tmp:
            out = Path(tmp) / f"{table}.{format}"
            try:
                read(export_table, table, format, out)
            except UsageError as exc:
                raise HTTPException(400, str(exc)) from exc
            return Response(out.read_bytes(), media_type=EXPORT_MEDIA.get(format, "text/plain"))

    table_route("quotes", "Quotes (the quotes export table), filtered.")
    table_route("claims", "Quantitative claims (the claims export table), filtered.")
    table_route("events", "Dated events (the events export table), filtered.")

    @app.get("/api/entities", tags=["entities"])
    def list_entities(
        q: str | None = None, type: str | None = None, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Canonical entities; `q` matches the name and every alias."""
        rows = read(queries.entities, queries.Filters(q=q), type)
        return queries.page(rows, limit, offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def get_entity(entity_id: str) -> dict[str, Any]:
        """An entity with its mentions, quotes and claims across outlets."""
        return read(queries.entity, entity_id)  # type: ignore[no-any-return]

    @app.get("/api/documents", tags=["documents"])
    def list_documents(
        story: Story = None, outlet: Outlet = None, date_from: From = None,
        date_to: To = None, limit: Limit = 50, offset: Offset = 0,
    ) -> dict[str, Any]:  # fmt: skip
        """Documents (without text), filtered."""
        f = _filters(story, outlet, None, date_from, date_to)
        return queries.page(read(queries.documents, f), limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def get_document(doc_id: str) -> dict[str, Any]:
        """A document's clean text and every span on it (start, end index the text)."""
        return read(queries.document, doc_id)  # type: ignore[no-any-return]

    @app.get("/api/search", tags=["documents"])
    def search(
        q: Annotated[str, Query(min_length=1)], limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Documents whose title or text contains `q` (case-insensitive)."""
        return queries.page(read(queries.search, q), limit, offset)

    @app.get("/api/changes", tags=["stories"])
    def changes(since: str) -> dict[str, Any]:
        """What documents ingested at or after `since` (ISO time) added or changed."""
        return read(_changes, since)  # type: ignore[no-any-return]

    @app.get("/api/basemap.geojson", tags=["map"])
    def basemap() -> Response:
        """Country outlines (Natural Earth 1:110m, shipped with the package) as GeoJSON."""
        return Response(basemap_geojson(), media_type="application/geo+json")

    @app.post("/api/ingest", tags=["ingest"], status_code=202)
    async def ingest(
        files: Annotated[list[UploadFile] | None, File()] = None,
        text: Annotated[str | None, Form()] = None,
        urls: Annotated[str | None, Form(description="URLs or feeds, one a line")] = None,
    ) -> dict[str, Any]:
        """Queue files (any ingest format), pasted text or URLs; poll the job it returns."""
        inputs, names = [], {}
        for upload in files or []:
            if not upload.filename:
                continue
            data = await upload.read(workspace.max_bytes + 1)
            if len(data) > workspace.max_bytes:
                raise HTTPException(
                    413, f"{upload.filename} is over {workspace.max_bytes} bytes (--max-bytes)"
                )
            path = workspace.upload_path(upload.filename)
            path.write_bytes(data)
            inputs.append(str(path))
            names[str(path)] = upload.filename
        if text and text.strip():
            if len(text.encode()) > workspace.max_bytes:
                raise HTTPException(413, f"the pasted text is over {workspace.max_bytes} bytes")
            path = workspace.upload_path("pasted.txt")
            path.write_text(text, encoding="utf-8")
            inputs.append(str(path))
            names[str(path)] = "pasted text"
        inputs += [u.strip() for u in (urls or "").splitlines() if u.strip()]
        if not inputs:
            raise HTTPException(400, "nothing to ingest: send files, text or urls")
        return workspace.submit(inputs, names).to_dict()

    @app.get("/api/ingest/{job_id}", tags=["ingest"])
    def ingest_job(job_id: str) -> dict[str, Any]:
        """The state of an ingest job: queued, running, done or failed, with its report."""
        job = workspace.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no ingest job {job_id!r}")
        return job.to_dict()


def _changes(reader: Any, since: str) -> dict[str, Any]:
    seen = dict(reader.conn.execute("SELECT id, ingested_at FROM documents").fetchall())
    return queries.changes(reader, {k: v.isoformat() for k, v in seen.items()}, since)


def serve(
    db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
    max_bytes: int = DEFAULT_UPLOAD_BYTES, watch: Sequence[str] = (),
    watch_options: WatchOptions | None = None,
) -> None:  # fmt: skip
    """Run the server until interrupted; a non-loopback `host` requires a `token`."""
    import uvicorn

    if not is_loopback(host) and not token:
        raise UsageError(
            f"binding {host} exposes the database to the network: give --token (or set "
            "TRIANGULATE_TOKEN), or bind 127.0.0.1"
        )
    app = create_app(db, token=token, max_bytes=max_bytes, watch=watch, watch_options=watch_options)
    marker = server_marker(db)
    marker.write_text(f"http://{host}:{port}", encoding="utf-8")
    try:
        uvicorn.run(app, host=host, port=port)
    finally:
        marker.unlink(missing_ok=True)
