"""Claim groups: same quantity across reports, status, sides, restatements, derived values."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from triangulate.corpus.claim_groups import ClaimGroup, ClaimMatcher, group_claims
from triangulate.corpus.independence import independent_origins

COLUMNS = {
    "id", "story_id", "measured", "unit", "status", "members", "detail", "rule", "confidence",
    "series",
}  # fmt: skip
MEMBER_KEYS = {
    "claim_id", "doc_id", "source", "claimant", "claimant_entity_id", "value", "value_low",
    "value_high", "qualifier", "date", "sentence_start", "sentence_end", "derived",
    "independent_origin",
}  # fmt: skip


class Corpus:
    """Documents and claims built by hand, every span pointing into its document's text."""

    def __init__(self) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        self.claims: list[dict[str, Any]] = []

    def doc(self, doc_id: str, source: str | None, published: str | None, text: str, **kw: Any):
        self.docs[doc_id] = {
            "id": doc_id,
            "source": source,
            "published": published,
            "published_inferred": None,
            "text": text,
            "metadata": {},
            **kw,
        }
        return self

    def claim(self, doc_id: str, surface: str, value: float | None, unit: str, **kw: Any):
        text = self.docs[doc_id]["text"]
        start = text.index(surface)
        sentence_start = text.rfind(". ", 0, start) + 1
        sentence_end = text.find(".", start + len(surface))
        number = sum(c["doc_id"] == doc_id for c in self.claims)
        row = {
            "id": f"{doc_id}:c{number}", "doc_id": doc_id, "value": value, "value_low": value,
            "value_high": value, "qualifier": None, "unit": unit, "surface": surface,
            "measured": None, "subject": None, "location": None, "date": None,
            "claimant": self.docs[doc_id]["source"], "claimant_entity_id": None,
            "claimant_kind": "outlet", "hedge": None, "quote_id": None, "restates": None,
            "consistent": None, "start": start, "end": start + len(surface),
            "sentence_start": sentence_start, "sentence_end": sentence_end,
            "source": self.docs[doc_id]["source"], "published": self.docs[doc_id]["published"],
        }  # fmt: skip
        row.update(kw)
        assert text[row["start"] : row["end"]] == surface
        self.claims.append(row)
        return row

    def groups(self, **kw: Any) -> list[ClaimGroup]:
        docs = list(self.docs.values())
        return group_claims("s1", self.claims, docs, independent_origins(docs), **kw)


def area_dispute() -> Corpus:
    c = Corpus()
    c.doc(
        "k",
        "Kyiv Daily",
        "2030-05-02",
        "Kyiv says its troops control 1,000 square kilometres of the province.",
    )
    c.doc(
        "w",
        "AFP",
        "2030-05-03",
        "An AFP analysis found troops control at least 800 square kilometres of the province.",
    )
    c.doc(
        "x",
        "CNN",
        "2030-05-03",
        "Kyiv claims control over some 1,000 square kilometres (386 square miles) of land.",
    )
    c.claim(
        "k",
        "1,000 square kilometres",
        1000,
        "km2",
        measured="territory controlled",
        claimant="Kyiv",
        claimant_kind="side",
        claimant_entity_id="ent_kyiv",
    )
    c.claim(
        "w",
        "at least 800 square kilometres",
        800,
        "km2",
        qualifier="at_least",
        measured="area controlled",
        claimant="AFP analysis",
        claimant_kind="organisation",
    )
    main = c.claim(
        "x",
        "some 1,000 square kilometres",
        1000,
        "km2",
        qualifier="about",
        measured="control over land",
        claimant="Kyiv",
        claimant_entity_id="ent_kyiv",
    )
    c.claim("x", "386 square miles", 999.7, "km2", restates=main["id"], claimant="Kyiv")
    return c


def test_a_lower_bound_contests_a_higher_figure() -> None:
    (group,) = area_dispute().groups()
    assert group.status == "conflict"
    sides = {side["value"]: side for side in group.detail["sides"]}
    assert set(sides) == {800, 1000}
    assert sides[1000]["doc_ids"] == ["k", "x"] and sides[800]["doc_ids"] == ["w"]
    assert sides[1000]["claimants"] == ["Kyiv"]


def test_a_restatement_in_another_unit_is_not_an_extra_member() -> None:
    (group,) = area_dispute().groups()
    assert "x:c1" not in {m["claim_id"] for m in group.members}
    assert len(group.members) == 3


def test_rows_have_exactly_the_table_columns() -> None:
    (group,) = area_dispute().groups()
    row = asdict(group)
    assert set(row) == COLUMNS
    assert all(set(m) == MEMBER_KEYS for m in row["members"])
    assert row["id"].startswith("s1:")


def corroboration(copy: bool) -> Corpus:
    c = Corpus()
    c.doc("a", "AFP", "2030-05-03", "Zelensky said troops advanced 1 to 2 km on Wednesday.")
    c.doc(
        "b",
        "CNN",
        "2030-05-03",
        "Troops advanced by 1 to 2 km, Zelensky said on Wednesday.",
        duplicate_of="a" if copy else None,
    )
    for doc_id in ("a", "b"):
        c.claim(
            doc_id,
            "1 to 2 km",
            None,
            "km",
            value_low=1.0,
            value_high=2.0,
            measured="advance",
            claimant="Zelensky",
            claimant_entity_id="ent_z",
        )
    return c


def test_the_same_figure_from_two_outlets_is_corroborated() -> None:
    (group,) = corroboration(copy=False).groups()
    assert group.status == "corroborated"
    assert group.detail["independent_outlets"] == ["AFP", "CNN"]


def test_the_same_figure_from_a_copy_only_agrees() -> None:
    (group,) = corroboration(copy=True).groups()
    assert group.status == "agree"
    assert {m["independent_origin"] for m in group.members} == {"AFP"}


def test_a_lone_claim_is_single_and_other_unit_families_stay_apart() -> None:
    c = Corpus()
    c.doc("a", "AFP", "2030-05-03", "Troops advanced 5 km and took 5 villages.")
    c.claim("a", "5 km", 5, "km", measured="advance")
    c.claim("a", "5 villages", 5, "count", measured="villages taken")
    assert sorted(g.status for g in c.groups()) == ["single", "single"]


def test_one_claimant_updating_a_figure_is_a_series_not_a_conflict() -> None:
    c = Corpus()
    c.doc("a", "Wire", "2030-03-06", "The relief office said 3,200 people were displaced.")
    c.doc("b", "Wire", "2030-03-19", "The relief office said 9,400 people were displaced.")
    for doc_id, surface, value in (("a", "3,200 people", 3200), ("b", "9,400 people", 9400)):
        c.claim(
            doc_id,
            surface,
            value,
            "person",
            measured="people displaced",
            claimant="relief office",
            claimant_entity_id="ent_irco",
            claimant_kind="organisation",
        )
    (group,) = c.groups()
    assert group.status == "series"
    assert group.series == {
        "relief office": [
            {"date": "2030-03-06", "value": 3200.0, "claim_id": "a:c0"},
            {"date": "2030-03-19", "value": 9400.0, "claim_id": "b:c0"},
        ]
    }
    assert "series" in group.rule and group.confidence


def soldiers_killed(place: str | None) -> Corpus:
    c = Corpus()
    where = f" in {place}" if place else ""
    c.doc("a", "Wire", "2030-03-06", f"The army said 300 soldiers were killed{where}.")
    c.doc("b", "Post", "2030-03-07", f"The ministry said 120 soldiers were killed{where}.")
    for doc_id, surface, value, who in (
        ("a", "300 soldiers", 300, "army"),
        ("b", "120 soldiers", 120, "ministry"),
    ):
        c.claim(
            doc_id, surface, value, "person", measured="soldiers killed", claimant=who,
            claimant_kind="organisation", location=place,
        )  # fmt: skip
    return c


def test_two_claimants_disagreeing_at_the_same_time_conflict() -> None:
    (group,) = soldiers_killed("Harsk").groups()
    assert group.status == "conflict"
    assert group.detail["compared"]["referent"] == "killed/soldiers"
    assert group.detail["compared"]["claimants"] == ["army", "ministry"]
    assert "army and ministry" in group.rule and 0 < (group.confidence or 0) <= 1


def test_one_days_tolls_without_a_place_are_not_put_in_dispute() -> None:
    groups = soldiers_killed(None).groups()
    assert [g.status for g in groups] == ["single", "single"]
    assert all("without the same stated place" in g.rule for g in groups)


def test_figures_months_apart_are_different_quantities() -> None:
    c = Corpus()
    c.doc("a", "Wire", "2030-03-06", "Troops control 1,000 square kilometres of the province.")
    c.doc("b", "Post", "2030-09-07", "Troops control 1,100 square kilometres of the province.")
    c.claim("a", "1,000 square kilometres", 1000, "km2", measured="territory controlled")
    c.claim("b", "1,100 square kilometres", 1100, "km2", measured="territory controlled")
    assert [g.status for g in c.groups()] == ["single", "single"]


def test_a_part_and_its_share_imply_the_whole() -> None:
    c = Corpus()
    c.doc(
        "a",
        "Xinhua",
        "2030-03-13",
        "Troops retook over 1,100 square kilometres, more than 86 percent of the area held.",
    )
    c.claim(
        "a",
        "over 1,100 square kilometres",
        1100,
        "km2",
        qualifier="more_than",
        measured="territory retaken",
        claimant="Gerasimov",
    )
    c.claim(
        "a",
        "more than 86 percent",
        86,
        "percent",
        qualifier="more_than",
        measured="share of the area retaken",
        claimant="Gerasimov",
    )
    groups = c.groups()
    (notes,) = [g.detail["derived"] for g in groups if "derived" in g.detail]
    assert notes[0]["value"] == pytest.approx(1279.07, abs=0.1)
    assert notes[0]["unit"] == "km2" and notes[0]["from"] == ["a:c0", "a:c1"]


def test_a_derived_share_corroborates_a_stated_one() -> None:
    c = Corpus()
    c.doc(
        "a",
        "Wire",
        "2030-03-19",
        "Officials said about 6,500 of the town's 11,000 residents had left the town.",
    )
    c.doc("b", "Herald", "2030-03-18", "About 60 percent of the town's residents have left.")
    c.claim("a", "about 6,500", 6500, "person", qualifier="about", measured="residents left")
    c.claim("a", "11,000 residents", 11000, "person", measured="residents of the town")
    c.claim(
        "b", "About 60 percent", 60, "percent", qualifier="about", measured="town's residents left"
    )
    (group,) = [g for g in c.groups() if g.unit == "percent"]
    assert group.status == "corroborated"
    assert [m["derived"] for m in group.members] == [True, False] or [
        m["derived"] for m in group.members
    ] == [False, True]


def test_values_agree_respects_qualifiers() -> None:
    base = {"unit": "km2", "value_low": None, "value_high": None}
    assert ClaimMatcher({}).values_agree(
        {**base, "value": 9400, "qualifier": "more_than"}, {**base, "value": 9450}
    )
    assert not ClaimMatcher({}).values_agree(
        {**base, "value": 800, "qualifier": "at_least"}, {**base, "value": 1000}
    )
    assert ClaimMatcher({}).values_agree(
        {**base, "value": 780, "qualifier": "about"}, {**base, "value_low": 700, "value_high": 850}
    )


def test_buffer_zone_dispute_and_corroboration(shared_dir: Path, tmp_path: Path) -> None:
    from triangulate import api
    from triangulate.store import Store

    db = tmp_path / "bz.duckdb"
    api.ingest([str(shared_dir / "corpus" / "buffer-zone")], db)
    with Store(db) as store:
        docs, claims = store.rows("documents"), store.rows("claims")
    if not claims:
        pytest.skip("the claims component is not in place")
    name = {d["id"]: Path(d["path"]).name[:3] for d in docs}
    groups = group_claims("bz", claims, docs, independent_origins(docs))
    (dispute,) = [g for g in groups if g.status == "conflict" and g.unit == "km2"]
    sides = {
        round(s["value"]): sorted(name[d] for d in s["doc_ids"]) for s in dispute.detail["sides"]
    }
    assert sides == {1000: ["001", "004"], 800: ["001", "002"]}
    (advance,) = [g for g in groups if g.unit == "km" and g.status == "corroborated"]
    assert sorted({name[m["doc_id"]] for m in advance.members}) == ["002", "004"]


def refugees_crossed(later_value: int) -> Corpus:
    c = Corpus()
    c.doc("a", "Wire", "2030-03-06", "Border officials said 4,300 refugees have crossed so far.")
    c.doc(
        "b", "Post", "2030-03-07", f"The agency said {later_value:,} refugees have crossed so far."
    )
    for doc_id, value, who in (("a", 4300, "border officials"), ("b", later_value, "agency")):
        c.claim(
            doc_id, f"{value:,} refugees", value, "person", measured="refugees crossed",
            claimant=who, claimant_kind="organisation",
        )  # fmt: skip
    return c


def test_a_larger_total_a_day_later_is_an_update_not_a_dispute() -> None:
    assert "conflict" not in [g.status for g in refugees_crossed(5000).groups()]


def test_a_smaller_total_a_day_later_contradicts_the_earlier_one() -> None:
    (group,) = refugees_crossed(2000).groups()
    assert group.status == "conflict"


def test_a_plan_or_capacity_is_not_disputed_by_a_count() -> None:
    c = Corpus()
    text = (
        "The agency expects to house 10,000 refugees in the camp. "
        "Officials said 37,000 refugees have registered in the country."
    )
    c.doc("a", "Wire", "2030-03-06", text)
    c.claim("a", "10,000 refugees", 10000, "person", measured="refugees", claimant="agency",
            claimant_kind="organisation")  # fmt: skip
    c.claim("a", "37,000 refugees", 37000, "person", measured="refugees registered",
            claimant="officials", claimant_kind="organisation")  # fmt: skip
    assert [g.status for g in c.groups()] == ["single", "single"]


def test_two_lower_bounds_do_not_contradict_each_other() -> None:
    c = Corpus()
    c.doc("a", "Wire", "2030-03-06", "Officials said at least 4,300 refugees have crossed.")
    c.doc("b", "Post", "2030-03-06", "The agency said more than 5,000 refugees have crossed.")
    for doc_id, surface, value, qualifier, who in (
        ("a", "at least 4,300 refugees", 4300, "at_least", "officials"),
        ("b", "more than 5,000 refugees", 5000, "more_than", "agency"),
    ):
        c.claim(
            doc_id, surface, value, "person", qualifier=qualifier, measured="refugees crossed",
            claimant=who, claimant_kind="organisation",
        )  # fmt: skip
    assert "conflict" not in [g.status for g in c.groups()]


def test_one_voices_equal_figures_in_one_sentence_are_two_quantities() -> None:
    c = Corpus()
    c.doc("a", "Wire", "2030-03-06", "About 10% of Syrians are Christian and 10% are Alawite.")
    c.claim("a", "10% of", 10, "percent", measured="Syrians Christian")
    c.claim("a", "10% are", 10, "percent", measured="Alawite")
    assert [g.status for g in c.groups()] == ["single", "single"]


def one_government(second: int) -> Corpus:
    c = Corpus()
    c.doc("a", "BBC", "2030-06-06", "Damascus says 120 soldiers were killed in Jisr.")
    c.doc(
        "b",
        "Reuters",
        "2030-06-06",
        f"The Syrian government said {second} soldiers were killed in Jisr.",
    )
    for doc_id, value, who in (("a", 120, "Damascus"), ("b", second, "Syrian government")):
        c.claim(
            doc_id, f"{value} soldiers", value, "person", measured="soldiers killed",
            claimant=who, claimant_kind="side", location="Jisr",
        )  # fmt: skip
    return c


def test_one_governments_figure_from_two_outlets_is_a_corroborated_statement() -> None:
    (group,) = one_government(120).groups()
    assert group.status == "corroborated" and "corroborated statement" in group.rule


def test_one_government_under_two_names_does_not_dispute_itself() -> None:
    assert "conflict" not in [g.status for g in one_government(140).groups()]


def test_one_reports_equal_figures_for_different_things_are_not_one_statement() -> None:
    c = Corpus()
    text = (
        "Two families live on the farm by the river near Lubno. "
        "A woman lives on the farm by the river near Lubno with two grandchildren."
    )
    c.doc("a", "Post", "2030-03-06", text)
    c.claim("a", "Two families", 2, "count", claimant_kind="outlet")
    c.claim("a", "two grandchildren", 2, "count", measured="grandchildren", claimant_kind="outlet")
    assert [g.status for g in c.groups()] == ["single", "single"]
