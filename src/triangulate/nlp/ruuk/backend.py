"""The ru-uk extra's models, loaded once per process and only when first asked for.

natasha ships its embeddings and taggers inside the wheel and pymorphy3 its
dictionaries, so nothing is fetched; without the extra the error names the pip command.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from triangulate.errors import MissingExtra

_PURPOSE = "Russian and Ukrainian analysis"


@dataclass(frozen=True)
class Natasha:
    """natasha's segmenter, morphology and NER, and its lemma vocabulary."""

    segmenter: Any
    morph_tagger: Any
    ner_tagger: Any
    vocab: Any


@lru_cache(maxsize=1)
def natasha() -> Natasha:
    try:
        import natasha as nt
    except ImportError as exc:
        raise MissingExtra("ru-uk", _PURPOSE) from exc
    embedding = nt.NewsEmbedding()
    return Natasha(
        nt.Segmenter(), nt.NewsMorphTagger(embedding), nt.NewsNERTagger(embedding), nt.MorphVocab()
    )


def sentences(text: str) -> list[Any]:
    """razdel's sentence pieces of `text` (each with `start`, `stop`)."""
    try:
        from razdel import sentenize
    except ImportError as exc:
        raise MissingExtra("ru-uk", _PURPOSE) from exc
    return list(sentenize(text))


@lru_cache(maxsize=2)
def morph(language: str) -> Any:
    """pymorphy3's analyser with the `language` ("ru" or "uk") dictionary."""
    try:
        import pymorphy3
    except ImportError as exc:
        raise MissingExtra("ru-uk", _PURPOSE) from exc
    try:
        return pymorphy3.MorphAnalyzer(lang=language)
    except (ValueError, OSError) as exc:  # the dictionary package is missing
        raise MissingExtra("ru-uk", f"{_PURPOSE} ({language} dictionary)") from exc
