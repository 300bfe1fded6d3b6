"""The sample's gold quantities, compared with a converted file's by what they say, not where.

A converted file (.doc, .ofd) has other offsets than the .txt the gold spans index, so each
gold quantity is looked for by its text (spaces dropped), type, value, unit and qualifier.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pipeline

GOLD_FILE = Path(__file__).resolve().parent / "fixtures" / "futian-2024079-reply.quantities.jsonl"
GOLD = [json.loads(line) for line in GOLD_FILE.open(encoding="utf-8")]


def _key(text: str, type_: str, value: Any, unit: str | None, qualifier: str | None) -> tuple[Any, ...]:
    try:
        number: Any = Decimal(str(value))
    except ArithmeticError:  # a date, an interval: compared as text
        number = value
    return re.sub(r"\s+", "", text), type_, number, unit, qualifier


def missing_gold(doc: pipeline.Document) -> list[str]:
    """The gold quantities of the sample that ``doc`` does not have (empty: all 20 found)."""
    found = Counter(_key(q.text, q.type, q.value, q.unit, q.qualifier) for q in doc.quantities)
    missing = []
    for gold in GOLD:
        key = _key(gold["text"], gold["type"], gold["value"], gold.get("unit"), gold["qualifier"])
        if found[key] > 0:
            found[key] -= 1
        else:
            missing.append(gold["text"])
    return missing
