"""The head of a reply: title and header lines, then the salutation.

``关于区政协六届四次会议 2024079 号 提案的回复`` / ``尊敬的张立勤委员：`` → title, body
区政协, session 六届四次会议, number 2024079, addressee 张立勤 (委员). A salutation may open
the first paragraph instead of standing alone (``网友“UU008846”  您好！…``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pipeline.records import DocKind
from pipeline.structure.blocks import SPACE, Block
from pipeline.structure.lexicon import alternation, lexicon

_CN_NUM = "一二三四五六七八九十〇○零两"
_TERMINATORS = "。！？!?；;"
# A screen handle as message boards write it: quoted (``“UU008913”``) or bare (``UU008698``).
_HANDLE_QUOTED = r"[“”\"＂](?P<{name}>[^“”\"＂\n]{{0,40}})[“”\"＂]"
_HANDLE_BARE = r"(?P<{name}>[A-Za-z]{{1,8}}[0-9]{{2,}})"
# A handle that can only be a screen name (``UU008913``): it needs no colon or greeting.
RE_SCREEN_NAME = re.compile(r"[A-Za-z]{1,8}[0-9]{2,}")
# The names before a role (``张立勤委员``, ``张三、李四代表``): as a regex
# ``[\u4e00-\u9fff]{2,4}(?:[、，,和][\u4e00-\u9fff]{2,4})*`` before ``[SPACE]*(?:role|honorific)``.
# 和 is both a separator and a character of a name, so a backtracking regex tries every
# way to cut a run of 和 into names, exponentially many; :func:`_names_end` walks the same
# cuts in the same order but tries each position once.
_NAME_SEPARATORS = frozenset("、，,和")
_NAME_PIECE = (2, 4)


@dataclass(frozen=True, slots=True)
class Salutation:
    """Who a reply addresses; ``end`` is where the salutation ends (normalised offset)."""

    addressee: str | None
    role: str | None
    kind: DocKind | None
    index: int  # the block it opens
    end: int
    whole_block: bool


@dataclass(frozen=True, slots=True)
class Header:
    """The header blocks and what they state."""

    first_body: int  # index of the first block of the body
    title: str | None = None
    body: str | None = None
    session: str | None = None
    proposal_no: str | None = None
    reply_category: str | None = None
    salutation: Salutation | None = None


@dataclass(frozen=True, slots=True)
class _Patterns:
    salutation: re.Pattern[str]  # after the opening 尊敬的: a standalone role or a handle
    after_names: re.Pattern[str]  # after the names: 委员, 同志
    greeting: re.Pattern[str]
    session: re.Pattern[str]
    number: re.Pattern[str]
    category: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    """The header patterns, built from the lexicon once."""
    lex = lexicon()
    roles = lex.roles
    standalone = alternation(roles.standalone)
    handle_1 = f"(?:{_HANDLE_QUOTED.format(name='hq1')}|{_HANDLE_BARE.format(name='hb1')})"
    handle_2 = f"(?:{_HANDLE_QUOTED.format(name='hq2')}|{_HANDLE_BARE.format(name='hb2')})"
    honorific = alternation(roles.misc.honorifics)
    colon = rf"[{SPACE}]* (?P<colon>[:：]|[，,](?=[{SPACE}]*(?:您好|你好)))?"
    salutation = rf"""
        (?: (?P<pre>{standalone}) [{SPACE}_]*                 # 网友“UU008846”, 网友蓝色之恋：
            (?: {handle_1} | (?P<nick>[^{SPACE}：:，,！!。“”"]{{1,30}}) (?=[{SPACE}]*[：:]) )?
            [{SPACE}]* (?:{honorific})?
          | {handle_2} [{SPACE}]* (?P<post>{standalone})? [{SPACE}]* (?:{honorific})?   # “UU008913”
        )
        {colon}
    """
    after_names = rf"""
        [{SPACE}]* (?: (?P<role>{alternation(roles.after_name)}) | (?P<hon>{honorific}) )   # 张立勤委员, 依水之边同志
        {colon}
    """
    levels, organs = alternation(lex.header.levels), alternation(lex.header.organs)
    ordinal = rf"[{_CN_NUM}0-9]+届"
    session = rf"""
        (?P<level>{levels})? (?P<ord1>{ordinal})? (?P<organ>{organs}) (?:常委会)?
        (?P<ord2>{ordinal})? (?P<meeting>第?[{_CN_NUM}0-9]+次(?:全体)?会议)?
    """
    words = alternation(lex.header.proposal_words)
    categories = "".join(re.escape(c) for c in lex.closing.categories)
    labels = alternation(lex.closing.category_labels)
    return _Patterns(
        salutation=re.compile(salutation, re.VERBOSE),
        after_names=re.compile(after_names, re.VERBOSE),
        greeting=re.compile(rf"[{SPACE}]*(?:您好|你好|$)"),
        session=re.compile(session, re.VERBOSE),
        number=re.compile(rf"第?\s*(?P<no>[0-9]{{1,12}}[A-Za-z]?)\s*号\s*(?:{words})"),
        category=re.compile(
            rf"(?:{labels})\s*[:：]?\s*(?P<c1>[{categories}])\s*类?|[(（](?P<c2>[{categories}])类[)）]"
        ),
    )


_OPENING = re.compile("尊敬的|亲爱的")
_SPACES = re.compile(f"[{SPACE}]*")


def _match(text: str, start: int, end: int) -> tuple[dict[str, str | None], int] | None:
    """The salutation at ``start``: its groups and its end. The order of a regex
    ``(?:尊敬的|亲爱的)? [SPACE]* (?:standalone… | handle… | names role) colon``: with the
    opening, then without; in each, a standalone word or a handle before names."""
    pats = patterns()
    unset: dict[str, str | None] = dict.fromkeys([*pats.salutation.groupindex, *pats.after_names.groupindex, "name"])
    opening = _OPENING.match(text, start, end)
    for after in ([opening.end()] if opening else []) + [start]:
        at = _SPACES.match(text, after, end).end()  # type: ignore[union-attr]
        m = pats.salutation.match(text, at, end)
        if m is not None:
            return unset | m.groupdict(), m.end()
        names_end = _names_end(text, at, end, lambda pos: pats.after_names.match(text, pos, end) is not None)
        if names_end is not None:
            tail = pats.after_names.match(text, names_end, end)
            assert tail is not None
            return unset | tail.groupdict() | {"name": text[at:names_end]}, tail.end()
    return None


def _pieces(text: str, pos: int, end: int) -> list[int]:
    """Where a name of 2 to 4 Han characters starting at ``pos`` may end, longest first."""
    lo, hi = _NAME_PIECE
    n = 0
    while n < hi and pos + n < end and "\u4e00" <= text[pos + n] <= "\u9fff":
        n += 1
    return [pos + k for k in range(n, lo - 1, -1)]


def _names_end(text: str, start: int, end: int, ends_here: Callable[[int], bool]) -> int | None:
    """Where the names starting at ``start`` end before what ``ends_here`` accepts: the
    first end a backtracking regex finds (after each name it tries a separator and
    another name, longest first, before stopping). Each position is tried once: what
    follows a position does not depend on how the scan reached it."""
    failed: set[int] = set()
    stack = [(-1, iter(_pieces(text, start, end)))]  # -1: before the first name, no end there
    while stack:
        pos, nexts = stack[-1]
        nxt = next(nexts, None)
        if nxt is not None:
            if nxt not in failed:
                more = _pieces(text, nxt + 1, end) if nxt < end and text[nxt] in _NAME_SEPARATORS else []
                stack.append((nxt, iter(more)))
            continue
        stack.pop()
        if pos >= 0 and ends_here(pos):
            return pos
        failed.add(pos)
    return None


def _salutation(text: str, block: Block, index: int) -> Salutation | None:
    pats = patterns()
    found = _match(text, block.start, block.end)
    if found is None or found[1] == block.start:
        return None
    m, m_end = found
    handle = m["hq1"] if m["hq1"] is not None else m["hb1"] or m["nick"] or m["hq2"] or m["hb2"]
    stands_alone = (
        m["colon"]
        or pats.greeting.match(text, m_end, block.end)
        or (handle and RE_SCREEN_NAME.fullmatch(handle))  # “UU008791”首先感谢…
        or (m["pre"] and m["hq1"] is not None)  # 网友“UU0081873”一、关于…
    )
    if not stands_alone:
        return None
    roles = lexicon().roles
    name = m["name"]
    addressee = handle or name or None
    if name and any(name.startswith(word) for word in roles.misc.collective):
        addressee = None
    entry = roles.standalone.get(m["pre"] or m["post"] or "") or roles.after_name.get(m["role"] or "")
    role, kind = (entry.role, entry.kind) if entry else (None, None)
    if addressee is None and name:
        role, kind = None, None  # 各位代表：addresses the hall, not a deputy
    elif entry is None and not name:
        role, kind = roles.misc.handle_role, roles.misc.handle_kind
    rest = text[m_end : block.end].strip(SPACE)
    return Salutation(addressee, role, kind, index, m_end, whole_block=not rest)


def _headerish(line: str) -> bool:
    """A short line without a sentence end: a title, a number or a category line."""
    return len(line) <= 100 and not any(ch in _TERMINATORS for ch in line)


def _title_like(line: str) -> bool:
    lex = lexicon().header
    return (
        _headerish(line)
        and not any(ch in "：:" for ch in line)
        and (line.startswith("关于") or any(cue in line for cue in lex.title_cues))
    )


def _category(line: str) -> str | None:
    m = patterns().category.search(line)
    return (m["c1"] or m["c2"]) if m else None


def read_header(text: str, blocks: list[Block]) -> Header:
    """Header lines, title and salutation among the first blocks."""
    limit = min(len(blocks), lexicon().header.max_blocks)
    salutation: Salutation | None = None
    first_body = 0
    for index in range(limit):
        line = blocks[index].text(text)
        salutation = _salutation(text, blocks[index], index)
        if salutation:
            first_body = index + 1 if salutation.whole_block else index
            break
        if not _headerish(line):
            break
    if salutation is None:
        while first_body < limit:
            line = blocks[first_body].text(text)
            if not (_title_like(line) or (_headerish(line) and _category(line))):
                break
            first_body += 1
    header_lines = [b.text(text) for b in blocks[: salutation.index if salutation else first_body]]
    title = next((line for line in header_lines if _title_like(line)), None)
    found = header_fields(title or "")
    category = next((c for c in map(_category, header_lines) if c), None)
    return Header(first_body, title, *found, reply_category=category, salutation=salutation)


def header_fields(line: str) -> tuple[str | None, str | None, str | None]:
    """Body, session and proposal number stated in ``line``.

    >>> header_fields("关于区政协六届四次会议 2024079 号 提案的回复")
    ('区政协', '六届四次会议', '2024079')
    """
    pats = patterns()
    body = session = None
    m = pats.session.search(line)
    if m:
        body = (m["level"] or "") + m["organ"]
        session = "".join(p for p in (m["ord1"], m["ord2"], m["meeting"]) if p) or None
    number = pats.number.search(line)
    return body, session, number["no"] if number else None
