"""The shared resources: one loader each, and no imports from the layers that use them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import triangulate.resources
from triangulate.errors import UsageError
from triangulate.resources.outlets import load_outlets
from triangulate.resources.units import unit_family, unit_lexicon

SAMPLE_OUTLETS = Path(__file__).parents[2] / "src/triangulate/data/sample/outlets.csv"
ALLOWED = {"triangulate.models", "triangulate.errors"}


def test_resources_import_only_models_errors_and_libraries() -> None:
    package = Path(triangulate.resources.__file__).parent
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith("triangulate") and not name.startswith("triangulate.resources"):
                    assert name in ALLOWED, f"{module.name} imports {name}"


def test_outlet_list_is_read_one_way_with_sides() -> None:
    bundled = load_outlets()
    assert bundled.canonical("Agence France-Presse") == "AFP"
    assert bundled.sides == {}
    extended = load_outlets(SAMPLE_OUTLETS)
    assert extended.canonical("TSNA") == "Tresna State News Agency"
    assert extended.sides["Tresna State News Agency"] == "A"
    assert extended.from_url("https://www.tsna.example/a") == "Tresna State News Agency"
    assert bundled.canonical("TSNA") is None  # the shared bundled lexicon is unchanged


def test_unreadable_outlet_list_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(UsageError, match="nope.csv"):
        load_outlets(missing)


def test_every_lexicon_unit_but_money_has_a_family() -> None:
    """Claim grouping compares figures by family; a unit word without one is never compared."""
    for entry in unit_lexicon().values():
        if entry.kind != "currency":
            family, factor = unit_family(entry.canonical)
            assert factor > 0, entry
    assert unit_family("MW")[0] == unit_family("GW")[0]
    assert unit_family("GW")[1] == 1000 * unit_family("MW")[1]
    assert unit_family("barrel")[0] == unit_family("l")[0]
    assert unit_family("minute") == ("duration", 1 / 1440)
    assert unit_family("degC") == ("degC", 1.0) and unit_family("point") == ("point", 1.0)
    assert unit_family("km2") == ("area", 1.0)
    assert unit_family("usd") == ("usd", 1.0)  # money: its own family, never converted
