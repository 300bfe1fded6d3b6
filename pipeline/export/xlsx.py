"""Excel: one workbook, a sheet per table, header row frozen, formulas neutralised.

Written row by row (openpyxl's write-only mode), so memory stays flat. A table longer than
a sheet (1,048,575 rows after the header) continues on ``<table> (2)`` and so on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.errors import MissingDependencyError
from pipeline.export import Chunks
from pipeline.export.cells import neutralise
from pipeline.export.columns import records

MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header
MAX_CELL = 32_767  # Excel's longest cell text
MAX_SHEET_NAME = 31


def write_xlsx(path: Path, chunks: Chunks) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    except ImportError as e:
        raise MissingDependencyError("xlsx output needs openpyxl: pip install openpyxl") from e

    def text(value: str) -> str:
        # Control characters (form feeds from PDFs) are not allowed in the XML of a sheet.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))[:MAX_CELL]

    book = Workbook(write_only=True)
    for spec, frames in chunks:
        # Only text can be taken for a formula; exact decimals and ISO dates are text of a known shape.
        text_columns = {i for i, c in enumerate(spec.columns) if c.kind == "string"}
        part, rows_in_sheet = 1, 0
        sheet = _sheet(book, spec.name, part, spec.names)
        for frame in frames:
            for row in records(frame):
                if rows_in_sheet == MAX_ROWS:
                    part, rows_in_sheet = part + 1, 0
                    sheet = _sheet(book, spec.name, part, spec.names)
                values: list[Any] = list(row.values())
                sheet.append([text(v) if i in text_columns and v is not None else v for i, v in enumerate(values)])
                rows_in_sheet += 1
    book.save(path)


def _sheet(book: Any, table: str, part: int, header: list[str]) -> Any:
    suffix = f" ({part})" if part > 1 else ""
    sheet = book.create_sheet(table[: MAX_SHEET_NAME - len(suffix)] + suffix)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    return sheet
