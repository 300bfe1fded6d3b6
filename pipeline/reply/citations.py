"""Titles and document numbers a reply cites: ``《中华人民共和国城乡规划法》``, ``郴价费〔2012〕2号``.

Found by rule (a 《…》 title; a year in 〔〕, [] or （） followed by a number and 号, with the
issuing prefix written before it), kind read from the title's last words (``[citations]``
in reply.toml, longest first): law, regulation, plan, document, else other; a number is
kind ``number``. A number written right before a title it belongs to is one citation of
its own: the two are different ways to name a document, and both are counted.

>>> [(c.text, c.kind) for c in find_citations("根据《中华人民共和国土地管理法》和湘政发〔2023〕5号文件")]
[('《中华人民共和国土地管理法》', 'law'), ('湘政发〔2023〕5号', 'number')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from pipeline.records import Citation, CitationKind, Sentence
from pipeline.reply.lexicon import lexicon

_TITLE = re.compile(r"《(?P<title>[^《》\n]{2,80})》")
# The number from its bracketed year on (a bracket is rare, so the scan is quick); its
# issuing prefix is read backwards from there (_PREFIX).
_NUMBER = re.compile(r"""
    [〔\[［(（【] \s* (?:19|20)[0-9]{2} \s* [〕\]］)）】]   # 〔2023〕 · [2023] · （2023）
    \s* (?:[\u4e00-\u9fff]{1,6}\s*)? 第? \s* [0-9]{1,5} \s* 号      # 45号 · 洞政复函 3号
""", re.VERBOSE)
_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,12}\s*$")  # 郴价费 · 湘政发 · 岳楼政办字


@cache
def _kinds() -> list[tuple[str, CitationKind]]:
    c = lexicon().citations
    pairs: list[tuple[str, CitationKind]] = [(w, "law") for w in c.law]
    pairs += [(w, "regulation") for w in c.regulation] + [(w, "plan") for w in c.plan]
    pairs += [(w, "document") for w in c.document]
    return sorted(pairs, key=lambda p: -len(p[0]))


def title_kind(title: str) -> CitationKind:
    """The kind of a cited title, from its last words (brackets such as ``（试行）`` set aside).

    >>> title_kind("广东省城乡规划条例（试行）"), title_kind("管理办法"), title_kind("问政西地省")
    ('regulation', 'regulation', 'other')
    """
    core = re.sub(r"[（(][^（）()]{1,10}[)）]$", "", title).strip()
    for word, kind in _kinds():
        if core.endswith(word):
            if kind == "law" and core.endswith(tuple(lexicon().citations.not_law)):
                continue
            return kind
    return "other"


def _lead_length(prefix: str) -> int:
    """How many characters of a number's prefix belong to the sentence before it (根据湘政发 → 2)."""
    cut = 0
    for word in lexicon().citations.number_leads:
        at = prefix.rfind(word)
        if at >= 0:
            cut = max(cut, at + len(word))
    return cut


def find_citations(text: str, sentences: Sequence[Sentence] = ()) -> list[Citation]:
    """The titles and document numbers of ``text`` in text order, each with its sentence."""
    found: list[tuple[int, int, str | None, str | None, CitationKind]] = []
    for m in _TITLE.finditer(text):
        found.append((m.start(), m.end(), m["title"], None, title_kind(m["title"])))
    for m in _NUMBER.finditer(text):
        if not any(s <= m.start() < e for s, e, *_ in found):
            prefix = _PREFIX.search(text, max(0, m.start() - 13), m.start())
            start = prefix.start() + _lead_length(prefix.group()) if prefix else m.start()
            found.append((start, m.end(), None, re.sub(r"\s+", "", text[start : m.end()]), "number"))
    found.sort()
    starts = [s.start for s in sentences]
    out = []
    for n, (start, end, title, number, kind) in enumerate(found, 1):
        i = bisect.bisect_right(starts, start) - 1
        sid = sentences[i].id if i >= 0 and start < sentences[i].end else None
        out.append(Citation(id=f"c{n}", text=text[start:end], title=title, number=number, kind=kind,
                            start=start, end=end, sentence_id=sid))
    return out
