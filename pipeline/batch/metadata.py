"""Per-file metadata from a sidecar table: each file's reference date and the analyst's own columns.

A sidecar is a CSV, XLSX (first sheet) or JSONL file with one row per input file, named by
``RunOptions.metadata`` (``dafu run --metadata FILE``) or found in an input folder given to
the run as ``dafu-metadata.csv``, ``dafu-metadata.xlsx`` or ``dafu-metadata.jsonl``. It is
never read as an input document.

- **Key**: a ``path`` column (the file's path relative to its input root, ``/``-separated,
  extension included: ``replies/a.txt``) or a ``doc_id`` column (``replies/a``).
- **ref_date** (optional): resolves that file's relative dates (今年6月), over ``--ref-date``.
- **request_date**, **request_text** (optional): the date and the text of the request the
  file replies to (a citizen's message, a proposal); they give the ``replies`` table's
  ``days_to_reply`` and ``relevance``, and stay in ``documents`` as the analyst's columns.
- **Every other column** goes into the ``documents`` table under its own name, after dafu's
  columns, typed as pandas infers it (``read_csv`` / ``read_excel`` / ``read_json``, then
  ``convert_dtypes``): whole numbers → int, other numbers → float, true/false → bool,
  dates (an Excel date, or JSONL ISO text pandas reads as a date) → date when every
  one falls at midnight, anything else → text. A name that is one of dafu's documents
  columns is refused.

Rows that match no file, and files without a row, become ``problems`` rows (stage
``metadata``) and lines of the run summary; a file without a row is processed all the same.

>>> metadata = load_metadata(Path("答复/dafu-metadata.csv"), files)   # doctest: +SKIP
>>> metadata.ref_dates["replies/a"], [c.name for c in metadata.columns]  # doctest: +SKIP
(datetime.date(2019, 5, 10), ['message_id', 'message_text'])
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pipeline.batch.inputs import SIDECAR_STEM, SIDECAR_SUFFIXES, InputFile, find_sidecar, same_file
from pipeline.errors import DafuError, InputError
from pipeline.export.columns import Column, Kind, TableSpec, cell
from pipeline.readers.ids import source_path_of
from pipeline.refdate import coerce_date
from pipeline.tables import ColumnRows, problem_row
from pipeline.tables.extra import EXTRA_TABLE, documents_spec, with_extra

if TYPE_CHECKING:  # pandas reads a sidecar: loaded only when there is one
    import pandas as pd

__all__ = ["SIDECAR_STEM", "SIDECAR_SUFFIXES", "FileMetadata", "find_sidecar", "load_metadata", "read_sidecar",
           "same_file"]

KEY_COLUMNS = ("path", "doc_id")
REF_DATE = "ref_date"
REQUEST_DATE, REQUEST_TEXT = "request_date", "request_text"  # the request a file replies to
SHOWN = 5  # rows and files the summary names; the problems table has them all


#: A request's date and text, as a sidecar gives them (either may be None).
Request = tuple[dt.date | None, str | None]


@dataclass(frozen=True)
class FileMetadata:
    """A sidecar matched to the files of a run; empty (no sidecar) by default."""

    source: str | None = None
    key: str | None = None
    columns: tuple[Column, ...] = ()
    values: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)  # doc_id → plain cells
    ref_dates: Mapping[str, dt.date] = field(default_factory=dict)  # doc_id → its reference date
    requests: Mapping[str, Request] = field(default_factory=dict)  # doc_id → the request's date and text
    problems: tuple[dict[str, Any], ...] = ()  # the problems rows, stage "metadata"
    files: int = 0

    @property
    def specs(self) -> dict[str, TableSpec]:
        """Every table's spec, documents with the sidecar's columns."""
        return with_extra(self.columns)

    def ref_dates_digest(self) -> str | None:
        """A digest of the per-file reference dates and requests (None without any): the rows depend on them."""
        if not self.ref_dates and not self.requests:
            return None
        text = "\n".join(f"{k}\t{v.isoformat()}" for k, v in sorted(self.ref_dates.items()))
        if self.requests:  # only then, so that a digest recorded before requests existed stays the same
            text += "\n" + "\n".join(f"{k}\t{d and d.isoformat()}\t{t}" for k, (d, t) in sorted(self.requests.items()))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def add(self, rows: Mapping[str, list[dict[str, Any]] | ColumnRows]
            ) -> Mapping[str, list[dict[str, Any]] | ColumnRows]:
        """``rows`` with the sidecar's cells added to the documents rows (dicts or columns)."""
        documents = rows.get(EXTRA_TABLE)
        if not self.columns or not documents:
            return rows
        blank = (None,) * len(self.columns)
        names = [c.name for c in self.columns]
        given = documents.dicts(EXTRA_TABLE) if isinstance(documents, ColumnRows) else documents
        added = [{**r, **dict(zip(names, self.values.get(r["doc_id"], blank), strict=True))} for r in given]
        return {**rows, EXTRA_TABLE: added}

    def add_to_arrow(self, table: pa.Table) -> pa.Table:
        """A documents table (Arrow) with the sidecar's columns appended, as the frame schema types them."""
        schema = documents_spec(self.columns).frame_schema
        doc_ids = table.column("doc_id").to_pylist()
        blank = (None,) * len(self.columns)
        for i, c in enumerate(self.columns):
            cells = [self.values.get(d, blank)[i] for d in doc_ids]
            table = table.append_column(schema.field(c.name), pa.array(cells, type=schema.field(c.name).type))
        return table

    def report(self) -> list[str]:
        """The run summary's lines about the sidecar."""
        if self.source is None:
            return []
        rows = [p["reason"] for p in self.problems if p["doc_id"] is None]  # the sidecar's own rows
        files = [p["path"] for p in self.problems if p["doc_id"] is not None]
        lines = [f"metadata {self.source} (by {self.key}): {self.files - len(files)} of {self.files} files "
                 f"matched; {len(self.columns)} columns added to documents"
                 + (f": {', '.join(c.name for c in self.columns)}" if self.columns else "")]
        for what, found in (("metadata rows match no file or have a bad ref_date", rows),
                            ("files have no metadata row", files)):
            if found:
                lines.append(f"  {len(found)} {what} (problems, stage metadata):")
                lines.extend(f"    {line}" for line in found[:SHOWN])
                if len(found) > SHOWN:
                    lines.append(f"    … and {len(found) - SHOWN} more")
        return lines


def read_sidecar(path: Path) -> pd.DataFrame:
    """The sidecar as pandas reads it (key columns as text), then ``convert_dtypes``."""
    import pandas as pd

    keys = dict.fromkeys(KEY_COLUMNS, "string")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, encoding="utf-8-sig", dtype=keys)
        elif suffix == ".xlsx":
            frame = pd.read_excel(path, dtype=keys)
        elif suffix == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=keys)
        else:
            raise InputError(os.fspath(path), f"metadata must be .csv, .xlsx or .jsonl, not {suffix or 'no suffix'}")
    except (OSError, ValueError, ImportError) as e:
        raise InputError(os.fspath(path), f"cannot read metadata: {e}") from e
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.convert_dtypes()


def load_metadata(sidecar: Path | None, files: Sequence[InputFile]) -> FileMetadata:
    """The sidecar's rows matched to ``files``; an empty :class:`FileMetadata` without a sidecar."""
    if sidecar is None:
        return FileMetadata()
    frame = read_sidecar(sidecar)
    source = os.fspath(sidecar)
    key = _key_column(frame, source)
    columns, cells = _columns(frame, key, source)
    by_key: dict[str, list[InputFile]] = {}
    for f in files:
        by_key.setdefault(f.doc_id if key == "doc_id" else source_path_of(f.path, f.root), []).append(f)
    values: dict[str, tuple[Any, ...]] = {}
    ref_dates: dict[str, dt.date] = {}
    requests: dict[str, Request] = {}
    problems: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, raw in enumerate(frame[key].tolist()):
        name = _key_text(raw)
        if name in seen:
            raise InputError(source, f"metadata row {n + 1}: {key} {name!r} appears twice")
        seen.add(name)
        matched = by_key.get(name, [])
        if not matched:
            problems.append(problem_row(source, f"metadata row {n + 1} ({key} {name!r}) matches no input file",
                                        stage="metadata", kind="metadata"))
        ref = _ref_date(frame, n, source, problems)
        request = _request(frame, n)
        for f in matched:
            values[f.doc_id] = tuple(column[n] for column in cells)
            if ref is not None:
                ref_dates[f.doc_id] = ref
            if request != (None, None):
                requests[f.doc_id] = request
    problems.extend(problem_row(f.path, f"no row in metadata {sidecar.name} (by {key})", stage="metadata",
                                kind="metadata", doc_id=f.doc_id) for f in files if f.doc_id not in values)
    return FileMetadata(source, key, columns, values, ref_dates, requests, tuple(problems), len(files))


def _key_column(frame: pd.DataFrame, source: str) -> str:
    present = [k for k in KEY_COLUMNS if k in frame.columns]
    if len(present) != 1:
        what = "both path and doc_id" if present else f"neither path nor doc_id (columns: {', '.join(frame.columns)})"
        raise InputError(source, f"metadata has {what}; key it by exactly one of them")
    return present[0]


def _key_text(raw: Any) -> str:
    text = "" if _absent(raw) else str(raw).strip().replace("\\", "/")
    return text.removeprefix("./")


def _columns(frame: pd.DataFrame, key: str, source: str) -> tuple[tuple[Column, ...], list[list[Any]]]:
    """The columns carried into documents, with their kinds, and their cells row by row."""
    names = [c for c in frame.columns if c not in (key, REF_DATE)]
    own = documents_spec().name_set
    if clash := [n for n in names if n in own or not n]:
        raise InputError(source, f"metadata column(s) {', '.join(map(repr, clash))} clash with dafu's documents "
                                 "columns (or have no name); rename them in the sidecar")
    if len(set(names)) != len(names):
        raise InputError(source, "metadata has two columns of one name")
    columns, cells = [], []
    for name in names:
        kind = _kind(frame[name])
        columns.append(Column(name, kind, f"from metadata {os.path.basename(source)}"))
        cells.append([None if _absent(v) else cell(kind, str(v) if kind == "string" else v)
                      for v in frame[name].tolist()])
    return tuple(columns), cells


def _absent(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT (a list or dict from JSONL is a value)."""
    import pandas as pd

    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _kind(series: pd.Series) -> Kind:
    """The column kind of a sidecar column, as pandas typed it."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(series.dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(series.dtype):
        return "int"
    if pd.api.types.is_float_dtype(series.dtype):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        times = series.dropna()
        return "date" if (times == times.dt.normalize()).all() else "string"
    values = series.dropna().tolist()
    if values and all(type(v) is dt.date for v in values):
        return "date"
    return "string"


def _request(frame: pd.DataFrame, n: int) -> Request:
    """Row ``n``'s request date and text; a date that is not one is left out (the column keeps it)."""
    date: dt.date | None = None
    if REQUEST_DATE in frame.columns and not _absent(value := frame[REQUEST_DATE].iloc[n]):
        with contextlib.suppress(DafuError):
            date = coerce_date(value if isinstance(value, dt.date) else str(value)[:10])
    text = None
    if REQUEST_TEXT in frame.columns and not _absent(raw := frame[REQUEST_TEXT].iloc[n]):
        text = str(raw)
    return date, text


def _ref_date(frame: pd.DataFrame, n: int, source: str, problems: list[dict[str, Any]]) -> dt.date | None:
    if REF_DATE not in frame.columns:
        return None
    value = frame[REF_DATE].iloc[n]
    if _absent(value):
        return None
    try:
        return coerce_date(value if isinstance(value, dt.date) else str(value))
    except DafuError:
        problems.append(problem_row(source, f"metadata row {n + 1}: ref_date {value!r} is not a date "
                                            "(YYYY-MM-DD); the run's ref_date is used",
                                    stage="metadata", kind="metadata"))
        return None
