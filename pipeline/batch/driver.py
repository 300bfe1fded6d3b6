"""The top-level run: check the options and OUT, list the inputs, hand them to an engine, record the settings.

>>> tables = run(["corpora"])                               # doctest: +SKIP
>>> tables["quantities"].loc[0, ["doc_id", "text", "type"]].tolist()  # doctest: +SKIP
['futian-2024079-reply', '超6家', 'count']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from pipeline.batch.dask import drop_datasets, run_dask
from pipeline.batch.inputs import input_files, out_exclusions
from pipeline.batch.local import run_local
from pipeline.batch.metadata import find_sidecar, load_metadata, same_file
from pipeline.batch.options import RunOptions
from pipeline.batch.results import Progress, RunSummary
from pipeline.batch.state import write_settings
from pipeline.errors import InputError
from pipeline.tables import Tables, read_tables
from pipeline.tables.extra import columns_record

Paths = Iterable[str | os.PathLike[str]]


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
    inputs = list(input_files(paths, include=options.include, exclude=options.exclude))
    sidecar = find_sidecar(paths, options.metadata)
    if sidecar is not None:  # never an input, even when --glob takes its suffix
        inputs = [f for f in inputs if not same_file(f.path, sidecar)]
    metadata = load_metadata(sidecar, inputs)
    if options.engine == "dask":
        summary = run_dask(inputs, out, options, progress, metadata=metadata)
    else:
        summary = run_local(inputs, out, options, progress, metadata=metadata)
        if out is not None:
            drop_datasets(out)  # an earlier Dask run's datasets are stale now
    summary.notes.extend(metadata.report())
    if out is not None:
        about = {"roots": sorted({os.path.abspath(f.root) for f in inputs}),
                 "metadata": sidecar and os.path.abspath(sidecar), "columns": columns_record(metadata.columns)}
        write_settings(out, options, metadata.ref_dates_digest(), about)
    return summary
