"""How a batch runs: one frozen :class:`RunOptions` record, shared by the CLI, :func:`pipeline.run`
and both engines (the Dask engine ships it to its workers, so it stays plain and picklable).

This module is light on purpose: ``dafu --help`` reads its defaults without loading pandas.

>>> RunOptions(jobs=2, ref_date="2024-09-12", exclude=["草稿"])
RunOptions(jobs=2, formats=('parquet', 'csv'), ref_date=datetime.date(2024, 9, 12), ...)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Literal, get_args

from pipeline.errors import DafuError
from pipeline.readers.formats import DEFAULT_MAX_BYTES
from pipeline.readers.walk import DEFAULT_INCLUDE
from pipeline.refdate import coerce_date

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = get_args(Engine)
DEFAULT_FORMATS: tuple[str, ...] = ("parquet", "csv")
DEFAULT_TIME_LIMIT = 60.0  # seconds per file, read and extract: a reply takes well under one

__all__ = ["DEFAULT_FORMATS", "DEFAULT_INCLUDE", "DEFAULT_MAX_BYTES", "DEFAULT_TIME_LIMIT", "ENGINES", "Engine",
           "RunOptions", "cores"]


@dataclass(frozen=True)
class RunOptions:
    """The settings of one batch: what to read, how to read it, where to run it.

    ``jobs``: worker processes (None: every core; 1 runs in this process). ``formats``: the
    table formats written to OUT (the files of other formats already there are kept up to
    date; ``clean`` removes them instead). ``ref_date`` resolves relative dates (今年6月) where a
    document states none. ``include`` / ``exclude``: glob patterns over names or relative
    paths. ``tokens``: also fill the tokens table. A file larger than ``max_bytes``, or that
    takes more than ``time_limit`` seconds to read and extract (0 or None: no limit; each
    page OCR recognises adds as much again; applied on both engines),
    becomes a ``problems`` row. ``engine="dask"`` runs on a Dask cluster at ``scheduler``
    (default: a ``LocalCluster`` of ``jobs`` workers). ``metadata``: a sidecar table (CSV,
    XLSX, JSONL) of per-file reference dates and columns for ``documents``; without it, a
    ``dafu-metadata.*`` in an input folder is used (:mod:`~pipeline.batch.metadata`).
    ``checksum``: hash every input again on a re-run, even one whose size and modification
    time are those the previous run recorded (:mod:`~pipeline.batch.runfile`). The
    formats are checked where the tables are written (:class:`~pipeline.tables.TableSink`).

    Sequences are stored as tuples and ``ref_date`` as a date, so the same settings make
    equal records however they were given; invalid settings raise
    :class:`~pipeline.errors.DafuError`.
    """

    jobs: int | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    ref_date: dt.date | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    tokens: bool = False
    time_limit: float | None = DEFAULT_TIME_LIMIT
    max_bytes: int = DEFAULT_MAX_BYTES
    engine: Engine = "local"
    scheduler: str | None = None
    clean: bool = False
    metadata: str | None = None
    checksum: bool = False

    def __post_init__(self) -> None:
        # Callers may give lists, ``include=None`` (the default) and an ISO string for ref_date.
        set_ = object.__setattr__  # frozen: only here, while the record is made
        set_(self, "formats", tuple(self.formats))
        set_(self, "include", DEFAULT_INCLUDE if self.include is None else tuple(self.include))
        set_(self, "exclude", tuple(self.exclude))
        if self.metadata is not None:
            set_(self, "metadata", os.fspath(self.metadata))
        if self.ref_date is not None:
            set_(self, "ref_date", coerce_date(self.ref_date))
        if self.jobs is not None and self.jobs < 1:
            raise DafuError(f"jobs must be 1 or more, not {self.jobs}")
        if (self.time_limit is not None and self.time_limit < 0) or self.max_bytes < 1:
            raise DafuError(f"time_limit must be 0 or more and max_bytes 1 or more, "
                            f"not {self.time_limit} and {self.max_bytes}")
        if self.engine not in ENGINES:
            raise DafuError(f"unknown engine {self.engine!r}; expected 'local' or 'dask'")

    def workers(self, work: int) -> int:
        """``jobs`` (every core when None), but no more than ``work``, the pieces of work to share."""
        return min(self.jobs or cores(), work)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
