"""The reply as a whole: what it does with the request, and what it cites.

:func:`read_reply` turns a parsed document into a :class:`~pipeline.records.Reply` (printed
category, outcome, commitment, referral, handling, the evidence that decided them, and
plain counts of specificity) and its :class:`~pipeline.records.Commitment` rows (the
promised actions, :mod:`pipeline.reply.commitments`), read from one scan of the sentences'
cues; :func:`find_citations` lists its 《…》 titles and document numbers. Cue words,
category forms and set formulae are data in ``resources/reply.toml``.

>>> from pipeline import extract
>>> extract("您反映的问题已转交县水利局核实、办理。").reply.outcome
'referred'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pipeline.records import (
    PROPOSAL_KINDS,
    STATUSES,
    Citation,
    Commitment,
    Entity,
    Handling,
    Meta,
    Quantity,
    Reply,
    Section,
    Sentence,
)
from pipeline.reply.categories import read_category
from pipeline.reply.citations import find_citations, title_kind
from pipeline.reply.commitments import find_commitments
from pipeline.reply.cues import read_cues
from pipeline.reply.decide import decide, read_sentences
from pipeline.reply.lexicon import lexicon
from pipeline.reply.measures import boilerplate_share, days_between, relevance

__all__ = ["find_citations", "find_commitments", "lexicon", "read_cues", "read_reply", "title_kind"]

HEAD_LINES = 3  # body sentences read with the header for the handling role


def read_reply(
    text: str,
    meta: Meta,
    sections: Sequence[Section],
    sentences: Sequence[Sentence],
    quantities: Sequence[Quantity],
    citations: Sequence[Citation],
    entities: Sequence[Entity] = (),
    *,
    request_date: dt.date | None = None,
    request_text: str | None = None,
    reply_date: dt.date | None = None,
) -> tuple[Reply, list[Commitment]]:
    """The reply's outcome, commitment, referral, handling and counts (see :class:`~pipeline.records.Reply`),
    and its commitments, which its promise counts count (``entities``: the document's, for
    the unit that promises).

    ``reply_date`` (the document's reference date) stands in for a reply that prints no date
    of its own when ``days_to_reply`` is counted.
    """
    head, body, closing = _regions(sentences)
    lines = [s.text for s in (*head, *closing, *body[:3], *body[-3:])]
    category = read_category(lines)  # labelled lines stand first or last
    reads = read_sentences(text, [*head, *body], quantities)
    handling = _handling(meta, head, body)
    decision = decide(reads, category[2] if category else None, proposal=handling != "unknown")
    in_body = reads[len(head):]
    commitments = find_commitments(text, reads, quantities, entities)
    body_statuses: list[str | None] = [q.status for q in quantities
                                       if q.sentence_id and not q.sentence_id.startswith(("h", "c"))]
    by_status = {f"n_{status}": body_statuses.count(status) for status in STATUSES}
    reply = Reply(
        outcome_stated=category[0] if category else None,
        outcome_scheme=category[1] if category else None,
        outcome=decision.outcome, commitment=decision.commitment, referral=decision.referral,
        handling=handling,
        evidence=decision.evidence,
        n_quantities=len(body_statuses), **by_status,
        n_promises=len(commitments), n_promises_dated=sum(1 for k in commitments if k.deadline_id is not None),
        n_citations=len(citations), n_laws=sum(1 for c in citations if c.kind in ("law", "regulation")),
        n_points=sum(1 for s in sections if s.kind == "outline"),
        contact_given=bool(meta.contact_phone or meta.contact_person),
        boilerplate_share=boilerplate_share([len(r.sentence.text) for r in in_body],
                                            [r.boilerplate for r in in_body]),
        days_to_reply=days_between(meta.date or reply_date, request_date),
        relevance=relevance(request_text, text) if request_text else None,
    )
    return reply, commitments


def _regions(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """The header's sentences (ids ``h…``), the body's and the closing's (``c…``), in one pass."""
    head: list[Sentence] = []
    body: list[Sentence] = []
    closing: list[Sentence] = []
    for s in sentences:
        (head if s.id[0] == "h" else closing if s.id[0] == "c" else body).append(s)
    return head, body, closing


def _handling(meta: Meta, header: Sequence[Sentence], body: Sequence[Sentence]) -> Handling:
    # the header, and the first lines of the body: a page's info table can push the title there
    lines = [s.text for s in body[:HEAD_LINES]]
    head = " ".join([meta.title or "", *(s.text for s in header), *lines])
    words = lexicon().handling
    if any(w in head for w in words.co):
        return "co"
    if (meta.doc_kind in PROPOSAL_KINDS or meta.addressee_role in words.lead_roles
            or any(w in head for w in words.lead_titles)):
        return "lead"
    return "unknown"
