"""The three regions of a reply, header · body · closing, and the sections of the first and last.

Every line belongs to a sentence, so every quantity does: the header's lines (title, number,
a salutation standing alone) make a ``header`` section, the closing's lines (agency, date,
contact, 抄送, and a signature peeled off the last body line) a ``closing`` section. Each of
their lines is a paragraph of that section, cut into sentences as the body's are:

    >>> from pipeline.structure.blocks import split_blocks
    >>> from pipeline.text.normalise import normalise
    >>> norm = normalise("福田区科技局\\n2024年9月12日\\n（联系人：陈晓；电话：82918474）")
    >>> section, paragraphs, sentences = frame(norm, "closing", split_blocks(norm.text))
    >>> section.id, [p.id for p in paragraphs], [(t.id, t.text) for t in sentences][2:]
    ('closing', ['cp1', 'cp2', 'cp3'], [('ct3', '（联系人：陈晓；'), ('ct4', '电话：82918474）')])

Ids: ``header`` and ``closing`` for the sections, ``hp1`` / ``cp1`` … for their lines and
``ht1`` / ``ct1`` … for their sentences, so the body keeps ``p1`` / ``t1`` … whatever
the header holds. Offsets here index the normalised text until :func:`frame` maps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pipeline.records import PARAGRAPH_GIVEN, SENTENCE_GIVEN, Paragraph, Section, Sentence, whole
from pipeline.structure.blocks import SPACE, Block
from pipeline.structure.header import Header
from pipeline.structure.sentences import sentence_spans
from pipeline.structure.signature import Closing, is_date_line, is_page_note
from pipeline.text.normalise import Normalised

FrameKind = Literal["header", "closing"]
_PREFIX: dict[FrameKind, str] = {"header": "h", "closing": "c"}


def body_region(text: str, blocks: list[Block], header: Header, closing: Closing) -> list[Block]:
    """The blocks between header and closing, the last one cut before a signature it ends in."""
    body = list(blocks[header.first_body : closing.first])
    if body and closing.body_end is not None:
        last = body.pop()
        end = closing.body_end
        while end > last.start and text[end - 1].isspace():
            end -= 1
        if end > last.start:
            body.append(Block(last.start, end))
    return body


def _is_paragraph(text: str, block: Block) -> bool:
    line = block.text(text)
    return not (is_date_line(line) or is_page_note(line))


def body_blocks(text: str, region: list[Block]) -> list[Block]:
    """The paragraphs the outline reads: no date-only or page-note lines."""
    return [b for b in region if _is_paragraph(text, b)]


def first_paragraph(text: str, region: Sequence[Block]) -> Block | None:
    """The first of :func:`body_blocks`, where the metadata reads the opening words; the
    lines after it are not tested."""
    return next((b for b in region if _is_paragraph(text, b)), None)


def closing_blocks(text: str, blocks: list[Block], closing: Closing) -> list[Block]:
    """The closing's lines, first the signature peeled off the last body line (if any)."""
    lines = list(blocks[closing.first :])
    if closing.body_end is not None and closing.first > 0:
        last = blocks[closing.first - 1]
        start = closing.body_end
        while start < last.end and text[start] in SPACE:
            start += 1
        if start < last.end:
            lines.insert(0, Block(start, last.end))
    return lines


def frame(norm: Normalised, kind: FrameKind, lines: list[Block]) -> tuple[Section | None, list[Paragraph],
                                                                           list[Sentence]]:
    """The section ``kind`` holding ``lines`` (None when there are none), its paragraphs and sentences."""
    if not lines:
        return None, [], []
    prefix = _PREFIX[kind]
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for line in lines:
        p_id = f"{prefix}p{len(paragraphs) + 1}"
        start, end = norm.to_original(line.start, line.end)
        paragraphs.append(whole(Paragraph, {"id": p_id, "parent_id": kind, "text": norm.original[start:end],
                                            "start": start, "end": end}, PARAGRAPH_GIVEN))
        for piece_start, piece_end in sentence_spans(norm.text, line):
            s_start, s_end = norm.to_original(piece_start, piece_end)
            sentences.append(whole(Sentence, {"id": f"{prefix}t{len(sentences) + 1}", "parent_id": p_id,
                                              "section_id": kind, "text": norm.original[s_start:s_end],
                                              "start": s_start, "end": s_end, "page": None}, SENTENCE_GIVEN))
    section = Section(id=kind, kind=kind, level=1, start=paragraphs[0].start, end=paragraphs[-1].end)
    return section, paragraphs, sentences
