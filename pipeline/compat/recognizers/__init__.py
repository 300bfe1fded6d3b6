"""dafu's records in Recognizers-Text's terms, for scoring on RT's Chinese specs.

``extract(text, ref=None)`` returns one dict per entity, as ``shared/tools/rtbench.py``
reads them: ``type`` (RT's coarse type), ``text``, ``start``/``end`` (end exclusive, into
``text``), ``value`` and ``unit``. It reads the text with the engine's ``numbers="all"``
option, because RT's NumberModel reports every numeral (``199`` in ``199个``), which
dafu's document mode deliberately leaves out.

The mapping, and why:

* ``number`` → ``number``; ``count`` is dropped (RT has no counts: the number layer
  gives its numeral); ``ratio`` and ``phone`` are dropped (no RT model here).
* ``money`` → ``currency``; ``percent`` → ``percentage``, except a fraction with a
  numeral denominator (三分之二), which RT reads as a number and the number layer gives.
* physical measures keep their type (``area``, ``length`` …) and RT's value convention:
  the amount in the unit as written (``20万公斤`` → 200000), not converted to base units.
* a range (``5-20%``, ``三四家``, ``800至1200元``) → ``numberrange``, as RT reports
  ranges, value ``[low,high)``.
* ``rank`` → ``ordinal``, its span cut before the rank unit (RT: ``第一`` in 第一名).
* ``date``/``period`` → ``date`` with both the ISO value and the (first, last) day pair,
  a ``从`` before a period from one date to another inside the span (RT's convention);
  ``duration`` → ``duration``, or ``age`` when written with 岁.
* ``time`` → ``time`` (RT's time, timerange, datetime and datetimerange), ``set`` → ``set``,
  with RT's resolution strings (``17:00:00``, ``2016-11-08 14:00:00``, ``T17``). RT also
  reports what dafu's document mode leaves out on purpose — day parts without a clock
  (``明天上午``) and bare recurrences (``每天``) — from :func:`times.find_extras`, the dates
  :func:`dates.find_extras` reads for RT only (``12号``, ``八月十五``, ``3-7-2017``, ``前1周``),
  joins ``2010年之后2018年之前`` into one range, and keeps
  in a date's or a time's span the words that bound it (``2019年1月1日或之后``,
  ``自2018年以来``, ``十二点之后``, ``2015年和2018年之间``), which dafu leaves outside.

Half of RT's specs are written in traditional characters (壹百零幾萬, 個百分點); the text
is read with ``normalise(to_simplified=True)``, which needs OpenCC (``dafu[opencc]``).
RT's specs also spell numerals with spaces inside (``一百 五 十 二``, ``7 万5 千4 百``),
which reply documents never do; :func:`close_numeral_gaps` closes those gaps before
extraction and offsets are mapped back, so spans still index the input.

>>> [(e["type"], e["text"], e["value"]) for e in extract("奖池金额攀升至36.57亿元")]
[('number', '36.57亿', '3657000000'), ('currency', '36.57亿元', '3657000000')]
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pipeline.compat.recognizers import dates, times
from pipeline.quantities.base import Context
from pipeline.quantities.engine import extract_quantities, to_record
from pipeline.quantities.lexicon import UNIT_TABLE, to_decimal
from pipeline.records import Quantity
from pipeline.refdate import find_document_date
from pipeline.text.normalise import Normalised, normalise
from pipeline.text.numerals import (
    DIGIT_CHARS,
    LARGE_UNIT_CHARS,
    POINT_CHARS,
    SMALL_UNIT_CHARS,
    format_decimal,
)

MEASURE_TYPES = frozenset({"area", "length", "weight", "volume", "energy", "power", "speed"})
_RT_TYPE = {"number": "number", "money": "currency", "percent": "percentage",
            "temperature": "temperature", "rank": "ordinal"}
_TEMPORAL = frozenset({"date", "period", "duration", "time", "set"})

# Characters that write a numeral or a number word: between two of them a space is a gap
# inside one numeral (一百 五 十 二, 百 分 之, 七成 六, 三分  之一).
_CJK_NUMERAL = f"{DIGIT_CHARS}{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}{POINT_CHARS}十拾廿卅负負又分之个個成折余多几幾半"
_DIGIT = "0-9０-９"
_AFTER_DIGIT = f"{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}个個成折分"
_GAP_RE = re.compile(
    rf"""(?<=[{_CJK_NUMERAL}])[ \t\u3000]+(?=[{_CJK_NUMERAL}{_DIGIT}])   # 一百 五, 之 2.4
        |(?<=[{_DIGIT}])[ \t\u3000]+(?=[{_AFTER_DIGIT}])                  # 7 万, 2.4 个百分点
        |(?<=[{_DIGIT}])[ \t\u3000]+(?=[kKM](?![A-Za-z]))                 # 52.5 k
        |(?<=(?<![{_DIGIT}])[{_DIGIT}])[ \t\u3000]+(?=[{_DIGIT}](?![{_DIGIT}/／]))  # 7 2 折, not 1 3/5
        |(?<=近)[ \t\u3000]+(?=[{_CJK_NUMERAL}{_DIGIT}])                  # 近 三 年
        |(?<=[{_CJK_NUMERAL}])[ \t\u3000]+(?=年)                           # 三 年
    """,
    re.VERBOSE,
)
_FRACTION_PERCENT_RE = re.compile(r"[百千万亿佰仟萬億]+分之")
_YEARS_RE = re.compile(r"P([0-9.]+)Y")
_SPAN_SEP_RE = re.compile(r"[到至\-—~～]")
# RT's bounds of a date or time, inside its span: 2019年1月1日或之后, 自2018年以来, 2015年前.
_BOUND_AFTER_RE = re.compile(r"[ ]?(?:(?:或|及)?(?:之前|之后|以前|以后)|以来|起|开始|[前后](?![\u4e00-\u9fff]))")
_BOUND_BEFORE_RE = re.compile(r"(?:自从|自|截止到|截至|截止)$")
_WEEKDAY_AFTER_RE = re.compile(r"[，,]?(?:星期|礼拜|周)[一二三四五六日天]")  # 10月12号，星期一
_BETWEEN_RE = re.compile(r"[和与](?P<b>.{2,14}?)(?:之间|间)")
_AFTER_THEN_BEFORE_RE = re.compile(r"(?:之后|以后)$")  # 2010年之后2018年之前: one range
_BEFORE_END_RE = re.compile(r"(?:之前|以前)$")
_ISO_TIME_RE = re.compile(r"(?P<d>\d{4}-\d{2}-\d{2})?T(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?")


def close_numeral_gaps(text: str) -> tuple[str, list[int]]:
    """``text`` without the spaces inside numerals, and for each of its characters (plus
    one past the end) the offset in ``text``.

    >>> close_numeral_gaps("7 万5 千")[0]
    '7万5千'
    """
    kept: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _GAP_RE.finditer(text):
        kept.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    kept.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return "".join(kept), offsets


def extract(text: str, ref: dt.date | None = None) -> list[dict[str, Any]]:
    """Every entity RT's Chinese models would report, from dafu's reading of ``text``."""
    closed, offsets = close_numeral_gaps(text)
    # RT's inputs are snippets, not pages: a lone "3/5" is a fraction, not a page number
    norm = normalise(closed, drop_furniture=False, to_simplified=True)
    ref_date = ref.date() if isinstance(ref, dt.datetime) else ref
    if ref_date is None:
        ref_date = find_document_date(norm.text)
    found: list[dict[str, Any]] = []
    records = _with_extras(norm, ref_date, list(extract_quantities(norm, ref_date, numbers="all")))
    for q in _join_between(records, closed):
        item = to_rt(q, closed)
        if item is not None:
            found.append(item)
    items: list[dict[str, Any]] = []
    for item in _join_bounds(found, closed):
        start, end = item["start"], item["end"]
        start, end = offsets[start], offsets[end - 1] + 1
        items.append({**item, "start": start, "end": end, "text": text[start:end]})
    return items


def to_rt(q: Quantity, text: str) -> dict[str, Any] | None:
    """One record of ``text`` in RT's terms (offsets still into ``text``), or None when RT
    has no such entity."""
    start, end, kind = q.start, q.end, q.type
    if q.low is not None and q.high is not None and kind not in _TEMPORAL:
        # RT has no money or percentage ranges: 5-20%, 三四家 are number ranges there
        return _item("numberrange", start, end, f"[{q.low},{q.high})")
    if kind in MEASURE_TYPES:
        return _item(kind, start, end, _as_written(q), unit=q.unit_text)
    if kind == "duration":
        years = _YEARS_RE.fullmatch(q.value or "")
        if q.unit_text == "岁":
            return _item("age", start, end, years[1] if years else None)
        return _item("duration", start, end, q.value)
    if kind in ("date", "period", "time"):
        if kind != "date" and text[start - 1 : start] == "从" and _SPAN_SEP_RE.search(q.text):
            start -= 1  # RT: 从一月十日到十二日
        start, end = _bounds(text, start, end)
        weekday = _WEEKDAY_AFTER_RE.match(text, end) if kind == "date" else None
        end = weekday.end() if weekday is not None else end
        if kind == "time":
            return _item("time", start, end, _time_value(q.value))
        return _item("date", start, end, _date_value(q))
    if kind == "set":
        return _item("set", start, end, _set_value(q.value))
    if kind == "rank" and q.unit_text and q.text.endswith(q.unit_text):
        end -= len(q.unit_text)  # RT: 第一 in 第一名
    if kind == "percent" and _is_plain_fraction(q.number_text or ""):
        return None  # 三分之二 is a number for RT; the number layer reports it
    if kind in _RT_TYPE:
        return _item(_RT_TYPE[kind], start, end, q.value)
    return None


def _item(rt_type: str, start: int, end: int, value: Any, unit: str | None = None) -> dict[str, Any]:
    return {"type": rt_type, "start": start, "end": end, "value": value, "unit": unit}


def _is_plain_fraction(numeral: str) -> bool:
    """三分之二 (a number for RT), not 百分之七十 or 千分之三 (percentages)."""
    return "分之" in numeral and not _FRACTION_PERCENT_RE.match(numeral)


def _as_written(q: Quantity) -> str | None:
    """The amount in the unit as written: 20万公斤 → 200000 (dafu stores 200000 kg)."""
    if q.amount is None or q.unit_text not in UNIT_TABLE:
        return q.value
    _, entry = UNIT_TABLE[q.unit_text]
    written = Fraction(q.amount) / entry.fraction
    value = Decimal(written.numerator) / Decimal(written.denominator)
    if to_decimal(entry.fraction) != entry.fraction:  # 亩 = 2000/3 m²: undo the rounding
        value = value.quantize(Decimal("0.01"))
    return format_decimal(value)


def _with_extras(norm: Normalised, ref_date: dt.date | None, records: list[Quantity]) -> list[Quantity]:
    """``records`` and the readings of :func:`times.find_extras`: one that covers records
    replaces them (明天上午 replaces 明天); one inside a record, or across one, is dropped."""
    out = records
    ctx = Context(ref_date=ref_date)
    for cand in itertools.chain(times.find_extras(norm.text, ctx), dates.find_extras(norm.text, ctx)):
        extra = to_record(norm, cand)
        hit = [r for r in out if r.type != "number" and r.start < extra.end and extra.start < r.end]
        if all(extra.start <= r.start and r.end <= extra.end and r.end - r.start < extra.end - extra.start
               for r in hit):
            out = [r for r in out if r not in hit] + [extra]
    return sorted(out, key=lambda r: (r.start, r.end))


def _join_between(records: list[Quantity], text: str) -> list[Quantity]:
    """RT reads 2015年和2018年之间 as one date range; dafu reports the two dates."""
    out: list[Quantity] = []
    for q in records:
        prev = next((p for p in reversed(out) if p.type != "number"), None)
        m = _BETWEEN_RE.match(text, prev.end) if prev is not None and prev.type == q.type == "date" else None
        if prev is not None and m is not None and m.start("b") == q.start and m.end("b") == q.end:
            out.remove(prev)
            start = prev.start - 1 if text[prev.start - 1 : prev.start] == "在" else prev.start  # RT: 在…之间
            q = prev.model_copy(update={"start": start, "end": m.end(), "text": text[start : m.end()],
                                        "type": "period", "value": None, "date_end": q.date_end})
        out.append(q)
    return out


def _join_bounds(items: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """RT reads 2010年之后2018年之前 as one date range; the adapter has two bounded dates."""
    out: list[dict[str, Any]] = []
    for item in items:
        prev = next((p for p in reversed(out) if p["type"] != "number"), None)
        if (prev is not None and prev["type"] == item["type"] == "date" and prev["end"] == item["start"]
                and _AFTER_THEN_BEFORE_RE.search(text, prev["start"], prev["end"])
                and _BEFORE_END_RE.search(text, item["start"], item["end"])):
            first, last = prev["value"][-1:], item["value"][-1:]
            pair = ([{"start": first[0]["start"], "end": last[0]["end"]}]
                    if first and last and "start" in first[0] and "end" in last[0] else [])
            out[out.index(prev)] = {**prev, "end": item["end"], "value": pair}
            continue
        out.append(item)
    return out


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened over RT's bound words: 自2018年以来, 2019年1月1日或之后."""
    after = _BOUND_AFTER_RE.match(text, end)
    before = _BOUND_BEFORE_RE.search(text, max(0, start - 3), start)
    if after is not None:
        end = after.end()
        if after.group() == "开始" and text[start - 1 : start] == "从":
            start -= 1  # RT: 从2016年3月1日开始, but 从2015年起 leaves 从 out
    if before is not None:
        start = before.start()
    return start, end


def _rt_time(iso: str) -> list[str]:
    """``T17:00`` → 17:00:00 and RT's timexes T17:00, T17; with a date, 2016-11-08 17:00:00."""
    m = _ISO_TIME_RE.fullmatch(iso)
    if m is None:
        return []
    clock = f"{m['h']}:{m['m']}:{m['s'] or '00'}"
    short = f"T{m['h']}" if m["m"] == "00" and not m["s"] else iso[iso.index("T"):]
    day = m["d"] or ""
    return [f"{day} {clock}".strip(), iso, day + short]


def _time_value(value: str | None) -> list[dict[str, Any]]:
    if not value:
        return []
    if "/" in value:
        first, last = (_rt_time(v) for v in value.split("/"))
        return [{"start": first[0], "end": last[0]}] if first and last else []
    return [{"value": v} for v in _rt_time(value)]


def _set_value(value: str | None) -> list[dict[str, Any]]:
    if not value:
        return []
    answers = [{"timex": value}]
    m = _ISO_TIME_RE.search(value)
    if m is not None and m["m"] == "00" and not m["s"]:
        answers.append({"timex": value[: m.start("h") + 2]})  # XXXX-WXX-1T20:00 → XXXX-WXX-1T20
    return answers


def _date_value(q: Quantity) -> list[dict[str, str]]:
    answers = []
    if q.value:
        answers.append({"timex": q.value})
    if q.date_start and q.date_end:
        answers.append({"start": q.date_start.isoformat(), "end": q.date_end.isoformat()})
    return answers
