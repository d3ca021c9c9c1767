"""Repaired input is stored, recorded in the document's metadata and warned about."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert "s.jsonl#1: 1 lone surrogate escape(s)" in result.stderr

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
