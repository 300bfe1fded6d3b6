"""The batch on a Dask cluster: the local engine's tables, written as partitioned Parquet datasets.

The client lists the inputs and cuts them into chunks of consecutive files, as the local
engine does. Each chunk goes to a worker with the run's :class:`~pipeline.batch.options.RunOptions`;
the worker runs the very same :func:`~pipeline.batch.work.process_chunk` as the local engine
(so rows, problems and limits are the local engine's) and writes its share of
each table as ``OUT/<table>/part-<chunk>.parquet``; only a small summary (statuses, digests,
quantity counts) comes back. The client writes the ``manifest`` and ``problems`` partitions
itself, so every input is in the manifest exactly once, whatever happened to the workers.

Worker death: Dask runs the chunks of a lost worker again elsewhere. A partition is written
under a temporary name and renamed, and is named after its chunk, so a chunk run twice
overwrites its own files and never duplicates rows. A chunk that keeps killing workers is run
again one file at a time; the file that kills its worker becomes a problem, as locally.

Everything is written into a hidden staging folder inside ``OUT`` and moved into place at the
end, so OUT must be a folder every worker can write (a shared file system on a real cluster).

>>> run(["答复"], out="表格", engine="dask", scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import export
from pipeline.batch.inputs import InputFile
from pipeline.batch.metadata import FileMetadata
from pipeline.batch.options import RunOptions
from pipeline.batch.results import Progress, RunSummary, outcome_rows, skipped_rows, writing_progress
from pipeline.batch.state import Previous
from pipeline.batch.work import DIED, Outcome, Rows, Task, chunks, process_chunk
from pipeline.errors import DafuError
from pipeline.export.columns import (
    TableSpec,
    arrow_from_columns,
    arrow_from_rows,
    frame_from_arrow,
    normalise_rows,
)
from pipeline.export.parquet import ParquetTableWriter
from pipeline.readers.walk import Skipped
from pipeline.tables import ROW_GROUP, SPECS, TABLE_NAMES, AnyRows, ColumnRows, PackedRows, read_tables
from pipeline.tables.merge import in_frame_schema
from pipeline.tables.sink import WriteProgress

# Bigger chunks than the local pool's: a Dask task costs a few milliseconds of scheduling and
# a chunk writes a file per table, so a chunk should hold some seconds of work.
CHUNK_FILES = 48
CHUNK_BYTES = 262_144
_CLIENT_TABLES = ("problems", "manifest")  # written by the client, from the summaries
_WORKER_TABLES = tuple(n for n in TABLE_NAMES if n not in _CLIENT_TABLES)
_CONNECT_TIMEOUT = "30s"
_WAIT_FOR_WORKERS_S = 60
_DATASET_FILES = ("part-*.parquet", "kept-*.parquet", ".part-*.tmp", ".kept-*.tmp")


def run_dask(inputs: Sequence[InputFile], out: str | os.PathLike[str] | None, options: RunOptions,
             progress: Callable[[Progress], None] | None, metadata: FileMetadata | None = None,
             skipped: Sequence[Skipped] = ()) -> RunSummary:
    """Run ``inputs`` on Dask into ``out``; see :func:`pipeline.batch.run`.

    ``options.scheduler`` is an address (``tcp://10.0.0.5:8786``) or a scheduler file (``*.json``);
    without it a ``LocalCluster`` of ``options.jobs`` single-threaded worker processes is started.
    Every chunk of files goes to a worker with ``options``. ``metadata``'s columns are added to
    the documents dataset by the client at the end (the table has a row per file: small).
    """
    metadata = metadata or FileMetadata()
    if out is None:  # the workers need a folder to write to: a temporary one
        with tempfile.TemporaryDirectory(prefix="dafu-dask-") as tmp:
            summary = run_dask(inputs, tmp, replace(options, formats=("parquet",)), progress, metadata, skipped)
            summary.tables = read_tables(tmp)
            summary.written = []
            return summary
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        if (folder / name).exists() and not _is_dataset(folder / name):
            raise DafuError(f"{folder / name} is in the way of the {name} table: it is not a dataset dafu wrote")
    previous = Previous.load(folder, options, metadata)
    tasks = previous.tasks(inputs, metadata.ref_dates, metadata.requests)
    chunked = list(chunks(tasks, CHUNK_FILES, CHUNK_BYTES))
    summary = RunSummary(files=len(tasks))
    staging = Path(tempfile.mkdtemp(prefix=".dafu-dask-", dir=folder)).resolve()
    try:
        for name in TABLE_NAMES:
            (staging / name).mkdir()
        if chunked:
            workers = options.workers(len(chunked))
            # One OCR thread per worker, unless this is a LocalCluster of one worker: a cluster's
            # workers are one per core (see the README), each single-threaded.
            ocr_threads = None if options.scheduler is None and workers == 1 else 1
            with _client(options.scheduler, workers) as client:
                done = 0
                for index, outcomes, counts in _results(client, chunked, staging, options, ocr_threads):
                    summary.quantities.update(counts)
                    rows = (rows for _, rows in outcome_rows(outcomes, previous, summary, None))
                    _write_client_rows(staging, index, rows)
                    for o in outcomes:
                        done += 1
                        if progress is not None:
                            progress(Progress(done, summary.files, o.task.path, o.status, ocr_pages=o.ocr_pages,
                                              ocr_total=summary.ocr_pages))
        _add_metadata(staging, metadata)
        if skipped:
            _write_part(staging / "manifest" / "part-skipped.parquet", "manifest", skipped_rows(skipped, summary))
        summary.written = _move_into_place(staging, folder, options.formats, metadata.specs,
                                           writing_progress(progress))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def drop_datasets(out: str | os.PathLike[str]) -> None:
    """Remove the partitioned datasets (``OUT/<table>/``) an earlier Dask run left in ``out``.

    Called once the local engine has written ``OUT/<table>.<format>``, so that
    :func:`~pipeline.tables.read_tables` never finds a stale dataset.
    """
    for name in TABLE_NAMES:
        target = Path(out) / name
        if _is_dataset(target):
            shutil.rmtree(target)


def _is_dataset(folder: Path) -> bool:
    """A folder that holds only the files a Dask run writes: never remove a user's own folder."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    return all(p.is_file() and any(fnmatch(p.name, pattern) for pattern in _DATASET_FILES)
               for p in folder.iterdir())


# --- the chunks, on the workers -------------------------------------------------------------


def _part(index: int, sub: int | None = None) -> str:
    """``part-00007.parquet``; ``part-00007-003.parquet`` for file 3 of chunk 7 run alone."""
    return f"part-{index:05d}.parquet" if sub is None else f"part-{index:05d}-{sub:03d}.parquet"


def _work(index: int, sub: int | None, tasks: list[Task], *, staging: str, options: RunOptions,
          ocr_threads: int | None = None) -> tuple[list[Outcome], Counter[str]]:
    """On a worker: process ``tasks``, write their rows as partitions, return outcomes without rows."""
    outcomes = process_chunk(tasks, options, out=os.fspath(Path(staging).parent),  # staging is in OUT
                             ocr_threads=ocr_threads)
    collected: Rows = {name: [] for name in _WORKER_TABLES}
    tokens = [o.tokens for o in outcomes if o.tokens is not None and len(o.tokens)]
    for o in outcomes:
        for name, table_rows in (o.rows or {}).items():
            collected[name].extend(table_rows)
    for name, table_rows in collected.items():
        if table_rows:
            _write_part(Path(staging) / name / _part(index, sub), name, table_rows)
    if tokens:  # columns (Arrow arrays): no dict or Python object per token
        table = pa.concat_tables([arrow_from_columns(SPECS["tokens"], t.columns) for t in tokens])
        _write_table(Path(staging) / "tokens" / _part(index, sub), SPECS["tokens"], table)
    counts = Counter(str(q.get("type")) for q in collected["quantities"])
    return [replace(o, rows=None, tokens=None) for o in outcomes], counts


def _write_part(path: Path, name: str, table_rows: list[dict[str, Any]]) -> None:
    """Write rows as one Parquet file under a temporary name, then rename it into place."""
    _write_table(path, SPECS[name], arrow_from_rows(SPECS[name], normalise_rows(SPECS[name], table_rows)))


def _write_table(path: Path, spec: TableSpec, table: Any) -> None:
    """Write an Arrow table (the frame schema) as one Parquet file under a temporary name, then rename it."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")  # hidden: datasets skip it
    writer = ParquetTableWriter(spec, tmp)
    try:
        writer.write(frame_from_arrow(spec, table))
    finally:
        writer.close()
    os.replace(tmp, path)


def _worker_version() -> str:
    from pipeline import __version__

    return __version__


# --- the client -----------------------------------------------------------------------------


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    distributed = _import_distributed()
    if scheduler is None:
        with distributed.LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                                      dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        if scheduler.endswith(".json") and os.path.isfile(scheduler):
            client = distributed.Client(scheduler_file=scheduler, timeout=_CONNECT_TIMEOUT)
        else:
            client = distributed.Client(scheduler, timeout=_CONNECT_TIMEOUT)
    except (OSError, ValueError) as e:
        raise DafuError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    with client:
        try:
            client.wait_for_workers(1, timeout=_WAIT_FOR_WORKERS_S)
        except TimeoutError as e:
            raise DafuError(f"the Dask scheduler at {scheduler} has no workers") from e
        _check_workers(client)
        yield client


def _check_workers(client: Any) -> None:
    from pipeline import __version__

    try:
        versions = client.run(_worker_version)
    except Exception as e:  # a worker cannot import dafu: the error says what is missing
        raise DafuError(f"the Dask workers cannot run dafu (install dafu {__version__} on every worker): "
                        f"{type(e).__name__}: {e}") from e
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise DafuError(f"the Dask workers run dafu {', '.join(other)}, this is dafu {__version__}")


def _results(client: Any, chunks: list[list[Task]], staging: Path, options: RunOptions,
             ocr_threads: int | None) -> Iterator[tuple[int, list[Outcome], Counter[str]]]:
    """(chunk index, outcomes, quantity counts) of every chunk, as the chunks finish."""
    distributed = _import_distributed()
    futures = {client.submit(_work, i, None, chunk, staging=os.fspath(staging), options=options,
                             ocr_threads=ocr_threads, pure=False): i
               for i, chunk in enumerate(chunks)}
    for future in distributed.as_completed(futures):
        index = futures.pop(future)
        try:
            outcomes, counts = future.result()
        except Exception:  # the chunk killed workers again and again, or a row would not write
            outcomes, counts = _alone(client, index, chunks[index], staging, options, ocr_threads)
        future.release()
        yield index, outcomes, counts


def _alone(client: Any, index: int, chunk: list[Task], staging: Path, options: RunOptions,
           ocr_threads: int | None) -> tuple[list[Outcome], Counter[str]]:
    """Each file of a failed chunk on its own; the one that fails becomes a problem."""
    for name in _WORKER_TABLES:  # what the failed chunk wrote before it failed
        (staging / name / _part(index)).unlink(missing_ok=True)
    outcomes: list[Outcome] = []
    counts: Counter[str] = Counter()
    for sub, task in enumerate(chunk):
        future = client.submit(_work, index, sub, [task], staging=os.fspath(staging), options=options,
                               ocr_threads=ocr_threads, pure=False)
        try:
            done, found = future.result()
        except Exception as e:
            killed = type(e).__name__ == "KilledWorker"
            done = [Outcome(task, "problem", stage="extract" if killed else "tables",
                            reason=DIED if killed else f"{type(e).__name__}: {e}")]
            found = Counter()
        outcomes.extend(done)
        counts.update(found)
    return outcomes, counts


def _write_client_rows(staging: Path, index: int, rows: Iterator[AnyRows]) -> None:
    """The manifest and problems rows of a chunk, and the kept rows of its unchanged files."""
    collected: Rows = {}
    for one in rows:
        for name, table_rows in one.items():
            assert not isinstance(table_rows, PackedRows | ColumnRows)  # Dask workers write their own rows
            collected.setdefault(name, []).extend(table_rows)
    for name, table_rows in collected.items():
        if table_rows:
            # Kept rows go beside the chunk's own partition (which has the rows of its new files).
            part = _part(index) if name in _CLIENT_TABLES else f"kept-{index:05d}.parquet"
            _write_part(staging / name / part, name, table_rows)


def _add_metadata(staging: Path, metadata: FileMetadata) -> None:
    """The sidecar's columns added to every documents partition, and its problems as one more partition."""
    if metadata.problems:
        _write_part(staging / "problems" / "part-metadata.parquet", "problems", list(metadata.problems))
    if not metadata.columns:
        return
    spec = metadata.specs["documents"]
    for part in sorted((staging / "documents").glob("[!._]*.parquet")):
        own = in_frame_schema(SPECS["documents"], pq.read_table(part))  # dafu's own columns only
        _write_table(part, spec, metadata.add_to_arrow(own))


def _move_into_place(staging: Path, folder: Path, formats: Sequence[str], specs: dict[str, TableSpec],
                     tell: WriteProgress | None = None) -> list[Path]:
    """Datasets from staging into OUT; the other formats streamed from them; stale files removed."""
    written = []
    for name in TABLE_NAMES:
        dataset = staging / name
        if not any(dataset.glob("*.parquet")):  # a dataset needs one file, for its schema
            _write_empty(dataset / _part(0), specs[name])
        target = folder / name
        if target.is_dir():
            if not _is_dataset(target):
                raise DafuError(f"{target} is in the way of the {name} table: it is not a dataset dafu wrote")
            os.replace(target, staging / f"old-{name}")
        os.replace(dataset, target)
        written.append(target)
    others = [f for f in dict.fromkeys(formats) if f != "parquet"]
    written.extend(_write_formats(folder, staging, others, specs, tell))
    for fmt in export.FORMATS:  # the one-file Parquet and formats not asked for would be stale
        if fmt == "parquet" or fmt not in others:
            for name in TABLE_NAMES if fmt in export.PER_TABLE else ("",):
                (folder / export.file_name(name, fmt)).unlink(missing_ok=True)
    return written


def _write_formats(folder: Path, staging: Path, formats: Sequence[str], specs: dict[str, TableSpec],
                   tell: WriteProgress | None = None) -> list[Path]:
    """The other formats, streamed from the datasets in ``folder`` by the same writers as the local engine's."""
    done = staging / "formats"
    done.mkdir()
    for step, fmt in enumerate(formats):
        if tell is not None:
            tell(step, len(formats), fmt)
        if fmt in export.PER_TABLE:
            for name in TABLE_NAMES:
                writer = export.table_writer(fmt, specs[name], done / export.file_name(name, fmt))
                try:
                    for frame in _dataset_frames(folder / name, specs[name]):
                        writer.write(frame)
                finally:
                    writer.close()
        else:
            chunks = ((specs[name], _dataset_frames(folder / name, specs[name])) for name in TABLE_NAMES)
            export.whole_writer(fmt)(done / export.file_name("", fmt), chunks)
    if tell is not None:
        tell(len(formats), len(formats), "")
    written = []
    for path in sorted(done.iterdir()):
        os.replace(path, folder / path.name)
        written.append(folder / path.name)
    return written


def _write_empty(path: Path, spec: TableSpec) -> None:
    ParquetTableWriter(spec, path).close()


def _dataset_frames(dataset: Path, spec: TableSpec) -> Iterator[Any]:
    for part in sorted(dataset.glob("[!._]*.parquet")):
        for batch in pq.ParquetFile(part).iter_batches(ROW_GROUP):
            yield frame_from_arrow(spec, batch)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as e:
        raise DafuError("engine 'dask' needs Dask: pip install 'dafu[dask]'") from e
    return distributed

