"""The small lexicons of the number layer and the percent, rank, ratio and phone kinds (``kinds.toml``)."""

from __future__ import annotations

from pipeline.resources import Lexicon, load
from pipeline.text.regex import alternation


class PercentLexicon(Lexicon):
    cheng_blocked_next: list[str]
    zhe_blocked_next: list[str]


class RankLexicon(Lexicon):
    units: list[str]
    rank_verbs: list[str]
    claim_verbs: list[str]
    scope_starts: list[str]
    legal_units: list[str]
    sitting_mark: str
    sitting_reach: int
    idiom_reach: int
    qian_words: list[str]
    share_signs: list[str]
    idiom_verbs: list[str]
    idiom_copulas: list[str]


class RatioLexicon(Lexicon):
    doubling: list[str]


class PhoneLexicon(Lexicon):
    toll_free: list[str]
    hotline_prefixes: list[str]
    labels: list[str]
    label_reach: int
    hotline_words: list[str]


class NumberLexicon(Lexicon):
    followers: list[str]
    comparators: list[str]
    dozen_blocked_next: list[str]


class EnumeratorLexicon(Lexicon):
    clause_start: str


class BareMagnitudeLexicon(Lexicon):
    hedges: list[str]
    inner: list[str]
    vague_before: list[str]
    vague_tens: list[str]
    not_vague_tens: list[str]


class FillerMagnitudeLexicon(Lexicon):
    fillers: list[str]
    magnitudes: list[str]
    half_after: list[str]
    half_not_before: list[str]


class SharedLexicon(Lexicon):
    range_separators: list[str]
    between_separators: list[str]
    between_tail: str
    per_words: list[str]
    per_period_joiners: list[str]
    per_period_words: list[str]
    per_period_ends: str
    per_thresholds: list[str]
    connectors: list[str]
    neighbour_links: list[str]
    trailing_per_marks: list[str]
    trailing_per_words: list[str]
    trailing_per_not_before: str
    temporal_after: str
    alias_pers: list[str]
    alias_classifiers: list[str]


class KindLexicon(Lexicon):
    number: NumberLexicon
    percent: PercentLexicon
    rank: RankLexicon
    ratio: RatioLexicon
    phone: PhoneLexicon
    shared: SharedLexicon
    enumerator: EnumeratorLexicon
    bare_magnitude: BareMagnitudeLexicon
    filler_magnitude: FillerMagnitudeLexicon


KINDS = load("kinds.toml", KindLexicon)

#: A range separator between two numbers, longest first (8至12个, 30-50家).
RANGE_SEPARATOR = f"(?:{alternation(KINDS.shared.range_separators)})"
#: A rate's denominator after / or 每: a listed word, else one CJK character.
#: words ending in 前 (目前, 提前 …): no rank 前N, no top share 前N%
QIAN_WORDS = frozenset(KINDS.rank.qian_words)
PER_WORD = rf"(?:{alternation(KINDS.shared.per_words)}|[\u4e00-\u9fff])"


def range_end(text: str, end: int) -> int:
    """Where a range ending at ``end`` ends: past the 之间 closing it (8至12个之间), else ``end``.

    >>> range_end("8至12个之间", 5), range_end("8至12个，", 5)
    (7, 5)
    """
    tail = KINDS.shared.between_tail
    return end + len(tail) if text.startswith(tail, end) else end
