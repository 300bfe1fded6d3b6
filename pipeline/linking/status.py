"""Each quantity's status — achieved, ongoing, planned, rule, requested or none — and a
promise's deadline.

The status is judged from the quantity's own clause (:mod:`pipeline.text.clause`), in this
order; the first rule that applies decides, and ``status_cue`` records which:

1. about the document: a phone, a date in the header or closing → ``none``;
2. a cue of the request or a hypothesis before it in its clause, or one whose quotation it
   stands in (您反映, 代表所提“…”, 如果) → ``requested`` (您反映的“…每户出800元”: the
   request's, though a rate); a number of the header (the title quoting the request,
   5位代表) → ``requested``; a date right after a page label (发布日期：) → ``none``;
3. a rate (``per`` set: 每人每月500元, 1000元/户), unless it measures an income or output
   (``frames.measured_rates``, not where its clause makes it effective from a date: 工资从2014年
   1月1日起…增加265元) or its clause says it is done, or a class (100亿元以上项目,
   66人以上的超大班额) → ``rule``;
4. the cue of its clause (已 → achieved, 正在 → ongoing, 将/计划/力争 → planned, 标准为/不低于
   → rule): one inside its span (不低于5%), else the nearest before it, else an adverb after
   it (8个项目正在建设);
5. the nearest date before it in its sentence (or itself, for a date) against the document
   date — ahead of it → ``planned``, behind it → ``achieved`` — or the cue of an earlier
   clause, whichever stands nearer; a date written without its year in the week before the
   document date says nothing against a planned cue (9月14日起将调整: the plan's date, as the
   date finder reads it);
6. a planned or ongoing adverb opening the next clause (今年，我局将…); else ``achieved``.

``达到`` decides nothing: 2023年达到70% is achieved by its date, 力争到2025年达到70% planned
by 力争. A planned quantity links to the date or period bounding it in its clause
(``deadline_id``: 到2025年 for 70%).

>>> from pipeline import extract
>>> [(q.text, q.status, q.status_cue) for q in extract("已建成4家，将建成10个。").quantities]
[('4家', 'achieved', '已'), ('10个', 'planned', '将')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pipeline.quantities.dates import PLANNED_SLACK, without_year
from pipeline.records import Quantity, Sentence, Status, copied
from pipeline.text.clause import AFTER_CUES, STATUS, Cue, Reading, clauses_of, read, scan
from pipeline.text.regex import alternation
from pipeline.text.traditional import simplify_chars

__all__ = ["Run", "by_sentence", "judge", "statuses"]

Run = tuple[int, int, int, int]  # quantities[i:j] stand in the sentence [lo, hi)
_FRAMES = STATUS.frames
_DOCUMENT_TYPES = frozenset(_FRAMES.document_types)
_DOCUMENT_SECTIONS = frozenset(_FRAMES.document_sections)
_REQUEST_SECTIONS = frozenset(_FRAMES.request_sections)
_DEADLINE_TYPES = frozenset(_FRAMES.deadline_types)
_CLASS_END_RE = re.compile(rf"(?:{alternation(_FRAMES.class_endings)})$")
_DEADLINE_BEFORE_RE = re.compile(rf"(?:{alternation(_FRAMES.deadline_prepositions)})\s*$")
_CLASS_NOUN_RE = re.compile(r"的?[^\W\d_]")  # after 以上: the class's noun (项目, 的超大班额)
_MEASURED = tuple(_FRAMES.measured_rates)
_EFFECTIVE_RE = re.compile(
    rf"(?:{alternation(_FRAMES.effective_from)})[^，,。；;：:]*{re.escape(_FRAMES.effective_from_end)}"
)
_LOOSE = 60  # a quantity outside every sentence reads this far either side
_DATED = frozenset({"date", "period"})
_CLAUSE_END_RE = re.compile(r"[，,；;：:。！？!?\n\r]")
_LABEL_GAP = 8  # characters between a page label and its date (生效日期: | 2018-08-08)
_FORWARD = frozenset({"planned", "ongoing"})  # a topic (今年，) takes these from the clause after it


def judge(text: str, quantities: list[Quantity], sentences: Sequence[Sentence],
          ref_date: dt.date | None) -> list[Quantity]:
    """Copies of ``quantities`` (in text order, offsets into ``text``) with ``status``,
    ``status_cue`` and, for a planned one, ``deadline_id`` (``q`` and its 1-based position)."""
    runs = by_sentence(quantities, sentences, len(text))
    return [copied(q, update) for q, update in zip(quantities, statuses(text, quantities, runs, ref_date),
                                                   strict=True)]


def by_sentence(quantities: Sequence[Quantity], sentences: Sequence[Sentence], length: int) -> list[Run]:
    """The runs of ``quantities`` (in text order) read together: ``(i, j, lo, hi)`` for
    ``quantities[i:j]``, the quantities of the sentence ``[lo, hi)``; a quantity outside every
    sentence is a run of its own, read ``_LOOSE`` characters either side (``length``: the text's)."""
    by_id = {s.id: s for s in sentences}
    runs: list[Run] = []
    i = 0
    while i < len(quantities):
        q = quantities[i]
        s = by_id.get(q.sentence_id) if q.sentence_id is not None else None
        j = i + 1
        if s is None:
            runs.append((i, j, max(0, q.start - _LOOSE), min(length, q.end + _LOOSE)))
        else:
            while j < len(quantities) and quantities[j].sentence_id == q.sentence_id:
                j += 1
            runs.append((i, j, s.start, s.end))
        i = j
    return runs


def statuses(text: str, quantities: list[Quantity], runs: Sequence[Run], ref_date: dt.date | None,
             ofs: Sequence[str | None] | None = None) -> list[dict[str, object]]:
    """The updates :func:`judge` makes, one per quantity, without copying the records
    (``runs``: :func:`by_sentence`); ``ofs`` stands in for each quantity's ``of`` (what
    linking found before its record is copied)."""
    simple = simplify_chars(text)  # 將建成 reads as 将建成; the length is kept
    of_each = [q.of for q in quantities] if ofs is None else ofs
    out: list[dict[str, object]] = []
    for i, j, lo, hi in runs:
        out.extend(_judge_sentence(simple, quantities[i:j], of_each[i:j], i, lo, hi, ref_date))
    return out


def _judge_sentence(text: str, qs: list[Quantity], ofs: Sequence[str | None], first: int, lo: int, hi: int,
                    ref_date: dt.date | None) -> list[dict[str, object]]:
    cues = scan(text, lo, hi)  # one pass per sentence
    clauses = clauses_of(text, [(q.start, q.end) for q in qs], lo, hi)
    out = []
    dated: Quantity | None = None  # the last date or period before the quantity
    for k, q in enumerate(qs):
        status, cue = _status(text, q, ofs[k], dated, clauses[k], cues, ref_date)
        if q.type in _DATED:
            dated = q
        update: dict[str, object] = {"status": status, "status_cue": cue}
        if status == "planned" and q.type not in _DATED:
            deadline = _deadline(text, qs, clauses, k)
            if deadline is not None:
                update["deadline_id"] = f"q{first + deadline + 1}"
        out.append(update)
    return out


def _status(text: str, q: Quantity, of: str | None, dated: Quantity | None, clause: tuple[int, int], cues: list[Cue],
            ref_date: dt.date | None) -> tuple[Status, str]:
    a, b = clause
    if q.type in _DOCUMENT_TYPES:
        return "none", q.type
    if q.section_id in _DOCUMENT_SECTIONS and (q.type in _DATED or q.section_id not in _REQUEST_SECTIONS):
        return "none", q.section_id
    reading = read(cues, a, b, q.start, q.end)
    request = _request(text, cues, reading, q.start)
    if request is not None:
        return "requested", request.word
    if q.section_id in _REQUEST_SECTIONS:
        return "requested", q.section_id
    label = _label(reading, q)
    if label is not None:  # 发布日期：2018-08-08
        return "none", label.word
    own = reading.own if reading.own is not None and reading.own.status != "none" else None
    # not 平均为23000元/月, nor 毛收入…12200元/月: measured; but 工资从2014年1月1日起…增加265元: a scheme's
    measured = (of or "").endswith(_MEASURED) and _EFFECTIVE_RE.search(text, a, q.start) is None
    if q.per is not None and not measured and (own is None or own.status != "achieved"):
        return "rule", "per"
    m = _CLASS_END_RE.search(q.text)
    if m is not None and _CLASS_NOUN_RE.match(text, q.end):
        return "rule", m.group()
    carried = reading.carried if reading.carried is not None and reading.carried.status != "none" else None
    timed = _by_date(q if q.type in _DATED else dated, ref_date)
    if timed is not None and _planned_this_week(own or carried, q if q.type in _DATED else dated, ref_date):
        timed = None  # 9月14日起我司将调整 in a reply dated 9月18日: the plan's date
    if own is not None and (q.type not in _DATED or own.end <= q.start or timed is None):
        return own.status, own.word  # a date's own time beats a cue after it (2011年计划招12人)
    if timed is not None and (carried is None or timed[2] >= carried.end):
        return timed[0], timed[1]
    if carried is not None:
        return carried.status, carried.word
    following = reading.following  # 今年，我局将…; 5.8公里公路拓宽，我局今年已经准备实施
    if (following is not None and following.status in _FORWARD and following.word in AFTER_CUES
            and not _CLAUSE_END_RE.search(text, b + 1, following.start)):  # only from the next clause
        return following.status, following.word
    return "achieved", "default"


def _planned_this_week(cue: Cue | None, d: Quantity | None, ref_date: dt.date | None) -> bool:
    """The date ``d``, written without its year, ends in the days just before the document date
    and the cue governing the quantity is planned (9月14日起我司将调整, 要求…尽快筹措资金，在
    11月29日前…完成退款, dated a few days later): the date is the plan's, as the date finder
    reads it (the reply was written before it is dated), not a sign that the quantity is done.
    A date with its year keeps its order (2017年5月26日到派出所… after a 将 before)."""
    return (cue is not None and cue.status == "planned" and d is not None and ref_date is not None
            and d.date_end is not None and ref_date - PLANNED_SLACK <= d.date_end < ref_date
            and without_year(d.text))


def _label(reading: Reading, q: Quantity) -> Cue | None:
    """A page label right before a date (发布日期：2018-08-08, 生效日期: | 2018-08-08)."""
    if q.type not in _DATED:
        return None
    for cue in (reading.own, reading.carried):
        if cue is not None and cue.status == "none" and q.start - cue.end <= _LABEL_GAP:
            return cue
    return None


def _request(text: str, cues: list[Cue], reading: Reading, start: int) -> Cue | None:
    """The request cue that governs a number: the nearest cue before it in its clause, or one
    whose quotation the number stands in (代表所提“…累计实施项目39个…”)."""
    last = None
    for cue in cues:
        if cue.end > start:
            break
        if cue.status == "requested":
            last = cue
    if last is None:
        return None
    opened = text.find("“", last.end, start)
    if opened >= 0 and text.find("”", opened, start) < 0:
        return last
    return last if reading.own is last else None


def _by_date(d: Quantity | None, ref_date: dt.date | None) -> tuple[Status, str, int] | None:
    """What the date ``d`` — the quantity itself if a date, else the nearest date before it in
    its sentence — says against the document date: ahead of it → planned, behind it →
    achieved; None when it spans the document date. The third item is where ``d`` ends."""
    if ref_date is None or d is None:
        return None
    if d.date_start is not None and d.date_start > ref_date:
        return "planned", "date>ref", d.end
    if d.date_end is not None and d.date_end < ref_date:
        return "achieved", "date<ref", d.end
    return None


def _deadline(text: str, qs: list[Quantity], clauses: list[tuple[int, int]], k: int) -> int | None:
    """The date or period of a planned quantity's clause that bounds it: one after 到/至/于
    (到2025年), else any before it in the clause, else one after it."""
    same = [j for j in range(len(qs)) if j != k and clauses[j] == clauses[k] and qs[j].type in _DEADLINE_TYPES]
    if not same:
        return None
    marked = [j for j in same if _DEADLINE_BEFORE_RE.search(text, max(0, qs[j].start - 4), qs[j].start)]
    before = [j for j in same if qs[j].start < qs[k].start]
    for group in (marked, before, same):
        if group:
            return group[-1] if group is before else group[0]
    return None
