"""Reading input files: one module per format, each returning the same :class:`Source`.

``read_source`` reads one file; ``iter_inputs`` lists the files under some folders. A new
format is a module here with a ``read_<format>(data, path) -> Extracted`` function, its
suffixes in ``formats.SUFFIXES`` and one line in ``read.READERS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.readers.formats import DEFAULT_MAX_BYTES
    from pipeline.readers.read import read_source
    from pipeline.readers.source import Format, Page, Source
    from pipeline.readers.walk import DEFAULT_INCLUDE, iter_inputs

__all__ = ["DEFAULT_INCLUDE", "DEFAULT_MAX_BYTES", "Format", "Page", "Source", "iter_inputs", "read_source"]

# The readers load their libraries and lexicons: imported on first use, so that listing the
# inputs (walk, ids, formats) stays cheap for a re-run with little or nothing to read.
_LAZY = {"DEFAULT_INCLUDE": "walk", "DEFAULT_MAX_BYTES": "formats", "Format": "source", "Page": "source",
         "Source": "source", "iter_inputs": "walk", "read_source": "read"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"pipeline.readers.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'pipeline.readers' has no attribute {name!r}")
