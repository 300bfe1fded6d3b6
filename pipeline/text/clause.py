"""Reading a clause for what it asserts: done, under way, promised, a rule, the request's own.

Pure functions over strings, shared by the quantities' status (:mod:`pipeline.linking.status`),
the year of a date written without one (:mod:`pipeline.quantities.dates`) and reply-level
readings. The cue words are data (``resources/status.toml``); a sentence is scanned once by
one regex (:func:`scan`), and each position in it asks which cue governs it (:func:`governing`):

1. a cue inside it (不低于5%), else the nearest cue before it in its own clause (between
   ，；：。), else
2. the first cue after it in its own clause (5.8公里公路拓宽，我局今年已经准备进行实施 is one
   clause per comma: 准备 governs only what stands in its clause), else
3. the nearest cue of an earlier clause of the sentence (今年，全市将投入资金约3.6亿元，新建
   教师周转房1229套: 将 carries to 1229套).

>>> cue = governing(scan("力争到2025年达到70%"), 0, 18, 12, 15)
>>> cue.status, cue.word
('planned', '力争')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from pydantic import model_validator

from pipeline.records import Status
from pipeline.resources import Lexicon, load
from pipeline.text.regex import alternation, trie_scan
from pipeline.text.traditional import simplify_chars

CueStatus = Status  # what a cue word says about the numbers of its clause
CUE_STATUSES: tuple[CueStatus, ...] = ("achieved", "ongoing", "planned", "rule", "requested", "none")


class CueLexicon(Lexicon):
    achieved: list[str]
    ongoing: list[str]
    planned: list[str]
    rule: list[str]
    requested: list[str]
    none: list[str]
    blocked: list[str]


class FrameLexicon(Lexicon):
    after_cues: list[str]
    class_endings: list[str]
    measured_rates: list[str]
    effective_from: list[str]
    effective_from_end: str
    clause_only: list[str]
    document_types: list[str]
    document_sections: list[str]
    request_sections: list[str]
    deadline_prepositions: list[str]
    deadline_types: list[str]
    act_prepositions: list[str]
    ba_words: list[str]
    ordering_verbs: list[str]
    date_frames: list[str]


class StatusLexicon(Lexicon):
    cues: CueLexicon
    frames: FrameLexicon

    @model_validator(mode="after")
    def _one_status_per_word(self) -> StatusLexicon:
        seen: dict[str, str] = {}
        for status in CUE_STATUSES:
            for word in getattr(self.cues, status):
                if word in seen:
                    raise ValueError(f"cue {word!r} listed under {seen[word]} and {status}")
                seen[word] = status
        for word in (*self.frames.after_cues, *self.frames.clause_only):
            if word not in seen:
                raise ValueError(f"after_cues, clause_only: {word!r} is no cue")
        for word in self.cues.blocked:
            if word in seen:
                raise ValueError(f"blocked word {word!r} is also a cue under {seen[word]}")
        return self


STATUS = load("status.toml", StatusLexicon)

#: cue word → the status it states; a blocked word (将来, 若干, 会议) → None.
_KIND: dict[str, CueStatus | None] = dict.fromkeys(STATUS.cues.blocked)
for _status in CUE_STATUSES:
    _KIND.update(dict.fromkeys(getattr(STATUS.cues, _status), _status))
# One trie of every word, blocked ones included: at each position the longest word wins,
# so 要求 (rule) beats 要 (planned) and 会议 (blocked) hides 会.
_CUE_RE = re.compile(trie_scan(_KIND))
#: Cues that govern a number before them in its clause (8个项目正在进行建设).
AFTER_CUES = frozenset(STATUS.frames.after_cues)
#: Cues that govern only their own clause (着力打造, 目标, 标准).
CLAUSE_ONLY = frozenset(STATUS.frames.clause_only)
#: Before a date, what makes a 将 after it 把's (于3月6日将…迁入), and those words.
_ACT_PREPOSITIONS = tuple(STATUS.frames.act_prepositions)
_BA_WORDS = frozenset(STATUS.frames.ba_words)
#: Between a date and a cue after it: the cue plans what was ordered (发函责成…尽快).
_ORDERING_RE = re.compile(alternation(STATUS.frames.ordering_verbs))
#: Right after a date, its own frame (12月7日以后), no tense of the clause.
_DATE_FRAMES = frozenset(STATUS.frames.date_frames)
#: Where a clause ends.
CLAUSE_END = frozenset("，,；;：:。！？!?\n\r")
_CLAUSE_END_RE = re.compile(r"[，,；;：:。！？!?\n\r]")
#: Where a sentence ends (a date's tense is read no further).
_SENTENCE_END_RE = re.compile(r"[。！？!?\n\r]")


class Cue(NamedTuple):
    """A cue word found in a text: the status it states, the word, where it stands."""

    status: CueStatus
    word: str
    start: int
    end: int


def scan(text: str, lo: int = 0, hi: int | None = None) -> list[Cue]:
    """The cue words of ``text[lo:hi]`` in text order, blocked words left out.

    >>> [(c.status, c.word) for c in scan("已建成4家，将建成10个")]
    [('achieved', '已'), ('planned', '将')]
    """
    cues = []
    for m in _CUE_RE.finditer(text, lo, len(text) if hi is None else hi):
        word = m.group()
        status = _KIND[word]
        if status is not None:
            cues.append(Cue(status, word, m.start(), m.end()))
    return cues


def clause_bounds(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The clause holding ``text[start:end]``, inside ``[lo, hi)``: from after the last
    clause mark before it to the first one after it.

    >>> clause_bounds("截至目前，已建成4家，将建成10个", 8, 10)
    (5, 10)
    """
    hi = len(text) if hi is None else hi
    a = start
    while a > lo and text[a - 1] not in CLAUSE_END:
        a -= 1
    m = _CLAUSE_END_RE.search(text, end, hi)
    return a, m.start() if m is not None else hi


class Reading(NamedTuple):
    """The cues around a span of a sentence.

    ``own``: a cue inside the span (不低于5%: the hedge is the quantity's own frame), else
    the nearest cue before it in its clause, else the first cue of :data:`AFTER_CUES` after
    it in the clause; ``carried``: the nearest
    cue of an earlier clause; ``following``: the first cue of a later clause.
    """

    own: Cue | None
    carried: Cue | None
    following: Cue | None


def read(cues: Sequence[Cue], clause_lo: int, clause_hi: int, start: int, end: int) -> Reading:
    """The :class:`Reading` of ``[start, end)`` in the clause ``[clause_lo, clause_hi)``, given
    the ``cues`` of its sentence in text order."""
    before = inside = after = carried = following = None
    for cue in cues:
        if cue.end <= start:
            if cue.start >= clause_lo:
                before = cue
            elif cue.word not in CLAUSE_ONLY:
                carried = cue
        elif cue.start >= start and cue.end <= end:
            inside = inside or cue
        elif cue.start >= end and cue.end <= clause_hi:
            if after is None and cue.word in AFTER_CUES:
                after = cue
        elif cue.start >= clause_hi:
            following = cue
            break
    return Reading(inside or before or after, carried, following)


def clauses_of(text: str, spans: Sequence[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """:func:`clause_bounds` of each span of one sentence ``[lo, hi)``, from one scan of its
    clause marks.

    >>> clauses_of("截至目前，已建成4家，将建成10个", [(8, 10), (16, 19)], 0, 19)
    [(5, 10), (11, 19)]
    """
    marks = [m.start() for m in _CLAUSE_END_RE.finditer(text, lo, hi)]
    out = []
    for start, end in spans:
        i = bisect.bisect_left(marks, start)  # marks before the span: marks[:i]
        j = bisect.bisect_left(marks, end)
        out.append((marks[i - 1] + 1 if i else lo, marks[j] if j < len(marks) else hi))
    return out


def governing(cues: Sequence[Cue], clause_lo: int, clause_hi: int, start: int, end: int) -> Cue | None:
    """The cue that governs ``[start, end)``: its clause's own, else the nearest of an earlier
    clause of the sentence."""
    reading = read(cues, clause_lo, clause_hi, start, end)
    return reading.own or reading.carried


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: between the sentence marks (。！？ or a line
    break) before and after it."""
    a = start
    while a > 0 and text[a - 1] not in "。！？!?\n\r":
        a -= 1
    m = _SENTENCE_END_RE.search(text, end)
    return a, m.start() if m is not None else len(text)


def future_cue(text: str, start: int, end: int) -> Cue | None:
    """The planned cue that puts ``text[start:end]`` in the future: the one governing it, or
    any in its clause (须在6月底前完成), read from its own sentence after its last ；— for the
    date finder, which works before the sentences are known; none where its own cue says the
    clause's event is done (7月11日…会议确定了…的工作目标), whatever else the clause names, nor
    a cue after a verb of ordering that follows the date (发函责成…尽快: what was ordered).

    >>> future_cue("会议将于9月26日召开", 4, 9).word
    '将'
    >>> future_cue("会议于9月26日召开", 3, 8) is None
    True
    >>> future_cue("7月11日会议确定了工作目标", 0, 5) is None
    True
    >>> future_cue("学校于3月6日将学生全部迁入新校", 3, 7) is None
    True
    >>> future_cue("于9月20日发函责成开发单位尽快整改", 1, 6) is None
    True
    >>> future_cue("对方承诺将整改；5月12日，双方达成一致", 8, 13) is None
    True
    >>> future_cue("12月7日以后都可以选号了", 0, 5) is None
    True
    >>> future_cue("7月份应兑现的奖励需要顺延", 0, 3) is None
    True
    """
    lo, hi = sentence_bounds(text, start, end)
    colon = max(text.rfind("：", lo, start), text.rfind(":", lo, start))
    if colon >= 0:  # 三、近期工作安排： 6月20日，区委书记…调研: a label's words carry no tense
        lo = colon + 1
    semicolon = max(text.rfind("；", lo, start), text.rfind(";", lo, start))
    if semicolon >= 0:  # 项目方承诺将征询业主意见；5月12日，双方达成一致: no plan carries past ；
        lo = semicolon + 1
    a, b = clause_bounds(text, start, end, lo, hi)
    simple = simplify_chars(text[lo:hi])
    cues = scan(simple)
    reading = read(cues, a - lo, b - lo, start - lo, end - lo)
    acted = text.endswith(_ACT_PREPOSITIONS, 0, start)  # 于3月6日将…迁入: 把's 将 after it

    def plans(cue: Cue) -> bool:
        if cue.status != "planned":
            return False
        if cue.start < end - lo:
            return True
        return not ((acted and cue.word in _BA_WORDS)
                    or (cue.start == end - lo and cue.word in _DATE_FRAMES)
                    or "的" in simple[end - lo : cue.start]  # 7月份应兑现的奖励需要顺延: the date's noun's
                    or _ORDERING_RE.search(simple, end - lo, cue.start) is not None)

    found = reading.own or reading.carried
    if found is not None and plans(found):
        return found
    if reading.own is not None and reading.own.status == "achieved":
        return None  # 7月11日…会议确定了…的工作目标: done in its own clause, whatever it names
    return next((c for c in cues if plans(c) and a - lo <= c.start and c.end <= b - lo), None)
