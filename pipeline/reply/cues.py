"""Cue reading: which outcome cues and commitment cues each sentence has.

Shared by the reply's outcome and commitment (:mod:`pipeline.reply.decide`) and by any
reading of promises clause by clause. :func:`read_cues` reads one sentence;
:func:`read_spans` reads every sentence of a text in one pass per cue list (a scan of the
whole text costs a tenth of one scan per sentence), and gives the same result. A list's
words and each of its patterns are searched apart and their matches merged as one
alternation's would be: each part then begins with a literal or a class that the regex
engine skips to in C (the joined alternation was tried at every character).

>>> read_cues("下一步，我局将尽快完成改造。").outcome["in_progress"]
['下一步', '将尽快完成改造']
>>> read_cues("下一步，我局将尽快完成改造。").commitment.step
5
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from pipeline.reply.lexicon import Boilerplate, lexicon
from pipeline.text.regex import alternation
from pipeline.text.scan import Hits, SharedScan

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
#: The cues of a sentence that has none: one object, shared, never changed (``is`` tests it).
NO_CUES = SentenceCues({label: [] for label in CUE_LABELS}, _NO_PROMISE)


def read_cues(text: str) -> SentenceCues:
    """The cues of every list in ``text`` (a sentence); a cue overlapped by a blocker is dropped."""
    return read_spans(text, [(0, len(text))])[0]


def read_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[SentenceCues]:
    """The cues of each ``(start, end)`` span of ``text`` (sorted, not overlapping); a cue
    that crosses a span's end belongs to none."""
    found: dict[int, dict[str, list[str]]] = {}  # span → cue list → words, for the spans with any
    promised: dict[int, list[int]] = {}  # span → where its promise words start
    starts = [s for s, _ in spans]
    scan = _shared_scan()
    hits = scan.hits(text)
    first = 0  # the list's first part in the shared scan
    for name, (parts, blocked) in _scans().items():
        blocks: list[tuple[int, int]] | None = None  # the blockers are looked for once a cue is found
        block_starts: list[int] = []
        matches = _alternation_matches(parts, text, hits, first)
        first += len(parts)
        for m in matches:
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > spans[i][1]:
                continue
            if blocks is None and blocked is not None:
                blocks = [b.span() for b in blocked.finditer(text)]
                block_starts = [s for s, _ in blocks]
            if blocks:  # the last block starting before the cue's end is the only one that can overlap it
                j = bisect.bisect_left(block_starts, m.end()) - 1
                if j >= 0 and blocks[j][1] > m.start():
                    continue
            found.setdefault(i, {}).setdefault(name, []).append(m.group())
            if name == "promise":
                promised.setdefault(i, []).append(m.start())
    return [_cues(found[i], text[spans[i][0] : spans[i][1]], promised.get(i, [])) if i in found else NO_CUES
            for i in range(len(spans))]


def _alternation_matches(parts: Sequence[re.Pattern[str]], text: str, hits: Hits | None = None,
                         first: int = 0) -> Iterator[re.Match[str]]:
    """The matches ``finditer`` gives for the alternation ``parts[0]|parts[1]|…``, each part
    searched on its own (or read from ``hits``, a shared scan of ``text`` whose patterns
    ``first``, ``first + 1`` … are the parts).

    An alternation whose branches begin with groups is tried at every character; each part
    alone begins with a literal or a class, which the regex engine skips to in C. The
    leftmost match wins, at one position the earlier part (as in the alternation); a part's
    next match is searched again only when the last match passed its start. After an empty
    match (no cue word or pattern gives one) the search moves on by one character.
    """
    def search(k: int, pos: int) -> re.Match[str] | None:
        return parts[k].search(text, pos) if hits is None else hits.search(first + k, pos)

    pending: list[re.Match[str] | None] = [search(k, 0) for k in range(len(parts))]
    pos = 0
    while True:
        best: re.Match[str] | None = None
        for k, m in enumerate(pending):
            if m is not None and m.start() < pos:
                m = pending[k] = search(k, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end() if best.end() > best.start() else best.start() + 1  # never stuck on an empty match


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
def _scans() -> dict[str, tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]]:
    """Each cue list's parts (its words as one alternation, then each pattern; see
    :func:`_alternation_matches`) and its blockers' pattern: the outcome lists, then the
    commitment words."""
    lex = lexicon()
    out: dict[str, tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]] = {}
    for label in CUE_LABELS:
        cue = getattr(lex.cues, label)
        out[label] = (cue.parts, cue.blocked)
    out["promise"] = ((re.compile(alternation(lex.commitment.promise)),), None)
    return out


@cache
def _shared_scan() -> SharedScan:
    """Every list's parts, in the order of :func:`_scans`, searched by one scan of a text."""
    return SharedScan([part for parts, _ in _scans().values() for part in parts])


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
    return len(text) <= b.max_chars and _matches(b.parts, text)


def boilerplate_flags(texts: Sequence[str]) -> list[bool]:
    """:func:`is_boilerplate` of each of ``texts`` (a document's sentences).

    A part of the patterns without anchors or look-arounds (``Boilerplate.local``) that finds
    nothing in the short sentences joined can match none of them (a sentence's match is a
    match in the joined string too), so it is searched in no sentence: a document holds one
    or two formulae, and most parts are then left out after one scan in C.
    """
    b = _boilerplate()
    stripped = [t.strip() for t in texts]
    short = [t if len(t) <= b.max_chars else None for t in stripped]
    joined = "\n".join(t for t in short if t is not None)
    parts = [p for p, local in zip(b.parts, b.local, strict=True) if not local or p.search(joined) is not None]
    return [t is not None and _matches(parts, t) for t in short]


def _matches(parts: Sequence[re.Pattern[str]], text: str) -> bool:
    for part in parts:  # noqa: SIM110 — called once a sentence: any() over a generator cost 3x the loop
        if part.search(text) is not None:
            return True
    return False
