"""Multipliers written with 番: 翻一番 = 2, 翻两番 = 4, 翻番 = 2. (``2.5倍`` is a unit form.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from pipeline.quantities.base import Candidate, Context
from pipeline.text.numerals import NUMBER, NumeralError, format_decimal, parse_number

_DOUBLING_RE = re.compile(rf"翻(?:(?P<num>{NUMBER})番|番)")


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    for m in _DOUBLING_RE.finditer(text):
        try:
            times = parse_number(m["num"]) if m["num"] else Decimal(1)
        except NumeralError:
            continue
        if times > 20 or times != times.to_integral_value():
            continue
        value = Decimal(2) ** int(times)
        yield Candidate(
            start=m.start(), end=m.end(), type="ratio", amount=value, value=format_decimal(value),
            number_text=m["num"], unit_text="番", priority=2, core_start=m.start(), core_end=m.end(),
        )
