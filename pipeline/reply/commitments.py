"""Promises as rows: one :class:`~pipeline.records.Commitment` per clause that promises.

Read from the reply's own cue scan (:func:`pipeline.reply.cues.read_spans` says where each
sentence's promise words stand) and the clause reader of the status pass
(:mod:`pipeline.text.clause`), by these rules:

1. a promise word of ``[commitment] promise`` (reply.toml) counts only where the clause
   reader reads a ``planned`` cue over it (status.toml): 将军, 将近, 计划生育, 原计划 are
   blocked words there, so they promise nothing;
2. it is no promise when a cue of the request stands before it in its clause (您建议将…,
   如果), when the nearest cue before it in its clause is achieved or rule (已将其…: 将 is
   "to take", done; 须将…, 可以申请将…: a rule), or when its clause reports the plan as
   done: an achieved cue after it in the clause (计划新建的3座公厕已全部完工), or a date
   before it that the status pass reads as past (2019年计划…);
3. its clause runs between the clause marks around it (，；：。); a promise word with
   nothing after it in its clause but words of rule 4's skipped kind (下一步，, 下一步计划：)
   promises the next clause that is not blank, when it opens its clause (else it is a
   noun, a plan's name: 外资研发中心提升计划; so is one before ” 》 、: “强基计划”),
   unless that clause has a promise word of its own; one row per clause, its cue the
   clause reader's word over the promise word (即将, 将在);
4. the verb is the two characters after the promise word, once the words of
   ``[commitment] before_verb`` (进一步, 于, 年底前 …) and dates are skipped; the object is
   the rest of the clause;
5. the quantities are the clause's quantities of status ``planned``; the deadline the first
   ``deadline_id`` among them, else a planned date or period of the clause itself;
6. the responsible unit is the last GOV or ORG entity of the clause before the promise
   word (县住建局将…); with none, the replying agency is assumed;
7. the scale is ``concrete`` with a concrete word of the commitment scale (年底前, 尽快) in
   the clause, a deadline or a planned quantity, else ``vague``.

>>> from pipeline import extract
>>> [(k.cue, k.verb, k.object) for k in extract("下一步，我局将进一步加强路灯管理。").commitments]
[('将', '加强', '路灯管理')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from pipeline.records import Commitment, Entity, Quantity, Sentence
from pipeline.reply.cues import CommitmentReading, read_promise
from pipeline.reply.decide import Read
from pipeline.reply.lexicon import lexicon
from pipeline.text.clause import Cue, scan
from pipeline.text.regex import alternation
from pipeline.text.traditional import simplify_chars

__all__ = ["find_commitments"]

_DATED = frozenset({"date", "period"})
_SKIPPED = frozenset({"date", "period", "time", "duration"})  # stand between a promise and its verb
_UNITS = frozenset({"GOV", "ORG"})
_NAME_ENDS = ("”", "’", "》", "」", "、", '"')  # after a promise word: it ends a name (“强基计划”)
_NOT_PROMISED = frozenset({"achieved", "rule"})  # the nearest cue before a promise word says it is none
_CLAUSE_MARK = re.compile(r"[，,；;：:。！？!?\n\r]")
_HAN = re.compile(r"[\u4e00-\u9fff]{2}")
_BLANK = " \t\u3000"


@cache
def _before_verb() -> re.Pattern[str]:
    return re.compile(alternation(lexicon().commitment.before_verb))


class _Local(NamedTuple):
    """A quantity of the sentence, its offsets relative to the sentence."""

    id: str
    type: str
    status: str | None
    deadline_id: str | None
    start: int
    end: int


@dataclass(frozen=True)
class _Promise:
    clause: int  # index of the clause it promises
    word: str
    at: int  # where the word starts, relative to the sentence
    own: bool  # the word stands in the clause it promises (not 下一步， before it)


def find_commitments(text: str, reads: Sequence[Read], quantities: Sequence[Quantity],
                     entities: Sequence[Entity]) -> list[Commitment]:
    """The commitments of a reply's body sentences (``reads``, with their cues), in text order;
    quantity ids are ``q`` and the 1-based position in ``quantities``."""
    promising = [r for r in reads
                 if r.cues.commitment.at and not r.boilerplate and not r.sentence.id.startswith(("h", "c"))]
    if not promising:
        return []
    ids = {r.sentence.id for r in promising}
    by_sentence: dict[str, list[tuple[str, Quantity]]] = {}
    for n, q in enumerate(quantities, 1):
        if q.sentence_id in ids:
            by_sentence.setdefault(q.sentence_id, []).append((f"q{n}", q))
    units: dict[str, list[Entity]] = {}
    for e in entities:
        if e.sentence_id in ids and e.label in _UNITS:
            units.setdefault(e.sentence_id, []).append(e)
    out: list[Commitment] = []
    for r in promising:
        s = r.sentence
        out.extend(_sentence(s, r.cues.commitment, by_sentence.get(s.id, []), units.get(s.id, []), len(out)))
    return out


def _sentence(s: Sentence, reading: CommitmentReading, qs: list[tuple[str, Quantity]],
              units: list[Entity], done: int) -> list[Commitment]:
    simple = simplify_chars(s.text)  # 將 reads as 将; the length is kept
    cues = scan(simple)
    marks = [m.start() for m in _CLAUSE_MARK.finditer(simple)]
    bounds = [(marks[i - 1] + 1 if i else 0, marks[i] if i < len(marks) else len(simple))
              for i in range(len(marks) + 1)]
    local = [_Local(qid, q.type, q.status, q.deadline_id, q.start - s.start, q.end - s.start) for qid, q in qs]
    chosen: dict[int, _Promise] = {}
    for word, p in zip(reading.promise, reading.at, strict=True):
        promise = _promise(simple, cues, bounds, local, word, p - s.start)
        if promise is not None and (promise.clause not in chosen or (promise.own and not chosen[promise.clause].own)):
            chosen[promise.clause] = promise
    out: list[Commitment] = []
    for i in sorted(chosen):
        out.append(_commitment(f"k{done + len(out) + 1}", s, simple, bounds[i], chosen[i], local, units))
    return out


def _promise(simple: str, cues: list[Cue], bounds: list[tuple[int, int]], qs: list[_Local],
             word: str, at: int) -> _Promise | None:
    """The clause a promise word at ``at`` promises, or None when it is no promise (rules 1-3)."""
    end = at + len(word)
    planned = next((c for c in cues if c.status == "planned" and c.start < end and at < c.end), None)
    if planned is None:
        return None  # blocked (将军, 计划生育) or read otherwise by the clause reader
    word, at, end = planned.word, min(at, planned.start), max(end, planned.end)  # 即将, 将在: the reader's word
    i = bisect.bisect_right([a for a, _ in bounds], at) - 1
    a, b = bounds[i]
    before = [c for c in cues if a <= c.start and c.end <= at]
    if any(c.status == "requested" for c in before):
        return None  # 您建议将…: the request's
    if before and before[-1].status in _NOT_PROMISED:
        return None  # 已将其…, 须将…: done, or a rule's
    if any(c.status == "achieved" and c.start >= end and c.end <= b for c in cues):
        return None  # 计划新建的3座已完工: a past plan
    if any(q.type in _DATED and q.status == "achieved" and a <= q.start and q.end <= at for q in qs):
        return None  # 2019年计划…
    if simple.startswith(_NAME_ENDS, end):
        return None  # “头羊计划”, 人才培养计划、: a name
    if _verb_start(simple, end, b, qs) >= b:
        if _verb_start(simple, a, at, qs) < at:
            return None  # …外资研发中心提升计划: a plan's name ends the clause, no promise
        # 下一步，… 下一步计划：…: the next clause that says something
        following = next((j for j in range(i + 1, len(bounds)) if simple[slice(*bounds[j])].strip(_BLANK)), None)
        if following is not None:
            return _Promise(following, word, at, own=False)
    return _Promise(i, word, at, own=True)


def _commitment(kid: str, s: Sentence, simple: str, clause: tuple[int, int], promise: _Promise,
                qs: list[_Local], units: list[Entity]) -> Commitment:
    a, b = clause
    while a < b and simple[a] in _BLANK:
        a += 1
    inside = [q for q in qs if a <= q.start and q.end <= b]
    planned = [q for q in inside if q.status == "planned"]
    deadline = next((q.deadline_id for q in planned if q.deadline_id), None)
    deadline = deadline or next((q.id for q in planned if q.type in _DATED), None)
    verb_at = _verb_start(simple, promise.at + len(promise.word) if promise.own else a, b, inside)
    has_verb = _HAN.match(simple, verb_at) is not None and verb_at + 2 <= b
    obj = s.text[verb_at + 2 : b].strip(_BLANK) if has_verb else ""
    subject_end = promise.at if promise.own else verb_at  # 县住建局将…; 下一步，县住建局加快…
    unit = [e for e in units if s.start + a <= e.start and e.end <= s.start + subject_end]
    clause_text = s.text[a:b]
    concrete = read_promise(clause_text, [promise.word], [promise.at]).concrete
    return Commitment(
        id=kid, sentence_id=s.id, text=clause_text, start=s.start + a, end=s.start + b, cue=promise.word,
        verb=s.text[verb_at : verb_at + 2] if has_verb else None, object=obj or None,
        quantity_ids=[q.id for q in planned], deadline_id=deadline,
        entity_id=unit[-1].id if unit else None, replier_assumed=not unit,
        scale="concrete" if concrete or deadline or planned else "vague",
    )


def _verb_start(simple: str, i: int, b: int, qs: list[_Local]) -> int:
    """Past the adverbs, prepositions of time and dates after a promise word (rule 4)."""
    skip = _before_verb()
    starts = {q.start: q.end for q in qs if q.type in _SKIPPED}
    while i < b:
        if simple[i] in _BLANK:
            i += 1
        elif i in starts:
            i = starts[i]
        elif (m := skip.match(simple, i, b)) is not None:
            i = m.end()
        else:
            break
    return i
