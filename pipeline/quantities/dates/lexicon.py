"""The temporal lexicon (``pipeline/resources/dates.toml``), validated on load.

Relative words (今年, 上个月, 下周), parts of a year or month (上半年, 年底, 下旬), named
five-year plans (十四五), open range ends (至今) and duration units (3个月 → ``P3M``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from pipeline.resources import Lexicon, load

Designator = Literal["Y", "M", "W", "D", "H", "MIN", "S"]
_MONTH_DAY = re.compile(r"(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12][0-9]|0[1-9])")


class Neighbours(Lexicon):
    """Characters that, right before or right after a word, make it part of another word."""

    not_after: str = ""
    not_before: str = ""
    #: a character of ``not_after`` → the only first characters of the word it blocks
    only_before: dict[str, str] = Field(default_factory=dict)


class Words(Lexicon):
    words: list[str]


class NextYear(Lexicon):
    words: list[str]
    after_separator: list[str]  # relative years (来年) that follow the date before a range separator


class SchoolYears(Lexicon):
    heads: list[str]  # the second half after the first year (下学期, bare 下)
    tails: list[str]  # the first half after the next year (上期, bare 上)


class GenericMonths(Lexicon):
    """Month words that name no month after an event in a rule (缴费的下月起)."""

    words: list[str]
    before: list[str]


class GenericYears(Lexicon):
    """Year words that name no year in a rule or formula, and the words around them that say so."""

    words: list[str]
    before: list[str]
    after: list[str]
    reach: int
    clause_ends: str
    joining: str
    sentence_ends: str
    sentence_reach: int
    scheme_openers: list[str]
    scheme_words: list[str]
    back_then: list[str]


class Yearless(Lexicon):
    """How far after the reference date a date written without its year may stand in a past
    clause, and how far before it in a planned one."""

    past_slack_days: int
    planned_slack_days: int
    every_year: list[str]  # a sentence with one of these keeps the reference year
    habitual: list[str]  # a month or day right after one of these is every year's (一般在8月20日)
    restating: list[str]  # ... but not one right after these (即2月15日: one year's)
    timetables: list[str]  # ... and in a bracket right after one of these (夏令时(7月至10月))


class PlanContext(Lexicon):
    not_before: list[str]


class Weeks(Lexicon):
    words: list[str]
    not_before: str
    days: dict[str, list[int]]

    @field_validator("days")
    @classmethod
    def _iso_days(cls, days: dict[str, list[int]]) -> dict[str, list[int]]:
        for word, numbers in days.items():
            if not numbers or any(not 1 <= n <= 7 for n in numbers):
                raise ValueError(f"weekday {word!r}: {numbers} are not ISO day numbers 1–7")
        return days


class YearPart(Lexicon):
    words: list[str]
    first: str
    last: str
    bare: bool = True
    not_before: str = ""
    whole_year: bool = False

    @field_validator("first", "last")
    @classmethod
    def _month_day(cls, text: str) -> str:
        if not _MONTH_DAY.fullmatch(text):
            raise ValueError(f"{text!r} is not MM-DD")
        return text

    @property
    def first_md(self) -> tuple[int, int]:
        return int(self.first[:2]), int(self.first[3:])

    @property
    def last_md(self) -> tuple[int, int]:
        return int(self.last[:2]), int(self.last[3:])


class MonthPart(Lexicon):
    words: list[str]
    first: int
    last: int
    not_before: str = ""

    @model_validator(mode="after")
    def _days(self) -> MonthPart:
        if not 1 <= self.first <= self.last <= 31:
            raise ValueError(f"{self.words}: days {self.first}–{self.last} are not 1 ≤ first ≤ last ≤ 31")
        return self


class Plan(Lexicon):
    first: int
    last: int
    quoted_only: bool = False


class Ranges(Lexicon):
    until_now: list[str]
    from_marks: list[str]
    deadline_marks: list[str]


class Recent(Lexicon):
    prefixes: list[str]
    not_after: list[str]
    rule_after: list[str]  # 近4年年度考核合格: a window of a rule, a duration
    tails: list[str]
    ahead: list[str]
    halves: dict[str, int]


class Ago(Lexicon):
    suffixes: list[str]
    pair_marks: list[str]
    not_before: str
    day_units: list[str]


class TwoDigitYears(Lexicon):
    ahead: int
    after: list[str]
    not_after: list[str]


class BareDay(Lexicon):
    after: list[str]
    not_before: list[str]


class UnmarkedDay(Lexicon):
    spaces: str
    ends: str
    objects: list[str]
    list_marks: list[str]


class Season(Lexicon):
    first: str
    last: str

    @field_validator("first", "last")
    @classmethod
    def _month_day(cls, text: str) -> str:
        if not _MONTH_DAY.fullmatch(text):
            raise ValueError(f"{text!r} is not MM-DD")
        return text


class Decades(Lexicon):
    centuries: dict[str, int]


class Era(Lexicon):
    first: int
    years: int


class RelativeHalf(Lexicon):
    unit: Literal["H", "M", "W"]
    part: Literal[1, 2] = 1
    shift: int = 0


class Around(Lexicon):
    before: list[str]
    after: list[str]


class Half(Lexicon):
    amount: Decimal
    designator: Designator


class DurationUnit(Lexicon):
    designator: Designator
    classifier: Literal["never", "optional", "required"]
    half: Half | None = None
    not_before: tuple[str, ...] = ()
    only_before: tuple[str, ...] = ()
    only_before_number: tuple[str, ...] = ()  # ... or a number and one of these (分 only in 6分25秒)
    lap_after: tuple[str, ...] = ()
    bare_before: tuple[str, ...] = ()  # a required 个 may be left out right before one of these
    bare_not_before: tuple[str, ...] = ()  # ... but not before one of these (1月余额 is January's balance)
    bare_after: tuple[str, ...] = ()  # ... or after one of these, the number before its end (后一月内)
    bare_within: tuple[str, ...] = ()  # ... when one of these follows the unit
    age: bool = False

    def bare_at(self, text: str, at: int, number_at: int) -> bool:
        """Whether a required 个 may be left out of the unit that ends at ``at`` (一月以上, 1月余;
        通知后一月内), its number starting at ``number_at``."""
        if text.startswith(self.bare_before, at) and not text.startswith(self.bare_not_before, at):
            return True
        return (bool(self.bare_after) and text.endswith(self.bare_after, 0, number_at)
                and text.startswith(self.bare_within, at))


class ReportedSpeech(Lexicon):
    """A verb of saying shortly before a day word in its sentence: the day is the speaker's."""

    verbs: list[str]
    not_next: str
    reach: int
    sentence_ends: str


class Durations(Lexicon):
    more: dict[str, Literal["gt"]]
    not_after: str
    era_words: list[str]
    trailing_per_words: list[str]
    false_friends: list[str]
    frequency_units: str
    frequency_not_next: str
    name_ends: list[str]
    name_reach: int
    name_breaks: str
    units: dict[str, DurationUnit]


class DatesLexicon(Lexicon):
    first_year: int
    last_year: int
    old_first_year: int
    two_digit_years: TwoDigitYears
    relative_years: dict[str, int]
    same_year: Words
    next_year: NextYear
    previous_year: Words
    school_years: SchoolYears
    generic_years: GenericYears
    generic_months: GenericMonths
    relative_months: dict[str, int]
    relative_quarters: dict[str, int]
    relative_days: dict[str, int]
    relative_days_context: Neighbours
    reported_speech: ReportedSpeech
    relative_weeks: dict[str, int]
    relative_context: Neighbours
    weeks: Weeks
    month_names: dict[str, int]
    year_parts: list[YearPart]
    month_parts: list[MonthPart]
    plans: dict[str, Plan]
    plan_context: PlanContext
    yearless: Yearless
    bare_day: BareDay
    unmarked_day: UnmarkedDay
    decades: Decades
    eras: dict[str, Era]
    ranges: Ranges
    recent: Recent
    around: Around
    relative_halves: dict[str, RelativeHalf]
    seasons: dict[str, Season]
    ago: Ago
    durations: Durations

    @field_validator("month_names")
    @classmethod
    def _months(cls, names: dict[str, int]) -> dict[str, int]:
        for name, month in names.items():
            if not 1 <= month <= 12:
                raise ValueError(f"month {name!r} = {month} is not 1–12")
        return names

    @model_validator(mode="after")
    def _plans_in_order(self) -> DatesLexicon:
        for name, plan in self.plans.items():
            if plan.first > plan.last:
                raise ValueError(f"plan {name!r}: {plan.first} is after {plan.last}")
        return self

    @model_validator(mode="after")
    def _parts_listed_once(self) -> DatesLexicon:
        for name, parts in (("year_parts", self.year_parts), ("month_parts", self.month_parts)):
            words = [w for part in parts for w in part.words]
            twice = sorted({w for w in words if words.count(w) > 1})
            if twice:
                raise ValueError(f"{name}: {twice} listed more than once")
        return self

    @model_validator(mode="after")
    def _relative_years_end_in_year(self) -> DatesLexicon:
        # a year part follows a relative year as it follows 2024年: 今年底, 明年上半年
        for word in [*self.relative_years, *self.same_year.words, *self.next_year.words]:
            if not word.endswith("年"):
                raise ValueError(f"relative year {word!r} does not end in 年")
        for word in [*self.next_year.after_separator, *self.previous_year.words]:
            if word not in self.relative_years:
                raise ValueError(f"next_year.after_separator, previous_year: {word!r} is no relative year")
        return self


DATES = load("dates.toml", DatesLexicon)


def tail_forms(word: str, lead: str) -> list[str]:
    """How a part word is written after its year or month: 年底 after 2024年 is 底 or
    年底 (2024年底, 今年年底); 上半年 stays 上半年."""
    return [word, word[len(lead) :]] if word.startswith(lead) else [word]


#: Every written form of a year part (上半年, 底, 年底 …) → the part.
YEAR_PARTS: dict[str, YearPart] = {
    form: part for part in DATES.year_parts for word in part.words for form in tail_forms(word, "年")
}
#: Every written form of a month part (下旬, 底, 月底 …) → the part.
MONTH_PARTS: dict[str, MonthPart] = {
    form: part for part in DATES.month_parts for word in part.words for form in tail_forms(word, "月")
}
