"""pipeline.read and pipeline.extract: one Document whatever the file format."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from pipeline.errors import ReadError

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"


def _key(doc: pipeline.Document) -> list[tuple[str, str, str | None]]:
    # a PDF wraps lines inside a phrase; the span then covers the line break, as it should
    return [(q.type, "".join(q.text.split()), q.value) for q in doc.quantities]


def _paragraph_lines() -> list[str]:
    return [line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_document_read_txt_fills_file_meta() -> None:
    doc = pipeline.read(SAMPLE)
    assert doc.meta is not None
    assert (doc.meta.doc_id, doc.meta.format, doc.meta.encoding) == ("futian-2024079-reply", "txt", "utf-8")
    assert doc.meta.agency == "福田区科技和工业信息化局"
    assert str(doc.ref_date) == "2024-09-12"


def test_document_signature_date_resolves_relative_dates() -> None:
    doc = pipeline.read(SAMPLE)
    june = [q for q in doc.quantities if q.text == "今年6月"]
    assert [q.value for q in june] == ["2024-06"]


def test_document_quantities_carry_sentence_and_section() -> None:
    doc = pipeline.read(SAMPLE)
    q = next(q for q in doc.quantities if q.text == "超6家")
    sentence = next(s for s in doc.sentences if s.id == q.sentence_id)
    assert sentence.start <= q.start < sentence.end
    assert q.section_id is not None and q.section_id.startswith("s1")


def test_document_gbk_txt_reads_like_utf8(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    doc = pipeline.read(path)
    assert doc.meta is not None and doc.meta.encoding == "gb18030"
    assert _key(doc) == _key(pipeline.read(SAMPLE))


def test_document_docx_has_the_quantities_of_the_txt(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in _paragraph_lines():
        d.add_paragraph(line)
    path = tmp_path / "reply.docx"
    d.save(str(path))
    doc = pipeline.read(path)
    assert _key(doc) == _key(pipeline.read(SAMPLE))
    assert doc.meta is not None and doc.meta.agency == "福田区科技和工业信息化局"
    assert len([s for s in doc.sections if s.level == 1 and s.kind == "outline"]) == 4


def test_document_pdf_has_the_quantities_of_the_txt(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "reply.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for line in _paragraph_lines():
        # one text line per paragraph, wrapped at 38 characters like a printed page
        for i in range(0, len(line), 38):
            if y < 60:
                c.showPage()
                y = 800.0
            c.setFont("STSong-Light", 12)
            c.drawString(40, y, line[i : i + 38])
            y -= 18
        y -= 10
    c.save()
    doc = pipeline.read(path)
    assert doc.meta is not None and doc.meta.format == "pdf"
    assert _key(doc) == _key(pipeline.read(SAMPLE))


def test_document_bad_file_names_file_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as err:
        pipeline.read(path)
    assert "empty.txt" in str(err.value) and "empty" in err.value.reason


_SIGNED = "今年6月建成3个站点。\n\n深圳市某某局\n2023年9月12日\n"
_UNSIGNED = "今年6月建成3个站点。\n"


def test_document_own_signature_date_beats_a_given_ref_date() -> None:
    """--ref-date and a sidecar's posting date apply where the reply states no date of its own."""
    doc = pipeline.extract(_SIGNED, ref_date="2024-01-04")
    assert doc.meta.date_source == "signature"
    assert doc.ref_date is not None and doc.ref_date.isoformat() == "2023-09-12"
    assert next((q.text, q.value) for q in doc.quantities if q.type == "date") == ("今年6月", "2023-06")


def test_document_given_ref_date_resolves_an_unsigned_reply() -> None:
    doc = pipeline.extract(_UNSIGNED, ref_date="2024-01-04")
    assert doc.ref_date is not None and doc.ref_date.isoformat() == "2024-01-04"
    assert [(q.text, q.value) for q in doc.quantities if q.type == "date"] == [("今年6月", "2024-06")]
