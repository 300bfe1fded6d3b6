"""Cue reading, one sentence at a time: which outcome cues and commitment cues a sentence has.

Shared by the reply's outcome and commitment (:mod:`pipeline.reply.decide`) and by any
reading of promises clause by clause: it is a pure function of the sentence's text.

>>> read_cues("下一步，我局将尽快完成改造。").outcome["in_progress"]
['下一步', '尽快']
>>> read_cues("下一步，我局将尽快完成改造。").commitment.step
5
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline.reply.lexicon import CueList, lexicon
from pipeline.text.regex import alternation

#: The outcome cue lists, in the order they are read (``referral`` is not an outcome).
CUE_LABELS = ("solved", "in_progress", "reference", "declined", "explained", "referral")


@dataclass(frozen=True)
class CommitmentReading:
    """What a sentence promises: ``step`` 5 concrete, 4 vague, None when it promises nothing."""

    promise: list[str] = field(default_factory=list)
    vague: list[str] = field(default_factory=list)
    concrete: list[str] = field(default_factory=list)

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


def read_cues(text: str) -> SentenceCues:
    """The cues of every list in ``text`` (a sentence); a cue overlapped by a blocker is dropped."""
    cues = lexicon().cues
    found = {label: _matches(getattr(cues, label), text) for label in CUE_LABELS}
    return SentenceCues(found, read_commitment(text))


def _matches(cue: CueList, text: str) -> list[str]:
    hits = [m for m in cue.regex.finditer(text)]
    if not hits:
        return []
    blocked = [b.span() for b in cue.blocked.finditer(text)] if cue.blocked else []
    return [m.group() for m in hits if not any(s < m.end() and m.start() < e for s, e in blocked)]


def read_commitment(text: str) -> CommitmentReading:
    """The promise, vague and concrete words of a sentence (see ``[commitment]`` in reply.toml)."""
    pats = _commitment_patterns()
    promise = pats[0].findall(text)
    if not promise:
        return CommitmentReading()
    return CommitmentReading(promise, pats[1].findall(text), pats[2].findall(text))


@cache
def _commitment_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = lexicon().commitment
    return (re.compile(alternation(c.promise)), re.compile(alternation(c.vague)),
            re.compile(alternation(c.concrete)))


def is_opening(text: str) -> bool:
    """The opening that names the proposal and ends ``现答复如下``: a hand-over in it was to the replier."""
    b = lexicon().boilerplate
    return any(w in text for w in b.opening) and any(w in text for w in b.opening_request)


def is_boilerplate(text: str) -> bool:
    """A set opening or closing formula (``现将有关情况答复如下``, ``感谢您的关心``)."""
    b = lexicon().boilerplate
    text = text.strip()
    return len(text) <= b.max_chars and b.regex.search(text) is not None
