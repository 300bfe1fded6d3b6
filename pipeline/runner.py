"""The batch: every input file through :func:`pipeline.read` into one set of tables.

Files are processed in input order by a pool of worker processes and streamed into a
:class:`~pipeline.tables.TableSink`, so memory stays bounded whatever the corpus size and
the same inputs always give byte-identical tables. Every file gets a ``manifest`` row
(``processed``, ``unchanged`` or ``problem``); a file that cannot be read, or that makes
the extractor fail, becomes a ``problems`` row and the batch goes on.

Re-runs are incremental: a file whose SHA-256, path and ``doc_id`` match the previous
manifest is not read again, and its previous rows are kept — when ``OUT/dafu-run.json``
says the previous run had the same dafu version, ``ref_date`` and ``tokens``. A file that
was a problem is always tried again.

>>> tables = run(["corpora"])                               # doctest: +SKIP
>>> tables["quantities"].loc[0, ["doc_id", "text", "type"]].tolist()  # doctest: +SKIP
['futian-2024079-reply', '超6家', 'count']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import hashlib
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from pipeline.document import read
from pipeline.errors import DafuError, InputError, ReadError
from pipeline.export.columns import records
from pipeline.readers import DEFAULT_INCLUDE
from pipeline.readers.read import DEFAULT_MAX_BYTES
from pipeline.readers.walk import SKIP_PREFIXES, compile_globs, glob_matches, iter_inputs_by_root
from pipeline.refdate import coerce_date
from pipeline.tables import (
    SPECS,
    TABLE_NAMES,
    PackedRows,
    Tables,
    TableSink,
    document_rows,
    manifest_row,
    pack,
    problem_row,
    read_tables,
)

Status = Literal["processed", "unchanged", "problem"]
Rows = dict[str, list[dict[str, Any]]]

RUN_FILE = "dafu-run.json"  # what produced the tables in OUT: the version and options
_START_METHOD: str | None = None  # multiprocessing start method; None: see _start_method()
_WINDOW_PER_JOB = 8  # chunks in flight per worker: enough to keep it busy, few enough to bound memory
_CHUNK_FILES = 8
_CHUNK_BYTES = 16_384
_SHOWN_PROBLEMS = 20
DEFAULT_TIME_LIMIT = 60.0  # seconds per file, read and extract: a reply takes well under one


@dataclass(frozen=True)
class Progress:
    """One file done: ``done`` of ``total``, with its path and status."""

    done: int
    total: int
    path: str
    status: Status


@dataclass
class RunSummary:
    """What :func:`run_batch` did: counts, the files written, the first problems."""

    files: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    quantities: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    tables: Tables | None = None  # only when there is no output folder

    @property
    def problem_count(self) -> int:
        return self.statuses["problem"]


@dataclass(frozen=True)
class _Task:
    path: str
    doc_id: str
    known_sha256: str | None  # the previous run's digest, when its rows can be kept
    size: int = 0  # bytes, to share the work out evenly


@dataclass(frozen=True)
class _Outcome:
    task: _Task
    status: Status
    sha256: str | None = None
    size: int | None = None
    stage: str = "read"
    reason: str | None = None
    rows: Rows | None = None
    packed: dict[str, PackedRows] | None = None  # the rows as tuples instead (from a worker)


def run(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    formats: Sequence[str] = ("parquet", "csv"),
    ref_date: str | dt.date | None = None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    tokens: bool = False,
    progress: Callable[[Progress], None] | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
) -> Tables:
    """Read every file under ``paths`` into tables, written to ``out`` when it is given.

    ``jobs`` worker processes (default: every core; 1 runs in this process). Returns the
    tables (read back from ``out``, or built in memory when ``out`` is None). A file larger
    than ``max_bytes``, or that takes more than ``time_limit`` seconds to read and extract
    (0 or None: no limit), becomes a ``problems`` row. ``engine="dask"`` runs the files on a
    Dask cluster (``scheduler``: its address; default a ``LocalCluster`` of ``jobs`` workers),
    see :mod:`pipeline.engines.dask`.

    >>> run(["答复"], out="表格")["manifest"]["status"].tolist()  # doctest: +SKIP
    ['processed', 'problem']
    """
    summary = run_batch(paths, out=out, jobs=jobs, formats=formats, ref_date=ref_date, include=include,
                        exclude=exclude, tokens=tokens, progress=progress, time_limit=time_limit,
                        max_bytes=max_bytes, engine=engine, scheduler=scheduler)
    if summary.tables is not None:
        return summary.tables
    assert out is not None
    return read_tables(out)


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    formats: Sequence[str] = ("parquet", "csv"),
    ref_date: str | dt.date | None = None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    tokens: bool = False,
    progress: Callable[[Progress], None] | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """:func:`run` without loading the tables back: returns a :class:`RunSummary`.

    Raises :class:`~pipeline.errors.InputError` when ``out`` lies inside an input folder
    that does not exclude it (see :func:`out_exclusions`).
    """
    paths = [os.fspath(p) for p in paths]
    if jobs is not None and jobs < 1:
        raise DafuError(f"jobs must be 1 or more, not {jobs}")
    if (time_limit is not None and time_limit < 0) or max_bytes < 1:
        raise DafuError(f"time_limit must be 0 or more and max_bytes 1 or more, not {time_limit} and {max_bytes}")
    if engine not in ("local", "dask"):
        raise DafuError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
    ref = coerce_date(ref_date) if ref_date is not None else None
    if out is not None and (inside := out_exclusions(paths, out, exclude)):
        folder, pattern = inside[0]
        raise InputError(os.fspath(out), f"output folder is inside input folder {folder}; "
                                         f"exclude it (exclude=[{pattern!r}])")
    # What makes the rows of an unchanged file the same again (the formats do not: any one
    # of Parquet, CSV or JSONL reads back exactly).
    settings = {"dafu": _version(), "ref_date": ref and ref.isoformat(), "tokens": tokens}
    inputs = list(list_inputs(paths, include=include, exclude=exclude))
    if engine == "dask":
        from pipeline.engines.dask import run_dask

        return run_dask(inputs, out=out, settings=settings, jobs=jobs, formats=formats, progress=progress,
                        scheduler=scheduler, options={"ref_date": ref, "tokens": tokens, "time_limit": time_limit,
                                                      "max_bytes": max_bytes})
    jobs = min(jobs or _cores(), len(inputs))
    # Workers pack the rows that go to files; rows kept in memory (no ``out``) stay dicts.
    work = partial(_process_chunk, ref_date=ref, tokens=tokens, time_limit=time_limit, max_bytes=max_bytes,
                   packed=jobs > 1 and out is not None)
    # The workers start first, before pyarrow (reading the previous tables, writing the new)
    # starts threads in this process: a fork copies only the thread that forks.
    with _Pool(jobs, work) if jobs > 1 else contextlib.nullcontext() as pool:
        previous = _Previous.load(out, settings) if out is not None else _Previous()
        tasks = [_Task(path, doc_id, previous.known_sha256(path, doc_id), _size(path)) for path, doc_id in inputs]
        outcomes = pool.ordered(tasks) if pool is not None else _in_process(tasks, work)
        summary = RunSummary(files=len(tasks))
        if out is None:
            collected: Rows = {name: [] for name in TABLE_NAMES}
            for rows in _rows(outcomes, previous, summary, progress):
                for name, table_rows in rows.items():
                    assert not isinstance(table_rows, PackedRows)  # workers pack only for a sink
                    collected.setdefault(name, []).extend(table_rows)
            summary.tables = Tables.from_rows(collected)
            return summary
        with TableSink(out, formats=tuple(formats)) as sink:
            for rows in _rows(outcomes, previous, summary, progress):
                sink.add(rows)
            summary.written = sink.close()
    from pipeline.engines.dask import drop_datasets  # an earlier Dask run's datasets are stale now

    drop_datasets(out)
    _write_settings(Path(out), settings)
    return summary


def list_inputs(paths: Iterable[str | os.PathLike[str]], *, include: Sequence[str] | None = None,
                exclude: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """(path, doc_id) of every input file, in input order.

    ``doc_id`` is the path relative to the folder given, without its suffix (``2024/答复``);
    when two files would share one, the later keeps its suffix (``答复.docx``).
    """
    taken: set[str] = set()
    # one walk over every input: a file reached again through another input or a link is skipped
    for root, path in iter_inputs_by_root(paths, include=DEFAULT_INCLUDE if include is None else include,
                                          exclude=exclude):
        rel = path.relative_to(root) if root.is_dir() else Path(path.name)
        yield os.fspath(path), _unique(rel, taken)


def _unique(rel: Path, taken: set[str]) -> str:
    candidates = [rel.with_suffix("").as_posix(), rel.as_posix()]
    doc_id = next((c for c in candidates if c not in taken), None)
    n = 2
    while doc_id is None:
        doc_id = f"{candidates[0]}-{n}" if f"{candidates[0]}-{n}" not in taken else None
        n += 1
    taken.add(doc_id)
    return doc_id


def out_exclusions(paths: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str],
                   exclude: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(input folder, pattern) for each input folder that holds ``out`` and does not exclude it.

    Adding the patterns to ``exclude`` keeps the tables out of their own inputs:
    ``out_exclusions(["答复"], "答复/表格")`` → ``[("答复", "表格")]``.
    """
    target = Path(out).resolve()
    found = []
    for given in paths:
        root = Path(given)
        if not root.is_dir() or not target.is_relative_to(root.resolve()):
            continue
        parts = target.relative_to(root.resolve()).parts
        if not parts:  # OUT is the input folder itself: excluding it would exclude everything
            found.append((os.fspath(given), "*"))
            continue
        globs = compile_globs(exclude)
        if not any(_skipped(parts[i], "/".join(parts[: i + 1]), globs) for i in range(len(parts))):
            found.append((os.fspath(given), glob.escape("/".join(parts))))
    return found


def _skipped(name: str, rel: str, exclude: re.Pattern[str] | None) -> bool:
    # The walker's rules: hidden entries are skipped; patterns match name or relative path.
    return name.startswith(SKIP_PREFIXES) or glob_matches(name, rel, exclude)


# --- one file, in a worker ------------------------------------------------------------------


def _process_chunk(tasks: list[_Task], *, ref_date: dt.date | None, tokens: bool,
                   time_limit: float | None = DEFAULT_TIME_LIMIT,
                   max_bytes: int = DEFAULT_MAX_BYTES, packed: bool = False) -> list[_Outcome]:
    """The outcomes of some files; with ``packed``, their rows as tuples (see ``tables.pack``),
    which a worker process hands back to the writing process faster than dicts."""
    return [_process(task, ref_date=ref_date, tokens=tokens, time_limit=time_limit, max_bytes=max_bytes,
                     packed=packed) for task in tasks]


def _process(task: _Task, *, ref_date: dt.date | None, tokens: bool,
             time_limit: float | None = DEFAULT_TIME_LIMIT, max_bytes: int = DEFAULT_MAX_BYTES,
             packed: bool = False) -> _Outcome:
    """Read one file; every failure becomes an outcome, never an exception. With ``packed``,
    its rows come as tuples (``tables.pack``)."""
    sha256: str | None = None
    size: int | None = None
    with contextlib.suppress(OSError):  # reading the file says why
        sha256, size = _digest(task.path)
    if sha256 is not None and sha256 == task.known_sha256:
        return _Outcome(task, "unchanged", sha256, size)
    try:
        with _time_limit(time_limit):
            try:
                doc = read(task.path, ref_date=ref_date, doc_id=task.doc_id, max_bytes=max_bytes)
            except ReadError as e:
                return _Outcome(task, "problem", sha256, size, "read", e.reason)
            except Exception as e:  # one bad file must not stop the batch
                return _Outcome(task, "problem", sha256, size, "extract", _describe(e))
            try:
                rows = document_rows(doc, tokens=tokens)
                if packed:
                    ready = {name: pack(name, table_rows) for name, table_rows in rows.items()}
                    return _Outcome(task, "processed", sha256, size, packed=ready)
            except Exception as e:
                return _Outcome(task, "problem", sha256, size, "tables", _describe(e))
    except _TimeLimitExceeded as e:
        return _Outcome(task, "problem", sha256, size, e.stage, str(e))
    return _Outcome(task, "processed", sha256, size, rows=rows)


class _TimeLimitExceeded(BaseException):
    """Raised by SIGALRM in the middle of one file; a BaseException, so no ``except Exception`` swallows it."""

    def __init__(self, seconds: float, stage: str) -> None:
        what = {"read": "reading the file", "extract": "extracting", "tables": "building its rows"}[stage]
        super().__init__(f"time limit of {seconds:g} s exceeded while {what}")
        self.stage = stage


_STAGE_OF_FUNCTION = {"read_source": "read", "extract": "extract", "document_rows": "tables", "pack": "tables"}


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` with :class:`_TimeLimitExceeded` (SIGALRM).

    Signals reach only the main thread, and Windows has no SIGALRM: there, or when another
    SIGALRM timer is already running, the block runs without a limit. Python code and the
    ``re`` engine are interruptible; one long call inside a C extension ends first.
    """
    usable = (bool(seconds) and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return
    assert seconds is not None

    def expire(signum: int, frame: FrameType | None) -> None:
        stage = "extract"
        while frame is not None:  # the innermost known stage on the stack says what was slow
            if frame.f_code.co_name in _STAGE_OF_FUNCTION:
                stage = _STAGE_OF_FUNCTION[frame.f_code.co_name]
                break
            frame = frame.f_back
        raise _TimeLimitExceeded(seconds, stage)

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _digest(path: str) -> tuple[str, int]:
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        return hashlib.file_digest(f, "sha256").hexdigest(), size


def _describe(e: BaseException) -> str:
    message = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {message}" if message else type(e).__name__


# --- the pool -------------------------------------------------------------------------------


def _in_process(tasks: list[_Task], work: Callable[[list[_Task]], list[_Outcome]]) -> Iterator[_Outcome]:
    for task in tasks:
        yield from work([task])


def _chunks(tasks: list[_Task], files: int = _CHUNK_FILES, max_bytes: int = _CHUNK_BYTES) -> Iterator[list[_Task]]:
    """Consecutive tasks, a few small files or one large file per chunk.

    Few round trips for many short replies; a long work report alone, so that one worker
    does not end up with a run of them while the other waits.
    """
    chunk: list[_Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += task.size
        if len(chunk) >= files or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _noop() -> None:
    """A task that only proves a worker process can start."""


class _Pool:
    """Worker processes handing back outcomes in task order, a few chunks ahead at most.

    The pool survives a worker's death (a crash, the out-of-memory killer): the files that
    were in flight are run again one by one, each alone, and the one that kills its worker
    becomes a problem.
    """

    def __init__(self, jobs: int, work: Callable[[list[_Task]], list[_Outcome]]) -> None:
        self.jobs = jobs
        self.work = work
        self.executor: ProcessPoolExecutor | None = self._new_executor(jobs)
        self.executor.submit(_noop)  # with fork, every worker starts now
        self.workers_can_start: bool | None = None

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=exc[0] is None, cancel_futures=True)

    def ordered(self, tasks: list[_Task]) -> Iterator[_Outcome]:
        pending: deque[tuple[list[_Task], Future[list[_Outcome]]]] = deque()
        for chunk in _chunks(tasks):
            pending.append((chunk, self._submit(chunk)))
            if len(pending) >= self.jobs * _WINDOW_PER_JOB:
                yield from self._collect(*pending.popleft())
        while pending:
            yield from self._collect(*pending.popleft())

    @staticmethod
    def _new_executor(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(_start_method()))

    def _submit(self, chunk: list[_Task]) -> Future[list[_Outcome]]:
        if self.executor is None:
            self.executor = self._new_executor(self.jobs)
        try:
            return self.executor.submit(self.work, chunk)
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new_executor(self.jobs)
            return self.executor.submit(self.work, chunk)

    def _collect(self, chunk: list[_Task], future: Future[list[_Outcome]]) -> list[_Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            if self.executor is not None:
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.executor = None
        except Exception:  # e.g. a result that cannot be pickled: find the file that has it
            pass
        return [self._alone(task) for task in chunk]

    def _alone(self, task: _Task) -> _Outcome:
        with self._new_executor(1) as executor:
            try:
                return executor.submit(self.work, [task]).result()[0]
            except BrokenProcessPool:
                pass
            except Exception as e:
                return _Outcome(task, "problem", stage="tables", reason=_describe(e))
        if not self._check_workers_can_start():
            raise DafuError("worker processes die as they start; a script that calls pipeline.run with "
                            "jobs > 1 must guard its top level with `if __name__ == '__main__':`")
        return _Outcome(task, "problem", stage="extract",
                        reason="the worker process died while reading this file (crash or out of memory)")

    def _check_workers_can_start(self) -> bool:
        if self.workers_can_start is None:
            with self._new_executor(1) as executor:
                try:
                    executor.submit(_noop).result()
                    self.workers_can_start = True
                except BrokenProcessPool:
                    self.workers_can_start = False
        return self.workers_can_start


def _start_method() -> str:
    # fork: the workers share the parent's loaded pipeline and never re-import a user's
    # script (spawn and forkserver do, so an unguarded script would start itself again).
    # macOS and Windows keep their default: fork is unsafe or missing there.
    return _START_METHOD or ("fork" if sys.platform.startswith("linux") else multiprocessing.get_start_method())


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- outcomes to rows -----------------------------------------------------------------------


def _rows(outcomes: Iterable[_Outcome], previous: _Previous, summary: RunSummary,
          progress: Callable[[Progress], None] | None) -> Iterator[dict[str, list[dict[str, Any]] | PackedRows]]:
    type_at = SPECS["quantities"].names.index("type")
    for done, o in enumerate(outcomes, 1):
        path, doc_id = o.task.path, o.task.doc_id
        rows: dict[str, list[dict[str, Any]] | PackedRows]
        if o.status == "unchanged":
            rows = dict(previous.rows(doc_id))
        elif o.status == "problem":
            reason = o.reason or "unknown"
            rows = {"problems": [problem_row(path, reason, stage=o.stage, doc_id=doc_id)]}
            if len(summary.problems) < _SHOWN_PROBLEMS:
                summary.problems.append((path, reason))
        else:
            rows = dict(o.packed) if o.packed is not None else dict(o.rows or {})
        rows["manifest"] = [manifest_row(path, doc_id=doc_id, sha256=o.sha256, size=o.size, status=o.status,
                                         reason=o.reason)]
        summary.statuses[o.status] += 1
        quantities = rows.get("quantities", [])
        if isinstance(quantities, PackedRows):
            summary.quantities.update(str(q[type_at]) for q in quantities.rows)
        else:
            summary.quantities.update(str(q.get("type")) for q in quantities)
        yield rows
        if progress is not None:
            progress(Progress(done, summary.files, path, o.status))


class _Previous:
    """The previous run's manifest and rows in OUT, when its tables can be reused."""

    def __init__(self, manifest: dict[str, tuple[str, str]] | None = None, tables: Tables | None = None) -> None:
        self.manifest = manifest or {}  # path → (doc_id, sha256) of the files processed before
        self.tables = tables
        self._by_doc: dict[str, dict[str, list[dict[str, Any]]]] | None = None

    @classmethod
    def load(cls, out: str | os.PathLike[str], settings: dict[str, Any]) -> _Previous:
        folder = Path(out)
        try:
            before = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if before != settings:  # another version or other options: every file again
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
            for row in records(frame):
                groups.setdefault(row["doc_id"], []).append(row)
            by_doc[name] = groups
        self.tables = None
        return by_doc


def _write_settings(folder: Path, settings: dict[str, Any]) -> None:
    tmp = folder / f".{RUN_FILE}.tmp"
    tmp.write_text(json.dumps(settings, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, folder / RUN_FILE)


def _version() -> str:
    from pipeline import __version__  # the package imports this module

    return __version__
