"""CSV, one file per table: UTF-8 with a BOM (so Excel reads the Chinese right), formulas neutralised.

Missing cells are empty; booleans are ``True``/``False``; decimals as their exact shortest
text (``2870000000``, ``0.05``) and dates as ISO text, which ``read_tables`` types again.
Floats are written as Python's ``repr`` (``0.1``, ``2870000000.0``, ``1e+16``), as pandas does.

A text cell starting with ``= + - @``, a tab or a carriage return gets a leading ``'``
(:mod:`pipeline.export.cells`); ``read_tables`` takes it off again.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.export.cells import byte_table, holds_any, neutralise_arrow, string_buffers
from pipeline.export.columns import Kind, TableSpec, arrow_from_frame, as_numpy, exact_text, text_scalar

if TYPE_CHECKING:  # a frame comes only from a caller that loaded pandas
    import pandas as pd

TYPES: dict[Kind, str] = {
    "string": "text (`'` before `= + - @`)", "int": "digits", "bool": "True / False", "float": "repr (`0.1`)",
    "decimal": "exact text (`0.05`)", "date": "ISO (`2024-09-12`)",
}


class CsvTableWriter:
    def __init__(self, spec: TableSpec, path: Path) -> None:
        self.spec = spec
        self._text = spec.of_kind("string")  # the only cells a spreadsheet could take for a formula
        self._decimals = spec.of_kind("decimal")
        self._file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 — closed by close()
        self._csv = csv.writer(self._file, lineterminator="\n")
        self._csv.writerow(spec.names)

    def write(self, frame: pd.DataFrame) -> None:
        self.write_arrow(arrow_from_frame(self.spec, frame))

    def write_arrow(self, table: pa.Table) -> None:
        """Write a chunk given as Arrow (the frame schema), without going through pandas."""
        arrays = []
        for name in self.spec.names:
            col = table.column(name)
            if name in self._text:
                col = neutralise_arrow(col)
            elif name in self._decimals:
                col = pa.chunked_array([exact_text(col)])
            arrays.append(col)
        lines = _formatted(arrays)
        if lines is not None:
            self._file.flush()  # the header went through the text layer; the lines are UTF-8 already
            self._file.buffer.write(lines)
            return
        columns = [col.to_pylist() for col in arrays]
        # The csv module writes None as an empty cell and a float as its repr, as pandas' to_csv does.
        # Into memory first: the file then encodes one string a chunk instead of one a row.
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(zip(*columns, strict=True))
        self._file.write(buffer.getvalue())

    def close(self) -> None:
        self._file.close()


def _needs_quotes() -> tuple[str, ...]:
    """The characters that make the csv module quote a cell (as this Python's does)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    found = []
    for c in ',"\n\r\t;':
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([f"a{c}b", "x"])
        if buffer.getvalue().startswith('"'):
            found.append(c)
    return tuple(found)


_QUOTED = _needs_quotes()
_QUOTED_BYTES = tuple(c.encode() for c in _QUOTED)
_QUOTED_TABLE = byte_table("".join(_QUOTED))


def _formatted(columns: list[pa.ChunkedArray]) -> bytes | None:
    """The lines the csv module writes for these columns, as UTF-8, formatted by Arrow in C++ (no
    Python work per cell), when every column is text (decimals made text already), an integer, a
    boolean, a date or a float (made text here: the csv module writes a float's ``repr``, which
    Arrow's cast does not: ``1e+16``, ``2870000000.0``); else None."""
    cells = []
    for col in columns:
        if pa.types.is_string(col.type):
            if not holds_any(col, _QUOTED_BYTES):  # one scan of the bytes: most columns need no quotes
                cells.append(col)
                continue
            cells.append(pa.chunked_array([_quoted(chunk) for chunk in col.chunks], col.type))
        elif pa.types.is_integer(col.type) or pa.types.is_date(col.type):  # a date: ISO, as str() writes it
            cells.append(pc.cast(col, pa.string()))
        elif pa.types.is_boolean(col.type):
            cells.append(pc.if_else(col, text_scalar("True"), text_scalar("False")))
        elif pa.types.is_floating(col.type):  # never a character the csv module quotes
            cells.append(pa.array([None if x is None else repr(x) for x in col.to_pylist()], pa.string()))
        else:
            return None
    if not columns or not len(columns[0]):
        return None
    filled = [pc.fill_null(c, text_scalar("")) for c in cells]
    # the line break, on the last cell
    filled[-1] = pc.binary_join_element_wise(filled[-1], text_scalar("\n"), text_scalar(""))
    lines = pc.binary_join_element_wise(*filled, text_scalar(","))
    whole = lines.combine_chunks() if isinstance(lines, pa.ChunkedArray) else lines
    offsets, _ = string_buffers(whole)
    data: bytes = whole.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0])).to_pybytes()
    return data


def _quoted(chunk: pa.Array) -> pa.Array:
    """A chunk of a ``string`` column with its cells holding ``, " \\n`` quoted: found from the
    chunk's bytes (numpy), only those cells quoted."""
    if not len(chunk):
        return chunk
    offsets, data = string_buffers(chunk)
    at = np.flatnonzero(_QUOTED_TABLE[data[offsets[0]:offsets[-1]]]) + offsets[0]
    if not len(at):
        return chunk
    needs = np.zeros(len(chunk), dtype=bool)
    needs[np.searchsorted(offsets, at, side="right") - 1] = True  # the cell each byte falls in
    if chunk.null_count:
        needs &= as_numpy(chunk.is_valid())
    mask = pa.array(needs)
    result: pa.Array = pc.replace_with_mask(chunk, mask, _quote(chunk.filter(mask)))
    return result


def _quote(chunk: pa.Array) -> pa.Array:
    """Every cell in quotes, its quotes doubled, as the csv module quotes a cell."""
    doubled = pc.replace_substring(chunk, '"', '""')
    quoted: pa.Array = pc.binary_join_element_wise(text_scalar('"'), doubled, text_scalar('"'), text_scalar(""))
    return quoted
