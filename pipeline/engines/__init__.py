"""Engines that run the batch somewhere else than this machine's process pool.

``pipeline.run(..., engine="local")`` is :mod:`pipeline.runner`'s own pool;
``engine="dask"`` is :mod:`pipeline.engines.dask`. Each engine processes every file with the
runner's very same ``_process``, so the rows, problems and limits are the same everywhere.
"""
