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
of its previous one is dropped, as ``finditer`` goes on from the end of each match. The
other patterns share one :class:`~pipeline.text.scan.SharedScan`.

>>> rp = RunPatterns(["[0-9](?<![0-9].)[0-9]*+栋", "[0-9](?<![0-9].)[0-9]*+栋(?=楼下)", "负[0-9]++层"])
>>> sorted(rp.spans("12栋楼下, 负2层, 3号"))
[(0, 3), (0, 3), (7, 10)]
"""

from __future__ import annotations

import re

from pipeline.text.regex import char_class
from pipeline.text.scan import SharedScan, first_chars

#: ``C(?<!C.)C*+`` at the start of a pattern: the run it starts with, and the rest
_RUN_START = re.compile(r"(\[[^\]]+\])\(\?<!\1\.\)\1\*\+(?P<rest>.+)", re.DOTALL)

Span = tuple[int, int]


class RunPatterns:
    """Patterns to scan a text with; those starting with a numeral run share one scan."""

    def __init__(self, patterns: list[str]) -> None:
        alone: list[str] = []
        #: run class → members by the character after the run: (index, compiled member)
        by_run: dict[str, dict[str, list[tuple[int, re.Pattern[str]]]]] = {}
        for i, pattern in enumerate(patterns):
            m = _RUN_START.fullmatch(pattern)
            first = first_chars(m["rest"]) if m else None
            if m is None or not first:
                alone.append(pattern)
                continue
            member = (i, re.compile(pattern))
            for ch in first:
                by_run.setdefault(m[1], {}).setdefault(ch, []).append(member)
        #: the others, searched by one shared scan
        self.alone = SharedScan(alone)
        self.runs = [
            (re.compile(f"{run}(?<!{run}.){run}*+(?={char_class(after)})"), after)
            for run, after in by_run.items()
        ]

    def spans(self, text: str) -> list[Span]:
        """The spans of every pattern's ``finditer`` over ``text`` (in no set order)."""
        hits = self.alone.hits(text)
        out = [m.span() for i in range(len(self.alone.patterns)) for m in hits.finditer(i)]
        for finder, after in self.runs:
            last_end: dict[int, int] = {}  # each member's last match end
            for run in finder.finditer(text):
                start = run.start()
                for i, member in after[text[run.end()]]:
                    if start >= last_end.get(i, 0) and (m := member.match(text, start)) is not None:
                        out.append(m.span())
                        last_end[i] = m.end()
        return out
