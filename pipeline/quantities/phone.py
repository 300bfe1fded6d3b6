"""Phone numbers: 8-digit local, with an area code, 11-digit mobile, 400/800 lines.

``value`` is the digits as written with separators removed (``0735-7775377`` → ``07357775377``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS
from pipeline.text.regex import alternation, rest_alternation

_SEP = r"[-—－\s]?"
#: The plain form: not after a digit, letter, point or hyphen, one of
#: ``1[3-9]\d{9}`` (mobile) | ``400|800 - ddd - dddd`` (toll-free) |
#: ``(0dd(d)) - [2-9]d{6,7}`` (area code) | ``[2-9]\d{7}`` (local), and no digit after.
_PLAIN = rf"""(?<![0-9A-Za-z.\-])
    (?:
        (?P<mobile>1[3-9][0-9]{{9}})
      | (?P<tollfree>(?:{alternation(KINDS.phone.toll_free)}){_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}})
      | (?P<area>[(（]?0[1-9][0-9]{{1,2}}[)）]?{_SEP}[2-9][0-9]{{6,7}})
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
      | (?:{rest_alternation(KINDS.phone.toll_free)}){_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}}
      | (?:(?<=[(（])0|(?<=0))[1-9][0-9]{{1,2}}[)）]?{_SEP}[2-9][0-9]{{6,7}}
      | (?<=[2-9])[0-9]{{7}}
    )
    (?![0-9])""",
    re.VERBOSE,
)
# Words after which a local number cannot be a phone: it is an amount or a code.
_NOT_AFTER = re.compile(r"[元万亿年月日号个人家次%.,]")


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    for m in _PHONE_RE.finditer(text):
        if _NOT_AFTER.match(text, m.end()):
            continue
        digits = re.sub(r"[^0-9]", "", m.group())
        yield Candidate(
            start=m.start(), end=m.end(), type="phone", value=digits, number_text=m.group(),
            priority=4, core_start=m.start(), core_end=m.end(),
        )
