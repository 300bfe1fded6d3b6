"""Page provenance: every sentence of a paged format, and so every quantity, carries the page it
starts on (1-based); formats without pages leave it null."""

from __future__ import annotations

from pathlib import Path

from test_readers import make_pdf

import pipeline
from pipeline.tables.rows import document_rows

PAGES = [["关于第0815号提案的答复", "尊敬的李明委员：", "今年投入资金3亿元。"],
         ["新增企业120家，同比增长8%。", "南山区工业和信息化局", "2024年6月3日"]]


def test_pages_pdf_sentences_and_quantities_carry_their_page(tmp_path: Path) -> None:
    rows = document_rows(pipeline.read(make_pdf(tmp_path / "reply.pdf", PAGES)))
    pages = {s["text"]: s["page"] for s in rows["sentences"]}
    assert pages["今年投入资金3亿元。"] == 1
    assert pages["新增企业120家，同比增长8%。"] == 2
    by_text = {q["text"]: q["page"] for q in rows["quantities"]}
    assert (by_text["3亿元"], by_text["120家"], by_text["8%"]) == (1, 2, 2)
    assert rows["documents"][0]["ocr"] is False


def test_pages_text_formats_have_none(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("\n".join(line for page in PAGES for line in page), encoding="utf-8")
    rows = document_rows(pipeline.read(path))
    assert {s["page"] for s in rows["sentences"]} == {None}
    assert {q["page"] for q in rows["quantities"]} == {None}


def test_pages_text_given_directly_has_no_ocr_flag() -> None:
    doc = pipeline.extract("新增企业120家。")
    assert doc.meta.ocr is None and doc.meta.ocr_confidence is None
    assert doc.sentences[0].page is None
