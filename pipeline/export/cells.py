"""Spreadsheet formula injection: text cells that a spreadsheet would run are prefixed with ``'``.

A text cell starting with ``= + - @``, a tab or a carriage return is a formula to Excel and
LibreOffice (OWASP "CSV injection"); ``'=cmd()`` shows as text instead. Only text columns
are touched: numbers in numeric columns (``-3``) stay numbers. The escape is reversible —
a cell already starting with ``'`` before such a character gets one more — so
:func:`restore` gives back exactly the original text:

>>> neutralise("=cmd()"), neutralise("'=x"), restore(neutralise("'=x"))
("'=cmd()", "''=x", "'=x")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.export.columns import as_numpy, text_scalar

if TYPE_CHECKING:  # a series comes only from a caller that loaded pandas
    import pandas as pd

_RISKY = r"'*[=+\-@\t\r]"  # any quotes, then a character that starts a formula
_NEEDS_QUOTE = re.compile(_RISKY)
_QUOTED = re.compile("'" + _RISKY)
_RISKY_FIRST = "'=+-@\t\r"  # the characters _RISKY can start with
_RISKY_FIRST_BYTES = tuple(c.encode() for c in _RISKY_FIRST)


def neutralise(text: str) -> str:
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def restore(text: str) -> str:
    return text[1:] if _QUOTED.match(text) else text


def neutralise_series(s: pd.Series) -> pd.Series:
    """:func:`neutralise` for a string column; missing cells stay missing."""
    risky = s.str.match(_RISKY).fillna(False).astype(bool)
    return s.where(~risky, "'" + s)


def restore_series(s: pd.Series) -> pd.Series:
    quoted = s.str.match("'" + _RISKY).fillna(False).astype(bool)
    return s.where(~quoted, s.str.slice(1))


def neutralise_arrow(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """:func:`neutralise` over an Arrow string column, vectorised."""
    # Most columns hold none of the characters the pattern starts with anywhere: one scan of the bytes.
    if not holds_any(col, _RISKY_FIRST_BYTES):
        return col
    if not pa.types.is_string(col.type):
        return _neutralised_by_regex(col)
    return pa.chunked_array([_neutralised(chunk) for chunk in col.chunks], col.type)


def _neutralised(chunk: pa.StringArray) -> pa.Array:
    """:func:`neutralise` over one chunk: the cells to prefix found from their first bytes (numpy
    over the chunk's buffers, no regex over every cell); only a cell starting with ``'`` is
    matched against the pattern, one by one."""
    if not len(chunk):
        return chunk
    offsets, data = string_buffers(chunk)
    first = np.zeros(len(chunk), dtype=np.uint8)
    filled = offsets[1:] > offsets[:-1]
    first[filled] = data[offsets[:-1][filled]]
    risky = _FORMULA_START[first]
    for k in np.flatnonzero(first == ord("'")):
        value = chunk[k].as_py()
        risky[k] = value is not None and _NEEDS_QUOTE.match(value) is not None
    if chunk.null_count:
        risky &= as_numpy(chunk.is_valid())
    if not risky.any():
        return chunk
    mask = pa.array(risky)
    prefixed = pc.binary_join_element_wise(text_scalar("'"), chunk.filter(mask), text_scalar(""))
    result: pa.Array = pc.replace_with_mask(chunk, mask, prefixed)
    return result


def _neutralised_by_regex(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """:func:`neutralise_arrow` for a column that is not ``string`` (``large_string``)."""
    risky = pc.match_substring_regex(col, "^" + _RISKY)
    if not pc.any(risky).as_py():
        return col
    prefixed = pc.binary_join_element_wise(text_scalar("'"), col, text_scalar(""))
    result: pa.ChunkedArray = pc.if_else(risky, prefixed, col)
    return result


def string_buffers(chunk: pa.Array) -> tuple[np.ndarray[Any, np.dtype[np.int32]], np.ndarray[Any, np.dtype[np.uint8]]]:
    """The offsets (``len(chunk) + 1``, into the data) and the UTF-8 data of a ``string`` array,
    as numpy views of its buffers: cell ``k`` is ``data[offsets[k]:offsets[k + 1]]``."""
    _, offsets, data = chunk.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32)[chunk.offset: chunk.offset + len(chunk) + 1]
    return bounds, (np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8))


def byte_table(characters: str) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """A lookup table over the 256 byte values: True at the (ASCII) ``characters``."""
    table = np.zeros(256, dtype=bool)
    table[list(characters.encode("ascii"))] = True
    return table


_FORMULA_START = byte_table(_RISKY_FIRST[1:])  # a cell starting with one of these is a formula


def holds_any(col: pa.ChunkedArray | pa.Array, needles: Sequence[bytes]) -> bool:
    """Whether some cell of a string column holds one of ``needles``: a search of the column's
    UTF-8 bytes (C speed, nothing made per cell). A needle across two cells counts too, so
    give single ASCII characters, which no UTF-8 sequence holds inside.

    >>> holds_any(pa.chunked_array([["设立", "a,b"]]), (b",",)), holds_any(pa.array(["设立"]), (b",",))
    (True, False)
    """
    for chunk in col.chunks if isinstance(col, pa.ChunkedArray) else (col,):
        if not len(chunk):
            continue
        offsets, data = string_buffers(chunk)
        held = data[offsets[0]: offsets[-1]].tobytes()
        if any(needle in held for needle in needles):
            return True
    return False
