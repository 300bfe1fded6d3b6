"""OCR of scanned pages (``dafu[ocr]``): a sealed reply page as an image-only PDF, as a PNG and
as an OFD whose page is an image, read with the network off, gives its amounts; the parts
around the engine (seal removal, page-number lines, rows of boxes, warnings, the cache, the
per-page time limit, the threads, the pages counted, the problem
without the extra) are tested without it.

The tests that run the engine skip, saying why, without the extra or without a CJK font to
draw the page with; with ``DAFU_REQUIRE_OCR`` set (CI) they fail instead.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from ofd_writer import write_ofd
from PIL import Image
from reportlab.pdfgen import canvas
from scans import cjk_font, render_pages, write_pdf, write_png

from pipeline.batch import Progress, RunOptions, run_batch
from pipeline.batch.ocrcache import OcrCache
from pipeline.batch.work import _time_limit, _TimeLimitExceeded
from pipeline.errors import MissingDependencyError, ReadError
from pipeline.readers import ocr, read_source
from pipeline.readers.ocr import OcrLine, OcrPage

ROOT = Path(__file__).resolve().parent.parent

# A short reply of our own making, with amounts of several kinds and a signature to seal.
REPLY = """关于市政协十三届二次会议第0815号提案的答复
尊敬的李明委员：
您提出的《关于扶持小微企业发展的提案》收悉。2023年，我区共投入专项资金28.7亿元，支持企业1,250家，同比增长12.5%。
全区新增就业岗位3.2万个，其中高新技术企业新增超过600家。
深圳市南山区工业和信息化局
2024年6月3日"""
OFD_CROP = 1300  # pixels from the top: the mark, the reply's lines and the seal over its date
AMOUNTS = [("28.7亿元", "money", "2870000000", "CNY"), ("1,250家", "count", "1250", "家"),
           ("12.5%", "percent", "12.5", "%"), ("3.2万个", "count", "32000", "个")]

# Run in a child process with sockets refused (and, where permitted, in a network namespace
# of its own): reading a scan must never reach for the network.
OFFLINE_READ = """
import json, socket, sys
def refuse(*args, **kwargs):
    raise OSError("the network is off in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
from pipeline import read
from pipeline.tables.rows import document_rows
found = {}
for path in sys.argv[1:]:
    doc = read(path)
    rows = document_rows(doc)
    found[path] = {"text": doc.text, "ocr": doc.meta.ocr, "confidence": doc.meta.ocr_confidence,
                   "format": doc.meta.format,
                   "quantities": [[q["text"], q["type"], str(q["amount"]), q["unit"], q["page"]]
                                  for q in rows["quantities"]],
                   "pages": sorted({s["page"] for s in rows["sentences"]})}
print(json.dumps(found, ensure_ascii=False))
"""


def _need_engine() -> None:
    reason = None
    if not ocr.available():
        reason = f"the OCR extra is not installed ({ocr.INSTALL_HINT})"
    elif cjk_font() is None:
        reason = "no CJK font to draw the page with (fc-list :lang=zh is empty; make test installs one as root)"
    if reason:
        if os.environ.get("DAFU_REQUIRE_OCR"):
            pytest.fail(f"DAFU_REQUIRE_OCR is set but {reason}")
        pytest.skip(reason)


def _network_off() -> list[str]:
    """``unshare -n`` when this user may make a network namespace, else nothing (sockets are
    refused inside the child either way)."""
    try:
        ok = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0
    except OSError:
        ok = False
    return ["unshare", "-n"] if ok else []


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    _need_engine()
    folder = tmp_path_factory.mktemp("scans")
    page = render_pages(REPLY)
    # The OFD's page image is the page's written part only (the reply is short): a smaller
    # image, so that this third page costs less time to recognise.
    written = io.BytesIO()
    page[0].crop((0, 0, page[0].width, OFD_CROP)).save(written, "PNG", dpi=(200, 200))
    paths = [write_pdf(page, folder / "reply.pdf"), write_png(page[0], folder / "reply.png"),
             write_ofd(folder / "reply.ofd", [], image_pages=1, image=written.getvalue())]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*_network_off(), sys.executable, "-c", OFFLINE_READ, *map(str, paths)],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    found: dict[str, Any] = json.loads(done.stdout)
    return {Path(path).suffix: result for path, result in found.items()}


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".ofd"])
@pytest.mark.parametrize("amount", AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_ocr_sealed_page_offline_gives_amounts(sealed: dict[str, Any], suffix: str, amount: tuple[str, ...]) -> None:
    quantities = [tuple(q[:4]) for q in sealed[suffix]["quantities"]]
    assert amount in quantities


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".ofd"])
def test_ocr_sealed_page_provenance(sealed: dict[str, Any], suffix: str) -> None:
    result = sealed[suffix]
    assert result["ocr"] is True
    assert 0.9 < result["confidence"] <= 1
    assert result["format"] == {".pdf": "pdf", ".png": "image", ".ofd": "ofd"}[suffix]
    assert result["pages"] == [1]
    assert {q[4] for q in result["quantities"]} == {1}


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".ofd"])
def test_ocr_sealed_page_text(sealed: dict[str, Any], suffix: str) -> None:
    lines = sealed[suffix]["text"].split("\n")
    assert lines[0] == "A"  # the handling-category mark, kept as text
    assert "公章" not in sealed[suffix]["text"]  # the seal's own lettering went with its red
    assert lines[-2:] == ["深圳市南山区工业和信息化局", "2024年6月3日"]  # readable under the seal
    assert not any(ocr.page_number_line(line) for line in lines)


def test_ocr_models_are_the_wheels_own() -> None:
    if not ocr.available():
        pytest.skip(f"the OCR extra is not installed ({ocr.INSTALL_HINT})")
    import rapidocr

    folder = Path(rapidocr.__file__).parent
    paths = ocr.model_paths()
    assert set(paths) == {"Det", "Cls", "Rec"}
    assert all(p.is_file() and p.parent.parent == folder for p in paths.values())


# --- without the engine -----------------------------------------------------------------------


@pytest.mark.parametrize("line", ["一2一", "— 2 —", "-3-", "－ 12 －", "第3页", "第 2 页 共 5 页"])
def test_ocr_page_number_line_dropped(line: str) -> None:
    assert ocr.page_number_line(line)


@pytest.mark.parametrize("line", ["一是加强统筹", "2024年", "一、总体要求", "二〇二四年", "第3页的表格", "共建2-3个"])
def test_ocr_page_number_line_near_miss_kept(line: str) -> None:
    assert not ocr.page_number_line(line)


def _box(left: float, top: float, right: float, bottom: float) -> list[list[float]]:
    return [[left, top], [right, top], [right, bottom], [left, bottom]]


def test_ocr_boxes_become_lines_in_reading_order() -> None:
    boxes = [_box(200, 300, 900, 344), _box(1400, 100, 1444, 144), _box(200, 200, 900, 244),
             _box(1000, 302, 1300, 346)]
    lines = ocr._lines(boxes, ["尊敬的李明委员：", "A", "关于第0815号提案的答复", "您好"], [0.9, 1.0, 0.8, 0.5])
    assert [line.text for line in lines] == ["A", "关于第0815号提案的答复", "尊敬的李明委员： 您好"]
    assert lines[2].confidence == pytest.approx((0.9 * 8 + 0.5 * 2) / 10)


def test_ocr_remove_seal_whitens_red_keeps_black() -> None:
    image = Image.new("RGB", (4, 1))
    for x, colour in enumerate([(220, 30, 40), (245, 190, 195), (0, 0, 0), (60, 10, 12)]):
        image.putpixel((x, 0), colour)
    cleaned = ocr.remove_seal(image).convert("L")
    assert cleaned.getpixel((0, 0)) == 255  # the seal's red
    assert cleaned.getpixel((1, 0)) >= 240  # its pale anti-aliased edge
    assert cleaned.getpixel((2, 0)) == 0  # print
    assert cleaned.getpixel((3, 0)) <= 60  # print under the seal (ink multiplied)


def test_ocr_warnings_name_low_confidence_and_empty_pages() -> None:
    pages = [OcrPage("好", 0.99), OcrPage("糊", 0.52), OcrPage("", None)]
    warnings = ocr.warnings(pages, [1, 2, 3])
    assert len(warnings) == 2
    assert warnings[0].startswith("page 2: OCR confidence 0.52 is below")
    assert warnings[1] == "page 3: OCR found no text on it"


def _scanned_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 600, 200, 100, fill=1)  # a drawing and no text, as a scan has
    pdf.showPage()
    pdf.save()
    return path


def test_ocr_missing_extra_scanned_pdf_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ReadError, match=r"no text layer in 1 page\(s\): a scanned PDF; .*pip install 'dafu\[ocr\]'"):
        read_source(_scanned_pdf(tmp_path / "scan.pdf"))


def test_ocr_missing_extra_image_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    path = tmp_path / "scan.png"
    Image.new("RGB", (50, 50), "white").save(path)
    with pytest.raises(ReadError, match=r"an image needs OCR, which is not installed: pip install 'dafu\[ocr\]'"):
        read_source(path)


def test_ocr_cache_gives_back_a_page_of_the_same_engine(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    cache._engine = "engine 1"
    lines = (OcrLine("关于", 0.96, (1.0, 2.0, 3.0, 4.0)), OcrLine("答复", 0.98, (1.0, 5.0, 3.0, 8.0)))
    page = OcrPage("关于\n答复", 0.97, lines)
    cache.put("ab12", 3, page)
    assert cache.get("ab12", 3) == page
    assert cache.get("ab12", 2) is None
    other = OcrCache(tmp_path)
    other._engine = "engine 2"
    assert other.get("ab12", 3) is None  # another engine reads the page again


def test_ocr_recognise_images_uses_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    cache._engine = "engine 1"
    recognised: list[int] = []

    def fake(image: Image.Image) -> OcrPage:
        recognised.append(image.width)
        return OcrPage(f"第{image.width}张", 0.9)

    monkeypatch.setattr(ocr, "recognise", fake)
    images = [Image.new("RGB", (w, 10)) for w in (11, 12)]
    with ocr.ocr_context(cache=cache):
        first = ocr.recognise_images(images, key="cd34")
        again = ocr.recognise_images(images, key="cd34")
    assert first == again
    assert recognised == [11, 12]


def test_time_limit_counts_again_for_each_ocr_page() -> None:
    with _time_limit(0.3) as extend:
        extend()  # as OCR does before a page
        time.sleep(0.45)
    with pytest.raises(_TimeLimitExceeded), _time_limit(0.3):
        time.sleep(0.45)


def _in_a_thread(work: Any) -> BaseException | None:
    """What ``work()`` raised in a thread that is not the main one (as a Dask worker runs tasks)."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as e:  # handed back to the test
            raised.append(e)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    return raised[0] if raised else None


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # Python code, where a thread can be interrupted
        time.sleep(0.01)


def test_time_limit_interrupts_a_thread_that_is_not_the_main_one() -> None:
    def slow() -> None:
        with _time_limit(0.3):
            _busy(3)

    started = time.monotonic()
    raised = _in_a_thread(slow)
    assert isinstance(raised, _TimeLimitExceeded)
    assert str(raised) == "time limit of 0.3 s exceeded while extracting"
    assert time.monotonic() - started < 2


def test_time_limit_in_a_thread_counts_again_for_each_ocr_page_and_stands_down() -> None:
    def paged() -> None:
        with _time_limit(0.3) as extend:
            extend()  # as OCR does before a page
            _busy(0.45)
        _busy(0.5)  # after the block: no late exception reaches the thread's next work

    assert _in_a_thread(paged) is None


def test_ocr_engine_that_cannot_start_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(image: Image.Image) -> OcrPage:
        raise MissingDependencyError("OCR models missing from the rapidocr wheel: Rec.onnx")

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognise", broken)
    path = tmp_path / "scan.png"
    Image.new("RGB", (50, 50), "white").save(path)
    with pytest.raises(ReadError, match="OCR models missing from the rapidocr wheel"):
        read_source(path)


# --- the batch: threads per worker, pages counted (an engine stand-in) ----------------------------


class _FakeEngine:
    """RapidOCR's call as a stand-in: one line of text naming the threads it was made with."""

    def __init__(self, threads: int | None) -> None:
        self.threads = threads

    def __call__(self, image: Any) -> Any:
        import numpy as np

        box = np.array([[[10, 10], [400, 10], [400, 50], [10, 50]]], dtype=float)
        text = f"共投入资金28.7亿元（线程{self.threads or '默认'}）。"
        return type("Result", (), {"boxes": box, "txts": (text,), "scores": (0.95,)})()


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A folder of two one-page scans, read by the stand-in engine."""
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "_engine", _FakeEngine)
    folder = tmp_path / "scans"
    folder.mkdir()
    for width, name in ((60, "a.png"), (61, "b.png")):  # two files: the cache keys pages by content
        Image.new("RGB", (width, 40), "white").save(folder / name)
    return folder


@pytest.mark.parametrize(("jobs", "threads"), [(1, "默认"), (2, "1")])
def test_ocr_threads_one_per_worker_when_several_workers(fake_engine: Path, jobs: int, threads: str) -> None:
    summary = run_batch([fake_engine], options=RunOptions(jobs=jobs))
    assert summary.tables is not None
    found = " ".join(summary.tables["sentences"]["text"].tolist())
    assert found.count(f"线程{threads}") == 2


def test_ocr_pages_recognised_are_counted_and_reported(fake_engine: Path, tmp_path: Path) -> None:
    seen: list[Progress] = []
    summary = run_batch([fake_engine], out=tmp_path / "out", options=RunOptions(jobs=1), progress=seen.append)
    assert summary.ocr_pages == 2
    assert [(p.ocr_pages, p.ocr_total) for p in seen if p.phase == "read"] == [(1, 1), (1, 2)]
    again = run_batch([fake_engine / "a.png"], out=tmp_path / "again", options=RunOptions(jobs=1, time_limit=0))
    assert again.ocr_pages == 1  # counted without a time limit too


def test_ocr_pages_from_the_cache_are_not_counted_again(fake_engine: Path, tmp_path: Path) -> None:
    run_batch([fake_engine], out=tmp_path / "out", options=RunOptions(jobs=1))
    rerun = run_batch([fake_engine], out=tmp_path / "out", options=RunOptions(jobs=1, ref_date="2024-01-01"))
    assert rerun.statuses["processed"] == 2 and rerun.ocr_pages == 0


def test_cli_run_says_how_many_pages_were_recognised(fake_engine: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    result = CliRunner().invoke(main, ["run", str(fake_engine), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"2 pages recognised by OCR (kept in {tmp_path / 'out'}/dafu-ocr/ for the next run)" in result.output


def test_ocr_engine_threads_reach_onnxruntime() -> None:
    # RapidOCR takes the setting through a config key: pin that it still reaches the session.
    if not ocr.available():
        pytest.skip(f"the OCR extra is not installed ({ocr.INSTALL_HINT})")
    import numpy as np

    engine = ocr._engine(1)
    engine(np.full((40, 120, 3), 255, np.uint8))  # the detection model loads on first use
    options = engine.text_det.session.session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
