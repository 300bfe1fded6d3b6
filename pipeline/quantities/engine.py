"""The quantity engine: find candidates with every kind, hedge, resolve, record.

``extract_quantities(norm, ref_date, numbers="reported")`` takes a text already
normalised (:func:`pipeline.text.normalise.normalise`), asks each kind's ``find`` for
candidates (:data:`FINDERS`), extends them over hedge words, keeps the longest of
overlapping readings, lets coordinated numbers share a unit or a hedge
(``3.1和1.6个百分点``), drops false friends (一流, 一批, 六届四次), and maps every span
back to the original text as :class:`pipeline.records.Quantity` records.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Literal

from pipeline.quantities import (
    dates,
    enumerators,
    hedges,
    measures,
    numbering,
    numbers,
    percent,
    phone,
    rank,
    ratio,
    times,
)
from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS, PER_WORD
from pipeline.quantities.lexicon import FALSE_FRIENDS
from pipeline.quantities.runs import RunPatterns
from pipeline.records import QUANTITY_GIVEN, Quantity, Sentence, whole
from pipeline.spans import keep_best
from pipeline.text.normalise import Normalised, normalise
from pipeline.text.numerals import DIGIT_CHARS, TEN, format_decimal, is_chinese_numeral
from pipeline.text.regex import alternation, trie_scan
from pipeline.text.traditional import simplify_chars

Finder = Callable[[str, Context], Iterable[Candidate]]
#: ``reported``: bare numbers only where they mean something (document mode);
#: ``all``: also every numeral on its own, see :mod:`pipeline.quantities.numbers`
NumberReading = Literal["reported", "all"]

#: The kind modules, each ``find(text, ctx) -> Iterable[Candidate]``.
FINDERS: tuple[Finder, ...] = (
    measures.find, percent.find, rank.find, ratio.find, phone.find, dates.find, times.find,
)


# One scan per regex: an alternation of literal words, and each pattern (they begin with
# a literal or a class), lets the regex engine skip in C every position no match can
# start at; one regex joining them all was tried at every position, ten times slower.
# Those that begin with a numeral run share one scan (``runs``).
_FALSE_FRIEND_WORDS_RE = re.compile(trie_scan(FALSE_FRIENDS.words))  # a trie: the same matches, a scan in half the time
_FALSE_FRIEND_SCANS = RunPatterns(list(FALSE_FRIENDS.patterns))
_CONNECTOR_RE = re.compile(alternation(KINDS.shared.connectors))
_NEIGHBOUR_LINKS = frozenset(KINDS.shared.neighbour_links)
_NOT_NEIGHBOUR_TYPES = frozenset({"number", "count", "date", "period", "phone", "rank", "duration", "time", "set"})
_ONE_DIGIT = frozenset("123456789")
_COMPARATOR_RE = re.compile(rf"(?:{alternation(KINDS.number.comparators)})\s?$")
# 每户补贴500元: per 户; 每满3分钟计费1元: per 3分钟 (kinds.toml [shared] per_thresholds)
_PER_BEFORE_RE = re.compile(
    rf"每(?:(?:{alternation(KINDS.shared.per_thresholds)})(?P<reached>[0-9.{DIGIT_CHARS}{TEN}]+{PER_WORD})|(?P<per>{PER_WORD}))"
    rf"[^，。；：每]{{0,6}}$"
)
_OPENING, _CLOSING = "“\"「『‘", "”\"」』’"  # quotation marks: opening, closing ("" both)
_CLOSE_QUOTE_RE = re.compile(f"[{_CLOSING}]")
#: the last opening quote before a numeral with no closing one after it
_OPEN_QUOTE_BEFORE_RE = re.compile(rf"[{_OPENING}][^{_OPENING}{_CLOSING}]*$")
_NAME_OPENERS = frozenset(DIGIT_CHARS + TEN)
_VAGUE_TENS_RE = re.compile(
    rf"(?:{alternation(KINDS.bare_magnitude.vague_tens)})(?<!{alternation(KINDS.bare_magnitude.not_vague_tens)})$"
)
_VAGUE_TENS_LONGEST = max(map(len, KINDS.bare_magnitude.vague_tens))
_SHORT_QUOTE = 9
#: the types a false friend drops: its words (一流, 三公) and its patterns
_FRIEND_TYPES = frozenset({"count", "number", "percent"})
#: the types only its patterns drop: the 4g of a network and the 公斤 of a pressure are no
#: weights, what is glued to a masked number (0000-00000000.04元) no money, 95mmHg no length,
#: 六亩塘 no area; 三公斤, 三公里 are no 三公; 汉高祖五年 (a reign's year) no duration
_PATTERN_FRIEND_TYPES = frozenset({"weight", "money", "length", "area", "duration"})
#: a slogan in quotes may open with what reads as money too: “三元双向”
_QUOTED_NAME_TYPES = _FRIEND_TYPES | {"money"}
_OPEN_QUOTES = frozenset(_OPENING)
_CLOSE_QUOTES = frozenset(_CLOSING)
_CHANNELS = tuple(FALSE_FRIENDS.programmes.channels)
_PROGRAMME_KINDS = tuple(FALSE_FRIENDS.programmes.kinds)


def find_candidates(
    norm: Normalised, ref_date: dt.date | None, *, numbers: NumberReading = "reported"
) -> list[Candidate]:
    """Every quantity in the normalised text, overlaps resolved, offsets normalised.

    ``numbers="all"`` adds a ``number`` for every numeral (``199`` in ``199个`` too),
    so those may nest inside other records. The finders read traditional characters as
    simplified ones (208個 is a count); the records keep the words as written.
    """
    text = enumerators.mask(simplify_chars(norm.text))  # 2.2019年: item 2, then a year
    ctx = Context(ref_date=ref_date)
    found: list[Candidate] = []
    from_suffix: set[int] = set()
    for finder in FINDERS:
        for cand in finder(text, ctx):
            if cand.core_start < 0:
                cand.core_start, cand.core_end = cand.start, cand.end
            if hedges.apply(text, cand):
                from_suffix.add(id(cand))
            found.append(cand)
    kept = _resolve(found, len(text))
    for cand in kept:
        if cand.shown_end >= 0:
            cand.end = cand.shown_end  # 18元每天: 每天 held while resolving, then let go
    friends, patterns = _false_friends(text)

    def is_friend(cand: Candidate) -> bool:
        return ((cand.type in _FRIEND_TYPES and _is_false_friend(cand, friends))
                or (cand.type in _PATTERN_FRIEND_TYPES and _is_false_friend(cand, patterns)))

    kept = _coordinate(text, kept, from_suffix, is_friend)
    sessions = _Friends(numbering.spans(text))
    out = []
    for cand in kept:
        if sessions.spans and sessions.overlap(cand.core_start, cand.core_end):
            continue  # 第十七届人民代表大会第四次会议, (第2期): numbering of any kind
        if cand.weak and (cand.type == "number" or cand.qualifier == "exact") and not _compared(text, cand):
            continue
        if cand.type in _QUOTED_NAME_TYPES and _in_short_quote(text, cand):
            continue
        if _is_programme(text, cand):
            continue  # J市电视台“今晚八点”: a programme's name
        if text.startswith(TEN, cand.core_start) and _vague_tens(text, cand.core_start):
            continue  # 数十起, 几十万元: some tens
        if is_friend(cand):
            continue
        if cand.per is None and cand.type in ("money", "count"):
            cand.per = _per_before(text, cand.start)
        out.append(cand)
    if numbers == "all":
        out = _with_every_number(text, out, friends)
    if text is not norm.text:
        for cand in out:
            _as_written(cand, text, norm.text)
    return out


def _as_written(cand: Candidate, read: str, written: str) -> None:
    """The words of a candidate found in the simplified ``read`` as ``written`` says them:
    the classifier of 208個 is 個. Both texts have the same length."""
    if read[cand.start : cand.end] == written[cand.start : cand.end] and cand.scope is None:
        return

    def back(word: str | None, lo: int, hi: int) -> str | None:
        at = read.find(word, max(0, lo), hi) if word else -1
        return written[at : at + len(word)] if word and at >= 0 else word

    unit_text = back(cand.unit_text, cand.core_end, cand.end)
    if cand.unit is not None and cand.unit == cand.unit_text:
        cand.unit = unit_text  # a classifier or a rank's unit is a word, not a code
    cand.unit_text = unit_text
    cand.per = back(cand.per, cand.core_end, cand.end)
    cand.scope = back(cand.scope, cand.start - 20, cand.start)


def _with_every_number(text: str, out: list[Candidate], friends: _Friends) -> list[Candidate]:
    """``out`` and every numeral of the number layer that is not a false friend or
    already reported as a number with the same span."""
    have = {(c.start, c.end) for c in out if c.type == "number"}
    for cand in numbers.find(text, Context()):
        if (cand.start, cand.end) not in have and not _is_false_friend(cand, friends):
            out.append(cand)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _resolve(cands: list[Candidate], size: int) -> list[Candidate]:
    """Keep the longest of overlapping candidates (then the higher priority)."""
    return keep_best(cands, size, lambda c: (c.start - c.end, -c.priority, c.weak, c.start))


def _coordinate(
    text: str, kept: list[Candidate], from_suffix: set[int], is_friend: Callable[[Candidate], bool]
) -> list[Candidate]:
    """``3.1和1.6个百分点``: a bare number takes its partner's unit; ``60%和50%左右``: a
    suffix hedge spreads back over the coordinated pair. A false friend lends nothing: the 2
    of 2、六亩塘镇 (an item's number, then a place) is no area."""
    merged: set[int] = set()
    for left, right in itertools.pairwise(kept):
        link = _CONNECTOR_RE.fullmatch(text, left.end, right.start)
        if link is None or is_friend(right) or id(left) in merged:
            continue
        if link.group() in _NEIGHBOUR_LINKS and _neighbours(left, right):
            assert left.amount is not None and right.factor is not None and right.amount is not None  # _neighbours
            low = left.amount * right.factor
            right.start, right.high = left.start, right.amount
            right.low = round(low, 2) if int(low.as_tuple().exponent) < -2 else low  # 2666.67, as 四五亩
            right.amount = right.value = None
            right.qualifier = "approx"  # 4、5亩: one rough amount, as 四五亩
            merged.add(id(left))
            continue
        if left.weak and left.type == "number" and right.type not in ("number", "count", "date", "period",
                                                                     "phone", "rank", "duration"):
            if right.factor is None or left.amount is None or left.low is not None:
                continue
            value = left.amount * right.factor
            left.type, left.unit, left.weak = right.type, right.unit, False
            left.amount, left.value = value, format_decimal(value)
            left.qualifier = right.qualifier if id(right) in from_suffix else left.qualifier
        elif id(right) in from_suffix and left.type == right.type and left.qualifier == "exact":
            left.qualifier = right.qualifier
    return [c for c in kept if id(c) not in merged] if merged else kept


def _neighbours(left: Candidate, right: Candidate) -> bool:
    """``4、5亩``: a bare one-digit number before the next digit with a unit of measure."""
    return (left.weak and left.type == "number" and left.low is None and left.amount is not None
            and right.type not in _NOT_NEIGHBOUR_TYPES and right.low is None and right.per is None
            and right.qualifier == "exact" and right.factor is not None and right.amount is not None
            and left.number_text is not None and right.number_text is not None
            and len(left.number_text) == len(right.number_text) == 1
            and left.number_text in _ONE_DIGIT and right.number_text in _ONE_DIGIT
            and int(right.number_text) == int(left.number_text) + 1)


def _per_before(text: str, start: int) -> str | None:
    """每户补贴500元: the per word of a 每 shortly before an amount, or the span a threshold
    after it reaches (每满3分钟计费1元: 3分钟). Most amounts have no 每
    before them, which one ``find`` in C tells without the regex search."""
    lo = max(0, start - 10)
    if text.find("每", lo, start) == -1:
        return None
    m = _PER_BEFORE_RE.search(text, lo, start)
    return (m["per"] or m["reached"]) if m else None


def _compared(text: str, cand: Candidate) -> bool:
    """大于3, 小于10: a bare Arabic number after a comparison."""
    return (cand.type == "number" and cand.low is None and cand.number_text is not None
            and not is_chinese_numeral(cand.number_text)
            and _COMPARATOR_RE.search(text, max(0, cand.core_start - 4), cand.core_start) is not None)


def _vague_tens(text: str, at: int) -> bool:
    """The 十 at ``at`` is some tens: 数十起, 几十万元 (not the 十 of 人数十人)."""
    return _VAGUE_TENS_RE.search(text, max(0, at - _VAGUE_TENS_LONGEST), at) is not None


def _is_programme(text: str, cand: Candidate) -> bool:
    """``cand`` fills a quotation alone, after a channel (电视台“今晚八点”) or before a word of a
    programme (“晚间10点”栏目): the programme's name.

    >>> from pipeline.quantities.base import Candidate
    >>> t = "J市电视台“今晚八点”报道"
    >>> _is_programme(t, Candidate(start=6, end=10, type="time"))
    True
    >>> _is_programme("规定“晚上10点”以后停工", Candidate(start=3, end=8, type="time"))
    False
    """
    if not (cand.start and text[cand.start - 1] in _OPEN_QUOTES and text[cand.end : cand.end + 1] in _CLOSE_QUOTES):
        return False
    return (text.endswith(_CHANNELS, 0, cand.start - 1)
            or text.startswith(_PROGRAMME_KINDS, cand.end + 1))


def _in_short_quote(text: str, cand: Candidate) -> bool:
    """A Chinese numeral in a short quoted name that opens with one: “两件大事”, “三校一院”,
    the 两场 of “一圈两场三道”."""
    if cand.number_text is None or not is_chinese_numeral(cand.number_text):
        return False
    opening = _OPEN_QUOTE_BEFORE_RE.search(text, max(0, cand.core_start - _SHORT_QUOTE), cand.core_start)
    if opening is None or text[opening.start() + 1] not in _NAME_OPENERS:
        return False
    close = _CLOSE_QUOTE_RE.search(text, cand.core_start, opening.start() + 1 + _SHORT_QUOTE)
    return close is not None


class _Friends:
    """False-friend spans (统一, 一流) in a text, indexed by start for fast overlap tests."""

    __slots__ = ("longest", "spans", "starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def near(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans that may overlap ``[lo, hi)``."""
        i = bisect.bisect_left(self.starts, lo - self.longest)
        j = bisect.bisect_left(self.starts, hi)
        return self.spans[i:j]

    def overlap(self, lo: int, hi: int) -> bool:
        """Whether a span overlaps ``[lo, hi)``."""
        near = self.near(lo, hi)  # mostly none: no generator set up for them
        return bool(near) and any(start < hi and end > lo for start, end in near)


def _false_friends(text: str) -> tuple[_Friends, _Friends]:
    """The spans of every false friend in ``text``, and of those its patterns find."""
    patterns = _FALSE_FRIEND_SCANS.spans(text)
    words = [m.span() for m in _FALSE_FRIEND_WORDS_RE.finditer(text)]
    return _Friends(words + patterns), _Friends(patterns)


def _is_false_friend(cand: Candidate, friends: _Friends) -> bool:
    """The number lies in a false friend (统一, 一流) that is not strictly inside it: the
    万一 of 一百零一万一千 and the 十分 of 十分之一 are parts of a longer numeral."""
    lo, hi = cand.core_start, cand.core_end
    near = friends.near(lo, hi)
    return bool(near) and any(start < hi and end > lo and not (lo <= start and end <= hi and end - start < hi - lo)
               for start, end in near)


def to_record(norm: Normalised, cand: Candidate, sentence: Sentence | None = None) -> Quantity:
    """The record of ``cand``, its offsets mapped back, in ``sentence`` when one is given."""
    start, end = norm.to_original(cand.start, cand.end)
    # every field in the model's order, those of QUANTITY_GIVEN from the candidate (values of
    # the fields' types already: not validated again), the later stages' at their defaults
    return whole(Quantity, {
        "type": cand.type, "text": norm.original[start:end], "start": start, "end": end,
        "value": cand.value, "amount": cand.amount, "unit": cand.unit, "qualifier": cand.qualifier,
        "low": cand.low, "high": cand.high, "per": cand.per, "of": None, "scope": cand.scope,
        "predicate": None, "change": None, "status": None, "status_cue": None, "deadline_id": None,
        "number_text": cand.number_text, "unit_text": cand.unit_text,
        "date_start": cand.date_start, "date_end": cand.date_end, "resolved": cand.resolved,
        "sentence_id": sentence.id if sentence is not None else None,
        "section_id": sentence.section_id if sentence is not None else None,
    }, QUANTITY_GIVEN)


def extract_quantities(
    norm: Normalised, ref_date: dt.date | None, *, numbers: NumberReading = "reported",
    sentences: Sequence[Sentence] = (),
) -> Iterator[Quantity]:
    """The records of :func:`find_candidates`, offsets mapped back to the original text; with
    ``sentences`` (in text order), each names the sentence and section it starts in (placed
    here rather than on copies: a record costs as much as two copies)."""
    starts = [s.start for s in sentences]
    for cand in find_candidates(norm, ref_date, numbers=numbers):
        sentence = None
        if starts:
            start = norm.offsets[cand.start]  # the record's start in the original text
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < sentences[i].end:
                sentence = sentences[i]
        yield to_record(norm, cand, sentence)


__all__ = ["FINDERS", "Decimal", "extract_quantities", "find_candidates", "normalise"]
