"""dafu: Chinese government reply documents in, tidy analysis-ready tables out.

>>> import pipeline
>>> doc = pipeline.extract("引入超6家央企研发中心")
>>> [(q.text, q.type, q.value, q.unit, q.qualifier) for q in doc.quantities]
[('超6家', 'count', '6', '家', 'gt')]
"""

from __future__ import annotations

import datetime as dt

from pipeline.quantities.engine import extract_quantities
from pipeline.records import Document, Quantity
from pipeline.refdate import coerce_date, find_document_date
from pipeline.text.normalise import normalise

__version__ = "0.1.0"
__all__ = ["Document", "Quantity", "__version__", "extract"]


def extract(text: str, *, ref_date: str | dt.date | None = None) -> Document:
    """Find every quantity in ``text``.

    ``ref_date`` resolves relative dates (今年6月); without it dafu uses the date the
    document states (its signature date), and otherwise leaves them unresolved.
    """
    norm = normalise(text)
    ref = coerce_date(ref_date) if ref_date is not None else find_document_date(norm.text)
    quantities = list(extract_quantities(norm, ref))
    return Document(text=text, ref_date=ref, quantities=quantities)
