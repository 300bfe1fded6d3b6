"""The tokens table of a document as Arrow arrays, built column-wise.

A document has thousands of tokens, and ``--tokens`` must stay cheap next to the rest of a
run: no record, dict or row tuple per token, and no Python string per token handed to
Arrow. The tokens tile the text (:func:`~pipeline.segment.token_columns` checks it), so the
``text`` column is the document's UTF-8 bytes once, cut at the tokens' byte offsets;
``doc_id`` and ``sentence_id`` are a few values taken again and again.

>>> from pipeline import extract
>>> [a.to_pylist()[1] for a in token_arrays(extract("设立概念验证中心", doc_id="d1"))]
['d1', 1, '概念验证中心', 2, 8, 'n', 'ct1']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from pipeline.records import Document
from pipeline.tables.specs import SPECS


def token_arrays(doc: Document) -> tuple[pa.Array, ...]:
    """The tokens table's columns of one document, as Arrow arrays in the table's column order."""
    from pipeline.document import text_id
    from pipeline.segment import token_columns

    c = token_columns(doc.text, doc.sentences)
    doc_id = (doc.meta.doc_id if doc.meta else None) or text_id(doc.text)
    n = len(c)
    by_name: dict[str, pa.Array] = {
        "doc_id": repeated([doc_id], [n]),
        "i": pa.array(np.arange(n, dtype=np.int64)),
        "text": tiles(doc.text, c.bounds, c.text),
        "start": pa.array(c.bounds[:-1]),
        "end": pa.array(c.bounds[1:]),
        "pos": pa.array(c.pos, pa.string()),
        "sentence_id": _sentence_ids(c.runs),
    }
    return tuple(by_name[name] for name in SPECS["tokens"].names)


def tiles(text: str, bounds: np.ndarray[Any, np.dtype[np.int64]], words: Sequence[str]) -> pa.Array:
    """``text[bounds[k]:bounds[k + 1]]`` for each k as an Arrow string array: the UTF-8 bytes of
    ``text`` with the pieces' byte offsets, when the pieces tile it from 0 to its end; else
    ``words`` (those same pieces) converted one by one.

    >>> tiles("设立ab中心", np.array([0, 2, 4, 6]), ["设立", "ab", "中心"]).to_pylist()
    ['设立', 'ab', '中心']
    """
    n = len(bounds) - 1
    if n <= 0 or bounds[0] != 0 or bounds[-1] != len(text):
        return pa.array(words, pa.string())
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: Arrow's own conversion says where
        return pa.array(words, pa.string())
    if len(data) != len(text):  # not ASCII: character offsets → byte offsets
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        width = 1 + (points >= 0x80).astype(np.int32) + (points >= 0x800) + (points >= 0x10000)
        bounds = np.concatenate(([0], np.cumsum(width, dtype=np.int64)))[bounds]
    if bounds[-1] > np.iinfo(np.int32).max:
        return pa.array(words, pa.string())
    offsets = pa.py_buffer(bounds.astype(np.int32).tobytes())
    return pa.StringArray.from_buffers(n, offsets, pa.py_buffer(data))


def repeated(values: Sequence[str | None], counts: Sequence[int]) -> pa.Array:
    """``values[k]`` repeated ``counts[k]`` times, in order, as an Arrow string array built from
    its buffers (a value None is a run of nulls).

    >>> repeated(["s1", None, "长"], [2, 1, 1]).to_pylist()
    ['s1', 's1', None, '长']
    """
    n = int(sum(counts))
    encoded = [(v or "").encode("utf-8") for v in values]
    data = b"".join(b * c for b, c in zip(encoded, counts, strict=True))
    lengths = np.repeat(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), counts)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    valid = None
    if None in values:
        bits = np.repeat(np.fromiter((v is not None for v in values), dtype=bool, count=len(values)), counts)
        valid = pa.py_buffer(np.packbits(bits, bitorder="little").tobytes())
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data), valid)


def _sentence_ids(runs: list[tuple[str | None, int]]) -> pa.Array:
    """The sentence id of each token, from the runs of tokens of one sentence (or gap), as Arrow."""
    return repeated([sentence_id for sentence_id, _ in runs], [n for _, n in runs])
