"""Number + unit: money, counts with classifiers, percent signs, 倍, and physical measures.

One grammar serves every kind whose unit follows the number; the unit's row in
``units.toml`` or ``classifiers.toml`` decides the type::

    [人民币] NUMBER [余|多|来|几] [万|亿 …] [余|多] UNIT [/PER]

``2,350万元`` → money 23500000 CNY; ``10余家`` → count 10 家, gt; ``1.35亿千瓦`` →
power 135000000 kW. A space may stand before the magnitude or unit and around the slash, as
PDF text spaces them (``35 万元``, ``900 元/ 平方米``). Hedges around the whole (超, 以上 …)
are the engine's business.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS, PER_WORD, QIAN_WORDS, RANGE_SEPARATOR, range_end
from pipeline.quantities.lexicon import CLASSIFIERS, HEDGES, UNIT_TABLE, UNITS, to_decimal
from pipeline.text.numerals import (
    DIGIT_CHARS,
    LARGE_UNIT_CHARS,
    MAGNITUDE,
    NUMBER,
    NUMBER_SCAN,
    ORDINARY_DIGITS,
    ORDINARY_HUNDREDS_THOUSANDS,
    ORDINARY_NONZERO,
    ORDINARY_UNITS,
    SMALL_UNIT_CHARS,
    TEN,
    NumeralError,
    adjacent_pair,
    format_decimal,
    is_chinese_numeral,
    is_digit_code,
    parse_number,
    sign_start,
)
from pipeline.text.numerals import LEX as NUMERALS
from pipeline.text.regex import alternation, trie_alternation
from pipeline.text.scan import first_chars_of

_COUNT = set(CLASSIFIERS.count)
_ARABIC_ONLY = set(CLASSIFIERS.arabic_only)
_CHINESE_BLOCKED = set(CLASSIFIERS.chinese_blocked)
_AFTER_COUNTING = frozenset(CLASSIFIERS.after_counting_digits)
_SHARE_SIGNS = frozenset(KINDS.rank.share_signs)
_COUNTING_ONLY = frozenset(NUMERALS.counting_only)
_BIG = set(CLASSIFIERS.big)
_BIG_BLOCKED = set(CLASSIFIERS.big_blocked_next)
_UNIT_ARABIC_ONLY = frozenset(UNITS.arabic_only)
_ALL_UNITS = set(UNIT_TABLE) | _COUNT | _ARABIC_ONLY

NUMBER_RE = re.compile(NUMBER)
_NUMBER_SCAN_RE = re.compile(NUMBER_SCAN)
# only matched at a place (after a numeral): a trie behind its first characters fails there in
# one class test and reads the longest unit, as the longest-first alternation does
_UNIT_RE = re.compile(trie_alternation(_ALL_UNITS))
_BIG_RE = re.compile(alternation(_BIG))
_INNER_RE = re.compile(f"(?:{alternation(HEDGES.inner)})")
_MAG_RE = re.compile(MAGNITUDE)
# 2个亿, 两个多亿, 十几个亿: a colloquial 个 between the number and its magnitude, a magnitude
# all the same (the amount of a sum said without its unit), not a count of 个
_FILLER_MAG_RE = re.compile(
    rf"(?P<before>{alternation(HEDGES.inner)})?(?:{alternation(KINDS.filler_magnitude.fillers)})"
    rf"(?P<inner>{alternation(HEDGES.inner)})?(?P<mag>{alternation(KINDS.filler_magnitude.magnitudes)})"
    rf"(?![{LARGE_UNIT_CHARS}])"  # not 亿万富翁
)
# 元/平方米, 元/ 平方米, 元/㎡, 元/m3 (a Latin unit keeps its power: m3, not m); 元/一个月, 元/每年 (per 年)
_PER_RE = re.compile(rf" ?/ ?(?:[一每]个?)?(?P<per>{PER_WORD}|[a-zA-Z]{{1,3}}[23²³]?(?![a-zA-Z0-9]))")
# 1200元/生·月, 300元/亩.年: a period glued to the denominator (kinds.toml [shared] per_period_*)
_PER_PERIOD_RE = re.compile(
    rf"(?:{alternation(KINDS.shared.per_period_joiners)})(?P<per>{alternation(KINDS.shared.per_period_words)})"
    rf"(?=[{re.escape(KINDS.shared.per_period_ends)}]|$)"
)
_RANGE_SEP_RE = re.compile(RANGE_SEPARATOR)
# 90元一个月, 700元每年: a sum's denominator said after it (kinds.toml [shared] trailing_per_*)
TRAILING_PER_RE = re.compile(
    rf"(?:{alternation(KINDS.shared.trailing_per_marks)})(?P<per>{alternation(KINDS.shared.trailing_per_words)})"
    rf"(?![{re.escape(KINDS.shared.trailing_per_not_before)}{ORDINARY_DIGITS}0-9])"
)
# the second end of 两至三百米, 三到五千万元: one digit, then 百 or 千 (and perhaps 万, 亿)
_ONE_DIGIT = frozenset(ORDINARY_NONZERO)
_SHARED_HUNDREDS_RE = re.compile(
    rf"[{ORDINARY_NONZERO}](?P<small>[{ORDINARY_HUNDREDS_THOUSANDS}])[{LARGE_UNIT_CHARS}]*"
)
# 近千人, 逾万户: a hedge, one or two powers of ten and no digit after them (超十二万人 is
# read from its numeral)
_BARE_MAGNITUDE_RE = re.compile(
    rf"(?:{alternation(KINDS.bare_magnitude.hedges)})"
    rf"(?P<mag>[{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}]{{1,2}})(?![0-9{DIGIT_CHARS}])"
)
# 千余人, 万多元: a power of ten from 百 up with 余 or 多 and no numeral before it (两千余人 is
# read from its numeral; 十余人 is a numeral itself)
_BARE_INNER_RE = re.compile(
    rf"(?P<mag>[{ORDINARY_UNITS.replace(TEN, '')}])(?<![{DIGIT_CHARS}{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}"
    rf"{''.join(KINDS.bare_magnitude.vague_before)}0-9 ].)"
    rf"(?P<inner>{alternation(KINDS.bare_magnitude.inner)})"
)
_BETWEEN_SEP_RE = re.compile(alternation(KINDS.shared.between_separators))
_SCALE_BEFORE = re.compile(rf"(?:{alternation(UNITS.temperature_prefix)})$")  # 摄氏 of 摄氏3度
_SCALE_REACH = max(map(len, UNITS.temperature_prefix))
_CURRENCY_BEFORE = re.compile(rf"(?P<sign>{alternation(UNITS.money_prefix)})\s?$")
_SIGN_ENDS = frozenset(sign[-1] for sign in UNITS.money_prefix)
# 2000 元, 50 % (PDF text), and a classifier before its noun: 3 个村 (not 3 个 alone: a table cell)
_UNIT_AFTER_SPACE_RE = re.compile(
    rf" (?:{alternation(UNIT_TABLE)}|(?:{alternation(_COUNT - set(UNIT_TABLE))})(?=[\u4e00-\u9fff]))"
)
# 35 万元, 12.5 亿元: a magnitude and a unit after the space (the unit is read after it)
_MAGNITUDE_AFTER_SPACE_RE = re.compile(f" (?P<mag>[{LARGE_UNIT_CHARS}]+)(?=(?:{alternation(_ALL_UNITS)}))")
# 一吨半, 两米半: and a half, when no word goes on after 半 (一吨半导体, 两米半径)
_AND_A_HALF_RE = re.compile(r"半(?=$|[^\u3400-\u9fff]|的|左右|以[上下内]|多)")
_HALVES = frozenset({"area", "length", "weight", "volume", "count"})
# 两层半砖混结构: after these classifiers 半 halves before a word too, unless it begins one
_HALF_AFTER = frozenset(KINDS.filler_magnitude.half_after)
_HALF_WORD_RE = re.compile(f"半(?!{alternation(w[1:] for w in KINDS.filler_magnitude.half_not_before)})")
_MONEY_PART_RE = re.compile(rf"又?(?P<num>{NUMBER})(?P<part>{alternation(UNITS.money_parts)})")
_CURRENCY_AFTER = re.compile(r"人民币")
# 2.5万（元/户）, 300（平方米）: the unit of a bare number in a bracket right after it, as in a
# table's cell, perhaps with its denominator; a classifier there (5（人）) is left alone
_BRACKETED_UNIT_RE = re.compile(
    rf"[（(](?P<unit>{alternation(u for u, (kind, _) in UNIT_TABLE.items() if kind != 'count')})"
    rf"(?:/(?P<per>{PER_WORD}))?[）)]"
)
_MAGNITUDE_CHARS = SMALL_UNIT_CHARS + LARGE_UNIT_CHARS
_CJK = re.compile(r"[\u4e00-\u9fff]")
# 3500个平方米, 500个立方: a filler of ``filler_magnitude`` (个) before an area or volume written
# out (平方…, 立方…) is spoken filler too, and the measure is read after it
_FILLERS = frozenset(KINDS.filler_magnitude.fillers)
_AFTER_FILLER_RE = re.compile(alternation(
    u for u, (kind, _) in UNIT_TABLE.items() if kind in ("area", "volume") and u.startswith(("平方", "立方"))
))
_TEMPORAL_AFTER = tuple(KINDS.shared.temporal_after)
# the characters a unit, an inner hedge (余, 多), a 六大 group, a spaced unit or a Latin
# magnitude (12k) can begin with, right after a numeral
_NEXT_CHARS = frozenset(
    {w[0] for w in (*_ALL_UNITS, *HEDGES.inner, *_BIG)} | {" "} | set(NUMERALS.latin_magnitudes)
)


# what a hedge or a filler (余, 个), a range's separator, a bracketed unit, 大 of 六大 or 半 of
# 一吨半 begins with: read before the regexes are tried after each numeral. The spaced and
# bracketed units' patterns hold every unit (1.5 ms to parse at load): their opening
# characters are written out, and tests/test_fast_paths.py checks them against the patterns
_INNER_FIRSTS = first_chars_of(_INNER_RE, _FILLER_MAG_RE)
_SPACED_FIRSTS = frozenset(" ")
_RANGE_FIRSTS = first_chars_of(_RANGE_SEP_RE)
_SEP_FIRSTS = first_chars_of(_RANGE_SEP_RE, _BETWEEN_SEP_RE)
_BRACKET_FIRSTS = frozenset("（(")
_BIG_FIRSTS = first_chars_of(_BIG_RE)
_HALF_FIRSTS = first_chars_of(_AND_A_HALF_RE, _HALF_WORD_RE)
_PRIORITY = {"money": 3, "percent": 3, "area": 2, "length": 2, "weight": 2, "volume": 2, "count": 1}


def _blocked_before(text: str, start: int, end: int) -> bool:
    """A number glued to Latin letters (PM2.5, B3区), a plus (20+8) or 第/前 (a rank; not
    the 前 of 目前, nor 前 before a share, 前10%, which the hedges bound)."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev == "前":
        return text[max(0, start - 2) : start] not in QIAN_WORDS and text[end : end + 1] not in _SHARE_SIGNS
    return (prev.isascii() and (prev.isalpha() or prev in "+.")) or prev == "第"


def _split_unit(text: str, num_start: int, num_end: int) -> tuple[int, re.Match[str] | None]:
    """Give back trailing magnitude characters when they begin a unit (1.35亿千瓦)."""
    for k in (2, 1):
        cut = num_end - k
        if cut > num_start and text[cut] in _MAGNITUDE_CHARS:
            m = _UNIT_RE.match(text, cut)
            if m and m.end() > num_end and _parses(text[num_start:cut]):
                return cut, m
    return num_end, _UNIT_RE.match(text, num_end)


def _parses(numeral: str) -> bool:
    try:
        parse_number(numeral)
    except NumeralError:
        return False
    return True


class _Reading:
    """The parts of one ``NUMBER [hedge] [magnitude] [unit]`` reading at a position."""

    __slots__ = ("amount", "chinese", "end", "filler", "inner", "num_end", "num_text", "unit", "unit_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        pos = end
        self.inner: str | None = None
        # read once: giving back a magnitude to the unit (1.35亿千瓦) keeps every digit
        self.chinese = chinese = is_chinese_numeral(text[start:end])
        magnitude = ""
        inner = text[pos : pos + 1] in _INNER_FIRSTS  # mostly not: neither regex is tried
        hedge = _INNER_RE.match(text, pos) if inner else None
        filler = _FILLER_MAG_RE.match(text, pos) if inner else None
        self.filler = filler is not None
        if filler is not None:  # 2个亿, 两个多亿
            self.inner = filler["before"] or filler["inner"]
            magnitude = filler["mag"]
            num_end, unit = end, _UNIT_RE.match(text, filler.end())
            pos = filler.end()
        elif (hedge and not chinese) or (hedge and text[end - 1] in ORDINARY_UNITS):
            self.inner = hedge.group()
            pos = hedge.end()
            mag = _MAG_RE.match(text, pos)
            if mag:
                magnitude = mag.group()
                pos = mag.end()
                again = _INNER_RE.match(text, pos)
                if again:
                    pos = again.end()
            num_end, unit = end, _UNIT_RE.match(text, pos)
        else:
            num_end, unit = _split_unit(text, start, end)
        scale = 1
        if unit is None and not chinese and text[end : end + 1] in _SPACED_FIRSTS:
            spaced = _UNIT_AFTER_SPACE_RE.match(text, end)
            unit = _UNIT_RE.match(text, end + 1) if spaced else None
            spaced_mag = _MAGNITUDE_AFTER_SPACE_RE.match(text, end) if unit is None else None
            if spaced_mag is not None:
                unit = _UNIT_RE.match(text, spaced_mag.end())
                scale = int(parse_number("1" + spaced_mag["mag"]))
        latin = NUMERALS.latin_magnitudes.get(text[end : end + 1])
        if unit is None and latin and not chinese:
            unit = _UNIT_RE.match(text, end + 1)  # 12k个百分点
            scale = latin if unit else 1
        if unit is not None and unit.group() in _FILLERS:
            unit = _AFTER_FILLER_RE.match(text, unit.end()) or unit
        self.num_end = num_end
        self.num_text = text[start:num_end]
        self.amount = parse_number(self.num_text) * (parse_number("1" + magnitude) if magnitude else scale)
        self.unit = unit.group() if unit else None
        self.unit_end = unit.end() if unit else pos
        self.end = self.unit_end


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    """Every ``number + unit`` reading in ``text``."""
    for m in _NUMBER_SCAN_RE.finditer(text):
        start, end = m.span()
        if _blocked_before(text, start, end) or text[end : end + 1] == "+":
            continue
        if _reads_as_nothing(text, start, end) and not (
            text[end : end + 1] in _RANGE_FIRSTS and _RANGE_SEP_RE.match(text, end)
        ):
            continue
        try:
            reading = _Reading(text, start, end)
        except NumeralError:
            continue
        cand = _candidate(text, start, reading)
        if cand is None:
            rng = _range(text, start, reading, None)  # 二到四个: no unit on the first end
            if rng is not None:
                yield rng
            continue
        yield cand
        whole = _with_parts(text, cand)
        if whole is not None:
            yield whole
        rng = _range(text, start, reading, cand)
        if rng is not None:
            yield rng
    yield from _bare_magnitudes(text)


def _bare_magnitudes(text: str) -> Iterator[Candidate]:
    """近千人, 逾万户, 超万亿元: a power of ten after a hedge (the engine widens over it)."""
    for m in (*_BARE_MAGNITUDE_RE.finditer(text), *_BARE_INNER_RE.finditer(text)):
        unit = _UNIT_RE.match(text, m.end())
        typed = _unit_type(unit.group(), chinese=True) if unit else None
        if unit is None or typed is None:
            continue
        kind, base, factor = typed
        amount = parse_number("1" + m["mag"])
        value = _scaled(amount, factor)
        inner = m.groupdict().get("inner")
        yield Candidate(
            start=m.start("mag"), end=unit.end(), type=kind, amount=value, value=format_decimal(value),
            unit=base or None, qualifier=_inner_qualifier(inner), number_text=m["mag"], unit_text=unit.group(),
            priority=_PRIORITY.get(kind, 0), core_start=m.start("mag"), core_end=m.end("mag"),
            factor=_factor(factor),
        )


def _reads_as_nothing(text: str, start: int, end: int) -> bool:
    """A shortcut for the commonest numerals (一, 三, 2018年): True only where
    :class:`_Reading` and :func:`_candidate` would find nothing — no unit, hedge, 六大
    group, spaced unit or Latin magnitude can start after the numeral, its last two
    characters (which a unit such as 千瓦 may take back) are no magnitudes, no currency
    sign stands before it, and it is Chinese or a date's number (2018年)."""
    if text[end : end + 1] in _NEXT_CHARS or text[end - 1] in _MAGNITUDE_CHARS:
        return False
    if end - 2 > start and text[end - 2] in _MAGNITUDE_CHARS:
        return False
    if _currency_before(text, start):
        return False
    return is_chinese_numeral(text[start:end]) or text.startswith(_TEMPORAL_AFTER, end)


def _scale_before(text: str, start: int) -> re.Match[str] | None:
    """The temperature scale (摄氏) right before ``start``, which makes a 度 after the number
    its unit."""
    return _SCALE_BEFORE.search(text, max(0, start - _SCALE_REACH), start)


def _currency_before(text: str, start: int) -> re.Match[str] | None:
    """The currency sign (人民币, ￥, 美元) right before ``start``, a space between allowed.
    A match ends with a sign's last character (``_SIGN_ENDS``) at most a space and the line
    end ``$`` allows before ``start``: where none of the three characters before the number
    is one (nearly every number), no regex search is needed."""
    if _SIGN_ENDS.isdisjoint(text[max(0, start - 3) : start]):
        return None
    return _CURRENCY_BEFORE.search(text, max(0, start - 4), start)


def _unit_type(unit: str, chinese: bool) -> tuple[str, str, Fraction] | None:
    """(type, base unit, factor) for a unit written after a number."""
    return _UNIT_TYPES_CN.get(unit) if chinese else _UNIT_TYPES.get(unit)


def _unit_types(chinese: bool) -> dict[str, tuple[str, str, Fraction]]:
    """Every unit's (type, base unit, factor) after an Arabic or a Chinese numeral."""
    table: dict[str, tuple[str, str, Fraction]] = {}
    for unit in _COUNT:
        if not (chinese and unit in _CHINESE_BLOCKED):
            table[unit] = ("count", unit, _ONE)
    for unit in _ARABIC_ONLY:
        table.pop(unit, None)
        if not chinese:
            table[unit] = ("count", unit, _ONE)
    for unit, (kind, entry) in UNIT_TABLE.items():
        table.pop(unit, None)
        if not (chinese and unit in _UNIT_ARABIC_ONLY):
            table[unit] = (kind, entry.base, entry.fraction)
    return table


_ONE = Fraction(1)
_UNIT_TYPES = _unit_types(chinese=False)
_UNIT_TYPES_CN = _unit_types(chinese=True)


def _scaled(amount: Decimal, factor: Fraction) -> Decimal:
    """``amount × factor`` as :func:`to_decimal` gives it."""
    return _scaled_by(amount, factor.numerator, factor.denominator)


@functools.lru_cache(maxsize=8192)
def _scaled_shown(amount: Decimal, num: int, den: int) -> tuple[Decimal, str]:
    """:func:`_scaled_by` and its :func:`format_decimal`, cached together (a candidate needs both;
    both depend on the value only, as equal ``Decimal``s hash alike)."""
    value = _scaled_by(amount, num, den)
    return value, format_decimal(value)


@functools.lru_cache(maxsize=8192)
def _scaled_by(amount: Decimal, num: int, den: int) -> Decimal:
    # Cached: the result depends only on the values, and the same few numbers and units
    # recur in every text. Keyed by integers: a Fraction's hash costs more than the call.
    if den == 1 and amount == amount.to_integral_value():
        whole = int(amount) * num  # 12个, 3.5万元: an integer in a unit of factor 1 (or 10, 1000 …)
        if abs(whole) < _EXACT_INTEGERS:
            return Decimal(whole)  # what to_decimal gives (whole / 1, exponent 0), without Fractions
    return to_decimal(Fraction(amount) * Fraction(num, den))


#: below this an integer divided by 1 is exact in the default context (28 digits)
_EXACT_INTEGERS = 10**28


@functools.lru_cache(maxsize=256)
def _factor_by(num: int, den: int) -> Decimal:
    return to_decimal(Fraction(num, den), 6)


def _factor(factor: Fraction) -> Decimal:
    return _factor_by(factor.numerator, factor.denominator)


def _candidate(text: str, start: int, r: _Reading) -> Candidate | None:
    chinese = r.chinese
    if chinese and is_digit_code(r.num_text):
        return None  # 五一大桥, 八一路: a name
    typed = _unit_type(r.unit, chinese) if r.unit else None
    if typed is None and r.unit in _AFTER_COUNTING and r.num_text in _COUNTING_ONLY:
        typed = ("count", r.unit, _ONE)  # 两次, 两本 (but 二次供水)
    bracket = (_BRACKETED_UNIT_RE.match(text, r.unit_end)
               if typed is None and not chinese and text[r.unit_end : r.unit_end + 1] in _BRACKET_FIRSTS else None)
    if bracket is not None:
        typed = _unit_type(bracket["unit"], False)  # 2.5万（元/户）: money, per 户
    begin, end = start, r.end if bracket is None else bracket.end()
    if typed is None and text.startswith("度", r.unit_end) and (scale := _scale_before(text, start)) is not None:
        typed = ("temperature", UNITS.temperature_prefix[scale.group()].base, _ONE)  # 摄氏3度
        begin, end = scale.start(), r.unit_end + 1
    weak = False
    if typed is None:
        big = _big(text, start, r)
        if big is not None:
            return big
        before = _currency_before(text, start)
        has_magnitude = (any(c in "万亿萬億" for c in r.num_text) or r.filler
                         or (r.amount >= 10000 and r.inner is not None))
        if before:
            typed = ("money", UNITS.money_prefix[before["sign"]].base, _ONE)
            begin = before.start()
            end = r.unit_end
        elif (chinese and not r.filler) or text.startswith(_TEMPORAL_AFTER, r.unit_end):
            return None  # 2010年, 3月: the dates kind reads these
        else:
            typed = ("number", "", _ONE)
            end = r.unit_end if r.inner or r.filler else r.num_end
            weak = not has_magnitude or (r.inner is not None and not r.filler)
    kind, base, factor = typed
    if kind == "money":
        before = _currency_before(text, start)
        if before and UNITS.money_prefix[before["sign"]].base == base:
            begin = before.start()
        after = _CURRENCY_AFTER.match(text, end)
        if after:
            end = after.end()
    per = None
    if kind != "number" and "/" in text[end : end + 2]:  # what _PER_RE begins with
        pm = _PER_RE.match(text, end)
        if pm and kind in ("money", "count", "weight", "area", "length", "volume", "energy", "power"):
            per = pm["per"]
            end = pm.end()
            while (more := _PER_RE.match(text, end)) is not None:  # 600元/人/年, 1.4元/月/平方: per 人/年
                per, end = f"{per}/{more['per']}", more.end()
            if (period := _PER_PERIOD_RE.match(text, end)) is not None:  # 1200元/生·月: per 生/月
                per, end = f"{per}/{period['per']}", period.end()
            if kind == "count" and per in KINDS.shared.alias_pers and base in KINDS.shared.alias_classifiers:
                per = None  # 10台/件: the same things counted another way
    if bracket is not None:
        per = bracket["per"]
    shown_end = -1
    if kind == "money" and per is None and (tm := TRAILING_PER_RE.match(text, end)) is not None:
        per, shown_end, end = tm["per"], end, tm.end()  # 收取90元一个月的费用: span 90元, per 月
    if chinese and kind == "count" and r.amount == 1 and not r.inner:
        weak = True  # 一个, 一座: "a/an" unless a hedge says otherwise
    amount = r.amount
    if (text[end : end + 1] in _HALF_FIRSTS and kind in _HALVES and per is None and r.inner is None
            and amount == amount.to_integral_value()):
        half = _AND_A_HALF_RE.match(text, end)
        if half is None and kind == "count" and r.unit in _HALF_AFTER:
            half = _HALF_WORD_RE.match(text, end)
        if half and (kind != "count" or not weak):
            amount, end = amount + Decimal("0.5"), half.end()
    if begin == start and kind != "count" and sign_start(text, start) < start:
        begin, amount = start - 1, -amount  # 负2.6%, -22.2%
    value, shown = _scaled_shown(amount, factor.numerator, factor.denominator)
    cand = Candidate(
        start=begin, end=end, type=kind, amount=value, value=shown,
        unit=base or None, qualifier=_inner_qualifier(r.inner), per=per,
        number_text=r.num_text, unit_text=r.unit if kind != "number" else None,
        priority=_PRIORITY.get(kind, 0), weak=weak, core_start=start, core_end=r.num_end,
        factor=_factor(factor), shown_end=shown_end,
    )
    pair = adjacent_pair(r.num_text) if chinese and kind != "number" else None  # 三四: Chinese digits
    if pair is not None:
        cand.amount = cand.value = None
        cand.low, cand.high = (to_decimal(Fraction(x) * factor) for x in pair)
        cand.qualifier = "approx"
    return cand


def _with_parts(text: str, cand: Candidate) -> Candidate | None:
    """五元三毛 = 5.3 CNY, 两美元又三美分 = 2.03 USD, 45元6角7分 = 45.67 CNY: an amount with
    its fractional units, each smaller than the one before."""
    if cand.type != "money" or cand.amount is None or cand.per is not None:
        return None
    total, end, smallest = Fraction(cand.amount), cand.end, Fraction(1)
    while (m := _MONEY_PART_RE.match(text, end)) is not None:
        entry = UNITS.money_parts[m["part"]]
        if entry.base != cand.unit or entry.fraction >= smallest:
            break
        try:
            total += Fraction(parse_number(m["num"])) * entry.fraction
        except NumeralError:
            break
        end, smallest = m.end(), entry.fraction
    if end == cand.end:
        return None
    value = to_decimal(total)
    return Candidate(
        start=cand.start, end=end, type="money", amount=value, value=format_decimal(value),
        unit=cand.unit, qualifier=cand.qualifier, number_text=cand.number_text,
        unit_text=cand.unit_text, priority=cand.priority, core_start=cand.core_start,
        core_end=cand.core_end, factor=cand.factor,
    )


def _inner_qualifier(inner: str | None) -> str:
    return HEDGES.inner[inner] if inner else "exact"


def _big(text: str, start: int, r: _Reading) -> Candidate | None:
    """六大产业集群, 四大类: a count of named groups."""
    if (text[r.num_end : r.num_end + 1] not in _BIG_FIRSTS or r.inner or r.amount < 2 or r.amount > 100
            or r.amount != r.amount.to_integral_value()):
        return None
    m = _BIG_RE.match(text, r.num_end)
    if not m:
        return None
    nxt = text[m.end() : m.end() + 1]
    if not nxt or not _CJK.match(nxt) or nxt in _BIG_BLOCKED:
        return None
    return Candidate(
        start=start, end=m.end(), type="count", amount=r.amount, value=format_decimal(r.amount),
        unit=m.group(), number_text=r.num_text, unit_text=m.group(), priority=1,
        core_start=start, core_end=r.num_end, factor=Decimal(1),
    )


def _range(text: str, start: int, first: _Reading, cand: Candidate | None) -> Candidate | None:
    """``8至12个``, ``30-50家``, ``3到6亿元`` (亿 on both), ``200-300元``, ``二到四个``,
    ``5000与8000元之间``; ``cand`` is the first end's own reading, if it has one."""
    bare = cand is None or cand.type == "number"
    sep_at = first.num_end if first.unit is None or cand is None or bare else cand.end
    if text[sep_at : sep_at + 1] not in _SEP_FIRSTS:
        return None  # most numbers: no separator follows
    sep = _RANGE_SEP_RE.match(text, sep_at) or _BETWEEN_SEP_RE.match(text, sep_at)
    if not sep:
        return None
    m = NUMBER_RE.match(text, sep.end())
    if not m:
        return None
    try:
        second = _Reading(text, m.start(), m.end())
    except NumeralError:
        return None
    if second.unit is None:
        return _magnitude_range(text, start, first, second) if bare else None
    if first.unit is not None and not bare and first.unit != second.unit:
        return None
    if is_chinese_numeral(first.num_text) != is_chinese_numeral(second.num_text):
        return None
    other = _candidate(text, m.start(), second)
    if other is None or other.type == "number" or other.factor is None:
        return None
    low_amount = first.amount
    mag = _trailing_magnitude(second.num_text)
    if mag and not _trailing_magnitude(first.num_text):
        low_amount *= mag  # 3到6亿元: the 亿 belongs to both ends
    low_amount *= _shared_hundreds(first.num_text, second.num_text)  # 两至三百米: 200 to 300
    factor = Fraction(other.factor)
    low = to_decimal(Fraction(low_amount) * factor)
    high = other.amount if other.amount is not None else other.high
    if high is None or low >= high:
        return None
    end = range_end(text, other.end)
    if end == other.end and sep.re is _BETWEEN_SEP_RE:
        return None  # 5000与8000元: two amounts
    # the first end's prefix hedge, taken by the engine before this reading, hedges the range (约5至6米)
    hedged = cand is not None and cand.start < start
    return Candidate(
        start=cand.start if cand is not None else start, end=end, type=other.type, unit=other.unit, low=low, high=high,
        qualifier=cand.qualifier if hedged and cand is not None else "exact",
        per=other.per, number_text=text[start : second.num_end], unit_text=other.unit_text,
        priority=other.priority, core_start=start, core_end=second.num_end, factor=other.factor,
        shown_end=other.shown_end if end == other.end else -1,  # 5至10元每人: per 人, outside
    )


def _magnitude_range(text: str, start: int, first: _Reading, second: _Reading) -> Candidate | None:
    """``1万-1.6万不等``: two bare amounts, each with its magnitude, are one range of a number."""
    if first.unit is not None or first.inner or second.inner:
        return None
    if not (_trailing_magnitude(first.num_text) and _trailing_magnitude(second.num_text)):
        return None
    if first.amount >= second.amount:
        return None
    return Candidate(
        start=start, end=second.num_end, type="number",
        low=to_decimal(Fraction(first.amount)), high=to_decimal(Fraction(second.amount)),
        number_text=text[start : second.num_end], core_start=start, core_end=second.num_end,
    )


def _shared_hundreds(first: str, second: str) -> int:
    """The 百 or 千 a one-digit Chinese first end shares with the second (两至三百米 is 200 to
    300 m, 三到五千人 3000 to 5000); 1 when it shares none (一至十个, 三至十五个)."""
    m = _SHARED_HUNDREDS_RE.fullmatch(second)
    if len(first) == 1 and first in _ONE_DIGIT and m is not None:
        return NUMERALS.small_units[m["small"]]
    return 1


def _trailing_magnitude(numeral: str) -> Decimal | None:
    tail = ""
    for ch in reversed(numeral):
        if ch in "万亿萬億":
            tail = ch + tail
        else:
            break
    return parse_number("1" + tail) if tail else None
