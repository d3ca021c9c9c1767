"""Markdown rendering of the report blocks (GitHub-flavoured: tables, HTML anchors)."""

from __future__ import annotations

import re

from triangulate.report.layout import (
    Block,
    Bullets,
    Heading,
    Image,
    Inline,
    Line,
    Link,
    Para,
    Table,
    Target,
    Text,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Text with Markdown's special characters escaped and line breaks flattened."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def render_markdown(blocks: list[Block]) -> str:
    return "\n\n".join(_block(b) for b in blocks) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        target = f'<a id="{block.id}"></a>' if block.id else ""
        return f"{'#' * block.level} {target}{escape(block.text)}"
    if isinstance(block, Para):
        return _line(block.line)
    if isinstance(block, Bullets):
        lines = []
        for line, children in block.items:
            lines.append(f"- {_line(line)}")
            lines += [f"  - {_line(child)}" for child in children]
        return "\n".join(lines)
    if isinstance(block, Table):
        rows = [
            "| " + " | ".join(escape(h) for h in block.header) + " |",
            "|" + "---|" * len(block.header),
        ]
        rows += ["| " + " | ".join(_line(cell) for cell in row) + " |" for row in block.rows]
        return "\n".join(rows)
    if isinstance(block, Image):
        return f"![{escape(block.alt)}]({block.src})"
    raise TypeError(f"unknown block {block!r}")


def _line(line: Line) -> str:
    return "".join(_inline(part) for part in line)


def _inline(part: Inline) -> str:
    if isinstance(part, str):
        return escape(part) if part.strip() else part
    if isinstance(part, Text):
        return f"**{escape(part.text)}**" if part.strong else escape(part.text)
    if isinstance(part, Link):
        return f"[{escape(part.text)}]({part.href})"
    if isinstance(part, Target):
        return f'<a id="{part.id}"></a>'
    raise TypeError(f"unknown inline {part!r}")
