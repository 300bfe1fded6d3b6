"""Two checkouts of dafu, and jieba.lcut, timed in turn in fresh processes (CPU seconds).

    git archive <commit> | tar -x -C /tmp/base                 # the code before, in a folder of its own
    .venv/bin/python bench/ab_commits.py --rounds 4 /tmp/base . jieba

Each round runs, for each checkout named, ``pipeline.run`` (jobs=1, Parquet + CSV) over the
texts ``bench/throughput.py --limit 300`` takes (374 .txt files, written once into
``--texts``), after a warm-up run over one of them so that the engine is loaded before the
clock; for the name ``jieba``, ``jieba.lcut`` over the same texts after
``jieba.initialize()``. Prints the minimum, the median and each round's CPU seconds.

Taking turns is what makes two commits comparable on a machine whose speed drifts: in
session 6 jieba's own CPU time on the same texts moved by up to 30 % between runs minutes
apart, more than most changes being measured.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from throughput import write_corpus

_CHILD = r"""
import glob, os, shutil, sys, time
root, texts, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
files = sorted(glob.glob(os.path.join(texts, "*", "*.txt")))
if root == "jieba":
    import jieba
    jieba.initialize()
    contents = [open(p, encoding="utf-8").read() for p in files]
    started = time.process_time()
    for text in contents:
        jieba.lcut(text)
    print(time.process_time() - started)
    sys.exit()
sys.path.insert(0, root)
import pipeline
warm = os.path.join(scratch, "warm")
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(warm)
shutil.copy(files[0], warm)
pipeline.run([warm], out=os.path.join(scratch, "warm-out"), jobs=1, formats=("parquet", "csv"))
started = time.process_time()
pipeline.run([texts], out=os.path.join(scratch, "out"), jobs=1, formats=("parquet", "csv"))
print(time.process_time() - started)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sides", nargs="+", help="checkout folders, or 'jieba'")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--texts", type=Path, default=Path("/tmp/dafu-ab-texts"))
    args = parser.parse_args()
    if not args.texts.exists():
        write_corpus(args.texts, 300)
    seconds: dict[str, list[float]] = {side: [] for side in args.sides}
    for _ in range(args.rounds):
        for side in args.sides:
            root = side if side == "jieba" else str(Path(side).resolve())
            done = subprocess.run([sys.executable, "-c", _CHILD, root, str(args.texts), "/tmp/dafu-ab-scratch"],
                                  capture_output=True, text=True, check=True)
            seconds[side].append(float(done.stdout.split()[-1]))
    for side, values in seconds.items():
        rounds = " ".join(f"{v:.2f}" for v in values)
        print(f"{side}: min {min(values):.2f} s, median {statistics.median(values):.2f} s CPU ({rounds})")


if __name__ == "__main__":
    main()
