"""Cue reading: which outcome cues and commitment cues each sentence has.

Shared by the reply's outcome and commitment (:mod:`pipeline.reply.decide`) and by any
reading of promises clause by clause. :func:`read_cues` reads one sentence;
:func:`read_spans` reads every sentence of a text in one pass per cue list (a scan of the
whole text costs a tenth of one scan per sentence), and gives the same result.

>>> read_cues("下一步，我局将尽快完成改造。").outcome["in_progress"]
['下一步', '尽快']
>>> read_cues("下一步，我局将尽快完成改造。").commitment.step
5
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from pipeline.reply.lexicon import Boilerplate, lexicon
from pipeline.text.regex import alternation

#: The outcome cue lists, in the order they are read (``referral`` is not an outcome).
CUE_LABELS = ("solved", "in_progress", "reference", "declined", "explained", "referral")


@dataclass(frozen=True)
class CommitmentReading:
    """What a sentence promises: ``step`` 5 concrete, 4 vague, None when it promises nothing."""

    promise: list[str] = field(default_factory=list)
    vague: list[str] = field(default_factory=list)
    concrete: list[str] = field(default_factory=list)
    at: list[int] = field(default_factory=list)  # where each promise word starts, in the text read

    @property
    def step(self) -> int | None:
        if not self.promise:
            return None
        return 5 if self.concrete else 4


@dataclass(frozen=True)
class SentenceCues:
    """The cue words of each outcome list found in one sentence, and its commitment reading."""

    outcome: dict[str, list[str]]
    commitment: CommitmentReading

    def has(self, label: str) -> bool:
        return bool(self.outcome.get(label))


_NO_PROMISE = CommitmentReading()
_NONE = SentenceCues({label: [] for label in CUE_LABELS}, _NO_PROMISE)  # shared: never changed


def read_cues(text: str) -> SentenceCues:
    """The cues of every list in ``text`` (a sentence); a cue overlapped by a blocker is dropped."""
    return read_spans(text, [(0, len(text))])[0]


def read_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[SentenceCues]:
    """The cues of each ``(start, end)`` span of ``text`` (sorted, not overlapping); a cue
    that crosses a span's end belongs to none."""
    found: dict[int, dict[str, list[str]]] = {}  # span → cue list → words, for the spans with any
    promised: dict[int, list[int]] = {}  # span → where its promise words start
    starts = [s for s, _ in spans]
    for name, (cue, blocked) in _patterns().items():
        blocks = [b.span() for b in blocked.finditer(text)] if blocked is not None else []
        for m in cue.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > spans[i][1]:
                continue
            if blocks and any(s < m.end() and m.start() < e for s, e in blocks):
                continue
            found.setdefault(i, {}).setdefault(name, []).append(m.group())
            if name == "promise":
                promised.setdefault(i, []).append(m.start())
    return [_cues(found[i], text[spans[i][0] : spans[i][1]], promised.get(i, [])) if i in found else _NONE
            for i in range(len(spans))]


def _cues(words: dict[str, list[str]], sentence: str, at: list[int]) -> SentenceCues:
    """A sentence's cues from the words found; a promise's vague and concrete words are read
    in the sentence itself (vague verbs are everywhere in a work report, promises are not)."""
    reading = _NO_PROMISE
    if "promise" in words:
        reading = read_promise(sentence, words["promise"], at)
    return SentenceCues({label: words.get(label, []) for label in CUE_LABELS}, reading)


def read_promise(text: str, promise: list[str], at: list[int]) -> CommitmentReading:
    """The commitment reading of ``text`` (a sentence or one clause) given its promise words
    and where they start: its vague and concrete words."""
    vague, concrete = _promise_patterns()
    return CommitmentReading(promise, vague.findall(text), concrete.findall(text), at)


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """Each cue list's pattern and its blockers' (outcome lists, then the commitment words)."""
    lex = lexicon()
    out: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
    for label in CUE_LABELS:
        cue = getattr(lex.cues, label)
        out[label] = (cue.regex, cue.blocked)
    out["promise"] = (re.compile(alternation(lex.commitment.promise)), None)
    return out


@cache
def _promise_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    c = lexicon().commitment
    return re.compile(alternation(c.vague)), re.compile(alternation(c.concrete))


def read_commitment(text: str) -> CommitmentReading:
    """The promise, vague and concrete words of a sentence (see ``[commitment]`` in reply.toml)."""
    return read_cues(text).commitment


@cache
def _boilerplate() -> Boilerplate:
    return lexicon().boilerplate


def is_opening(text: str) -> bool:
    """The opening that names the proposal and ends ``现答复如下``: a hand-over in it was to the replier."""
    b = _boilerplate()
    return any(w in text for w in b.opening) and any(w in text for w in b.opening_request)


def is_boilerplate(text: str) -> bool:
    """A set opening or closing formula (``现将有关情况答复如下``, ``感谢您的关心``)."""
    b = _boilerplate()
    text = text.strip()
    return len(text) <= b.max_chars and b.regex.search(text) is not None
