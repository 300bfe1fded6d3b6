"""Rows → files: :class:`TableSink` streams rows into ``OUT/<table>.<format>`` with bounded memory.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as out, TableSink(out, ("csv",)) as sink:
...     sink.add({"documents": [{"doc_id": "d1", "n_chars": 11}]})
...     [p.name for p in sink.close()][:2]
['documents.csv', 'sections.csv']
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import export
from pipeline.errors import DafuError
from pipeline.export.columns import TableSpec, arrow_from_dicts, arrow_from_rows, check_columns, frame_from_arrow
from pipeline.tables.rows import AnyRows, PackedRows
from pipeline.tables.specs import SPECS, TABLE_NAMES, known_table

ROW_GROUP = 8_192  # rows per Parquet row group and per chunk written: small, so writing overlaps the workers

#: Pending rows of a table in runs as given: dicts (their keys checked) or packed tuples.
_Runs = list[list[dict[str, Any]] | PackedRows]


class TableSink:
    """Streams rows into ``OUT/<table>.<format>`` (and ``OUT/dafu.<format>``) with bounded memory.

    Everything is written into a hidden temporary folder inside ``out`` and moved into
    place by :meth:`close`, one ``os.replace`` per file; a sink that is never closed, or
    whose ``with`` block raises, leaves the previous outputs as they were.
    """

    def __init__(self, out: str | os.PathLike[str], formats: Sequence[str] = ("parquet", "csv"),
                 specs: Mapping[str, TableSpec] | None = None) -> None:
        unknown = [f for f in formats if f not in export.FORMATS]
        if unknown or not formats:
            raise DafuError(f"unknown output format {', '.join(unknown) or '(none)'}; "
                            f"expected some of {', '.join(export.FORMATS)}")
        self.out = Path(out)
        self.formats = tuple(dict.fromkeys(formats))
        self._specs = {**SPECS, **(specs or {})}  # documents with a sidecar's columns (tables.extra)
        self.out.mkdir(parents=True, exist_ok=True)
        self._tmp = Path(tempfile.mkdtemp(prefix=".dafu-tmp-", dir=self.out))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._tmp, True)
        # Pending rows in order, in runs as given: Arrow reads dicts a row group at a time.
        self._pending: dict[str, _Runs] = {name: [] for name in TABLE_NAMES}
        self._counts = dict.fromkeys(TABLE_NAMES, 0)
        # Parquet is always written: it is where the one-file formats are built from at the end.
        streamed = ["parquet", *(f for f in self.formats if f in export.PER_TABLE and f != "parquet")]
        self._writers = {name: [export.table_writer(f, self._specs[name], self._tmp / export.file_name(name, f))
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
        """Append rows (dicts, or packed by :func:`~pipeline.tables.rows.pack`) to any subset of the tables."""
        self._open()
        for name, table_rows in rows.items():
            pending = self._pending[known_table(name)]
            if isinstance(table_rows, PackedRows):
                if pending and isinstance(pending[-1], PackedRows):
                    pending[-1].rows.extend(table_rows.rows)
                elif table_rows.rows:
                    pending.append(PackedRows(list(table_rows.rows)))
                self._counts[name] += len(table_rows.rows)
            else:
                given = table_rows if isinstance(table_rows, list) else list(table_rows)
                check_columns(self._specs[name], given)
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
        spec = self._specs[name]
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
                    frame = frame_from_arrow(spec, table) if frame is None else frame
                    writer.write(frame)

    def _chunks(self) -> Iterator[tuple[TableSpec, Iterator[pd.DataFrame]]]:
        for name in TABLE_NAMES:
            spec = self._specs[name]
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


def _split_runs(runs: _Runs, n: int) -> tuple[_Runs, _Runs]:
    """The first ``n`` rows of some runs of rows, and the rest, still in runs."""
    head: _Runs = []
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
