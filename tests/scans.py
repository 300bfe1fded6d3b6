"""Scanned pages for the OCR tests: text drawn with a CJK font on A4 at 200 dpi, a red seal over
the signature, a handling-category mark at the top right of page one, page numbers ``— n —``.

Needs Pillow and a CJK font (``fc-list :lang=zh``; ``make test`` installs fonts-wqy-zenhei as
root); :func:`cjk_font` is None without one, and the tests skip saying so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

DPI = 200
PAGE = (1654, 2339)  # A4 at 200 dpi
MARGIN = 200
FONT_PX = 44  # 16 pt at 200 dpi, the size of official letters
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
DATE = re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The path of an installed font with Chinese glyphs, or None."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    return files[0] if files else None


def _wrap(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        paragraph = "\u3000\u3000" + paragraph  # the two-character indent of a paragraph
        while paragraph:
            lines.append(paragraph[:CHARS_PER_LINE])
            paragraph = paragraph[CHARS_PER_LINE:]
    return lines


def _seal(image: Image.Image, centre: tuple[int, int], font: ImageFont.FreeTypeFont) -> Image.Image:
    """The page with a red seal stamped on it: ink multiplies, so print under the seal stays dark."""
    layer = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(layer)
    x, y = centre
    red = (220, 30, 40)
    draw.ellipse((x - 170, y - 170, x + 170, y + 170), outline=red, width=10)
    draw.regular_polygon((x, y, 45), 5, fill=red)
    draw.text((x - 150, y + 60), "深圳市福田区公章", fill=red, font=font)
    return ImageChops.multiply(image, layer)


def render_pages(text: str, *, mark: str | None = "A", seal: bool = True,
                 lines_per_page: int = LINES_PER_PAGE) -> list[Image.Image]:
    """``text`` (paragraphs, one a line) as scanned A4 pages at 200 dpi; the seal is stamped
    over the last date line (the signature's), as an agency seals its letter."""
    path = cjk_font()
    if path is None:
        raise RuntimeError("no CJK font installed")
    font = ImageFont.truetype(path, FONT_PX)
    small = ImageFont.truetype(path, 36)
    lines = _wrap(text)
    step = (PAGE[1] - 2 * MARGIN) // lines_per_page
    dated = [i for i, line in enumerate(lines) if DATE.search(line)]
    pages = []
    for n, start in enumerate(range(0, len(lines), lines_per_page), start=1):
        image = Image.new("RGB", PAGE, "white")
        draw = ImageDraw.Draw(image)
        if n == 1 and mark:
            draw.text((PAGE[0] - MARGIN - 60, MARGIN - 100), mark, fill="black", font=font)
        stamp = None
        for i, line in enumerate(lines[start : start + lines_per_page]):
            draw.text((MARGIN, MARGIN + i * step), line, fill="black", font=font)
            if seal and dated and start + i == dated[-1]:
                stamp = (MARGIN + 40 + FONT_PX * 4, MARGIN + i * step + FONT_PX // 2)
        draw.text((PAGE[0] // 2 - 60, PAGE[1] - MARGIN + 60), f"— {n} —", fill="black", font=font)
        pages.append(_seal(image, stamp, small) if stamp else image)
    return pages


def degrade(page: Image.Image, *, degrees: float = 0.4, noise: float = 12.0, seed: int = 0) -> Image.Image:
    """The page as a scanner leaves it: slightly rotated, with grey noise (``noise``: its
    standard deviation in grey levels)."""
    import numpy as np

    rotated = page.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor="white")
    pixels = np.asarray(rotated).astype(np.float32)
    pixels += np.random.default_rng(seed).normal(0.0, noise, pixels.shape[:2])[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def write_pdf(pages: list[Image.Image], path: Path) -> Path:
    """The pages as an image-only PDF (no text layer), 200 dpi."""
    pages[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return path


def write_png(page: Image.Image, path: Path) -> Path:
    page.save(path, "PNG", dpi=(DPI, DPI))
    return path
