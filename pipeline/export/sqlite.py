"""SQLite: one database file, a table per table, keys declared so that joins read naturally.

``PRAGMA foreign_keys=ON`` in a session makes SQLite check them; the file is written in key
order (documents first), so they hold.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.errors import DafuError
from pipeline.export import Chunks
from pipeline.export.columns import Kind, records
from pipeline.export.sql import create_table, insert

TYPES: dict[Kind, str] = {
    "string": "TEXT", "int": "INTEGER", "bool": "INTEGER", "float": "REAL", "decimal": "TEXT", "date": "TEXT",
}


def write_sqlite(path: Path, chunks: Chunks) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        for spec, frames in chunks:
            con.execute(create_table(spec, TYPES))
            statement = insert(spec)
            for frame in frames:
                try:
                    con.executemany(statement, (tuple(r.values()) for r in records(frame)))
                except sqlite3.IntegrityError as e:
                    raise DafuError(f"{path}: table {spec.name}: {e}") from e
        con.commit()
    finally:
        con.close()
