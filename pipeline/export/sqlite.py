"""SQLite: one database file, a table per table, keys declared so that joins read naturally.

SQLite has no exact decimal: ``amount``, ``low`` and ``high`` are REAL (``sum(amount)``
works) with ``amount_text``, ``low_text`` and ``high_text`` beside them holding the exact
value. Dates are ISO text in columns declared ``DATE``, which SQLite's date functions read
and Python's ``sqlite3`` turns into ``datetime.date`` with ``detect_types=PARSE_DECLTYPES``.

``PRAGMA foreign_keys=ON`` in a session makes SQLite check them; the file is written in key
order (documents first), so they hold. A re-run updates the previous run's file in place: the
rows of the files that changed are deleted and their new rows appended (so, as ever in SQL,
ask for an order with ``ORDER BY``: the rows' physical order may differ from a fresh run's).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.errors import DafuError
from pipeline.export import Chunks
from pipeline.export.columns import Kind, arrow_from_frame, double_columns, with_exact_text
from pipeline.export.sql import Update, create_table, delete_changed, insert

TYPES: dict[Kind, str] = {
    "string": "TEXT", "int": "INTEGER", "bool": "INTEGER", "float": "REAL", "decimal": "REAL", "date": "DATE",
}


def write_sqlite(path: Path, chunks: Chunks, update: Update | None = None) -> None:
    """Write the tables into a new database at ``path``; with ``update``, ``path`` is a previous
    run's database: the rows ``update`` names go and the chunks' rows are added."""
    con = sqlite3.connect(path)
    try:
        if update is None:
            con.execute("PRAGMA foreign_keys = ON")
        else:
            delete_changed(con, update, [with_exact_text(spec) for spec in update.specs])
        for spec, frames in chunks:
            stored = with_exact_text(spec)
            if update is None:
                con.execute(create_table(stored, TYPES))
            statement = insert(stored)
            for frame in frames:
                columns = double_columns(spec, arrow_from_frame(spec, frame), iso_dates=True)
                try:
                    con.executemany(statement, zip(*columns, strict=True))
                except sqlite3.IntegrityError as e:
                    raise DafuError(f"{path}: table {spec.name}: {e}") from e
        con.commit()
    finally:
        con.close()
