"""PDF: the text of each page with pdfplumber, pages joined by ``"\\n"``, page spans recorded.

A page without a text layer (PDFium counts no character on it: a scan) is rendered at 200 dpi
and recognised by OCR (:mod:`pipeline.readers.ocr`) when the ``dafu[ocr]`` extra is installed;
without it a PDF of scans only is a :class:`ReadError` saying how to install it, and the scanned
pages of a mixed one are named in ``warnings``.

pdfminer (under pdfplumber) leaves ``(cid:123)`` placeholders where a CID font's glyphs
cannot be mapped back to Unicode, which happens for instance with the predefined CJK CMaps
(``STSong-Light``) in a PDF encrypted with an empty user password. Such a document is read
again with PDFium (pypdfium2, which pdfplumber already depends on), which maps them.

>>> # page 1 "福田区", page 2 "2024年"  →  text "福田区\\n2024年", pages (1, 0, 3), (2, 4, 9)
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Callable

from pipeline.errors import ReadError
from pipeline.readers import ocr
from pipeline.readers.source import Extracted, join_pages

_CID = re.compile(r"\(cid:\d+\)")
_HEAD_WINDOW = 1024  # "%PDF-" must start within the first KiB (as Acrobat requires)
_TAIL_WINDOW = 4096  # and "%%EOF" end the file, allowing some trailing junk


def _check_envelope(data: bytes, path: str) -> None:
    if b"%PDF-" not in data[:_HEAD_WINDOW]:
        raise ReadError(path, "corrupt PDF: no %PDF- header")
    if b"%%EOF" not in data[-_TAIL_WINDOW:]:
        raise ReadError(path, "corrupt PDF: truncated (no %%EOF marker at the end)")


def _plumber_pages(data: bytes, path: str) -> list[str]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    texts: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                texts.append(page.extract_text() or "")
                page.close()  # drop the page's layout cache: long documents stay small
    except (PdfminerException, MalformedPDFException, PSException, PDFException) as e:
        cause = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
        if isinstance(cause, PDFEncryptionError):
            raise ReadError(path, "encrypted PDF") from e
        raise ReadError(path, f"corrupt PDF: {type(cause).__name__}: {cause}") from e
    except (ValueError, KeyError, TypeError, IndexError, struct.error, zlib.error) as e:
        raise ReadError(path, f"corrupt PDF: {type(e).__name__}: {e}") from e
    return texts


def _pdfium_pages(data: bytes, path: str) -> list[str]:
    import pypdfium2  # type: ignore[import-untyped]

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as e:
        reason = "encrypted PDF" if "password" in str(e).lower() else f"corrupt PDF: {e}"
        raise ReadError(path, reason) from e
    try:
        texts = []
        for index in range(len(pdf)):
            text = pdf[index].get_textpage().get_text_range()
            texts.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        return texts
    finally:
        pdf.close()


def read_pdf(data: bytes, path: str) -> Extracted:
    """Read a ``.pdf`` file's bytes; encrypted, corrupt or truncated files raise ``ReadError``."""
    _check_envelope(data, path)
    readers: tuple[Callable[[bytes, str], list[str]], ...] = (_plumber_pages, _pdfium_pages)
    for read in readers:
        texts = read(data, path)
        if not any(_CID.search(text) for text in texts):
            break
    else:
        raise ReadError(path, "PDF text has no Unicode mapping: (cid:N) glyphs only")
    scanned = _scanned_pages(data, texts)
    if not scanned:
        if not any(text.strip() for text in texts):
            raise ReadError(path, f"no text in {len(texts)} page(s)")
        return join_pages(texts)
    return _recognised(data, path, texts, scanned)


def _scanned_pages(data: bytes, texts: list[str]) -> list[int]:
    """The 0-based indexes of the pages without a text layer (no character at all)."""
    empty = [i for i, text in enumerate(texts) if not text.strip()]
    if not empty:
        return []
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return [i for i in empty if pdf[i].get_textpage().count_chars() == 0]
    finally:
        pdf.close()


def _recognised(data: bytes, path: str, texts: list[str], scanned: list[int]) -> Extracted:
    """The text of the scanned pages read by OCR, each rendered at ``ocr.DPI`` as it is needed."""
    import hashlib

    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        images = (pdf[i].render(scale=ocr.DPI / 72).to_pil() for i in scanned)
        return ocr.fill_scanned(path, texts, scanned, images, key=hashlib.sha256(data).hexdigest(),
                                what="a scanned PDF")
    finally:
        pdf.close()
