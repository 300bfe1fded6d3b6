"""dafu: Chinese government reply documents in, tidy analysis-ready tables out.

>>> import pipeline
>>> doc = pipeline.extract("引入超6家央企研发中心")
>>> [(q.text, q.type, q.value, q.unit, q.qualifier) for q in doc.quantities]
[('超6家', 'count', '6', '家', 'gt')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.document import extract, read
from pipeline.records import Document, Meta, Quantity, Section, Sentence

if TYPE_CHECKING:
    from pipeline.batch import run
    from pipeline.nlp import load
    from pipeline.tables import Tables, read_tables

__version__ = "0.1.0"
__all__ = [
    "Document", "Meta", "Quantity", "Section", "Sentence", "Tables", "__version__", "extract", "load", "read",
    "read_tables", "run",
]

# The batch and the tables need pandas and pyarrow, load() needs spaCy: imported on first use, so that
# `import pipeline` and `dafu extract` stay quick.
_LAZY = {
    "load": "pipeline.nlp", "run": "pipeline.batch", "read_tables": "pipeline.tables", "Tables": "pipeline.tables",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
