"""Dates, periods and durations: 2024年9月12日, 2024年上半年, “十四五”, 近三年, 3个月.

Find → interpret → record. Each written form has its regex (``dates.patterns``) and its
interpreter: a duration becomes a :class:`Candidate` at once (``dates.durations``:
``3个月`` → ``P3M``); a date or period becomes an ``Atom`` whose year may still be open
(``dates.forms``: ``9月8日``). Overlapping readings keep the longest; atoms are then
resolved in text order — an open year comes from an earlier date of the same sentence,
else from the reference date: its nearest occurrence before it, or after it in a planned
clause (将于9月26日) — and two dates joined by 至/到/- become one period
(``2015年3月-2019年9月``), as the parts of a duration become one (``3年6个月``). A day
without its month (``于29日``) takes the month of the sentence's last date, else the
reference date's. The forms Recognizers-Text reports that a reply rarely means (``12号``,
``3-7-2017``, ``前1周``) are read by :mod:`pipeline.compat.recognizers.dates` with
:func:`find_with`.

>>> [c.value for c in find("2024年上半年", Context())]
['2024-01-01/2024-06-30']
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable, Collection, Iterator, Sequence

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.dates import durations, forms
from pipeline.quantities.dates import patterns as P
from pipeline.quantities.dates.calendar import date_value, day_exact, day_in, last_day, period_value
from pipeline.quantities.dates.forms import MAX_DAYS, PERIOD_PRIORITY, Atom, Point, Span
from pipeline.quantities.dates.lexicon import DATES, MONTH_PARTS, YEAR_PARTS
from pipeline.spans import keep_best
from pipeline.text.clause import future_cue, sentence_bounds
from pipeline.text.regex import alternation
from pipeline.text.scan import Hits, SharedScan

Item = Atom | Candidate
Interpreter = Callable[[re.Match[str], str], Item | None]
NOTHING: frozenset[str] = frozenset()
_LONG_DIGITS_BEFORE_RE = re.compile(rf"{P.CODE_DIGITS}$")
#: How far after the reference date a yearless date of a past clause keeps its year.
_PAST_SLACK = dt.timedelta(days=DATES.yearless.past_slack_days)
#: How far before it a yearless date of a planned clause keeps its year (the status reads the same week).
PLANNED_SLACK = dt.timedelta(days=DATES.yearless.planned_slack_days)
_ANY_YEAR_RE = re.compile(r"年|[0-9]{4}")  # 2018年, 今年, 同年, 18年, 2018-09-14
_EVERY_YEAR_RE = re.compile(alternation(DATES.yearless.every_year))
_TIMETABLE_RE = re.compile(rf"(?:{alternation(DATES.yearless.timetables)})(?:时间)?[（(][^（）()]{{0,12}}$")
_TIMETABLE_REACH = 24
_RESTATING_RE = re.compile(rf"(?:{alternation(DATES.yearless.restating)})$")

#: Each form: its regex, the characters it may not follow, and what it means.
Form = tuple[re.Pattern[str], Collection[str], Interpreter]
FORMS: tuple[Form, ...] = (
    (P.RE_YEAR_DATE, P.YEAR_NOT_AFTER, forms.year_date),
    (P.RE_CN_YEAR_DATE, P.CN_YEAR_NOT_AFTER, forms.cn_year_date),
    (P.RE_REL_YEAR_DATE, P.REL_NOT_AFTER, forms.rel_year_date),
    (P.RE_MONTH, P.MONTH_NOT_AFTER, forms.bare_month),
    (P.RE_NUMERIC, P.NUMERIC_NOT_AFTER, forms.numeric),
    (P.RE_TWO_DIGIT_YEAR, P.TWO_DIGIT_NOT_AFTER, forms.two_digit_year),
    (P.RE_ERA, NOTHING, forms.era_year),
    (P.RE_DECADE, NOTHING, forms.decade),
    (P.RE_BARE_DAY, NOTHING, forms.bare_day),
    (P.RE_YEAR_RANGE, P.YEAR_NOT_AFTER, forms.year_range),
    (P.RE_SCHOOL_YEAR, P.YEAR_NOT_AFTER, forms.school_year),
    (P.RE_BARE_PART, P.BARE_PART_NOT_AFTER, forms.bare_part),
    (P.RE_QUOTED_PLAN, NOTHING, forms.plan),
    (P.RE_PLAN, P.PLAN_NOT_AFTER, forms.plan),
    (P.RE_REL_DAY, P.REL_DAY_NOT_AFTER, forms.rel_day),
    (P.RE_REL_MONTH, P.REL_NOT_AFTER, forms.rel_month),
    (P.RE_REL_QUARTER, P.REL_NOT_AFTER, forms.rel_quarter),
    (P.RE_REL_WEEK, P.REL_NOT_AFTER, forms.rel_week),
    (P.RE_RECENT, NOTHING, forms.recent),
    (P.RE_AGO, NOTHING, forms.ago),
    (P.RE_DURATION, NOTHING, durations.interpret),
)

def find(text: str, ctx: Context) -> Iterator[Candidate]:
    """Every date, period and duration in the normalised ``text``, without overlaps."""
    return find_with(text, ctx, FORMS, keep_invalid=False, by_tense=True)


def find_with(text: str, ctx: Context, forms_: Sequence[Form], *, keep_invalid: bool,
              by_tense: bool = False) -> Iterator[Candidate]:
    """The readings of ``forms_`` in ``text``; ``keep_invalid`` keeps a day the calendar lacks
    (2019年2月29日) as an unresolved date instead of dropping it; ``by_tense`` gives a date
    without a year its nearest occurrence before or after the reference date by the tense of
    its clause (else the reference year, as Recognizers-Text reports it)."""
    found = _longest_first(list(_scan(text, forms_)), len(text))
    _resolve_years(found, text, ctx, by_tense)
    if keep_invalid:
        for item in found:
            if isinstance(item, Atom) and not item.valid and not item.generic:  # 2月30日: RT reports it, unresolved
                item.valid, item.resolved, item.span = True, False, None
    for item in _join(found, text, ctx):
        yield item if isinstance(item, Candidate) else _record(item)


#: The forms' patterns with the false friends and rhythms, one shared scan per tuple of forms,
#: keyed by the patterns' identities: a compiled pattern's hash reads its whole compiled code
#: (~100 µs for the 23 forms, at every text), and the entry keeps the patterns, so no id is reused.
_SCANS: dict[tuple[int, ...], tuple[tuple[re.Pattern[str], ...], SharedScan]] = {}


def _shared_scan(forms_: Sequence[Form]) -> SharedScan:
    patterns = tuple(pattern for pattern, _, _ in forms_)
    known = _SCANS.get(key := tuple(map(id, patterns)))
    if known is None:
        known = _SCANS[key] = (patterns, SharedScan([P.RE_FALSE_FRIEND, P.RE_FREQUENCY, *patterns]))
    return known[1]


def _scan(text: str, forms_: Sequence[Form]) -> Iterator[Item]:
    hits = _shared_scan(forms_).hits(text)
    friends = [m.span() for m in hits.finditer(0)]
    rhythms = [m.span() for m in hits.finditer(1)]
    for k, (_, not_after, interpret) in enumerate(forms_):
        for m in _matches(hits, k + 2, not_after, text):
            item = interpret(m, text)
            if item is None:
                continue
            if friends and isinstance(item, Candidate) and any(a < item.end and item.start < b for a, b in friends):
                continue  # 一年四季
            if rhythms and any(a < item.end and item.start < b for a, b in rhythms):
                continue  # 一天一拉, 三月一点评
            yield item


def _matches(hits: Hits, i: int, not_after: Collection[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of pattern ``i`` of the scan that do not follow a character of
    ``not_after``; after one that does, the search goes on from its second character
    (星期一到十月一日: not 一到十月, but 十月一日); a character making a word only with some
    first characters blocks only those (之前天, not 加之今年6月底)."""
    pos = 0
    while (m := hits.search(i, pos)) is not None:
        start = m.start()
        if (start and text[start - 1] in not_after and not _full_stop(text, start - 1)
                and text[start] in P.REL_ONLY_BEFORE.get(text[start - 1], text[start])):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


def _full_stop(text: str, at: int) -> bool:
    """The ``.`` at ``at`` ends a sentence (出行平安.2019年9月24日): a word before it, or a
    phone or a code of five digits or more (电话：8251931.2018年12月21日), not a short number
    (3.2019 is a decimal, 2.2019年 an item number)."""
    if text[at] != "." or at == 0:
        return False
    return "\u4e00" <= text[at - 1] <= "\u9fff" or _LONG_DIGITS_BEFORE_RE.search(text, max(0, at - 6), at) is not None


def _longest_first(items: list[Item], size: int) -> list[Item]:
    """Of overlapping readings keep the longest, then the higher priority (as the engine does)."""
    return keep_best(items, size, lambda c: (c.start - c.end, -c.priority, c.start))


def _resolve_years(items: list[Item], text: str, ctx: Context, by_tense: bool) -> None:
    """Give each atom its days; an open year comes from the sentence, else the reference."""
    last_year: int | None = None  # of the last date in this sentence
    last_month: dt.date | None = None  # its last day, for a day without its month (至29日)
    text_year: int | None = None  # of the last date anywhere before
    last_end = 0
    lent = False  # last_year was guessed from a clause's tense (9月26日), not written
    closings = _closing_days(items, text)
    for atom in items:
        if not isinstance(atom, Atom) or atom.generic or atom.yearly:
            continue
        guessed = False  # its year read from the tense of its clause
        if last_year is not None and P.RE_SENTENCE_END.search(text, last_end, atom.start):
            last_year = last_month = None
        if atom.from_ref is not None:
            atom.span = _from_ref(atom, ctx)
        elif atom.day_only is not None:
            month = last_month or ctx.ref_date
            day = None
            if month is not None and atom.day_only <= last_day(month.year, month.month):
                day = dt.date(month.year, month.month, atom.day_only)
            if month is not None and day is None:  # 31日 in April
                atom.valid = False
                continue
            atom.span = (day, day) if day is not None else None
        elif atom.first is not None and atom.last is not None:
            before = text_year if atom.follows else last_year
            if atom.after_year and ctx.ref_date is not None:  # 次年3月: the year after the one before
                before = (ctx.ref_date.year if before is None else before) + atom.after_year
            if lent and not P.RE_RANGE_GAP.fullmatch(text, last_end, atom.start):
                before = None  # a guessed year goes only to the other end of its range (5月-10月)
            y1 = _year(atom.first, ctx, before)
            y2 = _year(atom.last, ctx, before)
            if y1 is not None and y2 is not None:
                if _yearless(atom) and _TIMETABLE_RE.search(text, max(0, atom.start - _TIMETABLE_REACH), atom.start):
                    atom.yearly = True  # 夏令时(7月至10月), 冬令时(10月至来年7月): every year's timetable
                    continue
                if by_tense and before is None and _yearless(atom) and _every_year_at_all(atom, text):
                    atom.yearly = True  # 每年组织两次体检，上半年是…: every year's first half, a set
                    continue
                if by_tense and before is None and _yearless(atom):
                    k = bisect_right(closings, atom.start, key=lambda c: c[0])  # the next one
                    signed = closings[k][1] if k < len(closings) else None
                    y1, y2 = _nearest_year(atom, y1, y2, text, ctx, signed)
                    guessed = True
                elif (by_tense and before is not None and not atom.follows and _yearless(atom)
                      and _past_beyond_ref(atom, y1, y2, text, ctx, last_month)
                      and not P.RE_RANGE_GAP.fullmatch(text, last_end, atom.start)):
                    y1, y2 = y1 - 1, y2 - 1  # 2018年1月16日…按12月18日协议: the December before
                span = _days(atom, y1, y2)
                if span is None:
                    atom.valid = False
                    continue
                atom.span = span
        if atom.resolved:  # False from the start for a form without days (最近, 雍正二十三年)
            atom.resolved = atom.span is not None
        if atom.span is not None:
            last_year = text_year = atom.span[1].year
            last_month = atom.span[1]
            lent = guessed
            last_end = atom.end


def _closing_days(items: list[Item], text: str) -> list[tuple[int, dt.date]]:
    """Where each day written with its year that opens a sentence stands, and the day (a reply's
    closing date: …饮水安全！2019年3月7日网友您好), in text order."""
    found = []
    for atom in items:
        if (isinstance(atom, Atom) and atom.precision == "D" and atom.first is not None
                and atom.first.year is not None and atom.first == atom.last and atom.start
                and P.RE_SENTENCE_END.match(text, atom.start - 1)):
            day = day_exact(atom.first.year, atom.first.month, atom.first.day)
            if day is not None:
                found.append((atom.start, day))
    return found


def _yearless(atom: Atom) -> bool:
    """A month or day written without any year (9月26日, 10月), not a part of a year (上半年)."""
    points = (atom.first, atom.last)
    return atom.by_year is None and all(
        p is not None and p.year is None and p.yy is None and p.shift is None for p in points)


def without_year(surface: str) -> bool:
    """A date or period written with no year of any kind (9月14日, 7月11日至25日), whose year
    the finder reads from the tense of its clause."""
    return _ANY_YEAR_RE.search(surface) is None


def _nearest_year(atom: Atom, y1: int, y2: int, text: str, ctx: Context,
                  signed: dt.date | None = None) -> tuple[int, int]:
    """The years of a date written without one: its nearest occurrence before the reference
    date in a past or present clause, after it in a planned one (将于9月26日, 计划10月1日),
    as dateparser's ``PREFER_DATES_FROM``; but one up to ``past_slack_days`` after the reference
    date keeps its year in a past clause, one up to ``planned_slack_days`` before it in a planned
    one (dates.toml ``[yearless]``). The clause is read as the status reads it
    (:mod:`pipeline.text.clause`). A planned date on or after the day ``signed`` that next
    closes a sentence with its year written (the date of its own reply in a thread of replies
    dated by the last one) keeps that year: 3月7日召开会议…确保在3月25日前完成。2019年3月7日
    in a text dated 2019-04-22 is that March, not the next.

    >>> ctx = Context(ref_date=dt.date(2018, 3, 12))
    >>> [c.value for c in find("9月26日召开", ctx)], [c.value for c in find("将于1月5日召开", ctx)]
    (['2017-09-26'], ['2019-01-05'])
    """
    ref = ctx.ref_date
    span = _days(atom, y1, y2)
    if ref is None or span is None or every_year(text, atom.start, atom.end):
        return y1, y2  # 每年…在12月中旬申报: the scheme's date in the reference year
    if future_cue(text, atom.start, atom.end) is not None:
        own_reply = signed is not None and signed.year == span[0].year and signed <= span[0]
        shift = 1 if span[1] < ref - PLANNED_SLACK and not own_reply else 0
    else:
        shift = -1 if span[0] > ref + _PAST_SLACK else 0
    return y1 + shift, y2 + shift


def _every_year_at_all(atom: Atom, text: str) -> bool:
    """A date without its year in a sentence that says what is done every year, in no planned
    clause (每年都会组织两次体检，上半年是社区来园体检): the date of every year, no one year. In a
    planned clause it is the next one (每年申报一次，将在12月中旬上报: that December)."""
    return (every_year(text, atom.start, atom.end) and future_cue(text, atom.start, atom.end) is None
            and _RESTATING_RE.search(text, max(0, atom.start - 2), atom.start) is None)


def _past_beyond_ref(atom: Atom, y1: int, y2: int, text: str, ctx: Context, lender: dt.date | None) -> bool:
    """A date without its year that took the year of a past date before it in its sentence
    (``lender``, up to the reference date), yet falls more than ``past_slack_days`` after the
    reference date in a clause with no cue of a plan: the occurrence a year earlier
    (2018年1月16日召开协调会，按12月18日协议保持不变 in a reply of January 2018: the agreement of
    December 2017). Not after a future year (2018年在规定时间内（4月1日前） in a reply of 2017),
    nor the end of a range (2018年1月至12月), which the caller leaves alone."""
    ref = ctx.ref_date
    span = _days(atom, y1, y2)
    return (ref is not None and span is not None and lender is not None and lender <= ref
            and span[0] > ref + _PAST_SLACK and future_cue(text, atom.start, atom.end) is None)


def every_year(text: str, start: int, end: int) -> bool:
    """The sentence of ``text[start:end]`` says what is done every year (每年的腊月三十…)."""
    lo, hi = sentence_bounds(text, start, end)
    return _EVERY_YEAR_RE.search(text, lo, hi) is not None


def _days(atom: Atom, y1: int, y2: int) -> Span | None:
    """The first and last day of ``atom`` once its years are known (None: the calendar lacks one)."""
    assert atom.first is not None and atom.last is not None
    if atom.by_year is not None:
        try:
            return atom.by_year(y1)
        except ValueError:  # the 53rd week of a year of 52
            return None
    first = day_exact(y1, atom.first.month, atom.first.day)
    last = day_exact(y2, atom.last.month, atom.last.day)
    return None if first is None or last is None else (first, last)


def _from_ref(atom: Atom, ctx: Context) -> Span | None:
    assert atom.from_ref is not None
    if ctx.ref_date is None:
        return None
    try:
        return atom.from_ref(ctx.ref_date)
    except (ValueError, OverflowError):  # 5000年前 leaves the calendar
        atom.valid = False
        return None


def _year(point: Point, ctx: Context, year_before: int | None) -> int | None:
    if point.year is not None:
        return point.year
    if point.yy is not None:
        return forms.century_year(point.yy, ctx.ref_date.year) if ctx.ref_date else None
    if point.shift is not None:
        return ctx.ref_date.year + point.shift if ctx.ref_date else None
    if year_before is not None:
        return year_before
    return ctx.ref_date.year if ctx.ref_date else None


def _join(items: list[Item], text: str, ctx: Context) -> Iterator[Item]:
    """2014年－2016年, 8月1日至31日, 2018年至今: one period from two ends; 3年6个月: one
    duration from its parts."""
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        i += 1
        if isinstance(a, Candidate):
            while isinstance(b, Candidate) and (durations.extend(a, b, text) or durations.join_range(a, b, text)):
                i += 1
                b = items[i] if i < len(items) else None
            durations.take_per(a, text)  # 5分钟/趟
            yield a
        elif not a.valid:
            continue
        elif a.yearly:
            window = _yearly_window(a, items, i, text)
            if window is not None:
                i = window[1]
            yield a if window is None else window[0]
        elif isinstance(b, Atom) and b.valid and _range_gap(text, a, b) and _in_order(a, b):
            span = (a.span[0], b.span[1]) if a.span is not None and b.span is not None else None
            yield Atom(a.start, b.end, "period", span=span, resolved=a.resolved and b.resolved,
                       number_text=a.number_text, priority=PERIOD_PRIORITY)
            i += 1
        else:
            yield _open_end(a, text, ctx)


def _yearly_window(a: Atom, items: list[Item], i: int, text: str) -> tuple[Atom, int] | None:
    """A month or day of every year joined to a later one of every year (夏令时(7月至10月)) or to
    one of the year after (当年的10月至次年的2月底, in a rule of every year): one window of every
    year, and the index after its end."""
    b = items[i] if i < len(items) else None
    if isinstance(b, Atom) and b.generic:  # 次年 of 次年的2月底, read alone as a rule's year
        i += 1
        b = items[i] if i < len(items) else None
    if not isinstance(b, Atom) or not b.valid or a.first is None or b.first is None or b.last is None:
        return None
    gap = P.RE_RANGE_GAP.fullmatch(text, a.end, b.start)
    wraps = (b.first.month, b.first.day) < (a.first.month, a.first.day) and bool(
        P.RE_YEARLY_WRAP_GAP.fullmatch(text, a.end, b.start)  # 至次年的2月底
        or (gap and b.after_year == 1))  # 至次年2月底, 至来年7月
    if not (wraps or (gap and b.yearly)):
        return None
    window = Atom(a.start, b.end, "period", first=a.first, last=b.last, number_text=a.number_text,
                  yearly=True, priority=PERIOD_PRIORITY)
    return window, i + 1


def _range_gap(text: str, a: Atom, b: Atom) -> bool:
    """Whether the words between ``a`` and ``b`` join them into one period: a separator, perhaps
    after 起 (自2015年9月1日起至2030年8月31日止), but not 起 before a deadline (起到…之前)."""
    gap = P.RE_RANGE_GAP.fullmatch(text, a.end, b.start)
    return gap is not None and not (gap["from"] and P.RE_DEADLINE.match(text, b.end))


def _in_order(a: Atom, b: Atom) -> bool:
    return a.span is None or b.span is None or a.span[0] <= b.span[1]


def _open_end(a: Atom, text: str, ctx: Context) -> Atom:
    """A date followed by a second day (至31日), a part of its year or month that ends after
    it (至年底, 至月底) or 至今 becomes a period."""
    tail = P.RE_DAY_TAIL.match(text, a.end) if a.precision == "D" and a.span is not None else None
    if tail is not None and a.span is not None:
        first = a.span[0]
        day = forms.whole_number(tail["d"]) if P.DAY_RE.fullmatch(tail["d"]) else None
        if day is not None and first.day < day <= MAX_DAYS[first.month]:
            return _period_to(a, tail.end(), (first, day_in(first.year, first.month, day)))
    part = P.RE_PART_END.match(text, a.end) if a.precision in ("D", "M") and a.span is not None else None
    if part is not None and a.span is not None and (last := _part_end(a.span[0], part)) >= a.span[1]:
        return _period_to(a, part.end(), (a.span[0], last))  # 2018年10月1日至年底
    until = P.RE_UNTIL_NOW.match(text, a.end)
    if until is not None:
        if a.span is None or ctx.ref_date is None:
            return Atom(a.start, until.end(), "period", resolved=False, priority=PERIOD_PRIORITY)
        if a.span[0] <= ctx.ref_date:
            return _period_to(a, until.end(), (a.span[0], ctx.ref_date))
    return a


def _part_end(first: dt.date, m: re.Match[str]) -> dt.date:
    """The last day of the part of ``first``'s year (年底) or month (月底) ``m`` names."""
    if m["yp"]:
        month, day = (int(x) for x in YEAR_PARTS[m["yp"]].last.split("-"))
        return day_in(first.year, month, day)
    return day_in(first.year, first.month, MONTH_PARTS[m["mp"]].last)


def _period_to(a: Atom, end: int, span: Span) -> Atom:
    return Atom(a.start, end, "period", span=span, number_text=a.number_text, priority=PERIOD_PRIORITY)


def _record(atom: Atom) -> Candidate:
    if atom.yearly:
        return Candidate(start=atom.start, end=atom.end, type="set", value=every_year_value(atom),
                         number_text=atom.number_text, priority=atom.priority)
    value = first = last = None
    if atom.span is not None:
        first, last = atom.span
        value = period_value(first, last) if atom.type == "period" else date_value(first, atom.precision or "D")
    return Candidate(
        start=atom.start, end=atom.end, type=atom.type, value=value, date_start=first, date_end=last,
        resolved=atom.resolved, number_text=atom.number_text, priority=atom.priority, qualifier=atom.qualifier,
    )


def every_year_value(atom: Atom) -> str | None:
    """``XXXX-08-31`` for a day of every year, ``XXXX-09`` for a month,
    ``XXXX-07-01/XXXX-08-31`` for a span of them."""
    first, last = atom.first, atom.last
    if first is None or last is None:
        return None
    if atom.type == "date" and atom.precision == "M":
        return f"XXXX-{first.month:02d}"
    # 2月底 of every year: the 28th (a day every year has)
    days = min(first.day, monthrange(2001, first.month)[1]), min(last.day, monthrange(2001, last.month)[1])
    one, two = f"XXXX-{first.month:02d}-{days[0]:02d}", f"XXXX-{last.month:02d}-{days[1]:02d}"
    return one if one == two else f"{one}/{two}"
