"""Calendar arithmetic and ISO 8601 text for the temporal kind: pure functions.

>>> period_value(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
'2024-01-01/2024-06-30'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache

from pipeline.text.numerals import format_decimal

#: ISO 8601 order of the designators; MIN is written M after the T.
_DATE_DESIGNATORS = ("Y", "M", "W", "D")
_TIME_DESIGNATORS = (("H", "H"), ("MIN", "M"), ("S", "S"))
#: Largest unit first: a compound duration is written in this order (3年6个月).
DESIGNATOR_ORDER = ("Y", "M", "W", "D", "H", "MIN", "S")
_ISO_PART = re.compile(r"(?P<n>[0-9.]+)(?P<d>[YMWDHS])")


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def day_in(year: int, month: int, day: int) -> dt.date:
    """The date, with a day past the month's end (31 in June) meaning its last day."""
    return dt.date(year, month, min(day, last_day(year, month)))


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """``(2024, 1)`` shifted by −2 months is ``(2023, 11)``."""
    y, m = divmod(year * 12 + month - 1 + months, 12)
    return y, m + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, kept inside a shorter month (3月31日 − 1 month = 2月28/29日)."""
    y, m = shift_month(day.year, day.month, months)
    return day_in(y, m, day.day)


def date_value(first: dt.date, precision: str) -> str:
    """ISO text of a date of the precision written: ``2024``, ``2024-06``, ``2024-06-05``."""
    if precision == "Y":
        return f"{first.year:04d}"
    if precision == "M":
        return f"{first.year:04d}-{first.month:02d}"
    return first.isoformat()


def period_value(first: dt.date, last: dt.date) -> str:
    """ISO interval of inclusive days."""
    return f"{first.isoformat()}/{last.isoformat()}"


def duration_value(parts: Mapping[str, Decimal]) -> str:
    """ISO 8601 duration: ``{"M": 1, "D": 15}`` → ``P1M15D``; ``{"H": 1}`` → ``PT1H``."""
    date = "".join(f"{format_decimal(parts[d])}{d}" for d in _DATE_DESIGNATORS if d in parts)
    time = "".join(f"{format_decimal(parts[d])}{iso}" for d, iso in _TIME_DESIGNATORS if d in parts)
    return "P" + date + (f"T{time}" if time else "")


@cache
def duration_parts(value: str) -> tuple[tuple[str, Decimal], ...]:
    """The inverse of :func:`duration_value`: ``PT1H30M`` → ``(("H", 1), ("MIN", 30))``."""
    date, _, time = value.removeprefix("P").partition("T")
    parts = [(m["d"], Decimal(m["n"])) for m in _ISO_PART.finditer(date)]
    parts += [("MIN" if m["d"] == "M" else m["d"], Decimal(m["n"])) for m in _ISO_PART.finditer(time)]
    return tuple(parts)


def day_exact(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the month has no such day (2019年2月29日); 31 means the last day."""
    if day == 31:
        return day_in(year, month, day)
    return dt.date(year, month, day) if day <= last_day(year, month) else None


def week_of(day: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week ``weeks`` after the one holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=weeks)
    return monday, monday + dt.timedelta(days=6)


def back_from(ref: dt.date, designator: str, amount: int) -> dt.date:
    """``ref`` minus ``amount`` units (Y, M, W, D)."""
    if designator == "Y":
        return add_months(ref, -12 * amount)
    if designator == "M":
        return add_months(ref, -amount)
    if designator == "W":
        return ref - dt.timedelta(weeks=amount)
    return ref - dt.timedelta(days=amount)
