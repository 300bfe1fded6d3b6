"""The sample's 20 gold quantities come out of `dafu run` in the quantities table, with
their gold spans, types, values, units and qualifiers (gold copied from the shared gold)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import pipeline

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "corpora" / "futian-2024079-reply.txt"
GOLD_FILE = HERE / "fixtures" / "futian-2024079-reply.quantities.jsonl"
GOLD = [json.loads(line) for line in GOLD_FILE.open(encoding="utf-8")]


@pytest.fixture(scope="module")
def quantities(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("in")
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    out = tmp_path_factory.mktemp("out")
    tables = pipeline.run([folder], out=out, jobs=1)
    return tables["quantities"]


@pytest.mark.parametrize("gold", GOLD, ids=[f"{g['start']}-{g['text']}" for g in GOLD])
def test_gold_sample_quantity_in_table(quantities: Any, gold: dict[str, Any]) -> None:
    rows = quantities[(quantities["start"] == gold["start"]) & (quantities["end"] == gold["end"])]
    assert len(rows) == 1, f"{gold['text']} missing"
    row = rows.iloc[0]
    assert (row["text"], row["type"], row["qualifier"]) == (gold["text"], gold["type"], gold["qualifier"])
    assert (None if pd_na(row["unit"]) else row["unit"]) == gold.get("unit")
    value = row["value"]
    if isinstance(gold["value"], str):
        assert value == gold["value"]
    else:
        assert Decimal(str(value)) == Decimal(str(gold["value"]))


def pd_na(x: Any) -> bool:
    import pandas as pd

    return bool(pd.isna(x))
