"""Excel: one workbook, a sheet per table, header row frozen, formulas neutralised.

Written row by row (openpyxl's write-only mode), so memory stays flat. A table longer than
a sheet (1,048,575 rows after the header) continues on ``<table> (2)`` and so on. The same
tables give the same bytes: the workbook's created/modified dates and the zip entries'
dates are fixed instead of "now".
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

from pipeline.errors import MissingDependencyError
from pipeline.export import Chunks
from pipeline.export.cells import neutralise
from pipeline.export.columns import records

MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header
MAX_CELL = 32_767  # Excel's longest cell text
MAX_SHEET_NAME = 31
FIXED_TIME = dt.datetime(2000, 1, 1)  # docProps/core.xml dates; the tables say when they were made, not the file
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold
_CORE = "docProps/core.xml"


def write_xlsx(path: Path, chunks: Chunks) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.xml.functions import tostring
    except ImportError as e:
        raise MissingDependencyError("xlsx output needs openpyxl: pip install openpyxl") from e

    def text(value: str) -> str:
        # Control characters (form feeds from PDFs) are not allowed in the XML of a sheet.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))[:MAX_CELL]

    book = Workbook(write_only=True)
    book.properties.created = book.properties.modified = FIXED_TIME
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
    book.save(path)  # sets the modified date to now: core.xml is written again below
    book.properties.modified = FIXED_TIME
    _fix_zip_dates(path, {_CORE: tostring(book.properties.to_tree())})


def _fix_zip_dates(path: Path, replace: dict[str, bytes]) -> None:
    """Rewrite the workbook's zip with every entry dated :data:`_ZIP_TIME`, one entry at a time."""
    fixed = path.with_name(path.name + ".part")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as zout:
        for entry in zin.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            big = entry.file_size > zipfile.ZIP64_LIMIT  # a sheet of more than 2 GiB needs zip64
            if entry.filename in replace:
                zout.writestr(info, replace[entry.filename])
                continue
            with zin.open(entry) as src, zout.open(info, "w", force_zip64=big) as dst:
                shutil.copyfileobj(src, dst, 2**20)
    os.replace(fixed, path)


def _sheet(book: Any, table: str, part: int, header: list[str]) -> Any:
    suffix = f" ({part})" if part > 1 else ""
    sheet = book.create_sheet(table[: MAX_SHEET_NAME - len(suffix)] + suffix)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    return sheet
