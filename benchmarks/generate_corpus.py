"""Generate a large benchmark corpus from the bundled sample corpus.

Each generated report is a sample report with its figures changed and its
body paragraphs rotated, so every copy has its own id and is not a
near-duplicate of another, while keeping the length, noise and formats of the
originals. Usage:

    python benchmarks/generate_corpus.py OUT_DIR [--count 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

from triangulate.api import sample_corpus

_NUMBER = re.compile(r"(?<![\d-])\d{1,4}(?![\d-])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def vary_text(text: str, rng: random.Random) -> str:
    """New figures and a new order of sentences inside every long paragraph."""
    text = _NUMBER.sub(lambda m: str(rng.randint(2, 999)), text)
    paragraphs = text.split("\n")
    for i, paragraph in enumerate(paragraphs):
        sentences = _SENTENCE.split(paragraph)
        if len(sentences) > 2 and "<" not in paragraph:
            rng.shuffle(sentences)
            paragraphs[i] = " ".join(sentences)
    return "\n".join(paragraphs)


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
    written = []
    for n in range(count):
        source = sources[n % len(sources)]
        target = out / f"{n:05d}_{source.name}"
        target.write_text(vary_text(source.read_text(encoding="utf-8"), rng), encoding="utf-8")
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
