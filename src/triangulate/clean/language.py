"""A small, dependency-free language guess from function words and scripts.

Good enough to tell an English report from a Russian or Chinese one, which is
all the pipeline needs to pick a model; unsure cases give None.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the of and to in that is was for on with as by said it from at his have are",
    "de": "der die und das ist nicht den von zu mit sich des auf für im dem ein eine",
    "fr": "le la les et des est une que dans pour qui pas sur au du avec il elle",
    "es": "el la los las de que y en un una por con para del se es al como",
    "it": "il di che la e un una per non sono del della con gli le si è",
    "pt": "o a os as de que e do da em um uma para com não no na por",
    "nl": "de het een en van dat is niet op te zijn voor met die als",
    "pl": "i w na nie się z że do jest to jak po od przez dla",
    "ru": "и в не на что с по как это он она из за от для к но же",
    "uk": "і в не на що з як це він вона та до від для але же",
}
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
