"""Traditional characters read as simplified ones, one for one, from a table kept as data.

The quantity finders read ``simplify_chars(norm.text)``: 208個 is a count of 个, 約500萬元
is hedged by 约, 1.94萬畝 is an area in 亩. The table is ``resources/traditional.toml``
(no OpenCC at run time); each pair is one character for one, so every offset keeps, and
what a record reports (its text, its classifier) is read back from the text as written.

>>> simplify_chars("約1萬多畝，208個")
'约1萬多亩，208个'
"""

from __future__ import annotations

import re

from pydantic import field_validator

from pipeline.resources import Lexicon, load
from pipeline.text.regex import char_class


class TraditionalLexicon(Lexicon):
    pairs: list[str]

    @field_validator("pairs")
    @classmethod
    def _one_for_one(cls, pairs: list[str]) -> list[str]:
        for pair in pairs:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ValueError(f"{pair!r} is not a traditional character and its other simplified one")
        if len({p[0] for p in pairs}) != len(pairs):
            raise ValueError("a traditional character is listed twice")
        if {p[0] for p in pairs} & {p[1] for p in pairs}:
            raise ValueError("a simplified character is also listed as traditional")
        return pairs


TRADITIONAL = load("traditional.toml", TraditionalLexicon)
#: traditional → simplified
TO_SIMPLIFIED = {p[0]: p[1] for p in TRADITIONAL.pairs}
# A regex substitution, as normalise's full-width folding: the scan runs in C.
_TRADITIONAL_RE = re.compile(char_class(TO_SIMPLIFIED))


def simplify_chars(text: str) -> str:
    """``text`` with the traditional characters of the table simplified, length kept."""
    if _TRADITIONAL_RE.search(text) is None:
        return text
    return _TRADITIONAL_RE.sub(lambda m: TO_SIMPLIFIED[m.group()], text)
