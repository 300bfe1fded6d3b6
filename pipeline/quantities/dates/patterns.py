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
from itertools import pairwise

from pipeline.quantities.dates.lexicon import DATES, MONTH_PARTS, YEAR_PARTS, MonthPart, YearPart
from pipeline.quantities.kinds import KINDS
from pipeline.text.numerals import (
    DIGIT_CHARS,
    LARGE_UNIT_CHARS,
    NONZERO_DIGIT_CHARS,
    NUMBER,
    ONE_TO_NINE,
    ORDINARY_NONZERO,
    POINT_CHARS,
    SMALL_UNIT_CHARS,
    TEN,
    TENS_CHARS,
    YEAR_DIGITS,
    ZERO_CHARS,
)
from pipeline.text.regex import alternation, char_class

CN_NUMERAL = DIGIT_CHARS + SMALL_UNIT_CHARS + LARGE_UNIT_CHARS + TENS_CHARS
#: a digit of a year read digit by digit (二○一六, 二O一六, 二0一六)
CN_YEAR_DIGIT = "".join(YEAR_DIGITS)
_OPEN_QUOTES = "“\"＂「『‘'"
CLOSE_QUOTES = "”\"＂」』’'"


def _guarded(forms: Mapping[str, YearPart | MonthPart]) -> str:
    """Part words, longest first, each followed by a guard against its not-before characters."""
    out = []
    for form in sorted(forms, key=lambda w: (-len(w), w)):
        guard = forms[form].not_before
        out.append(re.escape(form) + (f"(?!{char_class(guard)})" if guard else ""))
    return "|".join(out)


SEPARATOR = rf"[ ]?(?:{alternation(KINDS.shared.range_separators)})[ ]?"

#: A month or day is first matched loosely and then checked against these.
MONTH_RE = re.compile(rf"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|{alternation(DATES.month_names)}")
DAY_RE = re.compile(
    r"3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
)
NUMBER_RE = re.compile(NUMBER)
# One to two (three) numeral characters, possessive: written as one class and then the
# rest, ``[…][…]?+`` rather than ``[…]{1,2}+``, so that a pattern starting with one begins
# with a class, which the regex engine scans for in C instead of trying every position.
_MONTH_CHAR = rf"[0-9{ONE_TO_NINE}{TEN}{''.join(DATES.month_names)}]"
MONTH = rf"{_MONTH_CHAR}{_MONTH_CHAR}?+"
_DAY_CHAR = f"[0-9{ONE_TO_NINE}{TEN}{TENS_CHARS}]"
DAY = rf"{_DAY_CHAR}{_DAY_CHAR}{{0,2}}+"
DAY_CHAR = re.compile(_DAY_CHAR)
NUMBER_CHARS = "0-9" + re.escape(CN_NUMERAL)
#: A run of numeral characters (a number, or 半), to be checked with NUMBER_RE.
NUMBER_RUN = rf"[{NUMBER_CHARS}半][{NUMBER_CHARS},.{POINT_CHARS}]*+"

#: 十月的第一周: the days 1–7, 8–14 … of a month.
_NTH_WEEK = r"的?第(?P<wn>[1-5一二三四五])(?:个)?(?:周|星期)"

#: A day in digits written without 日 where the line or clause ends (a signature's
#: 2014年5月19, 于2016年7月25“大检查”) or before a preposition's object (3月21对该公司):
#: the month is not cut from its day.
_DAY_BEFORE_OBJECT = rf"(?<=[0-9])(?={alternation(DATES.unmarked_day.objects)})"
_BARE_DAY_END = (
    rf"(?<=[0-9])(?={char_class(DATES.unmarked_day.spaces)}*(?:\n|$)|{char_class(DATES.unmarked_day.ends)})"
    rf"|{_DAY_BEFORE_OBJECT}"
)

#: A day written without 日 before a second day that has it (11月15-16日, 2月15、16日): the
#: first day's (the range or the list goes on from it), the month not cut from it. Not 号,
#: which numbers buildings too (5月1、2号楼).
_DAY_BEFORE_DAY = rf"(?=(?:{SEPARATOR}|{alternation(DATES.unmarked_day.list_marks)}){DAY}日)"

#: After a year, a part of it (上半年, 底) or a month with its day or part (6月8日, 1-9月,
#: 元月份, 6月下旬).
YEAR_TAIL = rf"""
    (?:
        (?P<yp>{_guarded(YEAR_PARTS)})
      | [ ]?(?P<m1>{MONTH})(?:{SEPARATOR}(?P<m2>{MONTH}))?[ ]?月(?P<fen>份)?  # 2019年1 月7日 (PDF spacing)
        (?:[ ]?(?P<d>{DAY})(?:[日号] | {_BARE_DAY_END} | {_DAY_BEFORE_DAY})
           | (?P<mp>{_guarded(MONTH_PARTS)}) | {_NTH_WEEK})?
      | 的?第(?P<nth>{NUMBER_RUN})(?P<ncls>个)?(?P<nu>周|星期|月)
      | 的(?P<edge>前|最后)[ ]?(?P<en>{NUMBER_RUN})[ ]?(?P<ecls>个)?(?P<eu>周|星期|天|日|月)
    )?
"""

#: 2024年, 2024年9月12日, 2024年上半年, 2018年元月份, 2024年1-9月, 2018年 十二月.
#: ... and with 日 typed for 年 before its month (有效期至2022日7月7日): no day has four digits.
RE_YEAR_DATE = re.compile(rf"(?P<head>(?P<y>[12][0-9]{{3}})[ ]?(?:年|日(?=[0-9]{{1,2}}月))){YEAR_TAIL}", re.VERBOSE)
#: 二○一六年十一月八日.
RE_CN_YEAR_DATE = re.compile(rf"(?P<head>(?P<cy>[一二]{char_class(CN_YEAR_DIGIT)}{{3}})年){YEAR_TAIL}", re.VERBOSE)
#: 今年, 去年上半年, 今年6月, 明年底.
REL_YEARS = alternation([*DATES.relative_years, *DATES.same_year.words, *DATES.next_year.words])
NEXT_YEAR_WORDS = frozenset(DATES.next_year.words)
NEXT_YEAR_AFTER_SEPARATOR = frozenset(DATES.next_year.after_separator)
#: Between the ends of one window of every year that crosses the new year (当年的10月至次年的2月底)
RE_YEARLY_WRAP_GAP = re.compile(
    rf"{SEPARATOR}(?:{alternation(sorted(NEXT_YEAR_WORDS | NEXT_YEAR_AFTER_SEPARATOR))})的?"
)
PREVIOUS_YEAR_WORDS = frozenset(DATES.previous_year.words)
RE_SEPARATOR_BEFORE = re.compile(rf"{SEPARATOR}$")  # 10月至|来年7月
RE_REL_YEAR_DATE = re.compile(rf"(?P<head>(?P<rel>{REL_YEARS})){YEAR_TAIL}", re.VERBOSE)
YEAR_NOT_AFTER = frozenset("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
CN_YEAR_NOT_AFTER = frozenset(CN_NUMERAL)
REL_NOT_AFTER = frozenset(DATES.relative_context.not_after)
#: 之 blocks 之前天 (之前 + 天), not 加之今年.
REL_ONLY_BEFORE = DATES.relative_context.only_before
#: What makes 当年, 上年度 … name no year: a word right before (获得称号的当年, 按上年度) or one
#: a little further on in its clause (当年奖补, 上年度人均可支配收入).
GENERIC_YEAR_WORDS = frozenset(DATES.generic_years.words)
GENERIC_MONTH_WORDS = frozenset(DATES.generic_months.words)
RE_GENERIC_MONTH_BEFORE = re.compile(rf"(?:{alternation(DATES.generic_months.before)})$")
RE_GENERIC_BEFORE = re.compile(rf"(?:{alternation(DATES.generic_years.before)})$")
RE_GENERIC_WORD = re.compile(alternation(DATES.generic_years.words))
RE_HABITUAL_BEFORE = re.compile(rf"(?:{alternation(DATES.yearless.habitual)})$")
GENERIC_JOINING = frozenset(DATES.generic_years.joining)
_GENERIC_CLAUSE = rf"[^{re.escape(DATES.generic_years.clause_ends)}]{{0,{DATES.generic_years.reach}}}?"
RE_GENERIC_AFTER = re.compile(rf"{_GENERIC_CLAUSE}(?:{alternation(DATES.generic_years.after)})")


def _clause_frame(words: str) -> str:
    """A frame of words, ``…`` standing for any words of one clause (对…的)."""
    return r"[^，,。；;：:]*?".join(re.escape(w) for w in words.split("…"))


#: The start of the sentence before 当年 …: the last sentence end within reach.
_SENTENCE_ENDS = re.escape(DATES.generic_years.sentence_ends)
RE_GENERIC_SENTENCE_START = re.compile(rf"[{_SENTENCE_ENDS}][^{_SENTENCE_ENDS}]*$")
_SCHEME_OPENERS = "|".join(_clause_frame(w) for w in DATES.generic_years.scheme_openers)
#: A sentence that opens a scheme (对…的组织，当年新购; 如果学校当年), perhaps after its item
#: number, or says 每年 before the word.
RE_GENERIC_SCHEME = re.compile(
    rf"^[\s　]*(?:[（(]?[0-9{ONE_TO_NINE}{TEN}]{{1,2}}[）)、.．]\s*)?(?:{_SCHEME_OPENERS})"
    rf"|{alternation(DATES.generic_years.scheme_words + DATES.generic_years.back_then)}"
)
#: The start of the clause before 当年 …: the last clause end before it.
_CLAUSE_ENDS = re.escape(DATES.generic_years.clause_ends)
RE_GENERIC_CLAUSE_START = re.compile(rf"[{_CLAUSE_ENDS}][^{_CLAUSE_ENDS}]*$")
#: Where the clause of the word ends, for a scheme's frame that closes after it.
RE_GENERIC_CLAUSE_END = re.compile(rf"[{re.escape(DATES.generic_years.clause_ends)}]")
#: A year written before the word in its sentence, which 当年 then names (2018年…，当年关停).
RE_WRITTEN_YEAR = re.compile(r"(?:[0-9]{4}|[零〇一二三四五六七八九]{4})年|同年")

#: A month without its year, which comes from the sentence or the document: 9月8日, 3月.
RE_MONTH = re.compile(
    rf"""
    (?P<m1>{MONTH})
    (?<!星期.)(?<!礼拜.)  # 星期一到十月一日 is a weekday, then a date (not 一到十月, months 1–10)
    (?:{SEPARATOR}(?P<m2>{MONTH}))?月(?P<fen>份)?
    (?:[ ]?(?P<d>{DAY})(?:[日号] | {_DAY_BEFORE_DAY} | {_DAY_BEFORE_OBJECT})
       | (?P<mp>{_guarded(MONTH_PARTS)}) | {_NTH_WEEK})?
    """,
    re.VERBOSE,
)
MONTH_NOT_AFTER = frozenset("0123456789.第周" + CN_NUMERAL)

_TWO_DIGITS = ZERO_CHARS + ONE_TO_NINE
#: 07年, 零八年, 18年10月1日: a year written with two digits (read further in dates_forms).
RE_TWO_DIGIT_YEAR = re.compile(
    rf"(?P<head>(?P<yy>[0-9{ZERO_CHARS}](?<![0-9.][0-9])[0-9{_TWO_DIGITS}])[ ]?年){YEAR_TAIL}", re.VERBOSE
)  # one class first, so that the scan skips in C; 24年 inside 2024年 fails at once
TWO_DIGIT_NOT_AFTER = frozenset("0123456789.第近满约达超逾共历" + CN_NUMERAL)

#: 康熙三年五月, 民国三年, 神龙二年正月初一: a regnal or republican year.
_LUNAR_DAY = r"初[一二三四五六七八九十]|二十[一二三四五六七八九]?|三十|[十廿][一二三四五六七八九]"
RE_ERA = re.compile(
    rf"""
    (?P<era>{alternation(DATES.eras)})(?P<n>元|{NUMBER_RUN})年
    (?:
        (?P<lunar>(?:正|腊|冬|十[一二]?|[一二三四五六七八九])月(?:{_LUNAR_DAY})(?![日号])
                  | 大年(?:初[一二三四五六七八九十]|三十|二十九))
      | (?P<m1>{MONTH})月(?:(?P<d>{DAY})[日号])?
    )?
    """,
    re.VERBOSE,
)

#: 九十年代, 80年代, 19世纪70年代, 上世纪90年代: found from their 年代 (a literal the scan
#: finds in C; digits, which a decade starts with, are everywhere), then read backwards with
#: DECADE_FORM.
RE_DECADE = re.compile("年代")
DECADE_LOOKBACK = 8  # 十九世纪七十年代
#: The decade that ends with that 年代, with the one before it when two are written
#: together (上世纪七八十年代: 1970–1989), or a decade written with its year (1960年代).
DECADE_FORM = re.compile(
    rf"""
    (?: (?P<y>1[0-9]|20)(?P<yd>[0-9])0
      | (?:(?P<cw>{alternation(DATES.decades.centuries)}) | (?P<c>1[0-9]|20|十[一二三四五六七八九]|二十)世纪)?
        (?P<d0>[一二三四五六七八])?(?P<d>[1-9]0|[一二三四五六七八九]十)
    )年代$
    """,
    re.VERBOSE,
)
DECADE_NOT_AFTER = frozenset("0123456789." + CN_NUMERAL)

#: 29日: a day whose month comes from the sentence or the reference date (not 第29日, 15日均).
#: Found from its 日 (digits, which it starts with, are everywhere), then read backwards
#: with BARE_DAY_FORM.
RE_BARE_DAY = re.compile(rf"日(?!{alternation(DATES.bare_day.not_before)})")
BARE_DAY_FORM = re.compile(rf"(?P<d>{DAY})日")
BARE_DAY_NOT_AFTER = frozenset("0123456789.,/-:" + CN_NUMERAL)
#: What a day without its month follows in document mode: 于29日, 10月17日、18日.
RE_BARE_DAY_AFTER = re.compile(rf"(?:{alternation(DATES.bare_day.after)})$")

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

#: 2018年下至2019年上期: a year's second half to the next year's first (a school year).
RE_SCHOOL_YEAR = re.compile(
    rf"(?P<y1>[12][0-9]{{3}})[ ]?年(?:{alternation(DATES.school_years.heads)}){SEPARATOR}"
    rf"(?P<y2>[12][0-9]{{3}})[ ]?年(?:{alternation(DATES.school_years.tails)})"
)

_BARE_YEAR_PARTS = {w: p for p in DATES.year_parts if p.bare for w in p.words}
#: 上半年, 一季度, 前三季度 standing alone (the year of the sentence or the document).
RE_BARE_PART = re.compile(rf"(?P<yp>{_guarded(_BARE_YEAR_PARTS)})")
BARE_PART_NOT_AFTER = frozenset("0123456789" + CN_NUMERAL)

#: “十四五”, “九五” (the span is inside the quotes).
RE_QUOTED_PLAN = re.compile(
    rf"{char_class(_OPEN_QUOTES)}(?P<p>{alternation(DATES.plans)})(?={char_class(CLOSE_QUOTES)})"
)
#: 十三五 without quotes (not 二十四五岁).
RE_PLAN = re.compile(
    rf"(?P<p>{alternation(k for k, v in DATES.plans.items() if not v.quoted_only)})"
    rf"(?![0-9{CN_NUMERAL}岁个年月日天周人名家户次元%倍])"
)
PLAN_NOT_AFTER = frozenset("第" + CN_NUMERAL)

#: 今天, 昨天, 大后天 (not 明天的希望).
RE_REL_DAY = re.compile(
    rf"(?P<w>{alternation(DATES.relative_days)})(?!{char_class(DATES.relative_days_context.not_before)})"
)
REL_DAY_NOT_AFTER = REL_NOT_AFTER | frozenset(DATES.relative_days_context.not_after)
#: 本月, 上个月, 下月, 本月十日, 本月下旬, 下月底.
RE_REL_MONTH = re.compile(
    rf"(?P<w>{alternation(DATES.relative_months)})(?:(?P<d>{DAY})[日号]|(?P<mp>{_guarded(MONTH_PARTS)}))?"
)
#: 本季度, 上一个季度, 下季度.
RE_REL_QUARTER = re.compile(alternation(DATES.relative_quarters))
#: 下周, 上个星期, 本周五, 下下周末.
RE_REL_WEEK = re.compile(
    rf"""
    (?P<p>{alternation(DATES.relative_weeks)})(?P<w>{alternation(DATES.weeks.words)})
    (?:(?P<d>{alternation(DATES.weeks.days)}) | (?!{char_class(DATES.weeks.not_before)}))
    """,
    re.VERBOSE,
)

# --- durations and the periods counted from the reference date ---------------------------

_UNITS = alternation(DATES.durations.units)
CALENDAR_UNITS = alternation(k for k, u in DATES.durations.units.items()
                              if not u.age and u.designator in ("Y", "M", "W", "D"))
_MORE = alternation(DATES.durations.more)
# Checked inside the regex, just after the first character (so that the engine still
# skips in C to the characters that can start a number): a number never starts inside
# another, which also keeps a long run of digits linear.
# An Arabic digit after a Chinese one starts a number of its own, as in numerals.NUMBER:
# 高一4天 is 高一 and 4天.
_AFTER_CN_DIGIT = f"[{NONZERO_DIGIT_CHARS}][1-9]"
_NOT_IN_NUMBER = (
    rf"(?:(?<![0-9A-Za-z.,{re.escape(CN_NUMERAL + DATES.durations.not_after)}].)|(?<={_AFTER_CN_DIGIT}))"
    rf"(?<![0-9{re.escape(CN_NUMERAL)}][点點].)"  # the fraction digits of 一点五: 一点一点… stays linear
)  # PM2.5年均
_COUNT = rf"[{NUMBER_CHARS}半]{_NOT_IN_NUMBER}(?:[{NUMBER_CHARS},.{POINT_CHARS}](?<!{_AFTER_CN_DIGIT}))*+"

#: 3年, 6个月, 一个半月, 1个多小时, 两年多, 10余年, 半年, 45岁, 3-5年, 两三年, 6 天.
RE_DURATION = re.compile(
    rf"""
    (?P<n>{_COUNT})(?P<space>[ ])?            # 6 天 (after Arabic digits only)
    (?:{SEPARATOR}(?P<n2>{NUMBER_RUN}))?         # 3-5年, 三至五年
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
#: What makes 近两天 the coming days: 近两天可以办理好.
RE_RECENT_AHEAD = re.compile(alternation(DATES.recent.ahead))
#: What makes 近4年 a rule's window (近4年年度考核合格): a word of ``rule_after`` in its clause.
RE_RECENT_RULE = re.compile(rf"{_GENERIC_CLAUSE}(?:{alternation(DATES.recent.rule_after)})")
RE_RECENT = re.compile(
    rf"""
    (?P<pre>{alternation(DATES.recent.prefixes)})
    (?:(?P<half>半)(?P<hu>{alternation(DATES.recent.halves)})|(?P<n>{NUMBER_RUN})(?P<cls>个)?(?P<u>{CALENDAR_UNITS}))
    (?P<tail>{alternation(DATES.recent.tails)})?
    """,
    re.VERBOSE,
)

#: Two neighbouring digits listed with a mark (五、六年前: five or six years ago).
_LISTED_PAIR = alternation(
    [f"{a}{mark}{b}" for a, b in pairwise(ONE_TO_NINE) for mark in DATES.ago.pair_marks]
)

#: 三年前, 两个月以前: a date counted back from the reference date; 五六年前, 五、六年前 a span
#: of two.
RE_AGO = re.compile(
    rf"""
    (?:(?P<pair>{_LISTED_PAIR})|(?P<n>{_COUNT}))(?P<cls>个)?(?P<u>{CALENDAR_UNITS})
    (?:{alternation(DATES.ago.suffixes)})(?!{char_class(DATES.ago.not_before)})
    """,
    re.VERBOSE,
)

RE_FALSE_FRIEND = re.compile(alternation(DATES.durations.false_friends))
#: 一天一拉, 三月一点评: a rhythm, no duration or month; 九天重房地产开发有限公司: a name.
RE_FREQUENCY = re.compile(
    rf"[{ORDINARY_NONZERO}{TEN}](?<![{CN_NUMERAL}].)[{DATES.durations.frequency_units}]"
    rf"(?:一(?![{DATES.durations.frequency_not_next}])[\u4e00-\u9fff]"
    rf"|(?=[^{re.escape(DATES.durations.name_breaks)}0-9{CN_NUMERAL}]{{0,{DATES.durations.name_reach}}}?"
    rf"(?:{alternation(DATES.durations.name_ends)})))"
)

# --- what joins two dates into one period ---------------------------------------------

#: The gap between the two ends of a range: 2014年－2016年, 2019年到2021年.
#: A phone or a code: five digits or more, never a count of years (电话：8251931.2018年12月21日).
CODE_DIGITS = r"[0-9]{5}"
RE_RANGE_GAP = re.compile(rf"(?P<from>{alternation(DATES.ranges.from_marks)})?{SEPARATOR}")
RE_DEADLINE = re.compile(alternation(DATES.ranges.deadline_marks))
#: Between the parts of one duration: 3年6个月, 8天又20小时.
RE_COMPOUND_GAP = re.compile(r"[又零]?")
#: 8月1日至31日: a second day of the same month.
RE_DAY_TAIL = re.compile(rf"{SEPARATOR}(?P<d>{DAY})[日号]")
#: 2018年10月1日至年底, 3月15日至月底: a part of the first end's own year or month.
RE_PART_END = re.compile(rf"""{SEPARATOR}(?:
    (?P<yp>{alternation(w for part in DATES.year_parts for w in part.words)})
  | (?P<mp>{alternation(w for part in DATES.month_parts for w in part.words)}))""", re.VERBOSE)
#: 2018年至今.
RE_UNTIL_NOW = re.compile(alternation(DATES.ranges.until_now))
#: Where a sentence ends, so that 9月8日 takes its year only from its own sentence.
RE_SENTENCE_END = re.compile(r"[。！？!?\n]")
