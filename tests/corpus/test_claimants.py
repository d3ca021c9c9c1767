"""One government under its many names is one claimant's voice."""

from __future__ import annotations

import pytest

from triangulate.corpus.claimants import UNKNOWN_STATE, body, same_body


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Syrian government", "state:SY"),
        ("Syria's government", "state:SY"),
        ("Damascus", "state:SY"),
        ("Syria", "state:SY"),
        ("Turkish officials", "state:TR"),
        ("Ankara", "state:TR"),
        ("the Kremlin", "state:RU"),
        ("Russian defence ministry", "state:RU"),
        ("the authorities", UNKNOWN_STATE),
        ("state TV", UNKNOWN_STATE),
        ("Syrian state television", "state:SY"),
        ("state of the art", None),
        ("United Nations", None),
        ("Syrian Observatory for Human Rights", None),
        ("activists", None),
        ("Homs", None),
        (None, None),
    ],
)
def test_a_claimant_speaks_for_the_government_its_name_says(
    name: str | None, expected: str | None
) -> None:
    assert body(name) == expected


def test_unnamed_authorities_join_the_one_government_that_speaks() -> None:
    assert same_body(["state:SY", UNKNOWN_STATE, "state:SY"])
    assert not same_body(["state:SY", "state:TR"])
    assert not same_body([UNKNOWN_STATE, UNKNOWN_STATE])  # "the army", "the ministry"
