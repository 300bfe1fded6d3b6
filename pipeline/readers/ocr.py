"""OCR: the text of page images (scanned PDF pages, ``.png``/``.jpg``/``.tif`` files), offline.

Optional (``pip install 'dafu[ocr]'``): RapidOCR 3 on onnxruntime with the PP-OCR small
models that ship inside its wheel. The model paths are pinned to those files, so nothing is
ever downloaded (RapidOCR's own configuration names models it would fetch from the network).

:func:`recognise_images` is the entry point every reader uses (the PDF and OFD readers for
pages without a text layer, through :func:`fill_scanned`; the image reader): page images
in, one :class:`OcrPage` per image out — its text, one line per printed line, and the
engine's mean confidence. Before recognition the red of an official seal is whitened (the
seal otherwise hides the issuer and the date under it); after it, page-number lines
(``— 2 —`` comes back as ``一2一``) are dropped. The lines are left for
:func:`pipeline.text.normalise` to join into paragraphs, by the same rules as a PDF's lines.
The handling-category mark printed at the top right of page one (``A``) stays a line of
its own.

>>> [(p.text[:6], round(p.confidence or 0, 2)) for p in recognise_images([scan])]  # doctest: +SKIP
[('关于区政协六', 0.99)]
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pipeline.errors import MissingDependencyError, ReadError
from pipeline.readers.source import Extracted, join_pages

if TYPE_CHECKING:
    from PIL.Image import Image

DPI = 200  # the measurements: 300 dpi reads no better and takes longer
LOW_CONFIDENCE = 0.85  # a page whose mean confidence is below it gets a warning
INSTALL_HINT = "pip install 'dafu[ocr]'"
# The models inside the rapidocr wheel (rapidocr/models/), by RapidOCR's config section.
MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
          "Rec": "PP-OCRv6_rec_small.onnx"}

# A page number alone on a line: "— 2 —", "-2-", and "一2一" as OCR reads the em dashes.
_DASH = r"[-—–－一―_~～]"
_PAGE_NUMBER = re.compile(rf"{_DASH}+\s*\d{{1,3}}\s*{_DASH}+|第\s*\d{{1,3}}\s*页(?:\s*[,，/]?\s*共\s*\d{{1,3}}\s*页)?")
# A seal's red: clearly more red than green and blue; its paler edges are white in the red channel.
_SEAL_MIN_RED = 110
_SEAL_MIN_MARGIN = 40


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One printed line: its text, the engine's confidence (0-1) and its box in pixels."""

    text: str
    confidence: float
    box: tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One page image recognised: its lines joined by ``"\\n"``; ``confidence`` is the mean over
    its characters (None when nothing was found on it)."""

    text: str
    confidence: float | None
    lines: tuple[OcrLine, ...] = ()


class PageCache(Protocol):
    """Where recognised pages are kept between runs, keyed by the file's SHA-256 and the page
    number (``pipeline.batch.ocrcache`` keeps them in the output folder)."""

    def get(self, key: str, page: int) -> OcrPage | None: ...

    def put(self, key: str, page: int, result: OcrPage) -> None: ...


# Set by the batch around one file (see :func:`ocr_context`); readers only read them.
_ON_PAGE: ContextVar[Callable[[], None] | None] = ContextVar("dafu_ocr_on_page", default=None)
_CACHE: ContextVar[PageCache | None] = ContextVar("dafu_ocr_cache", default=None)
_THREADS: ContextVar[int | None] = ContextVar("dafu_ocr_threads", default=None)


@contextlib.contextmanager
def ocr_context(*, on_page: Callable[[], None] | None = None, cache: PageCache | None = None,
                threads: int | None = None) -> Iterator[None]:
    """Within the block, call ``on_page`` before each page is recognised (the batch's time limit
    grows by a page's worth, the progress counts a page), keep recognised pages in ``cache``, and
    run the engine on ``threads`` threads (None: onnxruntime's default, every core; a batch of
    several worker processes gives 1, so that its workers do not fight over the cores)."""
    tokens = (_ON_PAGE.set(on_page), _CACHE.set(cache), _THREADS.set(threads))
    try:
        yield
    finally:
        _ON_PAGE.reset(tokens[0])
        _CACHE.reset(tokens[1])
        _THREADS.reset(tokens[2])


def available() -> bool:
    """Whether the OCR extra is installed (RapidOCR, onnxruntime and Pillow importable)."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "PIL"))


def missing_reason(what: str) -> str:
    """A problem's reason for ``what`` (``an image``) when the extra is absent."""
    return f"{what} needs OCR, which is not installed: {INSTALL_HINT}"


def model_paths() -> dict[str, Path]:
    """The three model files inside the installed rapidocr wheel, by config section."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise MissingDependencyError(f"OCR is not installed: {INSTALL_HINT}")
    folder = Path(spec.origin).parent / "models"
    paths = {section: folder / name for section, name in MODELS.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:  # never let RapidOCR fall back to downloading them
        raise MissingDependencyError(f"OCR models missing from the rapidocr wheel: {', '.join(missing)}; "
                                     f"reinstall with {INSTALL_HINT}")
    return paths


def engine_id() -> str:
    """What recognised a page: the engine's version, its models, the resolution, the seal step.
    A cached page read by another engine is read again."""
    from importlib.metadata import version

    models = ", ".join(MODELS.values())
    return f"rapidocr {version('rapidocr')}; {models}; {DPI} dpi; red seal removed"


@lru_cache(maxsize=2)
def _engine(threads: int | None = None) -> Any:
    """The engine, its models loaded once per process (per thread setting: ``threads`` intra-op
    threads of each onnxruntime session, None for onnxruntime's default of one per core)."""
    if not available():
        raise MissingDependencyError(f"OCR is not installed: {INSTALL_HINT}")
    from rapidocr import RapidOCR

    params: dict[str, Any] = {f"{section}.model_path": str(path) for section, path in model_paths().items()}
    params["Global.log_level"] = "critical"  # library code: no log lines on the user's terminal
    params["Global.model_root_dir"] = str(model_paths()["Rec"].parent)  # if ever consulted: the wheel's own
    if threads is not None:  # RapidOCR passes these to every session's SessionOptions (-1: the default)
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
        params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
    return RapidOCR(params=params)


def remove_seal(image: Image) -> Image:
    """The page as the red channel sees it, with clearly red pixels white: black print stays
    black, a red seal (and a red letterhead) goes, its pink anti-aliased edges with it."""
    import numpy as np
    from PIL import Image as PILImage

    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    red = (r >= _SEAL_MIN_RED) & (r - np.maximum(g, b) >= _SEAL_MIN_MARGIN)
    gray = np.where(red, 255, r).astype(np.uint8)
    return PILImage.fromarray(gray, "L").convert("RGB")


def read_pages(path: str, images: Iterable[Image], *, key: str | None = None,
               numbers: Sequence[int] | None = None) -> list[OcrPage]:
    """:func:`recognise_images` for a reader: an engine that cannot start is a
    :class:`~pipeline.errors.ReadError` naming ``path``, which the batch makes a problem row."""
    try:
        return recognise_images(images, key=key, numbers=numbers)
    except MissingDependencyError as e:
        raise ReadError(path, str(e)) from e


def fill_scanned(path: str, texts: Sequence[str], scanned: Sequence[int], images: Iterable[Image], *,
                 key: str, what: str) -> Extracted:
    """A paged file's ``texts`` (one per page) with its scanned pages (0-based indexes
    ``scanned``, pages without a text layer) read by OCR from ``images`` (one per scanned page,
    in order, consumed only when the extra is installed), joined with their page spans,
    warnings and mean confidence. The PDF and OFD readers share it.

    Without the extra, a file whose every page is scanned is a :class:`ReadError` naming
    ``what`` (``a scanned PDF``) and how to install it; one with text pages too keeps them,
    the scanned pages left out with a warning saying the same.
    """
    numbers = [i + 1 for i in scanned]
    if not available():
        if len(scanned) == len(texts):
            raise ReadError(path, f"no text layer in {len(texts)} page(s): {what}; " + missing_reason("reading it"))
        return join_pages(texts, warnings=(f"page(s) {', '.join(map(str, numbers))} have no text layer (scanned) "
                                           "and were left out: " + missing_reason("reading them"),))
    pages = read_pages(path, images, key=key, numbers=numbers)
    if not any(text.strip() for text in texts) and not any(page.text.strip() for page in pages):
        raise ReadError(path, f"no text layer in {len(texts)} page(s), and OCR found no text on them")
    filled = list(texts)
    for i, page in zip(scanned, pages, strict=True):
        filled[i] = page.text
    return join_pages(filled, warnings=warnings(pages, numbers), ocr_confidence=document_confidence(pages))


def recognise_images(images: Iterable[Image], *, key: str | None = None,
                     numbers: Sequence[int] | None = None) -> list[OcrPage]:
    """The text of each page image, in order. ``key`` (the file's SHA-256) lets a cache set by
    :func:`ocr_context` give back pages recognised before; ``numbers`` are the images' page
    numbers in the file (default 1, 2, …). ``images`` may be a generator (pages rendered one at
    a time, so that a long scan never holds all its bitmaps at once).

    Raises :class:`~pipeline.errors.MissingDependencyError` without the OCR extra.
    """
    cache = _CACHE.get() if key else None
    pages: list[OcrPage] = []
    for i, image in enumerate(images):
        number = numbers[i] if numbers is not None else i + 1
        found = cache.get(key, number) if cache is not None and key else None
        if found is None:
            found = recognise(image)
            if cache is not None and key:
                cache.put(key, number, found)
        pages.append(found)
    return pages


def document_confidence(pages: Sequence[OcrPage]) -> float | None:
    """The mean confidence over every recognised character of ``pages``."""
    return mean_confidence([line for page in pages for line in page.lines])


def warnings(pages: Sequence[OcrPage], numbers: Sequence[int]) -> tuple[str, ...]:
    """``Source.warnings`` lines for the pages read with a low confidence, or with no text at all."""
    found = []
    for page, number in zip(pages, numbers, strict=True):
        if page.confidence is None:
            found.append(f"page {number}: OCR found no text on it")
        elif page.confidence < LOW_CONFIDENCE:
            found.append(f"page {number}: OCR confidence {page.confidence:.2f} is below {LOW_CONFIDENCE:.2f}; "
                         "check its text against the scan")
    return tuple(found)


def recognise(image: Image) -> OcrPage:
    """One page image: seal removed, recognised, lines in reading order, page numbers dropped."""
    engine = _engine(_THREADS.get())  # before the hook: a missing extra is not a page's time
    hook = _ON_PAGE.get()
    if hook is not None:
        hook()
    import numpy as np

    result = engine(np.asarray(remove_seal(image)))
    boxes = [] if result.boxes is None else result.boxes.tolist()
    lines = _lines(boxes, list(result.txts or ()), [float(s) for s in (result.scores or ())])
    kept = tuple(line for line in lines if not page_number_line(line.text))
    return OcrPage("\n".join(line.text for line in kept), mean_confidence(kept), kept)


def page_number_line(text: str) -> bool:
    """Whether an OCR'd line is a page number alone: ``— 2 —`` (read as ``一2一``), ``第3页``.

    >>> page_number_line("一2一"), page_number_line("一是加强")
    (True, False)
    """
    return _PAGE_NUMBER.fullmatch(text.strip()) is not None


def mean_confidence(lines: Sequence[OcrLine]) -> float | None:
    """The mean confidence over the characters of ``lines`` (None for none)."""
    total = sum(len(line.text) for line in lines)
    if not total:
        return None
    return sum(line.confidence * len(line.text) for line in lines) / total


def _lines(boxes: Sequence[Sequence[Sequence[float]]], texts: Sequence[str],
           scores: Sequence[float]) -> list[OcrLine]:
    """The detected boxes as printed lines: boxes whose vertical extents mostly overlap are one
    line, left to right, a wide gap kept as a space; lines from top to bottom."""
    pieces = sorted(
        (OcrLine(text, score, (min(x for x, _ in box), min(y for _, y in box),
                               max(x for x, _ in box), max(y for _, y in box)))
         for box, text, score in zip(boxes, texts, scores, strict=True) if text.strip()),
        key=lambda p: (p.box[1] + p.box[3]) / 2)
    rows: list[list[OcrLine]] = []
    for piece in pieces:
        if rows and _same_row(rows[-1][-1], piece):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return [_merge(row) for row in rows]


def _same_row(a: OcrLine, b: OcrLine) -> bool:
    overlap = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    return overlap > 0.5 * min(a.box[3] - a.box[1], b.box[3] - b.box[1])


def _merge(row: list[OcrLine]) -> OcrLine:
    row = sorted(row, key=lambda p: p.box[0])
    height = max(p.box[3] - p.box[1] for p in row)
    text = row[0].text
    for before, piece in itertools.pairwise(row):
        text += (" " if piece.box[0] - before.box[2] > height else "") + piece.text
    box = (row[0].box[0], min(p.box[1] for p in row), max(p.box[2] for p in row), max(p.box[3] for p in row))
    return OcrLine(text, mean_confidence(row) or 0.0, box)
