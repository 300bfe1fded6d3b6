"""Records → tidy tables: one DataFrame per record type, joinable on ``doc_id`` and the record ids.

One module per job: :mod:`~pipeline.tables.specs` (each table's columns and keys, from the
records), :mod:`~pipeline.tables.rows` (a document's rows; rows packed, or as columns, for
handing over), :mod:`~pipeline.tables.tokens` (the tokens table as Arrow columns),
:mod:`~pipeline.tables.frames` (:class:`Tables` in memory, :func:`read_tables`, the previous
run's tables as Arrow), :mod:`~pipeline.tables.sink` (:class:`TableSink`, rows streamed into
the files of ``OUT``), and for an incremental run :mod:`~pipeline.tables.merge` (kept and new
rows in a full run's order) and :mod:`~pipeline.tables.splice` (CSV and JSONL rows copied
from the previous file).

>>> from pipeline import extract
>>> from pipeline.tables import Tables, document_rows
>>> rows = document_rows(extract("引入超6家央企研发中心", doc_id="d1"))
>>> rows["quantities"][0]["quantity_id"], rows["quantities"][0]["amount"]
('q1', Decimal('6'))
>>> Tables.from_rows(rows)["quantities"]["amount"].sum()  # an exact decimal128(38, 12)
Decimal('6.000000000000')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.tables.rows import (
    AnyRows,
    ColumnRows,
    PackedRows,
    Rows,
    document_rows,
    dumped,
    manifest_row,
    pack,
    problem_row,
    token_rows,
)
from pipeline.tables.specs import SPECS, TABLE_NAMES, column_kind, columns, known_table

# The tables in memory and in files need pyarrow (and pandas): loaded on first use, so that a worker
# process makes a document's rows (pipeline.tables.rows) without them.
if TYPE_CHECKING:
    from pipeline.tables.frames import Tables, read_tables
    from pipeline.tables.sink import ROW_GROUP, TableSink

_LAZY = {"Tables": "frames", "read_tables": "frames", "ROW_GROUP": "sink", "TableSink": "sink"}

# The names these had when pipeline.tables was one module, still imported that way.
_dumped = dumped
_known = known_table
_kind = column_kind

__all__ = [
    "ROW_GROUP", "SPECS", "TABLE_NAMES", "AnyRows", "ColumnRows", "PackedRows", "Rows", "TableSink", "Tables",
    "column_kind", "columns", "document_rows", "dumped", "known_table", "manifest_row", "pack", "problem_row",
    "read_tables", "token_rows",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"pipeline.tables.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'pipeline.tables' has no attribute {name!r}")
