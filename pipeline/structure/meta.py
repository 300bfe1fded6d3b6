"""Header, salutation, opening and closing combined into one :class:`Meta`.

The kind of reply comes from the title (``…提案的回复``), else the salutation's role
(``代表``), else the opening's words (``您的留言已收悉``); a field stated nowhere is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.records import DocKind, Meta
from pipeline.structure.blocks import Block
from pipeline.structure.header import Header, header_fields
from pipeline.structure.lexicon import lexicon
from pipeline.structure.signature import Closing
from pipeline.text.regex import alternation

_PROPOSAL_KINDS = ("提案答复", "建议答复")


@dataclass(frozen=True, slots=True)
class _Patterns:
    in_title: re.Pattern[str]
    in_opening: re.Pattern[str]
    trim: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    """The proposal-title patterns, built from the lexicon once."""
    lex = lexicon().header
    words, verbs = alternation(lex.proposal_words), alternation(lex.proposal_verbs)
    book = r"《(?P<b>[^《》]{2,120})》"  # 《关于…的提案》 names itself
    quoted = r"“(?P<q>[^“”]{2,120})”"
    about = r"关于(?P<about>[^。；！？“”《》:：]{2,80}?)"
    return _Patterns(
        in_title=re.compile(rf"{book}|{quoted}|{about}的(?:{words})"),
        in_opening=re.compile(rf"(?:{verbs})的\s*(?:{book}|(?:{quoted}|{about})\s*的?\s*(?:{words}))"),
        trim=re.compile(rf"^关于|的(?:{words})$"),
    )


def _proposal_title(title: str | None, opening: str) -> str | None:
    pats = patterns()
    m = pats.in_title.search(title or "")
    if m and (m["b"] or m["q"] or not any(ch in m["about"] for ch in "号届")):
        found = m["b"] or m["q"] or m["about"]
    elif m2 := pats.in_opening.search(opening):
        found = m2["b"] or m2["q"] or m2["about"]
    else:
        return None
    return pats.trim.sub("", found.strip()) or None


def _kind(pairs: list[tuple[str, DocKind]], text: str) -> DocKind | None:
    return next((kind for word, kind in pairs if word in text), None)


def _opening(text: str, header: Header, body: list[Block]) -> str:
    if not body:
        return ""
    first = body[0]
    start = first.start
    sal = header.salutation
    if sal and not sal.whole_block and first.start <= sal.end <= first.end:
        start = sal.end
    return text[start : start + lexicon().kinds.opening_window]


def build_meta(text: str, header: Header, closing: Closing, body: list[Block]) -> Meta:
    """The metadata a document states (``text`` is the normalised text)."""
    kinds = lexicon().kinds
    opening = _opening(text, header, body)
    sal = header.salutation
    kind: DocKind = (
        _kind(kinds.title, header.title or "")
        or (sal.kind if sal else None)
        or _kind(kinds.opening, opening)
        or "other"
    )
    body_name, session, number = header.body, header.session, header.proposal_no
    if kind in _PROPOSAL_KINDS:
        o_body, o_session, o_number = header_fields(opening.split("。")[0])
        body_name, session, number = body_name or o_body, session or o_session, number or o_number
    return Meta(
        title=header.title,
        doc_kind=kind,
        body=body_name,
        session=session,
        proposal_no=number,
        addressee=sal.addressee if sal else None,
        addressee_role=sal.role if sal else None,
        proposal_title=_proposal_title(header.title, opening) if kind in _PROPOSAL_KINDS else None,
        agency=closing.agency,
        date=closing.date,
        contact_unit=closing.contact_unit,
        contact_person=closing.contact_person,
        contact_phone=closing.contact_phone,
        reply_category=header.reply_category or closing.reply_category,
        cc=closing.cc,
    )
