"""Independence of reports: copies and credited wire copy share an origin, citations do not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triangulate.corpus.independence import explain_origins, independent_origins


def doc(doc_id: str, text: str, source: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"id": doc_id, "text": text, "source": source, "metadata": {}, **extra}


def test_near_duplicates_share_their_originals_origin_through_a_chain() -> None:
    docs = [
        doc("a", "Original wire copy.", "AFP"),
        doc("b", "Reprint.", "Le Monde", duplicate_of="a"),
        doc("c", "Reprint of the reprint.", "Daily Planet", duplicate_of="b"),
    ]
    origins = independent_origins(docs)
    assert origins == {"a": "AFP", "b": "AFP", "c": "AFP"}
    assert explain_origins(docs)["c"].rule.startswith("near-duplicate of")


def test_a_dateline_agency_tag_makes_the_agency_the_origin() -> None:
    docs = [doc("a", "KYIV, Aug 14 (AFP) - Troops advanced on Wednesday.", "The Guardian")]
    origin = explain_origins(docs)["a"]
    assert origin.key == "AFP"
    assert "(AFP)" in origin.surface


def test_contribution_and_credit_lines_count_as_wire_origin() -> None:
    docs = [
        doc("a", "Troops advanced.\n\nReuters contributed to this report.", "CNN"),
        doc("b", "Troops advanced.\n\n— AFP", "Daily Planet"),
        doc(
            "c",
            "Troops advanced.",
            "Daily Planet",
            metadata={"dropped": [{"text": "Source: Xinhua", "reason": "credit line"}]},
        ),
    ]
    assert independent_origins(docs) == {"a": "Reuters", "b": "AFP", "c": "Xinhua"}


def test_citing_an_agency_in_a_sentence_is_not_taking_its_copy() -> None:
    docs = [
        doc("a", "Troops advanced, according to AFP. Video posted by AFP showed a truck.", "CNN"),
        doc("b", "Officials told Reuters the bridge was hit.", "BBC"),
    ]
    assert independent_origins(docs) == {"a": "CNN", "b": "BBC"}


def test_a_report_of_unknown_outlet_is_its_own_origin() -> None:
    origins = independent_origins([doc("x", "No credit here."), doc("y", "Nor here.")])
    assert origins == {"x": "doc:x", "y": "doc:y"}


def test_a_source_credited_by_the_cleaner_is_kept() -> None:
    evidence = {"rule": "dateline agency tag", "surface": "HARSK (Meridian) -", "confidence": 0.9}
    docs = [doc("m", "Text.", "Meridian Wire Service", source_evidence=evidence)]
    assert explain_origins(docs)["m"].rule == "dateline agency tag"


def test_buffer_zone_reports_are_independent(shared_dir: Path, tmp_path: Path) -> None:
    from triangulate import api
    from triangulate.store import Store

    db = tmp_path / "bz.duckdb"
    api.ingest([str(shared_dir / "corpus" / "buffer-zone")], db, run_analysis=False)
    with Store(db) as store:
        docs = store.rows("documents")
    origins = independent_origins(docs)
    by_file = {Path(d["path"]).name[:3]: origins[d["id"]] for d in docs}
    # CNN shows "video posted by AFP" but its report is its own.
    assert by_file["004"] == "CNN" and by_file["002"] == "AFP"
    assert len(set(by_file.values())) == 5
