"""The file suffixes dafu reads, by format, without loading a reader.

Listing the inputs and naming their ``doc_id`` (:mod:`~pipeline.readers.ids`) needs only the
suffixes; :mod:`~pipeline.readers.read` adds each format's reader. A re-run that finds
nothing changed so never imports the readers (PDF, HTML, OCR and their lexicons).

>>> SUFFIXES[".wps"], ".rtf" in HINTS
('wps', True)
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.readers.source import Format

DEFAULT_MAX_BYTES = 50 * 2**20

# Suffix (lower case) → format. A new format is a reader module, a line here and one in read.READERS.
SUFFIXES: Mapping[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "wps",
    ".pdf": "pdf",
    ".ofd": "ofd",
    ".html": "html",
    ".htm": "html",
    # scans, read by OCR with the dafu[ocr] extra (a problem saying how to install it without)
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}

# Formats people will try, with what to do instead.
HINTS: Mapping[str, str] = {
    ".rtf": "save it as .docx",
}
