"""The sample reply rendered as a sealed 200-dpi scan (an image-only PDF) gives the sample's 20 gold
quantities through OCR: the same text (spaces aside), type, value, unit and qualifier as the gold,
each found once (offsets differ: the scan's text has its own line breaks).

The slowest test file (a few pages of OCR: about 10 s a page on one core); skipped, saying why,
without ``dafu[ocr]`` or a CJK font, failed instead with ``DAFU_REQUIRE_OCR`` set (CI).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from scans import cjk_font, render_pages, write_pdf

import pipeline
from pipeline.readers import ocr

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "corpora" / "futian-2024079-reply.txt"
GOLD_FILE = HERE / "fixtures" / "futian-2024079-reply.quantities.jsonl"
GOLD = [json.loads(line) for line in GOLD_FILE.open(encoding="utf-8")]
LINES_PER_PAGE = 30  # four or five pages: the whole letter, seal and all, in as few pages as a letter has


def _key(text: str, kind: str, value: Any, unit: str | None, qualifier: str | None) -> tuple[Any, ...]:
    try:
        number: Any = Decimal(str(value))
    except InvalidOperation:
        number = str(value)
    return "".join(text.split()), kind, number, unit, qualifier


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> Counter[tuple[Any, ...]]:
    reason = (f"the OCR extra is not installed ({ocr.INSTALL_HINT})" if not ocr.available()
              else "no CJK font to draw the scan with (make test installs one as root)" if cjk_font() is None
              else None)
    if reason:
        if os.environ.get("DAFU_REQUIRE_OCR"):
            pytest.fail(f"DAFU_REQUIRE_OCR is set but {reason}")
        pytest.skip(reason)
    pages = render_pages(SAMPLE.read_text(encoding="utf-8"), lines_per_page=LINES_PER_PAGE)
    scan = write_pdf(pages, tmp_path_factory.mktemp("scan") / "futian-2024079-reply.pdf")
    doc = pipeline.read(scan)
    assert doc.meta.ocr
    return Counter(_key(q.text, q.type, q.value, q.unit, q.qualifier) for q in doc.quantities)


@pytest.mark.parametrize("gold", GOLD, ids=[f"{g['start']}-{g['text']}" for g in GOLD])
def test_ocr_sample_scan_gives_gold_quantity(found: Counter[tuple[Any, ...]], gold: dict[str, Any]) -> None:
    key = _key(gold["text"], gold["type"], gold["value"], gold.get("unit"), gold["qualifier"])
    wanted = sum(1 for g in GOLD if _key(g["text"], g["type"], g["value"], g.get("unit"), g["qualifier"]) == key)
    assert found[key] >= wanted, f"{gold['text']} ({gold['type']} {gold['value']}) not read from the scan"
