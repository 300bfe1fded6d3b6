"""What ``--tokens`` costs: ``run_batch`` with and without the tokens table, alternating rounds.

The texts are the trial folder's .txt files (``/work/base/corpus`` or ``--corpus``; at most
``--limit`` of each folder, as ``bench/peers.py --limit`` takes them), in one process
(``jobs=1``) like ``bench/peers.py``, Parquet + CSV written; the best of ``--rounds`` rounds
counts. The tokenizer's dictionary is loaded before the clocks.

    .venv/bin/python bench/tokens.py --limit 1000      # the issue's 1,074 texts
    .venv/bin/python bench/tokens.py                   # the 2,890 texts
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rerun import DEFAULT_CORPUS, copy_corpus  # the bench folder's own script

from pipeline.batch import run_batch


def timed(corpus: Path, out: Path, *, tokens: bool, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU: this process's, which is all of it with jobs=1)."""
    started, cpu = time.perf_counter(), time.process_time()
    run_batch([corpus], out=out, jobs=jobs, formats=("parquet", "csv"), tokens=tokens)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="at most N texts of each folder")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="dafu-tokens-") as tmp:
        corpus = Path(tmp) / "corpus"
        files = copy_corpus(args.corpus, corpus, args.limit)
        timed(corpus, Path(tmp) / "warm", tokens=True, jobs=1)  # imports, lexicons, the jieba dictionary
        best = {False: float("inf"), True: float("inf")}
        best_cpu = dict(best)
        for n in range(args.rounds):
            for tokens in (False, True):
                seconds, cpu = timed(corpus, Path(tmp) / f"out-{n}-{tokens}", tokens=tokens, jobs=args.jobs)
                best[tokens], best_cpu[tokens] = min(best[tokens], seconds), min(best_cpu[tokens], cpu)
                print(f"round {n + 1}: tokens={tokens}: {seconds:.2f} s, CPU {cpu:.2f} s", file=sys.stderr)
        kb = sum(f.stat().st_size for f in files) / 1000
    print(f"{len(files):,} texts, {kb:,.0f} KB; jobs={args.jobs}; load average before: {load:.2f}")
    print(f"without --tokens {best[False]:6.2f} s   CPU {best_cpu[False]:6.2f} s")
    print(f"with --tokens    {best[True]:6.2f} s   CPU {best_cpu[True]:6.2f} s   "
          f"ratio {best[True] / best[False]:.2f}x, CPU {best_cpu[True] / best_cpu[False]:.2f}x")


if __name__ == "__main__":
    main()
