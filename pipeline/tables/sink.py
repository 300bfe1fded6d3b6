"""Rows → files: :class:`TableSink` streams rows into ``OUT/<table>.<format>`` with bounded memory.

A sink given the tables of a previous run (``keep_from``) also keeps rows: each call of
:meth:`TableSink.add` or :meth:`TableSink.keep` is the next document, and :meth:`~TableSink.keep`
puts that document's previous rows there, merged in Arrow when the sink closes
(:mod:`~pipeline.tables.merge`), so the files are those a full run writes. The previous run's
SQLite and DuckDB files are updated in place instead (the changed documents' rows deleted,
their new rows inserted: the same tables, the rows in another physical order).

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
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import export
from pipeline.errors import DafuError
from pipeline.export.columns import (
    TableSpec,
    arrow_from_columns,
    arrow_from_dicts,
    arrow_from_rows,
    check_columns,
    frame_from_arrow,
)
from pipeline.export.parquet import read_parquet
from pipeline.export.sql import OtherTables, Update
from pipeline.tables.merge import in_frame_schema, merged
from pipeline.tables.rows import AnyRows, ColumnRows, PackedRows
from pipeline.tables.specs import SPECS, TABLE_NAMES, known_table
from pipeline.tables.splice import splice

if TYPE_CHECKING:  # only the one-file formats' writers take frames: Parquet, CSV and JSONL are written from Arrow
    import pandas as pd

ROW_GROUP = 8_192  # rows per Parquet row group and per chunk written: small, so writing overlaps the workers

_SPLICED = ("csv", "jsonl")  # the formats whose kept rows are copied from the previous file
_WHOLE = frozenset(("problems", "manifest"))  # small tables a database update writes again whole


class PreviousTables(Protocol):
    """The previous run's tables, for a sink that keeps rows (see :class:`~pipeline.batch.state.Previous`)."""

    def table(self, name: str) -> pa.Table | None:
        """Table ``name`` in the frame schema of the sink's spec (documents with the sink's extra
        columns), a row for each row of the previous file; None when there is none."""

    def text_file(self, name: str, fmt: str) -> Path | None:
        """The previous run's file of table ``name`` in ``fmt`` (CSV, JSONL), if it is as that run wrote it."""

    def text_rows(self, name: str, fmt: str) -> np.ndarray | None:
        """Where each row of :meth:`text_file` ends (``splice.file_row_ends``), when found already."""

    def database(self, fmt: str) -> Path | None:
        """The previous run's ``dafu.<fmt>`` (SQLite, DuckDB), if it is as that run wrote it and
        its kept rows are this run's."""

#: Told of each step of writing the files at the end: (steps done, steps, what is written now).
WriteProgress = Callable[[int, int, str], None]
#: Pending rows of a table in runs as given: dicts (their keys checked), packed tuples or columns.
_Runs = list[list[dict[str, Any]] | PackedRows | ColumnRows]


class TableSink:
    """Streams rows into ``OUT/<table>.<format>`` (and ``OUT/dafu.<format>``) with bounded memory.

    Everything is written into a hidden temporary folder inside ``out`` and moved into
    place by :meth:`close`, one ``os.replace`` per file; a sink that is never closed, or
    whose ``with`` block raises, leaves the previous outputs as they were.
    """

    def __init__(self, out: str | os.PathLike[str], formats: Sequence[str] = ("parquet", "csv"),
                 specs: Mapping[str, TableSpec] | None = None, *, keep_from: PreviousTables | None = None,
                 progress: WriteProgress | None = None) -> None:
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
        self._streamed = ["parquet", *(f for f in self.formats if f in export.PER_TABLE and f != "parquet")]
        self._keep_from = keep_from
        self._progress = progress
        # Keeping rows, the new rows go to a Parquet file of their own (merged at the end) with the
        # rank of their document; documents kept are named with theirs.
        self._doc = 0
        self._kept: dict[str, int] = {}
        self._ranks: dict[str, list[tuple[int, int]]] = {name: [] for name in TABLE_NAMES}  # (rank, rows)
        self._writers = {name: self._new_writers(name) for name in TABLE_NAMES}
        self._written: list[Path] | None = None

    def __enter__(self) -> TableSink:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None:
            self.abort()
        elif self._written is None:
            self.close()

    def add(self, rows: AnyRows, *, rank: int | None = None) -> None:
        """Append rows (dicts, packed by :func:`~pipeline.tables.rows.pack`, or columns) to any subset of the
        tables: the next document's, or (a sink made with ``keep_from``) those of the document at ``rank``."""
        self._open()
        self._doc = self._rank(rank)
        self._append(rows)

    def keep(self, doc_id: str, rows: AnyRows | None = None, *, rank: int | None = None) -> None:
        """The next document (or the one at ``rank``) is ``doc_id``, with its rows of the previous run (a
        sink made with ``keep_from``) and ``rows`` (its manifest row)."""
        self._open()
        if self._keep_from is None:
            raise DafuError("a table sink keeps rows only when made with keep_from")
        self._doc = self._rank(rank)
        self._kept[doc_id] = self._doc
        self._append(rows or {})

    def _rank(self, rank: int | None) -> int:
        """A document's place in the tables: ``rank``, or the next after the last one given. Documents
        given out of order are put in order when the sink closes, so only a sink that merges can take them."""
        if rank is None:
            return self._doc + 1
        if self._keep_from is None:
            raise DafuError("a table sink takes documents by rank only when made with keep_from")
        return rank

    def _append(self, rows: AnyRows) -> None:
        for name, table_rows in rows.items():
            pending = self._pending[known_table(name)]
            if isinstance(table_rows, ColumnRows):
                if len(table_rows.columns) != len(self._specs[name].columns):
                    raise DafuError(f"table {name}: {len(table_rows.columns)} columns given, "
                                    f"{len(self._specs[name].columns)} expected")
                if table_rows.arrow:  # a run of its own: Arrow concatenates runs when they are written
                    if len(table_rows):
                        pending.append(table_rows)
                elif pending and isinstance(pending[-1], ColumnRows) and not pending[-1].arrow:
                    for column, more in zip(pending[-1].columns, table_rows.columns, strict=True):
                        column.extend(more)
                elif len(table_rows):
                    pending.append(ColumnRows(tuple(list(column) for column in table_rows.columns)))
                self._counts[name] += len(table_rows)
            elif isinstance(table_rows, PackedRows):
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
            if self._keep_from is not None:
                n = len(table_rows.rows) if isinstance(table_rows, PackedRows) else len(table_rows)
                self._ranks[name].append((self._doc, n))
            if self._counts[name] >= ROW_GROUP:
                self._flush(name, final=False)

    def close(self) -> list[Path]:
        """Finish every file and move it into ``out``; returns the paths written."""
        if self._written is not None:
            return self._written
        self._open()
        whole = [f for f in self.formats if f not in export.PER_TABLE]
        steps = len(TABLE_NAMES) * (1 + len(whole))
        try:
            for name in TABLE_NAMES:
                self._flush(name, final=True)
                for writer in self._writers[name]:
                    writer.close()
            # The merges are independent and mostly Arrow and Parquet work, which runs without the
            # GIL: two tables at a time (the workers are done by now), the largest first so that
            # the two longest do not end up one after the other.
            with ThreadPoolExecutor(2 if self._keep_from is not None else 1) as threads:
                merging = dict.fromkeys(TABLE_NAMES, None) if self._keep_from is None else {
                    name: threads.submit(self._write_merged, name)
                    for name in sorted(TABLE_NAMES, key=lambda n: -self._previous_size(n))}
                for done, name in enumerate(TABLE_NAMES):
                    future = merging[name]
                    self._tell(done, steps, ", ".join(export.file_name(name, f) for f in self.formats
                                                      if f in export.PER_TABLE) or name)
                    if future is not None:
                        future.result()
            for n, fmt in enumerate(whole, 1):
                file = export.file_name("", fmt)
                update = self._update(fmt)
                write = export.whole_writer(fmt)
                try:
                    write(self._tmp / file, self._chunks(file, len(TABLE_NAMES) * n, steps, update),
                          *(() if update is None else (update,)))
                except OtherTables:  # a database of another version: written again whole
                    (self._tmp / file).unlink()
                    write(self._tmp / file, self._chunks(file, len(TABLE_NAMES) * n, steps))
            self._tell(steps, steps, "")
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

    def _new_writers(self, name: str) -> list[export.TableWriter]:
        if self._keep_from is not None:  # the new rows alone, merged with the kept ones at the end
            return [export.table_writer("parquet", self._specs[name], self._tmp / f"new-{name}.parquet")]
        return [export.table_writer(f, self._specs[name], self._tmp / export.file_name(name, f))
                for f in self._streamed]

    def _previous_size(self, name: str) -> int:
        """Bytes of the previous run's Parquet file of table ``name`` in ``out`` (0 when there is none)."""
        try:
            return (self.out / export.file_name(name, "parquet")).stat().st_size
        except OSError:
            return 0

    def _write_merged(self, name: str) -> None:
        """The kept rows of table ``name`` and its new ones, in order, into every per-table format.

        Parquet is written again; a CSV or JSONL file the previous run wrote is spliced: its kept
        rows copied as bytes, only the new rows formatted (:mod:`~pipeline.tables.splice`).
        """
        assert self._keep_from is not None
        spec = self._specs[name]
        new = in_frame_schema(spec, read_parquet(self._tmp / f"new-{name}.parquet"))
        kept = {} if name == "manifest" or not self._kept else self._kept
        previous = self._keep_from.table(name) if kept else None
        runs = self._ranks[name]
        ranks = np.repeat([r for r, _ in runs], [n for _, n in runs]).astype(np.int64)
        table, origin = merged(spec, previous, kept, new, ranks)
        spliced = {f: old for f in self._streamed if previous is not None and f in _SPLICED
                   and (old := self._keep_from.text_file(name, f)) is not None}
        fresh = {f: self._tmp / f"fresh-{export.file_name(name, f)}" for f in spliced}
        self._write_all(name, table, [f for f in self._streamed if f not in spliced])
        self._write_all(name, new, list(fresh), fresh)
        for fmt, old in spliced.items():
            assert previous is not None
            target = self._tmp / export.file_name(name, fmt)
            if not splice(target, old, fresh[fmt], origin, rows=(previous.num_rows, new.num_rows),
                          header=fmt == "csv", quoted=fmt == "csv",
                          previous_ends=self._keep_from.text_rows(name, fmt)):
                self._write_all(name, table, [fmt])  # not the file the previous run wrote: every row again

    def _write_all(self, name: str, table: pa.Table, formats: Sequence[str],
                   paths: dict[str, Path] | None = None) -> None:
        """``table`` into a new file of each of ``formats`` (at ``paths``, else the table's own name in tmp)."""
        spec = self._specs[name]
        writers = [export.table_writer(f, spec, (paths or {}).get(f, self._tmp / export.file_name(name, f)))
                   for f in formats]
        try:
            for start in range(0, table.num_rows, ROW_GROUP):
                self._write_chunk(name, table.slice(start, ROW_GROUP).combine_chunks(), writers)
        finally:
            for writer in writers:
                writer.close()

    def _tell(self, done: int, steps: int, what: str) -> None:
        if self._progress is not None:
            self._progress(done, steps, what)

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
        parts = [arrow_from_rows(spec, part.rows) if isinstance(part, PackedRows)
                 else arrow_from_columns(spec, part.columns) if isinstance(part, ColumnRows)
                 else arrow_from_dicts(spec, part) for part in head]
        pending = pa.concat_tables(parts) if len(parts) > 1 else parts[0]
        for start in range(0, cut, ROW_GROUP):
            stop = min(start + ROW_GROUP, cut)
            table = pending.slice(start, stop - start)
            if len(parts) > 1:
                table = table.combine_chunks()
            self._write_chunk(name, table, self._writers[name])

    def _write_chunk(self, name: str, table: pa.Table, writers: Sequence[export.TableWriter]) -> None:
        frame: pd.DataFrame | None = None  # built only for a writer that takes nothing but pandas
        for writer in writers:
            if hasattr(writer, "write_arrow"):
                writer.write_arrow(table)
            else:
                frame = frame_from_arrow(self._specs[name], table) if frame is None else frame
                writer.write(frame)

    def _update(self, fmt: str) -> Update | None:
        """How to bring the previous run's database of ``fmt`` up to date, copied into tmp to be
        updated there; None when it must be written again whole (not a database format, nothing
        kept, or the previous file is not as that run wrote it)."""
        if self._keep_from is None or not self._kept or fmt not in export.UPDATABLE:
            return None
        previous = self._keep_from.database(fmt)
        if previous is None:
            return None
        shutil.copyfile(previous, self._tmp / export.file_name("", fmt))
        return Update(tuple(self._specs[name] for name in TABLE_NAMES), frozenset(self._kept), _WHOLE)

    def _chunks(self, file: str, done: int, steps: int,
                update: Update | None = None) -> Iterator[tuple[TableSpec, Iterator[pd.DataFrame]]]:
        """Every table's rows from its Parquet file; for an ``update``, only the new rows (the whole
        table for its ``whole`` tables)."""
        for i, name in enumerate(TABLE_NAMES):
            self._tell(done + i, steps, f"{file}: {name}")
            spec = self._specs[name]
            part = f"new-{name}.parquet" if update is not None and name not in update.whole else \
                export.file_name(name, "parquet")
            batches = pq.ParquetFile(self._tmp / part).iter_batches(ROW_GROUP)
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
        if isinstance(run, ColumnRows):
            return [*head, run.slice(0, n)], [run.slice(n), *runs[i + 1:]]
        return [*head, run[:n]], [run[n:], *runs[i + 1:]]
    return head, []
