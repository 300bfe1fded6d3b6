"""JSON Schemas of the records, generated from the pydantic models into ``schemas/``.

``dafu schema --write`` (or :func:`write_schemas`) regenerates them; a test regenerates them
in memory and fails when the committed files differ. The schemas describe the JSON dafu
writes (pydantic's serialization mode: an exact ``Decimal`` is a string, ``"200000000"``).

>>> "quantity.schema.json" in schema_texts()
True
"""

from __future__ import annotations

import json
import os
import re
import typing
from pathlib import Path

from pydantic import BaseModel

from pipeline.errors import DafuError
from pipeline.records import (
    Citation,
    Commitment,
    Document,
    Entity,
    ManifestEntry,
    Meta,
    Paragraph,
    Problem,
    Quantity,
    Reply,
    Section,
    Sentence,
    Token,
)

MODELS: tuple[type[BaseModel], ...] = (
    Quantity, Document, Meta, Section, Paragraph, Sentence, Entity, Reply, Citation, Commitment, Token, Problem,
    ManifestEntry,
)
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_name(model: type[BaseModel]) -> str:
    """``ManifestEntry`` → ``manifest_entry.schema.json``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower() + ".schema.json"


def schema_text(model: type[BaseModel]) -> str:
    """The model's JSON Schema as committed: sorted keys, two-space indent, trailing newline."""
    schema = {"$schema": DIALECT, **model.model_json_schema(mode="serialization")}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_texts() -> dict[str, str]:
    """File name → text, for every record model, sorted by file name."""
    return dict(sorted((file_name(m), schema_text(m)) for m in MODELS))


def write_schemas(folder: str | os.PathLike[str]) -> list[Path]:
    """Write every schema into ``folder`` (created if missing); returns the paths written."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, text in schema_texts().items():
            path = out / name
            tmp = out / f".{name}.tmp"
            tmp.write_text(text, encoding="utf-8", newline="\n")
            os.replace(tmp, path)
            paths.append(path)
    except OSError as e:
        raise DafuError(f"{out}: cannot write the schemas: {e.strerror or e}") from e
    return paths


def table_reference_markdown() -> str:
    """The README's table reference: the type of each kind of column in each format, then
    every table's key and columns, from the models and the writers."""
    from pipeline.tables import SPECS

    out = kind_types_markdown()
    for spec in SPECS.values():
        key = ", ".join(spec.key) if spec.key else "—"
        out.append(f"#### `{spec.name}` (key: {key})\n")
        out.append("| column | kind | meaning |")
        out.append("|---|---|---|")
        for col in spec.columns:
            meaning = (col.description or "").replace("|", "\\|")
            out.append(f"| `{col.name}` | {col.kind} | {meaning} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def kind_types_markdown() -> list[str]:
    """What a column of each kind is in each format, read from the writers themselves."""
    from pipeline.export import csv, duckdb, sqlite, xlsx
    from pipeline.export.columns import Kind, frame_type, pandas_type

    out = ["| kind | pandas (`read_tables`) | Parquet | DuckDB | SQLite | Excel | CSV |",
           "|---|---|---|---|---|---|---|"]
    for kind in typing.get_args(Kind):
        lite = f"`{sqlite.TYPES[kind]}`" + (" + `<column>_text` `TEXT`" if kind == "decimal" else "")
        out.append(f"| {kind} | `{pandas_type(kind)}` | `{frame_type(kind)}` | `{duckdb.TYPES[kind]}` | {lite} "
                   f"| {xlsx.TYPES[kind]} | {csv.TYPES[kind]} |")
    return [*out, ""]
