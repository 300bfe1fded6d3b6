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
from pipeline.batch.inputs import list_inputs, out_exclusions
from pipeline.batch.local import run_local
from pipeline.batch.options import RunOptions
from pipeline.batch.results import Progress, RunSummary
from pipeline.batch.state import write_settings
from pipeline.errors import InputError
from pipeline.tables import Tables, read_tables

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
    inputs = list(list_inputs(paths, include=options.include, exclude=options.exclude))
    if options.engine == "dask":
        summary = run_dask(inputs, out, options, progress)
    else:
        summary = run_local(inputs, out, options, progress)
        if out is not None:
            drop_datasets(out)  # an earlier Dask run's datasets are stale now
    if out is not None:
        write_settings(out, options)
    return summary
