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

import pandas as pd
import pyarrow as pa

from pipeline.export.cells import neutralise_arrow
from pipeline.export.columns import Kind, TableSpec, arrow_from_frame, exact_text

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
        columns = []
        for name in self.spec.names:
            col = table.column(name)
            if name in self._text:
                col = neutralise_arrow(col)
            elif name in self._decimals:
                col = exact_text(col)
            columns.append(col.to_pylist())
        # The csv module writes None as an empty cell and a float as its repr, as pandas' to_csv does.
        # Into memory first: the file then encodes one string a chunk instead of one a row.
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(zip(*columns, strict=True))
        self._file.write(buffer.getvalue())

    def close(self) -> None:
        self._file.close()

