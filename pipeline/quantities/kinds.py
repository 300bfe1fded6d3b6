"""The small lexicons of the number layer and the percent, rank, ratio and phone kinds (``kinds.toml``)."""

from __future__ import annotations

from pipeline.resources import Lexicon, load


class PercentLexicon(Lexicon):
    cheng_blocked_next: list[str]
    zhe_blocked_next: list[str]


class RankLexicon(Lexicon):
    units: list[str]
    rank_verbs: list[str]
    scope_starts: list[str]
    legal_units: list[str]


class RatioLexicon(Lexicon):
    doubling: list[str]


class PhoneLexicon(Lexicon):
    toll_free: list[str]


class NumberLexicon(Lexicon):
    followers: list[str]
    dozen_blocked_next: list[str]


class KindLexicon(Lexicon):
    number: NumberLexicon
    percent: PercentLexicon
    rank: RankLexicon
    ratio: RatioLexicon
    phone: PhoneLexicon


KINDS = load("kinds.toml", KindLexicon)
