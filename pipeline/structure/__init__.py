"""Document structure: header metadata, outline, paragraphs and sentences.

    >>> from pipeline.text.normalise import normalise
    >>> text = "尊敬的张立勤委员：\\n一、加快建设。\\n一是引进人才。二是优化服务。\\n福田区科技局\\n2024年9月12日"
    >>> s = parse(normalise(text))
    >>> s.meta.addressee, s.meta.agency, [x.id for x in s.sections]
    ('张立勤', '福田区科技局', ['s1', 's1.1', 's1.2'])

The parser reads the normalised text and maps every offset back to the original, so
``original[start:end]`` is the record's text. Stages: blocks (lines and indents) →
header and salutation → closing (signature, date, contact) → outline → paragraphs and
sentences.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from pipeline.records import Meta, Paragraph, Section, Sentence, Structure
from pipeline.structure.blocks import Block, carried_quotes, split_blocks
from pipeline.structure.dates import parse_date
from pipeline.structure.header import Header, read_header
from pipeline.structure.meta import build_meta
from pipeline.structure.outline import Node, build_outline, innermost, node_ids
from pipeline.structure.sentences import split_sentences
from pipeline.structure.signature import Closing, is_date_line, is_page_note, read_closing
from pipeline.text.normalise import Normalised

__all__ = ["Meta", "Paragraph", "Section", "Sentence", "Structure", "parse", "parse_date"]


def _body(text: str, blocks: list[Block], header: Header, closing: Closing) -> list[Block]:
    """The paragraphs of the body: no header, signature, date-only or page-note lines."""
    body = list(blocks[header.first_body : closing.first])
    if body and closing.body_end is not None:
        last = body.pop()
        end = closing.body_end
        while end > last.start and text[end - 1].isspace():
            end -= 1
        if end > last.start:
            body.append(Block(last.start, end))
    return [b for b in body if not (is_date_line(b.text(text)) or is_page_note(b.text(text)))]


def _sections(norm: Normalised, nodes: list[Node], ids: list[str]) -> list[Section]:
    sections = []
    for node, node_id in zip(nodes, ids, strict=True):
        start, end = norm.to_original(node.start, node.end)
        sections.append(Section(
            id=node_id,
            parent_id=ids[node.parent] if node.parent is not None else None,
            level=node.depth,
            style=node.style,
            marker=node.marker,
            number=node.number,
            ordinal=node.ordinal,
            heading=node.heading,
            start=start,
            end=end,
        ))
    return sections


def _paragraphs(
    norm: Normalised, body: list[Block], nodes: list[Node], ids: list[str]
) -> tuple[list[Paragraph], list[Sentence]]:
    starts = [n.start for n in nodes]
    item_starts = sorted(starts)

    def section_of(pos: int) -> str | None:
        i = innermost(nodes, starts, pos)
        return ids[i] if i is not None else None

    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for block in body:
        p_id = f"p{len(paragraphs) + 1}"
        start, end = norm.to_original(block.start, block.end)
        paragraphs.append(Paragraph(
            id=p_id, parent_id=section_of(block.start), text=norm.original[start:end], start=start, end=end
        ))
        inner = item_starts[bisect_right(item_starts, block.start):bisect_left(item_starts, block.end)]
        for piece in split_sentences(norm.text, block, inner):
            s_start, s_end = norm.to_original(piece.start, piece.end)
            sentences.append(Sentence(
                id=f"t{len(sentences) + 1}",
                parent_id=p_id,
                section_id=section_of(piece.start),
                text=norm.original[s_start:s_end],
                start=s_start,
                end=s_end,
            ))
    return paragraphs, sentences


def parse(norm: Normalised) -> Structure:
    """The structure of one document; every offset indexes ``norm.original``."""
    text = norm.text
    blocks = split_blocks(text)
    header = read_header(text, blocks)
    closing = read_closing(text, blocks, header.first_body)
    body = _body(text, blocks, header, closing)
    meta = build_meta(text, header, closing, body)
    nodes = build_outline(text, body, carried_quotes(text, body))
    ids = node_ids(nodes)
    paragraphs, sentences = _paragraphs(norm, body, nodes, ids)
    return Structure(meta=meta, sections=_sections(norm, nodes, ids), paragraphs=paragraphs,
                     sentences=sentences)
