"""Durations: 3年 → ``P3Y``, 一个半月 → ``P1M15D``, 1个多小时 → ``PT1H`` (gt), 45岁 → ``P45Y``,
3-5年 → a range (value None, low 3, high 5, unit ``Y``), 3年6个月 → ``P3Y6M``.

The engine adds the hedges written around a duration (约, 超过, 以上); those written
inside it (两年多, 10余年, 十来天) are read here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pipeline.quantities.base import Candidate
from pipeline.quantities.dates import patterns as P
from pipeline.quantities.dates.calendar import DESIGNATOR_ORDER, duration_parts, duration_value
from pipeline.quantities.dates.lexicon import DATES, DurationUnit
from pipeline.quantities.kinds import KINDS, PER_WORD, range_end
from pipeline.quantities.lexicon import HEDGES
from pipeline.text.numerals import (
    ORDINARY_DIGITS,
    ORDINARY_UNITS,
    YEAR_DIGITS,
    ZERO_CHARS,
    NumeralError,
    adjacent_pair,
    parse_number,
    read_digits,
)
from pipeline.text.regex import alternation

PRIORITY = 3
_ZERO_LEAD = "0" + ZERO_CHARS
_NOT_BEFORE = {
    name: re.compile("|".join(re.escape(w) for w in unit.not_before)) if unit.not_before else None
    for name, unit in DATES.durations.units.items()
}
_ONLY_BEFORE = {
    name: re.compile("|".join(
        [re.escape(w) for w in unit.only_before]
        + ([rf"[{P.NUMBER_CHARS}]+(?:{alternation(unit.only_before_number)})"] if unit.only_before_number else [])))
    if unit.only_before or unit.only_before_number else None
    for name, unit in DATES.durations.units.items()
}


_RANGE_GAP_RE = re.compile(P.SEPARATOR)
#: what a duration is the time of, after a slash, as a rate's per (发车间隔5分钟/趟: per 趟);
#: no numeral nor 每 (半年/一年, 5天/每天8小时 are two readings side by side)
_PER_RE = re.compile(rf" ?/ ?(?![{ORDINARY_DIGITS}{ORDINARY_UNITS}每])(?P<per>{PER_WORD})")
#: ... or after 一 or 每, outside the span (15分钟一趟, 4-5分钟每趟: per 趟), a hedge of the
#: duration perhaps between, inside the span (10分钟左右一趟: approx)
_TRAILING_PER_RE = re.compile(
    rf"(?P<hedge>{alternation(HEDGES.suffix)})?"
    rf"(?:{alternation(KINDS.shared.trailing_per_marks)})(?P<per>{alternation(DATES.durations.trailing_per_words)})"
)
_CODE_DIGITS_RE = re.compile(P.CODE_DIGITS)
#: three digits of a year before 年 and a month and a day after it: a date's year with a digit
#: lost (209年3月12日), no duration of 209 years; 有效期3年3月5日起 keeps its 3 years
_SHORT_YEAR_RE = re.compile(r"[12][0-9]{2}")
_MONTH_DAY_AFTER_RE = re.compile(r"[0-9]{1,2}月[0-9]{1,2}[日号]")
_ERA_RE = re.compile(f"(?:{alternation(DATES.durations.era_words)})$")
_LAP_AFTER = {
    name: re.compile(f"(?:{alternation(unit.lap_after)}).{{0,2}}$") if unit.lap_after else None
    for name, unit in DATES.durations.units.items()
}


def is_numeral(text: str) -> bool:
    """True when a loosely matched run of numeral characters is one numeral (not 3.年, 1,5)."""
    return P.NUMBER_RE.fullmatch(text) is not None


def is_year(number: str) -> bool:
    """2024 or 二○一六: a number that, before 年, is a calendar year."""
    if len(number) != 4:
        return False
    if number.isascii():
        return number.isdigit() and DATES.first_year <= int(number) <= DATES.last_year
    if not all(c in YEAR_DIGITS for c in number):
        return False
    return DATES.first_year <= year_of(number) <= DATES.last_year


def year_of(digits: str) -> int:
    """二○一六 → 2016, read digit by digit (二O一六 and 二0一六 too)."""
    value = read_digits(digits)
    if value is None:
        raise NumeralError(f"{digits!r} is not a year written digit by digit")
    return value


def zero_led(number: str) -> bool:
    """00000000, 07, 零八: a code or a two-digit year, never a count of years."""
    return number[0] in _ZERO_LEAD and number[1:2] not in ("", ".", "点")


def interpret(m: re.Match[str], text: str) -> Candidate | None:
    """The duration ``RE_DURATION`` matched, or None when the words around refuse it."""
    name = m["u"]
    unit = DATES.durations.units[name]
    after = m.end("u")
    refused = _NOT_BEFORE[name]
    if refused is not None and refused.match(text, after):
        return None  # 三年级, 八十年代, 70周年
    needed = _ONLY_BEFORE[name]
    if needed is not None and not needed.match(text, after):
        return None  # 5日 alone is a day of the month
    if (unit.classifier == "never" and m["cls"]) or (
            unit.classifier == "required" and not m["cls"] and not unit.bare_at(text, after, m.start("n"))):
        return None
    half = bool(m["half"]) or m["post"] == "半"
    if half and (unit.half is None or (m["half"] and (not m["cls"] or m["post"] == "半"))):
        return None
    n_text, n2_text = m["n"], m["n2"]
    if m["space"] and not (n_text.isascii() and n2_text is None):
        return None  # 6 天 but not 三 年
    if n_text == "半":
        if n2_text or half or m["more"] or unit.half is None:
            return None
        return _candidate(m, _with_half({}, unit))
    if "半" in n_text or (n2_text and "半" in n2_text):
        return None
    if not is_numeral(n_text) or (n2_text is not None and not is_numeral(n2_text)) or zero_led(n_text):
        return None
    if name == "年" and (is_year(n_text) or (n2_text is not None and is_year(n2_text))):
        return None  # 2024年 is a date, 2014-2016年 a period
    if name == "年" and _CODE_DIGITS_RE.match(n_text):
        return None  # 电话：8251931.2018年12月21日: a phone, then a date; no 8251931 years
    if name == "年" and _SHORT_YEAR_RE.fullmatch(n_text) and _MONTH_DAY_AFTER_RE.match(text, after):
        return None  # 209年3月12日: a date with its year mistyped, not 209 years
    if name == "年" and _ERA_RE.search(text, max(0, m.start() - 3), m.start()):
        return None  # 公元前202年: a year of an era
    lap = _LAP_AFTER[name]
    if lap is not None and lap.search(text, max(0, m.start() - 3), m.start()):
        return None  # 绕湖一周: a circuit
    pair = adjacent_pair(n_text) if n2_text is None else None
    try:
        low = pair[0] if pair else parse_number(n_text)
        high = pair[1] if pair else (parse_number(n2_text) if n2_text else None)
    except NumeralError:
        return None
    if high is None:
        parts: dict[str, Decimal] = {unit.designator: low}
        return _candidate(m, _with_half(parts, unit) if half else parts)
    if high <= low or half or m["more"] or m["more2"] or m["post"]:
        return None
    cand = _candidate(m, {})
    cand.low, cand.high, cand.unit = low, high, unit.designator
    cand.end = range_end(text, cand.end)  # 3至4岁之间: 之间 inside, as 8至12个之间
    cand.qualifier = "approx" if pair else "exact"
    return cand


def _with_half(parts: dict[str, Decimal], unit: DurationUnit) -> dict[str, Decimal]:
    assert unit.half is not None
    key = unit.half.designator
    return {**parts, key: parts.get(key, Decimal(0)) + unit.half.amount}


def _candidate(m: re.Match[str], parts: dict[str, Decimal]) -> Candidate:
    more = m["more"] or m["more2"] or (m["post"] if m["post"] == "多" else None)
    number_end = m.end("n2") if m["n2"] else m.end("n")
    return Candidate(
        start=m.start(), end=m.end(), type="duration",
        value=duration_value(parts) if parts else None,
        qualifier=DATES.durations.more[more] if more else "exact",
        number_text=m.string[m.start("n") : number_end], unit_text=(m["cls"] or "") + m["u"],
        priority=PRIORITY, core_start=m.start("n"), core_end=number_end,
    )


def take_per(a: Candidate, text: str) -> None:
    """Widen the duration ``a`` over the per after its slash, as a rate's span takes its per;
    a per said after 一 or 每 is held while the engine resolves and left out of the span, a
    hedge before it kept in the span and read here, as the engine's hedges look after the per.

    >>> a = Candidate(start=0, end=3, type="duration", value="PT5M")
    >>> take_per(a, "5分钟/趟，"); a.end, a.per
    (5, '趟')
    >>> c = Candidate(start=0, end=3, type="duration", value="PT5M")
    >>> take_per(c, "5分钟一趟，"); c.end, c.shown_end, c.per
    (5, 3, '趟')
    >>> h = Candidate(start=0, end=4, type="duration", value="PT10M")
    >>> take_per(h, "10分钟左右一趟，"); h.end, h.shown_end, h.per, h.qualifier
    (8, 6, '趟', 'approx')
    >>> b = Candidate(start=0, end=2, type="duration", value="P6M")
    >>> take_per(b, "半年/一年"); b.end, b.per
    (2, None)
    """
    if text.startswith(("/", " /"), a.end) and (m := _PER_RE.match(text, a.end)) is not None:
        a.end, a.per = m.end(), m["per"]
    elif (m := _TRAILING_PER_RE.match(text, a.end)) is not None:
        a.shown_end, a.end, a.per = a.end, m.end(), m["per"]  # 15分钟一趟: per 趟, span 15分钟
        if m["hedge"] is not None:
            a.shown_end = m.end("hedge")  # 10分钟左右一趟: span 10分钟左右
            if a.qualifier == "exact":
                a.qualifier = HEDGES.suffix[m["hedge"]]


def join_range(a: Candidate, b: Candidate, text: str) -> bool:
    """Make ``a`` the range from ``a`` to ``b`` when both are whole numbers of one unit joined
    by a range separator: 35岁—64岁, 3个月至6个月 (as 35-64岁 is); or of two units one a whole
    multiple of the other, read in the smaller (6个月至1年 is 6 to 12 months)."""
    if a.value is None or b.value is None or a.qualifier != "exact" or b.qualifier != "exact":
        return False
    if not _RANGE_GAP_RE.fullmatch(text, a.end, b.start):
        return False
    left_parts, right_parts = duration_parts(a.value), duration_parts(b.value)
    if len(left_parts) != 1 or len(right_parts) != 1:
        return False
    left, right = _in_one_unit(left_parts[0], right_parts[0])
    if left[0] != right[0] or left[1] >= right[1]:
        return False
    a.low, a.high, a.unit, a.value = left[1], right[1], left[0], None
    a.end = range_end(text, b.end)  # 3岁至4岁之间, as 8至12个之间
    a.number_text = text[a.core_start : b.core_end]
    a.core_end, a.unit_text = b.core_end, None
    return True


#: Units one of which is a whole number of the other: a year is 12 months, a week 7 days.
_MULTIPLES = {("Y", "M"): 12, ("W", "D"): 7}


_Amount = tuple[str, Decimal]  # a designator and its number


def _in_one_unit(left: _Amount, right: _Amount) -> tuple[_Amount, _Amount]:
    """Both amounts in the smaller unit when the larger is a whole multiple of it."""
    (lu, ln), (ru, rn) = left, right
    if (ru, lu) in _MULTIPLES:
        return left, (lu, rn * _MULTIPLES[ru, lu])
    if (lu, ru) in _MULTIPLES:
        return (ru, ln * _MULTIPLES[lu, ru]), right
    return left, right


def extend(a: Candidate, b: Candidate, text: str) -> bool:
    """Extend ``a`` by ``b`` when they are parts of one duration: 3年6个月, 8天又20小时."""
    if a.value is None or b.value is None or not P.RE_COMPOUND_GAP.fullmatch(text, a.end, b.start):
        return False
    left, right = dict(duration_parts(a.value)), dict(duration_parts(b.value))
    smallest_left = max(DESIGNATOR_ORDER.index(d) for d in left)
    largest_right = min(DESIGNATOR_ORDER.index(d) for d in right)
    if smallest_left >= largest_right:
        return False
    a.value = duration_value({**left, **right})
    a.end, a.core_end = b.end, b.core_end
    a.unit_text = None
    if b.qualifier != "exact":
        a.qualifier = b.qualifier
    return True
