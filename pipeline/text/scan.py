"""Several patterns searched over one text by one scan: :class:`SharedScan`.

A caller that runs ``finditer`` (or a loop of ``search``) for each of twenty patterns pays
twenty whole-text scans, each stopping at every character its pattern can begin with. A
:class:`SharedScan` scans the text once, in C, for the places where at least one of its
patterns matches: a class of every character a pattern can begin with (the engine skips to
it in C), then, stepping back over that character, an alternation of the patterns, each
behind the class of its own first characters (which the engine tests before it enters a
branch) and with its groups made non-capturing (a group's marks, saved and restored at
every place tried, cost more than the rest)::

    [<first characters>](?<=[<p0's first>](?<=(?=p0)[\\s\\S])|[<p1's first>](?<=(?=p1)[\\s\\S])|…)

The rest is Python, at those few places only: each pattern that can begin with the
character there is tried with its own ``match``. :meth:`Hits.search` and :meth:`Hits.finditer` give
exactly what the pattern's own ``search`` and ``finditer`` give: ``match`` at a place finds
what ``search`` finds there (a look-behind or ``^`` still sees the whole text), and a
search from ``pos`` is the first place at or after ``pos`` where the pattern matches. One
alternation alone would not do: it returns non-overlapping leftmost matches of whichever
pattern comes first, where each pattern's own scan also finds the matches that overlap
another pattern's.

A pattern the scan cannot take is searched on its own, as before: one that may match the
empty string or whose first characters are not a short known set (a negated class, a
category), one with a back-reference or a conditional group, one with flags other than
``re.M``, ``re.S``, ``re.X`` (case folding would widen its first characters) or with its
flags written inside it (``(?m)^…``).

>>> scan = SharedScan([r"[0-9]+栋", r"[0-9]+(?=栋楼)", r"负[0-9]+层"])
>>> hits = scan.hits("12栋楼下, 负2层")
>>> [[m.span() for m in hits.finditer(i)] for i in range(3)]
[[(0, 3)], [(0, 2)], [(7, 10)]]
>>> hits.search(0, 1).span()
(1, 3)
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from pipeline.text.regex import char_class

# the parser behind ``re`` (its public name ``sre_parse`` is deprecated since 3.11)
_parser: Any = importlib.import_module("re._parser")
_C: Any = importlib.import_module("re._constants")
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT)
_SCOPED_FLAGS = ((re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"))
_ALLOWED_FLAGS = re.UNICODE | re.MULTILINE | re.DOTALL | re.VERBOSE
#: What a pattern's source is read as to make it a branch: a capturing group's opening (``(``
#: not followed by ``?``, ``(?P<name>``), a reference (``(?P=name)``, a conditional ``(?(``,
#: global flags), or what is stepped over (an escape, a class; a comment in verbose mode).
_TOKEN = (r"(?P<group>\((?!\?)|\(\?P<\w+>)|(?P<ref>\(\?P=|\(\?\(|\(\?[aiLmsux]+\))"
          r"|(?P<skip>\\.|\[\^?\]?(?:\\.|[^\]\\])*\]")
_TOKENS = re.compile(_TOKEN + ")", re.DOTALL)
_TOKENS_VERBOSE = re.compile(_TOKEN + "|#[^\n]*)", re.DOTALL)
_NUMBERED_REFS = frozenset(f"\\{d}" for d in "123456789")  # \1 … \9 (\10 begins with \1)
#: most first characters a pattern may have and still join the scan
_MAX_FIRSTS = 512


def anchored_finditer(
    pattern: re.Pattern[str], text: str, anchor: str, chars: frozenset[str] = frozenset()
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives, for a pattern whose every match is a run of
    ``chars`` (perhaps empty), then the literal ``anchor``, then more: the anchor is found by
    ``str.find`` and the pattern tried only in the run before it and at it. A scan of the
    pattern stops at every character its first class holds (one class test a character, the
    cost of a whole-text scan); ``str.find`` of a literal runs at memory speed, and most texts
    hold the anchor a few times if at all (分之, 折, 123 before a hotline's digits, the ``.`` of
    an item number).

    Exact: a match begins in the run before the first ``anchor`` at or after the last match's
    end (none before it can hold one), and the first place there that matches is the leftmost.

    >>> fraction = re.compile(r"(?<![0-9])[0-9]+分之[0-9]+")
    >>> [m.group() for m in anchored_finditer(fraction, "13分之2, 5分之4", "分之", frozenset("0123456789"))]
    ['13分之2', '5分之4']
    """
    pos = 0
    while (at := text.find(anchor, pos)) >= 0:
        begin = at
        while begin > pos and text[begin - 1] in chars:
            begin -= 1
        for start in range(begin, at + 1):
            m = pattern.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


class FewFirsts:
    """A pattern whose matches begin with one of a few characters (``《`` or ``“``; ``第`` or
    ``前``), searched by ``str.find`` of each of them, then ``match`` there. A regex scan for a
    leading class tests the class at every character of the text, where ``str.find`` of a
    literal runs at memory speed: for a class of characters that stand a few times a text, the
    finds and the few ``match`` calls cost a fraction of the scan.

    :meth:`finditer` gives what the pattern's own ``finditer`` gives: a match begins with one
    of the characters (read from the parsed pattern, as :class:`SharedScan` reads them), so the
    leftmost match at or after the last one's end is at the first of their places there where
    ``match`` succeeds.

    >>> [m.group() for m in FewFirsts(r"《[^》]+》|“[^”]+”").finditer("见“十四五”规划与《条例》")]
    ['“十四五”', '《条例》']
    """

    def __init__(self, pattern: re.Pattern[str] | str, most: int = 6) -> None:
        self.pattern = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        first, empty = (None, True) if self.pattern.flags & ~_ALLOWED_FLAGS else _starts(
            _parser.parse(self.pattern.pattern, self.pattern.flags))
        if first is None or empty or not 0 < len(first) <= most:
            raise ValueError(f"FewFirsts: {self.pattern.pattern!r} begins with none of {most} characters or fewer")
        #: the characters every match begins with
        self.firsts = tuple(sorted(first))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``pattern.finditer(text)`` gives."""
        places: list[int] = []
        for ch in self.firsts:
            at = text.find(ch)
            while at >= 0:
                places.append(at)
                at = text.find(ch, at + 1)
        if len(self.firsts) > 1:
            places.sort()
        end = 0
        for q in places:
            if q >= end and (m := self.pattern.match(text, q)) is not None:
                yield m
                end = m.end()


class SharedScan:
    """Patterns (strings or compiled) to search one text for with one scan."""

    def __init__(self, patterns: Sequence[re.Pattern[str] | str]) -> None:
        self.patterns = [p if isinstance(p, re.Pattern) else re.compile(p) for p in patterns]
        joinable = [_joinable(p) for p in self.patterns]
        #: per pattern: its first characters, or None for one searched on its own
        self.firsts: list[frozenset[str] | None] = [j and j.firsts for j in joinable]
        joined = [i for i, f in enumerate(self.firsts) if f is not None]
        #: first character → the joined patterns that can begin with it, in order
        self.by_char: dict[str, list[int]] = {}
        for i in joined:
            for ch in self.firsts[i] or ():
                self.by_char.setdefault(ch, []).append(i)
        self.finder: re.Pattern[str] | None = None
        if joined:
            self.finder = re.compile(rf"{char_class(self.by_char)}(?<={_branches(self.by_char, joinable)})")
            if self.finder.groups:  # pragma: no cover - a group _branch missed: its marks would cost
                raise ValueError(f"SharedScan: a capturing group left in {self.finder.pattern!r}")

    def hits(self, text: str) -> Hits:
        """The places in ``text`` where the joined patterns may match, for each of them."""
        places: list[list[int]] = [[] for _ in self.patterns]
        if self.finder is not None:
            by_char = self.by_char
            for hit in self.finder.finditer(text):
                q = hit.start()
                for i in by_char[text[q]]:
                    places[i].append(q)
        return Hits(self, text, places)


class Hits:
    """One text's scan: each pattern's ``search`` and ``finditer`` over it."""

    def __init__(self, scan: SharedScan, text: str, places: list[list[int]]) -> None:
        self.scan = scan
        self.text = text
        self.places = places

    def search(self, i: int, pos: int = 0) -> re.Match[str] | None:
        """What ``patterns[i].search(text, pos)`` gives."""
        pattern = self.scan.patterns[i]
        if self.scan.firsts[i] is None:
            return pattern.search(self.text, pos)
        places = self.places[i]
        for k in range(bisect.bisect_left(places, pos), len(places)):
            m = pattern.match(self.text, places[k])
            if m is not None:
                return m
        return None

    def finditer(self, i: int) -> Iterator[re.Match[str]]:
        """What ``patterns[i].finditer(text)`` gives (no joined pattern matches empty)."""
        pattern = self.scan.patterns[i]
        if self.scan.firsts[i] is None:
            yield from pattern.finditer(self.text)
            return
        end = 0
        for q in self.places[i]:
            if q >= end and (m := pattern.match(self.text, q)) is not None:
                yield m
                end = m.end()


class _Joinable(NamedTuple):
    """What a pattern that can join a shared scan joins it with."""

    firsts: frozenset[str]  # the characters a match begins with
    branch: str  # the pattern as a branch of the joined one
    seconds: frozenset[str] | None  # the characters a match goes on with (None: not known)


def _joinable(pattern: re.Pattern[str]) -> _Joinable | None:
    """The characters a match of ``pattern`` begins with and goes on with, and the pattern as a
    branch of the joined one, if it can join a shared scan."""
    if pattern.flags & ~_ALLOWED_FLAGS:
        return None
    branch = _branch(pattern)
    if branch is None:
        return None
    parsed = list(_parser.parse(pattern.pattern, pattern.flags))
    first, empty = _starts(parsed)
    if first is None or empty or not first or len(first) > _MAX_FIRSTS:
        return None
    seconds = _seconds(parsed)
    return _Joinable(first, branch, seconds if seconds and len(seconds) <= _MAX_FIRSTS else None)


def _branches(by_char: dict[str, list[int]], joinable: Sequence[_Joinable | None]) -> str:
    r"""The alternation a shared scan's finder tries where it stops: one branch per set of first
    characters that begin the same patterns, so that the engine tests each character against a
    few classes (most of them one character, a literal) rather than every pattern's class::

        [<chars>](?=[<seconds>])(?<=(?=p0|p3)[\s\S])

    The look-ahead ``[<seconds>]``, every character the branch's patterns can go on with, turns
    most places away before any pattern is tried (a numeral that no false friend's word
    follows); it is left out where a pattern's second character is not known or a match may be
    one character long. The finder matches where at least one pattern does, as before: only
    the patterns that can begin with the character there are tried, each as it is."""
    groups: dict[tuple[int, ...], list[str]] = {}
    for ch, starting in by_char.items():
        groups.setdefault(tuple(starting), []).append(ch)
    joined = {i: j for i, j in enumerate(joinable) if j is not None}  # every member is one
    branches = []
    for members, chars in groups.items():
        following: set[str] | None = set()
        for i in members:
            seconds = joined[i].seconds
            if seconds is None or following is None:
                following = None
            else:
                following |= seconds
        gate = f"(?={char_class(following)})" if following and len(following) <= _MAX_FIRSTS else ""
        alternatives = "|".join(joined[i].branch for i in members)
        branches.append(rf"{char_class(chars)}{gate}(?<=(?={alternatives})[\s\S])")
    return "|".join(branches)


def _branch(pattern: re.Pattern[str]) -> str | None:
    """The pattern as a branch of the joined one: its flags scoped to it, its groups not
    capturing (escapes, classes and, in verbose mode, comments stepped over); None for one
    with a back-reference, a conditional group or global flags written in it (``(?m)^…``:
    not at the start once joined)."""
    refers = False

    def plain(m: re.Match[str]) -> str:
        nonlocal refers
        if m.lastgroup == "group":
            return "(?:"
        if m.lastgroup == "ref" or m.group()[:2] in _NUMBERED_REFS:
            refers = True
        return m.group()

    verbose = bool(pattern.flags & re.VERBOSE)
    body = (_TOKENS_VERBOSE if verbose else _TOKENS).sub(plain, pattern.pattern)
    if refers:
        return None
    if verbose:
        body += "\n"  # a comment on the last line would swallow the closing parenthesis
    flags = "".join(letter for flag, letter in _SCOPED_FLAGS if pattern.flags & flag)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can begin with (None: not known, or it may
    match the empty string)."""
    first, empty = _starts(_parser.parse(pattern))
    return None if first is None or empty else first


def first_chars_of(*patterns: re.Pattern[str]) -> frozenset[str]:
    """The characters a match of any of ``patterns`` begins with, for a caller that tries them
    at one place: where the character there is none of them, one set look-up tells what each
    ``match`` would (no match) for a fraction of a regex call. Raises ``ValueError`` for a
    pattern whose first characters are not known or that may match the empty string.

    >>> sorted(first_chars_of(re.compile("以上|左右"), re.compile("[（(]含")))
    ['(', '以', '左', '（']
    """
    chars: set[str] = set()
    for pattern in patterns:
        first = None if pattern.flags & ~_ALLOWED_FLAGS else first_chars(pattern.pattern)
        if first is None:
            raise ValueError(f"first_chars_of: no first characters known for {pattern.pattern!r}")
        chars |= first
    return frozenset(chars)


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


_SINGLE = (_C.LITERAL, _C.IN)  # the items that match one character


def _seconds(items: list[Any]) -> frozenset[str] | None:
    """The characters that can stand second in a match of the parsed sequence ``items``: None
    when not known (a negated class, a category, a repeat that may match nothing first …) or
    when a match may be one character long. Zero-width items are stepped over (what they
    require only narrows the set)."""
    for k, (op, av) in enumerate(items):
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue
        rest = items[k + 1 :]
        if op in _SINGLE:
            return _nonempty_starts(rest)
        if op is _C.SUBPATTERN:
            return None if av[1] & re.IGNORECASE else _seconds([*av[3], *rest])
        if op is _C.ATOMIC_GROUP:
            return _seconds([*av, *rest])
        if op is _C.BRANCH:
            found: set[str] = set()
            for alt in av[1]:
                seconds = _seconds([*alt, *rest])
                if seconds is None:
                    return None
                found |= seconds
            return frozenset(found)
        if op in _REPEATS:
            least, most, sub = av
            one = list(sub)
            if least == 0 or len(one) != 1 or one[0][0] not in _SINGLE:
                return None
            own, _ = _starts(one)
            if own is None:
                return None
            if least >= 2:
                return own  # [0-9]{4}: a second of its own
            after = _nonempty_starts(rest)
            if most == 1 or after is None:
                return after
            return own | after  # [0-9]+栋: another digit, or what follows the run
        return None
    return None


def _nonempty_starts(items: list[Any]) -> frozenset[str] | None:
    """The first characters of ``items``, None when not known or when they may match empty."""
    first, empty = _starts(items)
    return None if first is None or empty else first


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
