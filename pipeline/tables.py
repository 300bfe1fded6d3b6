"""Records → tidy tables: one DataFrame per record type, joinable on ``doc_id`` and the record ids.

The columns are the records' field names, with a record's ``id`` named after its table
(``section_id``, ``sentence_id``, ``quantity_id``, ``entity_id``), so that every table joins
on ``(doc_id, sentence_id)`` and ``(doc_id, section_id)``:

>>> from pipeline import extract
>>> rows = document_rows(extract("引入超6家央企研发中心", doc_id="d1"))
>>> rows["quantities"][0]["quantity_id"], rows["quantities"][0]["amount"]
('q1', Decimal('6'))

:class:`TableSink` streams rows into the files of ``OUT``; :func:`read_tables` reads them back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import tempfile
import types
import typing
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from pipeline import export
from pipeline.errors import DafuError, InputError
from pipeline.export.columns import (
    Column,
    ForeignKey,
    Kind,
    TableSpec,
    arrow_from_dicts,
    arrow_from_rows,
    check_columns,
    conform,
    frame_from_arrow,
    frame_from_rows,
    normalise_rows,
    records,
)
from pipeline.records import Document, Entity, ManifestEntry, Meta, Problem, Quantity, Section, Sentence, Token

TABLE_NAMES = ("documents", "sections", "sentences", "quantities", "entities", "tokens", "problems", "manifest")
ROW_GROUP = 8_192  # rows per Parquet row group and per chunk written: small, so writing overlaps the workers

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class PackedRows:
    """Rows as tuples of plain cells (see ``export.columns.cell``) in the table's column
    order: what a worker process hands over, since a tuple of plain values pickles and
    unpickles in a fraction of a dict of records' values' time, and the writing process
    has nothing left to convert. Made by :func:`pack`."""

    rows: list[tuple[Any, ...]]


#: The rows of a file for some tables: as dicts, or packed.
AnyRows = Mapping[str, "list[dict[str, Any]] | PackedRows"]


def pack(name: str, rows: list[dict[str, Any]]) -> PackedRows:
    """``rows`` of table ``name`` converted and packed (a key that is no column, or a cell
    its column cannot take, raises naming the row)."""
    return PackedRows(normalise_rows(SPECS[name], rows))


# --- the tables, from the records -----------------------------------------------------------


def _kind(annotation: Any) -> Kind:
    """The column kind of a field's type: ``str | None`` → string, ``Decimal`` → decimal …"""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        if len(args) == 1:
            return _kind(args[0])
    elif typing.get_origin(annotation) is Literal and all(isinstance(a, str) for a in args):
        return "string"
    kinds: dict[Any, Kind] = {str: "string", bool: "bool", int: "int", float: "float", Decimal: "decimal",
                              dt.date: "date"}
    if annotation in kinds:
        return kinds[annotation]
    raise TypeError(f"no column kind for {annotation!r}")


def _fields(model: type[BaseModel], *, id_as: str | None = None) -> list[Column]:
    """The model's scalar fields as columns, ``id`` renamed to ``id_as``."""
    cols = []
    for name, info in model.model_fields.items():
        if typing.get_origin(info.annotation) is list:
            continue
        cols.append(Column(id_as if name == "id" and id_as else name, _kind(info.annotation), info.description))
    return cols


_DOC = ForeignKey(("doc_id",), "documents", ("doc_id",))


def _ref(table: str, column: str) -> ForeignKey:
    return ForeignKey(("doc_id", column), table, ("doc_id", column))


def _specs() -> dict[str, TableSpec]:
    doc_id = Column("doc_id", "string", "the document's key in every table")
    path = Column("section_path", "string", "the outline markers down to the section (一 > （二）)")
    meta = [c for c in _fields(Meta) if c.name != "doc_id"]
    counts = [Column(f"n_{n}", "int", f"how many {n} the document has")
              for n in ("chars", "sections", "sentences", "quantities", "entities")]
    quantity: list[Column] = []
    for c in _fields(Quantity):
        quantity.append(c)
        if c.name == "amount":
            quantity.append(Column("amount_float", "float", "amount as a float, for plotting; amount is exact"))
    specs = [
        TableSpec("documents",
                  (doc_id, *meta, Column("ref_date", "date", "the date relative dates were resolved against"), *counts),
                  ("doc_id",)),
        TableSpec("sections", (doc_id, *_fields(Section, id_as="section_id"), path),
                  ("doc_id", "section_id"), (_DOC,)),
        TableSpec("sentences", (doc_id, *_fields(Sentence, id_as="sentence_id")), ("doc_id", "sentence_id"),
                  (_DOC, _ref("sections", "section_id"))),
        TableSpec("quantities", (doc_id, Column("quantity_id", "string", "q1, q2 … in text order"), *quantity,
                                 Column("sentence_text", "string"), path),
                  ("doc_id", "quantity_id"),
                  (_DOC, _ref("sentences", "sentence_id"), _ref("sections", "section_id"))),
        TableSpec("entities", (doc_id, *_fields(Entity, id_as="entity_id")), ("doc_id", "entity_id"),
                  (_DOC, _ref("sentences", "sentence_id"))),
        TableSpec("tokens", (doc_id, *_fields(Token)), ("doc_id", "i"),
                  (_DOC, _ref("sentences", "sentence_id"))),
        TableSpec("problems", tuple(_fields(Problem))),
        TableSpec("manifest", tuple(_fields(ManifestEntry)), ("path",)),
    ]
    assert tuple(s.name for s in specs) == TABLE_NAMES
    return {s.name: s for s in specs}


SPECS: dict[str, TableSpec] = _specs()


def columns(name: str) -> list[str]:
    """The column names of a table, in order."""
    return SPECS[_known(name)].names


def _known(name: str) -> str:
    if name not in SPECS:
        raise DafuError(f"no table {name!r}; the tables are {', '.join(TABLE_NAMES)}")
    return name


# --- rows -----------------------------------------------------------------------------------


def document_rows(doc: Document, *, tokens: bool = False) -> Rows:
    """The rows of one document for documents, sections, sentences, quantities, entities (and tokens).

    Values are the records' own (``Decimal``, ``date``); the tables normalise them.
    """
    from pipeline.document import text_id

    meta = doc.meta or Meta()
    doc_id = meta.doc_id or text_id(doc.text)
    paths = _section_paths(doc.sections)
    sentences = {s.id: s for s in doc.sentences}
    row = {"doc_id": doc_id, **meta.model_dump(exclude={"doc_id"}), "ref_date": doc.ref_date,
           "n_chars": len(doc.text), "n_sections": len(doc.sections), "n_sentences": len(doc.sentences),
           "n_quantities": len(doc.quantities), "n_entities": len(doc.entities)}
    rows: Rows = {
        "documents": [row],
        "sections": [{"doc_id": doc_id, **_renamed(s, "section_id"), "section_path": paths.get(s.id)}
                     for s in doc.sections],
        "sentences": [{"doc_id": doc_id, **_renamed(s, "sentence_id")} for s in doc.sentences],
        "quantities": [_quantity_row(doc_id, n, q, sentences, paths) for n, q in enumerate(doc.quantities, 1)],
        "entities": [{"doc_id": doc_id, **_renamed(e, "entity_id")} for e in doc.entities],
    }
    if tokens:
        from pipeline.segment import tokens as segment

        rows["tokens"] = [{"doc_id": doc_id, **_dumped(t)} for t in segment(doc.text, doc.sentences)]
    return rows


def _renamed(record: BaseModel, id_as: str) -> dict[str, Any]:
    data = _dumped(record)
    return {(id_as if k == "id" else k): v for k, v in data.items()}


def _dumped(record: BaseModel) -> dict[str, Any]:
    """``record.model_dump()``, taken straight from the fields when dumping cannot change them.

    That is a record of scalar fields only, with no serializer and no computed field (every
    record of the row tables); the rows need it for each of their hundreds of thousands of
    records, and pydantic's serializer costs several times the copy.
    """
    if _plain(type(record)):
        return dict(record.__dict__)
    return record.model_dump()


@functools.cache
def _plain(model: type[BaseModel]) -> bool:
    decorators = model.__pydantic_decorators__
    if decorators.field_serializers or decorators.model_serializers or model.model_computed_fields:
        return False
    try:
        return all(_kind(f.annotation) is not None for f in model.model_fields.values())
    except TypeError:  # a list, a nested model …: model_dump converts it
        return False


def _quantity_row(doc_id: str, n: int, q: Quantity, sentences: dict[str, Sentence],
                  paths: dict[str, str]) -> dict[str, Any]:
    sentence = sentences.get(q.sentence_id) if q.sentence_id else None
    return {
        "doc_id": doc_id, "quantity_id": f"q{n}", **_dumped(q),
        "amount_float": float(q.amount) if q.amount is not None else None,
        "sentence_text": sentence.text if sentence else None,
        "section_path": paths.get(q.section_id) if q.section_id else None,
    }


def _section_paths(sections: Sequence[Section]) -> dict[str, str]:
    """``s1.2`` → ``一 > （二）``: each section's markers from the top, without trailing 、 or .."""
    by_id = {s.id: s for s in sections}
    paths: dict[str, str] = {}
    for s in sections:
        chain: list[str] = []
        at: Section | None = s
        while at is not None and len(chain) <= len(sections):  # the bound guards against a parent cycle
            chain.append(at.marker.rstrip("、.．,，"))
            at = by_id.get(at.parent_id) if at.parent_id else None
        paths[s.id] = " > ".join(reversed(chain))
    return paths


def problem_row(path: str, reason: str, *, stage: str = "read", doc_id: str | None = None) -> dict[str, Any]:
    """A ``problems`` row, validated by :class:`~pipeline.records.Problem`."""
    return Problem.model_validate({"path": path, "doc_id": doc_id, "stage": stage, "reason": reason}).model_dump()


def manifest_row(path: str, *, doc_id: str | None, sha256: str | None, size: int | None, status: str,
                 reason: str | None = None) -> dict[str, Any]:
    """A ``manifest`` row, validated by :class:`~pipeline.records.ManifestEntry`."""
    data = {"path": path, "doc_id": doc_id, "sha256": sha256, "size": size, "status": status, "reason": reason}
    return ManifestEntry.model_validate(data).model_dump()


# --- tables in memory -----------------------------------------------------------------------


class Tables:
    """One pandas DataFrame per table; columns as in :data:`SPECS`, nullable dtypes."""

    def __init__(self, frames: dict[str, pd.DataFrame] | None = None) -> None:
        given = frames or {}
        for name in given:
            _known(name)
        self.frames: dict[str, pd.DataFrame] = {
            name: conform(SPECS[name], given[name]) if name in given else frame_from_rows(SPECS[name], [])
            for name in TABLE_NAMES
        }

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __repr__(self) -> str:
        return "Tables(" + ", ".join(f"{n}={len(f)}" for n, f in self.frames.items()) + ")"

    @classmethod
    def from_rows(cls, rows: Rows) -> Tables:
        """Tables from rows (any subset of the tables); a table without rows still has its columns."""
        for name in rows:
            _known(name)
        return cls({name: frame_from_rows(SPECS[name], rows.get(name, [])) for name in TABLE_NAMES})

    def write(self, out: str | os.PathLike[str], formats: Sequence[str] = ("parquet", "csv")) -> list[Path]:
        """Write every table to ``out`` in each format; the same files a :class:`TableSink` writes."""
        with TableSink(out, formats) as sink:
            for name, frame in self.frames.items():
                for start in range(0, len(frame), ROW_GROUP):
                    sink.add({name: records(frame.iloc[start:start + ROW_GROUP])})
            return sink.close()


def read_tables(out: str | os.PathLike[str]) -> Tables:
    """The tables in ``out``: each from its Parquet file or dataset (``<table>/*.parquet``), else CSV, else JSONL.

    Raises :class:`~pipeline.errors.InputError` when ``out`` holds none of them.
    """
    folder = Path(out)
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLE_NAMES:
        frame = _read_table(folder, SPECS[name])
        if frame is not None:
            frames[name] = frame
    if not frames:
        raise InputError(os.fspath(out), "no tables here (<table>.parquet, .csv or .jsonl)")
    return Tables(frames)


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


# --- streaming to files ---------------------------------------------------------------------


class TableSink:
    """Streams rows into ``OUT/<table>.<format>`` (and ``OUT/dafu.<format>``) with bounded memory.

    Everything is written into a hidden temporary folder inside ``out`` and moved into
    place by :meth:`close`, one ``os.replace`` per file; a sink that is never closed, or
    whose ``with`` block raises, leaves the previous outputs as they were.
    """

    def __init__(self, out: str | os.PathLike[str], formats: Sequence[str] = ("parquet", "csv")) -> None:
        unknown = [f for f in formats if f not in export.FORMATS]
        if unknown or not formats:
            raise DafuError(f"unknown output format {', '.join(unknown) or '(none)'}; "
                            f"expected some of {', '.join(export.FORMATS)}")
        self.out = Path(out)
        self.formats = tuple(dict.fromkeys(formats))
        self.out.mkdir(parents=True, exist_ok=True)
        self._tmp = Path(tempfile.mkdtemp(prefix=".dafu-tmp-", dir=self.out))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._tmp, True)
        # Pending rows in order, in runs as given: dicts (their keys checked), which Arrow
        # reads a row group at a time, or packed tuples.
        self._pending: dict[str, list[list[dict[str, Any]] | PackedRows]] = {name: [] for name in TABLE_NAMES}
        self._counts = dict.fromkeys(TABLE_NAMES, 0)
        # Parquet is always written: it is where the one-file formats are built from at the end.
        streamed = ["parquet", *(f for f in self.formats if f in export.PER_TABLE and f != "parquet")]
        self._writers = {name: [export.table_writer(f, SPECS[name], self._tmp / export.file_name(name, f))
                                for f in streamed] for name in TABLE_NAMES}
        self._written: list[Path] | None = None

    def __enter__(self) -> TableSink:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None:
            self.abort()
        elif self._written is None:
            self.close()

    def add(self, rows: AnyRows) -> None:
        """Append rows (dicts, or packed by :func:`pack`) to any subset of the tables."""
        self._open()
        for name, table_rows in rows.items():
            pending = self._pending[_known(name)]
            if isinstance(table_rows, PackedRows):
                if pending and isinstance(pending[-1], PackedRows):
                    pending[-1].rows.extend(table_rows.rows)
                elif table_rows.rows:
                    pending.append(PackedRows(list(table_rows.rows)))
                self._counts[name] += len(table_rows.rows)
            else:
                given = table_rows if isinstance(table_rows, list) else list(table_rows)
                check_columns(SPECS[name], given)
                if pending and isinstance(pending[-1], list):
                    pending[-1].extend(given)
                elif given:
                    pending.append(list(given))
                self._counts[name] += len(given)
            if self._counts[name] >= ROW_GROUP:
                self._flush(name, final=False)

    def close(self) -> list[Path]:
        """Finish every file and move it into ``out``; returns the paths written."""
        if self._written is not None:
            return self._written
        self._open()
        try:
            for name in TABLE_NAMES:
                self._flush(name, final=True)
                for writer in self._writers[name]:
                    writer.close()
            for fmt in self.formats:
                if fmt not in export.PER_TABLE:
                    export.whole_writer(fmt)(self._tmp / export.file_name("", fmt), self._chunks())
            written = self._move_into_place()
        except BaseException:
            self.abort()
            raise
        self._cleanup()
        self._written = written
        return written

    def abort(self) -> None:
        """Discard what was written; the previous outputs in ``out`` stay."""
        for writers in self._writers.values():
            for writer in writers:
                with contextlib.suppress(Exception):  # the files are being thrown away
                    writer.close()
        self._cleanup()
        self._written = []

    def _open(self) -> None:
        if self._written is not None:
            raise DafuError(f"{self.out}: the table sink is already closed")

    def _flush(self, name: str, *, final: bool) -> None:
        count = self._counts[name]
        cut = count if final else count - count % ROW_GROUP
        if cut == 0:
            return
        spec = SPECS[name]
        head, self._pending[name] = _split_runs(self._pending[name], cut)
        self._counts[name] = count - cut
        parts = [arrow_from_rows(spec, part.rows) if isinstance(part, PackedRows) else arrow_from_dicts(spec, part)
                 for part in head]
        pending = pa.concat_tables(parts) if len(parts) > 1 else parts[0]
        for start in range(0, cut, ROW_GROUP):
            stop = min(start + ROW_GROUP, cut)
            table = pending.slice(start, stop - start)
            if len(parts) > 1:
                table = table.combine_chunks()
            frame: pd.DataFrame | None = None  # built only for a writer that takes nothing but pandas
            for writer in self._writers[name]:
                if hasattr(writer, "write_arrow"):
                    writer.write_arrow(table)
                else:
                    frame = frame_from_arrow(SPECS[name], table) if frame is None else frame
                    writer.write(frame)

    def _chunks(self) -> Iterator[tuple[TableSpec, Iterator[pd.DataFrame]]]:
        for name in TABLE_NAMES:
            spec = SPECS[name]
            batches = pq.ParquetFile(self._tmp / export.file_name(name, "parquet")).iter_batches(ROW_GROUP)
            yield spec, (frame_from_arrow(spec, b) for b in batches)

    def _move_into_place(self) -> list[Path]:
        moves = [(self._tmp / export.file_name(name, fmt), self.out / export.file_name(name, fmt))
                 for fmt in self.formats for name in (TABLE_NAMES if fmt in export.PER_TABLE else ("",))]
        for source, target in moves:
            os.replace(source, target)
        # Files of formats not written this time would be stale; read_tables must not find them.
        for fmt in set(export.FORMATS) - set(self.formats):
            for name in TABLE_NAMES if fmt in export.PER_TABLE else ("",):
                (self.out / export.file_name(name, fmt)).unlink(missing_ok=True)
        return [target for _, target in moves]


def _split_runs(runs: list[list[dict[str, Any]] | PackedRows], n: int
                ) -> tuple[list[list[dict[str, Any]] | PackedRows], list[list[dict[str, Any]] | PackedRows]]:
    """The first ``n`` rows of some runs of rows, and the rest, still in runs."""
    head: list[list[dict[str, Any]] | PackedRows] = []
    for i, run in enumerate(runs):
        size = len(run.rows) if isinstance(run, PackedRows) else len(run)
        if n >= size:
            head.append(run)
            n -= size
            continue
        if n == 0:
            return head, runs[i:]
        if isinstance(run, PackedRows):
            return [*head, PackedRows(run.rows[:n])], [PackedRows(run.rows[n:]), *runs[i + 1:]]
        return [*head, run[:n]], [run[n:], *runs[i + 1:]]
    return head, []


def _frame(spec: TableSpec, rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    from pipeline.export.columns import arrow_from_rows

    return frame_from_arrow(spec, arrow_from_rows(spec, rows))
