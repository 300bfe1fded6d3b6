"""The reference date for relative dates: given by the caller, or the document's own."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from pipeline.errors import DafuError

_TAIL = 400  # a signature date stands at the end of the document


def coerce_date(value: str | dt.date) -> dt.date:
    """A ``date`` from a ``date``, a ``datetime`` or an ISO string such as ``2024-09-12``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as e:
        raise DafuError(f"ref_date {value!r} is not an ISO date (YYYY-MM-DD)") from e


@cache
def _date_re() -> re.Pattern[str]:
    # the signature-date form the structure parser reads (二○一六年十一月八日, 2024-09-12); imported
    # here, so that the options (coerce_date) load without the structure parser
    from pipeline.structure.dates import date_fragment

    return re.compile(date_fragment(), re.VERBOSE)


def find_document_date(text: str) -> dt.date | None:
    """The last full date in the document's tail (its signature date), if any."""
    from pipeline.structure.dates import date_from_match

    last = None
    for m in _date_re().finditer(text, max(0, len(text) - _TAIL)):
        last = date_from_match(m) or last
    return last
