"""What every reader returns: the original text of one input file and where it came from.

``Source.text`` is the text as decoded or extracted, before any normalisation; every
offset dafu reports indexes this string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Format = Literal["txt", "md", "docx", "doc", "wps", "pdf", "ofd", "html"]


@dataclass(frozen=True, slots=True)
class Page:
    """One PDF or OFD page: its 1-based ``number`` and its span ``[start, end)`` in ``Source.text``."""

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


@dataclass(frozen=True, slots=True)
class Source:
    """One input file read, e.g. ``Source(path="a.txt", format="txt", encoding="gb18030", …)``.

    ``pages`` is empty except for PDFs and OFDs; ``sha256`` is the hex digest of the raw bytes.
    ``warnings`` says where the reader had to guess (an HTML page whose layout left prose
    outside the article), one line each; empty when nothing was guessed.
    """

    path: str
    format: Format
    encoding: str | None
    text: str
    pages: tuple[Page, ...]
    sha256: str
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A page map that does not tile the text would silently misplace every page number.
        pos = 0
        for page in self.pages:
            if not pos <= page.start <= page.end <= len(self.text):
                raise ValueError(f"{self.path}: page {page.number} span {page.start}-{page.end} "
                                 "is out of order")
            pos = page.end
