"""The REST API over the demo database: shapes, filters, pagination, errors, security."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from triangulate import api
from triangulate.cli import app as cli_app
from triangulate.errors import UsageError
from triangulate.web import pages
from triangulate.web.app import CSRF_HEADER, create_app, serve
from triangulate.web.background import background_server
from triangulate.web.client import server_marker

HOSTILE = (
    "<script>alert('pwned')</script> Officials said 40 people were hurt in Velinsk on "
    'Monday. <img src=x onerror="alert(1)"> The mayor said the shelling continued.'
)


@pytest.fixture(scope="module")
def client(db_copy: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_copy, max_bytes=50_000)) as c:
        yield c


def csrf(client: TestClient) -> dict[str, str]:
    return {CSRF_HEADER: client.get("/api/csrf").json()["csrf"]}


def wait(client: TestClient, job: dict[str, Any]) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while job["state"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(f"/api/ingest/{job['id']}").json()
    return job


def test_story_list_is_paginated_and_filtered(client: TestClient) -> None:
    everything = client.get("/api/stories", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["items"]) >= 2
    first = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert first["items"] == everything["items"][1:2]
    outlet = everything["items"][0]["outlets"][0]
    only = client.get("/api/stories", params={"outlet": outlet, "limit": 1000}).json()
    assert only["items"] and all(outlet in s["outlets"] for s in only["items"])
    later = max(s["start_date"] for s in everything["items"] if s["start_date"])
    recent = client.get("/api/stories", params={"from": later}).json()["items"]
    assert recent and all((s["end_date"] or s["start_date"]) >= later for s in recent)
    assert len(recent) < everything["total"]


def test_story_is_the_report_json(client: TestClient, demo_db: Path, tmp_path: Path) -> None:
    story = client.get("/api/stories").json()["items"][0]["id"]
    served = client.get(f"/api/stories/{story}").json()
    copy = tmp_path / "report.duckdb"
    shutil.copyfile(demo_db, copy)
    # The server places speakers by the outlet list the store was analysed with.
    outlets = api.sample_corpus() / "outlets.csv"
    written = api.report(copy, story=story, format="json", out=tmp_path / "r.json", outlets=outlets)
    report = json.loads(written.read_text(encoding="utf-8"))
    for section in (served, report):
        section["stories"][0]["map_file"] = None
    assert served["stories"][0]["title"] == report["stories"][0]["title"]
    assert served == report


def test_long_story_lists_say_how_many_more_and_link_to_all(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = client.get("/api/stories").json()["items"][0]
    monkeypatch.setattr(pages, "SHOWN", dict.fromkeys(pages.SHOWN, 1))
    short = client.get(f"/stories/{story['id']}").text
    everything = client.get(f"/stories/{story['id']}", params={"all": "1"}).text
    hidden = story["documents"] - 1
    assert f'<a class="more" href="?all=1#documents">{hidden} more: show all</a>' in short
    section = everything.split('<section id="documents">')[1]
    assert section.count('<li><a href="/documents/') == story["documents"]
    assert "show all" not in everything


def test_document_spans_index_the_clean_text(client: TestClient) -> None:
    doc_id = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["spans"]["mentions"]
    for kind in ("mentions", "quotes", "timexes"):
        for span in doc["spans"][kind]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]


def test_lists_filter_by_story_and_outlet(client: TestClient) -> None:
    story = client.get("/api/stories").json()["items"][0]
    claims = client.get("/api/claims", params={"story": story["id"], "limit": 1000}).json()
    assert claims["items"] and {c["doc_id"] for c in claims["items"]} <= set(story["doc_ids"])
    outlet = story["outlets"][0]
    quotes = client.get("/api/quotes", params={"outlet": outlet, "limit": 1000}).json()["items"]
    docs = {d["id"]: d["source"] for d in client.get("/api/documents?limit=1000").json()["items"]}
    assert quotes and all(docs[q["doc_id"]] == outlet for q in quotes)
    conflicts = client.get("/api/claim-groups", params={"status": "conflict"}).json()["items"]
    assert conflicts and all(g["status"] == "conflict" for g in conflicts)


def test_entity_and_search(client: TestClient) -> None:
    place = client.get("/api/entities", params={"type": "PLACE"}).json()["items"][0]
    entity = client.get(f"/api/entities/{place['id']}").json()
    assert entity["mentions"] and all(m["entity_id"] == place["id"] for m in entity["mentions"])
    found = client.get("/api/search", params={"q": place["name"]}).json()["items"]
    assert found and found[0]["snippet"]


def test_errors_are_clear_4xx(client: TestClient) -> None:
    missing = client.get("/api/stories/no-such-story")
    assert missing.status_code == 404 and "GET /api/stories" in missing.json()["detail"]
    assert client.get("/api/documents/nope").status_code == 404
    assert "YYYY-MM-DD" in client.get("/api/claims", params={"from": "May"}).json()["detail"]
    assert client.get("/api/claims", params={"limit": 0}).status_code == 422
    assert client.get("/api/openapi.json").json()["paths"]["/api/stories"]


def test_writes_need_the_csrf_token_and_respect_the_size_limit(client: TestClient) -> None:
    refused = client.post("/api/ingest", data={"text": "A report."})
    assert refused.status_code == 403 and CSRF_HEADER in refused.json()["detail"]
    big = client.post(
        "/api/ingest", files={"files": ("big.txt", b"x" * 60_000)}, headers=csrf(client)
    )
    assert big.status_code == 413 and "big.txt" in big.json()["detail"]
    assert client.post("/api/ingest", data={}, headers=csrf(client)).status_code == 400


def test_uploaded_markup_renders_inert(client: TestClient) -> None:
    job = client.post(
        "/api/ingest",
        files={"files": ("hostile.txt", HOSTILE.encode())},
        headers=csrf(client),
    ).json()
    job = wait(client, job)
    assert job["state"] == "done" and len(job["documents"]) == 1, job
    doc_id = job["documents"][0]
    text = client.get(f"/api/documents/{doc_id}").json()["text"]
    assert "<script>" in text  # the text is kept exactly as written ...
    page = client.get(f"/documents/{doc_id}").text
    assert "<script>alert" not in page and "<img src=x" not in page  # ... and shown inert
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=" in page
    assert doc_id in client.get("/api/changes", params={"since": "2000-01-01"}).text


def test_upload_errors_are_named_per_item(client: TestClient) -> None:
    job = client.post(
        "/api/ingest", files={"files": ("empty.txt", b"   ")}, headers=csrf(client)
    ).json()
    job = wait(client, job)
    assert job["errors"] and job["errors"][0].startswith("empty.txt: ")


def test_a_token_guards_every_request(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "guarded.duckdb"
    shutil.copyfile(demo_db, path)
    with TestClient(create_app(path, token="s3cret")) as guarded:
        assert guarded.get("/").status_code == 401
        assert guarded.get("/api/stories").status_code == 401
        auth = {"Authorization": "Bearer s3cret"}
        assert guarded.get("/api/stories", headers=auth).status_code == 200
        assert guarded.get("/?token=s3cret").status_code == 200
        assert guarded.get("/api/stories").status_code == 200  # the cookie it set


def test_non_loopback_needs_a_token(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--token"):
        serve(tmp_path / "x.duckdb", host="0.0.0.0")


@pytest.fixture
def held(demo_db: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the demo database held by a running server that left its marker."""
    db = tmp_path / "held.duckdb"
    shutil.copyfile(demo_db, db)
    with background_server(db) as url:
        server_marker(db).write_text(url, encoding="utf-8")
        yield db, url


def test_cli_names_the_server_holding_the_database(held: tuple[Path, str]) -> None:
    db, url = held
    result = CliRunner().invoke(cli_app, ["ingest", str(db.parent), "--db", str(db)])
    assert result.exit_code == 2
    assert f"stop the server or use --server {url}" in result.output


def test_watch_on_a_served_database_points_to_serve_watch(held: tuple[Path, str]) -> None:
    db, _ = held
    result = CliRunner().invoke(cli_app, ["watch", str(db.parent), "--db", str(db)])
    assert result.exit_code == 2 and "serve --watch" in result.output


def test_readers_say_at_once_where_to_read_a_served_database(held: tuple[Path, str]) -> None:
    db, url = held
    for command in (["stories"], ["claims"], ["timeline"], ["report"], ["watch", "--status"]):
        result = CliRunner().invoke(cli_app, [*command, "--db", str(db)])
        assert result.exit_code == 2, command
        assert f"{url}/api/docs" in result.output and "triangulate export" in result.output


def test_export_reads_a_served_database_through_the_server(
    held: tuple[Path, str], demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = held
    served, direct = tmp_path / "served.csv", tmp_path / "direct.csv"
    api.export("claims", demo_db, format="csv", out=direct)

    def opens_the_store(*args: object, **kwargs: object) -> None:
        raise AssertionError("export opened the database the server holds")

    monkeypatch.setattr(api, "export", opens_the_store)
    result = CliRunner().invoke(
        cli_app, ["export", "claims", "--db", str(db), "-f", "csv", "-o", str(served)]
    )
    assert result.exit_code == 0, result.output
    assert served.read_bytes() == direct.read_bytes() and direct.stat().st_size > 1000
    bad = CliRunner().invoke(cli_app, ["export", "nope", "--db", str(db)])
    assert bad.exit_code == 2 and "unknown table 'nope'" in bad.output


def test_a_marker_left_by_a_killed_server_holds_nothing(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "stale.duckdb"
    shutil.copyfile(demo_db, db)
    server_marker(db).write_text("http://127.0.0.1:9", encoding="utf-8")  # nothing listens
    result = CliRunner().invoke(cli_app, ["analyze", "--db", str(db)])
    assert result.exit_code == 0, result.output
