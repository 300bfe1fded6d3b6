"""The work done per file: read → document → rows, within the time and size limits.

Runs in a worker process (local engine) or on a Dask worker, the same code for both, so that
rows, problems and limits are the same everywhere. Every failure becomes an :class:`Outcome`
with a stage and a reason (a ``problems`` row), never an exception: one bad file must not
stop the batch.

>>> [o.status for o in process_chunk([Task("答复/空白.txt", "空白", None)], RunOptions())]  # doctest: +SKIP
['problem']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any, Literal

from pipeline.batch.options import RunOptions
from pipeline.batch.runfile import digest
from pipeline.errors import ReadError

if TYPE_CHECKING:  # loaded with the engine (load_engine): a process that only hands out work never needs them
    from pipeline.batch.ocrcache import OcrCache
    from pipeline.records import Document
    from pipeline.tables import ColumnRows

Status = Literal["processed", "unchanged", "problem"]
Rows = dict[str, list[dict[str, Any]]]

#: Allocations between two collections of the youngest generation while files are read (Python's
#: default is 700): a document allocates hundreds of thousands of short-lived objects, nearly all
#: freed by their counts, so that most collections find nothing. 20,000 cut the collector's time
#: over the 374 bench texts 0.37 → 0.07 s CPU, peak RSS the same (bench/README.md, session 6).
GC_THRESHOLD = 20_000
CHUNK_FILES = 8  # the local pool's chunks: few round trips for many short replies
CHUNK_BYTES = 16_384
DIED = "the worker process died while reading this file (crash or out of memory)"  # a problem's reason


@dataclass(frozen=True)
class Task:
    """One input file, with the previous run's digest of it when its rows can be kept."""

    path: str
    doc_id: str
    known_sha256: str | None
    size: int = 0  # bytes, to share the work out evenly
    root: str | None = None  # the input root: source_path is relative to it
    ref_date: dt.date | None = None  # from a metadata sidecar, over the run's
    request_date: dt.date | None = None  # the request it replies to, from a metadata sidecar
    request_text: str | None = None
    rank: int = 0  # its place among the run's inputs, from 1 (0: not given)


@dataclass(frozen=True)
class Outcome:
    """What became of one file: its status, digest and rows, or the stage and reason of its problem."""

    task: Task
    status: Status
    sha256: str | None = None
    size: int | None = None
    stage: str = "read"
    reason: str | None = None
    rows: Rows | None = None
    packed: dict[str, ColumnRows] | None = None  # the rows as columns of plain cells instead, for a sink
    tokens: ColumnRows | None = None  # the tokens table's rows, as columns (never dicts: there are many)
    warnings: tuple[str, ...] = ()  # where the reader had to guess: problems rows of kind warning
    ocr_pages: int = 0  # pages OCR recognised in this file (not those its cache gave back)


def read(path: str, **options: Any) -> Document:
    """:func:`pipeline.read`, the extraction engine imported on first use: a worker loads it when it
    gets its first file, and a re-run whose files are all unchanged never does."""
    return _engine()(path, **options)


def load_engine() -> None:
    """Load the extraction engine and the modules that make a document's rows: what a worker
    process does as it starts (:class:`~pipeline.batch.local.Pool`), while the process that
    started it loads the previous tables."""
    _engine()
    import pipeline.tables.rows  # noqa: F401  (the rows of every document read)
    from pipeline.linking.words import load_tagger

    load_tagger()  # else loaded by the first document's first name (a re-run's one file waited for it)


@functools.cache
def _engine() -> Callable[..., Document]:
    from pipeline.batch.patterns import reused

    with reused():  # its patterns as the last process compiled them: a third of the import's CPU
        from pipeline.document import read as read_document

    # The lexicons, compiled patterns and modules just loaded live as long as the process:
    # frozen out of the collector's generations, so that a full collection (one every ~70,000
    # allocations, and a long document makes many) no longer walks them all again: the
    # collector's time in a batch of 374 texts 0.48 → 0.26 s. Not collected first: loading the
    # engine leaves no garbage cycle (a full collection here freed nothing and took ~0.03 s of
    # the one-file worker of a re-run, before its file).
    gc.freeze()
    return read_document


def process_chunk(tasks: list[Task], options: RunOptions, *, packed: bool = False,
                  out: str | None = None, ocr_threads: int | None = None) -> list[Outcome]:
    """The outcomes of some files; with ``packed``, their rows as columns of plain cells (see
    ``tables.document_columns``), which a table sink takes with less work than dicts and a worker
    process hands back to the writing process faster. ``out``: the
    output folder, whose ``dafu-ocr/`` keeps the pages OCR recognised; ``ocr_threads``: the
    OCR engine's threads (1 when several workers share the cores; None: every core)."""
    with _first_patterns(), fewer_collections():
        return [process(task, options, packed=packed, out=out, ocr_threads=ocr_threads) for task in tasks]


_PATTERNS_SEEN = False  # whether this process's first chunk has begun


@contextlib.contextmanager
def _first_patterns() -> Iterator[None]:
    """The block of this process's first chunk takes the patterns the engine compiles on first use (the
    structure's and the replies', ~70, a fifth of a short reply's CPU) from the cache, as its import did."""
    global _PATTERNS_SEEN
    if _PATTERNS_SEEN:
        yield
        return
    _PATTERNS_SEEN = True
    from pipeline.batch.patterns import reused

    with reused():
        yield


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The youngest generation collected every :data:`GC_THRESHOLD` allocations in the block, as before after it.

    Blocks may nest; only the outermost one's end sets the threshold back, which makes a collection
    at the next allocation of whatever is young by then (a chunk's outcome, its rows)."""
    previous = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def process(task: Task, options: RunOptions, *, packed: bool = False, out: str | None = None,
            ocr_threads: int | None = None) -> Outcome:
    """Read one file; every failure becomes an outcome, never an exception. With ``packed``,
    its rows come as columns (``tables.document_columns``). A page read by OCR adds ``options.time_limit``
    to the file's limit, is counted in ``Outcome.ocr_pages`` and is kept in ``out``'s OCR cache."""
    sha256: str | None = None
    size: int | None = None
    with contextlib.suppress(OSError):  # reading the file says why
        sha256, size = digest(task.path)
    if sha256 is not None and sha256 == task.known_sha256:
        return Outcome(task, "unchanged", sha256, size)
    from pipeline.readers.ocr import ocr_context
    from pipeline.tables.rows import document_columns, document_rows, token_rows

    recognised = 0

    def on_page() -> None:
        nonlocal recognised
        recognised += 1
        extend()

    try:
        with (_time_limit(options.time_limit) as extend,
              ocr_context(on_page=on_page, cache=_ocr_cache(out), threads=ocr_threads)):
            try:
                doc = read(task.path, root=task.root, ref_date=task.ref_date or options.ref_date, doc_id=task.doc_id,
                           max_bytes=options.max_bytes, request_date=task.request_date, request_text=task.request_text)
            except ReadError as e:
                return Outcome(task, "problem", sha256, size, "read", e.reason, ocr_pages=recognised)
            except Exception as e:  # one bad file must not stop the batch
                return Outcome(task, "problem", sha256, size, "extract", describe(e), ocr_pages=recognised)
            try:
                tokens = token_rows(doc) if options.tokens else None
                warnings = tuple(doc.warnings)
                if packed:
                    ready = document_columns(doc)
                    return Outcome(task, "processed", sha256, size, packed=ready, tokens=tokens, warnings=warnings,
                                   ocr_pages=recognised)
                rows = document_rows(doc)
            except Exception as e:
                return Outcome(task, "problem", sha256, size, "tables", describe(e), ocr_pages=recognised)
    except _TimeLimitExceeded as e:
        return Outcome(task, "problem", sha256, size, e.stage, str(e), ocr_pages=recognised)
    return Outcome(task, "processed", sha256, size, rows=rows, tokens=tokens, warnings=warnings,
                   ocr_pages=recognised)


def _ocr_cache(out: str | None) -> OcrCache | None:
    if out is None:
        return None
    from pipeline.batch.ocrcache import OcrCache

    return OcrCache(out)


def chunks(tasks: list[Task], files: int = CHUNK_FILES, max_bytes: int = CHUNK_BYTES) -> Iterator[list[Task]]:
    """Consecutive tasks, a few small files or one large file per chunk.

    Few round trips for many short replies; a long work report alone, so that one worker
    does not end up with a run of them while the other waits.
    """
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += task.size
        if len(chunk) >= files or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def file_size(path: str) -> int:
    """Bytes of ``path``; 0 when it cannot be read (reading it will say why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def describe(e: BaseException) -> str:
    """``ZeroDivisionError: division by zero``: the type and the first line of an unexpected error."""
    message = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {message}" if message else type(e).__name__


# --- the time limit -------------------------------------------------------------------------


class _TimeLimitExceeded(BaseException):
    """Raised by SIGALRM in the middle of one file; a BaseException, so no ``except Exception`` swallows it."""

    def __init__(self, seconds: float, stage: str) -> None:
        what = {"read": "reading the file", "extract": "extracting", "tables": "building its rows"}[stage]
        super().__init__(f"time limit of {seconds:g} s exceeded while {what}")
        self.stage = stage


class _ThreadTimeLimit(_TimeLimitExceeded):
    """The same, raised in a worker thread by a watchdog (:func:`_thread_limit`). CPython makes an
    exception raised in another thread from its class, without arguments, in that thread: the
    interrupted frame is the caller of ``__init__``, and ``seconds`` a class attribute."""

    seconds = 0.0

    def __init__(self) -> None:
        super().__init__(self.seconds, _stage(sys._getframe(1)))


_STAGE_OF_FUNCTION = {"read_source": "read", "extract": "extract", "document_rows": "tables",
                      "document_columns": "tables", "token_rows": "tables"}


def _stage(frame: FrameType | None) -> str:
    """The innermost known stage on the stack: what was slow."""
    while frame is not None:
        if frame.f_code.co_name in _STAGE_OF_FUNCTION:
            return _STAGE_OF_FUNCTION[frame.f_code.co_name]
        frame = frame.f_back
    return "extract"


def _no_extension() -> None:
    """No time limit runs, so there is none to extend."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[Callable[[], None]]:
    """Interrupt the block after ``seconds`` with :class:`_TimeLimitExceeded`.

    The block gets a function that adds ``seconds`` to the time left: OCR calls it before
    each page it recognises, so that the limit counts per page for a scan (a 20-page scan
    has 21 times the limit, a text file once).

    In the main thread (the local engine's worker processes, a run with ``--jobs 1``) SIGALRM
    interrupts the block; in another thread (a Dask worker runs its tasks in a thread pool)
    a watchdog thread raises the exception in it (:func:`_thread_limit`, CPython only). Without
    SIGALRM (Windows) in the main thread, or when another SIGALRM timer is already running, the
    block runs without a limit. Python code and the ``re`` engine are interruptible; one
    long call inside a C extension (one OCR page in onnxruntime) ends first.
    """
    if not seconds:
        yield _no_extension
    elif threading.current_thread() is not threading.main_thread() and sys.implementation.name == "cpython":
        with _thread_limit(seconds) as extend:
            yield extend
    elif hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0:
        with _alarm_limit(seconds) as extend:
            yield extend
    else:
        yield _no_extension


@contextlib.contextmanager
def _alarm_limit(seconds: float) -> Iterator[Callable[[], None]]:
    """:func:`_time_limit` in the main thread, by SIGALRM."""

    def extend() -> None:
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left + seconds)

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _TimeLimitExceeded(seconds, _stage(frame))

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield extend
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_RAISE_AGAIN = 0.1  # seconds between the watchdog's raises once the limit is past


@contextlib.contextmanager
def _thread_limit(seconds: float) -> Iterator[Callable[[], None]]:
    """:func:`_time_limit` in a thread that is not the main one: a watchdog thread raises
    :class:`_ThreadTimeLimit` in it at the deadline (CPython's ``PyThreadState_SetAsyncExc``).

    An exception raised while the thread runs a finalizer is printed and dropped by Python ("Exception
    ignored in …"), so the watchdog raises it again every ``_RAISE_AGAIN`` seconds until the block is
    left. Once the block is left the watchdog stands down under the lock, and an exception it raised
    that is still pending is withdrawn, so that it never reaches the thread's next task; one
    raised while the block is being left is still a :class:`_TimeLimitExceeded`, which
    :func:`process` turns into a problem like any other.
    """
    target = threading.get_ident()
    expired = type("_Expired", (_ThreadTimeLimit,), {"seconds": seconds})
    state = threading.Condition()
    deadline = time.monotonic() + seconds
    done = fired = False

    def watch() -> None:
        nonlocal fired
        with state:
            while not done:
                left = deadline - time.monotonic()
                if left <= 0:  # raised again until the block is left: one raised while a finalizer
                    fired = True  # runs (a __del__, a weakref's callback) is swallowed there
                    _raise_in(target, expired)
                    left = _RAISE_AGAIN
                state.wait(left)

    def extend() -> None:
        nonlocal deadline
        with state:
            deadline += seconds

    watchdog = threading.Thread(target=watch, name="dafu-time-limit", daemon=True)
    watchdog.start()
    try:
        yield extend
    finally:
        with state:
            done = True
            state.notify()
        if fired:
            _raise_in(target, None)  # withdrawn if not yet raised
        watchdog.join()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in the thread ``thread_id`` at its next bytecode (None: withdraw a pending one)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception is not None else None)
