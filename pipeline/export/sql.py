"""CREATE TABLE statements for the SQL formats, with the tables' primary and foreign keys."""

from __future__ import annotations

from collections.abc import Mapping

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
