"""Every line is in a sentence: the header's and closing's lines are sentences of their sections,
so every quantity has a sentence that holds it (``quantities ⋈ sentences`` loses nothing)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import pipeline
from pipeline.records import Document

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "corpora" / "futian-2024079-reply.txt"
SHARED = ROOT / ".." / "shared" / "corpora-external"
REPLIES = SHARED / "tipdm2020-gov-replies" / "replies.jsonl"
REPORTS = SHARED / "lawtext-gov-work-reports" / "gov_work_reports.jsonl"

SIGNED = """关于市七届人大三次会议第20160045号建议的答复

王建国代表：

您的建议收悉，今年已完成加装电梯120台。

深圳市住房和建设局

2016年11月8日

联系人：李明

联系电话：0755-83788000

抄送：市人大常委会代表工委（2份）
"""
REPORT_HEAD = "政府工作报告\n\n——2024年1月23日在天津市第十八届人民代表大会第二次会议上\n\n各位代表：\n\n全年增长5.2%。"

# (name, text, quantity, its sentence's id, its section's id)
CASES = [
    ("signature date", SIGNED, "2016年11月8日", "ct2", "closing"),
    ("contact phone", SIGNED, "0755-83788000", "ct4", "closing"),
    ("cc line", SIGNED, "2份", "ct5", "closing"),
    ("body count", SIGNED, "120台", "t1", None),
    ("inline signature", "网友：您好！已安排维修。感谢您的支持！ A7县交通运输局 2014年5月19日", "2014年5月19日", "ct1",
     "closing"),
    ("report header date", REPORT_HEAD, "2024年1月23日", "ht2", "header"),
    ("date alone", "2018年12月12日", "2018年12月12日", "ct1", "closing"),
    ("date line inside the body", "您好！第一批已完工。\n\n2019年5月9日\n\n网友：您好！第二批已通水。\n\n2019年6月1日",
     "2019年5月9日", "t3", None),
    ("chinese numeral date", "您好！此复。\n\nA8县交通运输局\n\n二〇一四年一月十六日", "二〇一四年一月十六日", "ct2",
     "closing"),
]


def _held(doc: Document) -> Iterator[tuple[str, str | None, bool]]:
    """Each quantity's text, sentence id, and whether that sentence holds its whole span."""
    sentences = {s.id: s for s in doc.sentences}
    for q in doc.quantities:
        s = sentences.get(q.sentence_id or "")
        yield q.text, q.sentence_id, s is not None and s.start <= q.start and q.end <= s.end


@pytest.mark.parametrize(("name", "text", "quantity", "sentence_id", "section_id"), CASES, ids=[c[0] for c in CASES])
def test_regions_quantity_stands_in_its_sentence(name: str, text: str, quantity: str, sentence_id: str,
                                                 section_id: str | None) -> None:
    doc = pipeline.extract(text)
    q = next(q for q in doc.quantities if q.text == quantity)
    assert (q.sentence_id, q.section_id) == (sentence_id, section_id)
    assert all(held for _, _, held in _held(doc)), list(_held(doc))
    sentence = next(s for s in doc.sentences if s.id == sentence_id)
    assert sentence.section_id == section_id
    assert doc.text[sentence.start : sentence.end] == sentence.text


def test_regions_report_header_session_is_no_quantity() -> None:
    # the header's 第十八届人民代表大会第二次会议 numbers a session (issue 14): no rank
    assert [q.text for q in pipeline.extract(REPORT_HEAD).quantities if q.section_id == "header"] == ["2024年1月23日"]


@pytest.mark.parametrize("text", sorted({c[1] for c in CASES}))
def test_regions_every_character_is_in_a_sentence(text: str) -> None:
    doc = pipeline.extract(text)
    covered = {i for s in doc.sentences for i in range(s.start, s.end)}
    assert [ch for i, ch in enumerate(text) if i not in covered and not ch.isspace()] == []


def test_regions_sections_are_in_text_order_and_hold_their_sentences() -> None:
    doc = pipeline.extract(SIGNED)
    assert [(s.id, s.kind) for s in doc.sections] == [("header", "header"), ("closing", "closing")]
    assert [s.start for s in doc.sentences] == sorted(s.start for s in doc.sentences)
    for section in doc.sections:
        inside = [t for t in doc.sentences if t.section_id == section.id]
        assert (inside[0].start, inside[-1].end) == (section.start, section.end)


def test_regions_body_ids_do_not_depend_on_the_header() -> None:
    body = "您好！今年已完成加装电梯120台。\n\n感谢您的关心。"
    bare, headed = pipeline.extract(body), pipeline.extract("关于加装电梯的答复\n\n王建国代表：\n\n" + body)
    assert [s.id for s in bare.sentences] == ["t1", "t2", "t3"]
    assert [s.id for s in headed.sentences] == ["ht1", "ht2", "t1", "t2", "t3"]
    assert [s.text for s in headed.sentences[2:]] == [s.text for s in bare.sentences]


def test_regions_sample_closing_date_and_phone_are_in_the_closing() -> None:
    doc = pipeline.read(SAMPLE)
    assert all(held for _, _, held in _held(doc)), [x for x in _held(doc) if not x[2]]
    placed = {q.text: (q.sentence_id, q.section_id) for q in doc.quantities}
    assert placed["2024年9月12日"] == ("ct2", "closing")
    assert placed["82918474"] == ("ct3", "closing")


def _records(path: Path, n: int) -> list[dict[str, str]]:
    if not path.exists():
        pytest.skip(f"{path} absent (../shared is not part of a user's clone)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line, _ in zip(fh, range(n), strict=False)]


@pytest.mark.parametrize(("path", "n"), [(REPLIES, 200), (REPORTS, 5)], ids=["replies", "reports"])
def test_regions_external_corpora_leave_no_quantity_without_a_sentence(path: Path, n: int) -> None:
    records = _records(path, n)
    assert len(records) == n
    orphans = [(rec["id"], text, sid) for rec in records
               for text, sid, held in _held(pipeline.extract(rec["text"])) if not held]
    assert orphans == []
