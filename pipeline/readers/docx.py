"""Word (``.docx``): body paragraphs and tables in document order, one line each.

The archive is checked before python-docx opens it: a zip bomb (too much uncompressed data,
or a member that expands too far) and any XML part that declares a DOCTYPE or an entity are
refused, so no external entity is ever resolved. Table rows become one line each, cells
joined by a tab. A paragraph that is bold throughout (a heading signal) is wrapped in
``**…**``, which normalisation drops again.

>>> # 一、总体要求 (all bold)  →  "**一、总体要求**"
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from pipeline.errors import ReadError
from pipeline.readers.source import Extracted

MAX_UNZIPPED_BYTES = 256 * 2**20
MAX_RATIO = 100  # deflated XML and media rarely pass 20:1; bombs run to 1000:1
_RATIO_FLOOR = 2**20  # members smaller than this may compress as well as they like
_XML_MEMBER = re.compile(r"\.(?:xml|rels)$", re.IGNORECASE)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL_SPACE = re.compile(r"[\t\r\n]+")


def _corrupt(path: str, e: BaseException, kind: str = "docx") -> ReadError:
    return ReadError(path, f"truncated or corrupt {kind}: {type(e).__name__}: {e}")


def _member_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    raw = zf.read(info)
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[2:].decode(codec, errors="replace").encode("utf-8")
    return raw


def check_archive(data: bytes, path: str, kind: str = "docx") -> None:
    """Refuse a corrupt archive, a zip bomb or XML with a DOCTYPE before parsing anything
    (``kind`` names the format in the reason: the OFD reader checks its zip here too)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
        raise _corrupt(path, e, kind) from e
    with zf:
        infos = zf.infolist()
        # Declared sizes bound what zipfile will inflate (it stops at file_size), so they
        # can be trusted here, and python-docx reads through the same zipfile module.
        total = sum(info.file_size for info in infos)
        if total > MAX_UNZIPPED_BYTES:
            raise ReadError(path, f"zip bomb refused: {total} bytes uncompressed "
                                  f"> limit {MAX_UNZIPPED_BYTES}")
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise ReadError(path, f"zip bomb refused: {info.filename} expands {ratio}:1 "
                                      f"> limit {MAX_RATIO}:1")
        for info in infos:
            if not _XML_MEMBER.search(info.filename):
                continue
            try:
                xml = _member_xml(zf, info)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
                raise _corrupt(path, e, kind) from e
            if _DTD.search(xml):
                raise ReadError(path, f"XML entity or DOCTYPE declaration refused in {info.filename}")


def _paragraph_line(paragraph: Any) -> str:
    text: str = paragraph.text
    core = text.strip()
    runs = [run for run in paragraph.runs if run.text.strip()]
    if core and runs and all(run.bold for run in runs):
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        return f"{lead}**{core}**{trail}"
    return text


def _cell_text(cell: Any) -> str:
    from docx.table import Table

    parts: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.append(" ".join(_table_lines(block)))
        else:
            parts.append(block.text)
    return _CELL_SPACE.sub(" ", " ".join(p for p in parts if p.strip()).strip())


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # A horizontally merged cell appears once per grid column it spans.
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(_cell_text(cell))
        yield "\t".join(cells)


def _lines(document: Any) -> Iterator[str]:
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield _paragraph_line(block)


def read_docx(data: bytes, path: str) -> Extracted:
    """Read a ``.docx`` file's bytes: body order, tables included, one paragraph per line."""
    check_archive(data, path)
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
        text = "\n".join(_lines(document))
    # lxml's XMLSyntaxError is a SyntaxError.
    except (PackageNotFoundError, SyntaxError, KeyError, ValueError, AttributeError, zipfile.BadZipFile,
            zlib.error, EOFError) as e:
        raise _corrupt(path, e) from e
    return Extracted(text=text)
