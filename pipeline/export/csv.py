"""CSV, one file per table: UTF-8 with a BOM (so Excel reads the Chinese right), formulas neutralised.

Missing cells are empty; booleans are ``True``/``False``; exact decimals and ISO dates as text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from pipeline.export.cells import neutralise_series
from pipeline.export.columns import TableSpec


class CsvTableWriter:
    def __init__(self, spec: TableSpec, path: Path) -> None:
        self.spec = spec
        self._text = spec.of_kind("string")  # the only cells a spreadsheet could take for a formula
        self._file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 — closed by close()
        csv.writer(self._file, lineterminator="\n").writerow(spec.names)

    def write(self, frame: pd.DataFrame) -> None:
        out = frame.copy()
        for name in self._text:
            out[name] = neutralise_series(out[name])
        out.to_csv(self._file, header=False, index=False, lineterminator="\n")

    def close(self) -> None:
        self._file.close()
