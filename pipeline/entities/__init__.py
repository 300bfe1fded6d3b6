"""Entities by rule and lexicon: agencies, organisations, places, programmes, people.

``find_entities(doc)`` reads the original text of a parsed :class:`Document` and
returns :class:`Entity` records (labels GOV, ORG, LOC, PROGRAM, PERSON) that never
overlap. Three sources, longest first:

* names ending in a known word (…局, …大学, …研究院, …基金), read leftwards to the
  nearest boundary (punctuation, a verb such as 推动 or 依托, a function word);
* programmes and policies named in quotes or 《》;
* a gazetteer of places and short names, plus the document's own agency and people
  from its metadata.

The lexicons are ``pipeline/resources/entities.toml``.

>>> import pipeline
>>> [e.text for e in find_entities(pipeline.extract("推动香港大学在福田河套设立平台"))]
['香港大学', '福田', '河套']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.records import ENTITY_GIVEN, Document, Entity, whole
from pipeline.resources import Lexicon, load
from pipeline.spans import keep_best
from pipeline.text.regex import alternation, char_class, trie_scan
from pipeline.text.scan import FewFirsts


class EntityLexicon(Lexicon):
    suffixes: dict[str, list[str]]
    min_head: int
    generic_heads: list[str]
    boundary_chars: str
    boundaries: list[str]
    max_parenthetical: int
    false_suffixes: list[str]
    gazetteer: dict[str, list[str]]


LEX = load("entities.toml", EntityLexicon)
LABELS = ("GOV", "ORG", "LOC", "PROGRAM", "PERSON")

_SUFFIX_LABEL = {word: label for label, words in LEX.suffixes.items() for word in words}
_SUFFIX_RE = re.compile(trie_scan(_SUFFIX_LABEL))  # a trie: the same matches, 15 % faster a scan
_FALSE_SUFFIX_RE = re.compile(alternation(LEX.false_suffixes))
_GAZETTEER_LABEL = {word: label for label, words in LEX.gazetteer.items() for word in words}
_GAZETTEER_RE = re.compile(trie_scan(_GAZETTEER_LABEL))
_BOUNDARY_RE = re.compile(alternation(LEX.boundaries))
_GENERIC = frozenset(LEX.generic_heads)
_QUOTED_RE = re.compile(r"《(?P<book>[^《》\n]{2,40})》|“(?P<quote>[^“”\n，。；！？]{2,20})”")
_QUOTED = FewFirsts(_QUOTED_RE)  # found by str.find of its first characters
_PAREN_AFTER = re.compile(rf"[（(][\u4e00-\u9fff]{{1,{LEX.max_parenthetical}}}[）)]")
_PAREN_INSIDE = re.compile(rf"[（(][\u4e00-\u9fff]{{1,{LEX.max_parenthetical}}}[）)]$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HEAD_STOP = re.compile(rf"[^\u4e00-\u9fff]|{char_class(LEX.boundary_chars)}")  # what a head cannot hold
_JOINED = re.compile(r"[+＋\-—－/]")
_LONGEST_HEAD = 24


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    label: str
    rank: int  # source preference on equal length: document names, suffix names, quotes, gazetteer


def find_entities(doc: Document) -> list[Entity]:
    """Every entity in ``doc``, in text order, without overlaps."""
    text = doc.text
    spans = [*_from_meta(doc), *_by_suffix(text), *_quoted(text), *_gazetteer(text)]
    kept = _resolve(spans, len(text))
    starts = [s.start for s in doc.sentences]
    out = []
    for i, span in enumerate(kept, 1):
        k = bisect.bisect_right(starts, span.start) - 1
        sentence = doc.sentences[k].id if k >= 0 and span.start < doc.sentences[k].end else None
        out.append(whole(Entity, {"id": f"e{i}", "label": span.label,  # the span's own values: not validated again
                                  "text": text[span.start : span.end], "start": span.start, "end": span.end,
                                  "sentence_id": sentence}, ENTITY_GIVEN))
    return out


def _from_meta(doc: Document) -> Iterator[_Span]:
    """The document's own agency and the people its header and contact line name."""
    meta = doc.meta
    if meta is None:
        return
    names = [(meta.agency, "GOV"), (meta.addressee, "PERSON"), (meta.contact_person, "PERSON")]
    for name, label in names:
        if name and len(name) >= 2:  # every place, without overlaps, as re.finditer would give
            at = doc.text.find(name)
            while at >= 0:
                yield _Span(at, at + len(name), label, 4)
                at = doc.text.find(name, at + len(name))


def _by_suffix(text: str) -> Iterator[_Span]:
    false = bytearray(len(text) + 1)  # positions inside 格局, 委员 …
    for f in _FALSE_SUFFIX_RE.finditer(text):
        false[f.start() : f.end()] = b"\x01" * (f.end() - f.start())
    for m in _SUFFIX_RE.finditer(text):
        if false[m.start()]:
            continue
        end = m.end()
        paren = _PAREN_AFTER.match(text, end)
        if paren:
            end = paren.end()
        start = _head_start(text, m.start())
        head = text[start : m.start()]
        if len(head) < LEX.min_head or head in _GENERIC or (head[:1] in _GENERIC and len(head) <= 2):
            continue
        yield _Span(start, end, _SUFFIX_LABEL[m.group()], 3)


def _head_start(text: str, pos: int) -> int:
    """Walk left from ``pos`` over the name's head, to the nearest boundary.

    Each step finds the nearest character a head cannot hold (a boundary, anything not
    Han) by one regex search of the reversed stretch, not a test per character; a
    parenthetical (``中国（南方）``) is stepped over and the search goes on before it."""
    start = pos
    limit = max(0, pos - _LONGEST_HEAD)
    while start > limit:
        stop = _HEAD_STOP.search(text[limit:start][::-1])
        if stop is None:
            start = limit
            break
        start -= stop.start()  # text[start - 1] is the stop
        if text[start - 1] in "）)":
            paren = _PAREN_INSIDE.search(text, max(0, start - LEX.max_parenthetical - 2), start)
            if paren and paren.start() > limit:
                start = paren.start()
                continue
        break
    # cut at the last boundary word inside the head (推动香港大学 → 香港大学)
    cut = start
    for b in _BOUNDARY_RE.finditer(text, start, pos):
        cut = max(cut, b.end())
    return cut


def _quoted(text: str) -> Iterator[_Span]:
    for m in _QUOTED.finditer(text):
        group = "book" if m["book"] else "quote"
        if group == "quote" and (not _HAN.search(m[group]) or _JOINED.search(m[group])):
            continue  # “福田总部+博罗生产基地” joins things: a model or slogan, not a name
        yield _Span(m.start(group), m.end(group), "PROGRAM", 2)


def _gazetteer(text: str) -> Iterator[_Span]:
    for m in _GAZETTEER_RE.finditer(text):
        yield _Span(m.start(), m.end(), _GAZETTEER_LABEL[m.group()], 1)


def _resolve(spans: list[_Span], size: int) -> list[_Span]:
    return keep_best(spans, size, lambda s: (s.start - s.end, -s.rank, s.start))
