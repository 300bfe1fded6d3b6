"""A reply converted to .docx, .pdf, .html and GBK .txt reads as the .txt does (issue 13 §5).

Each text is written as a real file by the library that makes the format: python-docx (one
paragraph a line, no blank paragraphs), reportlab (lines wrapped at a fixed width, so wraps
fall inside numbers and dates), a government page layout around ``<p>`` paragraphs, and GBK
bytes. A converted file carries a title line (the .txt of a message-board reply has none;
the converter adds the message's subject, as sites and exports do). Each must give at least
98 % of the .txt's characters in order, the same date, addressee and agency, and the same
quantities. The sample reply is always used; a handful of the external replies when
``../shared`` (or ``$DAFU_SHARED``) is present.
"""

from __future__ import annotations

import difflib
import html
import json
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document as DocxDocument
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import pipeline
from pipeline.text.normalise import normalise

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DAFU_SHARED", REPO.parent / "shared"))
REPLIES = SHARED / "corpora-external" / "tipdm2020-gov-replies" / "replies.jsonl"
SAMPLE = REPO / "corpora" / "futian-2024079-reply.txt"
EXTERNAL = range(0, 2816, 91)  # 31 rows of replies.jsonl spread over the file: with the sample, 32 texts
PDF_WIDTH = 34  # characters a PDF line holds before it wraps
PDF_LINES = 40  # lines a page holds
MIN_SHARE = 0.98


def _space_free(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def write_docx(path: Path, title: str | None, text: str) -> None:
    document = DocxDocument()
    for line in ([title] if title else []) + _lines(text):
        document.add_paragraph(line)
    document.save(str(path))


def write_pdf(path: Path, title: str | None, text: str) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    wrapped = [title] if title else []
    for line in _lines(text):
        wrapped.extend(line[i : i + PDF_WIDTH] for i in range(0, len(line), PDF_WIDTH))
    pdf = canvas.Canvas(str(path))
    for first in range(0, len(wrapped), PDF_LINES):
        pdf.setFont("STSong-Light", 11)
        for i, line in enumerate(wrapped[first : first + PDF_LINES]):
            pdf.drawString(60, 790 - 19 * i, line)
        pdf.showPage()
    pdf.save()


def write_html(path: Path, title: str | None, text: str) -> None:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in _lines(text))
    heading = f"<h1>{html.escape(title)}</h1>" if title else ""
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>答复</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/hd">互动交流</a> <a href="/zw">政务公开</a></div>'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/hd">网络问政</a></div>'
        f'<div class="main">{heading}<div>发布时间：2019-05-10 来源：本网</div>'
        f'<div class="content">{paragraphs}</div></div>'
        '<div class="footer"><a href="/map">网站地图</a> 备案号：湘ICP备05012345号</div></body></html>',
        encoding="utf-8",
    )


def write_gbk(path: Path, title: str | None, text: str) -> None:
    try:
        path.write_bytes(text.encode("gbk"))
    except UnicodeEncodeError:
        path.write_bytes(text.encode("gb18030"))


WRITERS: dict[str, tuple[str, Callable[[Path, str | None, str], None]]] = {
    "docx": (".docx", write_docx),
    "pdf": (".pdf", write_pdf),
    "html": (".html", write_html),
    "gbk": (".txt", write_gbk),
}


def _texts() -> list[Any]:
    cases = [pytest.param("sample", None, SAMPLE.read_text(encoding="utf-8"), id="sample")]
    if REPLIES.is_file():
        with REPLIES.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        cases += [pytest.param(rows[i]["id"], rows[i]["title"].strip(), rows[i]["text"], id=rows[i]["id"])
                  for i in EXTERNAL]
    return cases


def _quantities(doc: pipeline.Document, after: int = 0) -> Counter[tuple[Any, ...]]:
    return Counter((q.type, q.value, q.amount, q.unit, q.qualifier, q.low, q.high, q.date_start, q.date_end,
                    _space_free(q.text)) for q in doc.quantities if q.start >= after)


def _meta(doc: pipeline.Document) -> tuple[Any, ...]:
    assert doc.meta is not None
    return doc.meta.date, doc.meta.addressee, doc.meta.agency


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize(("name", "title", "text"), _texts())
def test_converted_file_reads_as_its_txt(tmp_path: Path, fmt: str, name: str, title: str | None,
                                         text: str) -> None:
    txt = tmp_path / f"{name}.txt"
    txt.write_text(text, encoding="utf-8")
    suffix, write = WRITERS[fmt]
    converted = tmp_path / f"converted{suffix}"
    write(converted, None if fmt == "gbk" else title, text)
    want, got = pipeline.read(txt), pipeline.read(converted)

    expected = _space_free(normalise(want.text).text)
    found = _space_free(normalise(got.text).text)
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    share = sum(block.size for block in matcher.get_matching_blocks()) / len(expected)
    assert share >= MIN_SHARE, f"{share:.3f} of the .txt's characters in order"
    assert _meta(got) == _meta(want)
    # the title line the converter added is no part of the .txt: its quantities (2吨) are left out
    after = got.text.index(title) + len(title) if title and fmt != "gbk" else 0
    assert _quantities(got, after) == _quantities(want)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize(
    ("greeting", "addressee"),
    [("尊敬的张立勤委员", "张立勤"), ("张立勤委员：", "张立勤"), ("网友“A00023583”：您好！", "A00023583")],
)
def test_converted_title_stays_apart_from_a_greeting(tmp_path: Path, fmt: str, greeting: str,
                                                      addressee: str) -> None:
    # Regression (issue 13): a title followed by a greeting without a colon was joined to it,
    # and 31 of 32 converted files lost their addressee.
    text = (f"{greeting}\n衷心感谢您提出的建议，我局非常重视，现答复如下：已安排资金10万元。\n"
            "福田区科技和工业信息化局\n2024年7月1日")
    suffix, write = WRITERS[fmt]
    path = tmp_path / f"reply{suffix}"
    write(path, "关于区政协六届四次会议2024079号提案的回复", text)
    doc = pipeline.read(path)
    assert doc.meta is not None
    assert doc.meta.title == "关于区政协六届四次会议2024079号提案的回复"
    assert doc.meta.addressee == addressee
    assert normalise(doc.text).text.split("\n")[0] == "关于区政协六届四次会议2024079号提案的回复"
