"""The command line as a user drives it: exit codes, messages, export formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from triangulate import api
from triangulate.cli import app

runner = CliRunner()

STORY = (
    "KEREVO, 5 March (Northwire) - Troops crossed the river near Kerevo on Tuesday, "
    "officials said, in the largest advance since the start of the year.\n\n"
    "The defence ministry said the operation would continue until the border was secure."
)
OTHER = (
    "VELGRAD, 6 March (Northwire) - Talks on a ceasefire opened in Velgrad on Wednesday, "
    "with both delegations saying they were ready to discuss an exchange of prisoners."
)


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    (folder / "story.txt").write_text("date 2031-03-05 " + STORY, encoding="utf-8")
    (folder / "nested" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    lines = [
        json.dumps({"text": OTHER, "title": "Talks open", "published": "2031-03-06", "desk": "a"}),
        '{"text": "broken',
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def ingest(folder: Path, db: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", str(folder), "--db", str(db), *extra])


def test_bad_items_are_named_and_good_ones_stored(messy_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    result = ingest(messy_folder, db, "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["added"] == 2 and summary["documents_in_store"] == 2
    failed = {Path(f["item"]).name: f["reason"] for f in summary["failed"]}
    assert set(failed) == {"photo.txt", "empty.txt", "feed.jsonl#2"}
    assert "binary" in failed["photo.txt"] and "empty" in failed["empty.txt"]
    assert "JSON" in failed["feed.jsonl#2"]
    for name in failed:
        assert name in result.stderr


def test_ingesting_again_changes_nothing(messy_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest(messy_folder, db)
    again = json.loads(ingest(messy_folder, db, "--json").stdout)
    assert again["added"] == 0 and again["unchanged"] == 2 and again["documents_in_store"] == 2


def test_clean_run_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    result = ingest(tmp_path / "a.txt", tmp_path / "t.duckdb")
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stdout


def test_export_formats_carry_the_documents_table(messy_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest(messy_folder, db)
    fields = {"id", "path", "url", "source", "source_evidence", "published", "published_inferred",
              "published_evidence", "title", "text", "language", "duplicate_of"}  # fmt: skip

    jsonl = runner.invoke(app, ["export", "documents", "--db", str(db)])
    assert jsonl.exit_code == 0, jsonl.output
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(rows) == 2 and fields <= set(rows[0])
    story = next(r for r in rows if r["published"] == "2031-03-05")
    assert story["source"] == "Northwire"
    assert story["published_evidence"]["rule"] == "header field 'date'"
    assert story["text"].startswith("KEREVO, 5 March")
    talks = next(r for r in rows if r["title"] == "Talks open")
    assert talks["metadata"]["desk"] == "a"

    out = tmp_path / "docs.csv"
    assert (
        runner.invoke(
            app, ["export", "documents", "--db", str(db), "-f", "csv", "-o", str(out)]
        ).exit_code
        == 0
    )
    with out.open(encoding="utf-8") as handle:
        assert fields <= set(next(csv.DictReader(handle)))

    parquet = tmp_path / "docs.parquet"
    args = ["export", "documents", "--db", str(db), "-f", "parquet", "-o", str(parquet)]
    assert runner.invoke(app, args).exit_code == 0
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{parquet}'").fetchall() == [(2,)]


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    unknown = runner.invoke(app, ["export", "nonsense", "--db", db])
    assert unknown.exit_code == 2 and "unknown table" in unknown.stderr
    assert runner.invoke(app, ["export", "documents", "--db", db, "-f", "xml"]).exit_code == 2
    assert runner.invoke(app, ["ingest"]).exit_code == 2


def test_missing_path_is_an_item_error(tmp_path: Path) -> None:
    result = ingest(tmp_path / "nowhere.txt", tmp_path / "t.duckdb")
    assert result.exit_code == 1 and "nowhere.txt" in result.stderr


def test_terminal_views_and_reports(messy_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    runner.invoke(app, ["ingest", str(messy_folder), "--db", str(db)])
    stories = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).stdout)
    assert stories and {"id", "from", "to", "docs", "title"} <= set(stories[0])
    for view in ("timeline", "claims", "quotes", "entities"):
        result = runner.invoke(app, [view, "--db", str(db), "--story", stories[0]["id"]])
        assert result.exit_code == 0, (view, result.output)
    every = json.loads(runner.invoke(app, ["entities", "--db", str(db), "--json"]).stdout)
    for story in stories:
        named = runner.invoke(app, ["entities", "--db", str(db), "--story", story["id"], "--json"])
        rows = json.loads(named.stdout)
        assert rows and all(row in every for row in rows)
        assert len(rows) < len(every)  # the two reports name different places
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--db", str(db), "--format", "html", "--out", str(out)])
    assert result.exit_code == 0 and out.read_text("utf-8").startswith("<!DOCTYPE html>")
    unknown = runner.invoke(app, ["report", "--db", str(db), "--story", "s-nope"])
    assert unknown.exit_code == 2 and "no story" in unknown.output
    assert runner.invoke(app, ["quotes", "--db", str(db), "--story", "s-nope"]).exit_code == 2


def test_a_user_framing_lexicon_applies_on_analyze_force(
    messy_folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "f.duckdb"
    runner.invoke(app, ["ingest", str(messy_folder), "--db", str(db)])
    lexicon = tmp_path / "mine.csv"
    lexicon.write_text("referent,term,notes\nthe talks,ceasefire,our own entry\n", "utf-8")
    result = runner.invoke(
        app, ["analyze", "--db", str(db), "--force", "--framing", str(lexicon), "--json"]
    )
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute("SELECT referent, term FROM framing WHERE kind = 'lexicon'").fetchall()
    assert ("the talks", "ceasefire") in rows
    broken = runner.invoke(app, ["analyze", "--db", str(db), "--framing", str(tmp_path / "no.csv")])
    assert broken.exit_code == 2 and "framing lexicon" in broken.output


def test_timeline_top_shows_the_most_salient_days(messy_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner.invoke(app, ["ingest", str(messy_folder), "--db", str(db)])
    full = json.loads(runner.invoke(app, ["timeline", "--db", str(db), "--json"]).stdout)
    days = {row["date"] for row in full if len(row["date"]) == 10}
    assert days and all("salience" in row for row in full)
    top = json.loads(
        runner.invoke(app, ["timeline", "--db", str(db), "--top", "1", "--json"]).stdout
    )
    assert len(top) == 1 and top[0]["date"] in days
    assert {"salience", "reports", "outlets", "sides", "what", "sources"} <= set(top[0])
    assert runner.invoke(app, ["timeline", "--db", str(db), "--top", "0"]).exit_code == 2


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert api.demo(db).ok
    return db


def draw(judged: Path, db: Path, *extra: str):  # type: ignore[no-untyped-def]
    args = ["eval", "claim-groups", str(judged), "--db", str(db), "--draw", *extra]
    return runner.invoke(app, args)


def test_draw_prints_unjudged_groups_to_judge_then_scores_them(
    demo_db: Path, tmp_path: Path
) -> None:
    judged = tmp_path / "judged.jsonl"  # not there yet: nothing is judged
    result = draw(judged, demo_db, "50")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    groups = {g["id"]: g for g in api.rows("claim_groups", demo_db)}
    drawable = {i for i, g in groups.items() if g["status"] != "single"}
    assert {line["group_id"] for line in lines} == drawable and len(lines) == len(drawable)
    assert "only" in result.stderr  # fewer groups than asked for
    statuses = [line["system_status"] for line in lines]
    first_agree = statuses.index("agree")
    assert first_agree > 0 and set(statuses[first_agree:]) == {"agree"}
    for line in lines:
        assert line["judgement"] is None and line["system_rule"] == groups[line["group_id"]]["rule"]
        assert all(m["sentence"] and m["figure"] and m["doc"] for m in line["members"])
    assert draw(judged, demo_db, "3").stdout == draw(judged, demo_db, "3", "--seed", "0").stdout
    hashed = [
        json.loads(line) for line in draw(judged, demo_db, "3", "--hashed").stdout.splitlines()
    ]
    assert [h["group_id"] for h in hashed] == [line["group_id"] for line in lines[:3]]
    assert all("sentence" not in m and m["sentence_sha1"] and m["figure"]
               for line in hashed for m in line["members"])  # fmt: skip

    # half judged by text, the rest hashed and not judged yet: scoring skips those
    rows = [{**line, "judgement": line["system_status"]} for line in lines[:2]] + hashed[2:]
    judged.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    scored = runner.invoke(
        app, ["eval", "claim-groups", str(judged), "--db", str(demo_db), "--json"]
    )
    assert scored.exit_code == 0, scored.output
    metrics = json.loads(scored.stdout)["metrics"]
    assert metrics["judgements matching no group"] == 0
    assert sum(metrics[f"{s} judged"] for s in ("conflict", "corroborated", "series")) == 2
    again = [
        json.loads(line)["group_id"] for line in draw(judged, demo_db, "50").stdout.splitlines()
    ]
    assert set(again) == drawable - {line["group_id"] for line in lines[:3]}


def test_draw_belongs_to_the_claim_groups_task(demo_db: Path, tmp_path: Path) -> None:
    gold = runner.invoke(app, ["eval", "gold", str(tmp_path / "g.json"), "--draw", "3"])
    assert gold.exit_code == 2 and "claim-groups task" in gold.stderr
    alone = runner.invoke(
        app, ["eval", "claim-groups", str(tmp_path / "j.jsonl"), "--db", str(demo_db), "--hashed"]
    )
    assert alone.exit_code == 2 and "--draw" in alone.stderr
    with_json = draw(tmp_path / "j.jsonl", demo_db, "3", "--json")
    assert with_json.exit_code == 2 and "--json" in with_json.stderr
