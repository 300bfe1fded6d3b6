"""Phone numbers: 8-digit local, with an area code, 11-digit mobile, 400/800 lines.

``value`` is the digits as written with separators removed (``0735-7775377`` → ``07357775377``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS
from pipeline.quantities.lexicon import alternation

_SEP = r"[-—－\s]?"
_PHONE_RE = re.compile(
    rf"""(?<![0-9A-Za-z.\-])
    (?:
        (?P<mobile>1[3-9][0-9]{{9}})
      | (?P<tollfree>(?:{alternation(KINDS.phone.toll_free)}){_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}})
      | (?P<area>[(（]?0[1-9][0-9]{{1,2}}[)）]?{_SEP}[2-9][0-9]{{6,7}})
      | (?P<local>[2-9][0-9]{{7}})
    )
    (?![0-9])""",
    re.VERBOSE,
)
# Every phone number has seven digits in a row or a toll-free prefix: a test the regex
# engine runs in C, where the full pattern (it starts with a lookbehind) is tried at
# every position of the text.
_GATE = re.compile(r"[0-9]{7}")
_TOLL_FREE_GATE = re.compile(alternation(KINDS.phone.toll_free))
# Words after which a local number cannot be a phone: it is an amount or a code.
_NOT_AFTER = re.compile(r"[元万亿年月日号个人家次%.,]")


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    if not (_GATE.search(text) or _TOLL_FREE_GATE.search(text)):
        return
    for m in _PHONE_RE.finditer(text):
        if _NOT_AFTER.match(text, m.end()):
            continue
        digits = re.sub(r"[^0-9]", "", m.group())
        yield Candidate(
            start=m.start(), end=m.end(), type="phone", value=digits, number_text=m.group(),
            priority=4, core_start=m.start(), core_end=m.end(),
        )
