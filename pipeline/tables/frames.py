"""The tables in memory: :class:`Tables`, one pandas DataFrame per table, and :func:`read_tables`.

>>> from pipeline import extract
>>> from pipeline.tables.rows import document_rows
>>> tables = Tables.from_rows(document_rows(extract("我区引入超6家央企研发中心。", doc_id="d1")))
>>> tables["quantities"][["doc_id", "text", "status"]].values.tolist()
[['d1', '超6家', 'achieved']]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import InputError
from pipeline.export.columns import (
    Column,
    TableSpec,
    arrow_from_frame,
    conform,
    frame_from_arrow,
    frame_from_rows,
    records,
)
from pipeline.export.parquet import read_parquet
from pipeline.tables.extra import file_columns, recorded_columns, with_extra
from pipeline.tables.merge import in_frame_schema
from pipeline.tables.rows import Rows
from pipeline.tables.sink import ROW_GROUP, TableSink
from pipeline.tables.specs import SPECS, TABLE_NAMES, known_table

if TYPE_CHECKING:  # loaded by Arrow's to_pandas where frames are made: read_arrow and the sink need none
    import pandas as pd


class Tables:
    """One pandas DataFrame per table; columns as in :data:`SPECS`, nullable dtypes."""

    def __init__(self, frames: dict[str, pd.DataFrame] | None = None, extra: Sequence[Column] = ()) -> None:
        given = frames or {}
        for name in given:
            known_table(name)
        self.extra = tuple(extra)  # the analyst's own columns of documents (a metadata sidecar's)
        self.specs = with_extra(self.extra)
        self.frames: dict[str, pd.DataFrame] = {
            name: conform(self.specs[name], given[name]) if name in given else frame_from_rows(self.specs[name], [])
            for name in TABLE_NAMES
        }

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __repr__(self) -> str:
        return "Tables(" + ", ".join(f"{n}={len(f)}" for n, f in self.frames.items()) + ")"

    @classmethod
    def from_rows(cls, rows: Rows, extra: Sequence[Column] = ()) -> Tables:
        """Tables from rows (any subset of the tables); a table without rows still has its columns.

        ``extra``: columns the documents rows have beyond dafu's own (see :mod:`~pipeline.tables.extra`).
        """
        for name in rows:
            known_table(name)
        specs = with_extra(extra)
        return cls({name: frame_from_rows(specs[name], rows.get(name, [])) for name in TABLE_NAMES}, extra)

    def write(self, out: str | os.PathLike[str], formats: Sequence[str] = ("parquet", "csv")) -> list[Path]:
        """Write every table to ``out`` in each format; the same files a :class:`TableSink` writes."""
        with TableSink(out, formats, self.specs) as sink:
            for name, frame in self.frames.items():
                for start in range(0, len(frame), ROW_GROUP):  # a chunk at a time: bounded memory
                    sink.add({name: records(frame.iloc[start:start + ROW_GROUP])})
            return sink.close()


def read_tables(out: str | os.PathLike[str]) -> Tables:
    """The tables in ``out``: each from its Parquet file or dataset (``<table>/*.parquet``), else CSV, else JSONL.

    The documents table keeps the columns a metadata sidecar added, typed as ``dafu-run.json``
    records them (:mod:`~pipeline.tables.extra`). Raises :class:`~pipeline.errors.InputError`
    when ``out`` holds none of them.
    """
    folder = Path(out)
    extra = recorded_columns(folder)
    if extra is None:
        documents = _table_file(folder, "documents")
        extra = file_columns(documents) if documents is not None else []
    specs = with_extra(extra)
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLE_NAMES:
        frame = _read_table(folder, specs[name])
        if frame is not None:
            frames[name] = frame
    if not frames:
        raise InputError(os.fspath(out), "no tables here (<table>.parquet, .csv or .jsonl)")
    return Tables(frames, extra)


def _table_file(folder: Path, name: str) -> Path | None:
    """The file (or dataset folder) :func:`_read_table` reads table ``name`` from."""
    base = folder / name
    candidates = (base.with_suffix(".parquet"), base, base.with_suffix(".csv"), base.with_suffix(".jsonl"))
    return next((p for p in candidates if p.is_file() or (p == base and p.is_dir())), None)


def _read_table(folder: Path, spec: TableSpec) -> pd.DataFrame | None:
    from pipeline.export.cells import restore_series

    base = folder / spec.name
    if base.with_suffix(".parquet").is_file():
        return frame_from_arrow(spec, pq.read_table(base.with_suffix(".parquet")))
    if base.is_dir():  # a partitioned dataset, OUT/<table>/part-*.parquet (the Dask engine's)
        import pyarrow.dataset as ds

        parts = ds.dataset(base, format="parquet", schema=spec.parquet_schema)
        return frame_from_arrow(spec, parts.to_table())
    if base.with_suffix(".csv").is_file():
        import pandas as pd

        raw = pd.read_csv(base.with_suffix(".csv"), encoding="utf-8-sig", dtype=str, keep_default_na=False,
                          na_values=[""])
        for name in spec.of_kind("string"):
            if name in raw.columns:
                raw[name] = restore_series(raw[name].astype("string"))
        bools = {n: raw[n].map({"True": True, "False": False}) for n in spec.of_kind("bool") if n in raw.columns}
        return frame_from_rows(spec, records(raw.assign(**bools)[[c for c in raw.columns if c in spec.names]]))
    if base.with_suffix(".jsonl").is_file():
        import json

        with open(base.with_suffix(".jsonl"), encoding="utf-8") as f:
            return frame_from_rows(spec, (json.loads(line) for line in f if line.strip()))
    return None


# --- the previous run's tables, for an incremental run -------------------------------------


def read_arrow(folder: str | os.PathLike[str], name: str, columns: Sequence[str] | None = None) -> pa.Table | None:
    """Table ``name`` in ``folder`` in the frame schema (only ``columns`` when given), from where
    :func:`read_tables` would read it (Parquet file, Dask dataset, CSV, JSONL); None when it is
    in none of them."""
    spec = SPECS[name]
    base = Path(folder) / name
    wanted = None if columns is None else list(columns)
    if base.with_suffix(".parquet").is_file():
        table = in_frame_schema(spec, read_parquet(base.with_suffix(".parquet"), columns=wanted))
    elif base.is_dir():
        import pyarrow.dataset as ds

        parts = ds.dataset(base, format="parquet", schema=spec.parquet_schema)
        table = in_frame_schema(spec, parts.to_table(columns=wanted))
    else:
        frame = _read_table(Path(folder), spec)  # the text formats: through pandas, as read_tables reads them
        if frame is None:
            return None
        table = arrow_from_frame(spec, frame)
    return table if wanted is None else table.select(wanted)
