"""Reading input files: one module per format, each returning the same :class:`Source`.

``read_source`` reads one file; ``iter_inputs`` lists the files under some folders. A new
format is a module here with a ``read_<format>(data, path) -> Extracted`` function and one
line in ``read.READERS``.
"""

from pipeline.readers.read import DEFAULT_MAX_BYTES, read_source
from pipeline.readers.source import Format, Page, Source
from pipeline.readers.walk import DEFAULT_INCLUDE, iter_inputs

__all__ = ["DEFAULT_INCLUDE", "DEFAULT_MAX_BYTES", "Format", "Page", "Source", "iter_inputs", "read_source"]
