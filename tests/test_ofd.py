"""OFD (GB/T 33190): text read from the package's XML, by position, pages kept; malformed files refused.

Every OFD here is written by ``tests/ofd_writer.py`` in the test, as producers write them: a
template page under each page, objects in drawing order rather than reading order, lines cut
into several TextObjects.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from gold_quantities import missing_gold
from ofd_writer import write_ofd
from PIL import Image

import pipeline
from pipeline.errors import ReadError
from pipeline.readers import ocr, read_source
from pipeline.readers import ofd as ofd_reader
from pipeline.readers.ocr import OcrLine, OcrPage

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpora" / "futian-2024079-reply.txt"
WIDTH, LINES = 34, 40  # characters a line, lines a page


def _sample_pages() -> list[list[str]]:
    wrapped: list[str] = []
    for line in SAMPLE.read_text(encoding="utf-8").split("\n"):
        line = line.strip()
        wrapped.extend(line[i : i + WIDTH] for i in range(0, len(line), WIDTH))
    return [wrapped[i : i + LINES] for i in range(0, len(wrapped), LINES)]


def assert_refused(path: Path, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        read_source(path)
    assert reason in str(info.value)


@pytest.mark.parametrize(("shuffled", "split"), [(False, False), (True, True)], ids=["in-order", "drawing-order"])
def test_ofd_sample_gives_the_gold_quantities(tmp_path: Path, shuffled: bool, split: bool) -> None:
    path = write_ofd(tmp_path / "答复.ofd", _sample_pages(), header="深圳市福田区科技和工业信息化局",
                     shuffled=shuffled, split=split)
    doc = pipeline.read(path)
    assert doc.meta is not None and doc.meta.format == "ofd"
    assert missing_gold(doc) == []


def test_ofd_pages_are_kept_with_their_spans(tmp_path: Path) -> None:
    path = write_ofd(tmp_path / "答复.ofd", [["第一页", "规模2亿元"], ["第二页"]])
    source = read_source(path)
    assert source.text == "第一页\n规模2亿元\n第二页"
    assert [(p.number, source.text[p.start : p.end]) for p in source.pages] == [(1, "第一页\n规模2亿元"),
                                                                                (2, "第二页")]


def test_ofd_reading_order_is_by_position_not_drawing_order(tmp_path: Path) -> None:
    lines = ["一、总体情况", "引入超6家央企研发中心，落地10余家外资研发中心。"]
    plain = read_source(write_ofd(tmp_path / "a.ofd", [lines])).text
    drawn = read_source(write_ofd(tmp_path / "b.ofd", [lines], shuffled=True, split=True)).text
    assert plain == drawn == "\n".join(lines)


def test_ofd_text_codes_continue_and_far_pieces_are_spaced(tmp_path: Path) -> None:
    # A TextCode without X starts where the one before it ended (DeltaX "g 2 4" = three
    # glyphs 4 mm apart); a piece far to the right on the same baseline is a new word.
    page = ('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1">'
            '<ofd:TextObject ID="2" Boundary="20 40 100 6" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="g 2 4">'
            "联系人</ofd:TextCode><ofd:TextCode>：张三</ofd:TextCode></ofd:TextObject>"
            '<ofd:TextObject ID="3" Boundary="120 40.5 60 6" Size="4"><ofd:TextCode X="0" Y="3.6">'
            "电话：82918474</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    path = write_ofd(tmp_path / "a.ofd", [["x"]], extra={"Doc_0/Pages/Page_0/Content.xml": page.encode()})
    assert read_source(path).text == "联系人：张三 电话：82918474"


def test_ofd_template_page_text_is_read_on_each_page(tmp_path: Path) -> None:
    source = read_source(write_ofd(tmp_path / "a.ofd", [["正文一"], ["正文二"]], header="福田区科技和工业信息化局"))
    assert source.text == "福田区科技和工业信息化局\n正文一\n福田区科技和工业信息化局\n正文二"


def _fake_ocr(monkeypatch: pytest.MonkeyPatch, confidence: float = 0.97) -> list[tuple[int, int]]:
    """OCR as a stand-in that reads an image as its size: the tests below need no engine."""
    seen: list[tuple[int, int]] = []

    def recognise(image: Image.Image) -> OcrPage:
        seen.append(image.size)
        line = OcrLine("扫描页", confidence, (0, 0, 1, 1))
        return OcrPage(f"扫描页{image.width}x{image.height}", confidence, (line,))

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognise", recognise)
    return seen


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_ofd_image_only_pages_go_to_ocr_with_their_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch)
    source = read_source(write_ofd(tmp_path / "scan.ofd", [], image_pages=2, image=_png(30, 40)))
    assert seen == [(30, 40), (30, 40)]
    assert source.text == "扫描页30x40\n扫描页30x40"
    assert [(p.number, source.text[p.start : p.end]) for p in source.pages] == [(1, "扫描页30x40"), (2, "扫描页30x40")]
    assert source.ocr and source.ocr_confidence == pytest.approx(0.97)
    assert source.warnings == ()


def test_ofd_mixed_text_and_scanned_pages_are_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch, confidence=0.6)
    source = read_source(write_ofd(tmp_path / "a.ofd", [["规模2亿元"]], image_pages=1, image=_png(20, 10)))
    assert seen == [(20, 10)]  # the text page is not recognised
    assert [(p.number, source.text[p.start : p.end]) for p in source.pages] == [(1, "规模2亿元"), (2, "扫描页20x10")]
    assert source.ocr
    assert source.warnings == ("page 2: OCR confidence 0.60 is below 0.85; check its text against the scan",)


def test_ofd_text_pages_only_never_start_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch)
    source = read_source(write_ofd(tmp_path / "a.ofd", [["规模2亿元"], ["第二页"]]))
    assert seen == [] and not source.ocr


def test_ofd_image_only_without_the_extra_says_how_to_install(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    assert_refused(write_ofd(tmp_path / "scan.ofd", [], image_pages=2),
                   "no text layer in 2 page(s): an OFD of page images; reading it needs OCR, which is not "
                   "installed: pip install 'dafu[ocr]'")


def test_ofd_mixed_without_the_extra_keeps_the_text_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    source = read_source(write_ofd(tmp_path / "a.ofd", [["规模2亿元"]], image_pages=1))
    assert [p.number for p in source.pages] == [1, 2]
    assert source.text == "规模2亿元\n" and not source.ocr
    assert source.warnings == ("page(s) 2 have no text layer (scanned) and were left out: reading them needs OCR, "
                               "which is not installed: pip install 'dafu[ocr]'",)


def test_ofd_page_of_several_images_is_stacked_in_drawing_order() -> None:
    page = ofd_reader.page_image("a.ofd", [_png(30, 10), _png(20, 15)])
    assert page.size == (30, 25)


def test_ofd_page_image_that_cannot_be_decoded_is_a_clear_problem() -> None:
    with pytest.raises(ReadError, match="corrupt or unreadable image: UnidentifiedImageError"):
        ofd_reader.page_image("a.ofd", [b"JB2 not decodable"])


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        pytest.param({"doc_root": None}, "corrupt OFD: OFD.xml has no DocBody/DocRoot", id="no-docroot"),
        pytest.param({"doc_root": "Doc_9/Document.xml"},
                     "corrupt OFD: Doc_9/Document.xml named by OFD.xml DocRoot is missing", id="docroot-missing"),
        pytest.param({"prolog": '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'},
                     "XML entity or DOCTYPE declaration refused in OFD.xml", id="doctype"),
        pytest.param({"extra": {"Doc_0/Res/huge.xml": b"<a>" + b" " * (2 * 2**20) + b"</a>"}},
                     "zip bomb refused: Doc_0/Res/huge.xml expands", id="huge-entry"),
        pytest.param({"extra": {"Doc_0/Pages/Page_0/Content.xml": b"<ofd:Page"}},
                     "corrupt OFD: Doc_0/Pages/Page_0/Content.xml: unclosed token", id="cut-off-page"),
    ],
)
def test_ofd_malformed_is_a_clear_problem(tmp_path: Path, options: dict[str, object], reason: str) -> None:
    path = write_ofd(tmp_path / "bad.ofd", [["规模2亿元"]], **options)  # type: ignore[arg-type]
    assert_refused(path, reason)


def test_ofd_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.ofd"
    path.write_bytes(b"%PDF-1.7 not an OFD")
    assert_refused(path, "truncated or corrupt OFD: BadZipFile")
