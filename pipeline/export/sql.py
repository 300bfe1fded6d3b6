"""CREATE TABLE statements for the SQL formats, with the tables' primary and foreign keys, and
the rows a re-run takes out of a database it updates in place (:class:`Update`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.export.columns import Kind, TableSpec


def quote(name: str) -> str:
    """An identifier in double quotes (``end``, ``of`` and ``format`` are column names too)."""
    return '"' + name.replace('"', '""') + '"'


def create_table(spec: TableSpec, types: Mapping[Kind, str]) -> str:
    """``CREATE TABLE "quantities" (… PRIMARY KEY ("doc_id", "quantity_id"), FOREIGN KEY …)``."""
    parts = [f"{quote(c.name)} {types[c.kind]}" for c in spec.columns]
    if spec.key:
        parts.append(f"PRIMARY KEY ({', '.join(map(quote, spec.key))})")
    for fk in spec.foreign_keys:
        parts.append(f"FOREIGN KEY ({', '.join(map(quote, fk.columns))}) "
                     f"REFERENCES {quote(fk.table)} ({', '.join(map(quote, fk.refs))})")
    return f"CREATE TABLE {quote(spec.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def insert(spec: TableSpec, placeholder: str = "?") -> str:
    names = ", ".join(map(quote, spec.names))
    return f"INSERT INTO {quote(spec.name)} ({names}) VALUES ({', '.join([placeholder] * len(spec.columns))})"


@dataclass(frozen=True)
class Update:
    """What a re-run changes in a database a previous run wrote: every row of each document not
    in ``kept`` goes (a file that changed or went away; a changed file's rows come back with the
    chunks), and every row of the ``whole`` tables (``problems``, ``manifest``: small, and written
    again whole from the chunks)."""

    specs: tuple[TableSpec, ...]  # every table, in the order they are written (parents first)
    kept: frozenset[str]
    whole: frozenset[str]


_IN_BATCH = 500  # doc ids per DELETE: well under SQLite's limit on parameters


class OtherTables(Exception):
    """The database to update does not hold the tables this run writes (another version's
    columns): it is written again whole."""


def delete_changed(con: Any, update: Update, stored: Sequence[TableSpec]) -> None:
    """Take the rows ``update`` names out of an open ``sqlite3`` or ``duckdb`` connection
    (children first, so that foreign keys hold at every step). Raises :class:`OtherTables`,
    changing nothing, when its tables' columns are not those of ``stored`` (the specs as the
    format stores them)."""
    for spec in stored:
        try:
            names = [d[0] for d in con.execute(f"SELECT * FROM {quote(spec.name)} LIMIT 0").description]
        except Exception as e:  # no such table: sqlite3.OperationalError, duckdb.CatalogException
            raise OtherTables(spec.name) from e
        if names != spec.names:
            raise OtherTables(spec.name)
    ids = [row[0] for row in con.execute(f"SELECT {quote('doc_id')} FROM {quote('documents')}").fetchall()]
    gone = [doc_id for doc_id in ids if doc_id not in update.kept]
    for spec in reversed(update.specs):
        if spec.name in update.whole:
            con.execute(f"DELETE FROM {quote(spec.name)}")
            continue
        for start in range(0, len(gone), _IN_BATCH):
            batch = gone[start:start + _IN_BATCH]
            con.execute(f"DELETE FROM {quote(spec.name)} WHERE {quote('doc_id')} IN ({', '.join('?' * len(batch))})",
                        batch)
