"""Old binary Word (.doc) and WPS (.wps): antiword, else LibreOffice, else a problem naming both.

The .doc is the sample reply written by python-docx and saved by LibreOffice as Word 97-2003
(``tests/make_doc_fixture.py`` made ``fixtures/futian-2024079-reply.doc``; committed so that
CI needs only antiword). Tests that need a converter skip, saying which, where it is absent;
``make test`` as root installs antiword.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from gold_quantities import missing_gold
from make_doc_fixture import docx_to_doc
from test_converted import SAMPLE, write_docx

import pipeline
from pipeline.errors import ReadError
from pipeline.readers import doc as doc_reader
from pipeline.readers import read_source

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "futian-2024079-reply.doc"
ANTIWORD = shutil.which("antiword")
SOFFICE = shutil.which("soffice")
needs_antiword = pytest.mark.skipif(ANTIWORD is None, reason="antiword not installed (apt-get install antiword)")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed "
                                   "(apt-get install libreoffice-writer-nogui)")


def _only(monkeypatch: pytest.MonkeyPatch, *programs: str) -> None:
    """Make ``shutil.which`` find only ``programs`` (as if the others were not installed)."""
    real = shutil.which
    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: real(name) if name in programs else None)


def _broken_antiword(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ``antiword`` that always fails, first on PATH (which worker processes inherit)."""
    folder.mkdir(exist_ok=True)
    broken = folder / "antiword"
    broken.write_text("#!/bin/sh\necho 'not a Word file' >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{Path(SOFFICE or '').parent}:/usr/bin:/bin")


@needs_antiword
def test_doc_sample_by_antiword_gives_the_gold_quantities(tmp_path: Path) -> None:
    path = tmp_path / "答复.doc"
    shutil.copy(FIXTURE, path)
    doc = pipeline.read(path)
    assert doc.meta is not None and doc.meta.format == "doc"
    assert doc.text.startswith("关于区政协六届四次会议")  # UTF-8 out of antiword, not '?'
    assert missing_gold(doc) == []


@needs_soffice
def test_doc_made_now_by_libreoffice_from_python_docx_reads_as_the_fixture(tmp_path: Path) -> None:
    # The committed fixture is what tests/make_doc_fixture.py makes today (the bytes differ by timestamps).
    docx = tmp_path / "答复.docx"
    write_docx(docx, None, SAMPLE.read_text(encoding="utf-8"))
    made = docx_to_doc(docx, tmp_path)
    assert read_source(made).text == read_source(FIXTURE).text
    assert missing_gold(pipeline.read(made)) == []


@needs_soffice
def test_doc_sample_by_libreoffice_when_antiword_is_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _only(monkeypatch, "soffice")
    path = tmp_path / "答复.doc"
    shutil.copy(FIXTURE, path)
    doc = pipeline.read(path)
    assert "\n\n" not in doc.text  # one paragraph a line
    assert missing_gold(doc) == []


@needs_soffice
def test_doc_libreoffice_takes_over_when_antiword_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _broken_antiword(tmp_path, monkeypatch)
    path = tmp_path / "答复.doc"
    shutil.copy(FIXTURE, path)
    source = read_source(path)
    assert "尊敬的张立勤委员" in source.text
    assert source.warnings == ("antiword exit 1: not a Word file; read by soffice instead",)


@needs_soffice
def test_doc_libreoffice_in_two_workers_at_once_uses_a_profile_each(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Two conversions sharing one LibreOffice profile make the second exit 1 without a word.
    _broken_antiword(tmp_path / "bin", monkeypatch)
    folder = tmp_path / "答复"
    folder.mkdir()
    for name in ("a.doc", "b.doc", "c.doc", "d.doc"):
        shutil.copy(FIXTURE, folder / name)
    tables = pipeline.run([folder], jobs=2)
    assert tables["manifest"]["status"].tolist() == ["processed"] * 4
    assert tables["documents"]["format"].tolist() == ["doc"] * 4


@needs_antiword
def test_doc_wps_word_binary_reads_like_a_doc(tmp_path: Path) -> None:
    path = tmp_path / "答复.wps"
    shutil.copy(FIXTURE, path)
    source = read_source(path)
    assert source.format == "wps"
    assert source.text == read_source(FIXTURE).text


@needs_antiword
def test_doc_file_name_never_reaches_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "-m x; rm -rf $HOME.doc"  # an option and a shell command in the name
    shutil.copy(FIXTURE, path)
    assert read_source(path).text.startswith("关于区政协")


def test_doc_without_converters_is_a_problem_naming_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _only(monkeypatch)
    path = tmp_path / "答复.doc"
    shutil.copy(FIXTURE, path)
    with pytest.raises(ReadError, match=r"no converter found: install antiword .* or LibreOffice"):
        read_source(path)


@needs_antiword
def test_doc_antiword_failure_without_libreoffice_says_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _only(monkeypatch, "antiword")
    path = tmp_path / "坏.doc"
    path.write_bytes(doc_reader.OLE2_MAGIC + b"\0" * 504)  # an OLE header and nothing in it
    with pytest.raises(ReadError, match=r"not converted: antiword exit \d+: .+ \(LibreOffice is not installed\)"):
        read_source(path)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"{\\rtf1\\ansi hello}", "unreadable WPS file: an RTF file; save it as .docx", id="rtf"),
        pytest.param(b"\x00\x01WPS4 text", "unreadable WPS file: not a Word binary (no OLE2 header)", id="other"),
    ],
)
def test_doc_wps_that_is_not_a_word_binary_is_a_clear_problem(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "答复.wps"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_source(path)


def test_doc_that_is_a_docx_is_read_as_one(tmp_path: Path) -> None:
    document = DocxDocument()
    document.add_paragraph("规模2亿元")
    path = tmp_path / "答复.doc"
    document.save(str(path))
    assert read_source(path).text == "规模2亿元"

