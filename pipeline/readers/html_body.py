"""Which part of an HTML page is the reply: the rule, written out so that it can be checked.

1. Page chrome goes: scripts, styles, ``nav``/``header``/``footer``/``aside`` …, elements whose
   ``class`` or ``id`` names chrome (``nav``, ``menu``, ``crumb``, ``footer``, ``share`` …),
   the page's information lines (``发布时间：… 来源：… 浏览次数：…``, ``索引号：``), and
   link-dense blocks (menus, link lists, footers: half or more of their Chinese text in ``<a>``).
2. Within the ``<article>`` holding the most Chinese text, or else the whole ``<body>``, the
   *densest block* is the block element with the most Chinese text of its own (text in nested
   blocks does not count; a run split by ``<br>`` counts for the element holding it).
3. The body is the element holding that block and its sibling blocks: the block itself if its
   text is split by ``<br>`` (``<div id="zoom">尊敬的…<br>一是…<br>某市住建局</div>``), else its
   parent (``<div class="content"><p>尊敬的…</p><p>一是…</p><p>某市住建局</p></div>``), so the
   greeting, every paragraph, the signature, the date and the contact line are kept. Beside it
   in its parent, the blocks that follow (a signature in a ``<div class="sign">``) are kept, and
   so are the prose blocks just before it (a comma or a full stop and 10 Chinese characters),
   with the salutation line before those (``尊敬的王建华代表：``); a title or a 发布时间 line
   before the body is not prose and stops the search.
4. A heading before the body (``<h1>``, else an element whose class or id names a title, else
   an ``<h2>``) comes first.

Where prose outside the body was dropped (a block of 20 Chinese characters or more with a comma
or a full stop), the rule had to guess, and :func:`article` says so in a warning.

>>> # <nav>首页</nav><div><h1>关于…的答复</h1><p>尊敬的…：</p><p>一是…</p></div>  →  h1, the p's
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.resources import Lexicon, load
from pipeline.text.regex import alternation

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from bs4.element import Tag

DROP_TAGS = ["script", "style", "nav", "header", "footer", "aside", "noscript", "template", "iframe", "svg",
             "head", "form", "button", "select"]
BLOCK = frozenset((
    "address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol",
    "p", "pre", "section", "table", "tbody", "tfoot", "thead", "ul",
))
_SCORED = BLOCK | {"td", "th"}  # a layout table's cell is a block for scoring
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class HtmlLexicon(Lexicon):
    chrome_names: list[str]
    page_info_labels: list[str]


LEX = load("html.toml", HtmlLexicon)
# The chrome names as whole words of a class or id (``main-nav``, ``breadcrumb``, ``bottom``).
_CHROME_NAME = re.compile(rf"(?:^|[-_\s])(?:{alternation(LEX.chrome_names)})(?:$|[-_\s\d])", re.IGNORECASE)
# A page's own information line (``发布时间：2024-07-02 来源：… 浏览次数：168``) is chrome.
_PAGE_INFO = re.compile(rf"\s*[【\[]?(?:{alternation(LEX.page_info_labels)})\s*[：:】\]]")
_PAGE_INFO_MAX = 100  # characters: a longer block is more than an information line
_TITLE_NAME = re.compile(r"title|biaoti|bt\b", re.IGNORECASE)
_LINK_DENSE = 0.5
_PROSE = re.compile(r"[，。；,;]")
_PROSE_MIN = 10  # Chinese characters (with a comma or a full stop) that make a block prose
_LOST_PROSE = 20  # Chinese characters in a dropped prose block that make its loss worth a warning
_SALUTATION = re.compile(r"[^。，；：:]{1,80}[：:]")  # 尊敬的王建华代表：


@dataclass(frozen=True, slots=True)
class Article:
    """The parts of a page to render, in order, and why the choice was a guess (if it was)."""

    parts: tuple[Tag, ...]
    warning: str | None


def _cjk(text: str) -> int:
    return len(CJK.findall(text))


def _names(tag: Tag) -> str:
    classes = tag.get("class")
    names: list[str] = [classes] if isinstance(classes, str) else list(classes or [])
    ident = tag.get("id")
    if isinstance(ident, str):
        names.append(ident)
    return " ".join(names)


def _counts(root: Tag) -> tuple[Counter[int], Counter[int], Counter[int]]:
    """Chinese characters under each element, those inside links, and each block's own, by ``id``."""
    from bs4.element import NavigableString, PreformattedString

    total: Counter[int] = Counter()
    linked: Counter[int] = Counter()
    own: Counter[int] = Counter()
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, PreformattedString):
            continue
        n = _cjk(node)
        if not n:
            continue
        in_link = False
        owner = None
        for parent in node.parents:
            if parent.name == "a":
                in_link = True
            if owner is None and parent.name in _SCORED:
                owner = parent
            total[id(parent)] += n
            if in_link:
                linked[id(parent)] += n
            if parent is root:
                break
        if owner is not None and not in_link:
            own[id(owner)] += n
    return total, linked, own


def _drop_chrome(soup: BeautifulSoup, root: Tag) -> None:
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        names = _names(tag)
        if names and _CHROME_NAME.search(names) and not _TITLE_NAME.search(names):
            tag.decompose()
    for tag in root.find_all(_SCORED):
        if tag.decomposed or tag.find(_SCORED) is not None:
            continue
        text = tag.get_text()
        if len(text) <= _PAGE_INFO_MAX and _PAGE_INFO.match(text):
            tag.decompose()
    total, linked, _ = _counts(root)
    for tag in root.find_all(_SCORED):
        if not tag.decomposed and total[id(tag)] and linked[id(tag)] >= _LINK_DENSE * total[id(tag)]:
            tag.decompose()


def _has_break(tag: Tag) -> bool:
    return tag.find("br", recursive=False) is not None


def _container(root: Tag) -> Tag:
    """Rule 2 and 3: the densest block, or its parent."""
    _, _, own = _counts(root)
    blocks = [t for t in root.find_all(_SCORED) if own[id(t)]]
    if not blocks:
        return root
    densest = max(blocks, key=lambda t: own[id(t)])
    if densest is root or _has_break(densest) or densest.name in ("td", "th", "article", "body"):
        return densest
    parent = densest.parent
    return parent if parent is not None else densest


def _siblings(body: Tag, scope: Tag) -> tuple[list[Tag], list[Tag]]:
    """Rule 3's neighbours of ``body`` in its parent: prose blocks just before it (and a
    salutation line before those), and every block after it (a signature beside the text)."""
    if body is scope or body.parent is None:
        return [], []
    from bs4.element import Tag

    before: list[Tag] = []
    for sibling in body.find_previous_siblings():
        if not isinstance(sibling, Tag) or not _cjk(text := sibling.get_text().strip()):
            continue
        if _is_prose(text):
            before.insert(0, sibling)
            continue
        if _SALUTATION.fullmatch(text):
            before.insert(0, sibling)
        break
    after = [s for s in body.find_next_siblings() if isinstance(s, Tag) and _cjk(s.get_text())]
    return before, after


def _is_prose(text: str) -> bool:
    return _cjk(text) >= _PROSE_MIN and _PROSE.search(text) is not None


def _title(root: Tag, body: Tag) -> Tag | None:
    inside = {id(t) for t in body.find_all(True)} | {id(body)}
    candidates = [root.find_all("h1"), root.find_all(True, attrs={"class": _TITLE_NAME}),
                  root.find_all(True, attrs={"id": _TITLE_NAME}), root.find_all("h2")]
    for found in candidates:
        for tag in found:
            if id(tag) not in inside and _cjk(tag.get_text()) and not any(id(p) in inside for p in tag.parents):
                return tag
    return None


def _lost_prose(root: Tag, kept: list[Tag]) -> list[str]:
    """Prose blocks outside every kept part: what was dropped that may have been the reply."""
    inside = set()
    for part in kept:
        inside.add(id(part))
        inside.update(id(t) for t in part.find_all(True))
    lost = []
    for tag in root.find_all(("p", "div", "td", "li")):
        if id(tag) in inside or any(id(p) in inside for p in tag.parents):
            continue
        if tag.find(("p", "div", "td", "li")) is not None:
            continue  # judge the innermost blocks only
        text = tag.get_text().strip()
        if _cjk(text) >= _LOST_PROSE and _is_prose(text):
            lost.append(text)
    return lost


def article(soup: BeautifulSoup) -> Article:
    """The title and body of ``soup`` (a parsed page, changed in place: chrome is removed)."""
    root: Tag = soup.body or soup
    _drop_chrome(soup, root)
    total, _, _ = _counts(root)
    articles = [a for a in root.find_all("article") if total[id(a)]]
    scope = max(articles, key=lambda a: total[id(a)]) if articles else root
    body = _container(scope)
    before, after = _siblings(body, scope)
    parts = [*before, body, *after]
    title = _title(root, body)
    if title is not None and not any(title is p or any(title is q for q in p.parents) for p in parts):
        parts.insert(0, title)
    lost = _lost_prose(root, parts)
    warning = None
    if lost:
        chars = sum(_cjk(t) for t in lost)
        warning = (f"HTML page layout guessed: {len(lost)} block(s) of prose outside the article "
                   f"were dropped ({chars} Chinese characters, first: {lost[0][:30]!r})")
    return Article(tuple(parts), warning)
