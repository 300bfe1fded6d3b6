"""OCR speed and accuracy (``dafu[ocr]``): the sample rendered as a sealed, slightly rotated,
noisy 200-dpi scan, read page by page.

Seconds per page, wall and CPU (every thread of the process counted), with one process and
with two processes reading at once (each a copy of the scan, so the figure is wall time /
pages done), each with onnxruntime's default (a thread per core) and with one intra-op
thread per process (what a batch of several workers uses); the load average before and
after is printed, since the machine may be shared. Accuracy is 1 - edit distance / length
of the sample's text against the recognised text, whitespace removed from both (the scan
adds line breaks, its mark ``A`` is in the reference). Once with the red seal removed
first (what dafu does), once without. Pages are drawn by ``tests/scans.py`` (a CJK font
is needed: ``fc-list :lang=zh``); no OCR cache is used.

    PYTHONPATH=$PWD .venv/bin/python bench/ocr.py [--lines-per-page 30] [--pages N] [--speed-only]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
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


def _warm(threads: int | None) -> None:
    """The engine's three models loaded (they load on first use): a strip of a page read."""
    page = render_pages("关于提案的答复\n2024年6月3日", mark=None, seal=False)[0]
    with ocr.ocr_context(threads=threads):
        ocr.recognise(page.crop((0, 0, page.width, 400)))


def _timed_read(path: str, threads: int | None = None) -> tuple[float, float, str]:
    """Wall and CPU seconds (all the process's threads) to read ``path``, and its text."""
    with ocr.ocr_context(threads=threads):
        wall, cpu = time.perf_counter(), time.process_time()
        text = read_source(path).text
        return time.perf_counter() - wall, time.process_time() - cpu, text


def _in_pool(scan: str, threads: int | None, processes: int) -> tuple[float, float]:
    """Wall seconds for ``processes`` processes reading a copy of ``scan`` each, and their CPU seconds."""
    # spawn: fresh processes, not forks of this one, whose onnxruntime thread pools are running
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_warm, [threads] * processes))  # the workers started, their models loaded
        time.sleep(1)
        start = time.perf_counter()
        done = list(pool.map(_timed_read, [scan] * processes, [threads] * processes))
        return time.perf_counter() - start, sum(cpu for _, cpu, _ in done)


def _line(what: str, pages: int, wall: float, cpu: float) -> str:
    return f"{what}: {wall / pages:.1f} s/page wall, {cpu / pages:.1f} CPU s/page ({pages} pages in {wall:.0f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines-per-page", type=int, default=30)
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages (default: all)")
    parser.add_argument("--speed-only", action="store_true", help="skip the run with the seal left in")
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    drawn = render_pages(text, lines_per_page=args.lines_per_page)[: args.pages]
    pages = [degrade(p, seed=n) for n, p in enumerate(drawn)]
    reference = "A" + text if args.pages is None else None
    n = len(pages)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        scan = str(write_pdf(pages, Path(tmp) / "scan.pdf"))
        for threads, label in ((None, "every core"), (1, "1 thread")):
            _warm(threads)  # the models loaded before the clock starts
            wall, cpu, recognised = _timed_read(scan, threads)
            score = f", accuracy {accuracy(reference, recognised):.2%}" if reference else ""
            print(_line(f"1 process, {label}", n, wall, cpu) + score)
        for threads, label in ((None, "every core each"), (1, "1 thread each")):
            wall, cpu = _in_pool(scan, threads, 2)
            print(_line(f"2 processes, {label}", 2 * n, wall, cpu))
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        if not args.speed_only:
            ocr.remove_seal = lambda image: image.convert("RGB")  # type: ignore[assignment]
            wall, cpu, recognised = _timed_read(scan)
            score = f", accuracy {accuracy(reference, recognised):.2%}" if reference else ""
            print(_line("seal left in, 1 process", n, wall, cpu) + score)


if __name__ == "__main__":
    main()
