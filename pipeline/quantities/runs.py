"""Patterns that start where a numeral run starts, scanned once together.

Most false-friend patterns (``false_friends.toml``) begin with a run of numeral characters
``C(?<!C.)C*+`` (``C`` a class such as ``[0-9一二三四五六七八九十]``) and differ only in what
follows (栋, 单元, 组(?=村民) …). Each scanned on its own costs a whole-text scan, most of
it spent stopping at every numeral. :class:`RunPatterns` scans each shared run class once,
for the runs followed by a character some member can go on with, and matches only those
members there.

The matches are exactly those of each member's own ``finditer``: a member's match begins
at a run start (its look-behind), so the one scan, which stops at every run start whose
run is followed by a character a member's rest can begin with, reaches every position
where a member matches; ``match`` at a position gives what ``search`` finds there (a
look-behind still sees the text before); and a member's match that begins before the end
of its previous one is dropped, as ``finditer`` goes on from the end of each match.

>>> rp = RunPatterns(["[0-9](?<![0-9].)[0-9]*+栋", "[0-9](?<![0-9].)[0-9]*+栋(?=楼下)", "负[0-9]++层"])
>>> sorted(rp.spans("12栋楼下, 负2层, 3号"))
[(0, 3), (0, 3), (7, 10)]
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from pipeline.text.regex import char_class

# the parser behind ``re`` (its public name ``sre_parse`` is deprecated since 3.11)
_parser: Any = importlib.import_module("re._parser")
_C: Any = importlib.import_module("re._constants")
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT)
#: ``C(?<!C.)C*+`` at the start of a pattern: the run it starts with, and the rest
_RUN_START = re.compile(r"(\[[^\]]+\])\(\?<!\1\.\)\1\*\+(?P<rest>.+)", re.DOTALL)

Span = tuple[int, int]


class RunPatterns:
    """Patterns to scan a text with; those starting with a numeral run share one scan."""

    def __init__(self, patterns: list[str]) -> None:
        self.alone: list[re.Pattern[str]] = []
        #: run class → members by the character after the run: (index, compiled member)
        by_run: dict[str, dict[str, list[tuple[int, re.Pattern[str]]]]] = {}
        for i, pattern in enumerate(patterns):
            m = _RUN_START.fullmatch(pattern)
            first = _first_chars(m["rest"]) if m else None
            if m is None or not first:
                self.alone.append(re.compile(pattern))
                continue
            member = (i, re.compile(pattern))
            for ch in first:
                by_run.setdefault(m[1], {}).setdefault(ch, []).append(member)
        self.runs = [
            (re.compile(f"{run}(?<!{run}.){run}*+(?={char_class(after)})"), after)
            for run, after in by_run.items()
        ]

    def spans(self, text: str) -> list[Span]:
        """The spans of every pattern's ``finditer`` over ``text`` (in no set order)."""
        out = [m.span() for rx in self.alone for m in rx.finditer(text)]
        for finder, after in self.runs:
            last_end: dict[int, int] = {}  # each member's last match end
            for run in finder.finditer(text):
                start = run.start()
                for i, member in after[text[run.end()]]:
                    if start >= last_end.get(i, 0) and (m := member.match(text, start)) is not None:
                        out.append(m.span())
                        last_end[i] = m.end()
        return out


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can begin with (None: not known, or it may
    match the empty string)."""
    first, empty = _starts(_parser.parse(pattern))
    return None if first is None or empty else first


def _starts(seq: Any) -> tuple[frozenset[str] | None, bool]:
    """The first characters of a parsed sequence and whether it may match empty."""
    chars: set[str] = set()
    item: frozenset[str] | None
    for op, av in seq:
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # zero width: the next item gives the first character
        if op is _C.LITERAL:
            item, empty = frozenset(chr(av)), False
        elif op is _C.IN:
            item, empty = _class_chars(av), False
        elif op is _C.SUBPATTERN:
            item, empty = (_starts(av[3]) if not av[1] & re.IGNORECASE else (None, False))
        elif op is _C.ATOMIC_GROUP:
            item, empty = _starts(av)
        elif op in _REPEATS:
            item, empty = _starts(av[2])
            empty = empty or av[0] == 0
        elif op is _C.BRANCH:
            joined: set[str] = set()
            empty = False
            for alt in av[1]:
                alt_first, alt_empty = _starts(alt)
                if alt_first is None:
                    return None, False
                joined |= alt_first
                empty = empty or alt_empty
            item = frozenset(joined)
        else:
            return None, False
        if item is None:
            return None, False
        chars |= item
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _class_chars(items: Any) -> frozenset[str] | None:
    """The characters of a class (None: negated, a category or a wide range)."""
    chars: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < 256:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(chars)
