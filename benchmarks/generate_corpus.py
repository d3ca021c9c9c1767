"""Generate a large benchmark corpus from the bundled sample corpus.

Each generated report keeps the noise, layout and format of one sample report
(menus, headers, footers, HTML markup) but gets body paragraphs drawn at
random from the whole sample corpus, with new figures and sentence order, so
that reports are not near-duplicates of each other (the duplicate-linking
path is exercised only as often as in real feeds). Usage:

    python benchmarks/generate_corpus.py OUT_DIR [--count 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import html
import random
import re
import shutil
from pathlib import Path

from triangulate.api import sample_corpus

_NUMBER = re.compile(r"(?<![\d-])\d{1,4}(?![\d-])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_HTML_PARAGRAPH = re.compile(r"(<p[^>]*>)(.*?)(</p>)", re.DOTALL)
_BODY_WORDS = 20


def body_paragraphs(texts: list[str]) -> list[str]:
    """Every long plain-text paragraph of the sample reports: the pool bodies are drawn from."""
    return [
        line
        for text in texts
        for line in text.split("\n")
        if len(line.split()) >= _BODY_WORDS and "<" not in line
    ]


def vary_paragraph(paragraph: str, rng: random.Random) -> str:
    """New figures and a new order of sentences."""
    sentences = _SENTENCE.split(_NUMBER.sub(lambda m: str(rng.randint(2, 999)), paragraph))
    rng.shuffle(sentences)
    return " ".join(sentences)


def vary_report(template: str, pool: list[str], rng: random.Random) -> str:
    """The template's layout and noise around body paragraphs drawn from the pool."""
    if _HTML_PARAGRAPH.search(template):
        return _HTML_PARAGRAPH.sub(
            lambda m: m.group(1) + html.escape(vary_paragraph(rng.choice(pool), rng)) + m.group(3),
            template,
        )
    return "\n".join(
        vary_paragraph(rng.choice(pool), rng) if len(line.split()) >= _BODY_WORDS else line
        for line in template.split("\n")
    )


def generate(
    out: Path, count: int, seed: int = 7, kinds: tuple[str, ...] = ("txt", "html")
) -> list[Path]:
    """Write `count` varied copies of the sample reports of the given kinds into `out`."""
    rng = random.Random(seed)
    sources = sorted(
        p for p in (sample_corpus() / "corpus").rglob("*") if p.suffix.lstrip(".") in kinds
    )
    if not sources:
        raise SystemExit(f"no sample reports of kinds {kinds} found")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    templates = {path: path.read_text(encoding="utf-8") for path in sources}
    everything = (sample_corpus() / "corpus").rglob("*.txt")
    pool = body_paragraphs([p.read_text(encoding="utf-8") for p in sorted(everything)])
    written = []
    for n in range(count):
        source = sources[n % len(sources)]
        target = out / f"{n:05d}_{source.name}"
        target.write_text(vary_report(templates[source], pool, rng), encoding="utf-8")
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    written = generate(args.out, args.count, args.seed)
    print(f"wrote {len(written)} reports to {args.out}")


if __name__ == "__main__":
    main()
