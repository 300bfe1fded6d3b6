"""``read_source``: one file in, one :class:`Source` out, or a :class:`ReadError` that says why.

The file is read once, size-checked before reading, hashed, and handed as bytes to the
reader for its suffix, so the hash and the text always come from the same bytes.

>>> read_source("corpora/futian-2024079-reply.txt").encoding
'utf-8'
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.readers.doc import read_doc
from pipeline.readers.docx import read_docx
from pipeline.readers.formats import DEFAULT_MAX_BYTES, HINTS, SUFFIXES
from pipeline.readers.html import read_html
from pipeline.readers.image import read_image
from pipeline.readers.ofd import read_ofd
from pipeline.readers.pdf import read_pdf
from pipeline.readers.source import Extracted, Format, Source
from pipeline.readers.txt import read_txt

Reader = Callable[[bytes, str], Extracted]

_READER_OF: Mapping[Format, Reader] = {
    "txt": read_txt, "md": read_txt, "docx": read_docx, "doc": read_doc, "wps": read_doc, "pdf": read_pdf,
    "ofd": read_ofd, "html": read_html, "image": read_image,
}
# Suffix (lower case) → format name and reader (the suffixes: pipeline.readers.formats).
READERS: Mapping[str, tuple[Format, Reader]] = {suffix: (fmt, _READER_OF[fmt]) for suffix, fmt in SUFFIXES.items()}


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError as e:
        if path.is_symlink():
            raise ReadError(name, f"broken symbolic link to {os.readlink(path)}") from e
        raise ReadError(name, "no such file") from e
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReadError(name, "symbolic link loop") from e
        raise ReadError(name, f"cannot read: {e.strerror or e}") from e
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(name, "not a file")
    if info.st_size > max_bytes:
        raise ReadError(name, f"file too large: {info.st_size} bytes > limit {max_bytes}")
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as e:
        raise ReadError(name, f"cannot read: {e.strerror or e}") from e
    if len(data) > max_bytes:
        raise ReadError(name, f"file too large: more than {max_bytes} bytes > limit {max_bytes}")
    if not data:
        raise ReadError(name, "empty file")
    return data


def _refuse_folder(name: str) -> None:
    try:
        os.listdir(name)
    except OSError as e:  # the walker hands on a subfolder it could not list
        raise ReadError(name, f"cannot list folder: {e.strerror or e}") from e
    raise ReadError(name, "not a file: a folder")


def read_source(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one ``.txt``/``.md``/``.docx``/``.doc``/``.wps``/``.pdf``/``.ofd``/``.html`` file, or a scan
    (``.png``/``.jpg``/``.tif``, by OCR), into a :class:`Source`.

    >>> read_source("答复.txt").text[:4]  # doctest: +SKIP
    '关于区政'
    """
    name = os.fspath(path)
    if os.path.isdir(name):
        _refuse_folder(name)
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        hint = HINTS.get(suffix)
        what = f"unsupported format {suffix}" if suffix else "unsupported format (no file extension)"
        raise ReadError(name, f"{what} ({hint})" if hint else what)
    fmt, reader = READERS[suffix]
    data = _read_bytes(Path(name), name, max_bytes)
    extracted = reader(data, name)
    if not extracted.text.strip():
        raise ReadError(name, "no text content")
    return Source(
        path=name,
        format=fmt,
        encoding=extracted.encoding,
        text=extracted.text,
        pages=extracted.pages,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=extracted.warnings,
        ocr_confidence=extracted.ocr_confidence,
    )
