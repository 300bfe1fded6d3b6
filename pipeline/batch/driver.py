"""The top-level run: check the options and OUT, list the inputs, hand them to an engine, record the run.

A re-run with nothing to do (:func:`~pipeline.batch.runfile.nothing_changed`) stops before
the engines, or the metadata sidecar's reader, are even loaded. A run writes the formats asked
for and keeps the files of the other formats already in OUT up to date; ``clean`` removes
those instead.

>>> tables = run(["corpora"])                               # doctest: +SKIP
>>> tables["quantities"].loc[0, ["doc_id", "text", "type"]].tolist()  # doctest: +SKIP
['futian-2024079-reply', '超6家', 'count']
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.batch.inputs import InputFile, find_sidecar, input_files, out_exclusions, same_file
from pipeline.batch.options import RunOptions
from pipeline.batch.runfile import (
    RunRecord,
    digest,
    expected_reads,
    input_states,
    inputs_digest,
    nothing_changed,
    output_states,
    present_formats,
    roots,
    run_settings,
    sidecar_about,
    skipped_digest,
)
from pipeline.errors import InputError
from pipeline.export import FORMATS
from pipeline.readers.walk import Skipped

if TYPE_CHECKING:  # the engines load pandas and pyarrow: a re-run with nothing to do never needs them
    from pipeline.batch import local
    from pipeline.batch.metadata import FileMetadata
    from pipeline.batch.summary import Progress, RunSummary
    from pipeline.tables import Tables

Paths = Iterable[str | os.PathLike[str]]

#: Set by the ``dafu`` command, whose process ends with its run: pyarrow then makes the run's arrays
#: without loading pandas (:func:`~pipeline.export.columns.arrays_without_pandas`, 0.3 s of a re-run).
#: Never in a library user's process, which may go on to hand pandas' objects to pyarrow.
ARRAYS_WITHOUT_PANDAS = False


def run(paths: Paths, *, out: str | os.PathLike[str] | None = None, options: RunOptions | None = None,
        progress: Callable[[Progress], None] | None = None, **keywords: Any) -> Tables:
    """Read every file under ``paths`` into tables, written to ``out`` when it is given.

    The settings are ``options``, or the fields of :class:`RunOptions` given as keywords
    (``jobs=2, ref_date="2024-09-12"``; over ``options`` when both are given). Returns the
    tables (read back from ``out``, or built in memory when ``out`` is None). ``progress`` is
    called with a :class:`Progress` after each file.

    >>> run(["答复"], out="表格", jobs=2)["manifest"]["status"].tolist()  # doctest: +SKIP
    ['processed', 'problem']
    """
    from pipeline.tables import read_tables

    summary = run_batch(paths, out=out, options=options, progress=progress, **keywords)
    if summary.tables is not None:
        return summary.tables
    assert out is not None
    return read_tables(out)


def run_batch(paths: Paths, *, out: str | os.PathLike[str] | None = None, options: RunOptions | None = None,
              progress: Callable[[Progress], None] | None = None, **keywords: Any) -> RunSummary:
    """:func:`run` without loading the tables back: returns a :class:`RunSummary`.

    Raises :class:`~pipeline.errors.InputError` when ``out`` lies inside an input folder
    that does not exclude it (see :func:`~pipeline.batch.inputs.out_exclusions`), and
    :class:`~pipeline.errors.DafuError` for invalid settings.
    """
    options = replace(options or RunOptions(), **keywords)
    paths = [os.fspath(p) for p in paths]
    if out is not None and (inside := out_exclusions(paths, out, options.exclude)):
        folder, pattern = inside[0]
        raise InputError(os.fspath(out), f"output folder is inside input folder {folder}; "
                                         f"exclude it (exclude=[{pattern!r}])")
    skipped: list[Skipped] = []
    inputs = list(input_files(paths, include=options.include, exclude=options.exclude, skipped=skipped))
    sidecar = find_sidecar(paths, options.metadata)
    if sidecar is not None:  # never an input, even when --glob takes its suffix
        inputs, skipped = _set_sidecar_apart(sidecar, inputs, skipped)
    states = input_states(inputs)  # before any input is hashed: what the next run may trust
    before = RunRecord.load(out) if out is not None else None
    if before is not None and not options.checksum:
        before.trust()  # inputs of the recorded size and time are not hashed again
    if out is not None and (record := nothing_changed(out, inputs, options, sidecar, skipped, before)) is not None:
        _record_hashes(Path(out), record, inputs, states)
        return _nothing_to_do(record, len(inputs), len(skipped))
    # The local engine's workers start first, before pandas, pyarrow and the previous tables are
    # loaded here: each loads the extraction engine meanwhile (a re-run's few files are read then).
    from pipeline.batch import local

    reads = expected_reads(out, inputs, options, before, sidecar) if out is not None else None
    with (local.start_workers(out, options, len(inputs), reads) if options.engine == "local" else None) \
            or contextlib.nullcontext() as pool:
        summary, metadata = _run_engine(inputs, out, options, progress, sidecar, skipped, pool)
    summary.notes.extend(metadata.report())
    if out is not None:
        _record(Path(out), options, inputs, summary, metadata, skipped, states)
    return summary


def _run_engine(inputs: Sequence[InputFile], out: str | os.PathLike[str] | None, options: RunOptions,
                progress: Callable[[Progress], None] | None, sidecar: Path | None, skipped: Sequence[Skipped],
                pool: local.Pool | None) -> tuple[RunSummary, FileMetadata]:
    """The run on its engine (the local one with ``pool``'s workers), and the sidecar's metadata."""
    from pipeline.batch.dask import drop_datasets, run_dask
    from pipeline.batch.local import run_local
    from pipeline.batch.metadata import load_metadata
    from pipeline.export.columns import arrays_without_pandas

    metadata = load_metadata(sidecar, inputs)
    engine_options = options
    if out is not None and not options.clean:  # a run adds formats; the others' files are kept up to date
        present = present_formats(Path(out))
        engine_options = replace(options, formats=(*options.formats,
                                                   *(f for f in FORMATS if f in present and f not in options.formats)))
    if options.engine == "dask":
        return run_dask(inputs, out, engine_options, progress, metadata=metadata, skipped=skipped), metadata
    if ARRAYS_WITHOUT_PANDAS:
        arrays_without_pandas()
    summary = run_local(inputs, out, engine_options, progress, metadata=metadata, skipped=skipped, pool=pool)
    if out is not None:
        drop_datasets(out)  # an earlier Dask run's datasets are stale now
    return summary, metadata


def _set_sidecar_apart(sidecar: Path, inputs: list[InputFile], skipped: list[Skipped]
                       ) -> tuple[list[InputFile], list[Skipped]]:
    """The inputs without the metadata sidecar, and the sidecar among the skipped entries
    with its own reason when it lies in an input folder."""
    kept = [f for f in inputs if not same_file(f.path, sidecar)]
    others = [s for s in skipped if not same_file(s.path, sidecar)]
    if len(kept) < len(inputs) or len(others) < len(skipped):
        found = next((f.path for f in inputs if same_file(f.path, sidecar)), None)
        path = found or next(s.path for s in skipped if same_file(s.path, sidecar))
        others.append(Skipped(path, "the metadata sidecar: read for its columns, not as a document",
                              sidecar.stat().st_size))
    return kept, others


def _record_hashes(out: Path, record: RunRecord, inputs: Sequence[InputFile],
                   states: dict[str, tuple[int, int]]) -> None:
    """Record the inputs' sizes and times with their SHA-256 after a run with nothing to do, when
    they differ from those recorded (files copied or touched since: the next run need not hash
    them again). Only ``dafu-run.json`` is written, and only then."""
    hashes = {}
    for f in inputs:
        if f.path in states:
            with contextlib.suppress(OSError):  # gone since: hashed again next time
                hashes[f.path] = (*states[f.path], digest(f.path)[0])
    if hashes != record.hashes:
        replace(record, hashes=hashes).write(out)


def _nothing_to_do(record: RunRecord, files: int, skipped: int) -> RunSummary:
    """The summary of a re-run with nothing to do: the previous run's counts and sidecar lines."""
    from pipeline.batch.summary import RunSummary

    return RunSummary(files=files, statuses=Counter({"unchanged": files}), quantities=Counter(record.quantities),
                      nothing_changed=True, notes=list(record.notes), skipped=skipped)


def _record(out: Path, options: RunOptions, inputs: Sequence[InputFile], summary: RunSummary,
            metadata: FileMetadata, skipped: Sequence[Skipped], states: dict[str, tuple[int, int]]) -> None:
    """``OUT/dafu-run.json`` for the run just done (the inputs' digest only when no file was a problem;
    ``states``: each input's size and modification time before the run hashed it)."""
    from pipeline.tables.extra import columns_record

    digests = {path: sha256 for path, _, sha256 in summary.inputs}
    clean = summary.problem_count == 0 and len(digests) == len(inputs)
    about = {"roots": roots(inputs), **sidecar_about(metadata.source), "columns": columns_record(metadata.columns),
             "skipped": skipped_digest(skipped)}
    RunRecord(run_settings(options, metadata.ref_dates_digest()),
              inputs_digest((f, digests.get(f.path)) for f in inputs) if clean else None,
              len(inputs), dict(summary.quantities), output_states(out, summary.written), about,
              list(summary.notes),
              {path: (*states[path], sha256) for path, sha256 in digests.items() if sha256 and path in states}
              ).write(out)
