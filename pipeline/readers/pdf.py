"""PDF: the text of each page with pdfplumber, pages joined by ``"\\n"``, page spans recorded.

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
from collections.abc import Callable, Iterable

from pipeline.errors import ReadError
from pipeline.readers.source import Extracted, Page

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


def join_pages(texts: Iterable[str]) -> Extracted:
    """Pages joined by ``"\\n"``, each page's span recorded (the PDF and OFD readers share it)."""
    parts: list[str] = []
    pages: list[Page] = []
    pos = 0
    for number, text in enumerate(texts, start=1):
        if parts:
            parts.append("\n")
            pos += 1
        parts.append(text)
        pages.append(Page(number=number, start=pos, end=pos + len(text)))
        pos += len(text)
    return Extracted(text="".join(parts), pages=tuple(pages))


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
    if not any(text.strip() for text in texts):
        raise ReadError(path, f"no text layer in {len(texts)} page(s): a scanned or image-only PDF?")
    return join_pages(texts)
