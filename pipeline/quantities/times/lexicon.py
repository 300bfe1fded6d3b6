"""The time lexicon (``pipeline/resources/times.toml``), validated on load.

Clock words (点, 时, 分, 半, 一刻), day parts (上午, 晚上, 今晚), weekdays, recurrences
(每天, 每个月), holidays (国庆节 on 10-01, 春节 on lunar 01-01, 母亲节 on the second Sunday
of May) and the lunar calendar of 1900–2100.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import field_validator, model_validator

from pipeline.resources import Lexicon, load

ClockRule = Literal["am", "noon", "pm", "night"]
_HH_MM = re.compile(r"(?P<h>[01][0-9]|2[0-4]):(?P<m>[0-5][0-9])")
_MM_DD = re.compile(r"(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[012][0-9])")
_NTH_WEEKDAY = re.compile(r"(?P<m>1[0-2]|0[1-9])-(?P<wd>[1-7])-(?P<n>[1-5])")
_MONTH_BITS = re.compile(r"[01]{12,13}")


class Clock(Lexicon):
    hour_marks: list[str]
    minute_marks: list[str]
    second_marks: list[str]
    minute_words: dict[str, int]
    tails: list[str]
    zero_hours: list[str]
    am: list[str]
    pm: list[str]
    hour_not_before: str
    bare_not_after: list[str]
    bare_followers: list[str]
    cn_bare_followers: list[str]
    approx_before: list[str]
    approx_after: list[str]
    over_after: list[str]
    part_reach: int

    @field_validator("minute_words")
    @classmethod
    def _minutes(cls, words: dict[str, int]) -> dict[str, int]:
        for word, minutes in words.items():
            if not 0 < minutes < 60:
                raise ValueError(f"minute word {word!r} = {minutes} is not 1–59")
        return words


class Ranges(Lexicon):
    between: list[str]
    between_tails: list[str]
    next_day: list[str]


class DayPart(Lexicon):
    words: list[str]
    clock: ClockRule
    first: str
    last: str
    short: bool = False

    @field_validator("first", "last")
    @classmethod
    def _hh_mm(cls, text: str) -> str:
        if not _HH_MM.fullmatch(text):
            raise ValueError(f"{text!r} is not HH:MM")
        return text


class DayWord(Lexicon):
    day: int
    part: str


class Weekdays(Lexicon):
    prefixes: list[str]
    days: dict[str, int]
    restating_brackets: str
    restating_commas: str
    joining: str
    habitual: list[str]
    sentence_ends: str
    topic_before: list[str]
    topic_after: list[str]
    clause_ends: str

    @field_validator("days")
    @classmethod
    def _iso(cls, days: dict[str, int]) -> dict[str, int]:
        for word, n in days.items():
            if not 1 <= n <= 7:
                raise ValueError(f"weekday {word!r} = {n} is not an ISO day number 1–7")
        return days


class Relative(Lexicon):
    before: list[str]
    after: list[str]
    units: list[str]
    words: list[str]
    now: list[str]


class Recurrence(Lexicon):
    word: str
    classifier: str
    units: dict[str, Literal["P1D", "P1W", "P1M", "P1Y"]]
    not_before: str = ""
    weekday_not_before: str = ""


class Holiday(Lexicon):
    words: list[str]
    date: str | None = None
    lunar: str | None = None
    weekday: str | None = None
    term: Literal["清明"] | None = None
    not_after: str = ""
    not_before: str = ""

    @model_validator(mode="after")
    def _one_rule(self) -> Holiday:
        rules = [r for r in (self.date, self.lunar, self.weekday, self.term) if r is not None]
        if len(rules) != 1:
            raise ValueError(f"{self.words}: give exactly one of date, lunar, weekday, term")
        if self.date is not None and not _MM_DD.fullmatch(self.date):
            raise ValueError(f"{self.words}: date {self.date!r} is not MM-DD")
        if self.lunar is not None and not _MM_DD.fullmatch(self.lunar):
            raise ValueError(f"{self.words}: lunar {self.lunar!r} is not MM-DD")
        if self.weekday is not None and not _NTH_WEEKDAY.fullmatch(self.weekday):
            raise ValueError(f"{self.words}: weekday {self.weekday!r} is not MM-<ISO day>-<n>")
        return self


class HolidayContext(Lexicon):
    """Words around a holiday that make it every year's or a kind of day, not one day."""

    every: list[str]
    kind_marks: list[str]
    greetings: list[str]
    open_quotes: str
    close_quotes: str
    clause_stops: str


LunarYear = tuple[str, str, int, int]


class TimesLexicon(Lexicon):
    clock: Clock
    ranges: Ranges
    day_parts: list[DayPart]
    day_words: dict[str, DayWord]
    weekdays: Weekdays
    relative: Relative
    recurrence: Recurrence
    holidays: dict[str, Holiday]
    holiday_context: HolidayContext
    lunar: dict[int, LunarYear]

    @model_validator(mode="after")
    def _words_listed_once(self) -> TimesLexicon:
        for name, words in (
            ("day_parts", [w for p in self.day_parts for w in p.words]),
            ("holidays", [w for h in self.holidays.values() for w in h.words]),
        ):
            twice = sorted({w for w in words if words.count(w) > 1})
            if twice:
                raise ValueError(f"{name}: {twice} listed more than once")
        parts = {w for p in self.day_parts for w in p.words}
        for word, entry in self.day_words.items():
            if entry.part not in parts:
                raise ValueError(f"day word {word!r}: part {entry.part!r} is not a day part")
        return self

    @model_validator(mode="after")
    def _lunar_years_chain(self) -> TimesLexicon:
        years = sorted(self.lunar)
        for year in years:
            new_year, bits, leap, qingming = self.lunar[year]
            if not _MM_DD.fullmatch(new_year) or not _MONTH_BITS.fullmatch(bits):
                raise ValueError(f"lunar {year}: {new_year!r}, {bits!r} are not MM-DD and 12–13 month bits")
            if (len(bits) == 13) != (leap != 0) or not 0 <= leap <= 12 or not 3 <= qingming <= 6:
                raise ValueError(f"lunar {year}: leap month {leap} / 清明 {qingming} do not fit {bits!r}")
            if year + 1 in self.lunar:
                days = sum(30 if b == "1" else 29 for b in bits)
                start = dt.date.fromisoformat(f"{year}-{new_year}")
                following = dt.date.fromisoformat(f"{year + 1}-{self.lunar[year + 1][0]}")
                if start + dt.timedelta(days=days) != following:
                    raise ValueError(f"lunar {year}: its months do not end before {following}")
        return self


TIMES = load("times.toml", TimesLexicon)

#: Every day-part word → its part (上午, 早上 … → the morning part).
DAY_PARTS: dict[str, DayPart] = {w: part for part in TIMES.day_parts for w in part.words}
#: Every holiday word → its holiday.
HOLIDAYS: dict[str, Holiday] = {w: h for h in TIMES.holidays.values() for w in h.words}
