"""The local engine: a pool of worker processes on this machine, streaming into one set of tables.

Files are processed in input order and streamed into a :class:`~pipeline.tables.TableSink`,
so memory stays bounded whatever the corpus size and the same inputs always give
byte-identical tables. A re-run gives the sink the unchanged files' rows first (each at its
rank: the sink merges them in order) and starts its workers before it loads pyarrow and the
previous tables (:func:`start_workers`: no more than the files expected to change, each
loading the extraction engine at once), so that only the writing waits for them.

The pool survives a worker's death (a crash, the out-of-memory killer): the files that were
in flight are run again one by one, and the one that kills its worker becomes a problem.

>>> run_local([InputFile("答复/a.txt", "a", "答复")], "表格", RunOptions(jobs=2), None).statuses  # doctest: +SKIP
Counter({'processed': 1})
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TYPE_CHECKING

from pipeline.batch.inputs import InputFile
from pipeline.batch.options import RunOptions
from pipeline.batch.runfile import digest
from pipeline.batch.work import (
    DIED,
    Outcome,
    Rows,
    Task,
    chunks,
    describe,
    fewer_collections,
    load_engine,
    process_chunk,
)
from pipeline.errors import DafuError
from pipeline.readers.walk import Skipped

# pyarrow, pandas and the tables are loaded by run_local once the workers have started (start_workers):
# this module is imported before, so that the workers load the engine while this process loads them.
if TYPE_CHECKING:
    from pipeline.batch.metadata import FileMetadata
    from pipeline.batch.results import Progress, RunSummary

START_METHOD: str | None = None  # multiprocessing start method; None: fork on Linux, else the platform's
WINDOW_PER_JOB = 8  # chunks in flight per worker: enough to keep it busy, few enough to bound memory

Work = Callable[[list[Task]], list[Outcome]]


def start_workers(out: str | os.PathLike[str] | None, options: RunOptions, files: int,
                  reads: int | None = None) -> Pool | None:
    """The worker processes of a run over ``files`` inputs, each loading the extraction engine
    as it starts (unless no file is expected to be read); None when the run reads in this
    process (one job, or one file).

    ``reads``: how many files the run is expected to read (a re-run: those changed since the
    previous run, :func:`~pipeline.batch.runfile.expected_reads`), None for every one. No more
    workers start than there are files to read, so that a re-run after one file changed starts
    one: the engine (~0.5 s CPU) is loaded where it is used. Called before pyarrow and the
    previous tables are loaded: a fork copies only the thread that forks (pyarrow starts threads),
    and the worker loads the engine while this process loads them.
    """
    jobs = options.workers(files)
    if jobs <= 1:
        return None
    # None expected (a format added, an output missing): one worker, in case, that loads nothing yet
    return Pool(jobs if reads is None else max(1, min(jobs, reads)), _work(out, options, jobs), warm=reads != 0)


def _work(out: str | os.PathLike[str] | None, options: RunOptions, jobs: int) -> Work:
    """What a worker (or this process, with one job) runs on a chunk of tasks."""
    # Rows that go to files come as columns; rows kept in memory (no ``out``) stay dicts. OCR
    # runs on one thread per worker when there are several: onnxruntime's default of a thread
    # per core in each would have them fight over the cores (bench/README.md, OCR).
    return partial(process_chunk, options=options, packed=out is not None,
                   out=None if out is None else os.fspath(out), ocr_threads=1 if jobs > 1 else None)


def run_local(inputs: Sequence[InputFile], out: str | os.PathLike[str] | None, options: RunOptions,
              progress: Callable[[Progress], None] | None, metadata: FileMetadata | None = None,
              skipped: Sequence[Skipped] = (), pool: Pool | None = None) -> RunSummary:
    """Run ``inputs`` into tables in ``out``, or in memory without it; ``metadata`` adds each
    file's reference date, columns of documents and its problems; ``skipped`` entries get
    their ``manifest`` rows after the files read. ``pool``: workers started already
    (:func:`start_workers`, left running), else the run starts its own."""
    with contextlib.nullcontext(pool) if pool is not None else \
            start_workers(out, options, len(inputs)) or contextlib.nullcontext() as workers:
        return _run(inputs, out, options, progress, metadata, skipped, workers)


def _run(inputs: Sequence[InputFile], out: str | os.PathLike[str] | None, options: RunOptions,
         progress: Callable[[Progress], None] | None, metadata: FileMetadata | None, skipped: Sequence[Skipped],
         pool: Pool | None) -> RunSummary:
    from pipeline.batch.metadata import FileMetadata
    from pipeline.batch.results import RunSummary, outcome_rows, skipped_rows, writing_progress
    from pipeline.batch.state import Previous
    from pipeline.tables import TABLE_NAMES, ColumnRows, Tables, TableSink

    metadata = metadata or FileMetadata()
    work = pool.work if pool is not None else _work(out, options, 1)
    previous = Previous.load(out, options, metadata)
    tasks = previous.tasks(inputs, metadata.ref_dates, metadata.requests)
    unchanged = _unchanged(tasks)
    changed = [task for i, task in enumerate(tasks) if i not in unchanged]
    others = pool.ordered(changed) if pool is not None else _in_process(changed, work)
    summary = RunSummary(files=len(tasks))
    if out is None:
        collected: Rows = {name: [] for name in TABLE_NAMES}
        for _, rows in outcome_rows(_in_order(tasks, unchanged, others), previous, summary, progress):
            for name, table_rows in metadata.add(rows).items():
                given = table_rows.dicts(name) if isinstance(table_rows, ColumnRows) else table_rows
                collected.setdefault(name, []).extend(given)
        collected["problems"].extend(metadata.problems)
        collected["manifest"].extend(skipped_rows(skipped, summary))
        summary.tables = Tables.from_rows(collected, metadata.columns)
        return summary
    # Unchanged files keep their previous rows: the sink merges them in Arrow at the end (the
    # sidecar's columns and problems made afresh: see Previous.table). It takes them first, each at
    # its rank, and the others as the workers hand them back: only the writing waits for the workers.
    keeping = previous.folder is not None
    if keeping and len(unchanged) > len(changed):  # most rows are kept: read them while the workers work
        previous.prefetch()
    outcomes = _kept_first(unchanged, others) if keeping else _in_order(tasks, unchanged, others)
    with TableSink(out, options.formats, metadata.specs, keep_from=previous if keeping else None,
                   progress=writing_progress(progress)) as sink:
        for o, rows in outcome_rows(outcomes, previous, summary, progress, kept_rows=not keeping):
            rank = o.task.rank if keeping else None
            if keeping and o.status == "unchanged":
                sink.keep(o.task.doc_id, rows, rank=rank)
            else:
                sink.add(metadata.add(rows), rank=rank)
        sink.add({"problems": list(metadata.problems), "manifest": skipped_rows(skipped, summary)},
                 rank=len(tasks) + 1 if keeping else None)
        summary.written = sink.close()
    return summary


def _unchanged(tasks: list[Task]) -> dict[int, Outcome]:
    """The outcomes of the files whose digest is still the one their kept rows were made from,
    by task index: found here, so that a re-run sends the workers only the files that changed."""
    found = {}
    for i, task in enumerate(tasks):
        if task.known_sha256 is not None:
            with contextlib.suppress(OSError):  # a worker tries it and says why
                sha256, size = digest(task.path)
                if sha256 == task.known_sha256:
                    found[i] = Outcome(task, "unchanged", sha256, size)
    return found


def _in_order(tasks: list[Task], unchanged: dict[int, Outcome], others: Iterator[Outcome]) -> Iterator[Outcome]:
    """Every task's outcome in task order: the unchanged ones, and ``others`` (those of the rest, in order)."""
    for i in range(len(tasks)):
        yield unchanged[i] if i in unchanged else next(others)


def _kept_first(unchanged: dict[int, Outcome], others: Iterator[Outcome]) -> Iterator[Outcome]:
    """The unchanged files' outcomes (in task order), then ``others`` (those of the rest, in order)."""
    for i in sorted(unchanged):
        yield unchanged[i]
    yield from others


def _in_process(tasks: list[Task], work: Work) -> Iterator[Outcome]:
    # One block of fewer collections for the whole run, the writing of each file's rows between
    # files too: a block per file (process_chunk's) set the threshold back to Python's 700 at each
    # file's end, and the next allocation collected that file's outcome and rows, and the caches'
    # new entries, every few files (82 collections of the 374 bench texts, 0.1 s, none freeing anything).
    with fewer_collections():
        for task in tasks:
            yield from work([task])


def _noop() -> None:
    """A task that only proves a worker process can start."""


class Pool:
    """Worker processes handing back outcomes in task order, a few chunks ahead at most.

    The pool survives a worker's death (a crash, the out-of-memory killer): the files that
    were in flight are run again one by one, each alone, and the one that kills its worker
    becomes a problem.
    """

    def __init__(self, jobs: int, work: Work, *, warm: bool = False) -> None:
        self.jobs = jobs
        self.work = work
        self.executor: ProcessPoolExecutor | None = self._new_executor(jobs)
        # With fork, every worker starts now; ``warm``: each loads the engine before its first chunk
        # comes (one task each, as a rule: a worker busy loading takes no other).
        for _ in range(jobs if warm else 1):
            self.executor.submit(load_engine if warm else _noop)
        self.workers_can_start: bool | None = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=exc[0] is None, cancel_futures=True)

    def ordered(self, tasks: list[Task]) -> Iterator[Outcome]:
        pending: deque[tuple[list[Task], Future[list[Outcome]]]] = deque()
        for chunk in chunks(tasks):
            pending.append((chunk, self._submit(chunk)))
            if len(pending) >= self.jobs * WINDOW_PER_JOB:
                yield from self._collect(*pending.popleft())
        while pending:
            yield from self._collect(*pending.popleft())

    @staticmethod
    def _new_executor(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(_start_method()))

    def _submit(self, chunk: list[Task]) -> Future[list[Outcome]]:
        if self.executor is None:
            self.executor = self._new_executor(self.jobs)
        try:
            return self.executor.submit(self.work, chunk)
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new_executor(self.jobs)
            return self.executor.submit(self.work, chunk)

    def _collect(self, chunk: list[Task], future: Future[list[Outcome]]) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            if self.executor is not None:
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.executor = None
        except Exception:  # e.g. a result that cannot be pickled: find the file that has it
            pass
        return [self._alone(task) for task in chunk]

    def _alone(self, task: Task) -> Outcome:
        with self._new_executor(1) as executor:
            try:
                return executor.submit(self.work, [task]).result()[0]
            except BrokenProcessPool:
                pass
            except Exception as e:
                return Outcome(task, "problem", stage="tables", reason=describe(e))
        if not self._check_workers_can_start():
            raise DafuError("worker processes die as they start; a script that calls pipeline.run with "
                            "jobs > 1 must guard its top level with `if __name__ == '__main__':`")
        return Outcome(task, "problem", stage="extract", reason=DIED)

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
    return START_METHOD or ("fork" if sys.platform.startswith("linux") else multiprocessing.get_start_method())
