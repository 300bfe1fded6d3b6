"""dafu: Chinese government reply documents in, tidy analysis-ready tables out.

>>> import pipeline
>>> doc = pipeline.extract("引入超6家央企研发中心")
>>> [(q.text, q.type, q.value, q.unit, q.qualifier) for q in doc.quantities]
[('超6家', 'count', '6', '家', 'gt')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.batch import run
    from pipeline.document import extract, read
    from pipeline.nlp import load
    from pipeline.records import Document, Meta, Quantity, Section, Sentence
    from pipeline.tables import Tables, read_tables

__version__ = "0.1.0"
__all__ = [
    "Document", "Meta", "Quantity", "Section", "Sentence", "Tables", "__version__", "extract", "load", "read",
    "read_tables", "run",
]

# Everything is imported on first use: the batch and the tables need pandas and pyarrow, load() needs
# spaCy, and extract() the engine's lexicons and patterns, which `dafu run` does not load when a
# re-run has nothing to do.
_LAZY = {
    "extract": "pipeline.document", "read": "pipeline.document", "Document": "pipeline.records",
    "Meta": "pipeline.records", "Quantity": "pipeline.records", "Section": "pipeline.records",
    "Sentence": "pipeline.records", "load": "pipeline.nlp", "run": "pipeline.batch", "read_tables": "pipeline.tables",
    "Tables": "pipeline.tables",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
