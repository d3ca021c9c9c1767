"""The word lists of data/lexicons: each loads, is tidy, and agrees with the code reading it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from triangulate.errors import UsageError
from triangulate.resources import lexicons
from triangulate.resources.lexicons import lexicon, lexicon_names, lexicon_pairs

DIRECTORY = resources.files("triangulate.data") / "lexicons"
FILES = lexicon_names()


def _entry_lines(filename: str) -> list[str]:
    """The lines of a bundled file that are entries, exactly as written."""
    text = (DIRECTORY / filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_there_are_lists_and_nothing_else() -> None:
    assert {"titles.txt", "unit_nouns.txt", "spellings.tsv"} <= set(FILES)
    others = [e.name for e in DIRECTORY.iterdir() if e.name not in FILES]
    assert not others, f"data/lexicons holds only .txt and .tsv lists: {others}"


@pytest.mark.parametrize("filename", FILES)
def test_every_list_loads(filename: str) -> None:
    name, suffix = filename.rsplit(".", 1)
    loaded = lexicon(name) if suffix == "txt" else lexicon_pairs(name)
    assert loaded, f"{filename} is empty"
    assert len(loaded) == len(_entry_lines(filename))


@pytest.mark.parametrize("filename", FILES)
def test_no_repeats_and_no_surrounding_whitespace(filename: str) -> None:
    lines = _entry_lines(filename)
    fields = [f for line in lines for f in line.split("\t")]
    padded = [f for f in fields if f != f.strip() or not f]
    assert not padded, f"{filename}: entries with surrounding whitespace: {padded}"
    keys = [line.split("\t")[0] for line in lines]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"{filename}: listed twice: {repeated}"
    if filename.endswith(".tsv"):
        assert all(line.count("\t") == 1 for line in lines), f"{filename}: one tab a line"


def test_unknown_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown lexicon 'no_such_list'.*titles.txt"):
        lexicon("no_such_list")
    with pytest.raises(UsageError, match="spellings.tsv exists: read it with lexicon_pairs"):
        lexicon("spellings")
    with pytest.raises(UsageError, match="titles.txt exists: read it with lexicon\\(\\)"):
        lexicon_pairs("titles")


def test_file_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "_directory", lambda: tmp_path)
    (tmp_path / "format_test.txt").write_text(
        "# a comment\n\n  padded  \n\\#\nno.\n", encoding="utf-8"
    )
    assert lexicon("format_test") == {"padded", "#", "no."}
    (tmp_path / "format_pairs_test.tsv").write_text("# c\nb\t2\na\t1\n", encoding="utf-8")
    assert list(lexicon_pairs("format_pairs_test").items()) == [("b", "2"), ("a", "1")]
    lexicon_pairs("format_pairs_test")["c"] = "3"  # a copy: the shared list is unchanged
    assert "c" not in lexicon_pairs("format_pairs_test")
    (tmp_path / "bad_pairs_test.tsv").write_text("a\t1\nb 2\n", encoding="utf-8")
    with pytest.raises(UsageError, match="bad_pairs_test.tsv, line 2"):
        lexicon_pairs("bad_pairs_test")
    (tmp_path / "twice_pairs_test.tsv").write_text("a\t1\na\t2\n", encoding="utf-8")
    with pytest.raises(UsageError, match="'a' is listed twice"):
        lexicon_pairs("twice_pairs_test")


def test_lists_agree_with_the_code_that_reads_them() -> None:
    from triangulate.nlp.claims.change import BY_QUALIFIER
    from triangulate.nlp.events.taxonomy import EVENT_TYPES

    for name in ("verb_triggers", "noun_triggers"):
        assert set(lexicon_pairs(name).values()) <= set(EVENT_TYPES), name
    assert set(lexicon_pairs("qualifiers").values()) <= set(BY_QUALIFIER)
    assert lexicon("clause_only_verbs") <= lexicon("reporting_verbs")
    spellings = lexicon_pairs("spellings")
    assert all(spellings.get(kept) == kept for kept in spellings.values())
    assert not set(spellings) & set(lexicon_pairs("matching_concepts"))
    names = [name for line in lexicon("given_name_classes") for name in line.split()]
    assert len(names) == len(set(names)), "a given name belongs to one class"
