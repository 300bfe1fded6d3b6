"""Linear time on pathological input: long runs of one character through pipeline.extract.

    .venv/bin/python bench/pathological.py [--sizes 62500,125000,250000,500000,1000000]

For each run (digits, 一, %, 第, 一点, 年 …) prints the seconds per size and the ratio of the
time at the largest size to the time at the smallest, scaled by their size ratio: about 1
means linear, while a quadratic regex would show the size ratio itself (16 for 62,500 →
1,000,000 characters).
"""

from __future__ import annotations

import argparse
import time

import pipeline

RUNS = ("1", "一", "%", "第", "年", "万", "十", "点", "一点", "1,", "1.", "二十点五", "百分之", "超")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="62500,250000,1000000", help="characters per input, comma-separated")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'run':10} " + " ".join(f"{s:>10,}" for s in sizes) + "   growth/linear")
    for unit in RUNS:
        times = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            pipeline.extract(text)
            times.append(time.perf_counter() - start)
        growth = (times[-1] / max(times[0], 1e-9)) / (sizes[-1] / sizes[0])
        print(f"{unit!r:10} " + " ".join(f"{t:10.2f}" for t in times) + f"   {growth:13.2f}")


if __name__ == "__main__":
    main()
