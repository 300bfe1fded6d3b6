"""Header, salutation, opening and closing combined into one :class:`Meta`.

The kind of reply comes from the title (``…提案的回复``), else the salutation's role
(``代表``), else the opening's words (``您的留言已收悉``); a field stated nowhere is None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import cast

from pipeline.records import PROPOSAL_KINDS, DateSource, DocKind, Meta
from pipeline.structure.blocks import Block
from pipeline.structure.header import Header, header_fields
from pipeline.structure.lexicon import lexicon
from pipeline.structure.signature import Closing
from pipeline.text.regex import alternation
from pipeline.text.traditional import Folded


@dataclass(frozen=True, slots=True)
class _Patterns:
    in_title: re.Pattern[str]
    in_opening: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    """The proposal-title patterns, built from the lexicon once.

    The spec keeps a quoted title whole (the text inside “” or 《》, ``关于…的建议`` too),
    else the ``关于…的建议`` phrase whole: ``您提出的关于“X”的建议`` → X, ``你们提出的关于
    支持…的建议收悉`` → 关于支持…的建议.
    """
    lex = lexicon().header
    words, verbs = alternation(lex.proposal_words), alternation(lex.proposal_verbs)
    book = r"《(?P<b>[^《》]{2,120})》"
    quoted = r"[“\"](?P<q>[^“”\"]{2,120})[”\"]"
    about = rf"(?:关于)*(?P<about>关于[^。；！？《》:：]{{2,80}}?的?(?:{words}))"
    return _Patterns(
        in_title=re.compile(book),
        in_opening=re.compile(
            rf"(?:(?:{verbs})的?|[你您](?:们|\(们\))?)\s*(?:关于)?\s*(?:{book}|{quoted}|{about})"),
    )


def _proposal_title(title: str | None, opening: str) -> str | None:
    pats = patterns()
    m = pats.in_title.search(title or "")
    if m:
        return m["b"].strip()
    m2 = pats.in_opening.search(opening.split("。")[0])
    if m2 is None:
        return None
    return (m2["b"] or m2["q"] or m2["about"]).strip() or None


def _kind(pairs: list[tuple[str, DocKind]], text: str) -> DocKind | None:
    return next((kind for word, kind in pairs if word in text), None)


def _opening(text: str, header: Header, first: Block | None) -> str:
    if first is None:
        return ""
    start = first.start
    sal = header.salutation
    if sal and not sal.whole_block and first.start <= sal.end <= first.end:
        start = sal.end
    return text[start : start + lexicon().kinds.opening_window]


def _date(header: Header, closing: Closing) -> tuple[dt.date | None, DateSource | None]:
    """The signature's date, else a date line of the header, else a date field of the page."""
    for date, source in ((closing.date, "signature"), (header.header_date, "header"), (header.page_date, "page")):
        if date is not None:
            return date, cast(DateSource, source)
    return None, None


def build_meta(view: Folded, header: Header, closing: Closing, first: Block | None) -> Meta:
    """The metadata a document states, read on ``view`` (the folded normalised text) and
    written as the text writes it; ``first`` is the body's first paragraph, whose opening
    words tell the kind of document."""
    text = view.text
    kinds = lexicon().kinds
    opening = _opening(text, header, first)
    sal = header.salutation
    kind: DocKind = (
        _kind(kinds.title, header.title or "")
        or (sal.kind if sal else None)
        or _kind(kinds.opening, opening)
        or "other"
    )
    body_name, session, number = header.body, header.session, header.proposal_no
    if kind in PROPOSAL_KINDS:
        o_body, o_session, o_number = header_fields(opening.split("。")[0])
        body_name, session, number = body_name or o_body, session or o_session, number or o_number
    date, date_source = _date(header, closing)
    title = header.title
    if header.title_blocks:
        title = "".join(view.verbatim(b.start, b.end) for b in header.title_blocks)
    return Meta(
        title=view.find(title) if not header.title_blocks else title,
        doc_kind=kind,
        body=body_name,
        session="".join(view.find(part) or "" for part in session) or None,
        proposal_no=number,
        addressee=view.find(sal.addressee) if sal else None,
        addressee_role=sal.role if sal else None,
        proposal_title=view.find(_proposal_title(header.title, opening)) if kind in PROPOSAL_KINDS else None,
        agency=view.find(closing.agency or header.title_agency),
        date=date,
        date_source=date_source,
        contact_unit=view.find(closing.contact_unit),
        contact_person=view.find(closing.contact_person),
        contact_phone=closing.contact_phone,
        reply_category=header.reply_category or closing.reply_category,
        cc=view.find(closing.cc),
    )
