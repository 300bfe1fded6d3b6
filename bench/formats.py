"""What Excel output costs on top of a Parquet + CSV run (issue 13 §4: at most 50 %).

    .venv/bin/python bench/formats.py /work/base/corpus            # the trial folder, one round
    .venv/bin/python bench/formats.py /work/base/corpus --repeat 3 # alternating rounds, best of each

Each round runs ``pipeline.run(folder, out=<fresh folder>, formats=...)`` once with
``("parquet", "csv")`` and once with ``("parquet", "csv", "xlsx")`` (alternating which goes
first), then writes the tables read back from the first run again with each format set
(``Tables.write``: the writing phase alone, without extraction). Prints a Markdown table
of the best times and the ratios; results are recorded in bench/README.md, "Output formats".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pipeline  # noqa: E402 — after the path above, so the checkout's own code is timed
from pipeline.tables import read_tables  # noqa: E402

PLAIN = ("parquet", "csv")
WITH_XLSX = ("parquet", "csv", "xlsx")


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the input folder (the trial: /work/base/corpus)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: RunOptions' default)")
    args = parser.parse_args()
    keywords = {} if args.jobs is None else {"jobs": args.jobs}
    best: dict[str, float] = {}

    def keep(key: str, seconds: float) -> None:
        best[key] = min(seconds, best.get(key, float("inf")))
        print(f"  {key}: {seconds:.1f} s", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="dafu-bench-formats-") as tmp:
        for round_ in range(args.repeat):
            order = (PLAIN, WITH_XLSX) if round_ % 2 == 0 else (WITH_XLSX, PLAIN)
            for formats in order:
                out = Path(tmp) / f"run-{round_}-{len(formats)}"
                keep(f"run {'+'.join(formats)}",
                     _timed(lambda f=formats, o=out: pipeline.run([str(args.folder)], out=o, formats=f, **keywords)))
            tables = read_tables(Path(tmp) / f"run-{round_}-2")
            for formats in order:
                out = Path(tmp) / f"write-{round_}-{len(formats)}"
                keep(f"write {'+'.join(formats)}", _timed(lambda f=formats, o=out, t=tables: t.write(o, f)))
        sizes = {f.name: f.stat().st_size for f in (Path(tmp) / "run-0-3").iterdir() if f.is_file()}
    files = sum(1 for _ in args.folder.rglob("*.txt"))
    print(f"{files} files, dafu.xlsx {sizes.get('dafu.xlsx', 0) / 2**20:.1f} MiB\n")
    print("| phase | parquet + csv (s) | parquet + csv + xlsx (s) | xlsx extra |")
    print("|---|---:|---:|---:|")
    for phase in ("run", "write"):
        plain, full = best[f"{phase} {'+'.join(PLAIN)}"], best[f"{phase} {'+'.join(WITH_XLSX)}"]
        print(f"| {phase} | {plain:.1f} | {full:.1f} | {100 * (full - plain) / plain:+.0f} % |")


if __name__ == "__main__":
    main()
