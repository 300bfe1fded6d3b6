"""The regexes of the temporal kind, built once from ``dates.toml`` and the numerals.

One ``RE_*`` per written form. Each starts with a literal or a character class, so that
the regex engine skips in C the many characters that cannot start it; what a form may
not follow (``12024年``, ``以上年龄``) is its ``*_NOT_AFTER`` set, checked on the few
matches. Numbers are one possessive character run, validated afterwards against
``numerals.NUMBER``, so a megabyte of digits or of 年 is scanned in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipeline.quantities.dates_lexicon import DATES, MONTH_PARTS, YEAR_PARTS, MonthPart, YearPart
from pipeline.quantities.lexicon import alternation
from pipeline.quantities.numerals import (
    DIGIT_CHARS,
    LARGE_UNIT_CHARS,
    NUMBER,
    POINT_CHARS,
    SMALL_UNIT_CHARS,
    TENS_CHARS,
)

CN_NUMERAL = DIGIT_CHARS + SMALL_UNIT_CHARS + LARGE_UNIT_CHARS + TENS_CHARS
_CN_YEAR_DIGIT = "零〇○一二三四五六七八九" + DATES.year_zero_chars
_OPEN_QUOTES = "“\"＂「『‘'"
CLOSE_QUOTES = "”\"＂」』’'"


def _cls(chars: str) -> str:
    """A character class of literal characters."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _guarded(forms: Mapping[str, YearPart | MonthPart]) -> str:
    """Part words, longest first, each followed by a guard against its not-before characters."""
    out = []
    for form in sorted(forms, key=lambda w: (-len(w), w)):
        guard = forms[form].not_before
        out.append(re.escape(form) + (f"(?!{_cls(guard)})" if guard else ""))
    return "|".join(out)


SEPARATOR = rf"[ ]?(?:{alternation(DATES.ranges.separators)})[ ]?"

#: A month or day is first matched loosely and then checked against these.
MONTH_RE = re.compile(rf"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|{alternation(DATES.month_names)}")
DAY_RE = re.compile(
    r"3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
)
NUMBER_RE = re.compile(NUMBER)
_MONTH = rf"[0-9一二三四五六七八九十{''.join(DATES.month_names)}]{{1,2}}+"
_DAY = r"[0-9一二三四五六七八九十廿卅]{1,3}+"
_NUMBER_CHARS = "0-9" + re.escape(CN_NUMERAL)
#: A run of numeral characters (a number, or 半), to be checked with NUMBER_RE.
_NUMBER = rf"[{_NUMBER_CHARS}半][{_NUMBER_CHARS},.{POINT_CHARS}]*+"

#: After a year, a part of it (上半年, 底) or a month with its day or part (6月8日, 1-9月,
#: 元月份, 6月下旬).
_YEAR_TAIL = rf"""
    (?:
        (?P<yp>{_guarded(YEAR_PARTS)})
      | [ ]?(?P<m1>{_MONTH})(?:{SEPARATOR}(?P<m2>{_MONTH}))?月(?P<fen>份)?
        (?:(?P<d>{_DAY})[日号] | (?P<mp>{_guarded(MONTH_PARTS)}))?
    )?
"""

#: 2024年, 2024年9月12日, 2024年上半年, 2018年元月份, 2024年1-9月, 2018年 十二月.
RE_YEAR_DATE = re.compile(rf"(?P<head>(?P<y>[12][0-9]{{3}})[ ]?年){_YEAR_TAIL}", re.VERBOSE)
#: 二○一六年十一月八日.
RE_CN_YEAR_DATE = re.compile(rf"(?P<head>(?P<cy>[一二]{_cls(_CN_YEAR_DIGIT)}{{3}})年){_YEAR_TAIL}", re.VERBOSE)
#: 今年, 去年上半年, 今年6月, 明年底.
_REL_YEARS = alternation([*DATES.relative_years, *DATES.same_year.words])
RE_REL_YEAR_DATE = re.compile(rf"(?P<head>(?P<rel>{_REL_YEARS})){_YEAR_TAIL}", re.VERBOSE)
YEAR_NOT_AFTER = frozenset("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
CN_YEAR_NOT_AFTER = frozenset(CN_NUMERAL)
REL_NOT_AFTER = frozenset(DATES.relative_context.not_after)

#: A month without its year, which comes from the sentence or the document: 9月8日, 3月.
RE_MONTH = re.compile(
    rf"""
    (?P<m1>{_MONTH})(?:{SEPARATOR}(?P<m2>{_MONTH}))?月(?P<fen>份)?
    (?:(?P<d>{_DAY})[日号] | (?P<mp>{_guarded(MONTH_PARTS)}))?
    """,
    re.VERBOSE,
)
MONTH_NOT_AFTER = frozenset("0123456789.第" + CN_NUMERAL)

#: 2024-09-12, 2024.9.12, 2024/9/12 (one separator, used twice).
RE_NUMERIC = re.compile(
    r"""
    (?P<y>[12][0-9]{3})
    (?P<s>[-./])(?P<m>1[0-2]|0?[1-9])
    (?P=s)(?P<d>3[01]|[12][0-9]|0?[1-9])
    (?![0-9]|[.\-/][0-9])
    """,
    re.VERBOSE,
)
NUMERIC_NOT_AFTER = frozenset("0123456789.-/")

#: 2014-2016年, 2014至2016年: a range of years written with one 年.
RE_YEAR_RANGE = re.compile(rf"(?P<y1>[12][0-9]{{3}}){SEPARATOR}(?P<y2>[12][0-9]{{3}})[ ]?年(?:度)?")

_BARE_YEAR_PARTS = {w: p for p in DATES.year_parts if p.bare for w in p.words}
#: 上半年, 一季度, 前三季度 standing alone (the year of the sentence or the document).
RE_BARE_PART = re.compile(rf"(?P<yp>{_guarded(_BARE_YEAR_PARTS)})")
BARE_PART_NOT_AFTER = frozenset("0123456789" + CN_NUMERAL)

#: “十四五”, “九五” (the span is inside the quotes).
RE_QUOTED_PLAN = re.compile(rf"{_cls(_OPEN_QUOTES)}(?P<p>{alternation(DATES.plans)})(?={_cls(CLOSE_QUOTES)})")
#: 十三五 without quotes (not 二十四五岁).
RE_PLAN = re.compile(
    rf"(?P<p>{alternation(k for k, v in DATES.plans.items() if not v.quoted_only)})"
    rf"(?![0-9{CN_NUMERAL}岁个年月日天周人名家户次元%倍])"
)
PLAN_NOT_AFTER = frozenset("第" + CN_NUMERAL)

#: 今天, 昨天, 大后天 (not 明天的希望).
RE_REL_DAY = re.compile(
    rf"(?P<w>{alternation(DATES.relative_days)})(?!{_cls(DATES.relative_days_context.not_before)})"
)
REL_DAY_NOT_AFTER = REL_NOT_AFTER | frozenset(DATES.relative_days_context.not_after)
#: 本月, 上个月, 下月.
RE_REL_MONTH = re.compile(rf"(?P<w>{alternation(DATES.relative_months)})")
#: 下周, 上个星期, 本周五, 下下周末.
RE_REL_WEEK = re.compile(
    rf"""
    (?P<p>{alternation(DATES.relative_weeks)})(?P<w>{alternation(DATES.weeks.words)})
    (?:(?P<d>{alternation(DATES.weeks.days)}) | (?!{_cls(DATES.weeks.not_before)}))
    """,
    re.VERBOSE,
)

# --- durations and the periods counted from the reference date ---------------------------

_UNITS = alternation(DATES.durations.units)
_CALENDAR_UNITS = alternation(k for k, u in DATES.durations.units.items()
                              if not u.age and u.designator in ("Y", "M", "W", "D"))
_MORE = alternation(DATES.durations.more)
# Checked inside the regex, just after the first character (so that the engine still
# skips in C to the characters that can start a number): a number never starts inside
# another, which also keeps a long run of digits linear.
_NOT_IN_NUMBER = (
    rf"(?<![0-9A-Za-z.,{re.escape(CN_NUMERAL + DATES.durations.not_after)}].)"
    rf"(?<![0-9{re.escape(CN_NUMERAL)}][点點].)"  # the fraction digits of 一点五: 一点一点… stays linear
)  # PM2.5年均
_COUNT = rf"[{_NUMBER_CHARS}半]{_NOT_IN_NUMBER}[{_NUMBER_CHARS},.{POINT_CHARS}]*+"

#: 3年, 6个月, 一个半月, 1个多小时, 两年多, 10余年, 半年, 45岁, 3-5年, 两三年, 6 天.
RE_DURATION = re.compile(
    rf"""
    (?P<n>{_COUNT})(?P<space>[ ])?            # 6 天 (after Arabic digits only)
    (?:{SEPARATOR}(?P<n2>{_NUMBER}))?         # 3-5年, 三至五年
    (?P<more>{_MORE})?                        # 10余年, 十多天
    (?P<cls>个)?
    (?P<half>半)?                              # 一个半月
    (?P<more2>多)?                             # 1个多小时
    (?P<u>{_UNITS})
    (?P<post>半|多(?![次项个家种人元所名位件条批万千百亿]))?   # 一年半, 两年多
    """,
    re.VERBOSE,
)

#: 近三年, 最近两个月, 过去一年: a period ending at the reference date.
RE_RECENT = re.compile(
    rf"""
    (?P<pre>{alternation(DATES.recent.prefixes)})
    (?P<n>{_NUMBER})(?P<cls>个)?(?P<u>{_CALENDAR_UNITS})
    (?P<tail>{alternation(DATES.recent.tails)})?
    """,
    re.VERBOSE,
)

#: 三年前, 两个月以前: a date counted back from the reference date.
RE_AGO = re.compile(
    rf"""
    (?P<n>{_COUNT})(?P<cls>个)?(?P<u>{_CALENDAR_UNITS})
    (?:{alternation(DATES.ago.suffixes)})(?!{_cls(DATES.ago.not_before)})
    """,
    re.VERBOSE,
)

RE_FALSE_FRIEND = re.compile(alternation(DATES.durations.false_friends))

# --- what joins two dates into one period ---------------------------------------------

#: The gap between the two ends of a range: 2014年－2016年, 2019年到2021年.
RE_RANGE_GAP = re.compile(SEPARATOR)
#: Between the parts of one duration: 3年6个月, 8天又20小时.
RE_COMPOUND_GAP = re.compile(r"[又零]?")
#: 8月1日至31日: a second day of the same month.
RE_DAY_TAIL = re.compile(rf"{SEPARATOR}(?P<d>{_DAY})[日号]")
#: 2018年至今.
RE_UNTIL_NOW = re.compile(alternation(DATES.ranges.until_now))
#: Where a sentence ends, so that 9月8日 takes its year only from its own sentence.
RE_SENTENCE_END = re.compile(r"[。！？!?\n]")
