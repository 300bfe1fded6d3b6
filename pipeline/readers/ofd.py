"""OFD (GB/T 33190, China's fixed-layout format): the text of each page, read from its XML.

An OFD file is a zip of XML parts. The reader follows the standard's chain: ``OFD.xml`` names
each document's root (``DocBody/DocRoot``), the root's ``Document.xml`` lists the pages
(``Pages/Page@BaseLoc``) and the template pages they draw on (``CommonData/TemplatePage``),
and each page's ``Content.xml`` holds ``TextObject``s whose ``TextCode``s carry the text and
its position. The archive is checked as a .docx is (:func:`~pipeline.readers.docx.check_archive`:
size limits, zip bombs, no DOCTYPE or entity) before any XML is parsed.

The drawing order of an OFD is not its reading order, so the text pieces of a page (its
templates' included) are placed by position: pieces whose baselines lie within half a glyph
are one line, lines run top to bottom, pieces left to right. Pages are joined as the PDF
reader joins them (:func:`~pipeline.readers.source.join_pages`), page spans kept, and the lines
become paragraphs in normalisation, by the rules every fixed-layout text goes through.

A page with images and no text is a scan: its images are recognised by OCR
(:func:`~pipeline.readers.ocr.fill_scanned`, as a PDF's pages without a text layer are), so
an OFD of scans, or one with some scanned pages, is read whole with the ``dafu[ocr]`` extra;
without it, an OFD of page images only is a problem saying how to install it.

>>> # page 1: TextCode "规模2亿元" at y=40, "一、" at y=30  →  "一、\\n规模2亿元"
"""

from __future__ import annotations

import hashlib
import io
import itertools
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from pipeline.errors import ReadError
from pipeline.readers import ocr
from pipeline.readers.docx import check_archive
from pipeline.readers.source import Extracted, join_pages

if TYPE_CHECKING:
    from PIL.Image import Image

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
_DEFAULT_SIZE = 3.5  # mm, about 10 pt, for a TextObject without a Size (the standard requires one)
_SAME_LINE = 0.5  # baselines closer than this share of the glyph size are one line
_SPACE_GAP = 1.0  # a horizontal gap wider than this share of the glyph size is a space


@dataclass(frozen=True, slots=True)
class _Piece:
    x: float  # left edge of the first glyph, mm from the page's left
    y: float  # baseline, mm from the page's top
    end: float  # right edge of the last glyph
    size: float
    text: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]  # OFD files come with the ofd: namespace and without


def _children(element: ElementTree.Element, *names: str) -> Iterator[ElementTree.Element]:
    return (child for child in element if _local(child.tag) in names)


def _find(element: ElementTree.Element, *names: str) -> ElementTree.Element | None:
    for name in names:
        found = next(_children(element, name), None)
        if found is None:
            return None
        element = found
    return element


def _numbers(value: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(value or "")]


def _deltas(value: str | None) -> list[float]:
    """``DeltaX`` with its ``g n d`` runs (n glyphs advanced by d each) spelled out."""
    tokens = (value or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([float(tokens[i + 2])] * int(float(tokens[i + 1])))
            i += 3
            continue
        if _NUMBER.fullmatch(tokens[i]):
            out.append(float(tokens[i]))
        i += 1
    return out


class _Package:
    """The zip's members, read by path as the OFD names them (relative or from the root)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = {info.filename.lstrip("/"): info for info in self.zip.infolist()}

    def resolve(self, base: str, location: str) -> str:
        joined = location.lstrip("/") if location.startswith("/") else posixpath.join(base, location)
        return posixpath.normpath(joined)

    def read(self, name: str) -> bytes:
        """A member's bytes (sizes were checked with the archive)."""
        try:
            return self.zip.read(self.names[name])
        except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
            raise ReadError(self.path, f"corrupt OFD: {name}: {type(e).__name__}: {e}") from e

    def xml(self, name: str, named_by: str) -> ElementTree.Element:
        info = self.names.get(name)
        if info is None:
            raise ReadError(self.path, f"corrupt OFD: {name} named by {named_by} is missing")
        try:
            return ElementTree.fromstring(self.zip.read(info))
        except ElementTree.ParseError as e:
            raise ReadError(self.path, f"corrupt OFD: {name}: {e}") from e
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
            raise ReadError(self.path, f"truncated or corrupt OFD: {name}: {type(e).__name__}: {e}") from e


def _pieces(content: ElementTree.Element) -> Iterator[_Piece]:
    """The text pieces of a page or template ``Content.xml``, in page coordinates."""
    for obj in content.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = _numbers(obj.get("Boundary"))
        left, top = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        size = float(obj.get("Size") or _DEFAULT_SIZE) * (abs(d) or 1.0)
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            # X and Y default to where the previous TextCode of the object left off
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            advances = _deltas(code.get("DeltaX"))[: max(len(text) - 1, 0)]
            width = sum(advances) + (size if text and ord(text[-1]) > 0x2E7F else size / 2)
            if text.strip():
                px, py = a * x + c * y + e + left, b * x + d * y + f + top
                yield _Piece(px, py, px + width * (abs(a) or 1.0), size, text)
            x += sum(advances) + (advances[-1] if advances else size)


def _lines(pieces: list[_Piece]) -> list[str]:
    """The pieces as lines of text: by baseline top to bottom, then left to right."""
    rows: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.y, p.x)):
        if rows and abs(piece.y - rows[-1][0].y) <= _SAME_LINE * min(piece.size, rows[-1][0].size):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p.x)
        parts = [row[0].text]
        for before, piece in itertools.pairwise(row):
            if piece.x - before.end > _SPACE_GAP * piece.size:
                parts.append(" ")
            parts.append(piece.text)
        lines.append("".join(parts))
    return lines


def _image_ids(content: ElementTree.Element) -> list[str]:
    return [element.get("ResourceID", "") for element in content.iter() if _local(element.tag) == "ImageObject"]


def _media(package: _Package, base: str, document: ElementTree.Element) -> dict[str, str]:
    """Resource ID → zip member of every ``MultiMedia`` in the document's resource files."""
    found: dict[str, str] = {}
    for res in _children(_find(document, "CommonData") or document, "PublicRes", "DocumentRes"):
        name = package.resolve(base, (res.text or "").strip())
        resources = package.xml(name, "Document.xml")
        folder = package.resolve(posixpath.dirname(name), resources.get("BaseLoc", ""))
        for media in resources.iter():
            file = _find(media, "MediaFile") if _local(media.tag) == "MultiMedia" else None
            if file is not None and media.get("ID") and (file.text or "").strip():
                found[media.get("ID", "")] = package.resolve(folder, (file.text or "").strip())
    return found


def page_image(path: str, images: list[bytes]) -> Image:
    """One page's image files (PNG, JPEG, TIFF: what Pillow decodes) as one image for OCR: the
    image itself, or several stacked top to bottom in drawing order (a scan cut in strips).

    A format Pillow cannot decode (JBIG2, which some scanners write) is a :class:`ReadError`.
    """
    from PIL import Image as PILImage

    from pipeline.readers.image import frames

    decoded = [next(frames(data, path)) for data in images]
    if len(decoded) == 1:
        return decoded[0]
    page = PILImage.new("RGB", (max(i.width for i in decoded), sum(i.height for i in decoded)), "white")
    top = 0
    for image in decoded:
        page.paste(image, (0, top))
        top += image.height
    return page


def _document_pages(package: _Package, root: str) -> Iterator[tuple[list[str], list[bytes]]]:
    """Each page of one document: its lines, and the images of a page without text."""
    document = package.xml(root, "OFD.xml DocRoot")
    base = posixpath.dirname(root)
    templates: dict[str, ElementTree.Element] = {}
    for template in _children(_find(document, "CommonData") or document, "TemplatePage"):
        location = template.get("BaseLoc")
        if template.get("ID") and location:
            templates[template.get("ID", "")] = package.xml(package.resolve(base, location), f"{root} TemplatePage")
    pages = _find(document, "Pages")
    if pages is None:
        raise ReadError(package.path, f"corrupt OFD: {root} lists no Pages")
    media: dict[str, str] | None = None  # looked up for the first page without text
    for page in _children(pages, "Page"):
        location = page.get("BaseLoc")
        if not location:
            raise ReadError(package.path, f"corrupt OFD: page {page.get('ID', '?')} of {root} has no BaseLoc")
        content = package.xml(package.resolve(base, location), root)
        parts = [templates[t.get("TemplateID", "")] for t in _children(content, "Template")
                 if t.get("TemplateID", "") in templates]
        parts.append(content)
        lines = _lines([piece for part in parts for piece in _pieces(part)])
        ids = [] if lines else [i for part in parts for i in _image_ids(part)]
        if ids and media is None:
            media = _media(package, base, document)
        yield lines, [package.read(media[i]) for i in ids if media and i in media]


def read_ofd(data: bytes, path: str) -> Extracted:
    """Read an ``.ofd`` file's bytes: every page's text, pages recorded; malformed files raise ``ReadError``."""
    check_archive(data, path, kind="OFD")
    package = _Package(data, path)
    entry = package.xml("OFD.xml", "the OFD standard (the package's entry)")
    roots = [_find(body, "DocRoot") for body in _children(entry, "DocBody")]
    locations = [(root.text or "").strip() for root in roots if root is not None and (root.text or "").strip()]
    if not locations:
        raise ReadError(path, "corrupt OFD: OFD.xml has no DocBody/DocRoot")
    texts: list[str] = []
    images: list[list[bytes]] = []
    for location in locations:
        for lines, page_images in _document_pages(package, package.resolve("", location)):
            texts.append("\n".join(lines))
            images.append(page_images)
    scanned = [i for i, (text, page_images) in enumerate(zip(texts, images, strict=True))
               if page_images and not text.strip()]
    if scanned:
        pictures = (page_image(path, images[i]) for i in scanned)  # decoded one at a time, as OCR reads them
        return ocr.fill_scanned(path, texts, scanned, pictures, key=hashlib.sha256(data).hexdigest(),
                                what="an OFD of page images")
    if not any(text.strip() for text in texts):
        raise ReadError(path, f"no text in {len(texts)} OFD page(s)")
    return join_pages(texts)
