"""JSON Lines, one file per table: an object per row, keys in column order, null when missing."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.export.columns import TableSpec, records


class JsonlTableWriter:
    def __init__(self, spec: TableSpec, path: Path) -> None:
        self.spec = spec
        self._file = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 — closed by close()

    def write(self, frame: pd.DataFrame) -> None:
        for row in records(frame):
            self._file.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._file.close()
