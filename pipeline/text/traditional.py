"""Traditional characters read as simplified ones, one for one, from a table kept as data.

Pages mirrored from traditional-script sites write ``208個``, ``約500萬元``, ``聯系人``,
``答復``, ``屆``; the lexicons are written in simplified script. The table is
``resources/traditional.toml`` (no OpenCC at run time); each pair is one character for one,
so every offset keeps, and what a record reports is read back from the text as written.
Two readings of it:

* :func:`simplify_chars` for the quantity finders: 208個 is a count of 个, 約500萬元 is
  hedged by 约, 1.94萬畝 is an area in 亩:

    >>> simplify_chars("約1萬多畝，208個")
    '约1萬多亩，208个'

* :func:`fold` for the header and closing code: a *view* of the text with the table's pairs
  and its ``variants`` (characters simplified text writes too, 覆) mapped, and the pinyin some
  mirrors print after each character (``會(huì)議``) dropped. Values are sliced from the text
  as written, through :meth:`Folded.verbatim`:

    >>> view = fold("十三屆人大三次會(huì)議")
    >>> view.text
    '十三届人大三次会议'
    >>> view.verbatim(0, len(view.text))
    '十三屆人大三次會(huì)議'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import field_validator, model_validator

from pipeline.resources import Lexicon, load
from pipeline.text.regex import char_class

RESOURCE = "traditional.toml"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A pinyin annotation right after a Han character: Latin letters holding a toned vowel. The
# pattern begins with its bracket and looks back at the Han character from there (one that
# begins with a lookbehind is tried at every character).
RE_PINYIN = re.compile(rf"\((?<=[\u4e00-\u9fff]\()(?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")


class TraditionalLexicon(Lexicon):
    #: traditional character, then its simplified one; never a character of simplified text
    pairs: list[str]
    #: the same for characters simplified text writes too (覆); read by :func:`fold` only
    variants: tuple[str, ...] = ()

    @field_validator("pairs", "variants")
    @classmethod
    def _pair_each(cls, pairs: Sequence[str]) -> Sequence[str]:
        for pair in pairs:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ValueError(f"{pair!r} is not a traditional character and its other simplified one")
        return pairs

    @model_validator(mode="after")
    def _one_for_one(self) -> TraditionalLexicon:
        every = [*self.pairs, *self.variants]
        if len({p[0] for p in every}) != len(every):
            raise ValueError("a traditional character is listed twice")
        if {p[0] for p in every} & {p[1] for p in every}:
            raise ValueError("a simplified character is also listed as traditional")
        return self


TRADITIONAL = load(RESOURCE, TraditionalLexicon)
#: traditional → simplified (the pairs, without the variants)
TO_SIMPLIFIED = {p[0]: p[1] for p in TRADITIONAL.pairs}
# A regex substitution, as normalise's full-width folding: the scan runs in C.
_TRADITIONAL_RE = re.compile(char_class(TO_SIMPLIFIED))
# The structure view maps the variants too (答覆 reads as 答复).
_FOLD = {**TO_SIMPLIFIED, **{p[0]: p[1] for p in TRADITIONAL.variants}}
# A substitution, as simplify_chars: str.translate looks every character of the text up in
# the table, where the class scan runs in C and calls back only for the few it finds (a
# fifth of the replies hold one, a handful each: 0.12 s → 0.01 s over 374 texts).
_FOLDED_RE = re.compile(char_class(_FOLD))


def _folded(text: str) -> str:
    return _FOLDED_RE.sub(lambda m: _FOLD[m.group()], text)


def simplify_chars(text: str) -> str:
    """``text`` with the traditional characters of the table simplified, length kept."""
    if _TRADITIONAL_RE.search(text) is None:
        return text
    return _TRADITIONAL_RE.sub(lambda m: TO_SIMPLIFIED[m.group()], text)


@dataclass(frozen=True, slots=True)
class Folded:
    """``text`` folded; ``index[i]`` is where the view's character ``i`` stands in ``source``."""

    source: str
    text: str
    index: tuple[int, ...] | None  # None: nothing was dropped, offsets are the source's

    def at(self, pos: int) -> int:
        """The source offset of view offset ``pos`` (``len(text)`` maps to ``len(source)``)."""
        if self.index is None:
            return pos
        return self.index[pos] if pos < len(self.index) else len(self.source)

    def verbatim(self, start: int, end: int) -> str:
        """The source as written for the view's ``[start, end)``, with the annotation the
        last character carries (``答復(fù)``)."""
        if end <= start:
            return ""
        return self.source[self.at(start) : self.at(end)].rstrip()

    def find(self, value: str | None, start: int = 0) -> str | None:
        """``value`` (a piece of the view) as written in the source; itself if not found."""
        if not value or self.text == self.source:
            return value
        at = self.text.find(value, start)
        return value if at < 0 else self.verbatim(at, at + len(value))


def fold_chars(text: str) -> Folded:
    """The view with traditional characters mapped and nothing dropped."""
    return Folded(text, _folded(text), None)


def fold(text: str) -> Folded:
    """The folded view of ``text`` (see the module docstring)."""
    mapped = _folded(text)
    drops = [m.span() for m in RE_PINYIN.finditer(mapped)]
    if not drops:
        return Folded(text, mapped, None)
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for a, b in drops:
        parts.append(mapped[pos:a])
        index.extend(range(pos, a))
        pos = b
    parts.append(mapped[pos:])
    index.extend(range(pos, len(mapped)))
    return Folded(text, "".join(parts), tuple(index))
