"""Hostile input from the command line: repaired and warned about, or refused with a reason."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from triangulate.cli import app

runner = CliRunner()
RUSSIAN = "Войска вошли в город утром. Местные жители сообщили о перестрелке возле вокзала."


def test_bad_utf8_byte_and_lone_surrogate_are_warned_not_failed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ru.txt").write_bytes(RUSSIAN[:20].encode() + b"\xc0" + RUSSIAN[20:].encode())
    record = r'{"text": "Talks \ud800 opened in Velgrad on Wednesday, both sides said.", "id": 1}'
    (inbox / "s.jsonl").write_text(record + "\n", encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    result = runner.invoke(app, ["ingest", str(inbox), "--db", db, "--no-analyze", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 2 and summary["failed"] == []
    assert len(summary["warnings"]) == 2
    assert "ru.txt: 1 byte(s) not valid UTF-8 replaced with U+FFFD" in result.stderr
    assert "s.jsonl#1: 1 lone surrogate(s) (U+D800-U+DFFF) replaced" in result.stderr

    exported = runner.invoke(app, ["export", "documents", "--db", db])
    rows = {Path(r["path"]).name: r for r in map(json.loads, exported.stdout.splitlines())}
    assert rows["ru.txt"]["text"] == RUSSIAN[:20] + "\ufffd" + RUSSIAN[20:]
    assert (
        rows["ru.txt"]["metadata"]["encoding"],
        rows["ru.txt"]["metadata"]["replaced_bytes"],
    ) == (
        "utf-8",
        1,
    )
    assert rows["s.jsonl#1"]["metadata"]["replaced_surrogates"] == 1
    assert "\ufffd" in rows["s.jsonl#1"]["text"]


ARTICLE = (
    "<html><body><article><p>VELGRAD, 6 March (Northwire) - Talks on a ceasefire opened in "
    "Velgrad on Wednesday, with both delegations saying they were ready to discuss an "
    "exchange of prisoners.</p></article></body></html>"
)


class _LocalSite(http.server.BaseHTTPRequestHandler):
    """A feed on loopback whose entry links back to loopback, as a hostile feed's would."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        host = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.xml":
            body = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
                f"<item><title>Talks</title><link>{host}/a</link>"
                "<description>Talks opened.</description></item></channel></rss>"
            )
        else:
            body = ARTICLE
        data = body.encode()
        self.send_response(200)
        self.send_header(
            "Content-Type", "text/html" if self.path == "/a" else "application/rss+xml"
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LocalSite)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_links_to_loopback_need_allow_private_urls(local_site: str, tmp_path: Path) -> None:
    feed = f"{local_site}/feed.xml"  # typed by the user, so fetched
    args = ["ingest", feed, "--no-analyze", "--json", "--fetch-timeout", "5"]
    refused = runner.invoke(app, [*args, "--db", str(tmp_path / "a.duckdb")])
    summary = json.loads(refused.stdout)
    [failed] = summary["failed"]
    assert failed["reason"].startswith(
        "refused to fetch: 127.0.0.1 is a private address (127.0.0.1); links and redirects "
        "may not reach the local network unless --allow-private-urls, and the entry's own text"
    )
    assert "--allow-private-urls" in refused.stderr

    allowed = runner.invoke(
        app, [*args, "--allow-private-urls", "--db", str(tmp_path / "b.duckdb")]
    )
    assert allowed.exit_code == 0, allowed.output
    assert json.loads(allowed.stdout)["added"] == 1
