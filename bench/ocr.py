"""OCR speed and accuracy (``dafu[ocr]``): the sample rendered as a sealed, slightly rotated,
noisy 200-dpi scan, read page by page.

Seconds per page with one process, and with two processes reading at once (each a copy of
the scan, so the figure is wall time / pages done); accuracy is 1 - edit distance / length
of the sample's text against the recognised text, whitespace removed from both (the scan
adds line breaks, its mark ``A`` is in the reference). Once with the red seal removed
first (what dafu does), once without. Pages are drawn by ``tests/scans.py`` (a CJK font
is needed: ``fc-list :lang=zh``); no OCR cache is used.

    PYTHONPATH=$PWD .venv/bin/python bench/ocr.py [--pages-per-line 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scans import degrade, render_pages, write_pdf  # noqa: E402

from pipeline.readers import ocr, read_source  # noqa: E402

SAMPLE = ROOT / "corpora" / "futian-2024079-reply.txt"


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, two rows at a time."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(reference: str, recognised: str) -> float:
    ref, got = "".join(reference.split()), "".join(recognised.split())
    return 1 - edit_distance(ref, got) / len(ref)


def _read(path: str) -> str:
    return read_source(path).text


def _warm(_: int) -> None:
    ocr._engine()
    time.sleep(1)  # both workers get one


def _timed_read(path: Path, *, seal_removed: bool = True) -> tuple[float, str]:
    if not seal_removed:
        ocr.remove_seal = lambda image: image.convert("RGB")  # type: ignore[assignment]
    start = time.perf_counter()
    text = _read(str(path))
    return time.perf_counter() - start, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines-per-page", type=int, default=30)
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    pages = [degrade(p, seed=n) for n, p in enumerate(render_pages(text, lines_per_page=args.lines_per_page))]
    reference = "A" + text
    with tempfile.TemporaryDirectory() as tmp:
        scan = write_pdf(pages, Path(tmp) / "scan.pdf")
        ocr._engine()  # the models loaded before the clock starts
        seconds, recognised = _timed_read(scan)
        print(f"{len(pages)} pages, seal removed: {seconds / len(pages):.1f} s/page (1 process), "
              f"accuracy {accuracy(reference, recognised):.2%}")
        with ProcessPoolExecutor(2) as pool:
            list(pool.map(_warm, [0, 1]))  # the workers started, their models loaded
            start = time.perf_counter()
            list(pool.map(_read, [str(scan), str(scan)]))
            both = time.perf_counter() - start
        print(f"two processes: {both / (2 * len(pages)):.1f} s/page ({2 * len(pages)} pages in {both:.0f} s)")
        seconds, recognised = _timed_read(scan, seal_removed=False)
        print(f"seal left in: {seconds / len(pages):.1f} s/page, accuracy {accuracy(reference, recognised):.2%}")


if __name__ == "__main__":
    main()
