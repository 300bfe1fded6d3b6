"""JSON Lines, one file per table: an object per row, keys in column order, null when missing.

Decimals are JSON strings of their exact text (``"2870000000"``, ``"0.05"``: most JSON
readers would parse a number into a float) and dates ISO strings (``"2024-09-12"``).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.export.columns import TableSpec, decimal_text, records

if TYPE_CHECKING:  # a frame comes only from a caller that loaded pandas
    import pandas as pd


class JsonlTableWriter:
    def __init__(self, spec: TableSpec, path: Path) -> None:
        self.spec = spec
        self._file = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 — closed by close()

    def write(self, frame: pd.DataFrame) -> None:
        for row in records(frame):
            self._file.write(json.dumps(row, ensure_ascii=False, default=_plain) + "\n")

    def close(self) -> None:
        self._file.close()


def _plain(value: Any) -> str:
    """What ``json`` cannot write itself: a decimal as its exact text, a date as ISO."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{value!r} is not a JSON value")
