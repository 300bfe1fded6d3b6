"""Normalisation with an offset map back to the original text.

The quantity finders and the outline parser read the normalised text; every record they
produce is mapped back through :class:`Normalised` so that offsets index the original.

What changes (each step keeps a per-character map):

* full-width ASCII forms fold to ASCII one character for one (``１２％`` → ``12%``), except
  the full-width comma and other CJK punctuation, which carry meaning (``40，500`` is a list);
* markdown emphasis markers ``**`` / ``__`` are dropped;
* a line break inside a sentence (a line that does not end in closing punctuation, followed
  by a line that continues it, as PDF page breaks leave) is dropped;
* zero-width characters are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width forms that fold safely: digits, Latin letters, and symbols that never serve
# as CJK list punctuation. The full-width comma, colon, semicolon, parentheses and full
# stop are kept because they separate items (``15，40，260`` is three numbers).
_FOLDABLE = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
for _keep in "，：；（）！？［］｛｝＂＇":
    _FOLDABLE.pop(_keep, None)
_FOLDABLE["\u3000"] = " "
_FOLD_TABLE = str.maketrans(_FOLDABLE)

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_SENTENCE_END = frozenset("。！？；：!?;:」』”）)】")
_EMPHASIS = re.compile(r"\*\*|__")
_BROKEN_LINE = re.compile(r"(?<=[^\s。！？；：!?;:」』”）)】])[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*(?=[^\s一二三四五六七八九十（(第\d#])")


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and, for each of its characters, the offset in the original."""

    original: str
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the normalised text to the original text."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def _drop(text: str, offsets: list[int], spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    if not spans:
        return text, offsets
    keep_text: list[str] = []
    keep_off: list[int] = []
    pos = 0
    for a, b in spans:
        keep_text.append(text[pos:a])
        keep_off.extend(offsets[pos:a])
        pos = b
    keep_text.append(text[pos:])
    keep_off.extend(offsets[pos:])
    return "".join(keep_text), keep_off


def normalise(original: str, *, join_lines: bool = True) -> Normalised:
    """Normalise ``original``; ``Normalised.to_original`` maps spans back.

    >>> n = normalise("超３０万平\\n方米")
    >>> n.text
    '超30万平方米'
    """
    text = original.translate(_FOLD_TABLE)
    offsets = list(range(len(original)))
    drops = [(i, i + 1) for i, ch in enumerate(text) if ch in _ZERO_WIDTH]
    text, offsets = _drop(text, offsets, drops)
    text, offsets = _drop(text, offsets, [m.span() for m in _EMPHASIS.finditer(text)])
    if join_lines:
        text, offsets = _drop(text, offsets, [m.span() for m in _BROKEN_LINE.finditer(text)])
    offsets.append(len(original))
    return Normalised(original, text, tuple(offsets))
