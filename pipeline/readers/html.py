"""HTML (``.html``, ``.htm``): the reply's title and body as text, block elements as line breaks.

Which part of the page is the reply is decided in :mod:`pipeline.readers.html_body` (the rule
is written out there): chrome goes, the element holding the densest block and its sibling
blocks stays, so a greeting, a signature, a date and a contact line beside the paragraphs
are kept; a page where prose outside that element was dropped gets a warning. Table rows
become one line each, cells joined by a tab, as in the ``.docx`` reader.

>>> # <nav>首页</nav><article><h1>关于…的答复</h1><p>一是…</p></article>  →  "关于…的答复\\n一是…"
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from pipeline.errors import ReadError
from pipeline.readers.html_body import BLOCK, article
from pipeline.readers.source import Extracted
from pipeline.readers.txt import decode_text

if TYPE_CHECKING:
    from bs4.element import Tag

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
                elif child.name in BLOCK:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)
            elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                self._current.append(str(child))


def html_text(markup: str) -> tuple[str, str | None]:
    """The article text of ``markup``, one block per line, and a warning if its choice was a guess."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    found = article(soup)
    renderer = _Renderer()
    for part in found.parts:
        renderer.walk(part)
        renderer.flush()
    return "\n".join(renderer.lines), found.warning


def read_html(data: bytes, path: str) -> Extracted:
    """Read an ``.html`` or ``.htm`` file's bytes."""
    markup, encoding = decode_html(data, path)
    try:
        text, warning = html_text(markup)
    except RecursionError as e:
        raise ReadError(path, "HTML nested too deeply to read") from e
    return Extracted(text=text, encoding=encoding, warnings=(warning,) if warning else ())
