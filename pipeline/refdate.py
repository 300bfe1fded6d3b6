"""The reference date for relative dates: given by the caller, or the document's own."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.errors import DafuError
from pipeline.quantities.numerals import NumeralError, parse_number

_CN = "〇○零一二三四五六七八九十"
_DATE_RE = re.compile(
    rf"(?P<y>[0-9]{{4}}|[{_CN}]{{4}})\s*年\s*(?P<m>[0-9]{{1,2}}|[{_CN}]{{1,3}})\s*月"
    rf"\s*(?P<d>[0-9]{{1,2}}|[{_CN}]{{1,3}})\s*[日号]"
)
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


def find_document_date(text: str) -> dt.date | None:
    """The last full date in the document's tail (its signature date), if any."""
    last = None
    for m in _DATE_RE.finditer(text, max(0, len(text) - _TAIL)):
        try:
            last = dt.date(int(parse_number(m["y"])), int(parse_number(m["m"])), int(parse_number(m["d"])))
        except (NumeralError, ValueError):
            continue
    return last
