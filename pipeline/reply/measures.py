"""Plain measures of a reply a researcher can combine: boilerplate share, days to reply, relevance.

``relevance`` is a lexical measure, not a verdict: the TF-IDF cosine between the reply's
words and the request's, over jieba's words of two or more characters (single characters
are mostly function words) with the set formulae removed; the IDF counts the sentences of
both texts as documents, so a word every sentence uses weighs little. 0 shares no word,
1 uses the same words in the same proportions.

>>> round(relevance("小区门口的路灯不亮了。", "经核查，小区门口路灯已修复。"), 2) > 0
True
>>> days_between(dt.date(2019, 5, 10), dt.date(2019, 5, 3))
7
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence

from pipeline.reply.cues import is_boilerplate

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")


def boilerplate_share(lengths: Sequence[int], formula: Sequence[bool]) -> float:
    """The share of the characters of the sentences (their ``lengths``) that stand in set
    formulae (``formula``: :func:`~pipeline.reply.cues.is_boilerplate` of each)."""
    total = sum(lengths)
    if not total:
        return 0.0
    return round(sum(n for n, f in zip(lengths, formula, strict=True) if f) / total, 4)


def days_between(reply: dt.date | None, request: dt.date | None) -> int | None:
    """Days from the request to the reply (None when either date is unknown)."""
    if reply is None or request is None:
        return None
    return (reply - request).days


def relevance(request: str, reply: str) -> float:
    """The TF-IDF cosine of the two texts' words (see the module's docstring), rounded to 4 places."""
    a, b = _sentence_words(request), _sentence_words(reply)
    if not a or not b:
        return 0.0
    df: Counter[str] = Counter()
    for words in (*a, *b):
        df.update(set(words))
    n = len(a) + len(b)
    idf = {w: math.log(1 + n / d) for w, d in df.items()}
    va, vb = _vector(a, idf), _vector(b, idf)
    dot = sum(v * vb.get(w, 0.0) for w, v in va.items())
    norm = math.sqrt(sum(v * v for v in va.values())) * math.sqrt(sum(v * v for v in vb.values()))
    return round(dot / norm, 4) if norm else 0.0


def _sentence_words(text: str) -> list[list[str]]:
    from pipeline.segment import tagger  # jieba loads on first use

    tag = tagger()
    out = []
    for sentence in _SENTENCE_END.split(text):
        if not sentence.strip() or is_boilerplate(sentence):
            continue
        words = [w for w, _ in tag(sentence) if len(w.strip()) >= 2]
        if words:
            out.append(words)
    return out


def _vector(sentences: list[list[str]], idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(w for words in sentences for w in words)
    return {w: c * idf[w] for w, c in tf.items()}
