"""The layering of docs/architecture.md, checked on the source: no import cycle between
modules, and no layer importing one above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "triangulate"

# Lower numbers are lower layers; a module may import only its own layer or lower ones.
# Layers of the same rank must not import each other.
RANKS = {
    "__init__": 0,
    "errors": 0,
    "data": 0,  # package data only
    "models": 1,
    "resources": 2,
    "ingest": 3,
    "clean": 3,
    "nlp": 4,
    "corpus": 5,
    "store": 5,
    "report": 6,
    "workflow": 7,
    "eval": 8,
    "live": 8,
    "web": 9,
    "api": 10,
    "cli": 11,
    "__main__": 12,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every triangulate module `path` imports (at any depth of its code)."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name.split(".")[0] == "triangulate":
                found.add(name)
                found |= {f"{name}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "triangulate"}
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in SRC.rglob("*.py")}
    return {
        module: {name for name in _imports(path, module) if name in paths and name != module}
        for module, path in paths.items()
    }


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_layer_has_a_rank() -> None:
    layers = {_layer(m) for m in _graph()}
    assert layers <= set(RANKS), (
        f"add these to RANKS and docs/architecture.md: {layers - set(RANKS)}"
    )


def test_no_layer_imports_a_higher_or_sibling_layer() -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in _graph().items()
        for target in targets
        if _layer(module) != _layer(target)
        and RANKS[_layer(target)] >= RANKS[_layer(module)]
        and _layer(target) != "__init__"
    )
    assert not upward, "imports against the layering:\n" + "\n".join(upward)


def test_store_imports_only_models_and_errors() -> None:
    outside = sorted(
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if _layer(module) == "store"
        for target in targets
        if _layer(target) not in {"store", "models", "errors"}
    )
    assert not outside, "\n".join(outside)


def test_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = path[path.index(target) :] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_sentences_come_from_spacy_alone() -> None:
    """No module keeps a sentence regex of its own: sentences are spaCy's, stored by the NLP
    step (`corpus/sentences.py`). Cleaning, before any parse exists, asks only whether a
    line ends like a sentence (`clean.paragraphs.ends_sentence`)."""
    allowed = {"triangulate.clean.paragraphs._ENDS_SENTENCE"}
    found = set()
    for path in SRC.rglob("*.py"):
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute)
                and node.value.func.attr == "compile"
            ):
                found |= {
                    f"{module}.{t.id}"
                    for t in node.targets
                    if isinstance(t, ast.Name) and "SENTENCE" in t.id.upper()
                }
    assert found <= allowed, f"sentence regexes besides spaCy's sentences: {found - allowed}"
