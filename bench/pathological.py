"""Linear time on pathological input: long runs of one character through pipeline.extract.

    .venv/bin/python bench/pathological.py [--sizes 62500,125000,250000,500000,1000000] [--runs 1 一]

For each run (digits, 一, %, 第, 一点, 年, spaces …) prints the seconds per size (the best of
up to three runs within two seconds) and the ratio of the time at the largest size to the
time at the smallest, scaled by their size ratio: about 1 means linear, while a quadratic
regex would show the size ratio itself (16 for 62,500 → 1,000,000 characters).
"""

from __future__ import annotations

import argparse
import gc
import time

import pipeline

# The runs of issue 12 (one character or a short unit), then units that reach the patterns
# behind them: false friends (一届, 12号), paragraph breaks (spaces), salutations (和),
# quotations (“, “甲”。) and the outline (一、甲。).
RUNS = (
    "1", "一", "十", "9", "%", "第", "年", "万", "1,", "一点", "百分之", "超", "号", "届", "〔2023〕",
    "\n", " ", "\u3000",
    "点", "1.", "二十点五", "第一", "一届", "12号", "和", "“", "“甲”。", "一、甲。", "1天", "1岁",
)


def _seconds(text: str) -> float:
    """The best of up to three runs of ``pipeline.extract``, fewer once two seconds are
    spent: a short run timed once is at the mercy of the scheduler."""
    times: list[float] = []
    while len(times) < 3 and sum(times) < 2.0:
        gc.collect()  # the garbage of the run before is not collected on this run's clock
        start = time.perf_counter()
        pipeline.extract(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="62500,250000,1000000", help="characters per input, comma-separated")
    ap.add_argument("--runs", nargs="+", default=RUNS, help="units to repeat (default: RUNS)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pipeline.extract("一、关于2024年引入超6家央企研发中心的答复")  # lexicons and jieba load outside the clock
    print(f"{'run':10} " + " ".join(f"{s:>10,}" for s in sizes) + "   growth/linear")
    for unit in args.runs:
        times = [_seconds((unit * (size // len(unit) + 1))[:size]) for size in sizes]
        growth = (times[-1] / max(times[0], 1e-9)) / (sizes[-1] / sizes[0])
        print(f"{unit!r:10} " + " ".join(f"{t:10.2f}" for t in times) + f"   {growth:13.2f}")


if __name__ == "__main__":
    main()
