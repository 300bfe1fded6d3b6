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

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_RISKY = r"'*[=+\-@\t\r]"  # any quotes, then a character that starts a formula
_NEEDS_QUOTE = re.compile(_RISKY)
_QUOTED = re.compile("'" + _RISKY)
_RISKY_FIRST = pa.array(["'", "=", "+", "-", "@", "\t", "\r"])  # the characters _RISKY can start with


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
    # The pattern only where a cell starts with one of its first characters: most columns have none.
    first = pc.utf8_slice_codeunits(col, 0, 1)
    if not pc.any(pc.is_in(first, value_set=_RISKY_FIRST)).as_py():
        return col
    risky = pc.match_substring_regex(col, "^" + _RISKY)
    if not pc.any(risky).as_py():
        return col
    result: pa.ChunkedArray = pc.if_else(risky, pc.binary_join_element_wise("'", col, ""), col)
    return result
