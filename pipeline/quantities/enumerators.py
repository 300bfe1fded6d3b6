"""Item numbers glued to what follows them: ``2.2019-2022年``, ``4.2018年以来``, ``3.1本项目``.

An outline item ``2.`` written without a space before a year reads as one decimal
(``2.2019``), and a section number ``3.1`` before a word that opens with a classifier as a
count (``3.1本``). Such an item number stands where a clause starts (``kinds.toml``,
``[enumerator]``). :func:`mask` hides it from the finders behind placeholders of the same
length, so offsets do not move and the year after it is read on its own:

>>> mask("：2.2019-2022年")
'：\u3000\u30002019-2022年'
"""

from __future__ import annotations

import re

from pipeline.quantities.kinds import KINDS, RANGE_SEPARATOR
from pipeline.quantities.lexicon import CLASSIFIERS, UNIT_TABLE
from pipeline.text.scan import anchored_finditer

_PLACEHOLDER = "\u3000"
_NOT_CLAUSE_START = "[^" + "".join(re.escape(c) for c in KINDS.enumerator.clause_start) + "]"
# The item number begins with its first digit, which must stand at a clause start: one
# class first, then a lookbehind on the character before it: a scan skips in C to the
# digits, and in a run of digits only the first can follow a clause start.
_ITEM = rf"[0-9](?<!{_NOT_CLAUSE_START}.)[0-9]?\."
#: 2.2019年, 4.2018年以来, 2.2019-2022年: an item number, then a year.
_BEFORE_YEAR_RE = re.compile(rf"{_ITEM}(?=(?:19|20)[0-9]{{2}}(?:年|{RANGE_SEPARATOR}))")
#: 3.1本项目, 2.3项目建设: a section number, then a word.
_SECTION_RE = re.compile(rf"{_ITEM}[0-9]{{1,2}}(?:\.[0-9]{{1,2}})*+(?=[\u4e00-\u9fff])")
# A clause-start 3.1 is a section number when a classifier follows it (3.1本项目, 3.2项目),
# unless a unit of measure begins there (2.3个百分点); before any other word (2.5万元,
# 1.5公里, 9.5折, 2.5年) the finders read it.
_CLASSIFIERS = tuple(CLASSIFIERS.count)
_UNITS = tuple(UNIT_TABLE)


#: An item number's digits, the run before its ``.``: both patterns are found from the ``.`` by
#: ``str.find`` (:func:`~pipeline.text.scan.anchored_finditer`), where their own scans stop at
#: every digit of the text.
_DIGITS = frozenset("0123456789")


def mask(text: str) -> str:
    """``text`` with glued item numbers replaced by placeholders of the same length."""
    spans = [m.span() for m in anchored_finditer(_BEFORE_YEAR_RE, text, ".", _DIGITS)]
    spans += [m.span() for m in anchored_finditer(_SECTION_RE, text, ".", _DIGITS) if _section_number(text, m.end())]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _PLACEHOLDER * (end - start)
    return "".join(chars)


def _section_number(text: str, end: int) -> bool:
    return text.startswith(_CLASSIFIERS, end) and not text.startswith(_UNITS, end)
