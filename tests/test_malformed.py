"""A folder of malformed files, as government folders hold them, through the whole batch.

Every bad file must end as exactly one ``problems`` row whose reason says what is wrong,
every good file must be processed, and the manifest must list every input file once —
through ``pipeline.run`` in this process, in worker processes, and through ``dafu run``.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from docx import Document
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import pipeline
from pipeline import batch
from pipeline.batch import driver, local, options
from pipeline.batch.inputs import InputFile
from pipeline.batch.ocrcache import OCR_FOLDER
from pipeline.cli import main
from pipeline.readers import ocr
from pipeline.tables import TABLE_NAMES

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
LINES = ["关于区政协六届四次会议2024079号提案的回复", "引入超6家央企研发中心，落地10余家外资研发中心。"]
TEXT = "\n".join(LINES)
LONG_NAME = "答" * 83 + ".txt"  # 253 bytes in UTF-8: near the 255-byte limit of a file name
GONE = "zz-消失.txt"  # listed, then deleted before it is read

# File name → words its problems reason must contain. Every other input file must be processed.
BAD: dict[str, str] = {
    "empty.txt": "empty file",
    "blank.txt": "no text content",
    "scan.txt": "binary content (NUL bytes)",
    "mixed-utf8-gbk.txt": "undecodable bytes: not UTF-8 (invalid continuation byte",
    "mixed-gbk-utf8.txt": "undecodable bytes: not UTF-8 (invalid start byte",
    "truncated.docx": "truncated or corrupt docx",
    "bomb.docx": "zip bomb refused: word/media/filler.bin expands",
    "xxe.docx": "XML entity or DOCTYPE declaration refused in word/document.xml",
    "not-a-zip.docx": "truncated or corrupt docx",
    "truncated.pdf": "corrupt PDF: truncated",
    "encrypted.pdf": "encrypted PDF",
    "corrupt.pdf": "corrupt PDF:",
    "scanned.pdf": "no text layer",
    "loop.txt": "symbolic link loop",
    "dangling.txt": "broken symbolic link to",
    GONE: "no such file",
}
GOOD = [
    "utf8.txt", "gbk.txt", "utf16le-no-bom.txt", "utf16be-no-bom.txt", "gb-mixed.txt", "reply.docx", "reply.pdf",
    "scripts.html", "答复（2024）第1号.txt", "line\nbreak.txt", LONG_NAME, "x.txt/inside.txt", "tab\tname.txt",
]
SECRET = "TOP-SECRET-不应出现"


def _docx(path: Path) -> Path:
    document = Document()
    for line in LINES:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _pdf(path: Path, *, encrypt: str | None = None, text: bool = True) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    if text:
        pdf.setFont("STSong-Light", 12)
        for i, line in enumerate(LINES):
            pdf.drawString(72, 780 - 20 * i, line)
    else:
        pdf.rect(72, 600, 200, 100, fill=1)  # a page with a drawing and no text, as a scan has
    pdf.showPage()
    pdf.save()
    return path


def _rewrite_docx(src: Path, dst: Path, *, replace: dict[str, bytes], add: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in add.items():
            zout.writestr(name, data)


def _xxe_document_xml(src: Path, secret: Path) -> bytes:
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    head, sep, body = xml.partition("?>")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    return (head + sep + doctype + body).replace(LINES[1], "&xxe;").encode("utf-8")


def make_corpus(folder: Path) -> Path:
    """Every malformed file of issue 7 and the good files around them, made by real libraries."""
    folder.mkdir(parents=True)
    outside = folder.parent / "secret.txt"
    outside.write_text(SECRET, encoding="utf-8")
    # Text files: encodings, good and bad.
    (folder / "utf8.txt").write_text(TEXT, encoding="utf-8")
    (folder / "gbk.txt").write_bytes(TEXT.encode("gbk"))
    (folder / "utf16le-no-bom.txt").write_bytes(TEXT.encode("utf-16-le"))
    (folder / "utf16be-no-bom.txt").write_bytes(TEXT.encode("utf-16-be"))
    (folder / "gb-mixed.txt").write_bytes(LINES[0].encode("gbk") + b"\n" + LINES[1].encode("gb18030"))
    (folder / "mixed-utf8-gbk.txt").write_bytes(LINES[0].encode("utf-8") + b"\n" + LINES[1].encode("gbk"))
    (folder / "mixed-gbk-utf8.txt").write_bytes(LINES[0].encode("gbk") + b"\n" + LINES[1].encode("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\u3000\n\t\n", encoding="utf-8")
    Image.new("RGB", (16, 16), (200, 30, 30)).save(folder / "scan.txt", format="PNG")
    # Word: good, truncated, a zip bomb, an external entity, not a zip at all.
    whole = _docx(folder / "reply.docx")
    (folder / "truncated.docx").write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    _rewrite_docx(whole, folder / "bomb.docx", replace={}, add={"word/media/filler.bin": bytes(30 * 2**20)})
    _rewrite_docx(whole, folder / "xxe.docx", replace={"word/document.xml": _xxe_document_xml(whole, outside)}, add={})
    (folder / "not-a-zip.docx").write_text(TEXT, encoding="utf-8")
    # PDF: good, truncated, encrypted, corrupt, text-less.
    good_pdf = _pdf(folder / "reply.pdf")
    (folder / "truncated.pdf").write_bytes(good_pdf.read_bytes()[: good_pdf.stat().st_size // 2])
    _pdf(folder / "encrypted.pdf", encrypt="口令")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\n%%EOF\n")
    _pdf(folder / "scanned.pdf", text=False)
    # HTML full of scripts: the article is read, the scripts are not.
    (folder / "scripts.html").write_text(
        "<html><head><script>document.write('恶意脚本 2亿元')</script><style>p{}</style></head><body>"
        f"<article><p>{LINES[0]}</p><script>alert('3万元')</script><p>{LINES[1]}</p></article>"
        "<noscript>请启用脚本</noscript></body></html>", encoding="utf-8")
    # Names: non-ASCII, a newline, a tab, near the length limit; a folder named like a file.
    for name in ("答复（2024）第1号.txt", "line\nbreak.txt", "tab\tname.txt", LONG_NAME):
        (folder / name).write_text(TEXT, encoding="utf-8")
    (folder / "x.txt").mkdir()
    (folder / "x.txt" / "inside.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty-folder.docx").mkdir()
    # Links: a folder loop, a file loop, a dangling link.
    os.symlink(".", folder / "loop-folder")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    (folder / GONE).write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("malformed") / "文件夹")


@pytest.fixture
def vanishing(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Delete GONE after the inputs are listed and before any is read; put it back after."""
    real = driver.input_files

    def list_then_delete(*args: object, **kwargs: object) -> Iterator[InputFile]:
        found = list(real(*args, **kwargs))  # type: ignore[arg-type]
        (corpus / GONE).unlink()
        yield from found

    monkeypatch.setattr(driver, "input_files", list_then_delete)
    monkeypatch.setattr(local, "START_METHOD", "fork")
    yield
    (corpus / GONE).write_text(TEXT, encoding="utf-8")


def _by_name(frame: pd.DataFrame, corpus: Path) -> dict[str, pd.Series]:
    return {os.path.relpath(row["path"], corpus): row for _, row in frame.iterrows()}


def _check(tables: pipeline.Tables, corpus: Path) -> None:
    everything = tables["manifest"]
    skipped = _by_name(everything[everything["status"] == "skipped"], corpus)
    assert {name: row["reason"] for name, row in skipped.items()} == {
        "loop-folder": "a link to a folder already walked (folder not entered)"}  # accounted for too
    manifest = _by_name(everything[everything["status"] != "skipped"], corpus)
    assert sorted(manifest) == sorted([*BAD, *GOOD])  # one row per input file, no more
    assert len(everything) == len(manifest) + len(skipped)
    problems = _by_name(tables["problems"], corpus)
    assert len(problems) == len(tables["problems"])
    assert sorted(problems) == sorted(BAD)
    for name, words in BAD.items():
        assert manifest[name]["status"] == "problem", name
        assert words in problems[name]["reason"], (name, problems[name]["reason"])
        assert "unknown" not in problems[name]["reason"]
    for name in GOOD:
        assert manifest[name]["status"] == "processed", (name, problems.get(name))
    assert SECRET not in tables["problems"]["reason"].str.cat()


@pytest.mark.usefixtures("vanishing")
@pytest.mark.parametrize("jobs", [1, 2])
def test_malformed_batch_accounts_for_every_file(corpus: Path, jobs: int) -> None:
    tables = pipeline.run([corpus], jobs=jobs)
    _check(tables, corpus)


@pytest.mark.usefixtures("vanishing")
def test_malformed_good_files_keep_their_text(corpus: Path) -> None:
    tables = pipeline.run([corpus], jobs=1)
    sentences = tables["sentences"].groupby("doc_id")["text"].apply("".join)
    for name in ["utf8.txt", "gbk.txt", "utf16le-no-bom.txt", "utf16be-no-bom.txt", "gb-mixed.txt", "reply.docx",
                 "答复（2024）第1号.txt", "line\nbreak.txt", LONG_NAME, "x.txt/inside.txt"]:
        doc_id = str(Path(name).with_suffix("").as_posix()) if name != "reply.docx" else "reply"
        assert sentences[doc_id].replace("\n", "") == TEXT.replace("\n", ""), name
    html = sentences["scripts"]
    assert LINES[1] in html
    assert "恶意脚本" not in html and "alert" not in html and "请启用脚本" not in html


@pytest.mark.usefixtures("vanishing")
def test_malformed_cli_run_finishes_and_lists_problems(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "表格"
    result = CliRunner().invoke(main, ["run", str(corpus), "-o", str(out), "-j", "2", "-q", "-f", "csv,xlsx"])
    assert result.exit_code == 0, result.output
    assert f"{len(BAD)} problem" in result.output
    _check(pipeline.read_tables(out), corpus)
    ocr_cache = [OCR_FOLDER] if ocr.available() else []  # scanned.pdf's page, recognised (as blank)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [batch.RUN_FILE, "dafu.xlsx", *(f"{name}.csv" for name in TABLE_NAMES), *ocr_cache])


@pytest.mark.usefixtures("vanishing")
def test_malformed_cli_run_strict_exits_1(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "-q", "--strict"])
    assert result.exit_code == 1, result.output


def test_malformed_time_and_size_limits_from_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "big.txt")
    (folder / "small.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(out), "-j", "1", "-q", "-f", "csv",
                                       "--max-bytes", "1000", "--time-limit", "30"])
    assert result.exit_code == 0, result.output
    problems = pipeline.read_tables(out)["problems"]
    assert problems["doc_id"].tolist() == ["big"]
    assert "file too large" in problems.loc[0, "reason"]


def test_malformed_unlistable_subfolder_is_a_problem_and_the_batch_goes_on(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "锁定"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    real_scandir, real_listdir = os.scandir, os.listdir

    def denied(real: Any) -> Any:  # as chmod 000 would, for a user who is not root
        def call(path: Any = ".") -> Any:
            if os.fspath(path) == os.fspath(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path)
        return call

    monkeypatch.setattr(os, "scandir", denied(real_scandir))
    monkeypatch.setattr(os, "listdir", denied(real_listdir))
    tables = pipeline.run([tmp_path], jobs=1)
    assert tables["manifest"][["doc_id", "status"]].values.tolist() == [["a", "processed"], ["锁定", "problem"]]
    assert tables["problems"]["reason"].tolist() == ["cannot list folder: Permission denied"]


def test_malformed_cli_limits_default_to_the_library_defaults() -> None:
    defaults = {p.name: p.default for p in main.commands["run"].params}
    assert defaults["time_limit"] == options.DEFAULT_TIME_LIMIT
    assert defaults["max_bytes"] == options.DEFAULT_MAX_BYTES
