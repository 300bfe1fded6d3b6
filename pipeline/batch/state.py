"""Incremental state: what the previous run into OUT left, and whether its rows can be kept.

A file whose SHA-256, path and ``doc_id`` match the previous manifest is not read again, and
its previous rows are kept — when ``OUT/dafu-run.json`` says the previous run had the same
dafu version, ``ref_date``, per-file reference dates of a metadata sidecar and ``tokens``
(:func:`run_settings`). A file that was a problem is always tried again. A sidecar's other
columns are added afresh on every run, so kept rows never carry stale ones.

``dafu-run.json`` also records, for the reader of OUT, the input roots that ``doc_id`` and
``source_path`` are relative to, the sidecar and the columns it added (with their kinds,
which :func:`~pipeline.tables.read_tables` reads).

>>> run_settings(RunOptions(ref_date="2024-09-12"))          # doctest: +SKIP
{'dafu': '0.1.0', 'ref_date': '2024-09-12', 'tokens': False}
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.inputs import InputFile
from pipeline.batch.options import RunOptions
from pipeline.batch.work import Rows, Task, file_size
from pipeline.errors import DafuError
from pipeline.export.columns import records
from pipeline.tables import SPECS, Tables, read_tables
from pipeline.tables.extra import RUN_FILE as RUN_FILE  # re-exported as pipeline.batch.RUN_FILE


def run_settings(options: RunOptions, ref_dates: str | None = None) -> dict[str, Any]:
    """What makes the rows of an unchanged file the same again (``ref_dates``: the digest of a
    sidecar's per-file reference dates).

    The formats do not: any one of Parquet, CSV or JSONL reads back exactly; nor do the
    limits, the inputs or where the run ran.
    """
    ref = options.ref_date
    return {"dafu": __version__, "ref_date": ref and ref.isoformat(), "tokens": options.tokens,
            "ref_dates": ref_dates}


def write_settings(folder: str | os.PathLike[str], options: RunOptions, ref_dates: str | None = None,
                   about: dict[str, Any] | None = None) -> None:
    """Record in ``folder/dafu-run.json`` what the tables there were made with (replaced in one step),
    with ``about`` (the input roots, the sidecar and its columns) beside the settings."""
    folder = Path(folder)
    tmp = folder / f".{RUN_FILE}.tmp"
    record = {**(about or {}), **run_settings(options, ref_dates)}
    tmp.write_text(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, folder / RUN_FILE)


class Previous:
    """The previous run's manifest and rows in OUT, when its tables can be reused."""

    def __init__(self, manifest: dict[str, tuple[str, str]] | None = None, tables: Tables | None = None) -> None:
        self.manifest = manifest or {}  # path → (doc_id, sha256) of the files processed before
        self.tables = tables
        self._by_doc: dict[str, dict[str, list[dict[str, Any]]]] | None = None

    @classmethod
    def load(cls, out: str | os.PathLike[str] | None, options: RunOptions, ref_dates: str | None = None) -> Previous:
        """The previous run in ``out``; an empty one without ``out``, or when it ran with other settings."""
        if out is None:
            return cls()
        folder = Path(out)
        try:
            before = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        settings = run_settings(options, ref_dates)
        if not isinstance(before, dict) or {k: before.get(k) for k in settings} != settings:
            # another version or other options: every file again
            return cls()
        try:
            tables = read_tables(folder)
            frame = tables["manifest"]
        except (DafuError, OSError, KeyError, ValueError):
            return cls()
        manifest = {
            str(r["path"]): (str(r["doc_id"]), str(r["sha256"]))
            for r in records(frame)
            if r.get("status") in ("processed", "unchanged") and isinstance(r.get("sha256"), str)
        }
        return cls(manifest, tables)

    def tasks(self, inputs: Iterable[InputFile], ref_dates: Mapping[str, dt.date] | None = None) -> list[Task]:
        """A task per input, with the digest its rows were made from when they can be kept, and
        its reference date from ``ref_dates`` (doc_id → date, a metadata sidecar's)."""
        dates = ref_dates or {}
        return [Task(f.path, f.doc_id, self.known_sha256(f.path, f.doc_id), file_size(f.path), f.root,
                     dates.get(f.doc_id)) for f in inputs]

    def known_sha256(self, path: str, doc_id: str) -> str | None:
        doc_id_before, sha256 = self.manifest.get(path, (None, None))
        return sha256 if doc_id_before == doc_id else None

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
        # One pass per table; the frames are dropped once their rows are grouped.
        assert self.tables is not None
        by_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for name, frame in self.tables.frames.items():
            if name == "manifest" or "doc_id" not in frame.columns:
                continue
            groups: dict[str, list[dict[str, Any]]] = {}
            own = [c for c in SPECS[name].names if c in frame.columns]  # not a sidecar's columns: added afresh
            for row in records(frame[own]):
                if name == "problems" and row.get("stage") == "metadata":  # made afresh by every run
                    continue
                groups.setdefault(row["doc_id"], []).append(row)
            by_doc[name] = groups
        self.tables = None
        return by_doc
