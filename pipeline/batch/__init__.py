"""The batch: every input file through :func:`pipeline.read` into one set of tables.

Every file gets a ``manifest`` row (``processed``, ``unchanged`` or ``problem``); a file
that cannot be read, or that makes the extractor fail, becomes a ``problems`` row and the
batch goes on. Re-runs into the same OUT are incremental. The modules, by job:

- :mod:`~pipeline.batch.options`: :class:`RunOptions`, the settings every part shares;
- :mod:`~pipeline.batch.inputs`: the files under the paths, their ``doc_id`` and root, OUT and
  the metadata sidecar kept out;
- :mod:`~pipeline.batch.metadata`: a sidecar's per-file ``ref_date`` and columns for ``documents``;
- :mod:`~pipeline.batch.runfile`: ``OUT/dafu-run.json``, and the re-run with nothing to do;
- :mod:`~pipeline.batch.state`: the previous run in OUT and whether its rows can be kept;
- :mod:`~pipeline.batch.work`: one file read → document → rows, within the limits;
- :mod:`~pipeline.batch.results`: outcomes to rows, counted into the :class:`RunSummary`;
- :mod:`~pipeline.batch.summary`: :class:`Progress` and :class:`RunSummary`;
- :mod:`~pipeline.batch.local` and :mod:`~pipeline.batch.dask`: the two engines;
- :mod:`~pipeline.batch.driver`: :func:`run` and :func:`run_batch`, over them all.

>>> from pipeline.batch import RunOptions, run_batch
>>> run_batch(["答复"], out="表格", options=RunOptions(jobs=2)).statuses  # doctest: +SKIP
Counter({'processed': 41, 'problem': 2})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.batch.driver import run, run_batch
    from pipeline.batch.inputs import list_inputs, out_exclusions
    from pipeline.batch.options import DEFAULT_TIME_LIMIT, RunOptions
    from pipeline.batch.runfile import RUN_FILE
    from pipeline.batch.summary import Progress, RunSummary

__all__ = ["DEFAULT_TIME_LIMIT", "RUN_FILE", "Progress", "RunOptions", "RunSummary", "list_inputs", "out_exclusions",
           "run", "run_batch"]

# The engines need pandas and pyarrow: imported on first use, so that the CLI reads the
# options' defaults (pipeline.batch.options) quickly.
_LAZY = {
    "run": "driver", "run_batch": "driver", "list_inputs": "inputs", "out_exclusions": "inputs",
    "DEFAULT_TIME_LIMIT": "options", "RunOptions": "options", "Progress": "summary", "RunSummary": "summary",
    "RUN_FILE": "runfile",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"pipeline.batch.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'pipeline.batch' has no attribute {name!r}")
