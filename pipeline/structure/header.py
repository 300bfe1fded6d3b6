"""The head of a reply: title and header lines, then the salutation.

``关于区政协六届四次会议 2024079 号 提案的回复`` / ``尊敬的张立勤委员：`` → title, body
区政协, session 六届四次会议, number 2024079, addressee 张立勤 (委员). A salutation may open
the first paragraph instead of standing alone (``网友“UU008846”  您好！…``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pipeline.records import DocKind
from pipeline.structure.blocks import SPACE, Block
from pipeline.structure.dates import date_fragment, date_from_match, parse_date
from pipeline.structure.lexicon import lexicon
from pipeline.structure.signature import agency_name
from pipeline.text.chars import is_han
from pipeline.text.numerals import ORDINARY_DIGITS, TEN
from pipeline.text.regex import alternation

_CN_NUM = ORDINARY_DIGITS + TEN  # 第十一届, 六届四次, 二〇二四届
_TERMINATORS = "。！？!?；;"
_CLAUSE_MARKS = "，,、：:"
# A screen handle as message boards write it: quoted (``“UU008913”``) or bare (``UU008698``).
_HANDLE_QUOTED = r"[“”\"＂](?P<{name}>[^“”\"＂\n]{{0,40}})[“”\"＂]"
_HANDLE_BARE = r"(?P<{name}>[A-Za-z]{{1,8}}[0-9]{{2,}})"
# A handle that can only be a screen name (``UU008913``): it needs no colon or greeting.
RE_SCREEN_NAME = re.compile(r"[A-Za-z]{1,8}[0-9]{2,}")
# The names before a role (``张立勤委员``, ``张三、李四代表``): as a regex
# ``[\u4e00-\u9fff]{2,4}(?:[、，,和][\u4e00-\u9fff]{2,4})*`` before ``[SPACE]*(?:role|honorific)``,
# a name's characters perhaps padded by one space as printed (``闫 冰``).
# 和 is both a separator and a character of a name, so a backtracking regex tries every
# way to cut a run of 和 into names, exponentially many; :func:`_names_end` walks the same
# cuts in the same order but tries each position once.
_NAME_SEPARATORS = frozenset("、，,和")
_NAME_PIECE = (2, 4)
_NAME_PADDING = frozenset(" \u3000")


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
    title_blocks: tuple[Block, ...] = ()  # where the title is written (one or more lines)
    title_agency: str | None = None  # the agency heading the title (``…局关于…``)
    body: str | None = None
    session: tuple[str, ...] = ()  # its parts as written (届, 次会议), apart when the body stands between
    proposal_no: str | None = None
    reply_category: str | None = None
    salutation: Salutation | None = None
    page_date: dt.date | None = None  # a date field of the page (发布日期：…)
    header_date: dt.date | None = None  # a date line of the document's header


@dataclass(frozen=True, slots=True)
class _Patterns:
    salutation: re.Pattern[str]  # after the opening 尊敬的: a standalone role or a handle
    after_names: re.Pattern[str]  # after the names: 委员, 同志
    greeting: re.Pattern[str]
    session: re.Pattern[str]
    number: re.Pattern[str]
    category: re.Pattern[str]
    title_field: re.Pattern[str]
    title_opener: re.Pattern[str]
    page_date: re.Pattern[str]
    stamped_date: re.Pattern[str]


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
    counts = alternation(lex.header.count_words)
    # 等 / 9名 / (等10位) / 等两位 between the names and their role
    count = rf"(?:[(（]?等?[0-9{_CN_NUM}两]*(?:{counts})?[)）]?)?"
    salutation = rf"""
        (?: (?P<pre>{standalone}) [{SPACE}_]*                 # 网友“UU008846”, 网友蓝色之恋：
            (?: {handle_1} | (?P<nick>[^{SPACE}：:，,！!。“”"]{{1,30}}) (?=[{SPACE}]*[：:]) )?
            [{SPACE}]* (?:{honorific})?
          | {handle_2} [{SPACE}]* (?P<post>{standalone})? [{SPACE}]* (?:{honorific})?   # “UU008913”
        )
        {colon}
    """
    after_names = rf"""
        {count} [{SPACE}]*                                   # 等 / 9名 / (等10位) after the names
        (?: (?P<role>{alternation(roles.after_name)}) (?:[(（]团[)）])?   # 张立勤委员, 姜欣(等10位)代表(团)
          | (?P<hon>{honorific}) )                                     # 依水之边同志
        {colon}
    """
    title_labels = "|".join(r"\s*".join(map(re.escape, w)) for w in lex.header.title_labels)
    levels, organs = alternation(lex.header.levels), alternation(lex.header.organs)
    ordinal = rf"第?[{_CN_NUM}0-9]+届"
    session = rf"""
        (?P<level>{levels})? (?P<ord1>{ordinal})? (?P<level_b>{levels})? (?P<organ>{organs}) (?:常委会)?
        (?:[\u4e00-\u9fff]{{1,6}}?(?P<level_c>{levels})(?=[{_CN_NUM}0-9第]))?     # 政协武定县九届
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
        number=re.compile(rf"第?\s*(?P<no>[0-9]{{1,12}}[A-Za-z]?)\s*号\s*(?:代表|委员)?(?:{words})"
                          rf"|第\s*(?P<no2>[0-9]{{1,12}})\s*号|(?:{words})[、批评和意见]{{0,8}}第(?P<no3>[0-9]{{1,12}})"),
        category=re.compile(
            rf"(?:{labels})\s*[:：]?\s*(?P<c1>[{categories}])(?![A-Za-z])\s*类?|[(（](?P<c2>[{categories}])类[)）]"
            rf"|号\s*(?P<c3>[{categories}])类"
        ),
        title_field=re.compile(rf"(?:{title_labels})\s*[:：][\s|]*(?P<value>.+)"),
        title_opener=re.compile(alternation(lex.header.title_openers)),
        page_date=re.compile(
            rf"(?:{alternation(lex.page.date_labels)})[\s:：|•\-]*{date_fragment()}", re.VERBOSE),
        stamped_date=re.compile(rf"{date_fragment()}\s+[0-9]{{1,2}}:[0-9]{{2}}", re.VERBOSE),
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
    """Where a name of 2 to 4 Han characters starting at ``pos`` may end, longest first; one
    space may stand between two of its characters (``闫 冰``)."""
    lo, hi = _NAME_PIECE
    ends: list[int] = []
    at = pos
    while len(ends) < hi and at < end and is_han(text[at]):
        at += 1
        ends.append(at)
        if at + 1 < end and text[at] in _NAME_PADDING and is_han(text[at + 1]):
            at += 1
    return ends[lo - 1 :][::-1]


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
    rest = text[m_end : block.end].strip(SPACE)
    stands_alone = (
        m["colon"]
        or (m["role"] and (not rest or rest[0] in "你您"))  # 陈云会代表 on its own line
        or pats.greeting.match(text, m_end, block.end)
        or (handle and RE_SCREEN_NAME.fullmatch(handle))  # “UU008791”首先感谢…
        or (m["pre"] and m["hq1"] is not None)  # 网友“UU0081873”一、关于…
    )
    if not stands_alone:
        return None
    roles = lexicon().roles
    name = m["name"]
    if name and len(name) > 2 and name.endswith("等"):
        name = name[:-1]  # 路洪斌等5位代表
    addressee = handle or name or None
    if name and any(name.startswith(word) for word in roles.misc.collective):
        addressee = None
    entry = roles.standalone.get(m["pre"] or m["post"] or "") or roles.after_name.get(m["role"] or "")
    role, kind = (entry.role, entry.kind) if entry else (None, None)
    if addressee is None and name:
        role, kind = None, None  # 各位代表：addresses the hall, not a deputy
    elif entry is None and not name:
        role, kind = roles.misc.handle_role, roles.misc.handle_kind
    return Salutation(addressee, role, kind, index, m_end, whole_block=not rest)


def _agency_salutation(text: str, block: Block, index: int) -> Salutation | None:
    """``市水利局：`` alone on its line: an opinion addressed to the lead unit, no role."""
    line = block.text(text)
    if line[-1:] not in "：:":
        return None
    name = agency_name(line[:-1].strip(SPACE))
    return Salutation(name, None, None, index, block.end, whole_block=True) if name else None


def _page_salutation(text: str, blocks: list[Block], limit: int) -> Salutation | None:
    """A salutation past the page's navigation, info table and title block: a deputy or a
    member by role (``陈云会代表``), or a unit (``市水利局：``). A list of names wrapped over
    lines (``曾凡家、李杰、\n高明福等代表：``) keeps its first lines."""
    for index in range(min(limit, len(blocks))):
        sal = _salutation(text, blocks[index], index) or _agency_salutation(text, blocks[index], index)
        if sal is None or (sal.role is None and sal.addressee is None) or (sal.kind is None and sal.role):
            continue
        if sal.role not in lexicon().roles.after_name and sal.role is not None:
            continue
        before = blocks[index - 1].text(text) if index else ""
        if sal.addressee and before.endswith(("、", "，", ",")) and len(before) <= 60:
            sal = Salutation(before + sal.addressee, sal.role, sal.kind, index, sal.end, sal.whole_block)
        return sal
    return None


def _title_block(text: str, blocks: list[Block], start: int) -> tuple[str, tuple[Block, ...]] | None:
    """The title starting at ``blocks[start]``: one line, or a block of up to four lines
    (``唐山市…局`` / ``对…大会`` / ``第三次会议第20号建议的答复``), joined."""
    lex = lexicon().header
    pats = patterns()
    first = blocks[start].text(text)
    opens = pats.title_opener.match(first) or agency_name(first) or pats.title_opener.search(first)
    if not opens or not _headerish(first) or any(ch in "：:" for ch in first):
        return None
    lines: list[Block] = []
    for block in blocks[start : start + 4]:
        line = block.text(text)
        if not _headerish(line) or any(ch in "：:" for ch in line) or len(line) > 60:
            break
        lines.append(block)
        joined = re.sub(r"\s", "", "".join(b.text(text) for b in lines))
        if joined.endswith(tuple(lex.title_cues)) or any(joined.endswith(c + "函") for c in lex.title_cues):
            if not pats.title_opener.search(joined):
                return None
            if len(lines) > 1 and agency_name(lines[0].text(text)) and not pats.title_opener.match(
                    lines[1].text(text)):
                lines = lines[1:]  # a site name above a title that names its own agency
            return "".join(b.text(text) for b in lines), tuple(lines)
    return None


def _field_title(line: str) -> str | None:
    """``名称：德教议复字〔2022〕25号——德江县教育局关于…的答复 | |`` → the title."""
    m = patterns().title_field.search(line)
    if m is None:
        return None
    value = re.split(r"\s*\||\s{2,}|\s(?=\S{1,5}[:：])", m["value"].strip(), maxsplit=1)[0]
    value = value.split("——")[-1].strip()
    lex = lexicon().header
    if patterns().title_opener.search(value) and any(cue in value for cue in lex.title_cues):
        return value
    return None


def _find_title(text: str, blocks: list[Block]) -> tuple[str | None, tuple[Block, ...]]:
    """The first complete statement of the title among the header's blocks."""
    for index, block in enumerate(blocks):
        field = _field_title(block.text(text))
        if field:
            at = text.find(field, block.start, block.end)
            return field, (Block(at, at + len(field)),) if at >= 0 else ()
        found = _title_block(text, blocks, index)
        if found:
            return found
    return None, ()


def _page_dates(text: str, blocks: list[Block]) -> tuple[dt.date | None, dt.date | None]:
    """A labelled page date (``发布日期：2020-11-10``, ``- 日期\n- 2023-08-08``) or a time-
    stamped one (``2024-07-08 16:35:37``); and a date line of the document's header."""
    if not blocks:
        return None, None
    zone = text[blocks[0].start : blocks[-1].end]
    pats = patterns()
    m = pats.page_date.search(zone) or pats.stamped_date.search(zone)
    page = date_from_match(m) if m else None
    header = next((d for b in blocks if (d := parse_date(b.text(text))) is not None
                   and "年" in b.text(text)), None)
    return page, header


def _headerish(line: str) -> bool:
    """A short line without a sentence end: a title, a number or a category line. A subject
    line without a comma or a colon may end in ！ or ？ (``…停车费符合法规吗？``)."""
    core = line.rstrip("！？!?")
    if any(ch in _CLAUSE_MARKS for ch in core):
        core = line  # 您反映的问题已移交，稍后回复！ is a sentence
    return len(line) <= 100 and not any(ch in _TERMINATORS for ch in core)


def _title_like(line: str) -> bool:
    lex = lexicon().header
    return (
        _headerish(line)
        and not any(ch in "：:" for ch in line)
        and (line.startswith("关于") or any(cue in line for cue in lex.title_cues))
    )


def _category(line: str) -> str | None:
    m = patterns().category.search(line)
    return (m["c1"] or m["c2"] or m["c3"]) if m else None


def read_header(text: str, blocks: list[Block]) -> Header:
    """Header lines, title and salutation among the first blocks; on a web page, past its
    navigation and info table."""
    lex = lexicon().header
    limit = min(len(blocks), lex.max_blocks)
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
    if salutation is None and (salutation := _page_salutation(text, blocks, lex.max_page_blocks)):
        first_body = salutation.index + 1 if salutation.whole_block else salutation.index
    if salutation is None:
        while first_body < limit:
            line = blocks[first_body].text(text)
            if not (_title_like(line) or (_headerish(line) and _category(line))):
                break
            first_body += 1
    zone = blocks[: salutation.index if salutation else first_body]
    title, title_blocks = _find_title(text, zone)
    if salutation is None and title is None:
        page = list(itertools.takewhile(lambda b: _headerish(b.text(text)), blocks[: lex.max_blocks]))
        title, title_blocks = _find_title(text, page)
        if title_blocks:
            first_body = max(first_body, blocks.index(title_blocks[-1]) + 1)
            zone = blocks[:first_body]
    header_lines = [b.text(text) for b in zone]
    if title is None:
        title = next((line for line in header_lines if _title_like(line)), None)
    found = header_fields(title or "")
    category = next((c for c in map(_category, header_lines) if c), None)
    page_date, header_date = _page_dates(text, zone)
    return Header(first_body, title, title_blocks, _title_agency(title), *found, reply_category=category,
                  salutation=salutation, page_date=page_date, header_date=header_date)


def _title_agency(title: str | None) -> str | None:
    """``师宗县人民政府关于…`` → 师宗县人民政府: the agency a title opens with."""
    m = patterns().title_opener.search(title or "")
    return agency_name(title[: m.start()].strip(SPACE)) if title and m and m.start() else None


def header_fields(line: str) -> tuple[str | None, tuple[str, ...], str | None]:
    """Body, session (its parts) and proposal number stated in ``line``.

    >>> header_fields("关于区政协六届四次会议 2024079 号 提案的回复")
    ('区政协', ('六届', '四次会议'), '2024079')
    """
    pats = patterns()
    body: str | None = None
    session: tuple[str, ...] = ()
    m = pats.session.search(line)
    if m:
        short = lexicon().header.organ_short
        body = (m["level"] or m["level_b"] or m["level_c"] or "") + short.get(m["organ"], m["organ"])
        session = tuple(p for p in (m["ord1"], m["ord2"], m["meeting"]) if p)
    number = pats.number.search(line)
    return body, session, (number["no"] or number["no2"] or number["no3"]) if number else None
