"""Clock and calendar arithmetic for the time kind: pure functions.

A clock reading (``ClockTime``) becomes ISO 8601 text (``T15:30``, ``2024-09-12T15:00``);
a day part shifts the hour (下午3点 → 15); holidays fall on a Gregorian day, a lunar day
(the table in ``times.toml``), the n-th weekday of a month or a solar term.

>>> lunar_day(2024, 1, 1)
datetime.date(2024, 2, 10)
>>> ClockTime(15, 30).iso()
'T15:30'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.quantities.times.lexicon import TIMES, ClockRule, Holiday


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A time of day; ``second`` is None when no seconds are written. Hour 24 is the end
    of the day (晚上12点)."""

    hour: int
    minute: int = 0
    second: int | None = None

    def iso(self, day: dt.date | None = None) -> str:
        """``T15:30``, ``T17:55:23``, or with its day ``2024-09-12T15:30``."""
        text = f"T{self.hour:02d}:{self.minute:02d}"
        if self.second is not None:
            text += f":{self.second:02d}"
        return day.isoformat() + text if day is not None else text


def shift_hour(hour: int, rule: ClockRule | None) -> int:
    """The 24-hour clock hour of ``hour`` said after a day part: 下午3点 → 15, 晚上12点 → 24,
    凌晨2点 → 2, 中午1点 → 13."""
    if rule == "pm" and 1 <= hour < 12:
        return hour + 12
    if rule == "noon" and hour < 11:
        return hour + 12
    if rule == "night":
        if 5 <= hour <= 11:
            return hour + 12
        if hour == 12:
            return 24
    return hour


def parse_hh_mm(text: str) -> ClockTime:
    """``"08:00"`` → ``ClockTime(8, 0)``."""
    hour, minute = text.split(":")
    return ClockTime(int(hour), int(minute))


def interval(first: str, last: str) -> str:
    """An ISO interval of two times of one (or no) day."""
    return f"{first}/{last}"


# --- the lunar calendar --------------------------------------------------------------

def _month_lengths(year: int) -> tuple[dt.date, list[int], int] | None:
    entry = TIMES.lunar.get(year)
    if entry is None:
        return None
    new_year, bits, leap, _ = entry
    return dt.date.fromisoformat(f"{year}-{new_year}"), [30 if b == "1" else 29 for b in bits], leap


def lunar_day(year: int, month: int, day: int, *, leap: bool = False) -> dt.date | None:
    """The Gregorian day of lunar ``year``-``month``-``day`` (day 0 is the eve of day 1:
    除夕 is lunar 01-00), or None outside 1900–2100 or for a day the month lacks."""
    table = _month_lengths(year)
    if table is None or not 1 <= month <= 12:
        return None
    start, lengths, leap_month = table
    if leap and month != leap_month:
        return None
    index = month - 1 + (1 if leap_month and (month > leap_month or leap) else 0)
    if day > lengths[index]:
        return None
    return start + dt.timedelta(days=sum(lengths[:index]) + day - 1)


# --- holidays --------------------------------------------------------------------------

def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def holiday_day(holiday: Holiday, year: int) -> dt.date | None:
    """The day ``holiday`` falls on in ``year`` (None when the calendar table lacks it)."""
    if holiday.date is not None:
        return dt.date.fromisoformat(f"{year}-{holiday.date}")
    if holiday.lunar is not None:
        month, day = (int(p) for p in holiday.lunar.split("-"))
        return lunar_day(year, month, day)
    if holiday.weekday is not None:
        month, weekday, n = (int(p) for p in holiday.weekday.split("-"))
        return _nth_weekday(year, month, weekday, n)
    entry = TIMES.lunar.get(year)  # 清明: its April day is kept with the lunar year
    return dt.date(year, 4, entry[3]) if entry is not None else None


def weekday_of(ref: dt.date, weekday: int, weeks: int = 0) -> dt.date:
    """The ISO ``weekday`` (1–7) of the week holding ``ref``, ``weeks`` later."""
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=weeks)
    return monday + dt.timedelta(days=weekday - 1)
