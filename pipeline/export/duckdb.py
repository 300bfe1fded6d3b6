"""DuckDB: one database file, a table per table, primary and foreign keys declared and checked.

Decimals are ``DECIMAL(38, 12)``, exact (``SELECT sum(amount) FROM quantities`` is too);
dates are ``DATE``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.errors import DafuError, MissingDependencyError
from pipeline.export import Chunks
from pipeline.export.columns import DECIMAL_PRECISION, DECIMAL_SCALE, Kind, arrow_from_frame
from pipeline.export.sql import create_table, quote

TYPES: dict[Kind, str] = {
    "string": "VARCHAR", "int": "BIGINT", "bool": "BOOLEAN", "float": "DOUBLE",
    "decimal": f"DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE})", "date": "DATE",
}


def write_duckdb(path: Path, chunks: Chunks) -> None:
    try:
        import duckdb
    except ImportError as e:
        raise MissingDependencyError("duckdb output needs duckdb: pip install duckdb") from e
    con: Any = duckdb.connect(str(path))
    try:
        for spec, frames in chunks:
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
