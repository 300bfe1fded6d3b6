"""dafu: Chinese government reply documents in, tidy analysis-ready tables out.

>>> import pipeline
>>> doc = pipeline.extract("引入超6家央企研发中心")
>>> [(q.text, q.type, q.value, q.unit, q.qualifier) for q in doc.quantities]
[('超6家', 'count', '6', '家', 'gt')]
"""

from __future__ import annotations

from pipeline.document import extract, read
from pipeline.records import Document, Meta, Quantity, Section, Sentence

__version__ = "0.1.0"
__all__ = ["Document", "Meta", "Quantity", "Section", "Sentence", "__version__", "extract", "read"]
