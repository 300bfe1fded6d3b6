"""Normalisation with an offset map back to the original text.

The quantity finders and the outline parser read the normalised text; every record they
produce is mapped back through :class:`Normalised` so that offsets index the original.

What changes (each step keeps a per-character map):

* full-width ASCII forms fold to ASCII one character for one (``１２％`` → ``12%``), except
  the full-width comma and other CJK punctuation, which carry meaning (``40，500`` is a list);
* page furniture lines are dropped: ``(本页无正文)``, page numbers alone on a line
  (``— 3 —``, ``- 3 -``, ``第3页``, ``3/10``) and, given the page spans of a PDF, bare
  page numbers and running headers or footers repeated at the edges of its pages;
* markdown emphasis markers ``**`` / ``__`` are dropped;
* a line break inside a sentence (as PDF line wraps and page breaks leave) is dropped: the
  line before must not end a sentence, and the line after must not start a heading
  (``二、``, ``（一）``, ``第``, a digit) nor be a salutation (``尊敬的…委员：``). Unless the line
  before fills the usual line width, it must not be a heading itself (``一、总体要求``), and
  across a blank line it must also be prose (hold a comma or a full stop), so that a title
  stays apart from what follows. A line that does not fill the usual width (a title) is never
  joined to a greeting, with or without its colon (``尊敬的张立勤委员``,
  ``网友“UU008846”：您好！…``, the role words from ``resources/structure.toml``), nor a
  greeting without punctuation to the line after it;
* a line break inside a number or a date is dropped when the line before fills the usual
  line width: ``201\n9年6月3日``, ``1\n0万元``, ``2019年\n6月``, ``二〇一\n九年`` — but never
  before a list item (``1.``, ``（一）``, ``一、``, ``二是``);
* zero-width characters are dropped;
* optionally, traditional characters become simplified ones (OpenCC ``t2s``), only where
  that keeps the length, so the offset map stays one to one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from pipeline.errors import MissingDependencyError
from pipeline.resources import read_toml
from pipeline.text.numerals import DIGIT_CHARS, LARGE_UNIT_CHARS, ONE_TO_NINE, SMALL_UNIT_CHARS, TEN
from pipeline.text.regex import alternation
from pipeline.text.scan import FewFirsts
from pipeline.text.traditional import fold

# Full-width forms that fold safely: digits, Latin letters, and symbols that never serve
# as CJK list punctuation. The full-width comma, colon, semicolon, parentheses and full
# stop are kept because they separate items (``15，40，260`` is three numbers).
_FOLDABLE = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
for _keep in "，：；（）！？［］｛｝＂＇":
    _FOLDABLE.pop(_keep, None)
_FOLDABLE["\u3000"] = " "
# A regex substitution rather than str.translate: the scan for the few foldable
# characters runs in C, where translate looks every character up in a dict (15x slower).
_FOLD_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLDABLE)) + "]")


def _fold(text: str) -> str:
    """Full-width digits, letters and symbols (and the ideographic space) folded, length kept."""
    return _FOLD_RE.sub(lambda m: _FOLDABLE[m.group()], text)

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_ZERO_WIDTHS = FewFirsts(_ZERO_WIDTH)  # found by str.find of its first characters
_SENTENCE_END = "。！？；：!?;:」』”）)】"
_EMPHASIS = re.compile(r"\*\*|__")
_EMPHASES = FewFirsts(_EMPHASIS)  # found by str.find of its first characters

# --- page furniture: whole lines, with their line break and at most one blank line after --
_SP = r"[ \t]*"
_NUM = r"\d{1,4}"
_DASH = r"[-—–‒―－]{1,2}"
_FURNITURE = {
    "no_text": rf"[(（]{_SP}本页无正文{_SP}[)）]",  # (本页无正文): a page left blank on purpose
    "dashed": rf"{_DASH}{_SP}{_NUM}{_SP}{_DASH}",  # — 3 —   - 3 -
    "page_of": rf"第{_SP}{_NUM}{_SP}页(?:{_SP}[,，/]?{_SP}共{_SP}{_NUM}{_SP}页)?",  # 第3页 共10页
    "of_page": rf"共{_SP}{_NUM}{_SP}页{_SP}[,，/]?{_SP}第{_SP}{_NUM}{_SP}页",  # 共10页 第3页
    "slashed": rf"{_NUM}{_SP}/{_SP}{_NUM}",  # 3/10
    "english": rf"(?i:page){_SP}{_NUM}(?:{_SP}(?:of|/){_SP}{_NUM})?",  # Page 3 of 10
}
_FURNITURE_LINE = re.compile(
    rf"^{_SP}(?:{'|'.join(_FURNITURE.values())}){_SP}(?:\r?\n(?:{_SP}\r?\n)?|\Z)", re.MULTILINE
)
_BARE_NUMBER = re.compile(rf"{_NUM}")  # a page number alone, dropped only at a page's edge
_DIGITS = re.compile(r"\d+")
_MAX_RUNNING_HEADER = 40  # running headers and footers are short

# --- line joining ---------------------------------------------------------------------------
_OUTLINE_NUMERAL = ONE_TO_NINE + TEN  # 一、 （十一）
_BROKEN_LINE = re.compile(
    rf"""(?<=[^\s{re.escape(_SENTENCE_END)}])  # the line so far does not end a sentence
         [ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*      # a line break, perhaps one blank line
         (?=[^\s{_OUTLINE_NUMERAL}（(第\d#])  # the next line starts no heading or list""",
    re.VERBOSE,
)
_HEADING_START = re.compile(rf"(?:[{_OUTLINE_NUMERAL}百]+、|[（(][{_OUTLINE_NUMERAL}百]+[）)]|#)")
_PROSE_MARK = re.compile(r"[，、。；,;]")
_SALUTATION = re.compile(r".{1,30}[：:]")  # 尊敬的张立勤委员：  各有关单位：
# A break inside a number: digits on both sides (``201\n9年``, ``1.\n5亿``), Chinese numerals
# on both sides (``二〇一\n九年``), or a year or month and the rest of its date (``2019年\n6月``).
# The Chinese numerals are those of ``resources/numerals.toml``: digits, 十百千 and 万亿.
_CN_DIGITS = DIGIT_CHARS + SMALL_UNIT_CHARS
_CN_NUMERALS = _CN_DIGITS + LARGE_UNIT_CHARS
_NUMBER_BREAK = re.compile(
    rf"""(?:(?<=\d)|(?<=\d[.．])|(?<=[{_CN_NUMERALS}])|(?<=\d[年月]))
        [ \t]*\r?\n[ \t]*
        (?=[\d{_CN_DIGITS}])""",
    re.VERBOSE,
)
_NUMERAL_END = re.compile(f"[{_CN_NUMERALS}]$")
_DIGIT_START = re.compile(r"\d")
_DATE_REST = re.compile(r"\d{1,2}[月日号]")
_LIST_ITEM = re.compile(rf"\d{{1,3}}[.．](?!\d)|\d{{1,3}}[、)）]|[{_OUTLINE_NUMERAL}百]+[、是要]|[（(]")
_PUNCTUATION = re.compile(r"[，。；：！？,;:!?、]")
_FULL_LINE_SHARE = 0.9  # a line this close to the usual full width was wrapped, not ended
_MIN_FULL_WIDTH = 20


class PageSpan(Protocol):
    """Anything with the ``[start, end)`` span of a page in the original text."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


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


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _page_lines(text: str, page: PageSpan) -> list[tuple[str, int, int]]:
    """Non-blank lines of a page: stripped text and span, the span taking the line break."""
    lines = []
    pos = page.start
    for line in text[page.start : page.end].split("\n"):
        end = pos + len(line)
        if line.strip():
            lines.append((line.strip(), pos, min(end + 1, len(text))))
        pos = end + 1
    return lines


def _edge_spans(text: str, pages: Sequence[PageSpan]) -> list[tuple[int, int]]:
    """Bare page numbers and running headers or footers at the top or bottom of pages."""
    edges = [(lines[0], lines[-1]) for page in pages if (lines := _page_lines(text, page))]
    spans = []
    for side in (0, 1):  # headers, then footers
        # Digits masked: "年度报告 3" and "年度报告 4" are one running header.
        keys = Counter(_DIGITS.sub("#", edge[side][0]) for edge in edges)
        running = {key for key, n in keys.items()
                   if n >= 2 and 2 * n >= len(pages) and len(key) <= _MAX_RUNNING_HEADER}
        for edge in edges:
            line, start, end = edge[side]
            if _BARE_NUMBER.fullmatch(line) or _DIGITS.sub("#", line) in running:
                spans.append((start, end))
    return spans


def _furniture_spans(text: str, pages: Sequence[PageSpan] | None) -> list[tuple[int, int]]:
    spans = [m.span() for m in _FURNITURE_LINE.finditer(text)]
    if pages:
        spans.extend(_edge_spans(text, pages))
    return _merge(spans)


def _full_width(text: str) -> int:
    lengths = sorted(len(s) for line in text.split("\n") if (s := line.strip()))
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]


@lru_cache(maxsize=1)
def _greeting() -> re.Pattern[str]:
    """A line that opens with a greeting: 尊敬的…, …您好, a role word of ``structure.toml``
    (网友“UU008846”：, 张立勤委员) or a bare screen handle (“UU008913”)."""
    roles = read_toml("structure.toml")["roles"]
    words = [*roles["standalone"], *roles["after_name"], *roles["misc"]["honorifics"]]
    role = alternation(words)
    stop = "，。；：:！!？?\n"
    return re.compile(
        rf"""(?:尊敬的|亲爱的)
           | [^{stop}]{{0,30}}?(?:您好|你好)
           | [^{stop}]{{0,30}}?(?:{role})(?:[“"][^”"\n]{{0,40}}[”"])?[ \t\u3000]*(?:[：:，,]|$)
           | [“"][A-Za-z]{{1,8}}[0-9]{{2,}}[”"]""",
        re.VERBOSE,
    )


@lru_cache(maxsize=1)
def _closing_marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line that is one date (a signature's), a document number, a short field
    (``签发人：廖德谦``) or a title (``…的答复``), and a line that
    opens with a closing label (``联系人：``, ``抄送：``, ``签发人：``, traditional ``聯系人``
    too) or the site's chrome (``主办单位``, ``上一篇``): the structure reads such lines one
    by one, so no line joins them."""
    lex = read_toml("structure.toml")
    words = [*lex["contact"]["person"], *lex["contact"]["unit"], *lex["contact"]["phone"],
             *lex["closing"]["cc_labels"], *lex["closing"]["admin_labels"]]
    spaced = "|".join(r"[ \t\u3000]*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))
    year, small = "[0-9〇○零OＯ一二三四五六七八九]", "[0-9一二三四五六七八九十元正]"
    date = rf"{year}{{4}}\s*年\s*{small}{{1,3}}\s*月\s*{small}{{1,3}}\s*[日号]?|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}"
    cues = alternation(lex["header"]["title_cues"])
    site = alternation([*lex["page"]["chrome"], *lex["page"]["footer"]])
    docno = r".{0,20}[〔﹝\[【(（][0-9]{4}[〕﹞\]】)）]\s*[0-9]+\s*号"  # 宁交函〔2011〕25号
    field = r".{1,12}[:：].{0,12}"  # 签发人：廖德谦
    return (re.compile(rf"(?:{date})|.{{0,80}}(?:{cues})|{docno}|{field}"),
            re.compile(rf"[(（]?(?:{spaced})[ \t\u3000]*(?:及[^:：]{{0,6}})?[:：]|[|•\s]*(?:{site})"))


def _closing_break(before: str, after: str) -> bool:
    ends, labels = _closing_marks()
    cues = ends.fullmatch(after)  # a title stays apart from the line above it too
    return (ends.fullmatch(before) is not None or labels.match(fold(after).text) is not None
            or (cues is not None and len(after) <= 80 and not _PUNCTUATION.search(after)))


@lru_cache(maxsize=1)
def _bullets() -> frozenset[str]:
    """The list bullets of a page (``• 发布日期``): a short line opening with one is an item
    of its own."""
    return frozenset(read_toml("structure.toml")["page"]["bullets"])


def _number_joins(before: str, after: str, full_width: int) -> bool:
    """A break inside a number or a date, in a line that filled the usual width."""
    if full_width < _MIN_FULL_WIDTH or len(before) < _FULL_LINE_SHARE * full_width or _LIST_ITEM.match(after):
        return False
    if before[-1:] in "年月":
        return _DATE_REST.match(after) is not None
    # digits continue digits, Chinese numerals continue Chinese numerals
    return (_DIGIT_START.match(after) is not None) == (_NUMERAL_END.search(before) is None)


def _joins(before: str, after: str, across_blank: bool, full_width: int) -> bool:
    if _SALUTATION.fullmatch(after) or _closing_break(before, after):
        return False
    fills_line = full_width >= _MIN_FULL_WIDTH and len(before) >= _FULL_LINE_SHARE * full_width
    if not fills_line and _greeting().match(after):
        return False  # a title (关于…的答复, a message's subject) stays apart from the greeting
    if not _PUNCTUATION.search(before) and _greeting().match(before):
        return False  # 尊敬的张立勤委员: a greeting without its colon stays apart from the text
    if fills_line:
        return True
    if _HEADING_START.match(before) or before[:1] in _bullets() or after[:1] in _bullets():
        return False
    return not across_blank or _PROSE_MARK.search(before) is not None


def _broken_lines(text: str, patterns: Sequence[re.Pattern[str]] = (_BROKEN_LINE,)) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` of each of ``patterns``, tried only where a line ends, in
    text order (at one line end, in the order of ``patterns``). The patterns start with a
    lookbehind, which would make the regex engine try them at every character; a match can
    only start at the spaces (and carriage return) before a newline, found here in C, once
    for all the patterns."""
    done = [0] * len(patterns)  # where each pattern's last match ended
    at = text.find("\n")
    while at >= 0:
        start = at - 1 if at and text[at - 1] == "\r" else at
        while start and text[start - 1] in " \t":
            start -= 1
        for k, pattern in enumerate(patterns):
            if at >= done[k] and (m := pattern.match(text, start)) is not None:
                yield m
                done[k] = m.end()
        at = text.find("\n", at + 1)


def _line_break_spans(text: str) -> list[tuple[int, int]]:
    candidates: list[re.Match[str]] = []
    for m in _broken_lines(text, (_BROKEN_LINE, _NUMBER_BREAK)):
        if m.re is _NUMBER_BREAK and candidates and candidates[-1].start() == m.start():
            continue  # read as a broken line already
        candidates.append(m)
    if not candidates:
        return []
    full_width = _full_width(text)
    spans = []
    for m in candidates:
        a, b = m.span()
        before = text[text.rfind("\n", 0, a) + 1 : a].strip()
        line_end = text.find("\n", b)
        after = text[b : line_end if line_end >= 0 else len(text)].strip()
        if m.re is _NUMBER_BREAK:
            joins = _number_joins(before, after, full_width)
        else:
            joins = _joins(before, after, m.group().count("\n") > 1, full_width)
        if joins:
            spans.append((a, b))
    return spans


@lru_cache(maxsize=1)
def _t2s() -> object:
    try:
        import opencc
    except ImportError as e:
        raise MissingDependencyError(
            "to_simplified=True needs OpenCC: pip install opencc (or pip install 'dafu[opencc]')"
        ) from e
    return opencc.OpenCC("t2s")


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def _simplify(text: str) -> str:
    """Traditional to simplified, run by run, keeping a run only if its length is kept."""
    convert = _t2s().convert  # type: ignore[attr-defined]
    parts: list[str] = []
    pos = 0
    for m in _HAN_RUN.finditer(text):
        run = m.group()
        simple: str = convert(run)
        parts.append(text[pos : m.start()])
        parts.append(simple if len(simple) == len(run) else run)
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)


def normalise(
    original: str,
    *,
    join_lines: bool = True,
    drop_furniture: bool = True,
    pages: Sequence[PageSpan] | None = None,
    to_simplified: bool = False,
) -> Normalised:
    """Normalise ``original``; ``Normalised.to_original`` maps spans back.

    ``pages`` (``Source.pages`` of a PDF) lets running headers and bare page numbers at the
    edges of pages be recognised.

    >>> n = normalise("超３０万平\\n方米")
    >>> n.text
    '超30万平方米'
    """
    text = _fold(original)
    offsets = list(range(len(original)))
    if drop_furniture:
        text, offsets = _drop(text, offsets, _furniture_spans(text, pages))
    text, offsets = _drop(text, offsets, [m.span() for m in _ZERO_WIDTHS.finditer(text)])
    text, offsets = _drop(text, offsets, [m.span() for m in _EMPHASES.finditer(text)])
    if join_lines:
        text, offsets = _drop(text, offsets, _line_break_spans(text))
    if to_simplified:
        text = _simplify(text)
    offsets.append(len(original))
    return Normalised(original, text, tuple(offsets))
