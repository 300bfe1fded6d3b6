"""What every reader returns: the original text of one input file and where it came from.

``Source.text`` is the text as decoded or extracted, before any normalisation; every
offset dafu reports indexes this string.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Format = Literal["txt", "md", "docx", "doc", "wps", "pdf", "ofd", "html", "image"]


@dataclass(frozen=True, slots=True)
class Page:
    """One page (of a PDF, an OFD, a scan): its 1-based ``number`` and its span ``[start, end)`` in ``Source.text``."""

    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a format reader hands back before the common fields are added."""

    text: str
    encoding: str | None = None
    pages: tuple[Page, ...] = ()
    warnings: tuple[str, ...] = ()
    ocr_confidence: float | None = None  # some pages were read by OCR: its mean confidence


@dataclass(frozen=True, slots=True)
class Source:
    """One input file read, e.g. ``Source(path="a.txt", format="txt", encoding="gb18030", …)``.

    ``pages`` is empty except for paged formats (PDF, OFD, scanned images); ``sha256`` is the hex
    digest of the raw bytes. ``warnings`` says where the reader had to guess (an HTML page whose
    layout left prose outside the article, a page OCR read with a low confidence), one line
    each; empty when nothing was guessed. ``ocr_confidence`` is None unless some text was
    recognised from page images (OCR): then the engine's mean confidence over its characters.
    """

    path: str
    format: Format
    encoding: str | None
    text: str
    pages: tuple[Page, ...]
    sha256: str
    warnings: tuple[str, ...] = ()
    ocr_confidence: float | None = None

    @property
    def ocr(self) -> bool:
        """Whether some of the text was recognised from page images."""
        return self.ocr_confidence is not None

    def __post_init__(self) -> None:
        # A page map that does not tile the text would silently misplace every page number.
        pos = 0
        for page in self.pages:
            if not pos <= page.start <= page.end <= len(self.text):
                raise ValueError(f"{self.path}: page {page.number} span {page.start}-{page.end} "
                                 "is out of order")
            pos = page.end


def join_pages(texts: Iterable[str], *, warnings: tuple[str, ...] = (),
               ocr_confidence: float | None = None) -> Extracted:
    """Pages' texts joined by ``"\\n"``, each page's span recorded.

    >>> join_pages(["福田区", "2024年"]).pages
    (Page(number=1, start=0, end=3), Page(number=2, start=4, end=9))
    """
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
    return Extracted(text="".join(parts), pages=tuple(pages), warnings=warnings, ocr_confidence=ocr_confidence)
