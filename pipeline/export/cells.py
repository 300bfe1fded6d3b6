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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_RISKY = r"'*[=+\-@\t\r]"  # any quotes, then a character that starts a formula
_NEEDS_QUOTE = re.compile(_RISKY)
_QUOTED = re.compile("'" + _RISKY)
_RISKY_FIRST = pa.array(["'", "=", "+", "-", "@", "\t", "\r"])  # the characters _RISKY can start with
_RISKY_FIRST_BYTES = tuple(c.encode() for c in _RISKY_FIRST.to_pylist())


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
    # The pattern only where a cell starts with one of its first characters.
    first = pc.utf8_slice_codeunits(col, 0, 1)
    if not pc.any(pc.is_in(first, value_set=_RISKY_FIRST)).as_py():
        return col
    risky = pc.match_substring_regex(col, "^" + _RISKY)
    if not pc.any(risky).as_py():
        return col
    result: pa.ChunkedArray = pc.if_else(risky, pc.binary_join_element_wise("'", col, ""), col)
    return result


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
        _, offsets, data = chunk.buffers()
        if data is None:
            continue
        bounds = np.frombuffer(offsets, dtype=np.int32)
        held = memoryview(data)[int(bounds[chunk.offset]): int(bounds[chunk.offset + len(chunk)])].tobytes()
        if any(needle in held for needle in needles):
            return True
    return False
