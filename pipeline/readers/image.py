"""Images (``.png``, ``.jpg``/``.jpeg``, ``.tif``/``.tiff``): a scanned reply, read by OCR.

Each frame of the file is a page (a multi-page TIFF is a whole letter); the pages are
recognised by :func:`pipeline.readers.ocr.recognise_images` and joined by ``"\\n"`` with
their spans, as a PDF's pages are. Without the ``dafu[ocr]`` extra the file is a
:class:`ReadError` saying how to install it.

>>> read_image(open("答复.png", "rb").read(), "答复.png").pages  # doctest: +SKIP
(Page(number=1, start=0, end=412),)
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipeline.errors import ReadError
from pipeline.readers import ocr
from pipeline.readers.source import Extracted, join_pages

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_PIXELS = 60_000_000  # a page at 600 dpi is 35 Mpx; above this a file is refused, not decoded


def frames(data: bytes, path: str) -> Iterator[Image]:
    """Each frame of an image file, as RGB; one too large or unreadable is a :class:`ReadError`."""
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    try:
        image = PILImage.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ReadError(path, f"image too large: {image.width}×{image.height} pixels > {MAX_PIXELS}")
        for frame in ImageSequence.Iterator(image):
            yield frame.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise ReadError(path, f"corrupt or unreadable image: {type(e).__name__}: {e}") from e


def read_image(data: bytes, path: str) -> Extracted:
    """Read an image file's bytes by OCR, a page per frame."""
    if not ocr.available():
        raise ReadError(path, ocr.missing_reason("an image"))
    pages = ocr.read_pages(path, frames(data, path), key=hashlib.sha256(data).hexdigest())
    if not any(page.text.strip() for page in pages):
        raise ReadError(path, f"OCR found no text in {len(pages)} page(s)")
    return join_pages((page.text for page in pages), warnings=ocr.warnings(pages, range(1, len(pages) + 1)),
                      ocr_confidence=ocr.document_confidence(pages))
