"""DuckDB: one database file, a table per table, primary and foreign keys declared and checked.

Decimals are ``DECIMAL(38, 12)``, exact (``SELECT sum(amount) FROM quantities`` is too);
dates are ``DATE``. A re-run updates the previous run's file in place, as for SQLite
(:mod:`pipeline.export.sqlite`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.errors import DafuError, MissingDependencyError
from pipeline.export import Chunks
from pipeline.export.columns import DECIMAL_PRECISION, DECIMAL_SCALE, Kind, arrow_from_frame
from pipeline.export.sql import Update, create_table, delete_changed, quote

TYPES: dict[Kind, str] = {
    "string": "VARCHAR", "int": "BIGINT", "bool": "BOOLEAN", "float": "DOUBLE",
    "decimal": f"DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE})", "date": "DATE",
}


def write_duckdb(path: Path, chunks: Chunks, update: Update | None = None) -> None:
    """Write the tables into a new database at ``path``; with ``update``, ``path`` is a previous
    run's database: the rows ``update`` names go and the chunks' rows are added."""
    try:
        import duckdb
    except ImportError as e:
        raise MissingDependencyError("duckdb output needs duckdb: pip install duckdb") from e
    con: Any = duckdb.connect(str(path))
    try:
        if update is not None:
            delete_changed(con, update, update.specs)
        for spec, frames in chunks:
            if update is None:
                con.execute(create_table(spec, TYPES))
            names = ", ".join(map(quote, spec.names))
            for frame in frames:
                con.register("dafu_chunk", arrow_from_frame(spec, frame, parquet=True))
                try:
                    con.execute(f"INSERT INTO {quote(spec.name)} ({names}) SELECT {names} FROM dafu_chunk")
                except duckdb.ConstraintException as e:
                    raise DafuError(f"{path}: table {spec.name}: {e}") from e
                finally:
                    con.unregister("dafu_chunk")
    finally:
        con.close()
