"""A folded view of a text for matching simplified-script words on traditional pages.

Pages mirrored from traditional-script sites write ``聯系人``, ``答復``, ``屆``; some mirrors
also print each character's pinyin after it (``會(huì)議``). The structure lexicon is written
in simplified script, so its patterns run on a *view* of the text: the traditional
characters of ``resources/traditional.toml`` mapped one for one, and pinyin annotations
dropped. Values are then sliced from the text as written, through :meth:`Folded.source`:

    >>> view = fold("十三屆人大三次會(huì)議")
    >>> view.text
    '十三届人大三次会议'
    >>> view.verbatim(0, len(view.text))
    '十三屆人大三次會(huì)議'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import field_validator

from pipeline.resources import Lexicon, load

RESOURCE = "traditional.toml"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A pinyin annotation right after a Han character: Latin letters holding a toned vowel.
RE_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")


class Traditional(Lexicon):
    chars: dict[str, str]

    @field_validator("chars")
    @classmethod
    def _one_for_one(cls, chars: dict[str, str]) -> dict[str, str]:
        for old, new in chars.items():
            if len(old) != 1 or len(new) != 1 or old == new:
                raise ValueError(f"{old!r} = {new!r}: one character for another expected")
            if new in chars:
                raise ValueError(f"{old!r} = {new!r}: {new!r} is itself mapped")
        return chars


@cache
def _table() -> dict[int, str]:
    return str.maketrans(load(RESOURCE, Traditional).chars)


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
    return Folded(text, text.translate(_table()), None)


def fold(text: str) -> Folded:
    """The folded view of ``text`` (see the module docstring)."""
    mapped = text.translate(_table())
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
