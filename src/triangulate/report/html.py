"""A self-contained HTML page of the report blocks: inline CSS, every text escaped."""

from __future__ import annotations

from html import escape

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

_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; }
h1, h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
a { color: #1a5aa6; text-decoration: none; }
a:hover { text-decoration: underline; }
:target { background: #fff3b0; }
img { max-width: 100%; border: 1px solid #ccc; }
li { margin: .15rem 0; }
"""


def render_html(blocks: list[Block], title: str = "Triangulate report") -> str:
    body = "\n".join(_block(b) for b in blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        ident = f' id="{escape(block.id)}"' if block.id else ""
        return f"<h{block.level}{ident}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f"<p>{_line(block.line)}</p>"
    if isinstance(block, Bullets):
        items = []
        for line, children in block.items:
            nested = "".join(f"<li>{_line(c)}</li>" for c in children)
            items.append(f"<li>{_line(line)}{f'<ul>{nested}</ul>' if nested else ''}</li>")
        return "<ul>\n" + "\n".join(items) + "\n</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
        rows = "\n".join(
            "<tr>" + "".join(f"<td>{_line(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    if isinstance(block, Image):
        return f'<p><img src="{escape(block.src)}" alt="{escape(block.alt)}"></p>'
    raise TypeError(f"unknown block {block!r}")


def _line(line: Line) -> str:
    return "".join(_inline(part) for part in line)


def _inline(part: Inline) -> str:
    if isinstance(part, str):
        return escape(part)
    if isinstance(part, Text):
        return f"<strong>{escape(part.text)}</strong>" if part.strong else escape(part.text)
    if isinstance(part, Link):
        return f'<a href="{escape(part.href)}">{escape(part.text)}</a>'
    if isinstance(part, Target):
        return f'<a id="{escape(part.id)}"></a>'
    raise TypeError(f"unknown inline {part!r}")
