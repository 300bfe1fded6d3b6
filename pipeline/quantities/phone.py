"""Phone numbers: 8-digit local, with an area code, 11-digit mobile, 400/800 lines, and
after a contact label 7-digit local numbers and 5-digit service hotlines.

``value`` is the digits as written with separators removed (``0735-7775377`` → ``07357775377``).
A 7-digit number or a hotline (12345) is a phone only where the words say so: after a
label such as 联系电话, 热线 or 拨打 on its line (联系电话：7721810), after an area code
(0731-12358), or, for a hotline, before a word that names it (12345热线).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS
from pipeline.text.regex import alternation, rest_alternation, spaced_alternation
from pipeline.text.scan import anchored_finditer

_LEX = KINDS.phone
_SEP = r"(?:[-—－]{1,2}[ ]?|\s)?"  # 0735-7775377, 0745——2788218, 0736- 7898402 (a class: the patterns are verbose)
_HOTLINE = rf"(?:{alternation(_LEX.hotline_prefixes)})[0-9]{{2}}"
#: The plain form: not after a digit, letter, point or hyphen, one of
#: ``1[3-9]\d{9}`` (mobile) | ``400|800 - ddd - dddd`` (toll-free) |
#: ``0dd(d) or (0dd(d)) - [2-9]d{6,7}|123dd`` (area code; a bracket opened before it closes
#: after it) | ``[2-9]\d{7}`` (local), and no digit after.
_PLAIN = rf"""(?<![0-9A-Za-z.\-])
    (?:
        (?P<mobile>1[3-9][0-9]{{9}})
      | (?P<tollfree>(?:{alternation(_LEX.toll_free)}){_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}})
      | (?P<area>(?:[(（]0[1-9][0-9]{{1,2}}[)）]|0[1-9][0-9]{{1,2}}){_SEP}(?:[2-9][0-9]{{6,7}}|{_HOTLINE}))
      | (?P<local>[2-9][0-9]{{7}})
    )
    (?![0-9])"""
# The same, written to begin with the class of its first characters, which the regex engine
# scans for in C (the lookbehind of the plain form has it try the pattern at every
# character). The first character is read once; each branch checks it by a lookbehind, in
# the plain form's order, so the same branch wins at every position.
_PHONE_RE = re.compile(
    rf"""[0-9(（](?<![0-9A-Za-z.\-].)
    (?:
        (?<=1)[3-9][0-9]{{9}}
      | (?:{rest_alternation(_LEX.toll_free)}){_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}}
      | (?:(?<=[(（])0[1-9][0-9]{{1,2}}[)）]|(?<=0)[1-9][0-9]{{1,2}}){_SEP}(?:[2-9][0-9]{{6,7}}|{_HOTLINE})
      | (?<=[2-9])[0-9]{{7}}
    )
    (?![0-9])""",
    re.VERBOSE,
)
# Words after which a local number cannot be a phone: it is an amount or a code.
_NOT_AFTER = re.compile(r"[元万亿年月日号个人家次%.,]")
#: A contact label (联系电话, 热 线, 拨打); the first digits within its reach on its line
#: and the numbers listed with them (12358或4427170) are the label's, and the short numbers
#: among them phones: a 7-digit local number or a hotline, each a whole digit run.
_LABEL_RE = re.compile(spaced_alternation(_LEX.labels))
_FIRST_DIGIT = re.compile(r"[0-9]")
_NUMBER_LIST = re.compile(r"[0-9][0-9\-—－()（） ]*+(?:[ \t]*+[或、，,/及和][ \t]*+[0-9][0-9\-—－()（） ]*+)*+")
_SHORT_RE = re.compile(
    rf"[0-9](?<![0-9A-Za-z.\-/].)(?:(?<=[2-9])[0-9]{{6}}|{rest_alternation(_LEX.hotline_prefixes)}[0-9]{{2}})(?![0-9])"
)
_LABEL_STOP = re.compile(r"[\n。；！？]")
#: A hotline named as one by the word after it: 12345热线, “12315”投诉电话.
_NAMED_HOTLINE_RE = re.compile(
    rf"[0-9](?<![0-9A-Za-z.\-/].)(?:{rest_alternation(_LEX.hotline_prefixes)})[0-9]{{2}}"
    rf"(?![0-9])(?=[”\"」]?(?:{alternation(_LEX.hotline_words)}))"
)


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    seen: set[int] = set()
    for m in (*_PHONE_RE.finditer(text), *_labelled(text), *_named_hotlines(text)):
        if m.start() in seen or _NOT_AFTER.match(text, m.end()):
            continue
        seen.add(m.start())
        digits = re.sub(r"[^0-9]", "", m.group())
        yield Candidate(
            start=m.start(), end=m.end(), type="phone", value=digits, number_text=m.group(),
            priority=4, core_start=m.start(), core_end=m.end(),
        )


def _named_hotlines(text: str) -> list[re.Match[str]]:
    """What ``_NAMED_HOTLINE_RE.finditer(text)`` gives, found from the prefixes (123) by
    ``str.find`` instead of a scan that stops at every digit. A match begins with its prefix;
    it is digits only and follows no digit, so no match begins inside another, and the matches
    at the prefixes' places are all of them."""
    found = {m.start(): m for prefix in _LEX.hotline_prefixes
             for m in anchored_finditer(_NAMED_HOTLINE_RE, text, prefix)}
    return [found[start] for start in sorted(found)]


def _labelled(text: str) -> Iterator[re.Match[str]]:
    """The short numbers of the number lists after contact labels, each list read once."""
    done = 0
    for label in _LABEL_RE.finditer(text):
        if label.start() < done:
            continue
        hi = min(len(text), label.end() + _LEX.label_reach)
        stop = _LABEL_STOP.search(text, label.end(), hi)
        first = _FIRST_DIGIT.search(text, label.end(), stop.start() if stop else hi)
        if first is None:
            continue
        listed = _NUMBER_LIST.match(text, first.start())
        assert listed is not None  # it starts with the digit found
        done = listed.end()
        yield from _SHORT_RE.finditer(text, listed.start(), listed.end())
