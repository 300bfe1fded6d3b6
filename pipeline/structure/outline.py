"""The outline: sections ``一、``, ``（一）``, items ``1.`` ``（1）`` ``①`` and ``一是``.

A marker opening a paragraph always counts; one inside a paragraph counts after a sentence
end (``…集聚。二是打造…``) when it continues a list (``二是`` after ``一是``) or starts one
that goes on in the same paragraph. A marker inside a quotation never counts. A marker
closes every open node of its own or a deeper style (the depths are in the lexicon), so
``二、`` closes ``（三）`` and ``四是``. Offsets here index the normalised text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.records import OutlineStyle
from pipeline.structure.blocks import SPACE, Block, inside, quote_spans
from pipeline.structure.lexicon import lexicon
from pipeline.text.numerals import ONE_TO_NINE, TEN, small_number

_CN = ONE_TO_NINE + TEN
# Where a marker may start inside a paragraph: after a sentence end or a colon.
_BOUNDARY = "。；！？;!?：:"
# What ends a heading: the first sentence end or colon outside a quotation.
_HEADING_END = "。！？；!?;：:"


@dataclass(slots=True)
class Node:
    """An outline node in the making; ``parent`` indexes the node list."""

    style: OutlineStyle
    marker: str
    number: str
    ordinal: int
    heading: str
    start: int
    end: int
    parent: int | None
    depth: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    style: OutlineStyle
    marker: str
    number: str
    ordinal: int
    start: int
    marker_end: int
    at_start: bool
    decimal_like: bool = False  # ``8.6个重大专项``: an item only where it continues 7.


@cache
def _marker() -> re.Pattern[str]:
    """One marker; the name of the group that matched is its style."""
    circled = lexicon().numerals.circled
    return re.compile(
        rf"""
        (?: (?P<cn>[{_CN}]{{1,3}}) (?:、|[．.](?![0-9]))      # 一、  一.
          | [（(] (?P<cn_paren>[{_CN}]{{1,3}}) [）)]          # （一）
          | (?P<num>[0-9]{{1,2}}) (?:[、．]|\.(?![0-9]))      # 1.  1、   (not 2.3)
          | [（(] (?P<num_paren>[0-9]{{1,2}}) [）)]           # （1）
          | (?P<circled>[{circled}])                         # ①
          | (?P<cn_shi>[{_CN}]{{1,3}}) 是                    # 一是
        )
        """,
        re.VERBOSE,
    )


def marker_end(text: str, pos: int, end: int) -> int:
    """Where the item marker opening ``text[pos:end]`` ends (二、未成林造林地 → after 二、), or
    ``pos`` where none opens it.

    >>> marker_end("二、未成林造林地", 0, 8), marker_end("（3）疏林地", 0, 6), marker_end("疏林地", 0, 3)
    (2, 3, 0)
    """
    m = _marker().match(text, pos, end)
    return m.end() if m is not None else pos


# ``8.6个…`` opening a paragraph: the item 8 if a list stands at 7, else a decimal.
RE_DECIMAL_LIKE = re.compile(r"(?P<num>[0-9]{1,2})\.(?=[0-9])")


@cache
def _inline() -> re.Pattern[str]:
    """A sentence end or colon and the spaces after it, where a marker's first character
    follows: where an inline item may start (its match's end). Begins with the boundary's
    class, which the regex engine scans for in C; the plain ``(?<=[…])[ …]*`` was tried at
    every character. The look-ahead on the characters a marker can begin with (a numeral, a
    digit, an opening parenthesis, a circled number) rejects in C the many sentence ends no
    marker follows, which were each tried with the whole marker pattern in Python. Same
    ends where a marker follows: no boundary character is a space, and no marker starts
    with one."""
    circled = lexicon().numerals.circled
    return re.compile(rf"[{_BOUNDARY}][{SPACE}]*(?=[{_CN}0-9（({circled}])")


def _ordinal(style: str, number: str) -> int | None:
    if style == "circled":
        return lexicon().numerals.circled.index(number) + 1
    return small_number(number)


def _candidate(text: str, pos: int, end: int, at_start: bool) -> _Candidate | None:
    m = _marker().match(text, pos, end)
    if m is None or m.lastgroup is None:
        return None
    style: OutlineStyle = m.lastgroup  # type: ignore[assignment]
    number = m[style]
    ordinal = _ordinal(style, number)
    if ordinal is None:
        return None
    return _Candidate(style, m.group(), number, ordinal, pos, m.end(), at_start)


def _candidates(text: str, block: Block, quoted_until: int) -> list[_Candidate]:
    found: list[_Candidate] = []
    if quoted_until <= block.start:
        first = _candidate(text, block.start, block.end, at_start=True)
        decimal = RE_DECIMAL_LIKE.match(text, block.start, block.end)
        if first is None and decimal:
            first = _Candidate("num", decimal.group(), decimal["num"], int(decimal["num"]), block.start,
                               decimal.end(), at_start=True, decimal_like=True)
        if first:
            found.append(first)
    quotes = None  # read only where a marker may follow a sentence end
    for gap in _inline().finditer(text, block.start, block.end):
        pos = gap.end()
        if pos < quoted_until or (found and pos < found[-1].marker_end):
            continue
        if quotes is None:
            quotes = quote_spans(text, block.start, block.end)
        if inside(quotes, pos):
            continue
        cand = _candidate(text, pos, block.end, at_start=False)
        if cand:
            found.append(cand)
    return found


def _heading(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> str:
    for i in range(start, end):
        if text[i] in _HEADING_END and not inside(quotes, i):
            return text[start : i + 1].strip(SPACE)
    return text[start:end].strip(SPACE)


def _continues(cand: _Candidate, nodes: list[Node], stack: list[int]) -> bool:
    previous = next((nodes[i] for i in reversed(stack) if nodes[i].style == cand.style), None)
    return previous is not None and previous.ordinal == cand.ordinal - 1


def _accept(cand: _Candidate, second_later: bool, nodes: list[Node], stack: list[int]) -> bool:
    """A paragraph's opening marker counts; an inline one if it continues its list or a
    later marker continues it (``second_later``: a marker of its style numbered 2 follows
    in the paragraph)."""
    if cand.decimal_like:
        return _continues(cand, nodes, stack)
    if cand.at_start or _continues(cand, nodes, stack):
        return True
    if cand.ordinal != 1:
        return False
    return cand.style == "cn_shi" or second_later


def _last_seconds(cands: list[_Candidate]) -> dict[str, int]:
    """For each style, the index of the paragraph's last marker numbered 2 of that style:
    looked up once per paragraph, not searched for after every marker (quadratic in a
    paragraph of ``一、甲。`` repeated)."""
    return {c.style: k for k, c in enumerate(cands) if c.ordinal == 2}


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in SPACE + "\n":
        end -= 1
    return end


def build_outline(text: str, blocks: list[Block], quoted_until: list[int]) -> list[Node]:
    """The outline nodes of the body ``blocks``, in document order."""
    rank = {style: depth for depth, style in enumerate(lexicon().outline.order)}
    nodes: list[Node] = []
    stack: list[int] = []
    for block, until in zip(blocks, quoted_until, strict=True):
        cands = _candidates(text, block, until)
        if not cands:
            continue
        quotes = quote_spans(text, block.start, block.end)
        last_seconds = _last_seconds(cands)
        for k, cand in enumerate(cands):
            if not _accept(cand, last_seconds.get(cand.style, -1) > k, nodes, stack):
                continue
            while stack and rank[nodes[stack[-1]].style] >= rank[cand.style]:
                done = nodes[stack.pop()]
                done.end = _rstrip(text, done.start, cand.start)
            next_start = cands[k + 1].start if k + 1 < len(cands) else block.end
            heading = _heading(text, cand.marker_end, next_start, quotes)
            parent = stack[-1] if stack else None
            nodes.append(Node(cand.style, cand.marker, cand.number, cand.ordinal, heading,
                              cand.start, block.end, parent, len(stack) + 1))
            stack.append(len(nodes) - 1)
    body_end = blocks[-1].end if blocks else 0
    for i in stack:
        nodes[i].end = body_end
    return nodes


def node_ids(nodes: list[Node]) -> list[str]:
    """``s1``, ``s1.2`` …: the position of each node among its siblings."""
    ids: list[str] = []
    children: dict[int | None, int] = {}
    for node in nodes:
        children[node.parent] = children.get(node.parent, 0) + 1
        prefix = "s" if node.parent is None else ids[node.parent] + "."
        ids.append(f"{prefix}{children[node.parent]}")
    return ids


def innermost(nodes: list[Node], starts: list[int], pos: int) -> int | None:
    """The index of the deepest node holding ``pos``; ``starts`` are the nodes' starts.

    Nodes nest and come in document order, so the deepest holder is the last node that
    starts at or before ``pos``, or one of its ancestors.
    """
    i: int | None = bisect_right(starts, pos) - 1
    while i is not None and i >= 0:
        node = nodes[i]
        if node.start <= pos < node.end:
            return i
        i = node.parent
    return None
