"""Hedges and bounds around a found number: 超6家, 85%以上, 突破8万亿元, 不小于4.5米.

The policy — which word means what — is ``pipeline/resources/hedges.toml``:

* ``prefix`` and ``suffix`` words join the span (``超过了5亿元`` keeps 了);
* ``inner`` words (余 多 来 几) are read by the kind modules, inside the span;
* ``context`` words stay outside the span and only set the qualifier, and so does a
  listed prefix after a negator (没超过 20元: ``le``); a prefix after 不 and a modal stays in
  the span with its bound turned over (不得超过2000元: span 超过2000元, ``le``), and so does a
  context word's (不能少于5人: ``ge``);
* a bound after the noun a classifier counts sets the qualifier too (3人户以上: ``ge``).

A qualifier read inside the number (``约1个多小时``: 多) beats an approximate prefix.
"""

from __future__ import annotations

import re

from pipeline.quantities.base import Candidate
from pipeline.quantities.kinds import PER_WORD, QIAN_WORDS
from pipeline.quantities.lexicon import HEDGES
from pipeline.text.numerals import ORDINARY_DIGITS, ORDINARY_UNITS
from pipeline.text.regex import alternation
from pipeline.text.scan import first_chars_of

#: Types a hedge can qualify; dates and periods take only a ``dated_suffix`` (左右), ranks
#: and phone numbers none.
HEDGEABLE = frozenset({
    "count", "money", "percent", "ratio", "number", "area", "length", "weight", "volume",
    "energy", "power", "speed", "temperature", "duration",
})
_DATED = frozenset({"date", "period", "set"})  # 每年的5月左右
#: 2013年左右, 元宵节前后; not the 前后 of 前后共3次 (in all)
_DATED_SUFFIX_RE = re.compile(
    rf"(?:{alternation(HEDGES.dated_suffix)})(?![{re.escape(HEDGES.dated_suffix_not_before['chars'])}])"
)
#: 最迟至晚上11点半, 最迟于6月30日前: at the latest (le); 约2013年初: about then (approx); the
#: word outside the span
_DEADLINED = frozenset(HEDGES.deadline_scope.types)
_BEFORE_DATED = HEDGES.deadline_before | HEDGES.dated_before
_DEADLINE_RE = re.compile(
    rf"(?P<word>{alternation(_BEFORE_DATED)})[{re.escape(HEDGES.deadline_scope.fillers)}]{{0,2}}$"
)
_DEADLINE_REACH = max(map(len, _BEFORE_DATED)) + 2

_PREFIX_RE = re.compile(rf"(?P<hedge>{alternation(HEDGES.prefix)})(?P<le>了)?$")
#: the characters a prefix match ends with (``$`` also matches before a final line end:
#: 约\n10): before any other the search cannot match
_PREFIX_ENDS = frozenset({word[-1] for word in HEDGES.prefix} | {"了", "\n"})
_NEGATOR_RE = re.compile(rf"(?:{alternation(HEDGES.negators['words'])})$")
_NEGATED_MODAL_RE = re.compile(rf"(?:{alternation(HEDGES.negated_modals['words'])})$")
_NOT_HEDGE_RE = re.compile(rf"(?:{alternation(HEDGES.not_hedges['words'])})$")
_LONGER_WORD_RE = re.compile(alternation(HEDGES.not_hedges["longer"]))
_VERB_PREFIXES = frozenset(HEDGES.not_hedges["verbs"])
_SUFFIX_RE = re.compile(alternation(HEDGES.suffix))
_BREAK_SUFFIX_RE = re.compile(
    rf"(?:{alternation(HEDGES.suffix_at_break)})"
    rf"(?=[{re.escape(HEDGES.context_limits['clause_breaks'] + HEDGES.context_limits['suffix_breaks'])}]|$)"
)
_CONTEXT_BEFORE_RE = re.compile(alternation(HEDGES.context_before))
_CONTEXT_AFTER_RE = re.compile(alternation(HEDGES.context_after))
_CLAUSE_BREAK = re.compile(f"[{re.escape(HEDGES.context_limits['clause_breaks'])}]")
_DIGIT = re.compile(f"[0-9{ORDINARY_DIGITS}{ORDINARY_UNITS}]")
_CONTEXT_WINDOW = 12
#: a bound under a negator turned over (不得超过 20元: not more than, ``le``; 不能低于: ``ge``)
_NEGATED = {"gt": "le", "ge": "lt", "lt": "ge", "le": "gt"}
#: bounds pointing the other way: a prefix and an inner word that disagree (近16000余人) say
#: about; a context word outside the span does not turn the inner bound (最高可达30多万元: gt)
_OPPOSITE = {"gt": "lt", "ge": "lt", "lt": "gt", "le": "gt"}
_TOUCHING = frozenset(HEDGES.touching["words"])
#: per-words between a hedge and its number, read as the number's per later (约每小时2000元)
_PER_GAP_RE = re.compile(rf"(?:每{PER_WORD}){{1,2}}")
_FILLER_RE = re.compile(f"[{re.escape(HEDGES.context_limits['fillers'])}]{{0,2}}")
_COORDINATOR_RE = re.compile(f"[{re.escape(HEDGES.context_limits['coordinators'])}]")
_MEASURE_AFTER_RE = re.compile(alternation(HEDGES.measure_after))
_MEASURE_TYPES = frozenset(HEDGES.measure_after_scope["types"])
_SHARE_BEFORE_RE = re.compile(alternation(HEDGES.share_before))
_SHARE_TYPES = frozenset(HEDGES.share_scope.types)
#: 前 before a share: the top share (排名前10%: le); not the 前 ending 目前, 提前 …
_SHARE_PREFIX_RE = re.compile(rf"(?:{alternation(HEDGES.share_prefix)})$")
_REPEATED_AFTER_RE = re.compile(
    rf"[（(]含(?P<same>[^（）()]{{1,12}})[）)](?P<word>{alternation(HEDGES.context_after_repeated)})"
)
_GAPPED_AFTER_RE = re.compile(rf"[\u4e00-\u9fff]{{1,3}}?(?P<word>{alternation(HEDGES.context_after_gapped)})")
# what the words after a number begin with: most numbers are followed by none, and one set
# look-up of the next character then stands for the regex calls (3,400 candidates for 60 replies)
_DATED_FIRSTS = first_chars_of(_DATED_SUFFIX_RE)
_SUFFIX_FIRSTS = first_chars_of(_SUFFIX_RE)
_BREAK_FIRSTS = first_chars_of(_BREAK_SUFFIX_RE)
_AFTER_FIRSTS = first_chars_of(_CONTEXT_AFTER_RE)
_REPEATED_FIRSTS = first_chars_of(_REPEATED_AFTER_RE)
_MEASURE_FIRSTS = first_chars_of(_MEASURE_AFTER_RE)


def apply(text: str, cand: Candidate) -> bool:
    """Extend ``cand`` over adjacent hedge words and set its qualifier.

    Returns True when the qualifier came from a suffix (it may then spread to a
    coordinated number before it: ``60%和50%左右``).
    """
    if cand.type not in HEDGEABLE:
        if (cand.type in _DATED and text[cand.end : cand.end + 1] in _DATED_FIRSTS
                and (d := _DATED_SUFFIX_RE.match(text, cand.end)) is not None):
            cand.end, cand.qualifier = d.end(), HEDGES.dated_suffix[d.group()]  # 2013年左右
        if cand.type in _DEADLINED and cand.qualifier == "exact" and (
            d := _DEADLINE_RE.search(text, max(0, cand.start - _DEADLINE_REACH), cand.start)
        ) and not _NOT_HEDGE_RE.search(text, max(0, d.end("word") - 4), d.end("word")):
            cand.qualifier = _BEFORE_DATED[d["word"]]  # 最迟至晚上11点半; not 签约2013年
        return False
    inner = cand.qualifier
    found: str | None = None
    prefixed: str | None = None  # the bound of a prefix in the span
    from_suffix = False
    m = None
    if cand.start and text[cand.start - 1] in _PREFIX_ENDS:
        m = _PREFIX_RE.search(text, max(0, cand.start - 6), cand.start)
    if (m and not _NEGATOR_RE.search(text, max(0, m.start() - 2), m.start())
            and not _NOT_HEDGE_RE.search(text, max(0, m.end("hedge") - 4), m.end("hedge"))
            and not (m["hedge"] in _VERB_PREFIXES and _verb_object(text, cand))):
        cand.start = m.start()
        found = prefixed = HEDGES.prefix[m["hedge"]]
        if _NEGATED_MODAL_RE.search(text, max(0, m.start() - 2), m.start()):
            found = _NEGATED.get(found, found)  # 不得超过2000元: at most
    elif (p := _share_prefix(text, cand)) is not None:
        cand.start, found = p.start(), HEDGES.share_prefix[p.group()]  # 排名前10%: the top tenth
    after = text[cand.end : cand.end + 1]
    s = _SUFFIX_RE.match(text, cand.end) if after in _SUFFIX_FIRSTS else None
    if s:
        cand.end = s.end()
        if found is None:
            found, from_suffix = HEDGES.suffix[s.group()], True
    elif inner == "exact" and after in _BREAK_FIRSTS and (b := _BREAK_SUFFIX_RE.match(text, cand.end)):
        cand.end = b.end()  # 17亩余，
        if found is None:
            found, from_suffix = HEDGES.suffix_at_break[b.group()], True
    if found is None:
        found = _context(text, cand)
    if found is None and cand.type in _SHARE_TYPES:
        found = _share_bound(text, cand)
    if inner != "exact":
        if prefixed is not None and _OPPOSITE.get(found or "") == inner:
            cand.qualifier = "approx"  # 近16000余人: nearly and more than, about
        return False  # 约1个多小时: the 多 read inside the number wins
    if found is not None:
        cand.qualifier = found
    return from_suffix


def _verb_object(text: str, cand: Candidate) -> bool:
    """A verb prefix (过) takes ``cand`` as its object: "a/an" (过一个春节) or a number bounded
    after it (过3次以上红绿灯), never a bare bound (年过60岁).

    >>> _verb_object("过一个春节", Candidate(start=1, end=3, type="count", weak=True))
    True
    >>> _verb_object("年过60岁", Candidate(start=2, end=5, type="duration"))
    False
    """
    return cand.weak or (text[cand.end : cand.end + 1] in _SUFFIX_FIRSTS
                         and _SUFFIX_RE.match(text, cand.end) is not None)


def _context(text: str, cand: Candidate) -> str | None:
    """A hedge word in the same clause before the number, or just after it."""
    lo = max(0, cand.start - _CONTEXT_WINDOW)
    # one search first: mostly no word stands in the window, nor then in any part of it
    if _CONTEXT_BEFORE_RE.search(text, lo, cand.start) is not None:
        window = text[lo : cand.start]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        if breaks:
            window = window[breaks[-1].end() :]
        hits = list(_CONTEXT_BEFORE_RE.finditer(window))
    else:
        hits = []
    if hits:
        last = hits[-1]
        between = window[last.end() :]
        # a one-character word (约) must touch the number: 签约项目186个 is not hedged
        # (and so must a predicate: 水源不足主要有两个方面)
        near = (len(last.group()) > 1 and last.group() not in _TOUCHING) or _FILLER_RE.fullmatch(between)
        # ... or stand before the per-word the number is read against, its per (约每小时2000元)
        near = near or _PER_GAP_RE.fullmatch(between)
        # ... nor the end of a word (签约了186个, 通过了八部)
        word = _NOT_HEDGE_RE.search(window, max(0, last.end() - 4), last.end())
        longer = _LONGER_WORD_RE.match(window, last.start()) is not None  # 不及时
        # ... nor across a coordinator: 最高分和一个最低分 (the word bounds the first conjunct)
        apart = _DIGIT.search(between) or _COORDINATOR_RE.search(between)
        if near and word is None and not longer and not apart:
            found = HEDGES.context_before[last.group()]
            if _NEGATED_MODAL_RE.search(window, max(0, last.start() - 2), last.start()):
                return _NEGATED.get(found, found)  # 不能少于5人: at least
            return found
    nxt = text[cand.end : cand.end + 1]
    after = _CONTEXT_AFTER_RE.match(text, cand.end) if nxt in _AFTER_FIRSTS else None
    if after is not None:
        return HEDGES.context_after[after.group()]
    repeated = _REPEATED_AFTER_RE.match(text, cand.end) if nxt in _REPEATED_FIRSTS else None
    if repeated is not None and repeated["same"] == text[cand.start : cand.end]:
        return HEDGES.context_after_repeated[repeated["word"]]  # 1年（含1年）以上: at least
    if (cand.type in _MEASURE_TYPES and nxt in _MEASURE_FIRSTS
            and (bound := _MEASURE_AFTER_RE.match(text, cand.end)) is not None):
        return HEDGES.measure_after[bound.group()]  # 15个工作日内: at most; 在2个小区内: where
    gapped = _GAPPED_AFTER_RE.match(text, cand.end)
    return HEDGES.context_after_gapped[gapped["word"]] if gapped else None


def _share_prefix(text: str, cand: Candidate) -> re.Match[str] | None:
    """前 right before a share, the top share of a ranking (排名前10%), not ending a word
    (目前10%); a range (前三分之一至二分之一) is no bound and takes none.

    >>> share = Candidate(start=3, end=6, type="percent", value="10", unit="%")
    >>> _share_prefix("排名前10%", share).group(), _share_prefix("都目前10%", share)
    ('前', None)
    """
    if cand.type not in _SHARE_TYPES or cand.low is not None:
        return None
    p = _SHARE_PREFIX_RE.search(text, max(0, cand.start - 2), cand.start)
    if p is None or text[max(0, cand.start - 2) : cand.start] in QIAN_WORDS:
        return None
    return p


def _share_bound(text: str, cand: Candidate) -> str | None:
    """The bound of a comparator before a share of something (低于上年度人均收入的70%: lt)."""
    if not cand.start or text[cand.start - 1] != "的":
        return None
    lo = max(0, cand.start - HEDGES.share_scope.reach)
    breaks = list(_CLAUSE_BREAK.finditer(text, lo, cand.start))
    if breaks:
        lo = breaks[-1].end()
    hits = list(_SHARE_BEFORE_RE.finditer(text, lo, cand.start))
    if not hits or _DIGIT.search(text, hits[-1].end(), cand.start):
        return None
    last = hits[-1]
    found = HEDGES.share_before[last.group()]
    if _NEGATED_MODAL_RE.search(text, max(0, last.start() - 2), last.start()):
        return _NEGATED.get(found, found)  # 不得低于…的30%: at least
    return found


_MEANING = {
    "approx": "about (≈)", "gt": "more than (>)", "ge": "at least (≥)", "lt": "less than (<)", "le": "at most (≤)",
}
_WHERE = {
    "prefix": "before the number, inside the span",
    "inner": "between number and unit, inside the span",
    "suffix": "after the unit, inside the span",
    "suffix_at_break": "after the unit at the end of a clause, inside the span",
    "dated_suffix": "after a date or period, inside the span",
    "deadline_before": "before a date, period or clock time, outside the span (qualifier only)",
    "dated_before": "before a date, period or clock time, outside the span (qualifier only)",
    "context_before": "before, outside the span (qualifier only)",
    "context_after": "after, outside the span (qualifier only)",
    "context_after_gapped": "a few characters after, outside the span (qualifier only)",
    "context_after_repeated": "after a bracket repeating the span (1年（含1年）以上), outside it (qualifier only)",
    "share_prefix": "right before a share (前10%: the top tenth), inside the span",
    "share_before": "before a share of something (低于…的70%), outside the span (qualifier only)",
    "measure_after": "right after a duration, length or area, outside the span (qualifier only)",
}


def policy_markdown() -> str:
    """The published hedge policy, as a Markdown table generated from ``hedges.toml``."""
    lines = ["| qualifier | meaning | where | words |", "|---|---|---|---|"]
    for qualifier, meaning in _MEANING.items():
        for where, label in _WHERE.items():
            words = [w for w, q in getattr(HEDGES, where).items() if q == qualifier]
            if words:
                lines.append(f"| `{qualifier}` | {meaning} | {label} | {' '.join(words)} |")
    return "\n".join(lines)
