"""The Recognizers-Text adapter: its type and value mapping, and the whole RT suite.

The mapping cases pin what ``pipeline.compat.recognizers.extract`` hands to
``shared/tools/rtbench.py``; the suite run (skipped without ``../shared``) checks that
dafu stays at or above Recognizers-Text's own score on the suites in dafu's scope.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipeline.compat.recognizers import close_numeral_gaps, extract

pytest.importorskip("opencc", reason="the adapter reads traditional text with opencc (dafu[opencc])")

ROOT = Path(__file__).resolve().parents[1]
RTBENCH = ROOT.parent / "shared" / "tools" / "rtbench.py"

#: RT's own F1 per suite (the issue's targets)
PEER_F1 = {"number": 0.959, "percent": 0.951, "currency": 0.892, "dimension": 0.531}

MAPPING = [
    # money: a currency entity and, as in RT's NumberModel, its numeral as a number
    ("奖池金额攀升至36.57亿元", [("number", "36.57亿", "3657000000"), ("currency", "36.57亿元", "3657000000")]),
    # measures keep their family and RT's value convention: the amount in the unit written
    ("日均20万公斤", [("number", "20万", "200000"), ("weight", "20万公斤", "200000")]),
    ("流转土地100亩", [("number", "100", "100"), ("area", "100亩", "100")]),
    # a count is only its numeral for RT
    ("引入超6家央企", [("number", "6", "6")]),
    # 三分之二 is a number for RT (a percentage for dafu)
    ("三分之二", [("number", "三分之二", "0.666666666666667")]),
    ("百分之七十", [("percentage", "百分之七十", "70"), ("number", "七十", "70")]),
    # ranges are RT number ranges, never percentages
    ("在5-20%之间", [("number", "5", "5"), ("numberrange", "5-20%之间", "[5,20)"), ("number", "20", "20")]),
    # a rank without its unit
    ("位列第一名", [("ordinal", "第一", "1"), ("number", "一", "1")]),
]


def _view(items: list[dict[str, Any]]) -> list[tuple[str, str, Any]]:
    return [(i["type"], i["text"], i["value"]) for i in items if i["type"] != "date"]


@pytest.mark.parametrize(("text", "want"), MAPPING, ids=[t for t, _ in MAPPING])
def test_recognizers_maps_records_to_rt_types(text: str, want: list[tuple[str, str, str]]) -> None:
    assert _view(extract(text)) == want


@pytest.mark.parametrize("text", ["一 百 五 十 个 百 分 点", "7 万5 千4 百", "４，５６５", "1, 234, 567"])
def test_recognizers_offsets_index_the_input(text: str) -> None:
    for item in extract(text):
        assert text[item["start"] : item["end"]] == item["text"]


@pytest.mark.parametrize(
    ("text", "closed"),
    [("一百 五 十 二", "一百五十二"), ("7 万5 千4 百", "7万5千4百"), ("百 分 之  ５２.５ k", "百分之５２.５k"),
     ("7 2 折", "72折"), ("1 3/5", "1 3/5"), ("2010 01 29", "2010 01 29"), ("1, 234", "1, 234")],
)
def test_recognizers_closes_gaps_inside_numerals_only(text: str, closed: str) -> None:
    assert close_numeral_gaps(text)[0] == closed


def test_recognizers_gap_offsets_point_into_the_input() -> None:
    closed, offsets = close_numeral_gaps("一 百")
    assert closed == "一百" and offsets == [0, 2, 3]


@pytest.fixture(scope="module")
def suite_f1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if not RTBENCH.exists():
        pytest.skip("the RT specs and rtbench live in ../shared, absent here")
    out = tmp_path_factory.mktemp("rtbench") / "rtbench.json"
    subprocess.run(
        [sys.executable, str(RTBENCH), "--module", "pipeline.compat.recognizers:extract",
         "--suites", ",".join(PEER_F1), "--json", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )
    return {name: row["f1"] for name, row in json.loads(out.read_text(encoding="utf-8")).items()}


@pytest.mark.parametrize("suite", list(PEER_F1))
def test_recognizers_suite_at_least_the_peer(suite: str, suite_f1: dict[str, float]) -> None:
    assert suite_f1[suite] >= PEER_F1[suite]
