"""One document through every stage: read → normalise → structure → quantities.

``extract`` starts from a text, ``read`` from a file; both return the same
:class:`~pipeline.records.Document`, whose offsets all index the original text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
from collections.abc import Mapping, Sequence

from pipeline import structure
from pipeline.entities import find_entities
from pipeline.linking import link_and_judge
from pipeline.quantities.engine import extract_quantities
from pipeline.readers import Page, read_source
from pipeline.readers.formats import DEFAULT_MAX_BYTES
from pipeline.readers.ids import doc_id_of, source_path_of
from pipeline.records import Document, Meta, Sentence
from pipeline.refdate import coerce_date, find_document_date
from pipeline.reply import find_citations, read_reply
from pipeline.text.normalise import normalise


def text_id(text: str) -> str:
    """A stable id for a text without a file name: ``doc-`` and 12 hex digits of its SHA-1."""
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def extract(
    text: str,
    *,
    ref_date: str | dt.date | None = None,
    doc_id: str | None = None,
    source: Mapping[str, str | bool | float | None] | None = None,
    pages: Sequence[Page] = (),
    request_date: str | dt.date | None = None,
    request_text: str | None = None,
) -> Document:
    """Parse ``text`` and find every quantity in it.

    Relative dates (今年6月) are resolved against the reply's own date (its signature or
    header); where it states none, against ``ref_date`` (``--ref-date``, a metadata sidecar's
    posting date), then the page's publication date or a date the text ends with; with none
    of these they stay unresolved (``resolved=False``). ``pages`` (``Source.pages`` of a
    paged format) gives each sentence the number of the page it starts on.

    ``request_date`` and ``request_text`` (a metadata sidecar's columns of those names) give
    the reply's ``days_to_reply`` and ``relevance``.

    >>> [q.text for q in extract("引入超6家央企研发中心").quantities]
    ['超6家']
    """
    norm = normalise(text)
    parsed = structure.parse(norm)
    if pages:
        parsed = parsed.model_copy(update={"sentences": _paged(parsed.sentences, pages)})
    meta = parsed.meta.model_copy(update={"doc_id": doc_id or text_id(text), **(source or {})})
    ref = _reference_date(meta, norm.text, ref_date)
    quantities = list(extract_quantities(norm, ref, sentences=parsed.sentences))
    quantities = link_and_judge(text, quantities, parsed.sentences, ref)
    doc = Document(
        text=text, ref_date=ref, quantities=quantities, meta=meta,
        sections=parsed.sections, paragraphs=parsed.paragraphs, sentences=parsed.sentences,
    )
    citations = find_citations(text, parsed.sentences)
    entities = find_entities(doc)
    reply, commitments = read_reply(text, meta, parsed.sections, parsed.sentences, quantities, citations, entities,
                                    request_date=coerce_date(request_date) if request_date is not None else None,
                                    request_text=request_text, reply_date=ref)
    return doc.model_copy(update={"entities": entities, "reply": reply, "citations": citations,
                                  "commitments": commitments})


def _reference_date(meta: Meta, text: str, given: str | dt.date | None) -> dt.date | None:
    """The date relative dates count from: what the reply says of itself beats what the
    caller knows of it, which beats what the page around it says."""
    if meta.date is not None and meta.date_source in ("signature", "header"):
        return meta.date
    if given is not None:
        return coerce_date(given)
    return meta.date or find_document_date(text)


def read(path: str | os.PathLike[str], *, root: str | os.PathLike[str] | None = None,
         ref_date: str | dt.date | None = None, doc_id: str | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES, request_date: str | dt.date | None = None,
         request_text: str | None = None) -> Document:
    """Read a ``.txt``/``.md``/``.docx``/``.doc``/``.wps``/``.pdf``/``.ofd``/``.html`` file or a scan
    (``.png``/``.jpg``/``.tif``, by OCR with ``dafu[ocr]``) and :func:`extract` it.

    ``doc_id`` and ``meta.source_path`` follow one rule (:mod:`pipeline.readers.ids`): the
    path relative to ``root`` (default: the file's own folder), the id without its format
    extensions, so ``read("语料/replies/a.gbk.txt", root="语料")`` has the id ``replies/a``
    that ``dafu run 语料`` gives it. Where the reader had to guess (``Source.warnings``), the
    document's ``warnings`` say so. Raises :class:`pipeline.errors.ReadError` naming the
    file and the reason.
    """
    src = read_source(path, max_bytes=max_bytes)
    info = {"source_path": source_path_of(path, root), "format": src.format, "encoding": src.encoding,
            "ocr": src.ocr, "ocr_confidence": src.ocr_confidence}
    doc = extract(src.text, ref_date=ref_date, doc_id=doc_id or doc_id_of(path, root), source=info, pages=src.pages,
                  request_date=request_date, request_text=request_text)
    return doc.model_copy(update={"warnings": list(src.warnings)}) if src.warnings else doc


def _paged(sentences: Sequence[Sentence], pages: Sequence[Page]) -> list[Sentence]:
    """The sentences with the number of the page each starts on."""
    starts = [p.start for p in pages]
    return [s.model_copy(update={"page": pages[max(bisect.bisect_right(starts, s.start) - 1, 0)].number})
            for s in sentences]

