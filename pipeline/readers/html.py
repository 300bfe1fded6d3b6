"""HTML (``.html``, ``.htm``): the article body as text, block elements as line breaks.

Scripts, styles and page chrome (``nav``, ``header``, ``footer``, ``aside`` …) are dropped.
The body is the ``<article>`` with the most Chinese text or else the smallest element that
still holds most of the page's Chinese text (menus and link lists hold little). A page
title in an ``<h1>`` outside that element comes first. Table rows become one line each,
cells joined by a tab, as in the ``.docx`` reader.

>>> # <nav>首页</nav><article><h1>关于…的答复</h1><p>一是…</p></article>  →  "关于…的答复\\n一是…"
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from typing import TYPE_CHECKING

from pipeline.errors import ReadError
from pipeline.readers.source import Extracted
from pipeline.readers.txt import decode_text

if TYPE_CHECKING:
    from bs4.element import Tag

_DROP = ["script", "style", "nav", "header", "footer", "aside", "noscript", "template", "iframe", "svg",
         "head"]
_BLOCK = frozenset((
    "address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol",
    "p", "pre", "section", "table", "tbody", "tfoot", "thead", "ul",
))
_BODY_SHARE = 0.7  # descend into a child while it holds this share of the page's Chinese text
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB_ALIASES = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "csgb2312", "euc-cn"})
# A source line break between two Chinese characters is no space (CSS Text 4 segment breaks).
_CJK_BREAK = re.compile(
    r"(?<=[\u3400-\u9fff\uff00-\uffef，。；：、！？”）])[ \t\r\f]*\n\s*(?=[\u3400-\u9fff（“])"
)
_SPACE = re.compile(r"[ \t\r\n\f]+")
_CELL_SPACE = re.compile(r"\s+")


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Decode with the ``<meta charset>`` declaration if it fits, else like a ``.txt`` file."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = _DECLARED.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii").lower()
            # GBK pages are routinely declared gb2312; GB18030 decodes both.
            declared = "gb18030" if declared in _GB_ALIASES else declared
            try:
                codec = codecs.lookup(declared).name
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration: detect as for plain text below
    return decode_text(data, path, suffix=".html")


def _strings(tag: Tag) -> list[str]:
    from bs4.element import NavigableString, PreformattedString

    return [str(s) for s in tag.descendants if isinstance(s, NavigableString)
            and not isinstance(s, PreformattedString)]


def _cjk_counts(root: Tag) -> Counter[int]:
    """Chinese characters under each element, keyed by ``id(element)``."""
    from bs4.element import NavigableString, PreformattedString

    counts: Counter[int] = Counter()
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, PreformattedString):
            continue
        n = len(_CJK.findall(node))
        if n:
            for parent in node.parents:
                counts[id(parent)] += n
                if parent is root:
                    break
    return counts


def _body(root: Tag) -> Tag:
    counts = _cjk_counts(root)
    articles = [a for a in root.find_all("article") if counts[id(a)]]
    if articles:
        return max(articles, key=lambda a: counts[id(a)])
    total = counts[id(root)]
    node = root
    while total:
        children = [c for c in node.find_all(True, recursive=False) if counts[id(c)]]
        best = max(children, key=lambda c: counts[id(c)], default=None)
        if best is None or counts[id(best)] < _BODY_SHARE * total:
            break
        node = best
    return node


class _Renderer:
    """Walks a tree and emits lines: a block element or ``<br>`` ends the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []

    def flush(self) -> None:
        line = _SPACE.sub(" ", _CJK_BREAK.sub("", "".join(self._current))).strip()
        if line:
            self.lines.append(line)
        self._current.clear()

    def walk(self, tag: Tag) -> None:
        from bs4.element import NavigableString, PreformattedString, Tag

        for child in tag.children:
            if isinstance(child, Tag):
                if child.name == "br":
                    self.flush()
                elif child.name == "tr":
                    self.flush()
                    cells = child.find_all(("td", "th"), recursive=False)
                    row = "\t".join(_CELL_SPACE.sub(" ", "".join(_strings(c))).strip() for c in cells)
                    if row.strip():
                        self.lines.append(row)
                elif child.name in _BLOCK:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)
            elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                self._current.append(str(child))


def html_text(markup: str) -> str:
    """The article text of ``markup``, one block per line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    root = soup.body or soup
    body = _body(root)
    renderer = _Renderer()
    title = root.find("h1")
    if body is not root and title is not None and not any(p is body for p in title.parents):
        renderer.walk(title)
        renderer.flush()
    renderer.walk(body)
    renderer.flush()
    return "\n".join(renderer.lines)


def read_html(data: bytes, path: str) -> Extracted:
    """Read an ``.html`` or ``.htm`` file's bytes."""
    markup, encoding = decode_html(data, path)
    try:
        text = html_text(markup)
    except RecursionError as e:
        raise ReadError(path, "HTML nested too deeply to read") from e
    return Extracted(text=text, encoding=encoding)
