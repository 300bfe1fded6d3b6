"""The regexes of the time kind, built once from ``times.toml`` and the date lexicon.

Every pattern starts with a character class or literal words and its repetitions are
bounded or possessive, so a megabyte of digits, of 点 or of 每 is scanned in linear time.
Whether a bare ``三点`` is a clock time is decided afterwards, from the words around it
(``times.find``): here a clock is only its written form.
"""

from __future__ import annotations

import re

from pipeline.quantities.dates.lexicon import DATES
from pipeline.quantities.kinds import KINDS
from pipeline.quantities.times.lexicon import DAY_PARTS, HOLIDAYS, TIMES
from pipeline.text.numerals import ORDINARY_DIGITS, ORDINARY_UNITS, TEN, TENS_CHARS
from pipeline.text.regex import alternation, first_char_alternation, lead_class_alternation

_C = TIMES.clock

#: Characters a number is made of: a clock hour never starts right after one (十二点, 3.5点).
NUMERAL_CHARS = f"0-9.,{ORDINARY_DIGITS}{ORDINARY_UNITS}{TENS_CHARS}"
#: 0–24 in Arabic digits, then in Chinese (二十四, 十二, 两, 零).
HOUR_AR = r"(?:2[0-4]|[01]?[0-9])"
HOUR_CN = r"(?:二十[一二三四]?|十[一二三四五六七八九]?|[零〇一二两三四五六七八九])"
#: 0–59, Arabic or Chinese (二十五, 十, 零五).
MINUTE_AR = r"(?:[0-5]?[0-9])"
MINUTE_CN = r"(?:[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|零?[一二三四五六七八九])"
_MINUTE = rf"(?:{MINUTE_AR}|{MINUTE_CN})"
_AMPM = alternation([*_C.am, *_C.pm])

_DAY_WORDS = alternation(TIMES.day_words)
_DAY_PARTS = alternation(DAY_PARTS)
_WEEK_PREFIX = alternation(TIMES.weekdays.prefixes)
_WEEK_DAYS = "".join(TIMES.weekdays.days)
_REL_WEEK = alternation(DATES.relative_weeks)

#: What may stand right before a clock: 今晚, 周一上午, 下周三晚上, 早.
_LEAD = rf"""
    (?P<approx>{alternation(_C.approx_before)})?
    (?:(?P<wrel>{_REL_WEEK})?(?P<wp>{_WEEK_PREFIX})(?P<wd>[{_WEEK_DAYS}]))?
    (?:(?P<dw>{_DAY_WORDS})|(?P<dp>{_DAY_PARTS}))?
    (?P<approx1>{alternation(_C.approx_before)})?
"""

#: A clock time: 15:30, 2:00pm, 下午3点, 17点55分23秒, 五点半, 五点一刻, 7点30, 八点钟, 零点整.
_CLOCK_STARTS = "".join(sorted(
    {w[0] for w in [*_C.approx_before, *DATES.relative_weeks, *TIMES.weekdays.prefixes, *TIMES.day_words, *DAY_PARTS]}
    | set("0123456789" + ORDINARY_DIGITS + TEN)
))

RE_CLOCK = re.compile(
    rf"""
    (?=[{_CLOCK_STARTS}])   # lets the scan skip, in C, every position no clock can start at
    {_LEAD}
    (?:
        (?<![{NUMERAL_CHARS}])(?<![0-9][:：])
        (?P<dh>{HOUR_AR})[:：](?P<dm>[0-5][0-9])(?:[:：](?P<ds>[0-5][0-9]))?(?![0-9]|[:：][0-9])
        (?:[ ]?(?P<ampm>{_AMPM}))?
      |
        (?<![0-9.,第几])(?:(?<=[周期拜][{_WEEK_DAYS}])|(?<![{NUMERAL_CHARS}]))   # 周一8点, not 十二点's 二
        (?P<h>{HOUR_AR}|{HOUR_CN})(?P<hm>{alternation(_C.hour_marks)})
        (?:
            (?P<m>{_MINUTE})(?:{alternation(_C.minute_marks)})
            (?:(?P<s>{_MINUTE})(?:{alternation(_C.second_marks)}))?
          | (?P<mw>{alternation(_C.minute_words)})
          | (?P<mb>[0-5][0-9](?![0-9.])|{MINUTE_CN}(?![{NUMERAL_CHARS}]))
        )?
        (?P<over>{alternation(_C.over_after)})?
        (?P<tail>(?:{alternation(_C.tails)})+)?
    )
    (?P<approx2>{alternation(_C.approx_after)})?
    """,
    re.VERBOSE,
)

#: What every clock time holds: the scan looks for RE_CLOCK only around one of these.
#: The plain form ``(?<=[0-9零…十])[点时]|(?<=[0-9])[:：](?=[0-5][0-9])``, begun with the
#: class of the anchor characters so that the scan skips in C to the next one.
RE_CLOCK_ANCHOR = re.compile(r"[点时:：](?:(?<=[0-9零〇一二两三四五六七八九十][点时])|(?<=[0-9][:：])(?=[0-5][0-9]))")
#: How far a clock reaches before its anchor (大约下下个星期一早上十二点) and after it.
CLOCK_BEFORE, CLOCK_AFTER = 16, 20

#: 早上五 in 早上五到六点: an hour without its 点, before a range separator.
RE_BARE_HOUR = re.compile(
    rf"(?:(?P<dw>{_DAY_WORDS})|(?P<dp>{_DAY_PARTS}))?(?<![{NUMERAL_CHARS}:：])(?P<h>{HOUR_AR}|{HOUR_CN})$"
)

#: 昨天, 明天 right before a clock time (also after 从, which the dates kind refuses).
RE_REL_DAY_BEFORE = re.compile(rf"(?:{alternation(DATES.relative_days)})$")
REL_DAY_LAST_CHARS = frozenset(w[-1] for w in DATES.relative_days)
#: Before a digital form that is a ratio, not a time: 比例1:50.
RE_RATIO_BEFORE = re.compile(r"(?:比|比例|比为|比例为|之比)$")

SEPARATOR = rf"[ ]?(?:{alternation(KINDS.shared.range_separators)})[ ]?"
#: Between the two ends of a time range (从 is left out of the span, as for periods).
RE_RANGE_GAP = re.compile(SEPARATOR)
#: 22:00至次日6:00: a separator and a word of the next day.
RE_NEXT_DAY_GAP = re.compile(rf"{SEPARATOR}(?:{alternation(TIMES.ranges.next_day)})[ ]?")
#: 1月15号4点和2月3号9点之间.
RE_BETWEEN_GAP = re.compile(alternation(TIMES.ranges.between))
RE_BETWEEN_TAIL = re.compile(alternation(TIMES.ranges.between_tails))

#: After a bare hour (3点, 十点): what may follow a clock time.
RE_BARE_FOLLOWER = re.compile(alternation(_C.bare_followers))
RE_CN_BARE_FOLLOWER = re.compile(alternation(_C.cn_bare_followers))
RE_BARE_NOT_AFTER = re.compile(rf"(?:{alternation(_C.bare_not_after)})$")
#: 8天20时 is a duration: a bare hour right after a number of days is its hours.
RE_DAYS_BEFORE = re.compile(rf"[{NUMERAL_CHARS}]天$")
HOUR_NOT_BEFORE = frozenset(_C.hour_not_before)
#: Where a sentence ends: a date before a clock is looked for in the same sentence only.
RE_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
#: The last character of a one-day date (2024年9月12日, 10号, 2024-09-12, 明天, 下周一,
#: 年底): a date is looked for before a clock time only after one of these.
DATE_END_CHARS = frozenset("日号天底末初中0123456789")
#: ... or a weekday after its prefix (下周一).
WEEKDAY_CHARS, WEEK_PREFIX_ENDS = frozenset(_WEEK_DAYS), frozenset(w[-1] for w in TIMES.weekdays.prefixes)
CJK = re.compile(r"[\u4e00-\u9fff]")

# --- recurrences ---------------------------------------------------------------------------

_R = TIMES.recurrence
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"

_TO = alternation(KINDS.shared.range_separators)

#: 每天, 每个月, 每周一, 每星期三, 每月15日, 每年3月1日; with 的 and 份 (每年的4月15日, 每年5月份),
#: a span of the month (每月的10日至13日),
#: a span of the year (每年7-8月, 每年11月1日至12月31日), a quarter or a half (每年的第四季度,
#: 每年上半年).
RE_RECURRENCE = re.compile(
    rf"""
    {re.escape(_R.word)}(?P<cls>{re.escape(_R.classifier)})?(?P<u>{alternation(_R.units)})
    (?![{re.escape(_R.not_before)}])
    (?:
        (?<=[周期拜])(?P<wd>[{_WEEK_DAYS}])(?![{re.escape(_R.weekday_not_before)}])
      | (?<=月)的?(?P<md>{_DAY})[日号](?:(?:{_TO})(?P<md2>{_DAY})[日号])?
      | (?<=年)的?(?P<ym>{_MONTH})月(?:(?P<yd>{_DAY})[日号]|份)?
        (?:(?:{_TO})(?:(?P<ym2>{_MONTH})月)?(?:(?P<yd2>{_DAY})[日号])?(?<=[月日号]))?
      | (?<=年)的?(?P<ya>{_MONTH})(?:{_TO})(?P<yb>{_MONTH})月份?
      | (?<=年)的?第?(?P<q>[一二三四1-4])季度
      | (?<=年)的?(?P<h>[上下])半年
    )?
    """,
    re.VERBOSE,
)

# --- holidays and lunar dates --------------------------------------------------------------

_REL_YEARS = alternation(DATES.relative_years)
_LUNAR_MONTH = r"正|腊|冬|十[一二]?|[一二三四五六七八九]"
_LUNAR_DAY = r"初[一二三四五六七八九十]|二十[一二三四五六七八九]?|三十|[十廿][一二三四五六七八九]"

_YEAR_LEAD = rf"(?:(?<![0-9])(?P<y>[12][0-9]{{3}})[ ]?年|(?P<rel>{_REL_YEARS}))"

#: 国庆节, 2024年春节, 今年中秋节, 2019年农历春节 (the year's, 农历 between them). Found from
#: the name (``RE_HOLIDAY_NAME``, which the scan reaches in C), then read from the year before
#: it (``RE_HOLIDAY_LEAD``); a 农历 with no year before it stays outside (农历春节: 春节).
_HOLIDAY_LEAD = rf"{_YEAR_LEAD}(?:农历)?"
RE_HOLIDAY = re.compile(rf"(?:{_HOLIDAY_LEAD})?(?P<name>{alternation(HOLIDAYS)})")
RE_HOLIDAY_NAME = re.compile(alternation(HOLIDAYS))
RE_HOLIDAY_LEAD = re.compile(rf"{_HOLIDAY_LEAD}$")

#: 星期一, 礼拜日, 周三 standing alone (下周一 and 本周三 are the dates kind's); not
#: 一周一次, 周六日 or 周年.
#: It begins with the class of the prefixes' first characters, which the regex engine
#: scans for in C; the lookbehind that the plain form
#: ``(?<![…])(?P<wp>星期|礼拜|周)(?P<wd>[一…])(?![…])`` starts with (and that made the
#: engine try it at every character) follows that first character and looks one further.
RE_WEEKDAY = re.compile(
    rf"(?P<wp>{first_char_alternation(TIMES.weekdays.prefixes, not_after=f'{NUMERAL_CHARS}每个上下本这')})"
    rf"(?P<wd>[{_WEEK_DAYS}])(?![{NUMERAL_CHARS}次回遍趟个批项人名年岁期边末])"
)

#: 周一至周五, 星期一到星期五, 每周一至周五: a span of the days of any week, a recurrence
#: (下周一至周五 and 本周一至周三 are dates: the finder skips a match right after 上下本这个).
#: It begins with the class of 每 and the prefixes' first characters, which the regex engine
#: scans for in C (the plain ``每?(?:星期|礼拜|周)`` has it try the pattern at every
#: character); each branch after it checks by a lookbehind which one was read.
RE_WEEKDAY_RANGE = re.compile(
    rf"{lead_class_alternation(TIMES.weekdays.prefixes, optional_lead='每')}(?P<wd>[{_WEEK_DAYS}])"
    rf"(?:{_TO})(?P<wp2>{_WEEK_PREFIX})?(?P<wd2>[{_WEEK_DAYS}])"
    rf"(?![{ORDINARY_DIGITS}{ORDINARY_UNITS}{TENS_CHARS}次回遍趟个批项人名年岁期边末])"  # a clock may follow: 周日9:00
)

_LUNAR_YEAR = r"(?P<lunar>农历)?(?:(?<![0-9])(?P<y>[12][0-9]{3})[ ]?年)?(?P<lunar2>农历)?"
_LUNAR_MONTH_LEAD = rf"(?P<leap>闰)?(?P<m>{_LUNAR_MONTH})"

#: 农历2015年十月初一, 2015年农历正月初一, 正月三十, 三月初一, 大年初一, 大年三十. Found from
#: ``RE_LUNAR_ANCHOR`` (月 before a lunar day) or ``RE_NEW_YEAR_ANCHOR`` (大年), then read from the year and month
#: before it (``RE_LUNAR_LEAD``, ``RE_NEW_YEAR_LEAD``).
RE_LUNAR_DATE = re.compile(
    rf"""
    {_LUNAR_YEAR}
    (?:
        {_LUNAR_MONTH_LEAD}月(?P<d>{_LUNAR_DAY})
      | 大年(?P<nd>初[一二三四五六七八九十]|三十|二十九)
    )
    (?![{NUMERAL_CHARS}日号])
    """,
    re.VERBOSE,
)
# Two patterns, each led by a literal, which the regex engine finds at memory speed; one
# alternation of both is led by the class [月大], tested at every character (27 → 2 ms over
# the 374 texts of the benchmark).
RE_LUNAR_ANCHOR = re.compile(r"月(?=[初十廿二三])")
RE_NEW_YEAR_ANCHOR = re.compile(r"大年(?=[初三二])")
RE_LUNAR_LEAD = re.compile(rf"{_LUNAR_YEAR}{_LUNAR_MONTH_LEAD}$")
RE_NEW_YEAR_LEAD = re.compile(rf"{_LUNAR_YEAR}$")
