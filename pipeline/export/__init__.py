"""Writers, one per output format, all taking the same DataFrames.

``parquet``, ``csv`` and ``jsonl`` write a file per table (``OUT/<table>.<ext>``) and are
streamed: :class:`~pipeline.tables.TableSink` hands them a chunk at a time. ``xlsx``,
``sqlite`` and ``duckdb`` write one file for all tables (``OUT/dafu.<ext>``), built at the
end from the chunks. Adding a format: a module here with a writer of the same shape, and a
line in :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias

if TYPE_CHECKING:  # the writers load pandas and pyarrow when used: the CLI reads FORMATS quickly
    import pandas as pd

    from pipeline.export.columns import TableSpec

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "xlsx", "sqlite", "duckdb")
PER_TABLE: tuple[str, ...] = ("parquet", "csv", "jsonl")  # OUT/<table>.<format>
WORKBOOK = "dafu"  # OUT/dafu.xlsx, OUT/dafu.sqlite, OUT/dafu.duckdb

Chunks: TypeAlias = "Iterable[tuple[TableSpec, Iterable[pd.DataFrame]]]"  # every table, in order, as chunks


class TableWriter(Protocol):
    """Writes one table, a chunk at a time; ``close`` finishes the file."""

    def write(self, frame: pd.DataFrame) -> None: ...

    def close(self) -> None: ...


def file_name(table: str, fmt: str) -> str:
    """``quantities.parquet`` for a per-table format, ``dafu.sqlite`` for the others."""
    return f"{table}.{fmt}" if fmt in PER_TABLE else f"{WORKBOOK}.{fmt}"


def table_writer(fmt: str, spec: TableSpec, path: Path) -> TableWriter:
    """The streaming writer of a per-table format."""
    if fmt == "parquet":
        from pipeline.export.parquet import ParquetTableWriter

        return ParquetTableWriter(spec, path)
    if fmt == "csv":
        from pipeline.export.csv import CsvTableWriter

        return CsvTableWriter(spec, path)
    if fmt == "jsonl":
        from pipeline.export.jsonl import JsonlTableWriter

        return JsonlTableWriter(spec, path)
    raise ValueError(f"{fmt} is not a per-table format")


#: The one-file formats a re-run updates in place (``writer(path, chunks, update)``, see ``export.sql.Update``).
UPDATABLE: tuple[str, ...] = ("sqlite", "duckdb")


def whole_writer(fmt: str) -> Callable[..., None]:
    """The writer of a one-file format: ``write(path, chunks)``; those of :data:`UPDATABLE` also
    take an ``update`` (``write(path, chunks, update)``)."""
    if fmt == "xlsx":
        from pipeline.export.xlsx import write_xlsx

        return write_xlsx
    if fmt == "sqlite":
        from pipeline.export.sqlite import write_sqlite

        return write_sqlite
    if fmt == "duckdb":
        from pipeline.export.duckdb import write_duckdb

        return write_duckdb
    raise ValueError(f"{fmt} is not a one-file format")
