"""Excel: one workbook, a sheet per table, header row frozen, formulas neutralised.

The sheets' XML is made a column at a time by Arrow's string kernels and streamed into
the workbook's zip, so memory stays flat and Excel costs a fraction of the extraction
(bench/README.md, "Output formats": the row-by-row writers, openpyxl's write-only mode
and XlsxWriter's constant-memory mode, spend 10-25 µs a cell in Python). The package is
the minimal SpreadsheetML a reader needs (:mod:`pipeline.export.ooxml`).

A table longer than a sheet (1,048,575 rows after the header) continues on
``<table> (2)`` and so on. Numbers are numbers: ``amount``, ``low`` and ``high`` as
doubles with ``amount_text`` … beside them holding the exact value (a double keeps about
15 digits), dates as Excel dates (``yyyy-mm-dd``). Text is always text (inline strings:
never a formula, a number or a link); a cell starting with ``= + - @``, a tab or a
carriage return still gets a leading ``'`` for the analyst who edits and saves it as CSV.
The same tables give the same bytes: every date in the file is fixed.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.export import Chunks
from pipeline.export.cells import neutralise_arrow
from pipeline.export.columns import (
    TEXT_SUFFIX,
    Column,
    Kind,
    TableSpec,
    arrow_from_frame,
    decimal_text,
    with_exact_text,
)
from pipeline.export.ooxml import ZIP_TIME, Sheet, package_parts, sheet_end, sheet_start

if TYPE_CHECKING:
    import pandas as pd

MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header
MAX_CELL = 32_767  # Excel's longest cell text
MAX_SHEET_NAME = 31
TYPES: dict[Kind, str] = {
    "string": "text", "int": "number", "bool": "boolean", "float": "number",
    "decimal": "number + `<column>_text`", "date": "date (yyyy-mm-dd)",
}
DATE_STYLE = 1  # the cell format ooxml.STYLES defines for dates
_EXCEL_EPOCH = 25_569  # 1970-01-01 as an Excel serial day (days since 1899-12-30)
# Control characters (form feeds from PDFs) are not allowed in the XML of a sheet.
_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"
# Excel reads _x000D_ in a string as a carriage return: a literal one is escaped as _x005F_x000D_.
_ESCAPE_LIKE = r"_(x[0-9A-Fa-f]{4}_)"


def write_xlsx(path: Path, chunks: Chunks) -> None:
    sheets: list[Sheet] = []
    with tempfile.TemporaryDirectory(prefix=".xlsx-", dir=path.parent) as tmp:
        for spec, frames in chunks:
            sheets.extend(_write_table(Path(tmp), len(sheets), spec, frames))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
            for name, data in package_parts(sheets):
                book.writestr(_entry(name), data)
            for sheet in sheets:
                big = sheet.file.stat().st_size > zipfile.ZIP64_LIMIT  # zip64 records only where needed
                with open(sheet.file, "rb") as src, book.open(_entry(sheet.part), "w", force_zip64=big) as dst:
                    shutil.copyfileobj(src, dst, 2**20)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _write_table(tmp: Path, before: int, spec: TableSpec, frames: Iterable[pd.DataFrame]) -> list[Sheet]:
    """The table's sheets (one, or more past :data:`MAX_ROWS`) written as XML files into ``tmp``."""
    stored = with_exact_text(spec)
    one = pa.array(["1"])
    header = _row_xml(one, [_text_cells(_letter(i), one, pa.array([c.name]), None)
                            for i, c in enumerate(stored.columns)])
    sheets: list[Sheet] = []
    out: IO[str] | None = None
    rows_in_sheet = MAX_ROWS
    try:
        for frame in frames:
            table = arrow_from_frame(spec, frame)
            start = 0
            while start < table.num_rows:
                if rows_in_sheet == MAX_ROWS:
                    if out is not None:
                        out.write(sheet_end())
                        out.close()
                    suffix = f" ({len(sheets) + 1})" if sheets else ""
                    sheet = Sheet(spec.name[: MAX_SHEET_NAME - len(suffix)] + suffix, before + len(sheets) + 1, tmp)
                    sheets.append(sheet)
                    out = open(sheet.file, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 — closed here
                    out.write(sheet_start())
                    out.write(header)
                    rows_in_sheet = 0
                take = min(table.num_rows - start, MAX_ROWS - rows_in_sheet)
                assert out is not None
                out.write(_chunk_xml(stored, table.slice(start, take), rows_in_sheet + 2))
                start += take
                rows_in_sheet += take
        if out is None:  # no rows: the header alone
            sheet = Sheet(spec.name[:MAX_SHEET_NAME], before + 1, tmp)
            sheets.append(sheet)
            out = open(sheet.file, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 — closed here
            out.write(sheet_start())
            out.write(header)
        out.write(sheet_end())
    finally:
        if out is not None:
            out.close()
    return sheets


def _chunk_xml(stored: TableSpec, table: pa.Table, first_row: int) -> str:
    """``<row>`` elements of a chunk whose first row is sheet row ``first_row``."""
    numbers = pa.array(range(first_row, first_row + table.num_rows), pa.int64()).cast(pa.string())
    cells = [_cells(_letter(i), numbers, column, _values(column, table)) for i, column in enumerate(stored.columns)]
    return _row_xml(numbers, cells)


def _values(column: Column, table: pa.Table) -> pa.Array:
    """One sheet column's values: a stored column of the table, or the exact text of a decimal one."""
    if column.name in table.schema.names:
        return table.column(column.name).combine_chunks()
    exact = table.column(column.name.removesuffix(TEXT_SUFFIX))
    return pa.array([None if d is None else decimal_text(d) for d in exact.to_pylist()], pa.string())


def _row_xml(numbers: pa.Array, cells: list[pa.Array]) -> str:
    rows = pc.binary_join_element_wise('<row r="', numbers, '">', *cells, "</row>\n", "")
    return "".join(rows.to_pylist())


def _cells(letter: str, numbers: pa.Array, column: Column, values: pa.Array) -> pa.Array:
    """Each value's ``<c>`` element (empty when missing), with its A1 reference."""
    kind = column.kind
    if kind == "string":
        return _text_cells(letter, numbers, values, column)
    if kind == "bool":
        return _typed(letter, numbers, ' t="b"', pc.if_else(values, "1", "0"))
    if kind == "date":
        serial = pc.add(values.cast(pa.int32()).cast(pa.int64()), _EXCEL_EPOCH)
        return _typed(letter, numbers, f' s="{DATE_STYLE}"', serial.cast(pa.string()))
    if kind == "decimal":
        values = pa.array([None if d is None else float(d) for d in values.to_pylist()], pa.float64())
    elif kind == "float":  # NaN and infinities are no numbers in a sheet
        values = pc.if_else(pc.is_finite(values), values, pa.scalar(None, pa.float64()))
    return _typed(letter, numbers, "", values.cast(pa.string()))


def _text_cells(letter: str, numbers: pa.Array, values: pa.Array, column: Column | None) -> pa.Array:
    if column is not None and not column.name.endswith(TEXT_SUFFIX):  # made safe; the header and exact text are
        values = _safe_text(values)
    escaped = pc.replace_substring(values, "&", "&amp;")
    escaped = pc.replace_substring(pc.replace_substring(escaped, "<", "&lt;"), ">", "&gt;")
    escaped = pc.replace_substring(escaped, "\r", "&#13;")  # a bare one would be read as a line feed
    # XML drops a text's leading and trailing white space unless told to keep it: told only where there is some.
    spaced = pc.match_substring_regex(values, r"^\s|\s$")
    opening = pc.if_else(spaced, '<is><t xml:space="preserve">', "<is><t>")
    return _typed(letter, numbers, ' t="inlineStr"', escaped, opening, "</t></is>")


def _safe_text(values: pa.Array) -> pa.Array:
    """Illegal characters replaced, ``_x…_`` escaped, formulas neutralised, cut to Excel's longest cell."""
    if pc.any(pc.match_substring_regex(values, _ILLEGAL)).as_py():
        values = pc.replace_substring_regex(values, _ILLEGAL, "\ufffd")
    if pc.any(pc.match_substring_regex(values, _ESCAPE_LIKE)).as_py():
        values = pc.replace_substring_regex(values, _ESCAPE_LIKE, r"_x005F_\1")
    values = neutralise_arrow(pa.chunked_array([values])).combine_chunks()
    if pc.any(pc.greater(pc.utf8_length(values), MAX_CELL)).as_py():
        values = pc.utf8_slice_codeunits(values, 0, MAX_CELL)
    return values


def _typed(letter: str, numbers: pa.Array, attributes: str, text: pa.Array, open_value: str | pa.Array = "<v>",
           close_value: str = "</v>") -> pa.Array:
    """``<c r="B7"{attributes}>{open}{text}{close}</c>`` for each row (``numbers``: the rows' numbers as
    text); empty where ``text`` is missing."""
    cells = pc.binary_join_element_wise(f'<c r="{letter}', numbers, f'"{attributes}>', open_value, text,
                                        f"{close_value}</c>", "")
    return pc.fill_null(cells, "")


def _letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``: the column's letters in an A1 reference."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
