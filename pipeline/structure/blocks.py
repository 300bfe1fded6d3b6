"""Blocks and quotations: the raw material of paragraphs, found in the normalised text.

A block is a line, or a piece of a line that a run of spaces after a sentence end cuts off:
replies pasted from a web form keep their paragraphs only as ``\u3000\u3000`` indents
(``…回复如下：\u3000\u3000一、关于…``). Offsets here index the normalised text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.text.numerals import ONE_TO_NINE, TEN

# Whitespace a block never starts or ends with; ``_x000D_`` is the carriage return an
# Excel export leaves behind as text.
SPACE = " \t\r\xa0\u3000"
CR_TEXT = "_x000D_"
RE_LEAD_SPACE = re.compile(rf"(?:[{SPACE}]|{CR_TEXT})+")

# A sentence end or colon after which a run of two or more spaces starts a new paragraph.
_BREAK_AFTER = "。！？；：!?;:”」』）)】"
# An outline marker before which a run of spaces starts a new paragraph.
_MARKER_AHEAD = rf"(?:[（(]?[{ONE_TO_NINE}{TEN}0-9]{{1,3}}[）)、.．]|[①-⑳])"
#: Where a line holds two paragraphs: the plain form is
#: ``(?<=[BREAK])(?:[SPACE]{2,}|CR) | [SPACE]{2,}(?=MARKER) | CR`` (an indent after a
#: sentence end, an indent before 一、 （一） 1., a stray carriage return). Written to begin
#: with the class of its first characters, which the regex engine scans for in C (a leading
#: lookbehind has it try the pattern at every character); the lookbehinds follow that
#: first character and look one further. The run before a marker is tried only from its
#: first space (``(?<![SPACE]{2})``): tried from every space of a long run without a
#: marker after it, it was quadratic (40,000 spaces took half a minute). Same matches
#: whenever the scan starts outside a run of spaces, as split_blocks' scans do.
RE_INNER_BREAK = re.compile(
    rf"[{SPACE}{CR_TEXT[0]}]"
    rf"(?:(?<=[{_BREAK_AFTER}][{SPACE}])[{SPACE}]+"
    rf"|(?<=[{SPACE}])(?<![{SPACE}]{{2}})[{SPACE}]++(?={_MARKER_AHEAD})"
    rf"|(?<={CR_TEXT[0]}){CR_TEXT[1:]})"
)


# Quotation marks that open and close a passage kept whole.
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』"}
QUOTE_TOGGLES = '"＂'
_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted({*QUOTE_PAIRS, *QUOTE_PAIRS.values(), *QUOTE_TOGGLES}))) + "]")


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch ``[start, end)`` of the normalised text, trimmed of spaces, never empty."""

    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start : self.end]


def _trimmed(text: str, start: int, end: int) -> Block | None:
    lead = RE_LEAD_SPACE.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start:
        if text[end - 1] in SPACE:
            end -= 1
        elif text.endswith(CR_TEXT, start, end):
            end -= len(CR_TEXT)
        else:
            break
    return Block(start, end) if end > start else None


def split_blocks(text: str) -> list[Block]:
    """The lines of ``text``, each cut again at paragraph indents inside it.

    >>> [b.text("甲。\\u3000\\u3000乙\\n丙") for b in split_blocks("甲。\\u3000\\u3000乙\\n丙")]
    ['甲。', '乙', '丙']
    """
    blocks: list[Block] = []
    line_start = 0
    for line_end in [*(m.start() for m in re.finditer("\n", text)), len(text)]:
        pos = line_start
        for cut in RE_INNER_BREAK.finditer(text, line_start, line_end):
            block = _trimmed(text, pos, cut.start())
            if block:
                blocks.append(block)
            pos = cut.end()
        block = _trimmed(text, pos, line_end)
        if block:
            blocks.append(block)
        line_start = line_end + 1
    return blocks


@functools.lru_cache(maxsize=4096)
def quote_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The outermost matched quotations in ``text[start:end]`` as ``(open, close)`` indexes.

    An opening mark without its closing mark in the range quotes nothing. Only the quote
    marks are visited (found by one regex), each once, so long paragraphs cost no
    per-character loop.
    Cached: the outline reads every paragraph of a document before the sentence splitter
    reads them again, so the cache holds a long report's paragraphs (64 entries missed the
    second reading of any document of more paragraphs than that); a string caches its hash,
    so the key costs little, and the entries hold only the last documents' texts.
    """
    marks = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(text, start, end)]
    if not marks:  # most paragraphs quote nothing
        return ()
    partners = _partners([ch for _, ch in marks])
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(marks):
        close = partners[k]
        if close is not None:
            spans.append((marks[k][0], marks[close][0]))
            k = close + 1
            continue
        k += 1
    return tuple(spans)


def _partners(marks: list[str]) -> list[int | None]:
    """For each mark that opens, the index of the mark that closes it: the ``”`` that
    balances a ``“`` (counting only “ and ”), the next ``"`` after a ``"``. One pass:
    looking for each opener's partner from the opener on was quadratic in a run of
    unmatched ``“`` (8,000 took twelve seconds)."""
    partners: list[int | None] = [None] * len(marks)
    open_pairs: dict[str, list[int]] = {opener: [] for opener in QUOTE_PAIRS}
    closes = {closer: open_pairs[opener] for opener, closer in QUOTE_PAIRS.items()}
    last_toggle: dict[str, int] = {}
    for j, ch in enumerate(marks):
        if ch in open_pairs:
            open_pairs[ch].append(j)
        elif ch in closes:
            if closes[ch]:
                partners[closes[ch].pop()] = j
        else:  # a toggle closes the one before it and may open another
            if ch in last_toggle:
                partners[last_toggle[ch]] = j
            last_toggle[ch] = j
    return partners


def inside(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The quotation whose inside holds ``pos``, if any; ``spans`` are sorted and do not
    overlap, as :func:`quote_spans` gives them. A bisection: a loop over the spans before
    ``pos``, asked at every sentence end, was quadratic in ``“甲”。`` repeated."""
    i = bisect.bisect_left(spans, (pos,)) - 1  # the last quotation opened before pos
    if i >= 0 and pos < spans[i][1]:
        return spans[i][0], spans[i][1]
    return None


_CURLY_QUOTE = re.compile("[“”]")

# How many blocks a quotation may run across before its opening mark counts as stray.
QUOTE_CARRY_LIMIT = 30


def _balance(text: str, block: Block) -> tuple[int | None, bool]:
    """Where a closing ``”`` with no opening mark before it sits, and whether one stays open."""
    depth, leading_close = 0, None
    for m in _CURLY_QUOTE.finditer(text, block.start, block.end):  # only the marks, not every character
        i, ch = m.start(), m.group()
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
            elif leading_close is None:
                leading_close = i
    return leading_close, depth > 0


def carried_quotes(text: str, blocks: list[Block]) -> list[int]:
    """For each block, where a quotation opened in an earlier block ends in it.

    ``block.start`` when none runs into it. A passage quoted over several paragraphs
    (``通告规定：“`` / ``一、…`` / ``二、…。”``) holds no heading.
    """
    ends = [b.start for b in blocks]
    balances = [_balance(text, b) for b in blocks]
    i = 0
    while i < len(blocks):
        if balances[i][1]:
            for j in range(i + 1, min(len(blocks), i + 1 + QUOTE_CARRY_LIMIT)):
                close = balances[j][0]
                if close is not None:
                    for k in range(i + 1, j):
                        ends[k] = blocks[k].end
                    ends[j] = close
                    i = j - 1
                    break
                if balances[j][1] and not text.startswith("“", blocks[j].start):
                    break
        i += 1
    return ends
