"""The analyst's own columns of the ``documents`` table: the spec with them, and finding them again.

A metadata sidecar (:mod:`pipeline.batch.metadata`) adds columns to ``documents`` after
dafu's own. Their names and kinds are recorded in ``OUT/dafu-run.json`` (``"columns"``),
so that :func:`~pipeline.tables.read_tables` reads them back with their types from any
format; without that record, a Parquet file's own types are used, else text.

>>> spec = documents_spec([Column("region", "string")])
>>> spec.names[-2:]
['n_entities', 'region']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.export.columns import Column, Kind, TableSpec
from pipeline.tables.specs import SPECS

RUN_FILE = "dafu-run.json"  # what produced the tables in OUT: the version, options, input roots, extra columns
EXTRA_TABLE = "documents"  # the table the extra columns go to


def documents_spec(columns: Iterable[Column] = ()) -> TableSpec:
    """The ``documents`` spec with ``columns`` after dafu's own."""
    extra = tuple(columns)
    base = SPECS[EXTRA_TABLE]
    return replace(base, columns=(*base.columns, *extra)) if extra else base


def with_extra(columns: Iterable[Column] = ()) -> dict[str, TableSpec]:
    """Every table's spec, ``documents`` with ``columns``."""
    return {**SPECS, EXTRA_TABLE: documents_spec(columns)}


def columns_record(columns: Sequence[Column]) -> list[dict[str, str]]:
    """The columns as ``dafu-run.json`` records them: ``[{"name": "region", "kind": "string"}]``."""
    return [{"name": c.name, "kind": c.kind} for c in columns]


def recorded_columns(folder: str | os.PathLike[str]) -> list[Column] | None:
    """The extra columns ``folder/dafu-run.json`` records; None when it records none or cannot be read."""
    try:
        recorded = json.loads((Path(folder) / RUN_FILE).read_text(encoding="utf-8")).get("columns")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(recorded, list):
        return None
    kinds = {"string", "int", "bool", "float", "decimal", "date"}
    return [Column(str(c["name"]), c["kind"]) for c in recorded
            if isinstance(c, dict) and "name" in c and c.get("kind") in kinds]


def found_columns(names: Iterable[str], types: dict[str, pa.DataType] | None = None) -> list[Column]:
    """Columns of a documents file that are not dafu's, with the kinds their Arrow ``types`` say (else text)."""
    own = SPECS[EXTRA_TABLE].name_set
    return [Column(n, arrow_kind(types[n]) if types and n in types else "string") for n in names if n not in own]


def file_columns(path: Path) -> list[Column]:
    """The extra columns of a documents file in any per-table format, or of a dataset folder."""
    if path.is_dir():
        parts = sorted(path.glob("[!._]*.parquet"))
        return file_columns(parts[0]) if parts else []
    if path.suffix == ".parquet":
        schema = pq.read_schema(path)
        return found_columns(schema.names, {f.name: f.type for f in schema})
    if path.suffix == ".csv":
        import csv

        with open(path, encoding="utf-8-sig", newline="") as f:
            return found_columns(next(csv.reader(f), []))
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as f:
            first: dict[str, Any] = next((json.loads(line) for line in f if line.strip()), {})
        return found_columns(first)
    return []


def arrow_kind(kind: pa.DataType) -> Kind:
    """The column kind of an Arrow type (text for a type no kind has)."""
    if pa.types.is_integer(kind):
        return "int"
    if pa.types.is_floating(kind):
        return "float"
    if pa.types.is_boolean(kind):
        return "bool"
    if pa.types.is_date(kind):
        return "date"
    return "string"
