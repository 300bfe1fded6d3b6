"""Parquet, one file per table, written a row group at a time.

Deterministic: no pandas metadata and no timestamps, so the same rows give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.export.columns import TableSpec, arrow_from_frame

if TYPE_CHECKING:  # a frame comes only from a caller that loaded pandas
    import pandas as pd


class ParquetTableWriter:
    def __init__(self, spec: TableSpec, path: Path) -> None:
        self.spec = spec
        # The file exists, with its schema, even when no row comes.
        # Dictionary pages for text only (kinds, units, ids repeat); numbers are mostly distinct
        # (offsets, counts), where a dictionary costs time and space: the tokens table's Parquet
        # is a third smaller and written faster without one.
        self._writer = pq.ParquetWriter(path, spec.parquet_schema, compression="zstd",
                                        use_dictionary=list(spec.of_kind("string")))

    def write(self, frame: pd.DataFrame) -> None:
        if len(frame):
            self._writer.write_table(arrow_from_frame(self.spec, frame, parquet=True), row_group_size=len(frame))

    def write_arrow(self, table: pa.Table) -> None:
        """Write a chunk given as Arrow (the frame schema, which is the file's), without going through pandas."""
        if table.num_rows:
            self._writer.write_table(table.cast(self.spec.parquet_schema), row_group_size=table.num_rows)

    def close(self) -> None:
        self._writer.close()


def read_parquet(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    """One Parquet file as Arrow (only ``columns`` when given): ``pq.read_table`` without
    ``pyarrow.dataset``, which it imports and which loads pandas (0.4 s a re-run need not spend)."""
    with pq.ParquetFile(path) as file:
        return file.read(columns=None if columns is None else list(columns))
