"""A small, dependency-free language guess from function words and scripts.

Good enough to tell an English report from a Russian or Chinese one, which is
all the pipeline needs to pick a model; unsure cases give None.
"""

from __future__ import annotations

import re
from collections import Counter

from triangulate.resources.lexicons import lexicon_pairs

_STOPWORDS = lexicon_pairs("language_stopwords")  # ISO 639-1 code -> function words
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language, or None when the evidence is thin."""
    sample = text[:5000]
    letters = sum(c.isalpha() for c in sample) or 1
    for code, script in (("ja", _KANA), ("ko", _HANGUL), ("zh", _CJK)):
        if len(script.findall(sample)) > 0.3 * letters:
            return code
    words = re.findall(r"[^\W\d_]+", sample.casefold())
    if len(words) < 5:
        return None
    hits = Counter({lang: sum(w in vocab for w in words) for lang, vocab in _WORDS.items()})
    (best, score), *rest = hits.most_common(2) + [("", 0)]
    runner_up = rest[0][1]
    return best if score >= 3 and score > 1.3 * runner_up else None
