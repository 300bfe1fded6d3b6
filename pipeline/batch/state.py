"""Incremental state: what the previous run into OUT left, and whether its rows can be kept.

A file whose SHA-256, path and ``doc_id`` match the previous manifest is not read again, and
its previous rows are kept — when ``OUT/dafu-run.json`` says the previous run had the same
settings (:func:`~pipeline.batch.runfile.run_settings`: the dafu version, ``ref_date``,
``tokens`` and the per-file reference dates of a metadata sidecar) and every table is in OUT.
A file that was a problem is always tried again. The local engine keeps the rows in Arrow
(:meth:`~pipeline.tables.TableSink.keep`); the Dask engine asks for them by document
(:meth:`Previous.rows`). A sidecar's other columns and its problems are made afresh on every
run, so kept rows never carry stale ones.

>>> Previous.load("表格", RunOptions()).known_sha256("答复/a.txt", "a")   # doctest: +SKIP
'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.batch.inputs import InputFile
from pipeline.batch.metadata import FileMetadata
from pipeline.batch.options import RunOptions
from pipeline.batch.runfile import RUN_FILE, RunRecord, run_settings, sidecar_about, tables_present
from pipeline.batch.work import Rows, Task, file_size
from pipeline.errors import DafuError
from pipeline.export.columns import as_numpy, records, text_scalar
from pipeline.tables import SPECS, TABLE_NAMES, read_tables
from pipeline.tables.extra import EXTRA_TABLE, columns_record
from pipeline.tables.frames import read_arrow
from pipeline.tables.splice import file_row_ends

__all__ = ["RUN_FILE", "Previous", "run_settings"]


class Previous:
    """The previous run's manifest in OUT, when its tables can be reused, and its rows on demand."""

    def __init__(self, manifest: dict[str, tuple[str, str]] | None = None,
                 folder: str | os.PathLike[str] | None = None, record: RunRecord | None = None,
                 metadata: FileMetadata | None = None) -> None:
        self.manifest = manifest or {}  # path → (doc_id, sha256) of the files processed before
        self.folder = None if folder is None else Path(folder)  # where the tables are; None: nothing to keep
        self.record = record
        self.metadata = metadata or FileMetadata()  # this run's sidecar: its columns go on the kept rows
        self._pool: ThreadPoolExecutor | None = None
        self._reading: dict[str, Future[pa.Table | None]] | None = None
        self._ends: dict[tuple[str, str], Future[np.ndarray]] = {}
        self._by_doc: dict[str, dict[str, list[dict[str, Any]]]] | None = None

    @classmethod
    def load(cls, out: str | os.PathLike[str] | None, options: RunOptions,
             metadata: FileMetadata | None = None) -> Previous:
        """The previous run in ``out``; an empty one without ``out``, or when it ran with other settings
        (``metadata``: this run's sidecar, whose reference dates are settings too)."""
        if out is None:
            return cls()
        folder = Path(out)
        metadata = metadata or FileMetadata()
        record = RunRecord.load(folder)
        if (record is None or record.settings != run_settings(options, metadata.ref_dates_digest())
                or not tables_present(folder)):
            return cls()  # another version or other options: every file again
        try:
            manifest = read_arrow(folder, "manifest", columns=["path", "doc_id", "sha256", "status"])
        except (DafuError, OSError, KeyError, ValueError):
            return cls()
        if manifest is None:
            return cls()
        columns = manifest.to_pydict()  # a row per file, not per row of the tables
        known = {
            str(path): (str(doc_id), sha256)
            for path, doc_id, sha256, status in zip(*columns.values(), strict=True)
            if status in ("processed", "unchanged") and isinstance(sha256, str)
        }
        return cls(known, folder if known else None, record, metadata)

    def tasks(self, inputs: Iterable[InputFile], ref_dates: Mapping[str, dt.date] | None = None,
              requests: Mapping[str, tuple[dt.date | None, str | None]] | None = None) -> list[Task]:
        """A task per input (ranked in order), with the digest its rows were made from when they can be kept, its
        reference date from ``ref_dates`` (doc_id → date, a metadata sidecar's) and the request it
        replies to from ``requests`` (doc_id → date and text)."""
        dates, asked = ref_dates or {}, requests or {}
        return [Task(f.path, f.doc_id, self.known_sha256(f.path, f.doc_id), file_size(f.path), f.root,
                     dates.get(f.doc_id), *asked.get(f.doc_id, (None, None)), rank=n)
                for n, f in enumerate(inputs, 1)]

    def known_sha256(self, path: str, doc_id: str) -> str | None:
        doc_id_before, sha256 = self.manifest.get(path, (None, None))
        return sha256 if doc_id_before == doc_id else None

    def quantity_types(self, doc_ids: Sequence[str]) -> Counter[str]:
        """How many quantities of each type the documents ``doc_ids`` had, together (counted in numpy:
        Arrow's ``group_by`` would load ``pyarrow.dataset``)."""
        table = read_arrow(self.folder, "quantities", columns=["doc_id", "type"]) if self.folder and doc_ids else None
        if table is None or not table.num_rows:
            return Counter()
        ids = pc.index_in(table.column("doc_id"), value_set=pa.array(doc_ids, pa.string()))
        kinds = table.column("type").combine_chunks().dictionary_encode(null_encoding="encode")
        counts = np.bincount(as_numpy(kinds.indices)[as_numpy(pc.is_valid(ids))], minlength=len(kinds.dictionary))
        return Counter({str(kind): int(n) for kind, n in zip(kinds.dictionary.to_pylist(), counts.tolist(), strict=True)
                        if n})

    def prefetch(self) -> None:
        """Start reading the previous tables in a thread (pyarrow reads without the GIL), and finding
        the rows of their CSV and JSONL files, while the workers read the changed files;
        :meth:`table` and :meth:`text_rows` then wait for theirs."""
        if self.folder is None or self._reading is not None:
            return
        folder = self.folder
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="dafu-previous")
        names = [name for name in TABLE_NAMES if name != "manifest"]
        self._reading = {}
        for name in names:
            self._reading[name] = self._pool.submit(self._read, folder, name)
            for fmt in ("csv", "jsonl"):
                if (path := self.text_file(name, fmt)) is not None:
                    self._ends[name, fmt] = self._pool.submit(file_row_ends, path, quoted=fmt == "csv")
        self._pool.shutdown(wait=False)

    def table(self, name: str) -> pa.Table | None:
        """The previous table ``name`` in the frame schema of this run's tables (for
        :class:`~pipeline.tables.TableSink`): documents with this run's sidecar columns."""
        if self._reading is not None and name in self._reading:
            return self._reading.pop(name).result()  # handed out once: its memory goes with the merge
        return None if self.folder is None else self._read(self.folder, name)

    def text_rows(self, name: str, fmt: str) -> np.ndarray | None:
        """Where each row of :meth:`text_file` ends, when :meth:`prefetch` found it (handed out once)."""
        found = self._ends.pop((name, fmt), None)
        return None if found is None else found.result()

    def _read(self, folder: Path, name: str) -> pa.Table | None:
        """Table ``name`` as :meth:`table` gives it. Its rows stay the previous file's, one for one
        (a CSV or JSONL file is spliced by row number): the sidecar's columns of documents are
        replaced by this run's, and the sidecar's problems (made afresh by every run, added last)
        lose their ``doc_id``, so that no document keeps them."""
        table = read_arrow(folder, name)  # dafu's own columns only
        if table is None:
            return None
        if name == EXTRA_TABLE and self.metadata.columns:
            table = self.metadata.add_to_arrow(table)
        elif name == "problems" and table.num_rows:
            stage = pc.equal(table.column("stage"), text_scalar("metadata"))
            ours = pc.fill_null(stage, pa.scalar(False, pa.bool_()))
            at = table.schema.get_field_index("doc_id")
            table = table.set_column(at, table.schema.field(at),
                                     pc.if_else(ours, pa.scalar(None, pa.string()), table.column(at)))
        return table

    def text_file(self, name: str, fmt: str) -> Path | None:
        """``OUT/<name>.<fmt>`` when it is as the previous run wrote it (size and modification time),
        and its kept rows are what this run would write: for documents with a sidecar's columns,
        when the previous run had the same sidecar (same content, so the same cells)."""
        return self._own_file(f"{name}.{fmt}", documents=name == EXTRA_TABLE)

    def database(self, fmt: str) -> Path | None:
        """``OUT/dafu.<fmt>`` (SQLite, DuckDB) on the terms of :meth:`text_file`: it holds documents."""
        return self._own_file(f"dafu.{fmt}", documents=True)

    def _own_file(self, file: str, *, documents: bool) -> Path | None:
        if self.folder is None or self.record is None or not self.record.intact(self.folder, [file]):
            return None
        if documents and self.metadata.columns and (
                self.record.about.get("columns") != columns_record(self.metadata.columns)
                or any(self.record.about.get(k) != v for k, v in sidecar_about(self.metadata.source).items())):
            return None
        return self.folder / file

    def rows(self, doc_id: str) -> Rows:
        """The previous rows of ``doc_id`` in every table but the manifest (each handed out once)."""
        if self._by_doc is None:
            self._by_doc = self._group()
        rows: Rows = {}
        for name, groups in self._by_doc.items():
            found = groups.pop(doc_id, None)
            if found:
                rows[name] = found
        return rows

    def _group(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        by_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
        if self.folder is None:
            return by_doc
        for name, frame in read_tables(self.folder).frames.items():
            if name == "manifest" or "doc_id" not in frame.columns:
                continue
            groups: dict[str, list[dict[str, Any]]] = {}
            own = [c for c in SPECS[name].names if c in frame.columns]  # not a sidecar's columns: added afresh
            for row in records(frame[own]):
                if name == "problems" and row.get("stage") == "metadata":  # made afresh by every run
                    continue
                groups.setdefault(row["doc_id"], []).append(row)
            by_doc[name] = groups
        return by_doc

