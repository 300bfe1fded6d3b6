"""Quantity extraction vs. jieba segmentation on the same text, in one process.

    .venv/bin/python bench/extract_speed.py [--repeat 3]

Reads the 74 government work reports from ../shared/corpora-external (not shipped with
dafu; the script says so and exits when they are absent), then times
the quantity engine alone, ``pipeline.extract`` (outline, sentences, quantities) and
``jieba.lcut`` over the same texts, alternating rounds so
that machine noise hits both, and prints throughputs and their ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import jieba

import pipeline
from pipeline.quantities.engine import extract_quantities
from pipeline.text.normalise import normalise

REPORTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora-external" / "lawtext-gov-work-reports"


def load_texts() -> list[str]:
    path = REPORTS / "gov_work_reports.jsonl"
    if not path.exists():
        sys.exit(f"corpus not found: {path} (it lives in ../shared, beside the project)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def timed(fn: object, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)  # type: ignore[operator]
    return time.perf_counter() - start


def quantities_only(text: str) -> object:
    """The quantity engine alone: normalise and find quantities, no outline."""
    return list(extract_quantities(normalise(text), None))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="alternating rounds; the best of each is kept")
    args = ap.parse_args()
    texts = load_texts()
    chars = sum(len(t) for t in texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    jieba.setLogLevel(60)
    jieba.initialize()
    pipeline.extract(texts[0])  # load lexicons and compile patterns once
    best = {"engine": float("inf"), "dafu": float("inf"), "jieba": float("inf")}
    quantities = sum(len(pipeline.extract(t).quantities) for t in texts)
    for _ in range(args.repeat):
        best["engine"] = min(best["engine"], timed(quantities_only, texts))
        best["dafu"] = min(best["dafu"], timed(pipeline.extract, texts))
        best["jieba"] = min(best["jieba"], timed(jieba.lcut, texts))
    print(f"{len(texts)} documents, {chars:,} characters ({mb:.2f} MB UTF-8), {quantities:,} quantities")
    print(f"{'':24} {'seconds':>8} {'MB/s':>7} {'chars/s':>10}")
    rows = (("engine", "quantities alone"), ("dafu", "pipeline.extract"), ("jieba", "jieba.lcut"))
    for name, label in rows:
        t = best[name]
        print(f"{label:24} {t:8.2f} {mb / t:7.2f} {chars / t:10,.0f}")
    print(f"ratio jieba / quantities alone: {best['jieba'] / best['engine']:.2f}x")
    print(f"ratio jieba / pipeline.extract (outline, sentences, quantities): {best['jieba'] / best['dafu']:.2f}x")


if __name__ == "__main__":
    main()
