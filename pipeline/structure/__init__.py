"""Document structure: header metadata, outline, paragraphs and sentences.

    >>> from pipeline.text.normalise import normalise
    >>> text = "尊敬的张立勤委员：\\n一、加快建设。\\n一是引进人才。二是优化服务。\\n福田区科技局\\n2024年9月12日"
    >>> s = parse(normalise(text))
    >>> s.meta.addressee, s.meta.agency, [x.id for x in s.sections]
    ('张立勤', '福田区科技局', ['header', 's1', 's1.1', 's1.2', 'closing'])

The parser reads the normalised text and maps every offset back to the original, so
``original[start:end]`` is the record's text. Stages: blocks (lines and indents) →
header and salutation → closing (signature, date, contact) → outline → paragraphs and
sentences. The header's and the closing's lines are sentences too, of a ``header`` and a
``closing`` section (``regions.py``), so every quantity stands in a sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from pipeline.records import PARAGRAPH_GIVEN, SENTENCE_GIVEN, Meta, Paragraph, Section, Sentence, Structure, whole
from pipeline.structure.blocks import Block, carried_quotes, split_blocks
from pipeline.structure.dates import parse_date
from pipeline.structure.header import read_header
from pipeline.structure.meta import build_meta
from pipeline.structure.outline import Node, build_outline, innermost, node_ids
from pipeline.structure.regions import body_blocks, body_region, closing_blocks, first_paragraph, frame
from pipeline.structure.sentences import sentence_spans
from pipeline.structure.signature import read_closing
from pipeline.text.normalise import Normalised
from pipeline.text.traditional import fold, fold_chars

__all__ = ["Meta", "Paragraph", "Section", "Sentence", "Structure", "parse", "parse_date"]


def _sections(norm: Normalised, nodes: list[Node], ids: list[str]) -> list[Section]:
    sections = []
    for node, node_id in zip(nodes, ids, strict=True):
        start, end = norm.to_original(node.start, node.end)
        sections.append(Section(
            id=node_id,
            kind="outline",
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
    to_original, original, normalised = norm.to_original, norm.original, norm.text
    for block in body:
        p_id = f"p{len(paragraphs) + 1}"
        start, end = to_original(block.start, block.end)
        section = section_of(block.start)
        # every field, in the models' order: made without validation (offsets, texts and ids of
        # their types already), as many as the text has sentences
        paragraphs.append(whole(Paragraph, {
            "id": p_id, "parent_id": section, "text": original[start:end], "start": start, "end": end,
        }, PARAGRAPH_GIVEN))
        inner = item_starts[bisect_right(item_starts, block.start):bisect_left(item_starts, block.end)]
        for piece_start, piece_end in sentence_spans(normalised, block, inner):
            s_start, s_end = to_original(piece_start, piece_end)
            sentences.append(whole(Sentence, {
                "id": f"t{len(sentences) + 1}",
                "parent_id": p_id,
                # A paragraph no item starts inside lies in one section: a node ends where
                # a later one starts (spaces before it dropped) or at the body's end.
                "section_id": section_of(piece_start) if inner else section,
                "text": original[s_start:s_end],
                "start": s_start,
                "end": s_end,
                "page": None,
            }, SENTENCE_GIVEN))
    return paragraphs, sentences



def parse(norm: Normalised) -> Structure:
    """The structure of one document; every offset indexes ``norm.original``.

    Sections, paragraphs and sentences come in text order: the header's, the body's, the
    closing's. Every line of the text is in one sentence.
    """
    text = norm.text
    blocks = split_blocks(text)
    view = fold(text)  # traditional labels read as simplified; pinyin annotations dropped
    seen = split_blocks(view.text) if view.index is not None else blocks
    if len(seen) != len(blocks):
        view, seen = fold_chars(text), blocks
    header = read_header(view.text, seen)
    closing = read_closing(view.text, seen, header.first_body)
    meta = build_meta(view, header, closing, first_paragraph(view.text, seen[header.first_body : closing.first]))
    if closing.body_end is not None:
        closing.body_end = view.at(closing.body_end)
    region = body_region(text, blocks, header, closing)
    body = body_blocks(text, region)
    nodes = build_outline(text, body, carried_quotes(text, body))
    ids = node_ids(nodes)
    head = frame(norm, "header", blocks[: header.first_body])
    paragraphs, sentences = _paragraphs(norm, region, nodes, ids)  # date and page-note lines too
    tail = frame(norm, "closing", closing_blocks(text, blocks, closing))
    outline = _sections(norm, nodes, ids)
    sections = [s for s in (head[0], *outline, tail[0]) if s is not None]
    return Structure(meta=meta, sections=sections, paragraphs=[*head[1], *paragraphs, *tail[1]],
                     sentences=[*head[2], *sentences, *tail[2]])
